"""A target answered is the level it is set to; the baseline it starts from is no part of its label."""
from __future__ import annotations

from search.graph_answers import without_baseline


def test_the_baseline_of_a_raised_or_lowered_target_is_dropped():
    assert without_baseline("赤字率从去年的2.1%提高到2.3%") == "赤字率提高到2.3%"
    assert without_baseline("城乡居民收入比值由2.9缩小到2.7左右") == "城乡居民收入比值缩小到2.7左右"


def test_a_target_without_a_baseline_is_kept_whole():
    assert without_baseline("单位国内生产总值能耗降低3%左右") == "单位国内生产总值能耗降低3%左右"
    assert without_baseline("中等收入群体比重达30%") == "中等收入群体比重达30%"
