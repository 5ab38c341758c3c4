"""What a question asks: the nearest-neighbour focus model over the exemplar bank, on masked questions."""
import pytest

from search import focus as F

PLACE = F.Slots(places=1)
TWO_PLACES = F.Slots(places=2)
PROJECT = F.Slots(projects=1)
DOC = F.Slots(documents=1)
NONE = F.Slots()


@pytest.mark.parametrize("masked, slots, focus", [
    ("哪些项目涉及〈地〉", PLACE, F.PROJECTS),
    ("〈地〉有哪些建设内容？", PLACE, F.PROJECTS),
    ("〈地〉有哪些能源工程", PLACE, F.PROJECTS),
    ("Which projects involve 〈地〉?", PLACE, F.PROJECTS),
    ("〈地〉到〈年〉年要实现什么目标？", PLACE, F.GOALS),
    ("到〈年〉年，〈地〉的地区生产总值目标是多少？", PLACE, F.TARGET_VALUE),
    ("What was the GDP growth target in 〈年〉?", NONE, F.TARGET_VALUE),
    ("〈项目〉对应规划中的什么目标？", PROJECT, F.PARENT_GOAL),
    ("What goal does 〈项目〉 serve?", PROJECT, F.PARENT_GOAL),
    ("〈地〉涉及哪些州市？", PLACE, F.MEMBERSHIP),
    ("〈地〉属于〈地〉吗？", TWO_PLACES, F.MEMBERSHIP),
    ("〈文件〉是哪些机关发布的？", DOC, F.METADATA),
    ("Who delivered 〈文件〉?", DOC, F.METADATA),
    ("关于人才引进的内容在哪一部分？", NONE, F.SECTION),
    ("〈文件〉一共分为几个部分？", DOC, F.SECTION),
    ("〈地〉与〈地〉的人均收入差距有多大？", TWO_PLACES, F.COMPARE),
    ("〈地〉有多少个县通了铁路？", PLACE, F.COUNT),
    ("乡村振兴在两份文件中各有哪些内容？", NONE, F.CROSS_DOCUMENT),
    ("“共同富裕”最早出现在哪一年的报告里？", NONE, F.TIMELINE),
    ("How did the deficit target change between 〈年〉 and 〈年〉?", F.Slots(years=2), F.TIMELINE),
    ("〈文件〉对〈地〉的功能定位是什么？", F.Slots(places=1, documents=1), F.STATEMENTS),
    ("边境贸易怎么发展？", NONE, F.SEMANTIC),
    ("How will the policy help small businesses?", NONE, F.SEMANTIC),
])
def test_focus_of_masked_questions(masked, slots, focus):
    assert F.choose(masked, slots) == focus


def test_a_focus_whose_slots_are_empty_is_passed_over():
    # a comparison needs two places or two years; a lineage question needs a project
    assert F.choose("〈地〉的收入差距有多大", PLACE) != F.COMPARE
    assert F.choose("这个工程对应什么目标", NONE) != F.PARENT_GOAL


def test_several_places_named_together_are_no_comparison_unless_one_is_asked():
    assert F.asks_comparison("〈地〉和〈地〉在旅游中的定位分别是什么？")
    assert F.asks_comparison("Compare what the plan asks of 〈地〉 and 〈地〉.")
    assert not F.asks_comparison("How are children from 〈地〉, 〈地〉 and 〈地〉 treated?")
    assert F.choose("How are children from 〈地〉, 〈地〉 and 〈地〉 treated?", F.Slots(places=3)) != F.COMPARE


def test_mask_prefers_the_longer_of_two_overlapping_spans():
    text = "广州家庭医生实施方案的目标"
    assert F.mask(text, [(0, 2, F.SLOT_PLACE), (0, 10, F.SLOT_DOCUMENT)]) == "〈文件〉的目标"


def test_bank_covers_every_focus_in_both_languages():
    bank = F.exemplars()
    for focus in {e.focus for e in bank}:
        texts = [e.text for e in bank if e.focus == focus]
        assert any(t.isascii() or "〈" in t and t.replace("〈", "").replace("〉", "").isascii() for t in texts) or \
            any(sum(c.isascii() for c in t) > len(t) / 2 for t in texts), focus
        assert any(any("\u4e00" <= c <= "\u9fff" for c in t.replace("〈地〉", "")) for t in texts), focus


def test_a_question_asking_why_asks_for_the_passage_that_gives_the_reason():
    from search.focus import SEMANTIC, Slots, choose

    assert choose("〈年〉年为什么提出8%左右的增长目标？", Slots(years=1)) == SEMANTIC
    assert choose("Why did 〈文件〉 lower the growth target?", Slots(documents=1)) == SEMANTIC
    assert choose("〈年〉年的增长目标是多少？", Slots(years=1)) != SEMANTIC


def test_a_question_asking_how_many_is_never_answered_by_a_list_of_projects():
    from search.focus import PROJECTS, Slots, choose

    assert choose("How many large projects did 〈文件〉 plan to build?", Slots(documents=1)) != PROJECTS
    assert choose("〈文件〉计划建设多少个大型项目？", Slots(documents=1)) != PROJECTS
    assert choose("〈地〉有哪些项目？", Slots(places=1)) == PROJECTS


def test_a_question_asking_how_is_never_answered_by_a_region_s_members():
    from search.focus import MEMBERSHIP, Slots, choose

    assert choose("How does 〈文件〉 treat children from 〈地〉, 〈地〉 and 〈地〉?", Slots(places=3, documents=1)) != MEMBERSHIP
    assert choose("〈地〉包括哪些州市？", Slots(places=1)) == MEMBERSHIP


def test_a_list_of_places_is_not_asked_of_the_documents_outline():
    from search.focus import SECTION, Slots, choose

    assert choose("多种运输方式有机衔接，要在哪几个地方率先实现？", Slots()) != SECTION
    assert choose("〈文件〉有哪几个部分？", Slots(documents=1)) == SECTION
