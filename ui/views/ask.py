"""Ask page: a question → the answer as a list or a value, each item with its highlighted citations.

The question is kept in the URL (`ask?q=…`), so an answer can be linked to, and coming back from a
citation's document shows it again.
"""
from __future__ import annotations

import streamlit as st

from search.records import Answer
from ui.views import citations, labels, nav, state

EXAMPLES = ("哪些项目涉及昭通", "到2025年昆明市经济总量目标是多少", "大理州属于沿边州市吗", "边境贸易怎么发展")
ENTITY_TYPES = {"Project", "Goal", "Target", "Place", "Region", "Agency"}   # items that have an entity page
TYPE_ZH = {k: v[0] for k, v in labels.TYPES.items()}
LABEL_CHARS = 60   # passages come back as items too; their full text is in the citation below
REACH_COLOURS = {labels.DIRECT: "green", labels.SUBDIVISION: "green", labels.REGION: "orange",
                 labels.SECTION: "orange", labels.SENTENCE: "gray"}


def _ask(question: str) -> None:
    st.session_state["ask_question"] = question


def show() -> None:
    st.title("政策问答")
    st.caption("Ask a question about the ingested policy documents, in Chinese or English · 用中文或英文提问，答案附原文出处")
    linked = (st.query_params.get("q") or "").strip()
    if linked and "ask_question" not in st.session_state:
        st.session_state["ask_question"] = linked    # opened from a link (or coming back to one)
    st.write("示例问题 Examples：")
    with st.container(horizontal=True):   # buttons as wide as their text, wrapping: no question is cut off
        for example in EXAMPLES:
            st.button(example, on_click=_ask, args=(example,), width="content")
    with st.form("ask", border=False):
        question = st.text_input("问题 Question", key="ask_question", placeholder="例如：哪些项目涉及某地？")
        submitted = st.form_submit_button("提问 Ask", type="primary")
    question = (question or "").strip()
    if not question:
        return
    if st.query_params.get("q") != question:
        st.query_params["q"] = question
    lang = labels.language(question)
    if submitted or st.session_state.get("ask_answered") != question:
        ws = state.workspace()
        with st.spinner(labels.text("searching", lang)):
            st.session_state["ask_result"] = ws.ask(question)
        st.session_state["ask_answered"] = question
    show_answer(st.session_state["ask_result"], lang)


def short(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS] + "…"


def describe_attrs(attrs: dict, lang: str = labels.ZH) -> str:
    return labels.describe_attrs(attrs, lang)


def reach_badge(attrs: dict, lang: str) -> str:
    """A coloured marker for how the item reaches the place asked about ("" when it has no such link)."""
    code = labels.reach(attrs)
    if code is None:
        return ""
    return f":{REACH_COLOURS[code]}-badge[{labels.say(labels.REACH[code], lang)}]"


def show_answer(answer: Answer, lang: str | None = None) -> None:
    ws = state.workspace()
    lang = lang or labels.language(answer.question)
    if not answer.found:
        st.warning(f"{labels.text('not_found', lang)}：{answer.answer}" if answer.answer
                   else labels.text("not_found", lang))
        if answer.citations:
            st.caption(labels.text("maybe", lang))
            citations.show_evidence(ws, answer.citations, lang=lang)
        return
    st.success(answer.answer)
    asked = labels.say(labels.INTENTS[answer.intent], lang) if answer.intent in labels.INTENTS else ""
    st.caption(" · ".join(p for p in (f"{labels.text('asked', lang)}：{asked}" if asked else "",
                                      f"{len(answer.items)} {labels.text('items', lang)}") if p))
    for n, item in enumerate(answer.items, 1):
        with st.container(border=True):
            head, link = st.columns([4, 1])
            kind = labels.say(labels.TYPES[item.type], lang) if item.type in labels.TYPES else item.type
            details = describe_attrs(item.attrs, lang)
            line = " · ".join(p for p in (f"`{kind}`", reach_badge(item.attrs, lang),
                                          citations.md(details) if details else "") if p)
            head.markdown(f"**{n}. {citations.md(short(item.label))}**  \n{line}")
            if item.type in ENTITY_TYPES and item.uri:
                with link:
                    nav.entity_link(labels.text("entity_page", lang), item.uri)
            citations.show_evidence(ws, item.citations, lang=lang)
    if not answer.items and answer.citations:
        citations.show_evidence(ws, answer.citations, lang=lang)
