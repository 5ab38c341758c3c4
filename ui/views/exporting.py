"""Download buttons for a subset as GEXF or GraphML (the same exporter as `policykg export`)."""
from __future__ import annotations

import networkx as nx
import streamlit as st

from graph.export import export
from ui.views.subset import Subset

MIME = {"gexf": "application/xml", "graphml": "application/xml"}


def file_name(chosen: Subset, format: str) -> str:
    scope = "subset" if (chosen.place or chosen.goal) else "graph"
    return f"policykg-{scope}-d{chosen.depth}.{format}"


def download_buttons(g: nx.Graph, chosen: Subset, key: str) -> None:
    cols = st.columns(2)
    for col, format in zip(cols, ("gexf", "graphml")):
        # Deferred: the file is written only when the button is pressed, not on every rerun of the page.
        col.download_button(f"下载 {format.upper()}（Gephi）", data=lambda f=format: export(g, f),
                            file_name=file_name(chosen, format), mime=MIME[format], key=f"{key}_{format}",
                            on_click="ignore", width="stretch")
