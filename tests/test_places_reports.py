"""Places in national texts: county-level cities listed with a prefecture, names that begin a longer list
item, bilateral run-ons (中美, 中苏), official and former country names."""
import pytest

from graph.gazetteer import load_gazetteer
from graph.places import find_places


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def names(text, gaz):
    found = find_places(text, gaz)
    for m in found:
        assert text[m.start:m.end] == m.surface
    return [(m.surface, gaz.get(m.place_id).name) for m in found]


def test_county_level_cities_listed_with_a_prefecture(gaz):
    assert names("开放黑河、绥芬河、珲春和满洲里四个城市", gaz) == [
        ("黑河", "黑河市"), ("绥芬河", "绥芬河市"), ("珲春", "珲春市"), ("满洲里", "满洲里市")]


def test_county_short_names_from_elsewhere_need_a_list_with_a_place(gaz):
    assert names("坚持平等、团结、互助的原则", gaz) == []
    assert names("加快淮河、太湖的综合治理", gaz) == []
    assert names("人民安居乐业", gaz) == []


def test_a_name_that_begins_a_list_item_is_a_place(gaz):
    found = names("建成秦山核电站、云南某某水电站、青海西宁机场", gaz)
    assert ("云南", "云南省") in found and ("青海", "青海省") in found and ("西宁", "西宁市") in found
    assert names("保证日照、通风、消防", gaz) == []


def test_bilateral_run_ons_name_both_countries(gaz):
    assert names("今年是中日邦交正常化二十周年", gaz) == [("中", "中国"), ("日", "日本")]
    assert names("不应妨碍中苏两国正常的国家关系", gaz) == [("中", "中国"), ("苏", "苏联")]
    assert names("中美洲国家", gaz) == []
    assert names("看中意的方案", gaz) == []


def test_official_and_former_country_names(gaz):
    assert names("加强同朝鲜民主主义人民共和国的友谊", gaz) == [("朝鲜民主主义人民共和国", "朝鲜")]
    assert names("支持巴勒斯坦人民", gaz) == [("巴勒斯坦", "巴勒斯坦领土")]
    assert names("海湾战争和南斯拉夫内战，苏联的解体", gaz) == [("南斯拉夫", "南斯拉夫"), ("苏联", "苏联")]


def test_a_disaster_names_its_county(gaz):
    assert names("加快推进汶川地震灾后恢复重建", gaz) == [("汶川", "汶川县")]
    assert names("新建地震台网", gaz) == []


def test_compatriots_of_a_run_on_name_its_places(gaz):
    assert [n for _, n in names("团结港澳同胞", gaz)] == ["香港特别行政区", "澳门特别行政区"]


def test_counted_country_abbreviations(gaz):
    assert [n for _, n in names("加强与英、葡两国政府的合作", gaz)] == ["英国", "葡萄牙"]
    assert [n for _, n in names("一方面是美苏两个超级大国争夺霸权", gaz)] == ["美国", "苏联"]
    assert names("加强两国友好", gaz) == []
