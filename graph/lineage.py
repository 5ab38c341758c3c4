"""Project → goal links: stated in the same sentence or paragraph, or implied by the outline and places."""
from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from graph.projects import normalise_name, word_tokenizer
from graph.records import EXPLICIT, OUTLINE, SECTION_SCOPE, Evidence, Goal, Relation

# Confidence by how the link was found: the text names both in one sentence, in one paragraph, the
# goal names the project, the goal sits in the project's section (or an ancestor's introduction), or
# a goals section states it for a place the project's section is about.
SAME_SENTENCE = 0.9
GOAL_NAMES_PROJECT = 0.9
SAME_PARAGRAPH = 0.7
SAME_SECTION = 0.6
ANCESTOR_SECTION = 0.45
SHARED_PLACE = 0.5
SHARED_TERM = 0.5
# A goal naming this many places speaks for the whole jurisdiction, not for a project's place.
BROAD_GOAL = 3


_HEADING_MARKER = re.compile(r"^(?:第[一二三四五六七八九十百]+[章节篇]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])\s*")
# Words too common in plan headings and goals to link a project to a goal by themselves.
_COMMON_TERMS = frozenset({
    "推进", "推动", "建设", "加快", "发展", "提升", "提高", "加强", "完善", "健全", "构建", "打造", "实施", "促进",
    "深化", "强化", "优化", "支持", "形成", "实现", "基本", "进一步", "全面", "不断", "更加", "明显", "显著",
    "体系", "水平", "能力", "机制", "区域", "地区", "全省", "协调", "高质量", "一批", "新", "重点", "主要",
    "取得", "得到", "逐步", "初步", "持续", "有效", "格局", "布局", "加速", "推进", "开创", "局面", "进展",
    "社会主义", "现代化", "实质性", "新局面", "突破", "同步", "各州", "州市", "一体化发展", "均衡", "比较",
    # Words of every other heading and name: sharing one of them says nothing.
    "区域性", "国际", "特色", "功能", "生态", "人口", "经济", "服务", "创新", "机制", "一体化", "中心", "平台",
    "基地", "工程", "行动", "项目", "示范区", "问题", "优势", "开发", "开放", "合作", "产业", "国家", "省级",
    "通道", "城市", "体系", "水平",
})


def key_terms(text: str) -> frozenset[str]:
    """Content words of a heading or goal (基础设施, 通达), without numbering or the verbs every heading has."""
    text = _HEADING_MARKER.sub("", text)
    return frozenset(t for t in word_tokenizer().cut(text, HMM=False)
                     if len(t) >= 2 and t not in _COMMON_TERMS and not re.search(r"[0-9%]", t))


@dataclass(frozen=True)
class ProjectMention:
    """Where a project is mentioned, as lineage needs it."""

    project_id: str
    name: str
    evidence: Evidence          # the sentence
    paragraph: tuple[int, int]  # offsets of the enclosing paragraph in Document.text
    section_id: str
    place_ids: tuple[str, ...]  # places named with the project or given by its section's scope
    terms: frozenset[str] = frozenset()   # key terms of the headings above the mention
    own_terms: frozenset[str] = frozenset()   # key terms of the name and of the mention's own heading


@dataclass(frozen=True)
class GoalSite:
    """Where a goal is stated: its section and whether that section is a goals section."""

    goal: Goal
    paragraph: tuple[int, int]
    section_id: str
    goal_section: bool
    terms: frozenset[str] = frozenset()   # key terms of the goal statement
    places_named: int = 0                  # places the statement itself names (before region members)


def link_projects_to_goals(mentions: Sequence[ProjectMention], goals: Sequence[GoalSite],
                           ancestors: dict[str, tuple[str, ...]]) -> list[Relation]:
    """servesGoal relations, one per (project, goal) with its strongest basis.

    `ancestors` maps a section id to its ancestors' ids (nearest first).
    """
    best: dict[tuple[str, str], Relation] = {}
    for m in mentions:
        for site in goals:
            found = _link(m, site, ancestors)
            if found is None:
                continue
            basis, confidence = found
            key = (m.project_id, site.goal.goal_id)
            old = best.get(key)
            if old is None or confidence > old.confidence:
                evidence = (m.evidence,) if m.evidence == site.goal.evidence else (m.evidence, site.goal.evidence)
                best[key] = Relation(m.project_id, "servesGoal", site.goal.goal_id, evidence, basis, confidence)
    return sorted(best.values(), key=lambda r: (r.subject, -r.confidence, r.object))


def _link(m: ProjectMention, site: GoalSite, ancestors: dict[str, tuple[str, ...]]) -> tuple[str, float] | None:
    g = site.goal
    ev = m.evidence
    if g.evidence.char_start == ev.char_start and g.evidence.char_end == ev.char_end:
        return EXPLICIT, SAME_SENTENCE
    if normalise_name(m.name) in normalise_name(g.statement):
        return EXPLICIT, GOAL_NAMES_PROJECT
    # A figure (常住人口达到1000万) is served by the projects around it only when it shares their words.
    related = g.target is None or bool(site.terms & (m.own_terms | key_terms(m.name)))
    if site.paragraph == m.paragraph and not site.goal_section and (
            not g.place_ids or set(g.place_ids) & set(m.place_ids)):
        # (A goals paragraph lists every aim of the plan: naming a project in one aim is no link to the rest.)
        return (EXPLICIT, SAME_PARAGRAPH) if related else (OUTLINE, ANCESTOR_SECTION)
    if site.section_id == m.section_id and not site.goal_section:
        return (OUTLINE, SAME_SECTION) if related else (OUTLINE, ANCESTOR_SECTION)
    if site.section_id in ancestors.get(m.section_id, ()) and not site.goal_section:
        # A goal in the introduction of an enclosing chapter frames the whole chapter.
        return OUTLINE, ANCESTOR_SECTION
    if not site.goal_section:
        return None
    shared_own = site.terms & m.own_terms
    broad = site.places_named >= BROAD_GOAL
    # In a goal naming many places, one shared word is often a piece of a place name (东北 of 黔东北): ask for two.
    own = (bool(shared_own & key_terms(m.name)) and not broad) or len(shared_own) >= 2
    # A goal naming many places (苏南、苏中、苏北…) is no aim of any one of them: the place overlap
    # says nothing then, but shared words still do.
    if set(g.place_ids) & set(m.place_ids) and not broad:
        # The goals section states an aim for the project's place: shown when it is in the project's words.
        return (SECTION_SCOPE, SHARED_PLACE) if own or _chapter_region(m, g) else None
    if own:
        # The goals section states an aim in the words of the project or its section (基础设施通达…).
        return OUTLINE, SHARED_TERM
    return None


def _chapter_region(m: ProjectMention, goal: Goal) -> bool:
    """Whether the goal names a region that the project's headings name (苏北振兴实现新突破 / 推动苏北振兴):
    the goals section's aim for that region is the chapter's aim."""
    regions = [pid.rsplit(":", 1)[-1] for pid in goal.place_ids if pid.startswith("region:")]
    regions = [name for name in regions if name in goal.statement]
    return any(name in term or term in name for name in regions for term in m.terms if len(term) >= 2)
