"""Lists of items of another kind, how often a candidate recurs, and the kinds of names with no head."""
from __future__ import annotations

from graph.project_candidates import ITEM_LIST, document_context, recurrence
from graph.projects import find_projects, project_kind


def test_a_list_of_items_of_another_kind_is_told_from_a_list_of_projects():
    assert ITEM_LIST in document_context("某省投资项目审批事项清单")
    assert ITEM_LIST in document_context("某某厅关于印发《某某材料目录》的通知")
    assert ITEM_LIST not in document_context("某市重大项目清单")
    assert ITEM_LIST not in document_context("某某发展规划") and document_context(None) == ()


def test_in_a_list_of_items_of_another_kind_only_quoted_names_and_cited_documents_are_projects():
    sentence = "实施城市绿化工程需提交《某某条例》规定的“一户一宅”承诺书"
    assert "城市绿化工程" in [n for _, _, n in find_projects(sentence, [])]   # (in a plan: a programme)
    names = [n for _, _, n in find_projects(sentence, [], context=document_context("某省审批事项清单"))]
    assert "某某条例" in names and any("一户一宅" in n for n in names)
    assert "城市绿化工程" not in names


def test_a_candidate_knows_how_often_its_words_recur_in_the_document():
    document = "实施“某某”工程。推进“某某”工程建设。完善机制。"
    assert recurrence(document, "“某某”工程") == "rep=2"
    assert recurrence(document, "某某机制") == "rep=0"
    assert recurrence(document, "完善机制") == "rep=1"


def test_a_name_never_ends_inside_a_word_a_line_wrap_breaks_nor_opens_with_a_dash():
    wrapped = "开展智能制造试点示范专项行动，完善国家智能制\n造标准体系。"
    assert not any(n.endswith("智能制") for _, _, n in find_projects(wrapped, []))
    assert not any(n.startswith("—") for _, _, n in find_projects("——产业数字化转型迈上新台阶。", []))


def test_a_name_with_no_head_takes_its_kind_from_its_ending_or_is_a_measure():
    assert project_kind("某某城域网") == "平台/园区/基地"
    assert project_kind("某某灾区恢复重建") == "工程/项目"
    assert project_kind("某某运动会") == "活动"
    assert project_kind("“一网通办”") == "政策措施" and project_kind("退耕还湿") == "政策措施"
    assert project_kind("某某投资公司") == "其他"


def test_a_count_closing_a_list_gives_every_item_its_shared_head():
    from graph.project_candidates import candidates
    from graph.projects import rule_projects

    sentence = "建设粮食、棉花和油料三大生产基地"
    rejected: list = []
    found = rule_projects(sentence, [], rejected)
    names = {c.name for c in candidates(sentence, [], found, rejected) if "counted-head" in c.features}
    assert names == {"粮食生产基地", "棉花生产基地", "油料生产基地"}
    rejected = []
    plain = "完成改革、发展和稳定三大任务"   # (no project head: no names)
    assert not [c for c in candidates(plain, [], rule_projects(plain, [], rejected), rejected)
                if "counted-head" in c.features]


def test_an_abstract_head_with_two_characters_before_it_is_a_kind_of_facility():
    from graph.project_candidates import candidates
    from graph.projects import rule_projects

    sentence = "建设开发平台和智能系统，建设5G平台"
    rejected: list = []
    found = rule_projects(sentence, [], rejected)
    names = {c.name for c in candidates(sentence, [], found, rejected)} | set(found.values())
    assert not names & {"开发平台", "智能系统"}


def test_a_name_that_leaves_a_bracket_or_quote_open_is_no_name():
    from graph.project_candidates import never_a_name

    assert never_a_name("对付所谓「颠覆活动") and never_a_name("跨部门“一号申请")
    assert not never_a_name("“容缺审批+承诺制”办理模式") and not never_a_name("网络扶贫移动应用程序（APP）")

