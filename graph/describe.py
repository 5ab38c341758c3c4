"""One node as the entity page shows it: label, most specific class and fields; the projects serving a goal."""
from __future__ import annotations

from rdflib import URIRef

from graph.records import Evidence, Item
from graph.vocab import PATH_SEPARATOR

# Most specific first: the class shown for a node that has several (a Target is also a Goal).
CLASS_ORDER = ("Project", "Target", "Goal", "Fact", "Region", "Prefecture", "County", "Town", "Province",
               "Country", "NaturalFeature", "Place", "Agency", "Document", "Section")
PLACE_CLASSES = {"Region", "Prefecture", "County", "Town", "Province", "Country", "NaturalFeature", "Place"}

_EVIDENCE = """
OPTIONAL { ?ev dcterms:source ?ev_source ; pkg:sectionPath ?ev_path ; pkg:charStart ?ev_start ;
                pkg:charEnd ?ev_end ; pkg:exactText ?ev_text ; pkg:basis ?ev_basis ; pkg:inDocument/pkg:key ?ev_doc }
"""


def _evidence(row) -> Evidence | None:
    if row.ev_text is None:
        return None
    path = str(row.ev_path)
    return Evidence(str(row.ev_source), str(row.ev_doc), tuple(path.split(PATH_SEPARATOR)) if path else (),
                    int(row.ev_start), int(row.ev_end), str(row.ev_text), str(row.ev_basis))


def _number(node) -> int | float | str | None:
    if node is None:
        return None
    value = node.toPython()
    try:
        value = float(value)
    except (TypeError, ValueError):
        return str(value)
    return int(value) if value.is_integer() else value


def describe(store, uri: str) -> Item | None:
    """The node's label, most specific class and fields (key, adcode, aliases, goal figures, evidence)."""
    node = URIRef(uri)
    rows = list(store.query("""
    SELECT ?label ?cls ?key ?adcode ?alt ?year ?metric ?value ?unit ?cmp ?vt
           ?ev ?ev_source ?ev_path ?ev_start ?ev_end ?ev_text ?ev_basis ?ev_doc WHERE {
      ?node skos:prefLabel ?label .
      OPTIONAL { ?node a ?cls } OPTIONAL { ?node pkg:key ?key } OPTIONAL { ?node pkg:adcode ?adcode }
      OPTIONAL { ?node skos:altLabel ?alt } OPTIONAL { ?node pkg:targetYear|pkg:year ?year }
      OPTIONAL { ?node pkg:metric ?metric } OPTIONAL { ?node pkg:value ?value } OPTIONAL { ?node pkg:unit ?unit }
      OPTIONAL { ?node pkg:comparator ?cmp } OPTIONAL { ?node pkg:valueText ?vt }
      OPTIONAL { ?node pkg:hasEvidence ?ev }
    """ + _EVIDENCE + "}", node=node))
    if not rows:
        return None
    classes = {str(r.cls).rsplit("#", 1)[-1] for r in rows if r.cls is not None}
    kind = next((c for c in CLASS_ORDER if c in classes), "Entity")
    attrs: dict = {}
    for name, var in (("id", "key"), ("adcode", "adcode"), ("year", "year"), ("metric", "metric"),
                      ("value", "value"), ("unit", "unit"), ("comparator", "cmp"), ("value_text", "vt")):
        values = [r[var] for r in rows if r[var] is not None]
        if values:
            attrs[name] = _number(values[0]) if name in ("year", "value") else str(values[0])
    aliases = sorted({str(r.alt) for r in rows if r.alt is not None})
    if aliases:
        attrs["aliases"] = aliases
    evidence = sorted({e for e in map(_evidence, rows) if e is not None}, key=lambda e: (e.source, e.char_start))
    return Item(min(str(r.label) for r in rows), kind, uri, tuple(evidence), attrs)


def projects_serving(store, goal: str) -> list[Item]:
    """Projects linked to a goal by pkg:servesGoal, each with its basis and the evidence of the link."""
    rows = store.query("""
    SELECT ?project ?label ?basis ?ev ?ev_source ?ev_path ?ev_start ?ev_end ?ev_text ?ev_basis ?ev_doc WHERE {
      ?project pkg:servesGoal ?goal ; skos:prefLabel ?label .
      ?st rdf:subject ?project ; rdf:predicate pkg:servesGoal ; rdf:object ?goal ; pkg:basis ?basis .
      OPTIONAL { ?st pkg:hasEvidence ?ev }
    """ + _EVIDENCE + "}", goal=URIRef(goal))
    grouped: dict[str, dict] = {}
    for r in rows:
        g = grouped.setdefault(str(r.project), {"label": str(r.label), "basis": str(r.basis), "ev": set()})
        ev = _evidence(r)
        if ev is not None:
            g["ev"].add(ev)
    return [Item(g["label"], "Project", uri, tuple(sorted(g["ev"], key=lambda e: (e.source, e.char_start))),
                 {"basis": g["basis"]}) for uri, g in sorted(grouped.items(), key=lambda kv: kv[1]["label"])]
