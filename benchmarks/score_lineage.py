"""Score "which goal does project X serve" against the hand-made lineage gold (tests/data/lineage_gold.json).

Asks `X对应什么目标` through ui.workspace.Workspace.ask on a workspace holding the gold's documents (the
bundled corpus plus the DEV documents it names), and counts a project right when the first goal of the
answer contains one of the gold's `goals` (or is contained in one), compared without white space and quotes.
Prints per item: ok/miss, the gold basis, the basis of the first goal returned, and its label.

    policykg -w /tmp/lineage_ws --embedder fake ingest DIR     # DIR: corpus/*.txt + the gold's DEV documents
    python benchmarks/score_lineage.py -w /tmp/lineage_ws [-v]
"""
from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

GOLD = Path(__file__).resolve().parent.parent / "tests" / "data" / "lineage_gold.json"
_NOISE = re.compile(r"[\s“”\"'‘’「」《》（）()]")


def squash(text: str) -> str:
    return _NOISE.sub("", text)


def matches(label: str, wanted: list[str]) -> bool:
    got = squash(label)
    return any(squash(w) in got or (len(got) >= 6 and got in squash(w)) for w in wanted)


def main() -> None:
    from ui.settings import load_settings
    from ui.workspace import Workspace

    ap = argparse.ArgumentParser()
    ap.add_argument("-w", "--workspace", required=True)
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    settings = load_settings(env={}).with_overrides(workspace=args.workspace, embedder="fake")
    ws = Workspace(settings, read_only=True)
    items = json.loads(GOLD.read_text(encoding="utf-8"))["items"]
    right = 0
    by_basis: Counter = Counter()
    for it in items:
        a = ws.ask(f"{it['project']}对应什么目标")
        goals = [i for i in a.items if i.type == "Goal"]
        first = goals[0] if goals else None
        ok = first is not None and (matches(first.label, it["goals"]) or any(
            matches(c.text, it["goals"]) and squash(first.label) in squash(c.text) for c in first.citations[:1]))
        right += ok
        by_basis[(it["basis"], ok)] += 1
        got = f"[{first.attrs.get('basis', '?')}] {first.label}" if first else "(no goal)"
        print(f"{'ok  ' if ok else 'MISS'} {it['basis']:<16} {it['project']:<22} → {got[:70]}")
        if args.verbose and not ok:
            print(f"     intent={a.intent} answer={a.answer[:120]}")
    print(f"\nparent goal right: {right}/{len(items)} = {right / len(items):.2f}")
    for basis in sorted({b for b, _ in by_basis}):
        print(f"  {basis:<16} {by_basis[(basis, True)]}/{by_basis[(basis, True)] + by_basis[(basis, False)]}")


if __name__ == "__main__":
    main()
