"""Find place mentions in text: names, short names, 我省-style references and 中老泰-style country chains."""
from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass

from graph.gazetteer import FULL, LEVEL_RANK, SHORT, Gazetteer
from graph.records import Place, PlaceMention

# 我省 / 全县 / 本市 … refer to the issuer's own jurisdiction; the level character says which ancestor.
_HOME_WORD = re.compile(r"[我全本]([省市州县区])")
_START_CHARS = frozenset("我全本中")   # what home words and country chains begin with
_HOME_LEVELS = {"省": ("province",), "市": ("prefecture", "province"), "州": ("prefecture",),
                "县": ("county",), "区": ("county", "province")}

# A name followed by one of these is a river, lake or mountain of that name (瑞丽江, 红河河谷, 怒江流域).
# 海 is left out: 昆明海关, 上海海事 are organs of the city, not a sea.
_FEATURE_CHARS = frozenset("江河湖山岭峰溪川峡湾洋岛泉池")
_FEATURE_WORDS = ("流域", "河谷", "干流", "支流", "水系", "河段", "江段", "峡谷", "上游", "中游", "下游", "沿岸",
                  "海峡", "海域", "中下", "中上", "航道")   # 中下(游), 中上(游): 怒江中下游航道
_RIVER_END = frozenset("江河")

# Separators between the items of an enumeration (保山、大理、德宏) and of an apposition (元江(红河)).
_LIST_SEPARATORS = frozenset("、，,；;：:（）()和与及—-－至")
_LIST_JOINERS = frozenset(["、", "—", "——", "-", "－", "－－", "--", "和", "及", "与", "(", "（", "）、", ")、"])

# jieba part-of-speech tags of names; a short name jieba tags otherwise (通道 v, 富民 n …) is a word first.
_NAME_TAGS = frozenset({"ns", "nr", "nrt", "nrfg", "nz", "nt"})
# A county's short name at least this frequent in jieba's dictionary is mostly an ordinary word
# (古城, 河口, 安宁, 富民 …): county names are rare in general text. Prefecture names are frequent as
# names (深圳 2801), so for them only a non-name part of speech counts (开封 v, 保定 v, 大同 d).
_COMMON_COUNTY_FREQ = 100
# Before a disaster word a county name is taken unless jieba knows it this often as a word (新建 1000 in
# 新建地震台网); the counties disasters are named after are rarer (汶川 275, 舟曲 261).
_EVENT_NAME_FREQ = 500
_COMMON_NONNAME_FREQ = 50
# A country chain (中老, 中缅) that jieba knows this often as a word is that word (中文, 中亚, 中东).
_CHAIN_WORD_FREQ = 50
_CHINA = "country:CN"
# Characters this frequent alone are function words first (以, 也, 不), never country abbreviations.
_FUNCTION_CHAR_FREQ = 100_000


@dataclass(frozen=True)
class _Lexicon:
    words: dict[str, tuple[int, str]]    # word → (frequency, part of speech) from jieba's dictionary


@functools.lru_cache(maxsize=1)
def _lexicon() -> _Lexicon:
    from ingest.segment import base_lexicon

    # Read from a cache: parsing jieba's dict.txt took a second per process.
    return _Lexicon(base_lexicon())


def _tokenizer():
    from ingest.segment import base_tokenizer

    # jieba's default dictionary, loaded once per process and shared with project extraction.
    return base_tokenizer()


class _Words:
    """jieba's segmentation of a text (dictionary only, no HMM guessing), computed block by block on demand.

    jieba cuts each run of Han characters (and letters, digits) on its own, and every other character is a
    word of its own; so a run is segmented only when a question falls inside it, with the same result as
    segmenting the whole text (most runs of a sentence hold no place name and are never segmented)."""

    def __init__(self, text: str, gazetteer: Gazetteer):
        import jieba

        self._text = text
        self._gazetteer = gazetteer
        self._runs = [(m.start(), m.end()) for m in jieba.re_han_default.finditer(text)]
        self._starts = [a for a, _ in self._runs]

    def _run(self, position: int) -> tuple[int, frozenset[int], tuple[tuple[int, int], ...]] | None:
        k = bisect.bisect_right(self._starts, position) - 1
        if k < 0:
            return None
        a, b = self._runs[k]
        if not a < position < b:
            return None
        bounds, organisations = _run_words(self._text[a:b], self._gazetteer)
        return a, bounds, organisations

    @property
    def text(self) -> str:
        return self._text

    def has(self, position: int) -> bool:
        """Whether a word boundary lies at `position`."""
        run = self._run(position)
        return run is None or position - run[0] in run[1]

    def in_organisation(self, start: int, end: int) -> bool:
        """Whether text[start:end] lies inside an organisation's name (中共云南省委, jieba nt)."""
        run = self._run(start)
        return run is not None and any(run[0] + s <= start and end <= run[0] + e for s, e in run[2])


@functools.lru_cache(maxsize=16384)
def _run_words(run: str, gazetteer: Gazetteer) -> tuple[frozenset[int], tuple[tuple[int, int], ...]]:
    """Word boundaries and organisation spans of one run of Han characters, relative to it."""
    bounds = {0, len(run)}
    organisations = []
    words = _lexicon().words
    for word, start, end in _tokenizer().tokenize(run, HMM=False):
        bounds.update((start, end))
        if len(word) > 3 and words.get(word, (0, ""))[1] == "nt":
            organisations.append((start, end))
        # jieba knows some place pairs as one word (上海浦东); the seam between the two names is a boundary.
        for cut in range(2, len(word) - 1):
            if gazetteer.forms(word[:cut]) and gazetteer.forms(word[cut:]):
                bounds.add(start + cut)
    return frozenset(bounds), tuple(organisations)


def _segment(text: str, gazetteer: Gazetteer) -> _Words:
    return _Words(text, gazetteer)


def words_of(text: str) -> list[str]:
    """jieba's words of `text` (dictionary only), from the tokenizer place finding uses."""
    return _tokenizer().lcut(text, HMM=False)


def word_tags(word: str) -> str:
    """jieba's part of speech for a dictionary word ("" when jieba does not know it)."""
    return _lexicon().words.get(word, (0, ""))[1]


def is_common_word(surface: str, level: str) -> bool:
    """Whether a short place name is mostly an ordinary word, judged by jieba's dictionary."""
    freq, tag = _lexicon().words.get(surface, (0, ""))
    if tag not in _NAME_TAGS and tag != "n" and freq >= _COMMON_NONNAME_FREQ:
        return True
    return level == "county" and freq >= _COMMON_COUNTY_FREQ


@dataclass(frozen=True)
class _Scope:
    """The places a text is about: the home jurisdiction, context places and their provinces."""

    ids: frozenset[str]
    provinces: frozenset[str]

    @classmethod
    def build(cls, gazetteer: Gazetteer, home: str | None, context: Sequence[str]) -> _Scope:
        ids = {pid for pid in (home, *context) if pid and pid in gazetteer}
        provinces = {p.place_id for pid in ids if (p := gazetteer.province_of(pid))}
        return cls(frozenset(ids), frozenset(provinces))

    def closeness(self, gazetteer: Gazetteer, place_id: str) -> int:
        lineage = {place_id, *(a.place_id for a in gazetteer.ancestors(place_id))} if place_id.startswith(
            "adcode:") else {place_id}
        if lineage & self.ids:
            return 2
        return 1 if lineage & self.provinces else 0


@dataclass
class _Candidate:
    start: int
    end: int
    surface: str
    place_id: str
    weak: bool          # a common word: kept only inside an enumeration of places
    river_like: bool    # a short name that is also a river's name (ends with 江/河)
    remote: bool = False  # a county's short name from outside the text's scope: kept only in a list of places
    common: bool = False  # also an everyday word (富民, 城区): the NER's reading is not asked for


def find_places(text: str, gazetteer: Gazetteer, home: str | None = None,
                context: Sequence[str] = ()) -> list[PlaceMention]:
    """Place mentions in `text`, offsets relative to it, in order of appearance.

    `home` is the issuer's jurisdiction (我省, 全县 … resolve to it); `context` lists places the text is
    known to be about (a section's scope), which settle ambiguous names and admit county short names.
    """
    from graph.numerals import simplified

    written, text = text, simplified(text)   # 瀋陽, 蘭州 (the 1950s reports): the gazetteer is simplified
    home = home if home in gazetteer else None        # a region is no jurisdiction to resolve 我省 to
    scope = _Scope.build(gazetteer, home, context)
    segmented = _segment(text, gazetteer)
    found: list[_Candidate] = []
    position = 0
    # Only where a name, a home word (我省) or a country chain (中老) may begin is a match tried.
    heads = gazetteer.heads
    for start in [i for i, char in enumerate(text) if char in _START_CHARS or text[i:i + 2] in heads]:
        if start >= position:
            position = start + max(_match_at(text, start, gazetteer, scope, home, segmented, found), 1)
    kept = _resolve_lists(text, found, gazetteer)
    kept += _abbreviated(text, gazetteer, scope, segmented, kept)
    kept += _counted_countries(text, gazetteer, segmented, kept)
    kept.sort(key=lambda c: c.start)
    return [PlaceMention(c.place_id, written[c.start:c.end], c.start, c.end) for c in kept]


def _data_lines(name: str) -> list[list[str]]:
    from importlib.resources import files

    text = (files("graph") / "data" / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


@functools.lru_cache(maxsize=1)
def _province_abbreviations() -> dict[str, str]:
    return {row[0]: row[1] for row in _data_lines("province_abbreviations.txt")}


def province_abbreviations() -> dict[str, str]:
    """One-character abbreviation (简称) → the province's short name: 港 → 香港, 冀 → 河北."""
    return dict(_province_abbreviations())


@functools.lru_cache(maxsize=1)
def _event_words() -> tuple[str, ...]:
    return tuple(sorted((row[0] for row in _data_lines("place_event_words.txt")), key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _region_suffixes() -> tuple[str, ...]:
    return tuple(sorted((row[0] for row in _data_lines("region_suffixes.txt")), key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _link_words() -> tuple[str, ...]:
    return tuple(sorted((row[0] for row in _data_lines("link_words.txt")), key=len, reverse=True))


_INITIALS: dict[int, dict[str, tuple[str, ...]]] = {}
_RUNS: dict[int, re.Pattern] = {}


def _abbreviation_runs(gazetteer: Gazetteer) -> re.Pattern:
    """Two or more characters in a row that are abbreviations or initials (found in C, not char by char)."""
    key = id(gazetteer)
    if key not in _RUNS:
        chars = set(_province_abbreviations()) | set(_prefecture_initials(gazetteer))
        _RUNS.clear()
        _RUNS[key] = re.compile("[" + "".join(sorted(re.escape(c) for c in chars)) + "]{2,}")
    return _RUNS[key]


def _prefecture_initials(gazetteer: Gazetteer) -> dict[str, tuple[str, ...]]:
    """First character of each prefecture's short name → the prefectures (昆 → 昆明市)."""
    key = id(gazetteer)
    if key not in _INITIALS:
        out: dict[str, list[str]] = {}
        for place in gazetteer.places():
            if place.kind == "prefecture" and place.short_names:
                out.setdefault(place.short_names[0][0], []).append(place.place_id)
        _INITIALS.clear()
        _INITIALS[key] = {k: tuple(v) for k, v in out.items()}
    return _INITIALS[key]


def _province_by_abbreviation(gazetteer: Gazetteer, char: str) -> str | None:
    name = _province_abbreviations().get(char)
    if not name:
        return None
    ids = [f.place_id for f in gazetteer.forms(name) if gazetteer.get(f.place_id).kind == "province"]
    return ids[0] if len(ids) == 1 else None


# After an abbreviation a direction names part of it (滇西, 黔东南), never a prefecture's initial.
_DIRECTIONS = frozenset("东西南北中")


def _prefecture_by_initial(gazetteer: Gazetteer, char: str, scope: _Scope, with_province: bool) -> str | None:
    """The prefecture a one-character initial stands for: the one of the text's province, or, next to a
    province's abbreviation, the only one in China. Function characters (和, 大, 十) never are initials."""
    if char in _DIRECTIONS or _lexicon().words.get(char, (0, ""))[0] >= _INITIAL_CHAR_FREQ:
        return None
    options = _prefecture_initials(gazetteer).get(char, ())
    near = [pid for pid in options if scope.closeness(gazetteer, pid) > 0]
    if len(near) == 1:
        return near[0]
    return options[0] if with_province and len(options) == 1 and not near else None


# A character this frequent alone in jieba's dictionary is a word first (和, 大, 十, 资), not an initial.
_INITIAL_CHAR_FREQ = 50_000


def _abbreviated(text: str, gazetteer: Gazetteer, scope: _Scope, segmented: _Words,
                 kept: list[_Candidate]) -> list[_Candidate]:
    """Places written by abbreviation: run-ons of one-character abbreviations before a region word
    (京津冀, 成渝地区, 昆玉红旅游) and bracketed completions (昆(明)玉(溪)同城化, 麒(麟)沾(益))."""
    taken = [(c.start, c.end) for c in kept]
    out: list[_Candidate] = []

    def free(a: int, b: int) -> bool:
        return not any(x < b and a < y for x, y in taken)

    # Bracketed completions: two or more X(Y) in a row, each X+Y a place's short name.
    for m in re.finditer(r"(?:[\u4e00-\u9fff][(（][\u4e00-\u9fff]{1,2}[)）]){2,}", text):
        items = [(i.start(), i.end(), i.group(1) + i.group(2))
                 for i in re.finditer(r"([\u4e00-\u9fff])[(（]([\u4e00-\u9fff]{1,2})[)）]", m.group(0))]
        choices = []
        for a, b, name in items:
            options = [f.place_id for f in gazetteer.forms(name) if f.form == SHORT]
            choices.append([pid for pid in options if scope.closeness(gazetteer, pid) > 0] or options)
        resolved = _same_level(choices, gazetteer)
        if all(resolved) and free(m.start(), m.end()):
            for (a, b, name), pid in zip(items, resolved):
                out.append(_Candidate(m.start() + a, m.start() + b, text[m.start() + a:m.start() + b], pid, False, False))
    # Run-ons of one-character abbreviations.
    suffixes = _region_suffixes()
    abbreviations, initials = _province_abbreviations(), _prefecture_initials(gazetteer)
    runs = _abbreviation_runs(gazetteer)
    i = 0
    n = len(text)
    while i < n:
        run = runs.search(text, i)
        if run is None:
            break
        i = run.start()
        j = i
        chars: list[str] = []
        while j < n and text[j] not in chars and (text[j] in abbreviations or text[j] in initials):
            chars.append(text[j])
            j += 1
        if len(chars) < 2:
            i += 1
            continue
        # The longest run that ends before a region word (京津冀地区) or, for three or more, at a word end.
        provinces = [_province_by_abbreviation(gazetteer, text[k]) for k in range(i, j)]
        done = False
        for end in range(j, i + 1, -1):
            region_word = text.startswith(suffixes, end) or (
                text.startswith(_link_words(), end) and not gazetteer.forms(text[i:end]))
            run = provinces[: end - i]
            if not all(run):
                # A prefecture's initial counts only before a region word, next to a province's abbreviation
                # (成渝地区) or for a prefecture of the province the text is about (昆玉红旅游).
                if not region_word:
                    continue
                run = [pid or _prefecture_by_initial(gazetteer, text[i + k], scope, any(provinces[: end - i]))
                       for k, pid in enumerate(run)]
            elif not (region_word or (end - i >= 3 and segmented.has(end))):
                continue
            if segmented.has(i) and free(i, end) and all(run) and len(set(run)) == len(run):
                out.extend(_Candidate(i + k, i + k + 1, text[i + k], pid, False, False) for k, pid in enumerate(run))
                i, done = end, True
                break
        if not done:
            i += 1
    return out


def _same_level(choices: list[list[str]], gazetteer: Gazetteer) -> list[str | None]:
    """One place per bracketed item: the only option, or, when a prefecture and its own county-level city share
    the name (楚雄州, 楚雄市), the one at the level of the items that are certain (楚(雄)南(华): a county)."""
    sure = [gazetteer.get(c[0]).kind for c in choices if len(c) == 1]
    level = max(set(sure), key=sure.count) if sure else None
    out: list[str | None] = []
    for options in choices:
        if len(options) > 1 and level:
            options = [pid for pid in options if gazetteer.get(pid).kind == level]
        out.append(options[0] if len(options) == 1 else None)
    return out


def _match_at(text: str, i: int, gazetteer: Gazetteer, scope: _Scope, home: str | None,
              segmented: _Words, found: list[_Candidate]) -> int:
    """Record the mention starting at `i` (if any) and return how far to advance."""
    home_match = _HOME_WORD.match(text, i)
    if home_match and home and segmented.has(i) and segmented.has(home_match.end()):   # not 全区域
        target = _home_target(gazetteer, home, home_match.group(1))
        if target:
            found.append(_Candidate(i, home_match.end(), home_match.group(), target, False, False))
            return home_match.end() - i
    if text[i] == "中":
        chain = _country_chain(text, i, gazetteer, segmented)
        if chain:
            found.extend(chain)
            return chain[-1].end - i
    if not gazetteer.may_start(text[i:i + 2]):
        return 1
    for end in range(min(len(text), i + gazetteer.longest), i + 1, -1):
        surface = text[i:end]
        if not gazetteer.forms(surface):
            continue
        if _names_a_feature(text, i, end, gazetteer):
            return _skip_word(text, i, end)
        if not _on_word_boundaries(surface, i, end, gazetteer, segmented):
            continue
        # 北京朝阳区, 广东省的澄海、潮安: a name written right after an ancestor, or in the enumeration that
        # follows "<ancestor>的", is that ancestor's.
        nearby = frozenset(c.place_id for c in found if not c.weak and c.place_id.startswith("adcode:")
                           and gazetteer.get(c.place_id).kind in ("province", "prefecture"))
        under = bool(found) and found[-1].place_id in nearby and (
            found[-1].end == i or (text.startswith("的", found[-1].end) and found[-1].end + 1 == i))
        candidate = _choose(surface, i, end, gazetteer, scope, _heads(text, i, found), nearby, under)
        if candidate and candidate.remote and text.startswith(_event_words(), end) and \
                _lexicon().words.get(surface, (0, ""))[0] < _EVENT_NAME_FREQ:
            candidate.weak = candidate.remote = candidate.common = False   # 汶川地震: the county the disaster is named after
        if candidate:
            found.append(candidate)
        return end - i
    return 1


def _home_target(gazetteer: Gazetteer, home: str, level_char: str) -> str | None:
    lineage = [gazetteer.get(home), *gazetteer.ancestors(home)]
    for level in _HOME_LEVELS[level_char]:
        for place in lineage:
            if place.kind == level:
                # 全区 names a province only when it is an autonomous region (广西壮族自治区), 全市 only
                # when it is a municipality (北京市).
                if level == "province" and not place.name.endswith(level_char):
                    continue
                return place.place_id
    return None


def _country_chain(text: str, i: int, gazetteer: Gazetteer, segmented: _Words) -> list[_Candidate]:
    """中老泰 → China, Laos, Thailand: 中 followed by one-character country abbreviations."""
    end = i + 1
    seen: list[str] = []
    words = _lexicon().words
    curated = _country_abbreviations(gazetteer)
    while (end < len(text) and text[end] not in seen and (text[end] in curated or (
            text[end] in gazetteer.abbreviations and words.get(text[end], (0, ""))[0] < _FUNCTION_CHAR_FREQ))):
        seen.append(text[end])
        end += 1
    # Word boundaries: 其中老年 (中 ends 其中), 中越来越 (越 starts 越来越); 中文, 中亚 are words themselves.
    while seen and not segmented.has(end):
        seen.pop()
        end -= 1
    if not seen or not segmented.has(i):
        return []
    freq, tag = words.get(text[i:end], (0, ""))
    # 中美, 中日 are in jieba's dictionary as names of the pair; 中意 (to one's liking) is a word.
    if freq >= _CHAIN_WORD_FREQ and not (all(c in curated for c in seen) and tag in _NAME_TAGS | {"t", "j"}):
        return []
    chain = [_Candidate(i, i + 1, "中", _CHINA, False, False)]
    chain += [_Candidate(i + 1 + k, i + 2 + k, char, curated.get(char) or gazetteer.abbreviations[char], False, False)
              for k, char in enumerate(seen)]
    return chain


_COUNTED = re.compile(r"(?:[两二三四五六]国|[两二三四五六]个(?:超级)?大国|双方)")


def _counted_countries(text: str, gazetteer: Gazetteer, segmented: _Words, kept: list[_Candidate]) -> list[_Candidate]:
    """英、葡两国, 美苏两个超级大国: country abbreviations counted by the words after them."""
    curated = _country_abbreviations(gazetteer)
    out: list[_Candidate] = []
    for hit in _COUNTED.finditer(text):
        chars, k = [], hit.start()
        while k > 0 and text[k - 1] in curated:
            chars.insert(0, k - 1)
            k -= 1
            if k > 1 and text[k - 1] == "、" and text[k - 2] in curated:
                k -= 1
        if len(chars) < 2 or not segmented.has(chars[0]):
            continue   # (a longer word ends there)
        if any(c.start < hit.start() and chars[0] < c.end for c in kept):
            continue
        out += [_Candidate(at, at + 1, text[at], curated[text[at]], False, False) for at in chars]
    return out


_COUNTRY_ABBREVIATIONS: dict[int, dict[str, str]] = {}


def _country_abbreviations(gazetteer: Gazetteer) -> dict[str, str]:
    """data/place_country_abbreviations.txt: char → country id, for the countries the gazetteer holds."""
    key = id(gazetteer)
    if key not in _COUNTRY_ABBREVIATIONS:
        _COUNTRY_ABBREVIATIONS.clear()
        _COUNTRY_ABBREVIATIONS[key] = {row[0]: f"country:{row[1]}" for row in _data_lines("place_country_abbreviations.txt")
                                       if f"country:{row[1]}" in gazetteer}
    return _COUNTRY_ABBREVIATIONS[key]


def _on_word_boundaries(surface: str, start: int, end: int, gazetteer: Gazetteer,
                        segmented: _Words) -> bool:
    """Whether the name is a word of the sentence and not a piece of others: 均衡水平 holds no 衡水,
    重大理论 no 大理, 高黎贡山 no 贡山. A full name need only start a word (云南省|委 splits as 云南|省委),
    or lie inside an organisation's name (中共云南省委)."""
    forms = gazetteer.forms(surface)
    # Country names are words of their own too: 捷克 in 捷克斯洛伐克 is not the Czech Republic.
    short = len(surface) == 2 or any(f.form == SHORT or f.place_id.startswith("country:") for f in forms)
    if not segmented.has(start):
        return (not short and segmented.in_organisation(start, end)) or _province_in_compound(
            surface, start, end, gazetteer, segmented)
    return (segmented.has(end) or _province_in_compound(surface, start, end, gazetteer, segmented)) if short \
        else True


def _province_in_compound(surface: str, start: int, end: int, gazetteer: Gazetteer, segmented: _Words) -> bool:
    """首都北京, 新疆棉: jieba keeps a province with a word it qualifies (or that qualifies it) as one word; the
    province is named when the rest of that word is a word of its own. Provinces only: a county's short name
    inside a longer word is far more often a piece of another word."""
    if not any(gazetteer.get(f.place_id).kind == "province" for f in gazetteer.forms(surface)
               if f.place_id.startswith("adcode:")):
        return False
    text = segmented.text
    a = start
    while a > 0 and not segmented.has(a):
        a -= 1
    b = end
    while b < len(text) and not segmented.has(b):
        b += 1
    words = _lexicon().words
    if a == start and b > end:
        rest = text[end:b]
    elif b == end and a < start:
        rest = text[a:start]
    else:
        return False
    return rest in words and not gazetteer.forms(text[a:b])


def _names_a_feature(text: str, start: int, end: int, gazetteer: Gazetteer) -> bool:
    """瑞丽江, 红河河谷, 怒江流域: a short name used as the name of a river, lake or mountain."""
    if all(form.form != SHORT for form in gazetteer.forms(text[start:end])):
        return False
    rest = text[end:end + 2]
    return (rest[:1] in _FEATURE_CHARS and not gazetteer.forms(text[start:end + 1])) or rest in _FEATURE_WORDS


def _skip_word(text: str, start: int, end: int) -> int:
    # Step past the whole feature name so that 丽江 is not found again inside 瑞丽江.
    while end < len(text) and text[end] in _FEATURE_CHARS:
        end += 1
    return end - start


# Between "<province>的" and a name of the enumeration it heads: the items before it (广东省的澄海、潮安、…).
_HEADED_GAP = re.compile(r"的?(?:[\u4e00-\u9fff]{1,5}[、和及与])*")


def _heads(text: str, i: int, found: list[_Candidate]) -> frozenset[str]:
    """Places named for sure just before position i that qualify what follows: written right before it
    (青海玉树) or heading, with 的, the enumeration it is an item of (甘肃省的敦煌, 湖北省的麻城、广济)."""
    heads = set()
    for other in reversed(found):
        if other.end > i or i - other.end > 40:
            break
        if not other.weak and _HEADED_GAP.fullmatch(text, other.end, i):
            heads.add(other.place_id)
    return frozenset(heads)


def _choose(surface: str, start: int, end: int, gazetteer: Gazetteer, scope: _Scope,
            heads: frozenset[str], nearby: frozenset[str] = frozenset(), under: bool = False) -> _Candidate | None:
    """The place a name refers to here, or None when it stays ambiguous. `heads` are the places that
    qualify it, `nearby` the provinces and cities the sentence names before it; `under` says it is written
    right after a province or city (江苏锦屏, 甘肃省的敦煌)."""
    options: list[tuple[tuple[int, int], str, bool, bool, bool]] = []
    for form in gazetteer.forms(surface):
        place = gazetteer.get(form.place_id)
        closeness = scope.closeness(gazetteer, place.place_id)
        lineage = {a.place_id for a in gazetteer.ancestors(place.place_id)}
        short = form.form == SHORT or (form.form == FULL and len(surface) == 2 and place.kind != "country")
        if heads and heads & lineage:
            closeness = 3
        elif under and place.kind == "county" and short:
            continue   # 江苏锦屏磷矿: written under another province, a county of elsewhere is not meant
        elif closeness == 0 and nearby & lineage:
            closeness = 1   # 新疆……在伊宁: a province or city the sentence names holds it
        weak = common = remote = False
        if place.kind == "county" and closeness == 3:
            pass   # named under its province or city (湖北省的麻城): a place even if also an everyday word
        elif place.kind == "county":
            if short and closeness == 0:
                # County short names from elsewhere are too ambiguous alone; in a list with a place the text
                # names for sure (黑河、绥芬河、珲春和满洲里) they are the county-level cities they name.
                remote = True
            # Short or full, a county name that is an everyday word (富民, 城区, 解放区) needs support,
            # as does a city district from elsewhere (老城区, 湖滨区), which is named with its city.
            common = is_common_word(surface, "county")
            weak = common or (closeness == 0 and place.name.endswith("区"))
        elif short and place.kind == "prefecture":
            weak = common = is_common_word(surface, "prefecture")
        options.append(((-closeness, LEVEL_RANK.get(place.kind, 9)), place.place_id, weak, remote, common))
    if not options:
        return None
    options.sort()
    best_key = options[0][0]
    best = {pid for key, pid, *_ in options if key == best_key}
    if len(best) > 1:
        best = _city_of_the_name(surface, best, gazetteer)
        if best is None:
            return None
        options = [o for o in options if o[1] == best]
    _, place_id, weak, remote, common = options[0]
    river_like = surface[-1] in _RIVER_END and any(f.form == SHORT for f in gazetteer.forms(surface))
    return _Candidate(start, end, surface, place_id, weak or remote, river_like, remote, common)


def _city_of_the_name(surface: str, ids: set[str], gazetteer: Gazetteer) -> str | None:
    """伊宁 for 伊宁市 and 伊宁县 of one prefecture: a bare name shared by a county-level city and a county
    beside it names the city (the county is named with its 县)."""
    places = [gazetteer.get(pid) for pid in ids]
    if len({p.parent_id for p in places}) != 1 or any(p.kind != "county" for p in places):
        return None
    cities = [p.place_id for p in places if p.name == surface + "市"]
    return cities[0] if len(cities) == 1 and len(places) == 2 else None


def _resolve_lists(text: str, found: list[_Candidate], gazetteer: Gazetteer) -> list[_Candidate]:
    """Apply what the neighbours in an enumeration say: rivers among rivers, places among places."""
    rivers = _rivers(text, found, gazetteer)
    counted = counted_items(text) if "等" in text else []
    in_counted = {index for index, c in enumerate(found)
                  if c.remote and any(a <= c.start and c.end <= b for a, b, *_ in counted)}
    # Remote names the NER confirms are sure places, and so support the names listed with them
    # (富拉尔基和金州的重型机器厂).
    confirmed = {index for index, c in enumerate(found)
                 if c.remote and not c.common and index not in rivers and index not in in_counted
                 and _known_as_a_place_name(c.surface) and _names_no_region(text, c)
                 and _ner_location(text, c.start, c.end)}
    for index in confirmed:
        found[index].weak = False
    kept: list[_Candidate] = []
    for index, candidate in enumerate(found):
        if index in rivers:
            continue
        if _among_things(text, candidate, found):
            continue   # 保证日照、通风、消防: a list of things, not of places
        if index in in_counted:
            continue   # 磨憨、……、清水河等15个抵边镇: towns, not the county of that name elsewhere
        if candidate.remote:
            if index not in confirmed and not _in_list_with_a_place(text, index, found, rivers):
                continue
        elif candidate.weak and not _in_list_with_a_place(text, index, found, rivers) and not any(
                other is not candidate and not other.weak and _qualifies(other, candidate, gazetteer) for other in found):
            continue   # (天河、白云、黄埔 between 荔湾 and 番禺: a chain of such names leads to a sure one)
        if candidate.common and _ends_an_item(text, candidate, found) or _predicate_pair(text, candidate, gazetteer):
            continue
        kept.append(candidate)
    return kept


# What may follow the last item of an enumeration.
_ITEM_END = frozenset("、，,；;。：:和及与等")


def _in_list_with_a_place(text: str, index: int, found: list[_Candidate], rivers: set[int]) -> bool:
    """Whether found[index] is an item of an enumeration (、和及与) that holds a place named for sure."""
    seen, stack = {index}, [index]
    while stack:
        i = stack.pop()
        for j, other in enumerate(found):
            if j in seen or j in rivers or not _adjacent_in_list(text, found[i], other):
                continue
            if not other.weak:
                return True
            seen.add(j)
            stack.append(j)
    return False


def _known_as_a_place_name(surface: str) -> bool:
    """Whether jieba's dictionary knows the word only as a place name (丰台 ns) or not at all (富拉尔基):
    the first of the two signals that admit a remote county's short name (大田 nz, 玉门 n are words too)."""
    freq, tag = _lexicon().words.get(surface, (0, ""))
    return tag == "ns" or freq == 0


# What may stand right before an item of an enumeration.
_ITEM_START = frozenset("、，,。；;：:（(“”‘’《》「」 \t\n和及与或—-－")


# What may follow a predicate: the end of a clause, or 的 before the noun it qualifies.
_PREDICATE_END = frozenset("、，,。；;！!？?）)”的")


def _predicate_pair(text: str, candidate: _Candidate, gazetteer: Gazetteer) -> bool:
    """幸福安康、富裕安康的生活: a short name right after an adjective and ending the phrase is the second half
    of a pair of adjectives (安康 well-being), not the city."""
    start, end = candidate.start, candidate.end
    if start < 2 or (end < len(text) and text[end] not in _PREDICATE_END):
        return False
    if gazetteer.get(candidate.place_id).kind not in ("prefecture", "county") or not any(
            f.form == SHORT and f.place_id == candidate.place_id for f in gazetteer.forms(candidate.surface)):
        return False   # (平安云南, 美丽中国: a province or country named in a slogan is meant)
    words = _lexicon().words
    before = next((text[start - k:start] for k in (3, 2) if k <= start and text[start - k:start] in words), "")
    return words.get(before, (0, ""))[1] == "a"


def _ends_an_item(text: str, candidate: _Candidate, found: list[_Candidate]) -> bool:
    """三江平原、江西…, 澜湄合作、云南…: an everyday word glued to the word before it is the end of a longer
    item (a plain, a cooperation), not a county listed among places; after its province it is one (云南富民)."""
    start = candidate.start
    if start == 0 or text[start - 1] in _ITEM_START or any(other.end == start and not other.weak for other in found):
        return False
    # After a verb or a particle it begins its item (开放大连、…, 推动个旧、…, 重建后的汶川、…).
    words = _lexicon().words
    before = next((text[start - k:start] for k in (4, 3, 2, 1) if k <= start and text[start - k:start] in words), "")
    tag = words.get(before, (0, ""))[1]
    return not (tag[:1] in ("v", "p", "u", "c", "d", "r", "m", "q") or tag == "ad")


def _names_no_region(text: str, candidate: _Candidate) -> bool:
    """成渝地区双城经济圈, 某某旅游: a name that is itself a region word or heads one names no county."""
    suffixes = _region_suffixes()
    return candidate.surface not in suffixes and not text.startswith(suffixes, candidate.end)


def _ner_location(text: str, start: int, end: int) -> bool:
    """Whether the field NER (LAC) reads text[start:end] as one location word (丰台——沙城线, 从玉门向西):
    the second signal that admits a county's short name named alone outside the text's province.
    False without the model: the rules alone then decide."""
    from ingest.ner import tags

    words = tags(text)
    if not words:
        return False
    at = 0
    for word, tag in words:
        if at == start:
            return tag == "LOC" and at + len(word) == end
        at += len(word)
        if at > start:
            return False
    return False


def _among_things(text: str, candidate: _Candidate, found: list[_Candidate]) -> bool:
    """Whether a two-character name is an item of a 、-list whose other items are everyday words, not places."""
    if candidate.end - candidate.start != 2 or candidate.place_id.startswith("country:"):
        return False
    neighbours = []
    if text[candidate.end:candidate.end + 1] == "、":
        m = re.match(r"[\u4e00-\u9fff]{2,4}", text[candidate.end + 1:])
        if m:
            neighbours.append((candidate.end + 1, candidate.end + 1 + m.end()))
    item_end = candidate.end == len(text) or text[candidate.end] in _ITEM_END
    if candidate.start and text[candidate.start - 1] == "、" and item_end:
        # (Only when the name is the whole item: in 、云南鲁布革水电站 it begins a longer one.)
        m = re.search(r"[\u4e00-\u9fff]{2,4}$", text[:candidate.start - 1])
        if m:
            neighbours.append((m.start(), m.end()))
    if not neighbours:
        return False
    words = _lexicon().words
    for a, b in neighbours:
        if any(c.start < b and a < c.end for c in found if c is not candidate):
            return False
        word = next((text[a:b - k] for k in range(b - a - 1) if text[a:b - k] in words), None) if text[
            candidate.end:candidate.end + 1] == "、" and a == candidate.end + 1 else next(
            (text[a + k:b] for k in range(b - a - 1) if text[a + k:b] in words), None)
        if word is None:
            return False
        freq, tag = words[word]
        if tag in _NAME_TAGS or freq < _COMMON_NONNAME_FREQ:
            return False
    return True


def _qualifies(outer: _Candidate, inner: _Candidate, gazetteer: Gazetteer) -> bool:
    """天津滨海新区: a place written right after one of its ancestors."""
    return outer.end == inner.start and inner.place_id.startswith("adcode:") and outer.place_id in {
        p.place_id for p in gazetteer.ancestors(inner.place_id)}


def _rivers(text: str, found: list[_Candidate], gazetteer: Gazetteer) -> set[int]:
    """Indexes of the river-like names (怒江, 红河) that stand among rivers: next to a river name
    (澜沧江、怒江), next to another such name already known to be a river, or in apposition with
    another river-like name (元江(红河))."""
    rivers: set[int] = set()
    changed = True
    while changed:
        changed = False
        for index, candidate in enumerate(found):
            if index in rivers or not candidate.river_like:
                continue
            items = _list_items(text, candidate.start, candidate.end)
            neighbours = [j for j, other in enumerate(found) if j != index and _adjacent_in_list(text, candidate, other)]
            if (any(_is_river_name(item, gazetteer) for item in items)
                    or any(j in rivers for j in neighbours)
                    or any(found[j].river_like and _in_apposition(text, candidate, found[j], gazetteer)
                           for j in neighbours)):
                rivers.add(index)
                changed = True
    return rivers


def _in_apposition(text: str, a: _Candidate, b: _Candidate, gazetteer: Gazetteer) -> bool:
    """X(Y) where Y is no part of X: two names for one thing, not a place and its county."""
    first, second = (a, b) if a.start < b.start else (b, a)
    if text[first.end:second.start] not in ("(", "（"):
        return False
    return first.place_id not in {p.place_id for p in gazetteer.ancestors(second.place_id)}


def _list_items(text: str, start: int, end: int) -> list[str]:
    """The enumeration items right before and after a span (保山、[大理]、德宏 → 保山, 德宏)."""
    items = []
    left = start
    while left > 0 and text[left - 1] in _LIST_SEPARATORS:
        left -= 1
    if left < start:
        begin = left
        while begin > 0 and text[begin - 1] not in _LIST_SEPARATORS and left - begin < 8:
            begin -= 1
        items.append(text[begin:left])
    right = end
    while right < len(text) and text[right] in _LIST_SEPARATORS:
        right += 1
    if right > end:
        stop = right
        while stop < len(text) and text[stop] not in _LIST_SEPARATORS and stop - right < 8:
            stop += 1
        items.append(text[right:stop])
    return items


def _is_river_name(item: str, gazetteer: Gazetteer) -> bool:
    # 澜沧江, 金沙江, 南盘江: a name ending in 江/河 that is no place name of its own, nor ends with one
    # (批准黑河: the list item reaches back over the words before the name).
    return len(item) >= 3 and item[-1] in _RIVER_END and not any(
        gazetteer.forms(item[k:]) for k in range(len(item) - 1))


def _adjacent_in_list(text: str, a: _Candidate, b: _Candidate) -> bool:
    first, second = (a, b) if a.start < b.start else (b, a)
    return text[first.end:second.start] in _LIST_JOINERS


# -------------------------------------------------------------------- towns, ports and new areas

@functools.lru_cache(maxsize=1)
def _named_place_re() -> re.Pattern:
    return re.compile("|".join(re.escape(suffix) for suffix, _ in _named_place_suffixes()))


@functools.lru_cache(maxsize=1)
def _named_place_suffixes() -> tuple[tuple[str, str], ...]:
    return tuple(sorted(((row[0], row[1]) for row in _data_lines("place_suffixes.txt")), key=lambda r: -len(r[0])))


# What may stand right before such a name: the start, a separator, or a place it belongs to (瑞丽市畹町镇).
_NAME_START = frozenset("、，,。；;：:（(“ \t\n和及与至到在")


def find_named_places(text: str, gazetteer: Gazetteer, mentions: Sequence[PlaceMention]) -> list[tuple[PlaceMention, Place]]:
    """Towns, ports and new areas a text names (畹町镇, 磨憨口岸, 滇中新区), which no division table holds:
    two or three characters before 镇/乡/街道/口岸/新区 that are no everyday word, standing after a separator
    or after the division they belong to. Each gets a Place of kind town | port | new_area whose id is
    derived from its parent (when named) and its name."""
    out: list[tuple[PlaceMention, Place]] = []
    taken = [(m.start, m.end) for m in mentions]
    ends = {m.end: m for m in mentions}
    exact = {(m.start, m.end): m for m in mentions}
    words = _lexicon().words
    bounds = None
    kinds = dict(_named_place_suffixes())
    for hit in _named_place_re().finditer(text):
        suffix = hit.group(0)
        kind = kinds[suffix]
        end = hit.end()
        if end < len(text) and text[end] in "区镇乡村级":
            continue   # 新区域, 乡镇, 乡村: a longer word
        for size in (2, 3):
            start = hit.start() - size
            if start < 0:
                break
            stem = text[start:hit.start()]
            before = text[start - 1] if start else ""
            parent = ends.get(start)
            if parent is not None and not parent.place_id.startswith("adcode:"):
                break   # 沿边口岸: the ports of a region, not one port
            own = exact.get((start, hit.start()))
            if own is not None and not own.place_id.startswith("adcode:") and kind != "new_area":
                break   # 沿边口岸: a region's ports (but 滇中新区 is a new area named by its region)
            if own is not None and not own.place_id.startswith("adcode:"):
                place_id = f"{kind}::{stem}{suffix}"
                out.append((PlaceMention(place_id, stem + suffix, start, end),
                            Place(place_id, stem + suffix, kind, (), None, None)))
                break
            if suffix == "乡" and parent is None:
                break   # 下乡, 返乡, 鱼米之乡: a township only with its county (某县某某乡)
            if own is not None and kind != "town":
                # 河口口岸: a port or new area named by the division it lies in.
                place_id = f"{kind}:{own.place_id}:{stem}{suffix}"
                out.append((PlaceMention(place_id, stem + suffix, start, end),
                            Place(place_id, stem + suffix, kind, (), None, own.place_id)))
                break
            if bounds is None:
                bounds = _segment(text, gazetteer)
            if not re.fullmatch(r"[\u4e00-\u9fff]+", stem) or not (
                    start == 0 or before in _NAME_START or parent or bounds.has(start)):
                continue
            if any(a < end and start < b for a, b in taken) or gazetteer.forms(stem + suffix):
                break   # a division the gazetteer finds (浦东新区) or part of another place's name
            freq, tag = words.get(stem, (0, ""))
            if (freq >= _COMMON_NONNAME_FREQ and tag != "ns") or _generic_stem(stem):
                break   # 重点镇, 城乡, 边境口岸: a kind of place, not a name
            parent_id = parent.place_id if parent else None
            place_id = f"{kind}:{parent_id or ''}:{stem}{suffix}"
            place = Place(place_id, stem + suffix, kind, (), None, parent_id)
            out.append((PlaceMention(place_id, stem + suffix, start, end), place))
            taken.append((start, end))
            break
    out += _counted_places(text, taken, kinds)
    return sorted(out, key=lambda pair: pair[0].start)


@functools.lru_cache(maxsize=1)
def _counted_places_re() -> re.Pattern:
    suffixes = "|".join(re.escape(suffix) for suffix, _ in _named_place_suffixes())
    return re.compile(r"(?:(?<=[和及与在有])|(?<![\u4e00-\u9fff]))((?:[\u4e00-\u9fff]{2,3}、)+[\u4e00-\u9fff]{2,3})"
                      r"等(?:[0-9０-９]+|[一二三四五六七八九十两百]+)个[\u4e00-\u9fff]{0,4}?(" + suffixes + r")(?![区镇乡村级])")


def counted_items(text: str) -> list[tuple[int, int, str, str]]:
    """(start, end, item, suffix) of the items of an enumeration counted as towns, ports or new areas:
    磨憨、孟定、畹町等15个抵边镇 → 磨憨, 孟定, 畹町 with 镇."""
    out = []
    words = _lexicon().words
    for hit in _counted_places_re().finditer(text):
        at = hit.start(1)
        items = hit.group(1).split("、")
        if len(items[0]) == 3 and words.get(items[0][0], (0, ""))[0] >= _INITIAL_CHAR_FREQ:
            items[0] = items[0][1:]   # 以磨憨、孟定等: a function character before the first item
            at += 1
        for item in items:
            out.append((at, at + len(item), item, hit.group(2)))
            at += len(item) + 1
    return out


def _counted_places(text: str, taken: list[tuple[int, int]], kinds: dict[str, str]) -> list[tuple[PlaceMention, Place]]:
    """磨憨、孟定、畹町等15个抵边镇: each item of an enumeration counted as towns, ports or new areas is one
    (a name the text gives without its 镇). Everyday words (重点、特色等3个镇) and places found otherwise
    are left alone."""
    out: list[tuple[PlaceMention, Place]] = []
    words = _lexicon().words
    for start, end, item, suffix in counted_items(text):
        freq, tag = words.get(item, (0, ""))
        if any(a < end and start < b for a, b in taken) or (freq >= _COMMON_NONNAME_FREQ and tag != "ns") or \
                _generic_stem(item):
            continue
        kind = kinds[suffix]
        place_id = f"{kind}::{item}{suffix}"
        out.append((PlaceMention(place_id, item, start, end), Place(place_id, item + suffix, kind, (item,), None, None)))
        taken.append((start, end))
    return out


# Modifiers that make 镇/口岸/新区 a kind: 特色小镇, 重点镇, 陆路口岸, 国家级新区.
_GENERIC_STEMS = re.compile(r"^(?:[一二三四五六七八九十两几多百千万0-9]+[个座大]?$|.*(?:小|重点|特色|中心|边境|陆路|水运|航空|"
                            r"国家级|国家|省级|一类|二类|开放|重要|主要|建制|集|城|村|各|全|该|本|其|乡|贫困|民族|这些|有关|"
                            r"相关|沿边|抵边|临边|沿江|沿海)$|.*之)")


def _generic_stem(stem: str) -> bool:
    return bool(_GENERIC_STEMS.match(stem))
