"""The Streamlit app: pure helpers, the offline graph view, and each page driven through AppTest."""
from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest

from graph.records import Evidence
from ui import graphview
from ui.views.citations import evidence_html, excerpt


# --- citations ----------------------------------------------------------------------------------
def test_excerpt_keeps_the_paragraph_around_the_citation():
    text = "第一段。\n前文，重点建设昭通机场，后文。\n第三段。"
    start = text.index("重点")
    end = text.index("，后文")
    ex = excerpt(text, start, end)
    assert (ex.before, ex.cited, ex.after) == ("前文，", "重点建设昭通机场", "，后文。")


def test_excerpt_cuts_long_paragraphs_with_ellipses():
    text = "甲" * 1000 + "引文" + "乙" * 1000
    ex = excerpt(text, 1000, 1002, context=10)
    assert ex.before == "…" + "甲" * 10 and ex.cited == "引文" and ex.after == "乙" * 10 + "…"


def test_evidence_html_highlights_escaped_text_with_breadcrumbs():
    text = "标题\n建设<A&B>项目。"
    ev = Evidence("a.txt", "d1", ("第一章 总则", "第一节"), 5, 10, "<A&B>")
    out = evidence_html(ev, text, "某规划")
    assert "<mark" in out and "&lt;A&amp;B&gt;</mark>" in out
    assert "某规划 › 第一章 总则 › 第一节" in out


def test_evidence_html_never_shows_a_wrong_paragraph_when_offsets_are_stale():
    ev = Evidence("a.txt", "d1", (), 0, 2, "昭通")
    out = evidence_html(ev, "文本已改变", "t")
    assert "文本已改变" not in out and ">昭通</mark>" in out


# --- graph view ---------------------------------------------------------------------------------
def small_graph() -> nx.DiGraph:
    g = nx.DiGraph()
    g.add_node("p:1", label="昭通机场", type="Project")
    g.add_node("pl:1", label="昭通市", type="Place")
    g.add_node("g:1", label="</script><b>目标", type="Goal")
    g.add_edge("p:1", "pl:1", label="involvesPlace")
    g.add_edge("p:1", "g:1", label="servesGoal")
    return g


def test_graph_view_is_self_contained_and_offline():
    page = graphview.render_html(small_graph())
    assert not re.search(r"""(src|href)\s*=\s*["']?https?:""", page)   # nothing fetched from a CDN
    assert "<script src" not in page
    assert page.count("</script>") == 1   # a label cannot close the script element


def test_graph_view_carries_every_node_edge_and_a_legend():
    page = graphview.render_html(small_graph())
    data = json.loads(re.search(r"const D = (.*);\n", page).group(1))
    assert sorted(n["label"] for n in data["nodes"]) == sorted(["昭通机场", "昭通市", "</script><b>目标"])
    assert len(data["edges"]) == 2
    assert "项目 Project" in page and "地点 Place" in page and "目标 Goal" in page


def test_graph_view_layout_is_deterministic():
    assert graphview.render_html(small_graph()) == graphview.render_html(small_graph())
