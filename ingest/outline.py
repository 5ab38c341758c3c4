"""Recover a document's heading tree (第X章, 一、, （一）, 1., （1）, 前言 …) and the sections they govern."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from ingest.markers import MARKERS, marker as _marker
from ingest.records import Cleaned, Document, Heading, Section, Span

# Standalone front/back matter lines that sit at the top level of any outline.
_PREFACE = re.compile(r"^(前\s*言|序\s*言|引\s*言|导\s*言|结\s*语|结\s*束\s*语|后\s*记|附\s*件\s*[0-9０-９]*|附\s*录)$")
_SENTENCE_END = re.compile(r"[。！？；!?;]")
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]")
MAX_HEADING_CHARS = 80           # longer lines are paragraphs, whatever they start with
_PAIRS = (("《", "》"), ("“", "”"), ("（", "）"), ("(", ")"))
_LIST_ITEM_END = ("；", ";", "，", ",", "、", "：", ":")


@dataclass(frozen=True)
class _Candidate:
    kind: str
    span: Span       # the heading text (for 第X条 only the marker: the article itself is body text)


def _is_heading_line(line: str, marker_end: int) -> bool:
    rest = line[marker_end:].strip()
    if not _WORD.search(rest) or len(line) > MAX_HEADING_CHARS or line.endswith(_LIST_ITEM_END):
        return False
    # One clause at most: a heading may end with 。 (report style) but holds no sentence break inside.
    return not _SENTENCE_END.search(line[:-1])


def _unbalanced(text: str) -> bool:
    return any(text.count(o) > text.count(c) for o, c in _PAIRS)


def _join_broken_line(text: str, body: tuple[Span, ...], i: int) -> Span:
    """Web copies break lines at inline elements (关于《\n…\n》的说明); rejoin such a heading."""
    span = body[i]
    for nxt in body[i + 1:i + 4]:
        if not _unbalanced(text[span.char_start:span.char_end]):
            break
        if text.count("\n", span.char_end, nxt.char_start) != 1:
            break
        span = Span(span.char_start, nxt.char_end)
    return body[i] if _unbalanced(text[span.char_start:span.char_end]) else span


def _candidates(text: str, body: tuple[Span, ...]) -> list[_Candidate]:
    lines = [text[s.char_start:s.char_end] for s in body]
    markers = [_marker(line) for line in lines]
    found = []
    for i, (span, line, marker) in enumerate(zip(body, lines, markers)):
        if _PREFACE.match(line):
            found.append(_Candidate("preface", span))
            continue
        if marker is None:
            continue
        kind, end = marker
        if kind == "tiao":
            found.append(_Candidate(kind, Span(span.char_start, span.char_start + end)))
            continue
        span = _join_broken_line(text, body, i)
        line = text[span.char_start:span.char_end].replace("\n", "")
        if not _is_heading_line(line, end):
            continue
        # An enumeration whose sibling items end in ；is an inline list, not a run of headings.
        neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(lines) and markers[j] and markers[j][0] == kind]
        if any(lines[j].endswith(("；", ";")) for j in neighbours):
            continue
        found.append(_Candidate(kind, span))
    return found


def outline(doc: Document, cleaned: Cleaned) -> tuple[Heading, ...]:
    """Headings in document order; levels follow the order in which marker kinds first appear."""
    candidates = _candidates(doc.text, cleaned.body)
    order: list[str] = []
    for cand in candidates:
        if cand.kind != "preface" and cand.kind not in order:
            order.append(cand.kind)
    headings: list[Heading] = []
    stack: list[Heading] = []
    for cand in candidates:
        level = 1 if cand.kind == "preface" else order.index(cand.kind) + 1
        while stack and stack[-1].level >= level:
            stack.pop()
        text = doc.text[cand.span.char_start:cand.span.char_end]
        path = (*(stack[-1].path if stack else ()), text)
        heading = Heading(level=level, text=text, kind=cand.kind, path=path,
                          char_start=cand.span.char_start, char_end=cand.span.char_end)
        headings.append(heading)
        stack.append(heading)
    return tuple(headings)


def section_id(doc_id: str, path: tuple[str, ...], char_start: int) -> str:
    key = "\x1f".join((doc_id, *path, str(char_start)))
    return "s" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def _end_before(body: tuple[Span, ...], limit: int, start: int) -> int:
    """End of the last body line that starts before `limit` (trailing blank/chrome lines excluded)."""
    ends = [s.char_end for s in body if start <= s.char_start < limit]
    return max(ends) if ends else start


def sections(doc: Document, cleaned: Cleaned, headings: tuple[Heading, ...]) -> tuple[Section, ...]:
    """One section per heading (governing its subheadings), plus a level-0 preamble or body section."""
    body = cleaned.body
    if not body:
        return ()
    doc_end = body[-1].char_end
    out: list[Section] = []
    first_start = headings[0].char_start if headings else doc_end + 1
    if body[0].char_start < first_start:
        start = body[0].char_start
        end = _end_before(body, first_start, start)
        out.append(Section(section_id(doc.doc_id, (), start), doc.doc_id, (), 0, None, None, start, end))
    ids: dict[tuple[str, ...], str] = {}
    for i, heading in enumerate(headings):
        limit = next((h.char_start for h in headings[i + 1:] if h.level <= heading.level), doc_end + 1)
        end = max(heading.char_end, _end_before(body, limit, heading.char_start))
        sid = section_id(doc.doc_id, heading.path, heading.char_start)
        parent = ids.get(heading.path[:-1]) if len(heading.path) > 1 else None
        ids[heading.path] = sid
        out.append(Section(sid, doc.doc_id, heading.path, heading.level, heading, parent,
                           heading.char_start, end))
    return tuple(out)
