"""Page furniture leaves the body; the decoded text and every offset into it stay as they were."""
from __future__ import annotations

from ingest.clean import clean
from ingest.furniture import doubled_half, is_page_number
from ingest.metadata import extract_metadata
from ingest.outline import outline
from ingest.records import Document


def doc_of(text: str, fmt: str = "pdf") -> Document:
    return Document("dfurn", "p.pdf", "p.pdf", fmt, text, "h")


def body_lines(doc: Document) -> list[str]:
    return [doc.text[s.char_start:s.char_end] for s in clean(doc).body]


# A printed notice: fake-bold title (each line printed twice), a running header on every page,
# page numbers in the gazette's forms.
PRINTED = (
    "某 某 省 人 民 政 府 关 于 印 发某 某 省 人 民 政 府 关 于 印 发\n"
    "示 例 产 业 发 展 规 划 的 通 知示 例 产 业 发 展 规 划 的 通 知\n"
    "某政发〔2024〕3号\n"
    "各市人民政府，省政府各部门：\n"
    "现将《示例产业发展规划》印发给你们，请认真贯彻执行，结合实际抓好落实，确保各项任务按期完成。\n"
    "某某省人民政府公报\n"
    "—1—\n"
    "一 、 发 展 基 础一 、 发 展 基 础\n"
    "产业规模稳步扩大，创新能力持续增强，为下一阶段发展打下了坚实基础。\n"
    "某某省人民政府公报\n"
    "- 2 -\n"
    "二 、 总 体 要 求二 、 总 体 要 求\n"
    "坚持创新驱动，坚持绿色发展，推动产业高质量发展。\n"
    "某某省人民政府公报\n"
    "—01—\n"
)


def test_page_numbers_and_running_headers_leave_the_body():
    doc = doc_of(PRINTED)
    lines = body_lines(doc)
    assert not any(is_page_number(line) for line in lines)
    assert "某某省人民政府公报" not in lines
    assert "产业规模稳步扩大，创新能力持续增强，为下一阶段发展打下了坚实基础。" in lines


def test_doubled_bold_text_keeps_its_first_copy_with_exact_offsets():
    doc = doc_of(PRINTED)
    cleaned = clean(doc)
    for span in (*cleaned.body, *cleaned.boilerplate):
        assert 0 <= span.char_start < span.char_end <= len(doc.text)
    assert "一 、 发 展 基 础" in body_lines(doc)
    assert not any(line.endswith("发 展 基 础一 、 发 展 基 础") for line in body_lines(doc))
    assert doc.text == PRINTED          # nothing is rewritten


def test_printed_title_and_headings_read_through_the_furniture():
    doc = doc_of(PRINTED)
    cleaned = clean(doc)
    meta = extract_metadata(doc, cleaned)
    assert meta.title == "某某省人民政府关于印发示例产业发展规划的通知"
    assert meta.doc_number == "某政发〔2024〕3号"
    headings = outline(doc, cleaned)
    assert [h.text for h in headings if h.kind == "cn_num"] == ["一 、 发 展 基 础", "二 、 总 体 要 求"]
    for h in headings:
        assert doc.text[h.char_start:h.char_end] == h.text


def test_page_number_forms():
    for line in ("—01—", "- 3 -", "－12－", "第3页", "第 3 页 共 10 页", "3 / 26"):
        assert is_page_number(line), line
    for line in ("2024", "3", "一、总则", "—— 2024年3月5日"):
        assert not is_page_number(line), line


def test_doubling_needs_a_real_repeat():
    assert doubled_half("国 务 院国 务 院") == 5
    assert doubled_half("谢谢谢谢") is None            # two characters are no printed line
    assert doubled_half("一二三四五六") is None


def test_repeated_short_lines_without_page_breaks_stay():
    # Table cells repeat ("负责"); without page numbers around them they are content.
    text = "一、分工\n" + "".join(f"任务{i}\n负责\n" for i in range(5))
    doc = doc_of(text)
    assert body_lines(doc).count("负责") == 5


def test_a_single_timestamped_byline_is_not_print_furniture():
    text = ("某某县人民政府关于做好防汛工作的通知\n2024-05-01 10:20:30 来源：某某县人民政府\n"
            "请各地认真落实防汛责任，确保安全度汛，切实保障人民群众生命财产安全。\n")
    doc = doc_of(text, fmt="txt")
    cleaned = clean(doc)
    chrome = [doc.text[s.char_start:s.char_end] for s in cleaned.boilerplate]
    assert any(line.startswith("2024-05-01") for line in chrome)   # chrome, as before furniture existed


def test_a_table_header_repeated_on_each_page_keeps_its_first_copy():
    header = "序号\t事项名称\t事项类别"
    text = ("附件1\n某省投资项目事项清单\n说明：本清单按事项类别排列。\n" + header + "\n"
            + "".join(f"{k}\t事项{k}\t行政许可\n{k}1\t事项{k}1\t行政确认\n—{k}—\n{header}\n" for k in range(1, 5))
            + "9\t事项9\t行政许可\n")
    lines = body_lines(doc_of(text))
    assert lines.count(header) == 1                          # the page-top repeats leave, the first stays
    assert lines.index(header) < lines.index("1\t事项1\t行政许可")
    assert "某省投资项目事项清单" in lines
