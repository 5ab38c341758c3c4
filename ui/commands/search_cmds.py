"""`policykg search`: ranked chunks for a query from the workspace's search index."""
from __future__ import annotations

import json
from typing import Callable

import click

from search.index import MODES
from ui.settings import Settings

SNIPPET_CHARS = 120


def make_tokenizer() -> Callable[[str], list[str]]:
    """The project's segmenter, the one that produced the chunks' tokens."""
    from ingest.segment import make_segmenter

    return make_segmenter().tokenize


@click.command()
@click.argument("query")
@click.option("--k", "-k", "k", type=click.IntRange(min=1), default=10, show_default=True,
              help="Number of chunks to return.")
@click.option("--mode", type=click.Choice(MODES), default="hybrid", show_default=True,
              help="dense (meaning), bm25 (words) or hybrid (both, fused by rank).")
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of text.")
@click.pass_obj
def search(settings: Settings, query: str, k: int, mode: str, as_json: bool) -> None:
    """Find the chunks that best match QUERY."""
    from search.embed import make_embedder
    from search.index import SearchIndex

    index = SearchIndex.load(settings.workspace / "index")
    embedder = (make_embedder(settings.embedder, settings.embedder_model, settings.embed_threads)
                if mode != "bm25" else None)
    tokenize = make_tokenizer() if mode != "dense" else None
    hits = index.search(query, embedder, tokenize, k=k, mode=mode)
    rows = []
    for hit in hits:
        chunk = index.chunk(hit.chunk_id)
        rows.append({"chunk_id": hit.chunk_id, "score": round(hit.score, 6), "source": chunk.source,
                     "section_path": list(chunk.section_path), "text": chunk.text,
                     "char_start": chunk.char_start, "char_end": chunk.char_end})
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo("no matching chunks")
    for rank, row in enumerate(rows, start=1):
        where = " > ".join(row["section_path"]) or "(body)"
        snippet = " ".join(row["text"].split())
        if len(snippet) > SNIPPET_CHARS:
            snippet = snippet[:SNIPPET_CHARS] + "…"
        click.echo(f"{rank:>2}. {row['score']:.4f}  {row['source']} [{row['char_start']}:{row['char_end']}]  {where}")
        click.echo(f"    {snippet}")


COMMANDS = [search]
