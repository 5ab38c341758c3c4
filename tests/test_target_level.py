"""A level asked (达到多少) is answered by the level, a change asked (增长多少) by the change; a plan named in one
sentence owns the targets of the sentences after it."""
from __future__ import annotations

from types import SimpleNamespace

from graph.records import Item
from sentence_fixtures import laid_out
from search.graph_answers import target_value
from search.knowledge import Knowledge
from search.question import Question

TEXTS = ["“九五”计划草案规定，五年内粮食产量增长百分之十。",
         "到2000年，粮食产量达到五千亿斤，比1995年增长一成。"]


def _knowledge() -> Knowledge:
    sentences = laid_out(TEXTS, title="某报告")
    growth, level = sentences[0], sentences[1]

    def goal(s, label, metric, unit, uri):
        a = s.text.find(label)
        return Item(label, "Target", uri, (s.evidence(a, a + len(label)),),
                    {"metric": metric, "value": 1, "unit": unit, "year": 2000})

    goals = [goal(growth, "粮食产量增长百分之十", "粮食产量增长", "%", "t:1"),
             goal(level, "粮食产量达到五千亿斤", "粮食产量", "斤", "t:2")]
    k = Knowledge({}, [], [], [], sentences, None, goals)
    for s in sentences:
        k.by_doc.setdefault(s.doc_id, []).append(s)
    return k


def _ask(text: str):
    q = Question(text)
    q.terms, q.years = ["粮食产量"], [2000]
    q.projects = [Item("“九五”计划", "Project", "p:1", ())]
    return target_value(q, SimpleNamespace(gazetteer=None), _knowledge())


def test_a_level_asked_is_answered_by_the_level():
    a = _ask("按“九五”计划，到2000年粮食产量要达到多少？")
    assert a.found and [i.label for i in a.items] == ["粮食产量达到五千亿斤"]


def test_a_change_asked_is_answered_by_the_change():
    a = _ask("按“九五”计划，到2000年粮食产量增长多少？")
    assert a.found and [i.label for i in a.items] == ["粮食产量增长百分之十"]


def test_the_sentence_holding_an_offset_and_those_before_it():
    k = _knowledge()
    start = k.by_doc["d1"][1].char_start
    assert [s.text for s in k.passage_up_to("d1", start + 3, before=2)] == TEXTS
    assert k.sentence_index("d1", 10_000) is None


def test_a_vision_for_a_year_is_read_clause_by_clause():
    from search.graph_answers import _horizon_clauses

    text = "展望2035年，数字经济将迈向繁荣成熟期，力争形成统一公平的现代市场体系，发展水平位居世界前列。"
    sentences = laid_out(["到2025年，数字经济核心产业增加值占比达到10%。", text], title="某规划")
    k = Knowledge({}, [], [], [], sentences, None)
    k.by_doc = {"d1": sentences}
    known = [Item("力争形成统一公平的现代市场体系", "Target", "t:1", ())]
    labels = [i.label for i in _horizon_clauses({"d1"}, 2035, k, known)]
    assert labels == ["数字经济将迈向繁荣成熟期", "发展水平位居世界前列"]
    assert _horizon_clauses({"d1"}, 2030, k, known) == []
