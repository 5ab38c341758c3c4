"""`policykg search`: ranked chunks for a query from the workspace's search index."""
from __future__ import annotations

import json

import click

from search.index import MODES
from ui.settings import Settings

SNIPPET_CHARS = 120


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
    from ui.workspace import Workspace

    # The workspace supplies the embedder and the segmenter (with the vocabulary learnt at ingest),
    # so the query is embedded and tokenised exactly as the chunks were.
    workspace = Workspace(settings, read_only=True)
    hits = workspace.search(query, k=k, mode=mode)
    rows = []
    for hit in hits:
        chunk = workspace.index.chunk(hit.chunk_id)
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
