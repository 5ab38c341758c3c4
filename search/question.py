"""Understanding a question: the places, regions, projects, documents, years and topic words it names."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from graph.records import Item
from search.knowledge import Knowledge, normalise

if TYPE_CHECKING:
    from ui.workspace import Workspace

MAX_LABEL = 60
YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20\d\d)(?=年|\b)")
QUOTED = re.compile(r"[“\"《「『]([^”\"》」』]{1,40})[”\"》」』]")
# Words that carry the question's form, not its topic.
FORM_WORDS = set("""建设项目 项目建设 重点项目 一章 一节 哪一章 哪一节 哪章 哪节 章 节 篇 各有 两份 两个 文件中 份 哪些 哪个 哪 什么 多少 几 几个 怎么 怎样 如何 是否 是不是 吗 呢 么 的 了 和 与 及 或 在 有 要 将 是 对 对应 属于
涉及 包括 包含 关于 中 里 其中 分别 各 各自 都 到 至 年 目标 项目 工程 建设 内容 规划 文件 意见 部分 一部分 哪一部分 实现 达到 我 我们
请问 请 列出 说明 方面 情况 主要 具体 哪些项目 有哪些 什么样 地区 区域 州市 全省 全市 全县 这 那 该 其 之 为 以 从 被 把 给 向 能 会 可以
需要 应该 应当 计划 打算 相关 一些 以及 还有 所有 全部 各项 重点 主要 发展 推动 推进 加快""".split())
EN_STOP = set("the a an of in on for to and or is are was were what which who whom how many much will be by with "
              "does do did this that these those it its from at as about into there their they project projects "
              "involve involves involving goal goals target targets plan plans part member".split())


@dataclass
class Question:
    text: str
    places: list[tuple[str, str]] = field(default_factory=list)      # (graph key, surface) present in the corpus
    absent_places: list[str] = field(default_factory=list)           # real places the corpus never mentions
    regions: list[Item] = field(default_factory=list)
    projects: list[Item] = field(default_factory=list)
    documents: list[Item] = field(default_factory=list)
    years: list[int] = field(default_factory=list)
    quoted: list[str] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)                   # topic words left once entities are removed
    subject: str | None = None                                       # an unlinked name the question is about

    def linked(self) -> dict[str, int]:
        return {"place": len(self.places) + (1 if self.subject else 0), "region": len(self.regions),
                "project": len(self.projects)}


# ------------------------------------------------------------------------------------------------ linking

def link(question: str, ws: "Workspace", k: Knowledge) -> Question:
    from graph.places import find_places

    q = Question(question)
    q.years = [int(y) for y in YEAR.findall(question)]
    q.quoted = QUOTED.findall(question)
    covered: list[tuple[int, int]] = []

    for region in sorted(k.regions, key=lambda r: -len(r.label)):
        pos = question.find(region.label)
        if pos >= 0 and not _overlaps(covered, pos, pos + len(region.label)):
            q.regions.append(region)
            covered.append((pos, pos + len(region.label)))

    absent_ids = []
    for m in find_places(question, ws.gazetteer, home=k.home):
        if _overlaps(covered, m.start, m.end):
            continue
        covered.append((m.start, m.end))
        if m.place_id in k.place_keys:
            q.places.append((m.place_id, m.surface))
        else:
            q.absent_places.append(m.surface)
            absent_ids.append(m.place_id)
    # "西藏拉萨": the question is about the most specific place; its ancestors only qualify it.
    qualifiers = {a.place_id for pid in absent_ids for a in ws.gazetteer.ancestors(pid)}
    q.places = [(key, surface) for key, surface in q.places if key not in qualifiers]

    # English: "Kunming", "Kunming's", "Pu'er" → the corpus place with that romanised name.
    for m in re.finditer(r"[A-Za-z]+(?:['’-][A-Za-z]+)*", question):
        word = re.sub(r"['’]s$", "", m.group(0))
        key = k.romanised.get(re.sub(r"[^a-z]", "", word.lower()))
        if key and all(key != have for have, _ in q.places):
            q.places.append((key, word))
            covered.append((m.start(), m.start() + len(word)))

    if not (q.places or q.absent_places):
        # The segmenter may glue a name to the next word (水富有哪些 → 水|富有); names the corpus itself
        # uses are safe to look for as plain substrings.
        for surface, key in k.place_names:
            pos = question.find(surface)
            if pos >= 0 and not _overlaps(covered, pos, pos + len(surface)):
                q.places.append((key, surface))
                covered.append((pos, pos + len(surface)))

    q.projects = _link_projects(question, k)
    for p in q.projects:
        pos = normalise(question).find(normalise(p.label))
        if pos >= 0:
            covered.append((pos, pos + len(p.label)))
    q.documents = _link_documents(question, k)
    if not q.documents and re.search(r"[A-Za-z]{3}", question) and DOCUMENT_WORDS.search(question):
        q.documents = _link_documents_across_languages(question, ws, k)

    tokens = _merge_singles(ws.segmenter.tokenize(question))
    rest = []
    for token in tokens:
        pos = question.find(token)
        if pos >= 0 and _overlaps(covered, pos, pos + len(token)):
            continue
        if token in FORM_WORDS or token.lower() in EN_STOP or YEAR.fullmatch(token) or len(token.strip()) < 2:
            continue
        rest.append(token)
    q.terms = list(dict.fromkeys(rest))
    if not (q.places or q.regions or q.projects or q.absent_places):
        q.subject = _subject(question, k)
    return q


SINGLE_FORM = set("的了和与及或在有要将是对吗呢么各中里到至从为以被把给向能会这那该其之年个")


def _merge_singles(tokens: list[str]) -> list[str]:
    """Runs of single characters the dictionary did not know (沪|滇) are one name (沪滇)."""
    out: list[str] = []
    run = ""
    for token in tokens + [""]:
        if len(token) == 1 and "\u4e00" <= token <= "\u9fff" and token not in SINGLE_FORM:
            run += token
            continue
        if run:
            out.append(run)
            run = ""
        if token:
            out.append(token)
    return out


def _overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def _link_projects(question: str, k: Knowledge) -> list[Item]:
    """Projects named in the question: exact label containment first, then close fuzzy matches."""
    nq = normalise(question)
    exact = [p for p in k.projects if len(p.label) >= 4 and normalise(p.label) in nq]
    if exact:
        longest = max(len(p.label) for p in exact)
        return [p for p in exact if len(p.label) == longest]
    best: list[tuple[float, Item]] = []
    # A match needs four characters in common, so a label sharing no 4-gram with the question is skipped
    # without running SequenceMatcher (hundreds of labels per question on the reports).
    grams = {nq[i:i + 4] for i in range(len(nq) - 3)}
    for p in k.projects:
        label = normalise(p.label)
        if len(label) < 4 or not any(label[i:i + 4] in grams for i in range(len(label) - 3)):
            continue
        m = SequenceMatcher(None, nq, label).find_longest_match(0, len(nq), 0, len(label))
        if m.size >= 4 and m.size / len(label) >= 0.75:
            best.append((m.size / len(label) + m.size / 100, p))
    best.sort(key=lambda t: -t[0])
    return [p for score, p in best[:1]]


def _link_documents(question: str, k: Knowledge) -> list[Item]:
    """Documents the question names: by 《title》, or by a long enough shared stretch of the title."""
    nq = normalise(question)
    years = YEAR.findall(question)
    scored = []
    for d in k.documents:
        title = normalise(d.label)
        m = SequenceMatcher(None, nq, title).find_longest_match(0, len(nq), 0, len(title))
        if m.size >= 4:
            # a year in the question picks the one document of a series (2019年政府工作报告)
            scored.append((m.size + sum(4 for y in years if y in title), d))
    if not scored:
        return []
    top = max(s for s, _ in scored)
    return [d for s, d in scored if s == top]


DOCUMENT_WORDS = re.compile(r"\b(plan|opinions?|notice|report|document|outline|issued|published)\b", re.I)
# multilingual-e5-small, measured on the bundled titles: an English name of a title scores ≈ 0.77, of another
# title ≈ 0.73–0.75, an unrelated "football plan" ≈ 0.71.
TITLE_MIN_COSINE = 0.74
TITLE_MARGIN = 0.01


def _link_documents_across_languages(question: str, ws: "Workspace", k: Knowledge) -> list[Item]:
    """An English question naming a Chinese document ("the regional coordination plan"): the title closest
    in meaning, if it is close enough."""
    import numpy as np

    if k.title_vectors is None:
        k.title_vectors = ws.embedder.embed_passages([d.label for d in k.documents])
    if not len(k.documents):
        return []
    scores = k.title_vectors @ ws.embedder.embed_queries([question])[0]
    order = np.argsort(-scores)
    best = int(order[0])
    runner_up = float(scores[order[1]]) if len(order) > 1 else -1.0
    close = scores[best] >= TITLE_MIN_COSINE and scores[best] - runner_up >= TITLE_MARGIN
    return [k.documents[best]] if close else []


SUBJECT = re.compile(r"^(?:请问)?([\u4e00-\u9fff]{2,8}?)(?:地区|州|市|县|镇)?(?:有哪些|有什么|要|将|的|在|如何|怎么|属于)")


SUBJECT_AFTER = re.compile(r"(?:涉及|关于|有关|位于)([\u4e00-\u9fff]{2,8}?)(?:的|地区|[？?]|$)")


def _subject(question: str, k: Knowledge) -> str | None:
    """A name the gazetteer lacks (a town, a park) that the question is about and the corpus mentions."""
    m = SUBJECT.match(question) or SUBJECT_AFTER.search(question)
    if not m:
        return None
    name = m.group(1)
    if name in FORM_WORDS or len(name) < 2:
        return None
    return name if k.containing(name) else None


# ------------------------------------------------------------------------------------------------ answering


def corpus_key(term: str, k: Knowledge) -> str | None:
    """`term` if the corpus uses it, else its longest leading part that the corpus does use (沪滇合作 → 沪滇)."""
    for end in range(len(term), 1, -1):
        if k.containing(term[:end]):
            return term[:end]
    return None


def variants(term: str, k: Knowledge) -> list[str]:
    """The term if the corpus uses it, else its longest leading and trailing parts it does use (居民收入 → 居民, 收入)."""
    if k.containing(term):
        return [term]
    out = []
    for end in range(len(term) - 1, 1, -1):
        if k.containing(term[:end]):
            out.append(term[:end])
            break
    for start in range(1, len(term) - 1):
        if k.containing(term[start:]):
            out.append(term[start:])
            break
    return out


def dedupe(items: list[Item]) -> list[Item]:
    seen, out = set(), []
    for i in items:
        key = normalise(i.label)
        if key in seen:
            continue
        seen.add(key)
        out.append(i)
    return out
