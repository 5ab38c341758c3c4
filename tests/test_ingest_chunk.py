"""Chunks: whole sentences, one section each, never chrome, always an exact slice of the source."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from ingest.chunk import chunk
from ingest.clean import clean
from ingest.outline import outline, sections
from ingest.read import read_documents
from ingest.records import Document


class SplitTokenizer:
    """Stand-in for the segmenter where tokens do not matter."""

    def tokenize(self, text: str) -> list[str]:
        return text.split()


def run(doc: Document, size: int = 260, tokenizer=None):
    cleaned = clean(doc)
    headings = outline(doc, cleaned)
    secs = sections(doc, cleaned, headings)
    return cleaned, headings, secs, chunk(doc, secs, cleaned, tokenizer or SplitTokenizer(), size=size)


def owning_section(secs, c):
    return next(s for s in secs if s.section_id == c.section_id)


def test_seed_chunks_avoid_chrome_and_headings(corpus_dir, segmenter):
    for name in ("000_cb38b16a95140957.txt", "004_fe6cee68d844d2e2.txt"):
        (doc,) = read_documents(corpus_dir / name)
        cleaned, headings, secs, chunks = run(doc, tokenizer=segmenter)
        assert chunks
        for c in chunks:
            assert doc.text[c.char_start:c.char_end] == c.text
            assert c.tokens and all(t.strip() for t in c.tokens)
            for span in cleaned.boilerplate:
                assert c.char_end <= span.char_start or c.char_start >= span.char_end, c.text
            for h in headings:
                assert c.char_end <= h.char_start or c.char_start >= h.char_end
            section = owning_section(secs, c)
            assert section.char_start <= c.char_start and c.char_end <= section.char_end
            assert c.section_path == section.path
        text = "\n".join(c.text for c in chunks)
        for junk in ("ICP", "责任编辑", "您的位置", "【字体", "网站地图", "2025-04-01 20:18", "Baidu"):
            assert junk not in text


def test_chunks_end_at_sentence_ends_and_respect_size(corpus_dir):
    (doc,) = read_documents(corpus_dir / "000_cb38b16a95140957.txt")
    *_, chunks = run(doc, size=200)
    assert all(len(c.text) <= 200 for c in chunks)
    ends = sum(c.text.endswith(("。", "；", "！", "？", "”")) for c in chunks)
    assert ends / len(chunks) > 0.9


def test_chunk_ids_are_stable(corpus_dir):
    (doc,) = read_documents(corpus_dir / "004_fe6cee68d844d2e2.txt")
    first = [c.chunk_id for c in run(doc)[3]]
    assert first == [c.chunk_id for c in run(doc)[3]]
    assert len(set(first)) == len(first)


def test_small_chunk_size_splits_long_sentences():
    sentence = "，".join(["推进城乡融合发展"] * 30) + "。"
    doc = Document("d", "s.txt", "s.txt", "txt", sentence, "h")
    *_, chunks = run(doc, size=50)
    assert len(chunks) > 1
    assert "".join(c.text for c in chunks) == sentence
    assert all(len(c.text) <= 50 for c in chunks)


HEADINGS = st.sampled_from(["第一章 总则", "一、总体要求", "（一）基本原则", "1. 工作目标", "（2）主要任务", "前 言"])
SENTENCE = st.text(alphabet="发展改革推进建设城乡区域融合协调，、 \u3000", min_size=1, max_size=40).map(
    lambda s: s + "。")
CHROME = st.sampled_from(["来源：某某网", "责任编辑：张三", "微信 微博", "网站地图 | 联系我们 | 网站声明"])
BLOCK = st.one_of(HEADINGS, st.lists(SENTENCE, min_size=1, max_size=6).map("".join), CHROME)


@settings(max_examples=60, deadline=None)
@given(blocks=st.lists(BLOCK, min_size=1, max_size=14), sep=st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]),
       size=st.integers(min_value=20, max_value=300))
def test_offsets_always_index_the_source(blocks, sep, size):
    doc = Document("dprop", "p.txt", "p.txt", "txt", sep.join(blocks), "h")
    cleaned, headings, secs, chunks = run(doc, size=size)
    for h in headings:
        assert doc.text[h.char_start:h.char_end] == h.text
    for s in secs:
        assert 0 <= s.char_start <= s.char_end <= len(doc.text)
    for c in chunks:
        assert doc.text[c.char_start:c.char_end] == c.text
        assert c.text.strip() == c.text and c.text
        for span in cleaned.boilerplate:
            assert c.char_end <= span.char_start or c.char_start >= span.char_end
    spans = sorted((c.char_start, c.char_end) for c in chunks)
    assert all(a[1] <= b[0] for a, b in zip(spans, spans[1:]))   # chunks never overlap


def test_a_hard_cut_inside_spaces_leaves_no_white_space_at_chunk_ends():
    sentence = "发展、" + "\u3000" * 30 + "推进城乡融合" * 10 + "。"
    doc = Document("d", "s.txt", "s.txt", "txt", sentence, "h")
    *_, chunks = run(doc, size=20)
    assert chunks and all(c.text == c.text.strip() and c.text == sentence[c.char_start:c.char_end] for c in chunks)


def test_shared_sentence_and_marker_helpers():
    from ingest.markers import marker, strip_marker
    from ingest.sentences import clause_spans, sentence_spans

    text = "  到2025年，目标基本达成。“十四五”时期！最后一句"
    assert [text[s:e] for s, e in sentence_spans(text)] == ["到2025年，目标基本达成。", "“十四五”时期！", "最后一句"]
    assert [text[s:e] for s, e in clause_spans(text, 2)][:2] == ["到2025年，", "目标基本达成。"]
    assert strip_marker("（三）发展目标。") == "发展目标。" and strip_marker("第 一 章 总则") == "总则"
    assert marker("十 一 、 保 障 措 施") == ("cn_num", 5) and marker("前言") is None
