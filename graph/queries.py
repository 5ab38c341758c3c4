"""Named SPARQL queries over the store, answering with `graph.records.Item` lists that carry their evidence."""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Callable, Iterable

from rdflib import URIRef
from rdflib.term import Node

from graph.records import EXPLICIT, Evidence, Item
from graph.store import GraphStore
from graph.vocab import BASIS_RANK, PATH_SEPARATOR, PKG, SECTION_GOAL, UPPER_PROGRAMME
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


# The evidence fields of ?ev; `_with_evidence` reads them for all of a query's evidence nodes at once.
_EVIDENCE_FIELDS = """
?ev dcterms:source ?ev_source ; pkg:sectionPath ?ev_path ; pkg:charStart ?ev_start ;
    pkg:charEnd ?ev_end ; pkg:exactText ?ev_text ; pkg:basis ?ev_basis ; pkg:inDocument/pkg:key ?ev_doc .
"""
# The named queries start from the reified statement and test the direct triple with FILTER EXISTS: joining
# the direct triple made Oxigraph scan every triple of that predicate (ten times slower, same rows).

# Nodes per VALUES block: keeps each query text small.
_BATCH = 400


# ------------------------------------------------------------------------------------------------ helpers

class _Row(dict):
    """A result row as variable name → term, read like rdflib's rows (`row.ev`, `row["goal"]`); unbound is None."""

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return self.get(name)


def _rows(store: GraphStore, sparql: str, **bindings: Any) -> list[_Row]:
    return [_Row(row) for row in store.select(sparql, **bindings)]


def _join(rows: list[_Row], var: str, store: GraphStore, body: str, columns: str) -> list[_Row]:
    """Each row extended with the solutions of `body` for its ?var (rows with ?var unbound, or without
    solutions, are kept as they are, like an OPTIONAL). The graph's nodes are IRIs, which VALUES can name.

    Oxigraph evaluates an OPTIONAL block once per row of the enclosing pattern, which made the named
    queries cost tens of milliseconds; reading the block once for the distinct nodes is a few.
    """
    nodes = sorted({row[var] for row in rows if isinstance(row.get(var), URIRef)})
    found: dict[Node, list[_Row]] = {}
    for i in range(0, len(nodes), _BATCH):
        values = " ".join(n.n3() for n in nodes[i:i + _BATCH])
        for extra in _rows(store, f"SELECT ?{var} {columns} WHERE {{ VALUES ?{var} {{ {values} }} {body} }}"):
            found.setdefault(extra[var], []).append(extra)
    out = []
    for row in rows:
        extras = found.get(row.get(var)) or [_Row()]
        out.extend(_Row({**row, **extra}) for extra in extras)
    return out


def _with_evidence(store: GraphStore, rows: list[_Row]) -> list[_Row]:
    """Rows whose ?ev (if bound) carries its source, path, offsets, text, basis and document."""
    columns = "?ev_source ?ev_path ?ev_start ?ev_end ?ev_text ?ev_basis ?ev_doc"
    return _join(rows, "ev", store, _EVIDENCE_FIELDS, columns)


def _with_goal_fields(store: GraphStore, rows: list[_Row]) -> list[_Row]:
    """Rows whose ?goal carries its year, metric, value, unit, comparator, value text and evidence (?ev)."""
    return _join(rows, "goal", store, _GOAL_FIELDS, f"{_GOAL_COLUMNS} ?ev")


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
    """A node from an IRI, a record id (pkg:key), else a label (exact matches first, then substrings)."""
    if ref.startswith(("http://", "https://")):
        return URIRef(ref)
    cls = TYPES.get(type or "", None)
    type_filter = "?node a ?cls ." if cls is not None else ""
    bindings = {"ref": ref, **({"cls": cls} if cls is not None else {})}
    # By key here; labels below (exact matches first). A label branch `{ ?node skos:prefLabel ?l .
    # FILTER(STR(?l) = STR(?ref)) }` inside a UNION never matched (?ref is not in scope inside the group) and
    # read every label of the graph on each call: 15–30 ms a question on the 84 documents.
    rows = store.query(f"""SELECT ?node WHERE {{ ?node pkg:key ?ref . {type_filter} }}
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


DIRECT_CONFIDENCE = 0.9   # extraction: 1.0 named in the project's name, 0.9 in its clause, 0.6 elsewhere in the sentence


def _statement_items(rows: Iterable[Any], subject_var: str, label_var: str, type: str,
                     extra: Callable[[Any], dict] | None = None) -> list[Item]:
    """Group rows (one per evidence) by subject into Items; attrs keep the best basis and what they went via."""
    grouped: dict[str, dict] = {}
    for row in rows:
        uri = str(row[subject_var])
        g = grouped.setdefault(uri, {"labels": set(), "evidence": set(), "bases": set(), "via": set(),
                                     "places": set(), "row": row, "direct": False})
        g["labels"].add(str(row[label_var]))
        if getattr(row, "basis", None) is not None:
            g["bases"].add(str(row.basis))
        if getattr(row, "via", None) is not None:
            g["via"].add(str(row.via))
        if getattr(row, "placeLabel", None) is not None:
            g["places"].add(str(row.placeLabel))
        if getattr(row, "conf", None) is not None:
            # Stated about this very place (or one inside it) in so many words, not just in the same sentence.
            g["direct"] |= (str(row.basis) == EXPLICIT and str(row.via) in ("self", "within")
                            and float(row.conf.toPython()) >= DIRECT_CONFIDENCE)
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
        if getattr(g["row"], "conf", None) is not None or g["direct"]:
            attrs["direct"] = g["direct"]
        if extra is not None:
            attrs.update(extra(g["row"]))
        items.append(Item(min(g["labels"]), type, uri, _sorted(g["evidence"]), attrs))
    return sorted(items, key=lambda i: (BASIS_RANK.get(i.attrs.get("basis", EXPLICIT), 9), i.label, i.uri))


# ------------------------------------------------------------------------------------------- the queries

def projects_by_place(store: GraphStore, place: str) -> list[Item]:
    """Projects involving a place, one of its descendants, or a region it (or a descendant) belongs to."""
    target = require(store, place, "place")
    rows = _rows(store, f"""
    SELECT ?project ?label ?placeLabel ?via ?basis ?conf ?ev
    WHERE {{
      {_COVERED}
      ?st rdf:object ?place ; rdf:predicate pkg:involvesPlace ; rdf:subject ?project ; pkg:basis ?basis ;
          pkg:confidence ?conf .
      ?project skos:prefLabel ?label . ?place skos:prefLabel ?placeLabel .
      FILTER EXISTS {{ ?project pkg:involvesPlace ?place }}
      OPTIONAL {{ ?st pkg:hasEvidence ?ev }}
    }}""", target=target)
    return _statement_items(_with_evidence(store, rows), "project", "label", "Project")


def programme_members(store: GraphStore, programme: str) -> list[Item]:
    """The projects listed under a programme (an aqueduct under a province's water programme), each with the
    evidence of the link."""
    rows = _with_evidence(store, _rows(store, """
    SELECT ?project ?label ?basis ?ev WHERE {
      ?st rdf:object ?programme ; rdf:predicate pkg:partOfProgramme ; rdf:subject ?project ; pkg:basis ?basis .
      ?project skos:prefLabel ?label .
      OPTIONAL { ?st pkg:hasEvidence ?ev }
    }""", programme=URIRef(programme)))
    return _statement_items(rows, "project", "label", "Project")


def projects_in_document(store: GraphStore, document: str) -> list[Item]:
    """The projects a document mentions, each with its kind (工程/项目, 行动/计划 …), in label order."""
    rows = _rows(store, """
    SELECT ?project (MIN(STR(?l)) AS ?label) (MIN(STR(?k)) AS ?kind)
    WHERE { ?project a pkg:Project ; pkg:mentionedIn ?doc ; skos:prefLabel ?l .
            OPTIONAL { ?project pkg:projectKind ?k } }
    GROUP BY ?project""", doc=URIRef(document))
    return [Item(str(r.label), "Project", str(r.project), (), {"kind": str(r.kind)} if r.kind else {})
            for r in sorted(rows, key=lambda r: str(r.label))]


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
    # The class is written into the text: bound by VALUES, Oxigraph planned the join from every node of the
    # class (40 ms a question instead of 2).
    rows = _rows(store, f"""
    SELECT ?goal ?label ?placeLabel ?via
    WHERE {{
      {_COVERED}
      ?goal pkg:concernsPlace ?place ; a {cls.n3()} ; skos:prefLabel ?label .
      ?place skos:prefLabel ?placeLabel .
    }}""", target=target)
    rows = _with_evidence(store, _with_goal_fields(store, rows))
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
    rows = _rows(store, """
    SELECT ?place ?label ?basis ?ev WHERE {
      ?st rdf:subject ?project ; rdf:predicate pkg:involvesPlace ; rdf:object ?place ; pkg:basis ?basis .
      ?place skos:prefLabel ?label .
      FILTER EXISTS { ?project pkg:involvesPlace ?place }
      OPTIONAL { ?st pkg:hasEvidence ?ev }
    }""", project=node)
    return _statement_items(_with_evidence(store, rows), "place", "label", "Place")


def region_members(store: GraphStore, region: str) -> list[Item]:
    node = require(store, region, "region")
    rows = _rows(store, """
    SELECT ?member ?label ?basis ?ev WHERE {
      ?st rdf:object ?region ; rdf:predicate pkg:memberOf ; rdf:subject ?member ; pkg:basis ?basis .
      ?member skos:prefLabel ?label .
      FILTER EXISTS { ?member pkg:memberOf ?region }
      OPTIONAL { ?st pkg:hasEvidence ?ev }
    }""", region=node)
    return _statement_items(_with_evidence(store, rows), "member", "label", "Place")


def regions_of(store: GraphStore, place: str) -> list[Item]:
    """Regions a place belongs to, directly or through an administrative ancestor."""
    node = require(store, place, "place")
    rows = _rows(store, """
    SELECT ?region ?label ?basis ?via ?ev WHERE {
      ?place pkg:within* ?member .
      ?st rdf:subject ?member ; rdf:predicate pkg:memberOf ; rdf:object ?region ; pkg:basis ?basis .
      ?region skos:prefLabel ?label .
      FILTER EXISTS { ?member pkg:memberOf ?region }
      BIND(IF(?member = ?place, "self", "within") AS ?via)
      OPTIONAL { ?st pkg:hasEvidence ?ev }
    }""", place=node)
    return _statement_items(_with_evidence(store, rows), "region", "label", "Place")


def trace(store: GraphStore, project: str) -> list[Item]:
    """Project → the sections mentioning it → the programme(s) it is listed under → the goals it serves, each
    link with its basis, confidence and evidence (the project's sentence, the programme's, the goal's);
    goals strongest first, then the project's places. Goals of the enclosing sections stand in (basis
    section_goal, confidence OUTLINE_CONFIDENCE) only when no goal is linked at all."""
    node = require(store, project, "project")
    mentions = _with_evidence(store, _rows(store, """
    SELECT ?project ?label ?ev ?section WHERE {
      ?st rdf:subject ?project ; rdf:predicate pkg:mentionedIn ; pkg:hasEvidence ?ev .
      ?project skos:prefLabel ?label .
      OPTIONAL { ?ev pkg:inSection ?section }
    }""", project=node))
    items = _statement_items(mentions, "project", "label", "Project")
    if not items:
        items = [Item(str(node), "Project", str(node))]
    sections = _join([r for r in mentions if r.section is not None], "section", store, """
      ?section skos:prefLabel ?label ; pkg:sectionPath ?path ; pkg:inDocument/skos:prefLabel ?doc .""",
                     "?label ?path ?doc")
    sections = [r for r in sections if r.path is not None]
    items += _statement_items(sections, "section", "label", "Section",
                              lambda r: {"path": list(_path(r.path)), "document": str(r.doc)})
    programmes = _programmes_of(store, node)
    served = _rows(store, """
    SELECT ?goal ?label ?basis ?strength WHERE {
      ?st rdf:subject ?project ; rdf:predicate pkg:servesGoal ; rdf:object ?goal ; pkg:basis ?basis .
      ?goal skos:prefLabel ?label .
      OPTIONAL { ?st pkg:confidence ?strength }
      FILTER EXISTS { ?project pkg:servesGoal ?goal }
    }""", project=node)
    # (?strength, not ?conf: _statement_items reads ?conf as a place link's confidence.)
    # The link's own evidence (the project's sentence, the programme's) beside the goal's.
    link_evidence = _with_evidence(store, _rows(store, """
    SELECT ?goal ?ev WHERE {
      ?st rdf:subject ?project ; rdf:predicate pkg:servesGoal ; rdf:object ?goal ; pkg:hasEvidence ?ev .
    }""", project=node))
    fields = {str(r.goal): r for r in served}
    rows = _with_evidence(store, _with_goal_fields(store, served))
    stated_at = {}   # goal → where the goal itself is stated (not the link's evidence)
    for r in rows:
        if r.ev_start is not None:
            stated_at.setdefault(str(r.goal), []).append((str(r.ev_source), int(r.ev_start)))
    rows += [_Row({**fields[str(r.goal)], **r}) for r in link_evidence if str(r.goal) in fields]

    def attrs(r: Any) -> dict:
        out = {**_goal_attrs(r), "confidence": _number(r.strength)}
        if str(r.basis) == UPPER_PROGRAMME and programmes:
            out["programme"] = programmes[0].label
        return {k: v for k, v in out.items() if v is not None}

    goals = _statement_items(rows, "goal", "label", "Goal", attrs)
    if not goals:
        goals = _section_goals(store, mentions)
    at = [(c.source, c.char_start) for i in items[:1] for c in i.citations]
    def order(g: Item) -> tuple:
        stated = stated_at.get(g.uri) or [(c.source, c.char_start) for c in g.citations]
        # A programme's goals in the order the programme states them; others nearest the project first.
        near = min(p for _, p in stated) if g.attrs.get("basis") == UPPER_PROGRAMME and stated else _distance(stated, at)
        return (-g.attrs.get("confidence", 0), BASIS_RANK.get(g.attrs.get("basis", ""), 9), near, g.label)

    goals.sort(key=order)
    return items + programmes + goals + places_of_project(store, str(node))


OUTLINE_CONFIDENCE = 0.3   # a goal that only shares an enclosing section with the project


def _programmes_of(store: GraphStore, node: URIRef) -> list[Item]:
    """The programmes a project is listed under (a Project, or the Section describing one), strongest first."""
    rows = _with_evidence(store, _rows(store, """
    SELECT ?programme ?label ?basis ?strength ?cls ?ev WHERE {
      ?st rdf:subject ?project ; rdf:predicate pkg:partOfProgramme ; rdf:object ?programme ; pkg:basis ?basis ;
          pkg:confidence ?strength .
      ?programme skos:prefLabel ?label ; a ?cls . VALUES ?cls { pkg:Project pkg:Section }
      OPTIONAL { ?st pkg:hasEvidence ?ev }
    }""", project=node))
    by_type = {str(r.programme): str(r.cls).rsplit("#", 1)[-1] for r in rows}
    items = _statement_items(rows, "programme", "label", "Project", lambda r: {
        "role": "programme", "confidence": _number(r.strength)})
    items = [Item(i.label, by_type.get(i.uri, i.type), i.uri, i.citations, i.attrs) for i in items]
    return sorted(items, key=lambda i: (-i.attrs["confidence"], i.label))


def _section_goals(store: GraphStore, mentions: list[_Row]) -> list[Item]:
    """Goals stated in a section that encloses a mention of the project: linked by the outline only."""
    scopes = _join([r for r in mentions if r.section is not None], "section", store, """
      ?section pkg:partOf* ?scope . ?scope a pkg:Section .""", "?scope")
    # The sections of every goal, then a join: reaching the goals from the scopes' evidence passes through
    # every statement citing that evidence (thousands of nodes for a project in a long section).
    outline = _join([_Row(scope=s) for s in sorted({r.scope for r in scopes if r.scope is not None})], "scope",
                    store, """{ SELECT DISTINCT ?goal ?scope WHERE { ?goal a pkg:Goal ; pkg:hasEvidence/pkg:inSection ?scope } }
      ?goal skos:prefLabel ?label .""", "?goal ?label")
    outline = _with_evidence(store, _with_goal_fields(store, [r for r in outline if r.goal is not None]))
    return [Item(g.label, g.type, g.uri, g.citations,
                 {**g.attrs, "basis": SECTION_GOAL, "confidence": OUTLINE_CONFIDENCE})
            for g in _statement_items(outline, "goal", "label", "Goal", _goal_attrs)]


def _distance(stated: list[tuple[str, int]], at: list[tuple[str, int]]) -> int:
    """Characters between where a goal is stated and the nearest mention of the project (ties: nearer first)."""
    return min((abs(p - q) for s, p in stated for t, q in at if s == t), default=10 ** 9)


def all_goals(store: GraphStore) -> list[Item]:
    """Every goal and target, wherever (or whether) a place is named, with its attrs and evidence."""
    rows = _rows(store, "SELECT ?goal ?label WHERE { ?goal a pkg:Goal ; skos:prefLabel ?label . }")
    return _statement_items(_with_evidence(store, _with_goal_fields(store, rows)), "goal", "label", "Goal",
                            _goal_attrs)


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
    cls = TYPES[type]
    # Four flat queries joined here: one query with three OPTIONALs and a GROUP BY took 11 s on the 72 reports'
    # 2,300 projects, these take under a second together.
    labels = {str(r.node): str(r.label) for r in _rows(   # the class in the text plans better than VALUES
        store, f"SELECT ?node (MIN(STR(?l)) AS ?label) WHERE {{ ?node a {cls.n3()} ; skos:prefLabel ?l . }} GROUP BY ?node")}
    keys: dict[str, str] = {}
    for r in _rows(store, "SELECT ?node ?k WHERE { ?node a ?cls ; pkg:key ?k }", cls=cls):
        node = str(r.node)
        keys[node] = min(keys.get(node, str(r.k)), str(r.k))
    codes = {str(r.node): str(r.code) for r in _rows(
        store, "SELECT ?node ?code WHERE { ?node a ?cls ; pkg:adcode ?code }", cls=cls)}
    kinds = {str(r.node): str(r.kind).rsplit("#", 1)[-1] for r in _rows(
        store, "SELECT ?node ?kind WHERE { ?node a ?cls . ?node a ?kind . ?kind rdfs:subClassOf ?cls }", cls=cls)}
    docs = {str(r.node): int(r.docs) for r in _rows(
        store, "SELECT ?node (COUNT(DISTINCT ?doc) AS ?docs) WHERE { ?node a ?cls ; pkg:mentionedIn ?doc } GROUP BY ?node",
        cls=cls)}
    items = []
    for node, label in sorted(labels.items(), key=lambda t: (t[1], t[0])):
        attrs = {"id": keys.get(node), "adcode": codes.get(node), "kind": kinds.get(node),
                 "documents": docs.get(node) or None}
        items.append(Item(label, cls.rsplit("#", 1)[-1], node, (), {k: v for k, v in attrs.items() if v is not None}))
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
