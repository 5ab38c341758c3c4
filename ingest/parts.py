"""Documents inside a document: the plan or 办法 a notice issues, and its attachments (附件1, 附件2 …).

A notice "关于印发《X办法》的通知" prints the 办法 after its own text, under the 办法's title; attachments
open with a label line ("附件1", "附件：") and their title. Each becomes a part: a heading above the
part's own outline (see `ingest.outline`), and a title in the metadata.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from ingest.markers import marker
from ingest.records import Cleaned, Document, Span
from ingest.titles import ends_like_title, unspaced

# 附件 / 附件1 / 附 件 ２ / 附件一, optionally with a colon and the title on the same line.
_LABEL = re.compile(r"^附\s*件\s*([0-9０-９一二三四五六七八九十]{0,3})\s*[:：]?\s*")
_ISSUES = re.compile(r"(?:关于)?(?:印发|发布|颁布|转发)(.+?)的(?:通知|决定|命令|公告)$")
_LIST_START = re.compile(r"^[0-9０-９]{1,2}\s*[.．、]")   # "附件：1．…" lists the attachments
_LIST_ITEM = re.compile(r"^([0-9０-９]{1,2})\s*[.．、]\s*(\S.{0,60})$")
_MAX_LISTED = 12
_FILE_NAME = re.compile(r"\.(?:docx?|xlsx?|pdf|wps|ofd|zip|rar|txt|et)$", re.IGNORECASE)
_QUOTES = re.compile(r"[“”\"‘’'《》「」]")
_SENTENCE = re.compile(r"[。！？；;]")
_MAX_TITLE_LINES = 3
_TITLE_LINE_CHARS = 160     # longer lines are running text (letter-spaced titles are about twice as long)
_SHORT_LINE = 20            # an attachment title wrapped over lines has short pieces


@dataclass(frozen=True)
class Part:
    title: str          # display title: "《广州市某某办法》", "附件1 某某清单"
    span: Span          # the heading in Document.text (label line and title lines)


_SPACE = re.compile(r"[\s\u3000]+")


def _compact(text: str) -> str:
    return _SPACE.sub("", unspaced(text)) if _SPACE.search(text) else text


def _strip_book(text: str) -> str:
    text = text.strip()
    return text[1:-1] if text.startswith("《") and text.endswith("》") and text.count("《") == 1 else text


def issued_title(title: str | None) -> str | None:
    """What a notice issues: "关于印发《X办法》的通知" → "X办法" (one document only)."""
    if not title:
        return None
    match = _ISSUES.search(_compact(title))
    if not match:
        return None
    issued = _strip_book(match.group(1))
    if not issued or "》和《" in issued or "》、《" in issued or not ends_like_title(issued):
        return None
    return issued


_RECENT: dict[tuple, tuple[Part, ...]] = {}   # metadata and outline both ask, one after the other


def find_parts(doc: Document, cleaned: Cleaned, title: str | None, title_span: Span | None = None
               ) -> tuple[Part, ...]:
    """Parts of the document in order: the issued document, then the attachments."""
    key = (doc.doc_id, doc.content_hash, cleaned.body[:1], cleaned.body[-1:], len(cleaned.body), title, title_span)
    if key not in _RECENT:
        if len(_RECENT) > 8:
            _RECENT.clear()
        _RECENT[key] = _find_parts(doc, cleaned, title, title_span)
    return _RECENT[key]


def _find_parts(doc: Document, cleaned: Cleaned, title: str | None, title_span: Span | None
                ) -> tuple[Part, ...]:
    text = doc.text
    body = list(cleaned.body)
    raw = [text[s.char_start:s.char_end] for s in body]
    # Only short lines can be titles or labels; running text is never compacted (it is most of the text).
    longest = 2 * len(issued_title(title) or "") + _TITLE_LINE_CHARS // 2
    lines = [_compact(line) if line.startswith("附") or len(line) <= longest else line for line in raw]
    after_title = 0
    if title_span is not None:
        after_title = next((i for i, s in enumerate(body) if s.char_start >= title_span.char_end), len(body))
    parts: list[Part] = []

    issued = issued_title(title)
    if issued:
        for i in range(after_title, len(body)):
            joined = ""
            for j in range(i, min(i + _MAX_TITLE_LINES, len(body))):
                joined += lines[j]
                if _QUOTES.sub("", joined) == _QUOTES.sub("", issued) and j + 1 < len(body):
                    parts.append(Part(f"《{issued}》", Span(body[i].char_start, body[j].char_end)))
                    break
                if not _QUOTES.sub("", issued).startswith(_QUOTES.sub("", joined)):
                    break
            if parts:
                break

    # Attachment labels: the last occurrence of each label opens the attachment itself; earlier ones
    # are the notice's references to it ("附件：某某分工" above the signature).
    references: dict[str, str] = {}
    last: dict[str, int] = {}
    for i, line in enumerate(lines):
        match = _LABEL.match(line)
        if not match or i < 2 and (title_span is None or body[i].char_start < title_span.char_start):
            continue  # a label above the title: the file *is* the attachment
        rest = line[match.end():]
        if _LIST_START.match(rest):
            # "附件：1．X" and the numbered lines below it list the attachments by number.
            for j in range(i, min(i + _MAX_LISTED, len(lines))):
                item = _LIST_ITEM.match(lines[j][match.end():] if j == i else lines[j])
                if not item:
                    break
                references.setdefault(item.group(1), item.group(2))
            continue
        if rest and (_SENTENCE.search(rest) or len(rest) > 60):
            continue
        label = match.group(1)
        if rest:
            references.setdefault(label, rest)
        last[label] = i
    start_after = parts[0].span.char_end if parts else -1
    for label, i in sorted(last.items(), key=lambda item: item[1]):
        if body[i].char_start < start_after or i + 1 >= len(body):
            continue
        rest = lines[i][_LABEL.match(lines[i]).end():]
        end = i
        name = rest
        if not name:
            name, end = _title_below(lines, i, references.get(label))
        if not name or end + 1 >= len(body) or _LABEL.match(lines[end + 1]) or _FILE_NAME.search(name):
            continue  # a label with nothing under it, or a link to a file the page does not hold
        head = f"附件{label}" if label else "附件"
        parts.append(Part(f"{head} {name}", Span(body[i].char_start, body[end].char_end)))
    return tuple(parts)


def attachment_list(lines: list[str]) -> set[int]:
    """Lines of the notice's list of its attachments ("附件：1．X办法" and the "2．Y细则" lines under it):
    references, never headings."""
    out: set[int] = set()
    for i, line in enumerate(lines):
        match = _LABEL.match(line)
        if not match or not _LIST_START.match(line[match.end():]):
            continue
        want = 1
        for j in range(i, min(i + _MAX_LISTED, len(lines))):
            item = _LIST_ITEM.match(lines[j][match.end():] if j == i else lines[j])
            if not item or int(unicodedata.normalize("NFKC", item.group(1))) != want:
                break
            out.add(j)
            want += 1
    return out


def _title_below(lines: list[str], i: int, reference: str | None) -> tuple[str, int]:
    """The title printed under a bare label line: the lines that spell the notice's reference to it,
    else one line and its short continuations."""
    joined = ""
    if reference:
        for j in range(i + 1, min(i + 1 + _MAX_TITLE_LINES, len(lines))):
            joined += lines[j]
            if joined == reference:
                return joined, j
            if not reference.startswith(joined):
                break
    j = i + 1
    if j >= len(lines) or _SENTENCE.search(lines[j]) or _LABEL.match(lines[j]):
        return "", i
    joined = lines[j]
    while (j + 1 < len(lines) and j - i < _MAX_TITLE_LINES and not ends_like_title(joined)
           and len(lines[j + 1]) <= _SHORT_LINE and not _SENTENCE.search(lines[j + 1])
           and not marker(lines[j + 1])):
        j += 1
        joined += lines[j]
    return joined, j
