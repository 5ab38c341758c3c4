"""Shared pieces of the reliability tests: tiny generated documents, workspaces, snapshots, CLI runs.

(A module of helpers, not tests: the reliability test files import from it.)
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

# Tiny policy documents (a few hundred characters): every stage has something to find, and a whole
# `policykg ingest` of them takes a few seconds.
DOC_A = """昭通市人民政府关于推进产业发展的通知
昭政发〔2023〕5号

一、总体目标
到2025年，全市地区生产总值达到1500亿元。建设昭通水富港物流枢纽项目。

二、重点任务
（一）加快交通建设。推进昭通至昆明高速公路建设，完善乡村道路。
（二）发展特色产业。支持苹果、竹笋等特色农业发展。

昭通市人民政府
2023年3月1日
"""
DOC_A2 = DOC_A.replace("1500亿元", "1600亿元").replace("竹笋", "天麻")   # a new version of A
DOC_B = """关于加快大理州旅游业发展的意见

一、发展目标
到2025年，大理州接待游客达到8000万人次，旅游收入增长10%。

二、主要措施
（一）建设大滇西旅游环线。
（二）提升洱海保护治理水平。
"""
DOC_C = """曲靖市人民政府关于加快工业园区建设的通知

一、目标任务
到2026年，曲靖经济技术开发区工业总产值达到2000亿元。

二、重点项目
（一）建设曲靖绿色硅材料产业园。
（二）推进沾益工业园区扩区。
"""


def write_docs(folder: Path, docs: dict[str, str], encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding=encoding)
    return folder


def settings_for(root: Path, **values):
    from ui.settings import Settings

    return Settings(workspace=root, corpus=root.parent / "corpus", embedder="fake").with_overrides(**values)


def prime(root: Path, segmenter_cache: Path) -> Path:
    """A workspace directory with the session's segmenter dictionary (building it takes seconds)."""
    shutil.copytree(segmenter_cache, root / "cache" / "segmenter", dirs_exist_ok=True)
    return root


@pytest.fixture()
def make_ws(tmp_path, segmenter_cache, segmenter):
    """make_ws(name) → Settings of a fresh, primed workspace under tmp_path (fake embedder)."""
    def make(name: str = "ws", **values):
        return settings_for(prime(tmp_path / name, segmenter_cache), **values)

    return make


def graph_lines(root: Path) -> set[str]:
    """Every quad of the workspace's graph, as N-Quads lines."""
    from graph.store import OxigraphStore

    store = OxigraphStore(Path(root) / "graph", read_only=True)
    try:
        return {line for line in store.serialize("nquads").decode("utf-8").splitlines() if line.strip()}
    finally:
        store.close()


def doc_graph(lines: set[str], doc_id: str) -> set[str]:
    from graph.vocab import document_graph

    suffix = f"{document_graph(doc_id).n3()} ."
    return {line for line in lines if line.endswith(suffix)}


def snapshot(root: Path) -> dict:
    """What the workspace holds: documents (source → hash), graph quads, index chunks and tokens."""
    from ingest.store import DocumentStore
    from search.index import SearchIndex

    root = Path(root)
    store = DocumentStore(root / "documents")
    index = SearchIndex.load(root / "index")
    return {
        "documents": store.manifest(),
        "graph": graph_lines(root),
        "chunks": sorted((c.doc_id, c.chunk_id, c.text, c.tokens) for c in index.chunks()),
        "index_documents": index.documents,
    }


def policykg_command() -> list[str]:
    """The installed console script (what users run), else the module."""
    script = Path(sys.executable).with_name("policykg")
    return [str(script)] if script.exists() else [sys.executable, "-m", "ui.cli"]


def cli_env(extra: dict | None = None) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("POLICYKG_")}
    return {**env, "POLICYKG_EMBEDDER": "fake", "HF_HUB_OFFLINE": "1", **(extra or {})}


def run_cli(*args: str, cwd: Path, env: dict | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([*policykg_command(), *args], cwd=cwd, env=cli_env(env), capture_output=True, text=True,
                          timeout=timeout)


def start_cli(*args: str, cwd: Path, env: dict | None = None) -> subprocess.Popen:
    return subprocess.Popen([*policykg_command(), *args], cwd=cwd, env=cli_env(env), stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)


def error_lines(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.strip()]


def assert_no_traceback(text: str) -> None:
    assert "Traceback" not in text, text


def read_json(path: Path):
    return json.loads(Path(path).read_text(encoding="utf-8"))
