"""Unruled PDF tables (or tables whose rules pypdf places in another coordinate space): rows kept together
when the columns align.

A 任务分工 table prints a number column (1, 2, 3 …) and, to its right, cells whose text wraps over several
lines; pypdf writes each cell line on its own line, so a cell's text ("国家卫" / "生计生委") is broken at
every wrap and a row is no unit. Here the numbers give the rows and the left edges of the pieces give the
columns: a row is what pypdf reads from one number to the next (word processors draw a table row by row,
cell by cell, whether the cells are centred on their row or start at its top), and the row is written as one line, its cells joined by
`CELL_SEPARATOR` as the ruled-table reader does. Positions are compared only with one another, so a page
whose coordinates are offset or scaled reads the same.
"""
from __future__ import annotations

import re

from ingest.furniture import is_page_number
from ingest.pdf_tables import CELL_SEPARATOR, Piece, cell_text

_NUMBER = re.compile(r"^[0-9]{1,3}$")
_MIN_ROWS = 3          # fewer numbered rows are a list, not a table
_ALIGN = 0.5           # a column's pieces start within this many glyph heights of one another


def unruled_rows(pieces: list[Piece], extracted: str) -> str:
    """`extracted` (pypdf's text of the page, the concatenation of `pieces`) with a numbered table's rows
    each on one line; unchanged when the page holds no such table."""
    if "".join(p.text for p in pieces) != extracted:
        return extracted
    shown = [k for k, p in enumerate(pieces) if p.text.strip()]
    anchors = _anchors(pieces, shown)
    if not anchors:
        return extracted
    height = max(pieces[anchors[0]].height, 1.0)
    anchor_x = pieces[anchors[0]].x
    numbered = set(anchors)

    # Cells sit right of the number column; the table ends at the first piece back at the margin. A page
    # number printed below the table is no cell.
    def cell(k: int) -> bool:
        return _in_cells(pieces[k], anchor_x, height) and not is_page_number(pieces[k].text.strip())

    start = anchors[0]
    if int(pieces[start].text.strip()) > 1:
        # The table goes on from the page before: what precedes the first number ends that page's last row.
        while start - 1 >= 0 and (not pieces[start - 1].text.strip() or cell(start - 1)):
            start -= 1
    end = anchors[-1]
    while end + 1 < len(pieces) and (not pieces[end + 1].text.strip() or cell(end + 1)):
        end += 1
    body = [k for k in range(start, end + 1) if pieces[k].text.strip()]
    if any(k not in numbered and not _in_cells(pieces[k], anchor_x, height) for k in body):
        return extracted          # text at the margin amid the rows: not one table
    columns = _columns([pieces[k].x for k in body if k not in numbered], height)
    rows: list[dict[int, list[Piece]]] = [{} for _ in range(len(anchors) + 1)]   # [0]: the page before's
    row = 0
    for k in body:
        if k in numbered:
            row += 1
            continue
        piece = pieces[k]
        col = max((c for c, x in enumerate(columns) if x <= piece.x + _ALIGN * height), default=0)
        rows[row].setdefault(col, []).append(piece)
    lines = [CELL_SEPARATOR.join(cell_text(rows[0][c]) for c in sorted(rows[0]))] if rows[0] else []
    for anchor, cells in zip(anchors, rows[1:]):
        texts = [pieces[anchor].text.strip(), *(cell_text(cells[c]) for c in sorted(cells))]
        lines.append(CELL_SEPARATOR.join(t for t in texts if t))
    before = "".join(p.text for p in pieces[:start]).rstrip(" ")
    after = "".join(p.text for p in pieces[end + 1:]).lstrip(" ")
    joined = "\n".join(lines)
    if before and not before.endswith("\n"):
        before += "\n"
    if after and not after.startswith("\n"):
        joined += "\n"
    return before + joined + after


def _anchors(pieces: list[Piece], shown: list[int]) -> list[int]:
    """Pieces of the number column: consecutive numbers at one left edge, in reading order."""
    numbers = [k for k in shown if _NUMBER.match(pieces[k].text.strip())]
    best: list[int] = []
    for i, k in enumerate(numbers):
        run = [k]
        want = int(pieces[k].text.strip()) + 1
        for j in numbers[i + 1:]:
            p, q = pieces[j], pieces[run[-1]]
            if int(p.text.strip()) == want and abs(p.x - q.x) <= 2 * max(q.height, 1.0):
                run.append(j)
                want += 1
        if len(run) > len(best):
            best = run
    if len(best) < _MIN_ROWS:
        return []
    ys = [pieces[k].y for k in best]
    if not (all(a < b for a, b in zip(ys, ys[1:])) or all(a > b for a, b in zip(ys, ys[1:]))):
        return []                 # numbers not stacked down the page: no column
    return best


def _in_cells(piece: Piece, anchor_x: float, height: float) -> bool:
    """Right of the number column (where the cells are)."""
    return piece.x > anchor_x + 1.5 * height


def _columns(xs: list[float], height: float) -> list[float]:
    """Left edges of the cell columns: the x positions several pieces start at."""
    out: list[float] = []
    for x in sorted(xs):
        if out and x - out[-1] <= _ALIGN * height:
            continue
        if sum(1 for v in xs if abs(v - x) <= _ALIGN * height) >= 2:
            out.append(x)
    return out or [min(xs, default=0.0)]
