"""Graph commands: stats, raw SPARQL, entity lists, project traces, RDF dumps and Gephi exports."""
from __future__ import annotations

import itertools
import json
import os
import re
import sys
import threading
from pathlib import Path

import click
from rdflib.term import Variable

from ingest.atomic import write_bytes_atomic
from ingest.errors import QueryError


def _store(ctx: click.Context):
    from graph.store import open_store

    # Read-only: these commands never write, and can run while another process holds the store open.
    store = open_store(ctx.obj.store_config(), read_only=True)
    ctx.call_on_close(store.close)
    return store


def _write(data: bytes, output: str) -> None:
    if output == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        write_bytes_atomic(Path(output), data)


def _echo_items(items, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps([i.to_json() for i in items], ensure_ascii=False, indent=2))
        return
    for item in items:
        extras = {k: v for k, v in item.attrs.items() if k not in ("path", "document")}
        line = f"{item.type:<8} {item.label}"
        if item.attrs.get("path"):
            line += f"  [{' > '.join(item.attrs['path'])}]"
        if extras:
            line += "  " + ", ".join(f"{k}={v}" for k, v in sorted(extras.items()))
        click.echo(line)
        for c in item.citations:
            path = " > ".join(c.section_path)
            click.echo(f"    「{c.text}」 {c.source}{' § ' + path if path else ''} [{c.char_start}:{c.char_end}]")


def _is_file(text: str) -> bool:
    """Whether a query argument names a file; a long query is no file name (the OS refuses to look it up)."""
    try:
        return "\n" not in text and Path(text).is_file()
    except OSError:   # ENAMETOOLONG and friends
        return False


@click.group()
def graph() -> None:
    """Inspect the knowledge graph."""


@graph.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON.")
@click.pass_context
def stats(ctx: click.Context, as_json: bool) -> None:
    """Count triples, named graphs and entities by class."""
    counts = _store(ctx).stats()
    if as_json:
        click.echo(json.dumps(counts, ensure_ascii=False, indent=2))
    else:
        for name, n in counts.items():
            click.echo(f"{name:<16} {n}")


@click.command()
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="SELECT/ASK results as SPARQL JSON.")
@click.pass_context
def sparql(ctx: click.Context, query: str, as_json: bool) -> None:
    """Run a read-only SPARQL query (text, a .rq file, or - for stdin) over all graphs.

    Prefixes pkg:, skos:, dcterms:, prov:, rdf:, rdfs:, xsd:, owl: are predeclared. Queries run at most
    `sparql_timeout` seconds, print at most `sparql_max_rows` rows, and may not use SERVICE.
    """
    from graph.queries import check_read_only

    if query == "-":
        query = sys.stdin.read()
    elif _is_file(query):
        query = Path(query).read_text(encoding="utf-8")
    form = check_read_only(query)
    if _SERVICE.search(_NOT_KEYWORDS.sub(" ", query)):
        raise QueryError("SERVICE is not allowed: `policykg sparql` queries this workspace's graph, no other host")
    settings = ctx.obj
    watchdog = threading.Timer(settings.sparql_timeout, _timed_out, args=(settings.sparql_timeout,))
    watchdog.daemon = True
    watchdog.start()
    try:
        # One row past the cap, so that `_capped` can say more exist.
        result = _store(ctx).query_limited(query, settings.sparql_max_rows + 1)
        if form in ("CONSTRUCT", "DESCRIBE"):
            from graph.store import to_oxigraph, write_rdf

            _write(write_rdf((to_oxigraph(t) for t in result.graph), "turtle"), "-")
        elif form == "ASK":
            click.echo(json.dumps({"boolean": bool(result.askAnswer)}) if as_json
                       else str(bool(result.askAnswer)).lower())
        elif as_json:
            rows = [{Variable(k): v for k, v in row.asdict().items()}
                    for row in _capped(result, settings.sparql_max_rows)]
            # Given as an iterator, rdflib replaces the rest of the lazy results (a list would be added to them).
            result.bindings = itertools.islice(rows, None)
            click.echo(result.serialize(format="json").decode("utf-8"))
        else:
            names = [str(v) for v in result.vars]
            click.echo("\t".join(names))
            for row in _capped(result, settings.sparql_max_rows):
                click.echo("\t".join("" if v is None else str(v) for v in row))
    finally:
        watchdog.cancel()


# SERVICE outside strings, IRIs and comments (which the first pattern blanks out).
_NOT_KEYWORDS = re.compile(r'"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|\'(?:[^\'\\\n]|\\.)*\''
                           r"|<[^<>\s]*>|#[^\n]*")
_SERVICE = re.compile(r"\bSERVICE\b", re.IGNORECASE)


def _capped(rows, cap: int) -> list:
    """At most `cap` rows, read lazily (a cartesian product never fills memory); a note says when more exist."""
    out = list(itertools.islice(rows, cap + 1))
    if len(out) > cap:
        click.echo(f"policykg: note: only the first {cap} rows are shown (setting sparql_max_rows)", err=True)
    return out[:cap]


def _timed_out(seconds: int) -> None:
    # The query runs inside pyoxigraph and cannot be interrupted: stop the whole (read-only) process.
    click.echo(f"policykg: error: the SPARQL query ran longer than {seconds} s and was stopped "
               "(setting sparql_timeout)", err=True)
    os._exit(3)


@click.command()
@click.option("--type", "type_", required=True,
              type=click.Choice(["place", "project", "goal", "agency", "document", "fact", "region"]))
@click.option("--json", "as_json", is_flag=True, help="Print items as JSON.")
@click.pass_context
def entities(ctx: click.Context, type_: str, as_json: bool) -> None:
    """List the entities of one type."""
    from graph.queries import entities as list_entities

    _echo_items(list_entities(_store(ctx), type_), as_json)


@click.command()
@click.argument("name")
@click.option("--json", "as_json", is_flag=True, help="Print items as JSON.")
@click.pass_context
def trace(ctx: click.Context, name: str, as_json: bool) -> None:
    """Trace a project (id or name) to its sections, goals and places, with evidence."""
    from graph.queries import trace as trace_project

    _echo_items(trace_project(_store(ctx), name), as_json)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["turtle", "nt", "nquads", "trig"]), default="turtle",
              show_default=True)
@click.option("-o", "--output", default="-", show_default=True, help="Output file (- for stdout).")
@click.pass_context
def serialize(ctx: click.Context, fmt: str, output: str) -> None:
    """Dump the whole graph as RDF (turtle and nt merge the named graphs; nquads and trig keep them)."""
    _write(_store(ctx).serialize(fmt), output)


@click.command()
@click.option("--format", "fmt", type=click.Choice(["gexf", "graphml"]), default="gexf", show_default=True)
@click.option("--place", default=None, help="Only around this place (name or id), its subdivisions and regions.")
@click.option("--goal", default=None, help="Only around this goal (id or statement).")
@click.option("--types", default=None, help="Node types, comma-separated, of Document,Section,Project,Goal,Fact,"
              "Place,Agency (default: Document,Project,Goal,Place,Agency; add Section for where each is cited).")
@click.option("--depth", default=1, show_default=True, type=click.IntRange(0, 10), help="Hops from the place/goal.")
@click.option("-o", "--output", required=True, help="Output file (- for stdout).")
@click.pass_context
def export(ctx: click.Context, fmt: str, place: str | None, goal: str | None, types: str | None, depth: int,
           output: str) -> None:
    """Export entities and relations for Gephi (GEXF 1.3) or any GraphML tool.

    Nodes carry type, kind, label, mentions and degree, with a colour per type and a size by degree;
    edges carry relation, label, basis, confidence (the weight) and their first evidence (text, source
    file, section path, character offsets). Around a place or goal, the goals its projects serve and the
    agencies named with them come along; Section and Document in --types add where each is cited.
    """
    from graph.export import export as export_graph
    from graph.network import subgraph

    chosen = [t.strip() for t in types.split(",") if t.strip()] if types else None
    g = subgraph(_store(ctx), place=place, goal=goal, types=chosen, depth=depth)
    if g.number_of_nodes() == 0:
        raise QueryError("nothing to export: no entity matches these options")
    _write(export_graph(g, fmt), output)
    if output != "-":
        click.echo(f"{output}: {g.number_of_nodes()} nodes, {g.number_of_edges()} edges", err=True)


COMMANDS = [graph, sparql, entities, trace, serialize, export]
