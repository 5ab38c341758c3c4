"""Heading markers of Chinese official documents (第X章, 一、, （一）, 1., （1）…), shared by every floor.

One definition for ingest's outline, graph's heading-based readers and search's section matching.
"""
from __future__ import annotations

import re

CN_NUMERALS = "一二三四五六七八九十百零〇两"
DIGITS = "0-9０-９"
# Marker kinds, tried in order; each regex matches the marker at the start of a trimmed line.
MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("bian", re.compile(rf"^第\s*[{CN_NUMERALS}{DIGITS}]+\s*(编|篇|部分)")),   # part level: 编, 篇 (规划纲要), 部分
    ("zhang", re.compile(rf"^第\s*[{CN_NUMERALS}{DIGITS}]+\s*章")),
    ("jie", re.compile(rf"^第\s*[{CN_NUMERALS}{DIGITS}]+\s*节")),
    ("tiao", re.compile(rf"^第\s*[{CN_NUMERALS}{DIGITS}]+\s*条")),
    ("cn_num", re.compile(rf"^[{CN_NUMERALS}](?:[ \u3000]?[{CN_NUMERALS}])*\s*(、|[.．](?![{DIGITS}]))")),
    ("paren_cn", re.compile(rf"^[（(]\s*[{CN_NUMERALS}](?:[ \u3000]?[{CN_NUMERALS}])*\s*[)）]")),
    ("arabic", re.compile(rf"^[{DIGITS}]{{1,2}}\s*[.．、](?![{DIGITS}])")),
    ("paren_arabic", re.compile(rf"^[（(]\s*[{DIGITS}]{{1,2}}\s*[)）]")),
)
# Any marker with the space after it, for stripping a heading down to its words.
_ANY = re.compile("|".join(f"(?:{p.pattern[1:]})" for _, p in MARKERS))
_LEADING = re.compile(rf"^\s*(?:{_ANY.pattern})\s*")


_OPENERS = frozenset("第（(" + CN_NUMERALS + "0123456789０１２３４５６７８９")


def marker(line: str) -> tuple[str, int] | None:
    """(kind, end of the marker) when `line` (trimmed) opens with a heading marker."""
    if not line or line[0] not in _OPENERS:
        return None
    for kind, pattern in MARKERS:
        match = pattern.match(line)
        if match:
            return kind, match.end()
    return None


def strip_marker(heading: str) -> str:
    """The heading's words without its marker: "（三）发展目标。" → "发展目标。"."""
    return _LEADING.sub("", heading, count=1).strip()
