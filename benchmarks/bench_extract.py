"""Time graph extraction (graph.extract.extract only) on the 72 government work reports and the bundled corpus.

Ingest (read → clean → outline → chunk) runs first and is not timed; then every document is extracted
`--rounds` times and the best round is reported, with counts of what was found (no document's content
is printed: the reports include frozen test documents).

    python benchmarks/bench_extract.py [--rounds 2] [--json]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
REPORTS = REPO.parent / "shared" / "corpus-extra" / "government_work_reports.jsonl"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    sys.path.insert(0, str(REPO))
    from graph.extract import extract
    from graph.gazetteer import load_gazetteer
    from ingest.pipeline import ingest_document, iter_files
    from ingest.read import read_documents
    from ingest.segment import make_segmenter

    segmenter, gazetteer = make_segmenter(), load_gazetteer()
    sets = {"corpus": [d for f, src in iter_files([REPO / "corpus"]) for d in read_documents(f, src)]}
    if REPORTS.exists():
        sets["reports"] = read_documents(REPORTS)
    out = {}
    for name, docs in sets.items():
        ingested = [ingest_document(d, segmenter) for d in docs]
        chars = sum(len(d.document.text) for d in ingested)
        extract(ingested[0], gazetteer)   # warm-up: lazy dictionaries and caches
        best, counts = float("inf"), {}
        for _ in range(args.rounds):
            t0 = time.perf_counter()
            results = [extract(d, gazetteer) for d in ingested]
            best = min(best, time.perf_counter() - t0)
            counts = {"projects": sum(len(x.projects) for x in results),
                      "targets": sum(sum(g.target is not None for g in x.goals) for x in results),
                      "goals": sum(len(x.goals) for x in results), "facts": sum(len(x.facts) for x in results),
                      "places": sum(len({p for p, _ in x.place_mentions}) for x in results)}
        out[name] = {"documents": len(ingested), "chars": chars, "seconds": round(best, 2),
                     "chars_per_s": round(chars / best), **counts}
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
    else:
        for name, r in out.items():
            print(f"{name:8} {r['documents']:3} docs {r['chars']:>8} chars  extract {r['seconds']:6.2f} s "
                  f"({r['chars_per_s']} chars/s)  projects {r['projects']} targets {r['targets']} "
                  f"goals {r['goals']} facts {r['facts']} places {r['places']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
