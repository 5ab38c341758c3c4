"""`policykg search` through the real entry point."""
from __future__ import annotations

import json
from types import SimpleNamespace

import pytest

from search.embed import FakeEmbedder
from search.index import SearchIndex
from test_search_index import TEXTS, bigrams, make_chunks
from ui import cli
from ui.workspace import Workspace


@pytest.fixture
def workspace(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for name in [n for n in __import__("os").environ if n.startswith("POLICYKG_")]:
        monkeypatch.delenv(name)
    # Chunks here are tokenised by bigrams; the query must be too (the real segmenter is ingest's).
    monkeypatch.setattr(Workspace, "segmenter", property(lambda self: SimpleNamespace(tokenize=bigrams)))
    SearchIndex.build(make_chunks(TEXTS), FakeEmbedder(), tmp_path / "ws" / "index", progress=False)
    return tmp_path / "ws"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = cli.main(["--embedder", "fake", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_output_cites_offsets(workspace, capsys):
    code, out, _ = run(capsys, "-w", str(workspace), "search", "边民互市贸易", "--k", "2", "--json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 2
    assert set(rows[0]) == {"chunk_id", "score", "source", "section_path", "text", "char_start", "char_end"}
    assert rows[0]["text"] == TEXTS[0] and rows[0]["section_path"] == ["一、总体要求"]
    assert rows[0]["char_end"] - rows[0]["char_start"] == len(rows[0]["text"])


@pytest.mark.parametrize("mode", ["dense", "bm25"])
def test_text_output_per_mode(workspace, capsys, mode):
    code, out, _ = run(capsys, "-w", str(workspace), "search", "高原湖泊", "--mode", mode)
    assert code == 0
    assert out.startswith(" 1. ") and "doc.txt" in out and "高原湖泊" in out.splitlines()[1]


def test_missing_index_is_a_one_line_error(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, err = run(capsys, "-w", str(tmp_path / "empty"), "search", "贸易")
    assert code == 2 and out == ""
    assert err.strip() == f"policykg: error: no search index in {tmp_path / 'empty' / 'index'}: run `policykg ingest` first"
