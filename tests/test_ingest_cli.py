"""`policykg ingest | outline | docs` through click's CliRunner."""
from __future__ import annotations

import json
import shutil

import pytest
from click.testing import CliRunner

from ui.cli import cli
from ui.commands import ingest_cmds


@pytest.fixture()
def runner():
    for command in ingest_cmds.COMMANDS:
        cli.add_command(command)
    return CliRunner()


@pytest.fixture()
def workspace(tmp_path, corpus_dir, data_dir, segmenter_cache, segmenter, monkeypatch):
    # Reuse the session's dictionary cache so each CLI run loads instead of rebuilding it.
    cache = tmp_path / "ws" / "cache" / "segmenter"
    shutil.copytree(segmenter_cache, cache)
    corpus = tmp_path / "corpus"
    shutil.copytree(corpus_dir, corpus)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def invoke(runner, *args):
    return runner.invoke(cli, ["--workspace", "ws", *args], catch_exceptions=False)


def test_help_for_each_command(runner):
    for name in ("ingest", "outline", "docs"):
        result = runner.invoke(cli, [name, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output


def test_ingest_default_corpus_then_docs(runner, workspace):
    result = invoke(runner, "ingest")
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert any(line.startswith("added") and "云政办发〔2022〕25号" in line for line in lines)
    assert "2 added, 0 updated, 0 unchanged, 0 failed" in result.output

    again = invoke(runner, "ingest")
    assert "0 added, 0 updated, 2 unchanged, 0 failed" in again.output

    listing = json.loads(invoke(runner, "docs", "--json").output)
    assert [row["source"] for row in listing] == ["000_cb38b16a95140957.txt", "004_fe6cee68d844d2e2.txt"]
    assert listing[1]["issuers"] == ["中共云南省委", "云南省人民政府"]
    assert "关于推动新时代县域经济高质量发展的意见" in invoke(runner, "docs").output


def test_ingest_reports_failures_with_exit_code_1(runner, workspace):
    (workspace / "corpus" / "broken.txt").write_bytes(b"\x00\x01\x02binary")
    result = invoke(runner, "ingest", "corpus")
    assert result.exit_code == 1
    assert "broken.txt: looks binary" in result.output
    assert "2 added" in result.output
    assert len(json.loads(invoke(runner, "docs", "--json").output)) == 2


def test_outline_json_and_tree(runner, workspace):
    result = invoke(runner, "outline", "corpus/000_cb38b16a95140957.txt", "--json")
    payload = json.loads(result.output)
    assert payload["source"] == "000_cb38b16a95140957.txt"
    assert payload["doc_number"] == "云政办发〔2022〕25号"
    assert payload["planning_period"] == {"start": 2021, "end": 2025}
    assert payload["dates"] == ["2022-04-14"]
    first = payload["headings"][1]
    assert first == {"level": 1, "text": "第一章 发展基础与环境", "path": ["第一章 发展基础与环境"],
                     "char_start": first["char_start"]}
    assert "“十四五”" in result.output          # ensure_ascii=False
    tree = invoke(runner, "outline", "corpus/004_fe6cee68d844d2e2.txt").output
    assert "  一、总体目标" in tree and "    (一)培育一批农业强县" in tree


def test_outline_of_a_bad_file_is_a_one_line_error(workspace):
    from ui.cli import main

    (workspace / "empty.txt").write_bytes(b"")
    assert main(["--workspace", "ws", "outline", "empty.txt"]) == 2
