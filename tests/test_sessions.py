"""A congress session named in a question (Chinese or English) finds the documents of that session."""
from __future__ import annotations

from graph.records import Item
from search.knowledge import Knowledge, session_of
from search.question import documents_of_session, session_mentions


def test_a_session_is_read_from_a_report_opening_and_from_a_resolution_title():
    assert session_of("各位代表：\n\n我们第一届全国人民代表大会第一次会议，在听了关于草案的报告") == "1-1"
    assert session_of("1957年6月26日在第一届全国人民代表大会第四次会议上的报告") == "1-4"
    assert session_of("第十三届全国人民代表大会第二次会议关于政府工作报告的决议 会议听取了…") == "13-2"
    assert session_of("现在，我代表国务院，向大会报告政府工作") is None


def test_a_session_is_named_in_chinese_or_in_english():
    assert [m[0] for m in session_mentions("第二届全国人民代表大会第三次会议批准了谁的报告？")] == ["2-3"]
    assert [m[0] for m in session_mentions(
        "Which report did the Third Session of the Second National People's Congress approve?")] == ["2-3"]
    assert [m[0] for m in session_mentions("What did the 1st session of the 14th NPC adopt?")] == ["14-1"]


def _doc(doc_id: str, title: str) -> Item:
    return Item(title, "Document", f"doc:{doc_id}", (), {"doc_id": doc_id})


def test_the_report_of_the_session_is_found_but_not_a_report_of_another_session_the_same_year():
    docs = [_doc("r2019", "2019年政府工作报告"), _doc("v2019", "第十三届全国人民代表大会第二次会议关于政府工作报告的决议"),
            _doc("r1958", "1958年政府工作报告"), _doc("v23", "第二届全国人民代表大会第三次会议关于政府工作报告的决议")]
    k = Knowledge({}, [], [], docs, [], None)
    k.series_docs = {"政府工作报告": {"r2019", "r1958"}}
    k.doc_years = {"r2019": 2019, "v2019": 2019, "r1958": 1958, "v23": 1958}   # v23's year inferred wrongly
    k.doc_sessions = {"v2019": "13-2", "r1958": "1-5", "v23": "2-3"}
    assert [d.uri for d in documents_of_session("13-2", k)] == ["doc:r2019"]
    assert [d.uri for d in documents_of_session("2-3", k)] == ["doc:v23"]


def test_the_speaker_named_before_the_title():
    from search.graph_answers import SPEAKER_NAMED_FIRST

    m = SPEAKER_NAMED_FIRST.search("会议听取了周恩来总理代表国务院所作的政府工作报告")
    assert m and m.group(1) == "周恩来"
