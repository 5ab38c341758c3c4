"""On-disk embedding cache keyed by text content and model, so unchanged chunks are never re-embedded."""
from __future__ import annotations

import hashlib
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Sequence

import numpy as np

from ingest.errors import WorkspaceError
from search.embed import BATCH_SIZE, Embedder

CACHE_FILE = "embeddings.sqlite"


def cache_key(embedder_name: str, text: str) -> str:
    """sha1 of the model name and the text: a vector is valid for exactly that pair."""
    return hashlib.sha1(f"{embedder_name}\0{text}".encode("utf-8")).hexdigest()


class EmbeddingCache:
    """Vectors in one SQLite file; each batch is one transaction, so a crash never leaves half a row
    and an interrupted build keeps what it had already embedded."""

    def __init__(self, directory: Path):
        self.path = Path(directory) / CACHE_FILE

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        conn = sqlite3.connect(self.path)
        conn.execute("CREATE TABLE IF NOT EXISTS vectors (key TEXT PRIMARY KEY, vec BLOB NOT NULL)")
        return conn

    def get_many(self, keys: Sequence[str]) -> dict[str, np.ndarray]:
        found: dict[str, np.ndarray] = {}
        if not self.path.exists():
            return found
        with closing(self._connect()) as conn:
            for start in range(0, len(keys), 500):  # stay under SQLite's bound-parameter limit
                part = list(keys[start:start + 500])
                marks = ",".join("?" * len(part))
                for key, blob in conn.execute(f"SELECT key, vec FROM vectors WHERE key IN ({marks})", part):
                    found[key] = np.frombuffer(blob, dtype=np.float32)
        return found

    def put_many(self, keys: Sequence[str], vectors: np.ndarray) -> None:
        rows = [(k, np.asarray(v, dtype=np.float32).tobytes()) for k, v in zip(keys, vectors)]
        with closing(self._connect()) as conn, conn:
            conn.executemany("INSERT OR REPLACE INTO vectors (key, vec) VALUES (?, ?)", rows)

    def __len__(self) -> int:
        if not self.path.exists():
            return 0
        with closing(self._connect()) as conn:
            return conn.execute("SELECT COUNT(*) FROM vectors").fetchone()[0]

    def embed_passages(self, texts: Sequence[str], embedder: Embedder, progress: bool = False) -> np.ndarray:
        """Vectors for `texts` in order: cached ones read back, the others embedded and stored."""
        keys = [cache_key(embedder.name, t) for t in texts]
        known = self.get_many(keys)
        missing = sorted({k: t for k, t in zip(keys, texts) if k not in known}.items())
        if missing:
            from tqdm import tqdm

            with tqdm(total=len(missing), desc="embedding", unit="chunk", disable=not progress) as bar:
                for start in range(0, len(missing), BATCH_SIZE):
                    batch = missing[start:start + BATCH_SIZE]
                    vectors = embedder.embed_passages([t for _, t in batch])
                    self.put_many([k for k, _ in batch], vectors)
                    known.update(zip((k for k, _ in batch), vectors))
                    bar.update(len(batch))
        out = np.zeros((len(texts), embedder.dim), dtype=np.float32)
        for row, key in enumerate(keys):
            if known[key].shape[0] != embedder.dim:
                raise WorkspaceError(f"{self.path}: cached vector has {known[key].shape[0]} dimensions, "
                                 f"{embedder.name} gives {embedder.dim}")
            out[row] = known[key]
        return out
