"""Export page: the chosen subset (or the whole graph) as GEXF or GraphML for Gephi."""
from __future__ import annotations

import streamlit as st

from ui.views import exporting, state, subset


def show() -> None:
    st.title("导出")
    st.caption("Export a subset as GEXF or GraphML · 与 `policykg export` 使用同一导出器")
    ws = state.workspace()
    chosen = subset.controls(ws, key="export")
    with st.spinner("正在生成子图…"):
        g = subset.build(ws, chosen)
    st.markdown(f"将导出 **{g.number_of_nodes()}** 个节点、**{g.number_of_edges()}** 条关系（{chosen.describe()}）")
    if g.number_of_nodes() == 0:
        st.info("这个子图是空的，没有可导出的内容。")
        return
    exporting.download_buttons(g, chosen, key="export")
