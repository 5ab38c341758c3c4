"""Reciprocal-rank fusion and the entity boost."""
from __future__ import annotations

import pytest

from search.hybrid import fuse
from search.records import Hit


def test_rrf_scores_and_ranks():
    hits = fuse([("a", 0.9), ("b", 0.8)], [("b", 12.0), ("c", 3.0)], k=60)
    assert [h.chunk_id for h in hits] == ["b", "a", "c"]
    assert hits[0] == Hit("b", pytest.approx(1 / 62 + 1 / 61), dense_rank=2, bm25_rank=1)
    assert hits[1] == Hit("a", pytest.approx(1 / 61), dense_rank=1, bm25_rank=None)
    assert hits[2] == Hit("c", pytest.approx(1 / 62), dense_rank=None, bm25_rank=2)


def test_fusion_ignores_score_scales():
    # BM25 scores in the hundreds must not swamp cosines: only ranks count.
    hits = fuse([("a", 0.99), ("b", 0.10)], [("b", 900.0), ("a", 899.0)])
    assert hits[0].score == pytest.approx(hits[1].score)
    assert [h.chunk_id for h in hits] == ["a", "b"]  # equal scores: ordered by id


def test_boost_reorders_retrieved_chunks_only():
    dense, bm25 = [("a", 0.9), ("b", 0.8)], [("a", 5.0), ("b", 4.0)]
    assert fuse(dense, bm25)[0].chunk_id == "a"
    boosted = fuse(dense, bm25, boost={"b": 1.0, "zz": 5.0})
    assert [h.chunk_id for h in boosted] == ["b", "a"]
    assert boosted[0].score == pytest.approx(2 / 62 + 1 / 61)


def test_empty_rankings():
    assert fuse([], []) == []
    assert [h.chunk_id for h in fuse([("x", 0.5)], [])] == ["x"]
