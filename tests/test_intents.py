"""Intent recognition: the rules route each kind of question to the handler that can answer it."""
import pytest

from search import intents as I

PLACE = {"place": 1}
REGION = {"region": 1}
PLACE_REGION = {"place": 1, "region": 1}
PROJECT = {"project": 1}
TWO = {"place": 2}


@pytest.mark.parametrize("question, linked, intent", [
    ("哪些项目涉及曲靖", PLACE, I.PROJECTS_BY_PLACE),
    ("玉溪有哪些建设内容？", PLACE, I.PROJECTS_BY_PLACE),
    ("普洱有哪些能源工程", PLACE, I.PROJECTS_BY_PLACE),
    ("Which projects involve Kunming?", PLACE, I.PROJECTS_BY_PLACE),
    ("滇中地区到2025年要实现什么目标？", REGION, I.GOALS_BY_PLACE),
    ("到2030年，曲靖市的地区生产总值目标是多少？", PLACE, I.TARGET_VALUE),
    ("到2025年全省要建成多少座水库？", {}, I.TARGET_VALUE),
    ("高原湖泊保护工程对应规划中的什么目标？", PROJECT, I.PARENT_GOAL),
    ("沿边地区涉及哪些州市？", REGION, I.REGION_MEMBERSHIP),
    ("曲靖市属于滇中吗？", PLACE_REGION, I.REGION_MEMBERSHIP),
    ("这份意见是哪些机关发布的？", {}, I.DOCUMENT_METADATA),
    ("规划的文号是什么", {}, I.DOCUMENT_METADATA),
    ("关于人才引进的内容在哪一部分？", {}, I.SECTION_LOOKUP),
    ("曲靖与玉溪的人均收入差距有多大？", TWO, I.COMPARE),
    ("全省有多少个县通了铁路？", {}, I.COUNT),
    ("乡村振兴在两份文件中各有哪些内容？", {}, I.CROSS_DOCUMENT),
    ("边境贸易怎么发展？", {}, I.SEMANTIC),
])
def test_rules_route_questions(question, linked, intent):
    assert I.classify(question, linked) == intent


def test_compare_needs_two_places():
    # one place and a comparison word is not a comparison between places
    assert I.classify("曲靖的收入差距有多大", PLACE) != I.COMPARE


def test_projects_need_a_linked_place():
    assert I.classify("有哪些重大工程", {}) != I.PROJECTS_BY_PLACE
