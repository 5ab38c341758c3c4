"""The pkg: vocabulary (mirrors ontology.ttl) and the naming scheme for nodes and named graphs."""
from __future__ import annotations

from importlib.resources import files
from urllib.parse import quote

from rdflib import Namespace, URIRef
from rdflib.namespace import DefinedNamespace

from graph.records import ADMIN_DATA, EXPLICIT, METADATA, OUTLINE, SECTION_SCOPE

ONTOLOGY_IRI = "https://policykg.example/ontology#"
ID = Namespace("https://policykg.example/id/")           # instance nodes
GRAPH = Namespace("https://policykg.example/graph/")     # named graphs
GAZETTEER_GRAPH = GRAPH["gazetteer"]                     # shared administrative data (basis admin_data)
ONTOLOGY_GRAPH = GRAPH["ontology"]                       # ontology.ttl, so SPARQL can read class labels

PREFIXES = {
    "pkg": ONTOLOGY_IRI,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#",
    "owl": "http://www.w3.org/2002/07/owl#",
}


class PKG(DefinedNamespace):
    """Terms of ontology.ttl; an undefined term raises AttributeError instead of minting a new URI."""

    _fail = True
    _NS = Namespace(ONTOLOGY_IRI)

    # classes
    Document: URIRef
    Section: URIRef
    Chunk: URIRef
    Goal: URIRef
    Target: URIRef
    Fact: URIRef
    Project: URIRef
    Agency: URIRef
    Place: URIRef
    Country: URIRef
    Province: URIRef
    Prefecture: URIRef
    County: URIRef
    Town: URIRef
    Region: URIRef
    NaturalFeature: URIRef
    Evidence: URIRef
    Statement: URIRef
    Aim: URIRef
    # object properties
    partOf: URIRef
    inDocument: URIRef
    inSection: URIRef
    involvesPlace: URIRef
    servesGoal: URIRef
    concernsPlace: URIRef
    within: URIRef
    memberOf: URIRef
    issuedBy: URIRef
    addressedTo: URIRef
    mentionedIn: URIRef
    hasEvidence: URIRef
    partOfProgramme: URIRef
    # datatype properties
    key: URIRef
    adcode: URIRef
    format: URIRef
    contentHash: URIRef
    periodStart: URIRef
    periodEnd: URIRef
    level: URIRef
    order: URIRef
    headingKind: URIRef
    sectionPath: URIRef
    charStart: URIRef
    charEnd: URIRef
    exactText: URIRef
    basis: URIRef
    confidence: URIRef
    metric: URIRef
    value: URIRef
    unit: URIRef
    comparator: URIRef
    valueText: URIRef
    valueHigh: URIRef
    targetYear: URIRef
    year: URIRef
    projectKind: URIRef


# Place.kind (graph.records) → ontology class.
PLACE_CLASSES = {
    "country": PKG.Country, "province": PKG.Province, "prefecture": PKG.Prefecture,
    "county": PKG.County, "town": PKG.Town, "region": PKG.Region, "feature": PKG.NaturalFeature,
}

# Values of pkg:basis on lineage links (pkg:servesGoal, pkg:partOfProgramme), strongest first (graph.lineage).
SAME_SENTENCE = "same_sentence"        # the goal (or the project's aim) is stated in the project's sentence
SAME_PARAGRAPH = "same_paragraph"      # stated in the project's paragraph
SAME_OBJECT = "same_object"            # stated elsewhere for the same named object (its name in the goal's sentence)
UPPER_PROGRAMME = "upper_programme"    # the goal of the programme the project is listed under
SECTION_GOAL = "section_goal"          # a goal of the project's section, or stated for its place in its words
LINEAGE_BASES = (SAME_SENTENCE, SAME_PARAGRAPH, SAME_OBJECT, UPPER_PROGRAMME, SECTION_GOAL)
AIM_ID_PREFIX = "goal:aim:"            # ids of pkg:Aim goals (a project's purpose stated in its sentence)

# Values of pkg:basis, strongest first: when one relation is stated several ways it keeps the strongest.
BASIS_RANK = {EXPLICIT: 0, METADATA: 1, ADMIN_DATA: 2, OUTLINE: 3, SECTION_SCOPE: 4,
              **{basis: rank for rank, basis in enumerate(LINEAGE_BASES)}}

PATH_SEPARATOR = " > "   # joins Section.path / Evidence.section_path into pkg:sectionPath


def ontology_text() -> str:
    return (files("graph") / "ontology.ttl").read_text(encoding="utf-8")


def node(kind: str, key: str) -> URIRef:
    """Deterministic node IRI for a record id: https://policykg.example/id/<kind>/<percent-encoded key>."""
    # Percent-encoding keeps Chinese region names and '#' out of raw IRIs, which some endpoints reject.
    return ID[f"{kind}/{quote(key, safe=':-_.~')}"]


def document_graph(doc_id: str) -> URIRef:
    """The named graph holding everything one document states (replaced as a whole on re-ingest)."""
    return GRAPH[f"doc/{quote(doc_id, safe=':-_.~')}"]
