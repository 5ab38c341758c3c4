"""The 72 government work reports (1954–2025) of ../shared: every one ingests; outlines where marked."""
from __future__ import annotations

import pytest

from ingest.clean import clean
from ingest.outline import outline, sections
from ingest.pipeline import ingest_document
from ingest.read import read_documents

pytestmark = pytest.mark.corpus

# Reports written without heading markers (the 1975, 1964, 1960 and 1954 reports run as continuous
# prose or number parts with bare numerals); the resolutions (决议) are a few paragraphs long.
# 1960 numbers its parts with bare numerals (一 / 二 / …), which count as headings.
UNMARKED_YEARS = ("1954年", "1964年", "1975年")


@pytest.fixture(scope="module")
def reports(reports_jsonl):
    return read_documents(reports_jsonl)


def test_all_reports_read(reports):
    assert len(reports) == 72
    assert len({d.doc_id for d in reports}) == 72


def test_outline_split_49_with_headings_23_without(reports):
    with_outline, without = [], []
    for doc in reports:
        cleaned = clean(doc)
        headings = outline(doc, cleaned)
        (with_outline if headings else without).append(doc)
        if not headings:
            (body,) = sections(doc, cleaned, headings)
            assert body.level == 0 and body.path == ()
    unmarked = [d for d in without if "决议" not in d.title_hint]
    assert sorted(d.title_hint[:5] for d in unmarked) == sorted(UNMARKED_YEARS)
    assert all("决议" in d.title_hint for d in without if d not in unmarked)
    assert len(with_outline) == 49 and len(without) == 23


def test_report_headings_are_top_level_parts(reports):
    doc = next(d for d in reports if d.title_hint.startswith("2025年"))
    headings = outline(doc, clean(doc))
    assert [h.text for h in headings if h.level == 1] == [
        "一、2024年工作回顾", "二、2025年经济社会发展总体要求和政策取向", "三、2025年政府工作任务"]
    doc = next(d for d in reports if d.title_hint.startswith("2022年"))
    headings = outline(doc, clean(doc))
    assert "（一）着力稳定宏观经济大盘，保持经济运行在合理区间。" in [h.text for h in headings if h.level == 2]
    assert "2.5" not in [h.text for h in headings]


class WhitespaceSegmenter:
    """Stands in for jieba where tokens do not matter (tokenizing 1.4M characters takes ~10 s)."""

    harvested: set[str] = set()

    def tokenize(self, text: str) -> list[str]:
        return text.split()

    def harvest(self, text: str) -> list[str]:
        return []

    def learn(self, words) -> None:
        pass


def test_every_report_ingests_with_exact_offsets(reports, segmenter):
    for i, doc in enumerate(reports):
        # Every stage runs on all 72; the real segmenter on every eighth report keeps the test fast.
        ingested = ingest_document(doc, segmenter if i % 8 == 0 else WhitespaceSegmenter())
        assert ingested.chunks, doc.source
        assert ingested.metadata.title == doc.title_hint
        for c in ingested.chunks:
            assert doc.text[c.char_start:c.char_end] == c.text
            assert c.tokens
        chunk_text = "".join(c.text for c in ingested.chunks)
        assert "Public domain" not in chunk_text
