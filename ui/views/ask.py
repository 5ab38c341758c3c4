"""Ask page: a question in Chinese → the answer as a list or a value, each item with its highlighted citations."""
from __future__ import annotations

import streamlit as st

from search.records import Answer
from ui.views import citations, nav, state

EXAMPLES = ("哪些项目涉及昭通", "到2025年昆明市经济总量目标是多少", "大理州属于沿边州市吗", "边境贸易怎么发展")
ENTITY_TYPES = {"Project", "Goal", "Target", "Place", "Region", "Agency"}   # items that have an entity page
TYPE_ZH = {"Project": "项目", "Goal": "目标", "Target": "指标", "Place": "地点", "Region": "区域", "Agency": "机构",
           "Section": "章节", "Value": "数值", "Passage": "段落", "Document": "文件"}


def _ask(question: str) -> None:
    st.session_state["ask_question"] = question


def show() -> None:
    st.title("政策问答")
    st.caption("Ask a question about the ingested policy documents · 用中文提问，答案附原文出处")
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
    if submitted or st.session_state.get("ask_answered") != question:
        ws = state.workspace()
        with st.spinner("正在检索…"):
            st.session_state["ask_result"] = ws.ask(question)
        st.session_state["ask_answered"] = question
    show_answer(st.session_state["ask_result"])


ATTR_ZH = {"year": "年份", "value": "数值", "unit": "单位", "metric": "指标", "value_text": "原文数值",
           "basis": "依据", "via": "途径", "places": "地点", "document": "文件", "comparator": "比较", "scope": "范围"}
VIA_ZH = {"self": "直接", "within": "经下辖行政区", "region": "经所属区域"}
LABEL_CHARS = 60   # passages come back as items too; their full text is in the citation below


def short(label: str) -> str:
    label = " ".join(label.split())
    return label if len(label) <= LABEL_CHARS else label[:LABEL_CHARS] + "…"


def describe_attrs(attrs: dict) -> str:
    parts = []
    for key, value in attrs.items():
        if value in (None, "", [], ()):
            continue
        if isinstance(value, (list, tuple)):
            value = "、".join(map(str, value))
        if key == "basis":
            value = citations.BASIS_ZH.get(str(value), value)
        if key == "via":
            value = "、".join(VIA_ZH.get(v, v) for v in attrs["via"])
        parts.append(f"{ATTR_ZH.get(key, key)}：{value}")
    return " · ".join(parts)


def show_answer(answer: Answer) -> None:
    ws = state.workspace()
    if not answer.found:
        st.warning(f"未找到答案：{answer.answer}" if answer.answer else "未在已导入的文件中找到答案。")
        if answer.citations:
            st.caption("可能相关的段落：")
            citations.show_evidence(ws, answer.citations)
        return
    st.success(answer.answer)
    st.caption(f"意图 intent: {answer.intent} · {len(answer.items)} 项")
    for n, item in enumerate(answer.items, 1):
        with st.container(border=True):
            head, link = st.columns([4, 1])
            head.markdown(f"**{n}. {citations.md(short(item.label))}**  \n`{TYPE_ZH.get(item.type, item.type)}`"
                          + (f" · {citations.md(describe_attrs(item.attrs))}" if item.attrs else ""))
            if item.type in ENTITY_TYPES and item.uri:
                with link:
                    nav.entity_link("实体页 →", item.uri)
            citations.show_evidence(ws, item.citations)
    if not answer.items and answer.citations:
        citations.show_evidence(ws, answer.citations)
