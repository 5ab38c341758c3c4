"""The part of the graph the Graph and Export pages show: chosen by place, goal, entity types and depth."""
from __future__ import annotations

from typing import TYPE_CHECKING

from dataclasses import dataclass

import networkx as nx
import streamlit as st

from graph.network import DEFAULT_TYPES, NODE_TYPES, subgraph
from ui.views import labels, nav, pickers

if TYPE_CHECKING:
    from ui.workspace import Workspace

LAST_KEY = "subset_last"   # the last subset chosen, shared by the Graph and Export pages


@dataclass(frozen=True)
class Subset:
    place: str | None = None      # entity URIs
    goal: str | None = None
    types: tuple[str, ...] = DEFAULT_TYPES
    depth: int = 1

    def describe(self, names: dict[str, str] | None = None) -> str:
        """In words: 地点 Place 昭通市 · 类型 Types 项目、目标 · 深度 Depth 1 (`names`: entity IRI → label)."""
        names = names or {}
        kinds = "、".join(labels.TYPES.get(t, (t, t))[0] for t in self.types)
        parts = [f"类型 Types：{kinds or '—'}", f"深度 Depth：{self.depth}"]
        if self.goal:
            parts.insert(0, f"目标 Goal：{names.get(self.goal, nav.entity_id(self.goal))}")
        if self.place:
            parts.insert(0, f"地点 Place：{names.get(self.place, nav.entity_id(self.place))}")
        return " · ".join(parts)


def controls(ws: Workspace, key: str) -> Subset:
    """Filter widgets (prefilled from ?place= / ?goal= or the last subset chosen); returns the chosen subset."""
    last: Subset = st.session_state.get(LAST_KEY, Subset())
    linked = {k: nav.entity_uri(st.query_params[k]) for k in ("place", "goal") if st.query_params.get(k)}
    if linked:   # arriving from an entity page's link: start from that entity alone
        last = Subset(place=linked.get("place"), goal=linked.get("goal"), types=last.types, depth=last.depth)
    c1, c2 = st.columns(2)
    with c1:
        place = pickers.entity_picker(ws, "地点 Place", ("Place", "Region"), key=f"{key}_place", default=last.place)
    with c2:
        goal = pickers.entity_picker(ws, "目标 Goal", ("Goal",), key=f"{key}_goal", default=last.goal)
    c3, c4 = st.columns([3, 1])
    types = c3.multiselect("实体类型 Types", NODE_TYPES, default=[t for t in last.types if t in NODE_TYPES],
                           format_func=lambda t: " ".join(labels.TYPES.get(t, (t, t))), key=f"{key}_types")
    depth = c4.slider("深度 Depth", 1, 4, last.depth, key=f"{key}_depth")
    chosen = Subset(place, goal, tuple(types), depth)
    st.session_state[LAST_KEY] = chosen
    return chosen


CACHE_KEY = "subset_graphs"


def build(ws: Workspace, subset: Subset) -> nx.Graph:
    """The subgraph, remembered for this session (widgets rerun the page often; an upload clears it)."""
    cache: dict = st.session_state.setdefault(CACHE_KEY, {})
    key = (str(ws.root), subset)
    if key not in cache:
        if len(cache) > 16:
            cache.clear()
        cache[key] = subgraph(ws.graph, place=subset.place, goal=subset.goal, types=subset.types or None,
                              depth=subset.depth)
    return cache[key]
