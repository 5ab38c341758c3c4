"""The learnt project filter: candidates beyond the rules, their features, and the shipped weights."""
from __future__ import annotations

from graph.project_candidates import candidates
from graph.project_filter import ProjectFilter, default_filter
from graph.projects import find_projects, project_kind, rule_projects


def _candidates(sentence: str):
    rejected: list = []
    found = rule_projects(sentence, [], rejected)
    return found, candidates(sentence, [], found, rejected)


def test_candidates_cover_quotes_citations_list_items_and_new_heads():
    found, cands = _candidates("全面推行河长制、湖长制，依据《消防法》推进“一网通办”，建设全国信用信息共享平台")
    names = {c.name for c in cands} | set(found.values())
    assert {"河长制", "湖长制", "消防法", "“一网通办”"} <= names
    assert any("信用信息共享平台" in n for n in names)
    for c in cands:
        assert c.features and any(f.startswith("src=") for f in c.features)


def test_hard_limits_hold_whatever_the_weights():
    accept_all = ProjectFilter({}, bias=10.0, threshold=0.5)
    for sentence in ("主动融入成渝地区双城经济圈", "已经建立起五千四百多万亩种子基地", "实施“十四五”重大工程"):
        assert find_projects(sentence, [], model=accept_all) == [], sentence


def test_a_filter_that_rejects_everything_leaves_the_rules_output():
    sentence = "深入实施“兴水润滇”工程，推进数字乡村建设和“互联网+政务服务”"
    reject_all = ProjectFilter({}, bias=-10.0, threshold=0.5)
    rules_only = sorted(rule_projects(sentence, []).items())
    assert [(a, b) for a, b, _ in find_projects(sentence, [], model=reject_all)] == [k for k, _ in rules_only]


def test_weights_round_trip_through_json():
    model = ProjectFilter({"src=quote": 1.5, "head=系统": 0.7}, bias=-0.2, threshold=0.4, veto=0.1)
    again = ProjectFilter.from_json(model.to_json("test"))
    assert again == model
    cands = _candidates("建设“智慧法院”")[1]
    assert all(0.0 <= again.probability(c) <= 1.0 for c in cands)


def test_the_shipped_filter_adds_named_measures_the_rules_miss():
    assert default_filter() is not None
    found = {n for _, _, n in find_projects("推进“一网通办”改革，建立健全城乡居民基本养老保险制度")}
    assert any("一网通办" in n for n in found)


def test_new_heads_get_a_kind():
    assert project_kind("托育机构备案信息系统") == "平台/园区/基地"
    assert project_kind("全国党员信息库") == "平台/园区/基地"
    assert project_kind("农村集体经济组织法") == "政策措施"
