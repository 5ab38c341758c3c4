"""Front-matter extraction on the seeds and on small fixtures."""
from __future__ import annotations

from ingest.clean import clean
from ingest.metadata import extract_metadata
from ingest.read import read_documents
from ingest.records import Document, PlanningPeriod


def metadata_of(path):
    (doc,) = read_documents(path)
    return doc, extract_metadata(doc, clean(doc))


def test_seed_000_notice(corpus_dir):
    doc, meta = metadata_of(corpus_dir / "000_cb38b16a95140957.txt")
    assert meta.title == "云南省人民政府办公厅关于印发云南省“十四五”区域协调发展规划的通知"
    assert meta.doc_number == "云政办发〔2022〕25号"
    assert meta.issuers == ("云南省人民政府办公厅",)
    assert meta.addressees == ("各州、市人民政府", "省直各委、办、厅、局")
    assert meta.dates == ("2022-04-14",)
    assert meta.planning_period == PlanningPeriod(2021, 2025)
    assert meta.target_years == (2025,)
    number = meta.spans["doc_number"]
    assert doc.text[number.char_start:number.char_end] == "云政办发〔2022〕25号"
    period = meta.spans["planning_period"]
    assert doc.text[period.char_start:period.char_end] == "规划期为2021—2025年"


def test_seed_004_joint_opinion(corpus_dir):
    doc, meta = metadata_of(corpus_dir / "004_fe6cee68d844d2e2.txt")
    assert meta.title == "关于推动新时代县域经济高质量发展的意见"
    assert meta.doc_number is None
    assert meta.issuers == ("中共云南省委", "云南省人民政府")
    assert meta.addressees == ()
    # The signature date, not the web page's publish timestamp (2025-04-01).
    assert meta.dates == ("2025-03-22",)
    assert meta.planning_period is None
    assert 2030 in meta.target_years


def test_gb18030_notice_fixture(data_dir):
    _, meta = metadata_of(data_dir / "gb18030_notice.txt")
    assert meta.title == "某某市人民政府关于加快发展县域特色产业的通知"
    assert meta.doc_number == "某政发〔2023〕7号"
    assert meta.issuers == ("某某市人民政府",)
    assert meta.addressees == ("各县（市、区）人民政府", "市直各部门")
    assert meta.dates == ("2023-05-08",)
    assert meta.target_years == (2027,)


def test_planning_period_from_title(data_dir):
    _, meta = metadata_of(data_dir / "utf8_bom_plan.txt")
    assert meta.title == "关于印发某某县乡村振兴实施方案（2021—2025年）的通知"
    assert meta.planning_period == PlanningPeriod(2021, 2025)


def test_html_headline_kept_when_not_restated(data_dir):
    _, meta = metadata_of(data_dir / "gov_page.html")
    assert meta.title == "某某省人民政府关于推进数字政府建设的意见"
    assert meta.dates == ("2024-05-20",)     # not the 2024-06-01 publish timestamp
    assert meta.issuers == ("某某省人民政府",)


def test_collection_title_and_ranges_are_not_targets():
    text = ("各位代表：\n\n现在报告工作。收入比值从2015年的3.2下降到2020年的2.92。"
            "从1952年到1956年，产量增长。\n\n到2035年，基本实现现代化。力争到2027年取得突破。\n")
    doc = Document("d1", "r.jsonl#1", "r.jsonl", "jsonl", text, "h", title_hint="2021年政府工作报告")
    meta = extract_metadata(doc, clean(doc))
    assert meta.title == "2021年政府工作报告"
    assert meta.target_years == (2027, 2035)
    assert meta.doc_number is None and meta.dates == ()


def test_signature_date_in_chinese_numerals():
    text = ("某某县人民政府关于做好防汛工作的通知\n\n各乡镇：\n\n"
            "请各地认真落实防汛责任，确保安全度汛，切实保障人民群众生命财产安全，做好各项准备工作。\n\n"
            "某某县人民政府\n二〇二二年四月十四日\n")
    doc = Document("d2", "x.txt", "x.txt", "txt", text, "h")
    meta = extract_metadata(doc, clean(doc))
    assert meta.dates == ("2022-04-14",)
    assert meta.issuers == ("某某县人民政府",)
    assert meta.addressees == ("各乡镇",)
