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
    """Targets read from the indicator tables of `text`."""
    out: list[TableTarget] = []
    lines = _lines(text)
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
            if _NUMBERED.match(line) and not _ROW.match(line) and i + 1 < len(lines):
                # A wrapped indicator name: the row goes on in the next line.
                nxt = lines[i + 1]
                if _ROW.match("1." + nxt[2]) and not _NUMBERED.match(nxt[2]):
                    joined = line.strip() + nxt[2].strip()
                    out += _rows(text, start, nxt[1], joined, columns, col, target_year, growth, labels)
                    i += 2
                    gap = 0
                    continue
            if _ROW.match(line):
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
    return [t for t in tokens if not re.fullmatch(r"[（(][^()（）]*[)）]", t)]


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
        m = _YEAR_COLUMN.fullmatch(token)
        columns.append(int(m.group(1)) if m else None)
    return columns if sum(c is not None for c in columns) >= 1 and len(columns) >= 2 else None


def _row(text: str, start: int, end: int, line: str, columns: list[int | None], col: int,
         year: int, suffix: str = "", unit: str | None = None) -> TableTarget | None:
    m = _ROW.match(line)
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
