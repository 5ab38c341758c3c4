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
