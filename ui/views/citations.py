"""Citations shown as users check them: the cited sentence highlighted inside its paragraph, with breadcrumbs."""
from __future__ import annotations

from typing import TYPE_CHECKING

import html
from dataclasses import dataclass

import streamlit as st

from graph.records import Evidence
from ui.views import labels, nav

if TYPE_CHECKING:
    from ui.workspace import Workspace

CONTEXT_CHARS = 240   # at most this much paragraph on each side of the citation, so long paragraphs stay readable
BASIS_ZH = {k: v[0] for k, v in labels.BASIS.items()}


_MARKDOWN_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_{}[]<>()#+-.!|~$"})


def md(text: str) -> str:
    """Text from a document, safe inside st.markdown (no emphasis, links or LaTeX from stray symbols)."""
    return text.translate(_MARKDOWN_SPECIAL)


@dataclass(frozen=True)
class Excerpt:
    before: str
    cited: str
    after: str


def excerpt(text: str, start: int, end: int, context: int = CONTEXT_CHARS) -> Excerpt:
    """The paragraph (line) around text[start:end], cut to `context` characters on each side."""
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    before = text[max(para_start, start - context):start]
    after = text[end:min(para_end, end + context)]
    if start - context > para_start:
        before = "…" + before
    if end + context < para_end:
        after = after + "…"
    return Excerpt(before, text[start:end], after)


@st.cache_resource(max_entries=32, show_spinner=False)
def _stored(_ws: Workspace, root: str, doc_id: str, version: int):
    # Parsing a stored document is the slow part of showing citations: keep the last few, keyed by the
    # file's modification time so that a re-ingested document is read again.
    return _ws.documents.get(doc_id)


def stored_document(ws: Workspace, doc_id: str):
    """The ingested document (None when it was removed since the graph was built)."""
    path = ws.documents.docs_dir / f"{doc_id}.json"
    version = path.stat().st_mtime_ns if path.exists() else 0
    return _stored(ws, str(ws.root), doc_id, version)


def document_text(ws: Workspace, doc_id: str) -> str | None:
    stored = stored_document(ws, doc_id)
    return stored.document.text if stored is not None else None


def document_title(ws: Workspace, doc_id: str, source: str) -> str:
    stored = stored_document(ws, doc_id)
    if stored is None:
        return source
    return stored.metadata.title or stored.document.title_hint or source


def evidence_html(ev: Evidence, text: str | None, title: str, lang: str = labels.ZH) -> str:
    """The cited words highlighted in their paragraph, under the document › section breadcrumbs, with a link
    that opens the passage in its document (the Documents page, at a stable URL)."""
    crumbs = " › ".join(html.escape(p) for p in (title, *ev.section_path))
    if text is not None and text[ev.char_start:ev.char_end] == ev.text:
        ex = excerpt(text, ev.char_start, ev.char_end)
    else:   # offsets no longer match the stored text: show the cited words alone rather than a wrong paragraph
        ex = Excerpt("", ev.text, "")
    basis = labels.say(labels.BASIS[ev.basis], lang) if ev.basis in labels.BASIS else ev.basis
    href = html.escape(nav.document_url(ev.doc_id, ev.char_start, ev.char_end))
    return (f'<div class="pkg-cite"><div style="font-size:0.85em;color:#555">{crumbs}'
            f' <span style="color:#888">· {html.escape(basis)} ·</span>'
            f' <a class="pkg-open" href="{href}" target="_self">{html.escape(ev.source)}'
            f' [{ev.char_start}:{ev.char_end}] · {html.escape(labels.text("open_in_document", lang))} ↗</a></div>'
            f'<div style="line-height:1.7">{html.escape(ex.before)}'
            f'<mark style="background:#ffe58f;padding:0 2px">{html.escape(ex.cited)}</mark>'
            f'{html.escape(ex.after)}</div></div>')


def show_evidence(ws: Workspace, evidence: tuple[Evidence, ...] | list[Evidence], limit: int = 3,
                  lang: str = labels.ZH) -> None:
    """Each citation in its paragraph; beyond `limit`, the rest in a collapsed expander."""
    for i, ev in enumerate(evidence):
        if i == limit:
            more = st.expander(labels.text("more_sources", lang, n=len(evidence) - limit))
        target = st if i < limit else more
        target.markdown(evidence_html(ev, document_text(ws, ev.doc_id), document_title(ws, ev.doc_id, ev.source),
                                      lang), unsafe_allow_html=True)
