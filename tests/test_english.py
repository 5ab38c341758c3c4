"""English questions: their policy words, document mentions, places and sections link to what the Chinese
documents say, so they get the answers their Chinese counterparts get."""
from __future__ import annotations

import re

import pytest

from search.question import _english_mention, chinese_term_groups, english_terms


def mention(question: str, kind: str) -> str:
    m = re.search(rf"\b{kind}\b", question)
    begin, end = _english_mention(question, m.start(), m.end())
    return question[begin:end]


def test_hyphenated_words_are_translated_like_spaced_ones():
    groups = chinese_term_groups("What deficit-to-GDP ratio did the report plan?")
    assert ("赤字",) in groups and any("国内生产总值" in g for g in groups)
    assert chinese_term_groups("labour intensive industries")[0] == chinese_term_groups("labour-intensive")[0]


def test_ordinal_five_year_plans_get_their_chinese_names():
    assert ("十四五", "第十四个五年") in chinese_term_groups("the 14th Five-Year digital economy plan")
    assert ("一五", "第一个五年") in chinese_term_groups("In the First Five-Year Plan, how many units")


def test_the_longest_phrase_wins():
    groups = chinese_term_groups("How many imports and exports")
    assert groups == [("进出口",)]


def test_vocabulary_rows_are_well_formed():
    rows = english_terms()
    assert len(rows) > 600
    for phrase, words in rows:
        assert phrase == phrase.lower() and words and all(re.search(r"[\u4e00-\u9fff]", w) or w.isascii()
                                                          for w in words)


@pytest.mark.parametrize("question, kind, expected", [
    ("How many activities are in the campaign of the county economy opinion?", "opinion", "county economy opinion"),
    ("What did the 2016 report say about the 13th Five-Year Plan's upgrading?", "report", "2016 report"),
    ("Who is the notice on the regional coordinated development plan addressed to?", "notice",
     "notice on the regional coordinated development"),
    ("Who counts as a recipient under Guangzhou's home and community elderly-care measures?", "measures",
     "Guangzhou's home and community elderly-care measures"),
])
def test_a_document_mention_is_the_run_of_words_that_names_it(question, kind, expected):
    assert mention(question, kind) == expected


def test_english_question_names_the_document_by_its_translated_title(seed_workspace):
    from search.question import link

    q = link("What are the main tasks of the county economy opinion?", seed_workspace, seed_workspace.knowledge)
    assert [d.label for d in q.documents] and "县域经济" in q.documents[0].label


@pytest.fixture(scope="module")
def linked(seed_workspace):
    from search.question import link

    return lambda text: link(text, seed_workspace, seed_workspace.knowledge)


def test_a_region_named_by_direction_and_province_is_the_region_not_the_province(linked):
    q = linked("Which prefectures belong to the western Yunnan region?")
    assert [r.label for r in q.regions] == ["滇西"] and not q.places
    assert [r.label for r in linked("What role does the plan give to the Dianzhong region?").regions] == ["滇中"]


def test_a_project_named_by_its_romanised_name_and_translated_rest(linked):
    q = linked("Which goal does creating Gaoligongshan National Park serve?")
    assert [p.label for p in q.projects] == ["高黎贡山国家公园"]
    assert "〈项目〉" in q.masked() and "国家公园" not in [w for g in q.english_groups for w in g]


def test_a_chapter_named_by_its_translated_words(linked):
    q = linked("What sections make up the chapter on revitalising special types of regions?")
    assert q.sections == ["推动特殊类型地区振兴"]


def test_the_plan_is_the_one_plan_and_list_the_verb_names_no_document(linked):
    q = linked("Which projects does the plan list for Qujing?")
    assert [d for d in q.documents] and all("规划" in d.label for d in q.documents)
    assert q.places and q.places[0][1] == "Qujing"


def test_numbers_with_units_are_written_as_the_documents_write_them():
    groups = chinese_term_groups("Which documents address extending land contracts by 30 years?")
    assert ("30年",) in groups and ("延长",) in groups
    assert ("六大",) in chinese_term_groups("Which are the six major river systems?")


def test_a_real_place_the_corpus_lacks_named_in_english_is_not_found(seed_workspace):
    a = seed_workspace.ask("What projects do the documents assign to Huize county?").to_json()
    assert not a["found"] and "会泽" in a["answer"]


def test_common_english_words_are_no_corpus_keys(linked):
    q = linked("Which documents are valid for five years?")
    assert "documents" not in q.terms and "valid" not in q.terms and "有效期" in q.terms
    assert "M2" in linked("What broad money (M2) growth target was set?").terms
