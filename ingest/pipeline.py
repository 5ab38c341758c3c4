"""Compose the ingest stages: read → clean → metadata → outline → chunk → store."""
from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from ingest.chunk import chunk
from ingest.clean import clean
from ingest.errors import PolicyKGError, WorkspaceError
from ingest.metadata import extract_metadata
from ingest.outline import outline, sections
from ingest.read import DEFAULT_MAX_BYTES, read_file
from ingest.records import Cleaned, Document, IngestedDocument
from ingest.segment import Segmenter
from ingest.store import DocumentStore


@dataclass
class IngestReport:
    added: list[str] = field(default_factory=list)       # sources
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    failed: list[tuple[str, str]] = field(default_factory=list)   # (path, one-line message)
    documents: list[IngestedDocument] = field(default_factory=list)  # added or updated this run
    removed: list[str] = field(default_factory=list)     # collection lines that disappeared
    duplicates: list[tuple[str, str]] = field(default_factory=list)  # (source, source holding the same content)

    def status(self, source: str) -> str:
        return "added" if source in self.added else "updated" if source in self.updated else "unchanged"


# Called on each processed document before it is stored; raising rejects the document (e.g. the graph's
# extraction, which the composition layer runs here so that a document it cannot handle is never stored).
Prepare = Callable[[IngestedDocument], None]
# Called with a stage name ("read", "store") as the run passes it (a test hook for crash tests).
Checkpoint = Callable[[str], None]


def describe_error(exc: BaseException) -> str:
    """One line for any failure: a PolicyKGError's own problem, else the exception's type and first line."""
    if isinstance(exc, PolicyKGError):
        return str(getattr(exc, "problem", exc))
    lines = str(exc).strip().splitlines()
    return f"internal error ({type(exc).__name__}{': ' + lines[0][:200] if lines else ''}); the document was skipped"


def body_text(doc: Document, cleaned: Cleaned) -> str:
    """The document's content lines (chrome left out), one per line."""
    return "\n".join(doc.text[s.char_start:s.char_end] for s in cleaned.body)


def ingest_document(doc: Document, segmenter: Segmenter, chunk_size: int = 260) -> IngestedDocument:
    """Run every stage on one decoded document (nothing is stored)."""
    cleaned = clean(doc)
    metadata = extract_metadata(doc, cleaned)
    headings = outline(doc, cleaned)
    secs = sections(doc, cleaned, headings)
    # Proper nouns of this document (quoted programmes, place + 城市群/新区/工程) become single tokens.
    segmenter.learn(segmenter.harvest(body_text(doc, cleaned)))
    chunks = chunk(doc, secs, cleaned, segmenter, size=chunk_size)
    return IngestedDocument(document=doc, cleaned=cleaned, metadata=metadata, headings=headings,
                            sections=secs, chunks=chunks)


def is_corpus_file(path: Path) -> bool:
    """Files a directory walk picks up: not hidden, not a README (a corpus README is no policy)."""
    return not path.name.startswith(".") and not path.name.lower().startswith("readme")


def iter_files(paths: Iterable[Path], exclude: Iterable[Path] = ()) -> Iterator[tuple[Path, str]]:
    """(file, source name) pairs; directories are walked in sorted order, sources relative to them.

    Directories in `exclude` (the workspace, when it sits inside the corpus) are not walked.
    """
    skip = [Path(p).resolve() for p in exclude]
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                rel = file.relative_to(path)
                if skip and any(file.resolve().is_relative_to(s) for s in skip):
                    continue
                hidden = any(part.startswith(".") for part in rel.parts)
                if (file.is_file() or (file.is_symlink() and not file.exists())) and not hidden \
                        and is_corpus_file(file):
                    # a broken link is yielded too: the run reports it ("no such file") instead of skipping it
                    yield file, rel.as_posix()
        else:
            yield path, path.name


def unique_source(file: Path, source: str, claimed: Mapping[str, Path], origins: Mapping[str, str]) -> str:
    """`source`, unless another file already goes by that name (in this run, or stored from a file that
    still exists): then the name with as many parent folders as make it unique (`a/report.txt`)."""
    resolved = file.resolve()

    def taken(name: str) -> bool:
        if name in claimed:
            return claimed[name] != resolved
        origin = origins.get(name)
        return bool(origin) and Path(origin) != resolved and Path(origin).is_file()

    if not taken(source):
        return source
    parts = resolved.parts
    for depth in range(len(Path(source).parts) + 1, len(parts)):
        candidate = "/".join(parts[-depth:])
        if not taken(candidate):
            return candidate
    return resolved.as_posix()


def ingest_paths(paths: Iterable[Path], store: DocumentStore, segmenter: Segmenter, chunk_size: int = 260,
                 progress: bool = True, *, max_bytes: int | None = DEFAULT_MAX_BYTES, prepare: Prepare | None = None,
                 fresh_segmenter: Callable[[], Segmenter] | None = None,
                 checkpoint: Checkpoint | None = None, exclude: Iterable[Path] = ()) -> IngestReport:
    """Ingest files and directories into `store`; bad files are reported, the rest still ingested.

    Nothing is written until every file has been read and processed; a document whose processing (or
    `prepare`) raises is reported with a one-line message and never stored. `fresh_segmenter` gives a
    segmenter that has not learnt this run's words: when a document fails, the others are cut again without
    its vocabulary, so that a bad document leaves no trace.
    """
    report = IngestReport()
    manifest = store.manifest()
    origins = {source.split("#", 1)[0]: path for source, path in store.origins().items()}
    by_hash = {content_hash: source for source, (_, content_hash) in manifest.items()}
    claimed: dict[str, Path] = {}
    seen: set[Path] = set()
    pending: list[tuple[Path, Document, bool]] = []   # (file, document, replaces a stored version)
    to_remove: list[tuple[str, str]] = []            # (source, doc_id)
    for file, source in iter_files(paths, exclude):
        if not file.exists():
            report.failed.append((str(file), "no such file or directory"))
            continue
        resolved = file.resolve()
        if resolved in seen:   # named twice (a folder and a file in it)
            continue
        seen.add(resolved)
        source = unique_source(file, source, claimed, origins)
        claimed[source] = resolved
        try:
            result = read_file(file, source=source, max_bytes=max_bytes)
        except Exception as exc:  # noqa: BLE001 - one bad file must never stop the others
            report.failed.append((str(file), describe_error(exc)))
            continue
        report.failed.extend((str(file), problem) for problem in result.problems)
        for doc in result.documents:
            known = manifest.get(doc.source)
            if known and known[1] == doc.content_hash and store.has(known[0]):
                report.unchanged.append(doc.source)
                continue
            twin = by_hash.get(doc.content_hash)
            if twin is not None and twin != doc.source:
                report.duplicates.append((doc.source, twin))
                if known:   # its earlier, different content is no longer in any file
                    to_remove.append((doc.source, known[0]))
                continue
            by_hash[doc.content_hash] = doc.source
            pending.append((file, doc, known is not None))
        if file.suffix.lower() == ".jsonl":
            # Lines that vanished from a collection leave the store too (unreadable lines keep their old version).
            current = {d.source for d in result.documents} | set(result.skipped)
            for old_source, (doc_id, _) in manifest.items():
                if old_source.startswith(f"{source}#") and old_source not in current:
                    to_remove.append((old_source, doc_id))
    if checkpoint:
        checkpoint("read")

    processed, failures = _process(pending, segmenter, chunk_size, prepare, progress)
    if failures and fresh_segmenter is not None:
        # Cut the others again with a segmenter that never learnt the failed documents' words.
        failed_ids = {doc.doc_id for _, doc, _ in failures}
        pending = [item for item in pending if item[1].doc_id not in failed_ids]
        segmenter = fresh_segmenter()
        processed, more = _process(pending, segmenter, chunk_size, prepare, progress)
        failures += more
    for file, doc, message in failures:
        report.failed.append((f"{file} ({doc.source})" if doc.source != file.name else str(file), message))

    try:
        if processed and segmenter.harvested:
            # First: a run killed after storing some documents then re-cuts the rest with the same words.
            store.add_vocabulary(segmenter.harvested)
        for source, doc_id in to_remove:
            store.remove(doc_id)
            report.removed.append(source)
        for (file, doc, replaces), ingested in processed:
            store.put(ingested)
            if checkpoint:
                checkpoint("store")
            (report.updated if replaces else report.added).append(doc.source)
            report.documents.append(ingested)
    except OSError as exc:
        raise WorkspaceError(f"{store.root}: cannot write the document store ({exc.strerror or exc})") from None
    return report


def _process(pending: list[tuple[Path, Document, bool]], segmenter: Segmenter, chunk_size: int,
             prepare: Prepare | None, progress: bool):
    """Run the stages on every pending document: ([(item, IngestedDocument)], [(file, doc, message)])."""
    # Learn the new documents' proper nouns before tokenizing any of them, so that every chunk of
    # this run is cut with the same vocabulary.
    for _, doc, _ in pending:
        try:
            segmenter.learn(segmenter.harvest(body_text(doc, clean(doc))))
        except Exception:  # noqa: BLE001 - the document fails again below, with its message
            pass
    processed = []
    failures = []
    for item in tqdm(pending, desc="ingest", unit="doc", disable=not progress, leave=False):
        file, doc, _ = item
        try:
            ingested = ingest_document(doc, segmenter, chunk_size)
            if prepare is not None:
                prepare(ingested)
        except Exception as exc:  # noqa: BLE001 - one document must never stop the others
            failures.append((file, doc, describe_error(exc)))
            continue
        processed.append((item, ingested))
    return processed, failures


def summary_line(doc: IngestedDocument, status: str = "") -> str:
    """One line per document for the CLI: status, source, title, headings, chunks."""
    meta = doc.metadata
    parts = [f"{status:<9}" if status else "", doc.document.source, "—", meta.title or "(untitled)"]
    extras = [f"{len(doc.headings)} headings", f"{len(doc.chunks)} chunks"]
    if meta.doc_number:
        extras.insert(0, meta.doc_number)
    if meta.dates:
        extras.insert(0, meta.dates[0])
    return " ".join(p for p in parts if p) + f" [{', '.join(extras)}]"

