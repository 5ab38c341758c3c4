"""Web chrome is told apart from content by general rules; offsets are never rewritten."""
from __future__ import annotations

import pytest

from ingest.clean import clean, is_chrome_line
from ingest.read import read_documents

SEED_CHROME = {
    "000_cb38b16a95140957.txt": ["您的位置:", "省政府办公厅文件", "【字体:", "来源:云南省人民政府办公厅", "中国政府网",
                                 "微信 微博 电脑版", "曝光 无障碍", "网站支持IPv6", "运行维护:云南网", "政务服务便民热线:12345", "公众号 微博", "Baidu", "map"],
    "004_fe6cee68d844d2e2.txt": ["中共云南省委 云南省人民政府关于推动新时代县域经济高质量发展的意见",
                                 "编辑: 刘雄斌 责任编辑: 徐婷", "国新网许可证编号:53120170004",
                                 "增值电信业务经营许可证(ICP):滇B2-20090009"],
}


@pytest.mark.parametrize("name", sorted(SEED_CHROME))
def test_seed_chrome_is_boilerplate_and_content_is_body(corpus_dir, name):
    (doc,) = read_documents(corpus_dir / name)
    cleaned = clean(doc)
    chrome = {doc.text[s.char_start:s.char_end] for s in cleaned.boilerplate}
    body = [doc.text[s.char_start:s.char_end] for s in cleaned.body]
    assert set(SEED_CHROME[name]) <= chrome
    assert not any(is_chrome_line(line) for line in body)
    assert not any("ICP" in line or "责任编辑" in line or "举报" in line for line in body)


def test_seed_000_keeps_front_matter_and_signature(corpus_dir):
    (doc,) = read_documents(corpus_dir / "000_cb38b16a95140957.txt")
    cleaned = clean(doc)
    body = [doc.text[s.char_start:s.char_end] for s in cleaned.body]
    assert any("网站地图" in doc.text[s.char_start:s.char_end] for s in cleaned.boilerplate)
    assert body[:3] == ["云南省人民政府办公厅关于印发", "云南省“十四五”区域协调发展规划的通知", "云政办发〔2022〕25号"]
    assert "云南省人民政府办公厅" in body and "2022年4月14日" in body
    assert body[-1].startswith("健全完善区域内考核评价体系")


def test_seed_004_keeps_issuer_line_and_drops_publish_timestamp(corpus_dir):
    (doc,) = read_documents(corpus_dir / "004_fe6cee68d844d2e2.txt")
    cleaned = clean(doc)
    body = [doc.text[s.char_start:s.char_end] for s in cleaned.body]
    assert body[0] == "中共云南省委 云南省人民政府"
    assert not any(line.startswith("2025-04-01") for line in body)


def test_spans_partition_the_nonblank_lines(corpus_dir):
    (doc,) = read_documents(corpus_dir / "000_cb38b16a95140957.txt")
    cleaned = clean(doc)
    spans = sorted(cleaned.body + cleaned.boilerplate, key=lambda s: s.char_start)
    assert len(spans) == sum(1 for line in doc.text.split("\n") if line.strip())
    for a, b in zip(spans, spans[1:]):
        assert a.char_end < b.char_start


def test_sentences_mentioning_sources_or_support_stay_content():
    assert not is_chrome_line("为传统产业升级提供技术支持。重点在农产品加工等方面取得进展。")
    assert not is_chrome_line("资金来源：中央预算内投资和地方政府专项债券，确保按期完成。")
    assert is_chrome_line("【字体：大 中 小】 【打印】 【关闭】")
    assert is_chrome_line("分享到： 微信 微博 QQ空间")


def test_portal_attribute_table_and_footer_are_chrome(data_dir):
    # A different portal layout (attribute table above the text) handled by the same general rules.
    from ingest.metadata import extract_metadata

    (doc,) = read_documents(data_dir / "portal_notice.txt")
    cleaned = clean(doc)
    body = [doc.text[s.char_start:s.char_end] for s in cleaned.body]
    assert body[0] == "国务院办公厅关于促进内外贸一体化发展的通知"
    assert body[-1] == "（此件公开发布）"
    meta = extract_metadata(doc, cleaned)
    assert meta.doc_number == "国办发〔2022〕1号"
    assert meta.dates == ("2022-01-05",)
    assert meta.issuers == ("国务院办公厅",)


def test_a_portal_list_of_related_items_is_chrome():
    assert is_chrome_line("相关新闻")
    assert is_chrome_line("- 【一图读懂】《某市养老服务管理办法》 2022-09-16")
    # a list item of the document itself, without a publication date, stays content
    assert not is_chrome_line("- 社区养老服务设施建设")
