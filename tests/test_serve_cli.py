"""`policykg up` / `policykg ui`: the streamlit command line, loopback by default, clear errors."""
from __future__ import annotations

import socket
import sys
from pathlib import Path

import pytest

from ui import cli
from ui.commands import serve_cmds
from ui.settings import Settings
from ui.workspace import BuildReport


class FakeServer:
    """Stands in for the Streamlit process: records its command line and exits at once."""

    def __init__(self, calls: list, cmd: list[str]):
        calls.append(cmd)
        self.stopped = False

    def wait(self, timeout=None) -> int:
        return 0

    def poll(self) -> int:
        return 0


@pytest.fixture
def launched(monkeypatch):
    """Capture the streamlit command instead of starting a server."""
    calls: list[list[str]] = []
    monkeypatch.setattr(serve_cmds.subprocess, "Popen", lambda cmd: FakeServer(calls, cmd))
    return calls


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def option(cmd: list[str], name: str) -> str:
    return cmd[cmd.index(name) + 1]


def test_streamlit_command_is_loopback_headless_and_carries_every_setting(tmp_path):
    settings = Settings(workspace=tmp_path / "ws", embedder="fake")
    cmd = serve_cmds.streamlit_command(settings, "127.0.0.1", 8765)
    assert cmd[:4] == [sys.executable, "-m", "streamlit", "run"]
    assert Path(cmd[4]).name == "app.py" and Path(cmd[4]).exists()
    assert option(cmd, "--server.address") == "127.0.0.1"
    assert option(cmd, "--server.port") == "8765"
    assert option(cmd, "--server.headless") == "true"
    assert option(cmd, "--browser.gatherUsageStats") == "false"
    app_args = cmd[cmd.index("--") + 1:]
    assert f"workspace={(tmp_path / 'ws').resolve()}" in app_args
    assert "embedder=fake" in app_args


def test_app_reads_back_the_settings_the_cli_passes(tmp_path):
    from ui.app import settings_from_args  # noqa: PLC0415  (importing app.py runs nothing outside streamlit)

    settings = Settings(workspace=(tmp_path / "ws").resolve(), corpus=tmp_path.resolve(), embedder="fake", port=9999)
    assert settings_from_args(serve_cmds.app_args(settings)) == settings


def test_ui_refuses_an_unbuilt_workspace(tmp_path, launched, capsys):
    code = cli.main(["--workspace", str(tmp_path / "nothing"), "ui", "--port", str(free_port())])
    assert code != 0
    assert "not built" in capsys.readouterr().err
    assert launched == []


def test_ui_serves_a_built_workspace_on_loopback_by_default(tmp_path, launched, monkeypatch):
    from ui.workspace import Workspace

    monkeypatch.setattr(Workspace, "is_built", lambda self: True)
    port = free_port()
    assert cli.main(["--workspace", str(tmp_path), "ui", "--port", str(port)]) == 0
    (cmd,) = launched
    assert option(cmd, "--server.address") == "127.0.0.1"
    assert option(cmd, "--server.port") == str(port)


def test_host_other_than_loopback_only_when_asked(tmp_path, launched, monkeypatch):
    from ui.workspace import Workspace

    monkeypatch.setattr(Workspace, "is_built", lambda self: True)
    assert cli.main(["--workspace", str(tmp_path), "ui", "--host", "0.0.0.0", "--port", str(free_port())]) == 0
    assert option(launched[0], "--server.address") == "0.0.0.0"


def test_busy_port_is_a_one_line_error(tmp_path, launched, monkeypatch, capsys):
    from ui.workspace import Workspace

    monkeypatch.setattr(Workspace, "is_built", lambda self: True)
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code = cli.main(["--workspace", str(tmp_path), "ui", "--port", str(port)])
    assert code != 0
    assert f"127.0.0.1:{port}" in capsys.readouterr().err
    assert launched == []


def test_up_ingests_the_corpus_then_serves(tmp_path, launched, monkeypatch, capsys):
    from ui.workspace import Workspace

    monkeypatch.chdir(tmp_path)   # the default corpus and policykg.toml are looked up here
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    ingested: list[list[Path]] = []

    def fake_ingest(self, paths, progress=True):
        ingested.append(list(paths))
        return BuildReport(added=["a.txt"], unchanged=["b.txt"], failed=[("c.bin", "not a document")])

    monkeypatch.setattr(Workspace, "ingest", fake_ingest)
    code = cli.main(["--workspace", str(tmp_path / "ws"), "up", "--port", str(free_port())])
    assert code == 0
    assert [[p.resolve() for p in paths] for paths in ingested] == [[corpus]]
    err = capsys.readouterr().err
    assert "1 added" in err and "1 unchanged" in err and "c.bin: not a document" in err
    assert len(launched) == 1


def test_ui_serves_then_stops_with_its_server_on_sigterm(tmp_path):
    """A real `policykg ui`: healthy within seconds; SIGTERM (as a service manager sends) stops Streamlit too."""
    import subprocess as sp
    import time
    import urllib.request

    ws = tmp_path / "ws"
    (ws / "index").mkdir(parents=True)
    (ws / "index" / "meta.json").write_text("{}")   # enough for is_built(); pages load pieces lazily
    (ws / "graph").mkdir()
    port = free_port()
    proc = sp.Popen([sys.executable, "-m", "ui.cli", "--workspace", str(ws), "ui", "--port", str(port)],
                    cwd=tmp_path, stdout=sp.DEVNULL, stderr=sp.DEVNULL)
    url = f"http://127.0.0.1:{port}/_stcore/health"

    def healthy() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=1) as r:
                return r.status == 200
        except OSError:
            return False

    try:
        started = time.monotonic()
        while not healthy():
            assert proc.poll() is None and time.monotonic() - started < 30, "the server did not start"
            time.sleep(0.2)
        assert time.monotonic() - started < 15   # startup is a few seconds, not a model load
        proc.terminate()
        proc.wait(timeout=20)
        deadline = time.monotonic() + 10
        while healthy() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not healthy(), "Streamlit outlived `policykg ui`"
    finally:
        if proc.poll() is None:
            proc.kill()
