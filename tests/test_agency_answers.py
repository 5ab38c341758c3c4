"""'哪个部门负责…', 'who should organise …': the bodies the text gives that duty, each cited by its sentence —
not the document's issuer, and not a body merely named."""
from __future__ import annotations

from types import SimpleNamespace

from search.question import Question
from search.sentences import Sentence
from search.statements import agencies_for_topic, asks_agency
from sentence_fixtures import laid_out

TEXTS = ["本规划由国务院印发。",
         "国家发展改革委、中央网信办要会同有关部门加强督促指导，适时组织开展评估。",
         "依据《国家统计局统计调查办法》开展评估。"]


def knowledge():
    return SimpleNamespace(by_doc={"d1": laid_out(TEXTS, source="plan.txt", title="某规划")})


def test_the_bodies_given_the_duty_are_the_answer():
    q = Question("规划实施情况的评估由哪个部门组织？")
    q.terms = ["实施", "评估"]
    assert asks_agency(q)
    a = agencies_for_topic(q, SimpleNamespace(), knowledge())
    assert a.found and [i.label for i in a.items] == ["国家发展改革委", "中央网信办"]
    assert a.items[0].citations[0].text == TEXTS[1]


def test_the_issuer_question_is_not_a_duty_question():
    assert not asks_agency(Question("这份规划由哪个部门印发？"))
    assert asks_agency(Question("Who should organise the evaluation of the plan?"))


def test_no_body_with_that_duty_is_not_found():
    q = Question("数据共享由哪个部门负责？")
    q.terms = ["数据共享"]
    assert not agencies_for_topic(q, SimpleNamespace(), knowledge()).found


def test_which_cities_are_the_places_of_the_clause_on_the_topic():
    """'哪些城市要建国家物流枢纽': the hubs of the clause that says 国家物流枢纽, not the provincial ones the same
    sentence lists next."""
    from graph.gazetteer import load_gazetteer
    from search.statements import places_for_topic

    text = "推进昆明、大理等国家物流枢纽建设,启动文山、临沧等省级重点物流枢纽建设。"
    s = Sentence("d1", "plan.txt", "某规划", (), 0, len(text), text)
    k = SimpleNamespace(sentences=[s], home=None)
    q = Question("规划中哪些城市要建国家物流枢纽？")
    q.terms = ["城市", "要建", "国家", "物流枢纽"]
    a = places_for_topic(q, SimpleNamespace(gazetteer=load_gazetteer()), k)
    assert [i.label for i in a.items] == ["昆明", "大理"]


def test_a_duty_holder_named_by_its_role():
    sentences = [Sentence("d1", "a.txt", "某意见", (), 0, 40, "建立工作部门联席会议，由省卫生健康部门牵头，有关部门参加。")]
    q = Question("Who leads the joint meeting?")
    q.terms = ["联席会议"]
    a = agencies_for_topic(q, SimpleNamespace(), SimpleNamespace(by_doc={"d1": sentences}))
    assert a.found and [i.label for i in a.items] == ["省卫生健康部门"]


def test_two_places_compared_by_the_sentence_that_names_both():
    from graph.gazetteer import load_gazetteer
    from search.text_answers import compare

    text = "率先推动瑞丽在跨境电商、跨境金融等领域取得创新成果,推动河口在加工贸易、商贸物流等方面取得新进展。"
    s = Sentence("d1", "plan.txt", "某规划", (), 0, len(text), text)
    k = SimpleNamespace(containing=lambda t: [s] if t in text else [])
    q = Question("Compare what the plan asks of Ruili and Hekou.")
    q.places = [("adcode:533102", "Ruili"), ("adcode:532532", "Hekou")]
    a = compare(q, SimpleNamespace(gazetteer=load_gazetteer()), k)
    assert [i.label for i in a.items] == ["率先推动瑞丽在跨境电商、跨境金融等领域取得创新成果", "推动河口在加工贸易、商贸物流等方面取得新进展"]


def test_years_of_a_place_plan_are_asked_of_its_targets_not_of_the_reports():
    from search.ask import _series_years

    k = SimpleNamespace(series_docs={"政府工作报告": {"r2023", "r2025"}}, doc_years={"r2023": 2023, "r2025": 2025})
    q = Question("广州家庭医生数的目标在2023年和2025年分别是多少？")
    q.years = [2023, 2025]
    assert _series_years(q, k)          # the reports of those years exist: a bare question asks of them …
    k.series_docs = {}
    assert not _series_years(q, k)      # … and without a series the years are the targets' years


def test_the_session_a_report_opens_with_as_its_we_is_its_session():
    from search.graph_answers import OPENING_SESSION

    m = OPENING_SESSION.search("各位代表：\n\n我们第一届全国人民代表大会第一次会议，在听了关于草案的报告")
    assert m and m.group(2) == "第一届全国人民代表大会第一次会议"
    assert OPENING_SESSION.search("我们在会议上讨论了") is None
