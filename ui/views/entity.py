"""Entity page (?entity=<uri>): a place, project, goal/target, agency or document with its relations and evidence."""
from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from graph import describe, queries
from graph.records import Item
from graph.vocab import node
from ui.views import ask, citations, labels, nav, pickers, state

if TYPE_CHECKING:
    from ui.workspace import Workspace

BASIS_ZH = citations.BASIS_ZH


def show() -> None:
    """`entity?id=place/adcode:530600` (the stable address; `?entity=<IRI>` is read too)."""
    ws = state.workspace()
    ref = st.query_params.get("id") or st.query_params.get("entity")
    uri = nav.entity_uri(ref) if ref else None
    if not uri:
        st.title("实体")
        st.caption("Entity pages: places, projects, goals · 输入名称查找")
        picked = pickers.entity_picker(ws, "查找实体 Find", ("Place", "Project", "Goal", "Agency", "Document"),
                                       key="entity_find")
        if picked:
            st.query_params["id"] = nav.entity_id(picked)
            st.rerun()
        return
    item = describe.describe(ws.graph, uri)
    if item is None:
        st.warning(f"图谱中没有这个实体 No such entity：`{nav.entity_id(uri)}`")
        return
    st.title(item.label)
    zh, en = labels.TYPES.get(item.type, (item.type, item.type))
    st.caption(f"{zh} {en} · `{nav.entity_id(uri)}`")
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


def field_text(key: str, value: object) -> str:
    return labels.value_text(key, value, labels.ZH)


def show_fields(item: Item) -> None:
    lines = [f"- **{labels.attr_label(k, labels.ZH)} {labels.attr_label(k, labels.EN)}**："
             f"{citations.md(field_text(k, v))}" for k, v in item.attrs.items() if k not in labels.REACH_KEYS]
    if lines:
        st.markdown("\n".join(lines))


def basis_note(it: Item) -> str:
    basis = it.attrs.get("basis", "")
    return " ".join(labels.BASIS[basis]) if basis in labels.BASIS else ""


def badge(item: Item, note=None) -> str:
    """A coloured marker saying how the relation reaches this entity, in the same words as the Ask page and
    `policykg ask`: named directly, via a place inside it, via a region, via the section, or the same sentence."""
    code = labels.reach(item.attrs)
    if code is not None:
        zh, en = labels.REACH[code]
        return f":{ask.REACH_COLOURS[code]}-badge[{zh} {en}]"
    extra = note(item) if note else basis_note(item)
    return f":blue-badge[{extra}]" if extra else ""


def item_list(ws: Workspace, items: list[Item], empty: str, note=None) -> None:
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
        item_list(ws, queries.region_members(ws.graph, item.uri), "没有记录成员。", note=basis_note)
    else:
        regions = queries.regions_of(ws.graph, item.uri)
        st.subheader(f"所属区域 Regions（{len(regions)}）")
        item_list(ws, regions, "不属于文件定义的任何区域。")
    projects = queries.projects_by_place(ws.graph, item.uri)
    counts = {code: sum(labels.reach(p.attrs) == code for p in projects) for code in labels.REACH}
    split = "，".join(f"{labels.REACH[c][0]} {n}" for c, n in counts.items() if n)
    st.subheader(f"涉及的项目 Projects（{len(projects)}{'：' + split if split else ''}）")
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
        card(ws, it, " · ".join(p for p in (citations.md(goal_line(it)) or "定性目标 qualitative", badge(it)) if p))


def show_document(ws: Workspace, item: Item) -> None:
    """A document's header fields as the graph records them (the Documents page shows its outline)."""
    for meta in queries.document_metadata(ws.graph, item.attrs.get("id")):
        show_fields(Item(meta.label, meta.type, meta.uri, (), {k: v for k, v in meta.attrs.items() if k != "doc_id"}))
    doc_id = item.attrs.get("id")
    st.page_link(nav.page("documents"), label="原文、元数据与提纲 Text, metadata and outline →",
                 query_params={"doc": doc_id} if doc_id else None)


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
    item_list(ws, projects, "没有项目明确服务于这个目标。", note=basis_note)


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
            item_list(ws, places, "", note=basis_note)
    st.subheader("项目 → 章节 → 目标 Project → section → goal")
    st.markdown("**① 项目在原文中的出处 Mentions**")
    citations.show_evidence(ws, tuple(e for m in mentions for e in m.citations))
    st.markdown(f"**② 所在章节 Sections**（{len(sections)}）")
    for s in sections:
        path = " › ".join([s.attrs.get("document", ""), *s.attrs.get("path", [])])
        st.markdown(f"- {citations.md(path)}")
    st.markdown(f"**③ 服务的目标 Goals**（{len(goals)}）")
    show_goal_items(ws, goals)
