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

_NODES = """
SELECT ?node ?type (MIN(STR(?l)) AS ?label) (SAMPLE(?k) AS ?key) (SAMPLE(?code) AS ?adcode)
       (MAX(STR(?sub)) AS ?kind) (MIN(?y) AS ?year) (MIN(?v) AS ?value) (SAMPLE(?u) AS ?unit) WHERE {
  VALUES ?type { %s }
  ?node a ?type ; skos:prefLabel ?l .
  OPTIONAL { ?node pkg:key ?k } OPTIONAL { ?node pkg:adcode ?code }
  OPTIONAL { ?node a ?sub . ?sub rdfs:subClassOf ?type }
  OPTIONAL { ?node pkg:targetYear|pkg:year ?y } OPTIONAL { ?node pkg:value ?v } OPTIONAL { ?node pkg:unit ?u }
} GROUP BY ?node ?type
"""

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
    for r in store.query(_NODES % classes):
        attrs = {"type": _local(r.type), "label": str(r.label), "record_id": r.key and str(r.key),
                 "kind": _local(r.kind) if r.kind else _local(r.type), "adcode": r.adcode and str(r.adcode),
                 "year": int(r.year) if r.year is not None else None,
                 "value": float(r.value) if r.value is not None else None, "unit": r.unit and str(r.unit)}
        node = str(r.node)
        if node in g:   # a node typed twice (Goal and Target share the Goal class): keep the first
            continue
        g.add_node(node, **{k: v for k, v in attrs.items() if v is not None})
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
