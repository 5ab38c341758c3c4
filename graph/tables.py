"""Targets in a plan's indicator table (主要指标: 指标 | 2015年 | 2020年 | 年均增速), one per row.

A five-year plan prints its targets as a table whose header names the base year and the target year; the
text layer gives one row per line (a long indicator name may wrap onto the next line):
    指　标 2015年 2020年 年均增速 （%）
    2.信息产业收入规模（万亿元） 17.1 26.2 8.9
The target is the value in the column of the latest year at or after the document's year; a table whose
years all lie before it reviews the past and gives no targets.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from graph.goals import parse_value
from graph.records import Target

_YEAR_COLUMN = re.compile(r"((?:19|20)[0-9]{2})年")
_HEADER = re.compile(r"^\s*指\s*标")
# A cell: a value (a range 2.5-2.8 too), a five-year total 〔…〕 or a dash (no value).
_CELL = r"(?:[>≥<≤＞＜]?[0-9][0-9.]*(?:[-—–~～][0-9][0-9.]*)?|〔[^〕]*〕|[—–-]+)"
_ROW = re.compile(rf"^\s*[0-9]{{1,2}}\s*[.．、]\s*(?P<name>\S.*?)\s+(?P<values>{_CELL}(?:\s+{_CELL})*)\s*$")
# A row without its number (数字经济核心产业增加值占GDP比重（%） 7.8 10 预期性), read only below a header.
_PLAIN_ROW = re.compile(rf"^\s*(?P<name>[^\d\s|].*?)\s+(?P<values>{_CELL}(?:\s+{_CELL})*)\s*$")
# The indicator's kind in a last column (属性: 预期性 / 约束性): no value.
_ATTRIBUTE = re.compile(r"\s+(?:预期性|约束性|预期|约束)\s*$")
_ATTRIBUTE_LABEL = re.compile(r"(?:指标)?属\s*性|类\s*型")


def _match_row(line: str) -> re.Match | None:
    line = _ATTRIBUTE.sub("", line)
    return _ROW.match(line) or _PLAIN_ROW.match(line)
_NUMBERED = re.compile(r"^\s*[0-9]{1,2}\s*[.．、]\s*\S")
_UNIT = re.compile(r"[（(]([^()（）]{1,8})[)）]\s*$")
_VALUE_TOKEN = re.compile(r"(?P<cmp>[>≥<≤＞＜])?(?P<num>[0-9][0-9.]*(?:[-—–~～][0-9][0-9.]*)?)")
_CMP = {">": ">", "＞": ">", "≥": "≥", "<": "<", "＜": "<", "≤": "≤"}
_MAX_GAP = 3   # lines without a row (group labels such as 总体发展水平) before the table is over


@dataclass(frozen=True)
class TableTarget:
    start: int            # offsets of the row in the text
    end: int
    metric: str
    target: Target
    year: int


def find_table_targets(text: str, doc_year: int | None) -> list[TableTarget]:
    """Targets read from the indicator tables of `text`: printed in columns (a PDF's text layer) or with
    their cells delimited (web pages' "a | b | c", PDF grid tables' tabs)."""
    out: list[TableTarget] = []
    lines = _lines(text)
    out += _delimited_targets(lines, doc_year)
    i = 0
    while i < len(lines):
        start, end, line = lines[i]
        columns = _header_columns(line) if _HEADER.match(line) else None
        if not columns:
            i += 1
            continue
        years = [y for y in columns if y is not None]
        target_year = max(years)
        if doc_year is not None and target_year < doc_year:
            i += 1
            continue   # a table of results (规划目标 / 实现情况) looks back
        col = columns.index(target_year)
        labels = _header_labels(line)
        growth = next((k for k, label in enumerate(labels) if columns[k] is None and "增" in label), None)
        i += 1
        gap = 0
        while i < len(lines) and gap <= _MAX_GAP:
            start, end, line = lines[i]
            if _HEADER.match(line):
                break
            if _NUMBERED.match(line) and not _match_row(line) and i + 1 < len(lines):
                # A wrapped indicator name: the row goes on in the next line.
                nxt = lines[i + 1]
                if _ROW.match(_ATTRIBUTE.sub("", "1." + nxt[2])) and not _NUMBERED.match(nxt[2]):
                    joined = line.strip() + nxt[2].strip()
                    out += _rows(text, start, nxt[1], joined, columns, col, target_year, growth, labels)
                    i += 2
                    gap = 0
                    continue
            if _match_row(line):
                out += _rows(text, start, end, line, columns, col, target_year, growth, labels)
                gap = 0
            else:
                gap += 1
            i += 1
    return out


def _lines(text: str) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for line in text.split("\n"):
        out.append((pos, pos + len(line), line))
        pos += len(line) + 1
    return out


def _header_labels(line: str) -> list[str]:
    """The header's column labels (2015年, 2020年, 年均增速), units in brackets left out."""
    tokens = [t for t in re.split(r"\s+", _HEADER.sub("", line).strip()) if t]
    return [t for t in tokens if not re.fullmatch(r"[（(][^()（）]*[)）]", t) and not _ATTRIBUTE_LABEL.fullmatch(t)]


def _rows(text: str, start: int, end: int, line: str, columns: list[int | None], col: int, year: int,
          growth: int | None, labels: list[str]) -> list[TableTarget]:
    """The row's target and, with a growth column (年均增速), the growth the plan sets for it."""
    out = [row for row in (_row(text, start, end, line, columns, col, year),) if row]
    if growth is not None:
        row = _row(text, start, end, line, columns, growth, year, suffix=labels[growth], unit="%")
        if row:
            out.append(row)
    return out


def _header_columns(line: str) -> list[int | None] | None:
    """The year of each value column of a header line (None for a growth-rate column), or None."""
    body = _HEADER.sub("", line)
    tokens = [t for t in re.split(r"\s+", body.strip()) if t]
    columns: list[int | None] = []
    for token in tokens:
        if re.fullmatch(r"[（(][^()（）]*[)）]", token):
            continue   # the unit of the column before: 年均增速 （%）
        if _ATTRIBUTE_LABEL.fullmatch(token):
            continue   # 属性: the indicator's kind, no value
        m = _YEAR_COLUMN.fullmatch(token)
        columns.append(int(m.group(1)) if m else None)
    return columns if sum(c is not None for c in columns) >= 1 and len(columns) >= 2 else None


def _row(text: str, start: int, end: int, line: str, columns: list[int | None], col: int,
         year: int, suffix: str = "", unit: str | None = None) -> TableTarget | None:
    m = _match_row(line)
    if not m:
        return None
    values = m.group("values").split()
    if len(values) != len(columns):
        return None
    value = _VALUE_TOKEN.fullmatch(values[col])
    if not value:
        return None   # — (no target) or 〔…〕 (a five-year total)
    name = m.group("name").strip()
    unit_m = _UNIT.search(name)
    metric = (name[: unit_m.start()].strip() if unit_m else name) + suffix
    if unit is None:
        unit = unit_m.group(1) if unit_m else ""
    parsed = parse_value(value.group("num") + (unit if unit in ("%",) or re.fullmatch(r"(?:万亿|亿|万|千)?[^\d]*", unit)
                                               else ""))
    if parsed is None:
        parsed = parse_value(value.group("num"))
    if parsed is None:
        return None
    comparator = _CMP.get(value.group("cmp") or "", "=")
    target = Target(metric=metric, value=parsed.value, unit=parsed.unit or (unit or None), comparator=comparator,
                    value_text=values[col] + (unit if unit and unit not in values[col] else ""),
                    value_high=parsed.value_high)
    return TableTarget(start, end, metric, target, year)


# -- tables whose cells are delimited ---------------------------------------------------------------------
# ingest writes a web page's table row as "cell | cell | cell" (ingest/html_tables.py) and a PDF grid table's
# row with tabs between its cells (ingest/pdf_tables.py); the header names the columns:
#     序号 | 指标 | 单位 | 2020年 | 2025年 | 属性
#     1 | 家庭医生签约覆盖率 | % | 35 | 60 | 预期性
_SEPARATOR = re.compile(r"\s*\|\s*|\t+")
_NAME_LABEL = re.compile(r"^(?:主要)?(?:指\s*标|项\s*目)(?:名称|内容)?$")
_UNIT_LABEL = re.compile(r"^(?:计量)?单\s*位$")
_YEAR_LABEL = re.compile(r"^((?:19|20)[0-9]{2})\s*年(?:底|末)?(?:目标值?|预期值?|规划值?|目标)?(?:[（(][^()（）]{1,8}[)）])?$")
_GOAL_LABEL = re.compile(r"^(?:目标值?|预期目标|目标任务|规划目标)(?:[（(][^()（）]{1,8}[)）])?$")
_CELL_VALUE = re.compile(r"^(?P<cmp>[>≥<≤＞＜]|不低于|不少于|不超过|不高于)?\s*(?P<value>[0-9][0-9.]*(?:\s*[-—–~～]\s*[0-9][0-9.]*)?"
                         r"\s*(?:万亿|亿|万|千)?[^0-9\s]{0,4})$")
_CELL_CMP = {**_CMP, "不低于": "≥", "不少于": "≥", "不超过": "≤", "不高于": "≤"}


def _cells(line: str) -> list[str] | None:
    """The cells of a delimited row (None when the line has no delimiter)."""
    if "|" not in line and "\t" not in line:
        return None
    cells = [c.strip() for c in _SEPARATOR.split(line.strip().strip("|"))]
    return [c for c in cells if c] or None


def _delimited_header(cells: list[str], doc_year: int | None) -> tuple[int, int | None, int, int | None] | None:
    """(name column, unit column, target column, target year) of a header row, or None: the target column is
    the latest year at or after the document's year, else a 目标值 column (its year unstated)."""
    names = [k for k, c in enumerate(cells) if _NAME_LABEL.match(c.replace("　", ""))]
    if not names or len(cells) < 2:
        return None
    years = [(int(m.group(1)), k) for k, c in enumerate(cells) if (m := _YEAR_LABEL.match(c.replace("　", "")))]
    unit = next((k for k, c in enumerate(cells) if _UNIT_LABEL.match(c.replace("　", ""))), None)
    if years:
        year, col = max(years)
        if doc_year is not None and year < doc_year:
            return None   # a table of results looks back
        return names[0], unit, col, year
    goal = next((k for k, c in enumerate(cells) if _GOAL_LABEL.match(c.replace("　", ""))), None)
    return (names[0], unit, goal, None) if goal is not None else None


def _delimited_targets(lines: list[tuple[int, int, str]], doc_year: int | None) -> list[TableTarget]:
    out: list[TableTarget] = []
    header = None
    width = 0
    for start, end, line in lines:
        cells = _cells(line)
        if cells is None:
            header = None   # the table is over
            continue
        found = _delimited_header(cells, doc_year)
        if found:
            header, width = found, len(cells)
            continue
        if header is None or len(cells) != width:
            continue   # a group label (| 总体发展水平 |) or a row of another shape
        name_col, unit_col, col, year = header
        row = _delimited_row(start, end, cells, name_col, unit_col, col, year)
        if row:
            out.append(row)
    return out


def _delimited_row(start: int, end: int, cells: list[str], name_col: int, unit_col: int | None, col: int,
                   year: int | None) -> TableTarget | None:
    cell = cells[col].replace("％", "%")
    m = _CELL_VALUE.match(cell)
    name = re.sub(r"^[0-9]{1,2}\s*[.．、]\s*", "", cells[name_col]).strip()
    if not m or len(name) < 2:
        return None
    unit_m = _UNIT.search(name)
    unit = cells[unit_col] if unit_col is not None else (unit_m.group(1) if unit_m else "")
    metric = name[: unit_m.start()].strip() if unit_m else name
    value = m.group("value").replace(" ", "")
    parsed = None
    if unit and not re.search(r"[^0-9.\-—–~～]", value) and (unit == "%" or re.fullmatch(r"(?:万亿|亿|万|千)?[^\d/]*", unit)):
        parsed = parse_value(value + unit)
    parsed = parsed or parse_value(value) or parse_value(re.match(r"[0-9.]+", value).group(0))
    if parsed is None:
        return None
    comparator = _CELL_CMP.get(m.group("cmp") or "", parsed.comparator or "=")
    shown = value + (unit if unit and unit not in value else "")
    target = Target(metric=metric, value=parsed.value, unit=parsed.unit or (unit or None), comparator=comparator,
                    value_text=shown, value_high=parsed.value_high)
    return TableTarget(start, end, metric, target, year)
