"""Lineage: project → upper programme → goal, each link with its basis and confidence.

Strongest basis first (graph.vocab.LINEAGE_BASES):
  same_sentence    the goal, or an aim, is stated in the project's sentence (实施X，力争3年实现Y; X全面建成)
  same_paragraph   a goal stated in the project's paragraph (outside the plan's goals section)
  same_object      a goal stated elsewhere for the same named object: the project's name or its distinctive
                   core (农村人居环境 of 农村人居环境整治三年行动计划) is in the goal's sentence
  upper_programme  the project is listed under a programme — a heading naming a 工程/行动/计划 above it, a
                   lead 以X为引领 in its sentence, or a short lead sentence 实施X工程。 opening its paragraph —
                   and the goal is the programme's (stated in the programme's section or linked to it)
  section_goal     a goal of the project's own section or of an enclosing one, or one the goals section
                   states for the project's place or in its words (never across themes by place alone)

Aims are goals extraction does not find because they are the purpose of one project, not a target of the
plan: the clause after the project that states a result (形成…, 实现…, 将…建成…), or 围绕…的目标 before it.
"""
from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from graph.goals import section_context
from graph.projects import normalise_name, word_tokenizer
from graph.records import Evidence, Goal, Relation
from graph.vocab import AIM_ID_PREFIX, SAME_OBJECT, SAME_PARAGRAPH, SAME_SENTENCE, SECTION_GOAL, UPPER_PROGRAMME

DATA = Path(__file__).parent / "data" / "lineage.json"

# Confidence by basis; within a basis a link is weaker when the goal does not share the project's words.
SAME_SENTENCE_CLAUSE = 0.9       # the goal or aim is in (or follows) the project's clause
SAME_SENTENCE_LIST = 0.55        # another clause of a goals-section sentence listing many aims
SAME_SENTENCE_OTHER_AIM = 0.4    # … when the project's own clause states an aim of its own
SAME_PARAGRAPH_TARGET = 0.8      # a dated target in the project's words
SAME_PARAGRAPH_RELATED = 0.78
SAME_OBJECT_STATEMENT = 0.75     # the name is in the goal statement itself
SAME_OBJECT_SENTENCE = 0.7       # the name is in the goal's sentence, another clause
PROGRAMME = 0.6
PROGRAMME_MEMBER = 0.8           # confidence of the project → programme link from a heading
LEAD_MEMBER = 0.7                # … from a lead (以X为引领, a lead sentence opening the paragraph)
SAME_SECTION = 0.5
SHARED_PLACE = 0.5
SHARED_TERM = 0.5
WEAK = 0.45                      # an unrelated figure in the same paragraph, a goal of an enclosing section
THEME_ONLY = 0.4
FALLBACK = 0.39                  # a plan-wide goal on the project's theme: only when nothing else links it
MAX_FALLBACK = 3
# A goal naming this many places speaks for the whole jurisdiction, not for a project's place.
BROAD_GOAL = 3
MAX_AIM = 60
MAX_TAIL = 2     # purpose clauses at a sentence's end taken as aims

_HEADING_MARKER = re.compile(r"^(?:第[一二三四五六七八九十百]+[章节篇]|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]"
                             r"|[0-9]+[.、．])\s*")
_STRIVE = re.compile(r"^(?:力争|努力|争取|确保)")
_STOPS = frozenset("，,；;：:。！？!?")
_QUOTES = re.compile(r"[“”\"'‘’「」『』《》\s]")
# Words too common in plan headings and goals to link a project to a goal by themselves.
_COMMON_TERMS = frozenset({
    "推进", "推动", "建设", "加快", "发展", "提升", "提高", "加强", "完善", "健全", "构建", "打造", "实施", "促进",
    "深化", "强化", "优化", "支持", "形成", "实现", "基本", "进一步", "全面", "不断", "更加", "明显", "显著",
    "体系", "水平", "能力", "机制", "区域", "地区", "全省", "协调", "高质量", "一批", "新", "重点", "主要",
    "取得", "得到", "逐步", "初步", "持续", "有效", "格局", "布局", "加速", "推进", "开创", "局面", "进展",
    "社会主义", "现代化", "实质性", "新局面", "突破", "同步", "各州", "州市", "一体化发展", "均衡", "比较",
    # Words of every other heading and name: sharing one of them says nothing.
    "区域性", "国际", "特色", "功能", "生态", "人口", "经济", "服务", "创新", "机制", "一体化", "中心", "平台",
    "基地", "工程", "行动", "项目", "示范区", "问题", "优势", "开发", "开放", "合作", "产业", "国家", "省级",
    "通道", "城市", "体系", "水平",
})


@lru_cache(maxsize=1)
def _data() -> dict:
    return json.loads(DATA.read_text(encoding="utf-8"))


@lru_cache(maxsize=1)
def _aim_patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern, re.Pattern, re.Pattern]:
    d = _data()
    alt = lambda words: "|".join(map(re.escape, sorted(words, key=len, reverse=True)))  # noqa: E731
    prefixes = f"(?:(?:{alt(d['aim_prefixes'])})[，,]?)*"
    verb = re.compile(f"{prefixes}(?:{alt(d['aim_verbs'])})")
    obj = re.compile(f"^(?:{prefixes})?[将把使让].{{1,24}}?(?:{alt(d['aim_object_verbs'])})")
    done = re.compile(f"^[^，,；;]{{0,3}}(?:{alt(d['subject_completions'])})")
    lead = re.compile(f"^(?:{alt(d['programme_leads'])})")
    tail = re.compile(f"^{prefixes}(?:{alt(d['aim_tail_verbs'])})")
    return verb, obj, done, lead, tail


@lru_cache(maxsize=65536)   # called for every project × goal pair: tokenising once per text keeps linking linear
def key_terms(text: str) -> frozenset[str]:
    """Content words of a heading or goal (基础设施, 通达), without numbering or the verbs every heading has."""
    text = _HEADING_MARKER.sub("", text)
    return frozenset(t for t in word_tokenizer().cut(text, HMM=False)
                     if len(t) >= 2 and t not in _COMMON_TERMS and not re.search(r"[0-9%]", t))


@lru_cache(maxsize=65536)   # pure in its text; asked for every project × goal pair
def themes(text: str) -> frozenset[str]:
    """Policy themes a text speaks of (交通, 水利, 安全 …), from graph/data/lineage.json."""
    return frozenset(t for t, words in _data()["themes"].items() if any(w in text for w in words))


@lru_cache(maxsize=65536)   # pure in its text; asked for every project × goal pair
def core_name(name: str) -> str:
    """The distinctive part of a name: generic heads and fillers stripped from its end (农村人居环境整治三年
    行动计划 → 农村人居环境); the name itself when stripping would leave too little."""
    fillers = sorted(_data()["name_fillers"], key=len, reverse=True)
    core = normalise_name(name)
    changed = True
    while changed:
        changed = False
        for f in fillers:
            if core.endswith(f) and len(core) - len(f) >= 4:
                core = core[: -len(f)]
                changed = True
    return core


@lru_cache(maxsize=65536)   # pure in its text; asked for both sides of every project × goal pair
def flat(text: str) -> str:
    """A sentence as the rules read it: line wraps and spaces removed."""
    return re.sub(r"\s+", "", text)


def _locate(name: str, text: str) -> tuple[int, int] | None:
    """Where a name stands in a (flat) sentence, ignoring quotes; for a name built from a list (苏北省级物流
    枢纽 in 苏北、苏中…3个省级物流枢纽) the longest suffix of at least four characters."""
    keep = [i for i, ch in enumerate(text) if not _QUOTES.match(ch)]
    bare = "".join(text[i] for i in keep)
    target = normalise_name(name)
    for cut in range(0, max(1, len(target) - 3)):
        needle = target[cut:]
        at = bare.find(needle)
        if at >= 0 and len(needle) >= min(4, len(target)):
            return keep[at], keep[at + len(needle) - 1] + 1
    return None


def _clauses(text: str) -> list[tuple[int, int]]:
    """Clauses of a flat sentence; punctuation inside quotes (“守住点、连成线、形成面”) splits nothing."""
    out, start, depth = [], 0, 0
    for i, ch in enumerate(text + "。"):
        if ch in "“「『":
            depth += 1
        elif ch in "”」』":
            depth = max(0, depth - 1)
        elif depth == 0 and ch in _STOPS:
            if i > start:
                out.append((start, i))
            start = i + 1
    return out


@dataclass(frozen=True)
class ProjectMention:
    """Where a project is mentioned, as lineage needs it."""

    project_id: str
    name: str
    evidence: Evidence          # the sentence
    paragraph: tuple[int, int]  # offsets of the enclosing paragraph in Document.text
    section_id: str
    place_ids: tuple[str, ...]  # places named with the project or given by its section's scope
    terms: frozenset[str] = frozenset()   # key terms of the headings above the mention
    own_terms: frozenset[str] = frozenset()   # key terms of the name and of the mention's own heading


@dataclass(frozen=True)
class GoalSite:
    """Where a goal is stated: its section and whether that section is a goals section."""

    goal: Goal
    paragraph: tuple[int, int]
    section_id: str
    goal_section: bool
    terms: frozenset[str] = frozenset()   # key terms of the goal statement
    places_named: int = 0                  # places the statement itself names (before region members)


@dataclass(frozen=True)
class Lineage:
    """What lineage adds to an extraction: links (servesGoal, partOfProgramme) and the aims they point to."""

    relations: tuple[Relation, ...]
    aims: tuple[Goal, ...]


# ------------------------------------------------------------------------------------------------ aims

def aim_spans(sentence: str, name: str) -> list[tuple[int, int]]:
    """Spans (in `flat(sentence)`) of the aims a sentence states for the project named in it."""
    text = flat(sentence)
    at = _locate(name, text)
    if at is None:
        return []
    verb, obj, done, _, tail = _aim_patterns()
    spans = []
    clauses = _clauses(text)
    own = next(((a, b) for a, b in clauses if a <= at[0] < b), None)
    # 围绕功能完备、…、人口过百万的目标，…建设X: the goal the sentence names before the project.
    m = re.search(r"围绕(.{2,40}?)的目标", text[:at[0]])
    if m:
        spans.append((m.start(1), m.end(1)))
    # X全面建成: the project's own clause states its completion.
    if own is not None and done.search(text[at[1]:own[1]]):
        spans.append(own)
    # 实施X，…，力争/形成/实现Y: the first later clause stating a result.
    for a, b in clauses:
        if b <= at[1] or (own is not None and (a, b) == own):
            continue
        clause = text[a:b]
        if "是" in clause or clause.endswith("目标"):
            continue
        if _STRIVE.match(clause):
            spans.append((a, b))   # 力争高铁站点覆盖更多城市: the whole clause is the aim
            break
        if _FRAME.match(clause):
            continue   # 按照“…”要求: how it is done, not what for
        hit = obj.search(clause) or next((h for h in verb.finditer(clause) if not _quoted(clause, h.start())), None)
        if hit:
            spans.append((a + hit.start(), b))
            break
    # …，扩大电力市场化交易规模，降低企业用能成本: the clauses the sentence ends with say what it is all for.
    later = [(a, b) for a, b in clauses if a >= at[1] and (own is None or (a, b) != own)]
    purpose = []
    for a, b in reversed(later):
        if not tail.match(text[a:b]):
            break
        purpose.insert(0, (a, b))
    spans += purpose[-MAX_TAIL:]
    kept: list[tuple[int, int]] = []
    for a, b in spans:
        if 4 <= b - a <= MAX_AIM and not any(a < y and x < b for x, y in kept):
            kept.append((a, b))
    return kept


_FRAME = re.compile(r"^(?:按照|根据|依照|依托|围绕|遵循|坚持|以)")


def _quoted(text: str, pos: int) -> bool:
    return sum(text[:pos].count(q) for q in "“「『") > sum(text[:pos].count(q) for q in "”」』")


def _aim_id(doc_id: str, start: int, statement: str) -> str:
    return AIM_ID_PREFIX + hashlib.sha1(f"{doc_id}\x1f{start}\x1f{statement}".encode("utf-8")).hexdigest()[:12]


def _aims(mentions: Sequence[ProjectMention], sites: Sequence[GoalSite]) -> tuple[list[Goal], list[GoalSite]]:
    """Aims of the projects' sentences that no extracted goal already states."""
    stated: dict[int, list[str]] = {}
    for s in sites:
        stated.setdefault(s.goal.evidence.char_start, []).append(flat(s.goal.statement))
    goals: dict[str, Goal] = {}
    out: list[GoalSite] = []
    for m in mentions:
        review, _, _ = section_context(tuple(m.evidence.section_path))
        if review:
            continue
        text = flat(m.evidence.text)
        for a, b in aim_spans(m.evidence.text, m.name):
            statement = text[a:b]
            known = stated.get(m.evidence.char_start, [])
            if any(statement in k or k in statement for k in known):
                continue   # extraction states it already: that goal is linked by the same-sentence rule
            gid = _aim_id(m.evidence.doc_id, m.evidence.char_start, statement)
            if gid in goals:
                continue
            year = re.search(r"(?:到|至)([0-9]{4})年", statement)
            goals[gid] = Goal(gid, statement, int(year.group(1)) if year else None, None, (), m.evidence)
            out.append(GoalSite(goals[gid], m.paragraph, m.section_id, False, key_terms(statement), 0))
    return list(goals.values()), out


# ------------------------------------------------------------------------------------------------ links

def _project_themes(m: ProjectMention) -> frozenset[str]:
    path = m.evidence.section_path
    return themes(m.name + (path[-1] if path else ""))


def _related(m: ProjectMention, site: GoalSite) -> bool:
    return bool(site.terms & (m.own_terms | key_terms(m.name))) or bool(
        themes(site.goal.statement) & _project_themes(m))


def _same_sentence(m: ProjectMention, site: GoalSite) -> float:
    if not site.goal_section:
        # The farther the goal from the project's clause, the more likely it is another item's.
        text = flat(m.evidence.text)
        at, goal_at = _locate(m.name, text), text.find(flat(site.goal.statement))
        if at is None or goal_at < 0:
            return SAME_SENTENCE_CLAUSE - 0.05
        between = sum(1 for a, _ in _clauses(text) if min(at[1], goal_at) < a <= max(at[0], goal_at))
        return round(SAME_SENTENCE_CLAUSE - 0.02 * min(max(between - 1, 0), 5), 3)
    # A goals-section sentence lists several aims: the one in the project's own clause is the project's.
    text = flat(m.evidence.text)
    at, goal_at = _locate(m.name, text), text.find(flat(site.goal.statement))
    if at is None or goal_at < 0:
        return SAME_SENTENCE_LIST
    if _speaks_of(text, at, goal_at):
        return SAME_SENTENCE_CLAUSE
    # the project's own clause states its own aim (与X相适应的…布局初步形成): the list's other aims are others'
    own_end = next((b for a, b in _clauses(text) if a <= at[0] < b), len(text))
    verb, *_ = _aim_patterns()
    return SAME_SENTENCE_OTHER_AIM if verb.search(text, at[1], own_end) else SAME_SENTENCE_LIST


def _speaks_of(text: str, at: tuple[int, int], goal_at: int) -> bool:
    """Whether the goal at `goal_at` is about the name at `at`: in the name's clause, or in the next one when the
    name's clause only says it is carried out (“X”工程深入实施，Y进一步缓解); after X基本建成 the next clause is
    another item of the list."""
    clauses = _clauses(text)
    own = next((i for i, (a, b) in enumerate(clauses) if a <= at[0] < b), None)
    goal = next((i for i, (a, b) in enumerate(clauses) if a <= goal_at < b), None)
    if own is None or goal is None:
        return False
    _, _, done, _, _ = _aim_patterns()
    completed = bool(done.search(text[at[1]:clauses[own][1]]))
    return 0 <= goal - own <= (0 if completed else 1)


QUOTED_PHRASE = re.compile(r"[“\"「『]([^”\"」』]{2,60})[”\"」』]")


def _same_object(m: ProjectMention, site: GoalSite) -> float | None:
    core = core_name(m.name)
    # A short core is a common phrase (网络覆盖) unless the text quotes it as a name (“兴水润滇”).
    if len(core) < 5 and not re.search(r"[“\"「『]", m.name):
        return None
    if core in normalise_name(site.goal.statement):
        # one part of a quoted slogan of several (“甲地崛起、乙地开放、丙地开发…”格局基本形成): the goal is
        # the whole pattern's, not the named part's
        if any(core in normalise_name(q) and "、" in q for q in QUOTED_PHRASE.findall(site.goal.statement)):
            return None
        return SAME_OBJECT_STATEMENT
    if (site.goal_section or site.goal.year is not None) and core in normalise_name(site.goal.evidence.text):
        # “兴水润滇”工程深入实施，区域性缺水问题进一步缓解: the clause right after the name's still speaks of it;
        # the rest of a long goals sentence lists other aims.
        text = flat(site.goal.evidence.text)
        at, goal_at = _locate(core, text), text.find(flat(site.goal.statement))
        if at is not None and goal_at >= 0 and _speaks_of(text, at, goal_at):
            return SAME_OBJECT_SENTENCE
    return None


def _link(m: ProjectMention, site: GoalSite, ancestors: dict[str, tuple[str, ...]]) -> tuple[str, float] | None:
    g = site.goal
    ev = m.evidence
    if g.evidence.doc_id == ev.doc_id and g.evidence.char_start == ev.char_start and g.evidence.char_end == ev.char_end:
        return SAME_SENTENCE, _same_sentence(m, site)
    if g.goal_id.startswith(AIM_ID_PREFIX):
        return None   # an aim is the purpose of the projects of its own sentence only
    if site.paragraph == m.paragraph and not site.goal_section and (
            not g.place_ids or set(g.place_ids) & set(m.place_ids)):
        # (A goals paragraph lists every aim of the plan: naming a project in one aim is no link to the rest.)
        # A figure (常住人口达到1000万) is the paragraph's, and the projects' only when it shares their words.
        if g.target is not None:   # a figure is the projects' only when it is in their words (not a theme)
            in_words = bool(site.terms & (m.own_terms | key_terms(m.name)))
            return (SAME_PARAGRAPH, SAME_PARAGRAPH_TARGET) if in_words else (SAME_PARAGRAPH, WEAK)
        return SAME_PARAGRAPH, SAME_PARAGRAPH_RELATED
    same = _same_object(m, site)
    if same is not None:
        return SAME_OBJECT, same
    if site.section_id == m.section_id and not site.goal_section:
        return SECTION_GOAL, SAME_SECTION if _related(m, site) else THEME_ONLY
    if site.section_id in ancestors.get(m.section_id, ()) and not site.goal_section:
        # A goal in the introduction of an enclosing chapter frames the whole chapter.
        return SECTION_GOAL, WEAK if _related(m, site) else THEME_ONLY
    if not site.goal_section:
        return None
    # Never across themes: a transport project does not serve a border-security goal of its region.
    goal_themes, own_themes = themes(g.statement), _project_themes(m)
    if goal_themes and own_themes and not goal_themes & own_themes:
        return None
    shared_own = site.terms & m.own_terms
    broad = site.places_named >= BROAD_GOAL
    # In a goal naming many places, one shared word is often a piece of a place name (东北 of 黔东北): ask for two.
    own = (bool(shared_own & key_terms(m.name)) and not broad) or len(shared_own) >= 2
    # A goal naming many places (苏南、苏中、苏北…) is no aim of any one of them: the place overlap
    # says nothing then, but shared words still do.
    if set(g.place_ids) & set(m.place_ids) and not broad:
        # The goals section states an aim for the project's place: shown when it is in the project's words.
        return (SECTION_GOAL, SHARED_PLACE) if own or _chapter_region(m, g) else None
    if own:
        # The goals section states an aim in the words of the project or its section (基础设施通达…).
        return SECTION_GOAL, SHARED_TERM
    if goal_themes & own_themes and not broad and (not m.place_ids or _jurisdiction_wide(g)):
        return SECTION_GOAL, FALLBACK   # kept only for a project the text ties to nothing else
    return None


def _jurisdiction_wide(goal: Goal) -> bool:
    """A goal stated for a whole province or country (or for no place) speaks for every place inside it."""
    return all(pid.startswith("country:") or (pid.startswith("adcode:") and pid.endswith("0000"))
               for pid in goal.place_ids)


def _chapter_region(m: ProjectMention, goal: Goal) -> bool:
    """Whether the goal names a region that the project's headings name (苏北振兴实现新突破 / 推动苏北振兴):
    the goals section's aim for that region is the chapter's aim."""
    regions = [pid.rsplit(":", 1)[-1] for pid in goal.place_ids if pid.startswith("region:")]
    regions = [name for name in regions if name in goal.statement]
    return any(name in term or term in name for name in regions for term in m.terms if len(term) >= 2)


# ------------------------------------------------------------------------------------------------ programmes

@dataclass(frozen=True)
class _Programme:
    key: str                          # project id of the programme, else the id of the section describing it
    name: str
    evidence: tuple[Evidence, ...]    # the member's mention, and the programme's mention when there is one
    section_id: str | None            # the programme's section (goals stated there are the programme's)
    confidence: float


@lru_cache(maxsize=1)
def _programme_heads() -> tuple[frozenset[str], tuple[int, ...]]:
    heads = frozenset(_data()["programme_heads"])
    return heads, tuple(sorted({len(h) for h in heads}))


@lru_cache(maxsize=65536)   # asked of every mention for every section it stands in (~700k calls on the reports)
def _is_programme_name(name: str) -> bool:
    bare = normalise_name(name)
    heads, sizes = _programme_heads()
    return any(bare[-n:] in heads for n in sizes if n <= len(bare))


def _heading_programme(heading: str) -> str | None:
    """The programme a heading names (（七）网络扶贫行动。 → 网络扶贫行动; 二、实施“兴水润滇”工程 → 兴水润滇工程),
    None for a heading that only groups tasks (四、重大任务和重点工程)."""
    text = _HEADING_MARKER.sub("", flat(heading)).rstrip("。.；;：:")
    text = re.sub(r"^(?:深入|大力|全面|加快|积极)?(?:实施|推进|开展|建设|推动)", "", normalise_name(text))
    if not _is_programme_name(text) or re.search(r"[和与及、]", text) or not 4 <= len(text) <= 20:
        return None
    return text


def _programmes(mentions: Sequence[ProjectMention],
                ancestors: dict[str, tuple[str, ...]]) -> dict[int, _Programme]:
    """For each mention (by index) the programme it is listed under, if any."""
    by_name: dict[str, list[ProjectMention]] = {}
    for m in mentions:
        if _is_programme_name(m.name):
            by_name.setdefault(normalise_name(m.name), []).append(m)
    _, _, _, lead, _ = _aim_patterns()
    out: dict[int, _Programme] = {}
    for i, m in enumerate(mentions):
        found = _lead_programme(m, mentions, lead) or _heading(m, ancestors, by_name)
        if found is not None and found.key != m.project_id:
            out[i] = found
    return out


def _lead_programme(m: ProjectMention, mentions: Sequence[ProjectMention], lead: re.Pattern) -> _Programme | None:
    text = flat(m.evidence.text)
    at = _locate(m.name, text)
    for p in mentions:
        if p.project_id == m.project_id or not _is_programme_name(p.name):
            continue
        # 以实施基础设施“双十”重大工程为引领，加快推进铁路“建网提速”工程…: the lead names the programme.
        if p.evidence.char_start == m.evidence.char_start and at is not None:
            pat = _locate(p.name, text)
            if pat is not None and pat[1] <= at[0] and lead.search(text[pat[1]:pat[1] + 6]):
                return _Programme(p.project_id, p.name, (m.evidence,), None, LEAD_MEMBER)
        # 实施X工程。…建设A、B、C: a short lead sentence opening the paragraph names the programme.
        if (p.paragraph == m.paragraph and p.evidence.char_start < m.evidence.char_start
                and p.evidence.char_start - p.paragraph[0] <= 4 and len(flat(p.evidence.text)) <= 24):
            return _Programme(p.project_id, p.name, (m.evidence, p.evidence), None, LEAD_MEMBER)
    return None


def _heading(m: ProjectMention, ancestors: dict[str, tuple[str, ...]],
             by_name: dict[str, list[ProjectMention]]) -> _Programme | None:
    chain = (m.section_id, *ancestors.get(m.section_id, ()))
    for sid, heading in zip(chain, reversed(m.evidence.section_path)):
        name = _heading_programme(heading)
        if name is None:
            continue
        if name == normalise_name(m.name):
            return None   # the project's own section
        named = by_name.get(name) or [x for n, ms in by_name.items() if n.endswith(name) or name.endswith(n) for x in ms]
        if named:
            p = min(named, key=lambda x: abs(x.evidence.char_start - m.evidence.char_start))
            return _Programme(p.project_id, p.name, (m.evidence, p.evidence), sid, PROGRAMME_MEMBER)
        return _Programme(sid, name, (m.evidence,), sid, PROGRAMME_MEMBER)
    return None


# ------------------------------------------------------------------------------------------------ the run

def lineage(mentions: Sequence[ProjectMention], goals: Sequence[GoalSite],
            ancestors: dict[str, tuple[str, ...]]) -> Lineage:
    """servesGoal links (one per project and goal, with its strongest basis), partOfProgramme links and the
    aims they point to. `ancestors` maps a section id to its ancestors' ids (nearest first)."""
    aims, aim_sites = _aims(mentions, goals)
    sites = [*goals, *aim_sites]
    best: dict[tuple[str, str], Relation] = {}

    def keep(r: Relation) -> None:
        key = (r.subject, r.object)
        old = best.get(key)
        if old is None or r.confidence > old.confidence:
            best[key] = r

    fallback: dict[str, list[Relation]] = {}
    for m in mentions:
        for site in sites:
            found = _link(m, site, ancestors)
            if found is None:
                continue
            basis, confidence = found
            evidence = (m.evidence,) if m.evidence == site.goal.evidence else (m.evidence, site.goal.evidence)
            r = Relation(m.project_id, "servesGoal", site.goal.goal_id, evidence, basis, confidence)
            if confidence == FALLBACK:
                fallback.setdefault(m.project_id, []).append(r)
            else:
                keep(r)
    linked = {subject for subject, _ in best}
    for subject, found in fallback.items():
        if subject not in linked:
            for r in list({r.object: r for r in found}.values())[:MAX_FALLBACK]:
                keep(r)
    direct = dict(best)
    members: dict[tuple[str, str], Relation] = {}
    for i, prog in _programmes(mentions, ancestors).items():
        m = mentions[i]
        old = members.get((m.project_id, prog.key))
        if old is None or prog.confidence > old.confidence:
            members[(m.project_id, prog.key)] = Relation(m.project_id, "partOfProgramme", prog.key, prog.evidence,
                                                         UPPER_PROGRAMME, prog.confidence)
        for site, conf in _programme_goals(m, prog, sites, direct):
            keep(Relation(m.project_id, "servesGoal", site.goal.goal_id,
                          tuple(dict.fromkeys((*prog.evidence, site.goal.evidence))), UPPER_PROGRAMME, conf))
    relations = sorted(best.values(), key=lambda r: (r.subject, -r.confidence, r.object))
    relations += sorted(members.values(), key=lambda r: (r.subject, r.object))
    return Lineage(tuple(relations), tuple(aims))


STRONG = (SAME_SENTENCE, SAME_PARAGRAPH, SAME_OBJECT)


def _programme_goals(m: ProjectMention, prog: _Programme, sites: Sequence[GoalSite],
                     direct: dict[tuple[str, str], Relation]) -> list[tuple[GoalSite, float]]:
    """The programme's goals as a member inherits them: stated in the programme's section, or linked to the
    programme project by a strong basis. A goal that only restates the programme (X深入实施) comes last."""
    out = []
    programme = normalise_name(prog.name)
    for site in sites:
        r = direct.get((prog.key, site.goal.goal_id))
        in_section = prog.section_id is not None and site.section_id == prog.section_id
        if not in_section and (r is None or r.basis not in STRONG or r.confidence < SAME_OBJECT_SENTENCE):
            continue
        conf = PROGRAMME
        if _related(m, site):
            conf += 0.02
        if programme in normalise_name(site.goal.statement):
            conf -= 0.03   # “兴水润滇”工程深入实施 restates the programme; its other goals say what it is for
        out.append((site, round(conf, 3)))   # (trace lists a programme's goals in the order it states them)
    return out


def link_projects_to_goals(mentions: Sequence[ProjectMention], goals: Sequence[GoalSite],
                           ancestors: dict[str, tuple[str, ...]]) -> list[Relation]:
    """servesGoal relations to the given goals, one per (project, goal) with its strongest basis (no aims)."""
    known = {s.goal.goal_id for s in goals}
    return [r for r in lineage(mentions, goals, ancestors).relations
            if r.predicate == "servesGoal" and r.object in known]
