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
    assert names("大力实施“兴水润滇”工程,加快多式联运物流网建设")[0] == "“兴水润滇”工程"
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


def test_partners_and_destinations_are_not_projects():
    assert names("依托长江水道实现与重庆、武汉等航运中心及某某自由贸易试验区的沟通连接") == []
    assert names("加强与甲乙经济合作区合作") == []
    # The same name as the object of a building verb is a project.
    assert names("建设甲乙经济合作区") == ["甲乙经济合作区"]


def test_settings_named_by_context_verbs_are_not_projects():
    for sentence in ("依托中缅国际运输通道发展口岸经济", "充分利用中老铁路通车后的便利", "积极对接东湖国家自主创新示范区",
                     "以昆明高新区、玉溪高新区为载体,建设创新核心区"):
        assert not any(n in ("中缅国际运输通道", "中老铁路", "东湖国家自主创新示范区", "昆明高新区", "玉溪高新区")
                       for n in names(sentence)), sentence
    # 以建设X为核心: X is built, not a setting; 依托X建设: the building of X is relied on.
    assert names("以建设甲乙开放示范区为核心") == ["甲乙开放示范区"]
    assert "丙丁旅游示范区" in names("依托甲乙旅游环线、丙丁旅游示范区建设,推动文旅融合")


def test_strategies_and_regions_named_as_context_are_not_projects():
    assert names("服务和融入“一带一路”建设、长江经济带发展等重大战略") == []
    assert names("主动融入成渝地区双城经济圈") == []
    assert names("形成北向甲乙经济圈、南向丙丁经济圈的物流通道体系") == []
    # An area the text itself builds is a project.
    assert names("打造高品质昆明都市圈") == ["昆明都市圈"]
    assert names("高起点规划、高标准建设雄安新区") == ["雄安新区"]


def test_aims_and_restricted_kinds_are_not_projects():
    assert names("把滇中新区建设成为全省改革创新示范区、开发开放先行区") == ["滇中新区"]
    assert names("稳妥推进存量“两高”项目的调整和退出") == []
    assert names("严控新增高排放高能耗项目建设") == []


def test_facilities_named_by_what_they_are_after_a_building_verb():
    found = names("建设一批创业孵化基地、小微企业双创基地、返乡入乡创业产业园")
    assert found == ["创业孵化基地", "小微企业双创基地", "返乡入乡创业产业园"]
    assert names("打造区域医疗中心和区域教育中心") == ["区域医疗中心", "区域教育中心"]
    assert names("布局一批苹果小镇和苹果产业示范园") == ["苹果小镇", "苹果产业示范园"]
    assert names("打造一批流域生态廊道") == ["流域生态廊道"]
    assert names("打造全国知名的“劳务输出基地”") == ["劳务输出基地"]
    assert names("加快建设滇川黔渝区域特色文化旅游目的地") == ["滇川黔渝区域特色文化旅游目的地"]


def test_facility_kinds_without_a_building_verb_or_a_real_modifier_stay_out():
    for sentence in ("完善重点项目库", "有关部门要搭建共享平台", "建设物流枢纽和产业基地",
                     "建设干线铁路和支线机场", "发挥区域医疗中心作用", "建设成为现代农业基地"):
        assert names(sentence) == [], sentence


def test_traditional_characters_are_read_as_simplified():
    assert names("建立了以北京爲中心的通訊網") == []
    found = find_projects("人民日報最近發表過太原熱電站建設工程")
    assert [name for _, _, name in found] == ["太原熱電站建設工程"]
    assert project_id("荊江分洪工程") == project_id("荆江分洪工程")


def test_roles():
    from graph.projects import AIM, BUILD, CONTEXT, sentence_role
    sentence = "依托甲乙通道,建设丙丁基地,把戊己建设成为庚辛中心"
    assert sentence_role(sentence, 2, 6) == CONTEXT
    assert sentence_role(sentence, 9, 13) == BUILD
    assert sentence_role(sentence, sentence.index("庚辛"), len(sentence)) == AIM


def test_dates_counts_and_period_plans_are_not_part_of_names():
    assert names("2020年我国控制温室气体排放行动目标") == ["控制温室气体排放行动"]
    assert names("胜利完成“九五”计划") == ["“九五”计划"]   # (a period's plan is a programme: extraction gold)
    assert names("新建2400所社区卫生服务中心") == []
    assert names("新设一批跨境电商综合试验区") == ["跨境电商综合试验区"]
    assert names("建设鞍山、武汉、包头三大钢铁工业基地") == ["鞍山钢铁工业基地", "武汉钢铁工业基地", "包头钢铁工业基地"]


def test_standings_and_field_only_modifiers_are_not_facilities():
    for sentence in ("打造世界级旅游目的地", "建设区域现代服务经济中心", "构建对外开放平台", "建设企业技术中心",
                     ):
        assert names(sentence) == [], sentence
    assert names("建设工业互联网平台") == ["工业互联网平台"]


def test_quantities_and_becoming_are_not_part_of_a_project():
    assert names("共建共享一批公共实训基地") == ["公共实训基地"]
    assert names("已经建立起五千四百多万亩种子基地") == []
    assert names("把内地建成强大的战略后方基地") == []
    assert names("推进防止返贫就业攻坚行动") == ["返贫就业攻坚行动"]
    assert names("推进千家企业节能行动") == ["千家企业节能行动"]


def test_period_and_construction_kinds_are_not_projects():
    for sentence in ("因为进行这些工程需要大量投资", "实施“十四五”重大工程", "完成土木建筑工程"):
        assert names(sentence) == [], sentence
    assert names("实施“三北”工程") == ["“三北”工程"]


def test_programme_names_keep_their_own_verbs():
    assert names("实施重要生态系统保护和修复重大工程") == ["重要生态系统保护和修复重大工程"]
    assert names("高质量完成国有企业改革深化提升行动") == ["国有企业改革深化提升行动"]
    assert names("实施中小微企业就业支持计划") == ["中小微企业就业支持计划"]
    assert names("出台实施新型城镇化战略五年行动计划") == ["新型城镇化战略五年行动计划"]
    # 和 between two names, or between a thing and a programme, still separates them.
    assert names("推进高职扩招和职业技能提升三年行动") == ["职业技能提升三年行动"]
    assert names("反对一切错误言论和行动") == []
    assert names("优先支持在建工程") == []


def test_a_route_named_only_by_its_places_is_a_project_when_built():
    from graph.gazetteer import load_gazetteer
    from graph.places import find_places

    gazetteer = load_gazetteer()
    built = "推动曲靖—宣威—会泽、昆明—楚雄等项目建设。"
    context = "依托曲靖—宣威等城市发展旅游。"
    for sentence, expected in ((built, {"曲靖—宣威—会泽", "昆明—楚雄"}), (context, set())):
        places = [(m.start, m.end) for m in find_places(sentence, gazetteer, home="adcode:530000")]
        assert {name for _, _, name in find_projects(sentence, places)} >= expected
        if not expected:
            assert not find_projects(sentence, places)


# ------------------------------------------------------------------------------- kinds and policies

def test_every_project_has_a_kind_from_its_head_noun():
    from graph.projects import project_kind

    assert project_kind("宽带乡村工程") == "工程/项目"
    assert project_kind("中小企业数字化赋能专项行动") == "行动/计划"
    assert project_kind("金融创新试点") == "试点/示范"
    assert project_kind("国家公共数据开放平台") == "平台/园区/基地"
    assert project_kind("七彩云南民族赛装文化节") == "活动"
    assert project_kind("《公共租赁住房管理办法》") == "政策措施"
    assert project_kind("乡村振兴战略") == "政策措施"


def test_cited_policy_documents_are_projects():
    assert names("根据《托育机构登记和备案办法（试行）》和《江西省人口与计划生育条例》") == [
        "托育机构登记和备案办法（试行）", "江西省人口与计划生育条例"]
    assert names("《二十国集团数字经济发展与合作倡议》等在全球赢得广泛共识") == ["二十国集团数字经济发展与合作倡议"]
    assert names("详见《政府工作报告》") == []


def test_quoted_programme_names():
    assert names("推行普惠性“上云用数赋智”服务，推动企业上云") == ["“上云用数赋智”服务"]
    assert "“放管服”改革" in names("深化“放管服”改革")
    assert names("深入实施“一部手机游云南”，提升服务") == ["“一部手机游云南”"]
    assert names("打造“三七之都”") == []               # a positioning, not a programme
    assert names("坚持“边疆、民族、山区、美丽”的定位") == []


def test_policies_strategies_and_reforms_carried_out():
    assert names("实施乡村振兴战略，是重大决策") == ["乡村振兴战略"]
    assert names("深化户籍制度改革") == ["户籍制度改革"]
    assert names("实施网络安全审查制度") == ["网络安全审查制度"]
    assert names("建立健全管理机制") == []               # a kind of mechanism
    assert names("发展数字经济是战略选择") == []


def test_fragments_and_restricted_activities_are_no_projects():
    assert names("8．深化工程建设") == []
    assert names("13建筑施工项目") == []
    assert names("坚决抵制封建迷信活动") == []


def test_box_labels_and_glued_leaders_stay_out_of_names():
    assert names("专栏2信息产业体系创新工程") == ["信息产业体系创新工程"]
    assert "物联网应用区域试点" in names("推进物联网应用区域试点，建立城市级平台")
