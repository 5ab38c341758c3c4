"""Building RDF from records: deterministic IRIs, one named graph per document, reified statements with evidence."""
from __future__ import annotations

import logging
from dataclasses import replace

import pytest
from rdflib import Literal, URIRef

DECIMAL = URIRef("http://www.w3.org/2001/XMLSchema#decimal")   # (rdflib's XSD namespace trips pytest's collector)
from rdflib.namespace import RDF

from graph.build import build_graph, document_quads
from graph.records import Relation
from graph.vocab import GAZETTEER_GRAPH, ONTOLOGY_GRAPH, PKG, document_graph, node
from graph_fixtures import corpus, plan, report


def _triples(quads, graph):
    return {(s, p, o) for s, p, o, g in quads if g == graph}


def test_same_records_give_identical_quads():
    assert document_quads(*plan()) == document_quads(*plan())


def test_each_document_fills_its_own_named_graph_and_admin_facts_go_to_the_gazetteer():
    quads = document_quads(*plan())
    graphs = {g for *_, g in quads}
    assert graphs == {document_graph("d_plan"), GAZETTEER_GRAPH}
    gazetteer = _triples(quads, GAZETTEER_GRAPH)
    zhaotong, yunnan = node("place", "adcode:530600"), node("place", "adcode:530000")
    assert (zhaotong, PKG.within, yunnan) in gazetteer
    assert (zhaotong, PKG.adcode, Literal("530600")) in gazetteer
    # A region exists as its document defines it: in that document's graph, not in the shared one.
    region = node("place", "region:d_plan:滇东北")
    assert (region, RDF.type, PKG.Region) in _triples(quads, document_graph("d_plan"))
    assert not any(s == region for s, _, _ in gazetteer)


def test_every_evidence_node_quotes_the_source_at_its_offsets():
    ingested, extraction = plan()
    text = ingested.document.text
    triples = _triples(document_quads(ingested, extraction), document_graph("d_plan"))
    evidence = {s for s, p, o in triples if p == RDF.type and o == PKG.Evidence}
    assert len(evidence) >= 8
    for ev in evidence:
        values = {p: o for s, p, o in triples if s == ev}
        start, end = int(values[PKG.charStart]), int(values[PKG.charEnd])
        assert str(values[PKG.exactText]) == text[start:end]


def test_relations_are_asserted_directly_and_reified_with_basis_and_evidence():
    triples = _triples(document_quads(*plan()), document_graph("d_plan"))
    rail, region = node("project", "p_rail"), node("place", "region:d_plan:滇东北")
    assert (rail, PKG.involvesPlace, region) in triples
    statements = [s for s, p, o in triples if p == RDF.subject and o == rail
                  and (s, RDF.predicate, PKG.involvesPlace) in triples and (s, RDF.object, region) in triples]
    assert len(statements) == 1
    st = statements[0]
    assert (st, RDF.type, PKG.Statement) in triples
    assert (st, PKG.basis, Literal("section_scope")) in triples
    assert (st, PKG.confidence, Literal("0.7", datatype=DECIMAL)) in triples
    assert any(p == PKG.hasEvidence for s, p, o in triples if s == st)


def test_targets_keep_normalised_decimal_values_and_years():
    triples = _triples(document_quads(*plan()), document_graph("d_plan"))
    goal = node("goal", "g1")
    assert (goal, RDF.type, PKG.Target) in triples and (goal, RDF.type, PKG.Goal) in triples
    assert (goal, PKG.value, Literal("1000000000000", datatype=DECIMAL)) in triples
    assert (goal, PKG.targetYear, Literal(2025)) in triples
    fact = node("fact", "f1")
    assert (fact, PKG.value, Literal("2450000000000", datatype=DECIMAL)) in triples
    assert not any(p == PKG.valueHigh for s, p, o in triples if s == goal)     # a single value has no upper end


def test_a_range_target_keeps_its_upper_end():
    from dataclasses import replace

    ingested, x = plan()
    goal = replace(x.goals[0], target=replace(x.goals[0].target, value=6.0, value_high=6.5, unit="%",
                                               comparator="=", value_text="6%-6.5%"))
    triples = _triples(document_quads(ingested, replace(x, goals=(goal,) + x.goals[1:])), document_graph("d_plan"))
    g = node("goal", "g1")
    assert any(p == PKG.value and float(o) == 6.0 for s, p, o in triples if s == g)
    assert any(p == PKG.valueHigh and float(o) == 6.5 for s, p, o in triples if s == g)


def test_document_metadata_and_outline():
    triples = _triples(document_quads(*plan()), document_graph("d_plan"))
    doc = node("doc", "d_plan")
    assert any(p.endswith("identifier") and str(o) == "云政办发〔2022〕25号" for s, p, o in triples if s == doc)
    assert (doc, PKG.issuedBy, node("agency", "云南省人民政府办公厅")) in triples
    sections = [s for s, p, o in triples if p == RDF.type and o == PKG.Section]
    assert len(sections) == 3
    nested = [s for s in sections if (s, PKG.level, Literal(2)) in triples]
    parent = next(o for s, p, o in triples if s == nested[0] and p == PKG.partOf)
    assert (parent, PKG.sectionPath, Literal("二、区域布局")) in triples


def test_a_project_named_in_two_documents_is_one_node():
    ds = build_graph(*corpus())
    rail = node("project", "p_rail")
    docs = {o for s, p, o, _ in ds.quads((rail, PKG.mentionedIn, None, None))}
    assert docs == {node("doc", "d_plan"), node("doc", "d_report")}
    assert {g.identifier for g in ds.graphs()} >= {document_graph("d_plan"), document_graph("d_report"),
                                                   GAZETTEER_GRAPH, ONTOLOGY_GRAPH}


def test_relation_with_unknown_predicate_or_record_is_skipped_with_a_warning(caplog):
    ingested, extraction = plan()
    bad = (Relation("p_rail", "locatedNear", "adcode:530600", ()), Relation("nobody", "servesGoal", "g1", ()))
    with caplog.at_level(logging.WARNING, logger="graph.build"):
        quads = document_quads(ingested, replace(extraction, relations=extraction.relations + bad))
    assert "locatedNear" in caplog.text and "nobody" in caplog.text
    assert not any(str(p).endswith("locatedNear") for _, p, _, _ in quads)


def test_extraction_of_another_document_is_refused():
    with pytest.raises(ValueError, match="plan.txt"):
        document_quads(plan()[0], report()[1])


def test_iris_are_valid_for_a_strict_parser():
    import pyoxigraph

    # Chinese region names are percent-encoded; pyoxigraph rejects malformed IRIs.
    quads = document_quads(*plan())
    text = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} {g.n3()} ." for s, p, o, g in quads)
    assert len(list(pyoxigraph.parse(text, format=pyoxigraph.RdfFormat.N_QUADS))) == len(quads)
    assert all(isinstance(s, URIRef) for s, *_ in quads)


def test_evidence_that_does_not_quote_the_source_is_dropped(caplog):
    ingested, extraction = plan()
    wrong = replace(extraction.goals[0].evidence, text="全省经济总量达到2万亿元")
    with caplog.at_level(logging.WARNING, logger="graph.build"):
        quads = document_quads(ingested, replace(extraction, goals=(replace(extraction.goals[0], evidence=wrong),)))
    assert "does not match" in caplog.text
    assert not any(p == PKG.exactText and str(o) == wrong.text for _, p, o, _ in quads)
