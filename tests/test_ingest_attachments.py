"""Documents inside a document: the 办法 a notice issues and its attachments are parts of the outline;
a table of contents is no outline."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.clean import clean
from ingest.metadata import extract_metadata
from ingest.outline import outline, sections
from ingest.read import read_documents
from ingest.records import Document

GOLD_DEV = Path(__file__).parent / "data" / "extraction_gold" / "dev"
SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "corpus-extra"


def doc_of(text: str) -> Document:
    return Document("dparts", "n.txt", "n.txt", "txt", text, "h")


ISSUES_BANFA = """某某市人民政府办公厅关于印发某某市示例住房管理办法的通知
某府办规〔2024〕9号
各区人民政府，市政府各部门、各直属机构：
《某某市示例住房管理办法》已经市人民政府同意，现印发给你们，请认真贯彻执行。
某某市人民政府办公厅
2024年6月3日
某某市示例住房管理办法
第一章 总则
第一条 为规范示例住房管理，制定本办法。
第二条 本办法适用于本市行政区域。
第二章 申请与审核
第三条 申请人应当如实申报家庭情况。
"""

ATTACHMENTS = """某某省发展改革委关于做好示例工作的通知
各设区市发展改革委：
现就做好示例工作通知如下，请结合实际认真贯彻落实，确保各项任务落到实处。
一、提高认识
各地要充分认识示例工作的重要意义。
二、加强组织
各地要建立工作机制。
附件：1．示例项目清单
2．示例工作分工
某某省发展改革委
2023年3月1日
附件1
示例项目
清单
一、基础设施项目
（一）交通项目
二、产业项目
附件2
示例工作分工
一、牵头单位
二、配合单位
"""


def paths(doc: Document) -> list[tuple[str, ...]]:
    return [h.path for h in outline(doc, clean(doc))]


def test_issued_banfa_is_a_part_above_its_chapters():
    doc = doc_of(ISSUES_BANFA)
    cleaned = clean(doc)
    meta = extract_metadata(doc, cleaned)
    assert meta.title == "某某市人民政府办公厅关于印发某某市示例住房管理办法的通知"
    assert meta.attachments == ("《某某市示例住房管理办法》",)
    assert meta.addressees == ("各区人民政府", "市政府各部门", "各直属机构")
    headings = outline(doc, cleaned)
    part = headings[0]
    assert part.kind == "part" and part.level == 1 and part.text == "某某市示例住房管理办法"
    assert ("《某某市示例住房管理办法》", "第一章 总则") in [h.path for h in headings]
    assert ("《某某市示例住房管理办法》", "第二章 申请与审核") in [h.path for h in headings]
    # Sections nest under the part, so chunks of the 办法 carry its title in their path.
    chapter = next(s for s in sections(doc, cleaned, headings) if s.path[-1:] == ("第一章 总则",))
    assert chapter.parent_id is not None


def test_numbered_attachments_each_head_their_own_outline():
    doc = doc_of(ATTACHMENTS)
    meta = extract_metadata(doc, clean(doc))
    # The list under "附件：" above the signature names the attachments; the parts are below it.
    assert meta.attachments == ("附件1 示例项目清单", "附件2 示例工作分工")
    found = paths(doc)
    assert ("一、提高认识",) in found                         # the notice's own items have no parent
    assert ("附件1 示例项目清单", "一、基础设施项目", "（一）交通项目") in found
    assert ("附件2 示例工作分工", "一、牵头单位") in found
    assert not any(p[-1].startswith("附件：") for p in found)
    assert not any(p[-1] == "2．示例工作分工" for p in found)   # the list's second line is a reference too


def test_a_file_that_is_an_attachment_has_no_parts():
    text = "附件1\n某某县\n示例事项清单\n序号 事项名称 办理时限\n1 示例事项 5个工作日\n"
    doc = doc_of(text)
    cleaned = clean(doc)
    meta = extract_metadata(doc, cleaned)
    assert meta.title == "某某县示例事项清单"
    assert meta.attachments == ()
    assert not any(h.text == "附件1" for h in outline(doc, cleaned))


def test_table_of_contents_is_no_outline():
    text = ("某某县示例发展规划\n目 录\n第一章 发展基础……1\n第二章 总体要求……5\n第三章 重点任务……9\n"
            "第一章 发展基础\n全县经济总量持续增长，结构不断优化。\n第二章 总体要求\n坚持稳中求进工作总基调。\n"
            "第三章 重点任务\n加快产业转型升级。\n")
    assert [p[-1] for p in paths(doc_of(text))] == ["第一章 发展基础", "第二章 总体要求", "第三章 重点任务"]


def test_repeated_run_of_headings_without_page_numbers_is_a_contents_list():
    text = ("某某县示例发展规划\n一、发展基础\n二、总体要求\n三、重点任务\n"
            "一、发展基础\n全县经济总量持续增长，结构不断优化。\n二、总体要求\n坚持稳中求进工作总基调。\n"
            "三、重点任务\n加快产业转型升级。\n")
    headings = outline(doc_of(text), clean(doc_of(text)))
    assert [h.text for h in headings] == ["一、发展基础", "二、总体要求", "三、重点任务"]
    assert headings[0].char_start > text.index("三、重点任务")     # the body's headings, not the list's


def test_numbered_table_rows_are_no_headings():
    text = ("一、主要指标\n指标 2020年 2025年\n1.网民数量（亿） 6.88 10\n2.宽带接入用户\n（亿户） 2.1 3.0\n"
            "二、重点任务\n加快建设信息基础设施。\n")
    assert [p[-1] for p in paths(doc_of(text))] == ["一、主要指标", "二、重点任务"]


def test_lead_clause_heads_its_paragraph_but_stays_in_the_chunk_text(segmenter):
    from ingest.chunk import chunk

    text = ("一、总体要求\n（一）指导思想。坚持稳中求进，推动高质量发展。\n（二）工作目标。到2027年，各项指标全面完成。\n"
            "二、保障措施\n（一）各部门要认真贯彻落实本意见，结合实际制定具体措施，确保取得实效。\n"
            "（二）各地要加强督促检查，及时总结推广经验，确保各项任务落到实处。\n")
    doc = doc_of(text)
    cleaned = clean(doc)
    headings = outline(doc, cleaned)
    assert [h.text for h in headings] == ["一、总体要求", "（一）指导思想。", "（二）工作目标。", "二、保障措施"]
    chunks = chunk(doc, sections(doc, cleaned, headings), cleaned, segmenter)
    assert any(c.text.startswith("（一）指导思想。坚持稳中求进") for c in chunks)


def _dev_gold() -> list[dict]:
    if not GOLD_DEV.is_dir():
        return []
    return [json.loads(p.read_text(encoding="utf-8")) for p in sorted(GOLD_DEV.glob("*.json"))]


@pytest.mark.parametrize("gold", _dev_gold(), ids=lambda g: g["source"])
def test_dev_documents_title_metadata_and_parts(gold):
    path = SHARED / gold["file"]
    if not path.exists():
        pytest.skip("../shared/corpus-extra is absent")
    docs = read_documents(path)
    # a collection's gold names its document by line: "government_work_reports.jsonl#66"
    doc = docs[int(gold["source"].rsplit("#", 1)[1]) - 1] if "#" in gold["source"] else docs[0]
    cleaned = clean(doc)
    meta = extract_metadata(doc, cleaned)
    want = gold["metadata"]
    assert meta.title == want["title"]
    assert meta.doc_number == want["doc_number"]
    assert list(meta.issuers) == want["issuers"]
    assert (meta.dates[0] if meta.dates else None) == want["date"]
    assert [a.replace("：", " ") for a in meta.attachments] == [a["title"] for a in gold["attachments"]]
    headings = outline(doc, cleaned)
    parts = [h for h in headings if h.kind == "part"]
    assert len(parts) == len(gold["attachments"])
    for h in headings:
        assert doc.text[h.char_start:h.char_end] == h.text


def test_attachment_links_to_files_are_no_parts():
    text = ("某某县人民政府关于示例工作的通知\n各乡镇：\n现将有关事项通知如下，请认真贯彻落实，确保各项任务落到实处。\n"
            "某某县人民政府\n2024年1月5日\n附件1：示例项目清单.xlsx\n附件2：示例工作分工.docx\n")
    doc = doc_of(text)
    assert extract_metadata(doc, clean(doc)).attachments == ()


def test_contents_list_followed_by_a_preface_is_no_outline():
    text = ("某某县示例发展规划\n目    录\n一、发展基础\n二、总体要求\n三、重点任务\n前  言\n本规划依据有关文件编制。\n"
            "一、发展基础\n全县经济总量持续增长，结构不断优化。\n二、总体要求\n坚持稳中求进工作总基调。\n"
            "三、重点任务\n加快产业转型升级。\n")
    headings = outline(doc_of(text), clean(doc_of(text)))
    assert [h.text for h in headings] == ["前  言", "一、发展基础", "二、总体要求", "三、重点任务"]
    assert headings[1].char_start > text.index("前  言")
