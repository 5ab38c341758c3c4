"""A question names a document by a few of its title's rarer words, not only by a stretch of the title."""
from __future__ import annotations

from types import SimpleNamespace

from search.question import _link_by_title_words

TITLES = [
    "某某市某区教育局关于印发《2030年某某市某区幼儿园招生工作方案》的通知",
    "某某市人民政府办公厅关于印发某某市公共租赁住房管理办法的通知",
    "某某市医疗保障局关于门诊特定病种费用范围及标准的通知",
    "2029年中华人民共和国国务院政府工作报告",
    "2030年中华人民共和国国务院政府工作报告",
]


def knowledge():
    return SimpleNamespace(documents=[SimpleNamespace(label=t) for t in TITLES])


def test_several_rare_title_words_name_the_document():
    (doc,) = _link_by_title_words("某区2030年幼儿园小班招收哪个时间段出生的孩子？", knowledge())
    assert doc.label == TITLES[0]


def test_words_every_title_shares_or_too_few_words_name_none():
    assert _link_by_title_words("2030年的工作报告说了什么？", knowledge()) == []    # a series: no title stands out
    assert _link_by_title_words("幼儿怎么照顾？", knowledge()) == []


def linking_knowledge():
    from graph.records import Item

    titles = ["某某市医疗保障局关于门诊特定病种费用范围及标准的通知",
              "某省人民政府办公厅关于促进3岁以下婴幼儿照护服务发展的实施意见",
              "某某市卫生健康委员会关于推进家庭医生签约服务高质量发展的实施方案"]
    docs = [Item(t, "Document", f"doc:{i}", (), {"doc_id": f"d{i}"}) for i, t in enumerate(titles)]
    return SimpleNamespace(documents=docs, doc_names={}, doc_years={}, place_names=[("某省", "p1")],
                           containing=lambda word, doc_id=None: [])


def test_a_kind_word_used_as_a_common_noun_names_no_document():
    from search.question import link_documents

    k = linking_knowledge()
    assert link_documents("做医养结合的机构能拿到什么补贴，标准是怎样的？", k)[0] == []
    (doc,), _ = link_documents("门诊特定病种标准里规定了哪些病种？", k)
    assert doc.attrs["doc_id"] == "d0"


def test_joining_words_of_a_mention_are_no_part_of_the_title():
    from search.question import link_documents

    (doc,), _ = link_documents("某省那份关于托育服务的实施意见是哪天印发的？", linking_knowledge())
    assert doc.attrs["doc_id"] == "d1"


def test_an_english_mention_keeps_modifiers_the_glossary_lacks():
    from search.question import _english_mention

    q = "What targets does Guangzhou's family doctor contracted service plan set for 2035?"
    start = q.index("plan")
    begin, _ = _english_mention(q, start, start + 4)
    assert q[begin:start].strip() == "Guangzhou's family doctor contracted service"
