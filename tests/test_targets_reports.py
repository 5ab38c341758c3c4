"""Targets of government work reports: 百分之 values, Chinese numerals with 亿/万 inside, Chinese-digit years,
第N个五年计划 periods, a metric named in the clause before, lists of things built, task headings."""
from __future__ import annotations

from graph.goals import Context, find_quantities, plan_period_end, section_context, sentence_year
from graph.numerals import arabic_years

REPORT = Context(doc_year=1958, default_year=1958)


def targets(sentence: str, ctx: Context = REPORT) -> list[tuple[str, float, str | None, int | None]]:
    return [(q.target.metric, q.target.value, q.target.unit, q.year)
            for q in find_quantities(sentence, ctx) if not q.is_fact]


def test_percent_written_in_words():
    assert targets("今年国民生产总值计划增长百分之八，是留有余地的。") == [("国民生产总值计划增长", 8, "%", 1958)]
    ((metric, value, unit, _),) = targets("农村居民收入平均每年增长百分之四至百分之五")
    assert (value, unit) == (4, "%")


def test_chinese_numerals_with_magnitudes_inside():
    (target,) = targets("钢产量计划达到一百一十六万六千吨")
    assert target[1] == 1_166_000 and target[2] == "吨"
    (target,) = targets("基本建设投资拟定为一百四十五亿七千七百万元")
    assert target[1] == 14_577_000_000


def test_years_in_chinese_digits_keep_offsets():
    assert arabic_years("到一九六二年，粮食") == "到1962年，粮食"
    assert arabic_years("一千九百人") == "一千九百人"
    assert sentence_year("到一九六二年，粮食产量达到五千亿斤左右") == (1962, True)
    assert targets("到一九六二年，粮食产量达到五千亿斤左右") == [("粮食产量", 5e11, "斤", 1962)]


def test_nth_five_year_plan_gives_its_last_year():
    assert plan_period_end("第二个五年计划期间") == 1962
    assert plan_period_end("第一个五年计划") == 1957
    assert targets("在第二个五年计划期间，钢产量达到一千二百万吨")[0][3] == 1962


def test_metric_named_in_the_clause_before():
    found = targets("一九五八年的工业总产值，拟定为六百四十三亿元（按一九五七年不变价格计算），比一九五七年增加八十亿元，"
                    "增长百分之十四点六。")
    assert found == [("工业总产值", 6.43e10, "元", 1958), ("工业总产值增加", 8e9, "元", 1958),
                     ("工业总产值增长", 14.6, "%", 1958)]


def test_a_price_base_year_is_not_the_target_year():
    (target,) = targets("明年的农业总产值拟定为六百亿元（按一九五二年不变价格计算）", Context(1957, 1957))
    assert target[3] == 1958


def test_a_list_of_things_built_continues_without_its_verb():
    found = targets("新增污水日处理能力1500万立方米、垃圾日处理能力6万吨", Context(2010, 2010))
    assert [(m, v) for m, v, _, _ in found] == [("污水日处理能力", 1.5e7), ("垃圾日处理能力", 6e4)]
    found = targets("新建保障性住房300万套，各类棚户区改造住房280万套", Context(2010, 2010))
    assert [(m, v) for m, v, _, _ in found] == [("保障性住房", 3e6), ("各类棚户区改造住房", 2.8e6)]


def test_arranged_funds_are_targets():
    assert targets("中央财政扶持小企业专项资金安排106亿元", Context(2010, 2010)) == [
        ("中央财政扶持小企业专项资金", 1.06e10, "元", 2010)]


def test_achievements_in_words_stay_facts():
    assert targets("去年国民生产总值比上年增长了百分之十二点八") == []
    assert targets("粮食产量已经达到三千七百亿斤") == []


def test_a_task_heading_is_no_review():
    assert section_context(("二、2010年主要任务", "（三）加大统筹城乡发展力度，强化农业农村发展基础")) == (False, False, False)
    assert section_context(("一、发展基础",))[0] is True


def test_a_period_set_earlier_gives_the_year_of_n_years_within():
    from graph.goals import year_spans
    first = "纲要要求：从一九五六年开始，在十二年内，粮食亩产量，分别达到四百斤、五百斤和八百斤。"
    assert [(m, v, y) for m, v, _, y in targets(first, Context(1960, 1960))] == [
        ("粮食亩产量", 400, 1967), ("粮食亩产量", 500, 1967), ("粮食亩产量", 800, 1967)]
    periods = year_spans(first)
    assert periods == ((12, 1967),)
    later = "纲要要求：棉花的亩产量在十二年内，分别达到四十斤、六十斤。"
    assert [y for *_, y in targets(later, Context(1960, 1960, spans=periods))] == [1967, 1967]
    assert [y for *_, y in targets(later, Context(1960, 1960))] == [1960, 1960]
    assert year_spans("一九五三年到一九五七年五年基本建设投资") == ((5, 1957),)


def test_items_of_a_planned_list_and_their_changes():
    found = targets("到一九八五年，主要产品产量计划是：食糖四百三十万吨，增长百分之六十七点三，钢三千九百万吨，增长百分之五点一。",
                    Context(1982, 1982))
    assert [(m, v, y) for m, v, _, y in found] == [("食糖", 4.3e6, 1985), ("食糖增长", 67.3, 1985),
                                                   ("钢", 3.9e7, 1985), ("钢增长", 5.1, 1985)]
    assert targets("去年钢产量三千七百万吨，增长百分之五", Context(1982, 1982)) == []


def test_thousands_grouped_with_commas_are_one_value():
    assert targets("在校学生将达到6，200万人以上", Context(1956, 1956)) == [("在校学生", 6.2e7, "人", 1956)]
    (growth,) = targets("文教支出为38，000，000元，比上年增长31.27%", Context(1956, 1956))
    assert growth[:2] == ("文教支出增长", 31.27)


def test_figures_of_the_year_so_far_are_facts():
    ctx = Context(doc_year=1980, default_year=1980)
    assert targets("实行扩大自主权试点的工业企业，到今年上半年有6，600个左右，产值约占总产值的45％左右。", ctx) == []
    assert targets("今年上半年又比去年同期减少160亿元。", ctx) == []
    assert targets("有几项重要产品的产量没有完成计划：钢完成96.4％，钢材完成95％。", ctx) == []
    assert [t[0] for t in targets("明年计划钢产量增长5％，钢材完成计划的95％。", ctx)][:1] == ["钢产量增长"]


def test_a_rate_applied_by_an_arrangement():
    ctx = Context(doc_year=2018, default_year=2018)
    assert targets("今年赤字率拟按2.6%安排", ctx) == [("赤字率", 2.6, "%", 2018)]
    assert targets("小排量汽车购置税按7.5%征收", ctx) == [("小排量汽车购置税", 7.5, "%", 2018)]


def test_electricity_in_du_with_a_magnitude():
    ctx = Context(doc_year=1980, default_year=1981)
    assert targets("发电量3，120亿度，比1980年预计增加120亿度。", ctx) == [("发电量", 3.12e11, "度", 1981),
                                                                        ("发电量增加", 1.2e10, "度", 1981)]
    assert targets("气温下降3度", ctx) == []


def test_a_year_that_qualifies_a_noun_does_not_date_the_target():
    ctx = Context(doc_year=2010, default_year=2010)
    assert targets("2009年到期的就业扶持政策延长一年。", ctx) == [("到期的就业扶持政策", 1, "年", 2010)]
    found = targets("1953年投资总额增加了百分之九十六，1954年計劃的投资总额又比1953年增加百分之二十八。",
                    Context(doc_year=1954, default_year=1954))
    assert [(value, year) for _, value, _, year in found] == [(28, 1954)]


def test_thresholds_under_an_eligibility_heading_are_conditions():
    ctx = Context(doc_year=2024, default_year=2024, section_path=("第三章 申请与准入", "第二十二条"))
    assert targets("租住的直管房住宅、单位公房人均建筑面积低于15平方米。", ctx) == []
    assert targets("租住的直管房住宅、单位公房人均建筑面积低于15平方米。", Context(2024, 2024)) != []


def test_doubling_is_a_target_of_two_or_four_times():
    found = find_quantities("到2020年国内生产总值力争比2000年翻两番", Context(2003, 2003))
    assert [(q.target.metric, q.target.value, q.target.unit, q.year, q.is_fact) for q in found] == [
        ("国内生产总值翻番", 4.0, "倍", 2020, False)]
    assert targets("我们要到本世纪末实现工农业年总产值翻两番", Context(1982, 1982)) == [("工农业年总产值翻番", 4.0, "倍", 2000)]
    assert targets("并就翻两番的步骤作了部署", Context(1982, 1982)) == []


def test_a_span_that_ended_before_the_report_is_looked_back_on():
    ctx = Context(doc_year=1983, default_year=1983)
    assert targets("从一九七九年到一九八二年的四年间，我国社会总产值增长百分之三十三点六。", ctx) == []
    assert targets("到一九八五年，社会总产值增长百分之二十。", ctx) == [("社会总产值增长", 20, "%", 1985)]


def test_a_section_headed_by_a_past_year_reviews_it():
    from graph.goals import Context, find_quantities

    review = Context(doc_year=1990, default_year=1990, section_path=("（一）1989年经济工作的成绩",))
    plan = Context(doc_year=1990, default_year=1990, section_path=("（二）1990年的计划安排",))
    sentence = "粮食产量达到八千亿斤"
    assert [q.is_fact for q in find_quantities(sentence, review)] == [True]
    assert [q.is_fact for q in find_quantities(sentence, plan)] == [False]


def test_a_section_on_results_reviews():
    from graph.goals import section_context

    assert section_context(("三、农业取得的主要成绩",))[0] is True
    assert section_context(("三、今年农业的主要任务",))[0] is False


def test_a_part_heading_on_a_line_of_its_own_reviews_or_plans():
    from graph.goals import part_heading

    assert part_heading("首先报告1999年的工作", 2000) is True
    assert part_heading("过去五年经济工作的基本总结", 1990) is True
    assert part_heading("今后五年建设的目标和任务", 1990) is False
    assert part_heading("经济运行保持平稳。", 2000) is None   # a run-in heading, not a part
    assert part_heading("关于对外工作", 2000) is None
