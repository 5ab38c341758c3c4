"""Target or fact from what the sentence and its paragraph say of time: a figure appraised as reached after it
(创历史新高, 同比), a plan's figure after a look back (计划…达到, 要求…达到, a year still to come), and the reason
each decision gives. Invented sentences."""
from __future__ import annotations

from graph.goals import Context, find_quantities

PLAN = Context(2024, 2024)
AFTER_LOOK_BACK = Context(1955, 1955, past_context=True)   # an earlier sentence of the paragraph looked back


def _decisions(sentence: str, ctx: Context = PLAN) -> dict[float, bool]:
    """value → is_fact for the sentence's quantities."""
    return {q.target.value: q.is_fact for q in find_quantities(sentence, ctx)}


def test_a_figure_appraised_as_reached_after_it_is_a_fact():
    assert _decisions("粮食产量达到13908亿斤，创历史新高。") == {1.3908e12: True}
    assert _decisions("实现地区生产总值1.5万亿元，同比增长6%。") == {1.5e12: True, 6.0: True}
    assert _decisions("生产总值达到1.5万亿元，提前一年实现翻番目标。")[1.5e12] is True


def test_an_appraisal_does_not_turn_a_planned_figure_into_a_fact():
    # a cue of intent anywhere in the sentence keeps it a plan
    assert _decisions("力争粮食产量达到14000亿斤，创历史新高。") == {1.4e12: False}
    assert _decisions("粮食产量达到14000亿斤，力争创历史新高。") == {1.4e12: False}


def test_after_a_look_back_a_plan_figure_stays_a_target():
    assert _decisions("一九五五年计划钢产量达到二百八十五万吨。", AFTER_LOOK_BACK) == {2.85e6: False}
    assert _decisions("要求钢产量达到二百八十五万吨。", AFTER_LOOK_BACK) == {2.85e6: False}
    assert _decisions("一九五七年钢产量达到四百一十二万吨。", AFTER_LOOK_BACK) == {4.12e6: False}   # a year to come


def test_after_a_look_back_a_figure_without_a_plan_is_a_fact():
    assert _decisions("钢产量达到二百二十万吨。", AFTER_LOOK_BACK) == {2.2e6: True}
    # the plan as the yardstick of what was done: still a fact
    assert _decisions("原煤的可比产品成本超过计划成本4%左右。", AFTER_LOOK_BACK) == {4.0: True}
    assert _decisions("钢产量比原计划增加二十万吨。", AFTER_LOOK_BACK) == {2e5: True}


def test_each_decision_says_which_cue_decided_it():
    reasons = {q.target.value: q.reason for q in find_quantities("今年粮食产量要达到14000亿斤。", PLAN)}
    assert reasons == {1.4e12: "future-cue:今年"}
    reasons = {q.target.value: q.reason for q in find_quantities("粮食产量达到13908亿斤，创历史新高。", PLAN)}
    assert reasons == {1.3908e12: "achieved-later:创历史新高"}
    reasons = {q.target.value: q.reason for q in find_quantities("城镇新增就业1200万人以上。", PLAN)}
    assert reasons == {1.2e7: "no-cue"}


def test_a_sentence_looking_back_leaves_the_past_to_the_next_even_when_it_names_a_goal():
    from graph.goals import sentence_tense

    # a plan word as what was reached is no cue of intent
    assert sentence_tense("过去一年，经济运行总体平稳，超额完成全年目标任务。", 2019) == "past"
    assert sentence_tense("一年来，主要预期目标全面完成。", 2019) == "past"
    assert sentence_tense("过去五年，我们坚持把发展作为第一要务。", 2019) == "past"    # (要务: no 要 of intent)
    assert sentence_tense("上半年，工业生产比去年同期增长百分之十二。", 1957) == "past"
    # the sentence's last cue decides; a goal still to reach is intent
    assert sentence_tense("去年经济增长6.6%，今年要保持在6%以上。", 2019) == "future"
    assert sentence_tense("确保完成全年目标任务。", 2019) == "future"
    assert sentence_tense("今年发展的主要预期目标是：国内生产总值增长6%左右。", 2019) == "future"


def test_who_decides_or_proposes_a_figure_is_no_part_of_its_metric():
    metrics = {q.target.metric for q in find_quantities("中央提出今年经济增长预期目标为8%左右。", PLAN)}
    assert metrics == {"经济增长"}
    metrics = {q.target.metric for q in find_quantities("国务院决定今年安排30亿元建设资金。", PLAN)}
    assert metrics == {"建设资金"}


def test_the_period_a_change_is_measured_from_is_no_part_of_its_metric():
    metrics = {q.target.metric for q in find_quantities("森林覆盖率达到24.1%，比“十三五”末提高1个百分点。", PLAN)}
    assert metrics == {"森林覆盖率", "森林覆盖率提高"}
    metrics = {q.target.metric for q in find_quantities("外汇储备达到4033亿美元，比年初增加1168亿美元。", PLAN)}
    assert metrics == {"外汇储备", "外汇储备增加"}


def test_a_figure_stated_with_is_or_has_for_a_period_still_to_run_is_a_target():
    from graph.goals import year_spans

    ctx = Context(1955, 1957, spans=year_spans("第一个五年计划的建设时期是从1953年到1957年。"))
    found = find_quantities("五年内，国家对经济事业和文化教育事业的支出总数为七百六十六亿四千万元。", ctx)
    assert [(q.target.value, q.year, q.is_fact) for q in found] == [(7.664e10, 1957, False)]
    found = find_quantities("第一个五年计划期间，限额以上的工业基本建设单位共有六百九十四个。", ctx)
    assert [(q.target.value, q.year, q.is_fact) for q in found] == [(694.0, 1957, False)]
    # the same wording for the present describes it, even in a plan whose own period runs on
    assert not [q for q in find_quantities("私营工业只占百分之零点四。", Context(1955, 1955)) if not q.is_fact]
    assert not [q for q in find_quantities("全市共有家庭医生团队3000个。", Context(2023, 2025)) if not q.is_fact]


def test_a_base_value_is_no_target_and_each_clause_keeps_its_own_plan_period():
    goals = Context(2021, 2025, section_path=("二、发展目标",), goal_section=True)
    found = find_quantities("研发经费投入强度由2020年的2.4%提高到2.8%以上，年均增长7%以上。", goals)
    assert [(q.target.metric, q.target.value, q.is_fact) for q in found] == [
        ("研发经费投入强度", 2.8, False), ("研发经费投入强度增长", 7.0, False)]
    found = find_quantities("“十三五”期间，全市累计新增就业150万人；“十四五”期间，力争新增就业150万人以上。", goals)
    assert [(q.year, q.is_fact) for q in found] == [(2020, True), (2025, False)]
    # a plan period named as the base of a change sets no year
    found = find_quantities("森林覆盖率达到24.1%，比“十三五”末提高1个百分点。", goals)
    assert {(q.year, q.is_fact) for q in found} == {(2025, False)}


def test_a_figure_dated_after_the_document_is_never_a_fact():
    found = find_quantities("“十四五”期间，累计新增城镇就业5500万人以上。", Context(2021, 2025))
    assert [(q.year, q.is_fact, q.reason) for q in found] == [(2025, False, "later-year")]
    # the same wording for a year gone by reports what was done
    found = find_quantities("累计建成高标准农田10亿亩。", Context(2021, 2021))
    assert [q.is_fact for q in found] == [True]


def test_a_measure_counted_in_years_keeps_its_value_in_years():
    goals = Context(2021, 2025, section_path=("二、发展目标",), goal_section=True)
    found = find_quantities("劳动年龄人口平均受教育年限由10.8年提高到11.3年。", goals)
    assert [(q.target.metric, q.target.value, q.target.unit, q.is_fact) for q in found] == [
        ("劳动年龄人口平均受教育年限", 11.3, "年", False)]
    assert not find_quantities("用5年时间基本完成改造。", goals)   # a duration is no value


def test_a_figure_counted_up_to_a_date_is_a_fact_not_a_deadline():
    plan = Context(2023, 2025)
    assert _decisions("截至2023年6月，全市家庭医生签约服务覆盖率达到40%。", plan) == {40.0: True}
    assert _decisions("截至今年6月，全市签约人数达到500万人。", plan) == {5e6: True}
    assert _decisions("今年以来，全市新增签约人数50万人。", plan) == {5e5: True}
    # a date still to come, or a cue of intent, is a target
    assert _decisions("截至2025年，签约率达到60%。", plan) == {60.0: False}
    assert _decisions("今年要新增签约人数50万人。", plan) == {5e5: False}


def test_last_year_written_as_a_year_of_account_is_a_year_gone_by():
    found = find_quantities("上年度全市门诊特定病种待遇享受人数达20万人次。", Context(2023, 2025))
    assert [(q.target.metric, q.year, q.is_fact) for q in found] == [("门诊特定病种待遇享受人数", 2022, True)]
    # as the base of a change it names no year and stays out of the metric
    found = find_quantities("全市签约人数比上年度增加50万人。", Context(2023, 2025))
    assert [q.target.metric for q in found] == ["签约人数增加"]
