"""'两步设想分别是什么': the steps the text opens with 第一步 … 第二步, not a later sentence that refers back."""
from __future__ import annotations

from types import SimpleNamespace

from search.question import Question
from search.sentences import Sentence
from search.text_answers import _ordinal_steps

TEXTS = ["我国国民经济的发展，可以按两步来设想：第一步，用十年时间建成比较完整的工业体系；第二步，在本世纪内全面实现现代化。",
         "今年要为实现上述的第一步设想打下更牢固的基础。"]


def knowledge():
    sentences, pos = [], 0
    for text in TEXTS:
        sentences.append(Sentence("d1", "r.jsonl", "某年政府工作报告", (), pos, pos + len(text), text))
        pos += len(text) + 1
    return SimpleNamespace(by_doc={"d1": sentences})


def test_the_steps_in_order_each_cited():
    q = Question("报告提出的国民经济发展两步设想分别是什么？")
    q.terms = ["国民经济", "设想"]
    a = _ordinal_steps(q, knowledge())
    assert a.found and [i.label[:3] for i in a.items] == ["第一步", "第二步"]
    assert a.items[1].citations[0].text.startswith("第二步，在本世纪内")


def test_no_steps_asked_no_steps_answer():
    q = Question("国民经济怎么发展？")
    q.terms = ["国民经济"]
    assert _ordinal_steps(q, knowledge()) is None
