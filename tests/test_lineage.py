"""Lineage: project → programme → goal, each link with its basis and confidence, strongest first."""
from __future__ import annotations

import pytest

from graph.lineage import GoalSite, ProjectMention, aim_spans, core_name, flat, key_terms, lineage
from graph.records import Evidence, Goal
from graph.vocab import LINEAGE_BASES, SAME_OBJECT, SAME_PARAGRAPH, SAME_SENTENCE, SECTION_GOAL, UPPER_PROGRAMME

# An invented plan: one goals section, a programme section, a lead naming a programme, a paragraph target.
PLAN = """示例省人民政府关于印发示例省“十四五”山海协作规划的通知

一、发展目标

到2025年，青岚旅游环线基本建成，山海协作格局基本形成；“清泉入户”工程深入实施，季节性缺水问题进一步缓解。

二、重点任务

（一）实施“清泉入户”工程

统筹山区水源布局，完善农村供水管网。建设东岭引水工程。

（二）畅通县域交通

实施县道“畅连”工程，完善乡村公路网络，形成半小时通达圈。加快建设青岚旅游环线，串联主要景区。以实施“双百”工程为引领，加快推进“北环”快速路工程、“南湾”港区工程。

（三）提升山区供水保障

建设“西溪”提水工程，改造老旧管网。到2025年，山区自来水普及率达到95%，农村供水保障能力明显增强。
"""


@pytest.fixture(scope="module")
def plan(tmp_path_factory, segmenter):
    from graph.gazetteer import load_gazetteer
    from graph.extract import extract
    from ingest.pipeline import ingest_document
    from ingest.read import read_documents

    path = tmp_path_factory.mktemp("lineage") / "plan.txt"
    path.write_text(PLAN, encoding="utf-8")
    ingested = ingest_document(read_documents(path)[0], segmenter)
    return ingested, extract(ingested, load_gazetteer())


def _links(x, name: str, predicate: str = "servesGoal") -> list:
    pid = next(p.project_id for p in x.projects if p.name == name)
    return sorted((r for r in x.relations if r.subject == pid and r.predicate == predicate),
                  key=lambda r: -r.confidence)


def _statement(x, goal_id: str) -> str:
    return next(g.statement for g in x.goals if g.goal_id == goal_id)


def test_same_sentence_aim_is_the_projects_goal(plan):
    _, x = plan
    first = _links(x, "县道“畅连”工程")[0]
    assert (first.basis, _statement(x, first.object)) == (SAME_SENTENCE, "形成半小时通达圈")


def test_a_goal_naming_the_project_in_its_own_clause_comes_before_the_rest_of_the_list(plan):
    _, x = plan
    links = _links(x, "青岚旅游环线")
    assert (links[0].basis, _statement(x, links[0].object)) == (SAME_SENTENCE, "青岚旅游环线基本建成")
    # Another aim of the same goals sentence is a weaker link, never the first.
    others = [r for r in links if _statement(x, r.object) == "山海协作格局基本形成"]
    assert all(r.confidence < links[0].confidence for r in others)


def test_same_paragraph_target_in_the_projects_words(plan):
    _, x = plan
    first = _links(x, "“西溪”提水工程")[0]
    assert (first.basis, _statement(x, first.object)) == (SAME_PARAGRAPH, "山区自来水普及率达到95%")


def test_programme_heading_gives_the_programme_and_its_goal(plan):
    ingested, x = plan
    part = _links(x, "东岭引水工程", "partOfProgramme")
    programme = next(p.project_id for p in x.projects if p.name == "“清泉入户”工程")
    assert [r.object for r in part] == [programme] and part[0].basis == UPPER_PROGRAMME
    first = _links(x, "东岭引水工程")[0]
    # The programme's goal that says what it is for, before the one that only restates it.
    assert (first.basis, _statement(x, first.object)) == (UPPER_PROGRAMME, "季节性缺水问题进一步缓解")


def test_a_lead_names_the_programme_of_the_projects_after_it(plan):
    _, x = plan
    programme = next(p.project_id for p in x.projects if p.name == "“双百”工程")
    for member in ("“北环”快速路工程", "“南湾”港区工程"):
        assert [r.object for r in _links(x, member, "partOfProgramme")] == [programme]


def test_aims_are_goals_of_their_own_kind_and_every_link_says_how_it_was_found(plan):
    ingested, x = plan
    served = [r for r in x.relations if r.predicate in ("servesGoal", "partOfProgramme")]
    assert served and {r.basis for r in served} <= set(LINEAGE_BASES)
    assert all(0 < r.confidence <= 1 for r in served)
    aim = next(g for g in x.goals if g.statement == "形成半小时通达圈")
    assert aim.goal_id.startswith("goal:aim:") and aim.place_ids == ()
    text = ingested.document.text
    assert all(text[e.char_start:e.char_end] == e.text for r in served for e in r.evidence)


# ------------------------------------------------------------------------ the rules on hand-made records

def _ev(start: int, text: str, path=("二、任务",)) -> Evidence:
    return Evidence("p.txt", "d", path, start, start + len(text), text)


def _site(gid: str, statement: str, start: int, paragraph, section: str, goal_section: bool, places=()):
    goal = Goal(gid, statement, 2025, None, places, _ev(start, statement, ("一、目标",) if goal_section else ("二、任务",)))
    return GoalSite(goal, paragraph, section, goal_section, key_terms(statement), len(places))


def _mention(name: str, sentence: str, start: int, paragraph, section: str, places=(), path=("二、任务",)):
    return ProjectMention("p:" + name, name, _ev(start, sentence, path), paragraph, section, places,
                          key_terms("".join(path)), key_terms(name) | key_terms(path[-1]))


def test_same_named_object_stated_in_the_goals_section():
    m = _mention("山区人居环境整治三年行动计划", "实施山区人居环境整治三年行动计划，拆除违建。", 500, (500, 560), "s2")
    goal = _site("g1", "山区人居环境明显改善", 100, (100, 200), "s1", True)
    assert core_name(m.name) == "山区人居环境"
    [r] = [r for r in lineage([m], [goal], {"s2": ()}).relations if r.object == "g1"]
    assert r.basis == SAME_OBJECT


def test_section_goal_is_the_fallback_and_weaker_than_any_other_basis():
    m = _mention("“北环”快速路工程", "推进“北环”快速路工程。", 500, (500, 520), "s2")
    goal = _site("g2", "区域交通网络更加完善", 530, (530, 600), "s2", False)
    [r] = [r for r in lineage([m], [goal], {"s2": ()}).relations if r.object == "g2"]
    assert r.basis == SECTION_GOAL and r.confidence < 0.6


def test_no_link_across_themes_by_a_shared_place_alone():
    place = ("region:d:沿海",)
    m = _mention("沿海铁路", "加快建设沿海铁路。", 500, (500, 520), "s2", place, ("二、推动沿海开放", "（一）互联互通"))
    security = _site("g3", "沿海地区边境安全功能更加体现", 100, (100, 200), "s1", True, place)
    transport = _site("g4", "沿海地区便捷畅通的交通体系基本形成", 210, (100, 300), "s1", True, place)
    linked = {r.object for r in lineage([m], [security, transport], {"s2": ("s0",)}).relations}
    assert "g3" not in linked


def test_aim_spans_read_result_clauses_and_named_goals():
    def aims(sentence: str, name: str) -> list[str]:
        return [flat(sentence)[a:b] for a, b in aim_spans(sentence, name)]

    assert aims("实施甲乙计划，力争3年实现投资翻一番。", "甲乙计划") == ["力争3年实现投资翻一番"]
    assert aims("深入实施丙丁行动，将沿海村庄全部建成示范村。", "丙丁行动") == ["将沿海村庄全部建成示范村"]
    assert aims("围绕功能完备、人口过百万的目标，建设戊己中心城市。", "戊己中心城市") == ["功能完备、人口过百万"]
    assert aims("东、西、南3个省级康复中心全面建成。", "东省级康复中心") == ["东、西、南3个省级康复中心全面建成"]
    assert aims("推进壬癸交易中心独立运行，扩大交易规模，降低企业成本。", "壬癸交易中心") == ["扩大交易规模", "降低企业成本"]
    assert aims("推进庚辛工程建设，完善配套设施。", "庚辛工程") == []   # a further task is no aim


# ------------------------------------------------------------------------ trace and the answer

def test_trace_gives_the_chain_strongest_first_with_basis_confidence_and_evidence(plan):
    from graph.build import load
    from graph.queries import trace
    from graph.store import memory_store

    ingested, x = plan
    store = memory_store()
    load(store, [ingested], [x])
    items = trace(store, "东岭引水工程")
    assert items[0].type == "Project"
    programme = next(i for i in items if i.attrs.get("role") == "programme")
    assert programme.label == "“清泉入户”工程" and programme.attrs["confidence"] > 0
    goals = [i for i in items if i.type == "Goal"]
    assert goals[0].label == "季节性缺水问题进一步缓解"
    assert goals[0].attrs["basis"] == UPPER_PROGRAMME and goals[0].attrs["programme"] == "“清泉入户”工程"
    confidences = [g.attrs["confidence"] for g in goals]
    assert confidences == sorted(confidences, reverse=True)
    # The link's evidence: the project's own sentence and the goal's.
    texts = {c.text for c in goals[0].citations}
    assert "建设东岭引水工程。" in texts and any("季节性缺水问题进一步缓解" in t for t in texts)


def test_parent_goal_answers_with_the_goal_the_text_ties_the_project_to(seed_workspace):
    a = seed_workspace.ask("工业倍增计划对应什么目标？")
    goals = [i for i in a.items if i.type == "Goal"]
    assert a.found and goals and "工业投资翻一番" in goals[0].label
    assert goals[0].attrs["basis"] == SAME_SENTENCE and "同一句" in a.answer
    assert a.items[0].type == "Section"   # where the project stands comes first
    # A transport project is not served by a border-security goal of its region.
    a = seed_workspace.ask("沿边铁路服务于哪个目标")
    assert not any("边境安全" in i.label for i in a.items if i.type == "Goal")
