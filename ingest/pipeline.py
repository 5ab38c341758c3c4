"""Compose the ingest stages: read → clean → metadata → outline → chunk → store."""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tqdm import tqdm

from ingest.chunk import chunk
from ingest.clean import clean
from ingest.errors import PolicyKGError
from ingest.metadata import extract_metadata
from ingest.outline import outline, sections
from ingest.read import read_documents
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

    def status(self, source: str) -> str:
        return "added" if source in self.added else "updated" if source in self.updated else "unchanged"


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


def iter_files(paths: Iterable[Path]) -> Iterator[tuple[Path, str]]:
    """(file, source name) pairs; directories are walked in sorted order, sources relative to them."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for file in sorted(path.rglob("*")):
                rel = file.relative_to(path)
                if file.is_file() and not any(part.startswith(".") for part in rel.parts) and is_corpus_file(file):
                    yield file, rel.as_posix()
        else:
            yield path, path.name


def ingest_paths(paths: Iterable[Path], store: DocumentStore, segmenter: Segmenter, chunk_size: int = 260,
                 progress: bool = True) -> IngestReport:
    """Ingest files and directories into `store`; bad files are reported, the rest still ingested."""
    report = IngestReport()
    manifest = store.manifest()
    pending: list[tuple[Path, Document, bool]] = []   # (file, document, replaces a stored version)
    for file, source in iter_files(paths):
        if not file.exists():
            report.failed.append((str(file), "no such file or directory"))
            continue
        try:
            documents = read_documents(file, source=source)
        except PolicyKGError as exc:
            report.failed.append((str(file), getattr(exc, "problem", str(exc))))
            continue
        for doc in documents:
            known = manifest.get(doc.source)
            if known and known[1] == doc.content_hash and store.has(known[0]):
                report.unchanged.append(doc.source)
            else:
                pending.append((file, doc, known is not None))
        if file.suffix.lower() == ".jsonl":
            # Lines that vanished from a collection leave the store too.
            current = {d.source for d in documents}
            for old_source, (doc_id, _) in manifest.items():
                if old_source.startswith(f"{source}#") and old_source not in current:
                    store.remove(doc_id)
                    report.removed.append(old_source)

    # Learn the new documents' proper nouns before tokenizing any of them, so that every chunk of
    # this run is cut with the same vocabulary.
    for _, doc, _ in pending:
        segmenter.learn(segmenter.harvest(body_text(doc, clean(doc))))
    for file, doc, replaces in tqdm(pending, desc="ingest", unit="doc", disable=not progress, leave=False):
        try:
            ingested = ingest_document(doc, segmenter, chunk_size)
            store.put(ingested)
        except PolicyKGError as exc:
            report.failed.append((f"{file} ({doc.source})", getattr(exc, "problem", str(exc))))
            continue
        (report.updated if replaces else report.added).append(doc.source)
        report.documents.append(ingested)
    if pending and segmenter.harvested:
        store.add_vocabulary(segmenter.harvested)
    return report


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

