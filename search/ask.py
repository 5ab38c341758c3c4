"""Natural-language questions → cited answers: link the slots, choose the focus, execute, fall back on the entity."""
from __future__ import annotations

import logging
import re
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from graph.numerals import arabic_years, simplified
from graph.records import Item
from search import focus as F
from search import framing
from search import graph_answers as G
from search import statements as S
from search import text_answers as T
from search import timeline as TL
from search.knowledge import Knowledge
from search.question import (Question, absent_years, covers, entity_names, link, meaningful, metadata_words,
                             term_in, topic_units)
from search.records import Answer
from search.structure import section_for_topic

if TYPE_CHECKING:
    from search.corpus import Corpus

log = logging.getLogger(__name__)

Handler = Callable[[Question, "Corpus", Knowledge], Answer]


def answer(question: str, corpus: "Corpus") -> Answer:
    question = question.strip()
    if not question:
        return Answer(question, F.SEMANTIC, False, "请输入问题。")
    if not meaningful(question):
        return framing.frame(question, Answer(question, F.SEMANTIC, False,
                                              "问题中没有可查找的词语(not found in the corpus)。"))
    k = corpus.knowledge
    parts = asked_parts(question)
    if len(parts) >= 2:
        # "易地扶贫搬迁让多少人挪穷窝？多少个贫困县脱贫摘帽？": each question answered on its own, the later ones
        # read in the document, year and entity the first one names when they name none of their own
        first = link(arabic_years(parts[0]), corpus, k)
        answers = [_answer_linked(first, corpus, k)]
        for part in parts[1:]:
            answers.append(_answer_linked(_inherit(link(arabic_years(part), corpus, k), first), corpus, k))
        return framing.frame(question, _joined(question, answers))
    q = link(arabic_years(question), corpus, k)   # 一九五八年 is 1958年, same length
    return framing.frame(question, _answer_linked(q, corpus, k))


def _answer_linked(q: Question, corpus: "Corpus", k: Knowledge) -> Answer:
    focus = F.choose(q.masked(), q.slots(), corpus.embedder, Path(corpus.root) / "cache")
    log.info("focus=%s masked=%s places=%s regions=%s projects=%s docs=%s years=%s terms=%s", focus, q.masked(),
             q.places, [r.label for r in q.regions], [p.label for p in q.projects],
             [d.label for d in q.documents], q.years, q.terms)
    return _execute(focus, q, corpus, k)


# A question word (a closed class): a part of the question holding one asks something of its own.
QUESTION_WORD = re.compile(r"多少|几|哪|什么|谁|何|怎么|怎样|如何|是否|吗|呢")
MIN_PART = 6    # CJK characters of a part that asks on its own (not "为什么？", "是哪些？")
# A later part that points back (其中…, 这项行动…, 该规划…) or gives an example (比如…) is no question of its
# own: the whole is asked as one. Pronouns and example markers are a closed class.
LEANS_BACK = re.compile(r"^(?:其中|其|这|那|该|此|它|他们|上述|以上|前述|比如|例如|譬如|如|像|具体)")


def asked_parts(question: str) -> list[str]:
    """The questions a compound question runs together, each ending on its question mark; [question] when
    it asks one thing."""
    parts = [p.strip() for p in re.findall(r"[^？?]+[？?]?", question) if p.strip()]
    if len(parts) < 2 or not all(QUESTION_WORD.search(p) and len(re.findall(r"[\u4e00-\u9fff]", p)) >= MIN_PART
                                 for p in parts) or any(LEANS_BACK.match(p) for p in parts[1:]):
        return [question]
    return parts


def _inherit(later: Question, first: Question) -> Question:
    """A later question of a compound one in the first one's setting: the documents, years and entities it
    does not name itself."""
    changes = {}
    if not later.documents and not later.years:
        changes.update(documents=first.documents, years=first.years)
    if not (later.places or later.regions or later.projects or later.subject):
        changes.update(places=first.places, regions=first.regions, projects=first.projects, subject=first.subject)
    return replace(later, **changes) if changes else later


def _joined(question: str, answers: list[Answer]) -> Answer:
    """One answer of the parts' answers: found when any part is, every part's items and citations kept."""
    found = [a for a in answers if a.found]
    items, seen = [], set()
    for a in answers:
        for i in a.items:
            if (i.label, i.uri) not in seen:
                seen.add((i.label, i.uri))
                items.append(i)
    lead = found[0] if found else answers[0]
    return Answer(question, lead.intent, bool(found), " ".join(a.answer for a in answers), tuple(items),
                  tuple(c for a in answers for c in a.citations))


def _own_part(item: Item, names: list[str]) -> Item:
    """The 、-separated part of a clause that names the entity, cited by its own span."""
    parts = item.label.split("、")
    own = [p for p in parts if any(n in p for n in names)]
    if len(parts) < 3 or len(own) != 1 or not item.citations or len(own[0]) < S.MIN_TASK_PART or \
            not S.task_list(parts):
        return item
    cite = item.citations[0]
    start = cite.text.find(own[0])
    if start < 0:
        return item
    sub = replace(cite, char_start=cite.char_start + start, char_end=cite.char_start + start + len(own[0]),
                  text=own[0])
    return Item(own[0], item.type, item.uri, (sub,), item.attrs)


# "项目和任务", "projects and measures", "安排": a place's projects and the tasks the text gives it.
MEASURES_ASKED = re.compile(r"措施|举措|任务|安排|部署|\bmeasures?\b|\btasks?\b|\barrangements?\b|in store", re.I)


# Words of a question about the outline itself (几章, which section): a section named there is what is asked.
OUTLINE_WORDS = re.compile(r"[章节篇块]|部分|方面|小标题|哪几|哪些|chapter|section|part\b|heading", re.I)


# "X具体要建些什么", "what does X include": asked of what a named programme is made of.
CONTENTS_ASKED = re.compile(r"具体(?:要)?(?:建|搞|做|包括|包含|有|实施)|包括哪些|包含哪些|有哪些内容|什么内容|建些什么|要建什么|建哪些|"
                            r"由哪些|组成|\bwhat does\b.*\b(?:include|involve|comprise|consist|cover|build)\b|"
                            r"\bwhat (?:is|are) (?:in|under|part of)\b|\bcomponents?\b", re.I)


def _project_contents(q: Question, corpus: "Corpus", k: Knowledge) -> Answer | None:
    from graph import queries

    project = q.projects[0]
    members = queries.programme_members(corpus.graph, project.uri)
    if members:
        return Answer(q.text, F.PROJECTS, True, f"{project.label}包括{len(members)}项:" +
                      "、".join(m.label for m in members) + "。", tuple(members),
                      tuple(c for m in members for c in m.citations[:1]))
    placed = T._project_section(q, corpus, k, content=True)
    return placed if placed is not None and placed.found and placed.items else None


def _contains(outer: str, inner: str) -> bool:
    """Is one administrative unit inside another, by their adcodes (530000 holds 533400, 533400 holds 533421)?"""
    a, b = outer.removeprefix("adcode:"), inner.removeprefix("adcode:")
    if not (outer.startswith("adcode:") and inner.startswith("adcode:") and len(a) == len(b) == 6) or a == b:
        return False
    level = 2 if a.endswith("0000") else 4 if a.endswith("00") else 6
    return level < 6 and a[:level] == b[:level]


def without_containers(q: Question) -> Question:
    """"the Yunnan plan … for Diqing": a province named beside a unit inside it qualifies the document; the
    question is about the inner unit."""
    inner = [p for p in q.places if not any(_contains(p[0], o[0]) for o in q.places)]
    if len(inner) == len(q.places) or not inner:
        return q

    return replace(q, places=inner)


def _execute(focus: str, q: Question, corpus: "Corpus", k: Knowledge) -> Answer:
    if focus in (F.STATEMENTS, F.PROJECTS, F.GOALS, F.TARGET_VALUE, F.SEMANTIC):
        q = without_containers(q)
    absent = _absent_part(focus, q, k)
    if absent:
        return Answer(q.text, focus, False, absent)
    if focus in TOPIC_COMPARABLE and (focus == F.COMPARE or T.EACH_ASKED.search(q.text)) \
            and len(q.places) + len(q.regions) < 2 and len(set(q.years)) < 2:
        each = T.compare_topics(q, corpus, k)
        if each is not None:
            return each
    if focus in YEAR_LISTABLE and T.YEARS_ASKED.search(q.text) and not q.documents and not q.years:
        # "哪些年份的报告是李克强总理作的": the documents (by year) whose text says it
        return T.cross_document(q, corpus, k)
    if focus in LIST_ANSWERABLE:
        # "“两步设想”是哪两步": the steps the text numbers (第一步…第二步…), whatever the handler
        spelled = T.announced_list(q, k) or T.ordinal_steps(q, k)
        if spelled is not None:
            return spelled
    if focus in AGENCY_ANSWERABLE | {F.STATEMENTS, F.SEMANTIC}:
        # "卫生健康部门负责哪些事": what the text makes that body do
        duties = S.duties_of_body(q, corpus, k)
        if duties is not None:
            return duties
    if focus in AGENCY_ANSWERABLE and S.asks_agency(q):
        # "哪个部门负责…", "who should organise …": the bodies the text gives that duty
        bodies = S.agencies_for_topic(q, corpus, k)
        if bodies.found:
            return bodies
    if focus in (F.STATEMENTS, F.PROJECTS, F.SEMANTIC, F.SECTION) and q.projects and CONTENTS_ASKED.search(q.text):
        # "“兴水润滇”工程具体要建些什么": the projects listed under it, else the text of its own section
        held = _project_contents(q, corpus, k)
        if held is not None:
            return held
    if focus == F.SECTION and q.sections and T.VALUE_ASKED.search(q.text) and not OUTLINE_WORDS.search(q.text):
        # "服务资助，第一类和第二类对象每月分别给多少钱": a value stated in the section the words name, not the
        # section's title
        quoted = G.quoted_values(q, corpus, k, looking_forward=False, sections=q.sections) or \
            G.quoted_values(q, corpus, k, looking_forward=False)
        if quoted is not None:
            return quoted
    handler = HANDLERS.get(focus, T.semantic)
    if focus in PER_YEAR and len(set(q.years)) >= 2 and not YEAR_RANGE.search(q.text) and not (
            len(q.documents) == 1 and k.doc_years.get(q.documents[0].attrs.get("doc_id")) in q.years):
        # "2013年和2014年的赤字分别是多少": the same question asked of each year, side by side (not when one
        # report is named by one of the years: "1964年的报告里，1965年计划…")
        handler = T.compare
    elif focus in PER_YEAR and len(set(q.years)) >= 2 and YEAR_RANGE.search(q.text) and _series_years(q, k):
        # "2002至2005年，每年拟发行的国债分别是多少": every year of the range, from each year's document
        handler = TL.timeline
    elif focus == F.TIMELINE and len(set(q.years)) >= 2 and not YEAR_RANGE.search(q.text) and (
            q.places or q.regions or not _series_years(q, k)):
        # "广州…目标在2023年和2025年分别是多少": years a place's plan names for its targets, not the national
        # reports of those years
        handler = T.compare
    if S.PLACES_ASKED.search(q.text) and not (q.places or q.regions) and focus in PLACE_LISTS:
        handler = S.places_for_topic
    result = handler(q, corpus, k)
    if focus == F.PROJECTS and (q.places or q.regions) and MEASURES_ASKED.search(q.text):
        # "有哪些项目和任务", "projects and measures for Qujing": the place's projects, then what the text
        # asks of it
        said = S.entity_statements(q, corpus, k)
        if said.found:
            # clauses only, and of a list of places' tasks the one naming this place (…、丽江市建设世界文化旅游名城)
            names = entity_names(q, corpus)
            extra = tuple(_own_part(i, names) for i in said.items if all(i.label != r.label for r in result.items)
                          and len(i.label) <= T.MAX_LABEL)
            told = f"另有{len(extra)}条关于该地的任务和措施,见下列原文。"
            result = Answer(q.text, focus, True, (result.answer + " " if result.found else "") + told,
                            (result.items if result.found else ()) + extra, result.citations + said.citations)
    if result.found and focus in PLACE_BOUND and (q.places or q.regions) and not _names_entity(result, q, corpus, k):
        # a series of national figures is no answer about 广州: the evidence must name the place asked about
        # (or stand in a document about it)
        result = Answer(q.text, focus, False, "语料中没有找到关于" + "、".join(entity_names(q, corpus)[:2]) + "的这项内容。")
    if handler is T.semantic or (result.found and (focus not in TOPICAL or on_topic(result, q))):
        return result
    if focus == F.METADATA and not result.found and G.NUMBER_ASKED.search(q.text):
        # the document's particulars were read and it has no 文号: the passages around would only offer the
        # numbers of the documents it cites
        return result
    # A handler that cannot answer is no evidence of absence: answer from what the text says about the linked
    # entity, or from the passages of the constrained documents — but only with evidence that covers every
    # constraint of the question (the entity, the year, the topic); otherwise the passages are context.
    if focus in SECTION_ANSWERABLE:
        # the question's topic is the title of one section (对口岸强县提出了哪些措施): that section answers it
        by_heading = section_for_topic(q, corpus, k, heading_topic(q))
        if by_heading is not None:
            return by_heading
    # a value the graph recorded no target for: the clauses that state one, quoted with the passages below
    quoted = G.quoted_values(q, corpus, k, looking_forward=not G.FACT_ASKED.search(q.text)) \
        if focus == F.TARGET_VALUE else None
    fallback = None
    if q.places or q.regions or q.projects or q.subject:
        fallback = S.entity_statements(q, corpus, k)
    if (fallback is None or not fallback.found) and q.terms:
        fallback = T.semantic(q, corpus, k)
    if fallback is None or not fallback.found:
        return quoted or result
    covering = tuple(i for i in fallback.items if covers(simplified(" ".join(c.text for c in i.citations)), q, corpus, k))
    if quoted is not None and quoted.found:
        # the text states the value asked: a passage or two for what else the question asks, not a dozen that
        # bring the figures of other years and lists
        covering = covering[:QUOTED_CONTEXT]
    if covering:
        lead = quoted.items if quoted else ()
        return Answer(q.text, focus, True, (quoted.answer + " " if quoted else "") + fallback.answer + " " +
                      T.quote(covering), lead + covering,
                      (quoted.citations if quoted else ()) + tuple(c for i in covering for c in i.citations[:1]))
    if quoted:
        return quoted
    return Answer(q.text, focus, False, result.answer + " 以下原文段落可能相关:", fallback.items, fallback.citations)


# Foci whose items must speak of the question's topic words; the others answer by structure (a document's
# metadata, a region's members, an outline, a lineage) and carry no topic words to check.
TOPICAL = {F.PROJECTS, F.GOALS, F.TARGET_VALUE, F.COUNT, F.COMPARE, F.STATEMENTS, F.METADATA}


# Foci under which two coordinated things (A和B分别…) are asked of in turn when no two places or years are.
TOPIC_COMPARABLE = {F.COMPARE, F.SEMANTIC, F.STATEMENTS}


# Foci under which "which years …" without a year asks for the documents, by year, that say it.
YEAR_LISTABLE = {F.METADATA, F.SEMANTIC, F.STATEMENTS}


# Foci under which a numbered term the text spells out ("三保三压", 分两步走) is answered by its parts.
LIST_ANSWERABLE = {F.SEMANTIC, F.STATEMENTS, F.TARGET_VALUE, F.GOALS, F.SECTION, F.PROJECTS}


# Foci under which a question asking which body does something is answered by the bodies the text names.
AGENCY_ANSWERABLE = {F.METADATA, F.STATEMENTS, F.SEMANTIC, F.PROJECTS}


# Foci whose question, unanswered by its handler, may be answered by the section its topic titles.
SECTION_ANSWERABLE = {F.PROJECTS, F.STATEMENTS, F.GOALS}


def heading_topic(q: Question) -> list[str]:
    """The question's Chinese topic words without its focus words (措施, 任务, 定位 …) and metadata words."""
    if q.places or q.regions:
        return []         # a place's statements answer it (entity_statements), not one section's title
    cues = S.statement_cues()
    return [t for t in q.terms if re.search(r"[\u4e00-\u9fff]", t) and t not in cues and t not in metadata_words()
            and not G.COUNTED.match(t)]


# Foci whose answer must name the place the question links (the others read the graph's place links).
PLACE_BOUND = {F.TIMELINE}


def _series_years(q: Question, k: Knowledge) -> bool:
    """Does a yearly series (the government work reports) hold a document of one of the question's years?"""
    members = set().union(*k.series_docs.values()) if k.series_docs else set()
    return any(k.doc_years.get(d) in set(q.years) for d in members)


def _names_entity(result: Answer, q: Question, corpus: "Corpus", k: Knowledge) -> bool:
    names = entity_names(q, corpus)
    for item in result.items:
        for c in item.citations:
            if any(n in c.text or n in k.title(c.doc_id) for n in names):
                return True
    return False


# Foci that, asked of two or more years (not a range: that is a timeline), are asked of each year in turn.
PER_YEAR = {F.TARGET_VALUE, F.GOALS, F.SEMANTIC, F.STATEMENTS}
YEAR_RANGE = re.compile(r"\d{4}\s*年?\s*(?:至|到|—|–|-|~|～)\s*\d{4}|历年|逐年|每年|between \d{4} and|from \d{4} to", re.I)


# Foci under which "which places …" without a linked place asks for the places a topic names.
PLACE_LISTS = {F.PROJECTS, F.GOALS, F.MEMBERSHIP, F.SEMANTIC, F.STATEMENTS, F.SECTION, F.COUNT}


def on_topic(result: Answer, q: Question) -> bool:
    """Does some item (its label, cited text or section) hold at least half of the question's Chinese topic
    words? A list about something else is no answer, however confidently a handler returned it."""
    from search.knowledge import topic_words

    cjk = [t for t in q.terms if re.search(r"[\u4e00-\u9fff]", t) and t not in metadata_words()
           and not G.COUNTED.match(t)]
    if result.intent == F.METADATA:
        # a question about the document's particulars has no topic words left, or words its particulars hold
        # (全国人民代表大会 in "which NPC session"); one that still has others ("who leads the joint meeting on
        # childcare") asks what the text says
        # a question about what it is based on has its answer in the documents it names (根据《…》)
        return not cjk or any(term_in(t, i.label) for i in result.items for t in cjk) or \
            (F.asks_basis(q.text) and any(i.attrs.get("field") == "basis" for i in result.items))
    if len(cjk) < 2:
        return True
    quoted = [t for t in q.quoted if re.search(r"[\u4e00-\u9fff]", t) and len(t) >= 2]
    if ASPECTS.search(q.text):
        # "（质量、城市、文化、装备方面）": each item answers one of the aspects listed; together they cover them
        texts = [i.label + simplified(" ".join(c.text for c in i.citations)) for i in result.items]
        covered = sum(1 for t in cjk if any(term_in(w, x) for x in texts for w in topic_words([t])))
        if covered * 2 >= len(cjk):
            return True
    # the words of one phrase (GDP growth → 国内生产总值|经济增长; 经济增速 → 国内生产总值) count once
    units = [u for u in topic_units(q) if all(t in cjk for t in u)]
    if len(units) < 2:
        return True
    for item in result.items:
        text = item.label + simplified(" ".join(c.text + " ".join(c.section_path) for c in item.citations))
        if any(t in text for t in quoted):
            return True       # the name the question quotes (“大家系列”) is its topic
        if sum(1 for u in units if any(term_in(w, text) for t in u for w in topic_words([t]))) * 2 >= len(units):
            return True
    return False


QUOTED_CONTEXT = 1     # passages kept beside a value quoted from the text


# A list of aspects in the question (质量、城市、文化、装备).
ASPECTS = re.compile(r"[\u4e00-\u9fff]{2,4}(?:、[\u4e00-\u9fff]{2,4}){2,}")


def _absent_part(focus: str, q: Question, k: Knowledge) -> str | None:
    """The part of the question the corpus lacks (a place, a year's document), named; None if all is there."""
    if q.absent_places and not (q.places or q.regions or q.projects):
        names = "、".join(dict.fromkeys(q.absent_places))
        return f"语料中没有关于{names}的内容(not found in the corpus)。"
    missing = absent_years(q, k)
    if missing and focus not in (F.TIMELINE, F.CROSS_DOCUMENT):
        return "语料中没有" + "、".join(missing) + "(not found in the corpus)。"
    return None


HANDLERS: dict[str, Handler] = {
    F.PROJECTS: G.projects_by_place,
    F.GOALS: G.goals_by_place,
    F.TARGET_VALUE: G.target_value,
    F.PARENT_GOAL: G.parent_goal,
    F.MEMBERSHIP: G.region_membership,
    F.METADATA: G.document_metadata,
    F.SECTION: T.section_lookup,
    F.COUNT: T.count,
    F.COMPARE: T.compare,
    F.CROSS_DOCUMENT: T.cross_document,
    F.TIMELINE: TL.timeline,
    F.STATEMENTS: S.entity_statements,
    F.SEMANTIC: T.semantic,
}
