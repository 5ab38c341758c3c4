"""Titles of official documents: the shape of a title line, letter-spaced print, and noise before a title.

Shared by the cleaner (a page headline is kept when it reads as a title), metadata (the document's title)
and parts (the titles of attached documents).
"""
from __future__ import annotations

import functools
import re
from importlib.resources import files

_SENTENCE = re.compile(r"[。！？]")
_CJK = r"\u3000-\u303f\u3400-\u9fff\uff00-\uffef“”‘’《》「」"
_SPACED_PAIR = re.compile(rf"[{_CJK}][ \u3000\xa0]+(?=[{_CJK}])")
_ADJACENT_PAIR = re.compile(rf"[{_CJK}](?=[{_CJK}])")
_SPACE_BETWEEN_CJK = re.compile(rf"(?<=[{_CJK}])[ \u3000\xa0]+(?=[{_CJK}])")
# What sites and databases print in front of a title on the same line: citation codes (【法宝引证码】…),
# source links, addresses, breadcrumbs ("首页 > 政策 > …"), newspaper page lines (《X日报》（…第01版）).
_LEAD_NOISE = re.compile(
    r"^(?:\s*(?:【[^】]{1,12}】\s*[^\s【]*"
    r"|(?:原文链接|原文地址|链接地址|链接|网址|来源|出处|转自)\s*[:：]\s*\S+"
    r"|https?://\S+|www\.\S+"
    r"|[^\s>＞»›。，]{1,12}\s*[>＞»›]"
    r"|《[^》]{2,12}(?:报|刊)》\s*[（(][^）)]{0,30}[）)]"
    # A portal's attribute fields and time stamps run into the title ("索引号：… 发布机构：… X关于…").
    r"|(?:索\s*引\s*号|发布机构|发文机关|发布时间|发布日期|成文日期|更新时间|主题分类|发文字号|文\s*号)\s*[:：]\s*\S+"
    r"|[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}|[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?"
    # A gazette's issue line ("某某省人民政府公报 2023年第5期（总第120期）").
    r"|[^\s。，]{2,20}(?:公报|政报)\s*[0-9０-９]{4}\s*年?\s*第\s*[0-9０-９]{1,3}\s*[期号]\s*(?:[（(]总第\s*[0-9０-９]+\s*[期号][）)])?"
    r"))+\s*")
MAX_TITLE_CHARS = 100


def _lines(name: str) -> tuple[str, ...]:
    resource = files("ingest") / "data" / name
    return tuple(w.strip() for w in resource.read_text(encoding="utf-8").splitlines()
                 if w.strip() and not w.startswith("#"))


@functools.lru_cache(maxsize=1)
def genres() -> tuple[str, ...]:
    """Document-type words that end a title (ingest/data/genres.txt)."""
    return _lines("genres.txt")


@functools.lru_cache(maxsize=1)
def _genre_end() -> re.Pattern[str]:
    words = sorted(genres(), key=len, reverse=True)
    return re.compile(rf"({'|'.join(map(re.escape, words))})(（[^）]*）|\([^)]*\))?$")


@functools.lru_cache(maxsize=1)
def agency_suffixes() -> tuple[str, ...]:
    """Endings of agency names (ingest/data/agency_suffixes.txt)."""
    return _lines("agency_suffixes.txt")


@functools.lru_cache(maxsize=1)
def speaker_roles() -> tuple[str, ...]:
    """Offices whose holder delivers a report (ingest/data/speaker_roles.txt), longest first."""
    return tuple(sorted(_lines("speaker_roles.txt"), key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def salutations() -> tuple[str, ...]:
    """Endings of a speech's salutation ("各位代表"), never addressees (ingest/data/salutations.txt)."""
    return _lines("salutations.txt")


def letter_spaced(text: str) -> bool:
    """True for print that puts a space between every character ("国 务 院 关 于")."""
    if " " not in text and "\u3000" not in text and "\xa0" not in text:
        return False
    spaced = len(_SPACED_PAIR.findall(text))
    adjacent = len(_ADJACENT_PAIR.findall(text))
    return spaced >= 2 and adjacent <= spaced // 20


def unspaced(text: str) -> str:
    """Letter-spaced text without its spaces; other text unchanged ("中共中央 国务院" keeps its space)."""
    return _SPACE_BETWEEN_CJK.sub("", text) if letter_spaced(text) else text


def lead_noise(line: str) -> int:
    """Length of the citation codes, links and breadcrumbs that open `line` before its real text."""
    match = _LEAD_NOISE.match(line)
    return match.end() if match else 0


def is_title_line(line: str) -> bool:
    """A line shaped like an official title: ends in a document-type word, no sentence inside."""
    line = unspaced(line[lead_noise(line):].strip())
    return (bool(line) and bool(_genre_end().search(line)) and not _SENTENCE.search(line)
            and len(line) <= MAX_TITLE_CHARS)


def ends_like_title(text: str) -> bool:
    return bool(_genre_end().search(unspaced(text)))
