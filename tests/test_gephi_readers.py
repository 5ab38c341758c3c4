"""Exports as tools nobody here wrote read them: graphology's GEXF and GraphML parsers (npm), on the bundled corpus.

The npm packages are installed once into a cache folder (POLICYKG_TEST_NPM_CACHE, default
~/.cache/policykg-test-npm) and reused by later runs; the tests skip only where Node.js/npm are absent.
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from click.testing import CliRunner

from graph.network import subgraph
from ui.cli import _register, cli

PACKAGES = ("graphology@0.26", "graphology-gexf@0.13", "graphology-graphml@0.5")
READER = """
const fs = require('fs');
const Graph = require('graphology');
const [fmt, file] = process.argv.slice(2);
const lib = require(fmt === 'gexf' ? 'graphology-gexf' : 'graphology-graphml');
const g = lib.parse(Graph, fs.readFileSync(file, 'utf-8'));
const nodes = {}; g.forEachNode((n, a) => { nodes[n] = a; });
const edges = []; g.forEachEdge((e, a, s, t) => { edges.push({id: e, source: s, target: t, attrs: a}); });
process.stdout.write(JSON.stringify({order: g.order, size: g.size, graph: g.getAttributes(), nodes, edges}));
"""
GEXF = "{http://gexf.net/1.3}"
VIZ = "{http://gexf.net/1.3/viz}"


@pytest.fixture(scope="session")
def graphology() -> Path:
    node, npm = shutil.which("node"), shutil.which("npm")
    if not node or not npm:
        pytest.skip("Node.js and npm are not installed")
    cache = Path(os.environ.get("POLICYKG_TEST_NPM_CACHE", Path.home() / ".cache" / "policykg-test-npm"))
    modules = cache / "node_modules"
    if not all((modules / p.split("@")[0] / "package.json").exists() for p in PACKAGES):
        cache.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([npm, "install", "--prefix", str(cache), "--no-audit", "--no-fund", *PACKAGES],
                              capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr[-2000:]
    (cache / "read.js").write_text(READER, encoding="utf-8")
    return cache


def read(graphology: Path, path: Path) -> dict:
    """Parse with graphology; a file it rejects (e.g. a duplicate edge id) fails the test with its message."""
    done = subprocess.run(["node", str(graphology / "read.js"), path.suffix[1:], str(path)], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "NODE_PATH": str(graphology / "node_modules")})
    assert done.returncode == 0, f"graphology rejected {path.name}: {done.stderr[-1500:]}"
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def exported(seed_workspace, tmp_path_factory):
    """The CLI's exports of the bundled corpus: whole graph, 昭通 (a prefecture), and 昭通 with sections."""
    _register()
    out = tmp_path_factory.mktemp("exports")
    ws = str(seed_workspace.root)
    runs = {"all": [], "zhaotong": ["--place", "昭通"],
            "sections": ["--place", "昭通", "--types", "Project,Goal,Place,Agency,Section,Document"]}
    files = {}
    for name, args in runs.items():
        for fmt in ("gexf", "graphml"):
            path = out / f"{name}.{fmt}"
            result = CliRunner().invoke(cli, ["-w", ws, "--embedder", "fake", "export", "--format", fmt, *args,
                                              "-o", str(path)], catch_exceptions=False)
            assert result.exit_code == 0, result.output
            files[name, fmt] = path
    return files


VIEWS = {"all": {}, "zhaotong": {"place": "昭通"},
         "sections": {"place": "昭通", "types": ["Project", "Goal", "Place", "Agency", "Section", "Document"]}}


@pytest.mark.parametrize("name", sorted(VIEWS))
@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
def test_graphology_reads_every_node_and_edge(graphology, exported, seed_workspace, name, fmt):
    view = subgraph(seed_workspace.graph, **VIEWS[name])
    got = read(graphology, exported[name, fmt])
    assert (got["order"], got["size"]) == (view.number_of_nodes(), view.number_of_edges()) != (0, 0)
    ids = [e["id"] for e in got["edges"]]
    assert len(ids) == len(set(ids))
    assert set(got["nodes"]) == set(view.nodes)
    for attrs in got["nodes"].values():
        assert attrs["label"] and attrs["type"] and attrs["kind"] and attrs["size"] > 0
        assert "networkx_key" not in attrs and "layer" not in attrs
    for edge in got["edges"]:
        a = edge["attrs"]
        assert a["relation"] and a["label"] and a["weight"] > 0 and "networkx_key" not in a
    cited = [e["attrs"] for e in got["edges"] if "evidence" in e["attrs"]]
    assert cited, "no edge carries its evidence"
    for a in cited:   # evidence points back at the exact source text
        assert a["source"] and a["char_end"] > a["char_start"] >= 0 and "section_path" in a


def test_graphology_rejects_a_duplicate_edge_id(graphology, tmp_path):
    """The reader is strict enough to catch what broke Gephi: two edges sharing one id."""
    bad = tmp_path / "dup.graphml"
    bad.write_text('<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
                   '<graph edgedefault="directed"><node id="a"/><node id="b"/><node id="c"/>'
                   '<edge id="e" source="a" target="b"/><edge id="e" source="b" target="c"/></graph></graphml>',
                   encoding="utf-8")
    done = subprocess.run(["node", str(graphology / "read.js"), "graphml", str(bad)], capture_output=True, text=True,
                          env={**os.environ, "NODE_PATH": str(graphology / "node_modules")})
    assert done.returncode != 0


def test_gexf_is_1_3_with_viz_colour_size_and_a_name(exported):
    root = ET.parse(exported["zhaotong", "gexf"]).getroot()
    assert root.tag == GEXF + "gexf" and root.get("version") == "1.3"
    graph = root.find(GEXF + "graph")
    assert "昭通市" in graph.get("name")
    colours: dict[str, set[str]] = {}
    for node in graph.iter(GEXF + "node"):
        kind = next(v.get("value") for v in node.iter(GEXF + "attvalue") if v.get("for") == "kind")
        c = node.find(VIZ + "color")
        colours.setdefault(kind, set()).add((c.get("r"), c.get("g"), c.get("b")))
        assert float(node.find(VIZ + "size").get("value")) > 0 and node.find(VIZ + "position") is not None
    assert all(len(c) == 1 for c in colours.values())               # one colour per kind …
    assert len({next(iter(c)) for k, c in colours.items() if k in ("Project", "Prefecture", "Goal")}) == 3
    declared = {a.get("id") for a in graph.iter(GEXF + "attribute")}
    used = {v.get("for") for v in graph.iter(GEXF + "attvalue")}
    assert used <= declared and {"evidence", "source", "section_path", "char_start", "mentions"} <= declared


def test_exports_are_byte_identical_between_runs(seed_workspace, exported, tmp_path):
    for fmt in ("gexf", "graphml"):
        again = tmp_path / f"again.{fmt}"
        CliRunner().invoke(cli, ["-w", str(seed_workspace.root), "--embedder", "fake", "export", "--format", fmt,
                                 "--place", "昭通", "-o", str(again)], catch_exceptions=False)
        assert again.read_bytes() == exported["zhaotong", fmt].read_bytes()


def test_a_place_subset_keeps_its_context(seed_workspace, graphology, exported):
    store = seed_workspace.graph
    full = subgraph(store, types=["Project", "Goal", "Place", "Agency"])
    view = subgraph(store, place="昭通")
    projects = [n for n, t in view.nodes(data="type") if t == "Project"]
    served = {v for p in projects for _, v, r in full.out_edges(p, keys=True) if r == "servesGoal"}
    assert projects and served and served <= set(view)      # every goal the shown projects serve (depth 1)
    got = read(graphology, exported["sections", "gexf"])
    types = {a["type"] for a in got["nodes"].values()}
    assert {"Section", "Document", "Project"} <= types
    by_id = got["nodes"]
    assert any(by_id[e["source"]]["type"] == "Project" and by_id[e["target"]]["type"] == "Section"
               for e in got["edges"])
    assert any(by_id[e["source"]]["type"] == "Document" and by_id[e["target"]]["type"] == "Agency"
               and e["attrs"]["relation"] == "issuedBy" for e in got["edges"])


def test_agencies_are_linked_to_their_documents_and_projects(seed_workspace):
    g = subgraph(seed_workspace.graph)   # the default types
    agencies = [n for n, t in g.nodes(data="type") if t == "Agency"]
    assert agencies and all(g.degree(a) > 0 for a in agencies)
    issued = {(u, v) for u, v, r in g.edges(keys=True) if r == "issuedBy"}
    assert issued and all(g.nodes[u]["type"] == "Document" for u, _ in issued)
    named = [(u, v) for u, v, r in g.edges(keys=True) if r == "mentionedWith"]
    assert named and all(g.nodes[v]["type"] == "Project" for _, v in named)
