"""BM25 over pre-segmented tokens: checked against the Lucene BM25 formula written out by hand."""
from __future__ import annotations

import math

import pytest

from ingest.errors import WorkspaceError
from search.bm25 import BM25Index, terms

DOCS = {
    "border": ["推进", "边民", "互市", "贸易", "，", "发展", "边境", "贸易", "。"],
    "school": ["加强", "教师", "队伍", "建设", "，", "提高", "教育", "质量", "。"],
    "rail": ["建设", "铁路", "和", "高速公路", "，", "推进", "互联互通", "。"],
}


def lucene_bm25(query: list[str], docs: dict[str, list[str]], k1=1.5, b=0.75) -> dict[str, float]:
    corpus = {cid: terms(toks) for cid, toks in docs.items()}
    avgdl = sum(map(len, corpus.values())) / len(corpus)
    scores = {}
    for cid, toks in corpus.items():
        score = 0.0
        for term in set(query):
            df = sum(term in d for d in corpus.values())
            tf = toks.count(term)
            if not tf:
                continue
            idf = math.log(1 + (len(corpus) - df + 0.5) / (df + 0.5))
            score += idf * tf / (tf + k1 * (1 - b + b * len(toks) / avgdl))
        scores[cid] = score
    return scores


def test_terms_drop_punctuation_and_lowercase_latin():
    assert terms(["推进", "，", " ", "GDP", "2025", "。", "5G"]) == ["推进", "gdp", "2025", "5g"]


def test_scores_match_the_formula():
    index = BM25Index.build(list(DOCS), list(DOCS.values()))
    query = ["推进", "贸易", "建设"]
    expected = lucene_bm25(query, DOCS)
    hits = index.search(query, 10)
    assert [cid for cid, _ in hits] == sorted(expected, key=lambda c: -expected[c])
    for cid, score in hits:
        assert score == pytest.approx(expected[cid], rel=1e-5)


def test_only_matching_chunks_are_returned():
    index = BM25Index.build(list(DOCS), list(DOCS.values()))
    assert [cid for cid, _ in index.search(["教师"], 10)] == ["school"]
    assert index.search(["，", "。"], 10) == []          # punctuation is not a term
    assert index.search(["火星"], 10) == []              # out of vocabulary
    assert len(index.search(["推进"], 1)) == 1


def test_query_is_tokenised_by_the_given_function():
    index = BM25Index.build(list(DOCS), list(DOCS.values()))
    hits = index.search_text("铁路 高速公路", str.split, 5)
    assert hits[0][0] == "rail"


def test_save_load_round_trip(tmp_path):
    index = BM25Index.build(list(DOCS), list(DOCS.values()))
    index.save(tmp_path / "bm25")
    index.save(tmp_path / "bm25")  # overwriting an existing index swaps it whole
    loaded = BM25Index.load(tmp_path / "bm25")
    assert loaded.search(["推进", "贸易"], 3) == index.search(["推进", "贸易"], 3)
    assert [p.name for p in tmp_path.iterdir()] == ["bm25"]  # no build directories left behind


def test_empty_index_and_missing_files(tmp_path):
    empty = BM25Index.build([], [])
    assert empty.search(["推进"], 5) == []
    empty.save(tmp_path / "e")
    assert BM25Index.load(tmp_path / "e").search(["推进"], 5) == []
    with pytest.raises(WorkspaceError, match="BM25 index file missing"):
        BM25Index.load(tmp_path / "nothing")


def test_traditional_characters_are_indexed_as_simplified_ones():
    # a report printed in traditional characters is found by a question asked in simplified ones
    assert terms(["蘇聯", "協助", "我國"]) == ["苏联", "协助", "我国"]
