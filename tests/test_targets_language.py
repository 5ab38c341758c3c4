"""Targets read from the language of plans of every decade, not from one document's wording: traditional
characters, bases and suppositions, changes from one level to another, funding, coming years, list items.
Every sentence here is invented."""
from __future__ import annotations

from graph.goals import Context, find_quantities

ANNUAL = Context(doc_year=2009, default_year=2009)
OLD = Context(doc_year=1956, default_year=1956)


def found(sentence: str, ctx: Context = ANNUAL) -> list[tuple[str, float, int | None, bool]]:
    return [(q.target.metric, q.target.value, q.year, q.is_fact) for q in find_quantities(sentence, ctx)]


def targets(sentence: str, ctx: Context = ANNUAL) -> list[tuple[str, float, int | None]]:
    return [(m, v, y) for m, v, y, fact in found(sentence, ctx) if not fact]


def test_traditional_characters_are_read_and_the_metric_keeps_its_script():
    got = find_quantities("今年預計鋼鐵產量將達三百二十萬噸。", OLD)
    assert [(q.target.metric, q.target.value, q.target.unit, q.year) for q in got] == [("鋼鐵產量", 3_200_000, "吨", 1956)]
    assert targets("一九五六年棉紗產量將等於一九五二年的一點五倍。", OLD) == [("棉紗產量", 1.5, 1956)]


def test_the_year_of_a_base_is_not_the_year_of_the_value():
    # 由/等于 a year's figure: the base; the value belongs to the year being planned.
    assert targets("今年化肥施用量将由2007年的20%提高到30%。") == [("化肥施用量", 30, 2009)]
    assert targets("今年水泥产量将等于2005年的两倍。") == [("水泥产量", 2, 2009)]


def test_a_level_changed_from_one_value_to_another_is_named_by_what_it_measures():
    assert targets("农民补助标准由每人每年60元提高到90元。") == [("农民补助标准", 90, 2009)]
    assert targets("今年拟安排财政赤字5000亿元，赤字率从去年的2%提高到2.5%。") == [
        ("财政赤字", 5e11, 2009), ("赤字率", 2.5, 2009)]


def test_cuts_are_changes_kept_in_the_metric():
    assert targets("今年的会议经费，从中央到地方，一律削减15%。") == [("会议经费削减", 15, 2009)]
    assert targets("公务用车购置费要按上年实际数额压缩10%。") == [("公务用车购置费压缩", 10, 2009)]


def test_more_than_between_the_number_and_its_unit():
    got = find_quantities("今年新修农村公路二十万多公里。", ANNUAL) + find_quantities("今年通车里程将达3000多公里。", ANNUAL)
    assert [(q.target.value, q.target.unit, q.target.comparator) for q in got][-1] == (3000, "公里", ">")


def test_counts_in_chinese_numerals_when_large_enough():
    assert targets("一九五六年计划增加拖拉机站一百二十个。", OLD)[0][1:] == (120, 1956)
    assert targets("我们采取了三项措施，建成两个基地。") == []


def test_a_supposition_states_no_target():
    assert found("只要单位成本降低百分之一，就可以为国家节约十亿元。", OLD) == []
    assert targets("今年粮食产量要达到5亿吨，只要天气正常就能实现。") == [("粮食产量", 5e8, 2009)]


def test_years_looked_back_on_are_facts():
    assert [fact for *_, fact in found("五年来国家用于水利的经费共达三百亿元。", OLD)] == [True]


def test_a_list_item_has_its_own_statement():
    got = find_quantities("到2010年，每千人口医生数不低于2人，到2015年不低于2.5人。", Context(2008, 2015))
    assert [(q.target.metric, q.year) for q in got] == [("每千人口医生数", 2010), ("每千人口医生数", 2015)]
    assert got[1].statement == "不低于2.5人"   # not the clause of the first item


def test_funding_names_who_funds_and_what():
    assert targets("中央财政拟安排300亿元专项资金，用于支持技术改造。") == [("中央财政专项资金", 3e10, 2009)]
    assert targets("中央财政为此将投入80亿元。") == [("中央财政投入", 8e9, 2009)]


def test_the_coming_years_count_from_the_documents_own():
    assert targets("今后三年内，城乡居民参保率要提高到95%以上。") == [("城乡居民参保率", 95, 2011)]


def test_a_comparison_base_is_no_part_of_the_metric():
    assert targets("今年职工平均工资将比上年提高8%。") == [("职工平均工资提高", 8, 2009)]
    assert targets("今年钢产量要在上年的基础上增长10%以上，达到600万吨。") == [("钢产量增长", 10, 2009),
                                                                      ("钢产量", 6e6, 2009)]


def test_a_share_of_places_that_attain_something():
    assert targets("今年要使全国85%以上的乡镇普及高中教育。") == [("乡镇普及高中教育", 85, 2009)]


def test_parallel_items_share_the_last_items_words():
    assert targets("把城镇、农村居民人均补助分别提高到50元和40元。") == [
        ("城镇居民人均补助", 50, 2009), ("农村居民人均补助", 40, 2009)]


def test_the_base_of_a_change_is_no_target():
    assert targets("一九五六年工业投资拟定为一百亿元，比一九五五年的八十亿元增长百分之二十五。", OLD) == [
        ("工业投资", 1e10, 1956), ("工业投资增长", 25, 1956)]


def test_a_population_to_be_served_is_a_circumstance():
    assert [fact for *_, fact in found("今年高校毕业生超过900万人，要做好就业服务。")] == [True]
    assert targets("今年高校毕业生就业率要达到90%。") == [("高校毕业生就业率", 90, 2009)]


def test_a_level_from_a_base_year_to_a_target_year():
    got = targets("今后五年，计划将中等专业学校招生人数由2008年的20万人，增加到2013年的30万人。")
    assert got == [("中等专业学校招生人数", 300_000, 2013)]


def test_norms_of_a_service_standard():
    norm = Context(doc_year=2021, default_year=2021)
    assert targets("每个服务团队签约人数原则上不超过1500人。", norm) == [("每个服务团队签约人数", 1500, 2021)]
    assert targets("体检服务费按每人每年80元标准收取。", norm) == [("体检服务费", 80, 2021)]
    assert targets("到2023年，每个乡镇至少建有1个日间照料中心。", norm) == [("日间照料中心", 1, 2023)]


def test_a_rate_of_change_names_what_changes():
    assert targets("各部门要带头，一律按不低于3%的幅度压减一般性支出。") == [("一般性支出压减", 3, 2009)]
    assert targets("明年计划改造耗煤300万吨的锅炉。") == []   # the value qualifies the boilers


def test_a_share_named_before_its_change_is_the_subject():
    assert targets("教育支出占财政支出的比重，也从2005年的10%增加到2009年预算的15%。") == [
        ("教育支出占财政支出的比重", 15, 2009)]


def test_the_years_budget_is_a_plan_even_after_a_look_back():
    ctx = Context(doc_year=1956, default_year=1956, past_context=True)
    assert targets("一九五六年预算中文教事业的支出等于一九五二年的三倍。", ctx) == [("文教事业的支出", 3, 1956)]
    assert targets("文教事业的支出等于一九五二年的三倍。", ctx) == []


def test_a_cited_plan_requirement_is_for_the_plans_period():
    ctx = Context(doc_year=1958, default_year=1958, spans=((12, 1967),))
    assert targets("按照纲要要求的水平计算，全国棉花产量应该有四千万担。", ctx) == [("棉花产量", 4e7, 1967)]


def test_a_value_on_which_a_plan_builds_is_its_base():
    assert targets("我们要在今年增产五百亿斤的基础上，再使粮食产量增加三百亿斤。") == [("粮食产量增加", 3e10, 2009)]


def test_a_description_with_a_count_is_no_target():
    assert targets("解决14亿人的吃饭问题始终是头等大事。") == []
    assert targets("今年再解决5000万农村人口饮水安全问题。") == [("农村人口饮水安全问题", 5e7, 2009)]


def test_a_product_of_one_character_is_its_own_metric():
    got = targets("今年主要产品产量：发电增长10%，煤增长8%，钢增长12%。")
    assert [m for m, *_ in got] == ["发电增长", "煤增长", "钢增长"]


def test_a_concession_states_no_target():
    assert targets("即使每年增产百分之五，也已经是很大的进步。") == []
    assert targets("即使遇到严重灾害，粮食产量也要稳定在5亿吨以上。") == [("粮食产量", 5e8, 2009)]


def test_years_gone_by_and_thresholds_met_are_no_targets():
    assert [fact for *_, fact in found("某油田产量在十五年间平均每年增长百分之二十。")] == [True]
    assert targets("在二十种主要产品中，产量将增长百分之三十以上的有钢、煤等八种。") == []
