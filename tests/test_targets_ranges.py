"""Range values keep both ends and their comparator: 增长6%-6.5% is not "增长6%"."""
from __future__ import annotations

from graph.goals import Context, find_quantities, parse_value

ANNUAL = Context(doc_year=2024, default_year=2024)


def ranges(sentence: str) -> list[tuple[str, float, float | None, str, str]]:
    return [(q.target.metric, q.target.value, q.target.value_high, q.target.comparator, q.target.value_text)
            for q in find_quantities(sentence, ANNUAL) if not q.is_fact]


def test_a_range_with_units_on_both_ends_keeps_its_upper_end():
    assert ranges("今年产值增长7%-7.5%") == [("产值增长", 7, 7.5, "=", "7%-7.5%")]
    assert ranges("今年产值增长7%至7.5%") == [("产值增长", 7, 7.5, "=", "7%至7.5%")]


def test_a_range_shares_the_magnitude_of_its_upper_end():
    (_, low, high, _, _), = ranges("今年新增就业2至3万人")
    assert (low, high) == (20_000, 30_000)
    (_, low, high, _, _), = ranges("今年粮食产量应该有五千亿斤到五千五百亿斤")
    assert (low, high) == (5e11, 5.5e11)


def test_a_range_of_percentages_in_words():
    assert parse_value("百分之三十至百分之三十五").value_high == 35


def test_a_single_value_and_its_comparator_are_unchanged():
    assert ranges("今年物价涨幅4%左右，失业率控制在5%以内") == [
        ("物价涨幅", 4, None, "≈", "4%左右"), ("失业率", 5, None, "≤", "5%以内")]


def test_a_year_after_a_value_is_no_upper_end():
    assert parse_value("10%到2030年") is None   # not one value
    found = ranges("投资增长10%到2030年翻番")
    assert found and found[0][2] is None and found[0][4] == "10%"
