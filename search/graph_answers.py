"""Answers read from the knowledge graph: projects, goals, targets, lineage, regions, document metadata."""
from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import graph

from graph.numerals import simplified
from graph.reach import DIRECT, REGION, SECTION, SENTENCE, SUBDIVISION, reach
from graph.records import Evidence, Item
from search import focus as F
from search.knowledge import OPENING_SESSION, Knowledge, normalise, topic_words
from search.question import (MAX_LABEL, Question, dedupe, document_named_years, documents_about, extend_term,
                             place_names, variants)
from search.records import Answer
from search.sentences import Sentence, clause_around, clauses

if TYPE_CHECKING:
    from search.corpus import Corpus

def is_aim(goal: Item) -> bool:
    """An aim that lineage read off a project's sentence (…，降低企业成本), not a goal the document sets out."""
    return "goal:aim:" in goal.uri or "goal%3Aaim%3A" in goal.uri


def in_documents(item: Item, docs: set[str]) -> bool:
    return any(c.doc_id in docs for c in item.citations)


def places_and_regions(q: Question) -> list[tuple[str, str]]:
    return [(key, surface) for key, surface in q.places] + [(r.attrs.get("id") or r.uri, r.label) for r in q.regions]


# "三个", "两步", "四项": a count of what is asked, not a topic the items must name.
COUNTED = re.compile(r"^[0-9一二三四五六七八九十两几多]+[个项条步大类种方面阶段点批年]*$")


def _topic_filter(items: list[Item], q: Question, drop: set[str]) -> tuple[list[Item], list[str]]:
    from search.knowledge import topics

    # Latin words only narrow the list when the topic table knows them (transport → 铁路, 机场 …).
    terms = [t for t in q.terms if t not in drop and not COUNTED.match(t)
             and (re.search(r"[\u4e00-\u9fff]", t) or t.lower() in topics())]
    if not terms:
        return items, []
    words = topic_words(terms)
    # the words the question writes as one (生态 + 保护 in "生态保护方面"), apart from those it coordinates
    # ("信息消费和电子商务"): a list on 生态保护 is the items naming both, when some do — not every 保护
    units: list[list[str]] = []
    end = -1
    for t in sorted(terms, key=lambda t: q.text.find(t)):
        pos = q.text.find(t)
        if units and pos == end and pos >= 0:
            units[-1].append(t)
        else:
            units.append([t])
        end = pos + len(t) if pos >= 0 else -1
    compounds = [u for u in units if len(u) >= 2]

    def text_of(item: Item) -> str:
        # the label, its sentence, or the heading of the section it stands in (一、加快综合交通一体化)
        return item.label + simplified(" ".join(c.text + " " + " ".join(c.section_path) for c in item.citations))

    def names(text: str, unit: list[str]) -> bool:
        return all(any(w in text for w in topic_words([t])) for t in unit)

    texts = {i.uri: text_of(i) for i in items}
    whole = [i for i in items if any(names(texts[i.uri], u) for u in compounds)]
    kept = whole or [i for i in items if any(w in texts[i.uri] for w in words)]
    return kept, terms




def projects_by_place(q: Question, ws: "Corpus", k: Knowledge) -> Answer:
    from graph import queries

    items: list[Item] = []
    names = []
    wide: dict[str, Item] = {}
    small = {label for label, size in k.region_sizes.items() if size <= SMALL_REGION}
    for key, surface in q.places:
        names.append(surface)
        place = ws.gazetteer.get(key) if key in ws.gazetteer else None
        own_names = {surface, *(place.short_names if place else ()), *((place.name,) if place else ())} | small
        for item in queries.projects_by_place(ws.graph, key):
            # Reached only through a region the place belongs to, or through the scope of a chapter about such
            # a region: the region's projects, not the place's — unless the region is essentially the place
            # itself (a region the document defines as one prefecture).
            via_region = set(item.attrs.get("via", ["self"])) == {"region"} and all(
                k.region_sizes.get(r, 0) > SMALL_REGION for r in item.attrs.get("places", []))
            scopes = [c.text for c in item.citations if c.basis == "section_scope"]
            via_wide_scope = (not item.attrs.get("direct", True) and bool(scopes)
                              and not any(n in t for t in scopes for n in own_names))
            if via_region or via_wide_scope:
                wide[item.uri] = item
            else:
                items.append(item)
    for region in q.regions:
        names.append(region.label)
        items.extend(queries.projects_by_place(ws.graph, region.attrs.get("id") or region.uri))
    if q.subject:
        names.append(q.subject)
        sentences = k.containing(q.subject)
        items.extend(_projects_in_sentences(sentences, k, q.subject))
        items.extend(_action_clauses(sentences, q.subject))
    elif ACTIONS_ASKED.search(q.text):
        for key, surface in q.places:
            sentences = k.containing(surface)
            items.extend(_action_clauses(sentences, surface))
    if not (q.places or q.regions or q.subject) and q.documents and (KIND_ASKED.search(q.text)
                                                                       or re.search(r"项目|projects?\b", q.text, re.I)):
        # "2017年政府工作报告提出了哪些工程和行动": the projects the document names, of the kinds asked for
        return _projects_of_documents(q, ws, k)
    items = dedupe(items)
    items, topic = _topic_filter(items, q, {"项目", "工程", "建设", "内容", "任务", "举措", "措施", "建设任务"})
    where = "、".join(dict.fromkeys(names)) or "该地"
    if not items:
        what = "、".join(topic) + "方面的" if topic else ""
        return Answer(q.text, F.PROJECTS, False, f"语料中没有找到涉及{where}的{what}项目。")
    # Named in the sentence (the place itself or a place inside it) first; then those that reach it only
    # through a region it belongs to or the scope of the section they stand in.
    items = [explicit_first(_mark_scope(i)) for i in items]
    # Named in the sentence (the place itself or a place inside it) first; the counts use the same notion of
    # reach as the web page and the CLI (graph.reach).
    order = {DIRECT: 0, SUBDIVISION: 1, SENTENCE: 2, SECTION: 3, REGION: 4}
    items.sort(key=lambda i: order.get(i.attrs.get("reach"), 5))
    counts = {r: sum(1 for i in items if i.attrs.get("reach") == r) for r in order}
    named = counts[DIRECT] + counts[SUBDIVISION]
    parts = [f"{named}个在原文中直接点名"]
    for code, words in ((SENTENCE, "同句提及"), (SECTION, "通过章节范围涉及"), (REGION, "通过所属区域涉及")):
        if counts[code]:
            parts.append(f"{counts[code]}个{words}")
    listed = {i.uri for i in items}
    more = len({u for u in wide if u not in listed})
    tail = f"(另有{more}个项目只是面向其所属区域整体,未逐一列出,见该地实体页。)" if more else ""
    return Answer(q.text, F.PROJECTS, True,
                  f"涉及{where}的项目共{len(items)}个:" + ",".join(parts) + "。" + tail, tuple(items))


SMALL_REGION = 2   # a region of at most this many places stands for them

# The project kinds a question's head noun asks for (graph/data/project_heads.txt kinds); 项目 asks for all.
KIND_WORDS = {"工程": "工程/项目", "行动": "行动/计划", "计划": "行动/计划", "试点": "试点/示范", "示范": "试点/示范",
              "平台": "平台/园区/基地", "园区": "平台/园区/基地", "基地": "平台/园区/基地", "活动": "活动",
              "programmes": "行动/计划", "campaigns": "行动/计划", "pilots": "试点/示范", "platforms": "平台/园区/基地",
              "parks": "平台/园区/基地", "bases": "平台/园区/基地", "events": "活动"}
KIND_ASKED = re.compile("|".join(sorted(KIND_WORDS, key=len, reverse=True)), re.I)
MAX_DOCUMENT_PROJECTS = 40


def _projects_of_documents(q: Question, ws: "Corpus", k: Knowledge) -> Answer:
    from graph import queries

    kinds = {KIND_WORDS[m.group(0).lower()] if m.group(0).lower() in KIND_WORDS else KIND_WORDS[m.group(0)]
             for m in KIND_ASKED.finditer(q.text)}
    docs = q.document_ids()
    items = []
    for doc in q.documents:
        for p in queries.projects_in_document(ws.graph, doc.uri):
            if kinds and p.attrs.get("kind") not in kinds:
                continue
            first = next((s for s in k.containing(p.label) if s.doc_id in docs), None)
            if first is None:
                continue
            items.append(Item(p.label, "Project", p.uri, (first.evidence(),), {**p.attrs, "document": first.title}))
    drop = {"项目", "工程", "建设", "内容", "任务", "举措", "措施", "行动", "计划", "试点", "平台", "活动", "方面"}
    items, topic = _topic_filter(items, q, drop)
    title = "、".join(f"《{d.label}》" for d in q.documents)
    what = "、".join(sorted(kinds)) if kinds else "项目"
    if not items:
        return Answer(q.text, F.PROJECTS, False, f"{title}中没有找到{'、'.join(topic) + '方面的' if topic else ''}{what}。")
    items.sort(key=lambda i: (i.citations[0].doc_id, i.citations[0].char_start))
    return Answer(q.text, F.PROJECTS, True, f"{title}提出的{what}共{len(items)}个" +
                  (f"(列出前{MAX_DOCUMENT_PROJECTS}个)" if len(items) > MAX_DOCUMENT_PROJECTS else "") + ":" +
                  "、".join(i.label for i in items[:MAX_DOCUMENT_PROJECTS]) + "。", tuple(items[:MAX_DOCUMENT_PROJECTS]))


def _mark_scope(item: Item) -> Item:
    via = set(item.attrs.get("via", ["self"]))
    direct = item.attrs.get("direct", item.attrs.get("basis", "explicit") == "explicit" and bool(via & {"self", "within"}))
    attrs = {**item.attrs, "scope": "direct" if direct else "region/section scope"}
    return Item(item.label, item.type, item.uri, item.citations, {**attrs, "reach": reach(attrs)})


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


def goals_by_place(q: Question, ws: "Corpus", k: Knowledge) -> Answer:
    from graph import queries

    year = q.years[0] if q.years else None
    items: list[Item] = []
    names = []
    docs = q.document_ids()
    # "2011年报告提出的“十二五”主要目标": the year names the report; the plan's period names the goals' year
    plan_end, plan_words = planned_period(q)
    if year is not None and docs and year in document_named_years(q, k):
        year = None
    year = plan_end or year
    if docs and not places_and_regions(q):
        names = [k.title(d) for d in docs]
        items = [g for g in k.goals if in_documents(g, docs) and (year is None or g.attrs.get("year") == year
                                                                  or (plan_end and _of_plan(g, plan_words)))
                 and not is_aim(g)]
    else:
        for key, surface in places_and_regions(q) or ([(k.home, "全省")] if k.home else []):
            names.append(surface)
            items.extend(queries.goals_by_place(ws.graph, key, year))
        if docs:
            items = [g for g in items if in_documents(g, docs)]
    if docs and year is not None and len(items) < FEW_GOALS:
        # "展望2035年，数字经济将迈向繁荣成熟期，力争形成…，…位居世界前列": a vision for the year is stated clause
        # by clause; the graph holds the clauses that carry a number or a 力争
        items += _horizon_clauses(docs, year, k, items)
    items = dedupe(items)
    items, topic = _topic_filter(items, q, {"目标", "发展", "发展目标", "主要目标", "总体目标", "规划", "预期", "主要",
                                            "任务", "指标", "实现", "达到", "提出", "阶段", "期间", "时期"} | plan_words)
    where = "、".join(names) or "该地"
    if not items:
        when = f"{year}年" if year else ""
        what = "、".join(topic) + "方面的" if topic else ""
        return Answer(q.text, F.GOALS, False, f"语料中没有找到{where}{when}{what}目标。")
    if places_and_regions(q):
        # A goal stated for many places at once (苏南、苏中、苏北…) is no goal *of* the one asked about,
        # as long as the corpus states goals for it alone.
        focused = [i for i in items if _places_named(i, ws, k) < BROAD_GOAL]
        items = focused or items
    return Answer(q.text, F.GOALS, True, f"{where}{f'到{year}年' if year else ''}的目标共{len(items)}项。",
                  tuple(items))


BROAD_GOAL = 3
FEW_GOALS = 3        # fewer goals than this for a year of a document: read the sentences setting out that year
HORIZON = r"(?:到|展望|至|于)\s*{}\s*年(?:前|底|末)?[，,]?"


def _horizon_clauses(docs: set[str], year: int, k: Knowledge, known: list[Item]) -> list[Item]:
    """The clauses after "到/展望 YYYY 年" in the documents' sentences, each cited, those the goals already
    hold left out."""
    out = []
    pattern = re.compile(HORIZON.format(year))
    for doc_id in docs:
        for s in k.by_doc.get(doc_id, []):
            m = pattern.search(s.text)
            if not m:
                continue
            for a, b in clauses(s.text[m.end():]):
                a, b = a + m.end(), b + m.end()
                label = s.text[a:b].strip("。；; ")
                if len(label) >= 6 and len(label) <= MAX_LABEL and not any(
                        label in g.label or g.label in label for g in known):
                    # cited by its whole sentence: the 展望/到 that makes it a goal of the year is part of it
                    out.append(Item(label, "Goal", f"{doc_id}#{s.char_start + a}", (s.evidence(),),
                                    {"year": year, "basis": "horizon"}))
            if len(out) >= MAX_HORIZON:
                return out[:MAX_HORIZON]
    return out


MAX_HORIZON = 6


def _of_plan(goal: Item, plan_words: set[str]) -> bool:
    """A goal stated in a sentence or section that names the plan (“十五”期间…的主要目标是…), whatever year a
    later clause of it gives (为到2010年…奠定基础)."""
    if not goal.citations:
        return False
    c = goal.citations[0]
    names = [w for w in plan_words if re.search(r"[\u4e00-\u9fff]", w) and len(w) >= 2 and w not in ("五年",)]
    return any(w in c.text or any(w in p for p in c.section_path) for w in names)


def planned_period(q: Question) -> tuple[int | None, set[str]]:
    """The last year of a five-year plan the question names (“十二五”, 第六个五年计划, the 12th Five-Year Plan),
    and the question's words that name it."""
    from graph.goals import plan_period_end

    for term in q.terms:
        if re.fullmatch(r"十?[一二三四五六七八九]?五", term):
            end = plan_period_end(f"“{term}”时期")
        elif re.fullmatch(r"第[一二三四五六七八九十]{1,3}个五年(?:计划|规划)?", term):
            end = plan_period_end(term.removesuffix("计划").removesuffix("规划") + "计划")
        else:
            continue
        if end:
            words = {t for t in q.terms if re.fullmatch(r"十?[一二三四五六七八九]?五|第[一二三四五六七八九十]{1,3}个五年(?:计划|规划)?|"
                                                       r"五年|5年|\d{1,2}(?:st|nd|rd|th)|[A-Za-z]+", t)}
            return end, words
    return None, set()


def _places_named(item: Item, ws: "Corpus", k: Knowledge) -> int:
    from graph.places import find_places

    text = simplified(item.citations[0].text) if item.citations else item.label
    regions = {r.label for r in k.regions if r.label in text}
    places = {m.place_id for m in find_places(text, ws.gazetteer, home=k.home)}
    return len(regions) + len(places)


# A question about where things stand ("现状是多少", "回顾过去五年…增长", "so far"): a target is no answer; the
# figures the text reports are (the grounded fallback reads them from the sentences).
FACT_ASKED = re.compile(r"现状|目前|当前|现有|已经|已达|基期|过去五年|回顾|上年|去年|实际完成|完成了|"
                        r"\b(?:currently|so far|already|baseline|was achieved|did .* achieve)\b", re.I)


def target_value(q: Question, ws: "Corpus", k: Knowledge) -> Answer:
    from graph import queries

    if FACT_ASKED.search(q.text):
        # the present state or a past figure: not a target (the text may still state it: see search.ask)
        return Answer(q.text, F.TARGET_VALUE, False, "问题问的是已有的数字,不是目标。")

    year = q.years[0] if q.years else None
    named = places_and_regions(q)
    docs = q.document_ids()
    # "2016年政府工作报告提出的“十三五”目标": the year names the document, not the target's year
    by_document = year is not None and bool(docs) and year in document_named_years(q, k)
    targets = [g for g in k.goals if ("value" in g.attrs or "value_text" in g.attrs)
               and (year is None or by_document or g.attrs.get("year") == year)
               and (not docs or in_documents(g, docs))]
    if not docs and not q.years and k.series and VALUE_IN_QUESTION.search(q.text) and WHICH_YEARS.search(q.text):
        return _years_with_value(q, k)
    if year is not None and docs and not by_document and not targets:
        # the document sets targets, for other years: say which part is absent, and which years it has
        others = sorted({g.attrs.get("year") for g in k.goals if in_documents(g, docs) and g.attrs.get("year")})
        if others:
            titles = "、".join(f"《{k.title(d)}》" for d in sorted(docs))
            return Answer(q.text, F.TARGET_VALUE, False,
                          f"{titles}没有{year}年的目标(not found: no {year} target);它的目标年份是"
                          f"{'、'.join(f'{y}年' for y in others)}。")
    if named and not all(key == k.home for key, _ in named):
        # a place other than the whole jurisdiction: only targets stated for it (or inside it)
        # stated for the place itself or a place inside it — a region's target is not the place's own
        allowed = {i.uri for key, _ in named for i in queries.goals_by_place(ws.graph, key, year)
                   if set(i.attrs.get("via", ["self"])) & {"self", "within"}}
        # a document about the place (《关于推进广州市…的实施方案》) states its targets for the place, even where
        # a sentence does not repeat the name
        own = documents_about([n for key, surface in named for n in place_names(key, surface, ws.gazetteer)], k)
        targets = [t for t in targets if t.uri in allowed or (t.citations and t.citations[0].doc_id in own)]
    # "昆明都市圈到2025年集聚全省多少人口": of the targets of the asked metric, those stated of that named thing,
    # when the text states any (not those of the region around it in the next sentence): in its own sentence,
    # else in a sentence after the one naming it ("“七五”计划草案规定…。…一九九○年…达到…")
    labels = [p.label.strip("“”\"") for p in q.projects]
    own = {t.uri for t in targets if t.citations and any(n in _sentence_of(t.citations[0], k, before=2)
                                                        for n in labels)} if labels else set()
    # a level asked (达到多少, 指标是多少) is answered by a level, a change asked (增长多少) by a change
    change_asked = any(v in q.text for v in change_verbs()) or bool(CHANGE_ASKED_EN.search(q.text))
    metrics = [t for t in q.terms if t not in ("目标", "多少", "建成", "达到", "实现", "完成", "预期")]
    if not any(re.search(r"[\u4e00-\u9fff]", t) for t in metrics) and q.years:
        # An English question names its metric in English, and targets are matched by their Chinese words:
        # list every target of that year (and place) rather than guess which one is meant.
        listed = dedupe(targets)
        if not listed:
            return Answer(q.text, F.TARGET_VALUE, False, f"语料中没有{q.years[0]}年的量化目标(not found)。")
        return Answer(q.text, F.TARGET_VALUE, True,
                      f"{q.years[0]}年的量化目标共{len(listed)}项(the metric named in English is not matched "
                      f"word for word; all targets of that year are listed)。", tuple(listed))
    # Several metrics may be asked at once (经济总量和常住人口): each picks the targets naming most of the
    # question's words, so 国内生产总值增长 beats 单位国内生产总值能耗.
    # each word as the question extends it (赤字 → 赤字率) and as it stands: the corpus may hold the longer
    # form elsewhere (经济增长预期目标) while this document says 经济增长预期为…
    forms = {t: list(dict.fromkeys(_suffixed(t, q, k) + variants(extend_term(t, q, k), k) + variants(t, k)))
             for t in metrics}
    words = [v for t in metrics for v in forms[t]]
    chosen: list[Item] = []
    for term in metrics:
        keys = forms[term]
        hits = [t for t in targets if any(key in (t.attrs.get("metric") or "") + t.label for key in keys)]
        rates = _rate_forms(term, q, k)
        if rates:
            # "赤字率是多少": a rate is asked, and the 财政赤字 in 亿元 of the same sentence is another figure
            hits = [t for t in hits if any(r in (t.attrs.get("metric") or "") + t.label for r in rates)
                    or t.attrs.get("unit") == "%"]
        if any(t.uri in own for t in hits):
            hits = [t for t in hits if t.uri in own]
        if not hits:
            continue

        def fit(t: Item) -> tuple:
            text = (t.attrs.get("metric") or "") + t.label
            # most of the question's words, then a level for a level (a change for a change), then the target's
            # own year, then the closest metric name
            is_change = any(v in (t.attrs.get("metric") or "") for v in change_verbs())
            return (sum(1 for w in words if w in text), is_change == change_asked, t.attrs.get("year") == year,
                    -(len(t.attrs.get("metric") or t.label) - max((len(w) for w in keys if w in text), default=0)))

        best = max(fit(t) for t in hits)
        chosen += [t for t in hits if fit(t) == best and t not in chosen]
    chosen = dedupe(chosen)
    if not chosen:
        when = f"{year}年" if year else ""
        return Answer(q.text, F.TARGET_VALUE, False,
                      f"语料中没有找到{when}{'、'.join(q.terms) or '该指标'}的目标值。")
    # "赤字率从去年的2.1%提高到2.3%": the target is the level it is raised to; the baseline stays in the citation
    chosen = [replace(t, label=without_baseline(t.label)) for t in chosen]
    parts = [t.label for t in chosen]
    if by_document:
        when = "、".join(f"《{k.title(d)}》" for d in sorted(docs)) + "提出:"
    else:
        when = f"到{year}年," if year else ""
    return Answer(q.text, F.TARGET_VALUE, True, when + ";".join(parts) + "。", tuple(chosen))


# "从/由 X 提高到 Y": X is the baseline the target starts from (a closed class of change verbs)
BASELINE = re.compile(r"(?:从|由)(?:去年|上年|上一年|目前|现在|现行|原来|20\d\d年|19\d\d年)?的?[^，,。；;到至]{0,16}?"
                      r"(?=(?:提高|增加|增长|上升|扩大|提升|降低|下降|减少|缩小|调整|压减|降)(?:到|至))")


def without_baseline(label: str) -> str:
    """A target's words without the baseline it starts from (赤字率从去年的2.1%提高到2.3% → 赤字率提高到2.3%)."""
    trimmed = BASELINE.sub("", label, count=1)
    return trimmed if re.search(r"\d|[一二三四五六七八九十百千万亿]", trimmed) else label


CHANGE_ASKED_EN = re.compile(r"\b(?:grow|growth|increase|rise|decrease|reduce|reduction|cut|by how much)\b", re.I)


@lru_cache(maxsize=1)
def change_verbs() -> tuple[str, ...]:
    """Verbs that make a target's value a change, not a level (graph/data/target_change_verbs.txt)."""
    path = Path(graph.__file__).parent / "data" / "target_change_verbs.txt"
    return tuple(w.strip() for w in path.read_text(encoding="utf-8").splitlines()
                 if w.strip() and not w.startswith("#"))


# The ending of a word that makes it a ratio (赤字率, 比重, 占比): its value is a share, not an amount.
RATE_SUFFIX = re.compile(r"(?:率|比重|比例|占比)$")


def _rate_forms(term: str, q: Question, k: Knowledge) -> tuple[str, ...]:
    """The ratio the question makes of its word (财政赤字 + 率 → 财政赤字率, 赤字率), in every form the corpus
    uses, longest first; () if it makes none."""
    pos = q.text.find(term)
    if pos < 0:
        return ()
    tail = re.match(r"[\u4e00-\u9fff]{1,2}", q.text[pos + len(term):])
    if not tail:
        return ()
    word = term + tail.group(0)
    ratio = RATE_SUFFIX.search(word) or RATE_SUFFIX.search(word[:-1])
    if not ratio:
        return ()
    word = word[:ratio.end()]
    return tuple(word[i:] for i in range(len(word) - len(ratio.group(0)) - 1) if k.containing(word[i:]))


def _suffixed(term: str, q: Question, k: Knowledge) -> list[str]:
    """The word with the question's next character or two, cut from the left until the corpus uses it: 财政赤字率
    → 赤字率 (the documents say 赤字率, and the 率 is what is asked, not the 财政赤字 in 亿元)."""
    pos = q.text.find(term)
    out = []
    for end in range(pos + len(term) + 1, pos + len(term) + 3):
        if pos < 0 or end > len(q.text) or not re.fullmatch(r"[\u4e00-\u9fff]+", q.text[pos:end]):
            break
        for start in range(pos, end - 2):
            piece = q.text[start:end]
            if piece != term and k.containing(piece):
                out.append(piece)
                break
    return out[::-1]


def _sentence_of(cite: Evidence, k: Knowledge, before: int = 0) -> str:
    """The whole sentence a citation stands in (a target cites its clause; the subject may open the sentence),
    with up to `before` sentences before it in its section."""
    passage = k.passage_up_to(cite.doc_id, cite.char_start, before)
    return "".join(s.text for s in passage) if passage else simplified(cite.text)


VALUE_WORDS = {"目标", "多少", "建成", "达到", "实现", "完成", "预期", "现状", "目前", "当前", "现有", "分别"}


def quoted_values(q: Question, ws: "Corpus", k: Knowledge, looking_forward: bool,
                  sections: list[str] | None = None) -> Answer | None:
    """The graph holds no target for the question: the clauses of the text (of the sections it names) that
    state a value of its words."""
    from search.values import value_clauses, word_groups

    groups = word_groups(q, k, VALUE_WORDS)
    for term in q.terms:
        rates = _rate_forms(term, q, k)
        if rates:
            # "赤字率是多少": the clause of the rate, not the 财政赤字 in 亿元 beside it
            groups = [rates if term in g else g for g in groups]
    items = value_clauses(q, ws, k, groups, looking_forward, sections)
    if not items:
        return None
    quoted = ";".join(f"「{i.label}」({i.attrs['document']})" for i in items)
    return Answer(q.text, F.TARGET_VALUE, True, f"图谱中没有记录这一指标的目标值;原文写道:{quoted}。",
                  tuple(items), tuple(c for i in items for c in i.citations))


VALUE_IN_QUESTION = re.compile(r"\d+(?:\.\d+)?\s*(?:%|％|万|亿)")
WHICH_YEARS = re.compile(r"哪几年|哪些年|哪一年|哪些(份)?报告|哪几份|which (reports|years|government work reports)|in which years",
                         re.I)


def _years_with_value(q: Question, k: Knowledge) -> Answer:
    """'哪几年的报告把失业率目标定为4.5%以内': the documents of the series whose target of that metric has that value."""
    number = VALUE_IN_QUESTION.search(q.text).group(0).replace("％", "%").replace(" ", "")
    members = set().union(*k.series_docs.values())
    # every English phrase's Chinese words must be met; of a Chinese question, its longest metric word
    groups = q.english_groups or [(max((extend_term(t, q, k) for t in q.terms
                                        if re.search(r"[\u4e00-\u9fff]", t) and t not in ("目标", "报告")),
                                       key=len, default=""),)]
    digits = re.match(r"\d+(?:\.\d+)?", number).group(0)
    exact = re.compile(rf"(?<![\d.]){re.escape(digits)}(?![\d.])")
    rows = []
    for g in k.goals:
        doc_id = next((c.doc_id for c in g.citations if c.doc_id in members), None)
        text = ((g.attrs.get("metric") or "") + g.label).replace("％", "%")
        if doc_id and exact.search(text) and all(any(w and w in text for w in g) for g in groups):
            year = k.doc_years.get(doc_id)
            rows.append((year or 0, Item(f"{year}年:{g.label}"[:MAX_LABEL], "Goal", g.uri, g.citations,
                                         {**g.attrs, "document_year": year})))
    if not rows:
        return Answer(q.text, F.TARGET_VALUE, False, f"语料中没有找到目标值为{number}的报告。")
    rows.sort(key=lambda r: r[0])
    years = list(dict.fromkeys(str(y) for y, _ in rows))
    return Answer(q.text, F.TARGET_VALUE, True, f"共{len(years)}年:{'、'.join(years)}。", tuple(i for _, i in rows))


BASIS_RANK = {"explicit": 0, "metadata": 1, "admin_data": 2, "outline": 3, "section_scope": 4}
MAX_GOALS = 8


def explicit_first(item: Item) -> Item:
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


def home_section(project: Item, ws: "Corpus", k: Knowledge, sections: list[Item] | None = None) -> Item | None:
    """The section about a project: one whose heading names it, else the one mentioning it most."""
    named = [Item(h.text, "Section", f"{doc_id}#{h.char_start}",
                  (Evidence(source, doc_id, h.path, h.char_start, h.char_end, h.text, "outline"),),
                  {"path": list(h.path)})
             for doc_id, source, h in k.headings if normalise(project.label) in normalise(h.text)]
    if named:
        return named[0]
    if sections is None:
        from graph import queries

        sections = [i for i in queries.trace(ws.graph, project.uri)
                    if i.type == "Section" and i.attrs.get("role") != "programme"]
    return _home_section(project, sections)


def parent_goal(q: Question, ws: "Corpus", k: Knowledge) -> Answer:
    """The goal(s) the text ties a project to — the strongest basis the graph records (same sentence, same
    paragraph, same named object, upper programme, section goal) — the programme it is listed under, and its
    section, each cited."""
    from graph import queries

    project = q.projects[0]
    chain = queries.trace(ws.graph, project.uri)
    goals = [i for i in chain if i.type == "Goal"]   # strongest first (graph.queries.trace)
    programmes = [i for i in chain if i.attrs.get("role") == "programme"]
    sections = [i for i in chain if i.type == "Section" and i.attrs.get("role") != "programme"]
    if not goals and not sections:
        return Answer(q.text, F.PARENT_GOAL, False, f"没有找到{project.label}对应的目标。")
    if goals:
        # The strongest links, and those nearly as strong: a sentence may state two aims for one project.
        top = goals[0].attrs.get("confidence", 0)
        goals = [g for g in goals if g.attrs.get("confidence", 0) >= top - LINK_MARGIN]
        # Goals reached only through the section or the project's place: the few nearest, not a list of the plan's.
        goals = goals[:MAX_SECTION_GOALS if goals[0].attrs.get("basis") == "section_goal" else MAX_GOALS]
    home = home_section(project, ws, k, sections)
    parts: list[str] = []
    items: list[Item] = []
    if home is not None:
        path = home.attrs.get("path") or [home.label]
        parts.append(f"{project.label}位于「{' > '.join(path)}」。")
        # the whole chain of headings: the chapter names the aim as much as the section does
        items.append(explicit_first(Item(" > ".join(path), home.type, home.uri, home.citations, home.attrs)))
    if programmes:
        parts.append(f"属于「{programmes[0].label}」。")
        items.append(programmes[0])
    if goals:
        basis = LINK_BASIS_LABELS.get(goals[0].attrs.get("basis", ""), "")
        weak = goals[0].attrs.get("confidence", 1) < SHOWN_LINK
        lead = "原文未直接说明其目标,所在章节的目标:" if weak else f"对应的目标({basis}):" if basis else "对应的目标:"
        parts.append(lead + ";".join(g.label for g in goals) + "。")
    items += [explicit_first(g) for g in goals]
    themed = theme_goal(home.attrs.get("path") or [home.label], home.citations[0].doc_id, k) \
        if home is not None and home.citations else None
    aims = [a for a in textual_aims(project, k) + ([themed] if themed else [])
            if not any(a.label in i.label or i.label in a.label for i in items)]
    if aims:
        # what the text around the project says it is for: the lead of its sentence (促进民心相通,…), the
        # sentence before a one-line measure, the aim that opens its section
        parts.append("原文上下文:" + ";".join(a.label for a in aims) + "。")
        items += aims
    return Answer(q.text, F.PARENT_GOAL, True, "".join(parts), tuple(items))


# Character pairs of headings that say nothing of the theme (提升…水平, 加快…建设).
GENERIC_PAIRS = frozenset("提升 加快 推进 推动 建设 发展 完善 加强 健全 实施 打造 水平 体系 机制 全面 深入 持续 高质量 质量".split())
MIN_THEME_PAIRS = 3


def theme_goal(path: list[str], doc_id: str, k: Knowledge) -> Item | None:
    """The plan's goal that shares the theme of the project's section (提升基础设施通达水平 → 基础设施通达程度比较
    均衡): the goal of the same document holding most of the headings' character pairs, at least three."""
    def pairs(text: str) -> set[str]:
        core = re.sub(r"^(?:第[一二三四五六七八九十\d]+[章节部分]|[一二三四五六七八九十]+、|[(（][一二三四五六七八九十\d]+[)）])\s*", "",
                      text)
        return {core[i:i + 2] for i in range(len(core) - 1)
                if re.fullmatch(r"[\u4e00-\u9fff]{2}", core[i:i + 2])} - GENERIC_PAIRS

    best, best_n = None, MIN_THEME_PAIRS - 1
    for heading in reversed(path):       # the deepest heading first: it is the most specific theme
        wanted = pairs(heading)
        for goal in k.goals:
            cite = goal.citations[0] if goal.citations else None
            if cite is None or cite.doc_id != doc_id:
                continue
            n = len(wanted & pairs(goal.label))
            if n > best_n:
                best, best_n = goal, n
        if best is not None:
            return Item(best.label, "Goal", best.uri, best.citations, {**best.attrs, "basis": "section_theme"})
    return None


MAX_AIM = 45        # characters: a clause longer than this is a measure, not an aim
PROJECT_ONLY = 24   # a sentence this short states the project and nothing else


def textual_aims(project: Item, k: Knowledge) -> list[Item]:
    """Aims the text states around a project's first mention, each cited: the lead clause of its sentence, the
    last clause of the sentence before when its own sentence holds nothing else, and the last clause of the
    sentence that opens its section."""
    from search.sentences import clauses

    cite = next((c for c in project.citations if c.doc_id in k.by_doc), None)
    first = None if cite else next(iter(sorted(k.containing(project.label), key=lambda x: (x.doc_id, x.char_start))),
                                   None)
    if cite is None and first is None:
        return []
    doc_id, offset = (cite.doc_id, cite.char_start) if cite else (first.doc_id, first.char_start + first.text.find(
        project.label))
    sentences = k.by_doc[doc_id]
    at = next((i for i, x in enumerate(sentences) if x.char_start <= offset < x.char_end), None)
    if at is None:
        return []
    s = sentences[at]
    picked: list[tuple[Sentence, int, int]] = []
    spans = clauses(s.text)
    inside = offset - s.char_start
    if len(spans) >= 2 and not spans[0][0] <= inside < spans[0][1] and spans[0][1] - spans[0][0] <= MAX_AIM:
        picked.append((s, *spans[0]))
    if len(s.text) <= PROJECT_ONLY and at and sentences[at - 1].section_path == s.section_path:
        before = sentences[at - 1]
        picked.append((before, *clauses(before.text)[-1]))
    opening = next((x for x in sentences if x.section_path == s.section_path), None)
    if opening is not None and opening is not s:
        picked.append((opening, *clauses(opening.text)[-1]))
    out = []
    for x, a, b in picked:
        text = x.text[a:b].rstrip("。；;")
        if 4 <= len(text) <= MAX_AIM:
            out.append(Item(text, "Goal", f"{x.doc_id}#{x.char_start + a}", (x.evidence(a, a + len(text)),),
                            {"basis": "context"}))
    return dedupe(out)


MAX_SECTION_GOALS = 3
LINK_MARGIN = 0.05   # goals within this much of the strongest link's confidence are listed with it
SHOWN_LINK = 0.45    # below: a goal the project only shares a section or a theme with
LINK_BASIS_LABELS = {"same_sentence": "同一句中说明", "same_paragraph": "同一段落中说明",
                     "same_object": "同一对象的目标", "upper_programme": "所属工程/行动的目标",
                     "section_goal": "所在章节的目标", "explicit": "原文说明", "outline": "所在章节的目标"}


def region_membership(q: Question, ws: "Corpus", k: Knowledge) -> Answer:
    from graph import queries

    boolean = re.search(r"(吗|么|是否|是不是|在不在|算不算)[？?]?$|^(is|does|are) ", q.text, re.I)
    if boolean and q.places and q.regions:
        key, surface = q.places[0]
        region = q.regions[0]
        belongs = queries.regions_of(ws.graph, key)
        hit = [r for r in belongs if r.uri == region.uri]
        if hit:
            return Answer(q.text, F.MEMBERSHIP, True, f"是。{surface}属于{region.label}。", tuple(hit))
        members = queries.region_members(ws.graph, region.uri)
        others = "、".join(r.label for r in belongs)
        tail = f"{surface}属于{others}。" if others else ""
        cites = tuple(c for m in members[:1] for c in m.citations[:1])
        return Answer(q.text, F.MEMBERSHIP, True,
                      f"不属于。{region.label}的范围不包括{surface}。{tail}", tuple(belongs), cites)
    if q.regions:
        region = q.regions[0]
        members = queries.region_members(ws.graph, region.uri)
        if members:
            names = "、".join(m.label for m in members)
            return Answer(q.text, F.MEMBERSHIP, True, f"{region.label}包括{len(members)}个:{names}。",
                          tuple(members))
    if q.places:
        key, surface = q.places[0]
        belongs = queries.regions_of(ws.graph, key)
        if belongs:
            return Answer(q.text, F.MEMBERSHIP, True,
                          f"{surface}属于:{'、'.join(r.label for r in belongs)}。", tuple(belongs))
    return Answer(q.text, F.MEMBERSHIP, False, "语料中没有找到该区域的范围定义。")


SPEAKER_ASKED = re.compile(r"谁作|谁在|哪位总理|谁所作|谁做的|报告人|who (delivered|gave|presented|made)|which premier|"
                           r"whose report|delivered by", re.I)
# "发文字号是多少", "document number": asked of the document's 文号.
NUMBER_ASKED = re.compile(r"文号|字号|document number|reference number", re.I)
OTHER_PARTICULARS = re.compile(r"机关|部门|发布|印发|谁|哪天|日期|时间|主送|发给|\b(?:who|when|issuer|issued|date)\b", re.I)
# "何时起施行", "how long is it valid": asked of when the document takes effect and for how long.
IN_FORCE_ASKED = re.compile(r"施行|实施日期|实施时间|起实施|生效|有效期|失效|take effect|in force|valid|expire|effective", re.I)
IN_FORCE = re.compile(r"自\s*(?:\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[印发布公]{2}之日)\s*起(?:施行|实施|执行|生效)|"
                      r"有效期(?:为|延长)?\s*(?:\d+|[一二三四五六七八九十两]+)\s*年|有效期(?:至|到|延长至)\s*\d{4}\s*年(?:\s*\d{1,2}\s*月"
                      r"(?:\s*\d{1,2}\s*日)?)?")
# "哪次会议批准", "approved by which session": asked of the resolution that approved a yearly report.
# a document's basis is stated in its opening: 根据/依据/按照/为贯彻落实《title》(and《title》…) up to the clause's end
BASIS_STATED = re.compile(r"(?:根据|依据|按照|依照|贯彻落实|落实)([^。；;]{0,120})")
TITLE_QUOTED = re.compile(r"《([^》]{4,80})》")
BASIS_OPENING = 1500    # characters of a document's opening where its basis is stated


def _basis_documents(text: str) -> list[tuple[int, int, str]]:
    """(start, end, title) of the documents the opening of `text` says it is based on, in order, once each."""
    out, seen = [], set()
    for m in BASIS_STATED.finditer(text[:BASIS_OPENING]):
        for t in TITLE_QUOTED.finditer(m.group(1)):
            title = t.group(1)
            if title not in seen:
                seen.add(title)
                out.append((m.start(1) + t.start(), m.start(1) + t.end(), title))
    return out


APPROVAL_ASKED = re.compile(r"批准|决议|审议通过|approv|adopt|resolution", re.I)
SPEAKER = re.compile(r"(总理|副总理|主席|省长|市长|县长|州长|区长)\s*([\u4e00-\u9fff]{2,3}?)(?:同志)?\s*(?:所作|作的|代表|向|在)")
# the name before the title: "听取了周恩来总理代表国务院所作的政府工作报告"
SPEAKER_NAMED_FIRST = re.compile(r"([\u4e00-\u9fff]{2,3})(总理|副总理)(?:代表[\u4e00-\u9fff]{2,6})?所作")
SESSION = re.compile(r"^(.+?(?:会议|大会))(?:关于|审议)")
# A report's own opening names the session it is delivered to, often after its date:
# "1957年6月26日在第一届全国人民代表大会第四次会議上", "向第五届全国人民代表大会第一次会议作政府工作报告",
# or the session as the speaker's "we": search.knowledge.OPENING_SESSION.


def _delivery(doc: Item, ws: "Corpus", k: Knowledge) -> list[Item]:
    """Who delivered a document of a yearly series and which session approved it, when a resolution dated
    the same year (…关于政府工作报告的决议) or the document's own opening says so."""
    doc_id = doc.attrs.get("doc_id")
    year = k.doc_years.get(doc_id)
    series = [name for name, ids in k.series_docs.items() if doc_id in ids]
    from search.question import document_kinds

    members = set().union(*k.series_docs.values()) if k.series_docs else set()
    if year is not None and not series and doc_id not in members and "决议" in doc.label and any(
            z in doc.label for name in k.series for z, _ in document_kinds() if z in name):
        # the resolution itself (…关于政府工作报告的决议): it names the speaker, the session and its own date
        resolutions, own = [doc], None
    elif year is None or not series:
        return []
    else:
        kind = next((z for z, _ in document_kinds() if z in series[0]), series[0])
        resolutions = [d for d in k.documents if d.attrs.get("doc_id") not in members and kind in d.label
                       and k.doc_years.get(d.attrs.get("doc_id")) == year]
        own = ws.documents.get(doc_id)
    items: list[Item] = []
    sources = ([(own, 600)] if own is not None else []) + [(ws.documents.get(r.attrs.get("doc_id")), None)
                                                            for r in resolutions]
    for ingested, limit in sources:
        if ingested is None:
            continue
        # read in simplified characters (the 1950s reports are printed in traditional ones), cited as printed
        text = simplified(ingested.document.text if limit is None else ingested.document.text[:limit])
        m = SPEAKER.search(text)
        name, role = (m.group(2), m.group(1)) if m else (None, None)
        if m is None:
            m = SPEAKER_NAMED_FIRST.search(text)
            name, role = (m.group(1), m.group(2)) if m else (None, None)
        if m and not any(i.attrs.get("field") == "speaker" for i in items):
            items.append(Item(name, "Agency", f"{doc.uri}#speaker",
                              (_text_evidence(ingested, m.start(), m.end(0)),), {"field": "speaker", "role": role}))
    if own is not None and not resolutions:
        m = OPENING_SESSION.search(simplified(own.document.text[:600]))
        if m:
            items.append(Item(m.group(2), "Value", f"{doc.uri}#session",
                              (_text_evidence(own, m.start(2), m.end(2)),), {"field": "session", "from": "opening"}))
            if m.group(1):
                items.append(Item(m.group(1), "Value", f"{doc.uri}#delivered",
                                  (_text_evidence(own, m.start(1), m.end(1)),), {"field": "delivered"}))
    for r in resolutions:
        ingested = ws.documents.get(r.attrs.get("doc_id"))
        if ingested is None:
            continue
        m = SESSION.match(r.label)
        if m:
            pos = ingested.document.text.find(m.group(1))
            cites = (_text_evidence(ingested, pos, pos + len(m.group(1))),) if pos >= 0 else ()
            items.append(Item(m.group(1), "Value", f"{r.uri}#session", cites, {"field": "session"}))
        for date in r.attrs.get("dates", [])[:1]:
            y, mo, d = (int(x) for x in date.split("-"))
            label = f"{y}年{mo}月{d}日"
            pos = ingested.document.text.find(label)
            cites = (_text_evidence(ingested, pos, pos + len(label)),) if pos >= 0 else ()
            items.append(Item(label, "Value", f"{r.uri}#approved", cites, {"field": "approved", "iso": date}))
    return items


def _text_evidence(ingested, start: int, end: int) -> Evidence:
    src = ingested.document
    path = ()
    for section in ingested.sections:
        if section.char_start <= start < section.char_end and len(section.path) >= len(path):
            path = tuple(section.path)
    return Evidence(src.source, src.doc_id, path, start, end, src.text[start:end], "metadata")


def document_metadata(q: Question, ws: "Corpus", k: Knowledge) -> Answer:
    docs = q.documents or (k.documents if len(k.documents) == 1 else [])
    if not docs:
        return Answer(q.text, F.METADATA, False, "请指明是哪一份文件(可用《标题》)。")
    doc = docs[0]
    delivery = _delivery(doc, ws, k)
    in_series = any(doc.attrs.get("doc_id") in ids for ids in k.series_docs.values())
    if in_series and APPROVAL_ASKED.search(q.text) and not any(
            i.attrs.get("field") == "approved" or (i.attrs.get("field") == "session" and i.attrs.get("from") != "opening")
            for i in delivery):
        # the approval is recorded by a resolution of the same year; without one the corpus does not say
        return Answer(q.text, F.METADATA, False,
                      f"语料中没有批准《{doc.label}》的决议(not found in the corpus)。")
    ingested = ws.documents.get(doc.attrs["doc_id"])
    if SPEAKER_ASKED.search(q.text) and not any(i.attrs.get("field") == "speaker" for i in delivery):
        speaker = ingested.metadata.speaker if ingested else None
        if not speaker:
            return Answer(q.text, F.METADATA, False, f"语料中没有写明《{doc.label}》由谁所作(not found in the corpus)。")
        span = ingested.metadata.spans.get("speaker")
        cites = ((_text_evidence(ingested, span.char_start, span.char_end),) if span else ())
        # the speaker named in the report's own front matter (a byline under its dateline)
        delivery = [Item(speaker, "Agency", f"{doc.uri}#speaker", cites, {"field": "speaker", "role": ""})] + delivery
    a = doc.attrs
    if NUMBER_ASKED.search(q.text) and not OTHER_PARTICULARS.search(q.text) and not a.get("doc_number"):
        # only the 文号 is asked, and the text states none
        return Answer(q.text, F.METADATA, False, f"《{doc.label}》正文中没有写明发文字号(not found in the corpus)。")
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
    for i in delivery:
        field = i.attrs["field"]
        parts.append({"speaker": f"{i.attrs.get('role', '')}{i.label}所作",
                      "session": f"向{i.label}所作" if i.attrs.get("from") == "opening" else f"经{i.label}审议批准",
                      "delivered": f"{i.label}作", "approved": f"决议{i.label}通过"}[field])
    items += delivery
    if IN_FORCE_ASKED.search(q.text) and ingested is not None:
        # "自2019年7月1日起实施，有效期5年": when the document takes effect and for how long
        for m in IN_FORCE.finditer(ingested.document.text):
            label = m.group(0)
            items.append(Item(label, "Value", f"{doc.uri}#in-force-{m.start()}",
                              (_text_evidence(ingested, m.start(), m.end()),), {"field": "in_force"}))
            parts.append(label)
    if F.asks_basis(q.text) and ingested is not None:
        # "根据《国务院办公厅关于…的指导意见》精神": the documents the opening says this one implements
        basis = _basis_documents(ingested.document.text)
        for start, end, title in basis:
            items.insert(0, Item(f"《{title}》", "Document", f"{doc.uri}#basis-{start}",
                                 (_text_evidence(ingested, start, end),), {"field": "basis"}))
        if basis:
            parts.append("依据" + "、".join(f"《{t}》" for _, _, t in basis))
    for name in a.get("addressees", []):
        items.append(Item(name, "Agency", f"{doc.uri}#to-{name}", cite("addressees"), {"role": "addressee"}))
    if a.get("addressees"):
        parts.append(f"主送{'、'.join(a['addressees'])}")
    return Answer(q.text, F.METADATA, True, ",".join(parts) + "。", tuple(items), cite("title"))
