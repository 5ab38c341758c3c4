"""Tables of government web pages, before and after trafilatura extracts the main text.

trafilatura (`include_tables=True`) keeps a data table as rows of cells ("| 1 | 项目 | 单位 |"), but:
- many government sites lay the whole page out in tables; trafilatura then takes the article for one
  table cell (its paragraphs glued into one line), keeps the menus and footers laid out beside it, and
  moves a data table nested inside it after the text;
- a cell that spans rows (rowspan) is printed in its first row only, so the rows below lose it.

`prepare` fixes the tree before extraction: layout tables (a table holding another table, or with no row
of two filled cells) become plain blocks, and row-spanning cells are repeated in every row they span.
When the page has no container trafilatura recognises as the article (its BODY_XPATH), the smallest
unwrapped cell holding most of the page's sentences becomes an <article>: without one, trafilatura
falls back to taking every block of the page, menus included, and prints a table one cell per line.
`tidy_rows` then writes trafilatura's rows as "cell | cell | cell" — one line per row, so that a row
stays one unit for the sentence splitter — drops the markdown rule lines (|---|) and empty cells; the
caption comes out as a row of its own.
"""
from __future__ import annotations

import copy
import re

CELL_SEPARATOR = " | "
_ROW = re.compile(r"^\|(?P<cells>.*)\|\s*$")
_RULE = re.compile(r"^\|(?:\s*:?-+:?\s*\|)+\s*$")
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")
_STRUCTURE = ("thead", "tbody", "tfoot")
_SENTENCE = re.compile(r"[^。！？；\n]{4,}[。！？；]")   # running text, not labels and links
_ARTICLE_SHARE = 0.6


def prepare(html: str):
    """The page as an lxml tree with layout tables unwrapped and row spans repeated (None: unparsable)."""
    import lxml.html
    from lxml import etree

    try:
        tree = lxml.html.fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    unwrapped: list = []
    # Outer tables first (document order); whether a table lays out the page depends only on what it holds.
    for table in list(tree.iter("table")):
        if _is_layout(table):
            unwrapped += _unwrap(table)
    if unwrapped:
        _mark_article(tree, unwrapped)
    for table in tree.iter("table"):
        _repeat_row_spans(table)
    return tree


def _rows(table) -> list:
    return [row for row in table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")]


def _cells(row) -> list:
    return [cell for cell in row if cell.tag in ("td", "th")]


def _is_layout(table) -> bool:
    if table.xpath(".//table"):
        return True
    filled = (sum(1 for cell in _cells(row) if cell.text_content().strip()) for row in _rows(table))
    return max(filled, default=0) <= 1


def _unwrap(table) -> list:
    """Turn a layout table's own rows and cells into blocks (nested tables are left as they are);
    returns the former cells."""
    cells = []
    for row in _rows(table):
        for cell in _cells(row):
            cells.append(cell)
            cell.tag = "div"
            for name in ("rowspan", "colspan"):
                cell.attrib.pop(name, None)
        row.tag = "div"
    for part in table:
        if part.tag in _STRUCTURE:
            part.tag = "div"
    table.tag = "div"
    return cells


def _sentence_chars(element) -> int:
    return sum(len(m.group()) for m in _SENTENCE.finditer(element.text_content()))


def _mark_article(tree, cells: list) -> None:
    from trafilatura.xpaths import BODY_XPATH

    if any(xpath(tree) for xpath in BODY_XPATH):
        return
    body = tree.find("body")
    total = _sentence_chars(body if body is not None else tree)
    if not total:
        return
    holding = [cell for cell in cells if _sentence_chars(cell) >= _ARTICLE_SHARE * total]
    if holding:
        min(holding, key=lambda cell: len(cell.text_content())).tag = "article"


def _span(cell, name: str) -> int:
    try:
        return max(1, min(int(cell.get(name, "1")), 100))
    except ValueError:
        return 1


def _repeat_row_spans(table) -> None:
    """A cell spanning n rows is repeated in each of them, at its column, so each row reads whole."""
    pending: dict[int, tuple[int, object]] = {}     # column → (rows still to fill, cell)
    for row in _rows(table):
        cells = _cells(row)
        if not pending and not any(_span(c, "rowspan") > 1 for c in cells):
            continue
        out = []
        column = 0
        queue = list(cells)
        while queue or any(c >= column for c in pending):
            if column in pending:
                left, cell = pending.pop(column)
                repeat = copy.deepcopy(cell)
                repeat.tail = None
                out.append(repeat)
                if left > 1:
                    pending[column] = (left - 1, cell)
                column += _span(cell, "colspan")
                continue
            if not queue:
                column = min(c for c in pending if c >= column)
                continue
            cell = queue.pop(0)
            rows = _span(cell, "rowspan")
            if rows > 1:
                cell.set("rowspan", "1")
                pending[column] = (rows - 1, cell)
            out.append(cell)
            column += _span(cell, "colspan")
        for cell in cells:
            row.remove(cell)
        for cell in out:
            row.append(cell)


def tidy_rows(text: str) -> str:
    """trafilatura's table rows ("| a | b |") as "a | b", its rule lines and empty cells dropped."""
    if "|" not in text:
        return text
    out = []
    for line in text.split("\n"):
        match = _ROW.match(line)
        if match is None:
            out.append(line)
            continue
        if _RULE.match(line):
            continue
        cells = [cell.strip().replace("\\|", "|") for cell in _UNESCAPED_PIPE.split(match.group("cells"))]
        cells = [cell for cell in cells if cell]
        if cells:
            out.append(CELL_SEPARATOR.join(cells))
    return "\n".join(out)
