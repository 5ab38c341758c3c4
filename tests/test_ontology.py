"""The ontology file is the source of truth: code may only use pkg: terms it defines."""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS

from graph.vocab import ONTOLOGY_IRI, PKG, PLACE_CLASSES, ontology_text

ROOT = Path(__file__).resolve().parents[1]
DEFINING = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return Graph().parse(data=ontology_text(), format="turtle")


def _defined(ontology: Graph) -> set[str]:
    return {str(s)[len(ONTOLOGY_IRI):] for kind in DEFINING for s in ontology.subjects(RDF.type, kind)
            if str(s).startswith(ONTOLOGY_IRI)}


def test_namespace_class_and_file_define_the_same_terms(ontology):
    declared = set(PKG.__annotations__)
    assert declared == _defined(ontology)


def test_every_term_has_chinese_and_english_labels_and_a_definition(ontology):
    for name in _defined(ontology):
        term = URIRef(ONTOLOGY_IRI + name)
        langs = {lit.language for lit in ontology.objects(term, RDFS.label) if isinstance(lit, Literal)}
        assert {"zh", "en"} <= langs, name
        assert (term, SKOS.definition, None) in ontology, name


def test_place_kinds_are_subclasses_of_place(ontology):
    for cls in PLACE_CLASSES.values():
        assert (cls, RDFS.subClassOf, PKG.Place) in ontology
    assert (PKG.Target, RDFS.subClassOf, PKG.Goal) in ontology


def test_misspelt_term_is_an_error():
    with pytest.raises(AttributeError):
        PKG.involvePlace  # noqa: B018


def test_code_uses_only_defined_terms(ontology):
    defined = _defined(ontology)
    pattern = re.compile(r"""\bPKG(?:\.(\w+)|\[\s*["'](\w+)["']\s*\])""")
    used: dict[str, str] = {}
    for package in ("graph", "search", "ui", "ingest"):
        for path in (ROOT / package).rglob("*.py"):
            for m in pattern.finditer(path.read_text(encoding="utf-8")):
                used.setdefault(m.group(1) or m.group(2), str(path.relative_to(ROOT)))
    assert used, "the scan found no PKG term at all: the pattern is broken"
    undefined = {term: where for term, where in used.items() if term not in defined and not term.startswith("_")}
    assert not undefined, f"terms used in code but missing from ontology.ttl: {undefined}"


def test_relation_predicates_of_the_records_are_ontology_terms(ontology):
    # graph.records.Relation documents these local names; each must be a property.
    for name in ("involvesPlace", "servesGoal", "concernsPlace", "memberOf", "issuedBy", "addressedTo",
                 "mentionedIn", "within"):
        assert (URIRef(ONTOLOGY_IRI + name), RDF.type, OWL.ObjectProperty) in ontology


def test_a_second_parser_reads_the_ontology():
    quads = list(pyoxigraph.parse(ontology_text(), format=pyoxigraph.RdfFormat.TURTLE))
    assert len(quads) == len(Graph().parse(data=ontology_text(), format="turtle"))
