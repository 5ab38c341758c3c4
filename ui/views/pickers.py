"""Choosing an entity by typing part of its name (graph.queries.find_entities)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from graph import queries
from graph.describe import describe

if TYPE_CHECKING:
    from ui.workspace import Workspace

TYPE_ZH = {"Project": "项目", "Goal": "目标", "Target": "指标", "Place": "地点", "Region": "区域",
           "Agency": "机构", "Document": "文件", "Section": "章节", "Fact": "事实", "Country": "国家",
           "Province": "省", "Prefecture": "地级行政区", "County": "县级行政区", "Town": "乡镇",
           "NaturalFeature": "自然地理"}
_QUERY_TYPES = {"Place": "place", "Region": "region", "Project": "project", "Goal": "goal", "Target": "goal",
                "Agency": "agency", "Document": "document"}


def matches(ws: Workspace, text: str, types: tuple[str, ...], limit: int = 30) -> list:
    kinds = dict.fromkeys(_QUERY_TYPES[t] for t in types if t in _QUERY_TYPES) or {None: None}
    found: dict[str, object] = {}
    for kind in kinds:
        for item in queries.find_entities(ws.graph, text, type=kind, limit=limit):
            found.setdefault(item.uri, item)
    return list(found.values())[:limit]


def entity_picker(ws: Workspace, label: str, types: tuple[str, ...], key: str,
                  default: str | None = None) -> str | None:
    """A search box and a choice among the matches; returns the chosen entity's URI (or None)."""
    text = st.text_input(label, key=f"{key}_text", placeholder="输入名称的一部分，如：昆明")
    options: dict[str, str] = {}
    if default and not text:
        found = describe(ws.graph, default)
        options[default] = found.label if found is not None else default
    for item in matches(ws, text.strip(), types) if text.strip() else ():
        options[item.uri] = f"{item.label}（{TYPE_ZH.get(item.type, item.type)}）"
    if text.strip() and not options:
        st.caption("没有匹配的实体 no match")
    if not options:
        return None
    keys = list(options)
    # Nothing is chosen until the user picks (or a default is carried over): typing alone must not navigate.
    return st.selectbox(f"{label}：选择", keys, format_func=options.get, key=f"{key}_pick",
                        index=keys.index(default) if default in keys else None, placeholder="选择一个匹配项…")
