"""Gephi-ready GEXF and GraphML bytes from a networkx graph, identical for identical input."""
from __future__ import annotations

from xml.etree.ElementTree import tostring

import networkx as nx
from networkx.readwrite.gexf import GEXFWriter
from networkx.readwrite.graphml import GraphMLWriter

from ingest.errors import QueryError

FORMATS = ("gexf", "graphml")


def canonical(graph: nx.Graph) -> nx.MultiDiGraph:
    """A copy with nodes, edges and attributes in sorted order and no None values (GEXF/GraphML reject them)."""
    out = nx.MultiDiGraph()
    for node in sorted(graph.nodes, key=str):
        attrs = graph.nodes[node]
        out.add_node(str(node), **{k: attrs[k] for k in sorted(attrs) if attrs[k] is not None})
    edges = graph.edges(keys=True, data=True) if graph.is_multigraph() else \
        ((u, v, None, d) for u, v, d in graph.edges(data=True))
    for u, v, key, attrs in sorted(edges, key=lambda e: (str(e[0]), str(e[1]), str(e[2]))):
        out.add_edge(str(u), str(v), key=key if key is not None else 0,
                     **{k: attrs[k] for k in sorted(attrs) if attrs[k] is not None})
    return out


_DECLARATION = b'<?xml version="1.0" encoding="utf-8"?>\n'


def _graphml(graph: nx.MultiDiGraph) -> bytes:
    writer = GraphMLWriter(graph=graph, encoding="utf-8", prettyprint=True)
    writer.indent(writer.xml)
    # tostring's default encoding would turn every Chinese character into a numeric reference.
    return _DECLARATION + tostring(writer.xml, encoding="utf-8", xml_declaration=False) + b"\n"


def _gexf(graph: nx.MultiDiGraph) -> bytes:
    writer = GEXFWriter(encoding="utf-8", prettyprint=True)
    # networkx stamps today's date into <meta>; a reproducible file must not change with the calendar.
    meta = writer.xml.find("meta")
    if meta is not None:
        meta.attrib.pop("lastmodifieddate", None)
    writer.add_graph(graph)
    writer.indent(writer.xml)
    return _DECLARATION + tostring(writer.xml, encoding="utf-8", xml_declaration=False) + b"\n"


def export(graph: nx.Graph, format: str = "gexf") -> bytes:
    """GEXF (for Gephi) or GraphML bytes; nodes and edges sorted so two runs give identical bytes."""
    if format not in FORMATS:
        raise QueryError(f"unknown export format {format!r} (known: {', '.join(FORMATS)})")
    g = canonical(graph)
    if format == "gexf":
        return _gexf(g)
    return _graphml(g)
