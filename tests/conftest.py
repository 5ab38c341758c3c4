"""Shared pytest fixtures: repository paths, the optional ../shared data, one segmenter per session."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
CORPUS = REPO / "corpus"
SHARED = REPO.parent / "shared"
REPORTS_JSONL = SHARED / "corpus-extra" / "government_work_reports.jsonl"


@pytest.fixture(scope="session")
def data_dir() -> Path:
    return DATA


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    return CORPUS


@pytest.fixture(scope="session")
def reports_jsonl() -> Path:
    """The 72 government work reports; tests using it skip when ../shared is absent."""
    if not REPORTS_JSONL.exists():
        pytest.skip(f"{REPORTS_JSONL} not available")
    return REPORTS_JSONL


@pytest.fixture(scope="session")
def segmenter_cache(tmp_path_factory) -> Path:
    """A per-session cache directory for the segmenter's dictionary (built once, then loaded)."""
    return tmp_path_factory.mktemp("segmenter-cache")


@pytest.fixture(scope="session")
def segmenter(segmenter_cache):
    """The project's segmenter, shared by the session (words learnt by one test stay learnt)."""
    from ingest.segment import make_segmenter

    return make_segmenter(cache_dir=segmenter_cache)


@pytest.fixture(scope="session")
def seed_workspace(tmp_path_factory):
    """A workspace built once from the bundled corpus (the two seeds) with the fake embedder."""
    from ui.settings import Settings
    from ui.workspace import Workspace

    root = tmp_path_factory.mktemp("seed-ws") / "ws"
    settings = Settings(workspace=root, corpus=CORPUS, embedder="fake")
    report = Workspace(settings).ingest([CORPUS], progress=False)
    assert not report.failed, report.failed
    return Workspace(settings, read_only=True)
