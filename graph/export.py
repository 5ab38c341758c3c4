"""Gephi-ready GEXF 1.3 and GraphML bytes from a networkx view, identical for identical input.

Written here rather than by networkx's writers: those give every parallel edge the same id (its key),
leak an internal `networkx_key` column, write an empty graph name and have no GEXF 1.3 `viz:` elements.
"""
from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from xml.etree.ElementTree import Element, SubElement, indent, tostring

import networkx as nx

from ingest.errors import QueryError

FORMATS = ("gexf", "graphml")

# Fixed colours per entity type, shared with the web page's network view so a legend means the same everywhere.
TYPE_COLOURS = {
    "Place": "#2e86de", "Region": "#48dbfb", "Project": "#ee5253", "Goal": "#10ac84", "Target": "#1dd1a1",
    "Agency": "#ff9f43", "Document": "#576574", "Section": "#8395a7", "Fact": "#c8d6e5",
}
OTHER_COLOUR = "#a55eea"


@dataclass(frozen=True)
class Column:
    name: str
    type: str          # GEXF attribute type: string, integer, double, boolean
    title: str         # what Gephi's Data Laboratory shows


# The columns a file carries, in this order; attributes of the view not listed here are not exported.
NODE_COLUMNS = (
    Column("type", "string", "type"), Column("kind", "string", "kind"), Column("record_id", "string", "record_id"),
    Column("adcode", "string", "adcode"), Column("year", "integer", "year"), Column("value", "double", "value"),
    Column("unit", "string", "unit"), Column("mentions", "integer", "mentions"), Column("degree", "integer", "degree"),
)
EDGE_COLUMNS = (
    Column("relation", "string", "relation"), Column("basis", "string", "basis"),
    Column("confidence", "double", "confidence"), Column("evidence", "string", "evidence"),
    Column("source", "string", "source"), Column("section_path", "string", "section_path"),
    Column("char_start", "integer", "char_start"), Column("char_end", "integer", "char_end"),
    Column("evidence_count", "integer", "evidence_count"),
)
_GRAPHML_TYPES = {"string": "string", "integer": "long", "double": "double", "boolean": "boolean"}

GEXF_NS = "http://gexf.net/1.3"
VIZ_NS = "http://gexf.net/1.3/viz"
XSI_NS = "http://www.w3.org/2001/XMLSchema-instance"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
_DECLARATION = b'<?xml version="1.0" encoding="UTF-8"?>\n'


def colour(type_name: str) -> str:
    return TYPE_COLOURS.get(type_name, OTHER_COLOUR)


def node_colour(data: dict) -> str:
    """Regions and targets get their own shade of the place and goal colours."""
    kind = str(data.get("kind") or "")
    return colour(kind if kind in ("Region", "Target") else str(data.get("type") or kind or "Other"))


def node_size(degree: int, mentions: int = 0) -> float:
    """Gephi's node size: grows with the square root of links and mentions, so hubs stand out but fit."""
    return round(6.0 + 3.0 * math.sqrt(degree) + 1.5 * math.sqrt(mentions), 2)


def _text(value: object, type_: str) -> str:
    if type_ == "integer":
        return str(int(value))
    if type_ == "double":
        return repr(float(value))
    if type_ == "boolean":
        return "true" if value else "false"
    return str(value)


def edge_id(u: str, v: str, key: object) -> str:
    """Unique and stable: the relation and a digest of both ends (a networkx multigraph key is only unique per pair)."""
    digest = hashlib.sha1("\x1f".join((u, v, str(key))).encode("utf-8")).hexdigest()[:16]
    return f"{key}-{digest}"


@dataclass(frozen=True)
class _Node:
    id: str
    label: str
    attrs: dict
    colour: str
    size: float
    x: float
    y: float


@dataclass(frozen=True)
class _Edge:
    id: str
    source: str
    target: str
    label: str
    weight: float
    attrs: dict


SPRING_LIMIT = 300   # above this many nodes a force layout takes seconds to minutes; a spiral by type is instant


def _positions(graph: nx.MultiDiGraph, nodes: list[str]) -> dict[str, tuple[float, float]]:
    """Starting positions so the file opens as a picture in Gephi (run ForceAtlas2 from there); deterministic.

    Small graphs get a seeded force layout; large ones a sunflower spiral with hubs at the centre, grouped
    by node type.
    """
    if not nodes:
        return {}
    if len(nodes) <= SPRING_LIMIT:
        simple = nx.Graph()
        simple.add_nodes_from(nodes)
        simple.add_edges_from(sorted({tuple(sorted((str(u), str(v)))) for u, v in graph.edges() if u != v}))
        raw = nx.spring_layout(simple, seed=7, iterations=50, scale=1000.0) if len(nodes) > 1 else \
            {nodes[0]: (0.0, 0.0)}
        return {n: (round(float(raw[n][0]), 2), round(float(raw[n][1]), 2)) for n in nodes}
    order = sorted(nodes, key=lambda n: (str(graph.nodes[n].get("type", "")), -graph.degree(n), n))
    golden = math.pi * (3.0 - math.sqrt(5.0))
    step = 1000.0 / math.sqrt(len(order))
    spiral = ((n, step * math.sqrt(i), i * golden) for i, n in enumerate(order))
    return {n: (round(r * math.cos(a), 2), round(r * math.sin(a), 2)) for n, r, a in spiral}


def _prepare(graph: nx.Graph) -> tuple[list[_Node], list[_Edge]]:
    nodes = sorted(str(n) for n in graph.nodes)
    by_str = {str(n): n for n in graph.nodes}
    multi = nx.MultiDiGraph(graph) if not graph.is_multigraph() else graph
    pos = _positions(multi, nodes)
    out_nodes = []
    for n in nodes:
        data = graph.nodes[by_str[n]]
        degree = graph.degree(by_str[n])
        attrs = {c.name: data[c.name] for c in NODE_COLUMNS if data.get(c.name) is not None}
        attrs["degree"] = degree
        attrs["mentions"] = int(data.get("mentions") or 0)
        out_nodes.append(_Node(n, str(data.get("label") or n), attrs, node_colour(data),
                               node_size(degree, attrs["mentions"]), *pos[n]))
    edges = multi.edges(keys=True, data=True)
    out_edges = []
    for u, v, key, data in edges:
        relation = str(data.get("relation") or key)
        attrs = {c.name: data[c.name] for c in EDGE_COLUMNS if data.get(c.name) is not None}
        attrs.setdefault("relation", relation)
        confidence = data.get("confidence")
        weight = float(confidence) if confidence is not None else 1.0
        out_edges.append(_Edge(edge_id(str(u), str(v), key), str(u), str(v), str(data.get("label") or relation),
                               weight, attrs))
    out_edges.sort(key=lambda e: (e.source, e.target, e.id))
    ids = [e.id for e in out_edges]
    if len(set(ids)) != len(ids):   # a digest collision would make Gephi drop edges silently
        raise QueryError("edge ids are not unique; cannot export")
    return out_nodes, out_edges


def _hex_rgb(hex_colour: str) -> tuple[int, int, int]:
    return int(hex_colour[1:3], 16), int(hex_colour[3:5], 16), int(hex_colour[5:7], 16)


def _gexf(graph: nx.Graph, nodes: list[_Node], edges: list[_Edge]) -> bytes:
    root = Element("gexf", {"xmlns": GEXF_NS, "xmlns:viz": VIZ_NS, "xmlns:xsi": XSI_NS,
                            "xsi:schemaLocation": f"{GEXF_NS} {GEXF_NS}/gexf.xsd", "version": "1.3"})
    meta = SubElement(root, "meta")   # no lastmodifieddate: a reproducible file must not change with the calendar
    SubElement(meta, "creator").text = "PolicyKG"
    SubElement(meta, "description").text = graph_name(graph)
    g = SubElement(root, "graph", {"defaultedgetype": "directed", "mode": "static", "name": graph_name(graph)})
    for cls, columns in (("node", NODE_COLUMNS), ("edge", EDGE_COLUMNS)):
        attributes = SubElement(g, "attributes", {"class": cls, "mode": "static"})
        for c in columns:
            SubElement(attributes, "attribute", {"id": c.name, "title": c.title, "type": c.type})
    types = {c.name: c.type for c in NODE_COLUMNS}
    xml_nodes = SubElement(g, "nodes", {"count": str(len(nodes))})
    for n in nodes:
        el = SubElement(xml_nodes, "node", {"id": n.id, "label": n.label})
        values = SubElement(el, "attvalues")
        for c in NODE_COLUMNS:
            if c.name in n.attrs:
                SubElement(values, "attvalue", {"for": c.name, "value": _text(n.attrs[c.name], types[c.name])})
        r, gr, b = _hex_rgb(n.colour)
        SubElement(el, "viz:color", {"r": str(r), "g": str(gr), "b": str(b), "a": "1.0"})
        SubElement(el, "viz:position", {"x": repr(n.x), "y": repr(n.y), "z": "0.0"})
        SubElement(el, "viz:size", {"value": repr(n.size)})
    etypes = {c.name: c.type for c in EDGE_COLUMNS}
    xml_edges = SubElement(g, "edges", {"count": str(len(edges))})
    for e in edges:
        el = SubElement(xml_edges, "edge", {"id": e.id, "source": e.source, "target": e.target, "label": e.label,
                                            "kind": e.attrs["relation"], "weight": repr(e.weight)})
        values = SubElement(el, "attvalues")
        for c in EDGE_COLUMNS:
            if c.name in e.attrs:
                SubElement(values, "attvalue", {"for": c.name, "value": _text(e.attrs[c.name], etypes[c.name])})
    return _serialise(root)


def _graphml(graph: nx.Graph, nodes: list[_Node], edges: list[_Edge]) -> bytes:
    root = Element("graphml", {"xmlns": GRAPHML_NS, "xmlns:xsi": XSI_NS,
                               "xsi:schemaLocation": f"{GRAPHML_NS} {GRAPHML_NS}/1.0/graphml.xsd"})
    # Gephi's GraphML importer reads label, r/g/b, size, x and y by these names; the rest become columns.
    node_keys = [Column("label", "string", "label"), *NODE_COLUMNS, Column("color", "string", "color"),
                 Column("r", "integer", "r"),
                 Column("g", "integer", "g"), Column("b", "integer", "b"), Column("size", "double", "size"),
                 Column("x", "double", "x"), Column("y", "double", "y")]
    edge_keys = [Column("label", "string", "label"), *EDGE_COLUMNS, Column("weight", "double", "weight")]
    for cls, columns in (("node", node_keys), ("edge", edge_keys)):
        for c in columns:
            SubElement(root, "key", {"id": f"{cls[0]}_{c.name}", "for": cls, "attr.name": c.name,
                                     "attr.type": _GRAPHML_TYPES[c.type]})
    g = SubElement(root, "graph", {"id": graph_name(graph), "edgedefault": "directed"})
    node_types = {c.name: c.type for c in node_keys}
    for n in nodes:
        el = SubElement(g, "node", {"id": n.id})
        r, gr, b = _hex_rgb(n.colour)
        values = {"label": n.label, **n.attrs, "color": n.colour, "r": r, "g": gr, "b": b, "size": n.size,
                  "x": n.x, "y": n.y}
        for c in node_keys:
            if c.name in values:
                SubElement(el, "data", {"key": f"n_{c.name}"}).text = _text(values[c.name], node_types[c.name])
    edge_types = {c.name: c.type for c in edge_keys}
    for e in edges:
        el = SubElement(g, "edge", {"id": e.id, "source": e.source, "target": e.target})
        values = {"label": e.label, **e.attrs, "weight": e.weight}
        for c in edge_keys:
            if c.name in values:
                SubElement(el, "data", {"key": f"e_{c.name}"}).text = _text(values[c.name], edge_types[c.name])
    return _serialise(root)


def _serialise(root: Element) -> bytes:
    indent(root, space="  ")
    # tostring's default encoding would turn every Chinese character into a numeric reference.
    return _DECLARATION + tostring(root, encoding="utf-8", xml_declaration=False) + b"\n"


def graph_name(graph: nx.Graph) -> str:
    return str(graph.graph.get("name") or "PolicyKG")


def export(graph: nx.Graph, format: str = "gexf") -> bytes:
    """GEXF 1.3 (for Gephi) or GraphML bytes; nodes and edges sorted so two runs give identical bytes."""
    if format not in FORMATS:
        raise QueryError(f"unknown export format {format!r} (known: {', '.join(FORMATS)})")
    nodes, edges = _prepare(graph)
    return _gexf(graph, nodes, edges) if format == "gexf" else _graphml(graph, nodes, edges)
