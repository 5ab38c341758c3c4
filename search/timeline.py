"""Across the years of a document series: a metric's value in each year's document, and when a term first
appears and in how many documents."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

from graph.records import Item
from search import focus as F
from search.graph_answers import VALUE_IN_QUESTION, WHICH_YEARS
from search.knowledge import Knowledge
from search.question import MAX_LABEL, Question, extend_term
from search.records import Answer
from search.sentences import Sentence, clause_around

if TYPE_CHECKING:
    from search.corpus import Corpus

FIRST = re.compile(r"最早|第一次|首次|首先|哪一年.{0,6}(提出|出现)|哪年.{0,6}(提出|出现)|出现|提到|提及|提出过|"
                   r"\bfirst\b|earliest|\bappear|mention", re.I)
# A sentence that sets a number as this year's expectation, not one that reviews last year's result.
TARGET_CUE = re.compile(r"预期|目标|左右|控制在|力争|以上|以内|计划|要|拟|安排")
NUMBER = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|万|亿|个百分点)")
THIS_YEAR = re.compile(r"今年|本年度|this year")


# "Which reports use the phrase “四个现代化”": a quoted phrase asked of the documents, not a metric's values.
DOCUMENTS_ASKED = re.compile(r"哪些|哪几|哪份|which|what (?:reports|documents)", re.I)
VALUES_ASKED = re.compile(r"多少|数值|目标值|增长|比例|\d|how much|how many|rate|target|value|growth", re.I)


def timeline(q: Question, corpus: "Corpus", k: Knowledge) -> Answer:
    if FIRST.search(q.text) or (q.quoted and DOCUMENTS_ASKED.search(q.text) and not VALUES_ASKED.search(q.text)):
        return first_appearance(q, k)
    return metric_timeline(q, k)


def _dated_docs(k: Knowledge) -> dict[str, int]:
    """doc_id → year, for the documents of the yearly series if there is one, else every dated document."""
    members = set().union(*k.series_docs.values()) if k.series_docs else set(k.doc_years)
    return {d: y for d, y in k.doc_years.items() if d in members}


def _year_range(q: Question) -> tuple[int, int] | None:
    years = sorted(set(q.years))
    if len(years) >= 2:
        return years[0], years[-1]
    if len(years) == 1:
        return (years[0], 9999) if re.search(r"以来|之后|since|after", q.text, re.I) else (years[0], years[0])
    return None


def _term(q: Question, k: Knowledge, docs: dict[str, int]) -> str | None:
    """The question's most specific term that the corpus uses: quoted, else the one in fewest documents."""
    for quoted in q.quoted:
        if k.containing(quoted):
            return quoted
    counts = []
    for t in q.terms:
        n = len(k.documents_with(t) & docs.keys())
        if n:
            counts.append((n, -len(t), t))
    return min(counts)[2] if counts else None


def first_appearance(q: Question, k: Knowledge) -> Answer:
    """Every document that uses the term, in order of year (undated ones last), with the first use in each."""
    dated = _dated_docs(k)
    term = _term(q, k, dated) or _term(q, k, {d.attrs.get("doc_id"): 0 for d in k.documents})
    if term is None:
        return Answer(q.text, F.TIMELINE, False, f"语料中没有找到「{'、'.join(q.quoted or q.terms)}」。")
    first: dict[str, Sentence] = {}
    for s in k.containing(term):
        if s.doc_id not in first or s.char_start < first[s.doc_id].char_start:
            first[s.doc_id] = s
    in_series = [s for s in first.values() if s.doc_id in dated]
    # In a corpus with a yearly series, "which year first" is asked of the series; otherwise of every document.
    chosen = in_series if in_series and re.search(r"年|year|\bwhen\b", q.text, re.I) else list(first.values())
    years = {s.doc_id: k.doc_years.get(s.doc_id) for s in chosen}
    ordered = sorted(chosen, key=lambda s: (years[s.doc_id] is None, years[s.doc_id] or 0, s.doc_id))
    items = tuple(_year_item(years[s.doc_id], s, term) for s in ordered)
    named = [str(years[s.doc_id]) if years[s.doc_id] else f"《{s.title}》" for s in ordered]
    head = (f"「{term}」最早出现在{years[ordered[0].doc_id]}年的《{ordered[0].title}》," if years[ordered[0].doc_id]
            else f"「{term}」")
    return Answer(q.text, F.TIMELINE, True, f"{head}共出现在{len(ordered)}份文件中({'、'.join(named)})。",
                  items, (ordered[0].evidence(),))


def _year_item(year: int | None, s: Sentence, term: str) -> Item:
    pos = max(0, s.text.find(term))
    a, b = clause_around(s.text, pos, pos + len(term), limit=MAX_LABEL - 6)
    prefix = f"{year}年:" if year else ""
    return Item(f"{prefix}{s.text[a:b]}"[:MAX_LABEL], "Passage", f"{s.doc_id}#{s.char_start}",
                (s.evidence(),), {"year": year, "document": s.title})


def _first_stated(k: Knowledge, words: list[str], wanted: set[str]) -> dict[str, Sentence]:
    """doc_id → its first sentence that holds one of the words, a number and a target cue, for the wanted
    documents (looked up in the sentence postings, not by reading every sentence of every document)."""
    first: dict[str, Sentence] = {}
    if any(not w or "\x00" in w for w in words):
        pool = [s for d in wanted for s in k.by_doc.get(d, [])]
    else:
        pool = [k.sentences[i] for i in sorted(set().union(*(k.sentence_ids(w) for w in words)))]
    this_year: dict[str, Sentence] = {}
    for s in pool:
        if (s.doc_id in wanted and s.doc_id not in this_year and any(w in s.text for w in words)
                and NUMBER.search(s.text) and TARGET_CUE.search(s.text)):
            first.setdefault(s.doc_id, s)
            if THIS_YEAR.search(s.text):
                this_year[s.doc_id] = s
    # a report reviews the past years before it sets this year's figure: "今年…" is the year's own value
    return {**first, **this_year}


MIN_PHRASE = 3
MAX_PHRASE = 10


def _metric_phrase(q: Question, k: Knowledge, docs: dict[str, int], titles: str) -> str | None:
    from search.text_answers import NOT_TOPIC

    text = q.text
    best: tuple[int, int, str] | None = None
    for size in range(min(MAX_PHRASE, len(text)), MIN_PHRASE - 1, -1):
        for i in range(len(text) - size + 1):
            piece = text[i:i + size]
            if not re.fullmatch(r"[\u4e00-\u9fff]+", piece) or NOT_TOPIC.search(piece) or piece in titles \
                    or re.search(r"年|历|逐|拟|安排|发行|提出|规定", piece[:1] + piece[-1:]) \
                    or (q.terms and not any(len(t) >= 2 and t in piece for t in q.terms)):
                continue
            # the stretch most of the years' documents use, the longest of those (居民消费价格 in every
            # report of 2007–2010 beats 居民消费价格涨幅, which one of them prints)
            found = len(k.documents_with(piece) & docs.keys())
            if found and (best is None or (found, size) > best[:2]):
                best = (found, size, piece)
    return best[2] if best else None


def metric_timeline(q: Question, k: Knowledge) -> Answer:
    docs = _dated_docs(k)
    span = _year_range(q)
    if span:
        docs = {d: y for d, y in docs.items() if span[0] <= y <= span[1]}
    # The metric is the question's most specific word: the one fewest of these documents use, and not a word of
    # the series' own title (政府工作报告).
    titles = " ".join(k.series) if k.series else ""
    ranked = sorted(((len(k.documents_with(t) & docs.keys()), -len(t), t)
                     for t in q.terms if t not in titles), key=lambda r: r[:2])
    # the longest stretch of the question these documents use (超长期特别国债, 赤字率) names the metric better
    # than any one segmented word of it (发行, 长期 …)
    phrase = _metric_phrase(q, k, docs, titles)
    base = [phrase] if phrase else [t for n, _, t in ranked if n][:1]
    words = list(dict.fromkeys([extend_term(t, q, k) for t in base] + base))
    words += [w for group in q.english_groups for w in group if words and w not in words and words[0] in group]
    if not words or not docs:
        return Answer(q.text, F.TIMELINE, False, f"语料中没有找到{'、'.join(q.terms) or '该指标'}的逐年数据。")
    by_doc: dict[str, Item] = {}
    fit: dict[str, int] = {}
    for goal in (k.goals[i] for i in k.goals_with_any(words)):   # the goals whose metric or label has a word
        cite = goal.citations[0] if goal.citations else None
        if cite is None or cite.doc_id not in docs:
            continue
        year = docs[cite.doc_id]
        if goal.attrs.get("year") not in (None, year):
            continue       # a multi-year target stated in that year's document is not that year's value
        # the closest metric: least of its name left over once the asked words are taken out
        metric = goal.attrs.get("metric") or goal.label
        rest = len(metric) - max((len(w) for w in words if w in metric), default=0)
        if cite.doc_id not in by_doc or rest < fit[cite.doc_id]:
            fit[cite.doc_id] = rest
            by_doc[cite.doc_id] = Item(f"{year}年:{goal.label}"[:MAX_LABEL], "Goal", goal.uri, goal.citations,
                                       {**goal.attrs, "year": year})
    stated = _first_stated(k, words, {d for d in docs if d not in by_doc})
    for doc_id, year in docs.items():
        s = stated.get(doc_id) if doc_id not in by_doc else None
        if s is not None:
            pos = min(s.text.find(w) for w in words if w in s.text)
            a, b = clause_around(s.text, pos, pos + 2, limit=MAX_LABEL - 6)
            label = s.text[a:b]
            if not NUMBER.search(label):
                # the figure follows in a later clause ("拟连续几年发行超长期特别国债,…,今年先发行1万亿元")
                later = NUMBER.search(s.text, b)
                if later:
                    c, d = clause_around(s.text, later.start(), later.end(), limit=MAX_LABEL // 2)
                    label = f"{label[:MAX_LABEL // 2]}…{s.text[c:d]}"
            by_doc[doc_id] = Item(f"{year}年:{label}"[:MAX_LABEL], "Passage", f"{doc_id}#{s.char_start}",
                                  (s.evidence(),), {"year": year, "document": s.title})
    value = VALUE_IN_QUESTION.search(q.text)
    if value and WHICH_YEARS.search(q.text):
        # "哪几年…定为4.5%以内": the years whose figure is that value (4.5%, not 14.5% or 4.6%)
        exact = re.compile(r"(?<![\d.])" + re.escape(re.sub(r"\s", "", value.group(0))))
        by_doc = {d: i for d, i in by_doc.items() if exact.search(re.sub(r"\s", "", i.label))}
    if not by_doc:
        return Answer(q.text, F.TIMELINE, False, f"语料中没有找到{'、'.join(words)}的逐年数据。")
    items = tuple(sorted(by_doc.values(), key=lambda i: i.attrs["year"]))
    return Answer(q.text, F.TIMELINE, True, f"{'、'.join(words)}逐年情况({len(items)}年):" +
                  ";".join(i.label for i in items) + "。", items)
