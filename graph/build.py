"""RDF for ingested documents and their extractions: one named graph per document, plus the shared gazetteer."""
from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Iterable

from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD
from rdflib.term import Node

from graph.records import ADMIN_DATA, EXPLICIT, METADATA, Evidence, Extraction, Place
from graph.vocab import (AIM_ID_PREFIX, BASIS_RANK, GAZETTEER_GRAPH, ONTOLOGY_GRAPH, PATH_SEPARATOR, PKG,
                         PLACE_CLASSES, document_graph, node, ontology_text)
from ingest.records import IngestedDocument

if TYPE_CHECKING:
    from graph.store import GraphStore

log = logging.getLogger(__name__)

Quad = tuple[Node, Node, Node, URIRef]


def _digest(*parts: object) -> str:
    return hashlib.sha1("\x1f".join(map(str, parts)).encode("utf-8")).hexdigest()[:16]


def _decimal(value: float) -> Literal:
    # repr → Decimal keeps the float's shortest form; 'f' avoids '1E+12', which is not a valid xsd:decimal.
    # normalize() gives the canonical form Oxigraph stores ("1", "2.5"), so what we write is what we read.
    return Literal(format(Decimal(repr(value)).normalize(), "f"), datatype=XSD.decimal)


@dataclass
class _Statement:
    evidence: dict[URIRef, None] = field(default_factory=dict)   # ordered set
    basis: str = EXPLICIT
    confidence: float = 1.0


class _Builder:
    """Collects the quads of one document; ids from the records become IRIs through graph.vocab.node."""

    def __init__(self, ingested: IngestedDocument, extraction: Extraction):
        self._concerns_stated = {r.subject for r in extraction.relations if r.predicate == "concernsPlace"}
        self.ingested = ingested
        self.doc = ingested.document
        self.graph = document_graph(self.doc.doc_id)
        self.doc_node = node("doc", self.doc.doc_id)
        self.quads: list[Quad] = []
        self.statements: dict[tuple[URIRef, URIRef, URIRef, URIRef], _Statement] = {}
        self.section_by_path = {s.path: node("section", s.section_id) for s in ingested.sections}
        self.extraction = extraction
        self.ids: dict[str, URIRef] = {self.doc.doc_id: self.doc_node}
        self.ids.update((s.section_id, node("section", s.section_id)) for s in ingested.sections)
        self.ids.update((p.place_id, node("place", p.place_id)) for p in extraction.places)
        self.ids.update((p.project_id, node("project", p.project_id)) for p in extraction.projects)
        self.ids.update((g.goal_id, node("goal", g.goal_id)) for g in extraction.goals)
        self.ids.update((f.fact_id, node("fact", f.fact_id)) for f in extraction.facts)
        self.ids.update((a.agency_id, self.agency(a.name)) for a in extraction.agencies)

    # -- helpers --------------------------------------------------------------------------------
    def add(self, s: Node, p: Node, o: Node, g: URIRef | None = None) -> None:
        self.quads.append((s, p, o, g or self.graph))

    @staticmethod
    def agency(name: str) -> URIRef:
        # Keyed by name so that issuers read from headers and agencies found in text meet across documents.
        return node("agency", name)

    def resolve(self, record_id: str) -> URIRef | None:
        if record_id in self.ids:
            return self.ids[record_id]
        if record_id.split(":", 1)[0] in ("adcode", "country", "region", "feature"):
            return node("place", record_id)   # a place described by the gazetteer graph
        return None

    def quotes_source(self, ev: Evidence) -> bool:
        """Citations must be checkable: evidence about this document must quote it exactly."""
        if ev.doc_id != self.doc.doc_id or self.doc.text[ev.char_start:ev.char_end] == ev.text:
            return True
        log.warning("%s: evidence [%d:%d] %r does not match the text there; dropped",
                    self.doc.source, ev.char_start, ev.char_end, ev.text[:30])
        return False

    def evidence(self, ev: Evidence) -> URIRef:
        uri = node("evidence", _digest(ev.doc_id, ev.char_start, ev.char_end, ev.basis, ev.text))
        self.add(uri, RDF.type, PKG.Evidence)
        self.add(uri, DCTERMS.source, Literal(ev.source))
        self.add(uri, PKG.inDocument, node("doc", ev.doc_id))
        self.add(uri, PROV.wasDerivedFrom, node("doc", ev.doc_id))
        self.add(uri, PKG.sectionPath, Literal(PATH_SEPARATOR.join(ev.section_path)))
        section = self.section_by_path.get(tuple(ev.section_path)) if ev.doc_id == self.doc.doc_id else None
        if section is not None:
            self.add(uri, PKG.inSection, section)
        self.add(uri, PKG.charStart, Literal(ev.char_start))
        self.add(uri, PKG.charEnd, Literal(ev.char_end))
        self.add(uri, PKG.exactText, Literal(ev.text))
        self.add(uri, PKG.basis, Literal(ev.basis))
        return uri

    def state(self, s: URIRef, p: URIRef, o: URIRef, evidence: Iterable[Evidence] = (), basis: str | None = None,
              confidence: float = 1.0, graph: URIRef | None = None) -> None:
        """Record a relation: the direct triple now, its reified statement (merged per s-p-o) at the end."""
        evidence = tuple(evidence)
        basis = basis or (evidence[0].basis if evidence else EXPLICIT)
        st = self.statements.setdefault((s, p, o, graph or self.graph), _Statement(basis=basis, confidence=confidence))
        if BASIS_RANK.get(basis, 9) < BASIS_RANK.get(st.basis, 9):
            st.basis = basis
        st.confidence = max(st.confidence, confidence)
        for ev in evidence:
            if self.quotes_source(ev):
                st.evidence[self.evidence(ev)] = None

    def labels(self, uri: URIRef, label: str, alt: Iterable[str] = (), graph: URIRef | None = None) -> None:
        self.add(uri, SKOS.prefLabel, Literal(label), graph)
        for a in alt:
            if a != label:
                self.add(uri, SKOS.altLabel, Literal(a), graph)

    def text_evidence(self, text: str, basis: str) -> tuple[Evidence, ...]:
        """Evidence for a header field: its first occurrence in the document."""
        at = self.doc.text.find(text) if text else -1
        if at < 0:
            return ()
        return (Evidence(self.doc.source, self.doc.doc_id, (), at, at + len(text), text, basis),)

    # -- parts ----------------------------------------------------------------------------------
    def document(self) -> None:
        d, meta, n = self.doc, self.ingested.metadata, self.doc_node
        title = meta.title or d.title_hint or d.source
        self.add(n, RDF.type, PKG.Document)
        self.add(n, PKG.key, Literal(d.doc_id))
        self.labels(n, title)
        self.add(n, DCTERMS.title, Literal(title))
        self.add(n, DCTERMS.source, Literal(d.source))
        self.add(n, PKG.format, Literal(d.format))
        self.add(n, PKG.contentHash, Literal(d.content_hash))
        if meta.doc_number:
            self.add(n, DCTERMS.identifier, Literal(meta.doc_number))
        for day in meta.dates:
            self.add(n, DCTERMS.issued, Literal(day, datatype=XSD.date))
        if meta.planning_period:
            self.add(n, PKG.periodStart, Literal(meta.planning_period.start))
            self.add(n, PKG.periodEnd, Literal(meta.planning_period.end))
        for year in meta.target_years:
            self.add(n, PKG.targetYear, Literal(year))
        for predicate, names in ((PKG.issuedBy, meta.issuers), (PKG.addressedTo, meta.addressees)):
            for name in names:
                agency = self.agency(name)
                self.add(agency, RDF.type, PKG.Agency)
                self.add(agency, PKG.key, Literal(name))
                self.labels(agency, name)
                self.state(n, predicate, agency, self.text_evidence(name, METADATA), basis=METADATA)

    def outline(self) -> None:
        for order, s in enumerate(self.ingested.sections):
            n = node("section", s.section_id)
            label = s.path[-1] if s.path else self.doc.source
            self.add(n, RDF.type, PKG.Section)
            self.add(n, PKG.key, Literal(s.section_id))
            self.labels(n, label)
            self.add(n, PKG.inDocument, self.doc_node)
            self.add(n, PKG.partOf, node("section", s.parent_id) if s.parent_id else self.doc_node)
            self.add(n, PKG.sectionPath, Literal(PATH_SEPARATOR.join(s.path)))
            self.add(n, PKG.level, Literal(s.level))
            self.add(n, PKG.order, Literal(order))
            self.add(n, PKG.charStart, Literal(s.char_start))
            self.add(n, PKG.charEnd, Literal(s.char_end))
            if s.heading is not None:
                self.add(n, PKG.headingKind, Literal(s.heading.kind))
        for order, c in enumerate(self.ingested.chunks):
            # Only the position: the text stays in the document store.
            n = node("chunk", c.chunk_id)
            self.add(n, RDF.type, PKG.Chunk)
            self.add(n, PKG.key, Literal(c.chunk_id))
            self.add(n, PKG.partOf, node("section", c.section_id))
            self.add(n, PKG.inDocument, self.doc_node)
            self.add(n, PKG.order, Literal(order))
            self.add(n, PKG.charStart, Literal(c.char_start))
            self.add(n, PKG.charEnd, Literal(c.char_end))

    def place(self, p: Place) -> None:
        # Divisions, countries and features are administrative data shared by every document;
        # a region exists only as the document defining it says, so it lives in that document's graph.
        # So does a town, port or new area the text names (no division table holds it).
        named = p.kind == "region" or (p.adcode is None and not p.place_id.startswith(("adcode:", "country:")))
        self.quads.extend(place_quads(p, self.graph if named else GAZETTEER_GRAPH))

    def entities(self) -> None:
        x = self.extraction
        for p in x.places:
            self.place(p)
        for place_id, ev in x.place_mentions:
            self.state(node("place", place_id), PKG.mentionedIn, self.doc_node, (ev,))
        for pr in x.projects:
            n = node("project", pr.project_id)
            self.add(n, RDF.type, PKG.Project)
            self.add(n, PKG.key, Literal(pr.project_id))
            self.add(n, PKG.projectKind, Literal(pr.kind))
            self.labels(n, pr.name, pr.aliases)
            self.state(n, PKG.mentionedIn, self.doc_node, pr.mentions)
        for a in x.agencies:
            n = self.agency(a.name)
            self.add(n, RDF.type, PKG.Agency)
            self.add(n, PKG.key, Literal(a.name))
            self.labels(n, a.name)
            self.state(n, PKG.mentionedIn, self.doc_node, a.mentions)
        for g in x.goals:
            n = node("goal", g.goal_id)
            self.add(n, RDF.type, PKG.Goal)
            if g.target is not None:
                self.add(n, RDF.type, PKG.Target)
            if g.goal_id.startswith(AIM_ID_PREFIX):
                self.add(n, RDF.type, PKG.Aim)   # a project's purpose (graph.lineage), not a goal of the plan
            if g.year is not None:
                self.add(n, PKG.targetYear, Literal(g.year))
            self.statement_node(n, g.goal_id, g.statement, g.target, g.place_ids, g.evidence)
        for f in x.facts:
            n = node("fact", f.fact_id)
            self.add(n, RDF.type, PKG.Fact)
            if f.year is not None:
                self.add(n, PKG.year, Literal(f.year))
            self.statement_node(n, f.fact_id, f.statement, f.target, f.place_ids, f.evidence)

    def statement_node(self, n: URIRef, key: str, label: str, target, place_ids, ev: Evidence) -> None:
        self.add(n, PKG.key, Literal(key))
        self.labels(n, label)
        if self.quotes_source(ev):
            self.add(n, PKG.hasEvidence, self.evidence(ev))
        self.state(n, PKG.mentionedIn, self.doc_node, (ev,))
        if target is not None:
            self.add(n, PKG.metric, Literal(target.metric))
            self.add(n, PKG.valueText, Literal(target.value_text))
            if target.value is not None:
                self.add(n, PKG.value, _decimal(target.value))
            if target.value_high is not None:
                self.add(n, PKG.valueHigh, _decimal(target.value_high))
            if target.unit:
                self.add(n, PKG.unit, Literal(target.unit))
            if target.comparator:
                self.add(n, PKG.comparator, Literal(target.comparator))
        # The extraction's own concernsPlace relations carry the right basis (explicit vs section scope);
        # place_ids only stand in for records that come without them.
        if key not in self._concerns_stated:
            for place_id in place_ids:
                self.state(n, PKG.concernsPlace, node("place", place_id), (ev,))

    def relations(self) -> None:
        for r in self.extraction.relations:
            try:
                predicate = PKG[r.predicate]
            except AttributeError:
                log.warning("%s: relation predicate %r is not in the ontology; skipped", self.doc.source, r.predicate)
                continue
            s, o = self.resolve(r.subject), self.resolve(r.object)
            if s is None or o is None:
                log.warning("%s: relation %s %s %s names an unknown record; skipped",
                            self.doc.source, r.subject, r.predicate, r.object)
                continue
            self.state(s, predicate, o, r.evidence, basis=r.basis, confidence=r.confidence)

    def finish(self) -> list[Quad]:
        for (s, p, o, g), st in self.statements.items():
            self.add(s, p, o, g)
            sn = node("stmt", _digest(s, p, o, g))
            self.add(sn, RDF.type, PKG.Statement, g)
            self.add(sn, RDF.subject, s, g)
            self.add(sn, RDF.predicate, p, g)
            self.add(sn, RDF.object, o, g)
            self.add(sn, PKG.basis, Literal(st.basis), g)
            self.add(sn, PKG.confidence, _decimal(st.confidence), g)
            for ev in st.evidence:
                self.add(sn, PKG.hasEvidence, ev, g)
        return list(dict.fromkeys(self.quads))   # drop repeats, keep order


def place_quads(p: Place, graph: URIRef = GAZETTEER_GRAPH) -> list[Quad]:
    """A place's class, labels, adcode and administrative parent (reified with basis admin_data, no text)."""
    n = node("place", p.place_id)
    quads: list[Quad] = [(n, RDF.type, PLACE_CLASSES.get(p.kind, PKG.Place), graph), (n, RDF.type, PKG.Place, graph),
                         (n, PKG.key, Literal(p.place_id), graph), (n, SKOS.prefLabel, Literal(p.name), graph)]
    quads += [(n, SKOS.altLabel, Literal(a), graph) for a in p.short_names if a != p.name]
    if p.adcode:
        quads.append((n, PKG.adcode, Literal(p.adcode), graph))
    if p.parent_id:
        parent = node("place", p.parent_id)
        st = node("stmt", _digest(n, PKG.within, parent, graph))
        quads += [(n, PKG.within, parent, graph), (st, RDF.type, PKG.Statement, graph), (st, RDF.subject, n, graph),
                  (st, RDF.predicate, PKG.within, graph), (st, RDF.object, parent, graph),
                  (st, PKG.basis, Literal(ADMIN_DATA), graph), (st, PKG.confidence, _decimal(1.0), graph)]
    return quads


def gazetteer_quads(places: Iterable[Place]) -> list[Quad]:
    """Administrative facts for many places at once (e.g. a whole graph.gazetteer.Gazetteer)."""
    return list(dict.fromkeys(q for p in places for q in place_quads(p)))


def document_quads(ingested: IngestedDocument, extraction: Extraction,
                   gazetteer: Iterable[Place] = ()) -> list[Quad]:
    """All quads for one document: its own named graph, plus its places' administrative facts."""
    if extraction.doc_id != ingested.document.doc_id:
        raise ValueError(f"{ingested.document.source}: extraction is for document {extraction.doc_id}")
    b = _Builder(ingested, extraction)
    b.document()
    b.outline()
    b.entities()
    b.relations()
    for place in gazetteer:
        b.place(place)
    return b.finish()


def ontology_quads() -> list[Quad]:
    g = Graph().parse(data=ontology_text(), format="turtle")
    return [(s, p, o, ONTOLOGY_GRAPH) for s, p, o in g]


def _places(gazetteer: Any) -> tuple[Place, ...]:
    """Places to describe in the gazetteer graph: an iterable of Place, or a graph.gazetteer.Gazetteer (all of it)."""
    if gazetteer is None:
        return ()
    return tuple(gazetteer.places() if hasattr(gazetteer, "places") else gazetteer)


def build_graph(docs: Iterable[IngestedDocument], extractions: Iterable[Extraction],
                gazetteer: Any = None) -> Dataset:
    """An in-memory dataset of documents (paired with their extractions by doc_id) and the ontology."""
    by_id = {x.doc_id: x for x in extractions}
    ds = Dataset(default_union=True)
    for quad in ontology_quads():
        ds.add(quad)
    for quad in gazetteer_quads(_places(gazetteer)):
        ds.add(quad)
    for doc in docs:
        x = by_id.get(doc.document.doc_id) or empty_extraction(doc.document.doc_id)
        for quad in document_quads(doc, x):
            ds.add(quad)
    return ds


def load(store: "GraphStore", docs: Iterable[IngestedDocument], extractions: Iterable[Extraction],
         gazetteer: Any = None) -> int:
    """Write documents into a store, one transaction per document; returns the number of documents."""
    by_id = {x.doc_id: x for x in extractions}
    store.replace_graph(ONTOLOGY_GRAPH, ontology_quads())
    places = _places(gazetteer)
    if places:
        store.add(gazetteer_quads(places))
    count = 0
    for doc in docs:
        x = by_id.get(doc.document.doc_id) or empty_extraction(doc.document.doc_id)
        store.replace_document(doc.document.doc_id, document_quads(doc, x))
        count += 1
    return count


def empty_extraction(doc_id: str) -> Extraction:
    return Extraction(doc_id, (), (), (), (), (), (), ())
