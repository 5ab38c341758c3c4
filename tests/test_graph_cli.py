"""The graph commands through click, against a workspace built from hand-made records."""
from __future__ import annotations

import json

import pyoxigraph
import pytest
from click.testing import CliRunner
from rdflib import Graph

from graph.build import build_graph, load
from graph.store import OxigraphStore
from graph_fixtures import corpus
from ui.cli import _register, cli, main


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    root = tmp_path_factory.mktemp("ws")
    store = OxigraphStore(root / "graph")
    load(store, *corpus())
    store.close()
    _register()
    return root


def run(workspace, *args):
    result = CliRunner().invoke(cli, ["-w", str(workspace), *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def test_graph_stats(workspace):
    counts = json.loads(run(workspace, "graph", "stats", "--json"))
    assert counts["Document"] == 2 and counts["Project"] == 2 and counts["triples"] > 100
    assert "Statement" in run(workspace, "graph", "stats")


def test_entities_json_items(workspace):
    items = json.loads(run(workspace, "entities", "--type", "place", "--json"))
    assert {"label", "type", "uri", "citations"} <= set(items[0])
    assert "昭通市" in {i["label"] for i in items}


def test_trace_prints_path_goal_and_quotes(workspace):
    text = run(workspace, "trace", "乌蒙山铁路")
    assert "二、区域布局 > (一)滇东北地区" in text and "全省经济总量达到1万亿元" in text and "「乌蒙山铁路」" in text
    items = json.loads(run(workspace, "trace", "乌蒙山铁路", "--json"))
    assert items[0]["type"] == "Project" and items[0]["citations"]


def test_sparql_select_ask_construct_and_file(workspace, tmp_path):
    out = run(workspace, "sparql", "SELECT DISTINCT ?l WHERE { ?p a pkg:Project ; skos:prefLabel ?l } ORDER BY ?l")
    assert out.splitlines() == ["l", "乌蒙山铁路", "昭阳区机场"]
    assert run(workspace, "sparql", "ASK { ?g a pkg:Target }").strip() == "true"
    rq = tmp_path / "q.rq"
    rq.write_text("CONSTRUCT { ?p skos:prefLabel ?l } WHERE { ?p a pkg:Agency ; skos:prefLabel ?l }", encoding="utf-8")
    assert "云南省人民政府办公厅" in Graph().parse(data=run(workspace, "sparql", str(rq)), format="turtle").serialize()
    data = json.loads(run(workspace, "sparql", "--json", "SELECT ?s WHERE { ?s a pkg:Document }"))
    assert len(data["results"]["bindings"]) == 2


def test_a_long_query_argument_is_a_query_not_a_file_name(workspace):
    """The OS refuses to look up a 5,000-character "file name"; the text is run as the query it is."""
    query = "SELECT DISTINCT ?l WHERE {\n  ?p a pkg:Project ; skos:prefLabel ?l }\nORDER BY ?l # " + "注" * 5000
    assert run(workspace, "sparql", query).splitlines() == ["l", "乌蒙山铁路", "昭阳区机场"]
    one_line = "SELECT DISTINCT ?l WHERE { ?p a pkg:Project ; skos:prefLabel ?l } ORDER BY ?l #" + "x" * 5000
    assert run(workspace, "sparql", one_line).splitlines() == ["l", "乌蒙山铁路", "昭阳区机场"]


def test_sparql_update_is_refused_with_one_line(workspace, capsys):
    assert main(["-w", str(workspace), "sparql", "DROP ALL"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("policykg: error:") and "updates are not allowed" in err and "Traceback" not in err
    assert main(["-w", str(workspace), "graph", "stats"]) == 0   # and nothing was dropped
    assert "Document" in capsys.readouterr().out


def test_missing_workspace_is_a_clear_error(tmp_path, capsys):
    assert main(["-w", str(tmp_path / "none"), "entities", "--type", "place"]) == 2
    assert "policykg ingest" in capsys.readouterr().err


def test_turtle_round_trips_through_an_independent_parser(workspace, tmp_path):
    out = tmp_path / "kg.ttl"
    run(workspace, "serialize", "--format", "turtle", "-o", str(out))
    first = out.read_bytes()
    run(workspace, "serialize", "--format", "turtle", "-o", str(out))
    assert out.read_bytes() == first                        # deterministic
    # pyoxigraph writes the file; rdflib, an independent parser, must read back exactly the triples we built.
    built = build_graph(*corpus())
    expected = {(s, p, o) for s, p, o, _ in built.quads((None, None, None, None))}
    assert set(Graph().parse(out, format="turtle")) == expected
    assert len(list(pyoxigraph.parse(path=str(out), format=pyoxigraph.RdfFormat.TURTLE))) == len(expected)
    nt = tmp_path / "kg.nt"
    run(workspace, "serialize", "--format", "nt", "-o", str(nt))
    assert set(Graph().parse(nt, format="nt")) == expected


def test_export_gexf_for_a_place(workspace, tmp_path):
    out = tmp_path / "zt.gexf"
    run(workspace, "export", "--format", "gexf", "--place", "昭通", "--types", "Project,Place", "--depth", "1",
        "-o", str(out))
    import networkx as nx

    g = nx.read_gexf(out)
    assert {d["type"] for _, d in g.nodes(data=True)} == {"Project", "Place"}
    assert "昭阳区机场" in {d["label"] for _, d in g.nodes(data=True)}
    assert main(["-w", str(workspace), "export", "--types", "Person", "-o", str(out)]) == 2
