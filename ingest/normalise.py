"""A normalised view of a source text, with every offset mapped back to the source.

PDF text layers wrap lines in the middle of words (…中小城市基础网络完善\n工程), print digits spaced
(2 0 0 5年) or full-width (１０８０万千瓦). The extractors, the BM25 tokens and the sentences questions are
matched against read the view — wraps and spaces between
Chinese characters or digits removed, full-width letters, digits, ％ and ． as ASCII — and report offsets
into it; `View.source_span` turns them back into offsets of the text the evidence cites.
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

# Full-width ASCII that numbers and codes are printed in; other full-width punctuation (，：（）) is
# left alone: the rules read both forms, and keeping it keeps the view close to the source.
_FULL_WIDTH = {chr(c): chr(c - 0xFEE0) for c in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B),
                                                  *range(0xFF41, 0xFF5B), 0xFF05, 0xFF0E, 0xFF0B)}
# White space between two of these is a wrap or letter-spacing, not a separator.
_JOINABLE = re.compile(r"[\u3400-\u9fff0-9０-９.．%％“”《》()（）、，。；：]")
_SPACE = re.compile(r"[ \t\u3000\u00a0]*\n[ \t\u3000\u00a0]*|[ \t\u3000\u00a0]+")


@dataclass(frozen=True)
class View:
    """`text` with `offsets[i]` = the source offset of text[i] (offsets[len(text)] = the source end)."""

    text: str
    offsets: tuple[int, ...] | None     # None: the view is the source itself
    base: int = 0                       # source offset of the view's start

    def source(self, i: int) -> int:
        return self.base + (i if self.offsets is None else self.offsets[i])

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source offsets (relative to the view's base) … as absolute offsets of the source text."""
        if end <= start:
            return self.source(start), self.source(start)
        return self.source(start), self.source(end - 1) + 1


def view(text: str, base: int = 0) -> View:
    """The normalised view of `text` (a sentence); `base` is its offset in the document."""
    if not _SPACE.search(text) and not any(ch in _FULL_WIDTH for ch in text):
        return View(text, None, base)
    out: list[str] = []
    offsets: list[int] = []
    i = 0
    n = len(text)
    while i < n:
        m = _SPACE.match(text, i)
        if m and m.end() > i:
            before = text[i - 1] if i else ""
            after = text[m.end()] if m.end() < n else ""
            if before and after and _JOINABLE.match(before) and _JOINABLE.match(after) and "\t" not in m.group(0):
                # letter-spacing is joined; a tab separates a table row's cells and stays a boundary
                i = m.end()
                continue
            out.append("\n" if "\n" in m.group(0) else "\t" if "\t" in m.group(0) else " ")
            offsets.append(i)
            i = m.end()
            continue
        ch = text[i]
        out.append(_FULL_WIDTH.get(ch, ch))
        offsets.append(i)
        i += 1
    offsets.append(n)
    return View("".join(out), tuple(offsets), base)


def wrap_width(text: str) -> int | None:
    """The width a hard-wrapped text (a PDF's text layer) is wrapped at, or None when it is not wrapped:
    the commonest length of long lines, when at least a quarter of them have it."""
    lengths = Counter(len(line) for line in text.split("\n") if len(line) >= 15)
    total = sum(lengths.values())
    if not total:
        return None
    width, count = lengths.most_common(1)[0]
    return width if width >= 20 and count >= 0.25 * total else None


_SENTENCE_PUNCT = frozenset("。！？!?；;：:")
# A line that starts with a heading or list marker starts a paragraph (一、 （一） 第三章 1. 专栏).
_PARAGRAPH_START = re.compile(r"\s*(?:[一二三四五六七八九十]+[、.．]|[(（][一二三四五六七八九十0-9]+[)）]|第[一二三四五六七八九十百0-9]+[章节条编]|"
                              r"[0-9]+[.．、]|专栏|附件|——|—|[-•·●■◆])")


def is_wrap(text: str, newline: int, width: int | None) -> bool:
    """Whether the newline at `newline` wraps a line in the middle of a paragraph."""
    if width is None or text[newline + 1:newline + 2] in ("\n", ""):
        return False
    line_start = text.rfind("\n", 0, newline) + 1
    line = text[line_start:newline].rstrip()
    if not line or line[-1] in _SENTENCE_PUNCT or not (width - 3 <= len(line) <= width + 8):
        return False
    return not _PARAGRAPH_START.match(text, newline + 1)
