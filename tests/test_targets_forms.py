"""Targets stated without a 到20XX年 cue: a figure set for a measure (X的指标为N), a rate and its value in a goal
list, counts of visits (人次), and the rows of delimited indicator tables. Invented sentences."""
from __future__ import annotations

from graph.goals import Context, find_quantities
from graph.tables import find_table_targets
from graph.target_filter import TargetFilter, features

PLAN = Context(2024, 2024)
GOALS = Context(2024, 2026, section_path=("二、工作目标",), goal_section=True)
REVIEW = Context(2024, 2024, section_path=("一、工作回顾",), review=True)


def _targets(sentence: str, ctx: Context = PLAN) -> set[tuple[str, float, str | None]]:
    return {(q.target.metric, q.target.value, q.target.unit) for q in find_quantities(sentence, ctx) if not q.is_fact}


def test_a_figure_set_for_a_measure_is_a_target_named_by_the_measure():
    assert ("湿地保护率", 55.0, "%") in _targets("湿地保护率的指标为55%。")
    assert ("城市生活垃圾回收利用", 38.0, "%") in _targets("城市生活垃圾回收利用的目标值是38%。")
    # a change set as the indicator: the change is kept, the words of setting are not
    assert ("单位产值水耗下降", 4.0, "%") in _targets("单位产值水耗的预期指标是下降4%。")


def test_a_rate_and_its_value_in_a_goal_list_is_a_target_and_a_fact_under_review():
    assert ("农村生活污水治理率", 70.0, "%") in _targets("农村生活污水治理率70%，行政村通客车率100%。", GOALS)
    assert ("行政村通客车率", 100.0, "%") in _targets("农村生活污水治理率70%，行政村通客车率100%。", GOALS)
    facts = [q for q in find_quantities("农村生活污水治理率70%。", REVIEW)]
    assert facts and all(q.is_fact for q in facts)


def test_a_rate_that_qualifies_a_noun_is_no_target():
    assert not any(v == 90.0 for _, v, _ in _targets("对达标率90%的乡镇给予奖励。", GOALS))
    # a share compared with a past year's is a baseline, not a rate set
    assert not _targets("民营工业产值低于2010年所占的比例31.5%。", GOALS)


def test_visits_are_counted_in_person_visits():
    assert ("接待游客", 4.5e7, "人次") in _targets("全年新增接待游客4500万人次。")


def test_the_years_own_words_are_no_part_of_the_metric():
    assert ("城镇新增就业", 2e4, "人") in _targets("本年度城镇新增就业的目标为2万人。")
    assert ("公共绿地覆盖率", 45.0, "%") in _targets("年内公共绿地覆盖率达到45%。")


WEB_TABLE = """二、主要指标
序号 | 指标 | 单位 | 2023年 | 2027年 | 属性
1 | 城乡居民健康档案建档率 | % | 80 | ≥90 | 预期性
2 | 每千人口执业医师数 | 人 | 3.1 | 3.6 | 约束性
| 服务质量 |
三、重点任务
"""


def test_a_web_pages_indicator_table_gives_the_target_years_column():
    rows = {(t.metric, t.target.value, t.target.comparator, t.year) for t in find_table_targets(WEB_TABLE, 2024)}
    assert rows == {("城乡居民健康档案建档率", 90.0, "≥", 2027), ("每千人口执业医师数", 3.6, "=", 2027)}


def test_a_tab_separated_table_with_a_goal_column_and_a_table_of_past_years():
    table = "指标名称\t目标值\n新建口袋公园（个）\t120\n"
    (row,) = find_table_targets(table, 2024)
    assert (row.metric, row.target.value, row.target.unit, row.year) == ("新建口袋公园", 120.0, "个", None)
    past = "指标 | 2021年 | 2022年\n公园数量 | 40 | 52\n"
    assert find_table_targets(past, 2024) == []


def test_the_learnt_filter_overturns_the_rules_only_where_confident():
    feats = features("今年已建成绿道300公里", 0, 11, 7, 12, verb=None, unit="公里", comparator="=", year=None,
                     deadline=False, doc_year=2024, section_path=("一、工作回顾",), review=False, goal_section=False,
                     mixed=False, past_context=False, intro=False, paragraph_year=None)
    assert "cb:已" in feats and "h:回顾" in feats and "y:none" in feats
    judge = TargetFilter({"cb:已": -4.0}, 0.0, veto=0.2, rescue=0.9)
    assert judge.is_fact(feats, rule_fact=False)              # a proposed target that reads as done: a fact
    assert judge.is_fact(feats, rule_fact=True)               # not confident enough to make it a target
    assert not TargetFilter({}, 0.0).is_fact(feats, rule_fact=False)   # no veto: the rules decide
    again = TargetFilter.from_json(judge.to_json("test"))
    assert (again.weights, again.veto, again.rescue) == ({"cb:已": -4.0}, 0.2, 0.9)


def test_a_value_after_a_per_head_base_is_the_verbs_value():
    assert ("托育机构托位", 5.0, "个") in _targets("到2026年，托育机构托位达到每千人口5个。")


def test_concentrations_are_measured_in_their_unit():
    assert ("PM10平均浓度", 50.0, "微克/立方米") in {
        (m, v, u) for m, v, u in _targets("PM10平均浓度控制在50微克/立方米以下。")}


def test_counted_projects_keep_the_verb_that_tells_them_apart():
    got = _targets("全年计划新开工项目60个、竣工项目45个。")
    assert {("新开工项目", 60.0, "个"), ("竣工项目", 45.0, "个")} <= got
    assert ("乡镇综合文化站", 30.0, "个") in _targets("新改建乡镇综合文化站30个。")


def _facts(sentence: str, ctx: Context = PLAN) -> set[tuple[str, float]]:
    return {(q.target.metric, q.target.value) for q in find_quantities(sentence, ctx) if q.is_fact}


def test_the_present_state_is_a_fact_not_a_target():
    assert ("口袋公园", 85.0) in _facts("截至目前，全区共建成口袋公园85个。")
    assert _facts("近年来，全区托位数量持续增加，达到1.8万个。") and not _targets("近年来，全区托位数量持续增加，达到1.8万个。")
    assert _facts("全区人均公园绿地面积达到14平方米，居全省第三位。")
    assert _facts("全区研发投入强度达到2.9%，比全省平均水平高0.4个百分点。")


def test_a_fulfilled_plan_reports_facts_and_a_plan_to_fulfil_one_sets_targets():
    assert _facts("超额完成年度目标任务，新增城镇就业1.2万人。")
    assert _targets("确保超额完成年度目标任务，新增城镇就业1.2万人。")


def test_a_section_on_what_was_achieved_is_a_review():
    ctx = Context(2024, 2024, section_path=("一、主要成效",))
    from graph.goals import section_context
    review, goal, _ = section_context(ctx.section_path)
    assert review and not goal
    assert not _targets("新增城镇就业1.2万人。", Context(2024, 2024, section_path=ctx.section_path, review=review))


def test_a_verb_or_a_comparison_alone_takes_the_measure_named_before():
    got = [(q.target.metric, q.target.value) for q in find_quantities(
        "城市更新专项资金安排800亿元，比去年预算多0.5个百分点。", PLAN)]
    assert ("城市更新专项资金", 0.5) in got and not any(m in ("多", "") for m, _ in got)
    got = [q.target.metric for q in find_quantities("老旧小区改造要再推进一批，开工3.2万套。", PLAN)]
    assert got == ["老旧小区改造"]


def test_a_list_after_a_verb_of_building_goes_on_with_its_subject():
    got = {(q.target.metric, q.target.value) for q in find_quantities("今年公共租赁住房基本建成4万套、新开工6万套。", PLAN)}
    assert got == {("公共租赁住房基本建成", 4e4), ("公共租赁住房新开工", 6e4)}


def test_figures_under_a_heading_for_the_years_budget_are_set_not_described():
    ctx = Context(1962, 1962, section_path=("二、1962年的国家预算",))
    assert ("畜牧税收入", 4.2e8) in {(q.target.metric, q.target.value) for q in
                                     find_quantities("畜牧税收入为420，000，000元。", ctx) if not q.is_fact}
    looking_back = Context(1962, 1962, section_path=("一、1961年国家决算",))
    assert not _targets("畜牧税收入为420，000，000元。", looking_back)


def test_months_gone_by_report_facts():
    assert _facts("今年一、二月份，纺织品产量增长9%。")
    assert _targets("6月份前完成老旧管网改造3000户。")


def test_counts_taken_away_keep_their_verb():
    assert ("取消涉企收费", 60.0, "项") in _targets("今年取消60项涉企收费。")


def test_money_arranged_without_a_name_is_named_by_its_use():
    got = _targets("今年拟安排120亿元，用于支持中小学校舍加固。")
    assert ("支持中小学校舍加固", 1.2e10, "元") in got


def test_how_many_there_are_to_be_is_a_count_and_how_many_there_are_a_description():
    ctx = Context(1957, 1957)
    assert ("施工的限额以上项目", 640.0) in {(q.target.metric, q.target.value) for q in
                                          find_quantities("今年施工的限额以上项目共有六百四十个。", ctx) if not q.is_fact}
    assert not [q for q in find_quantities("全国图书馆共有三千个。", ctx) if not q.is_fact]
    assert [q.target.metric for q in find_quantities("每个农民的副业收入，大约有40元左右。", ctx)] == ["每个农民的副业收入"]


def test_a_printed_table_with_unnumbered_rows_and_a_kind_column():
    table = ("指　标 2022年 2027年 属性\n"
             "城市污水处理率（%） 95 98 约束性\n"
             "2.公共充电桩数量（万个） 1.2 5 预期性\n")
    rows = {(t.metric, t.target.value, t.year) for t in find_table_targets(table, 2023)}
    assert rows == {("城市污水处理率", 98.0, 2027), ("公共充电桩数量", 5e4, 2027)}


def test_a_goal_introduced_by_achieving_names_its_measure():
    got = _targets("全区力争实现社会消费品零售总额800亿元、增长6%。")
    assert {("社会消费品零售总额", 8e10, "元"), ("社会消费品零售总额增长", 6.0, "%")} <= got
    assert ("计划生育特殊家庭签约覆盖率", 100.0, "%") in _targets("其中计划生育特殊家庭签约覆盖率达到100%。")
