"""Pipeline and store: round trips, no-op re-ingest, replacement, and bad files among good ones."""
from __future__ import annotations

import json
import shutil

import pytest

from ingest.pipeline import ingest_document, ingest_paths, iter_files
from ingest.read import read_documents
from ingest.segment import LazySegmenter
from ingest.store import DocumentStore


@pytest.fixture()
def corpus_copy(tmp_path, corpus_dir, data_dir):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for path in [*corpus_dir.glob("*.txt"), data_dir / "gb18030_notice.txt", data_dir / "gov_page.html"]:
        shutil.copy(path, folder / path.name)
    (folder / "README.md").write_text("# 说明\n这不是政策文件。\n", encoding="utf-8")
    (folder / ".hidden.txt").write_text("隐藏文件。", encoding="utf-8")
    return folder


@pytest.mark.parametrize("name", ["000_cb38b16a95140957.txt", "004_fe6cee68d844d2e2.txt"])
def test_store_round_trips_records_exactly(tmp_path, corpus_dir, segmenter, name):
    (doc,) = read_documents(corpus_dir / name)
    ingested = ingest_document(doc, segmenter)
    store = DocumentStore(tmp_path / "store")
    store.put(ingested)
    again = store.get(doc.doc_id)
    assert again == ingested
    assert isinstance(again.chunks, tuple) and isinstance(again.chunks[0].tokens, tuple)
    assert isinstance(again.metadata.spans["title"], type(ingested.metadata.spans["title"]))
    assert store.by_source(doc.source) == ingested
    assert store.manifest() == {doc.source: (doc.doc_id, doc.content_hash)}
    assert store.all() == [ingested]
    assert store.remove(doc.doc_id) and store.get(doc.doc_id) is None and store.all() == []


def test_directory_walk_skips_readme_and_hidden_files(corpus_copy):
    names = sorted(source for _, source in iter_files([corpus_copy]))
    assert names == ["000_cb38b16a95140957.txt", "004_fe6cee68d844d2e2.txt", "gb18030_notice.txt", "gov_page.html"]


def test_reingest_is_a_noop_and_a_changed_file_replaces_its_records(tmp_path, corpus_copy, segmenter):
    store = DocumentStore(tmp_path / "ws")
    first = ingest_paths([corpus_copy], store, segmenter, progress=False)
    assert sorted(first.added) == ["000_cb38b16a95140957.txt", "004_fe6cee68d844d2e2.txt",
                                   "gb18030_notice.txt", "gov_page.html"]
    assert not first.failed
    before = {p.name: p.stat().st_mtime_ns for p in (tmp_path / "ws" / "docs").iterdir()}

    def no_dictionary_needed():
        raise AssertionError("a no-op re-ingest must not build the segmenter")

    second = ingest_paths([corpus_copy], store, LazySegmenter(no_dictionary_needed), progress=False)
    assert second.added == [] and second.updated == [] and second.documents == []
    assert len(second.unchanged) == 4
    assert before == {p.name: p.stat().st_mtime_ns for p in (tmp_path / "ws" / "docs").iterdir()}

    notice = corpus_copy / "gb18030_notice.txt"
    old = store.by_source("gb18030_notice.txt")
    notice.write_bytes(notice.read_bytes().replace("加快发展".encode("gb18030"), "大力发展".encode("gb18030")))
    third = ingest_paths([corpus_copy], store, segmenter, progress=False)
    assert third.updated == ["gb18030_notice.txt"] and len(third.unchanged) == 3
    new = store.by_source("gb18030_notice.txt")
    assert new.document.doc_id == old.document.doc_id
    assert new.metadata.title == "某某市人民政府关于大力发展县域特色产业的通知"
    assert len(store.all()) == 4


def test_bad_files_are_reported_and_good_ones_stored(tmp_path, corpus_copy, segmenter):
    (corpus_copy / "empty.txt").write_bytes(b"")
    (corpus_copy / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00" + bytes(range(256)))
    (corpus_copy / "scan.pdf").write_bytes(b"%PDF-1.4 garbage")
    store = DocumentStore(tmp_path / "ws")
    report = ingest_paths([corpus_copy, tmp_path / "missing.txt"], store, segmenter, progress=False)
    failed = dict(report.failed)
    assert set(failed) == {str(corpus_copy / "empty.txt"), str(corpus_copy / "image.txt"),
                           str(corpus_copy / "scan.pdf"), str(tmp_path / "missing.txt")}
    assert all("\n" not in message for message in failed.values())
    assert "empty" in failed[str(corpus_copy / "empty.txt")]
    assert "binary" in failed[str(corpus_copy / "image.txt")]
    assert len(report.added) == 4
    manifest = json.loads((tmp_path / "ws" / "manifest.json").read_text(encoding="utf-8"))
    assert len(manifest["sources"]) == 4
    assert len(store.all()) == 4


def test_collection_lines_that_disappear_are_removed(tmp_path, segmenter):
    path = tmp_path / "reports.jsonl"
    rows = [{"title": f"报告{i}", "content": f"各位代表：\n\n第{i}份报告的内容。"} for i in range(3)]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")
    store = DocumentStore(tmp_path / "ws")
    assert len(ingest_paths([path], store, segmenter, progress=False).added) == 3
    path.write_text(json.dumps(rows[0], ensure_ascii=False), encoding="utf-8")
    report = ingest_paths([path], store, segmenter, progress=False)
    assert report.unchanged == ["reports.jsonl#1"]
    assert sorted(report.removed) == ["reports.jsonl#2", "reports.jsonl#3"]
    assert [d.document.source for d in store.all()] == ["reports.jsonl#1"]


def test_harvested_vocabulary_is_persisted(tmp_path, corpus_dir, segmenter):
    store = DocumentStore(tmp_path / "ws")
    ingest_paths([corpus_dir / "000_cb38b16a95140957.txt"], store, segmenter, progress=False)
    assert {"滇中城市群", "靖安新区"} <= set(store.vocabulary())
