"""Named queries: place hierarchy and region expansion, goals by year, traces, metadata, entity lookup."""
from __future__ import annotations

import pytest

from graph import queries as q
from graph.build import load
from graph.store import memory_store
from graph.vocab import node
from graph_fixtures import PLAN, REPORT, corpus
from ingest.errors import QueryError

TEXTS = {"plan.txt": PLAN, "reports.jsonl#3": REPORT}


@pytest.fixture(scope="module")
def store():
    s = memory_store()
    load(s, *corpus())
    return s


def _assert_citations_quote_sources(items):
    for item in items:
        for c in item.citations:
            assert TEXTS[c.source][c.char_start:c.char_end] == c.text


def test_projects_by_place_expands_descendants_and_regions(store):
    items = {i.label: i for i in q.projects_by_place(store, "昭通市")}
    assert set(items) == {"昭阳区机场", "乌蒙山铁路"}
    assert items["昭阳区机场"].attrs["via"] == ["within"]          # 昭阳区 is a county of 昭通市
    assert "region" in items["乌蒙山铁路"].attrs["via"]            # 滇东北 includes 昭通市
    _assert_citations_quote_sources(items.values())


def test_projects_by_place_marks_section_scope_when_nothing_is_explicit(store):
    # 曲靖 is in the 滇东北 region; the railway reaches it only through the section's scope.
    items = q.projects_by_place(store, "曲靖")
    assert [(i.label, i.attrs["basis"]) for i in items] == [("乌蒙山铁路", "section_scope")]
    assert items[0].citations[0].basis == "section_scope"


def test_a_county_does_not_inherit_its_parents_projects(store):
    assert [i.label for i in q.projects_by_place(store, "昭阳区")] == ["昭阳区机场"]


def test_goals_by_place_filters_by_year(store):
    goals = q.goals_by_place(store, "云南省")
    assert [g.attrs["year"] for g in goals] == [2025]
    assert goals[0].attrs["value"] == 1_000_000_000_000 and goals[0].attrs["unit"] == "元"
    assert q.goals_by_place(store, "云南省", year=2030) == []
    assert [f.attrs["year"] for f in q.facts_by_place(store, "云南")] == [2020]
    _assert_citations_quote_sources(goals)


def test_trace_goes_from_project_to_sections_goals_and_places(store):
    items = q.trace(store, "乌蒙山铁路")
    kinds = [i.type for i in items]
    assert kinds[0] == "Project" and "Section" in kinds and "Goal" in kinds and "Place" in kinds
    section = next(i for i in items if i.type == "Section" and i.attrs["path"])
    assert section.attrs["path"] == ["二、区域布局", "(一)滇东北地区"]
    goal = next(i for i in items if i.type == "Goal")
    assert goal.label == "全省经济总量达到1万亿元" and goal.attrs["basis"] == "explicit"
    _assert_citations_quote_sources(items)
    assert [i.label for i in q.trace(store, "p_rail")] == [i.label for i in items]   # by id as well


def test_trace_of_an_unknown_project_is_a_query_error(store):
    with pytest.raises(QueryError, match="no project"):
        q.trace(store, "不存在的工程")


def test_regions(store):
    assert [i.label for i in q.region_members(store, "滇东北")] == ["昭通市", "曲靖市"]
    assert [i.label for i in q.regions_of(store, "昭阳区")] == ["滇东北地区"]
    assert [i.label for i in q.places_of_project(store, "p_airport")] == ["昭阳区"]


def test_document_metadata(store):
    docs = q.document_metadata(store)
    assert [d.attrs["doc_id"] for d in docs] == ["d_plan", "d_report"]
    plan = q.document_metadata(store, "d_plan")[0]
    assert plan.attrs["doc_number"] == "云政办发〔2022〕25号"
    assert plan.attrs["issuers"] == ["云南省人民政府办公厅"] and plan.attrs["planning_period"] == [2021, 2025]


def test_entities_and_find_entities(store):
    places = q.entities(store, "place")
    assert {p.attrs.get("kind") for p in places} == {"Province", "Prefecture", "County", "Region"}
    assert next(p for p in places if p.label == "昭通市").attrs["adcode"] == "530600"
    assert [i.label for i in q.find_entities(store, "昭通市")][0] == "昭通市"        # exact match first
    assert [i.type for i in q.find_entities(store, "机场", type="project")] == ["Project"]
    assert q.resolve(store, "昭通") == node("place", "adcode:530600")               # alias
    with pytest.raises(QueryError, match="unknown entity type"):
        q.entities(store, "person")


def test_items_serialise_to_the_shared_json_shape(store):
    item = q.projects_by_place(store, "昭通市")[0].to_json()
    assert set(item) >= {"label", "type", "uri", "citations"}
    assert set(item["citations"][0]) == {"source", "section_path", "text", "char_start", "char_end"}


def test_check_read_only():
    assert q.check_read_only("SELECT * WHERE { ?s ?p ?o }") == "SELECT"
    assert q.check_read_only("CONSTRUCT WHERE { ?s ?p ?o }") == "CONSTRUCT"
    with pytest.raises(QueryError, match="updates are not allowed"):
        q.check_read_only("DELETE WHERE { ?s ?p ?o }")
    with pytest.raises(QueryError, match="not a valid"):
        q.check_read_only("SELECT nonsense")


def test_projects_in_document_are_the_projects_it_mentions(store):
    from graph.vocab import node

    docs, _ = corpus()
    plan = next(d for d in docs if d.document.source == "plan.txt")
    report = next(d for d in docs if d.document.source != "plan.txt")
    assert [i.label for i in q.projects_in_document(store, str(node("doc", plan.document.doc_id)))] == \
        ["乌蒙山铁路", "昭阳区机场"]
    assert [i.label for i in q.projects_in_document(store, str(node("doc", report.document.doc_id)))] == ["乌蒙山铁路"]
