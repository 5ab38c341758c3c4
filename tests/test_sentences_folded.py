"""A document printed in traditional characters is read in simplified ones, and still cited as printed."""
from __future__ import annotations

from search.sentences import Sentence, folded


def test_a_traditional_sentence_is_read_simplified_and_cited_as_printed():
    printed = "蘇聯協助我國建設的一百四十一個項目"
    s = folded(Sentence("d1", "r.jsonl", "报告", (), 100, 100 + len(printed), printed))
    assert s.text == "苏联协助我国建设的一百四十一个项目"
    cite = s.evidence(4, 8)
    assert cite.text == printed[4:8] and (cite.char_start, cite.char_end) == (104, 108)


def test_a_simplified_sentence_is_left_as_it_is():
    s = Sentence("d1", "a.txt", "文件", (), 0, 4, "建设项目")
    assert folded(s) is s and s.evidence().text == "建设项目"


WRAPPED = "数字经济规划提出，要优化算力基础设施布局，建设数据中心集\n群，推动数据资源利用。"


def test_a_word_broken_at_a_wrapped_line_is_read_whole_and_cited_as_printed():
    s = folded(Sentence("d1", "plan.pdf", "规划", (), 100, 100 + len(WRAPPED), WRAPPED))
    assert "数据中心集群" in s.text and "\n" not in s.text
    a = s.text.find("数据中心集群")
    cite = s.evidence(a, a + 6)
    assert cite.text == "数据中心集\n群"
    assert WRAPPED[cite.char_start - 100:cite.char_end - 100] == cite.text
    assert s.evidence().text == WRAPPED
    after = s.text.find("推动")
    assert s.evidence(after, after + 2).text == "推动"


def test_full_width_and_spaced_digits_are_read_as_digits_and_cited_as_printed():
    printed = "１９９２年钢产量达到８０００万吨，比 2 0 0 5 年翻番。"
    s = folded(Sentence("d1", "r.txt", "报告", (), 0, len(printed), printed))
    assert "1992年" in s.text and "8000万吨" in s.text and "2005年" in s.text
    a = s.text.find("8000万吨")
    assert s.evidence(a, a + 6).text == "８０００万吨"


def test_table_cells_keep_their_tabs():
    row = "1\t企业投资项目核准\t行政许可"
    assert folded(Sentence("d1", "a.pdf", "t", (), 0, len(row), row)).text.count("\t") == 2
