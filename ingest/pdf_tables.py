"""Ruled tables in a PDF's text layer: each table row on one line, each cell's text in one piece.

pypdf writes a table line by line across the page, so a cell whose text wraps ("超限高" / "层建筑工程")
comes out in fragments, interleaved with its neighbours' fragments. The ruling lines the PDF draws
(stroked paths, or thin filled rectangles) give the grid; every text piece pypdf emits is placed in the
cell holding its start point, and the table is written back as rows: the cells that start on the same
grid line, left to right, joined by `CELL_SEPARATOR` (a tab). Text outside any table is pypdf's own, unchanged.

A grid needs at least two columns and two rows: a box drawn around a 专栏 or a single rule is no table.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

# A tab: white space, so that evidence and spans compared without white space still match the text, and
# rows of numbers still read "name value value" (graph/tables.py splits indicator rows on white space);
# distinct from the letter spacing inside cells, so that a later reader can split the cells again.
CELL_SEPARATOR = "\t"
_TOL = 2.0              # points: two rules this close are one grid line
_THIN = 2.5             # points: a filled rectangle this thin (or 8 times longer than wide) is a rule
_MAX_RULES = 1500       # more lines than this are a drawing (a map, a chart), not a table
_HAN_SPACE = re.compile(r"(?<=[\u3400-\u9fff])[ \u3000\xa0]+(?=[\u3400-\u9fff])")
_LETTER = re.compile(r"[A-Za-z]")


@dataclass(frozen=True)
class Piece:
    """One text piece pypdf emitted, with the device-space point it starts at and its glyph height."""

    text: str
    x: float
    y: float
    height: float


@dataclass(frozen=True)
class Segment:
    x0: float
    y0: float
    x1: float
    y1: float

    @property
    def horizontal(self) -> bool:
        return abs(self.y1 - self.y0) <= _TOL < abs(self.x1 - self.x0)

    @property
    def vertical(self) -> bool:
        return abs(self.x1 - self.x0) <= _TOL < abs(self.y1 - self.y0)


@dataclass
class PageRecorder:
    """Collects what one page draws: text pieces (pypdf's visitor_text) and rules (visitor_operand_before)."""

    pieces: list[Piece] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    _path: list[tuple[Segment, bool]] = field(default_factory=list)   # (segment, from a thin rectangle)
    _point: tuple[float, float] | None = None

    def text(self, text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        try:
            self._text(text, cm, tm, size)
        except (TypeError, ValueError, IndexError):   # an odd operand: the piece is kept, off any table
            self.pieces.append(Piece(text, -1e9, -1e9, 1.0))

    def _text(self, text: str, cm: list[float], tm: list[float], size: float) -> None:
        x, y = _apply(cm, tm[4], tm[5])
        scale = math.sqrt(abs((tm[0] * cm[0] + tm[1] * cm[2]) * (tm[2] * cm[1] + tm[3] * cm[3])
                              - (tm[0] * cm[1] + tm[1] * cm[3]) * (tm[2] * cm[0] + tm[3] * cm[2])))
        self.pieces.append(Piece(text, x, y, max(float(size or 0) * scale, 1.0)))

    def operand(self, op: bytes, args: list, cm: list[float], _tm: list[float]) -> None:
        try:
            self._operand(op, args, cm)
        except (TypeError, ValueError, IndexError):   # a malformed path operator draws no rule
            self._path, self._point = [], None

    def _operand(self, op: bytes, args: list, cm: list[float]) -> None:
        if op == b"m" and len(args) == 2:
            self._point = _apply(cm, float(args[0]), float(args[1]))
        elif op == b"l" and len(args) == 2 and self._point is not None:
            end = _apply(cm, float(args[0]), float(args[1]))
            self._path.append((Segment(*self._point, *end), False))
            self._point = end
        elif op == b"re" and len(args) == 4:
            x, y, w, h = (float(a) for a in args)
            corners = [_apply(cm, x, y), _apply(cm, x + w, y), _apply(cm, x + w, y + h), _apply(cm, x, y + h)]
            xs, ys = [c[0] for c in corners], [c[1] for c in corners]
            short, long = sorted((max(xs) - min(xs), max(ys) - min(ys)))
            if short <= _THIN or long >= 8 * short:   # a rule drawn as a rectangle
                my, mx = (min(ys) + max(ys)) / 2, (min(xs) + max(xs)) / 2
                seg = (Segment(min(xs), my, max(xs), my) if max(xs) - min(xs) > max(ys) - min(ys)
                       else Segment(mx, min(ys), mx, max(ys)))
                self._path.append((seg, True))
            else:
                self._path += [(Segment(*corners[k], *corners[(k + 1) % 4]), False) for k in range(4)]
        elif op in (b"S", b"s", b"B", b"B*", b"b", b"b*"):   # stroked: every edge shows
            self.segments += [seg for seg, _ in self._path]
            self._path, self._point = [], None
        elif op in (b"f", b"F", b"f*"):                       # filled: only thin rectangles are rules
            self.segments += [seg for seg, thin in self._path if thin]
            self._path, self._point = [], None
        elif op == b"n":
            self._path, self._point = [], None


def _apply(cm: list[float], x: float, y: float) -> tuple[float, float]:
    return cm[0] * x + cm[2] * y + cm[4], cm[1] * x + cm[3] * y + cm[5]


def _cluster(values: list[float]) -> list[float]:
    out: list[float] = []
    for v in sorted(values):
        if out and v - out[-1] <= _TOL:
            continue
        out.append(v)
    return out


class _Grid:
    """One ruled table: grid lines, merged cells, and the cell a point falls in."""

    def __init__(self, segments: list[Segment]):
        self.h = [s for s in segments if s.horizontal]
        self.v = [s for s in segments if s.vertical]
        self.xs = _cluster([s.x0 for s in self.v] + [s.x1 for s in self.v])
        self.ys = sorted(_cluster([s.y0 for s in self.h] + [s.y1 for s in self.h]), reverse=True)   # top first
        cols, rows = len(self.xs) - 1, len(self.ys) - 1
        self.parent = list(range(max(cols * rows, 0)))
        for j in range(rows):
            mid = (self.ys[j] + self.ys[j + 1]) / 2
            for i in range(cols - 1):
                if not self._ruled_v(self.xs[i + 1], mid):
                    self._union(j * cols + i, j * cols + i + 1)
        for i in range(cols):
            mid = (self.xs[i] + self.xs[i + 1]) / 2
            for j in range(rows - 1):
                if not self._ruled_h(self.ys[j + 1], mid):
                    self._union(j * cols + i, (j + 1) * cols + i)

    @property
    def is_table(self) -> bool:
        return len(self.xs) >= 3 and len(self.ys) >= 3

    def _ruled_v(self, x: float, y: float) -> bool:
        return any(abs(s.x0 - x) <= _TOL and min(s.y0, s.y1) - _TOL <= y <= max(s.y0, s.y1) + _TOL for s in self.v)

    def _ruled_h(self, y: float, x: float) -> bool:
        return any(abs(s.y0 - y) <= _TOL and min(s.x0, s.x1) - _TOL <= x <= max(s.x0, s.x1) + _TOL for s in self.h)

    def _find(self, k: int) -> int:
        while self.parent[k] != k:
            self.parent[k] = self.parent[self.parent[k]]
            k = self.parent[k]
        return k

    def _union(self, a: int, b: int) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)   # the root is the top-left elementary cell

    def cell_at(self, x: float, y: float) -> int | None:
        """The merged cell (its top-left elementary cell's index) holding the point, or None outside."""
        if not (self.xs[0] <= x < self.xs[-1] and self.ys[-1] < y <= self.ys[0]):
            return None
        i = next(k for k in range(len(self.xs) - 1) if x < self.xs[k + 1])
        j = next(k for k in range(len(self.ys) - 1) if y > self.ys[k + 1])
        return self._find(j * (len(self.xs) - 1) + i)

    def rows(self, cells: dict[int, list[Piece]]) -> list[str]:
        """Rows of text: cells that start on the same grid line, left to right."""
        cols = len(self.xs) - 1
        by_row: dict[int, list[tuple[int, str]]] = {}
        for root, pieces in cells.items():
            text = cell_text(pieces)
            if text:
                by_row.setdefault(root // cols, []).append((root % cols, text))
        return [CELL_SEPARATOR.join(text for _, text in sorted(by_row[j])) for j in sorted(by_row)]


def cell_text(pieces: list[Piece]) -> str:
    """A cell's pieces, in the order drawn, as one line: wrapped lines joined, letter spacing between
    Chinese characters dropped."""
    out = ""
    last: Piece | None = None
    for piece in pieces:
        text = piece.text.replace("\n", " ")
        if not text.strip():
            continue
        if last is not None and abs(piece.y - last.y) > 0.5 * min(piece.height, last.height):
            # A new line of the cell: what it breaks is rejoined (Chinese text and numbers wrap anywhere);
            # two Latin words keep a space.
            out = out.rstrip()
            text = text.lstrip()
            if out and _LETTER.match(out[-1]) and _LETTER.match(text[:1]):
                out += " "
        out += text
        last = piece
    return re.sub(r"\s+", " ", _HAN_SPACE.sub("", out)).strip()


def _components(segments: list[Segment]) -> list[list[Segment]]:
    """Groups of rules that touch one another (each group one table or box)."""
    parent = list(range(len(segments)))

    def find(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    boxes = [(min(s.x0, s.x1) - _TOL, min(s.y0, s.y1) - _TOL, max(s.x0, s.x1) + _TOL, max(s.y0, s.y1) + _TOL)
             for s in segments]
    for a in range(len(segments)):
        ax0, ay0, ax1, ay1 = boxes[a]
        for b in range(a + 1, len(segments)):
            bx0, by0, bx1, by1 = boxes[b]
            if ax0 <= bx1 and bx0 <= ax1 and ay0 <= by1 and by0 <= ay1:
                ra, rb = find(a), find(b)
                if ra != rb:
                    parent[ra] = rb
    groups: dict[int, list[Segment]] = {}
    for k, seg in enumerate(segments):
        groups.setdefault(find(k), []).append(seg)
    return list(groups.values())


def page_text(recorder: PageRecorder, extracted: str, box: tuple[float, float, float, float]) -> str:
    """The page's text with each ruled table rewritten as rows; `extracted` is pypdf's text for the page,
    which is the concatenation of the recorded pieces, and `box` the page's (x0, y0, x1, y1).

    When a position falls off the page, the positions pypdf reports for this page are not in one
    coordinate space (it happens with nested transformations) and the rules cannot be used; a page without
    usable rules has its numbered tables' rows put together from the text's own alignment
    (ingest/pdf_rows.py).
    """
    from ingest.pdf_rows import unruled_rows   # pdf_rows reads this module's records
    if not 6 <= len(recorder.segments) <= _MAX_RULES or "".join(p.text for p in recorder.pieces) != extracted:
        return unruled_rows(recorder.pieces, extracted)
    if not (all(_on_page(box, s.x0, s.y0) and _on_page(box, s.x1, s.y1) for s in recorder.segments)
            and all(_on_page(box, p.x, p.y) for p in recorder.pieces if p.text.strip())):
        return unruled_rows(recorder.pieces, extracted)
    grids = [g for g in map(_Grid, _components(recorder.segments)) if g.is_table]
    if not grids:
        return unruled_rows(recorder.pieces, extracted)
    owner: list[tuple[int, int] | None] = []
    for piece in recorder.pieces:
        found = None
        if piece.text.strip():
            px, py = piece.x + 0.3 * piece.height, piece.y + 0.3 * piece.height
            for g, grid in enumerate(grids):
                cell = grid.cell_at(px, py)
                if cell is not None:
                    found = (g, cell)
                    break
        owner.append(found)
    tables: dict[int, dict[int, list[Piece]]] = {}
    for piece, own in zip(recorder.pieces, owner):
        if own is not None:
            tables.setdefault(own[0], {}).setdefault(own[1], []).append(piece)
    if not tables:
        return extracted
    # Write the page again: outside text as pypdf gave it, each table's rows where its first piece was.
    last_table = {g: max(k for k, own in enumerate(owner) if own is not None and own[0] == g) for g in tables}
    first_table = {g: min(k for k, own in enumerate(owner) if own is not None and own[0] == g) for g in tables}
    out: list[str] = []
    inside: int | None = None
    after_table = False
    for k, (piece, own) in enumerate(zip(recorder.pieces, owner)):
        if own is not None:
            g = own[0]
            if k == first_table[g]:
                if not "".join(out).strip():
                    out.clear()
                _break(out)
                out.append("\n".join(grids[g].rows(tables[g])) + "\n")
            inside = g if k < last_table[g] else None
            after_table = True
            continue
        if (inside is not None or after_table) and not piece.text.strip():
            # The line breaks pypdf put between and after a table's fragments; text drawn amid the
            # table (a page number) keeps its own line.
            if inside is not None and "\n" in piece.text and out and not out[-1].endswith("\n"):
                out.append("\n")
            continue
        out.append(piece.text.lstrip() if after_table else piece.text)
        after_table = False
    return "".join(out).rstrip("\n") if after_table else "".join(out)


def _on_page(box: tuple[float, float, float, float], x: float, y: float) -> bool:
    x0, y0, x1, y1 = box
    return x0 - _TOL <= x <= x1 + _TOL and y0 - _TOL <= y <= y1 + _TOL


def _break(out: list[str]) -> None:
    if out and not out[-1].endswith("\n"):
        out.append("\n")
