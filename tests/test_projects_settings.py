"""Names a verb sets as the context, kinds of construction works, numerals opening a name, and projects named
only in a heading, on invented sentences and a tiny invented document."""
from __future__ import annotations

import pytest

from graph.project_filter import ProjectFilter
from graph.projects import CONTEXT, find_projects, listed_generic, sentence_role, works_kind

ACCEPT_ALL = ProjectFilter({}, bias=10.0, threshold=0.5)


def _all(sentence: str) -> list[str]:
    return [n for _, _, n in find_projects(sentence, [], model=ACCEPT_ALL)]


def test_a_platform_or_programme_set_as_the_context_is_still_a_candidate():
    assert "甲乙信息共享平台" in _all("依托甲乙信息共享平台，推进数据共用")
    assert "丙丁技能提升行动" in _all("将从业人员纳入丙丁技能提升行动实施范围，服务丙丁技能提升行动")
    # A zone, a route or an economic region set as the context stays out, whatever the weights.
    assert _all("主动融入甲乙双城经济圈") == []
    assert not any(n.endswith("铁路") for n in _all("充分利用甲乙铁路通车后的便利"))


def test_a_setting_verb_inside_a_name_governs_nothing():
    text = "集中构建统一的甲乙数据服务平台和丙丁惠民服务平台"
    start = text.index("丙丁")
    assert sentence_role(text, start, len(text)) != CONTEXT
    assert sentence_role("服务丙丁惠民工程", 2, 8) == CONTEXT


def test_kinds_of_construction_works_are_no_projects():
    assert works_kind("超限高层建筑工程") and works_kind("单建式人防工程") and works_kind("甲乙河道管理范围内建设项目工程")
    assert not works_kind("三江工程") and not works_kind("“宽带甲乙”建设工程") and not works_kind("绿化工程")
    assert _all("超限高层建筑工程需办理抗震设防审批") == []
    assert _all("政府投资的单建式人防工程项目需办理") == []


def test_a_numeral_may_open_a_proper_name_but_a_count_is_vague():
    assert not listed_generic("三江")
    assert listed_generic("三个") and listed_generic("五大")
    assert _all("12甲乙施工项目") == []   # a numbered row run into its words


def test_a_quoted_standing_aimed_at_stays_out_but_a_quoted_platform_does_not():
    assert _all("打造“甲乙之都”") == []
    assert _all("积极打造“开放高地”") == []
    assert "“智慧丙丁”" in _all("积极打造“智慧丙丁”")


@pytest.fixture(scope="module")
def headed(tmp_path_factory):
    from graph.extract import extract
    from graph.gazetteer import load_gazetteer
    from ingest.pipeline import ingest_document
    from ingest.read import read_documents
    from ingest.segment import make_segmenter

    path = tmp_path_factory.mktemp("doc") / "plan.txt"
    path.write_text("某某县乡村发展规划\n\n一、重点任务\n\n（一）实施甲乙乡村振兴示范工程\n\n"
                    "各乡镇要抓紧推进，明确分工，按期完成。\n\n（二）加强组织保障\n\n各部门要加强协调。\n",
                    encoding="utf-8")
    doc = read_documents(path)[0]
    ingested = ingest_document(doc, make_segmenter(cache_dir=tmp_path_factory.mktemp("segmenter")))
    return ingested, extract(ingested, load_gazetteer())


def test_a_project_named_only_in_a_heading_is_found(headed):
    ingested, extraction = headed
    assert any(h.text.startswith("（一）") for h in ingested.headings)
    names = [p.name for p in extraction.projects]
    assert "甲乙乡村振兴示范工程" in names
    project = next(p for p in extraction.projects if p.name == "甲乙乡村振兴示范工程")
    ev = project.mentions[0]
    assert ingested.document.text[ev.char_start:ev.char_end] == "实施甲乙乡村振兴示范工程"   # (cited without its marker)


def test_a_list_under_one_counted_head_gives_each_item_the_head_without_the_count():
    names = _all("建设甲乙、丙丁和戊己三大基地")
    assert {"甲乙基地", "丙丁基地", "戊己基地"} <= set(names)
    assert "戊己三大基地" not in names


def test_a_candidate_never_cuts_through_a_rules_name():
    # The rules name 甲乙热电站建设工程; a candidate reaching left over a clause (…发表过甲乙热电站) crosses it.
    names = _all("报纸最近发表过甲乙热电站建设工程")
    assert "甲乙热电站建设工程" in names
    assert not any(n.startswith("报纸") for n in names)


def test_a_generic_shared_head_names_no_item_but_a_head_of_its_own_does():
    assert _all("主要投向甲乙、丙丁等民生工程") == []
    assert _all("实施甲乙、丙丁等示范工程") == ["甲乙示范工程", "丙丁示范工程"]


def test_items_that_qualify_a_shared_kind_are_not_glued_to_it():
    assert not any("水水" in n for n in _all("修建排水、蓄水等水工程"))
