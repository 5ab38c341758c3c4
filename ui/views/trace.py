"""Trace page: a project's lineage up to the goals it serves, as a small tree with evidence."""
from __future__ import annotations

import networkx as nx
import streamlit as st

from graph import queries
from graph.records import Item
from ui import graphview
from ui.views import citations, nav, pickers, state


def lineage(items: list[Item]) -> nx.DiGraph:
    """Project → section(s) → goal(s), and project → place(s), from `graph.queries.trace` items.

    Layers run from the goals (top) down through the sections to the project and its places.
    """
    g = nx.DiGraph()
    project = next(i for i in items if i.type == "Project")
    g.add_node(project.uri, label=project.label, type="Project", layer=2)
    sections = [i for i in items if i.type == "Section"]
    for s in sections:
        g.add_node(s.uri, label=s.label, type="Section", layer=1)
        g.add_edge(project.uri, s.uri, relation="mentionedIn", label="所在章节 in section")
    for goal in (i for i in items if i.type == "Goal"):
        g.add_node(goal.uri, label=goal.label, type="Goal", layer=0)
        cited_in = {tuple(e.section_path) for e in goal.citations}
        parents = [s.uri for s in sections if tuple(s.attrs.get("path", ())) in cited_in or
                   any(p[:len(s.attrs.get("path", ()))] == tuple(s.attrs.get("path", ())) for p in cited_in)]
        if goal.attrs.get("basis") != "outline" or not parents:
            g.add_edge(project.uri, goal.uri, relation="servesGoal", label="服务目标 serves goal")
        for parent in parents:
            g.add_edge(parent, goal.uri, relation="outline", label="章节结构 document outline")
    for place in (i for i in items if i.type == "Place"):
        g.add_node(place.uri, label=place.label, type="Place", layer=3)
        g.add_edge(project.uri, place.uri, relation="involvesPlace", label="涉及地点 involves place")
    return g


def show() -> None:
    st.title("溯源")
    st.caption("Trace a project up to its goals · 项目 → 章节 → 目标")
    ws = state.workspace()
    ref = st.query_params.get("project")
    uri = nav.entity_uri(ref) if ref else None
    picked = pickers.entity_picker(ws, "项目 Project", ("Project",), key="trace_project")
    if picked and picked != uri:
        uri = picked
        st.query_params["project"] = nav.entity_id(picked)
    if not uri:
        st.info("输入项目名称的一部分并选择一个项目。")
        return
    items = queries.trace(ws.graph, uri)
    project = next(i for i in items if i.type == "Project")
    st.subheader(project.label)
    nav.entity_link("实体页 →", project.uri)
    g = lineage(items)
    st.iframe(graphview.render_html(g, height=420, entity_url="./entity?id=", layered=True), height=520)
    st.markdown("**项目出处 Mentions**")
    citations.show_evidence(ws, project.citations, limit=2)
    for s in (i for i in items if i.type == "Section"):
        st.markdown(f"- 章节 Section：{citations.md(' › '.join([s.attrs.get('document', ''), *s.attrs.get('path', [])]))}")
    for goal in (i for i in items if i.type == "Goal"):
        how = ("明确服务 stated as served" if goal.attrs.get("basis") != "outline"
               else "同一章节的目标（章节结构推断） a goal of the same section (from the outline)")
        st.markdown(f"**目标 Goal：{citations.md(goal.label)}** · {how}")
        citations.show_evidence(ws, goal.citations, limit=1)
