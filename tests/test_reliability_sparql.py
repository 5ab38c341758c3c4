"""`policykg sparql` is bounded: SERVICE refused, at most sparql_max_rows rows, stopped after sparql_timeout."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from test_reliability_fixtures import DOC_A, DOC_B, assert_no_traceback, make_ws, run_cli, write_docs  # noqa: F401


@pytest.fixture()
def built(tmp_path, make_ws):
    from ui.workspace import Workspace

    settings = make_ws()
    Workspace(settings).ingest([write_docs(tmp_path / "corpus", {"a.txt": DOC_A, "b.txt": DOC_B})], progress=False)
    return settings


def invoke(settings, *args, env=None):
    from ui.cli import cli
    from ui.commands import graph_cmds

    for command in graph_cmds.COMMANDS:
        cli.add_command(command)
    return CliRunner().invoke(cli, ["--workspace", str(settings.workspace), *args], env=env)


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "select * where { ?x ?y ?z . service silent <http://example.org/q> { ?s ?p ?o } }",
])
def test_service_is_refused(built, query):
    from ingest.errors import QueryError

    result = invoke(built, "sparql", query)
    assert isinstance(result.exception, QueryError) and "SERVICE is not allowed" in str(result.exception)


def test_the_word_service_in_a_string_or_iri_is_fine(built):
    result = invoke(built, "sparql", 'SELECT ?s WHERE { ?s ?p "SERVICE" . ?s <http://x.org/service> ?o } LIMIT 1')
    assert result.exit_code == 0, result.output


def test_rows_are_capped_with_a_note(built):
    result = invoke(built, "sparql", "SELECT ?s WHERE { ?s ?p ?o }", env={"POLICYKG_SPARQL_MAX_ROWS": "3"})
    assert result.exit_code == 0
    assert len(result.stdout.splitlines()) == 1 + 3
    assert "only the first 3 rows" in result.stderr
    as_json = invoke(built, "sparql", "--json", "SELECT ?s ?o WHERE { ?s ?p ?o }",
                     env={"POLICYKG_SPARQL_MAX_ROWS": "2"})
    assert len(json.loads(as_json.stdout)["results"]["bindings"]) == 2


def test_a_runaway_query_is_stopped_after_the_timeout(built, tmp_path):
    cartesian = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"
    result = run_cli("-w", str(built.workspace), "sparql", cartesian, cwd=tmp_path,
                     env={"POLICYKG_SPARQL_TIMEOUT": "1"})
    assert result.returncode == 3
    assert_no_traceback(result.stderr)
    assert result.stderr.strip() == ("policykg: error: the SPARQL query ran longer than 1 s and was stopped "
                                     "(setting sparql_timeout)")


def test_a_huge_result_is_cut_without_being_read_whole(built, tmp_path):
    # Billions of rows: only the first few may be read (reading them all would run into the timeout).
    cartesian = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
    result = run_cli("-w", str(built.workspace), "sparql", cartesian, cwd=tmp_path,
                     env={"POLICYKG_SPARQL_MAX_ROWS": "3", "POLICYKG_SPARQL_TIMEOUT": "60"})
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.splitlines()) == 1 + 3
    assert "only the first 3 rows" in result.stderr
