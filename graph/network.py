"""A networkx view of part of the graph: entities as typed nodes, direct relations as typed edges."""
from __future__ import annotations

from collections import deque
from typing import Iterable

import networkx as nx

from graph.queries import require, resolve
from graph.store import GraphStore
from graph.vocab import PKG
from ingest.errors import QueryError

# Coarse node types (what `--types` names); a node's most specific class is kept as `kind`.
NODE_TYPES = ("Document", "Section", "Project", "Goal", "Fact", "Place", "Agency")
DEFAULT_TYPES = ("Project", "Goal", "Place", "Agency")
RELATIONS = ("involvesPlace", "servesGoal", "concernsPlace", "within", "memberOf", "issuedBy", "addressedTo",
             "mentionedIn", "partOf")

# Three flat queries joined here: one query with a chain of OPTIONALs and GROUP BY takes minutes on
# Oxigraph's union default graph once the corpus has tens of thousands of statements.
_NODES = "SELECT DISTINCT ?node ?type ?label WHERE { VALUES ?type { %s } ?node a ?type ; skos:prefLabel ?label }"
_KINDS = "SELECT DISTINCT ?node ?kind WHERE { ?kind rdfs:subClassOf ?type . VALUES ?type { %s } ?node a ?kind }"
_FIELDS = """SELECT DISTINCT ?node ?p ?v WHERE {
  VALUES ?p { pkg:key pkg:adcode pkg:targetYear pkg:year pkg:value pkg:unit } ?node ?p ?v }"""
_FIELD_NAMES = {"key": "record_id", "adcode": "adcode", "targetYear": "year", "year": "year", "value": "value",
                "unit": "unit"}

_EDGES = """
SELECT ?s ?p ?o (MIN(?b) AS ?basis) (MAX(?c) AS ?confidence) WHERE {
  VALUES ?p { %s }
  ?s ?p ?o .
  OPTIONAL { ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; pkg:basis ?b ; pkg:confidence ?c }
} GROUP BY ?s ?p ?o
"""


def _local(uri) -> str:
    return str(uri).rsplit("#", 1)[-1]


def _check_types(types: Iterable[str]) -> None:
    unknown = set(types) - set(NODE_TYPES)
    if unknown:
        raise QueryError(f"unknown node type(s) {', '.join(sorted(unknown))} (known: {', '.join(NODE_TYPES)})")


def full_graph(store: GraphStore, types: Iterable[str] = DEFAULT_TYPES) -> nx.MultiDiGraph:
    """Every entity of the given types and every direct relation between two of them."""
    _check_types(types)
    g = nx.MultiDiGraph()
    classes = " ".join(PKG[t].n3() for t in types)
    types_of: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    for r in store.query(_NODES % classes):
        node = str(r.node)
        types_of.setdefault(node, set()).add(_local(r.type))
        labels[node] = min(labels.get(node, str(r.label)), str(r.label))
    kinds: dict[str, set[str]] = {}
    for r in store.query(_KINDS % classes):
        kinds.setdefault(str(r.node), set()).add(_local(r.kind))
    for node in sorted(types_of):
        type_ = min(types_of[node], key=NODE_TYPES.index)   # deterministic if a node has two coarse types
        g.add_node(node, type=type_, label=labels[node], kind=min(kinds.get(node, {type_})))
    for r in store.query(_FIELDS):
        node = str(r.node)
        if node in g:
            name = _FIELD_NAMES[_local(r.p)]
            value = r.v.toPython()
            g.nodes[node][name] = (int(value) if name == "year" else float(value) if name == "value" else str(value))
    relations = " ".join(PKG[r].n3() for r in RELATIONS)
    for r in store.query(_EDGES % relations):
        s, o = str(r.s), str(r.o)
        if s in g and o in g:
            relation = _local(r.p)
            attrs = {"relation": relation, "basis": r.basis and str(r.basis),
                     "confidence": float(r.confidence) if r.confidence is not None else None}
            g.add_edge(s, o, key=relation, **{k: v for k, v in attrs.items() if v is not None})
    return g


def _neighbourhood(g: nx.MultiDiGraph, seeds: set[str], depth: int) -> set[str]:
    keep, frontier = set(seeds), deque((s, 0) for s in seeds)
    while frontier:
        node, d = frontier.popleft()
        if d >= depth:
            continue
        for nb in set(g.successors(node)) | set(g.predecessors(node)):
            if nb not in keep:
                keep.add(nb)
                frontier.append((nb, d + 1))
    return keep


def subgraph(store: GraphStore, place: str | None = None, goal: str | None = None,
             types: Iterable[str] | None = None, depth: int = 1) -> nx.MultiDiGraph:
    """The entities around a place (with its descendants and regions) or a goal, `depth` hops out.

    Without place or goal: every entity of the chosen types.
    """
    types = tuple(types or DEFAULT_TYPES)
    _check_types(types)
    needed = set(types) | ({"Place"} if place else set()) | ({"Goal"} if goal else set())
    g = full_graph(store, [t for t in NODE_TYPES if t in needed])
    seeds: set[str] = set()
    if place:
        target = require(store, place, "place")
        rows = store.query("""SELECT DISTINCT ?place WHERE {
            { ?place pkg:within* ?target } UNION { ?m pkg:within* ?target . ?m pkg:memberOf ?place } }""",
                           target=target)
        seeds |= {str(r.place) for r in rows}
    if goal:
        node = resolve(store, goal, "goal")
        if node is None:
            raise QueryError(f"no goal matches {goal!r}")
        seeds.add(str(node))
    if place or goal:
        seeds &= set(g)
        g = g.subgraph(_neighbourhood(g, seeds, depth)).copy()
    return g.subgraph([n for n, t in g.nodes(data="type") if t in types]).copy()
