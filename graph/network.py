"""A networkx view of part of the graph: entities as typed nodes, their relations (with evidence) as typed edges."""
from __future__ import annotations

from bisect import bisect_right
from collections import deque
from typing import Iterable

import networkx as nx

from graph.queries import require, resolve
from graph.store import GraphStore
from graph.vocab import PATH_SEPARATOR, PKG
from ingest.errors import QueryError

# Coarse node types (what `--types` names); a node's most specific class is kept as `kind`.
NODE_TYPES = ("Document", "Section", "Project", "Goal", "Fact", "Place", "Agency")
# Documents by default: without them agencies (linked to what they issue and where they are named) float alone.
DEFAULT_TYPES = ("Document", "Project", "Goal", "Place", "Agency")
RELATIONS = ("involvesPlace", "servesGoal", "concernsPlace", "within", "memberOf", "issuedBy", "addressedTo",
             "mentionedIn", "partOf")
# Edges read from evidence rather than from a triple between the two entities:
IN_SECTION = "inSection"        # an entity → the section its mention is cited from (pkg:inSection of that evidence)
MENTIONED_WITH = "mentionedWith"   # an agency → a project whose cited sentence names the agency
DERIVED_LABELS = {IN_SECTION: "所在章节 in section", MENTIONED_WITH: "同句提及 named in the same sentence"}

# Flat queries joined here: one query with a chain of OPTIONALs and GROUP BY takes minutes on
# Oxigraph's union default graph once the corpus has tens of thousands of statements.
_NODES = "SELECT DISTINCT ?node ?type ?label WHERE { VALUES ?type { %s } ?node a ?type ; skos:prefLabel ?label }"
_KINDS = "SELECT DISTINCT ?node ?kind WHERE { ?kind rdfs:subClassOf ?type . VALUES ?type { %s } ?node a ?kind }"
_FIELDS = """SELECT DISTINCT ?node ?p ?v WHERE {
  VALUES ?p { pkg:key pkg:adcode pkg:targetYear pkg:year pkg:value pkg:unit } ?node ?p ?v }"""
_FIELD_NAMES = {"key": "record_id", "adcode": "adcode", "targetYear": "year", "year": "year", "value": "value",
                "unit": "unit"}
_EDGES = "SELECT DISTINCT ?s ?p ?o WHERE { VALUES ?p { %s } ?s ?p ?o }"
_STATEMENTS = """SELECT ?s ?p ?o ?basis ?confidence WHERE {
  VALUES ?p { %s } ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; pkg:basis ?basis ;
                   pkg:confidence ?confidence }"""
# Statement → evidence and the evidence's fields as two flat queries joined here (twice as fast as one join).
_CITED = """SELECT ?s ?p ?o ?e WHERE {
  VALUES ?p { %s } ?st rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; pkg:hasEvidence ?e }"""
_EVIDENCE = """SELECT ?e ?src ?path ?cs ?ce ?text ?doc ?section WHERE {
  ?e a pkg:Evidence ; dcterms:source ?src ; pkg:sectionPath ?path ; pkg:charStart ?cs ; pkg:charEnd ?ce ;
     pkg:exactText ?text ; pkg:inDocument ?doc .
  OPTIONAL { ?e pkg:inSection ?section } }"""
_RELATION_LABELS = "SELECT ?p ?label WHERE { VALUES ?p { %s } ?p rdfs:label ?label }"
_SECTION_PARENTS = "SELECT ?s ?parent WHERE { ?s a pkg:Section ; pkg:partOf ?parent }"


def _local(uri) -> str:
    return str(uri).rsplit("#", 1)[-1]


def _check_types(types: Iterable[str]) -> None:
    unknown = set(types) - set(NODE_TYPES)
    if unknown:
        raise QueryError(f"unknown node type(s) {', '.join(sorted(unknown))} (known: {', '.join(NODE_TYPES)})")


def relation_labels(store: GraphStore) -> dict[str, str]:
    """Relation name → "中文 English" from the ontology's rdfs:labels (plus the edges read from evidence)."""
    by_lang: dict[str, dict[str, str]] = {}
    for row in store.select(_RELATION_LABELS % " ".join(PKG[r].n3() for r in RELATIONS)):
        by_lang.setdefault(_local(row["p"]), {})[getattr(row["label"], "language", None) or ""] = str(row["label"])
    labels = {r: " ".join(dict.fromkeys(v for v in (by_lang.get(r, {}).get("zh"), by_lang.get(r, {}).get("en"))
                                        if v)) or r for r in RELATIONS}
    return {**labels, **DERIVED_LABELS}


def _evidence_attrs(rows: list[dict]) -> dict:
    """The first piece of evidence (by document, then offset) as flat edge attributes, and how many there are."""
    first = min(rows, key=lambda r: (str(r["src"]), int(r["cs"]), int(r["ce"])))
    return {"evidence": str(first["text"]), "source": str(first["src"]),
            "section_path": str(first["path"]).replace(PATH_SEPARATOR, " › "),
            "char_start": int(first["cs"]), "char_end": int(first["ce"]),
            "evidence_count": len({str(r["e"]) for r in rows})}


def full_graph(store: GraphStore, types: Iterable[str] = DEFAULT_TYPES) -> nx.MultiDiGraph:
    """Every entity of the given types and every relation between two of them, each edge with its evidence.

    Node attributes: type, kind, label, record_id, mentions (pieces of evidence naming it), and adcode,
    year, value, unit where the graph has them. Edge attributes: relation, label, basis, confidence and the
    first piece of evidence (evidence, source, section_path, char_start, char_end, evidence_count).
    """
    types = tuple(types)
    _check_types(types)
    g = nx.MultiDiGraph()
    classes = " ".join(PKG[t].n3() for t in types)
    types_of: dict[str, set[str]] = {}
    labels: dict[str, str] = {}
    for r in store.select(_NODES % classes):
        node = str(r["node"])
        types_of.setdefault(node, set()).add(_local(r["type"]))
        labels[node] = min(labels.get(node, str(r["label"])), str(r["label"]))
    kinds: dict[str, set[str]] = {}
    for r in store.select(_KINDS % classes):
        kinds.setdefault(str(r["node"]), set()).add(_local(r["kind"]))
    for node in sorted(types_of):
        type_ = min(types_of[node], key=NODE_TYPES.index)   # deterministic if a node has two coarse types
        g.add_node(node, type=type_, label=labels[node], kind=min(kinds.get(node, {type_})), mentions=0)
    for r in store.select(_FIELDS):
        node = str(r["node"])
        if node in g:
            name = _FIELD_NAMES[_local(r["p"])]
            value = r["v"].toPython()
            g.nodes[node][name] = (int(value) if name == "year" else float(value) if name == "value" else str(value))
    relation_names = relation_labels(store)
    values = " ".join(PKG[r].n3() for r in RELATIONS)
    for r in store.select(_EDGES % values):
        s, o = str(r["s"]), str(r["o"])
        if s in g and o in g:
            relation = _local(r["p"])
            g.add_edge(s, o, key=relation, relation=relation, label=relation_names[relation])
    for r in store.select(_STATEMENTS % values):
        s, o, relation = str(r["s"]), str(r["o"]), _local(r["p"])
        if g.has_edge(s, o, relation):
            data = g.edges[s, o, relation]
            basis = str(r["basis"])
            data["basis"] = min(data.get("basis", basis), basis)
            data["confidence"] = max(data.get("confidence", 0.0), float(r["confidence"]))
    evidence: dict[tuple[str, str, str], list[dict]] = {}
    mentions: dict[str, set[str]] = {}
    sections: dict[tuple[str, str], list[dict]] = {}
    spans: dict[str, list[tuple[int, int, str]]] = {}      # document → agency mention spans
    sentences: dict[str, list[tuple[int, int, str, dict]]] = {}  # document → project evidence spans
    fields = {str(r["e"]): r for r in store.select(_EVIDENCE)}
    for cited in store.select(_CITED % values):
        s, o, relation = str(cited["s"]), str(cited["o"]), _local(cited["p"])
        r = fields.get(str(cited["e"]))
        if s not in g or r is None:
            continue
        if o in g:
            evidence.setdefault((s, o, relation), []).append(r)
        if relation == "mentionedIn":
            mentions.setdefault(s, set()).add(str(r["e"]))
            if r.get("section") is not None:
                sections.setdefault((s, str(r["section"])), []).append(r)
        doc = str(r["doc"])
        if g.nodes[s]["type"] == "Agency" and relation == "mentionedIn":
            spans.setdefault(doc, []).append((int(r["cs"]), int(r["ce"]), s))
        elif g.nodes[s]["type"] == "Project":
            sentences.setdefault(doc, []).append((int(r["cs"]), int(r["ce"]), s, r))
    for (s, o, relation), rows in evidence.items():
        if g.has_edge(s, o, relation):
            g.edges[s, o, relation].update(_evidence_attrs(rows))
    for node, found in mentions.items():
        g.nodes[node]["mentions"] = len(found)
    for (s, section), rows in sections.items():
        if section in g and s != section:
            g.add_edge(s, section, key=IN_SECTION, relation=IN_SECTION, label=relation_names[IN_SECTION],
                       basis="explicit", confidence=1.0, **_evidence_attrs(rows))
    _agency_project_edges(g, spans, sentences)
    for data in (d for *_, d in g.edges(data=True)):
        data.setdefault("basis", "explicit")
        data.setdefault("confidence", 1.0)
    return g


def _agency_project_edges(g: nx.MultiDiGraph, spans: dict, sentences: dict) -> None:
    """agency → project where a sentence cited for the project names the agency (who builds or leads it)."""
    for doc, agency_spans in spans.items():
        cited = sorted((c for c in sentences.get(doc, ()) if c[1] - c[0] > 0), key=lambda c: (c[0], c[1], c[2]))
        starts = [c[0] for c in cited]
        found: dict[tuple[str, str], list[dict]] = {}
        for a0, a1, agency in agency_spans:
            # A cited sentence containing the span starts at or before it; sentences are short, so look back a little.
            i = bisect_right(starts, a0)
            for s0, s1, project, row in cited[max(0, i - 200):i]:
                if s0 <= a0 and a1 <= s1:
                    found.setdefault((agency, project), []).append(row)
        for (agency, project), rows in found.items():
            g.add_edge(agency, project, key=MENTIONED_WITH, relation=MENTIONED_WITH,
                       label=DERIVED_LABELS[MENTIONED_WITH], basis="explicit", confidence=1.0,
                       **_evidence_attrs(rows))


# Hops follow relations between entities; documents and sections are context added afterwards (a hop through a
# document would reach everything it mentions).
_HOPS = {"involvesPlace", "servesGoal", "concernsPlace", "within", "memberOf", MENTIONED_WITH}


def _neighbourhood(g: nx.MultiDiGraph, seeds: set[str], depth: int) -> set[str]:
    keep, frontier = set(seeds), deque((s, 0) for s in seeds)
    while frontier:
        node, d = frontier.popleft()
        if d >= depth:
            continue
        near = {t for _, t, r in g.out_edges(node, keys=True) if r in _HOPS}
        near |= {s for s, _, r in g.in_edges(node, keys=True) if r in _HOPS}
        for nb in sorted(near):
            if nb not in keep:
                keep.add(nb)
                frontier.append((nb, d + 1))
    return keep


def _context(g: nx.MultiDiGraph, keep: set[str], types: tuple[str, ...]) -> set[str]:
    """What the kept entities need to be read: the goals their projects serve, the agencies named with those
    projects, and (when asked for) the sections and documents they are cited from, up to the document."""
    out = set(keep)
    for node in keep:
        for _, target, relation in g.out_edges(node, keys=True):
            if relation in ("servesGoal", IN_SECTION, "mentionedIn"):
                out.add(target)
        for source, _, relation in g.in_edges(node, keys=True):
            if relation == MENTIONED_WITH:
                out.add(source)
    # Sections hang from their parents up to the document: keep the chain so that Gephi shows the outline.
    frontier = [n for n in out if g.nodes[n]["type"] == "Section"]
    while frontier:
        section = frontier.pop()
        for _, parent, relation in g.out_edges(section, keys=True):
            if relation == "partOf" and parent not in out:
                out.add(parent)
                frontier.append(parent)
    if "Document" in types:   # the documents of the kept sections and agencies, and who issued them
        for node in list(out):
            if g.nodes[node]["type"] in ("Section", "Agency"):
                out |= {t for _, t, r in g.out_edges(node, keys=True) if g.nodes[t]["type"] == "Document"}
                out |= {s for s, _, r in g.in_edges(node, keys=True) if r in ("issuedBy", "addressedTo")}
        for node in [n for n in out if g.nodes[n]["type"] == "Document"]:
            out |= {t for _, t, r in g.out_edges(node, keys=True) if r in ("issuedBy", "addressedTo")}
    return {n for n in out if g.nodes[n]["type"] in types}


def subgraph(store: GraphStore, place: str | None = None, goal: str | None = None,
             types: Iterable[str] | None = None, depth: int = 1) -> nx.MultiDiGraph:
    """The entities around a place (with its descendants and regions) or a goal, `depth` hops out, with their
    context: the goals the projects serve, agencies named with them, and their sections and documents when
    `types` asks for those.

    Without place or goal: every entity of the chosen types. `graph["name"]` says what was chosen.
    """
    types = tuple(types or DEFAULT_TYPES)
    _check_types(types)
    needed = set(types) | ({"Place"} if place else set()) | ({"Goal"} if goal else set())
    g = full_graph(store, [t for t in NODE_TYPES if t in needed])
    seeds: set[str] = set()
    names = []
    if place:
        target = require(store, place, "place")
        rows = store.query("""SELECT DISTINCT ?place WHERE {
            { ?place pkg:within* ?target } UNION { ?m pkg:within* ?target . ?m pkg:memberOf ?place } }""",
                           target=target)
        seeds |= {str(r.place) for r in rows}
        names.append(g.nodes[str(target)]["label"] if str(target) in g else place)
    if goal:
        node = resolve(store, goal, "goal")
        if node is None:
            raise QueryError(f"no goal matches {goal!r}")
        seeds.add(str(node))
        names.append(g.nodes[str(node)]["label"] if str(node) in g else goal)
    if place or goal:
        seeds &= set(g)
        keep = _context(g, _neighbourhood(g, seeds, depth), types)
    else:
        keep = {n for n, t in g.nodes(data="type") if t in types}
    out = g.subgraph(keep).copy()
    scope = " · ".join(names) if names else "全图 whole graph"
    out.graph["name"] = f"PolicyKG: {scope} (depth {depth}; {', '.join(types)})" if names else \
        f"PolicyKG: {scope} ({', '.join(types)})"
    return out
