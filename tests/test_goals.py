"""Targets, baseline facts and qualitative goals read from single sentences."""
from __future__ import annotations

import pytest

from graph.goals import Context, find_goals, find_quantities, parse_number, parse_value, section_context

PLAN = Context(doc_year=2022, default_year=2025)
REPORT = Context(doc_year=2025, default_year=2025)


def targets(sentence: str, ctx: Context = PLAN, places=None):
    return [q for q in find_quantities(sentence, ctx, places) if not q.is_fact]


def test_two_dated_targets_in_one_sentence():
    sentence = "到2025年,昆明市经济总量达到1万亿元,常住人口达到1000万左右,城市形象品质明显提升"
    found = targets(sentence, places=[(7, 10)])
    assert [(q.target.metric, q.target.value, q.target.unit, q.target.comparator, q.year) for q in found] == [
        ("经济总量", 1e12, "元", "≥", 2025),
        ("常住人口", 1e7, None, "≈", 2025),
    ]
    assert found[1].target.value_text == "1000万左右"
    assert sentence[found[0].start:found[0].end] == found[0].statement == "经济总量达到1万亿元"


def test_ratio_and_counted_targets():
    (ratio,) = targets("城乡居民收入比值缩小到2.7左右")
    assert (ratio.target.value, ratio.target.comparator, ratio.year) == (2.7, "≈", 2025)
    built = targets("到2025年,建成4万个公共充电桩,建设改造充换电站500座")
    assert [(q.target.metric, q.target.value, q.target.unit) for q in built] == [
        ("公共充电桩", 4e4, "个"), ("充换电站", 500.0, "座")]


def test_value_qualifying_the_metric_is_not_a_target():
    found = targets("到2030年,地区生产总值超过500亿元的县(市)达到15个", Context(2025, None))
    assert [(q.target.value, q.target.unit, q.year) for q in found] == [(15.0, "个", 2030)]
    assert "500亿元" in found[0].target.metric


def test_report_targets_take_the_report_year():
    found = targets("今年发展主要预期目标是:国内生产总值增长5%左右;城镇调查失业率5.5%左右", REPORT)
    assert [(q.target.metric, q.target.value, q.target.unit, q.target.comparator, q.year) for q in found] == [
        ("国内生产总值增长", 5.0, "%", "≈", 2025), ("城镇调查失业率", 5.5, "%", "≈", 2025)]


@pytest.mark.parametrize("sentence", [
    "2020年全省经济总量达到2.45万亿元、在全国排位从第23位提升到第18位",
    "收入比值从2015年的3.2下降到2020年的2.92",
    "全省16个州市、110个县市区通高速公路",
    "过去一年,国内生产总值增长5%",
])
def test_baseline_facts_are_never_targets(sentence):
    assert targets(sentence) == []


def test_past_year_figure_is_a_fact_with_its_year():
    (fact,) = find_quantities("2020年全省经济总量达到2.45万亿元", PLAN)
    assert fact.is_fact and fact.year == 2020 and fact.target.value == 2.45e12


def test_review_section_makes_facts():
    review, goal, mixed = section_context(("一、2024年工作回顾",))
    ctx = Context(2025, 2025, section_path=("一、2024年工作回顾",), review=review, goal_section=goal)
    (fact,) = find_quantities("城镇新增就业1256万人", ctx) or [None]
    assert fact is None or fact.is_fact
    (gdp,) = find_quantities("国内生产总值达到134.9万亿元", ctx)
    assert gdp.is_fact and gdp.year == 2024


def test_mixed_section_without_cue_says_nothing():
    review, goal, mixed = section_context(("二、“十三五”时期发展成就和“十四五”时期主要目标任务",))
    assert mixed and not review and not goal
    ctx = Context(2021, 2021, review=review, goal_section=goal, mixed=mixed)
    assert find_quantities("常住人口城镇化率提高到65%", ctx) == []


def test_slogans_and_counts_are_not_values():
    assert targets("加快打造“办事不求人、审批不见面、最多跑一次”", PLAN) == []
    assert targets("全省天然气“一张网”建设加快推进", PLAN) == []
    assert targets("以沿边8个州市政府所在地为重点", PLAN) == []


def test_qualitative_goals_in_a_goals_section():
    review, goal, mixed = section_context(("第二章 总体要求", "第三节 发展目标"))
    ctx = Context(2022, 2025, review=review, goal_section=goal)
    found = find_goals("滇西一体化发展进程加快,大滇西旅游环线基本建成,旅游业全面转型升级", ctx)
    assert [g.statement for g in found] == ["滇西一体化发展进程加快", "大滇西旅游环线基本建成", "旅游业全面转型升级"]
    assert all(g.year == 2025 for g in found)


def test_qualitative_goal_after_a_deadline_outside_goals_section():
    found = find_goals("到2025年,昆明市经济总量达到1万亿元,城市形象品质明显提升", PLAN)
    assert [g.statement for g in found] == ["城市形象品质明显提升"]
    assert find_goals("加快推进大滇西旅游环线建设", PLAN) == []


def test_numbers():
    assert parse_number("二〇二五") == 2025
    assert parse_number("一千二百") == 1200
    assert parse_number("3.5") == 3.5
    assert parse_value("1.4万亿斤左右").value == 1.4e12
    assert parse_value("30%").unit == "%"


def test_five_year_plans_give_their_last_year():
    from graph.goals import plan_period_end
    assert plan_period_end("二、“十四五”时期主要目标任务") == 2025
    assert plan_period_end("“九五”计划") == 2000
    assert plan_period_end("“十五”期间的奋斗目标") == 2005
    assert plan_period_end("编制五年规划") is None
    (q,) = targets("“十三五”时期,常住人口城镇化率提高到60%", Context(2016, 2016, goal_section=True))
    assert q.year == 2020


def test_a_paragraph_looking_back_makes_facts():
    from graph.goals import sentence_tense
    assert sentence_tense("过去一年,我们的各项工作取得了很大成绩", 2011) == "past"
    assert sentence_tense("今年要着力稳定物价", 2011) == "future"
    ctx = Context(2011, 2011, past_context=True)
    (q,) = find_quantities("国内生产总值增长10.3%,居民消费价格涨幅控制在3.3%", ctx)[:1]
    assert q.is_fact


def test_a_comparison_base_is_not_the_target_year():
    (q,) = targets("工业总产值将比1980年增长4%", Context(1981, 1981))
    assert q.year == 1981


def test_chapter_introduction_states_its_aim():
    ctx = Context(2022, 2025, intro=True)
    found = find_goals("加快推进旅游环线建设,推动旅游全面转型升级和协同发展,打造世界级旅游目的地", ctx)
    assert [g.statement for g in found] == ["打造世界级旅游目的地"]
    assert find_goals("加快推进旅游环线建设,推动旅游全面转型升级", ctx) == []
