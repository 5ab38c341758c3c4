"""What readers see instead of internal keys: labels for attributes, bases, intents and how a link reaches a place.

Plain data and functions (no Streamlit), shared by the web page and `policykg ask`, so both say the same thing.
"""
from __future__ import annotations

import re
from typing import Mapping

ZH, EN = "zh", "en"
_HAN = re.compile(r"[\u3400-\u9fff]")


def language(text: str) -> str:
    """The page speaks the question's language: Chinese if it has a Chinese character, else English."""
    return ZH if _HAN.search(text or "") else EN


def say(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == ZH else pair[1]


# Attribute keys of answer items and entity fields → (中文, English).
ATTRS: dict[str, tuple[str, str]] = {
    "year": ("年份", "Year"), "value": ("数值", "Value"), "unit": ("单位", "Unit"), "metric": ("指标", "Metric"),
    "value_text": ("原文数值", "Value as written"), "comparator": ("比较", "Comparator"),
    "places": ("涉及地点", "Places"), "document": ("文件", "Document"), "documents": ("文件数", "Documents"),
    "path": ("章节", "Section"), "level": ("层级", "Level"), "role": ("角色", "Role"), "iso": ("日期", "Date"),
    "kind": ("类别", "Kind"), "id": ("标识", "ID"), "adcode": ("行政区划代码", "Administrative code"),
    "aliases": ("别名", "Aliases"), "source": ("来源文件", "Source file"), "format": ("格式", "Format"),
    "doc_number": ("文号", "Document number"), "dates": ("日期", "Dates"), "issuers": ("发文机关", "Issued by"),
    "addressees": ("主送", "Addressed to"), "planning_period": ("规划期", "Planning period"),
    "count": ("数量", "Count"), "field": ("字段", "Field"), "basis": ("依据", "Basis"),
    "via": ("途径", "Reached via"), "scope": ("范围", "Scope"), "direct": ("直接", "Direct"),
}
# Keys folded into the one "how it reaches the place" badge (see `reach`), never listed on their own.
REACH_KEYS = frozenset({"direct", "scope", "via", "basis"})

BASIS: dict[str, tuple[str, str]] = {
    "explicit": ("原文明确", "stated in the text"), "section_scope": ("章节范围推断", "from the section it is in"),
    "admin_data": ("行政区划数据", "administrative data"), "metadata": ("文件头信息", "document header"),
    "outline": ("章节结构", "document outline"),
}
ROLES = {"issuer": ("发文机关", "issuer"), "addressee": ("主送机关", "addressee")}
KINDS = {"action": ("举措", "action")}

TYPES: dict[str, tuple[str, str]] = {
    "Project": ("项目", "Project"), "Goal": ("目标", "Goal"), "Target": ("指标", "Target"), "Place": ("地点", "Place"),
    "Region": ("区域", "Region"), "Agency": ("机构", "Agency"), "Section": ("章节", "Section"),
    "Value": ("数值", "Value"), "Passage": ("段落", "Passage"), "Document": ("文件", "Document"),
    "Fact": ("事实", "Fact"), "Country": ("国家", "Country"), "Province": ("省级行政区", "Province"),
    "Prefecture": ("地级行政区", "Prefecture"), "County": ("县级行政区", "County"), "Town": ("乡镇", "Town"),
    "NaturalFeature": ("自然地理", "Natural feature"),
}

INTENTS: dict[str, tuple[str, str]] = {
    "projects_by_place": ("某地的项目", "projects in a place"), "goals_by_place": ("某地的目标", "goals for a place"),
    "target_value": ("目标数值", "target values"), "parent_goal_of_project": ("项目对应的目标", "goals a project serves"),
    "section_lookup": ("所在章节", "where in a document"), "region_membership": ("区域范围", "region membership"),
    "agency_of_document": ("文件信息", "document details"), "compare_places": ("比较", "comparison"),
    "count": ("数量", "count"), "cross_document": ("跨文件", "across documents"), "timeline": ("时间线", "timeline"),
    "entity_statements": ("相关表述", "statements about it"), "semantic_passage": ("相关原文", "relevant passages"),
}

# How a project (or goal) reaches the place asked about — one vocabulary for the answer, the CLI and entity pages.
from graph.reach import DIRECT, REGION, SECTION, SENTENCE, SUBDIVISION, reach  # noqa: F401 (re-exported)
REACH: dict[str, tuple[str, str]] = {
    DIRECT: ("直接点名", "named directly"),
    SUBDIVISION: ("经下辖地区", "via a place inside it"),
    REGION: ("经所属区域", "via a region it belongs to"),
    SECTION: ("经章节范围", "via the section it is in"),
    SENTENCE: ("同句提及", "named in the same sentence"),
}


def reach_label(attrs: Mapping, lang: str) -> str | None:
    code = reach(attrs)
    return say(REACH[code], lang) if code else None


def attr_label(key: str, lang: str) -> str:
    return say(ATTRS[key], lang) if key in ATTRS else key.replace("_", " ")


def value_text(key: str, value: object, lang: str) -> str:
    """A value as a reader says it: lists joined, bases and roles named, booleans as yes/no."""
    if isinstance(value, bool):
        return say(("是", "yes") if value else ("否", "no"), lang)
    if isinstance(value, (list, tuple)):
        if key == "path":
            return " › ".join(map(str, value))
        return ("、" if lang == ZH else ", ").join(map(str, value))
    table = {"basis": BASIS, "role": ROLES, "kind": KINDS}.get(key)
    if table and str(value) in table:
        return say(table[str(value)], lang)
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}" if abs(value) >= 10_000 else str(int(value))
    return str(value)


def describe_attrs(attrs: Mapping, lang: str, skip: frozenset[str] = REACH_KEYS) -> str:
    """`label：value · label：value` for the attributes a reader needs (the reach keys go in the badge)."""
    sep = "：" if lang == ZH else ": "
    parts = []
    for key, value in attrs.items():
        if key in skip or value in (None, "", [], ()):
            continue
        parts.append(f"{attr_label(key, lang)}{sep}{value_text(key, value, lang)}")
    return " · ".join(parts)


# The page's own words (titles and buttons stay bilingual; these follow the question).
TEXT: dict[str, tuple[str, str]] = {
    "not_found": ("未找到答案", "Not found"), "maybe": ("可能相关的段落：", "Possibly related passages:"),
    "items": ("项", "item(s)"), "entity_page": ("实体页 →", "Entity page →"),
    "more_sources": ("另外 {n} 条出处", "{n} more source(s)"), "asked": ("问题类型", "Question type"),
    "open_in_document": ("在文件中查看", "open in document"), "searching": ("正在检索…", "Searching…"),
}


def text(key: str, lang: str, **values: object) -> str:
    return say(TEXT[key], lang).format(**values)
