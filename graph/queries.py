"""Named SPARQL queries over the store, answering with `graph.records.Item` lists that carry their evidence."""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable, Iterable

from rdflib import URIRef
from rdflib.term import Node

from graph.records import EXPLICIT, Evidence, Item
from graph.store import GraphStore
from graph.vocab import BASIS_RANK, PATH_SEPARATOR, PKG
from ingest.errors import QueryError

TYPES = {"place": PKG.Place, "project": PKG.Project, "goal": PKG.Goal, "agency": PKG.Agency,
         "document": PKG.Document, "fact": PKG.Fact, "region": PKG.Region, "section": PKG.Section}

# Evidence columns bound from ?ev (optional): appended to queries that cite their statements.
_EVIDENCE = """
OPTIONAL { ?ev dcterms:source ?ev_source ; pkg:sectionPath ?ev_path ; pkg:charStart ?ev_start ;
                pkg:charEnd ?ev_end ; pkg:exactText ?ev_text ; pkg:basis ?ev_basis ; pkg:inDocument/pkg:key ?ev_doc }
"""

# Places a query about ?target covers: itself, its administrative descendants, and the regions that it or
# one of its descendants belongs to (as the defining document says).
_COVERED = """
{ ?place pkg:within* ?target . BIND(IF(?place = ?target, "self", "within") AS ?via) }
UNION
{ ?member pkg:within* ?target . ?member pkg:memberOf ?place . BIND("region" AS ?via) }
"""


# ------------------------------------------------------------------------------------------------ helpers

def _path(value: Node | None) -> tuple[str, ...]:
    text = str(value or "")
    return tuple(text.split(PATH_SEPARATOR)) if text else ()


def _evidence(row: Any) -> Evidence | None:
    if row.ev_text is None:
        return None
    return Evidence(str(row.ev_source), str(row.ev_doc), _path(row.ev_path),
                    int(row.ev_start), int(row.ev_end), str(row.ev_text), str(row.ev_basis))


def _sorted(evidence: Iterable[Evidence]) -> tuple[Evidence, ...]:
    return tuple(sorted(set(evidence), key=lambda e: (e.source, e.char_start, e.char_end, e.basis)))


def _best_basis(bases: Iterable[str]) -> str:
    return min(bases, key=lambda b: BASIS_RANK.get(b, 9), default=EXPLICIT)


def _number(node: Node | None) -> int | float | None:
    if node is None:
        return None
    value = node.toPython()
    if isinstance(value, (Decimal, float)):
        value = float(value)
        return int(value) if value.is_integer() else value
    return value if isinstance(value, int) else None


def resolve(store: GraphStore, ref: str, type: str | None = None) -> URIRef | None:
    """A node from an IRI, a record id (pkg:key), an exact label or, failing those, a label substring."""
    if ref.startswith(("http://", "https://")):
        return URIRef(ref)
    cls = TYPES.get(type or "", None)
    type_filter = "?node a ?cls ." if cls is not None else ""
    bindings = {"ref": ref, **({"cls": cls} if cls is not None else {})}
    rows = store.query(f"""SELECT ?node WHERE {{ {{ ?node pkg:key ?ref }} UNION
        {{ ?node skos:prefLabel|skos:altLabel ?l . FILTER(STR(?l) = STR(?ref)) }} {type_filter} }}
        ORDER BY ?node LIMIT 1""", **bindings)
    for row in rows:
        return row[0]
    items = find_entities(store, ref, type=type, limit=1)
    return URIRef(items[0].uri) if items else None


def require(store: GraphStore, ref: str, type: str) -> URIRef:
    node = resolve(store, ref, type)
    if node is None:
        raise QueryError(f"no {type} matches {ref!r}")
    return node


def _statement_items(rows: Iterable[Any], subject_var: str, label_var: str, type: str,
                     extra: Callable[[Any], dict] | None = None) -> list[Item]:
    """Group rows (one per evidence) by subject into Items; attrs keep the best basis and what they went via."""
    grouped: dict[str, dict] = {}
    for row in rows:
        uri = str(row[subject_var])
        g = grouped.setdefault(uri, {"labels": set(), "evidence": set(), "bases": set(), "via": set(),
                                     "places": set(), "row": row})
        g["labels"].add(str(row[label_var]))
        if getattr(row, "basis", None) is not None:
            g["bases"].add(str(row.basis))
        if getattr(row, "via", None) is not None:
            g["via"].add(str(row.via))
        if getattr(row, "placeLabel", None) is not None:
            g["places"].add(str(row.placeLabel))
        ev = _evidence(row)
        if ev is not None:
            g["evidence"].add(ev)
    items = []
    for uri, g in grouped.items():
        attrs: dict[str, Any] = {}
        if g["bases"]:
            attrs["basis"] = _best_basis(g["bases"])
        if g["via"]:
            attrs["via"] = sorted(g["via"])
        if g["places"]:
            attrs["places"] = sorted(g["places"])
        if extra is not None:
            attrs.update(extra(g["row"]))
        items.append(Item(min(g["labels"]), type, uri, _sorted(g["evidence"]), attrs))
    return sorted(items, key=lambda i: (BASIS_RANK.get(i.attrs.get("basis", EXPLICIT), 9), i.label, i.uri))


# ------------------------------------------------------------------------------------------- the queries

def projects_by_place(store: GraphStore, place: str) -> list[Item]:
    """Projects involving a place, one of its descendants, or a region it (or a descendant) belongs to."""
    target = require(store, place, "place")
    rows = store.query(f"""
    SELECT ?project ?label ?placeLabel ?via ?basis ?ev ?ev_source ?ev_path ?ev_start ?ev_end ?ev_text ?ev_basis ?ev_doc
    WHERE {{
      {_COVERED}
      ?project pkg:involvesPlace ?place ; skos:prefLabel ?label .
      ?place skos:prefLabel ?placeLabel .
      ?st rdf:subject ?project ; rdf:predicate pkg:involvesPlace ; rdf:object ?place ; pkg:basis ?basis .
      OPTIONAL {{ ?st pkg:hasEvidence ?ev }}
      {_EVIDENCE}
    }}""", target=target)
    return _statement_items(rows, "project", "label", "Project")


def _goal_attrs(row: Any) -> dict:
    attrs = {"year": _number(row.year), "metric": row.metric and str(row.metric), "value": _number(row.value),
             "unit": row.unit and str(row.unit), "comparator": row.cmp and str(row.cmp),
             "value_text": row.vt and str(row.vt)}
    return {k: v for k, v in attrs.items() if v is not None}


_GOAL_COLUMNS = "?year ?metric ?value ?unit ?cmp ?vt"
_GOAL_FIELDS = """
OPTIONAL { ?goal pkg:targetYear|pkg:year ?year } OPTIONAL { ?goal pkg:metric ?metric }
OPTIONAL { ?goal pkg:value ?value } OPTIONAL { ?goal pkg:unit ?unit }
OPTIONAL { ?goal pkg:comparator ?cmp } OPTIONAL { ?goal pkg:valueText ?vt }
OPTIONAL { ?goal pkg:hasEvidence ?ev }
"""


def _stated_for_place(store: GraphStore, place: str, cls: URIRef, type: str, year: int | None) -> list[Item]:
    target = require(store, place, "place")
    rows = store.query(f"""
    SELECT ?goal ?label ?placeLabel ?via {_GOAL_COLUMNS} ?ev ?ev_source ?ev_path ?ev_start ?ev_end ?ev_text ?ev_basis ?ev_doc
    WHERE {{
      {_COVERED}
      ?goal a ?cls ; pkg:concernsPlace ?place ; skos:prefLabel ?label .
      ?place skos:prefLabel ?placeLabel .
      {_GOAL_FIELDS}
      {_EVIDENCE}
    }}""", target=target, cls=cls)
    items = _statement_items(rows, "goal", "label", type, _goal_attrs)
    if year is not None:
        items = [i for i in items if i.attrs.get("year") == year]
    return sorted(items, key=lambda i: (i.attrs.get("year") or 0, i.label, i.uri))


def goals_by_place(store: GraphStore, place: str, year: int | None = None) -> list[Item]:
    """Goals and targets stated for a place (or its descendants / regions), optionally for one target year."""
    return _stated_for_place(store, place, PKG.Goal, "Goal", year)


def facts_by_place(store: GraphStore, place: str, year: int | None = None) -> list[Item]:
    """Baseline figures reported for a place (or its descendants / regions)."""
    return _stated_for_place(store, place, PKG.Fact, "Fact", year)


def places_of_project(store: GraphStore, project: str) -> list[Item]:
    node = require(store, project, "project")
    rows = store.query(f"""
    SELECT ?place ?label ?basis ?ev ?ev_source ?ev_path ?ev_start ?ev_end ?ev_text ?ev_basis ?ev_doc WHERE {{
      ?project pkg:involvesPlace ?place . ?place skos:prefLabel ?label .
      ?st rdf:subject ?project ; rdf:predicate pkg:involvesPlace ; rdf:object ?place ; pkg:basis ?basis .
      OPTIONAL {{ ?st pkg:hasEvidence ?ev }}
      {_EVIDENCE}
    }}""", project=node)
    return _statement_items(rows, "place", "label", "Place")


def region_members(store: GraphStore, region: str) -> list[Item]:
    node = require(store, region, "region")
    rows = store.query(f"""
    SELECT ?member ?label ?basis ?ev ?ev_source ?ev_path ?ev_start ?ev_end ?ev_text ?ev_basis ?ev_doc WHERE {{
      ?member pkg:memberOf ?region ; skos:prefLabel ?label .
      ?st rdf:subject ?member ; rdf:predicate pkg:memberOf ; rdf:object ?region ; pkg:basis ?basis .
      OPTIONAL {{ ?st pkg:hasEvidence ?ev }}
      {_EVIDENCE}
    }}""", region=node)
    return _statement_items(rows, "member", "label", "Place")


def regions_of(store: GraphStore, place: str) -> list[Item]:
    """Regions a place belongs to, directly or through an administrative ancestor."""
    node = require(store, place, "place")
    rows = store.query(f"""
    SELECT ?region ?label ?basis ?via ?ev ?ev_source ?ev_path ?ev_start ?ev_end ?ev_text ?ev_basis ?ev_doc WHERE {{
      ?place pkg:within* ?member . ?member pkg:memberOf ?region . ?region skos:prefLabel ?label .
      BIND(IF(?member = ?place, "self", "within") AS ?via)
      ?st rdf:subject ?member ; rdf:predicate pkg:memberOf ; rdf:object ?region ; pkg:basis ?basis .
      OPTIONAL {{ ?st pkg:hasEvidence ?ev }}
      {_EVIDENCE}
    }}""", place=node)
    return _statement_items(rows, "region", "label", "Place")


def trace(store: GraphStore, project: str) -> list[Item]:
    """Project → the sections mentioning it (with their paths) → the goals it serves or shares a section with."""
    node = require(store, project, "project")
    mentions = store.query(f"""
    SELECT ?project ?label ?ev ?ev_source ?ev_path ?ev_start ?ev_end ?ev_text ?ev_basis ?ev_doc WHERE {{
      ?project skos:prefLabel ?label .
      ?st rdf:subject ?project ; rdf:predicate pkg:mentionedIn ; pkg:hasEvidence ?ev .
      {_EVIDENCE}
    }}""", project=node)
    items = _statement_items(mentions, "project", "label", "Project")
    if not items:
        items = [Item(str(node), "Project", str(node))]
    sections = store.query(f"""
    SELECT ?section ?label ?doc ?path ?ev ?ev_source ?ev_path ?ev_start ?ev_end ?ev_text ?ev_basis ?ev_doc WHERE {{
      ?st rdf:subject ?project ; rdf:predicate pkg:mentionedIn ; pkg:hasEvidence ?ev .
      ?ev pkg:inSection ?section . ?section skos:prefLabel ?label ; pkg:sectionPath ?path ;
          pkg:inDocument/skos:prefLabel ?doc .
      {_EVIDENCE}
    }}""", project=node)
    items += _statement_items(sections, "section", "label", "Section",
                              lambda r: {"path": list(_path(r.path)), "document": str(r.doc)})
    served = store.query(f"""
    SELECT ?goal ?label ?basis {_GOAL_COLUMNS} ?ev ?ev_source ?ev_path ?ev_start ?ev_end ?ev_text ?ev_basis ?ev_doc
    WHERE {{
      ?project pkg:servesGoal ?goal . ?goal skos:prefLabel ?label .
      ?st rdf:subject ?project ; rdf:predicate pkg:servesGoal ; rdf:object ?goal ; pkg:basis ?basis .
      {_GOAL_FIELDS}
      {_EVIDENCE}
    }}""", project=node)
    goals = _statement_items(served, "goal", "label", "Goal", _goal_attrs)
    # Goals stated in a section that encloses a mention of the project: linked by the outline only.
    outline = store.query(f"""
    SELECT ?goal ?label {_GOAL_COLUMNS} ?ev ?ev_source ?ev_path ?ev_start ?ev_end ?ev_text ?ev_basis ?ev_doc WHERE {{
      ?st rdf:subject ?project ; rdf:predicate pkg:mentionedIn ; pkg:hasEvidence/pkg:inSection ?section .
      ?section pkg:partOf* ?scope . ?scope a pkg:Section .
      ?goal a pkg:Goal ; skos:prefLabel ?label ; pkg:hasEvidence/pkg:inSection ?scope .
      {_GOAL_FIELDS}
      {_EVIDENCE}
    }}""", project=node)
    seen = {g.uri for g in goals}
    for g in _statement_items(outline, "goal", "label", "Goal", _goal_attrs):
        if g.uri not in seen:
            goals.append(Item(g.label, g.type, g.uri, g.citations, {**g.attrs, "basis": "outline"}))
    return items + goals + places_of_project(store, str(node))


def document_metadata(store: GraphStore, doc_id: str | None = None) -> list[Item]:
    """Title, 文号, issuers, addressees, dates and planning period of one document or of all."""
    bindings = {"key": doc_id} if doc_id else {}
    rows = store.query("""
    SELECT ?doc ?key ?title ?number ?source ?format ?start ?end
           (GROUP_CONCAT(DISTINCT STR(?issued); separator="|") AS ?dates)
           (GROUP_CONCAT(DISTINCT ?issuer; separator="|") AS ?issuers)
           (GROUP_CONCAT(DISTINCT ?addressee; separator="|") AS ?addressees)
    WHERE {
      ?doc a pkg:Document ; pkg:key ?key ; dcterms:title ?title ; dcterms:source ?source ; pkg:format ?format .
      OPTIONAL { ?doc dcterms:identifier ?number } OPTIONAL { ?doc dcterms:issued ?issued }
      OPTIONAL { ?doc pkg:periodStart ?start ; pkg:periodEnd ?end }
      OPTIONAL { ?doc pkg:issuedBy/skos:prefLabel ?issuer } OPTIONAL { ?doc pkg:addressedTo/skos:prefLabel ?addressee }
    } GROUP BY ?doc ?key ?title ?number ?source ?format ?start ?end ORDER BY ?source""", **bindings)

    def split(value: Node | None) -> list[str]:
        return sorted(v for v in str(value or "").split("|") if v)

    items = []
    for r in rows:
        attrs = {"doc_id": str(r.key), "source": str(r.source), "format": str(r.format),
                 "doc_number": r.number and str(r.number), "dates": split(r.dates), "issuers": split(r.issuers),
                 "addressees": split(r.addressees),
                 "planning_period": [int(r.start), int(r.end)] if r.start is not None else None}
        items.append(Item(str(r.title), "Document", str(r.doc), (), {k: v for k, v in attrs.items() if v}))
    return items


def entities(store: GraphStore, type: str) -> list[Item]:
    """Every entity of a type (place | project | goal | agency | document | fact | region | section)."""
    if type not in TYPES:
        raise QueryError(f"unknown entity type {type!r} (known: {', '.join(sorted(TYPES))})")
    rows = store.query("""
    SELECT ?node (MIN(STR(?l)) AS ?label) (SAMPLE(?k) AS ?key) (SAMPLE(?code) AS ?adcode)
           (SAMPLE(?kind) AS ?kindClass) (COUNT(DISTINCT ?doc) AS ?docs) WHERE {
      ?node a ?cls ; skos:prefLabel ?l .
      OPTIONAL { ?node pkg:key ?k } OPTIONAL { ?node pkg:adcode ?code }
      OPTIONAL { ?node a ?kind . ?kind rdfs:subClassOf ?cls }
      OPTIONAL { ?node pkg:mentionedIn ?doc }
    } GROUP BY ?node ORDER BY ?label ?node""", cls=TYPES[type])
    items = []
    for r in rows:
        attrs = {"id": r.key and str(r.key), "adcode": r.adcode and str(r.adcode),
                 "kind": r.kindClass and str(r.kindClass).rsplit("#", 1)[-1], "documents": int(r.docs) or None}
        items.append(Item(str(r.label), TYPES[type].rsplit("#", 1)[-1], str(r.node), (),
                          {k: v for k, v in attrs.items() if v is not None}))
    return items


def find_entities(store: GraphStore, text: str, type: str | None = None, limit: int = 20) -> list[Item]:
    """Entities whose label or alias contains `text`: exact matches first, then shorter labels (for linking)."""
    if not text:
        return []
    classes = [TYPES[type]] if type else [TYPES[t] for t in ("place", "project", "goal", "agency", "document")]
    values = " ".join(c.n3() for c in classes)
    rows = store.query(f"""
    SELECT ?node ?cls (MIN(STR(?pref)) AS ?label) (MIN(STRLEN(STR(?l))) AS ?len) (MAX(STR(?l) = STR(?text)) AS ?exact)
    WHERE {{
      VALUES ?cls {{ {values} }}
      ?node a ?cls ; skos:prefLabel|skos:altLabel ?l ; skos:prefLabel ?pref .
      FILTER(CONTAINS(STR(?l), STR(?text)))
    }} GROUP BY ?node ?cls""", text=text)
    found = sorted(rows, key=lambda r: (not r.exact.toPython(), int(r.len), str(r.label), str(r.node)))
    return [Item(str(r.label), str(r.cls).rsplit("#", 1)[-1], str(r.node)) for r in found[:limit]]


def stats(store: GraphStore) -> dict[str, int]:
    return store.stats()


# ------------------------------------------------------------------------------------------ raw SPARQL

def check_read_only(sparql: str) -> str:
    """The query form (SELECT, ASK, CONSTRUCT, DESCRIBE); updates are refused with QueryError."""
    from pyparsing import ParseException
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parsed = parseQuery(sparql)
    except ParseException as exc:
        try:
            parseUpdate(sparql)
        except ParseException:
            raise QueryError(f"not a valid SPARQL query: {exc}") from None
        raise QueryError("SPARQL updates are not allowed here: only SELECT, ASK, CONSTRUCT and DESCRIBE") from None
    return parsed[1].name.replace("Query", "").upper()
