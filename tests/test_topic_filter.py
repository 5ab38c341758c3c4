"""A list asked on a topic the question writes as one word keeps the items naming all of it; coordinated
topics each keep their own items."""
from __future__ import annotations

from graph.records import Evidence, Item
from search.graph_answers import _topic_filter
from search.question import Question


def _item(label: str, sentence: str, heading: str = "") -> Item:
    cite = Evidence("r.txt", "d1", (heading,) if heading else (), 0, len(sentence), sentence, "explicit")
    return Item(label, "Project", f"p:{label}", (cite,))


ITEMS = [_item("扫黑除恶专项斗争", "部署开展扫黑除恶专项斗争。"),
         _item("黑土地保护工程", "实施黑土地保护工程。"),
         _item("国土绿化行动", "开展国土绿化行动。", "加强生态保护"),
         _item("电子商务进农村", "推进电子商务进农村。"),
         _item("信息消费试点", "开展信息消费试点。")]


def test_a_topic_written_as_one_word_keeps_the_items_naming_all_of_it():
    q = Question("报告在生态保护方面部署了哪些工程？", terms=["生态", "保护", "部署"])
    kept, _ = _topic_filter(ITEMS, q, {"工程"})
    assert [i.label for i in kept] == ["黑土地保护工程", "国土绿化行动"]     # not the 部署 of 扫黑除恶


def test_coordinated_topics_each_keep_their_items():
    q = Question("信息消费和电子商务方面有哪些项目？", terms=["信息消费", "电子商务"])
    kept, _ = _topic_filter(ITEMS, q, {"项目"})
    assert [i.label for i in kept] == ["电子商务进农村", "信息消费试点"]
