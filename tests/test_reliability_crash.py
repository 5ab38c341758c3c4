"""Crash safety: `policykg ingest` SIGKILLed at each stage leaves a workspace that opens, holds the old or
the new state of every document (documents, graph and index alike), and that a rerun completes."""
from __future__ import annotations

import shutil
import signal

from test_reliability_fixtures import (DOC_A, DOC_A2, DOC_B, DOC_C, doc_graph, make_ws, run_cli,  # noqa: F401
                                       snapshot, start_cli, write_docs)

STAGES = ("read", "store", "graph", "embed", "index")


def per_document(snap: dict, doc_ids: list[str]) -> dict[str, tuple]:
    """doc_id → (content hash in the document store, its graph quads, its indexed chunks)."""
    hashes = {doc_id: h for doc_id, h in snap["documents"].values()}
    return {d: (hashes.get(d), frozenset(doc_graph(snap["graph"], d)),
                tuple(sorted(c[1:3] for c in snap["chunks"] if c[0] == d))) for d in doc_ids}


def test_sigkill_at_every_stage_then_rerun(tmp_path, make_ws):
    from ingest.read import doc_id_for
    from ui.workspace import Workspace

    corpus = write_docs(tmp_path / "corpus", {"a.txt": DOC_A, "b.txt": DOC_B})
    base = make_ws("base")
    assert not Workspace(base).ingest([corpus], progress=False).failed
    old = snapshot(base.workspace)
    # The next version of the corpus: a changed, b unchanged, c new.
    write_docs(corpus, {"a.txt": DOC_A2, "c.txt": DOC_C})
    ids = [doc_id_for(name) for name in ("a.txt", "b.txt", "c.txt")]

    def copy(name: str):
        shutil.copytree(base.workspace, tmp_path / name)
        return tmp_path / name

    runs = {stage: start_cli("-w", str(copy(stage)), "ingest", "-q", str(corpus), cwd=tmp_path,
                             env={"POLICYKG_TEST_KILL_AT": stage}) for stage in STAGES}
    # The state an uninterrupted run reaches (built here meanwhile: this process has the dictionaries loaded).
    assert not Workspace(base.with_overrides(workspace=copy("new"))).ingest([corpus], progress=False).failed
    new = snapshot(tmp_path / "new")
    for stage, process in runs.items():
        _, err = process.communicate(timeout=180)
        assert process.returncode == -signal.SIGKILL, (stage, err)
    before, after = per_document(old, ids), per_document(new, ids)

    for stage in STAGES:
        root = tmp_path / stage
        ws = Workspace(base.with_overrides(workspace=root), read_only=True)
        assert ws.search("昭通", k=3, mode="bm25")   # it opens and answers
        state = per_document(snapshot(root), ids)
        for doc_id in ids:
            doc, graph, chunks = state[doc_id]
            # Each store holds the old or the new version of each document, never a mixture or a torso.
            assert doc in (before[doc_id][0], after[doc_id][0]), (stage, doc_id)
            assert graph in (before[doc_id][1], after[doc_id][1]), (stage, doc_id)
            assert chunks in (before[doc_id][2], after[doc_id][2]), (stage, doc_id)
        # Where the kill landed: what had been swapped in, and what had not.
        stored_new = [d for d in ids if state[d][0] == after[d][0] != before[d][0]]
        graph_new = state[ids[0]][1] == after[ids[0]][1]
        index_new = state[ids[0]][2] == after[ids[0]][2]
        # (The graph is swapped in after the index is written: until then readers keep the previous pair.)
        expected = {"read": [], "store": [ids[0]]}.get(stage, [ids[0], ids[2]])
        assert (stored_new, graph_new, index_new) == (expected, False, False), stage

    # One rerun through the command (what a user does), the others in this process (cheaper).
    out = run_cli("-w", str(tmp_path / "embed"), "ingest", "-q", str(corpus), cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert "completed search index" in out.stdout   # the rerun says what it finished
    for stage in STAGES:
        if stage != "embed":
            report = Workspace(base.with_overrides(workspace=tmp_path / stage)).ingest([corpus], progress=False)
            assert not report.failed
            assert bool(report.completed) == (stage != "read"), (stage, report.completed)
        assert snapshot(tmp_path / stage) == new, stage
