"""A question that runs two questions together is answered part by part; one that points back is not split."""
from __future__ import annotations

from graph.records import Item
from search.ask import _inherit, _joined, asked_parts
from search.question import Question
from search.records import Answer


def test_two_questions_each_ending_on_a_question_mark_are_two_parts():
    assert asked_parts("易地搬迁让多少人挪出了穷窝？多少个贫困县脱贫摘帽？") == [
        "易地搬迁让多少人挪出了穷窝？", "多少个贫困县脱贫摘帽？"]


def test_a_part_that_points_back_or_gives_an_example_keeps_the_question_whole():
    for text in ("规划提出的基本任务有几项？其中最重要的是哪一项？",
                 "意见定了2025年的目标吗？比如多少个县的生产总值过千亿？",
                 "这个指标是多少？为什么？"):
        assert asked_parts(text) == [text]


def test_a_later_part_is_read_in_the_setting_the_first_part_names():
    doc = Item("1993年政府工作报告", "Document", "d:1", (), {"doc_id": "d1"})
    first = Question("1993年国民生产总值计划增长多少？", documents=[doc], years=[1993])
    later = _inherit(Question("计划的增长速度调整成了多少？"), first)
    assert later.documents == [doc] and later.years == [1993]
    own = _inherit(Question("2016年呢，增长多少？", years=[2016]), first)
    assert own.years == [2016] and own.documents == []


def test_the_joined_answer_keeps_every_part_and_is_found_when_one_part_is():
    a = Answer("甲？", "count", True, "150万人。", (Item("150万人", "Value", "v:1", ()),))
    b = Answer("乙？", "count", False, "语料中没有找到这个数字。")
    joined = _joined("甲？乙？", [a, b])
    assert joined.found and [i.label for i in joined.items] == ["150万人"]
    assert "150万人" in joined.answer and "没有找到" in joined.answer
