"""RDF store backends behind one small protocol: embedded Oxigraph on disk (default) or a remote SPARQL endpoint."""
from __future__ import annotations

import importlib
import itertools
from dataclasses import dataclass
import re
import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterable, Protocol

from rdflib import BNode, Dataset, Graph, Literal, URIRef, Variable
from rdflib.query import Result
from rdflib.term import Node

from graph.vocab import ID, PREFIXES, document_graph
from ingest.atomic import replace_dir_atomic
from ingest.errors import ConfigError, QueryError, WorkspaceError

if TYPE_CHECKING:
    from graph.build import Quad


FORMATS = {"turtle": "turtle", "ttl": "turtle", "nt": "nt", "ntriples": "nt", "nquads": "nquads", "trig": "trig"}


class GraphStore(Protocol):
    """What the rest of PolicyKG needs from an RDF store; queries see the union of all named graphs."""

    def replace_document(self, doc_id: str, quads: Iterable["Quad"]) -> None: ...
    def replace_graph(self, graph: URIRef, quads: Iterable["Quad"]) -> None: ...
    def add(self, quads: Iterable["Quad"]) -> None: ...
    def remove_document(self, doc_id: str) -> None: ...
    def rebuild(self, quads: Iterable["Quad"]) -> None: ...
    def query(self, sparql: str, **bindings: Any) -> Result: ...
    def query_limited(self, sparql: str, max_rows: int) -> Result: ...
    def select(self, sparql: str, **bindings: Any) -> list[dict[str, Node]]: ...
    def serialize(self, format: str = "turtle") -> bytes: ...
    def stats(self) -> dict[str, int]: ...
    def documents(self) -> list[str]: ...
    def close(self) -> None: ...


# name → (module, class); imported on first use so that an unused backend's dependencies are optional.
BACKENDS: dict[str, tuple[str, str]] = {
    "oxigraph": ("graph.store", "OxigraphStore"),
    "sparql": ("graph.store", "SparqlEndpointStore"),
}


@dataclass(frozen=True)
class StoreConfig:
    """What opening a graph store needs: the backend's name and its parameters (the caller reads them from
    wherever it keeps its settings)."""

    backend: str = "oxigraph"
    path: Path | None = None            # oxigraph: the store's directory
    query_endpoint: str = ""            # sparql: query URL
    update_endpoint: str = ""           # sparql: update URL


def open_store(config: StoreConfig, read_only: bool = False) -> GraphStore:
    """The store the configuration names."""
    if config.backend not in BACKENDS:
        raise ConfigError(f"unknown graph_store {config.backend!r} (known: {', '.join(sorted(BACKENDS))})")
    module, name = BACKENDS[config.backend]
    cls = getattr(importlib.import_module(module), name)
    return cls.from_config(config, read_only=read_only)


# ------------------------------------------------------------------------------------------- shared SPARQL text

def _term(value: Any) -> str:
    if isinstance(value, Node):
        return value.n3()
    return Literal(value).n3()


def _ox_term(term: Node) -> Any:
    import pyoxigraph as ox

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    raise TypeError(f"not an RDF term: {term!r}")


def _rdflib_term(term: Any) -> Node:
    """A pyoxigraph term as rdflib gives it through oxrdflib (a plain literal is typed xsd:string)."""
    import pyoxigraph as ox

    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise TypeError(f"not an RDF term: {term!r}")


def to_oxigraph(statement: tuple) -> Any:
    """An rdflib triple or quad as a pyoxigraph Triple or Quad."""
    import pyoxigraph as ox

    terms = [_ox_term(t) for t in statement]
    return ox.Triple(*terms) if len(terms) == 3 else ox.Quad(*terms)


def write_rdf(statements: Iterable[Any], format: str = "turtle") -> bytes:
    """Sorted pyoxigraph triples or quads as turtle, nt, nquads or trig: identical input, identical bytes.

    pyoxigraph writes it: rdflib's Turtle writer takes minutes on a whole corpus.
    """
    import pyoxigraph as ox

    fmt = FORMATS.get(format)
    if fmt is None:
        raise QueryError(f"unknown RDF format {format!r} (known: {', '.join(sorted(FORMATS))})")
    target = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "nquads": ox.RdfFormat.N_QUADS,
              "trig": ox.RdfFormat.TRIG}[fmt]
    prefixes = {**PREFIXES, "id": str(ID)} if fmt in ("turtle", "trig") else None
    return ox.serialize(sorted(set(statements), key=str), format=target, prefixes=prefixes)


def bind(sparql: str, **bindings: Any) -> str:
    """Pre-bind variables with a VALUES block at the start of the outermost WHERE group.

    Done in text, identically for every backend: rdflib appends VALUES after the whole query for remote
    stores (after LIMIT and GROUP BY), which would change the meaning of aggregates.
    """
    if not bindings:
        return sparql
    names = sorted(bindings)
    block = f"VALUES ({' '.join('?' + n for n in names)}) {{ ({' '.join(_term(bindings[n]) for n in names)}) }}"
    match = re.search(r"\bWHERE\s*\{", sparql, re.IGNORECASE)
    if match is None:
        raise QueryError("cannot bind variables: the query has no WHERE clause")
    return sparql[:match.end()] + " " + block + " " + sparql[match.end():]


def insert_data(quads: Iterable["Quad"]) -> str:
    by_graph: dict[URIRef, list[str]] = {}
    for s, p, o, g in quads:
        by_graph.setdefault(g, []).append(f"{s.n3()} {p.n3()} {o.n3()} .")
    if not by_graph:
        return ""
    body = "\n".join(f"GRAPH {g.n3()} {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items())
    return f"INSERT DATA {{\n{body}\n}}"


def _replace_update(graph: URIRef, quads: Iterable["Quad"]) -> str:
    # One update request = one transaction on Oxigraph and on SPARQL 1.1 servers: a failed load leaves
    # the previous version of the graph in place.
    insert = insert_data(quads)
    return f"DROP SILENT GRAPH {graph.n3()}" + (f" ;\n{insert}" if insert else "")


_STATS_QUERY = """
SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class . FILTER(STRSTARTS(STR(?class), STR(pkg:))) }
GROUP BY ?class
"""


class _SparqlStore:
    """Everything but transport: subclasses provide `dataset` (union default graph) and `_update(text)`."""

    dataset: Dataset
    label: str

    def _update(self, text: str) -> None:
        raise NotImplementedError

    def replace_document(self, doc_id: str, quads: Iterable["Quad"]) -> None:
        self.replace_graph(document_graph(doc_id), quads)

    def replace_graph(self, graph: URIRef, quads: Iterable["Quad"]) -> None:
        self._update(_replace_update(graph, quads))

    def add(self, quads: Iterable["Quad"]) -> None:
        """Insert quads into whichever graphs they name, keeping what is there (one transaction)."""
        insert = insert_data(quads)
        if insert:
            self._update(insert)

    def remove_document(self, doc_id: str) -> None:
        self._update(f"DROP SILENT GRAPH {document_graph(doc_id).n3()}")

    def query(self, sparql: str, **bindings: Any) -> Result:
        try:
            return self.dataset.query(bind(sparql, **bindings), initNs=PREFIXES)
        except (SyntaxError, ValueError) as exc:   # pyoxigraph and rdflib report bad SPARQL this way
            raise QueryError(f"SPARQL query rejected by {self.label}: {exc}") from None

    def query_limited(self, sparql: str, max_rows: int) -> Result:
        """`query` for raw user queries; a remote endpoint's answer arrives whole, so there is nothing to bound."""
        return self.query(sparql)

    def select(self, sparql: str, **bindings: Any) -> list[dict[str, Node]]:
        """The rows of a SELECT query as variable name → rdflib term (unbound variables left out)."""
        return [{str(var): value for var, value in row.asdict().items()} for row in self.query(sparql, **bindings)]

    def _ox_triples(self) -> Iterable[Any]:
        return (to_oxigraph(t) for t in self.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").graph)

    def _ox_quads(self) -> Iterable[Any]:
        return (to_oxigraph(q) for q in self.query("SELECT ?s ?p ?o ?g WHERE { GRAPH ?g { ?s ?p ?o } }"))

    def serialize(self, format: str = "turtle") -> bytes:
        """The whole store; triples (turtle, nt) merge all graphs, quads (nquads, trig) keep them apart."""
        fmt = FORMATS.get(format)
        if fmt is None:
            raise QueryError(f"unknown RDF format {format!r} (known: {', '.join(sorted(FORMATS))})")
        items = self._ox_quads() if fmt in ("nquads", "trig") else self._ox_triples()
        return write_rdf(items, fmt)

    def stats(self) -> dict[str, int]:
        counts = {str(row[0]).rsplit("#", 1)[-1]: int(row[1]) for row in self.query(_STATS_QUERY)}
        triples = next(iter(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")))[0]
        graphs = next(iter(self.query("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")))[0]
        return {"triples": int(triples), "graphs": int(graphs),
                **{name: counts.get(name, 0) for name in sorted(counts)}}

    def documents(self) -> list[str]:
        """doc_ids of the documents in the store."""
        rows = self.query("SELECT DISTINCT ?k WHERE { ?d a pkg:Document ; pkg:key ?k } ORDER BY ?k")
        return [str(r[0]) for r in rows]


# ----------------------------------------------------------------------------------------- embedded Oxigraph

SELECT_CACHE_ROWS = 200_000   # rows of SELECT results a read-only store keeps before starting afresh


class OxigraphStore(_SparqlStore):
    """Oxigraph's RocksDB store in a directory, seen through rdflib (oxrdflib) with a union default graph."""

    def __init__(self, path: Path | None, read_only: bool = False):
        try:
            import pyoxigraph
            from oxrdflib import OxigraphStore as RdflibOxigraph
        except ImportError:
            raise ConfigError("graph_store = oxigraph needs pyoxigraph and oxrdflib: pip install oxrdflib") from None
        self._ox = pyoxigraph
        self._wrapper = RdflibOxigraph
        self.path = Path(path) if path is not None else None
        self.read_only = read_only
        self.label = f"graph store {self.path}" if self.path else "in-memory graph store"
        self._open()

    @classmethod
    def from_config(cls, config: StoreConfig, read_only: bool = False) -> "OxigraphStore":
        return cls(config.path, read_only=read_only)

    def _open(self) -> None:
        try:
            if self.path is None:
                inner = self._ox.Store()
            elif self.read_only:
                if not self.path.is_dir():
                    raise WorkspaceError(f"no graph store in {self.path}: run `policykg ingest` first")
                inner = self._ox.Store.read_only(str(self.path))
            else:
                inner = self._ox.Store(str(self.path))
        except OSError as exc:
            raise WorkspaceError(f"{self.path}: cannot open the graph store ({exc}); "
                                 "is another policykg process using it?") from None
        self._inner = inner
        self.dataset = Dataset(store=self._wrapper(store=inner), default_union=True)
        self._terms: dict[Any, Node] = {}
        self._prefixes: dict[str, str] | None = None
        self._selected: dict[str, list[dict[str, Node]]] = {}   # query text → rows, read-only stores only
        self._selected_rows = 0

    def query(self, sparql: str, **bindings: Any) -> Result:
        """An rdflib `Result` whose rows are already read: pyoxigraph's result iterators may only be dropped by
        the thread that made them, and oxrdflib's lazy SELECT result is a reference cycle (the result holds a
        generator that refers back to it), so a partly read one (`for row in rows: return row`) would be
        collected by the garbage collector in whatever thread it next runs in (Streamlit answers in
        worker threads)."""
        return self._query(bind(sparql, **bindings), None)

    def query_limited(self, sparql: str, max_rows: int) -> Result:
        """`query`, reading at most `max_rows` SELECT rows (a raw cartesian product never fills memory)."""
        return self._query(sparql, max_rows)

    def _query(self, text: str, max_rows: int | None) -> Result:
        if self._prefixes is None:   # rdflib's Dataset binds owl:, foaf:, … for raw queries; ours on top
            self._prefixes = {**{p: str(n) for p, n in self.dataset.namespaces()}, **PREFIXES}
        try:
            answer = self._inner.query(text, prefixes=self._prefixes, use_default_graph_as_union=True)
        except (SyntaxError, ValueError) as exc:
            raise QueryError(f"SPARQL query rejected by {self.label}: {exc}") from None
        if isinstance(answer, self._ox.QuerySolutions):
            result = Result("SELECT")
            result.vars = [Variable(v.value) for v in answer.variables]
            result.bindings = [{var: self._convert(term) for var, term in zip(result.vars, solution)
                                if term is not None} for solution in itertools.islice(answer, max_rows)]
        elif isinstance(answer, self._ox.QueryBoolean):
            result = Result("ASK")
            result.askAnswer = bool(answer)
        else:
            result = Result("CONSTRUCT")
            result.graph = Graph()
            result.graph += ((self._convert(t.subject), self._convert(t.predicate), self._convert(t.object))
                             for t in answer)
        return result

    def _convert(self, term: Any) -> Node:
        converted = self._terms.get(term)
        if converted is None:
            if len(self._terms) > 200_000:   # bounded: a long-lived app process sees many distinct literals
                self._terms.clear()
            converted = self._terms[term] = _rdflib_term(term)
        return converted

    def select(self, sparql: str, **bindings: Any) -> list[dict[str, Node]]:
        """As `query` gives them, without rdflib's result machinery: the named queries' rows repeat the same
        labels and nodes, and converting each term once instead of once per row halves their cost.

        A read-only store cannot change while it is open (a newer ingest is a new store), so its results are
        kept and a question asked again (the app reruns on every interaction) reads no graph."""
        text = bind(sparql, **bindings)
        if self.read_only:
            kept = self._selected.get(text)
            if kept is not None:
                return [dict(row) for row in kept]
        rows = self._select(text)
        if self.read_only:
            if self._selected_rows + len(rows) > SELECT_CACHE_ROWS:
                self._selected.clear()
                self._selected_rows = 0
            self._selected[text] = [dict(row) for row in rows]
            self._selected_rows += len(rows)
        return rows

    def _select(self, text: str) -> list[dict[str, Node]]:
        try:
            solutions = self._inner.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
        except (SyntaxError, ValueError) as exc:
            raise QueryError(f"SPARQL query rejected by {self.label}: {exc}") from None
        if not isinstance(solutions, self._ox.QuerySolutions):
            raise QueryError(f"{self.label}: select() needs a SELECT query")
        names = [v.value for v in solutions.variables]
        convert = self._convert
        return [{name: convert(term) for name, term in zip(names, solution) if term is not None}
                for solution in solutions]

    def _update(self, text: str) -> None:
        if self.read_only:
            raise WorkspaceError(f"{self.label} is open read-only")
        self._inner.update(text)
        if self.path is not None:
            # Without a flush the writes stay in RocksDB's write-ahead log, and every later read-only open
            # (each `policykg ask`, the app) replays it: seconds for a corpus of reports.
            self._inner.flush()

    def _ox_triples(self) -> Iterable[Any]:
        return self._inner.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)

    def _ox_quads(self) -> Iterable[Any]:
        return (q for q in self._inner if not isinstance(q.graph_name, self._ox.DefaultGraph))

    def rebuild(self, quads: Iterable["Quad"]) -> None:
        """Replace everything: load into a fresh directory, then swap it in, so a failure keeps the old store."""
        if self.read_only:
            raise WorkspaceError(f"{self.label} is open read-only")
        if self.path is None:
            self._inner.clear()
            self._inner.extend(self._to_ox(quads))
            return
        build = self.path.with_name(f".{self.path.name}.build")
        shutil.rmtree(build, ignore_errors=True)
        fresh = self._ox.Store(str(build))
        try:
            fresh.bulk_extend(self._to_ox(quads))
            fresh.flush()
        except BaseException:
            del fresh
            shutil.rmtree(build, ignore_errors=True)
            raise
        del fresh   # releases RocksDB's lock before the rename
        self.close()
        replace_dir_atomic(build, self.path)
        self._open()

    @staticmethod
    def _to_ox(quads: Iterable["Quad"]):
        return (to_oxigraph(q) for q in quads)

    def close(self) -> None:
        # pyoxigraph closes the database when the last reference goes away.
        self.dataset = None  # type: ignore[assignment]
        self._inner = None


# ---------------------------------------------------------------------------------------- remote endpoint

class SparqlEndpointStore(_SparqlStore):
    """A SPARQL 1.1 Query + Update endpoint; its default graph must be the union of the named graphs."""

    def __init__(self, query_endpoint: str, update_endpoint: str, timeout: float = 60.0):
        if not query_endpoint:
            raise ConfigError("graph_store = sparql needs sparql_query_endpoint (and sparql_update_endpoint)")
        from rdflib.plugins.stores.sparqlstore import SPARQLUpdateStore

        self.label = f"SPARQL endpoint {query_endpoint}"
        self.read_only = not update_endpoint
        # POST: named queries with many VALUES run past the 8 KB of URL that servers accept in a GET.
        self._store = SPARQLUpdateStore(query_endpoint, update_endpoint or None, autocommit=True,
                                        timeout=timeout, method="POST")
        self.dataset = Dataset(store=self._store, default_union=True)
        self._checked = False

    @classmethod
    def from_config(cls, config: StoreConfig, read_only: bool = False) -> "SparqlEndpointStore":
        update = "" if read_only else config.update_endpoint
        return cls(config.query_endpoint, update)

    def _update(self, text: str) -> None:
        if self.read_only:
            raise ConfigError(f"{self.label}: no sparql_update_endpoint configured, cannot write")
        try:
            self._store.update(text)
        except Exception as exc:   # urllib and rdflib raise several unrelated types for HTTP failures
            raise WorkspaceError(f"{self.label}: update failed ({exc})") from None

    def query(self, sparql: str, **bindings: Any) -> Result:
        if not self._checked:
            self._checked = True
            self._check_union()
        try:
            return super().query(sparql, **bindings)
        except QueryError:
            raise
        except Exception as exc:
            raise QueryError(f"{self.label}: query failed ({exc})") from None

    def _check_union(self) -> None:
        named = self.dataset.query("ASK { GRAPH ?g { ?s a ?c } }").askAnswer
        default = self.dataset.query("ASK { ?s a ?c }").askAnswer
        if named and not default:
            raise ConfigError(f"{self.label}: the default graph does not include the named graphs; configure the "
                              "endpoint's union default graph (e.g. `oxigraph serve --union-default-graph`)")

    def rebuild(self, quads: Iterable["Quad"]) -> None:
        insert = insert_data(quads)
        self._update("CLEAR ALL" + (f" ;\n{insert}" if insert else ""))

    def close(self) -> None:
        self._store.close()


def memory_store() -> OxigraphStore:
    """A throw-away in-memory store (tests, previews)."""
    return OxigraphStore(None)


