"""Pack sentences into retrieval chunks that stay inside one section and skip headings and chrome."""
from __future__ import annotations

import bisect
import hashlib
import re
from typing import Protocol

from ingest.records import Chunk, Cleaned, Document, Section, Span
from ingest.normalise import view
from ingest.sentences import sentence_spans

_SOFT_BREAK = re.compile(r"[，,、：:]")


class Tokenizer(Protocol):
    def tokenize(self, text: str) -> list[str]: ...


def chunk_id(doc_id: str, start: int, end: int, text: str) -> str:
    key = f"{doc_id}\x1f{start}\x1f{end}\x1f{text}"
    return "c" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _sentences(text: str, span: Span) -> list[Span]:
    return [Span(start, end) for start, end in sentence_spans(text, span.char_start, span.char_end)]


def _ends_line(text: str, end: int) -> bool:
    newline = text.find("\n", end)
    return not text[end:newline if newline >= 0 else len(text)].strip()


def _split_long(text: str, span: Span, size: int) -> list[Span]:
    """A sentence longer than `size`: cut after commas where possible, else hard cut."""
    pieces = []
    start = span.char_start
    while span.char_end - start > size:
        window = text[start:start + size]
        breaks = [m.end() for m in _SOFT_BREAK.finditer(window)]
        cut = start + (breaks[-1] if breaks and breaks[-1] > size // 3 else size)
        pieces.append(Span(start, cut))
        start = cut
    pieces.append(Span(start, span.char_end))
    return [trimmed for piece in pieces if (trimmed := _trim(text, piece)) is not None]


def _trim(text: str, span: Span) -> Span | None:
    """A cut may fall inside a run of spaces: no chunk starts or ends with white space."""
    piece = text[span.char_start:span.char_end]
    if not piece.strip():
        return None
    lead = len(piece) - len(piece.lstrip())
    return Span(span.char_start + lead, span.char_start + len(piece.rstrip()))


def _own_ranges(sections: tuple[Section, ...]) -> list[tuple[Section, int, int]]:
    """Each section's own text: from its start to where its first subsection (or the next section) begins."""
    ordered = sorted(sections, key=lambda s: (s.char_start, s.level))
    out = []
    for i, section in enumerate(ordered):
        nxt = ordered[i + 1].char_start if i + 1 < len(ordered) else section.char_end
        out.append((section, section.char_start, min(section.char_end, max(nxt, section.char_start))))
    return out


def chunk(doc: Document, sections: tuple[Section, ...], cleaned: Cleaned, segmenter: Tokenizer,
          size: int = 260) -> tuple[Chunk, ...]:
    """Chunks of about `size` characters: whole sentences, one section each, body lines only."""
    text = doc.text
    # Heading lines are the section path, not chunk text; a heading that only leads its paragraph
    # ("（一）指导思想。全面贯彻…") stays in the text, except an article's bare marker (第一条).
    heading_spans = {(s.heading.char_start, s.heading.char_end) for s in sections if s.heading
                     and (s.heading.kind == "tiao" or _ends_line(text, s.heading.char_end))}
    chrome_starts = [s.char_start for s in cleaned.boilerplate]
    chunks: list[Chunk] = []
    for section, start, end in _own_ranges(sections):
        units: list[tuple[Span, int | None]] = []   # (sentence, paragraph end if it opens a paragraph)
        for line in cleaned.body:
            if line.char_end <= start or line.char_start >= end:
                continue
            line = Span(max(line.char_start, start), min(line.char_end, end))
            for heading_start, heading_end in heading_spans:
                if heading_start <= line.char_start < heading_end:
                    line = Span(min(heading_end, line.char_end), line.char_end)
            if line.char_end - line.char_start <= 0 or not text[line.char_start:line.char_end].strip():
                continue
            pieces = [p for sentence in _sentences(text, line) for p in _split_long(text, sentence, size)]
            units.extend((piece, line.char_end if k == 0 else None) for k, piece in enumerate(pieces))
        for group in _pack(units, size, chrome_starts):
            chunk_text = text[group.char_start:group.char_end]
            chunks.append(Chunk(
                chunk_id=chunk_id(doc.doc_id, group.char_start, group.char_end, chunk_text),
                doc_id=doc.doc_id, source=doc.source, section_id=section.section_id,
                section_path=section.path, char_start=group.char_start, char_end=group.char_end,
                # tokens of the normalised view: a word broken at a PDF line's end (数据中心集\n群) is one
                # token, full-width digits are digits
                text=chunk_text, tokens=tuple(segmenter.tokenize(view(chunk_text).text))))
    return tuple(chunks)


def _pack(units: list[tuple[Span, int | None]], size: int, chrome_starts: list[int]) -> list[Span]:
    groups: list[Span] = []
    current: Span | None = None
    for unit, paragraph_end in units:
        if current is not None:
            i = bisect.bisect_left(chrome_starts, current.char_end)
            crosses_chrome = i < len(chrome_starts) and chrome_starts[i] < unit.char_start
            fits = unit.char_end - current.char_start <= size
            # Start a paragraph in a fresh chunk rather than splitting it, once the chunk is half full.
            split_paragraph = (paragraph_end is not None and paragraph_end - current.char_start > size
                               and current.char_end - current.char_start >= size // 2)
            if not crosses_chrome and fits and not split_paragraph:
                current = Span(current.char_start, unit.char_end)
                continue
            groups.append(current)
        current = unit
    if current is not None:
        groups.append(current)
    return groups
