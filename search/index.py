"""The search index on disk: chunk table + dense (FAISS) + BM25, built aside and swapped in whole."""
from __future__ import annotations

import dataclasses
import json
import shutil
import tempfile
from pathlib import Path
from typing import Callable, Mapping, Sequence

from ingest.atomic import replace_dir_atomic, write_text_atomic
from ingest.errors import ConfigError, QueryError, WorkspaceError
from ingest.records import Chunk
from search.bm25 import BM25Index
from search.cache import EmbeddingCache
from search.dense import DenseIndex
from search.embed import Embedder
from search.hybrid import fuse
from search.records import Hit

META_FILE = "meta.json"
CHUNKS_FILE = "chunks.jsonl"
MODES = ("hybrid", "dense", "bm25")
FORMAT_VERSION = 1


def default_cache_dir(root: Path) -> Path:
    """Beside the index, not inside it: a rebuild replaces the index directory whole."""
    root = Path(root)
    return root.with_name(f"{root.name}.embeddings")


_CHUNK_FIELDS = tuple(f.name for f in dataclasses.fields(Chunk))


def _chunk_to_json(chunk: Chunk) -> str:
    # Not dataclasses.asdict: it deep-copies every token and took 7 s for 5,000 chunks.
    return json.dumps({name: getattr(chunk, name) for name in _CHUNK_FIELDS}, ensure_ascii=False)


def _chunk_from_json(line: str) -> Chunk:
    row = json.loads(line)
    row["section_path"] = tuple(row["section_path"])
    row["tokens"] = tuple(row["tokens"])
    return Chunk(**row)


def _complete_dir(root: Path) -> Path:
    """`root`, or the previous index when a swap was interrupted between its two renames (root gone, .old kept)."""
    old = root.with_name(f".{root.name}.old")
    if not (root / META_FILE).is_file() and (old / META_FILE).is_file():
        return old
    return root


def _remove_stale_builds(root: Path) -> None:
    """Build directories left by a run that was killed; only one ingest runs at a time (the ingest lock)."""
    for stale in root.parent.glob(f".{root.name}.build.*"):
        shutil.rmtree(stale, ignore_errors=True)
    old = root.with_name(f".{root.name}.old")
    if old.exists() and (root / META_FILE).is_file():
        shutil.rmtree(old, ignore_errors=True)


class SearchIndex:
    """Chunks searchable by meaning (dense), by words (BM25) or both (hybrid, fused by rank)."""

    def __init__(self, chunks: Sequence[Chunk], dense: DenseIndex, bm25: BM25Index, meta: Mapping):
        self._chunks = {c.chunk_id: c for c in chunks}
        self.dense = dense
        self.bm25 = bm25
        self.meta = dict(meta)

    def __len__(self) -> int:
        return len(self._chunks)

    @property
    def embedder_name(self) -> str:
        return self.meta["embedder"]

    @property
    def documents(self) -> dict[str, str]:
        """doc_id → content hash of every document whose chunks the index holds (empty for older indexes)."""
        return dict(self.meta.get("documents", {}))

    @classmethod
    def build(cls, chunks: Sequence[Chunk], embedder: Embedder, root: Path, ann_threshold: int = 20000,
              progress: bool = True, cache_dir: Path | None = None, documents: Mapping[str, str] | None = None,
              checkpoint: Callable[[str], None] | None = None, extra_meta: Mapping | None = None) -> "SearchIndex":
        """Index `chunks` into `root`, replacing what was there; only chunk texts never seen by this
        embedder are embedded (the rest come from the cache in `cache_dir`).

        documents: doc_id → content hash of the documents the chunks come from, recorded in the index so
        that a later run can tell whether it is up to date. checkpoint: called with "embed" once the
        vectors are cached and "index" while the new index is being written (a test hook for crash tests).
        """
        root = Path(root)
        unique = list({c.chunk_id: c for c in chunks}.values())
        ids = [c.chunk_id for c in unique]
        cache = EmbeddingCache(cache_dir or default_cache_dir(root))
        vectors = cache.embed_passages([c.text for c in unique], embedder, progress=progress)
        if checkpoint:
            checkpoint("embed")
        dense = DenseIndex.build(ids, vectors, ann_threshold=ann_threshold)
        bm25 = BM25Index.build(ids, [c.tokens for c in unique])
        meta = {**(extra_meta or {}), "format": FORMAT_VERSION, "embedder": embedder.name, "dim": embedder.dim,
                "chunks": len(unique), "dense": dense.kind, "documents": dict(sorted((documents or {}).items()))}

        root.parent.mkdir(parents=True, exist_ok=True)
        _remove_stale_builds(root)
        build = Path(tempfile.mkdtemp(prefix=f".{root.name}.build.", dir=root.parent))
        try:
            write_text_atomic(build / CHUNKS_FILE, "".join(_chunk_to_json(c) + "\n" for c in unique))
            dense.save(build / "dense")
            if checkpoint:
                checkpoint("index")
            bm25.save(build / "bm25")
            # meta.json last: its presence marks a complete index.
            write_text_atomic(build / META_FILE, json.dumps(meta, indent=2, ensure_ascii=False))
            replace_dir_atomic(build, root)
        except BaseException:
            shutil.rmtree(build, ignore_errors=True)
            raise
        return cls(unique, dense, bm25, meta)

    @staticmethod
    def read_meta(root: Path) -> dict | None:
        """The index's meta.json (what it holds, which embedder made it), or None when there is no complete index."""
        root = _complete_dir(Path(root))
        try:
            return json.loads((root / META_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None

    @classmethod
    def load(cls, root: Path) -> "SearchIndex":
        root = _complete_dir(Path(root))
        if not (root / META_FILE).is_file():
            raise WorkspaceError(f"no search index in {root}: run `policykg ingest` first")
        meta = json.loads((root / META_FILE).read_text(encoding="utf-8"))
        if meta.get("format") != FORMAT_VERSION:
            raise WorkspaceError(f"{root / META_FILE}: index format {meta.get('format')} is not "
                                 f"{FORMAT_VERSION}: run `policykg ingest` again")
        with open(root / CHUNKS_FILE, encoding="utf-8") as fh:
            chunks = [_chunk_from_json(line) for line in fh if line.strip()]
        return cls(chunks, DenseIndex.load(root / "dense"), BM25Index.load(root / "bm25"), meta)

    def chunk(self, chunk_id: str) -> Chunk:
        try:
            return self._chunks[chunk_id]
        except KeyError:
            raise QueryError(f"no chunk {chunk_id!r} in the search index") from None

    def chunks(self) -> list[Chunk]:
        return list(self._chunks.values())

    def search(self, query: str, embedder: Embedder | None, tokenize: Callable[[str], list[str]] | None,
               k: int = 10, mode: str = "hybrid", boost: Mapping[str, float] | None = None) -> list[Hit]:
        """The `k` best chunks for `query`.

        dense scores are cosine similarities, bm25 scores BM25 scores, hybrid scores RRF sums (plus
        `boost`, see `hybrid.fuse`; boost is used in hybrid mode only). `embedder` may be None in
        bm25 mode and `tokenize` None in dense mode.
        """
        if mode not in MODES:
            raise QueryError(f"unknown search mode {mode!r} (choose {', '.join(MODES)})")
        if not query.strip():
            raise QueryError("empty search query")
        if k <= 0:
            raise QueryError(f"k must be positive, not {k}")
        # Candidates beyond k give the fusion (and any boost) something to reorder.
        pool = k if mode != "hybrid" else max(5 * k, 50)
        dense = self._dense(query, embedder, pool) if mode != "bm25" else []
        bm25 = self._bm25(query, tokenize, pool) if mode != "dense" else []
        if mode == "dense":
            return [Hit(cid, score, dense_rank=r) for r, (cid, score) in enumerate(dense, start=1)]
        if mode == "bm25":
            return [Hit(cid, score, bm25_rank=r) for r, (cid, score) in enumerate(bm25, start=1)]
        return fuse(dense, bm25, boost=boost)[:k]

    def _dense(self, query: str, embedder: Embedder | None, k: int) -> list[tuple[str, float]]:
        if embedder is None:
            raise ConfigError("dense and hybrid search need an embedder")
        if embedder.name != self.embedder_name or embedder.dim != self.meta["dim"]:
            raise ConfigError(f"the search index was built with embedder {self.embedder_name!r}, "
                              f"not {embedder.name!r}: run `policykg ingest` again or change the embedder setting")
        return self.dense.search(embedder.embed_queries([query])[0], k)

    def _bm25(self, query: str, tokenize: Callable[[str], list[str]] | None, k: int) -> list[tuple[str, float]]:
        if tokenize is None:
            raise ConfigError("bm25 and hybrid search need a tokenizer")
        return self.bm25.search(tokenize(query), k)

