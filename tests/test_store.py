"""Store backends: embedded Oxigraph on disk and a real remote SPARQL endpoint (oxigraph serve)."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import replace
from pathlib import Path

import pytest
from rdflib import Literal, URIRef

from graph.build import document_quads, load, ontology_quads
from graph.store import OxigraphStore, SparqlEndpointStore, bind, open_store
from graph.vocab import PKG, document_graph, node
from graph_fixtures import corpus, plan, report
from ingest.errors import ConfigError, QueryError, WorkspaceError
from ui.settings import Settings

PROJECTS = "SELECT DISTINCT ?p WHERE { ?p a pkg:Project } ORDER BY ?p"


def _projects(store) -> list[str]:
    return [str(r[0]) for r in store.query(PROJECTS)]


@pytest.fixture
def disk_store(tmp_path):
    store = OxigraphStore(tmp_path / "graph")
    load(store, *corpus())
    yield store
    store.close()


def test_queries_see_the_union_of_all_document_graphs(disk_store):
    assert _projects(disk_store) == [str(node("project", "p_airport")), str(node("project", "p_rail"))]
    assert disk_store.documents() == ["d_plan", "d_report"]


def test_replacing_a_document_touches_only_its_graph(disk_store):
    ingested, extraction = plan()
    without_projects = replace(extraction, projects=(), relations=())
    disk_store.replace_document("d_plan", document_quads(ingested, without_projects))
    # The airport was only in the plan; the railway is still stated by the report.
    assert _projects(disk_store) == [str(node("project", "p_rail"))]
    disk_store.remove_document("d_report")
    assert _projects(disk_store) == []
    assert disk_store.documents() == ["d_plan"]
    # Administrative facts are shared: removing a document keeps them.
    assert disk_store.query("ASK WHERE { ?c pkg:within ?p }").askAnswer


def test_a_failed_update_keeps_the_previous_graph(disk_store):
    before = disk_store.stats()
    broken = document_quads(*plan()) + [(URIRef("not an iri"), PKG.key, Literal("x"), document_graph("d_plan"))]
    with pytest.raises(Exception):
        disk_store.replace_document("d_plan", broken)
    assert disk_store.stats() == before


def test_data_persists_and_opens_read_only(tmp_path):
    store = OxigraphStore(tmp_path / "graph")
    load(store, *corpus())
    store.close()
    again = open_store(Settings(workspace=tmp_path).store_config(), read_only=True)
    assert len(_projects(again)) == 2
    with pytest.raises(WorkspaceError, match="read-only"):
        again.remove_document("d_plan")
    again.close()


def test_read_only_open_of_a_missing_store_says_what_to_do(tmp_path):
    with pytest.raises(WorkspaceError, match="policykg ingest"):
        open_store(Settings(workspace=tmp_path / "nothing").store_config(), read_only=True)


def test_rebuild_swaps_in_a_fresh_directory(disk_store):
    quads = ontology_quads() + document_quads(*report())
    disk_store.rebuild(quads)
    assert disk_store.documents() == ["d_report"]
    assert not any(p.name.startswith(".graph.") for p in disk_store.path.parent.iterdir())
    disk_store.replace_document("d_plan", document_quads(*plan()))   # still writable after the swap
    assert disk_store.documents() == ["d_plan", "d_report"]


def test_serialize_is_deterministic_and_rejects_unknown_formats(disk_store):
    assert disk_store.serialize("nt") == disk_store.serialize("nt")
    assert disk_store.serialize("turtle") == disk_store.serialize("turtle")
    nquads = disk_store.serialize("nquads").decode()
    assert str(document_graph("d_report")) in nquads
    with pytest.raises(QueryError, match="xml"):
        disk_store.serialize("xml")


def test_bad_sparql_is_a_query_error(disk_store):
    with pytest.raises(QueryError):
        disk_store.query("SELECT WHERE nonsense")


def test_bind_places_values_inside_the_outer_where():
    text = bind("SELECT ?x (COUNT(*) AS ?n) WHERE { ?x ?p ?o } GROUP BY ?x LIMIT 1", x=URIRef("urn:a"))
    assert text.index("VALUES") < text.index("GROUP BY")
    with pytest.raises(QueryError):
        bind("ASK { ?x ?p ?o }", x=URIRef("urn:a"))


def test_unknown_backend_and_missing_dependency_give_hints(monkeypatch, tmp_path):
    with pytest.raises(ConfigError, match="sparql_query_endpoint"):
        open_store(Settings(workspace=tmp_path, graph_store="sparql").store_config())
    monkeypatch.setitem(sys.modules, "oxrdflib", None)
    with pytest.raises(ConfigError, match="pip install oxrdflib"):
        open_store(Settings(workspace=tmp_path).store_config())


# ------------------------------------------------------------------------------------- remote endpoint

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def endpoint(tmp_path):
    binary = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not Path(binary).exists():
        pytest.skip("the oxigraph server binary is not installed (pip install oxigraph)")
    port = _free_port()
    proc = subprocess.Popen([binary, "serve", "--location", str(tmp_path / "server"), "--bind",
                             f"127.0.0.1:{port}", "--union-default-graph"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
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


def test_remote_endpoint_loads_replaces_and_queries(endpoint, tmp_path):
    settings = Settings(workspace=tmp_path, graph_store="sparql", sparql_query_endpoint=endpoint + "/query",
                        sparql_update_endpoint=endpoint + "/update")
    store = open_store(settings.store_config())
    assert isinstance(store, SparqlEndpointStore)
    load(store, *corpus())
    assert len(_projects(store)) == 2
    assert store.documents() == ["d_plan", "d_report"]
    store.remove_document("d_plan")
    assert _projects(store) == [str(node("project", "p_rail"))]
    from graph.queries import projects_by_place

    store.replace_document("d_plan", document_quads(*plan()))
    labels = [i.label for i in projects_by_place(store, "昭通市")]
    assert labels == ["乌蒙山铁路", "昭阳区机场"]
    assert store.stats()["Document"] == 2
    local = OxigraphStore(None)
    load(local, *corpus())
    assert store.serialize("nt") == local.serialize("nt")     # same bytes from either backend
    reader = open_store(settings.store_config(), read_only=True)
    with pytest.raises(ConfigError, match="sparql_update_endpoint"):
        reader.remove_document("d_plan")


def test_load_writes_a_whole_gazetteer_once(tmp_path):
    from graph.records import Place

    class Gazetteer:   # the shape of graph.gazetteer.Gazetteer that load() relies on
        def places(self):
            return [Place("adcode:110000", "北京市", "province", ("北京",), "110000"),
                    Place("adcode:110101", "东城区", "county", ("东城",), "110101", "adcode:110000")]

    store = OxigraphStore(None)
    load(store, [plan()[0]], [plan()[1]], Gazetteer())
    assert store.query("ASK { ?d pkg:adcode '110101' ; pkg:within/skos:prefLabel '北京市' }").askAnswer
    assert store.documents() == ["d_plan"]


def test_query_results_read_in_one_thread_can_be_dropped_in_another(disk_store):
    # pyoxigraph's result iterators may only be freed by the thread that made them. Streamlit answers in worker
    # threads: a partly read result (`for row in rows: return row[0]`) kept in a reference cycle used to be
    # freed by whichever thread next ran the garbage collector, and pyoxigraph then complained.
    import gc
    import threading

    kept, problems = [], []
    hook, sys.unraisablehook = sys.unraisablehook, lambda info: problems.append(str(info.exc_value))

    def ask():
        rows = disk_store.query(PROJECTS)
        for row in rows:   # read one row only
            break
        kept.append(rows)

    try:
        worker = threading.Thread(target=ask)
        worker.start()
        worker.join()
        kept.clear()
        gc.collect()
    finally:
        sys.unraisablehook = hook
    assert problems == []
