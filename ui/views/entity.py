"""Entity page (?entity=<uri>): a place, project, goal/target, agency or document with its relations and evidence."""
from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from graph import describe, queries
from graph.records import Item
from graph.vocab import node
from ui.views import ask, citations, nav, pickers, state

if TYPE_CHECKING:
    from ui.workspace import Workspace

VIA_ZH = ask.VIA_ZH
BASIS_ZH = citations.BASIS_ZH


def show() -> None:
    ws = state.workspace()
    uri = st.query_params.get("entity")
    if not uri:
        st.title("实体")
        st.caption("Entity pages: places, projects, goals · 输入名称查找")
        picked = pickers.entity_picker(ws, "查找实体 Find", ("Place", "Project", "Goal", "Agency", "Document"),
                                       key="entity_find")
        if picked:
            st.query_params["entity"] = picked
            st.rerun()
        return
    item = describe.describe(ws.graph, uri)
    if item is None:
        st.warning(f"图谱中没有这个实体：{uri}")
        return
    st.title(item.label)
    st.caption(f"{pickers.TYPE_ZH.get(item.type, item.type)} {item.type} · {uri}")
    if item.type == "Project":
        show_project(ws, item)
    elif item.type in ("Goal", "Target", "Fact"):
        show_goal(ws, item)
    elif item.type in describe.PLACE_CLASSES:
        show_place(ws, item)
    elif item.type == "Document":
        show_document(ws, item)
    else:
        show_fields(item)
        if item.citations:
            citations.show_evidence(ws, item.citations)


FIELD_ZH = {"id": "标识 ID", "adcode": "行政区划代码 adcode", "aliases": "别名 Aliases", "year": "年份 Year",
            "metric": "指标 Metric", "value": "数值 Value", "unit": "单位 Unit", "comparator": "比较 Comparator",
            "value_text": "原文数值 Value text", "source": "来源 Source", "format": "格式 Format",
            "doc_number": "文号 Number", "dates": "日期 Dates", "issuers": "发文机关 Issuers",
            "addressees": "主送 Addressees", "planning_period": "规划期 Period"}


def field_text(value: object) -> str:
    return "、".join(map(str, value)) if isinstance(value, (list, tuple)) else str(value)


def show_fields(item: Item) -> None:
    lines = [f"- **{FIELD_ZH.get(k, k)}**：{citations.md(field_text(v))}" for k, v in item.attrs.items()]
    if lines:
        st.markdown("\n".join(lines))


def scope_note(item: Item) -> str:
    """How a relation reaches the entity: directly, through a sub-division or region, or by section scope."""
    notes = [VIA_ZH.get(v, v) for v in item.attrs.get("via", []) if v != "self"]
    basis = item.attrs.get("basis")
    if basis and basis != "explicit":
        notes.append(BASIS_ZH.get(basis, basis))
    return " · ".join(notes) or "直接"


def is_direct(item: Item) -> bool:
    """Stated in a sentence about this very entity (not only about a sub-division, a region or a section)."""
    if "direct" in item.attrs:   # computed by the query from basis, path and the link's confidence
        return bool(item.attrs["direct"]) and "self" in item.attrs.get("via", ["self"])
    return "self" in item.attrs.get("via", ["self"]) and item.attrs.get("basis", "explicit") == "explicit"


def badge(item: Item, note=scope_note) -> str:
    """A coloured marker: green for a relation stated about this entity, orange for one reached indirectly."""
    return ":green-badge[直接 direct]" if is_direct(item) else f":orange-badge[间接 · {note(item) or '推断'}]"


def item_list(ws: Workspace, items: list[Item], empty: str, note=scope_note) -> None:
    if not items:
        st.caption(empty)
        return
    for it in items:
        places = f" · 涉及：{citations.md('、'.join(it.attrs['places']))}" if it.attrs.get("places") else ""
        card(ws, it, f"{badge(it, note)}{places}")


def card(ws: Workspace, it: Item, subtitle: str) -> None:
    """One related entity: its label, a line about the link, a link to its page and its first citation."""
    with st.container(border=True):
        head, link = st.columns([4, 1])
        head.markdown(f"**{citations.md(it.label)}**  \n{subtitle}")
        with link:
            nav.entity_link("实体页 →", it.uri)
        citations.show_evidence(ws, it.citations, limit=1)


def show_place(ws: Workspace, item: Item) -> None:
    nav.graph_link("在图谱中查看 Graph →", place=item.uri)
    show_fields(item)
    place_id = item.attrs.get("id", "")
    gaz = ws.gazetteer
    if place_id in gaz:
        parent = gaz.parent(place_id)
        children = gaz.children(place_id)
        c1, c2 = st.columns([1, 3])
        with c1:
            st.markdown("**上级 Parent**")
            if parent is not None:
                nav.entity_link(parent.name, str(node("place", parent.place_id)))
            else:
                st.caption("—")
        with c2:
            st.markdown(f"**下辖 Children**（{len(children)}）")
            st.write("、".join(c.name for c in children) or "—")
    if item.type == "Region":
        st.subheader("区域成员 Members")
        item_list(ws, queries.region_members(ws.graph, item.uri), "没有记录成员。",
                  note=lambda it: BASIS_ZH.get(it.attrs.get("basis", ""), ""))
    else:
        regions = queries.regions_of(ws.graph, item.uri)
        st.subheader(f"所属区域 Regions（{len(regions)}）")
        item_list(ws, regions, "不属于文件定义的任何区域。")
    projects = queries.projects_by_place(ws.graph, item.uri)
    direct = sum(map(is_direct, projects))
    st.subheader(f"涉及的项目 Projects（{len(projects)}：直接 {direct}，间接 {len(projects) - direct}）")
    item_list(ws, projects, "没有项目涉及这里。")
    goals = queries.goals_by_place(ws.graph, item.uri)
    st.subheader(f"目标与指标 Goals & targets（{len(goals)}）")
    show_goal_items(ws, goals)


def goal_line(it: Item) -> str:
    a = it.attrs
    parts = [f"{a['metric']}" if a.get("metric") else "", f"{a.get('comparator', '')}{a['value_text']}"
             if a.get("value_text") else "", f"{a['year']}年" if a.get("year") else ""]
    return " · ".join(p for p in parts if p)


def show_goal_items(ws: Workspace, goals: list[Item]) -> None:
    if not goals:
        st.caption("没有记录目标。")
        return
    for it in goals:
        card(ws, it, f"{citations.md(goal_line(it)) or '定性目标'} · {badge(it, scope_note)}")


def show_document(ws: Workspace, item: Item) -> None:
    """A document's header fields as the graph records them (the Documents page shows its outline)."""
    for meta in queries.document_metadata(ws.graph, item.attrs.get("id")):
        show_fields(Item(meta.label, meta.type, meta.uri, (), {k: v for k, v in meta.attrs.items() if k != "doc_id"}))
    st.page_link(nav.page("documents"), label="文档列表与提纲 Documents →")


def show_goal(ws: Workspace, item: Item) -> None:
    nav.graph_link("在图谱中查看 Graph →", goal=item.uri)
    a = item.attrs
    cols = st.columns(4)
    for col, (name, key) in zip(cols, (("指标 Metric", "metric"), ("目标值 Value", "value_text"),
                                       ("单位 Unit", "unit"), ("年份 Year", "year"))):
        col.metric(name, str(a.get(key, "—")))
    if a.get("value") is not None:
        st.caption(f"规范化数值 normalised value: {a.get('comparator', '')}{a['value']} {a.get('unit', '')}")
    st.subheader("原文 Statement")
    citations.show_evidence(ws, item.citations)
    projects = describe.projects_serving(ws.graph, item.uri)
    st.subheader(f"服务该目标的项目 Projects serving it（{len(projects)}）")
    item_list(ws, projects, "没有项目明确服务于这个目标。",
              note=lambda it: BASIS_ZH.get(it.attrs.get("basis", ""), ""))


def show_project(ws: Workspace, item: Item) -> None:
    chain = queries.trace(ws.graph, item.uri)
    mentions = [i for i in chain if i.type == "Project"]
    sections = [i for i in chain if i.type == "Section"]
    goals = [i for i in chain if i.type == "Goal"]
    places = [i for i in chain if i.type == "Place"]
    nav.trace_link("查看溯源图 Trace →", item.uri)
    st.subheader(f"涉及地点 Places（{len(places)}）")
    st.markdown("、".join(citations.md(p.label) for p in places) or "没有记录地点。")
    if places:
        # Places named in one sentence share its citation: details folded away so the lineage stays in view.
        with st.expander("各地点的出处与实体页 Evidence per place"):
            item_list(ws, places, "", note=lambda it: BASIS_ZH.get(it.attrs.get("basis", ""), ""))
    st.subheader("项目 → 章节 → 目标 Project → section → goal")
    st.markdown("**① 项目在原文中的出处 Mentions**")
    citations.show_evidence(ws, tuple(e for m in mentions for e in m.citations))
    st.markdown(f"**② 所在章节 Sections**（{len(sections)}）")
    for s in sections:
        path = " › ".join([s.attrs.get("document", ""), *s.attrs.get("path", [])])
        st.markdown(f"- {citations.md(path)}")
    st.markdown(f"**③ 服务的目标 Goals**（{len(goals)}）")
    show_goal_items(ws, goals)
