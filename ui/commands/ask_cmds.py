"""`policykg ask`: natural-language questions answered with cited items."""
from __future__ import annotations

import json

import click

from ui.settings import Settings
from ui.views import labels
from ui.workspace import Workspace


def render(answer: dict) -> str:
    """A readable answer: the sentence, the items, then numbered citations."""
    lines = [answer["answer"]]
    if not answer["found"]:
        lines[0] = "[未找到 not found] " + lines[0]
    notes: list[dict] = []

    def ref(citation: dict) -> str:
        if citation not in notes:
            notes.append(citation)
        return f"[{notes.index(citation) + 1}]"

    lang = labels.language(answer.get("question", ""))
    for n, item in enumerate(answer["items"], start=1):
        refs = "".join(ref(c) for c in item["citations"][:3])
        attrs = item.get("attrs", {})
        # The same words as the web page: the item's kind and how it reaches the place asked about.
        kind = labels.say(labels.TYPES[item["type"]], lang) if item["type"] in labels.TYPES else item["type"]
        how = labels.reach_label(attrs, lang)
        lines.append(f"  {n}. {item['label']} ({kind}{' · ' + how if how else ''}) {refs}")
    for c in answer["citations"]:
        ref(c)
    if notes:
        lines.append("")
        for n, c in enumerate(notes, start=1):
            path = " > ".join(c["section_path"])
            lines.append(f"[{n}] {c['source']} {c['char_start']}-{c['char_end']} {path}")
            lines.append(f"    “{c['text']}”")
    return "\n".join(lines)


@click.command()
@click.argument("question", nargs=-1, required=True)
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON (the contract the UI and scorers use).")
@click.pass_obj
def ask(settings: Settings, question: tuple[str, ...], as_json: bool) -> None:
    """Answer a question about the corpus (Chinese or English), citing the source text.

    \b
    Examples:
      policykg ask 哪些项目涉及昭通
      policykg ask --json "到2025年昆明市经济总量目标是多少"
    """
    workspace = Workspace(settings, read_only=True)
    result = workspace.ask(" ".join(question)).to_json()
    click.echo(json.dumps(result, ensure_ascii=False, indent=1) if as_json else render(result))


COMMANDS = [ask]
