"""Features of candidate project names that carry to words and documents the filter was never trained on."""
from __future__ import annotations

from graph.project_candidates import ITEM_LIST, document_context, word_features


def test_a_document_tells_its_kind_from_the_last_word_of_its_title():
    assert "doc=办法" in document_context("某市人民政府办公厅关于印发某市公共租赁住房管理办法的通知")
    assert "doc=规划" in document_context("国务院关于印发“十三五”某某规划的通知")
    assert "doc=报告" in document_context("1999年某某政府工作报告")
    assert ITEM_LIST in document_context("某省投资项目审批事项清单") and document_context(None) == ()


def test_the_word_classes_of_a_name_are_read_not_only_its_words():
    opened_by_verb = word_features("申请公共租赁住房")
    assert "p0=v" in opened_by_verb   # (申请…: a clause about the housing, not a name of it)
    assert "mfreq=hi" in word_features("社会主义制度")   # (one common word before the head: a kind, not a name)
    assert "mfreq=hi" not in word_features("河长制度")
    assert "whole=l" in word_features("退耕还林")   # (a set phrase that is itself a measure)

