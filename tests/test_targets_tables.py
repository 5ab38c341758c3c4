"""Targets read from a plan's indicator table: the target year's column and the growth column, not the base year."""
from __future__ import annotations

from graph.tables import find_table_targets

TABLE = """主要指标
指　标 2015年 2020年 年均增速 （%）
总 体 发 展 水 平
1.信息化发展指数 72.45 88 —
2.信息产业收入规模（万亿元） 17.1 26.2 8.9
3.IT项目投资占全社会固定资产投资总额的
比例（%） 2.2 5 〔2.8〕
4.网民数量（亿） 6.88 >10 >7.8
注：〔 〕表示五年累计数。
"""

REVIEW = """指　标 2010年 2015年
1.信息化发展指数 60 72.45
"""


def test_each_row_gives_the_target_year_value_and_its_growth():
    rows = {(t.metric, t.target.value, t.target.comparator, t.year) for t in find_table_targets(TABLE, 2016)}
    assert ("信息化发展指数", 88, "=", 2020) in rows
    assert ("信息产业收入规模", 26.2e12, "=", 2020) in rows
    assert ("信息产业收入规模年均增速", 8.9, "=", 2020) in rows
    assert ("IT项目投资占全社会固定资产投资总额的比例", 5, "=", 2020) in rows   # a wrapped row
    assert ("网民数量", 1e9, ">", 2020) in rows
    assert not any(value in (72.45, 17.1, 2.2) for _, value, _, _ in rows)   # base-year values are no targets
    assert not any(m.endswith("年均增速") and m.startswith(("信息化", "IT")) for m, _, _, _ in rows)  # — and 〔〕


def test_a_table_of_past_years_gives_no_targets():
    assert find_table_targets(REVIEW, 2016) == []


def test_rows_cite_their_line():
    text = TABLE
    for t in find_table_targets(text, 2016):
        assert t.metric.split("年均")[0][:4] in text[t.start:t.end] or "比例" in text[t.start:t.end]


def test_a_range_in_a_cell_keeps_both_ends():
    table = "指　标 2020年 2025年\n1.研发投入强度（%） 2.4 2.5-2.8\n"
    (row,) = find_table_targets(table, 2021)
    assert (row.target.value, row.target.value_high, row.year) == (2.5, 2.8, 2025)
