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


def test_shares_of_a_list_keep_the_whole_statement():
    found = targets("到2025年,都市圈集聚全省20%的人口、40%的地区生产总值", Context(2022, 2025, goal_section=True))
    assert [(q.target.metric, q.target.value) for q in found] == [("人口占比", 20.0), ("地区生产总值占比", 40.0)]
    assert found[0].statement == "集聚全省20%的人口"
    assert found[1].statement == "集聚全省20%的人口、40%的地区生产总值"


def test_respectively_pairs_metrics_with_values():
    found = targets("到2025年,新区工业增加值、高新技术产业增加值年均增速分别高于12%、18%")
    assert [(q.target.metric, q.target.value, q.target.comparator) for q in found] == [
        ("新区工业增加值年均增速", 12.0, ">"), ("高新技术产业增加值年均增速", 18.0, ">")]
    assert {q.statement for q in found} == {"新区工业增加值、高新技术产业增加值年均增速分别高于12%、18%"}
    three = targets("到2020年,用水量、能耗、排放量分别下降23%、15%、18%", Context(2016, 2020))
    assert [(q.target.metric, q.target.value) for q in three] == [("用水量下降", 23.0), ("能耗下降", 15.0),
                                                                   ("排放量下降", 18.0)]


def test_goal_labels_are_self_contained_and_short():
    ctx = Context(2022, 2025, goal_section=True)
    long_list = ("在区域战略统筹机制、深化合作互助机制、健全市场一体化发展机制、创新区域利益协调机制、完善基本公共服务机制、"
                 "健全区域政策调控机制等方面取得新进展")
    assert find_goals(long_list, ctx) == []
    aim = ("努力将甲地区建设成为面向南亚东南亚辐射中心的核心区、通达南亚东南亚和环印度洋地区的大通道枢纽、"
           "全省实现高质量跨越式发展的重要增长极")
    (goal,) = find_goals(aim, ctx)
    assert goal.statement == "努力将甲地区建设成为面向南亚东南亚辐射中心的核心区、通达南亚东南亚和环印度洋地区的大通道枢纽"
    assert all(len(g.statement) <= 60 for g in find_goals(aim + "," + long_list, ctx))


def test_one_value_for_a_list_of_metrics():
    found = targets("今年二氧化硫、化学需氧量排放量都要减少2%", Context(2014, 2014))
    assert [(q.target.metric, q.target.value) for q in found] == [("二氧化硫排放量减少", 2.0),
                                                                   ("化学需氧量排放量减少", 2.0)]
    (growth,) = targets("今年工业增加值年均增速要高于12%", Context(2014, 2014))   # 年均 is no 均 of a list
    assert growth.target.metric.endswith("年均增速")


def test_instructions_and_fractions_in_words_are_not_goals():
    ctx = Context(1985, 1985, goal_section=True)
    assert find_goals("要继续逐项落实", ctx) == []
    assert find_goals("农业所占比重由百分之二十七点八提高到百分之三十三点六", ctx) == []
    assert [g.statement for g in find_goals("——推动形成绿色生产生活方式", ctx)] == ["推动形成绿色生产生活方式"]
