"""The README's remote graph store: a real `oxigraph serve` on 127.0.0.1, with questions, exports and the UI over it."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

import pytest
from click.testing import CliRunner

from graph.store import SparqlEndpointStore
from ui.cli import _register, cli
from ui.settings import Settings
from ui.workspace import Workspace


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def oxigraph_server(location: Path):
    """`oxigraph serve --union-default-graph` on a free loopback port, stopped afterwards; yields its base URL."""
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(binary).exists():
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = _free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}",
                             "--union-default-graph"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/query?query=ASK%7B%7D", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        else:
            pytest.fail("oxigraph serve did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def endpoints(base: str) -> dict[str, str]:
    return {"graph_store": "sparql", "sparql_query_endpoint": base + "/query",
            "sparql_update_endpoint": base + "/update"}


@pytest.fixture(scope="module")
def server(seed_workspace, tmp_path_factory):
    """A server holding the seed workspace's graph (loaded through the graph store protocol's /store)."""
    with oxigraph_server(tmp_path_factory.mktemp("oxigraph-server")) as base:
        data = seed_workspace.graph.serialize("nquads")
        request = urllib.request.Request(base + "/store", data=data, method="POST",
                                         headers={"Content-Type": "application/n-quads"})
        urllib.request.urlopen(request, timeout=60).read()
        yield base


@pytest.fixture(scope="module")
def remote_settings(server, seed_workspace) -> Settings:
    """The seed workspace's documents and index, its graph on the server (the README's configuration)."""
    return Settings(workspace=seed_workspace.root, corpus=seed_workspace.settings.corpus, embedder="fake",
                    graph_store="sparql", sparql_query_endpoint=server + "/query",
                    sparql_update_endpoint=server + "/update")


def test_a_question_gets_the_same_items_through_the_server(remote_settings, seed_workspace):
    remote = Workspace(remote_settings, read_only=True)
    assert isinstance(remote.graph, SparqlEndpointStore)
    question = "哪些项目涉及昭通"
    here, there = seed_workspace.ask(question).to_json(), remote.ask(question).to_json()
    assert there["found"] and there["items"]
    assert [(i["uri"], i["label"]) for i in there["items"]] == [(i["uri"], i["label"]) for i in here["items"]]
    assert there["answer"] == here["answer"]


def test_a_query_larger_than_a_url_goes_through(remote_settings):
    store = Workspace(remote_settings, read_only=True).graph
    values = " ".join(f'"{"昭通" * 4}{i}"' for i in range(2000))   # ~60 KB: far past an 8 KB request line
    rows = store.select(f"SELECT ?x WHERE {{ VALUES ?x {{ {values} }} }} LIMIT 3")
    assert len(rows) == 3


def test_cli_verbs_work_against_the_server(remote_settings, tmp_path):
    _register()
    config = tmp_path / "policykg.toml"
    config.write_text("[policykg]\n" + "".join(
        f'{k} = "{v}"\n' for k, v in (("workspace", remote_settings.workspace), ("embedder", "fake"),
                                      ("graph_store", "sparql"),
                                      ("sparql_query_endpoint", remote_settings.sparql_query_endpoint),
                                      ("sparql_update_endpoint", remote_settings.sparql_update_endpoint))),
        encoding="utf-8")
    runner = CliRunner()
    asked = runner.invoke(cli, ["--config", str(config), "ask", "哪些项目涉及昭通"], catch_exceptions=False)
    assert asked.exit_code == 0 and "昭通" in asked.output
    long_query = "SELECT ?p WHERE { ?p a pkg:Project } LIMIT 2 #" + "x" * 5000
    listed = runner.invoke(cli, ["--config", str(config), "sparql", long_query], catch_exceptions=False)
    assert listed.exit_code == 0 and listed.output.count("\n") == 3, listed.output
    out = tmp_path / "zt.gexf"
    exported = runner.invoke(cli, ["--config", str(config), "export", "--place", "昭通", "-o", str(out)],
                             catch_exceptions=False)
    assert exported.exit_code == 0 and b"viz:color" in out.read_bytes()


def test_ui_serves_a_workspace_whose_graph_is_remote(remote_settings, tmp_path, monkeypatch):
    """No local graph/ folder: `policykg ui` must still serve (the graph is on the server)."""
    from ui.commands import serve_cmds

    root = tmp_path / "ws"
    root.mkdir()
    for part in ("index", "documents"):
        (root / part).symlink_to(Path(remote_settings.workspace) / part)
    served = []
    monkeypatch.setattr(serve_cmds, "serve", lambda settings, host, port: served.append(settings) or 0)
    _register()
    result = CliRunner().invoke(cli, ["-w", str(root), "--embedder", "fake", "ui"], catch_exceptions=False,
                                env={"POLICYKG_GRAPH_STORE": "sparql",
                                     "POLICYKG_SPARQL_QUERY_ENDPOINT": remote_settings.sparql_query_endpoint,
                                     "POLICYKG_SPARQL_UPDATE_ENDPOINT": remote_settings.sparql_update_endpoint})
    assert result.exit_code == 0, result.output
    assert served and served[0].graph_store == "sparql"


def test_up_ingests_into_the_server_then_serves(tmp_path, monkeypatch):
    """`policykg up` with the README's remote configuration: the corpus goes to the server, then the UI starts."""
    from ui.commands import serve_cmds

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "tongzhi.txt").write_text("关于加快建设大理机场的通知\n一、建设大理机场改扩建工程。\n", encoding="utf-8")
    served = []
    monkeypatch.setattr(serve_cmds, "serve", lambda settings, host, port: served.append(settings) or 0)
    _register()
    with oxigraph_server(tmp_path / "server") as base:
        env = {f"POLICYKG_{k.upper()}": v for k, v in endpoints(base).items()}
        result = CliRunner().invoke(cli, ["-w", str(tmp_path / "ws"), "--embedder", "fake", "up"],
                                    catch_exceptions=False, env={**env, "POLICYKG_CORPUS": str(corpus)})
        assert result.exit_code == 0, result.output
        assert served and not (tmp_path / "ws" / "graph").exists()     # the graph went to the server
        store = SparqlEndpointStore(base + "/query", "")
        assert store.query("ASK { ?p a pkg:Project ; skos:prefLabel ?l FILTER(CONTAINS(?l, '大理机场')) }").askAnswer
