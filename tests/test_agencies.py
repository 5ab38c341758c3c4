"""Organisations named in body sentences."""
from __future__ import annotations

from graph.agencies import agency_id, find_agencies


def names(sentence: str) -> list[str]:
    return [name for _, _, name in find_agencies(sentence)]


def test_government_bodies_and_companies():
    assert names("云南省人民政府办公厅关于印发规划的通知") == ["云南省人民政府办公厅"]
    assert "国家发展改革委" in names("积极争取国家发展改革委支持")
    assert names("支持云天化集团做强磷化工") == ["云天化集团"]
    assert "省直各委、办、厅、局" in names("各州、市人民政府,省直各委、办、厅、局:")


def test_words_ending_like_agencies_are_not_agencies():
    for sentence in ("加快形成优势互补的区域经济布局", "推动东部产业向西部转移", "加强干部队伍建设", "有关部门要加强指导"):
        assert names(sentence) == [], sentence


def test_spans_match_the_sentence():
    sentence = "由中共云南省委、云南省人民政府联合印发"
    for start, end, name in find_agencies(sentence):
        assert sentence[start:end] == name
    assert {"中共云南省委", "云南省人民政府"} <= set(names(sentence))


def test_ids_are_stable_across_width_forms():
    assert agency_id("云南省人民政府") == agency_id("云南省人民政府")
    assert agency_id("云南省人民政府") != agency_id("云南省人民政府办公厅")
