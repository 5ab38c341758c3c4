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
    names = {n: str(d.get("label", n)) for n, d in g.nodes(data=True)}
    st.markdown(f"将导出 **{g.number_of_nodes()}** 个节点 nodes、**{g.number_of_edges()}** 条关系 edges"
                f"（{chosen.describe(names)}）")
    if g.number_of_nodes() == 0:
        st.info("这个子图是空的，没有可导出的内容。")
        return
    exporting.download_buttons(g, chosen, key="export")
    st.caption("在 Gephi 中 In Gephi：文件 › 打开 File › Open；外观 Appearance › 节点 Nodes › 分区 Partition 选 `type` 或 "
               "`kind` 着色（文件已带类型颜色 colours come with the file）；大小 Size › 排名 Ranking 选 `degree` 或 "
               "`mentions`；边的 `relation` 可用于筛选 filter edges by `relation`；`evidence`、`source`、`section_path` "
               "在数据资料 Data Laboratory 中可见。")
