"""A target's metric named earlier in the sentence: the clause's own value takes the subject it lacks."""
from __future__ import annotations

from graph.goals import Context, find_quantities

ANNUAL = Context(doc_year=2024, default_year=2024)


def targets(sentence: str, ctx: Context = ANNUAL) -> list[tuple[str, float, int | None]]:
    return [(q.target.metric, q.target.value, q.year) for q in find_quantities(sentence, ctx) if not q.is_fact]


def test_a_long_noun_phrase_headed_by_a_measure_names_the_next_clause():
    assert targets("示范园区的产值在全市工业总产值中的比重，今年要由百分之十提高到百分之十五") == [
        ("示范园区的产值在全市工业总产值中的比重", 15, 2024)]


def test_a_time_or_an_existential_verb_is_no_metric():
    found = targets("合作社在今年三月已经发展到五千个，预计明年秋收时将达八千个以上")
    assert found == [("合作社", 8000, 2025)]
    assert targets("国家用于修路的经费，今年有三十亿元") == [("国家用于修路的经费", 3e9, 2024)]


def test_what_a_clause_raises_is_what_grows():
    assert targets("今年继续提高城乡居民基础养老金，人均增长5%") == [("城乡居民基础养老金增长", 5, 2024)]


def test_the_nearest_time_word_gives_the_year():
    # A year named in an earlier clause is a base; the clause's own 今年 decides.
    found = [(q.target.value, q.year, q.is_fact) for q in find_quantities(
        "全省公路里程2020年为一万公里；今年预计将达一万二千公里", ANNUAL)]
    assert found == [(10000, 2020, True), (12000, 2024, False)]
    assert [y for _, _, y in targets("今年已建成300个站点，明年要建成500个站点")] == [2025]


def test_a_semicolon_ends_what_an_earlier_clause_governs():
    # The raised standard of the first half is no metric of the sum allotted after the semicolon.
    assert targets("适当提高山区补助标准；今年拟安排80亿元") == []


def test_the_noun_after_a_value_without_unit_is_what_is_counted():
    assert targets("今年增加300万光伏用户") == [("光伏用户增加", 3e6, 2024)]


def test_a_coverage_share():
    (metric, value, year), = targets("今年医保试点要覆盖全省20%左右的县")
    assert (value, year) == (20, 2024) and "县" in metric


def test_a_raised_level_is_no_count_of_its_holders():
    assert targets("今年提高800万乡村医生待遇") == []


def test_a_measure_before_a_predicate_of_state_is_the_subject():
    assert targets("棉花产量保持稳定，今年要达到600万吨以上") == [("棉花产量", 6e6, 2024)]
    assert targets("确保物价涨幅比去年有明显回落，力争控制在百分之六左右") == [("物价涨幅", 6, 2024)]


PLAN = Context(doc_year=2021, default_year=2025)


def test_a_base_then_a_dated_value_is_one_target():
    assert targets("森林覆盖率由2020年的40.1%提高到2025年的42%", PLAN) == [("森林覆盖率", 42, 2025)]


def test_what_has_been_built_names_the_count_to_reach():
    assert targets("目前已建成充电桩2万个，到2025年将达到6万个", PLAN) == [("充电桩", 60000, 2025)]


def test_a_plan_period_that_has_ended_is_looked_back_on():
    assert targets("“十三五”期间，全省粮食产量年均增长2%", PLAN) == []


def test_a_bare_verb_takes_its_object_from_an_earlier_clause():
    assert targets("今年拟发行地方建设债券，用于重点项目，今年先发行800亿元") == [("地方建设债券", 8e10, 2024)]


def test_a_measure_named_in_an_earlier_sentence():
    from graph.goals import sentence_subject

    assert sentence_subject("第二是轻工业的产值在工业总产值中的比重继续上升。") == "轻工业的产值在工业总产值中的比重"
    assert sentence_subject("公路的通车里程2020年为一万公里") == "公路的通车里程"
    assert sentence_subject("我们要加强团结") is None
    after = Context(doc_year=2024, default_year=2024, subject="轻工业的产值在工业总产值中的比重")
    assert targets("今年这个比重预计将达到百分之四十", after) == [("轻工业的产值在工业总产值中的比重", 40, 2024)]
    after = Context(doc_year=2024, default_year=2024, subject="公路的通车里程")
    assert targets("由于新建了不少公路，今年预计将达一万二千公里", after) == [("公路的通车里程", 12000, 2024)]
    assert sentence_subject("财政将加大对水利的投资支持力度") is None   # the phrase runs on past 投资
    # A sentence that opens with another value is no continuation of the earlier one.
    assert targets("5%，比上年下降7%", after) == []


def test_a_generic_count_takes_its_kind_from_the_sentence():
    assert targets("城市轨道交通已开工的12个项目要加快建设，今年再开工8个项目") == [("城市轨道交通项目", 8, 2024)]
