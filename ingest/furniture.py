"""Page furniture: what a printed page repeats around the text (page numbers, running headers and footers,
browser print headers) and the doubled text of fake-bold fonts ("国 务 院国 务 院").

Nothing here changes the decoded text: furniture is reported as spans, so that the cleaner can leave it
out of the body while every offset still indexes `Document.text` (citations stay checkable).
"""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ingest.records import Span

# A page number alone on its line: —01—, - 3 -, －3－, 第3页, 第 3 页 共 10 页, 3 / 26, Page 3.
_PAGE_NUMBER = re.compile(r"^(?:[—–\-－~～]{1,2}\s*[0-9０-９]{1,4}\s*[—–\-－~～]{1,2}"
                          r"|第\s*[0-9０-９]{1,4}\s*页(?:\s*[,，/]?\s*共\s*[0-9０-９]{1,4}\s*页)?"
                          r"|[0-9０-９]{1,4}\s*/\s*[0-9０-９]{1,4}"
                          r"|(?:[Pp]age|P\.)\s*[0-9]{1,4}(?:\s*(?:of|/)\s*[0-9]{1,4})?)$")
# What a browser prints above and below each page of a saved web page: a time stamp with the page
# title, or the address with "n/m".
_PRINT_HEADER = re.compile(r"^[0-9]{2,4}[/\-.][0-9]{1,2}[/\-.][0-9]{1,2}\s*(?:[上下]午)?\s*[0-9]{1,2}:[0-9]{2}\b")
_PRINT_FOOTER = re.compile(r"^(?:https?://|www\.)\S+\s+[0-9]{1,4}\s*/\s*[0-9]{1,4}$")
_SENTENCE = re.compile(r"[。！？!?；;]")
_PAGE_NUMBER_CHARS = 20
_PRINT_OPENERS = frozenset("0123456789hw")
_MIN_REPEATS = 3          # a running header repeats on at least this many pages
_NEAR = 2                 # lines between a running header and the page break (page number) it sits at


@dataclass(frozen=True)
class Furniture:
    body: tuple[Span, ...]      # the lines that remain, doubled lines cut to their first copy
    removed: tuple[Span, ...]   # page numbers, running headers, second copies of doubled text


def doubled_half(line: str) -> int | None:
    """Length of the first copy when `line` is one text printed twice in a row (fake bold), else None."""
    n = len(line)
    if n < 6 or n % 2:
        return None
    half = n // 2
    if line[0] != line[half] or line[half - 1] != line[-1]:
        return None     # the cheap test first: most lines are not doubled
    first, second = line[:half], line[half:]
    if first != second or len(re.sub(r"\s", "", first)) < 3:
        return None
    return half


def is_page_number(line: str) -> bool:
    return len(line) <= _PAGE_NUMBER_CHARS and bool(_PAGE_NUMBER.match(line))


def is_print_furniture(line: str) -> bool:
    """A browser's print header (time stamp + title) or footer (address + n/m)."""
    return line[:1] in _PRINT_OPENERS and bool(_PRINT_HEADER.match(line) or _PRINT_FOOTER.match(line))


def find_furniture(text: str, lines: list[Span]) -> Furniture:
    """Split trimmed line spans of `text` into body and furniture."""
    strings = [text[s.char_start:s.char_end] for s in lines]
    printed = [i for i, line in enumerate(strings) if is_print_furniture(line)]
    # One time-stamped line is a web page's byline; a print header repeats on every page.
    page_breaks = sorted({i for i, line in enumerate(strings) if is_page_number(line)}
                         | (set(printed) if len(printed) >= 2 else set()))
    drop = set(page_breaks)
    # Running headers and footers: the same short line, again and again, next to page breaks.
    if len(page_breaks) >= _MIN_REPEATS:
        counts = Counter(line for line in strings if len(line) <= 120 and not _SENTENCE.search(line))
        near_break: Counter[str] = Counter()
        for b in page_breaks:
            for j in range(max(0, b - _NEAR), min(len(strings), b + _NEAR + 1)):
                if j != b:
                    near_break[strings[j]] += 1
        edges = [-1, *page_breaks, len(strings)]     # the document's start and end are page edges too
        seen: set[str] = set()
        for i, line in enumerate(strings):
            repeats = counts.get(line, 0)
            if repeats >= _MIN_REPEATS and near_break[line] * 2 >= repeats:
                first = line not in seen
                seen.add(line)
                # A table's header row printed again at the top of each page: the repeats are furniture,
                # the first copy, mid-page above its table, is content (a running header sits at a page edge).
                if first and not any(abs(i - e) <= _NEAR for e in edges):
                    continue
                drop.add(i)
    body: list[Span] = []
    removed: list[Span] = []
    for i, (span, line) in enumerate(zip(lines, strings)):
        if i in drop:
            removed.append(span)
            continue
        half = doubled_half(line)
        if half is not None:
            first = line[:half].rstrip()
            body.append(Span(span.char_start, span.char_start + len(first)))
            second = line[half:]
            lead = len(second) - len(second.lstrip())
            removed.append(Span(span.char_start + half + lead, span.char_end))
            continue
        body.append(span)
    return Furniture(tuple(body), tuple(removed))
