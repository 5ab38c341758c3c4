"""Values the text states although the graph recorded no target for them, abbreviated titles, year ranges and
the particulars of when a document is in force."""
from __future__ import annotations

from types import SimpleNamespace

from graph.records import Item
from search.graph_answers import IN_FORCE
from search.question import YEAR, Question, _by_abbreviation, _in_order
from search.sentences import Sentence
from search.values import value_clauses

REVIEW = ("一、2024年工作回顾",)
PLAN = ("二、2025年工作安排",)


def _knowledge(rows):
    sentences, pos = [], 0
    for path, text in rows:
        sentences.append(Sentence("r1", "r.jsonl", "2025年某报告", path, pos, pos + len(text), text))
        pos += len(text) + 1
    from search.knowledge import Knowledge

    k = Knowledge({}, [], [], [], sentences, None)
    k.by_doc, k.doc_years = {"r1": sentences}, {"r1": 2025}
    return k


def test_the_stated_value_is_quoted_from_the_plan_not_from_the_review():
    k = _knowledge([(REVIEW, "全年新增光纤用户3000万户，比上年增长10%。"),
                    (PLAN, "今年要新增光纤用户2000万户以上，行政村通光纤比例达到98%。")])
    q = Question("今年新增光纤用户目标是多少？", terms=["新增", "光纤", "用户"])
    items = value_clauses(q, None, k, [("新增",), ("光纤",), ("用户",)], looking_forward=True)
    assert items and "2000万户" in items[0].label
    assert all("3000万户" not in i.label for i in items)
    cite = items[0].citations[0]
    assert k.sentences[1].text[cite.char_start - k.sentences[1].char_start:][:len(cite.text)] == cite.text


def test_a_question_about_the_present_keeps_the_review():
    k = _knowledge([(REVIEW, "全年新增光纤用户3000万户，比上年增长10%。")])
    q = Question("去年新增光纤用户多少？", terms=["新增", "光纤", "用户"])
    items = value_clauses(q, None, k, [("新增",), ("光纤",), ("用户",)], looking_forward=False)
    assert items and "3000万户" in items[0].label


def test_no_value_is_quoted_when_the_words_are_not_there_or_only_a_year_is():
    k = _knowledge([(PLAN, "推动1980年以来的改革继续深化。")])
    q = Question("改革的目标是多少？", terms=["改革"])
    assert value_clauses(q, None, k, [("改革",)], looking_forward=True) == []
    q = Question("光纤目标是多少？", terms=["光纤"])
    assert value_clauses(q, None, k, [("光纤",)], looking_forward=True) == []


def test_an_abbreviation_keeps_the_titles_characters_in_order():
    assert _in_order("广州公租房", "广州市公共租赁住房管理办法")
    assert not _in_order("广州房租", "广州市公共租赁住房管理办法")
    docs = [Item("广州市公共租赁住房管理办法", "Document", "d1", (), {"doc_id": "d1"}),
            Item("广州市居家社区养老服务管理办法", "Document", "d2", (), {"doc_id": "d2"})]
    k = SimpleNamespace(documents=docs, doc_names={})
    assert [d.uri for d in _by_abbreviation("广州公租房", "办法", k)] == ["d1"]
    assert _by_abbreviation("广州养老", "办法", k)[0].uri == "d2"
    assert _by_abbreviation("广州管理", "办法", k) == []      # both titles hold it: no document in particular


def test_a_range_of_years_names_both_years():
    assert YEAR.findall("2002至2005年，每年拟发行的国债分别是多少？") == ["2002", "2005"]
    assert YEAR.findall("2007年到2010年的报告") == ["2007", "2010"]


def test_when_a_document_is_in_force():
    text = "具体审核确认有效期按《目录》（附件1）执行。十二、本通知自2019年7月1日起实施，有效期5年。自印发之日起施行。"
    assert [m.group(0) for m in IN_FORCE.finditer(text)] == ["自2019年7月1日起实施", "有效期5年", "自印发之日起施行"]


def test_the_duties_of_a_named_body_are_the_clauses_after_its_duty_verb():
    from search.statements import duties_of_body

    k = _knowledge([(PLAN, "市民政部门是主管部门。市、区卫生健康部门负责统筹推进医养结合，指导医疗卫生机构提供便捷医疗服务。"),
                    (PLAN, "市医疗保障部门负责组织实施长期护理保险制度工作。")])
    a = duties_of_body(Question("卫生健康部门负责哪些事？"), None, k)
    assert [i.label for i in a.items] == ["统筹推进医养结合", "指导医疗卫生机构提供便捷医疗服务"]
    assert duties_of_body(Question("卫生健康部门在哪一章？"), None, k) is None      # no duty asked


def test_a_province_beside_a_prefecture_inside_it_only_qualifies_the_document():
    from search.ask import without_containers

    q = Question("What does the Yunnan plan lay out for Diqing?",
                 places=[("adcode:533400", "迪庆州"), ("adcode:530000", "Yunnan")])
    assert [p[1] for p in without_containers(q).places] == ["迪庆州"]
    two = Question("昆明和曲靖", places=[("adcode:530100", "昆明"), ("adcode:530300", "曲靖")])
    assert len(without_containers(two).places) == 2


def test_a_five_year_plan_named_in_a_question_gives_the_goals_year():
    from search.graph_answers import planned_period

    assert planned_period(Question("“十二五”时期的主要目标", terms=["十二五", "主要目标"]))[0] == 2015
    assert planned_period(Question("十五期间", terms=["十五", "期间"]))[0] == 2005
    assert planned_period(Question("第六个五年计划", terms=["第六个五年计划"]))[0] == 1985
    assert planned_period(Question("今年的目标", terms=["今年", "目标"]))[0] is None


def test_numbered_boxes_are_counted_by_their_numbers():
    from search.text_answers import _numbered_labels

    text = "前言\n专 栏 1 \u3000 核 心 技 术 工 程\n正文。\n专栏2 信息产业\n专 栏 1 0 末尾\n" + "".join(
        f"专栏{n} 某工程\n" for n in range(3, 10))
    doc = SimpleNamespace(document=SimpleNamespace(text=text, source="p.pdf", doc_id="d1"))
    ws = SimpleNamespace(documents={"d1": doc})
    q = Question("规划有多少个专栏？", terms=["专栏"], documents=[Item("某规划", "Document", "d1", (), {"doc_id": "d1"})])
    a = _numbered_labels(q, ws, None)
    assert a.items[0].label == "10个专栏"
    assert a.items[0].citations[0].text == text[a.items[0].citations[0].char_start:a.items[0].citations[0].char_end]
    gap = Question("规划有多少个专栏？", terms=["专栏"], documents=q.documents)
    doc.document = SimpleNamespace(text="专栏1 甲\n专栏3 乙\n", source="p.pdf", doc_id="d1")
    assert _numbered_labels(gap, ws, None) is None      # 1 and 3: not a numbered run the count can trust


def test_of_a_list_of_places_tasks_the_part_naming_the_place_is_kept():
    from graph.records import Evidence
    from search.ask import _own_part

    text = "推动保山市建设国际文化旅游胜地、大理州建设国际旅游名城、丽江市建设世界文化旅游名城"
    item = Item(text, "Passage", "d#0", (Evidence("a.txt", "d", (), 100, 100 + len(text), text, "explicit"),))
    own = _own_part(item, ["丽江市", "丽江"])
    assert own.label == "丽江市建设世界文化旅游名城"
    c = own.citations[0]
    assert text[c.char_start - 100:c.char_end - 100] == c.text == own.label


def test_a_rate_is_quoted_as_the_rate_without_the_figure_it_moves_from():
    from search.graph_answers import _rate_forms
    from search.values import without_baseline

    k = _knowledge([(PLAN, "今年拟安排财政赤字3万亿元，赤字率从去年的2.8%提高到3%。")])
    q = Question("今年的财政赤字率是多少？", terms=["财政赤字"])
    rates = _rate_forms("财政赤字", q, k)
    assert rates == ("赤字率",)                      # the corpus says 赤字率, not 财政赤字率
    items = value_clauses(q, None, k, [rates], looking_forward=True)
    assert [i.label for i in items] == ["赤字率提高到3%"]
    assert "2.8%" in items[0].citations[0].text      # the citation keeps the whole clause
    assert _rate_forms("财政赤字", Question("今年的财政赤字是多少？", terms=["财政赤字"]), k) == ()
    assert without_baseline("由平均每年百分之六调高到百分之八") == "调高到百分之八"
    assert without_baseline("由政府调整到市场") == "由政府调整到市场"       # no figure: nothing is dropped


def test_a_document_about_the_entity_speaks_of_it_where_no_sentence_names_it():
    from search.statements import entity_sentences

    rows = [("通知", "天河区幼儿园招生工作如下。"), ("录取", "教育部门办幼儿园于6月5日发出录取通知书。"),
            ("其他", "其他部门办幼儿园另行安排。")]
    sentences, pos = [], 0
    for path, text in rows:
        sentences.append(Sentence("d1", "d.html", "天河区幼儿园招生工作方案", (path,), pos, pos + len(text), text))
        pos += len(text) + 1
    other = Sentence("d2", "e.html", "某市养老办法", ("x",), 0, 20, "录取通知书由市里统一发出。")
    k = SimpleNamespace(sentences=sentences + [other], by_doc={"d1": sentences, "d2": [other]},
                        documents=[Item("天河区幼儿园招生工作方案", "Document", "d1", (), {"doc_id": "d1"}),
                                   Item("某市养老办法", "Document", "d2", (), {"doc_id": "d2"})],
                        containing=lambda *ws: [s for s in sentences + [other] if all(w in s.text for w in ws)])
    q = Question("天河区什么时候发出录取通知书？", terms=["录取通知书"], subject="天河区")
    found = [s.text for _, s, _ in entity_sentences(q, None, k)]
    assert found == ["教育部门办幼儿园于6月5日发出录取通知书。"]     # not the other city's document


def test_a_schedule_of_rates_is_quoted_whole_under_the_heading_that_names_it():
    star = ("第三十六条", "（二）星级评定补贴。")
    k = _knowledge([(star, "服务组织被评定为星级的，可享受星级评定补贴。"),
                    (star, "被评为五星级的给予10万元，四星级的给予5万元，三星级的给予3万元。"),
                    (("第三十七条",), "申请星级评定补贴的，应当于每年3月份提交申请。")])
    q = Question("服务组织的星级评定补贴是多少？", terms=["服务组织", "星级评定补贴"])
    items = value_clauses(q, None, k, [("服务组织",), ("星级评定补贴",)], looking_forward=False,
                          sections=["星级评定补贴"])
    assert items and items[0].label == "被评为五星级的给予10万元，四星级的给予5万元，三星级的给予3万元"
