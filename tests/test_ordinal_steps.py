"""'两步设想分别是什么': the steps the text opens with 第一步 … 第二步, not a later sentence that refers back."""
from __future__ import annotations

from types import SimpleNamespace

from search.question import Question
from search.text_answers import ordinal_steps
from sentence_fixtures import laid_out

TEXTS = ["我国国民经济的发展，可以按两步来设想：第一步，用十年时间建成比较完整的工业体系；第二步，在本世纪内全面实现现代化。",
         "今年要为实现上述的第一步设想打下更牢固的基础。"]


def knowledge():
    return SimpleNamespace(by_doc={"d1": laid_out(TEXTS, source="r.jsonl", title="某年政府工作报告")})


def test_the_steps_in_order_each_cited():
    q = Question("报告提出的国民经济发展两步设想分别是什么？")
    q.terms = ["国民经济", "设想"]
    a = ordinal_steps(q, knowledge())
    assert a.found and [i.label[:3] for i in a.items] == ["第一步", "第二步"]
    assert a.items[1].citations[0].text.startswith("第二步，在本世纪内")


def test_no_steps_asked_no_steps_answer():
    q = Question("国民经济怎么发展？")
    q.terms = ["国民经济"]
    assert ordinal_steps(q, knowledge()) is None


SPELLED = ["国务院决定对基本建设坚决实行“三保三压”的方针，即保计划内建设，压计划外建设；", "保生产性建设，压非生产性建设；",
           "保重点建设，压非重点建设。", "翻两番的战略目标必须分两步走。", "前十年，主要是打好基础；", "后十年，争取进入新的振兴时期。",
           "今年是实施“一五”计划的第三年。"]


def spelled_knowledge():
    sentences = laid_out(SPELLED, source="r.jsonl", title="某年政府工作报告", gap=0)
    return SimpleNamespace(by_doc={"d1": sentences}, containing=lambda t: [s for s in sentences if t in s.text])


def test_a_numbered_term_is_answered_by_the_parts_the_text_spells_out():
    from search.text_answers import announced_list

    q = Question("What was the “三保三压” policy?")
    q.quoted = ["三保三压"]
    a = announced_list(q, spelled_knowledge())
    assert [i.label for i in a.items] == ["保计划内建设，压计划外建设", "保生产性建设，压非生产性建设", "保重点建设，压非重点建设"]
    a = announced_list(Question("翻两番的战略目标分哪两步走？"), spelled_knowledge())
    assert [i.label for i in a.items] == ["前十年，主要是打好基础", "后十年，争取进入新的振兴时期"]


def test_a_term_the_text_does_not_spell_out_is_no_list():
    from search.text_answers import announced_list

    assert announced_list(Question("“一五”计划是哪一年开始的？"), spelled_knowledge()) is None
    assert announced_list(Question("三保三压是哪年提出的？"), SimpleNamespace(by_doc={}, containing=lambda t: [])) is None
