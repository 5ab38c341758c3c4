"""What the corpus says about one linked entity (a place, region, project or named thing), filtered by the
question's focus words and grouped in document order — the grounded answer for questions about an entity."""
from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from graph.records import Item
from search import focus as F
from search.knowledge import Knowledge, topic_words
from search.question import MAX_LABEL, Question, dedupe, documents_about, entity_names, metadata_words
from search.records import Answer
from search.sentences import Sentence, clauses

if TYPE_CHECKING:
    from search.corpus import Corpus

MAX_SENTENCES = 4
MAX_OPEN_SENTENCES = 10   # an open question about an entity (nothing narrows it)
PER_SECTION = 2


@lru_cache(maxsize=1)
def statement_cues() -> dict[str, tuple[str, ...]]:
    data = json.loads((Path(__file__).parent / "data" / "statement_cues.json").read_text(encoding="utf-8"))
    return {k: tuple(v) for k, v in data.items() if not k.startswith("_")}


def cue_words(q: Question) -> tuple[list[str], list[str]]:
    """(topic words, focus cue words) of the question: 定位 asks for sentences that say 建设成为/打造成 …"""
    cues = statement_cues()
    focus = [w for t in q.terms for w in cues.get(t, cues.get(t.lower(), ()))]
    topical = [t for t in q.terms if t not in cues and t.lower() not in cues]
    return topic_words(topical), list(dict.fromkeys(focus))


def entity_sentences(q: Question, corpus: "Corpus", k: Knowledge) -> list[tuple[float, Sentence, str]]:
    """(score, sentence, the name it mentions) for sentences about the entity in the constrained documents."""
    docs = {d.attrs.get("doc_id") for d in q.documents}
    topical, focus = cue_words(q)
    scored: dict[tuple[str, int], tuple[float, Sentence, str]] = {}
    short_of: dict[str, str] = {}     # a place's short name → the place, to be confirmed in each sentence
    for key, _ in q.places:
        if key in corpus.gazetteer:
            place = corpus.gazetteer.get(key)
            short_of.update({n: key for n in place.short_names if n != place.name})
    for name in entity_names(q, corpus):
        for s in k.containing(name):
            if docs and s.doc_id not in docs:
                continue
            if name in short_of and not _names_place(s.text, short_of[name], corpus, k):
                continue      # 怒江 the river, not 怒江州: the place reader's trap handling decides
            in_heading = any(name in h for h in s.section_path)
            score = (2.0 * sum(1 for w in topical if w in s.text) + 3.0 * sum(1 for w in focus if w in s.text)
                     + 0.5 * in_heading + 0.1 * len(name))
            key = (s.doc_id, s.char_start)
            if key not in scored or scored[key][0] < score:
                scored[key] = (score, s, name)
    if topical:
        # a document about the entity (《天河区幼儿园招生工作方案》) speaks of it in every sentence, named or not:
        # its sentences on the question's topic are statements about the entity too
        for doc_id, name in documents_about(entity_names(q, corpus), k).items():
            if docs and doc_id not in docs:
                continue
            for s in k.by_doc.get(doc_id, []):
                hits = sum(1 for w in topical if w in s.text)
                key = (s.doc_id, s.char_start)
                if hits and key not in scored:
                    scored[key] = (2.0 * hits + 3.0 * sum(1 for w in focus if w in s.text), s, name)
    rows = list(scored.values())
    if topical and any(sum(1 for w in topical if w in s.text) for _, s, _ in rows):
        # the question names a topic: only sentences on it
        rows = [r for r in rows if any(w in r[1].text for w in topical)]
    return rows


def _names_place(text: str, key: str, corpus: "Corpus", k: Knowledge) -> bool:
    from graph.places import find_places

    return any(m.place_id == key for m in find_places(text, corpus.gazetteer, home=k.home))


def _enumerated_part(text: str, a: int, b: int, names: list[str]) -> tuple[int, int]:
    """In an enumeration (保山市建设…、大理州建设…、丽江市建设…) the part that names the entity."""
    bounds = [a] + [a + m.end() for m in re.finditer("、", text[a:b])] + [b + 1]
    parts = [(lo, hi - 1) for lo, hi in zip(bounds, bounds[1:])]
    if not task_list([text[lo:hi] for lo, hi in parts]):
        # a list of nouns inside one clause (政策、资金向怒江、迪庆…倾斜): the clause is the statement
        return a, b
    for lo, part_end in parts:
        if part_end - lo >= MIN_TASK_PART and any(n in text[lo:part_end] for n in names):
            return lo, part_end
    return a, b


# Characters of a 、-separated part that can be a statement of its own (保山市建设世界一流的…); shorter parts
# are nouns of a list (政策、资金), and cutting there leaves a fragment.
MIN_TASK_PART = 8


def task_list(parts: list[str]) -> bool:
    """Are these 、-separated parts statements of their own (most of them long enough to say something)?"""
    long = sum(1 for p in parts if len(p) >= MIN_TASK_PART)
    return long >= 2 and long * 2 >= len(parts)


def statement_spans(text: str, limit: int = MAX_LABEL) -> list[tuple[int, int]]:
    """Clause spans of a sentence, each at most `limit` characters (cut at 、 and then hard)."""
    out = []
    for a, b in clauses(text):
        while b - a > limit:
            cut = text.rfind("、", a, a + limit)
            cut = cut if cut > a + 4 else a + limit
            out.append((a, cut))
            a = cut + 1 if text[cut] == "、" else cut
        if b - a >= 4:
            out.append((a, b))
    return out


def entity_statements(q: Question, corpus: "Corpus", k: Knowledge) -> Answer:
    names = entity_names(q, corpus)
    where = "、".join(names[:2]) or "该对象"
    rows = entity_sentences(q, corpus, k)
    if not rows:
        return Answer(q.text, F.STATEMENTS, False, f"语料中没有找到关于{where}的表述。")
    # strongest first (a per-entity comparison shows the first few), each with the clauses about the entity
    topical, focus = cue_words(q)
    ranked = sorted(rows, key=lambda r: (-r[0], r[1].doc_id, r[1].char_start))
    if any(w in r[1].text for r in rows for w in topical + focus):
        best = ranked[:MAX_SENTENCES]
    else:
        # "规划对怒江州说了些什么": nothing narrows the question, so the answer spans the document — a few
        # sentences from each section that names the entity, in document order
        per_section: dict[tuple, int] = {}
        best = []
        for row in ranked:
            key = (row[1].doc_id, row[1].section_path[:2])
            if per_section.get(key, 0) < PER_SECTION:
                per_section[key] = per_section.get(key, 0) + 1
                best.append(row)
        best = sorted(best[:MAX_OPEN_SENTENCES], key=lambda r: (r[1].doc_id, r[1].char_start))
    items = []
    names = entity_names(q, corpus)
    for _, s, name in best:
        spans = statement_spans(s.text)
        naming = [_enumerated_part(s.text, a, b, names) for a, b in spans if any(n in s.text[a:b] for n in names)]
        other = [(a, b) for a, b in spans if any(w in s.text[a:b] for w in topical + focus)]
        chosen = list(dict.fromkeys(naming + other)) or spans
        for a, b in chosen:
            rest = s.text[a:b]
            for n in sorted(names, key=len, reverse=True):
                rest = rest.replace(n, "")
            if len(re.findall(r"[\u4e00-\u9fff]", rest)) < 2:
                continue      # a clause that is only the name ("西双版纳州,") says nothing about it
            items.append(Item(s.text[a:b], "Passage", f"{s.doc_id}#{s.char_start + a}", (s.evidence(a, b),),
                              {"document": s.title, "section": " > ".join(s.section_path)}))
    items = dedupe(items)
    sections = list(dict.fromkeys(" > ".join(s.section_path) or s.title for _, s, _ in best))
    return Answer(q.text, F.STATEMENTS, True,
                  f"关于{where}的表述{len(items)}条,见「" + "」「".join(sections[:4]) + "」。",
                  tuple(items), tuple(s.evidence() for _, s, _ in best))


# "哪些城市要建…", "which prefectures …": the question asks for places, of a topic it names.
PLACES_ASKED = re.compile(r"哪些(?:地区|城市|州市|州|市|县|县市|地方|省份|省|区域|国家)|哪几个(?:地区|城市|州市|县|省份|国家)|"
                          r"which (?:cities|prefectures|regions|counties|provinces|places|countries)|"
                          r"where will", re.I)
MAX_PLACE_SENTENCES = 3
MAX_SCANNED = 40          # the best sentences on the topic read for the places they name
PLACE_ASIDE = re.compile(r"[(（][\u4e00-\u9fff]{2,6}[)）]")
# The frame of "which cities are to build …" (the kind of place asked for is dropped with the question words;
# a kind word elsewhere is topic: 国家 in 国家物流枢纽).
PLACE_KIND_WORDS = {"要建", "布局", "建设"}


def _list_part(text: str, start: int, end: int) -> str:
    """A one-character place inside a run-on (京津冀): the list item it stands in."""
    a = max([text.rfind(c, 0, start) for c in "、，,；;：:在"] + [-1]) + 1
    ends = [i for i in (text.find(c, end) for c in "、，,；;：:等") if i >= 0]
    b = min(ends) if ends else len(text)
    return text[a:b] if b - a <= 12 else text[start:end]


def places_for_topic(q: Question, corpus: "Corpus", k: Knowledge) -> Answer:
    """The places the sentences on the question's topic name, each cited by its sentence."""
    from graph.places import find_places

    topical, _ = cue_words(q)
    asked = PLACES_ASKED.search(q.text).group(0)
    # the topic, not the kind of place asked for (城市, 地区 …)
    words = [w for w in topical if re.search(r"[\u4e00-\u9fff]", w) and w not in asked and w not in PLACE_KIND_WORDS]
    if not words:
        return Answer(q.text, F.MEMBERSHIP, False, "问题没有说明是哪方面的地区。")
    docs = q.document_ids()
    scored = []
    for s in k.sentences:
        if docs and s.doc_id not in docs:
            continue
        hits = sum(1 for w in words if w in s.text)
        if hits:
            scored.append((-hits, s.doc_id, s.char_start, s))
    scored.sort()
    # sentences that name places: the most topic words among them (a general sentence on the topic that
    # names no place is no answer to "which cities")
    best: list[Sentence] = []
    for h, _, _, s in scored[:MAX_SCANNED]:
        if h != scored[0][0] or len(best) == MAX_PLACE_SENTENCES:
            break       # only the sentences holding the most topic words; fewer is another topic
        if {m.place_id for m in find_places(s.text, corpus.gazetteer, home=k.home)} - {k.home}:
            best.append(s)
    items: list[Item] = []
    for s in best:
        # inside the sentence, the clauses holding the most topic words ("推进昆明…等国家物流枢纽建设,启动文山…
        # 等省级重点物流枢纽建设": the national hubs, not the provincial ones)
        spans = clauses(s.text)
        hits = [sum(1 for w in words if w in s.text[a:b]) for a, b in spans]
        kept = [span for span, h in zip(spans, hits) if h == max(hits, default=0) and h]
        inside = 0      # the end of the last "(…)" taken into a label: the place in it is no item of its own
        for m in find_places(s.text, corpus.gazetteer, home=k.home):
            if m.start < inside or (kept and not any(a <= m.start < b for a, b in kept)):
                continue
            label = m.surface if len(m.surface) >= 2 else _list_part(s.text, m.start, m.end)
            aside = PLACE_ASIDE.match(s.text, m.end)
            if aside and len(m.surface) >= 2:
                label += aside.group(0)       # 红河(河口): the place and the town it means, as printed
                inside = aside.end()
            items.append(Item(label, "Place", m.place_id, (s.evidence(),), {"document": s.title}))
    items = dedupe(items)
    if not items:
        return Answer(q.text, F.MEMBERSHIP, False, f"语料中没有找到{'、'.join(words)}涉及的地区。")
    return Answer(q.text, F.MEMBERSHIP, True, f"{'、'.join(words[:3])}涉及{len(items)}个地方:" +
                  "、".join(i.label for i in items) + "。", tuple(items), tuple(s.evidence() for s in best))


@lru_cache(maxsize=1)
def agency_asked() -> re.Pattern:
    path = Path(__file__).parent / "data" / "agency_cues.txt"
    cues = [w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip() and not w.startswith("#")]
    return re.compile("|".join(cues), re.I)


# The document's issuer is asked (发布, 印发, issued): that is its metadata, not a body named in the text.
ISSUER_ASKED = re.compile(r"发布|印发|发文|出台|联合发|issued|published|signed|promulgated", re.I)
# Verbs that give a body a duty (负责, 牵头, 会同 …): a sentence with one says who does the thing.
DUTY_VERBS = ("负责", "牵头", "主管", "组织", "会同", "统筹", "督促", "指导", "实施机构", "承担", "落实")
MAX_AGENCY_SENTENCES = 2
MAX_AGENCY_CANDIDATES = 12
# "由省卫生健康部门牵头": the holder of a duty named by its role, not by an organ's name
DUTY_HOLDER = re.compile(r"由([\u4e00-\u9fff]{2,14}?(?:部门|单位|机构|政府|委员会))(?:牵头|负责|主管|组织|会同)")
# "市医疗保障部门负责组织实施…", "市、区卫生健康部门负责…": a clause whose subject is a body named by its role
DUTY_SUBJECT = re.compile(r"(?:^|[，,；;。：:])\s*(?!由)((?:[省市区县州乡镇]、)*[\u4e00-\u9fff]{2,14}?(?:部门|单位|机构|政府|委员会))"
                          r"\s*(?:负责|牵头|主管|组织|会同|统筹|指导)")


def asks_agency(q: Question) -> bool:
    """Does the question ask which body does something (哪个部门负责…, who should organise …)?"""
    return bool(agency_asked().search(q.text)) and not ISSUER_ASKED.search(q.text)


def agencies_for_topic(q: Question, corpus: "Corpus", k: Knowledge) -> Answer:
    """The bodies the sentences on the question's topic give a duty, each cited by its sentence."""
    import math

    from graph.agencies import find_agencies

    asked = agency_asked()
    cue = asked.search(q.text)
    cue_text = cue.group(0) if cue else ""     # 哪个机构: the asked head (机构) is no topic word
    words = [w for w in topic_words([t for t in q.terms if re.search(r"[\u4e00-\u9fff]", t)])
             if w not in metadata_words() and w not in DUTY_VERBS and not asked.fullmatch(w) and w not in cue_text]
    if not words:
        return Answer(q.text, F.METADATA, False, "问题没有说明是哪一项工作。")
    docs = q.document_ids()
    pool = [s for d in (docs or k.by_doc) for s in k.by_doc.get(d, [])]
    weight = {w: math.log(1 + len(pool) / (1 + sum(1 for s in pool if w in s.text))) for w in words}
    candidates = []
    for s in pool:
        present = [w for w in words if w in s.text]
        if not present or not any(v in s.text for v in DUTY_VERBS):
            continue      # off the topic, or a body merely named (a law it issued) with no duty here
        candidates.append((sum(weight[w] for w in present), -s.char_start, s))
    candidates.sort(key=lambda r: r[:2], reverse=True)
    scored = []
    # the organ names of the best sentences only (the field NER behind find_agencies costs ~1 ms a sentence)
    for score, start, s in candidates[:MAX_AGENCY_CANDIDATES]:
        found = find_agencies(s.text) or [(m.start(1), m.end(1), m.group(1)) for pattern in (DUTY_HOLDER, DUTY_SUBJECT)
                                          for m in pattern.finditer(s.text)]
        if found:
            scored.append((score, start, s, found))
    if not scored:
        return Answer(q.text, F.METADATA, False, "语料中没有找到负责这项工作的单位。")
    best = [r for r in scored if r[0] * 4 >= scored[0][0] * 3][:MAX_AGENCY_SENTENCES]
    items = dedupe([Item(name, "Agency", f"{s.doc_id}#{s.char_start + a}", (s.evidence(),), {"document": s.title})
                    for _, _, s, found in best for a, _, name in found])
    return Answer(q.text, F.METADATA, True, "、".join(i.label for i in items) + "。原文:" +
                  " ".join(f"「{s.text}」" for _, _, s, _ in best), tuple(items), tuple(s.evidence() for *_, s, _ in best))


# "卫生健康部门负责哪些事", "市住房保障部门的职责": the duties the text gives a body the question names.
DUTIES_ASKED = re.compile(r"负责(?:哪些|什么|啥)|(?:有|的)(?:哪些)?职责|干(?:什么|啥|哪些)|做(?:什么|啥|哪些)|管(?:什么|啥|哪些)|"
                          r"\bresponsible for what\b|\bwhat (?:is|are|does|do)\b.*\b(?:responsible for|in charge of|duties|do)\b|"
                          r"\bduties\b|\bresponsibilities\b", re.I)
BODY = re.compile(r"((?:[省市区县州乡镇]、)*[省市区县州乡镇]?[\u4e00-\u9fff]{2,12}?(?:部门|单位|机构|委员会))")


def _core_body(name: str) -> str:
    """The body without its levels (市、区卫生健康部门 → 卫生健康部门): the text may name one level at a time."""
    return re.sub(r"^(?:[省市区县州乡镇]、)*[省市区县州乡镇]?", "", name)


def duties_of_body(q: Question, corpus: "Corpus", k: Knowledge) -> Answer | None:
    """The clauses after 负责/主管/牵头 in the sentences whose subject is the body the question names; None when
    the question names no body or asks no duty."""
    if not DUTIES_ASKED.search(q.text):
        return None
    named = [m.group(1) for m in BODY.finditer(q.text)]
    if not named:
        return None
    core = _core_body(max(named, key=len))
    if len(core) < 3:
        return None
    docs = q.document_ids()
    items: list[Item] = []
    cites = []
    for s in k.containing(core):
        if docs and s.doc_id not in docs:
            continue
        for m in DUTY_SUBJECT.finditer(s.text):
            if _core_body(m.group(1)) != core:
                continue
            start = m.end(1)
            verb = re.match(r"\s*(?:负责|牵头|主管|组织|会同|统筹|指导)", s.text[start:])
            begin = start + (verb.end() if verb and s.text[start:start + verb.end()].strip() in ("负责", "牵头") else 0)
            end = next((i for i in range(begin, len(s.text)) if s.text[i] in "。；;"), len(s.text))
            for a, b in statement_spans(s.text[begin:end]):
                items.append(Item(s.text[begin + a:begin + b], "Passage", f"{s.doc_id}#{s.char_start + begin + a}",
                                  (s.evidence(begin + a, begin + b),), {"document": s.title, "body": m.group(1)}))
            cites.append(s.evidence())
    items = dedupe(items)
    if not items:
        return None
    return Answer(q.text, F.STATEMENTS, True, f"{core}的职责:" + ";".join(i.label for i in items) + "。",
                  tuple(items), tuple(cites))
