"""Candidate project names that carry no head noun or come in older decades' wording, and the hard limits
that keep clauses and pointers out, on invented sentences."""
from __future__ import annotations

from graph.project_candidates import candidates
from graph.project_filter import ProjectFilter
from graph.projects import find_projects, project_kind, rule_projects

ACCEPT_ALL = ProjectFilter({}, bias=10.0, threshold=0.5)


def _names(sentence: str) -> dict[str, tuple[str, ...]]:
    rejected: list = []
    found = rule_projects(sentence, [], rejected)
    return {c.name: c.features for c in candidates(sentence, [], found, rejected)} | {n: ("src=rule",) for n in found.values()}


def test_the_object_of_a_verb_of_carrying_out_is_a_candidate_without_a_head():
    names = _names("继续深入推进东部大开放，推行农机下乡和家具下乡")
    assert "src=object" in names["东部大开放"]
    assert {"农机下乡", "家具下乡"} <= set(names)
    assert not any(n.startswith(("推进", "深入", "推行")) for n in names)


def test_a_period_plan_and_older_heads_are_candidates():
    names = _names("胜利完成第二个五年计划，坚持互不干涉的方针，签订两国友好条约")
    assert "five-year-plan" in names["第二个五年计划"]
    assert any(n.endswith("方针") for n in names) and any(n.endswith("友好条约") for n in names)
    assert project_kind("第二个五年计划") in ("行动/计划", "政策措施") and project_kind("互不干涉的方针") == "政策措施"


def test_pointers_enumerators_and_modal_clauses_are_never_names():
    for sentence in ("实行这个组织法", "三是进一步理顺价格政策", "住户应当配合住房管理", "正象任何群众运动一样"):
        assert [n for _, _, n in find_projects(sentence, [], model=ACCEPT_ALL)
                if n.startswith(("这个", "三是", "正象")) or "应当" in n] == [], sentence


def test_a_head_straddling_two_words_ends_no_name():
    assert find_projects("按收入标准实行动态调整", [], model=ACCEPT_ALL) == [] or all(
        not n.endswith("行动") for _, _, n in find_projects("按收入标准实行动态调整", [], model=ACCEPT_ALL))
    assert [n for _, _, n in find_projects("开展节水护水行动", [])] == ["节水护水行动"]


def test_a_standing_aimed_at_is_no_facility_whatever_the_weights():
    for sentence in ("推动建设世界级康养目的地", "加快建设区域国际金融中心"):
        assert find_projects(sentence, [], model=ACCEPT_ALL) == [], sentence


def test_what_a_text_fights_is_no_programme_but_the_campaign_against_it_may_be():
    names = _names("坚决打击走私贩私犯罪活动，开展反走私专项斗争，批判修正主义路线")
    assert not any(n.endswith("犯罪活动") or n.endswith("修正主义路线") for n in names)
    assert any(n.endswith("专项斗争") for n in names)


def test_the_rules_own_names_obey_the_same_limits():
    assert find_projects("并且认为只有铲除产生这种活动", []) == []
    assert not any("42.3" in n for _, _, n in find_projects("实行劳动改造的占42.3%", []))
