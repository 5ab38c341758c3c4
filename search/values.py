"""A value the text states, read from the clauses of the documents in scope when the graph holds none.

Extraction misses targets (an unfamiliar phrasing, a standard such as 每月补助300元, a validity period), and a
value question is then answered by "not found" although the text states the value. This reads the clauses
instead: the sentences naming most of the question's words (weighted by how rare each word is in the corpus)
that hold a quantity, and of each the clause with the quantity nearest to those words. A target question
passes over sentences looking back (已完成, 过去五年); a question about the present state keeps them. The answer
says plainly that the value is quoted from the text, not a target the graph recorded.
"""
from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from graph.goals import section_context, sentence_tense
from graph.numerals import arabic_years
from graph.records import Item
from search.knowledge import Knowledge
from search.question import (MAX_LABEL, Question, document_named_years, entity_names, metadata_words,
                             series_members, term_in, variants)
from search.sentences import Sentence, clauses

if TYPE_CHECKING:
    from search.corpus import Corpus

# A quantity: digits (not a year: 1980年 dates a clause, it states no value), or a Chinese numeral before a measure word or unit (三个, 两倍, 五年), a doubling
QUANTITY = re.compile(r"(?<![\d.])(?!(?:19|20)\d\d\s*年)\d|[一二两三四五六七八九十百千万亿半]+(?:个|项|家|座|所|条|人|名|元|倍|年|月|日|天|周|岁|成|批|次)|翻[一两二三四]番")
MIN_COVER = 0.6       # share of the question's word weight a sentence must name
MAX_SENTENCES = 3
MAX_SCAN = 4000       # sentences read per question at most (the rarest word's sentences first)


def _states_year(year: int, s: Sentence, before: Sentence | None) -> bool:
    """Is the year the sentence's own: written in it, in the sentence before it (到2030年，…。…达到…), or in its
    section's heading (（二）2035年目标)? Years are compared as written in Arabic digits or Chinese numerals."""
    texts = [s.text, before.text if before is not None else "", *s.section_path[-2:]]
    return any(str(year) in t or str(year) in arabic_years(t) for t in texts if t)


YEAR_WRITTEN = re.compile(r"(?<!\d)((?:19|20)\d\d)(?=\s*年)")


def year_context(s: Sentence, k: Knowledge) -> set[int]:
    """The years a sentence speaks of: those written in it, else in the sentence before it in its section
    (到2030年，…。…达到15个), else in its section's headings; empty when none says."""
    before, _ = _neighbours(s, k)
    for text in (s.text, before.text if before is not None else "", " ".join(s.section_path[-2:])):
        years = {int(y) for y in YEAR_WRITTEN.findall(arabic_years(text))} if text else set()
        if years:
            return years
    return set()


def word_groups(q: Question, k: Knowledge, drop: set[str]) -> list[tuple[str, ...]]:
    """Each of the question's topic words with the forms the corpus uses (English phrases: their Chinese words)."""
    groups = [tuple(g) for g in q.english_groups if g]
    english = {w for g in groups for w in g}
    for term in q.terms:
        if term in drop or term in metadata_words() or term in english or not re.search(r"[\u4e00-\u9fff]", term) or len(term) < 2:
            continue
        forms = tuple(v for v in variants(term, k) if len(v) >= 2)
        if forms:
            groups.append(forms)
    return list(dict.fromkeys(groups))


def _weight(group: tuple[str, ...], k: Knowledge) -> float:
    n = max((len(k.containing(w)) for w in group), default=0)
    return math.log(1 + len(k.sentences) / (1 + n))


def _scope(q: Question, k: Knowledge) -> set[str] | None:
    """The documents asked about: those named, else a yearly series' report of the year asked (a report states
    its own year's targets), else the whole corpus (None)."""
    docs = q.document_ids() or set(q.kind_scope)
    if docs:
        return docs
    if q.years and k.series_docs:
        members = set().union(*k.series_docs.values())
        of_year = {d for d in members if k.doc_years.get(d) in set(q.years)}
        if of_year:
            return of_year
    return None


def value_clauses(q: Question, corpus: "Corpus", k: Knowledge, groups: list[tuple[str, ...]],
                  looking_forward: bool, sections: list[str] | None = None) -> list[Item]:
    """Clauses stating a quantity about the question's words, best first; [] when none names enough of them."""
    if not groups:
        return []
    weights = [_weight(g, k) for g in groups]
    total = sum(weights)
    if total <= 0:
        return []
    scope = _scope(q, k)
    # a place the question names: its own sentences, or a document about it (《广州市…办法》)
    names = [n for n in entity_names(q, corpus) if len(n) >= 2] if (q.places or q.regions) else []
    # candidates: sentences holding the rarest word (any of its forms)
    rarest = max(range(len(groups)), key=lambda i: weights[i])
    pool: dict[int, Sentence] = {}
    for w in groups[rarest]:
        for s in k.containing(w):
            pool.setdefault(id(s), s)
    if len(groups) > 1 and weights[rarest] < 0.6 * total:
        # the rarest word alone does not decide: any sentence with most of the weight qualifies
        for i in sorted(range(len(groups)), key=lambda i: -weights[i])[1:2]:
            for w in groups[i]:
                for s in k.containing(w):
                    pool.setdefault(id(s), s)
    # the sentence before, in the same section, sets the scene ("…可享受星级评定补贴。被评为五星级的给予10万元，
    # 四星级的给予5万元…"): its words count half
    previous: dict[int, Sentence] = {}
    for s in list(pool.values()):
        if scope is not None and s.doc_id not in scope:
            continue
        before, after = _neighbours(s, k)
        if before is not None:
            previous[id(s)] = before
        if after is not None and id(after) not in pool and QUANTITY.search(after.text):
            # a sentence right after one naming the words, stating values, is a candidate too
            pool[id(after)] = after
            previous[id(after)] = s
    # years the question asks that are not the year of the document it names (a report's year is its own)
    in_series = series_members(k)
    named_years = document_named_years(q, k) | {k.doc_years.get(d) for d in (scope or ()) if d in in_series}
    free_years = [y for y in set(q.years) if scope is not None and y not in named_years]
    scored = []
    for s in list(pool.values())[:MAX_SCAN]:
        if scope is not None and s.doc_id not in scope:
            continue
        if q.years and scope is None and not any(str(y) in s.text for y in q.years):
            continue
        if free_years and not any(_states_year(y, s, previous.get(id(s))) for y in free_years):
            continue      # the document names other years' values: "到2030年多少" is not answered by 2025's
        if names and not any(n in s.text or n in s.title for n in names):
            continue
        if sections and not any(h in p for h in sections for p in s.section_path):
            continue      # the section the question names (服务资助 → 第四章 服务资助)
        # inside the section the question names, its heading speaks for every sentence (（二）星级评定补贴。…
        # 被评为五星级的给予10万元)
        heading = " ".join(s.section_path[-2:]) if sections else ""
        named = [i for i, g in enumerate(groups) if any(term_in(w, s.text) or term_in(w, heading) for w in g)]
        before = previous.get(id(s))
        context = [i for i, g in enumerate(groups) if i not in named and before is not None
                   and any(term_in(w, before.text) for w in g)]
        cover = (sum(weights[i] for i in named) + 0.5 * sum(weights[i] for i in context)) / total
        if cover < MIN_COVER or not QUANTITY.search(s.text):
            continue
        tense = sentence_tense(s.text, k.doc_years.get(s.doc_id))
        if looking_forward and tense == "past":
            continue
        if looking_forward and section_context(s.section_path)[0]:
            continue      # a review of the past year or plan period (一、2016年工作回顾) states results
        scored.append((tense != "future" if looking_forward else False, -cover, s.doc_id, s.char_start, s, named))
    scored.sort(key=lambda t: t[:4])
    out: list[Item] = []
    each = bool(EACH.search(q.text))
    for *_, s, named in scored[:MAX_SENTENCES]:
        span = _value_clause(s, [w for i in named for w in groups[i]], each)
        if span is None:
            continue
        a, b = span
        out.append(Item(without_baseline(s.text[a:b]), "Passage", f"{s.doc_id}#{s.char_start + a}", (s.evidence(a, b),),
                        {"document": s.title, "quoted": True}))
    return out


# "赤字率从去年的2.1%提高到2.3%", "由平均每年百分之六调高到…": the figure it moves from is the baseline, not the
# value set
BASELINE = re.compile(r"[从由][^，,；;。从由到]{1,16}?(?=(?:提高|降低|增加|减少|下降|上升|扩大|缩小|调高|调低|调整|压减|增长)到)")


def without_baseline(text: str) -> str:
    """The clause as it reads without the figure it moves from (the label; the citation keeps the whole)."""
    return BASELINE.sub(lambda m: "" if QUANTITY.search(m.group(0)) or "百分之" in m.group(0) else m.group(0), text)


def _neighbours(s: Sentence, k: Knowledge) -> tuple[Sentence | None, Sentence | None]:
    """The sentences just before and after `s` in the same section (None where the section ends)."""
    sentences = k.by_doc.get(s.doc_id, [])
    i = k.sentence_index(s.doc_id, s.char_start)
    if i is None or sentences[i].char_start != s.char_start:
        return None, None
    before = sentences[i - 1] if i > 0 and sentences[i - 1].section_path == s.section_path else None
    after = sentences[i + 1] if i + 1 < len(sentences) and sentences[i + 1].section_path == s.section_path else None
    return before, after


SCHEDULE = 3      # valued clauses in one sentence that make it a schedule of rates


EACH = re.compile(r"分别|各(?:是|为|有|奖励|补助|给|占|多少)|\brespectively\b|\beach\b", re.I)


def _value_clause(s: Sentence, words: list[str], each: bool = False) -> tuple[int, int] | None:
    """The clause holding a quantity nearest to the question's words, joined with the clause naming them when
    they stand apart ("主要预期目标是：国内生产总值增长6%左右"), at most MAX_LABEL characters when it can be."""
    spans = clauses(s.text)
    hits = [i for i, (a, b) in enumerate(spans) if any(w in s.text[a:b] for w in words)]
    valued = [i for i, (a, b) in enumerate(spans) if QUANTITY.search(s.text[a:b])]
    if not valued:
        return None
    if len(valued) >= SCHEDULE and all(b - a <= MAX_LABEL for a, b in (spans[i] for i in valued)):
        # a schedule (五星级的给予10万元，四星级的给予5万元，三星级的…): every rate is the answer
        a, b = spans[valued[0]][0], spans[valued[-1]][1]
        if b - a <= 3 * MAX_LABEL:
            return a, b
    if not hits:
        i = valued[0]
        return spans[i]
    best = min(valued, key=lambda i: (min(abs(i - h) for h in hits), i < min(hits)))
    near = min(hits, key=lambda h: abs(best - h))
    lo, hi = min(best, near), max(best, near)
    if each:
        # "第一类…400元，第二类…200元": one value per thing asked, every valued clause naming the words
        both = [i for i in valued if i in hits] or [best]
        lo, hi = min(lo, both[0]), max(hi, both[-1])
    a, b = spans[lo][0], spans[hi][1]
    if b - a > 2 * MAX_LABEL:
        a, b = spans[best]
    return a, b
