"""Score extraction against the hand-made gold (tests/data/extraction_gold/{dev,test}/*.json).

Runs the project's own path on each gold document — ingest.read → ingest.pipeline.ingest_document →
graph.extract.extract — and prints, per document and per split:

  projects   recall / precision: a gold project is found when an extracted label contains one of its
             match_any forms (or its name) or is contained in one, after NFKC and white-space normalisation
  targets    recall / precision: metric (one contains the other, or they share most characters), value
             (normalised: full-width digits, Chinese numerals, 万/亿 magnitudes, %) and year (when the gold
             gives one) must all match
  non_targets reported as targets (must be 0)
  places     recall per level (a mentioned place's name or short name equals the gold name) and false
             places from place_traps (a place found at the trap's position)
  metadata   exact match of title, doc_number, issuers, date; outline: gold top-two-level headings found
             in order with the same text and level

Precision measured against the gold is a lower bound: the gold may be incomplete, so an extracted item
missing from it is not necessarily wrong. Judge precision by eye on a sample as well.

    python benchmarks/score_extraction.py --split dev [-v] [--json]

Documents live in ../shared/corpus-extra/ (the gold's "file"); an absent file is skipped with a note.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
import time
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GOLD = REPO / "tests" / "data" / "extraction_gold"
SHARED = REPO.parent / "shared" / "corpus-extra"
LEVELS = ("province", "prefecture", "county", "town", "port", "new_area", "foreign")


# -- normalisation ---------------------------------------------------------------------------------
def norm(text: str) -> str:
    """NFKC, no white space, no quotes: the form names are compared in."""
    text = unicodedata.normalize("NFKC", text or "")
    return re.sub(r"[\s“”\"'‘’「」『』《》]", "", text)


_MAG = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}


TRADITIONAL_NUMERALS = str.maketrans("點兩萬億", "点两万亿")


def number_values(value: str, unit: str | None = None) -> set[float]:
    """Every reading of a printed value: 1080万 → {1.08e7, 1080}; 一千 → {1000}; 60% → {60}."""
    import cn2an

    # a report printed in traditional characters writes its numbers so too (四點五, 兩萬, 一億)
    text = norm(value).translate(TRADITIONAL_NUMERALS)
    text = re.sub(r"(左右|以上|以下|以内|多|上下|约|近|超过|不低于|不少于|不超过)", "", text)
    text = text.replace("%", "").replace("％", "")
    text = re.sub(r"^(?:百分之|千分之)", "", text)   # 百分之十二点三: the gold gives values as printed
    out: set[float] = set()
    m = re.match(r"([0-9]+(?:\.[0-9]+)?)(万亿|亿|万|千|百)?", text)
    if m:
        base = float(m.group(1))
        out.add(base)
        if m.group(2):
            out.add(base * _MAG[m.group(2)])
    else:
        cn = re.match(r"[零〇○一二两三四五六七八九十百千万亿点]+", text)
        if cn:
            try:
                out.add(float(cn2an.cn2an(cn.group(0), "smart")))
            except (ValueError, KeyError):
                pass
            mag = re.search(r"(万亿|亿|万)$", cn.group(0))
            if mag:
                try:
                    out.add(float(cn2an.cn2an(cn.group(0)[: -len(mag.group(1))], "smart")))
                except (ValueError, KeyError):
                    pass
    unit_mag = re.match(r"(万亿|亿|万|千|百)", norm(unit or ""))
    if unit_mag:
        out |= {v * _MAG[unit_mag.group(1)] for v in list(out)}
    return {round(v, 6) for v in out}


def metric_match(gold: str, got: str) -> bool:
    g, e = norm(gold), norm(got)
    if not g or not e:
        return False
    if g in e or e in g:
        return True
    # Gold metrics are descriptive (…托位（每千人口）): most of the shorter one's characters must be in the other.
    short, long_ = (g, e) if len(set(g)) <= len(set(e)) else (e, g)
    common = sum(1 for ch in set(short) if ch in long_)
    return common >= max(2, 0.6 * len(set(short)))


def label_match(forms: list[str], label: str) -> bool:
    lab = norm(label)
    for form in forms:
        f = norm(form)
        if len(f) >= 2 and f in lab:
            return True
        if len(lab) >= 3 and lab in f:
            return True
    return False


# -- running the pipeline --------------------------------------------------------------------------
@dataclass
class Run:
    ingested: object
    extraction: object
    seconds: float


_CACHE: dict[str, object] = {}


def _tools():
    if not _CACHE:
        from graph.gazetteer import load_gazetteer
        from ingest.segment import make_segmenter

        _CACHE["segmenter"] = make_segmenter()
        _CACHE["gazetteer"] = load_gazetteer()
    return _CACHE["segmenter"], _CACHE["gazetteer"]


def run_document(gold: dict) -> Run | None:
    from graph.extract import extract
    from ingest.pipeline import ingest_document
    from ingest.read import read_documents

    rel = gold.get("file") or gold["source"]
    path = SHARED / rel.split("#")[0]
    if not path.exists():
        return None
    docs = read_documents(path)
    if "#" in gold["source"]:
        wanted = gold["source"].split("#", 1)[1]
        docs = [d for d in docs if d.source.endswith("#" + wanted)]
    if not docs:
        return None
    segmenter, gazetteer = _tools()
    t0 = time.perf_counter()
    ingested = ingest_document(docs[0], segmenter)
    extraction = extract(ingested, gazetteer)
    return Run(ingested, extraction, time.perf_counter() - t0)


# -- scoring ---------------------------------------------------------------------------------------
@dataclass
class Score:
    found: int = 0
    total: int = 0
    correct: int = 0       # extracted items that match the gold (precision numerator)
    extracted: int = 0
    misses: list = field(default_factory=list)
    extras: list = field(default_factory=list)

    def add(self, other: "Score") -> None:
        self.found += other.found
        self.total += other.total
        self.correct += other.correct
        self.extracted += other.extracted

    @property
    def recall(self) -> float | None:
        return self.found / self.total if self.total else None

    @property
    def precision(self) -> float | None:
        return self.correct / self.extracted if self.extracted else None

    def as_json(self) -> dict:
        return {"found": self.found, "total": self.total, "recall": self.recall, "correct": self.correct,
                "extracted": self.extracted, "precision_lower_bound": self.precision}


def project_labels(extraction) -> list[tuple[str, list[str]]]:
    return [(p.name, [p.name, *p.aliases]) for p in extraction.projects]


def score_projects(gold: dict, extraction) -> Score:
    s = Score()
    labels = project_labels(extraction)
    for g in gold.get("projects", []):
        forms = [g["name"], *g.get("match_any", [])]
        s.total += 1
        if any(label_match(forms, lab) for _, labs in labels for lab in labs):
            s.found += 1
        else:
            s.misses.append(g["name"])
    golds = [[g["name"], *g.get("match_any", [])] for g in gold.get("projects", [])]
    for name, labs in labels:
        s.extracted += 1
        if any(label_match(forms, lab) for forms in golds for lab in labs):
            s.correct += 1
        else:
            s.extras.append(name)
    return s


def extracted_targets(extraction) -> list:
    return [g for g in extraction.goals if g.target is not None]


def target_match(g: dict, goal) -> bool:
    t = goal.target
    values = number_values(g["value"], g.get("unit"))
    got = {round(t.value, 6)} if t.value is not None else set()
    got |= number_values(t.value_text, t.unit)
    if not values & got:
        return False
    if g.get("year") is not None and goal.year != g["year"]:
        return False
    return metric_match(g["metric"], t.metric) or metric_match(g["metric"], goal.statement)


def _target_label(goal) -> str:
    t = goal.target
    return f"{t.metric} {t.comparator}{t.value_text} ({goal.year}) «{goal.statement}»"


def score_targets(gold: dict, extraction, text: str) -> tuple[Score, Score]:
    s = Score()
    got = extracted_targets(extraction)
    for g in gold.get("targets", []):
        s.total += 1
        if any(target_match(g, goal) for goal in got):
            s.found += 1
        else:
            s.misses.append(f"{g['metric']} {g.get('comparator', '')}{g['value']}{g.get('unit') or ''} ({g.get('year')})")
    for goal in got:
        s.extracted += 1
        if any(target_match(g, goal) for g in gold.get("targets", [])):
            s.correct += 1
        else:
            s.extras.append(_target_label(goal))
    # Non-targets: a target whose value sits inside the non-target text at its position.
    bad = Score()
    for nt in gold.get("non_targets", []):
        bad.total += 1
        at = text.find(nt["text"])
        if at < 0:
            continue
        end = at + len(nt["text"])
        for goal in got:
            ev = goal.evidence
            stmt_at = ev.char_start + max(0, ev.text.find(goal.statement))
            stmt_end = stmt_at + len(goal.statement)
            if stmt_at < end and at < stmt_end and goal.target.value_text in nt["text"]:
                bad.found += 1
                bad.misses.append(f"{nt['text'][:50]} ({nt.get('why')}) ← {_target_label(goal)}")
                break
    return s, bad


def _mentioned_places(extraction, gazetteer) -> dict[str, set[str]]:
    """place_id → its surfaces, for places the text names (not ancestors added from admin data)."""
    by_id = {p.place_id: p for p in extraction.places}
    out: dict[str, set[str]] = {}
    for pid, _ in extraction.place_mentions:
        p = by_id.get(pid)
        if p is not None:
            out[pid] = {norm(p.name), *(norm(x) for x in p.short_names)}
    return out


def score_places(gold: dict, extraction, text: str, gazetteer) -> tuple[dict[str, Score], Score]:
    mentioned = _mentioned_places(extraction, gazetteer)
    names = set().union(*mentioned.values()) if mentioned else set()
    per_level: dict[str, Score] = {}
    for g in gold.get("places", []):
        s = per_level.setdefault(g.get("level", "other"), Score())
        s.total += 1
        if norm(g["name"]) in names:
            s.found += 1
        else:
            s.misses.append(g["name"])
    traps = Score()
    spans = getattr(extraction, "place_spans", ()) or ()
    for trap in gold.get("place_traps", []):
        traps.total += 1
        ev_at = text.find(trap.get("evidence") or trap["text"])
        if ev_at < 0:
            continue
        at = text.find(trap["text"], ev_at)
        end = at + len(trap["text"])
        if spans:
            hit = [pid for pid, a, b in spans if a < end and at < b]
        else:   # no exact spans: a place named by the trap's word in the sentence holding it
            hit = [pid for pid, ev in extraction.place_mentions
                   if ev.char_start <= at < ev.char_end and any(len(n) >= 2 and n in norm(trap["text"])
                                                                for n in mentioned.get(pid, ()))]
        if hit:
            traps.found += 1
            traps.misses.append(f"{trap['text']} → {', '.join(sorted(set(hit)))}")
    return per_level, traps


def score_metadata(gold: dict, ingested) -> dict[str, bool | None]:
    meta = ingested.metadata
    want = gold.get("metadata", {})
    got = {"title": meta.title, "doc_number": meta.doc_number, "issuers": list(meta.issuers),
           "date": meta.dates[0] if meta.dates else None, "addressees": list(meta.addressees),
           "speaker": getattr(meta, "speaker", None),
           "attachments": list(getattr(meta, "attachments", ()))}
    if "attachments" in gold:
        want = {**want, "attachments": [a["title"] for a in gold["attachments"]]}
    out: dict[str, bool | None] = {}
    for key in META_KEYS:
        if key not in want:
            out[key] = None
            continue
        w, g = want[key], got[key]
        if key == "attachments":   # titles in order; 附件's label punctuation is not compared
            out[key] = [_label(x) for x in (w or [])] == [_label(x) for x in (g or [])]
        elif key in ("issuers", "addressees"):
            out[key] = sorted(norm(x) for x in (w or [])) == sorted(norm(x) for x in (g or []))
        else:
            out[key] = (norm(w) if w else None) == (norm(g) if g else None)
    out["_got"] = got  # type: ignore[assignment]
    return out


META_KEYS = ("title", "doc_number", "issuers", "date", "addressees", "speaker", "attachments")


def _label(title: str) -> str:
    return re.sub(r"[:：、.．]", "", norm(title))


def _heading(text: str) -> str:
    """A heading as compared: normalised, without the full stop that ends report-style headings."""
    return norm(text).rstrip("。.")


def outline_levels(headings) -> list[tuple[int, str]]:
    """(level, heading) of the body's headings, levels counted inside each part (an issued document or
    an attachment is a heading of kind "part" above its own outline); articles (第X条) are no headings."""
    parts = {h.path[0] for h in headings if h.kind == "part"}
    return [(h.level - (1 if h.path and h.path[0] in parts else 0), _heading(h.text))
            for h in headings if h.kind not in ("part", "tiao")]


def score_outline(gold: dict, ingested) -> Score:
    s = Score()
    got = [(level, text) for level, text in outline_levels(ingested.headings) if level <= 2]
    pos = 0
    for g in gold.get("outline", []):
        s.total += 1
        key = (g["level"], _heading(g["heading"]))
        try:
            pos = got.index(key, pos) + 1
            s.found += 1
        except ValueError:
            s.misses.append(f"L{g['level']} {g['heading']}")
    s.extracted = len(got)
    s.correct = s.found
    return s


# -- reporting -------------------------------------------------------------------------------------
def _f(x: float | None) -> str:
    return "  -  " if x is None else f"{x:.2f}"


def score_split(split: str, verbose: bool) -> dict:
    files = sorted((GOLD / split).glob("*.json"))
    result = {"split": split, "documents": [], "skipped": []}
    totals = {"projects": Score(), "targets": Score(), "non_targets_as_targets": Score(), "traps": Score(),
              "outline": Score()}
    places_total: dict[str, Score] = {}
    meta_total: dict[str, list[int]] = {k: [0, 0] for k in META_KEYS}
    seconds = 0.0
    for file in files:
        gold = json.loads(file.read_text(encoding="utf-8"))
        run = run_document(gold)
        if run is None:
            result["skipped"].append(file.name)
            print(f"skip {file.name}: {gold.get('file')} not found under {SHARED}", file=sys.stderr)
            continue
        seconds += run.seconds
        text = run.ingested.document.text
        _, gazetteer = _tools()
        projects = score_projects(gold, run.extraction)
        targets, bad = score_targets(gold, run.extraction, text)
        places, traps = score_places(gold, run.extraction, text, gazetteer)
        meta = score_metadata(gold, run.ingested)
        outline = score_outline(gold, run.ingested)
        for key, s in (("projects", projects), ("targets", targets), ("non_targets_as_targets", bad),
                       ("traps", traps), ("outline", outline)):
            totals[key].add(s)
        for level, s in places.items():
            places_total.setdefault(level, Score()).add(s)
        for key in meta_total:
            if meta.get(key) is not None:
                meta_total[key][0] += bool(meta[key])
                meta_total[key][1] += 1
        doc = {"file": file.name, "seconds": round(run.seconds, 2), "projects": projects.as_json(),
               "targets": targets.as_json(), "non_targets_as_targets": bad.found,
               "places": {k: v.as_json() for k, v in places.items()}, "false_places_from_traps": traps.found,
               "metadata": {k: v for k, v in meta.items() if k != "_got"}, "outline": outline.as_json()}
        if verbose:
            doc["misses"] = {"projects": projects.misses, "targets": targets.misses,
                             "places": {k: v.misses for k, v in places.items()}, "outline": outline.misses}
            doc["extras"] = {"projects": projects.extras, "targets": targets.extras}
            doc["errors"] = {"non_targets_as_targets": bad.misses, "trap_places": traps.misses,
                             "metadata_got": meta["_got"]}
        result["documents"].append(doc)
    result["total"] = {k: v.as_json() for k, v in totals.items()}
    result["total"]["places"] = {k: v.as_json() for k, v in places_total.items()}
    result["total"]["metadata_exact"] = {k: f"{a}/{n}" for k, (a, n) in meta_total.items()}
    result["total"]["seconds"] = round(seconds, 2)
    result["note"] = "precision against the gold is a lower bound: the gold may be incomplete"
    return result


def print_text(result: dict, verbose: bool) -> None:
    print(f"== split {result['split']}  ({len(result['documents'])} documents, {len(result['skipped'])} skipped)")
    print("   precision is a lower bound (the gold may be incomplete); judge it by eye on a sample too")
    header = f"{'document':44} {'proj R':>6} {'P':>5} {'targ R':>6} {'P':>5} {'NT':>3} {'county R':>8} {'traps':>5} {'meta':>5} {'outl':>5}"
    print(header)
    for d in result["documents"]:
        county = d["places"].get("county", {})
        meta = d["metadata"]
        ok = sum(1 for v in meta.values() if v)
        n = sum(1 for v in meta.values() if v is not None)
        print(f"{d['file'][:44]:44} {_f(d['projects']['recall']):>6} {_f(d['projects']['precision_lower_bound']):>5} "
              f"{_f(d['targets']['recall']):>6} {_f(d['targets']['precision_lower_bound']):>5} "
              f"{d['non_targets_as_targets']:>3} {_f(county.get('recall')):>8} {d['false_places_from_traps']:>5} "
              f"{ok}/{n:<3} {_f(d['outline']['recall']):>5}")
        if verbose:
            for kind, items in d["misses"].items():
                if isinstance(items, dict):
                    for level, xs in items.items():
                        if xs:
                            print(f"    miss place/{level}: {' | '.join(xs)}")
                elif items:
                    print(f"    miss {kind}: {' | '.join(items)}")
            for kind, items in d["extras"].items():
                if items:
                    print(f"    extra {kind}: {' | '.join(items)}")
            for kind, items in d["errors"].items():
                if items:
                    print(f"    {kind}: {items if isinstance(items, dict) else ' | '.join(items)}")
    t = result["total"]
    print("-- total")
    for key in ("projects", "targets", "outline"):
        s = t[key]
        print(f"   {key:10} recall {_f(s['recall'])} ({s['found']}/{s['total']})   "
              f"precision ≥ {_f(s['precision_lower_bound'])} ({s['correct']}/{s['extracted']})")
    print(f"   non-targets reported as targets: {t['non_targets_as_targets']['found']} of {t['non_targets_as_targets']['total']}")
    for level in LEVELS:
        if level in t["places"]:
            s = t["places"][level]
            print(f"   places/{level:10} recall {_f(s['recall'])} ({s['found']}/{s['total']})")
    print(f"   false places from traps: {t['traps']['found']} of {t['traps']['total']}")
    print(f"   metadata exact: {t['metadata_exact']}")
    print(f"   extraction time: {t['seconds']} s")


def main(argv: list[str] | None = None) -> int:
    global GOLD
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "test", "test_r4"), default="dev")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("-v", "--verbose", action="store_true", help="list misses and extras")
    parser.add_argument("--gold", type=Path, default=GOLD, help="gold root holding dev/ and test/")
    args = parser.parse_args(argv)
    GOLD = args.gold
    if not (GOLD / args.split).is_dir():
        print(f"no gold for split {args.split} under {GOLD}", file=sys.stderr)
        return 1
    sys.path.insert(0, str(REPO))
    result = score_split(args.split, args.verbose)
    if args.json:
        json.dump(result, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print_text(result, args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
