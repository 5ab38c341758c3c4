"""Targets without a 到20XX年 cue, in lists, with spaced or full-width digits; qualifiers and achievements are no targets."""
from __future__ import annotations

from graph.goals import Context, find_quantities
from graph.normalise import view
from graph.numerals import parse_number

ANNUAL = Context(doc_year=2024, default_year=2024)
PLAN = Context(doc_year=2016, default_year=2020)


def targets(sentence: str, ctx: Context = ANNUAL) -> list[tuple[str, float, int | None]]:
    return [(q.target.metric, q.target.value, q.year) for q in find_quantities(sentence, ctx) if not q.is_fact]


def test_chinese_numerals_through_cn2an():
    assert parse_number("二○二五") == 2025
    assert parse_number("一千二百") == 1200
    assert parse_number("三百万") == 3_000_000
    assert parse_number("１２.５") == 12.5
    assert parse_number("不是数字") is None


def test_an_annual_plan_states_counts_without_a_deadline():
    assert targets("今年新增5G基站1000座") == [("5G基站", 1000, 2024)]
    assert targets("全年完成造林200万亩") == [("造林", 2_000_000, 2024)]


def test_a_list_of_counts_is_one_target_each():
    assert targets("培育3家龙头企业，20家骨干企业，100家成长型企业") == [
        ("龙头企业", 3, 2024), ("骨干企业", 20, 2024), ("成长型企业", 100, 2024)]


def test_spaced_and_full_width_digits_are_read_with_offsets_into_the_source():
    source = "新增装机１０８０万千瓦，全年完成造林2 0 0万亩"
    v = view(source, base=100)
    found = find_quantities(v.text, ANNUAL)
    assert [(q.target.metric, q.target.value) for q in found] == [("装机", 1.08e7), ("造林", 2e6)]
    start, end = v.source_span(found[1].start, found[1].end)
    assert source[start - 100:end - 100] == "全年完成造林2 0 0万亩"


def test_norms_with_comparators_are_targets():
    assert targets("配套公共服务设施比例应不小于住宅建筑面积的11%") == [("配套公共服务设施比例", 11, 2024)]
    assert targets("单套建筑面积一般控制在60平方米以下") == [("单套建筑面积", 60, 2024)]


def test_a_value_that_qualifies_a_noun_is_no_target():
    assert targets("促进3岁以下婴幼儿照护服务发展") == []
    assert targets("建立省促进3岁以下婴幼儿照护服务发展工作部门联席会议") == []


def test_achievements_and_baselines_are_facts():
    assert targets("2023年已实现粮食产量5000万吨") == []
    assert targets("去年粮食产量达到6.9亿吨") == []


def test_a_list_marker_is_no_part_of_the_metric():
    assert targets("（三）每年从土地出让净收益提取不低于10%的资金；") == [("每年从土地出让净收益提取", 10, 2024)]


def test_eligibility_thresholds_are_conditions_not_targets():
    assert targets("申请家庭在本市无自有产权住房，或现自有产权住房人均建筑面积低于15平方米") == []


def test_a_value_before_its_noun_after_a_verb_of_building_or_providing():
    assert targets("城镇地区提供1000Mbps以上接入服务能力") == [("接入服务能力", 1000, 2024)]
    assert targets("今年要新增8000万吨标准煤的节能能力") == [("节能能力", 8e7, 2024)]
    assert [v for _, v, _ in targets("到2020年，完成对832个贫困县、12.8万个贫困村的网络覆盖", PLAN)] == [832, 128000]


def test_a_noun_with_modifiers_is_read_to_its_head():
    ((metric, value, year),) = targets("到2020年末，各设区市建成1-2个功能健全、设施配套完善、具有典型示范效应的婴幼儿照护服务机构", PLAN)
    assert metric.endswith("婴幼儿照护服务机构") and value == 1 and year == 2020
    ((metric, value, _),) = targets("到2020年，建成由35颗卫星组成的北斗全球卫星导航系统", PLAN)
    assert "北斗全球卫星导航系统" in metric and value == 35


def test_a_counted_subject_with_its_predicate():
    assert targets("98%的行政村实现光纤通达") == [("行政村实现光纤通达", 98, 2024)]
    assert targets("6.5%左右的增速可以实现比较充分的就业") == []   # a rate, not a count of what attains


def test_a_value_with_its_threshold_before_a_noun_qualifies_it():
    assert targets("对年综合能耗5万吨标准煤以上的企业实行节能监测") == []


def test_money_in_fen_and_mao_where_prices_are_spoken_of():
    found = [(m, v, u) for m, v, u, _ in [(q.target.metric, q.target.value, q.target.unit, q.year) for q in
                                         find_quantities("早籼稻、中晚籼稻、粳稻每斤分别提高3分、5分和1毛钱", ANNUAL)]]
    assert [(v, u) for _, v, u in found] == [(3, "分"), (5, "分"), (1, "毛钱")]
    assert [m[:3] for m, _, _ in found] == ["早籼稻", "中晚籼", "粳稻每"]
    assert targets("考核得分提高3分") == []


def test_an_extended_term_is_a_value_but_a_duration_is_not():
    assert targets("第二轮土地承包到期后再延长30年") == [("第二轮土地承包到期后", 30, 2024)]
    assert targets("用5年时间完成改造") == []


def test_last_year_as_a_comparison_base_does_not_date_the_clauses_after_it():
    ctx = Context(doc_year=1992, default_year=1992)
    found = find_quantities("社会商品零售总额增长百分之十二点三，货币发行和新增信贷规模与去年大体持平，"
                            "零售物价上涨幅度控制在百分之六以内。", ctx)
    assert [(q.target.metric, q.year, q.is_fact) for q in found][-1] == ("零售物价上涨幅度", 1992, False)


def test_a_clause_reporting_what_was_done_this_year_is_a_fact():
    assert targets("今年上海市纺织工业实行了全行业利润留成的试点，上半年产值比去年同期增长14.1%") == []


def test_scope_and_definition_clauses_hold_conditions():
    assert targets("包括但不限于跨海隧道、特大桥梁、长度10公里以上") == []
    assert targets("本办法所称低收入家庭，是指人均可支配收入低于3000元的家庭") == []


def test_clinical_and_entitlement_criteria_are_conditions():
    assert targets("符合下列条件之一的，肺功能检查FEV1占预计值百分比低于50%") == []
    assert targets("诊断依据：病程超过3年，左心室射血分数低于40%") == []
    assert targets("到2025年，家庭医生签约服务覆盖率达到75%以上") == [("家庭医生签约服务覆盖率", 75, 2025)]
    assert targets("到2020年，家庭医生签约服务覆盖率达到75%以上") == []   # said in 2024: looked back on


def test_a_fraction_and_at_least():
    assert targets("今年粮食产量要在上年的基础上增长三分之一以上") == [("粮食产量增长", 33.3333, 2024)]
    assert targets("争取每人平均至少一千五百斤粮食")[0][1:] == (1500, 2024)


def test_a_year_that_is_a_base_does_not_date_the_target():
    ((_, value, year),) = targets("粮食总产量要在2023年的基础上再增加200亿斤以上")
    assert (value, year) == (2e10, 2024)


def test_a_verb_of_change_before_the_metric_stays_in_it():
    assert targets("降低制造业增值税税率3个百分点") == [("制造业增值税税率降低", 3, 2024)]
    assert targets("新增5G基站1000座") == [("5G基站", 1000, 2024)]


def test_a_verb_closing_the_metric_before_a_count():
    assert targets("棚户区住房改造580万套") == [("棚户区住房改造", 5.8e6, 2024)]
    assert targets("完成易地扶贫搬迁280万人") == [("易地扶贫搬迁", 2.8e6, 2024)]
    assert targets("本年1——5月份铁道货运量计划完成105%") == []   # a plan's fulfilment so far


def test_a_list_by_level_names_the_thing_at_each_level():
    assert targets("力争培育国家级示范农场8家，省级30家") == [("国家级示范农场", 8, 2024), ("省级示范农场", 30, 2024)]


def test_a_plan_fulfilled_is_a_fact():
    assert targets("累计新增就业50万人，完成年度目标的110%") == []


def test_a_budget_base_is_no_part_of_the_metric_and_values_are_not_float_noise():
    found = [(q.target.metric, q.target.value) for q in find_quantities("今年赤字规模3.42万亿元，比上年年初预算增加900亿元", ANNUAL)]
    assert found == [("赤字规模", 3.42e12), ("赤字规模增加", 9e10)]


def test_connectors_and_verbs_at_the_edges_are_no_part_of_the_metric():
    assert targets("今年城市家庭宽带实现1000Mbps以上") == [("城市家庭宽带", 1000, 2024)]
    assert targets("今年地方政府拟新增300亿元") == [("地方政府新增", 3e10, 2024)]


def test_what_a_clause_handles_with_ba_is_the_metric():
    assert targets("到2030年要把城市人口控制在5000万左右") == [("城市人口", 5e7, 2030)]


def test_last_year_as_a_base_is_no_year_and_a_manner_is_no_metric():
    assert targets("今年棉花要在去年的基础上增产5%") == [("棉花增产", 5, 2024)]
    assert targets("今年经济增长目标是在提高质量和效益的基础上增长6%") == [("经济增长", 6, 2024)]


def test_a_ceiling_stated_with_zai_is_a_target():
    assert targets("全省财政赤字占地区生产总值比重在3%以内") == [("财政赤字占地区生产总值比重", 3, 2024)]
    assert targets("全省私营企业只占10%") == []   # a description


def test_a_modal_le_after_a_future_value_is_no_achievement():
    assert targets("这就是说，私营商业的比重将只占百分之五左右了") == [("私营商业的比重", 5, 2024)]
    assert targets("私营商业的比重已经只占百分之五左右了") == []


def test_xin_before_the_verb_is_no_part_of_the_metric():
    assert targets("今年廉租住房工程新安排30万套") == [("廉租住房工程", 3e5, 2024)]
