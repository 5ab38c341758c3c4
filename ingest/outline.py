"""Recover a document's heading tree (第X章, 一、, （一）, 1., （1）, 前言 …) and the sections they govern."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from ingest.markers import marker as _marker
from ingest.parts import Part, attachment_list, find_parts
from ingest.records import Cleaned, Document, Heading, Section, Span
from ingest.titles import letter_spaced, unspaced

# Standalone front/back matter lines that sit at the top level of any outline.
_PREFACE = re.compile(r"^(前\s*言|序\s*言|引\s*言|导\s*言|结\s*语|结\s*束\s*语|后\s*记|附\s*件\s*[0-9０-９]*|附\s*录)$")
_SENTENCE_END = re.compile(r"[。！？；!?;]")
_WORD = re.compile(r"[\u4e00-\u9fffA-Za-z]")
MAX_HEADING_CHARS = 80           # longer lines are paragraphs, whatever they start with
_PAIRS = (("《", "》"), ("“", "”"), ("（", "）"), ("(", ")"))
_LIST_ITEM_END = ("；", ";", "，", ",", "、", "：", ":")
# A table of contents line: a heading followed by dotted leaders or spaces and a page number.
_TOC_LINE = re.compile(r"(?:[.．·…⋯_\-—]{2,}|[\s\u3000])\s*[0-9０-９]{1,3}$")
# A table cell holding a figure ("72.45", ">79", "〔55〕", "32/28", "—"): a row of them is a table row.
_NUMBER_CELL = re.compile(r"(?:^|(?<=\s))[<>＜＞≥≤约~]?[〔\[(（]?[<>]?[-+]?[0-9０-９]+(?:[.．/][0-9０-９]+)*%?[〕\])）]?(?=\s|$)"
                          r"|(?:^|(?<=\s))[—–](?=\s|$)")
_SPACED_DIGITS = re.compile(r"(?<![0-9０-９.．])[0-9０-９](?: [0-9０-９]){2,}(?![0-9０-９.．])")  # "1 9 9 8 年"
_FRAGMENT = 15              # table cells wrapped over lines are short fragments
MAX_INLINE_HEADING = 30     # "（一）指导思想。全面贯彻…": a lead clause this short heads its paragraph
_LEAD_CLAUSE_BREAK = re.compile(r"[，,；;：:！？!?]")
_TEXT_KINDS = ("cn_num", "paren_cn", "arabic", "paren_arabic")
# Lead-clause headings ("（一）指导思想。全面贯彻…") are second-level items; "三、稳定增长。扩大内需…" is a sentence.
_INLINE_KINDS = ("paren_cn", "arabic", "paren_arabic")
_BARE_NUMERAL = re.compile(r"^[一二三四五六七八九十]{1,3}$")
_CJK_GAP = re.compile(r"[\u4e00-\u9fff][ \u3000]+(?=[\u4e00-\u9fff])")


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


def _unspace_digits(line: str) -> str:
    return _SPACED_DIGITS.sub(lambda m: m.group().replace(" ", ""), line)


def _table_row(lines: list[str], i: int, marker_end: int) -> bool:
    """A numbered table row ("1.信息化发展指数 >79 — 72.45 —"), its figures maybe on the next lines."""
    if len(_NUMBER_CELL.findall(_unspace_digits(lines[i][marker_end:]))) >= 2:
        return True
    for j in range(i + 1, min(i + 4, len(lines))):
        if len(_NUMBER_CELL.findall(_unspace_digits(lines[j]))) >= 2:
            return True
        # Only a cell's wrapped text (short, no column gaps) may sit between the label and its figures.
        if len(lines[j]) > _FRAGMENT or _marker(lines[j]) or _SENTENCE_END.search(lines[j]) or " " in lines[j]:
            return False
    return False


def _ragged(line: str) -> bool:
    """Text of a table cell as a PDF lays it out: spaces between some characters but not all
    ("投资 规 模 较 小、技 术 方 案"); print that spaces a heading spaces every character."""
    gaps = len(_CJK_GAP.findall(line))
    return gaps >= 2 and not letter_spaced(line)


def _wrapped_list_item(lines: list[str], markers: list, i: int) -> bool:
    """Spaced print wrapped over lines ("(一)国 家 工 程 建 设 标" / "准没有规定的；"): an item of a list."""
    if not _CJK_GAP.search(lines[i]) or lines[i].endswith(("。", "：", ":")):
        return False
    width = len(_CJK_GAP.sub(lambda m: m.group()[0], lines[i]))
    for j in range(i + 1, min(i + 4, len(lines))):
        # A wrapped item continues in lines no wider than its first; a paragraph below a heading is wider.
        if markers[j] or len(_CJK_GAP.sub(lambda m: m.group()[0], lines[j])) > width + 2:
            return False
        if lines[j].endswith(_LIST_ITEM_END):
            return True
        if _SENTENCE_END.search(lines[j]):
            return False
    return False


def _inline_heading(line: str, marker_end: int) -> int | None:
    """End of a short lead clause that heads its paragraph ("（一）指导思想。全面贯彻…"), else None."""
    stop = line.find("。", marker_end)
    if stop < 0 or not line[stop + 1:].strip():
        return None
    lead = line[marker_end:stop].strip()
    if not 2 <= len(lead) <= MAX_INLINE_HEADING or _LEAD_CLAUSE_BREAK.search(lead) or not _WORD.search(lead):
        return None
    return stop + 1


def _is_paragraph(line: str, governs_text: bool) -> bool:
    # "（一）各单位要认真贯彻…，结合实际，做好…工作。" with the next item right below: a numbered
    # paragraph. The same sentence above paragraphs of its own heads them (report style).
    return not governs_text and line.endswith("。") and bool(re.search(r"[，,]", line)) and len(line) > 30


def _toc_key(text: str) -> str:
    return re.sub(r"[\s\u3000。.．·…⋯_]+|[0-9０-９]+$", "", unspaced(text))


def _drop_toc(text: str, body: tuple[Span, ...], found: list[_Candidate]) -> list[_Candidate]:
    """A table of contents repeats the headings that follow it: a run of heading lines with nothing
    between them, whose first heading comes again later, is dropped."""
    line_no = {s.char_start: n for n, s in enumerate(body)}
    keys = [_toc_key(text[c.span.char_start:c.span.char_end]) for c in found]
    for a in range(min(len(found), 8)):
        again = next((b for b in range(a + 1, len(found))
                      if keys[b] == keys[a] and found[b].kind == found[a].kind), None)
        if again is None or again - a < 3:
            continue
        rows = [line_no.get(c.span.char_start, -10) for c in found[a:again + 1]]
        if all(rows[k + 1] - rows[k] == 1 for k in range(len(rows) - 1)):
            return found[:a] + found[again:]
        # The list may end where the body opens with a heading of its own ("前言" after the contents):
        # the run of adjacent lines from `a` holds the list, and only the entries that come again leave.
        end = 0
        while end + 1 < again - a and rows[end + 1] - rows[end] == 1:
            end += 1
        later = set(keys[a + end + 1:])
        listed = [k for k in range(a, a + end + 1) if keys[k] in later]
        if len(listed) >= 3 and listed[0] == a:
            return found[:a] + [c for k, c in enumerate(found[a:a + end + 1], a) if k not in listed] + found[a + end + 1:]
    return found


def _candidates(text: str, body: tuple[Span, ...], skip: tuple[Span, ...] = ()) -> list[_Candidate]:
    lines = [text[s.char_start:s.char_end] for s in body]
    markers = [_marker(line) for line in lines]
    listed = attachment_list(lines)
    found = []
    verdict: dict[int, str] = {}      # line → "heading" | "inline" | "text", for marker lines of text kinds
    for i, (span, line, marker) in enumerate(zip(body, lines, markers)):
        if skip and any(p.char_start <= span.char_start < p.char_end for p in skip):
            continue   # the title of a part (see ingest.parts)
        if _PREFACE.match(line):
            found.append(_Candidate("preface", span))
            continue
        if marker is None or _TOC_LINE.search(line) or i in listed:
            continue
        kind, end = marker
        if kind == "tiao":
            found.append(_Candidate(kind, Span(span.char_start, span.char_start + end)))
            continue
        # the marker's own space ("第一章 总 则") is no gap of a table cell: judge the heading's words
        if _table_row(lines, i, end) or _ragged(line[end:].strip()) or _wrapped_list_item(lines, markers, i):
            continue
        span = _join_broken_line(text, body, i)
        joined = text[span.char_start:span.char_end].replace("\n", "")
        below = next((j for j in range(i + 1, len(lines)) if body[j].char_start >= span.char_end), None)
        governs = below is not None and markers[below] is None   # running text below, not the next item
        if not _is_heading_line(joined, end) or (kind in _TEXT_KINDS and _is_paragraph(joined, governs)):
            inline = _inline_heading(line, end) if kind in _INLINE_KINDS else None
            verdict[i] = "text" if inline is None else "inline"
            if inline is not None:
                found.append(_Candidate(kind, Span(body[i].char_start, body[i].char_start + inline)))
            continue
        verdict[i] = "heading"
        # An enumeration whose sibling items end in ；is an inline list, not a run of headings.
        neighbours = [j for j in (i - 1, i + 1) if 0 <= j < len(lines) and markers[j] and markers[j][0] == kind]
        if any(lines[j].endswith(("；", ";")) for j in neighbours):
            continue
        found.append(_Candidate(kind, span))
    found.extend(_bare_numerals(body, lines))
    found.sort(key=lambda c: c.span.char_start)
    return _drop_toc(text, body, _drop_lone_inline(body, markers, verdict, found))


def _bare_numerals(body: tuple[Span, ...], lines: list[str]) -> list[_Candidate]:
    """Older reports number their parts with a numeral alone on its line (一 / 二 / 三): headings when
    they count up from one."""
    from ingest.metadata import to_int

    found: list[_Candidate] = []
    expected = 1
    for span, line in zip(body, lines):
        if not _BARE_NUMERAL.match(line):
            continue
        try:
            value = to_int(line)
        except (ValueError, KeyError, TypeError):
            continue
        if value == expected:
            found.append(_Candidate("cn_num", span))
            expected += 1
    return found if len(found) >= 2 else []


def _drop_lone_inline(body: tuple[Span, ...], markers: list, verdict: dict[int, str],
                      found: list[_Candidate]) -> list[_Candidate]:
    """Numbered paragraphs: when most items of a run are plain paragraphs, the one whose first
    sentence happens to be short heads nothing either."""
    line_of = {s.char_start: i for i, s in enumerate(body)}
    drop: set[int] = set()
    items = sorted(verdict)
    runs: list[list[int]] = []
    for i in items:
        # A run: items of one marker kind with no item of another kind between them.
        if runs and markers[runs[-1][-1]][0] == markers[i][0] and not any(
                markers[j] and markers[j][0] != markers[i][0] for j in range(runs[-1][-1] + 1, i)):
            runs[-1].append(i)
        else:
            runs.append([i])
    for run in runs:
        text_items = sum(verdict[i] == "text" for i in run)
        if text_items * 2 > len(run):
            drop.update(i for i in run if verdict[i] == "inline")
    return [c for c in found if line_of.get(c.span.char_start) not in drop]


def document_parts(doc: Document, cleaned: Cleaned) -> tuple[tuple[Part, ...], Span | None]:
    """The documents this one carries (an issued 办法, attachments), each a part of the outline, and
    where the document's own title is printed."""
    from ingest.metadata import document_title

    title, span = document_title(doc, cleaned)
    return find_parts(doc, cleaned, title, span), span


def outline(doc: Document, cleaned: Cleaned) -> tuple[Heading, ...]:
    """Headings in document order. Each part (issued document, attachment) is a level-1 heading above
    its own outline; inside a stretch, levels follow the order in which marker kinds first appear."""
    parts, title_span = document_parts(doc, cleaned)
    candidates = _candidates(doc.text, cleaned.body, tuple(p.span for p in parts))
    if title_span is not None:
        # "附件1" above the title: the file is itself an attachment, the label heads nothing.
        candidates = [c for c in candidates if not (c.kind == "preface" and c.span.char_end <= title_span.char_start)]
    # Stretches: the text before the first part (no parent), then each part up to the next one.
    bounds = [(-1, None), *((p.span.char_start, p) for p in parts)]
    headings: list[Heading] = []
    for n, (start, part) in enumerate(bounds):
        stop = bounds[n + 1][0] if n + 1 < len(bounds) else len(doc.text) + 1
        base: tuple[str, ...] = ()
        offset = 0
        if part is not None:
            text = doc.text[part.span.char_start:part.span.char_end]
            heading = Heading(level=1, text=text, kind="part", path=(part.title,),
                              char_start=part.span.char_start, char_end=part.span.char_end)
            headings.append(heading)
            base, offset = heading.path, 1
        inside = [c for c in candidates if start <= c.span.char_start < stop]
        headings.extend(_levelled(doc, inside, base, offset))
    return tuple(headings)


# Units of a legal text in their fixed order: a 办法 whose first chapter heading is lost or comes after its
# first article still has chapters above articles.
STATUTE_ORDER = ("bian", "zhang", "jie", "tiao")


def _levelled(doc: Document, candidates: list[_Candidate], base: tuple[str, ...], offset: int) -> list[Heading]:
    order: list[str] = []
    for cand in candidates:
        if cand.kind != "preface" and cand.kind not in order:
            order.append(cand.kind)
    slots = [i for i, kind in enumerate(order) if kind in STATUTE_ORDER]
    for i, kind in zip(slots, sorted((order[i] for i in slots), key=STATUTE_ORDER.index)):
        order[i] = kind
    headings: list[Heading] = []
    stack: list[Heading] = []
    for cand in candidates:
        level = offset + (1 if cand.kind == "preface" else order.index(cand.kind) + 1)
        while stack and stack[-1].level >= level:
            stack.pop()
        text = doc.text[cand.span.char_start:cand.span.char_end]
        path = (*(stack[-1].path if stack else base), text)
        heading = Heading(level=level, text=text, kind=cand.kind, path=path,
                          char_start=cand.span.char_start, char_end=cand.span.char_end)
        headings.append(heading)
        stack.append(heading)
    return headings


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
