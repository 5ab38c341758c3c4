"""Development check for county-level places (issue 9): recall of the counties, towns and new areas a text
names, and false places from traps, on tests/data/place_dev_gold.json.

The gold covers the two bundled Yunnan documents (corpus/) and dev-only government work reports from
../shared/corpus-extra/ (never a test document of benchmarks/SPLITS.md). Each document runs the project's own
path — ingest.read → ingest.pipeline.ingest_document → graph.extract.extract — and a county counts as found
when the extraction mentions the very division (homonyms from another province do not count).

    python benchmarks/places_dev.py [-v] [--only SOURCE]

A report whose ../shared file is absent is skipped with a note.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "data" / "place_dev_gold.json"
SHARED = REPO.parent / "shared" / "corpus-extra"


def _path(source: str) -> Path:
    rel = source.split("#")[0]
    return REPO / rel if rel.startswith("corpus/") else SHARED / rel


def expected_ids(gazetteer, entry: dict) -> set[str]:
    """The division ids an entry names: its official name (and the accepted ones) inside `within`."""
    ids: set[str] = set()
    for name in (entry["place"], *entry.get("accept", ())):
        for place in gazetteer.lookup(name):
            if place.name != name or not place.place_id.startswith("adcode:"):
                continue
            lineage = {place.name, *(a.name for a in gazetteer.ancestors(place.place_id))}
            if entry["within"] in lineage:
                ids.add(place.place_id)
    if not ids:
        raise SystemExit(f"gold error: {entry['place']} in {entry['within']} is no division of the gazetteer")
    return ids


def run(source: str, segmenter, gazetteer):
    from graph.extract import extract
    from ingest.pipeline import ingest_document
    from ingest.read import read_documents

    path = _path(source)
    if not path.exists():
        return None
    docs = read_documents(path)
    if "#" in source:
        docs = [d for d in docs if d.source.endswith("#" + source.split("#", 1)[1])]
    if not docs:
        return None
    t0 = time.perf_counter()
    ingested = ingest_document(docs[0], segmenter)
    extraction = extract(ingested, gazetteer)
    return ingested, extraction, time.perf_counter() - t0


def score(doc: dict, ingested, extraction, gazetteer) -> dict:
    text = ingested.document.text
    mentioned = {pid for pid, _ in extraction.place_mentions}
    by_id = {p.place_id: p for p in extraction.places}
    counties = {"found": 0, "total": 0, "misses": [], "wrong": []}
    for entry in doc.get("counties", []):
        want = expected_ids(gazetteer, entry)
        counties["total"] += 1
        if want & mentioned:
            counties["found"] += 1
        else:
            counties["misses"].append(entry["name"])
    towns = {"found": 0, "total": 0, "misses": []}
    names = {by_id[pid].name for pid in mentioned if pid in by_id}
    for entry in doc.get("towns", []):
        towns["total"] += 1
        if any(n == entry["name"] or (n.startswith(entry["name"]) and len(n) - len(entry["name"]) <= 2)
               for n in names):
            towns["found"] += 1
        else:
            towns["misses"].append(entry["name"])
    traps = {"found": 0, "total": 0, "misses": [], "unlocated": []}
    spans = extraction.place_spans
    searched: dict[str, int] = {}
    for trap in doc.get("traps", []):
        traps["total"] += 1
        ev = trap["evidence"]
        at = text.find(ev, searched.get(ev, 0))
        if at < 0:
            at = text.find(ev)
        if at < 0:
            traps["unlocated"].append(ev)
            continue
        searched[ev] = at + 1
        start = text.find(trap["text"], at)
        end = start + len(trap["text"])
        # A place named inside the trap's word, or one whose name holds it (沈阳 in 沈阳高压 is no trap on 阳高).
        hit = sorted({pid for pid, a, b in spans if a < end and start < b and (start <= a and b <= end or a <= start and end <= b)})
        if hit:
            traps["found"] += 1
            traps["misses"].append(f"{trap['text']} ({ev}) → {', '.join(by_id[p].name if p in by_id else p for p in hit)}")
    return {"counties": counties, "towns": towns, "traps": traps}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and trapped places")
    parser.add_argument("--only", help="score only the document whose source contains this")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from graph.gazetteer import load_gazetteer
    from ingest.segment import make_segmenter

    segmenter, gazetteer = make_segmenter(), load_gazetteer()
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    totals = {k: [0, 0] for k in ("counties", "towns", "traps")}
    seconds = 0.0
    results = []
    for doc in gold["documents"]:
        if args.only and args.only not in doc["source"]:
            continue
        out = run(doc["source"], segmenter, gazetteer)
        if out is None:
            print(f"skip {doc['source']}: not found", file=sys.stderr)
            continue
        ingested, extraction, took = out
        seconds += took
        s = score(doc, ingested, extraction, gazetteer)
        results.append({"source": doc["source"], **s})
        for k in totals:
            totals[k][0] += s[k]["found"]
            totals[k][1] += s[k]["total"]
        if not args.json:
            print(f"{doc['source']:42} counties {s['counties']['found']:>2}/{s['counties']['total']:<2} "
                  f"towns {s['towns']['found']}/{s['towns']['total']}  false places from traps "
                  f"{s['traps']['found']}/{s['traps']['total']}  {took:.1f}s")
            if args.verbose:
                for key, label in (("counties", "miss county"), ("towns", "miss town")):
                    for m in s[key]["misses"]:
                        print(f"    {label}: {m}")
                for m in s["traps"]["misses"]:
                    print(f"    TRAP: {m}")
                for m in s["traps"]["unlocated"]:
                    print(f"    (trap evidence not in text: {m})")
    if args.json:
        print(json.dumps({"documents": results, "totals": totals, "seconds": seconds}, ensure_ascii=False, indent=1))
        return 0
    c, t, tr = totals["counties"], totals["towns"], totals["traps"]
    print(f"TOTAL counties recall {c[0]}/{c[1]} = {c[0] / max(c[1], 1):.2f}; towns/new areas {t[0]}/{t[1]}; "
          f"false places from traps {tr[0]}/{tr[1]}; extraction {seconds:.1f}s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
