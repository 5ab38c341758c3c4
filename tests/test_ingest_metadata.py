"""Front-matter extraction on the seeds and on small fixtures."""
from __future__ import annotations

from ingest.clean import clean
from ingest.metadata import extract_metadata
from ingest.read import read_documents
from ingest.records import Document, PlanningPeriod


def metadata_of(path):
    (doc,) = read_documents(path)
    return doc, extract_metadata(doc, clean(doc))


def test_seed_000_notice(corpus_dir):
    doc, meta = metadata_of(corpus_dir / "000_cb38b16a95140957.txt")
    assert meta.title == "云南省人民政府办公厅关于印发云南省“十四五”区域协调发展规划的通知"
    assert meta.doc_number == "云政办发〔2022〕25号"
    assert meta.issuers == ("云南省人民政府办公厅",)
    assert meta.addressees == ("各州、市人民政府", "省直各委、办、厅、局")
    assert meta.dates == ("2022-04-14",)
    assert meta.planning_period == PlanningPeriod(2021, 2025)
    assert meta.target_years == (2025,)
    number = meta.spans["doc_number"]
    assert doc.text[number.char_start:number.char_end] == "云政办发〔2022〕25号"
    period = meta.spans["planning_period"]
    assert doc.text[period.char_start:period.char_end] == "规划期为2021—2025年"


def test_seed_004_joint_opinion(corpus_dir):
    doc, meta = metadata_of(corpus_dir / "004_fe6cee68d844d2e2.txt")
    assert meta.title == "关于推动新时代县域经济高质量发展的意见"
    assert meta.doc_number is None
    assert meta.issuers == ("中共云南省委", "云南省人民政府")
    assert meta.addressees == ()
    # The signature date, not the web page's publish timestamp (2025-04-01).
    assert meta.dates == ("2025-03-22",)
    assert meta.planning_period is None
    assert 2030 in meta.target_years


def test_gb18030_notice_fixture(data_dir):
    _, meta = metadata_of(data_dir / "gb18030_notice.txt")
    assert meta.title == "某某市人民政府关于加快发展县域特色产业的通知"
    assert meta.doc_number == "某政发〔2023〕7号"
    assert meta.issuers == ("某某市人民政府",)
    assert meta.addressees == ("各县（市、区）人民政府", "市直各部门")
    assert meta.dates == ("2023-05-08",)
    assert meta.target_years == (2027,)


def test_planning_period_from_title(data_dir):
    _, meta = metadata_of(data_dir / "utf8_bom_plan.txt")
    assert meta.title == "关于印发某某县乡村振兴实施方案（2021—2025年）的通知"
    assert meta.planning_period == PlanningPeriod(2021, 2025)


def test_html_headline_kept_when_not_restated(data_dir):
    _, meta = metadata_of(data_dir / "gov_page.html")
    assert meta.title == "某某省人民政府关于推进数字政府建设的意见"
    assert meta.dates == ("2024-05-20",)     # not the 2024-06-01 publish timestamp
    assert meta.issuers == ("某某省人民政府",)


def test_collection_title_and_ranges_are_not_targets():
    text = ("各位代表：\n\n现在报告工作。收入比值从2015年的3.2下降到2020年的2.92。"
            "从1952年到1956年，产量增长。\n\n到2035年，基本实现现代化。力争到2027年取得突破。\n")
    doc = Document("d1", "r.jsonl#1", "r.jsonl", "jsonl", text, "h", title_hint="2021年政府工作报告")
    meta = extract_metadata(doc, clean(doc))
    assert meta.title == "2021年政府工作报告"
    assert meta.target_years == (2027, 2035)
    assert meta.doc_number is None and meta.dates == ()


def test_signature_date_in_chinese_numerals():
    text = ("某某县人民政府关于做好防汛工作的通知\n\n各乡镇：\n\n"
            "请各地认真落实防汛责任，确保安全度汛，切实保障人民群众生命财产安全，做好各项准备工作。\n\n"
            "某某县人民政府\n二〇二二年四月十四日\n")
    doc = Document("d2", "x.txt", "x.txt", "txt", text, "h")
    meta = extract_metadata(doc, clean(doc))
    assert meta.dates == ("2022-04-14",)
    assert meta.issuers == ("某某县人民政府",)
    assert meta.addressees == ("各乡镇",)


def meta_of(text: str, fmt: str = "txt", hint: str | None = None):
    doc = Document("dm", "m." + fmt, "m." + fmt, fmt, text, "h", title_hint=hint)
    return extract_metadata(doc, clean(doc))


NOTICE_BODY = "请结合实际认真贯彻执行，确保各项工作落到实处，及时报告工作进展情况和遇到的问题。\n"


def test_citation_codes_links_and_breadcrumbs_never_enter_the_title():
    for lead in ("【法宝引证码】CLI.12.345678 原文链接：https://www.example.org/a/b.html ",
                 "首页 > 政务公开 > 政策文件 > ", "《某某日报》（2023年5月9日 第03版） "):
        meta = meta_of(f"{lead}某某市人民政府关于印发示例办法的通知\n某府发〔2023〕4号\n各区人民政府：\n{NOTICE_BODY}")
        assert meta.title == "某某市人民政府关于印发示例办法的通知", lead


def test_doc_number_in_every_bracket_form():
    for number in ("某政发〔2021〕12号", "某政发[2021]12号", "某政发【2021】12号", "某政发（2021）12号",
                   "某政发(2021)12号", "某政发［2021］12号"):
        meta = meta_of(f"某某县人民政府关于示例工作的通知\n{number}\n各乡镇人民政府：\n{NOTICE_BODY}")
        assert meta.doc_number == number


def test_dates_in_arabic_chinese_and_full_width_numerals():
    for date in ("2020年2月21日", "二〇二〇年二月二十一日", "２０２０年２月２１日", "二○二○年二月二十一日"):
        meta = meta_of(f"某某县人民政府关于示例工作的通知\n各乡镇人民政府：\n{NOTICE_BODY}某某县人民政府\n{date}\n")
        assert meta.dates == ("2020-02-21",), date


def test_issuer_only_in_the_title():
    meta = meta_of(f"某某省人民政府办公厅关于促进示例服务发展的实施意见\n各市人民政府：\n{NOTICE_BODY}2020年2月21日\n")
    assert meta.issuers == ("某某省人民政府办公厅",)
    joint = meta_of(f"某某市卫生健康委等4部门关于印发示例方案的通知\n各区卫生健康局：\n{NOTICE_BODY}")
    assert joint.issuers == ("某某市卫生健康委",)
    spaced = meta_of(f"中共某某省委 某某省人民政府关于示例工作的意见\n{NOTICE_BODY}")
    assert spaced.issuers == ("中共某某省委", "某某省人民政府")
    assert spaced.title == "中共某某省委 某某省人民政府关于示例工作的意见"   # a space between issuers stays


def test_signature_beats_the_title_and_the_addressee_list_is_split():
    meta = meta_of(f"关于做好示例工作的通知\n各区人民政府，市政府各部门、各直属机构：\n{NOTICE_BODY}"
                   "某某市财政局 某某市民政局\n2022年9月6日\n")
    assert meta.issuers == ("某某市财政局", "某某市民政局")
    assert meta.addressees == ("各区人民政府", "市政府各部门", "各直属机构")


def test_a_plan_adopted_by_a_congress_gets_its_date_and_issuer():
    meta = meta_of("某某省国民经济和社会发展第十四个五年规划纲要\n"
                   "（2021年1月28日某某省第十三届人民代表大会第五次会议批准）\n" + NOTICE_BODY)
    assert meta.dates == ("2021-01-28",)
    assert meta.issuers == ("某某省第十三届人民代表大会第五次会议",)


def test_report_speaker_from_the_role_line():
    text = ("政府工作报告\n——2030年3月5日在第十六届全国人民代表大会第一次会议上\n国务院总理\u3000\n王\u3000明\n"
            "各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。\n")
    meta = meta_of(text, fmt="jsonl", hint="2030年政府工作报告")
    assert meta.speaker == "王明"
    assert meta.dates == ("2030-03-05",)
    assert meta.title == "2030年政府工作报告"
    assert meta.addressees == ()        # "各位代表：" greets an audience; a speech has no 主送机关
    plain = meta_of("各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。\n",
                    fmt="jsonl", hint="2031年政府工作报告")
    assert plain.speaker is None
    assert plain.issuers == ("国务院",)     # "我代表国务院，向大会报告…"


def test_report_speaker_on_the_line_after_its_dateline_and_issuer_from_the_title():
    text = ("政府工作报告\n1960年6月26日在第九届全国人民代表大会第四次会议上\n王明\n"
            "各位代表：\n从上次会议闭幕以来，已经整整一年了。\n")
    meta = meta_of(text, fmt="jsonl", hint="1960年中华人民共和国国务院政府工作报告")
    assert meta.speaker == "王明"
    assert meta.issuers == ("国务院",)      # named in the title; the state's name is no part of it
    no_name = meta_of("政府工作报告\n1960年6月26日在第九届全国人民代表大会第四次会议上\n各位代表：\n一年了。\n",
                      fmt="jsonl", hint="1960年政府工作报告")
    assert no_name.speaker is None


def test_joint_signature_on_stacked_lines_and_speaker_in_the_title():
    meta = meta_of(f"关于做好示例工作的通知\n各区人民政府：\n{NOTICE_BODY}"
                   "某某市卫生健康委员会\n某某市财政局\n某某市医疗保障局\n2023年10月19日\n")
    assert meta.issuers == ("某某市卫生健康委员会", "某某市财政局", "某某市医疗保障局")
    report = meta_of("各位代表：\n现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。\n",
                     fmt="jsonl", hint="政府工作报告——2030年3月5日在第十六届全国人民代表大会第一次会议上 国务院总理 王明")
    assert report.speaker == "王明"


def test_noise_on_its_own_line_above_the_title():
    meta = meta_of(f"【法宝引证码】CLI.12.345678\n某某市人民政府关于印发示例办法的通知\n各区人民政府：\n{NOTICE_BODY}")
    assert meta.title == "某某市人民政府关于印发示例办法的通知"


def test_title_period_below_and_site_names_in_the_page_title():
    meta = meta_of(f"某某县示例发展规划\n（2021—2025年）\n{NOTICE_BODY}")
    assert meta.title == "某某县示例发展规划（2021—2025年）"
    page = meta_of(f"{NOTICE_BODY}", fmt="html", hint="某某市人民政府关于示例工作的通知_政策文件_某某市人民政府网")
    assert page.title == "某某市人民政府关于示例工作的通知"


def test_joint_issuers_run_together_in_the_title_are_split():
    meta = meta_of(f"江西省财政厅江西省民政厅关于做好示例工作的通知\n各设区市财政局、民政局：\n{NOTICE_BODY}")
    assert meta.issuers == ("江西省财政厅", "江西省民政厅")
    one = meta_of(f"中华人民共和国国务院办公厅关于示例工作的通知\n{NOTICE_BODY}")
    assert one.issuers == ("中华人民共和国国务院办公厅",)


def test_portal_attribute_table_fills_what_the_text_does_not_state():
    text = ("索引号：11440100/2020-00123 主题分类：民政\n发文机关：某某市民政局 成文日期：2020年03月05日\n"
            "发文字号：某民规字〔2020〕2号\n"
            f"关于做好示例工作的通知\n各区民政局：\n{NOTICE_BODY}")
    meta = meta_of(text, fmt="html")
    assert meta.doc_number == "某民规字〔2020〕2号"
    assert meta.dates == ("2020-03-05",)
    assert meta.issuers == ("某某市民政局",)


def test_portal_fields_time_stamps_and_gazette_issue_lines_never_enter_the_title():
    for lead in ("索引号：11440100/2023-00123 发布机构：某某市人民政府 ", "来源：某某市人民政府网站 ",
                 "2023-05-09 10:20 ", "某某市人民政府公报 2023年第5期\n"):
        meta = meta_of(f"{lead}某某市人民政府关于印发示例办法的通知\n某府发〔2023〕4号\n各区人民政府：\n{NOTICE_BODY}")
        assert meta.title == "某某市人民政府关于印发示例办法的通知", lead
        assert meta.issuers == ("某某市人民政府",), lead


def test_issuer_printed_on_its_own_line_above_the_title_opens_it():
    meta = meta_of(f"某某市人民政府办公厅\n关于做好示例工作的通知\n某府办〔2023〕4号\n各区人民政府：\n{NOTICE_BODY}")
    assert meta.title == "某某市人民政府办公厅关于做好示例工作的通知"
    assert meta.issuers == ("某某市人民政府办公厅",)


def test_report_speaker_named_on_the_line_above_its_dateline():
    text = ("政府工作报告\n王明\n——2030年3月5日在第十六届全国人民代表大会第一次会议上\n各位代表：\n"
            "现在，我代表国务院，向大会报告政府工作，请予审议，并请全国政协委员提出意见。\n")
    meta = meta_of(text)
    assert meta.speaker == "王明"
    assert meta.dates == ("2030-03-05",)
