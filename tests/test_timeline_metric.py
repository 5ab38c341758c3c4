"""A metric asked across the years is the longest phrase of the question the reports use, and each year's value
is the one the report sets for that year ("今年…"), not the past years it reviews first."""
from __future__ import annotations

from types import SimpleNamespace

from search.question import Question
from search.sentences import Sentence
from search.timeline import _first_stated, _metric_phrase

TEXTS = {"r2018": ["过去五年,财政赤字率一直控制在3%以内。", "今年赤字率拟按2.6%安排。"],
         "r2025": ["拟发行特别国债5000亿元。", "拟发行超长期特别国债1.3万亿元。"]}


def knowledge():
    sentences = []
    for doc_id, texts in TEXTS.items():
        pos = 0
        for text in texts:
            sentences.append(Sentence(doc_id, "r.jsonl", doc_id, (), pos, pos + len(text), text))
            pos += len(text)
    return SimpleNamespace(
        sentences=sentences, by_doc={d: [s for s in sentences if s.doc_id == d] for d in TEXTS},
        documents_with=lambda t: frozenset(s.doc_id for s in sentences if t in s.text),
        sentence_ids=lambda t: tuple(i for i, s in enumerate(sentences) if t in s.text))


def test_the_metric_is_the_longest_phrase_the_reports_use():
    k = knowledge()
    q = Question("2024年和2025年分别拟发行多少超长期特别国债？")
    assert _metric_phrase(q, k, {"r2018": 2018, "r2025": 2025}, "政府工作报告") == "超长期特别国债"
    assert _metric_phrase(Question("历年的赤字率是多少？"), k, {"r2018": 2018}, "") == "赤字率"


def test_the_year_own_value_is_preferred_to_a_review_of_past_years():
    k = knowledge()
    stated = _first_stated(k, ["赤字率"], {"r2018"})
    assert stated["r2018"].text == "今年赤字率拟按2.6%安排。"
