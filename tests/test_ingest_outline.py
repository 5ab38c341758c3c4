"""Outline recovery: exact heading text and nesting on the seeds, levels per document, sections."""
from __future__ import annotations

import pytest

from ingest.clean import clean
from ingest.outline import outline, sections
from ingest.read import read_documents
from ingest.records import Document

SEED_000 = "000_cb38b16a95140957.txt"
SEED_004 = "004_fe6cee68d844d2e2.txt"

# Expected outlines, one heading per line, four spaces per level below the top.
OUTLINE_000 = """
前 言
第一章 发展基础与环境
    第一节 发展基础
        一、经济社会发展水平不断提升
        二、区域协调发展格局基本形成
        三、基本公共服务水平不断提高
        四、区域基础设施通达水平不断提升
        五、人民生活保障水平整体提升
        六、区域协调发展机制不断健全
    第二节 机遇挑战
第二章 总体要求
    第一节 指导思想
    第二节 基本原则
    第三节 发展目标
第三章 推动滇中崛起
    第一节 建设昆明区域性国际中心城市
    第二节 打造高品质昆明都市圈
    第三节 推动滇中城市群发展
        一、打造科技创新高地
        二、打造人才集聚高地
        三、打造优势产业集群
        四、打造开放发展高地
        五、打造深化改革先行区
第四章 推动沿边开放
    第一节 实施强边固防工程
    第二节 推动沿边城镇带建设
    第三节 打造沿边开放新格局
        一、加快与周边国家互联互通
        二、加强沿边开放平台建设
    第四节 提升边境发展内生动力
第五章 推动滇东北开发
    第一节 构建迭代产业体系
    第二节 打造滇川黔省际中心城市
    第三节 强化人力资源开发
    第四节 深化区域开放合作
        一、服务融入长江经济带发展
        二、服务融入成渝地区双城经济圈
第六章 推动滇西一体化
    第一节 高水平建设大滇西旅游环线核心区
        一、加快综合交通一体化
        二、建设世界级旅游目的地
    第二节 打造生态文明建设样板
    第三节 推动涉藏州县高质量发展
第七章 推动特殊类型地区振兴
    第一节 扶持欠发达地区发展
    第二节 支持革命老区振兴发展
    第三节 促进边境地区高质量发展
    第四节 推进生态退化地区综合治理
    第五节 推动资源型地区可持续发展
    第六节 支持老工业城市振兴发展
第八章 构建区域协调发展支撑体系
    第一节 优化产业发展布局
        一、优化农业布局
        二、优化工业布局
        三、优化现代服务业布局
    第二节 优化基本公共服务资源配置
        一、推进教育资源均衡配置
        二、推动医疗卫生事业高质量发展
        三、促进社会主义文化繁荣发展
        四、推动公共事务协同治理
    第三节 提升基础设施通达水平
        一、补齐交通基础设施短板
        二、实施“兴水润滇”工程
        三、建设现代物流运输体系
        四、加快推进能源枢纽建设
        五、加快推进数据枢纽建设
    第四节 提高人民生活保障水平
        一、提高居民收入水平
        二、完善社会保障体系
    第五节 筑牢西南生态安全屏障
        一、构建生态空间格局
        二、加强九大高原湖泊保护治理
        三、推进六大水系保护修复
        四、强化生物多样性保护与利用
第九章 建立更加有效的区域协调发展新机制
    第一节 完善主体功能区政策
    第二节 健全区域协调统筹机制
        一、强化区域发展战略统筹
        二、强化区域发展政策统筹
    第三节 深化合作互助机制
        一、建立各地区联动合作机制
        二、完善省际合作机制
        三、深化国际区域合作机制
    第四节 健全市场一体化发展机制
        一、营造公平开放的市场环境
        二、促进区域间要素自由流动
        三、完善区域交易平台和制度
    第五节 创新区域利益协调机制
        一、探索区域合作利益分享机制
        二、健全资源有偿使用制度
        三、建立多元化生态保护补偿机制
    第六节 完善基本公共服务机制
        一、提升基本公共服务保障能力
        二、加强基本公共服务统筹
        三、推动城乡区域间基本公共服务衔接
第十章 保障措施
    第一节 加强党的全面领导
    第二节 强化组织实施
    第三节 强化监测评估
    第四节 完善分类考核体系
"""

OUTLINE_004 = """
一、总体目标
二、聚焦特色优势做强产业
    (一)培育一批农业强县
    (二)培育一批工业大县
    (三)培育一批文旅名县
    (四)培育一批口岸强县
三、促进就业创业扩容提质
    (一)扩大县域就业容量
    (二)优化就业结构
    (三)鼓励创业带动就业
四、统筹硬件软件补齐短板
    (一)提升县城综合承载能力
    (二)优化县城公共服务供给
    (三)提升县城建设品质
五、推进城乡融合深入发展
    (一)构建城乡一体化空间体系
    (二)推进城乡基础设施一体化建设
    (三)统筹城乡公共服务一体化配置
    (四)提升城乡一体化治理水平
六、协同改革开放增强动力
    (一)持续深化重点领域改革
    (二)推进开放合作
"""


def expected_paths(tree: str) -> list[tuple[str, ...]]:
    paths: list[tuple[str, ...]] = []
    stack: list[str] = []
    for line in tree.strip("\n").splitlines():
        depth = (len(line) - len(line.lstrip(" "))) // 4
        stack[depth:] = [line.strip()]
        paths.append(tuple(stack))
    return paths


def doc_from(text: str) -> Document:
    return Document(doc_id="dtest", source="t.txt", path="t.txt", format="txt", text=text, content_hash="h")


def headings_of(text: str):
    doc = doc_from(text)
    return outline(doc, clean(doc))


@pytest.mark.parametrize("name, tree", [(SEED_000, OUTLINE_000), (SEED_004, OUTLINE_004)])
def test_seed_outline_is_recovered_exactly(corpus_dir, name, tree):
    (doc,) = read_documents(corpus_dir / name)
    headings = outline(doc, clean(doc))
    assert [h.path for h in headings] == expected_paths(tree)
    assert [h.level for h in headings] == [len(p) for p in expected_paths(tree)]
    for heading in headings:
        assert doc.text[heading.char_start:heading.char_end] == heading.text


def test_seed_000_marker_kinds(corpus_dir):
    (doc,) = read_documents(corpus_dir / SEED_000)
    kinds = {h.text: h.kind for h in outline(doc, clean(doc))}
    assert kinds["前 言"] == "preface"
    assert kinds["第一章 发展基础与环境"] == "zhang"
    assert kinds["第一节 发展基础"] == "jie"
    assert kinds["一、经济社会发展水平不断提升"] == "cn_num"


def test_seed_sections_cover_governed_text(corpus_dir):
    (doc,) = read_documents(corpus_dir / SEED_004)
    cleaned = clean(doc)
    secs = sections(doc, cleaned, outline(doc, cleaned))
    preamble, first = secs[0], secs[1]
    assert preamble.level == 0 and preamble.path == () and preamble.heading is None
    assert "(2025年3月22日)" in doc.text[preamble.char_start:preamble.char_end]
    assert first.path == ("一、总体目标",)
    by_path = {s.path: s for s in secs}
    parent = by_path[("二、聚焦特色优势做强产业",)]
    child = by_path[("二、聚焦特色优势做强产业", "(一)培育一批农业强县")]
    assert child.parent_id == parent.section_id
    assert parent.char_start < child.char_start and child.char_end <= parent.char_end
    last = secs[-1]
    assert doc.text[last.char_start:last.char_end].endswith("共同推动全省县域经济发展壮大。")
    assert "责任编辑" not in doc.text[last.char_start:last.char_end]


def test_levels_follow_first_appearance_in_this_document():
    text = "（一）总体形势\n\n形势很好。\n\n1. 经济增长\n\n增长较快。\n\n（二）主要任务\n\n任务很重。\n"
    headings = headings_of(text)
    assert [(h.level, h.kind, h.text) for h in headings] == [
        (1, "paren_cn", "（一）总体形势"), (2, "arabic", "1. 经济增长"), (1, "paren_cn", "（二）主要任务")]


def test_plan_outline_with_parts_chapters_and_sections():
    text = ("第一篇 开启新征程\n\n第一章 发展环境\n\n第一节 发展基础\n\n成就显著。\n\n"
            "第二节 机遇挑战\n\n机遇难得。\n\n第二篇 构建新格局\n\n第二章 畅通循环\n\n一．扩大内需\n\n内需扩大。\n")
    assert [(h.level, h.kind, h.path) for h in headings_of(text)] == [
        (1, "bian", ("第一篇 开启新征程",)),
        (2, "zhang", ("第一篇 开启新征程", "第一章 发展环境")),
        (3, "jie", ("第一篇 开启新征程", "第一章 发展环境", "第一节 发展基础")),
        (3, "jie", ("第一篇 开启新征程", "第一章 发展环境", "第二节 机遇挑战")),
        (1, "bian", ("第二篇 构建新格局",)),
        (2, "zhang", ("第二篇 构建新格局", "第二章 畅通循环")),
        (4, "cn_num", ("第二篇 构建新格局", "第二章 畅通循环", "一．扩大内需")),
    ]


def test_headline_with_a_year_is_a_heading_but_sentences_and_lists_are_not():
    text = ("一、2024年工作回顾\n\n过去一年很不平凡。\n\n"
            "二、主要任务是：\n\n"
            "三、稳定增长。扩大内需，促进消费。\n\n"
            "（一）加强宏观调控；\n（二）扩大对外开放；\n（三）改善人民生活。\n\n"
            "PM\n2.5\n浓度下降。\n")
    assert [h.text for h in headings_of(text)] == ["一、2024年工作回顾"]


def test_heading_broken_by_inline_markup_is_rejoined():
    text = "前文。\n\n三、关于《\n国民经济和社会发展规划纲要（草案）\n》的说明\n\n正文内容。\n"
    (heading,) = headings_of(text)
    assert heading.text == "三、关于《\n国民经济和社会发展规划纲要（草案）\n》的说明"


def test_document_without_headings_is_one_body_section():
    doc = doc_from("会议听取了报告。\n\n会议决定批准这个报告。\n")
    cleaned = clean(doc)
    headings = outline(doc, cleaned)
    assert headings == ()
    (body,) = sections(doc, cleaned, headings)
    assert body.level == 0 and body.path == () and body.heading is None
    assert doc.text[body.char_start:body.char_end] == doc.text.strip()


def test_section_ids_are_stable_and_distinct(corpus_dir):
    (doc,) = read_documents(corpus_dir / SEED_000)
    cleaned = clean(doc)
    first = sections(doc, cleaned, outline(doc, cleaned))
    second = sections(doc, cleaned, outline(doc, cleaned))
    assert [s.section_id for s in first] == [s.section_id for s in second]
    assert len({s.section_id for s in first}) == len(first)


def test_bare_numerals_counting_up_are_part_headings_but_a_stray_numeral_is_not():
    text = ("各位代表：\n一\n这里回顾过去一年的工作，成绩来之不易。\n二\n这里提出今后的任务，要求认真落实。\n"
            "实施“\n十三五\n”规划。\n")
    doc = doc_from(text)
    assert [(h.level, h.text) for h in outline(doc, clean(doc))] == [(1, "一"), (1, "二")]
