"""The app's pages (title, URL, view function) and links between them."""
from __future__ import annotations

from importlib import import_module

import streamlit as st

# (url_path, title, icon, module): the order is the sidebar's.
PAGES: tuple[tuple[str, str, str, str], ...] = (
    ("ask", "问答 Ask", ":material/question_answer:", "ui.views.ask"),
    ("entity", "实体 Entity", ":material/label:", "ui.views.entity"),
    ("trace", "溯源 Trace", ":material/account_tree:", "ui.views.trace"),
    ("graph", "图谱 Graph", ":material/hub:", "ui.views.graph"),
    ("export", "导出 Export", ":material/download:", "ui.views.export"),
    ("documents", "文档 Documents", ":material/description:", "ui.views.documents"),
)


def page(url_path: str) -> st.Page:
    for path, title, icon, module in PAGES:
        if path == url_path:
            # Imported on use: the view modules link to each other through this module.
            return st.Page(import_module(module).show, title=title, icon=icon, url_path=path,
                           default=path == PAGES[0][0])
    raise KeyError(url_path)


def all_pages() -> list[st.Page]:
    return [page(path) for path, *_ in PAGES]


def entity_link(label: str, uri: str, *, help: str | None = None) -> None:
    """A link that opens the entity page of `uri` (inside the app: the session's state is kept)."""
    st.page_link(page("entity"), label=label, query_params={"entity": uri}, help=help)


def trace_link(label: str, uri: str) -> None:
    st.page_link(page("trace"), label=label, query_params={"project": uri})


def graph_link(label: str, **subset: str) -> None:
    """Open the Graph page around an entity (`place=<uri>` or `goal=<uri>`)."""
    st.page_link(page("graph"), label=label, query_params=subset)
