"""Regions defined by a document's own words, and the places each section is about."""
import re
from pathlib import Path

import pytest

from graph.gazetteer import load_gazetteer
from graph.records import EXPLICIT, SECTION_SCOPE
from graph.regions import find_regions, merge_regions, section_scopes
from ingest.records import Cleaned, Document, Heading, IngestedDocument, Metadata, Section, Span

SEED = Path(__file__).resolve().parents[1] / "corpus" / "000_cb38b16a95140957.txt"

SYNTHETIC = """江苏省人民政府关于印发区域发展规划的通知
第一章 推进苏南现代化
苏南地区的范围包括南京市、苏州市、无锡市、常州市、镇江市等5个市。
第一节 建设南京都市圈
加快发展。
第二章 推动苏北振兴
苏北5市包括徐州、连云港、淮安、盐城、宿迁等5个设区市。
第三章 苏中崛起
空间范围为南通、扬州、泰州等4个市。
第四章 保障措施
各地要包括本地实际制定方案。"""


def build(text: str, issuers: tuple[str, ...]) -> IngestedDocument:
    """A document whose 第X章 / 第X节 lines are its headings."""
    lines, position = [], 0
    for line in text.split("\n"):
        lines.append(Span(position, position + len(line)))
        position += len(line) + 1
    marked = [(1 if m.group(1) == "章" else 2, span) for span in lines
              if (m := re.match(r"第.([章节])", text[span.char_start:span.char_end]))]
    headings, sections, chapter = [], [], None
    for index, (level, span) in enumerate(marked):
        title = text[span.char_start:span.char_end]
        following = [s for lv, s in marked[index + 1:] if lv <= level]
        end = following[0].char_start - 1 if following else len(text)
        path = (title,) if level == 1 else (chapter.path[0], title)
        heading = Heading(level, title, "zhang" if level == 1 else "jie", path, span.char_start, span.char_end)
        section = Section(f"s{index}", "d1", path, level, heading, None if level == 1 else chapter.section_id,
                          span.char_start, end)
        chapter = section if level == 1 else chapter
        headings.append(heading)
        sections.append(section)
    document = Document("d1", "plan.txt", "plan.txt", "txt", text, "0")
    metadata = Metadata(None, None, issuers, (), (), None, ())
    return IngestedDocument(document, Cleaned(tuple(lines), ()), metadata, tuple(headings), tuple(sections), ())


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.fixture(scope="module")
def synthetic():
    return build(SYNTHETIC, ("江苏省人民政府",))


def members(region, gaz):
    return [gaz.get(pid).name for pid, _ in region.members]


def test_scope_sentence_with_subject(synthetic, gaz):
    regions = {r.place.name: r for r in find_regions(synthetic, gaz)}
    south = regions["苏南"]
    assert south.place.place_id == "region:苏南" and south.place.kind == "region"
    assert members(south, gaz) == ["南京市", "苏州市", "无锡市", "常州市", "镇江市"]
    assert south.stated_count == 5 and south.count_matches
    assert south.place.parent_id == "adcode:320000"
    assert "苏南地区" in south.place.short_names
    text = synthetic.document.text
    ev = south.evidence
    assert text[ev.char_start:ev.char_end] == ev.text and ev.basis == EXPLICIT
    assert ev.section_path == ("第一章 推进苏南现代化",)


def test_counted_list_after_named_subject(synthetic, gaz):
    north = {r.place.name: r for r in find_regions(synthetic, gaz)}["苏北"]
    assert members(north, gaz) == ["徐州市", "连云港市", "淮安市", "盐城市", "宿迁市"]


def test_name_from_heading_and_count_mismatch(synthetic, gaz):
    middle = {r.place.name: r for r in find_regions(synthetic, gaz)}["苏中"]
    assert members(middle, gaz) == ["南通市", "扬州市", "泰州市"]
    assert middle.stated_count == 4 and not middle.count_matches


def test_no_region_without_cue_or_places(synthetic, gaz):
    assert {r.place.name for r in find_regions(synthetic, gaz)} == {"苏南", "苏北", "苏中"}


def test_section_scope_inherited(synthetic, gaz):
    regions = find_regions(synthetic, gaz)
    scopes = section_scopes(synthetic, gaz, regions)
    by_path = {s.path: scopes[s.section_id] for s in synthetic.sections}
    chapter = dict(by_path[("第一章 推进苏南现代化",)])
    assert "region:苏南" in chapter and "adcode:320500" in chapter
    child = dict(by_path[("第一章 推进苏南现代化", "第一节 建设南京都市圈")])
    assert child.keys() >= chapter.keys()
    assert child["adcode:320100"].text == "第一节 建设南京都市圈"      # its own heading names 南京
    assert all(ev.basis == SECTION_SCOPE for ev in child.values())
    assert by_path[("第四章 保障措施",)] == ()


def test_merge_same_name(synthetic, gaz):
    south = {r.place.name: r for r in find_regions(synthetic, gaz)}["苏南"]
    other = build(SYNTHETIC.replace("无锡市、常州市、镇江市等5个市", "扬州市等2个市"), ("江苏省人民政府",))
    again = {r.place.name: r for r in find_regions(other, gaz)}["苏南"]
    merged = merge_regions([south, again])
    assert len(merged) == 1 and "扬州市" in members(merged[0], gaz) and "无锡市" in members(merged[0], gaz)


@pytest.fixture(scope="module")
def seed():
    if not SEED.exists():
        pytest.skip("seed corpus absent")
    from ingest.clean import clean
    from ingest.metadata import extract_metadata
    from ingest.outline import outline, sections
    from ingest.read import read_documents

    doc = read_documents(SEED)[0]
    cleaned = clean(doc)
    headings = outline(doc, cleaned)
    return IngestedDocument(doc, cleaned, extract_metadata(doc, cleaned), headings,
                            sections(doc, cleaned, headings), ())


def test_seed_regions(seed, gaz):
    regions = {r.place.name: r for r in find_regions(seed, gaz)}
    central = members(regions["滇中"], gaz)
    assert {"昆明市", "曲靖市", "玉溪市", "楚雄彝族自治州"} <= set(central)
    assert {"蒙自市", "个旧市", "开远市", "建水县", "石屏县", "弥勒市", "泸西县"} <= set(central)
    assert "红河哈尼族彝族自治州" not in central            # only its northern counties
    assert regions["滇中"].count_matches and regions["滇中"].stated_count == 11
    assert set(members(regions["沿边"], gaz)) == {
        "保山市", "红河哈尼族彝族自治州", "文山壮族苗族自治州", "普洱市", "西双版纳傣族自治州",
        "德宏傣族景颇族自治州", "怒江傈僳族自治州", "临沧市"}
    assert members(regions["滇东北"], gaz) == ["昭通市"]
    assert len(regions["滇西"].members) == 6


def test_seed_section_scopes(seed, gaz):
    scopes = section_scopes(seed, gaz, find_regions(seed, gaz))
    by_title = {s.path[-1]: dict(scopes[s.section_id]) for s in seed.sections if s.path}
    assert "region:滇东北" in by_title["第二节 打造滇川黔省际中心城市"]
    assert "adcode:530600" in by_title["第二节 打造滇川黔省际中心城市"]
    assert "adcode:530100" in by_title["第一节 建设昆明区域性国际中心城市"]
    assert by_title["第一节 发展基础"] == {}
