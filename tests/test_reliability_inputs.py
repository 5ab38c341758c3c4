"""Bad input never costs the rest of a batch: one line per problem naming the file and the cause, the good
documents ingested, a non-zero exit, and a workspace that holds exactly what it would without the bad files."""
from __future__ import annotations

import io
import json

import pytest

from test_reliability_fixtures import (DOC_A, DOC_B, DOC_C, assert_no_traceback, doc_graph, error_lines,  # noqa: F401
                                       graph_lines, make_ws, run_cli, snapshot, write_docs)

CRASH_MARKER = "“智慧边境”工程"   # a quoted programme name: harvested into the vocabulary, then rolled back


def pdf_bytes(text: str | None, password: str | None = None, algorithm: str = "AES-256") -> bytes:
    from pypdf import PdfReader, PdfWriter

    if text is None:
        writer = PdfWriter()
        writer.add_blank_page(200, 200)   # a "scanned" page: no text layer
    else:
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.cidfonts import UnicodeCIDFont
        from reportlab.pdfgen import canvas

        pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
        buffer = io.BytesIO()
        pdf = canvas.Canvas(buffer)
        pdf.setFont("STSong-Light", 12)
        pdf.drawString(50, 800, text)
        pdf.save()
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(buffer.getvalue())))
    if password is not None:
        writer.encrypt(password, "owner", algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


# file name → (bytes, what its one-line error must say)
def bad_inputs() -> dict[str, tuple[bytes, str]]:
    good_line = json.dumps({"title": "曲靖", "content": DOC_C}, ensure_ascii=False)
    return {
        "empty.txt": (b"", "file is empty"),
        "blank.txt": (b" \n\n\t\n", "file is empty"),
        "binary.txt": (b"\x00\x01\x02\x03binary\x00" * 20, "looks binary"),
        "sheet.xls": (b"\xd0\xcf\x11\xe0 not ours", "unsupported file type"),
        "broken.pdf": (b"%PDF-1.4\n1 0 obj garbage", "not a readable PDF"),
        "broken.docx": (b"PK\x03\x04 not a zip at all", "not a readable .docx"),
        "aes.pdf": (pdf_bytes("加密文件", password="secret", algorithm="AES-256"), "encrypted"),
        "rc4.pdf": (pdf_bytes("加密文件", password="secret", algorithm="RC4-128"), "encrypted"),
        "scanned.pdf": (pdf_bytes(None), "no text layer"),
        "huge.txt": (("发展" * 300_000).encode("utf-8"), "above the 1 MB limit"),
        "chrome.html": (b"<html><head><title>x</title></head><body><script>var x = 1;</script></body></html>",
                        "no main text"),
        # A collection with one good line and two bad ones: the good one is ingested.
        "mixed.jsonl": (f'{good_line}\n{{"title": "坏", "content": \n[1, 2]\n'.encode("utf-8"),
                        "line 2: not valid JSON"),
    }


GOOD = {"a.txt": DOC_A, "b.txt": DOC_B}
CRASHING = {"crash.txt": DOC_B.replace("大理州", "河口县").replace("洱海", CRASH_MARKER)}


@pytest.fixture()
def failing_extraction(monkeypatch):
    """Graph extraction raises StopIteration on one document (as it did on concatenated reports)."""
    import graph.extract

    real = graph.extract.extract

    def extract(doc, gazetteer):
        if CRASH_MARKER in doc.document.text:
            raise StopIteration
        return real(doc, gazetteer)

    monkeypatch.setattr(graph.extract, "extract", extract)


def test_bad_inputs_are_reported_and_leave_no_trace(tmp_path, make_ws, failing_extraction):
    from ui.workspace import Workspace

    corpus = write_docs(tmp_path / "corpus", GOOD)
    good_line = bad_inputs()["mixed.jsonl"][0].decode("utf-8").splitlines()[0] + "\n"
    (corpus / "mixed.jsonl").write_text(good_line, encoding="utf-8")
    reference = make_ws("reference", max_file_mb=1)
    assert not Workspace(reference).ingest([corpus], progress=False).failed
    expected = snapshot(reference.workspace)

    for name, (data, _) in bad_inputs().items():
        (corpus / name).write_bytes(data)
    write_docs(corpus, CRASHING)
    settings = make_ws("ws", max_file_mb=1)
    report = Workspace(settings).ingest([corpus], progress=False)

    messages = {}
    for path, message in report.failed:
        assert "\n" not in message and "Traceback" not in message
        messages.setdefault(path.split("/")[-1].split(" ")[0], []).append(message)
    for name, (_, cause) in bad_inputs().items():
        assert any(cause in m for m in messages.get(name, [])), (name, messages.get(name))
    assert any("line 3: expected an object" in m for m in messages["mixed.jsonl"])
    assert any("StopIteration" in m for m in messages["crash.txt"])
    assert len(report.failed) == len(bad_inputs()) + 2   # mixed.jsonl has two bad lines; crash.txt
    assert sorted(report.added) == ["a.txt", "b.txt", "mixed.jsonl#1"]
    # Exactly the workspace the good documents alone make: documents, graph triples, chunks and their tokens
    # (the failed document's harvested words are not in the vocabulary).
    assert snapshot(settings.workspace) == expected

    # And a workspace that already held the good documents answers exactly as before.
    again = Workspace(settings).ingest([corpus], progress=False)
    assert not again.added and not again.updated and len(again.failed) == len(report.failed)
    assert snapshot(settings.workspace) == expected


def test_a_stored_document_whose_extraction_fails_is_rolled_back(tmp_path, make_ws, failing_extraction):
    """A workspace wedged by an earlier version (document stored, extraction raising) heals on the next run."""
    from ingest.pipeline import ingest_document
    from ingest.read import read_documents
    from ui.workspace import Workspace

    corpus = write_docs(tmp_path / "corpus", {**GOOD, **CRASHING})
    settings = make_ws()
    ws = Workspace(settings)
    (crash,) = read_documents(corpus / "crash.txt", source="crash.txt")
    ws.documents.put(ingest_document(crash, ws.segmenter))   # what the old ingest left behind
    report = ws.ingest([corpus], progress=False)
    assert sorted(report.added) == ["a.txt", "b.txt"]
    ((path, message),) = report.failed
    assert path == "crash.txt" and "StopIteration" in message and "removed from the workspace" in message
    assert "crash.txt" not in ws.documents.manifest()
    lines = graph_lines(settings.workspace)
    assert not doc_graph(lines, crash.doc_id)
    assert set(Workspace(settings, read_only=True).index.documents) == {d for d, _ in ws.documents.manifest().values()}


def test_a_failing_re_extraction_keeps_the_document_and_its_graph(tmp_path, make_ws, monkeypatch):
    """A rebuild whose extraction raises (a bug, a broken install) must not delete what was ingested before."""
    import graph.extract
    from ui.workspace import Workspace

    corpus = write_docs(tmp_path / "corpus", GOOD)
    settings = make_ws()
    assert not Workspace(settings).ingest([corpus], progress=False).failed
    before = graph_lines(settings.workspace)

    def broken(doc, gazetteer):
        raise RuntimeError("extractor bug")

    monkeypatch.setattr(graph.extract, "extract", broken)
    report = Workspace(settings).ingest([corpus], progress=False, rebuild=True)
    assert len(report.failed) == 2 and all("previous graph is kept" in m for _, m in report.failed)
    ws = Workspace(settings, read_only=True)
    assert sorted(ws.documents.manifest()) == ["a.txt", "b.txt"]
    assert graph_lines(settings.workspace) == before


def test_a_broken_link_in_the_corpus_is_reported_not_skipped(tmp_path):
    from ingest.pipeline import iter_files

    corpus = write_docs(tmp_path / "corpus", GOOD)
    (corpus / "gone.txt").symlink_to(tmp_path / "nowhere.txt")
    assert [source for _, source in iter_files([corpus])] == ["a.txt", "b.txt", "gone.txt"]


def test_cli_exit_status_and_one_line_errors_through_a_real_process(tmp_path, make_ws):
    corpus = write_docs(tmp_path / "corpus", GOOD)
    for name, (data, _) in bad_inputs().items():
        (corpus / name).write_bytes(data)
    settings = make_ws()
    result = run_cli("-w", str(settings.workspace), "ingest", "-q", str(corpus), cwd=tmp_path,
                     env={"POLICYKG_MAX_FILE_MB": "1"})
    assert result.returncode == 1, result.stderr
    assert_no_traceback(result.stderr)
    errors = error_lines(result.stderr)
    assert len(errors) == len(bad_inputs()) + 1
    for name, (_, cause) in bad_inputs().items():
        assert any(name in line and cause in line and line.startswith("policykg: error: ") for line in errors), name
    assert "3 added" in result.stdout   # a.txt, b.txt and the good line of mixed.jsonl
    # (A clean run's exit status 0 through a real process: see the crash test's rerun.)


def test_same_name_in_two_folders_and_same_content_under_two_names(tmp_path, make_ws):
    from ui.workspace import Workspace

    write_docs(tmp_path / "corpus" / "a", {"report.txt": DOC_A})
    write_docs(tmp_path / "corpus" / "b", {"report.txt": DOC_B, "copy.txt": DOC_A})
    settings = make_ws()
    ws = Workspace(settings)
    # Two folders given one by one: their sources would both be "report.txt".
    first = ws.ingest([tmp_path / "corpus" / "a"], progress=False)
    second = ws.ingest([tmp_path / "corpus" / "b"], progress=False)
    assert first.added == ["report.txt"]
    assert second.added == ["b/report.txt"]
    assert second.duplicates == [("copy.txt", "report.txt")]
    manifest = ws.documents.manifest()
    assert sorted(manifest) == ["b/report.txt", "report.txt"]
    texts = {doc.document.source: doc.document.text for doc in ws.documents.all()}
    assert texts == {"report.txt": DOC_A, "b/report.txt": DOC_B}
    # Passages are held once: no chunk text is indexed twice.
    chunks = [c.text for c in Workspace(settings, read_only=True).index.chunks()]
    assert len(chunks) == len(set(chunks))
    # Nothing changes on a rerun of both.
    again = ws.ingest([tmp_path / "corpus" / "a", tmp_path / "corpus" / "b"], progress=False)
    assert not again.added and not again.updated and sorted(again.unchanged) == ["b/report.txt", "report.txt"]


def test_short_gbk_texts_decode_as_chinese(tmp_path):
    from ingest.read import read_documents

    for text in ("关于加快发展", "县域经济高质量发展", "推进数字政府建设的意见", "昭通市人民政府通知"):
        path = tmp_path / "short.txt"
        path.write_bytes(text.encode("gbk"))
        (doc,) = read_documents(path)
        assert doc.text == text


def test_size_limit_is_a_setting(tmp_path):
    from ingest.errors import InputError
    from ingest.read import read_documents
    from ui.settings import load_settings

    assert load_settings(env={}).max_file_mb == 20
    assert load_settings(env={"POLICYKG_MAX_FILE_MB": "2"}).max_file_mb == 2
    path = tmp_path / "big.txt"
    path.write_bytes(("规划" * 200_000).encode("utf-8"))   # 1.2 MB
    with pytest.raises(InputError, match=r"big.txt: file is 1.1 MB, above the 1 MB limit \(setting max_file_mb"):
        read_documents(path, max_bytes=2**20)
    assert read_documents(path, max_bytes=2 * 2**20)


def test_workspace_inside_the_corpus_is_not_ingested(tmp_path, segmenter_cache, segmenter):
    from test_reliability_fixtures import prime, settings_for
    from ui.workspace import Workspace

    corpus = write_docs(tmp_path / "corpus", GOOD)
    settings = settings_for(prime(corpus / "ws", segmenter_cache))
    ws = Workspace(settings)
    assert not ws.ingest([corpus], progress=False).failed
    again = ws.ingest([corpus], progress=False)
    assert not again.failed and sorted(again.unchanged) == ["a.txt", "b.txt"]


def test_html_without_its_cleaner_package_is_a_one_line_error(tmp_path, data_dir, monkeypatch):
    """lxml 6 moved lxml.html.clean out; without lxml_html_clean trafilatura cannot be imported."""
    import sys

    from ingest.errors import InputError
    from ingest.read import read_documents

    monkeypatch.setitem(sys.modules, "trafilatura", None)   # as if its import failed
    with pytest.raises(InputError, match=r"gov_page.html: HTML cannot be read .*pip install lxml_html_clean"):
        read_documents(data_dir / "gov_page.html")


def test_the_html_cleaner_and_cryptography_are_declared_dependencies():
    import tomllib
    from pathlib import Path

    project = tomllib.loads((Path(__file__).parents[1] / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    names = {d.split(">")[0].split("<")[0].split("=")[0].split("[")[0].strip().lower().replace("-", "_")
             for d in project["dependencies"]}
    assert {"lxml_html_clean", "cryptography"} <= names


def test_a_pdf_encrypted_without_a_user_password_is_read(tmp_path):
    """Owner-password-only PDFs (printing or copying restricted) open for anyone: their text is read."""
    from ingest.read import read_documents

    path = tmp_path / "restricted.pdf"
    path.write_bytes(pdf_bytes("云南省人民政府关于加快发展的通知", password="", algorithm="AES-128"))
    (doc,) = read_documents(path)
    assert "加快发展" in doc.text


def test_a_very_long_upload_name_is_shortened_and_stays_distinct(tmp_path):
    from ui.views.documents import MAX_NAME_BYTES, safe_name

    long_a, long_b = "规划" * 100 + "甲.txt", "规划" * 100 + "乙.txt"
    a, b = safe_name(long_a), safe_name(long_b)
    assert len(a.encode("utf-8")) <= MAX_NAME_BYTES and a.endswith(".txt") and a != b
    (tmp_path / a).write_text("可以写入", encoding="utf-8")   # no OSError: the name fits the file system
    assert safe_name("../../etc/passwd") == "passwd"
