"""The precomputed lookups behind fast answers give what a plain scan gives: sentence and goal postings, the
kept SELECT results of a read-only store, entity resolution by key or label."""
from __future__ import annotations

import itertools

import pytest

from graph import queries as q
from graph.build import load
from graph.records import Evidence, Item
from graph.store import OxigraphStore
from graph_fixtures import corpus
from search.knowledge import Knowledge
from search.sentences import Sentence

TEXTS = [
    "到2025年,全省经济总量达到1万亿元。", "推进昭阳区机场建设。", "建设乌蒙山铁路,助力经济总量目标。",
    "GDP growth of about 5%.", "国内生产总值增长5%左右。", "𠀀字与𠀀𠀁相连。", "经济", "总量",
]


def knowledge() -> Knowledge:
    sentences = [Sentence(f"d{i % 3}", f"s{i % 3}.txt", "t", (), 0, len(t), t) for i, t in enumerate(TEXTS)]
    goals = [Item(label, "Goal", f"g{i}", (), {"metric": metric} if metric else {})
             for i, (label, metric) in enumerate([("全省经济总量达到1万亿元", "经济总量"), ("机场建成", None),
                                                   ("增长5%左右", "国内生产总值")])]
    k = Knowledge({}, [], [], [], sentences, None, goals)
    for s in sentences:
        k.by_doc.setdefault(s.doc_id, []).append(s)
    return k


def scan(k: Knowledge, *terms: str) -> list[Sentence]:
    return [s for s in k.sentences if all(t in s.text for t in terms)]


def test_sentence_lookup_gives_what_a_scan_gives():
    k = knowledge()
    words = ["经济", "总量", "经济总量", "5%", "增长", "机场", "铁路", "𠀀", "𠀀𠀁", "字", "GDP", "about 5", "没有的词",
             "。", "量目"]
    for n in (1, 2):
        for terms in itertools.combinations(words, n):
            assert k.containing(*terms) == scan(k, *terms), terms
            assert k.containing(*terms) == scan(k, *terms), terms      # asked again: the kept answer
    assert k.containing("经济", doc_id="d0") == [s for s in scan(k, "经济") if s.doc_id == "d0"]
    assert k.containing("") == k.sentences


def test_returned_lists_are_the_callers_own():
    k = knowledge()
    k.containing("经济").clear()
    assert k.containing("经济") == scan(k, "经济")


def test_documents_and_goals_by_word():
    k = knowledge()
    assert k.documents_with("经济") == {s.doc_id for s in scan(k, "经济")}
    assert k.documents_with("没有的词") == frozenset()
    assert k.goals_with_any(["经济总量"]) == [0]
    assert k.goals_with_any(["国内生产总值", "机场"]) == [1, 2]
    assert k.goals_with_any(["没有的词"]) == []


def test_new_sentences_are_seen():
    k = knowledge()
    assert k.containing("新词") == []
    k.sentences.append(Sentence("d9", "s9.txt", "t", (), 0, 3, "有新词"))
    assert [s.doc_id for s in k.containing("新词")] == ["d9"]


@pytest.fixture(scope="module")
def read_only_store(tmp_path_factory):
    path = tmp_path_factory.mktemp("graph") / "store"
    writer = OxigraphStore(path)
    load(writer, *corpus())
    writer.close()
    del writer
    return OxigraphStore(path, read_only=True)


def test_read_only_store_answers_a_repeated_query_the_same(read_only_store):
    sparql = "SELECT DISTINCT ?p ?label WHERE { ?p a pkg:Project ; skos:prefLabel ?label } ORDER BY ?label"
    first = read_only_store.select(sparql)
    assert [str(r["label"]) for r in first] == ["乌蒙山铁路", "昭阳区机场"]
    first[0]["label"] = "changed by the caller"
    first.append({})
    again = read_only_store.select(sparql)
    assert [str(r["label"]) for r in again] == ["乌蒙山铁路", "昭阳区机场"]


def test_named_queries_on_a_read_only_store(read_only_store):
    assert {i.label for i in q.projects_by_place(read_only_store, "昭通市")} == {"昭阳区机场", "乌蒙山铁路"}
    assert {i.label for i in q.projects_by_place(read_only_store, "昭通市")} == {"昭阳区机场", "乌蒙山铁路"}
    goals = q.goals_by_place(read_only_store, "adcode:530000")
    assert goals and all(i.type == "Goal" for i in goals)


def test_resolve_by_key_label_and_part_of_a_label(read_only_store):
    by_key = q.resolve(read_only_store, "adcode:530600", "place")
    assert by_key is not None
    assert q.resolve(read_only_store, "昭通市", "place") == by_key
    assert q.resolve(read_only_store, "昭通", "place") == by_key
    assert q.resolve(read_only_store, "拉萨", "place") is None


def test_outline_of_one_document_in_order():
    k = knowledge()
    k.headings = [("d1", "a.txt", "一、目标"), ("d2", "b.txt", "第一章"), ("d1", "a.txt", "二、布局")]
    assert k.headings_of("d1") == ["一、目标", "二、布局"]
    k.headings_of("d1").clear()
    assert k.headings_of("d1") == ["一、目标", "二、布局"]
    assert k.headings_of("d9") == []
