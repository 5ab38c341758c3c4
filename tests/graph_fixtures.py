"""Hand-made ingest and extraction records for the graph tests (no extractor, no ingest pipeline)."""
from __future__ import annotations

import hashlib

from graph.records import (EXPLICIT, SECTION_SCOPE, Agency, Evidence, Extraction, Fact, Goal, Place,
                           Project, Relation, Target)
from ingest.records import (Chunk, Cleaned, Document, Heading, IngestedDocument, Metadata, PlanningPeriod, Section,
                            Span)

PLAN = """云南省人民政府办公厅关于印发示例区域规划的通知
云政办发〔2022〕25号
各州、市人民政府:
一、发展目标
到2025年,全省经济总量达到1万亿元。2020年全省经济总量达到2.45万亿元。
二、区域布局
(一)滇东北地区
滇东北地区包括昭通市、曲靖市。推进昭阳区机场建设。建设乌蒙山铁路,助力经济总量目标。
云南省人民政府办公厅
2022年4月14日
"""

REPORT = """政府工作报告
今年,昭通市建设乌蒙山铁路取得进展。
"""

PLACES = (
    Place("adcode:530000", "云南省", "province", ("云南",), "530000", None),
    Place("adcode:530600", "昭通市", "prefecture", ("昭通",), "530600", "adcode:530000"),
    Place("adcode:530602", "昭阳区", "county", ("昭阳",), "530602", "adcode:530600"),
    Place("adcode:530300", "曲靖市", "prefecture", ("曲靖",), "530300", "adcode:530000"),
)


def _id(*parts: str) -> str:
    return hashlib.sha1("|".join(parts).encode()).hexdigest()[:12]


def _ev(doc: Document, needle: str, path: tuple[str, ...], basis: str = EXPLICIT, after: int = 0) -> Evidence:
    at = doc.text.index(needle, after)
    return Evidence(doc.source, doc.doc_id, path, at, at + len(needle), needle, basis)


def _sections(doc: Document, heads: list[tuple[int, str]]) -> tuple[tuple[Heading, ...], tuple[Section, ...]]:
    headings, sections, stack = [], [], []
    starts = [doc.text.index(h) for _, h in heads]
    for i, ((level, text), start) in enumerate(zip(heads, starts)):
        while stack and stack[-1][0] >= level:
            stack.pop()
        path = tuple(t for _, t, _ in stack) + (text,)
        end = next((starts[j] for j in range(i + 1, len(heads)) if heads[j][0] <= level), len(doc.text))
        heading = Heading(level, text, "cn_num" if level == 1 else "paren_cn", path, start, start + len(text))
        sid = _id(doc.doc_id, *path)
        sections.append(Section(sid, doc.doc_id, path, level, heading, stack[-1][2] if stack else None, start, end))
        headings.append(heading)
        stack.append((level, text, sid))
    return tuple(headings), tuple(sections)


def plan() -> tuple[IngestedDocument, Extraction]:
    doc = Document("d_plan", "plan.txt", "corpus/plan.txt", "txt", PLAN, "h1")
    headings, sections = _sections(doc, [(1, "一、发展目标"), (1, "二、区域布局"), (2, "(一)滇东北地区")])
    goals_path, region_path = sections[0].path, sections[2].path
    chunks = tuple(Chunk(_id(s.section_id, "c"), doc.doc_id, doc.source, s.section_id, s.path, s.char_start,
                         s.char_end, PLAN[s.char_start:s.char_end], ()) for s in sections)
    meta = Metadata("云南省人民政府办公厅关于印发示例区域规划的通知", "云政办发〔2022〕25号",
                    ("云南省人民政府办公厅",), ("各州、市人民政府",), ("2022-04-14",), PlanningPeriod(2021, 2025),
                    (2025,), {"doc_number": Span(PLAN.index("云政"), PLAN.index("云政") + 12)})
    ingested = IngestedDocument(doc, Cleaned((Span(0, len(PLAN)),), ()), meta, headings, sections, chunks)

    region = Place("region:d_plan:滇东北", "滇东北地区", "region", ("滇东北",))
    goal = Goal("g1", "全省经济总量达到1万亿元", 2025, Target("经济总量", 1e12, "元", "≥", "1万亿元"),
                ("adcode:530000",), _ev(doc, "到2025年,全省经济总量达到1万亿元", goals_path))
    fact = Fact("f1", "全省经济总量达到2.45万亿元", 2020, Target("经济总量", 2.45e12, "元", "=", "2.45万亿元"),
                ("adcode:530000",), _ev(doc, "2020年全省经济总量达到2.45万亿元", goals_path))
    airport = Project("p_airport", "昭阳区机场", (), (_ev(doc, "昭阳区机场", region_path),))
    railway = Project("p_rail", "乌蒙山铁路", ("乌蒙山铁路工程",), (_ev(doc, "乌蒙山铁路", region_path),))
    office = Agency("a_office", "云南省人民政府办公厅", (_ev(doc, "云南省人民政府办公厅", ()),))
    relations = (
        Relation("adcode:530600", "memberOf", region.place_id,
                 (_ev(doc, "滇东北地区包括昭通市、曲靖市", region_path),)),
        Relation("adcode:530300", "memberOf", region.place_id,
                 (_ev(doc, "滇东北地区包括昭通市、曲靖市", region_path),)),
        Relation("p_airport", "involvesPlace", "adcode:530602", (_ev(doc, "推进昭阳区机场建设", region_path),)),
        Relation("p_rail", "involvesPlace", region.place_id,
                 (_ev(doc, "(一)滇东北地区", region_path, SECTION_SCOPE),), basis=SECTION_SCOPE, confidence=0.7),
        Relation("p_rail", "servesGoal", "g1", (_ev(doc, "助力经济总量目标", region_path),), confidence=0.8),
        Relation("d_plan", "issuedBy", "a_office", (_ev(doc, "云南省人民政府办公厅", (), "metadata"),),
                 basis="metadata"),
    )
    mentions = tuple((p, _ev(doc, s, region_path)) for p, s in
                     (("adcode:530600", "昭通市"), ("adcode:530300", "曲靖市"), ("adcode:530602", "昭阳区")))
    extraction = Extraction("d_plan", PLACES + (region,), mentions, (airport, railway), (goal,), (fact,),
                            (office,), relations)
    return ingested, extraction


def report() -> tuple[IngestedDocument, Extraction]:
    doc = Document("d_report", "reports.jsonl#3", "corpus/reports.jsonl", "jsonl", REPORT, "h2", "政府工作报告")
    body = Section(_id("d_report", "body"), "d_report", (), 0, None, None, 0, len(REPORT))
    meta = Metadata(None, None, (), (), (), None, ())
    ingested = IngestedDocument(doc, Cleaned((Span(0, len(REPORT)),), ()), meta, (), (body,), ())
    railway = Project("p_rail", "乌蒙山铁路", (), (_ev(doc, "乌蒙山铁路", ()),))
    relations = (Relation("p_rail", "involvesPlace", "adcode:530600", (_ev(doc, "昭通市建设乌蒙山铁路", ()),)),)
    extraction = Extraction("d_report", PLACES[:2], (("adcode:530600", _ev(doc, "昭通市", ())),), (railway,),
                            (), (), (), relations)
    return ingested, extraction


def corpus() -> tuple[list[IngestedDocument], list[Extraction]]:
    pairs = [plan(), report()]
    return [p[0] for p in pairs], [p[1] for p in pairs]


__all__ = ["plan", "report", "corpus", "PLAN", "REPORT"]
