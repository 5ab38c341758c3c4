"""Graph page: an interactive, offline network view of a chosen part of the graph."""
from __future__ import annotations

import streamlit as st

from ui import graphview
from ui.views import exporting, state, subset


def show() -> None:
    st.title("图谱")
    st.caption("Network view of a subset · 按地点、目标、类型和深度选择子图；拖动、缩放、单击突出关系")
    ws = state.workspace()
    chosen = subset.controls(ws, key="graph")
    with st.spinner("正在生成子图…"):
        g = subset.build(ws, chosen)
    n, m = g.number_of_nodes(), g.number_of_edges()
    st.markdown(f"**{n}** 个节点 nodes · **{m}** 条关系 edges")
    if n == 0:
        st.info("这个子图是空的：换一个地点或目标，或选择更多实体类型。")
        return
    if n > graphview.MAX_NODES:
        st.warning(f"子图有 {n} 个节点，超过显示上限 {graphview.MAX_NODES}。请选择地点或目标、减少实体类型或降低深度；"
                   "也可以直接导出整个子图，在 Gephi 中查看。")
    else:
        st.iframe(graphview.render_html(g, height=620, entity_url="./entity?id="), height=700)
    exporting.download_buttons(g, chosen, key="graph")
