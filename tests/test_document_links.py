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
