"""Reading every supported format into Documents, and refusing bad input with a clear message."""
from __future__ import annotations

import io
import json

import pytest

from ingest.errors import InputError
from ingest.read import doc_id_for, normalise_radicals, read_documents


def make_pdf(lines: list[str]) -> bytes:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))  # built-in CJK font, no font file needed
    buffer = io.BytesIO()
    pdf = canvas.Canvas(buffer)
    pdf.setFont("STSong-Light", 12)
    for i, line in enumerate(lines):
        pdf.drawString(50, 800 - 20 * i, line)
    pdf.save()
    return buffer.getvalue()


def make_docx(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_gb18030_text_is_detected_and_decoded(data_dir):
    (doc,) = read_documents(data_dir / "gb18030_notice.txt")
    assert doc.format == "txt"
    assert doc.text.startswith("某某市人民政府关于加快发展县域特色产业的通知")
    assert "各县（市、区）人民政府，市直各部门：" in doc.text


def test_utf8_bom_is_dropped(data_dir):
    (doc,) = read_documents(data_dir / "utf8_bom_plan.txt")
    assert doc.text.startswith("关于印发某某县乡村振兴实施方案")
    assert "\ufeff" not in doc.text


def test_html_main_text_and_title(data_dir):
    (doc,) = read_documents(data_dir / "gov_page.html")
    assert doc.format == "html"
    assert doc.title_hint and doc.title_hint.startswith("某某省人民政府关于推进数字政府建设的意见")
    assert "一、总体要求" in doc.text
    assert "（二）优化政务服务。" in doc.text


def test_pdf_text_layer_with_radicals_mapped_back(tmp_path):
    path = tmp_path / "plan.pdf"
    # U+2ED3 (CJK radical supplement) and U+2F08 (Kangxi radical) stand in for 长 and 人.
    path.write_bytes(make_pdf(["关于加强城市群建设的意见", "一、总体要求", "\u2ed3江经济带和\u2f08民群众共同发展。"]))
    (doc,) = read_documents(path)
    assert doc.format == "pdf"
    assert "一、总体要求" in doc.text
    assert "长江经济带和人民群众共同发展。" in doc.text


def test_radical_table_covers_both_blocks():
    assert normalise_radicals("\u2f00\u2ed3\u2ea0\u2f54") == "一长民水"
    assert normalise_radicals("普通文字，不变。") == "普通文字，不变。"


def test_docx_paragraphs_joined_by_newlines(tmp_path):
    path = tmp_path / "opinion.docx"
    path.write_bytes(make_docx(["关于推进乡村振兴的意见", "一、总体要求", "坚持农业农村优先发展。"]))
    (doc,) = read_documents(path)
    assert doc.format == "docx"
    assert doc.text == "关于推进乡村振兴的意见\n一、总体要求\n坚持农业农村优先发展。"


def test_jsonl_one_document_per_line(tmp_path):
    path = tmp_path / "reports.jsonl"
    rows = [{"title": "甲报告", "content": "各位代表：\n现在报告工作。"}, {"title": "乙决议", "content": "会议通过。"}]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    docs = read_documents(path)
    assert [d.source for d in docs] == ["reports.jsonl#1", "reports.jsonl#2"]
    assert [d.title_hint for d in docs] == ["甲报告", "乙决议"]
    assert docs[1].text == "会议通过。"
    assert docs[0].content_hash != docs[1].content_hash


def test_doc_id_depends_on_source_not_content(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("第一版内容。", encoding="utf-8")
    (first,) = read_documents(path)
    path.write_text("第二版内容，已修改。", encoding="utf-8")
    (second,) = read_documents(path)
    assert first.doc_id == second.doc_id == doc_id_for("a.txt")
    assert first.content_hash != second.content_hash


@pytest.mark.parametrize("name, data, problem", [
    ("empty.txt", b"", "empty"),
    ("blank.txt", b" \n\n ", "empty"),
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    ("noise.txt", bytes(range(128, 256)) * 4, "undecodable"),
    ("notes.md", "# 说明".encode(), "unsupported file type"),
    ("broken.pdf", b"%PDF-1.4 this is not really a pdf", "PDF"),
    ("broken.docx", b"PK\x03\x04 not a zip", "docx"),
    ("bad.jsonl", b'{"title": "x", "content": "ok"}\n{not json}\n', "line 2"),
])
def test_bad_input_raises_one_line_input_error(tmp_path, name, data, problem):
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        read_documents(path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(path))
    assert problem in message


def test_directory_is_not_a_document(tmp_path):
    with pytest.raises(InputError, match="directory"):
        read_documents(tmp_path)
