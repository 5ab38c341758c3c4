"""Questions answered by the structure of the text: the measures a section's run-in headings state, and the same
question asked of two coordinated things ("A和B分别…")."""
from __future__ import annotations

from types import SimpleNamespace

from search.question import Question
from search.sentences import Sentence
from search.structure import run_in_head, section_text
from search.text_answers import coordinated_sides

TEXT = ("(四)培育一批口岸强县\n\n发展落地加工。制定落地加工产业发展指引,出台配套措施。\n\n"
        "提升通关效能。加快智慧口岸建设。持续优化口岸通关流程。\n\n增强市场活力。创新多种发展模式。\n\n"
        "(五)培育一批文旅名县\n\n加强品牌宣传推广。")


def fixture():
    sentences, pos = [], 0
    for piece in TEXT.replace("\n", "。").split("。"):
        start = TEXT.find(piece + "。", pos) if piece else -1
        if piece.strip() and start >= 0:
            sentences.append(Sentence("d1", "a.txt", "某意见", ("(四)培育一批口岸强县",), start,
                                      start + len(piece) + 1, piece + "。"))
            pos = start + len(piece)
    heading = SimpleNamespace(text="(四)培育一批口岸强县", char_start=0, char_end=11, path=("(四)培育一批口岸强县",),
                              level=1, kind="heading")
    nxt = SimpleNamespace(text="(五)培育一批文旅名县", char_start=TEXT.find("(五)"), path=("(五)培育一批文旅名县",))
    doc = SimpleNamespace(headings=[heading, nxt], document=SimpleNamespace(text=TEXT, source="a.txt"))
    corpus = SimpleNamespace(documents={"d1": doc})
    k = SimpleNamespace(by_doc={"d1": sentences}, title=lambda d: "某意见")
    return corpus, k, heading, sentences


def test_paragraph_leads_are_run_in_headings():
    _, _, _, sentences = fixture()
    heads = [s.text for s in sentences if run_in_head(s, TEXT)]
    assert heads == ["发展落地加工。", "提升通关效能。", "增强市场活力。", "加强品牌宣传推广。"]


def test_a_section_of_measures_answers_with_its_run_in_headings():
    corpus, k, heading, _ = fixture()
    a = section_text(Question("对口岸强县提出了哪些措施？"), corpus, k, "d1", heading, clauses=True)
    assert [i.label for i in a.items] == ["发展落地加工", "提升通关效能", "增强市场活力"]
    assert a.items[1].citations[0].text == "提升通关效能。"


def test_two_coordinated_things_are_split():
    assert coordinated_sides("公租房的住房租赁补贴期限和租赁合同期限分别是几年？") == ("住房租赁补贴期限", "租赁合同期限")
    assert coordinated_sides("家庭病床和急诊留院观察的起付标准怎么定？") == ("家庭病床", "急诊留院观察")
    assert coordinated_sides("昆明市的交通怎么发展？") is None


LIST = ("序号\t事项名称\t事项类别\t材料序号\t申请材料\t材料类型\n"
        "24\t取水许可审批\t行政许可\t1\t取水许可申请书\t主审材料\n2\t相关说明\t容缺材料\n3\t项目备案文件\t主审材料\n"
        "—22—\n序号\t事项名称\t事项类别\t材料序号\t申请材料\t材料类型\n"
        "24\t取水许可审批\t行政许可\t4\t初审文件\t容缺材料\n"
        "25\t农业灌排影响意见书\t行政许可\t1\t占用灌排设施申请表\t主审材料\n2\t补偿项目设计文件\t容缺材料\n")


def test_the_numbered_sub_rows_of_the_row_naming_the_topic_are_the_list():
    from search.text_answers import _TABLE_ROWS, table_group

    doc = SimpleNamespace(document=SimpleNamespace(text=LIST, source="list.pdf"))
    ws = SimpleNamespace(documents={"d1": doc})
    k = SimpleNamespace(sentences=[Sentence("d1", "list.pdf", "清单", (), 0, len(LIST), LIST)])
    _TABLE_ROWS[:] = [None, []]
    q = Question("取水许可审批需要准备哪些材料？")
    q.terms = ["取水", "许可", "审批", "材料"]
    a = table_group(q, ws, k)
    assert [i.label for i in a.items] == ["取水许可申请书", "相关说明", "项目备案文件", "初审文件"]
    cite = a.items[1].citations[0]
    assert LIST[cite.char_start:cite.char_end] == "2\t相关说明\t容缺材料"
    q = Question("数据共享需要哪些材料？")
    q.terms = ["数据", "共享", "材料"]
    assert table_group(q, ws, k) is None


def test_a_topic_asked_of_two_documents_is_one_they_share():
    from search.text_answers import topic_phrase

    sentences = [Sentence("a", "a.txt", "甲", (), 0, 10, "大力发展绿色铝产业。"),
                 Sentence("b", "b.txt", "乙", (), 0, 12, "推动绿色铝等优势产业延链。")]
    k = SimpleNamespace(containing=lambda t: [s for s in sentences if t in s.text], series=[])
    q = Question("绿色铝产业在两份文件里分别怎么部署？")
    assert topic_phrase(q, k) == "绿色铝产业"
    assert topic_phrase(q, k, min_docs=2) == "绿色铝"


def test_the_aims_the_text_states_around_a_project():
    """A project's sentence opens with its theme (促进民心相通,…), a one-line measure follows the sentence that
    states its aim, and a section opens with the aim its measures serve."""
    from graph.records import Item
    from search.graph_answers import textual_aims

    texts = ["推动老工业城市重构制造业竞争优势,促进城市经济转型和功能提升。",
             "促进民心相通,加强交流合作,加快甲国际邮件互换局建设,构筑连通周边地区的民心桥。",
             "建立以国家公园为主体的自然保护地管理体系。", "加快创建乙国家公园。"]
    sentences, pos = [], 0
    for text in texts:
        sentences.append(Sentence("d1", "plan.txt", "某规划", ("第六节",), pos, pos + len(text), text))
        pos += len(text) + 1
    k = SimpleNamespace(by_doc={"d1": sentences}, containing=lambda t: [s for s in sentences if t in s.text])
    aims = [a.label for a in textual_aims(Item("甲国际邮件互换局", "Project", "p1"), k)]
    assert aims == ["促进民心相通", "促进城市经济转型和功能提升"]
    aims = [a.label for a in textual_aims(Item("乙国家公园", "Project", "p2"), k)]
    assert aims == ["建立以国家公园为主体的自然保护地管理体系", "促进城市经济转型和功能提升"]


def test_the_plan_goal_sharing_the_section_theme():
    from graph.records import Evidence, Item
    from search.graph_answers import theme_goal

    def goal(label: str, doc: str = "d1") -> Item:
        return Item(label, "Goal", f"g:{label}", (Evidence("plan.txt", doc, (), 0, len(label), label),))

    k = SimpleNamespace(goals=[goal("城乡居民收入比值缩小到2.7左右"), goal("基础设施通达程度比较均衡"),
                               goal("基础设施通达程度全面提升", "d2")])
    found = theme_goal(["第八章 构建支撑体系", "第三节 提升基础设施通达水平"], "d1", k)
    assert found.label == "基础设施通达程度比较均衡" and found.attrs["basis"] == "section_theme"
    assert theme_goal(["第二节 深化合作互助机制"], "d1", k) is None


def test_the_asking_words_and_the_series_title_are_no_topic():
    from search.text_answers import topic_phrase

    sentences = [Sentence("a", "r.jsonl", "决议", (), 0, 30, "会议听取和审议了国务院总理李克强所作的政府工作报告。"),
                 Sentence("b", "r.jsonl", "报告", (), 0, 30, "在经济增长过程中某些年份出现一些财政赤字。")]
    k = SimpleNamespace(containing=lambda t: [s for s in sentences if t in s.text], series=["政府工作报告"])
    assert topic_phrase(Question("根据决议，哪些年份的政府工作报告是李克强总理作的？"), k) == "李克强"
