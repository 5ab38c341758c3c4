"""On-disk store of ingested documents: one JSON file per document plus a source manifest."""
from __future__ import annotations

import dataclasses
import functools
import json
import types
import typing
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ingest.atomic import write_text_atomic
from ingest.errors import WorkspaceError
from ingest.records import IngestedDocument

FORMAT_VERSION = 1


def to_jsonable(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: to_jsonable(getattr(value, f.name)) for f in dataclasses.fields(value)}
    if isinstance(value, (list, tuple)):
        return [to_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: to_jsonable(v) for k, v in value.items()}
    return value


def from_jsonable(kind: Any, value: Any) -> Any:
    """Rebuild a value of type `kind` (records, tuples, dicts, optionals) from its JSON form."""
    return _converter(kind)(value)


def _same(value: Any) -> Any:
    return value


@functools.lru_cache(maxsize=None)
def _converter(kind: Any) -> Callable[[Any], Any]:
    # Worked out once per type: reading the type hints of every record instance took seconds per corpus.
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        option = _converter([a for a in typing.get_args(kind) if a is not type(None)][0])
        return lambda value: None if value is None else option(value)
    if origin in (tuple, list):
        item = _converter(typing.get_args(kind)[0])
        if item is _same:
            return tuple if origin is tuple else list
        return (lambda value: tuple(map(item, value))) if origin is tuple else (lambda value: list(map(item, value)))
    if origin is dict:
        item = _converter(typing.get_args(kind)[1])
        return lambda value: {k: item(v) for k, v in value.items()}
    if dataclasses.is_dataclass(kind):
        hints = typing.get_type_hints(kind)
        fields = [(f.name, _converter(hints[f.name])) for f in dataclasses.fields(kind)]
        return lambda value: kind(**{name: convert(value[name]) for name, convert in fields if name in value})
    return _same


class DocumentStore:
    """`root/docs/<doc_id>.json` per document and `root/manifest.json` (source → id and content hash)."""

    def __init__(self, root: Path):
        self.root = Path(root)
        self.docs_dir = self.root / "docs"
        self.manifest_path = self.root / "manifest.json"
        self.vocabulary_path = self.root / "vocabulary.txt"

    def manifest(self) -> dict[str, tuple[str, str]]:
        """source → (doc_id, content_hash) for every stored document."""
        return {source: (doc_id, content_hash) for source, (doc_id, content_hash, _) in self._entries().items()}

    def origins(self) -> dict[str, str]:
        """source → the resolved path the document was read from (sources stored before this was kept: absent)."""
        return {source: path for source, (_, _, path) in self._entries().items() if path}

    def state(self) -> dict[str, str]:
        """doc_id → content_hash: what the graph and the index must hold to be up to date."""
        return {doc_id: content_hash for doc_id, content_hash in self.manifest().values()}

    def _entries(self) -> dict[str, tuple[str, str, str]]:
        if not self.manifest_path.exists():
            return {}
        try:
            raw = json.loads(self.manifest_path.read_text(encoding="utf-8"))
            return {source: (entry["doc_id"], entry["content_hash"], entry.get("path", ""))
                    for source, entry in raw["sources"].items()}
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
            raise WorkspaceError(f"{self.manifest_path}: unreadable document manifest ({exc})") from None

    def _write_manifest(self, entries: dict[str, tuple[str, str, str]]) -> None:
        sources = {s: {"doc_id": d, "content_hash": h, **({"path": p} if p else {})}
                   for s, (d, h, p) in sorted(entries.items())}
        payload = {"version": FORMAT_VERSION, "sources": sources}
        write_text_atomic(self.manifest_path, json.dumps(payload, ensure_ascii=False, indent=1))

    def _doc_path(self, doc_id: str) -> Path:
        return self.docs_dir / f"{doc_id}.json"

    def put(self, doc: IngestedDocument) -> None:
        """Store (or replace) a document; the document file is written before the manifest names it."""
        data = json.dumps(to_jsonable(doc), ensure_ascii=False, separators=(",", ":"))
        write_text_atomic(self._doc_path(doc.document.doc_id), data)
        entries = self._entries()
        origin = str(Path(doc.document.path).resolve()) if doc.document.path else ""
        entries[doc.document.source] = (doc.document.doc_id, doc.document.content_hash, origin)
        self._write_manifest(entries)

    def has(self, doc_id: str) -> bool:
        return self._doc_path(doc_id).exists()

    def get(self, doc_id: str) -> IngestedDocument | None:
        path = self._doc_path(doc_id)
        if not path.exists():
            return None
        try:
            return from_jsonable(IngestedDocument, json.loads(path.read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise WorkspaceError(f"{path}: unreadable stored document ({exc})") from None

    def by_source(self, source: str) -> IngestedDocument | None:
        entry = self.manifest().get(source)
        return self.get(entry[0]) if entry else None

    def remove(self, doc_id: str) -> bool:
        """Forget a document; returns whether it was stored. The manifest is updated first."""
        manifest = self._entries()
        kept = {s: e for s, e in manifest.items() if e[0] != doc_id}
        if len(kept) != len(manifest):
            self._write_manifest(kept)
        path = self._doc_path(doc_id)
        existed = path.exists()
        path.unlink(missing_ok=True)
        return existed or len(kept) != len(manifest)

    def vocabulary(self) -> list[str]:
        """Words learnt from the stored documents; pass them to `make_segmenter` to tokenize queries alike."""
        if not self.vocabulary_path.exists():
            return []
        return [w for w in self.vocabulary_path.read_text(encoding="utf-8").splitlines() if w]

    def add_vocabulary(self, words: Iterable[str]) -> None:
        merged = sorted(set(self.vocabulary()) | {w for w in words if w.strip()})
        write_text_atomic(self.vocabulary_path, "\n".join(merged) + "\n")

    def all(self) -> list[IngestedDocument]:
        """Every document the manifest names, ordered by source."""
        out = []
        for source, (doc_id, _) in sorted(self.manifest().items()):
            doc = self.get(doc_id)
            if doc is None:
                raise WorkspaceError(f"{self.root}: manifest names {source} but {self._doc_path(doc_id)} is missing")
            out.append(doc)
        return out
