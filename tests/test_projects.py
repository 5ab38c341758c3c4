"""Project spans found in single sentences, and their merging across mentions."""
from __future__ import annotations

from graph.projects import find_alias, find_projects, merge_projects, normalise_name, project_id
from graph.records import Evidence


def names(sentence: str, places=None) -> list[str]:
    return [name for _, _, name in find_projects(sentence, places)]


def test_leading_verbs_are_dropped_and_place_qualifiers_kept():
    assert names("加快建设大理—瑞丽铁路等在建项目") == ["大理—瑞丽铁路"]
    assert "勐腊(磨憨)国家重点开发开放试验区" in names("将瑞丽、勐腊(磨憨)国家重点开发开放试验区建设成为国际物流基地")
    assert names("建设中国老挝磨憨—磨丁经济合作区浙商产业园") == ["中国老挝磨憨—磨丁经济合作区浙商产业园"]
    assert names("加快磨憨国际邮件互换局建设,构筑连通周边地区的民心桥") == ["磨憨国际邮件互换局"]


def test_coordinated_list_gives_one_project_per_place():
    sentence = "推进昆明、大理、红河(河口)、德宏(瑞丽)、西双版纳(磨憨)等国家物流枢纽建设"
    found = names(sentence)
    assert {"昆明国家物流枢纽", "大理国家物流枢纽", "红河(河口)国家物流枢纽",
            "西双版纳(磨憨)国家物流枢纽"} <= set(found)
    for start, end, name in find_projects(sentence):
        assert sentence[start:end].startswith(name.split("国家")[0])


def test_items_with_their_own_head_keep_it_and_a_generic_shared_head_is_dropped():
    found = names("推动大理—丽江—攀枝花、滇藏铁路香格里拉—波密(云南段)等项目建设")
    assert found == ["大理—丽江—攀枝花", "滇藏铁路香格里拉—波密(云南段)"]
    assert names("建设芒市—梁河、宾川—南涧等高速公路") == ["芒市—梁河高速公路", "宾川—南涧高速公路"]


def test_quoted_programmes():
    assert names("大力实施“兴水润滇”工程,加快多式联运物流网建设") == ["“兴水润滇”工程"]
    found = names("深入实施“云品入沪”、“云品出滇”工程和“百县百品”行动")
    assert {"“云品入沪”工程", "“云品出滇”工程", "“百县百品”行动"} <= set(found)


def test_named_programmes_in_an_enumeration():
    found = names("着力实施畅通工程、绿化工程、环滇池绿道工程、新老城区一体化工程等十大工程")
    assert found == ["畅通工程", "绿化工程", "环滇池绿道工程", "新老城区一体化工程"]


def test_generic_names_are_rejected():
    for sentence in ("加快推进重大项目建设", "这些项目要尽快开工", "实施一批重点工程", "建设物流枢纽和产业基地",
                     "完善基地建设"):
        assert names(sentence) == [], sentence


def test_facility_heads_need_a_place_when_places_are_known():
    sentence = "建设区域性物流枢纽和昆明物流枢纽"
    assert names(sentence, [(10, 12)]) == ["昆明物流枢纽"]


def test_names_stay_short():
    for _, _, name in find_projects("围绕建设面向南亚东南亚辐射中心定位加快推进昆明长水国际机场改扩建工程"):
        assert len(name) <= 40


def test_identity_ignores_dash_and_bracket_forms():
    assert normalise_name("大理-瑞丽铁路") == normalise_name("大理—瑞丽铁路")
    assert project_id("勐腊（磨憨）试验区") == project_id("勐腊(磨憨)试验区")


def test_alias_only_when_the_text_gives_one():
    sentence = "加快建设大理—瑞丽铁路(简称大瑞铁路)"
    start, end, name = find_projects(sentence)[0]
    assert find_alias(sentence, end) == "大瑞铁路"
    assert find_alias("加快建设大理—瑞丽铁路,推进", end) is None


def test_merge_joins_mentions_and_aliases():
    ev1 = Evidence("a.txt", "d1", (), 0, 5, "xxxxx")
    ev2 = Evidence("b.txt", "d2", (), 3, 9, "yyyyyy")
    projects = merge_projects([("大理—瑞丽铁路", ev1, ["大瑞铁路"]), ("大瑞铁路", ev2, []),
                               ("大理-瑞丽铁路", ev2, [])])
    assert len(projects) == 1
    assert projects[0].name == "大理—瑞丽铁路"
    assert "大瑞铁路" in projects[0].aliases
    assert projects[0].mentions == (ev1, ev2)


def test_known_places_decide_for_facilities():
    sentence = "有序改造城市燃气、供排水等老化管道和设施"
    assert names(sentence, []) == []
    corridor = "强化“芒市—瑞丽”、“景洪—勐腊—磨憨”作为开发开放前沿阵地的作用"
    # 磨憨 is not in the places given: two of three segments are enough.
    places = [(3, 5), (6, 8), (11, 13), (14, 16)]
    assert names(corridor, places) == ["“芒市—瑞丽”", "“景洪—勐腊—磨憨”"]
