"""Answers read from the text itself: sections, enumerations, counts, comparisons, cross-document mentions, passages."""
from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

import cn2an

from graph.records import Evidence, Item
from graph.numerals import simplified
from search import focus as F
from search.knowledge import Knowledge
from search.question import (MAX_LABEL, Question, corpus_key, dedupe, documents_about, entity_names,
                             series_members, term_in, topic_units, variants)
from search.records import Answer
from search.sentences import Sentence, clause_around, clauses, folded
from search.values import year_context

if TYPE_CHECKING:
    from search.corpus import Corpus

def section_lookup(q: Question, ws: "Corpus", k: Knowledge) -> Answer:
    from search.structure import structure

    outline = structure(q, ws, k)
    if outline is not None:
        return outline
    enumerated = _enumeration(q, k) or ordinal_steps(q, k)
    if enumerated is not None:
        return enumerated
    if q.projects:
        placed = _project_section(q, ws, k, content=bool(CONTENT_ASKED.search(q.text)) and not WHERE_ASKED.search(q.text))
        if placed is not None:
            return placed
    titled = _titled_section(q, ws, k)
    if titled is not None:
        return titled
    hits = _passages(q, ws, k, limit=3, cover=True)
    if not hits:
        return Answer(q.text, F.SECTION, False, "语料中没有找到相关部分。")
    best = hits[0]
    doc = ws.documents.get(best.doc_id)
    items = []
    for section in doc.sections if doc else ():
        if section.heading and section.heading.path == best.section_path[: len(section.heading.path)]:
            h = section.heading
            items.append(Item(h.text, "Section", section.section_id,
                              (Evidence(best.source, best.doc_id, h.path, h.char_start, h.char_end, h.text, "outline"),),
                              {"level": h.level}))
    where = " > ".join(best.section_path) or best.title
    return Answer(q.text, F.SECTION, True, f"相关内容在《{best.title}》「{where}」。", tuple(items),
                  (best.evidence(),))


def _titled_section(q: Question, ws: "Corpus", k: Knowledge) -> Answer | None:
    """A heading that names the question's topic (文旅名县 → (三)培育一批文旅名县) is where the text discusses it."""
    docs = {d.attrs.get("doc_id") for d in q.documents}
    for term in sorted((t for t in q.terms if len(t) >= 2 and re.search(r"[\u4e00-\u9fff]", t)), key=len, reverse=True):
        for doc_id, source, h in k.headings:
            if term in h.text and (not docs or doc_id in docs):
                doc = ws.documents.get(doc_id)
                items = [Item(a.text, "Section", f"{doc_id}#{a.char_start}",
                              (Evidence(source, doc_id, a.path, a.char_start, a.char_end, a.text, "outline"),),
                              {"level": a.level})
                         for a in doc.headings if tuple(a.path) == tuple(h.path[: len(a.path)])]
                title = doc.metadata.title or doc.document.title_hint or source
                answer = Answer(q.text, F.SECTION, True, f"相关内容在《{title}》「{' > '.join(h.path)}」。",
                                tuple(items), items[-1].citations if items else ())
                if SUBTOPICS_ASKED.search(q.text):
                    # "…and what subtopics does it cover": where it stands, then what it holds
                    from search.structure import children, section_text

                    kids = children(k.headings_of(doc_id), h)
                    held = (tuple(Item(c.text, "Section", f"{doc_id}#{c.char_start}", (Evidence(
                        source, doc_id, c.path, c.char_start, c.char_end, c.text, "outline"),)) for c in kids)
                        if kids else section_text(q, ws, k, doc_id, h, clauses=True).items)
                    answer = Answer(q.text, F.SECTION, True, answer.answer + "下含:" + "、".join(
                        i.label for i in held[:MAX_ANSWER_CLAUSES]) + "。", answer.items + held[:MAX_ANSWER_CLAUSES],
                        answer.citations)
                return answer
    return None


# A question that asks where a topic is and what it holds.
SUBTOPICS_ASKED = re.compile(r"哪些小标题|哪些方面|包括哪些|包含哪些|下设|subtopics?|sub-?headings|subsections|what (?:does it|do they) "
                             r"(?:cover|include|contain)", re.I)


# "X包括哪些内容", "what does X involve": the text of the section that sets X out, not where it stands.
CONTENT_ASKED = re.compile(r"包括哪些|包含哪些|哪些内容|什么内容|具体内容|有哪些举措|有哪些措施|\bwhat does .* (?:include|involve|cover)\b",
                           re.I)


def _project_section(q: Question, ws: "Corpus", k: Knowledge, content: bool = False) -> Answer | None:
    """Where a named project is set out: the section about it, as the chain of headings above it (or, when
    its content is asked, the sentences of that section)."""
    from search.graph_answers import home_section

    project = q.projects[0]
    home = home_section(project, ws, k)
    if home is None:
        return None
    path = home.attrs.get("path") or [home.label]
    cite = home.citations[0] if home.citations else None
    if cite is None or (q.documents and cite.doc_id not in q.document_ids()):
        return None       # the project's own section is in another document than the one asked about
    doc = ws.documents.get(cite.doc_id)
    if content and doc is not None:
        from search.structure import section_text

        heading = next((h for h in doc.headings if tuple(h.path) == tuple(path)), None)
        if heading is not None:
            return section_text(q, ws, k, cite.doc_id, heading, clauses=True)
    items = []
    for section in doc.sections if doc else ():
        h = section.heading
        if h and tuple(h.path) == tuple(path[: len(h.path)]):
            items.append(Item(h.text, "Section", section.section_id,
                              (Evidence(doc.document.source, cite.doc_id, h.path, h.char_start, h.char_end, h.text,
                                        "outline"),), {"level": h.level}))
    title = doc.metadata.title if doc else ""
    return Answer(q.text, F.SECTION, True, f"{project.label}在《{title}》「{' > '.join(path)}」。",
                  tuple(items), tuple(home.citations[:1]))


ENUM_VERBS = re.compile(r"(实施|建设|推进|开展|打造|推动|启动|包括|重点|着力|加快|组织|抓好)")


WHERE_ASKED = re.compile(r"哪一?(?:部分|章|节|篇|段|条)|在哪|\b(?:where|which (?:part|chapter|section))\b", re.I)


def _enumeration(q: Question, k: Knowledge) -> Answer | None:
    """'“十大工程”分别是什么' → split the sentence that lists them at 、/和/及."""
    if WHERE_ASKED.search(q.text):
        return None       # "哪一部分是…": asked where, not what a list holds
    docs = set(q.document_ids())
    keys = list(q.quoted)
    m = re.search(r"([一二三四五六七八九十百\d]+大[\u4e00-\u9fff]{1,4}?)(?:分别|是|有|包括|包含|指|都|[？?]|$)", q.text)
    if m:
        keys.append(m.group(1))
    for key in keys:
        for s in k.containing(key):
            if docs and s.doc_id not in docs:
                continue
            pos = s.text.find("等" + key)
            end = pos if pos >= 0 else s.text.find(key)
            if end <= 0:
                continue
            verbs = [v.end() for v in ENUM_VERBS.finditer(s.text, 0, end)]
            start = max([0] + verbs + [c.end() for c in re.finditer(r"[,，:：;；]", s.text[:end])])
            parts = _split_list(s.text, start, end)
            if len(parts) >= 2:
                items = tuple(Item(s.text[a:b], "Project", f"{s.doc_id}#{s.char_start + a}", (s.evidence(a, b),))
                              for a, b in parts)
                return Answer(q.text, F.SECTION, True, f"{key}共{len(items)}项:" +
                              "、".join(i.label for i in items) + "。", items, (s.evidence(),))
    return None


NUMERAL_VALUE = {c: i for i, c in enumerate("一二三四五六七八九十", 1)} | {"两": 2}
LIST_ANNOUNCED = re.compile(r"^\s*(?:”|\")?\s*(?:的?方针|的?要求|的?原则|的?战略)?\s*(?:[,，]?\s*即|[：:])|^\s*[”\"]?\s*[。：:]?\s*$")
MAX_ANNOUNCED = 8


def announced_list(q: Question, k: Knowledge) -> Answer | None:
    """"“三保三压”是什么", "分哪两步走": a numbered term the text states and then spells out — after 即 or a
    colon in its sentence, or in the clauses that follow it (…；…；…。) — each part cited. The count in the
    term (三 → 3) bounds the parts; None when the text does not spell the term out."""
    text = q.text
    keys = [t for t in q.quoted if t[:1] in NUMERAL_VALUE]
    for size in range(6, 1, -1):
        keys += [text[i:i + size] for i in range(len(text) - size + 1)
                 if text[i] in NUMERAL_VALUE and re.fullmatch(r"[\u4e00-\u9fff]+", text[i:i + size])]
    docs = q.document_ids()
    for key in dict.fromkeys(keys):
        if NUMERAL_VALUE[key[0]] < 2 or key[1:2] in NUMERAL_VALUE:
            continue      # one thing is no list; 十四五 is a planning period, not ten parts
        found = [s for s in k.containing(key) if not docs or s.doc_id in docs]
        for s in found:
            after = s.text[s.text.find(key) + len(key):]
            if not LIST_ANNOUNCED.search(after):
                continue
            want = NUMERAL_VALUE[key[0]]
            parts: list[Item] = []
            lead = re.search(r"即|[：:]", after)
            if lead and after[lead.end():].strip(" 。；;"):
                a = len(s.text) - len(after) + lead.end()
                b = len(s.text.rstrip("。；; "))
                parts.append(Item(s.text[a:b], "Passage", f"{s.doc_id}#{s.char_start + a}", (s.evidence(a, b),)))
            sentences = k.by_doc.get(s.doc_id, [])
            at = next((i for i, x in enumerate(sentences) if x is s), None)
            ends = s.text.rstrip()[-1:]
            for x in sentences[at + 1:at + 1 + MAX_ANNOUNCED] if at is not None else []:
                if len(parts) >= min(want, MAX_ANNOUNCED) or (ends == "。" and parts and lead):
                    break
                if x.section_path != s.section_path:
                    break
                b = len(x.text.rstrip("。；; "))
                parts.append(Item(x.text[:b], "Passage", f"{x.doc_id}#{x.char_start}", (x.evidence(0, b),)))
                ends = x.text.rstrip()[-1:]
                if ends == "。" and len(parts) < want and not lead:
                    break
            if len(parts) == want:
                return Answer(q.text, F.SECTION, True, f"{key}:" + ";".join(i.label for i in parts) + "。",
                              tuple(parts), (s.evidence(),) + tuple(c for i in parts for c in i.citations))
    return None


STEPS_ASKED = re.compile(r"[两二三四五六几]\s*(?:步|个阶段|阶段)|哪几步|哪两步|分几步|steps|stages|phases", re.I)
ORDINAL_STEP = re.compile(r"第[一二三四五六]\s*(步|阶段)")


def ordinal_steps(q: Question, k: Knowledge) -> Answer | None:
    """"两步设想分别是什么", "分哪两步走": the clauses the text opens with 第一步 … 第二步 (or 第一阶段 …), in the
    documents the question names, each cited."""
    if not STEPS_ASKED.search(q.text):
        return None
    docs = set(q.document_ids())
    words = [t for t in q.terms if re.search(r"[\u4e00-\u9fff]{2}", t) and not STEPS_ASKED.fullmatch(t)]
    best: tuple[int, list[Item]] | None = None
    for doc_id, sentences in k.by_doc.items():
        if docs and doc_id not in docs:
            continue
        for i, s in enumerate(sentences):
            m = ORDINAL_STEP.search(s.text)
            if not m or not m.group(0).startswith("第一"):
                continue
            # the steps may run on in the sentence or over the next few
            span = [s] + [x for x in sentences[i + 1:i + 4] if ORDINAL_STEP.search(x.text)]
            items = []
            expected = 0
            for x in span:
                for step in ORDINAL_STEP.finditer(x.text):
                    if "一二三四五六".index(step.group(0)[1]) != expected:
                        break      # the sequence is over ("实现上述的第一步设想" refers back to it)
                    expected += 1
                    end = re.search(r"[；;。]|第[一二三四五六]\s*(?:步|阶段)", x.text[step.end():])
                    b = step.end() + (end.start() if end else len(x.text) - step.end())
                    items.append(Item(x.text[step.start():b][:MAX_LABEL], "Passage", f"{x.doc_id}#{x.char_start + step.start()}",
                                      (x.evidence(step.start(), b),), {"document": x.title}))
            if len(items) < 2:
                continue
            context = " ".join(x.text for x in sentences[max(0, i - 2):i + 2])
            score = sum(1 for w in words if w in context)
            if best is None or score > best[0]:
                best = (score, items)
    if best is None or (words and best[0] == 0):
        return None
    items = tuple(dedupe(best[1]))
    return Answer(q.text, F.SECTION, True, f"分{len(items)}步:" + ";".join(i.label for i in items) + "。", items,
                  tuple(c for i in items for c in i.citations[:1]))


def _split_list(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in re.finditer(r"、|和|及|以及|与", text[start:end]):
        a, b = pos, start + m.start()
        # 和/与 inside a name (e.g. 新老城区一体化) is rare; only split where both sides are long enough
        if b - a >= 2:
            out.append((a, b))
            pos = start + m.end()
    if end - pos >= 2:
        out.append((pos, end))
    return out


NUMBERED_LABEL = r"(?:^|\n)\s*{}\s*([0-9](?: ?[0-9]){{0,2}}|[一二三四五六七八九十]{{1,3}})(?![0-9])"


def _numbered_labels(q: Question, ws: "Corpus", k: Knowledge) -> Answer | None:
    """"规划有多少个专栏": boxes, tables or attachments numbered in the text (专栏1 … 专栏16, spaced print
    专 栏 1 too) are counted by their numbers, in the one document the question names."""
    docs = q.document_ids()
    if len(docs) != 1:
        return None
    doc = ws.documents.get(next(iter(docs)))
    if doc is None:
        return None
    text = doc.document.text
    for term in sorted((t for t in q.terms if re.fullmatch(r"[\u4e00-\u9fff]{2,3}", t)), key=len, reverse=True):
        found = [(m.start(1), m.end(1), m.group(1)) for m in re.finditer(NUMBERED_LABEL.format(r"\s*".join(map(re.escape, term))), text)]
        numbers = {}
        for a, b, n in found:
            try:
                n = n.replace(" ", "")
                value = int(n) if n.isdigit() else int(cn2an.cn2an(n, "smart"))
            except (ValueError, KeyError):
                continue
            numbers.setdefault(value, (a, b))
        if len(numbers) >= 2 and set(numbers) == set(range(1, max(numbers) + 1)):
            last = max(numbers)
            a, b = numbers[last]
            start = text.rfind("\n", 0, a) + 1
            end = text.find("\n", b)
            end = len(text) if end < 0 else end
            cite = Evidence(doc.document.source, doc.document.doc_id, (), start, end, text[start:end], "explicit")
            return Answer(q.text, F.COUNT, True, f"共{last}个{term}(编号{term}1至{term}{last})。",
                          (Item(f"{last}个{term}", "Value", f"{doc.document.doc_id}#{start}", (cite,)),), (cite,))
    return None


def count(q: Question, ws: "Corpus", k: Knowledge) -> Answer:
    labelled = _numbered_labels(q, ws, k)
    if labelled is not None:
        return labelled
    m = re.search(r"(?:多少|几)(个|家|座|条|所|项|处|万|亿)?([\u4e00-\u9fff]{0,6}?)(?=[通有被实达建完？?，,。]|$)", q.text)
    unit = (m.group(1) or "") + (m.group(2) or "") if m else ""
    # The text may list what the question runs together: 州市 ↔ 州、市, 县市区 ↔ 县、市、区.
    unit_re = "、?".join(map(re.escape, unit))
    # digits or Chinese numerals (二百五十二个: reports before the 1980s write numbers out), never a lone 一
    # (一个中心 is no count), never an ordinal (第七个五年计划)
    numeral = r"(?<![第\d])(?:\d+(?:\.\d+)?|[一二三四五六七八九十百千两零〇]{2,}|[二三四五六七八九十两])"
    number = re.compile(numeral + r"(?:万|亿)?" + unit_re) if unit else re.compile(numeral + r"[个家座条所项处]")
    terms = [t for t in q.terms if t not in unit and not unit.endswith(t)]
    # the places asked about count as words of the clause (苏联协助…的项目 is the 苏联 one, not all 600)
    terms += [surface for _, surface in q.places if surface not in terms]
    # the counted thing named before the question word (…建设的项目有多少个 → 项目): a number counting it
    # ("一百四十一个项目") answers before a number of something else in a clause as near
    head = COUNTED_HEAD.search(q.text) if unit[1:] == "" else None
    counted = re.compile(number.pattern + r"[^，,。；;]{0,3}?" + re.escape(head.group(1))) if head else None
    best: tuple[int, Sentence, tuple[int, int]] | None = None
    # Only a sentence holding a term can score; corpus order is kept so that ties go to the first, as before.
    holding = {id(s) for t in terms for s in k.containing(t)}
    docs = set(q.document_ids())
    # a year asked of a plan (多少个县到2025年…) is the count's year: a sentence stating another year's count
    # ("到2030年…15个") is no answer. A report's year names the report, not its counts.
    in_series = series_members(k)
    years = {str(y) for y in q.years} if q.years and not (docs & in_series) else set()
    # a number from another document is no answer about the one the question names
    for s in (s for s in k.sentences if id(s) in holding and (not docs or s.doc_id in docs)):
        stated = {str(y) for y in year_context(s, k)} if years else set()
        if years and stated and not stated & years:
            continue
        for a, b in clauses(s.text):
            clause = s.text[a:b]
            hit = number.search(clause)
            if not hit:
                continue
            score = sum(1 for t in terms if t in clause)
            score += 1 if score and counted is not None and counted.search(clause) else 0
            if score and (best is None or score > best[0]):
                best = (score, s, (a, b))
    if best is None and len(docs) == 1:
        rows = _numbered_rows(q, ws, next(iter(docs)))
        if rows:
            return rows
    if best is None:
        return Answer(q.text, F.COUNT, False, "语料中没有找到这个数字。")
    _, s, (a, b) = best
    clause = s.text[a:b]
    hit = (counted.search(clause) if counted is not None else None) or number.search(clause)
    value = number.search(hit.group(0)).group(0)
    return Answer(q.text, F.COUNT, True, f"{value}({clause})。",
                  (Item(value, "Value", f"{s.doc_id}#{s.char_start + a}", (s.evidence(a, b),)),), (s.evidence(a, b),))


# "…的项目有多少个", "企业一共有几家": the noun the question counts, just before its question word
COUNTED_HEAD = re.compile(r"([\u4e00-\u9fff]{2})(?<![共有了计列是为])(?:一共|总共|共)?(?:有|是|为)?(?:多少|几)")
TABLE_ROW = re.compile(r"^\s*(\d{1,4})\s*(?:\t| \| )", re.M)


def _numbered_rows(q: Question, ws: "Corpus", doc_id: str) -> Answer | None:
    """"清单一共列了多少个事项": a table whose rows are numbered 1, 2, … counts its items by its last number (the
    numbering restarts per table: the largest number of each run is summed)."""
    ingested = ws.documents.get(doc_id)
    if ingested is None:
        return None
    text = ingested.document.text
    runs, last, last_hit = [], 0, None
    for m in TABLE_ROW.finditer(text):
        n = int(m.group(1))
        if n == last + 1:
            last = n
            last_hit = m
        elif n == 1:
            runs.append(last)
            last = 1
    runs.append(last)
    total = sum(r for r in runs if r >= 2)
    if total < 2 or last_hit is None:
        return None
    src = ingested.document
    line_end = text.find("\n", last_hit.start())
    line_end = len(text) if line_end < 0 else line_end
    cite = Evidence(src.source, src.doc_id, (), last_hit.start(), line_end, text[last_hit.start():line_end], "table")
    return Answer(q.text, F.COUNT, True, f"{total}(表中编号的条目共{total}项)。",
                  (Item(str(total), "Value", f"{doc_id}#rows", (cite,)),), (cite,))


# A comparison asks for numbers (a gap, which is higher) or for what each of two entities is to do.
VALUE_CUE = re.compile(r"差距|相差|多多少|少多少|高于|低于|高还是低|多少|几|比例|增长|how much|how many|gap|higher|lower|"
                       r"difference|rate|\d", re.I)


def compare(q: Question, ws: "Corpus", k: Knowledge) -> Answer:
    """Each entity (or year) in turn, with the same question asked of it alone; the parts side by side."""
    from dataclasses import replace

    from search.graph_answers import target_value
    from search.statements import entity_statements

    if len(set(q.years)) >= 2 and len(q.places) + len(q.regions) < 2:
        parts = []
        for year in sorted(set(q.years)):
            # a year names that year's report — unless a place is asked of, whose own plan names the years
            docs = [d for d in k.documents if k.doc_years.get(d.attrs.get("doc_id")) == year
                    and any(d.attrs.get("doc_id") in ids for ids in k.series_docs.values())
                    ] if not (q.places or q.regions) else []
            one = replace(q, years=[year], documents=docs or q.documents)
            part = target_value(one, ws, k)
            if not part.found and docs:
                # not a recorded target (a deficit "安排", a five-year review): what that year's report says
                part = semantic(one, ws, k)
                part = replace(part, items=tuple(i for i in part.items if len(i.label) <= MAX_LABEL)[:4])
            parts.append((f"{year}年", part))
        return _side_by_side(q, parts)
    if not VALUE_CUE.search(q.text):
        together = _contrasted(q, ws, k)
        if together is not None:
            return together
        parts = []
        for key, surface in q.places:
            parts.append((surface, entity_statements(replace(q, places=[(key, surface)], regions=[]), ws, k)))
        for region in q.regions:
            parts.append((region.label, entity_statements(replace(q, places=[], regions=[region]), ws, k)))
        if any(a.found for _, a in parts):
            return _side_by_side(q, parts, per_part=3)
    return _numeric_compare(q, ws, k)


# "A和B分别…", "A与B各…": the question asks the same of two coordinated things.
EACH_ASKED = re.compile(r"分别|各自|各是|各为|各有|各多少|各几|respectively", re.I)
CONJUNCTION = re.compile(r"和|与|及|以及|跟|同|、")
# Characters a coordinated noun phrase does not run across (its frame: 的, the question words, 分别 …).
SIDE_BREAK = re.compile(r"[的对在把是有要将怎如何哪什么多少几分各，,。？?！!：:；;《》“”\s]|分别|各")
MAX_SIDE = 12


def coordinated_sides(text: str) -> tuple[str, str] | None:
    """The two things a question coordinates (住房租赁补贴期限 / 租赁合同期限), or None."""
    for m in CONJUNCTION.finditer(text):
        left, right = text[:m.start()], text[m.end():]
        lb = max((x.end() for x in SIDE_BREAK.finditer(left)), default=0)
        rb = SIDE_BREAK.search(right)
        a = left[lb:][-MAX_SIDE:]
        b = right[:rb.start() if rb else len(right)][:MAX_SIDE]
        if len(a) >= 2 and len(b) >= 2 and re.fullmatch(r"[\u4e00-\u9fff]+", a + b):
            return a, b
    return None


def compare_topics(q: Question, ws: "Corpus", k: Knowledge) -> Answer | None:
    """"公租房的住房租赁补贴期限和租赁合同期限分别是几年": the question asked of each coordinated thing alone,
    each answered by the clauses that name it; None when the question coordinates no two things the corpus has."""
    from dataclasses import replace

    sides = coordinated_sides(q.text)
    if sides is None:
        return None
    docs = q.document_ids()
    shared = [t for t in q.terms if not any(t in side or side in t for side in sides)]
    parts = []
    for side in sides:
        grams = _bigrams([side])
        if not any(not docs or s.doc_id in docs for s in k.containing(side[:2])):
            return None       # one side is not in the corpus (or not in the named documents): no comparison
        other = sides[1] if side == sides[0] else sides[0]
        one = replace(q, text=q.text.replace(other, ""), terms=[t for t in q.terms if t in side] + [side] + shared)
        found = semantic(one, ws, k)
        # the sentences that name the side verbatim first, then what the search found, then headings; an item
        # names the side when it holds most of the side's character pairs (租赁合同期限 in "公共租赁住房租赁合同期限为5年")
        verbatim = [Item(x.text.rstrip("。；;"), "Passage", f"{x.doc_id}#{x.char_start}", (x.evidence(),))
                    for x in k.containing(side) if not docs or x.doc_id in docs][:MAX_ANSWER_SENTENCES]
        naming = dedupe([c for i in verbatim + list(found.items) for c in _clauses_naming(i, grams)]
                        + _headings_naming(k, docs, side, grams, shared))
        # the clauses that also say what is asked of the side (起付标准, 期限) first; the others only without them
        on = [sum(1 for t in shared if t in c.label) for c in naming]
        naming = [c for c, n in zip(naming, on) if n == max(on, default=0)]
        parts.append((side, replace(found, items=tuple(naming[:2]), found=bool(naming))))
    if not all(a.found for _, a in parts):
        return None
    return _side_by_side(q, parts, per_part=2)


def _clauses_naming(item: Item, grams: set[str]) -> list[Item]:
    """The item, or (a passage) its clause, when it holds most of the character pairs of one side."""
    def names(text: str) -> bool:
        return sum(1 for g in grams if g in text) * 3 >= len(grams) * 2

    if len(item.label) <= MAX_LABEL:
        return [item] if names(item.label) else []
    c = item.citations[0]
    read = simplified(c.text)     # the citation quotes the source's characters; the label is read simplified
    out = []
    for a, b in clauses(read):
        a, b = _trimmed(read, a, b)
        if b - a <= 2 * MAX_LABEL and names(read[a:b]):
            out.append(Item(read[a:b], "Passage", f"{c.doc_id}#{c.char_start + a}",
                            (Evidence(c.source, c.doc_id, c.section_path, c.char_start + a, c.char_start + b,
                                      c.text[a:b], c.basis),), item.attrs))
    return out[:1]


def _headings_naming(k: Knowledge, docs: set[str], side: str, grams: set[str], shared: list[str]) -> list[Item]:
    """Headings that state the rule for one side ("（一）急诊留院观察起付标准按…确定"), as cited items."""
    out = []
    for doc_id, source, h in k.headings:     # the knowledge holds each heading's source: no document is read
        if (docs and doc_id not in docs) or side[:2] not in h.text or not any(t in h.text for t in shared):
            continue
        if sum(1 for g in grams if g in h.text) * 3 < len(grams) * 2 or len(h.text) > 2 * MAX_LABEL:
            continue
        out.append(Item(h.text, "Passage", f"{doc_id}#{h.char_start}",
                        (Evidence(source, doc_id, tuple(h.path), h.char_start, h.char_end, h.text, "outline"),)))
    return out


MAX_CONTRASTS = 2


def _contrasted(q: Question, ws: "Corpus", k: Knowledge) -> Answer | None:
    """Sentences that name every compared place ("推动瑞丽在…取得创新成果,推动河口在…取得新进展") set them side by
    side themselves: each place's clause of the best such sentences. None when no sentence names them all."""
    from search.statements import _enumerated_part

    # the Chinese names (an English question links "Ruili" to 瑞丽市)
    if len(q.places) < 2:
        return None       # a region in the question is the scope ("在滇西旅游中"), not a side
    names, shorts = [], []
    for key, surface in q.places:
        place = ws.gazetteer.get(key) if key in ws.gazetteer else None
        names.append(surface if re.search(r"[\u4e00-\u9fff]", surface) or not place else place.name)
        forms = sorted((n for n in (place.short_names if place else ()) if len(n) >= 2), key=len)
        shorts.append(forms[0] if forms else _short(names[-1]))
    docs = q.document_ids()
    words = [t for t in q.terms if re.search(r"[\u4e00-\u9fff]", t) and not any(t in n or n in t for n in shorts)]
    both = [s for s in k.containing(shorts[0]) if all(n in s.text for n in shorts[1:]) and (not docs or s.doc_id in docs)]
    if not both:
        return None
    both.sort(key=lambda s: (-sum(1 for w in words if w in s.text), s.doc_id, s.char_start))
    parts = []
    for name, short in zip(names, shorts):
        items = []
        for s in both[:MAX_CONTRASTS]:
            for a, b in clauses(s.text):
                if short in s.text[a:b]:
                    # in a list (保山市建设…、大理州建设…、丽江市建设…) the part that names the place
                    c, d = _trimmed(s.text, *_enumerated_part(s.text, a, b, [short]))
                    shared = sum(1 for n in shorts if n in s.text[a:b]) > 1
                    a, b = (c, d) if shared and short in s.text[c:d] else _trimmed(s.text, a, b)
                    items.append(Item(s.text[a:b][:MAX_LABEL], "Passage", f"{s.doc_id}#{s.char_start + a}",
                                      (s.evidence(a, b),), {"document": s.title}))
                    break
        parts.append((name, Answer(q.text, F.COMPARE, bool(items), "", tuple(items))))
    return _side_by_side(q, parts, per_part=MAX_CONTRASTS)


def _side_by_side(q: Question, parts: list[tuple[str, Answer]], per_part: int = 6) -> Answer:
    found = [(name, a) for name, a in parts if a.found]
    if not found:
        return Answer(q.text, F.COMPARE, False, ";".join(a.answer for _, a in parts))
    items = tuple(i for _, a in found for i in a.items[:per_part])
    text = ";".join(f"{name}:" + "、".join(i.label for i in a.items[:per_part]) for name, a in found)
    missing = [name for name, a in parts if not a.found]
    tail = f"(语料中没有找到{'、'.join(missing)}的相应内容)" if missing else ""
    return Answer(q.text, F.COMPARE, True, text + "。" + tail, items)


def _numeric_compare(q: Question, ws: "Corpus", k: Knowledge) -> Answer:
    names = [surface for _, surface in q.places] + [r.label for r in q.regions]
    shorts = [_short(n) for n in names]
    grams = _bigrams([t for t in q.terms if t not in ("差距", "相差", "相比", "比较", "对比", "多大")])
    found = []
    for s in k.sentences:
        if not any(n in s.text for n in shorts):
            continue
        mentioned = sum(1 for n in shorts if n in s.text)
        topical = sum(1 for g in grams if g in s.text)
        if topical and re.search(r"\d", s.text):
            found.append((mentioned, topical, s))
    if not found:
        return Answer(q.text, F.COMPARE, False, f"语料中没有找到{'与'.join(names)}的可比数据。")
    found.sort(key=lambda t: (-t[0], -t[1], t[2].char_start))
    top = [s for m, t, s in found[:2] if m == found[0][0]]
    text = " ".join(s.text for s in top)
    items = tuple(Item(s.text if len(s.text) <= MAX_LABEL else s.text[:MAX_LABEL], "Value",
                       f"{s.doc_id}#{s.char_start}", (s.evidence(),)) for s in top)
    return Answer(q.text, F.COMPARE, True, text, items, tuple(s.evidence() for s in top))


def _bigrams(terms: list[str]) -> set[str]:
    """Character bigrams of the topic words: 居民收入 still matches 居民人均可支配收入."""
    return {t[i:i + 2] for t in terms for i in range(max(1, len(t) - 1)) if len(t[i:i + 2]) == 2}


def _short(name: str) -> str:
    return re.sub(r"(市|州|县|区|省|地区)$", "", name) if len(name) > 2 else name






# Characters of question words and of the question's own frame (两份文件中各有…): never part of a topic phrase.
NOT_TOPIC = re.compile(r"[哪什么多少几吗呢谁怎如何各]|文件|报告|提到|出现|内容|分别|两份|哪些|有关|关于")


def topic_phrase(q: Question, k: Knowledge, min_docs: int = 1) -> str | None:
    """The longest stretch of the question (2–10 characters, no question words) that the corpus itself uses
    (in at least `min_docs` documents): 沪滇合作 stays one topic even though 沪 and 滇 are places."""
    text = YEARS_ASKED.sub(" ", DOCUMENTS_ASKED.sub(" ", q.text))     # the asking words are no topic
    for size in range(min(10, len(text)), 1, -1):
        for i in range(len(text) - size + 1):
            piece = text[i:i + size]
            if not re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9“”]+", piece) or NOT_TOPIC.search(piece):
                continue
            if piece[:1] in FRAME_EDGE or piece[-1:] in FRAME_EDGE or any(piece in t for t in k.series or ()):
                continue     # "的政府工作报": a stretch of the question's frame or of the series' own title
            if not re.search(r"[\u4e00-\u9fff]", piece):
                continue     # a stretch of English words is no corpus phrase (its translation is in q.terms)
            found = k.containing(piece.strip("“”")) if piece.strip("“”") else []
            if found and len({x.doc_id for x in found}) >= min_docs:
                return piece.strip("“”")
    return None


FRAME_EDGE = set("的是了和与及在对把被")
# "哪些年份的报告…": the documents asked for by their years
YEARS_ASKED = re.compile(r"哪些年份|哪几年|哪些年|which years|in which years|what years", re.I)


# "在两份文件里分别怎么说", "both documents": the topic is one that several documents share.
SEVERAL_DOCUMENTS = re.compile(r"两份|两个文件|几份|多份|都提到|各自|分别|both|each (?:document|report)|several", re.I)


MAX_CROSS_TERMS = 3
DOCUMENTS_ASKED = re.compile(r"哪些文件|哪几份|哪份|哪些文档|哪几个文件|which (?:of the )?(?:\w+ )?documents|which (?:\w+ )?reports",
                             re.I)


def cross_document(q: Question, ws: "Corpus", k: Knowledge) -> Answer:
    several = 2 if SEVERAL_DOCUMENTS.search(q.text) and not q.documents else 1
    phrase = None if q.quoted else (topic_phrase(q, k, several) or topic_phrase(q, k))
    cjk = [t for t in q.terms if re.search(r"[\u4e00-\u9fff]", t)]
    candidates = q.quoted or ([phrase] if phrase else cjk[:MAX_CROSS_TERMS] or q.terms[:1])
    keys = list(dict.fromkeys(key for key in (corpus_key(t, k) for t in candidates) if key))
    # a linked place outside the topic phrase constrains the documents (沪滇合作 is a topic, not two places)
    outside = [s for _, s in q.places if not any(s in key for key in keys)] + \
              [r.label for r in q.regions if not any(r.label in key for key in keys)]
    names = entity_names(q, ws) if outside else []
    holding: dict[int, tuple[int, Sentence, str]] = {}
    for key in keys:
        for s in k.containing(key):
            if names and not any(n in s.text or n in s.title for n in names):
                continue      # "广州的哪些文件…": only what the place's own documents (or sentences naming it) say
            held = holding.get(id(s))
            holding[id(s)] = ((held[0] + 1) if held else 1, s, held[2] if held else key)
    # the sentences holding the most of the question's words (有效期 and 5年 together), at least one
    top = max((n for n, _, _ in holding.values()), default=0)
    items: list[Item] = []
    per_doc: dict[str, int] = {}
    for n, s, key in sorted(holding.values(), key=lambda x: (x[1].doc_id, x[1].char_start)):
        if n < top:
            continue
        pos = s.text.find(key)
        a, b = clause_around(s.text, pos, pos + len(key))
        label = s.text[a:b]
        items.append(Item(label, "Passage", f"{s.doc_id}#{s.char_start + a}", (s.evidence(a, b),),
                          {"document": s.title}))
        per_doc[s.title] = per_doc.get(s.title, 0) + 1
    if not items:
        return Answer(q.text, F.CROSS_DOCUMENT, False, f"语料中没有找到关于{'、'.join(keys)}的内容。")
    if not (DOCUMENTS_ASKED.search(q.text) or YEARS_ASKED.search(q.text)):
        items = dedupe(items)
    else:
        # "哪些文件…", "which of the documents…": the documents first, each cited by its first mention (by
        # year, "2014年《…》", when the years are asked)
        by_years = bool(YEARS_ASKED.search(q.text))
        firsts: dict[str, Item] = {}
        for i in items:
            title = i.attrs.get("document", "")
            year = k.doc_years.get(i.citations[0].doc_id) if by_years and i.citations else None
            label = f"{year}年《{title}》" if year else title
            firsts.setdefault(title, Item(label, "Document", i.uri, i.citations, {"document": title, "year": year}))
        if by_years:
            firsts = dict(sorted(firsts.items(), key=lambda kv: kv[1].attrs.get("year") or 9999))
        # then what each says ("哪些文件提到…？各自怎么说？")
        items = list(firsts.values()) + dedupe(items)
    summary = ";".join(f"《{t}》{n}处" for t, n in per_doc.items())
    return Answer(q.text, F.CROSS_DOCUMENT, True, f"{'、'.join(keys)}出现在{len(per_doc)}份文件中:{summary}。",
                  tuple(items))


def _passages(q: Question, ws: "Corpus", k: Knowledge, limit: int = 5, cover: bool = False) -> list[Sentence]:
    """Best-matching chunks from hybrid search, as sentences-with-context (the chunk text).

    cover: put chunks that contain more of the question's topic words first (for "where is X discussed").
    """
    names = [surface for _, surface in q.places] + [r.label for r in q.regions] + [p.label for p in q.projects]
    names += [q.subject] if q.subject else []
    # Chunks naming an entity linked in the question get a boost (one extra first place per name).
    boost = {c.chunk_id: float(sum(1 for n in names if n in c.text)) for c in ws.index.chunks()
             if any(n in c.text for n in names)} if names else None
    doc_filter = {d.attrs.get("doc_id") for d in q.documents} if q.documents else (set(q.kind_scope) or None)
    # Inside the documents the question names: search deep enough that their chunks are reached.
    depth = max(limit * 4, 20) if not doc_filter else max(200, limit * 40)
    hits = ws.search(q.text, k=depth, boost=boost, keywords=q.terms + names or None)
    chunks = [ws.index.chunk(h.chunk_id) for h in hits]
    if doc_filter:
        # the named documents only: passages from another document are no answer about this one
        chunks = [c for c in chunks if c.doc_id in doc_filter]
    if cover and q.terms:
        keys = [key for key in (corpus_key(t, k) for t in q.terms) if key]
        chunks = sorted(chunks, key=lambda c: -sum(1 for t in keys if t in c.text))
    out: list[Sentence] = []
    for chunk in chunks:
        title = next((d.label for d in k.documents if d.attrs.get("doc_id") == chunk.doc_id), chunk.source)
        out.append(folded(Sentence(chunk.doc_id, chunk.source, title, chunk.section_path, chunk.char_start,
                                   chunk.char_end, chunk.text)))
        if len(out) >= limit:
            break
    return out


ENGLISH_MIN_COSINE = 0.78   # multilingual-e5-small: unrelated English questions score below this on Chinese text


def _supported(q: Question, ws: "Corpus", k: Knowledge) -> bool:
    """Does the corpus speak of what the question asks? Embeddings always find *something* nearest, so
    a Chinese question needs at least half of its topic words in the corpus, an English one a close passage."""
    cjk = [t for t in q.terms if re.search(r"[\u4e00-\u9fff]", t)]
    if cjk:
        # a word counts when the corpus has it, or has both its halves (居民收入 → 居民 … 收入)
        known = sum(1 for t in cjk if k.containing(t) or len(variants(t, k)) == 2)
        if q.documents and known:
            # inside a named document one known word is enough to look ("县城的角色": 角色 is the asker's word)
            return True
        return known * 2 > len(cjk) or (known == len(cjk))
    if q.places or q.regions or q.projects or q.subject:
        return True
    best = ws.search(q.text, k=1, mode="dense")
    return bool(best) and best[0].score >= ENGLISH_MIN_COSINE


def semantic(q: Question, ws: "Corpus", k: Knowledge) -> Answer:
    if not _supported(q, ws, k):
        return Answer(q.text, F.SEMANTIC, False, "语料中没有找到与此相关的内容(not found in the corpus)。")
    if LIST_ASKED.search(q.text):
        rows = table_group(q, ws, k)
        if rows is not None:
            return rows
    passages = _passages(q, ws, k, limit=5)
    names = entity_names(q, ws)
    about = documents_about(names, k)
    if names:
        # a question about a place or project is answered by passages that name it, or that stand in a
        # document about it (《关于推进广州市…实施方案》 need not repeat 广州 in every paragraph)
        passages = [p for p in passages if p.doc_id in about or any(n in p.text for n in names)]
        if not passages:
            return Answer(q.text, F.SEMANTIC, False, f"语料中没有找到关于{'、'.join(names[:2])}的相关内容(not found in the corpus)。")
    if not passages:
        return Answer(q.text, F.SEMANTIC, False, "语料中没有找到相关内容(not found in the corpus)。")
    items = tuple(Item(_passage_label(p), "Passage", f"{p.doc_id}#{p.char_start}", (p.evidence(),),
                       {"document": p.title}) for p in passages)
    answering = answering_clauses(passages[:MAX_ANSWER_PASSAGES], q, k, set(about))
    if answering:
        # the clauses that speak to the question first, each cited (a reader wants "租金按评估价的50%", not a
        # page to read); the passages follow as context
        items = answering + items
    if LIST_ASKED.search(q.text) and not VALUE_ASKED.search(q.text):
        listed = enumerated_items(passages[:2], q, k)
        if listed:
            # a list question is answered by the items the best passages enumerate, each cited; the passages
            # themselves stay as the answer's citations
            return Answer(q.text, F.SEMANTIC, True, f"原文列出{len(listed)}项:" + "、".join(i.label for i in listed) + "。",
                          listed, tuple(p.evidence() for p in passages))
    found = _speaks_to(passages, q)
    lead = f"最相关的{len(items)}段原文如下。" if found else "语料中没有找到直接相关的内容;以下原文段落只是最接近的:"
    return Answer(q.text, F.SEMANTIC, found, lead, items, tuple(p.evidence() for p in passages))


def _speaks_to(passages: list, q: Question) -> bool:
    """Does some passage hold at least half of the question's topic words (a phrase's words counting once)?
    The nearest passages are not evidence when none of them speaks of what is asked."""
    from search.knowledge import topic_words

    units = topic_units(q)
    if not units:
        return True
    return any(sum(1 for u in units if any(term_in(w, p.text) for t in u for w in topic_words([t]))) * 2 >= len(units)
               for p in passages)


NUMBER_CELL = re.compile(r"\d{1,3}")
MIN_GROUP_ROWS = 2


_TABLE_ROWS: list = [None, []]     # [the knowledge they were read with, its rows]


def _table_rows(ws: "Corpus", k: Knowledge) -> list[tuple[str, int, str]]:
    """(doc_id, offset, line) of every numbered table row of wide tables, read once per knowledge (only the
    documents whose sentences hold a tab are opened)."""
    if _TABLE_ROWS[0] is not k:
        rows = []
        for doc_id in sorted({s.doc_id for s in k.sentences if "\t" in s.text}):
            ingested = ws.documents.get(doc_id)
            if ingested is None:
                continue
            pos = 0
            for line in ingested.document.text.split("\n"):
                start, pos = pos, pos + len(line) + 1
                cells = line.split("\t")
                if len(cells) >= 4 and NUMBER_CELL.fullmatch(cells[0].strip()):
                    rows.append((doc_id, start, line))
        _TABLE_ROWS[:] = [k, rows]
    return _TABLE_ROWS[1]


def table_group(q: Question, ws: "Corpus", k: Knowledge) -> Answer | None:
    """"取水许可审批需要哪些材料": in a table whose rows nest numbered sub-rows (a 清单 of matters, each with its
    numbered materials), the sub-rows of the row that names the topic, each labelled by the cell after its
    number and cited by its line. None when no table row names the topic."""
    words = [t for t in q.terms if re.search(r"[\u4e00-\u9fff]", t)]
    if len(words) < 2:
        return None
    docs = q.document_ids()
    best = None
    for doc_id, start, line in _table_rows(ws, k):
        if docs and doc_id not in docs:
            continue
        hits = sum(1 for w in words if w in line)
        if hits >= len(words) - 1 and (best is None or hits > best[0]):
            best = (hits, doc_id, start, line.split("\t"))
    if best is None:
        return None
    _, doc_id, start, cells = best
    # the sub-number: the first numeric cell after the row's own number; the item is the cell after it
    sub = next((i for i in range(1, len(cells) - 1) if NUMBER_CELL.fullmatch(cells[i].strip())), None)
    if sub is None:
        return None
    src = ws.documents.get(doc_id).document
    text = src.text
    rows, expected, pos = [], int(cells[sub]), start
    for line in text[start:].split("\n"):
        line_start, pos = pos, pos + len(line) + 1
        parts = line.split("\t")
        first = parts[0].strip()
        if line_start == start:
            label = cells[sub + 1]
        elif NUMBER_CELL.fullmatch(first) and int(first) == expected and len(parts) >= 2:
            label = parts[1]
        elif first == cells[0].strip() and len(parts) > sub + 1 and parts[sub].strip() == str(expected):
            label = parts[sub + 1]       # the row's head repeated after a page break, then the next sub-row
        elif not NUMBER_CELL.fullmatch(first) and len(rows) and (len(parts) > 2 or len(line) < 12):
            continue                     # a repeated header or a page number between the sub-rows
        else:
            break
        rows.append(Item(label.strip(), "Passage", f"{doc_id}#{line_start}",
                         (Evidence(src.source, doc_id, (), line_start, line_start + len(line), line, "table"),)))
        expected += 1
    if len(rows) < MIN_GROUP_ROWS:
        return None
    head = cells[1].strip()
    return Answer(q.text, F.SEMANTIC, True, f"{head}:" + "、".join(i.label for i in rows) + "。", tuple(rows),
                  tuple(c for i in rows for c in i.citations))


# A question asking for several things (the closed class of list question words, Chinese and English).
LIST_ASKED = re.compile(r"哪些|哪几|有什么|列出|分别|包括|包含|都有|which|what are|list|name the", re.I)
ENUMERATION_BREAK = re.compile(r"[、，,；;：:。！？]|(?<![\d.])\d{1,2}[.．、](?!\d)|[（(][一二三四五六七八九十\d]{1,3}[)）]")
MAX_LIST_SENTENCES = 2


LIST_LEAD = re.compile(r"[：:]$|下列|以下|如下")
MAX_LIST_FOLLOW = 8


def _trimmed(text: str, a: int, b: int) -> tuple[int, int]:
    """The span without the white space at its ends."""
    while a < b and text[a] in " \t\n\u3000":
        a += 1
    while b > a and text[b - 1] in " \t\n\u3000":
        b -= 1
    return a, b


def enumerate_sentence(s: Sentence) -> list[Item]:
    """A sentence cut at its enumeration marks (、，； and numbered markers), each part a cited item."""
    items = []
    pos = 0
    for m in list(ENUMERATION_BREAK.finditer(s.text)) + [None]:
        end = m.start() if m else len(s.text)
        a, b = _trimmed(s.text, pos, end)
        if 2 <= b - a <= MAX_LABEL:
            items.append(Item(s.text[a:b], "Passage", f"{s.doc_id}#{s.char_start + a}", (s.evidence(a, b),),
                              {"document": s.title}))
        pos = m.end() if m else end
    return items


def enumerated_items(passages: list[Sentence], q: Question, k: Knowledge) -> tuple[Item, ...]:
    """The parts of the passages' sentences that speak to the question most, split at enumeration marks."""
    cjk = [t for t in q.terms if re.search(r"[\u4e00-\u9fff]", t)]
    scored = []
    for p in passages:
        for s in k.by_doc.get(p.doc_id, []):
            if p.char_start <= s.char_start and s.char_end <= p.char_end:
                hits = sum(1 for t in cjk if t in s.text)
                if hits:
                    scored.append((-hits, s.doc_id, s.char_start, s))
    chosen: list[Sentence] = []
    for *_, s in sorted(scored)[:MAX_LIST_SENTENCES]:
        chosen.append(s)
        if LIST_LEAD.search(s.text):
            # "…按下列渠道筹集：" — the list follows in the next sentences of the same section
            same = [x for x in k.by_doc.get(s.doc_id, []) if x.char_start > s.char_start
                    and x.section_path == s.section_path]
            chosen += same[:MAX_LIST_FOLLOW]
    items: list[Item] = []
    for s in dict.fromkeys(chosen):
        items += enumerate_sentence(s)
    return tuple(dedupe(items))


MAX_ANSWER_PASSAGES = 3      # the best passages whose sentences are searched for answering clauses
MAX_ANSWER_SENTENCES = 3
MAX_ANSWER_CLAUSES = 12
MAX_SCANNED_DOCUMENTS = 2
# A question asking for a quantity, a rate, a period or a standard: clauses with a number answer it first.
VALUE_ASKED = re.compile(r"多少|几|多大|多长|多高|比例|比重|标准|期限|金额|费用|幅度|哪天|何时|什么时候|时间段|"
                         r"how (?:many|much|long|high|large|big|often)|what (?:percentage|share|rate|amount|date|age)|"
                         r"\bwhen\b|\bminimum\b|\bmaximum\b|at (?:least|most)|\bdeadline\b|\bby what date\b", re.I)
CLAUSE_END = re.compile(r"[，,；;。！？!?]")
# A quantity in a sentence, a year excepted: "2024年，选取部分…试点" dates the sentence, it states no value.
NUMBER = re.compile(r"(?<![\d.])(?!(?:19|20)\d\d\s*年)\d|[一二三四五六七八九十两百千万亿]+[个年月日倍成折%万亿元人]")


def answering_clauses(passages: list[Sentence], q: Question, k: Knowledge,
                      about: set[str] | frozenset[str] = frozenset()) -> tuple[Item, ...]:
    """Clauses of the best passages' sentences that hold the most of the question's topic words, each cited.

    A sentence qualifies when it holds at least half of the words the best sentence holds; inside it, every
    clause that names a topic word (or a number, when a quantity is asked) is an item, and so is the clause
    right after one that ends in a colon (the list it announces)."""
    from search.statements import statement_cues

    words = [w for w in dict.fromkeys(v for t in q.terms if re.search(r"[\u4e00-\u9fff]", t)
                                      for v in (variants(t, k) or [t])) if len(w) >= 2]
    if not words:
        return ()
    # what the question asks of its topic (角色, 定位, 政策 …) is said with other words (作为…载体, 打造成 …):
    # those words mark the answering sentences too, at half weight
    cues = [w for t in q.terms for w in statement_cues().get(t, statement_cues().get(t.lower(), ()))
            if w not in words]
    value_asked = bool(VALUE_ASKED.search(q.text))
    docs = {p.doc_id for p in passages}
    # the sentences a passage overlaps (a chunk may cut a sentence at either end)
    pool = [(rank, s) for rank, p in enumerate(passages) for s in k.by_doc.get(p.doc_id, [])
            if s.char_start < p.char_end and p.char_start < s.char_end]
    # the documents the question names, or those retrieved that are about what it names (documents_about)
    whole_docs = docs if q.documents else docs & about
    if whole_docs and len(whole_docs) <= MAX_SCANNED_DOCUMENTS:
        # inside the documents the question names, or that are about what it names, every sentence is a
        # candidate, not only the retrieved ones
        pool = [(r, s) for r, s in pool if s.doc_id not in whole_docs] + \
            [(0, s) for d in sorted(whole_docs) for s in k.by_doc.get(d, [])]
    # rarer words weigh more, rarity counted where the answer is sought: inside a document on elderly care
    # 养老 is everywhere and 星级 is not; across the reports 财政赤字 says more than 规模
    whole = [s for d in sorted(docs) for s in k.by_doc.get(d, [])]
    weight = {w: math.log(1 + len(whole) / (1 + sum(1 for s in whole if w in s.text))) for w in words}
    weight.update({w: 0.5 * math.log(1 + len(whole) / (1 + sum(1 for s in whole if w in s.text))) for w in cues})
    scoring = words + cues
    previous: dict[int, Sentence] = {}
    for d in docs:
        sentences = k.by_doc.get(d, [])
        for a, b in zip(sentences, sentences[1:]):
            if a.section_path == b.section_path:
                previous[id(b)] = a
    scored = []
    for rank, s in pool:
        present = [w for w in scoring if w in s.text]
        if any(w in s.text for w in words):
            # the sentence before sets the scene ("…可享受星级评定补贴。被评为五星级的给予10万元…"): its words
            # count half
            before = previous.get(id(s))
            context = [w for w in words if w not in present and before is not None and w in before.text]
            score = sum(weight[w] for w in present) + 0.5 * sum(weight[w] for w in context)
            numbered = value_asked and bool(NUMBER.search(s.text))
            if numbered:
                score += 0.5 * max(weight[w] for w in present)
            scored.append((numbered, score, -rank, -s.char_start, s))
    if value_asked and any(x[0] for x in scored):
        # a quantity is asked: the sentences that state one answer it, the others are context
        scored = [x for x in scored if x[0]]
    scored = [x[1:] for x in scored]
    if not scored:
        return ()
    scored.sort(key=lambda x: x[:3], reverse=True)
    best = scored[0][0]
    chosen = []
    for s in [s for h, *_, s in scored if h * 2 >= best][:MAX_ANSWER_SENTENCES]:
        chosen.append(s)
        if re.search(r"[：:]\s*$|[：:]\s*[\n（(]", s.text):
            # "…按以下标准享受租金优惠：" — the items it announces follow in the next sentences of the section
            chosen += [x for x in k.by_doc.get(s.doc_id, []) if x.char_start >= s.char_end
                       and x.section_path == s.section_path][:MAX_LIST_FOLLOW // 2]
    items: list[Item] = []
    for s in dict.fromkeys(chosen):
        spans, start = [], 0
        for m in list(CLAUSE_END.finditer(s.text)) + [None]:
            end = m.start() if m else len(s.text)
            if end > start:
                spans.append((start, end))
            start = m.end() if m else end
        previous_announces = False
        for a, b in spans:
            a, b = _trimmed(s.text, a, b)
            if b - a < 2:
                continue
            piece = s.text[a:b]
            relevant = (any(w in piece for w in words) or (value_asked and NUMBER.search(piece))
                        or previous_announces)
            previous_announces = piece.endswith(("：", ":"))
            if relevant and b - a <= MAX_LABEL:
                items.append(Item(piece, "Passage", f"{s.doc_id}#{s.char_start + a}", (s.evidence(a, b),),
                                  {"document": s.title}))
    return tuple(dedupe(items)[:MAX_ANSWER_CLAUSES])


def quote(items, limit: int = 3) -> str:
    """The first cited sentences, quoted, so that the answer itself states the value it found."""
    texts = list(dict.fromkeys(c.text for i in items for c in i.citations[:1]))[:limit]
    return " ".join(f"「{t}」" for t in texts)


def _passage_label(p: Sentence) -> str:
    head = p.section_path[-1] if p.section_path else p.title
    return f"{head}:{p.text}"
