"""networkx views and Gephi exports: typed nodes, Chinese labels, byte-identical output, valid files."""
from __future__ import annotations

import io

import networkx as nx
import pytest

from graph.build import load
from graph.export import export
from graph.network import subgraph
from graph.store import memory_store
from graph.vocab import node
from graph_fixtures import corpus
from ingest.errors import QueryError


@pytest.fixture(scope="module")
def store():
    s = memory_store()
    load(s, *corpus())
    return s


def test_place_subgraph_has_typed_nodes_and_edges(store):
    g = subgraph(store, place="昭通", depth=1)
    zhaotong = str(node("place", "adcode:530600"))
    assert g.nodes[zhaotong] == {"type": "Place", "kind": "Prefecture", "label": "昭通市", "mentions": 2,
                                 "adcode": "530600", "record_id": "adcode:530600"}
    airport = str(node("project", "p_airport"))
    assert g.nodes[airport]["label"] == "昭阳区机场"
    edge = g.get_edge_data(airport, str(node("place", "adcode:530602")))["involvesPlace"]
    assert (edge["relation"], edge["basis"], edge["label"]) == ("involvesPlace", "explicit", "涉及地点 involves place")
    # The sentence that states the relation, where it is, and how to find it again in the source.
    assert (edge["evidence"], edge["source"], edge["section_path"]) == ("推进昭阳区机场建设", "plan.txt",
                                                                         "二、区域布局 › (一)滇东北地区")
    from graph_fixtures import PLAN
    assert PLAN[edge["char_start"]:edge["char_end"]] == edge["evidence"]
    assert "昭通市" in g.graph["name"]


def test_sections_and_documents_come_as_context_when_asked_for(store):
    g = subgraph(store, place="昭通", types=["Project", "Place", "Section", "Document", "Agency"])
    types = dict(g.nodes(data="type"))
    airport = str(node("project", "p_airport"))
    sections = [v for _, v, r in g.out_edges(airport, keys=True) if r == "inSection"]
    assert sections and all(types[s] == "Section" for s in sections)
    # The outline up to the document, and the agency that issued it.
    assert any(types[v] == "Document" for _, v, r in g.edges(keys=True) if r == "partOf")
    assert any(types[v] == "Agency" for _, v, r in g.edges(keys=True) if r == "issuedBy")
    assert "Section" not in dict(subgraph(store, place="昭通").nodes(data="type")).values()


def test_depth_one_keeps_the_goals_of_the_shown_projects(store):
    g = subgraph(store, place="昭阳区", types=["Project", "Goal", "Place"], depth=1)
    assert str(node("project", "p_airport")) in g
    g = subgraph(store, place="滇东北", types=["Project", "Goal", "Place"], depth=1)
    assert str(node("goal", "g1")) in g      # the railway in the region serves it: two hops, kept as context


def test_types_and_depth_limit_the_view(store):
    only_places = subgraph(store, place="昭通", types=["Place"])
    assert {t for _, t in only_places.nodes(data="type")} == {"Place"}
    goal_view = subgraph(store, goal="g1", types=["Goal", "Project"], depth=1)
    assert {d["label"] for _, d in goal_view.nodes(data=True)} == {"全省经济总量达到1万亿元", "乌蒙山铁路"}
    assert goal_view.nodes[str(node("goal", "g1"))]["year"] == 2025
    assert len(subgraph(store, place="昭阳区", depth=0, types=["Place", "Project"])) == 1
    # By default the place comes with the documents naming it and who issued them.
    assert {t for _, t in subgraph(store, place="昭阳区", depth=0).nodes(data="type")} == {"Place", "Document", "Agency"}
    with pytest.raises(QueryError, match="Person"):
        subgraph(store, types=["Person"])


@pytest.mark.parametrize("fmt,reader", [("gexf", nx.read_gexf), ("graphml", nx.read_graphml)])
def test_export_is_deterministic_valid_and_keeps_chinese(store, fmt, reader):
    """networkx reads both back (GEXF 1.3 is read as the 1.2 it extends); graphology is tested in test_gephi_readers."""
    g = subgraph(store, place="昭通", depth=2)
    first = export(g, fmt)
    # Same graph built with nodes and edges inserted in the opposite order: the bytes must not change.
    reversed_g = nx.MultiDiGraph(name=g.graph["name"])
    reversed_g.add_nodes_from(reversed(list(g.nodes(data=True))))
    reversed_g.add_edges_from(reversed(list(g.edges(keys=True, data=True))))
    assert export(reversed_g, fmt) == first == export(subgraph(store, place="昭通", depth=2), fmt)
    back = reader(io.BytesIO(first))
    assert back.number_of_nodes() == g.number_of_nodes() and back.number_of_edges() == g.number_of_edges()
    assert "昭通市" in {d["label"] for _, d in back.nodes(data=True)}
    assert "昭通市".encode() in first


def test_gexf_carries_no_date():
    g = nx.MultiDiGraph()
    g.add_node("a", label="甲")
    assert b"lastmodifieddate" not in export(g, "gexf")


def test_unknown_format_is_refused():
    with pytest.raises(QueryError, match="gexf"):
        export(nx.MultiDiGraph(), "dot")
