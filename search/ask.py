"""Natural-language questions → cited answers: link entities, recognise the intent, answer from graph or search."""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Callable

from graph.records import Evidence, Item
from search import intents as I
from search.knowledge import Knowledge, normalise, topic_words
from search.records import Answer
from search.sentences import Sentence, clause_around, clauses

if TYPE_CHECKING:
    from ui.workspace import Workspace

log = logging.getLogger(__name__)

MAX_LABEL = 60
YEAR = re.compile(r"(?<!\d)(19[4-9]\d|20\d\d)(?=年|\b)")
QUOTED = re.compile(r"[“\"《「『]([^”\"》」』]{1,40})[”\"》」』]")
# Words that carry the question's form, not its topic.
FORM_WORDS = set("""各有 两份 两个 文件中 份 哪些 哪个 哪 什么 多少 几 几个 怎么 怎样 如何 是否 是不是 吗 呢 么 的 了 和 与 及 或 在 有 要 将 是 对 对应 属于
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

    # English: "Kunming", "Honghe Prefecture" → the corpus place with that romanised name.
    for m in re.finditer(r"[A-Za-z]+(?:['-][A-Za-z]+)*", question):
        key = k.romanised.get(re.sub(r"[^a-z]", "", m.group(0).lower()))
        if key and all(key != have for have, _ in q.places):
            q.places.append((key, m.group(0)))
            covered.append((m.start(), m.end()))

    q.projects = _link_projects(question, k)
    for p in q.projects:
        pos = normalise(question).find(normalise(p.label))
        if pos >= 0:
            covered.append((pos, pos + len(p.label)))
    q.documents = _link_documents(question, k)

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
    for p in k.projects:
        label = normalise(p.label)
        if len(label) < 4:
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

def answer(question: str, ws: "Workspace") -> Answer:
    question = question.strip()
    if not question:
        return Answer(question, I.SEMANTIC, False, "请输入问题。")
    k = ws.knowledge
    q = link(question, ws, k)
    intent = I.classify(question, q.linked())
    if intent == I.SEMANTIC and (q.places or q.regions or q.projects):
        intent = _nearest_intent(question, ws, k) or intent
    log.info("intent=%s places=%s regions=%s projects=%s subject=%s terms=%s", intent, q.places,
             [r.label for r in q.regions], [p.label for p in q.projects], q.subject, q.terms)
    if q.absent_places and not (q.places or q.regions or q.projects):
        names = "、".join(dict.fromkeys(q.absent_places))
        return Answer(question, intent, False, f"语料中没有关于{names}的内容(not found in the corpus)。")
    handler: Callable[[Question, "Workspace", Knowledge], Answer] = HANDLERS.get(intent, semantic)
    result = handler(q, ws, k)
    if not result.found and intent != I.SEMANTIC and handler is not semantic and q.terms:
        fallback = semantic(q, ws, k)
        if fallback.found:
            # Still not found: the passages are context for the reader, not an answer.
            return Answer(question, intent, False, result.answer + " 以下原文段落可能相关:", fallback.items,
                          fallback.citations)
    return result


def _nearest_intent(question: str, ws: "Workspace", k: Knowledge) -> str | None:
    """No cue word matched, but an entity is linked: ask which exemplar question this one is closest to."""
    if k.exemplar_vectors is None:
        k.exemplar_vectors = ws.embedder.embed_queries([text for _, text in I.EXEMPLARS])
    vector = ws.embedder.embed_queries([question])[0]
    return I.nearest_exemplar(vector, k.exemplar_vectors)


def _places_and_regions(q: Question) -> list[tuple[str, str]]:
    return [(key, surface) for key, surface in q.places] + [(r.attrs.get("id") or r.uri, r.label) for r in q.regions]


def _topic_filter(items: list[Item], q: Question, drop: set[str]) -> tuple[list[Item], list[str]]:
    from search.knowledge import topics

    # Latin words only narrow the list when the topic table knows them (transport → 铁路, 机场 …).
    terms = [t for t in q.terms if t not in drop and (re.search(r"[\u4e00-\u9fff]", t) or t.lower() in topics())]
    if not terms:
        return items, []
    words = topic_words(terms)
    kept = [i for i in items if any(w in i.label or any(w in c.text for c in i.citations[:1]) for w in words)]
    return kept, terms


def _dedupe(items: list[Item]) -> list[Item]:
    seen, out = set(), []
    for i in items:
        key = normalise(i.label)
        if key in seen:
            continue
        seen.add(key)
        out.append(i)
    return out


def _all_citations(items: list[Item]) -> tuple[Evidence, ...]:
    return ()


def projects_by_place(q: Question, ws: "Workspace", k: Knowledge) -> Answer:
    from graph import queries

    items: list[Item] = []
    names = []
    for key, surface in _places_and_regions(q):
        names.append(surface)
        items.extend(queries.projects_by_place(ws.graph, key))
    if q.subject:
        names.append(q.subject)
        sentences = k.containing(q.subject)
        items.extend(_projects_in_sentences(sentences, k, q.subject))
        items.extend(_action_clauses(sentences, q.subject))
    elif ACTIONS_ASKED.search(q.text):
        for key, surface in q.places:
            sentences = k.containing(surface)
            items.extend(_action_clauses(sentences, surface))
    items = _dedupe(items)
    items, topic = _topic_filter(items, q, {"项目", "工程", "建设", "内容"})
    where = "、".join(dict.fromkeys(names)) or "该地"
    if not items:
        what = "、".join(topic) + "方面的" if topic else ""
        return Answer(q.text, I.PROJECTS_BY_PLACE, False, f"语料中没有找到涉及{where}的{what}项目。")
    # Named in the sentence (the place itself or a place inside it) first; then those that reach it only
    # through a region it belongs to or the scope of the section they stand in.
    items = [_explicit_first(_mark_scope(i)) for i in items]
    items.sort(key=lambda i: i.attrs["scope"] != "direct")
    direct = sum(1 for i in items if i.attrs["scope"] == "direct")
    rest = f",另有{len(items) - direct}个通过所属区域或章节范围涉及" if direct < len(items) else ""
    return Answer(q.text, I.PROJECTS_BY_PLACE, True,
                  f"涉及{where}的项目共{len(items)}个:{direct}个在原文中直接点名{rest}。", tuple(items))


def _mark_scope(item: Item) -> Item:
    via = set(item.attrs.get("via", ["self"]))
    direct = item.attrs.get("basis", "explicit") == "explicit" and bool(via & {"self", "within"})
    return Item(item.label, item.type, item.uri, item.citations,
                {**item.attrs, "scope": "direct" if direct else "region/section scope"})


ACTIONS_ASKED = re.compile(r"建设内容|做什么|干什么|任务|举措|措施|what will be done|measures")
ACTION_VERB = re.compile(r"^(?:[\u4e00-\u9fff]{0,4}?)(加快|推进|推动|建设|打造|实施|支持|培育|发展|实现|建成|布局|启动|"
                         r"完善|提升|争取|鼓励|深化|加强|构建|规划|开展|创建|设立|重点)")


def _projects_in_sentences(sentences: list[Sentence], k: Knowledge, name: str) -> list[Item]:
    """Known projects named in sentences about `name`: those whose label carries the name."""
    out = []
    for s in sentences:
        for p in k.projects:
            if name in p.label and (p.label in s.text or normalise(p.label) in normalise(s.text)):
                out.append(Item(p.label, "Project", p.uri, (s.evidence(),), {"basis": "explicit"}))
    return out


def _action_clauses(sentences: list[Sentence], name: str) -> list[Item]:
    """What the text says will be done at `name`: the action clause around each mention."""
    out = []
    for s in sentences:
        pos = s.text.find(name)
        while pos >= 0:
            a, b = clause_around(s.text, pos, pos + len(name), limit=MAX_LABEL)
            label = s.text[a:b].strip()
            if ACTION_VERB.match(label) and len(label) <= MAX_LABEL:
                out.append(Item(label, "Project", f"{s.doc_id}#{s.char_start + a}", (s.evidence(a, b),),
                                {"basis": "explicit", "kind": "action"}))
            pos = s.text.find(name, b)
    return out


def goals_by_place(q: Question, ws: "Workspace", k: Knowledge) -> Answer:
    from graph import queries

    year = q.years[0] if q.years else None
    items: list[Item] = []
    names = []
    for key, surface in _places_and_regions(q) or ([(k.home, "全省")] if k.home else []):
        names.append(surface)
        items.extend(queries.goals_by_place(ws.graph, key, year))
    items = _dedupe(items)
    where = "、".join(names) or "该地"
    if not items:
        when = f"{year}年" if year else ""
        return Answer(q.text, I.GOALS_BY_PLACE, False, f"语料中没有找到{where}{when}的目标。")
    return Answer(q.text, I.GOALS_BY_PLACE, True, f"{where}{f'到{year}年' if year else ''}的目标共{len(items)}项。",
                  tuple(items))


def target_value(q: Question, ws: "Workspace", k: Knowledge) -> Answer:
    from graph import queries

    year = q.years[0] if q.years else None
    named = _places_and_regions(q)
    targets = [g for g in k.goals if ("value" in g.attrs or "value_text" in g.attrs)
               and (year is None or g.attrs.get("year") == year)]
    if named and not all(key == k.home for key, _ in named):
        # a place other than the whole jurisdiction: only targets stated for it (or inside it)
        allowed = {i.uri for key, _ in named for i in queries.goals_by_place(ws.graph, key, year)}
        targets = [t for t in targets if t.uri in allowed]
    metrics = [t for t in q.terms if t not in ("目标", "多少", "建成", "达到", "实现", "完成", "预期")]
    # Several metrics may be asked at once (经济总量和常住人口): each picks the targets naming most of the
    # question's words, so 国内生产总值增长 beats 单位国内生产总值能耗.
    words = [v for t in metrics for v in _variants(t, k)]
    chosen: list[Item] = []
    for term in metrics:
        keys = _variants(term, k)
        hits = [t for t in targets if any(key in (t.attrs.get("metric") or "") + t.label for key in keys)]
        if not hits:
            continue
        score = {t.uri: sum(1 for w in words if w in (t.attrs.get("metric") or "") + t.label) for t in hits}
        best = max(score.values())
        chosen += [t for t in hits if score[t.uri] == best and t not in chosen]
    if not chosen:
        when = f"{year}年" if year else ""
        return Answer(q.text, I.TARGET_VALUE, False,
                      f"语料中没有找到{when}{'、'.join(q.terms) or '该指标'}的目标值。")
    parts = [t.label for t in chosen]
    when = f"到{year}年," if year else ""
    return Answer(q.text, I.TARGET_VALUE, True, when + ";".join(parts) + "。", tuple(chosen))


BASIS_RANK = {"explicit": 0, "metadata": 1, "admin_data": 2, "outline": 3, "section_scope": 4}
MAX_GOALS = 8


def _explicit_first(item: Item) -> Item:
    """Cite the sentence that states a link before headings or scopes that imply it."""
    cites = tuple(sorted(item.citations, key=lambda c: BASIS_RANK.get(c.basis, 9)))
    return Item(item.label, item.type, item.uri, cites, item.attrs)


def _home_section(project: Item, sections: list[Item]) -> Item | None:
    """The section that is about the project: its heading names it, else the one mentioning it most."""
    name = normalise(project.label)

    def score(section: Item) -> tuple:
        named = name in normalise(section.label)
        return (not named, -len(section.citations), section.citations[0].char_start if section.citations else 0)

    return min(sections, key=score) if sections else None


def parent_goal(q: Question, ws: "Workspace", k: Knowledge) -> Answer:
    from graph import queries

    project = q.projects[0]
    chain = queries.trace(ws.graph, project.uri)
    goals = [i for i in chain if i.type == "Goal"]
    sections = [i for i in chain if i.type == "Section"]
    if not goals and not sections:
        return Answer(q.text, I.PARENT_GOAL, False, f"没有找到{project.label}对应的目标。")
    # Goals the text links to the project come first; outline neighbours only fill in when there are none.
    goals.sort(key=lambda g: (BASIS_RANK.get(g.attrs.get("basis", "outline"), 9), g.label))
    stated = [g for g in goals if g.attrs.get("basis") == "explicit"]
    goals = (stated or goals)[:MAX_GOALS]
    named = [Item(h.text, "Section", f"{doc_id}#{h.char_start}",
                  (Evidence(source, doc_id, h.path, h.char_start, h.char_end, h.text, "outline"),),
                  {"path": list(h.path)})
             for doc_id, source, h in k.headings if normalise(project.label) in normalise(h.text)]
    home = named[0] if named else _home_section(project, sections)
    where = ""
    items: list[Item] = []
    if home is not None:
        path = home.attrs.get("path") or [home.label]
        where = f"{project.label}位于「{' > '.join(path)}」。"
        items.append(_explicit_first(home))
    goal_text = ";".join(g.label for g in goals)
    items += [_explicit_first(g) for g in goals]
    return Answer(q.text, I.PARENT_GOAL, True, where + (f"对应的目标:{goal_text}。" if goals else ""),
                  tuple(items))


def region_membership(q: Question, ws: "Workspace", k: Knowledge) -> Answer:
    from graph import queries

    boolean = re.search(r"(吗|么|是否|是不是|在不在|算不算)[？?]?$|^(is|does|are) ", q.text, re.I)
    if boolean and q.places and q.regions:
        key, surface = q.places[0]
        region = q.regions[0]
        belongs = queries.regions_of(ws.graph, key)
        hit = [r for r in belongs if r.uri == region.uri]
        if hit:
            return Answer(q.text, I.REGION_MEMBERSHIP, True, f"是。{surface}属于{region.label}。", tuple(hit))
        members = queries.region_members(ws.graph, region.uri)
        others = "、".join(r.label for r in belongs)
        tail = f"{surface}属于{others}。" if others else ""
        cites = tuple(c for m in members[:1] for c in m.citations[:1])
        return Answer(q.text, I.REGION_MEMBERSHIP, True,
                      f"不属于。{region.label}的范围不包括{surface}。{tail}", tuple(belongs), cites)
    if q.regions:
        region = q.regions[0]
        members = queries.region_members(ws.graph, region.uri)
        if members:
            names = "、".join(m.label for m in members)
            return Answer(q.text, I.REGION_MEMBERSHIP, True, f"{region.label}包括{len(members)}个:{names}。",
                          tuple(members))
    if q.places:
        key, surface = q.places[0]
        belongs = queries.regions_of(ws.graph, key)
        if belongs:
            return Answer(q.text, I.REGION_MEMBERSHIP, True,
                          f"{surface}属于:{'、'.join(r.label for r in belongs)}。", tuple(belongs))
    return Answer(q.text, I.REGION_MEMBERSHIP, False, "语料中没有找到该区域的范围定义。")


def document_metadata(q: Question, ws: "Workspace", k: Knowledge) -> Answer:
    docs = q.documents or (k.documents if len(k.documents) == 1 else [])
    if not docs:
        return Answer(q.text, I.DOCUMENT_METADATA, False, "请指明是哪一份文件(可用《标题》)。")
    doc = docs[0]
    a = doc.attrs
    ingested = ws.documents.get(a["doc_id"])
    spans = ingested.metadata.spans if ingested else {}
    src = ingested.document if ingested else None
    path = ()

    def cite(name: str) -> tuple[Evidence, ...]:
        span = spans.get(name)
        if not span or src is None:
            return ()
        return (Evidence(src.source, src.doc_id, path, span.char_start, span.char_end,
                         src.text[span.char_start:span.char_end], "metadata"),)

    items = [Item(name, "Agency", f"{doc.uri}#issuer-{i}", cite("issuers") or cite(f"issuer{i}"), {"role": "issuer"})
             for i, name in enumerate(a.get("issuers", []))]
    for date in a.get("dates", []):
        y, m, d = date.split("-")
        items.append(Item(f"{int(y)}年{int(m)}月{int(d)}日", "Value", f"{doc.uri}#date", cite("dates") or cite("date"),
                          {"iso": date}))
    number = a.get("doc_number")
    parts = [f"《{doc.label}》"]
    if a.get("issuers"):
        parts.append(f"由{'、'.join(a['issuers'])}发布")
    if a.get("dates"):
        parts.append(f"日期{'、'.join(i.label for i in items if i.type == 'Value')}")
    parts.append(f"文号{number}" if number else "无文号")
    if a.get("planning_period"):
        s, e = a["planning_period"]
        parts.append(f"规划期{s}—{e}年")
    if number:
        items.append(Item(number, "Value", f"{doc.uri}#number", cite("doc_number"), {"field": "doc_number"}))
    return Answer(q.text, I.DOCUMENT_METADATA, True, ",".join(parts) + "。", tuple(items), cite("title"))


def section_lookup(q: Question, ws: "Workspace", k: Knowledge) -> Answer:
    enumerated = _enumeration(q, k)
    if enumerated is not None:
        return enumerated
    hits = _passages(q, ws, k, limit=3, cover=True)
    if not hits:
        return Answer(q.text, I.SECTION_LOOKUP, False, "语料中没有找到相关部分。")
    best = hits[0]
    doc = ws.documents.get(best.doc_id)
    items = []
    for section in doc.sections if doc else ():
        if section.heading and section.heading.path == best.section_path[: len(section.heading.path)]:
            h = section.heading
            items.append(Item(h.text, "Section", section.section_id,
                              (Evidence(best.source, best.doc_id, h.path, h.char_start, h.char_end, h.text, "outline"),),
                              {"level": h.level}))
    where = " > ".join(best.section_path) or best.title
    return Answer(q.text, I.SECTION_LOOKUP, True, f"相关内容在《{best.title}》「{where}」。", tuple(items),
                  (best.evidence(),))


ENUM_VERBS = re.compile(r"(实施|建设|推进|开展|打造|推动|启动|包括|重点|着力|加快|组织|抓好)")


def _enumeration(q: Question, k: Knowledge) -> Answer | None:
    """'“十大工程”分别是什么' → split the sentence that lists them at 、/和/及."""
    keys = list(q.quoted)
    m = re.search(r"([一二三四五六七八九十百\d]+大[\u4e00-\u9fff]{1,4}?)(?:分别|是|有|包括|[？?]|$)", q.text)
    if m:
        keys.append(m.group(1))
    for key in keys:
        for s in k.containing(key):
            pos = s.text.find("等" + key)
            end = pos if pos >= 0 else s.text.find(key)
            if end <= 0:
                continue
            verbs = [v.end() for v in ENUM_VERBS.finditer(s.text, 0, end)]
            start = max([0] + verbs + [c.end() for c in re.finditer(r"[,，:：;；]", s.text[:end])])
            parts = _split_list(s.text, start, end)
            if len(parts) >= 2:
                items = tuple(Item(s.text[a:b], "Project", f"{s.doc_id}#{s.char_start + a}", (s.evidence(a, b),))
                              for a, b in parts)
                return Answer(q.text, I.SECTION_LOOKUP, True, f"{key}共{len(items)}项:" +
                              "、".join(i.label for i in items) + "。", items, (s.evidence(),))
    return None


def _split_list(text: str, start: int, end: int) -> list[tuple[int, int]]:
    out, pos = [], start
    for m in re.finditer(r"、|和|及|以及|与", text[start:end]):
        a, b = pos, start + m.start()
        # 和/与 inside a name (e.g. 新老城区一体化) is rare; only split where both sides are long enough
        if b - a >= 2:
            out.append((a, b))
            pos = start + m.end()
    if end - pos >= 2:
        out.append((pos, end))
    return out


def count(q: Question, ws: "Workspace", k: Knowledge) -> Answer:
    m = re.search(r"多少(个|家|座|条|所|项|处|万|亿)?([\u4e00-\u9fff]{0,4}?)(?=[通有被实达建完]|$)", q.text)
    unit = (m.group(1) or "") + (m.group(2) or "") if m else ""
    number = re.compile(r"(\d+(?:\.\d+)?)(?:万|亿)?" + re.escape(unit)) if unit else re.compile(r"\d+(?:\.\d+)?[个家座条所项处]")
    terms = [t for t in q.terms if t not in unit and not unit.endswith(t)]
    best: tuple[int, Sentence, tuple[int, int]] | None = None
    for s in k.sentences:
        for a, b in clauses(s.text):
            clause = s.text[a:b]
            hit = number.search(clause)
            if not hit:
                continue
            score = sum(1 for t in terms if t in clause)
            if score and (best is None or score > best[0]):
                best = (score, s, (a, b))
    if best is None:
        return Answer(q.text, I.COUNT, False, "语料中没有找到这个数字。")
    _, s, (a, b) = best
    clause = s.text[a:b]
    value = number.search(clause).group(0)
    return Answer(q.text, I.COUNT, True, f"{value}({clause})。",
                  (Item(value, "Value", f"{s.doc_id}#{s.char_start + a}", (s.evidence(a, b),)),), (s.evidence(a, b),))


def compare(q: Question, ws: "Workspace", k: Knowledge) -> Answer:
    names = [surface for _, surface in q.places] + [r.label for r in q.regions]
    shorts = [_short(n) for n in names]
    grams = _bigrams([t for t in q.terms if t not in ("差距", "相差", "相比", "比较", "对比", "多大")])
    found = []
    for s in k.sentences:
        if not any(n in s.text for n in shorts):
            continue
        mentioned = sum(1 for n in shorts if n in s.text)
        topical = sum(1 for g in grams if g in s.text)
        if topical and re.search(r"\d", s.text):
            found.append((mentioned, topical, s))
    if not found:
        return Answer(q.text, I.COMPARE, False, f"语料中没有找到{'与'.join(names)}的可比数据。")
    found.sort(key=lambda t: (-t[0], -t[1], t[2].char_start))
    top = [s for m, t, s in found[:2] if m == found[0][0]]
    text = " ".join(s.text for s in top)
    items = tuple(Item(s.text if len(s.text) <= MAX_LABEL else s.text[:MAX_LABEL], "Value",
                       f"{s.doc_id}#{s.char_start}", (s.evidence(),)) for s in top)
    return Answer(q.text, I.COMPARE, True, text, items, tuple(s.evidence() for s in top))


def _bigrams(terms: list[str]) -> set[str]:
    """Character bigrams of the topic words: 居民收入 still matches 居民人均可支配收入."""
    return {t[i:i + 2] for t in terms for i in range(max(1, len(t) - 1)) if len(t[i:i + 2]) == 2}


def _short(name: str) -> str:
    return re.sub(r"(市|州|县|区|省|地区)$", "", name) if len(name) > 2 else name


def _corpus_key(term: str, k: Knowledge) -> str | None:
    """`term` if the corpus uses it, else its longest leading part that the corpus does use (沪滇合作 → 沪滇)."""
    for end in range(len(term), 1, -1):
        if k.containing(term[:end]):
            return term[:end]
    return None


def _variants(term: str, k: Knowledge) -> list[str]:
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


def cross_document(q: Question, ws: "Workspace", k: Knowledge) -> Answer:
    candidates = q.quoted or q.terms[:1]
    keys = [key for key in (_corpus_key(t, k) for t in candidates) if key]
    items: list[Item] = []
    per_doc: dict[str, int] = {}
    for key in keys:
        for s in k.containing(key):
            pos = s.text.find(key)
            a, b = clause_around(s.text, pos, pos + len(key))
            label = s.text[a:b]
            items.append(Item(label, "Passage", f"{s.doc_id}#{s.char_start + a}", (s.evidence(a, b),),
                              {"document": s.title}))
            per_doc[s.title] = per_doc.get(s.title, 0) + 1
    items = _dedupe(items)
    if not items:
        return Answer(q.text, I.CROSS_DOCUMENT, False, f"语料中没有找到关于{'、'.join(keys)}的内容。")
    summary = ";".join(f"《{t}》{n}处" for t, n in per_doc.items())
    return Answer(q.text, I.CROSS_DOCUMENT, True, f"{'、'.join(keys)}出现在{len(per_doc)}份文件中:{summary}。",
                  tuple(items))


def _passages(q: Question, ws: "Workspace", k: Knowledge, limit: int = 5, cover: bool = False) -> list[Sentence]:
    """Best-matching chunks from hybrid search, as sentences-with-context (the chunk text).

    cover: put chunks that contain more of the question's topic words first (for "where is X discussed").
    """
    names = [surface for _, surface in q.places] + [r.label for r in q.regions] + [p.label for p in q.projects]
    names += [q.subject] if q.subject else []
    # Chunks naming an entity linked in the question get a boost (one extra first place per name).
    boost = {c.chunk_id: float(sum(1 for n in names if n in c.text)) for c in ws.index.chunks()
             if any(n in c.text for n in names)} if names else None
    hits = ws.search(q.text, k=max(limit * 4, 20), boost=boost, keywords=q.terms + names or None)
    doc_filter = {d.attrs.get("doc_id") for d in q.documents} if q.documents else None
    chunks = [ws.index.chunk(h.chunk_id) for h in hits]
    if doc_filter:
        chunks = [c for c in chunks if c.doc_id in doc_filter] or chunks
    if cover and q.terms:
        keys = [key for key in (_corpus_key(t, k) for t in q.terms) if key]
        chunks = sorted(chunks, key=lambda c: -sum(1 for t in keys if t in c.text))
    out: list[Sentence] = []
    for chunk in chunks:
        title = next((d.label for d in k.documents if d.attrs.get("doc_id") == chunk.doc_id), chunk.source)
        out.append(Sentence(chunk.doc_id, chunk.source, title, chunk.section_path, chunk.char_start, chunk.char_end,
                            chunk.text))
        if len(out) >= limit:
            break
    return out


ENGLISH_MIN_COSINE = 0.78   # multilingual-e5-small: unrelated English questions score below this on Chinese text


def _supported(q: Question, ws: "Workspace", k: Knowledge) -> bool:
    """Does the corpus speak of what the question asks? Embeddings always find *something* nearest, so
    a Chinese question needs at least half of its topic words in the corpus, an English one a close passage."""
    cjk = [t for t in q.terms if re.search(r"[\u4e00-\u9fff]", t)]
    if cjk:
        # a word counts when the corpus has it, or has both its halves (居民收入 → 居民 … 收入)
        known = sum(1 for t in cjk if k.containing(t) or len(_variants(t, k)) == 2)
        return known * 2 > len(cjk) or (known == len(cjk))
    if q.places or q.regions or q.projects or q.subject:
        return True
    best = ws.search(q.text, k=1, mode="dense")
    return bool(best) and best[0].score >= ENGLISH_MIN_COSINE


def semantic(q: Question, ws: "Workspace", k: Knowledge) -> Answer:
    if not _supported(q, ws, k):
        return Answer(q.text, I.SEMANTIC, False, "语料中没有找到与此相关的内容(not found in the corpus)。")
    passages = _passages(q, ws, k, limit=5)
    if not passages:
        return Answer(q.text, I.SEMANTIC, False, "语料中没有找到相关内容(not found in the corpus)。")
    items = tuple(Item(_passage_label(p), "Passage", f"{p.doc_id}#{p.char_start}", (p.evidence(),),
                       {"document": p.title}) for p in passages)
    return Answer(q.text, I.SEMANTIC, True, f"最相关的{len(items)}段原文如下。", items, tuple(p.evidence() for p in passages))


def _passage_label(p: Sentence) -> str:
    head = p.section_path[-1] if p.section_path else p.title
    return f"{head}:{p.text}"


HANDLERS: dict[str, Callable[[Question, "Workspace", Knowledge], Answer]] = {
    I.PROJECTS_BY_PLACE: projects_by_place,
    I.GOALS_BY_PLACE: goals_by_place,
    I.TARGET_VALUE: target_value,
    I.PARENT_GOAL: parent_goal,
    I.REGION_MEMBERSHIP: region_membership,
    I.DOCUMENT_METADATA: document_metadata,
    I.SECTION_LOOKUP: section_lookup,
    I.COUNT: count,
    I.COMPARE: compare,
    I.CROSS_DOCUMENT: cross_document,
    I.SEMANTIC: semantic,
}
