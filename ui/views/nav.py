"""The app's pages (title, URL, view function), their stable URLs and the links between them."""
from __future__ import annotations

from importlib import import_module
from urllib.parse import quote, urlencode

import streamlit as st

from graph.vocab import ID

# (url_path, title, icon, module): the order is the sidebar's.
PAGES: tuple[tuple[str, str, str, str], ...] = (
    ("ask", "问答 Ask", ":material/question_answer:", "ui.views.ask"),
    ("entity", "实体 Entity", ":material/label:", "ui.views.entity"),
    ("trace", "溯源 Trace", ":material/account_tree:", "ui.views.trace"),
    ("graph", "图谱 Graph", ":material/hub:", "ui.views.graph"),
    ("export", "导出 Export", ":material/download:", "ui.views.export"),
    ("documents", "文档 Documents", ":material/description:", "ui.views.documents"),
)


def _home() -> None:
    """The app's root URL opens the Ask page under its own address (/ask), keeping any query parameters."""
    st.switch_page(page("ask"), query_params=st.query_params.to_dict())


_pages: dict[str, st.Page] = {}


def page(url_path: str) -> st.Page:
    for path, title, icon, module in PAGES:
        if path == url_path:
            # Imported on use: the view modules link to each other through this module.
            return st.Page(import_module(module).show, title=title, icon=icon, url_path=path)
    raise KeyError(url_path)


def all_pages() -> list[st.Page]:
    # A default page is served at "/" only; a hidden root page that forwards to /ask lets /ask itself resolve.
    home = st.Page(_home, title="PolicyKG", url_path="home", default=True, visibility="hidden")
    return [home, *(page(path) for path, *_ in PAGES)]


# --- stable addresses ------------------------------------------------------------------------------

def entity_id(uri: str) -> str:
    """The short, stable id of an entity in app URLs: its IRI without the instance namespace (place/adcode:530600)."""
    return uri[len(str(ID)):] if uri.startswith(str(ID)) else uri


def entity_uri(ref: str) -> str:
    """Back from a short id (or a full IRI, as older links carry) to the entity's IRI."""
    return ref if "://" in ref else str(ID) + quote(ref, safe="/:-_.~%")


def entity_url(uri: str) -> str:
    """Relative app URL of an entity page, e.g. `entity?id=place/adcode:530600`."""
    return "entity?" + urlencode({"id": entity_id(uri)}, safe="/:%")


def document_url(doc_id: str, start: int | None = None, end: int | None = None) -> str:
    """Relative app URL of a document, opened at a passage (`documents?doc=…&start=…&end=…`)."""
    params = {"doc": doc_id, **({"start": start, "end": end} if start is not None and end is not None else {})}
    return "documents?" + urlencode(params)


def entity_link(label: str, uri: str, *, help: str | None = None) -> None:
    """A link that opens the entity page of `uri` (inside the app: the session's state is kept)."""
    st.page_link(page("entity"), label=label, query_params={"id": entity_id(uri)}, help=help)


def trace_link(label: str, uri: str) -> None:
    st.page_link(page("trace"), label=label, query_params={"project": entity_id(uri)})


def graph_link(label: str, **subset: str) -> None:
    """Open the Graph page around an entity (`place=<uri>` or `goal=<uri>`)."""
    st.page_link(page("graph"), label=label, query_params={k: entity_id(v) for k, v in subset.items()})
