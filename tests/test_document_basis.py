"""A document's basis: the documents its opening says it implements, asked as one of its particulars."""
from __future__ import annotations

from search.focus import METADATA, Slots, asks_basis, choose
from search.graph_answers import _basis_documents


def test_the_documents_an_opening_cites_as_its_basis_are_read_in_order():
    text = "各区：\n根据《甲市幼儿园管理办法》和《乙省学前教育条例》精神，结合实际，制定本方案。\n一、工作目标\n参照《丙标准》执行。"
    titles = [t for _, _, t in _basis_documents(text)]
    assert titles == ["甲市幼儿园管理办法", "乙省学前教育条例"]
    start, end, _ = _basis_documents(text)[0]
    assert text[start:end] == "《甲市幼儿园管理办法》"


def test_a_title_far_into_the_body_is_no_basis():
    assert _basis_documents("一、总体要求\n" + "加强管理。" * 400 + "根据《某办法》执行。") == []


def test_a_question_about_the_basis_of_a_named_document_asks_its_particulars():
    assert asks_basis("这份实施意见是根据哪份文件制定的？") and asks_basis("Which document is the notice based on?")
    assert not asks_basis("这份实施意见提出了哪些目标？")
    assert choose("〈文件〉是根据哪份文件制定的？", Slots(documents=1)) == METADATA
