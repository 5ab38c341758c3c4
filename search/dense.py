"""FAISS inner-product index over normalised chunk vectors, exact when small and HNSW when large."""
from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from ingest.atomic import write_bytes_atomic, write_text_atomic
from ingest.errors import WorkspaceError

INDEX_FILE = "faiss.index"
IDS_FILE = "ids.json"
HNSW_NEIGHBOURS = 32
HNSW_EF_CONSTRUCTION = 80
HNSW_EF_SEARCH = 128  # recall over speed: at this corpus scale a query still takes well under 10 ms


@dataclass
class DenseIndex:
    """A FAISS index whose row i is the vector of chunk `ids[i]`."""

    index: object  # faiss.Index (typed loosely: faiss is imported lazily)
    ids: list[str]

    @property
    def kind(self) -> str:
        return "hnsw" if "HNSW" in type(self.index).__name__ else "flat"

    @classmethod
    def build(cls, ids: Sequence[str], vectors: np.ndarray, ann_threshold: int = 20000) -> "DenseIndex":
        """Exact search up to `ann_threshold` vectors; approximate (HNSW) above, where exact gets slow."""
        import faiss

        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        if len(ids) != len(vectors):
            raise ValueError(f"{len(ids)} ids for {len(vectors)} vectors")
        dim = vectors.shape[1]
        # Inner product is equal to cosine similarity on normalized vectors.
        if len(ids) > ann_threshold:
            index = faiss.IndexHNSWFlat(dim, HNSW_NEIGHBOURS, faiss.METRIC_INNER_PRODUCT)
            index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
            index.hnsw.efSearch = HNSW_EF_SEARCH
        else:
            index = faiss.IndexFlatIP(dim)
        if len(ids):
            index.add(vectors)
        return cls(index, list(ids))

    def search(self, query: np.ndarray, k: int) -> list[tuple[str, float]]:
        """The `k` nearest chunks to one normalised query vector, best first, as (chunk_id, cosine)."""
        k = min(k, len(self.ids))
        if k <= 0:
            return []
        scores, rows = self.index.search(np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1), k)
        return [(self.ids[r], float(s)) for r, s in zip(rows[0], scores[0]) if r >= 0]

    def save(self, directory: Path) -> None:
        import faiss

        directory = Path(directory)
        write_bytes_atomic(directory / INDEX_FILE, faiss.serialize_index(self.index).tobytes())
        write_text_atomic(directory / IDS_FILE, json.dumps(self.ids, ensure_ascii=False))

    @classmethod
    def load(cls, directory: Path) -> "DenseIndex":
        import faiss

        directory = Path(directory)
        try:
            data = np.frombuffer((directory / INDEX_FILE).read_bytes(), dtype=np.uint8)
            ids = json.loads((directory / IDS_FILE).read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise WorkspaceError(f"{exc.filename}: dense index file missing") from None
        index = faiss.deserialize_index(data)
        if index.ntotal != len(ids):
            raise WorkspaceError(f"{directory}: index holds {index.ntotal} vectors but {len(ids)} ids")
        if hasattr(index, "hnsw"):
            # Set explicitly so that an index written by an older build follows this module's setting.
            index.hnsw.efSearch = HNSW_EF_SEARCH
        return cls(index, ids)
