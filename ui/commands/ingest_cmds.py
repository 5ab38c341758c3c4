"""`policykg ingest`, `policykg outline`, `policykg docs`: thin shells over the ingest package."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from ui.settings import Settings


def document_store(settings: Settings):
    from ingest.store import DocumentStore

    return DocumentStore(settings.workspace / "documents")


def segmenter_for(settings: Settings):
    """The project's segmenter, with the vocabulary learnt from documents already ingested."""
    from ingest.segment import make_segmenter

    return make_segmenter(extra_words=document_store(settings).vocabulary(),
                          cache_dir=settings.workspace / "cache" / "segmenter")


def metadata_json(doc, metadata, headings) -> dict:
    period = metadata.planning_period
    return {
        "source": doc.source,
        "title": metadata.title,
        "doc_number": metadata.doc_number,
        "issuers": list(metadata.issuers),
        "addressees": list(metadata.addressees),
        "dates": list(metadata.dates),
        "planning_period": {"start": period.start, "end": period.end} if period else None,
        "target_years": list(metadata.target_years),
        "headings": [{"level": h.level, "text": h.text, "path": list(h.path), "char_start": h.char_start}
                     for h in headings],
    }


@click.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=Path))
@click.option("--quiet", "-q", is_flag=True, help="No progress bar and no per-document lines.")
@click.option("--rebuild", is_flag=True, help="Re-extract the graph and re-index every stored document.")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], quiet: bool, rebuild: bool) -> None:
    """Read documents (.txt .html .pdf .docx .jsonl; default: the corpus folder) into the workspace,
    then bring the knowledge graph and the search indexes up to date.

    Unchanged files are skipped; changed files replace their earlier records; a file with the same
    content as one already ingested is ingested once. Bad files are reported one per line (exit code 1)
    while the good ones are still stored. A run also completes whatever an interrupted run left undone.
    """
    from ingest.pipeline import summary_line
    from ui.workspace import Workspace

    settings: Settings = ctx.obj
    workspace = Workspace(settings)
    report = workspace.ingest(paths or (settings.corpus,), progress=not quiet and sys.stderr.isatty(),
                              rebuild=rebuild)
    if not quiet:
        for doc in report.documents:
            click.echo(summary_line(doc, report.status(doc.document.source)))
    for source in report.removed:
        click.echo(f"removed   {source}")
    for source, twin in report.duplicates:
        click.echo(f"duplicate {source}: same content as {twin}, ingested once")
    for what in report.completed:   # what an interrupted run (or a changed setting) had left undone
        click.echo(f"completed {what}")
    indexed = f", {report.chunks_indexed} chunks indexed" if report.chunks_indexed else ""
    duplicates = f", {len(report.duplicates)} duplicates" if report.duplicates else ""
    click.echo(f"{len(report.added)} added, {len(report.updated)} updated, {len(report.unchanged)} unchanged, "
               f"{len(report.failed)} failed{duplicates}{indexed} → {settings.workspace}")
    for path, message in report.failed:
        click.echo(f"policykg: error: {path}: {message}", err=True)
    if report.failed:
        ctx.exit(1)


@click.command()
@click.argument("file", type=click.Path(path_type=Path, dir_okay=False))
@click.option("--json", "as_json", is_flag=True, help="Print JSON (metadata and headings) instead of a tree.")
@click.pass_obj
def outline(settings: Settings, file: Path, as_json: bool) -> None:
    """Show the metadata and heading tree recovered from FILE (nothing is stored)."""
    from ingest.clean import clean
    from ingest.metadata import extract_metadata
    from ingest.outline import outline as outline_of
    from ingest.read import read_documents

    results = []
    for doc in read_documents(file, max_bytes=settings.max_file_mb * 2**20):
        cleaned = clean(doc)
        results.append(metadata_json(doc, extract_metadata(doc, cleaned), outline_of(doc, cleaned)))
    if as_json:
        payload = results[0] if len(results) == 1 else results
        click.echo(json.dumps(payload, ensure_ascii=False, indent=2))
        return
    for result in results:
        click.echo(_describe(result))
        for heading in result["headings"]:
            click.echo("  " * heading["level"] + heading["text"].replace("\n", ""))
        if not result["headings"]:
            click.echo("  (no headings: one body section)")


def _describe(result: dict) -> str:
    period = result["planning_period"]
    fields = [
        ("title", result["title"]), ("文号", result["doc_number"]),
        ("issuers", "; ".join(result["issuers"])), ("addressees", "; ".join(result["addressees"])),
        ("dates", ", ".join(result["dates"])),
        ("planning period", f"{period['start']}–{period['end']}" if period else None),
        ("target years", ", ".join(map(str, result["target_years"]))),
    ]
    lines = [result["source"]] + [f"  {name}: {value}" for name, value in fields if value]
    return "\n".join(lines)


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print a JSON list instead of a table.")
@click.pass_obj
def docs(settings: Settings, as_json: bool) -> None:
    """List the documents ingested into the workspace, with their metadata."""
    store = document_store(settings)
    rows = []
    for item in store.all():
        row = metadata_json(item.document, item.metadata, item.headings)
        row.pop("headings")
        row.update(doc_id=item.document.doc_id, format=item.document.format,
                   headings=len(item.headings), sections=len(item.sections), chunks=len(item.chunks))
        rows.append(row)
    if as_json:
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    if not rows:
        click.echo(f"no documents in {store.root} (run `policykg ingest`)")
        return
    for row in rows:
        date = row["dates"][0] if row["dates"] else "----------"
        click.echo(f"{row['doc_id']}  {date}  {row['source']}  {row['title'] or '(untitled)'}  "
                   f"[{row['headings']} headings, {row['chunks']} chunks]")


COMMANDS = [ingest, outline, docs]
