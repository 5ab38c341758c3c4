"""The workspace's embedder remembers query vectors: same vectors as the model, one model call per new text."""
from __future__ import annotations

import numpy as np

from search.embed import FakeEmbedder
from ui.workspace import QueryMemo


class Counting(FakeEmbedder):
    def __init__(self):
        super().__init__()
        self.asked: list[str] = []

    def embed_queries(self, texts):
        self.asked += list(texts)
        return super().embed_queries(texts)


def test_a_repeated_query_is_embedded_once_and_gets_the_same_vector():
    inner = Counting()
    memo = QueryMemo(inner)
    first = memo.embed_queries(["边境贸易怎么发展", "人才怎么引进"])
    again = memo.embed_queries(["人才怎么引进", "边境贸易怎么发展", "人才怎么引进"])
    assert inner.asked == ["边境贸易怎么发展", "人才怎么引进"]
    assert np.array_equal(again[[1, 0]], first) and np.array_equal(again[2], first[1])
    assert np.array_equal(first, FakeEmbedder().embed_queries(["边境贸易怎么发展", "人才怎么引进"]))
    again[0] += 1.0   # a caller changing its copy changes nothing remembered
    assert np.array_equal(memo.embed_queries(["人才怎么引进"])[0], first[1])
    assert memo.embed_queries([]).shape == (0, inner.dim)


def test_the_memo_is_bounded_and_passes_everything_else_through(monkeypatch):
    inner = Counting()
    memo = QueryMemo(inner)
    monkeypatch.setattr(QueryMemo, "SIZE", 2)
    memo.embed_queries(["a"]), memo.embed_queries(["b"]), memo.embed_queries(["c"])
    memo.embed_queries(["a"])   # forgotten: the oldest of three
    assert inner.asked == ["a", "b", "c", "a"]
    assert (memo.name, memo.dim, memo.semantic) == (inner.name, inner.dim, False)
    assert np.array_equal(memo.embed_passages(["x"]), inner.embed_passages(["x"]))
