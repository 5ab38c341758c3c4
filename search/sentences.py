"""Sentences and clauses of the ingested corpus, with exact offsets, for answers finer than a chunk."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterable

from graph.numerals import simplified
from graph.records import Evidence
from ingest.records import IngestedDocument

from ingest.normalise import view
from ingest.sentences import CLAUSE_BREAK, SENTENCE_END  # the project's one splitter


@dataclass(frozen=True)
class Sentence:
    doc_id: str
    source: str
    title: str
    section_path: tuple[str, ...]
    char_start: int
    char_end: int
    text: str              # as read: simplified characters, a PDF's wrapped lines joined (for matching and labels)
    written: str = ""      # the source's own text where it differs (traditional characters, line breaks)
    offsets: tuple[int, ...] | None = None   # offsets[i]: where text[i] stands in `written` (None: same place)

    def written_at(self, pos: int, end: bool = False) -> int:
        """The offset in `written` of position `pos` of `text` (an end offset ends after the character before)."""
        if self.offsets is None:
            return pos
        return self.offsets[pos - 1] + 1 if end and pos > 0 else self.offsets[pos]

    def evidence(self, start: int | None = None, end: int | None = None, basis: str = "explicit") -> Evidence:
        """Evidence for the whole sentence or for [start, end) relative to it, quoting the source as written."""
        s = 0 if start is None else start
        e = len(self.text) if end is None else end
        if self.offsets is not None:
            s, e = self.written_at(s), self.written_at(e, end=True)
        return Evidence(self.source, self.doc_id, self.section_path, self.char_start + s, self.char_start + e,
                        (self.written or self.text)[s:e], basis)


def split_sentences(doc: IngestedDocument) -> list[Sentence]:
    """Every sentence of every chunk (chunks end on sentence boundaries, so none is cut)."""
    title = doc.metadata.title or doc.document.title_hint or doc.document.source
    out: list[Sentence] = []
    for chunk in doc.chunks:
        pos = 0
        text = chunk.text
        for m in SENTENCE_END.finditer(text):
            out.extend(_sentence(doc, title, chunk.section_path, chunk.char_start, text, pos, m.end()))
            pos = m.end()
        out.extend(_sentence(doc, title, chunk.section_path, chunk.char_start, text, pos, len(text)))
    return out


def _sentence(doc: IngestedDocument, title: str, path: tuple[str, ...], base: int, text: str, start: int,
              end: int) -> Iterable[Sentence]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end - start >= 2:
        yield folded(Sentence(doc.document.doc_id, doc.document.source, title, path, base + start, base + end,
                              text[start:end]))


def folded(s: Sentence) -> Sentence:
    """`s` as read: in simplified characters, a PDF's wrapped lines and letter-spacing joined and full-width
    digits as digits (ingest.normalise.view), so that a word broken at a line's end or a year printed
    １９９２年 is still found; its citations still quote the source as written."""
    read = view(simplified(s.text))
    if read.text == s.text:
        return s
    return replace(s, text=read.text, written=s.text, offsets=read.offsets)


def clauses(text: str) -> list[tuple[int, int]]:
    """Clause spans of a sentence, split at commas, semicolons, colons and sentence ends."""
    spans, start = [], 0
    for m in CLAUSE_BREAK.finditer(text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return [(s, e) for s, e in spans if text[s:e].strip()]


def clause_around(text: str, start: int, end: int, limit: int = 60) -> tuple[int, int]:
    """The clause containing [start, end), widened to neighbours while it stays within `limit` characters."""
    spans = clauses(text)
    for i, (s, e) in enumerate(spans):
        if s <= start < e or (s < end <= e):
            lo, hi = s, max(e, end)
            return lo, min(hi, lo + max(limit, end - lo))
    return start, end
