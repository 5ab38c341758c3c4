"""Named regions a document defines (空间范围为…等N个州市) and the places each section is about."""
from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from graph.gazetteer import Gazetteer
from graph.numerals import parse_int
from graph.places import find_places, word_tags, words_of
from graph.records import EXPLICIT, SECTION_SCOPE, Evidence, Place
from ingest.records import IngestedDocument, Section

# "The scope is …": the sentence lists a region's members. 范围 makes it a definition on its own.
_SCOPE_CUE = re.compile(r"(?:空间|规划|地域|实施)?范围(?:为|包括|是|涵盖|覆盖)[:：]?")
# 包括/涵盖 define a region only after a named subject (沿边8个州市包括保山、红河…).
_MEMBER_CUE = re.compile(r"(?:包括|涵盖|包含)[:：]?")
_CLAUSE_END = "。；;！!？?\n"
_CLAUSE_START = "，,。；;：:\n"
# 等4个州市 / 等七个县: the stated number of the members listed since the previous count.
_COUNT = re.compile(r"等([0-9]+|[一二两三四五六七八九十]+)个")
# 红河州北部的蒙自…: the place before 北部的 qualifies the members; it is no member itself.
_QUALIFIER = re.compile(r"(?:[东南西北中]{1,2}部|部分|境内|沿线|所辖)?的")
# Generic heads stripped from a region's name so that 滇中地区 and 滇中 are one region.
_GENERIC_TAILS = ("地区", "区域", "片区", "板块")
_GENERIC_TAIL = re.compile(f"(?:{'|'.join(_GENERIC_TAILS)}|的)+$")
_SUBJECT_NOISE = re.compile(r"(?:(?:[0-9]+|[一二两三四五六七八九十]+)个?[\u4e00-\u9fff]{1,3}|的|其|空间|规划)$")
# jieba tags of a heading's verbs (推动, 建设 …) and of its aims (崛起, 开放, 一体化 …).
_VERB_TAGS = frozenset({"v", "vn", "vd", "ad"})
_AIM_TAGS = frozenset({"v", "vn", "vd", "ad", "a", "l", "an"})
# Tags a region's name may carry in jieba's dictionary (滇西 ns, 沿边 f); most are unknown to it.
_NAME_LIKE_TAGS = frozenset({"", "ns", "f", "j", "nz", "s"})
_HEADING_MARKER = re.compile(r"^\s*(?:第[一二三四五六七八九十百零〇0-9]+[编章节条]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十0-9]+[）)]|[0-9]+[.、．])\s*")


@dataclass(frozen=True)
class RegionDefinition:
    place: Place                                  # kind "region", place_id "region:" + name
    members: tuple[tuple[str, Evidence], ...]     # (member place_id, evidence)
    evidence: Evidence
    stated_count: int | None = None               # the sum of the 等N个 counts, when stated
    count_matches: bool = True                    # members found == stated count


def region_id(name: str) -> str:
    return f"region:{name}"


def document_home(doc: IngestedDocument, gazetteer: Gazetteer) -> str | None:
    """The issuer's jurisdiction: what 我省 and 全省 refer to."""
    for issuer in doc.metadata.issuers:
        home = gazetteer.jurisdiction(issuer)
        if home:
            return home
    return None


def find_regions(doc: IngestedDocument, gazetteer: Gazetteer) -> list[RegionDefinition]:
    """Regions the document defines, one per name, members merged over its definitions."""
    home = document_home(doc, gazetteer)
    text = doc.document.text
    found: list[RegionDefinition] = []
    for start, end in _sentences(text, doc):
        sentence = text[start:end]
        cue = _SCOPE_CUE.search(sentence) or _member_cue(sentence)
        if cue is None:
            continue
        section = _innermost_section(doc, start)
        name = _subject(sentence[:cue.start()]) or _section_region_name(doc, section, start, gazetteer)
        if not name or gazetteer.forms(name):
            continue
        definition = _definition(doc, section, name, start, end, cue.end(), gazetteer, home)
        if definition is not None:
            found.append(definition)
    return merge_regions(found)


def merge_regions(definitions: Iterable[RegionDefinition]) -> list[RegionDefinition]:
    """One definition per region id: members unioned in order of first appearance."""
    merged: dict[str, RegionDefinition] = {}
    for definition in definitions:
        current = merged.get(definition.place.place_id)
        if current is None:
            merged[definition.place.place_id] = definition
            continue
        known = {pid for pid, _ in current.members}
        extra = tuple(m for m in definition.members if m[0] not in known)
        merged[current.place.place_id] = replace(
            current, members=current.members + extra, count_matches=current.count_matches and definition.count_matches)
    return list(merged.values())


def section_scopes(doc: IngestedDocument, gazetteer: Gazetteer,
                   regions: Sequence[RegionDefinition]) -> dict[str, tuple[tuple[str, Evidence], ...]]:
    """section_id → the places and regions everything inside the section is about.

    A section is about the places and regions its heading names (第三章 推动苏北振兴 → 苏北 and its
    members) and those its introduction defines (空间范围为…); descendants inherit all of it.
    """
    home = document_home(doc, gazetteer)
    by_name = {r.place.name: r for r in regions}
    by_id = {s.section_id: s for s in doc.sections}
    scopes: dict[str, tuple[tuple[str, Evidence], ...]] = {}
    for section in sorted(doc.sections, key=lambda s: (s.level, s.char_start)):
        own = _own_scope(doc, section, gazetteer, by_name, home)
        inherited = scopes.get(section.parent_id, ()) if section.parent_id in by_id else ()
        seen: set[str] = set()
        combined = []
        for place_id, evidence in (*own, *inherited):
            if place_id not in seen:
                seen.add(place_id)
                combined.append((place_id, evidence))
        scopes[section.section_id] = tuple(combined)
    return scopes


def _own_scope(doc: IngestedDocument, section: Section, gazetteer: Gazetteer,
               regions: dict[str, RegionDefinition], home: str | None) -> list[tuple[str, Evidence]]:
    scope: list[tuple[str, Evidence]] = []
    heading = section.heading
    if heading is not None:
        evidence = _evidence(doc, section, heading.char_start, heading.char_end, SECTION_SCOPE)
        for name, region in regions.items():
            if name in heading.text:
                scope.append((region.place.place_id, evidence))
                scope += [(pid, evidence) for pid, _ in region.members]
        scope += [(m.place_id, evidence) for m in find_places(heading.text, gazetteer, home=home)
                  if m.place_id != "country:CN"]
    intro_start, intro_end = _introduction(doc, section)
    for region in regions.values():
        ev = region.evidence
        if ev.doc_id == doc.document.doc_id and intro_start <= ev.char_start < intro_end:
            scoped = replace(ev, basis=SECTION_SCOPE)
            scope.append((region.place.place_id, scoped))
            scope += [(pid, scoped) for pid, _ in region.members]
    return scope


def _definition(doc: IngestedDocument, section: Section | None, name: str, start: int, end: int,
                cue_end: int, gazetteer: Gazetteer, home: str | None) -> RegionDefinition | None:
    text = doc.document.text
    listing = text[start + cue_end:end]
    mentions = [m for m in find_places(listing, gazetteer, home=home)
                if not _QUALIFIER.match(listing, m.end) and m.place_id.startswith("adcode:")]
    if not mentions:
        return None
    evidence = _evidence(doc, section, start, end, EXPLICIT)
    members = tuple(dict.fromkeys(m.place_id for m in mentions))
    stated = _stated_count(listing)
    provinces = {gazetteer.province_of(pid) for pid in members}
    parent = next(iter(provinces)).place_id if len(provinces) == 1 and None not in provinces else None
    # 滇中 is also written 滇中地区: the document's own longer forms help later matching.
    aliases = tuple(name + tail for tail in _GENERIC_TAILS if name + tail in text)
    place = Place(region_id(name), name, "region", aliases, parent_id=parent)
    return RegionDefinition(place, tuple((pid, evidence) for pid in members), evidence, stated,
                            stated is None or stated == len(members))


def _stated_count(listing: str) -> int | None:
    counts = [_number(m.group(1)) for m in _COUNT.finditer(listing)]
    return sum(counts) if counts else None


def _number(token: str) -> int:
    return parse_int(token) or 0


def _member_cue(sentence: str) -> re.Match | None:
    cue = _MEMBER_CUE.search(sentence)
    # Only a counted list (…等8个州市) after a named subject reads as a definition.
    if cue and _COUNT.search(sentence, cue.end()) and _subject(sentence[:cue.start()]):
        return cue
    return None


def _subject(before: str) -> str | None:
    """The region named right before the cue: 滇中城市群的空间范围为 → 滇中城市群; 沿边8个州市包括 → 沿边."""
    clause = before
    for char in _CLAUSE_START:
        clause = clause.rsplit(char, 1)[-1]
    name = clause.strip()
    previous = None
    while name != previous:
        previous = name
        name = _SUBJECT_NOISE.sub("", name)
        name = _GENERIC_TAIL.sub("", name)
    if not 2 <= len(name) <= 10 or not re.fullmatch(r"[\u4e00-\u9fff]+", name):
        return None
    return name


def _section_region_name(doc: IngestedDocument, section: Section | None, position: int,
                         gazetteer: Gazetteer) -> str | None:
    """The region a section's heading is about (第三章 推动滇中崛起 → 滇中), confirmed by the
    paragraph of the definition naming it too; the nearest heading that qualifies wins."""
    text = doc.document.text
    paragraph_start = text.rfind("\n", 0, position) + 1
    paragraph_end = text.find("\n", position)
    paragraph = text[paragraph_start:paragraph_end if paragraph_end >= 0 else len(text)]
    while section is not None:
        if section.heading is not None:
            core = _heading_core(section.heading.text)
            name = _longest_shared(core, paragraph, gazetteer)
            intro_start, intro_end = _introduction(doc, section)
            # A scope sentence opening a section defines what the heading names, repeated or not.
            if not name and intro_start <= position < intro_end and _reads_as_name(core, gazetteer):
                name = _GENERIC_TAIL.sub("", core)
            if name:
                return name
        section = next((s for s in doc.sections if s.section_id == section.parent_id), None)
    return None


def _reads_as_name(piece: str, gazetteer: Gazetteer) -> bool:
    # No division (those are places already) and no everyday word of a heading (发展, 城市).
    return 2 <= len(piece) <= 10 and not gazetteer.forms(piece) and word_tags(piece) in _NAME_LIKE_TAGS


def _heading_core(heading: str) -> str:
    """推动滇中崛起 → 滇中: the heading without its marker, its leading verbs and its trailing aims."""
    title = _HEADING_MARKER.sub("", heading).strip()
    tokens = words_of(title)
    tags = [word_tags(t) for t in tokens]
    while tokens and tags[0] in _VERB_TAGS:
        tokens, tags = tokens[1:], tags[1:]
    while tokens and tags[-1] in _AIM_TAGS:
        tokens, tags = tokens[:-1], tags[:-1]
    return "".join(tokens)


def _longest_shared(core: str, paragraph: str, gazetteer: Gazetteer) -> str | None:
    # The longest piece of the heading's core that the paragraph repeats and that reads as a name.
    for length in range(len(core), 1, -1):
        for begin in range(len(core) - length + 1):
            piece = _GENERIC_TAIL.sub("", core[begin:begin + length])
            if piece in paragraph and _reads_as_name(piece, gazetteer):
                return piece
    return None


def _sentences(text: str, doc: IngestedDocument) -> list[tuple[int, int]]:
    """Sentence spans inside the document's body lines."""
    spans = []
    for body in doc.cleaned.body:
        start = body.char_start
        for index in range(body.char_start, body.char_end):
            if text[index] in _CLAUSE_END:
                if index + 1 - start > 1:
                    spans.append((start, index + 1))
                start = index + 1
        if body.char_end - start > 1:
            spans.append((start, body.char_end))
    return spans


def _innermost_section(doc: IngestedDocument, position: int) -> Section | None:
    holding = [s for s in doc.sections if s.char_start <= position < s.char_end]
    return max(holding, key=lambda s: s.level) if holding else None


def _introduction(doc: IngestedDocument, section: Section) -> tuple[int, int]:
    """The text between a section's heading and its first subsection."""
    start = section.heading.char_end if section.heading else section.char_start
    children = [s.char_start for s in doc.sections if s.parent_id == section.section_id]
    return start, min(children, default=section.char_end)


def _evidence(doc: IngestedDocument, section: Section | None, start: int, end: int, basis: str) -> Evidence:
    text = doc.document.text
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Evidence(doc.document.source, doc.document.doc_id, section.path if section else (), start, end,
                    text[start:end], basis)
