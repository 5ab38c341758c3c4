"""Reciprocal-rank fusion of dense and BM25 rankings, with an optional boost from linked graph entities."""
from __future__ import annotations

from typing import Mapping, Sequence

from search.records import Hit

RRF_K = 60


def ranks(ranking: Sequence[tuple[str, float]]) -> dict[str, int]:
    """1-based rank of each chunk id (a repeated id keeps its best rank)."""
    out: dict[str, int] = {}
    for rank, (chunk_id, _) in enumerate(ranking, start=1):
        out.setdefault(chunk_id, rank)
    return out


def fuse(dense: Sequence[tuple[str, float]], bm25: Sequence[tuple[str, float]],
         boost: Mapping[str, float] | None = None, k: int = RRF_K) -> list[Hit]:
    """Chunks ranked by sum(1 / (k + rank)) over the rankings that retrieved them.

    RRF uses ranks only, so cosine similarities and BM25 scores need no common scale. `boost` maps
    chunk ids (e.g. chunks mentioning an entity linked in the question) to a weight w, adding
    w / (k + 1): w = 1 is worth a first place in one more ranking. Boosts reorder retrieved chunks
    only; they never pull in a chunk neither retriever found.
    """
    dense_ranks, bm25_ranks = ranks(dense), ranks(bm25)
    boost = boost or {}
    hits = []
    for chunk_id in dense_ranks.keys() | bm25_ranks.keys():
        d, b = dense_ranks.get(chunk_id), bm25_ranks.get(chunk_id)
        score = sum(1.0 / (k + r) for r in (d, b) if r is not None)
        score += boost.get(chunk_id, 0.0) / (k + 1)
        hits.append(Hit(chunk_id=chunk_id, score=score, dense_rank=d, bm25_rank=b))
    # Ties broken by id so that results are reproducible.
    hits.sort(key=lambda h: (-h.score, h.chunk_id))
    return hits
