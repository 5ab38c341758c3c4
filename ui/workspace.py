"""The one place that composes the pipeline (ingest → graph → index) for the CLI and the Streamlit app."""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Iterable

from ingest.errors import WorkspaceError
from ui.settings import Settings

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    """What one `ingest` run did, document by document."""

    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)   # (path, one-line problem)
    chunks_indexed: int = 0
    documents: list = field(default_factory=list)                  # IngestedDocuments added or updated

    def status(self, source: str) -> str:
        return "added" if source in self.added else "updated" if source in self.updated else "unchanged"


class Workspace:
    """Opened once per process: document store, graph store, search index and embedder, each loaded lazily."""

    def __init__(self, settings: Settings, read_only: bool = False):
        self.settings = settings
        self.root = Path(settings.workspace)
        self.read_only = read_only   # query-only processes (ask, search, the UI) never lock the store for writing

    # --- the pieces, loaded on first use -------------------------------------------------------
    @cached_property
    def documents(self):
        from ingest.store import DocumentStore

        return DocumentStore(self.root / "documents")

    @cached_property
    def segmenter(self):
        from ingest.segment import make_segmenter

        # Words learnt from the ingested documents keep questions tokenised like the chunks were.
        return make_segmenter(self.documents.vocabulary(), cache_dir=self.root / "cache" / "segmenter")

    @cached_property
    def gazetteer(self):
        from graph.gazetteer import load_gazetteer

        return load_gazetteer()

    @cached_property
    def graph(self):
        from graph.store import open_store

        return open_store(self.settings, read_only=self.read_only)

    @cached_property
    def embedder(self):
        from search.embed import make_embedder

        s = self.settings
        return make_embedder(s.embedder, model=s.embedder_model, threads=s.embed_threads)

    @cached_property
    def index(self):
        from search.index import SearchIndex

        path = self.root / "index"
        if not path.exists():
            raise WorkspaceError(f"no search index in {path}: run `policykg ingest` first")
        return SearchIndex.load(path)

    @cached_property
    def knowledge(self):
        from search.knowledge import Knowledge

        return Knowledge.build(self)

    def close(self) -> None:
        """Release the graph store (and its write lock) if it was opened; the other pieces need no closing."""
        store = self.__dict__.pop("graph", None)
        if store is not None:
            store.close()
        self.__dict__.pop("knowledge", None)

    def is_built(self) -> bool:
        return (self.root / "index" / "meta.json").exists() and (self.root / "graph").exists()

    # --- composition ---------------------------------------------------------------------------
    def ingest(self, paths: Iterable[Path], progress: bool = True, rebuild: bool = False) -> BuildReport:
        """Ingest documents, then bring the graph and the search index up to date.

        rebuild: re-extract the graph and re-index every stored document (after upgrading PolicyKG).
        """
        from ingest.pipeline import ingest_paths
        from ingest.segment import LazySegmenter

        # Lazy: an unchanged corpus never pays for building the dictionary.
        segmenter = self.__dict__.get("segmenter") or LazySegmenter(lambda: self.segmenter)
        ingested = ingest_paths(list(paths), self.documents, segmenter, self.settings.chunk_size, progress)
        report = BuildReport(list(ingested.added), list(ingested.updated), list(ingested.unchanged),
                             list(ingested.removed), list(ingested.failed), documents=list(ingested.documents))
        changed = [d.document.doc_id for d in ingested.documents]
        if rebuild:
            changed = sorted({doc_id for doc_id, _ in self.documents.manifest().values()})
        graph_changed = self._update_graph(changed, progress)
        index_dir = self.root / "index"
        if graph_changed or ingested.removed or not (index_dir / "meta.json").exists():
            report.chunks_indexed = self._rebuild_index(progress)
        return report

    def _update_graph(self, changed: list[str], progress: bool) -> bool:
        """Re-extract changed documents (and any the store lacks) and replace their named graphs."""
        from tqdm import tqdm

        from graph.build import ONTOLOGY_GRAPH, document_quads, ontology_quads
        from graph.extract import extract

        store = self.graph
        in_store = set(store.documents())
        stored = {doc_id for doc_id, _ in self.documents.manifest().values()}
        for gone in sorted(in_store - stored):
            store.remove_document(gone)
        todo = sorted(set(changed) | (stored - in_store))
        if not in_store:
            store.replace_graph(ONTOLOGY_GRAPH, ontology_quads())
        for doc_id in tqdm(todo, desc="graph", unit="doc", disable=not progress or not todo, leave=False):
            doc = self.documents.get(doc_id)
            if doc is None:
                continue
            extraction = extract(doc, self.gazetteer)
            store.replace_document(doc_id, document_quads(doc, extraction, extraction.places))
        self.__dict__.pop("knowledge", None)
        return bool(todo) or bool(in_store - stored)

    def _rebuild_index(self, progress: bool) -> int:
        from search.index import SearchIndex

        chunks = [c for doc in self.documents.all() for c in doc.chunks]
        index = SearchIndex.build(chunks, self.embedder, self.root / "index", ann_threshold=self.settings.ann_threshold,
                                  progress=progress, cache_dir=self.root / "cache" / "embeddings")
        self.__dict__["index"] = index
        return len(index)

    def search(self, query: str, k: int = 10, mode: str = "hybrid", boost=None, keywords: list[str] | None = None):
        """Hybrid/dense/BM25 search; `keywords` replace the question's words on the BM25 side
        (so that 怎么/如何/发展 in a question do not drown its topic)."""
        index = self.index
        embedder = self.embedder if mode != "bm25" else None
        tokenize = self.segmenter.tokenize
        if keywords:
            words = [t for w in keywords for t in self.segmenter.tokenize(w)]
            tokenize = lambda _query: words  # noqa: E731
        return index.search(query, embedder, tokenize, k=k, mode=mode, boost=boost)

    def ask(self, question: str):
        from search.ask import answer

        return answer(question, self)
