"""Typed records produced by extraction and returned by the named queries."""
from __future__ import annotations

from dataclasses import dataclass, field

# How a fact was derived; recorded on every piece of evidence.
EXPLICIT = "explicit"            # stated in the cited sentence
SECTION_SCOPE = "section_scope"  # inherited from the scope a section's introduction defines
ADMIN_DATA = "admin_data"        # from the administrative-division data (county → prefecture …)
METADATA = "metadata"            # from the document's header (issuer, addressee, 文号)
OUTLINE = "outline"              # from the heading tree (e.g. goal stated for the same section)


@dataclass(frozen=True)
class Evidence:
    """Where a statement comes from: exact text at exact offsets in the source's decoded text."""

    source: str
    doc_id: str
    section_path: tuple[str, ...]
    char_start: int
    char_end: int
    text: str
    basis: str = EXPLICIT

    def citation(self) -> dict:
        return {"source": self.source, "section_path": list(self.section_path), "text": self.text,
                "char_start": self.char_start, "char_end": self.char_end}


@dataclass(frozen=True)
class Place:
    """A place from administrative data or a region a document defines.

    kind: country | province | prefecture | county | town | region | feature
    """

    place_id: str              # "adcode:530600" for divisions, "country:VN", "region:<docid>:<name>"
    name: str                  # full name, e.g. 曲靖市
    kind: str
    short_names: tuple[str, ...] = ()   # 曲靖; 红河 / 红河州 for 红河哈尼族彝族自治州
    adcode: str | None = None
    parent_id: str | None = None


@dataclass(frozen=True)
class PlaceMention:
    """A place found in a text; offsets relative to the text that was searched."""

    place_id: str
    surface: str
    start: int
    end: int


@dataclass(frozen=True)
class Project:
    project_id: str            # content-derived from the normalised name
    name: str                  # exact span of the first mention
    aliases: tuple[str, ...]
    mentions: tuple[Evidence, ...]
    kind: str = "其他"          # from the head noun: 工程/项目 | 行动/计划 | 试点/示范 | 平台/园区/基地 | 活动 | 政策措施 | 其他


@dataclass(frozen=True)
class Target:
    """The quantified part of a goal: 经济总量达到1万亿元 → metric 经济总量, value 1e12, unit 元, comparator ≥."""

    metric: str
    value: float | None        # normalised number (万/亿 expanded; percentages as the number, unit "%")
    unit: str | None
    comparator: str | None     # ≥ | ≤ | ≈ | = | > | <
    value_text: str            # the exact text of the value, e.g. 1万亿元, 2.7左右
    value_high: float | None = None   # upper end of a range (6%-6.5% → value 6, value_high 6.5), else None


@dataclass(frozen=True)
class Goal:
    """A goal stated by a document. `target` set → a quantified, dated target."""

    goal_id: str
    statement: str             # short label (≤ 60 chars), a span of the source
    year: int | None
    target: Target | None
    place_ids: tuple[str, ...]
    evidence: Evidence


@dataclass(frozen=True)
class Fact:
    """A baseline figure (2020年全省经济总量达到2.45万亿元): never a target."""

    fact_id: str
    statement: str
    year: int | None
    target: Target | None
    place_ids: tuple[str, ...]
    evidence: Evidence


@dataclass(frozen=True)
class Agency:
    agency_id: str
    name: str
    mentions: tuple[Evidence, ...]


@dataclass(frozen=True)
class Relation:
    """subject --predicate--> object; predicate is an ontology term's local name."""

    subject: str
    predicate: str             # involvesPlace | servesGoal | concernsPlace | memberOf | issuedBy | addressedTo | mentionedIn
    object: str
    evidence: tuple[Evidence, ...]
    basis: str = EXPLICIT
    confidence: float = 1.0


@dataclass(frozen=True)
class Extraction:
    """Everything extracted from one document."""

    doc_id: str
    places: tuple[Place, ...]          # every place mentioned (divisions with their ancestors) + regions defined here
    place_mentions: tuple[tuple[str, Evidence], ...]   # (place_id, evidence) for each mention
    projects: tuple[Project, ...]
    goals: tuple[Goal, ...]
    facts: tuple[Fact, ...]
    agencies: tuple[Agency, ...]
    relations: tuple[Relation, ...]
    place_spans: tuple[tuple[str, int, int], ...] = ()   # (place_id, char_start, char_end) of each mention


@dataclass(frozen=True)
class Item:
    """One entry of an answer list: what the CLI, the UI and `ask --json` show."""

    label: str
    type: str                  # Project | Goal | Place | Agency | Section | Value | Passage | Document
    uri: str
    citations: tuple[Evidence, ...] = ()
    attrs: dict = field(default_factory=dict)   # type-specific extras (year, value, unit, basis …)

    def to_json(self) -> dict:
        return {"label": self.label, "type": self.type, "uri": self.uri,
                "citations": [e.citation() for e in self.citations], **({"attrs": self.attrs} if self.attrs else {})}
