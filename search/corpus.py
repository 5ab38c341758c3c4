"""What question answering needs from the composed pipeline, as a small interface `ui/workspace.py` provides."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Protocol


class Corpus(Protocol):
    """The graph store, the document store, the search index, the embedder and the language resources.

    `search/` answers questions through this interface only; it never imports `ui/`.
    """

    root: Path                 # the workspace directory (for caches)

    @property
    def graph(self) -> Any: ...            # graph.store.GraphStore

    @property
    def documents(self) -> Any: ...        # ingest.store.DocumentStore

    @property
    def index(self) -> Any: ...            # search.index.SearchIndex

    @property
    def embedder(self) -> Any: ...         # search.embed.Embedder

    @property
    def gazetteer(self) -> Any: ...        # graph.gazetteer.Gazetteer

    @property
    def segmenter(self) -> Any: ...        # ingest.segment.Segmenter

    @property
    def knowledge(self) -> Any: ...        # search.knowledge.Knowledge, built once per process

    def search(self, query: str, k: int = 10, mode: str = "hybrid", boost: Any = None,
               keywords: list[str] | None = None) -> list: ...
