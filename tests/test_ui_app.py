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


# --- pages, driven through AppTest over a workspace built once from a tiny corpus ------------------
FIXTURE_DOC = """云南省人民政府关于推进区域基础设施建设的意见
云政发〔2023〕9号
各州、市人民政府，省直各委、办、厅、局：
一、总体目标
到2025年，昆明市经济总量达到1万亿元，常住人口达到1000万左右。
二、重点任务
（一）完善综合交通网络。加快建设昭通机场改扩建工程，推进渝昆高铁建设，打造昭通综合交通枢纽。
（二）发展边境贸易。支持红河州发展边境贸易，建设河口边境经济合作区，推动边民互市贸易转型升级。
云南省人民政府
2023年3月1日
"""


@pytest.fixture(scope="session")
def workspace_dir(tmp_path_factory) -> Path:
    from ui.settings import Settings
    from ui.workspace import Workspace

    corpus = tmp_path_factory.mktemp("ui_corpus")
    (corpus / "yijian.txt").write_text(FIXTURE_DOC, encoding="utf-8")
    root = tmp_path_factory.mktemp("ui_ws") / "ws"
    try:
        report = Workspace(Settings(workspace=root, corpus=corpus, embedder="fake")).ingest([corpus], progress=False)
    except NotImplementedError:
        pytest.skip("Workspace.ingest (the lead's pipeline composition) is not implemented yet")
    assert not report.failed, report.failed
    return root


def page_script(page: str, workspace: str) -> None:
    """Runs one view the way ui/app.py does, against the given workspace (AppTest runs this function's body)."""
    import importlib
    from pathlib import Path

    import streamlit as st

    from ui.settings import Settings
    from ui.views import state

    st.session_state[state.SETTINGS_KEY] = Settings(workspace=Path(workspace), embedder="fake")
    importlib.import_module(f"ui.views.{page}").show()


def run_page(page: str, workspace: Path, **query):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(page_script, args=(page, str(workspace)), default_timeout=120)
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at) -> str:
    return "\n".join(str(e.value) for kind in ("title", "subheader", "markdown", "caption", "success", "warning",
                                              "info", "error") for e in getattr(at, kind))


def test_app_entry_point_opens_on_the_ask_page(workspace_dir, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("POLICYKG_WORKSPACE", str(workspace_dir))
    monkeypatch.setenv("POLICYKG_EMBEDDER", "fake")
    at = AppTest.from_file(str(Path(__file__).resolve().parents[1] / "ui" / "app.py"), default_timeout=120)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.title[0].value == "政策问答"
    assert str(workspace_dir) in texts(at)   # the sidebar names the workspace the settings chose


def test_ask_shows_answer_items_with_highlighted_citations(workspace_dir):
    at = run_page("ask", workspace_dir)
    next(b for b in at.button if b.label == "哪些项目涉及昭通").click().run()
    assert not at.exception, [e.value for e in at.exception]
    shown = texts(at)
    assert at.success, "a found answer is announced"
    assert "机场" in shown                      # the project list names the airport project
    assert "<mark" in shown and "昭通" in shown  # its citation is highlighted inside its paragraph
    assert any("entity=" in str(link.proto.query_string) or link.proto.page == "entity" for link in
               at.get("page_link")), "each entity item links to its entity page"


def test_ask_from_the_question_box(workspace_dir):
    at = run_page("ask", workspace_dir)
    at.text_input(key="ask_question").input("到2025年昆明市经济总量目标是多少")   # inside the form: sent on submit
    next(b for b in at.button if b.label.startswith("提问")).click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "1万亿元" in texts(at)


def not_found_script(workspace: str) -> None:
    from pathlib import Path

    import streamlit as st

    from search.records import Answer
    from ui.settings import Settings
    from ui.views import ask, state

    st.session_state[state.SETTINGS_KEY] = Settings(workspace=Path(workspace), embedder="fake")
    ask.show_answer(Answer("火星基地有哪些项目", "projects_by_place", False, "语料中没有关于火星基地的内容。"))


def test_a_not_found_answer_is_said_plainly(workspace_dir):
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_function(not_found_script, args=(str(workspace_dir),), default_timeout=60)
    at.run()
    assert not at.exception
    assert at.warning and "未找到答案" in at.warning[0].value and "火星基地" in at.warning[0].value
    assert not at.success


def test_entity_page_of_a_place_lists_projects_and_admin_links(workspace_dir):
    at = run_page("entity", workspace_dir, entity="https://policykg.example/id/place/adcode:530600")
    assert at.title[0].value == "昭通市"
    shown = texts(at)
    assert "涉及的项目" in shown and "机场" in shown
    assert any(link.proto.label == "云南省" for link in at.get("page_link"))   # admin parent


def test_entity_page_without_entity_offers_a_search(workspace_dir):
    at = run_page("entity", workspace_dir)
    at.text_input(key="entity_find_text").input("昭通").run()
    assert not at.exception
    assert any("昭通市" in o for o in at.selectbox(key="entity_find_pick").options)


def test_documents_page_lists_ingested_documents_with_outline(workspace_dir):
    at = run_page("documents", workspace_dir)
    assert "已导入 1 份文件" in texts(at)
    assert "关于推进区域基础设施建设的意见" in at.expander[0].label
    assert "二、重点任务" in texts(at)


def test_export_page_offers_gexf_and_graphml_bytes(workspace_dir):
    at = run_page("export", workspace_dir)
    buttons = at.get("download_button")
    assert len(buttons) == 2
    assert "节点" in texts(at)


def test_graph_page_renders_an_offline_network(workspace_dir):
    at = run_page("graph", workspace_dir)
    frames = at.get("iframe")
    assert frames, "the network is drawn"
    assert "https://" not in str(frames[0].proto.srcdoc).split("const D")[0]


def test_upload_of_a_bad_file_leaves_workspace_and_corpus_intact(workspace_dir, tmp_path):
    from ui.settings import Settings
    from ui.views.documents import save_and_ingest
    from ui.workspace import Workspace

    corpus = tmp_path / "corpus"
    settings = Settings(workspace=workspace_dir, corpus=corpus, embedder="fake")
    ws = Workspace(settings, read_only=True)
    before = ws.documents.manifest()
    result = save_and_ingest(settings, "../坏文件.pdf", b"\x00\x01 not a pdf at all")
    assert result.problems and "坏文件.pdf" in result.problems[0][0]
    assert not result.path.exists() and result.path.parent == corpus / "uploads"
    assert ws.documents.manifest() == before


def test_upload_of_a_good_file_is_ingested_and_seen_read_only(workspace_dir, tmp_path):
    import shutil

    from ui.settings import Settings
    from ui.views.documents import save_and_ingest
    from ui.workspace import Workspace

    root = tmp_path / "ws"
    shutil.copytree(workspace_dir, root)   # the session's workspace stays as the other tests expect it
    settings = Settings(workspace=root, corpus=tmp_path / "corpus", embedder="fake")
    reader = Workspace(settings, read_only=True)
    reader.graph   # the app holds the store open read-only while the upload writes to it
    result = save_and_ingest(settings, "通知.txt", "关于加快建设大理机场的通知\n一、建设大理机场改扩建工程。\n".encode())
    assert not result.problems and result.report.added == ["uploads/通知.txt"]
    assert result.path == tmp_path / "corpus" / "uploads" / "通知.txt" and result.path.exists()
    assert len(Workspace(settings, read_only=True).documents.manifest()) == 2


def airport_project(workspace_dir: Path) -> str:
    from graph import queries
    from ui.settings import Settings
    from ui.workspace import Workspace

    ws = Workspace(Settings(workspace=workspace_dir, embedder="fake"), read_only=True)
    found = queries.find_entities(ws.graph, "机场", type="project")
    assert found, "the fixture's airport project was extracted"
    return found[0].uri


def test_project_entity_page_shows_places_and_lineage(workspace_dir):
    at = run_page("entity", workspace_dir, entity=airport_project(workspace_dir))
    shown = texts(at)
    assert "机场" in at.title[0].value
    assert "涉及地点" in shown and "昭通" in shown
    assert "项目 → 章节 → 目标" in shown and "二、重点任务" in shown   # the section holding the project


def test_trace_page_draws_the_lineage_as_a_tree(workspace_dir):
    at = run_page("trace", workspace_dir, project=airport_project(workspace_dir))
    frames = at.get("iframe")
    assert frames
    data = json.loads(re.search(r"const D = (.*);\n", frames[0].proto.srcdoc).group(1))
    by_type = {n["type"] for n in data["nodes"]}
    assert {"Project", "Section"} <= by_type
    project = next(n for n in data["nodes"] if n["type"] == "Project")
    section = next(n for n in data["nodes"] if n["type"] == "Section")
    assert section["y"] < project["y"]   # lineage runs upwards: section above the project


def test_graph_page_refuses_to_draw_past_the_size_cap(workspace_dir, monkeypatch):
    monkeypatch.setattr(graphview, "MAX_NODES", 2)   # AppTest runs the page in this process
    at = run_page("graph", workspace_dir)
    assert not at.get("iframe")
    assert at.warning and "超过显示上限 2" in at.warning[0].value
    assert len(at.get("download_button")) == 2   # the subset can still be exported


# --- what readers see: labels, one notion of direct, citations that open their document -----------
RAW_KEYS = re.compile(r"\b(direct|scope|via|basis|intent|value_text|projects_by_place|section_scope)\b\s*[：:=]|"
                      r"[：:]\s*(True|False)\b|policykg\.example")


def test_reach_is_one_vocabulary_for_every_item():
    from ui.views import labels

    assert labels.reach({"direct": True, "scope": "direct", "via": ["region", "self"]}) == labels.DIRECT
    assert labels.reach({"direct": False, "basis": "section_scope", "via": ["self"]}) == labels.SECTION
    assert labels.reach({"direct": False, "basis": "explicit", "via": ["region"]}) == labels.REGION
    assert labels.reach({"direct": False, "basis": "explicit", "via": ["self"]}) == labels.SENTENCE
    assert labels.reach({"year": 2025}) is None
    shown = labels.describe_attrs({"direct": True, "scope": "direct", "via": ["self"], "basis": "explicit",
                                   "places": ["昭通市"], "year": 2025}, labels.ZH)
    assert shown == "涉及地点：昭通市 · 年份：2025" and not RAW_KEYS.search(shown)
    assert labels.describe_attrs({"places": ["昭通市", "曲靖市"]}, labels.EN) == "Places: 昭通市, 曲靖市"
    assert labels.language("Which projects involve Zhaotong?") == labels.EN and labels.language("昭通") == labels.ZH


def test_ask_page_shows_no_raw_keys_and_links_each_citation_to_its_document(workspace_dir):
    at = run_page("ask", workspace_dir, q="哪些项目涉及昭通")
    shown = texts(at)
    assert "机场" in shown and not RAW_KEYS.search(shown), RAW_KEYS.search(shown)
    assert "直接点名" in shown                                           # the same words as `policykg ask`
    link = re.search(r'href="documents\?doc=([^&"]+)&amp;start=(\d+)&amp;end=(\d+)"', shown)
    assert link, "a citation opens its passage in the Documents page"
    doc = run_page("documents", workspace_dir, doc=link.group(1), start=link.group(2), end=link.group(3))
    page = texts(doc)
    assert '<mark id="pkg-passage"' in page and "二、重点任务" in page    # highlighted, with its section path
    assert not RAW_KEYS.search(page)


def test_an_english_question_gets_english_page_labels(workspace_dir):
    at = run_page("ask", workspace_dir, q="Which projects involve Zhaotong?")
    shown = texts(at)
    assert "Question type" in shown and "open in document" in shown and not RAW_KEYS.search(shown)
    assert any(link.proto.label == "Entity page →" for link in at.get("page_link"))


def test_entity_pages_have_a_short_stable_address(workspace_dir):
    at = run_page("entity", workspace_dir, id="place/adcode:530600")
    assert at.title[0].value == "昭通市"
    assert not RAW_KEYS.search(texts(at))
    links = [link.proto for link in at.get("page_link") if link.proto.label == "云南省"]
    assert links and "id=place" in links[0].query_string and "policykg.example" not in links[0].query_string


def test_cli_answer_uses_the_page_vocabulary():
    from ui.commands.ask_cmds import render

    answer = {"question": "哪些项目涉及昭通", "found": True, "answer": "…", "citations": [], "items": [
        {"label": "甲", "type": "Project", "citations": [], "attrs": {"direct": True, "scope": "direct"}},
        {"label": "乙", "type": "Project", "citations": [], "attrs": {"direct": False, "basis": "section_scope"}}]}
    out = render(answer)
    assert "甲 (项目 · 直接点名)" in out and "乙 (项目 · 经章节范围)" in out and "section_scope" not in out
