"""Targets without a 到20XX年 cue, in lists, with spaced or full-width digits; qualifiers and achievements are no targets."""
from __future__ import annotations

from graph.goals import Context, find_quantities
from graph.normalise import view
from graph.numerals import parse_number

ANNUAL = Context(doc_year=2024, default_year=2024)


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
