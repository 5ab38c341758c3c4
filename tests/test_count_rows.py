"""A list printed as a numbered table is counted by its rows, not by a number found in another document."""
from __future__ import annotations

from types import SimpleNamespace

from search.question import Question
from search.text_answers import _numbered_rows

TABLE = ("附件1\n示例事项清单\n序号\t事项名称\t审批部门\n1\t甲事项审批\t某局\n2\t乙事项审批\t某局\n3\t丙事项\n核准\t某厅\n"
         "注：本清单未列事项按规定办理。\n序号\t事项名称\n1\t丁事项\n2\t戊事项\n")


def corpus(text: str):
    doc = SimpleNamespace(document=SimpleNamespace(text=text, source="list.pdf", doc_id="d1"))
    return SimpleNamespace(documents=SimpleNamespace(get=lambda doc_id: doc if doc_id == "d1" else None))


def test_numbered_rows_of_each_table_are_summed_and_cited():
    a = _numbered_rows(Question("这份清单一共列了多少个事项？"), corpus(TABLE), "d1")
    assert a.found and a.items[0].label == "5"
    cite = a.items[0].citations[0]
    assert TABLE[cite.char_start:cite.char_end] == cite.text and cite.text.startswith("2\t戊事项")


def test_text_without_numbered_rows_counts_nothing():
    assert _numbered_rows(Question("一共多少项？"), corpus("一、总体要求\n1. 坚持原则。\n"), "d1") is None


def _sentences_knowledge(texts: list[str]):
    from sentence_fixtures import laid_out

    sentences = laid_out(texts, title="某意见")
    by_doc: dict = {}
    for s in sentences:
        by_doc.setdefault(s.doc_id, []).append(s)
    return SimpleNamespace(sentences=sentences, series_docs={}, by_doc=by_doc,
                           sentence_index=lambda doc_id, start: next(
                               (i for i, s in enumerate(by_doc.get(doc_id, [])) if s.char_start == start), None),
                           containing=lambda t: [s for s in sentences if t in s.text])


def test_a_count_written_in_chinese_numerals_is_found():
    from search.text_answers import count

    k = _sentences_knowledge(["加上农业、林业、水利方面的二百五十二个限额以上单位。", "建成一个中心。"])
    q = Question("农业、林业、水利方面的限额以上单位有多少个？")
    q.terms = ["农业", "林业", "水利", "限额以上"]
    a = count(q, SimpleNamespace(), k)
    assert a.found and a.items[0].label == "二百五十二个"


def test_a_count_stated_for_another_year_is_no_answer():
    from search.text_answers import count

    k = _sentences_knowledge(["到2030年,地区生产总值超过500亿元的县(市)达到15个。"])
    q = Question("2025年地区生产总值超过500亿元的县有多少个？")
    q.terms, q.years = ["地区生产总值", "500亿元"], [2025]
    assert not count(q, SimpleNamespace(), k).found
    q.years = [2030]
    assert count(q, SimpleNamespace(), k).found


def test_the_year_of_a_count_may_stand_in_the_sentence_before():
    from search.text_answers import count

    k = _sentences_knowledge(["到2030年,全省经济总量再上新台阶。", "地区生产总值超过500亿元的县(市)达到15个。"])
    q = Question("2025年地区生产总值超过500亿元的县有多少个？")
    q.terms, q.years = ["地区生产总值", "500亿元"], [2025]
    assert not count(q, SimpleNamespace(), k).found
    q.years = [2030]
    assert count(q, SimpleNamespace(), k).found


def test_the_number_counting_the_asked_thing_beats_another_number_in_a_clause_as_near():
    from search.text_answers import count

    k = _sentences_knowledge(["期间新建的重大项目约有六百个，甲国协助我国建设的一百四十一个项目就是骨干。"])
    q = Question("期间甲国协助我国建设的项目有多少个？")
    q.terms, q.places = ["期间", "我国"], [("country:X", "甲国")]
    a = count(q, SimpleNamespace(), k)
    assert a.found and a.items[0].label == "一百四十一个"
