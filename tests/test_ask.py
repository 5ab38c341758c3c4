"""Question answering on the bundled corpus: the right list or value, each item cited, or an honest not-found."""
from __future__ import annotations

import pytest

from pathlib import Path

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def source_text(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def assert_citations_valid(answer: dict) -> None:
    cites = list(answer["citations"]) + [c for i in answer["items"] for c in i["citations"]]
    for c in cites:
        assert source_text(c["source"])[c["char_start"]:c["char_end"]] == c["text"], c


@pytest.fixture(scope="module")
def ask(seed_workspace):
    def run(question: str) -> dict:
        answer = seed_workspace.ask(question).to_json()
        assert set(answer) == {"question", "intent", "found", "answer", "items", "citations"}
        assert_citations_valid(answer)
        return answer
    return run


def labels(answer: dict) -> str:
    return " | ".join(i["label"] for i in answer["items"])


def test_projects_by_place_expands_counties_and_section_scope(ask):
    a = ask("哪些项目涉及昭通")
    assert a["intent"] == "projects_by_place" and a["found"]
    assert all(len(i["label"]) <= 60 and i["type"] == "Project" for i in a["items"])
    assert all(i["citations"] for i in a["items"])
    scopes = {i["attrs"]["scope"] for i in a["items"]}
    assert scopes == {"direct", "region/section scope"}
    # a project named with one of the prefecture's counties counts, and so does the 滇东北 chapter's content
    assert "水富" in labels(a)
    paths = {tuple(c["section_path"][:1]) for i in a["items"] for c in i["citations"]}
    assert ("第五章 推动滇东北开发",) in paths


def test_topic_words_narrow_the_list(ask):
    everything = ask("哪些项目涉及大理")
    transport = ask("大理有哪些交通项目？")
    assert 0 < len(transport["items"]) < len(everything["items"])
    assert any(w in labels(transport) for w in ("铁路", "机场", "枢纽"))


def test_absent_place_is_not_found(ask):
    a = ask("西藏拉萨有哪些项目？")
    assert a["found"] is False
    assert not [i for i in a["items"] if i["type"] not in ("Passage",)]


def test_target_value_reports_the_stated_value_not_a_baseline(ask):
    a = ask("到2025年，昆明市的经济总量目标是多少？")
    assert a["intent"] == "target_value" and a["found"]
    assert "1万亿" in a["answer"]
    assert "2.45" not in a["answer"]


def test_target_that_does_not_exist_is_not_found(ask):
    a = ask("到2035年，昆明市的地区生产总值目标是多少？")
    assert a["found"] is False


def test_region_membership_list_and_boolean(ask):
    members = ask("沿边地区包括哪些州市？")
    assert members["found"] and len(members["items"]) == 8
    yes = ask("曲靖市属于滇中吗？")
    assert yes["answer"].startswith("是")
    no = ask("大理州属于沿边吗？")
    assert no["answer"].startswith("不属于") and "滇西" in no["answer"]


def test_document_metadata_never_borrows_a_doc_number(ask):
    a = ask("《关于推动新时代县域经济高质量发展的意见》是哪些机关发布的？文号是什么？")
    assert {"中共云南省委", "云南省人民政府"} <= {i["label"] for i in a["items"]}
    assert "无文号" in a["answer"] and "云政办发" not in a["answer"]


def test_parent_goal_traces_to_the_goal_section(ask):
    a = ask("大滇西旅游环线对应规划中的什么目标？")
    assert a["intent"] == "parent_goal_of_project" and a["found"]
    assert a["items"][0]["type"] == "Section"
    assert any(i["type"] == "Goal" and "基本建成" in i["label"] for i in a["items"])


def test_enumerated_list_is_split_into_items(ask):
    a = ask("昆明市要实施的“十大工程”分别是什么？")
    assert len(a["items"]) == 10
    assert all(i["label"].endswith("工程") for i in a["items"])


def test_semantic_question_returns_cited_passages(ask):
    a = ask("边境贸易怎么发展？")
    assert a["intent"] == "semantic_passage" and a["found"]
    # the clauses that speak to the question first (short, cited), then the passages they come from
    clauses = [i for i in a["items"] if len(i["label"]) <= 60]
    passages = [i for i in a["items"] if len(i["label"]) > 60]
    assert clauses and "贸易" in clauses[0]["label"]
    assert 0 < len(passages) <= 5
    assert all(i["citations"] for i in a["items"])


def test_english_question_links_romanised_place(ask):
    a = ask("Which projects involve Kunming?")
    assert a["intent"] == "projects_by_place" and a["found"]


def test_semantic_question_about_an_absent_topic_is_not_found(ask):
    a = ask("量子计算机的发展规划是什么")
    assert a["found"] is False
    assert all(i["type"] == "Passage" for i in a["items"])


def test_comparison_quotes_the_sentence_with_both_places(ask):
    a = ask("怒江州与昆明市的居民收入差距有多大？")
    assert a["intent"] == "compare_places" and a["found"]
    assert any("怒江" in c["text"] and "昆明" in c["text"] for c in a["citations"])


def test_count_answers_with_the_number_from_the_matching_clause(ask):
    a = ask("全省有多少个县级综合医院达到标准？")
    assert a["intent"] == "count" and a["found"]
    assert "122" in a["answer"]


def test_goals_for_a_region_are_its_own_not_plan_wide(ask):
    a = ask("滇西地区到2025年要实现什么目标？")
    assert a["intent"] == "goals_by_place" and a["found"]
    assert any("基本建成" in i["label"] for i in a["items"])
    for item in a["items"]:
        text = item["citations"][0]["text"]
        assert sum(r in text for r in ("滇中", "沿边", "滇东北")) < 2, text


def test_cross_document_mentions_are_grouped_by_document(ask):
    a = ask("沪滇合作在两份文件中各有哪些内容？")
    assert a["intent"] == "cross_document" and a["found"]
    sources = {c["source"] for i in a["items"] for c in i["citations"]}
    assert len(sources) == 2
    assert all("沪滇" in i["label"] for i in a["items"])


def test_count_matches_a_list_written_with_enumeration_commas(ask):
    # the text writes 州、市; the question runs them together
    a = ask("全省有多少个州市通了铁路？")
    assert a["intent"] == "count" and a["found"] and "12" in a["answer"]


def test_where_a_named_project_is_set_out(ask):
    a = ask("多式联运示范工程属于规划的哪一部分？")
    assert a["intent"] == "section_lookup" and a["found"]
    assert [i["type"] for i in a["items"]] == ["Section"] * len(a["items"]) and len(a["items"]) >= 2
    assert a["items"][-1]["label"].endswith("补齐交通基础设施短板")


def test_county_question_lists_its_own_projects_not_the_whole_region(ask):
    a = ask("蒙自有哪些项目？")
    assert a["found"]
    assert len(a["items"]) < 10 and "未逐一列出" in a["answer"]


def test_a_heading_that_names_the_topic_is_where_it_is_discussed(ask):
    a = ask("县域经济意见中关于文旅名县的内容在哪一部分？")
    assert a["intent"] == "section_lookup" and a["found"]
    assert a["items"][-1]["label"].endswith("培育一批文旅名县")


def test_english_membership_question(ask):
    a = ask("Is Lijiang one of the border (沿边) prefectures?")
    assert a["intent"] == "region_membership" and a["answer"].startswith("No") and "不属于" in a["answer"]
