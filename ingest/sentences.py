"""One sentence splitter for the whole project: spans of sentences and clauses, with exact offsets.

A sentence ends at 。！？； (full-width or ASCII, and the full-width point ．) plus any closing quotes or
brackets right after it; the last piece of a text is a sentence even without an end mark.
"""
from __future__ import annotations

import re

SENTENCE_END = re.compile(r"[。！？；!?;．]+[”’」』）)\]】]*")
CLAUSE_BREAK = re.compile(r"[，,；;：:。！？!?．]")
_PIECE = re.compile(r"[^。！？；!?;．]*(?:[。！？；!?;．]+[”’」』）)\]】]*|$)")


def sentence_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of every sentence of text[start:end], trimmed of white space; offsets index `text`."""
    end = len(text) if end is None else end
    piece_text = text[start:end]
    out = []
    for match in _PIECE.finditer(piece_text):
        piece = match.group()
        if piece.strip():
            lead = len(piece) - len(piece.lstrip())
            out.append((start + match.start() + lead, start + match.start() + len(piece.rstrip())))
    return out


def split_sentences(text: str) -> list[str]:
    """The sentences of `text` as strings."""
    return [text[s:e] for s, e in sentence_spans(text)]


def clause_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """(start, end) of the clauses of text[start:end], split after commas, semicolons, colons and ends."""
    end = len(text) if end is None else end
    out, pos = [], start
    for match in CLAUSE_BREAK.finditer(text, start, end):
        if text[pos:match.end()].strip():
            out.append((pos, match.end()))
        pos = match.end()
    if text[pos:end].strip():
        out.append((pos, end))
    return out


def has_sentence_break(text: str) -> bool:
    """True when `text` holds a full sentence end (。！？) — running text rather than a label or title."""
    return bool(re.search(r"[。！？!?]", text))
