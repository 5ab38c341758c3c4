"""Rule-based recognition of named projects, programmes, facilities and zones in one sentence."""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib.resources import files
from typing import TYPE_CHECKING

import jieba

from graph.numerals import simplified
from graph.records import Evidence, Project

if TYPE_CHECKING:
    from graph.project_filter import ProjectFilter

# Head nouns that end a project name, with their kinds and flags: graph/data/project_heads.txt.
# "Programme" heads name an undertaking by what it does (畅通工程, 技能提升行动) and need only a
# descriptive modifier; "facility" heads (铁路, 枢纽, 园区…) name something only when qualified by a
# place, a quoted name, a bracket or a dash chain — otherwise "物流枢纽" is a category, not a project.
_DATA = files("graph") / "data"


def _data_lines(name: str) -> list[list[str]]:
    text = (_DATA / name).read_text(encoding="utf-8")
    return [line.split("\t") for line in text.splitlines() if line.strip() and not line.startswith("#")]


_HEAD_ROWS = [(row[0], row[1], frozenset(filter(None, row[2].split(",")))) for row in _data_lines("project_heads.txt")]
HEAD_KINDS = {head: kind for head, kind, _ in _HEAD_ROWS}
_FLAGS = {head: flags for head, _, flags in _HEAD_ROWS}


def _with(flag: str) -> tuple[str, ...]:
    return tuple(h for h, _, flags in _HEAD_ROWS if flag in flags)


# Pilots, events and policies are named like programmes, by what they do (婴幼儿照护服务示范活动).
PROGRAMME_HEADS = _with("programme") + _with("pilot") + _with("event")
FACILITY_HEADS = _with("facility")
_INFRASTRUCTURE = frozenset(_with("infrastructure"))
_ABSTRACT_HEADS = frozenset(_with("abstract"))
AREA_HEADS = frozenset(_with("area"))
STRONG_HEADS = frozenset(_with("strong"))
# Heads that need more than a two-character modifier (示范活动, 创新试点 are kinds).
_NAMED_LIKE_PROGRAMMES = frozenset(_with("pilot") + _with("event"))
# Policies, strategies, systems of rules and reforms: names only when carried out (实施乡村振兴战略).
GOVERNED_HEADS = _with("governed")
_LONG_HEADS = frozenset(_with("long"))
_POLICY_VERBS = frozenset(row[0] for row in _data_lines("policy_verbs.txt"))
# Document types a 《title》 ends with: a cited or issued policy (graph/data/policy_document_heads.txt).
POLICY_DOCUMENT_HEADS = tuple(sorted((row[0] for row in _data_lines("policy_document_heads.txt")), key=len,
                                     reverse=True))
POLICY_KIND, OTHER_KIND = "政策措施", "其他"
_QUOTED_NOUNS = {row[0]: row[1] for row in _data_lines("quoted_name_nouns.txt")}
_QUOTED_NOUNS_LONGEST_FIRST = tuple(sorted(_QUOTED_NOUNS, key=len, reverse=True))
_QUOTED_VERBS = tuple(sorted((row[0] for row in _data_lines("quoted_name_verbs.txt")), key=len, reverse=True))
# Kinds of zone rather than zones: named only with a place (深圳经济特区, 昆明综合保税区).
CATEGORY_NAMES = frozenset({
    "经济特区", "特区", "自贸试验区", "自由贸易试验区", "自贸区", "高新技术产业开发区", "高新技术开发区", "高新区",
    "经济技术开发区", "开发区", "综合保税区", "保税区", "国家级新区", "新区", "跨境经济合作区", "边境经济合作区",
    "开发开放试验区", "重点开发开放试验区", "国家重点开发开放试验区", "改革开放试验区", "示范区", "先行区",
    "城市群", "都市圈", "经济带", "经济圈", "片区", "综合试验区", "试验区", "合作区", "产业园", "园区",
})
# Programme names whose modifier is a judgement or a kind, not a programme (形象工程, 年度计划).
_NOT_PROGRAMMES = re.compile(
    r"(形象|政绩|面子|豆腐渣|水利|对外|承包|[一二三四]期|年度|五年|国民经济|经济|支出|投资|用地|生育|播种|"
    r"生产|收购|财政|信贷|季度|传统|指令性|指导性|具体|统一|部分|实际|共同|一致|联合|集体|统一|具体|"
    r"土木建筑|建筑安装|土石方|基建|基本建设|"
    r"[上中下]|的|了)$")
# Words that make a 工程 or 项目 a kind of construction works (高层建筑工程, 人防工程): graph/data/project_works_kinds.txt.
_WORKS_KINDS = tuple(sorted((row[0] for row in _data_lines("project_works_kinds.txt")), key=len, reverse=True))
_WORKS_HEADS = ("工程", "项目")
# A programme named by a short modifier only counts inside a list of programmes (畅通工程、绿化工程).
_SHORT_MODIFIER = 2
# Shared heads that add nothing to the items of a list (大理—丽江—攀枝花等项目).
_EMPTY_SHARED = frozenset({"项目", "工程", "重大项目", "重点项目", "在建项目", "重大工程", "重点工程"})
HEADS = tuple(sorted(set(PROGRAMME_HEADS + FACILITY_HEADS + GOVERNED_HEADS), key=len, reverse=True))
_HEAD_RE = re.compile("(?=(" + "|".join(map(re.escape, HEADS)) + "))")

# A head followed by one of these characters is the start of a longer noun (中心城市, 口岸城市,
# 港口, 园区内), not the end of a name.
_CONTINUES = set("城站口码核片点线网群带路园区段内外务业头所局级型式化性师方")

# Characters that end a name going leftwards (outside quotes and brackets).
_DELIMS = set(",，。;；:：!！?？、 \t\n\r\u3000/|")

# Verbs and adverbs that introduce a name rather than belong to it: the name starts after the
# rightmost such jieba token. Excludes verbs that occur inside programme names (提升, 改造, 治理),
# which only cut at the very start of a segment (_INITIAL).
_LEADERS = frozenset(row[0] for row in _data_lines("project_leaders.txt"))
_PERIOD = re.compile(r"^“十?[一二三四五六七八九]?五”(?:时期|期间|期)?")
_FIVE_YEAR_PLAN = re.compile(r"“?(?:十|第)?[一二三四五六七八九十]{0,2}个?五(?:年)?\s*”?\s*(?:计划|规划)")
# Kinds of project rather than projects (存量“两高”项目, 违规项目).
_CATEGORY_START = re.compile(r"^(?:年度|本年度|今年|明年|去年|存量|增量|新增|新上|现有|已有|违规|落后|低效|闲置|高耗能|高排放|高污染|小型|大批|"
                             r"一大批|拟建|同类|此类|该类|上述|下列|以下|其他|其它|各种)")
# Words saying how good, how big, whose or in which field, not what: a modifier made only of them names
# a kind of facility (对外开放平台, 企业技术中心, 要素交易中心).
_VAGUE_WORD = re.compile(
    r"一流|更多|更高|更好|高端|优质|良好|有效|特色|多元|多层次|功能|重要|核心|龙头|新兴|先进|有关|相关|对外|开放|"
    r"公共|服务|合作|交流|发展|创新|产业|综合|物流|商贸|科技|数据|信息|能源|交通|生产|加工|贸易|经济|就业|协同|"
    r"应用|行业级|行业|企业|技术|现代|工程|支撑|创业|[一二三四五六七八九十两]+(?:个|[大类项种批]|$)|[\u4e00-\u9fff]{1,3}[型式性]")
# (a numeral counts, 三大, 两个; it may also begin a proper name, 三峡, 两化融合)
# A standing the text aims at rather than a facility it builds.
_STATUS = re.compile(r"世界|国际化|国际|区域性国际|全球|全国性|全国一流")
_STATUS_CENTRE = re.compile(r"(?:经济|金融|航运|消费)中心$")
# Judgements that make a 工程 a reproach, not a programme (豆腐渣工程, “半拉子”工程).
_PEJORATIVE = re.compile(r"非法|违法|渗透|楼堂馆所|非生产性|半拉子|劣质|豆腐渣|形象|政绩|面子|烂尾|胡子|钓鱼|拖欠|重复建设|盲目")
# A 计划 names a programme when its modifier says what the programme does (孵化器倍增计划,
# 大学生创业引领计划); otherwise it is an economic plan or a schedule (财政收支计划, 一九八一年计划).
_PROGRAMME_PLAN = re.compile(r"(倍增|提升|培育|保护|引领|攻坚|振兴|扶持|资助|援助|推广|示范|攀登|支撑|促进|改造|改善|研发|"
                             r"人才|英才|计划生育|专项|建设|工程|行动|支持|帮扶|保障|培训|治理)计划$")
_INITIAL = frozenset({"提升", "发展", "改造", "治理", "保护", "加密", "重点", "高品质", "高水平", "我国", "全省",
                      "全市", "全国", "各地", "各级", "各类", "一批", "一些", "若干", "北向", "南向", "东向", "西向",
                      "一项", "一个", "更是", "也是", "过", "着"})


@functools.lru_cache(maxsize=1)
def word_tokenizer() -> jieba.Tokenizer:
    """A tokenizer with jieba's default dictionary (never the global one), shared with place finding; built once
    (ingest.segment.base_tokenizer makes a new instance on every call)."""
    from ingest.segment import base_tokenizer

    return base_tokenizer()


# Modifiers that make a name generic when nothing else qualifies the head (这些项目, 重大工程…).
GENERIC_MODIFIERS = frozenset({
    "", "这些", "这个", "该", "各", "各类", "各项", "一批", "一些", "若干", "相关", "有关", "其他", "其它",
    "重大", "重点", "重要", "主要", "新", "新型", "在建", "续建", "新开工", "大型", "中小", "中小型", "大中型",
    "国家", "国家级", "省级", "地方", "区域", "区域性", "全国", "全国性", "地区性", "示范", "试点", "基础设施",
    "民生", "公益性", "配套", "专项", "系统", "综合", "骨干", "标志性", "十大", "三大", "四大", "五大",
    "两大", "八大", "重大项目", "重大工程", "建设", "实施", "改造", "前期", "一号", "百项", "千项",
    "我国", "全省", "全市", "全区", "全县", "高品质", "高水平", "现代", "现代化", "各级",
})
MAX_NAME = 40
_GENERIC_LONGEST_FIRST = tuple(sorted((m for m in GENERIC_MODIFIERS if m), key=len, reverse=True))
_MAX_REACH = 30

_OPEN = {"”": "“", ")": "(", "）": "（", "》": "《", "’": "‘", "」": "「"}
_DASHES = "—–－‐─―\\-"  # the hyphen last and escaped: it is used inside [...]
_DASH_CHAIN = re.compile(f"[\u4e00-\u9fff()（）]{{2,}}[{_DASHES}]+[\u4e00-\u9fff]{{2,}}")
_QUOTED_CORRIDOR = re.compile(f"“([\u4e00-\u9fff]{{2,6}}(?:[{_DASHES}]+[\u4e00-\u9fff]{{2,6}})+)”")
# An unquoted route named only by its places (推动大理—丽江—攀枝花、…等项目建设): a project when it is listed
# as one of the things built.
_PLACE_CHAIN = re.compile(f"(?<![\u4e00-\u9fff{_DASHES}])([\u4e00-\u9fff]{{2,4}}(?:[{_DASHES}]+[\u4e00-\u9fff]{{2,4}})+)"
                          f"(?=[、，,和及与]|等)")
_ALIAS_RE = re.compile(r"^[(（](?:以下)?(?:简称)?[“\"]?([^()（）“”\"]{2,12})[”\"]?[)）]")


def find_projects(sentence: str, places: Sequence[tuple[int, int]] | None = None,
                  model: "ProjectFilter | None" = None, context: Sequence[str] = (),
                  document: str = "") -> list[tuple[int, int, str]]:
    """Named projects in `sentence` as (start, end, name); `places` are its place-mention spans.

    The rules below propose names and accept the clear ones; every other candidate (a head noun's chunk
    the rules turned down, a quoted phrase, a 《》 citation, a list item) is accepted when the learnt linear
    filter (graph/project_filter.py, weights in graph/data/project_filter.json; `model` overrides them)
    scores it above its threshold. `context` (graph.project_candidates.document_context) says what kind of
    text the sentence sits in; in a list of items of another kind (an approvals list, 审批事项清单) only quoted
    names and cited documents are projects (`proper_in_item_list`). `document`, the whole text in simplified
    characters, tells how often a candidate recurs in it.
    """
    from graph.project_candidates import ITEM_LIST, candidates, never_a_name
    from graph.project_filter import default_filter

    text = simplified(sentence)
    rejected: list[RuleCandidate] = []
    found = {k: v for k, v in rule_projects(text, places, rejected).items() if not never_a_name(v)}
    model = model or default_filter()
    if model is not None:
        rule_spans = list(found)
        for c in candidates(text, places, found, rejected, with_accepted=bool(model.veto), model=model,
                            document=document or text, context=context):   # (a sentence read alone is its own document)
            if "src=rule" in c.features:
                if not model.accepts(c):
                    found.pop((c.start, c.end), None)
            elif model.accepts(c) and not any(_swallows_or_crosses(c.start, c.end, a, b) for a, b in rule_spans):
                found.setdefault((c.start, c.end), c.name)   # (a candidate never swallows or cuts a rule's name)
    if ITEM_LIST in context:
        found = {(a, b): n for (a, b), n in found.items() if proper_in_item_list(text, a, b, n)}
    return [(a, b, sentence[a:b] if name == text[a:b] else name) for a, b, name in _drop_nested(found)]


def proper_in_item_list(text: str, start: int, end: int, name: str) -> bool:
    """Whether a name holds in a list of items of another kind: a quoted name or a cited 《document》 (the
    list's rows name the items it lists, 审批事项 and 材料, which a head noun there does not make projects)."""
    return "“" in name or text[start - 1:start] == "《" or (start > 0 and text[start - 1:start] == "“")


def _swallows_or_crosses(start: int, end: int, a: int, b: int) -> bool:
    """Whether start:end holds a:b or overlaps it without either holding the other."""
    return (start <= a and b <= end) or (start < b and a < end and not (a <= start and end <= b))


@dataclass(frozen=True)
class RuleCandidate:
    """A name the rules considered and turned down, with what they read from its clause."""
    start: int
    end: int
    name: str
    listed: bool
    source: str           # "head" (a head noun's chunk), "governed" (a policy head with no verb), "quoted"


def rule_projects(text: str, places: Sequence[tuple[int, int]] | None,
                  rejected: list[RuleCandidate] | None = None) -> dict[tuple[int, int], str]:
    """The rules' names in the simplified `text`, {(start, end): name}; turned-down names go to `rejected`.

    With `places` given (even empty), facility names must contain a place; without (None), a
    bracket or a dash chain is taken as a sign of a proper name instead. A facility named by what
    it is (创业孵化基地, 区域医疗中心) counts as the object of a building verb (建设, 打造 …).
    Names in the role of a setting — the object of 依托/对接/融入/面向, a partner in 与…合作, the
    aim after 建设成为 — are not projects of the text.

    The name is the exact span, except in coordinated lists sharing one head
    (昆明、大理等国家物流枢纽), where each item gets its own project "大理国家物流枢纽" spanning
    from the item to the shared head. Traditional characters are read as simplified; a name that
    differs from its span is given in simplified form.
    """
    found: dict[tuple[int, int], str] = {}
    turned_down = rejected if rejected is not None else []
    for head_start, head_end in _heads(text):
        if text[head_start:head_end] in GOVERNED_HEADS and not _may_be_carried_out(text, head_start, head_end):
            if rejected is not None:   # (a cheap test first: most 制度, 改革, 政策 in a text are no policy's name)
                turned_down.extend(RuleCandidate(a, b, n, li, "governed")
                                   for a, b, n, li in _names_for_head(text, head_start, head_end, places or ()))
            continue
        for start, end, name, listed in _names_for_head(text, head_start, head_end, places or ()):
            role = sentence_role(text, start, end)
            if role in (CONTEXT, AIM) or (role == RESTRICT and not _ends_with(name, _with("programme"))):
                turned_down.append(RuleCandidate(start, end, name, listed, "head"))
                continue   # (防止返贫就业攻坚行动: a programme may be named for what it prevents)
            if _acceptable(name, start, end, places, listed, text, _governing_verb(text, start)):
                found.setdefault((start, end), name)
            else:
                turned_down.append(RuleCandidate(start, end, name, listed, "head"))
    place_starts = {a for a, _ in places or ()}
    for m in _QUOTED_CORRIDOR.finditer(text):
        segments = re.split(f"[{_DASHES}]+", m.group(1))
        # With place spans, every segment must be a place; without, only short segments qualify.
        starts, pos = [], m.start(1)
        for seg in segments:
            pos = text.index(seg, pos)
            starts.append(pos)
            pos += len(seg)
        placed = sum(s in place_starts for s in starts)
        if (placed >= max(2, len(segments) - 1) if places is not None else all(len(s) <= 3 for s in segments)):
            found.setdefault((m.start(), m.end()), m.group(0))
    if places:
        for m in _PLACE_CHAIN.finditer(text):
            segments = re.split(f"[{_DASHES}]+", m.group(1))
            pos, placed = m.start(1), 0
            for seg in segments:
                pos = text.index(seg, pos)
                placed += pos in place_starts
                pos += len(seg)
            if placed == len(segments) and re.match(r"[^。；;]*?等(?:项目|工程|线路|通道)", text[m.end():]) \
                    and sentence_role(text, m.start(), m.end()) == BUILD:
                found.setdefault((m.start(), m.end()), m.group(1))
    for a, b, name in _cited_documents(text):
        found.setdefault((a, b), name)
    taken = list(found)
    for a, b, name in _quoted_names(text):
        if sentence_role(text, a, b) in (CONTEXT, AIM, RESTRICT):
            turned_down.append(RuleCandidate(a, b, name, False, "quoted"))
            continue
        if not any(x <= a and b <= y or (a <= x and y <= b) for x, y in taken):
            found.setdefault((a, b), name)
    return found


_CITED = re.compile(r"《([^《》]{3,60})》")
_TRAILING_BRACKET = re.compile(r"(?:[(（][^()（）]{1,12}[)）])+$")


def _cited_documents(text: str) -> list[tuple[int, int, str]]:
    """《X办法》, 《Y规划（2021—2025年）》: policy documents the text cites or issues, spanning the title."""
    out = []
    for m in _CITED.finditer(text):
        title = _TRAILING_BRACKET.sub("", m.group(1)).rstrip("”\"")
        if title.endswith(POLICY_DOCUMENT_HEADS) and len(title) >= 4:
            out.append((m.start(1), m.end(1), m.group(1)))
    return out


_QUOTE = re.compile(r"“([^“”]{2,16})”")
_QUOTE_RUN_END = re.compile(r"等[^，,。；;：:、“”]{0,8}?")


def _quoted_names(text: str) -> list[tuple[int, int, str]]:
    """A quoted phrase named as a programme or policy: followed by a noun that says so (“上云用数赋智”服务),
    governed by a verb of carrying out (实施“一部手机游X”), or one of a quoted list ending in such a noun
    (“一网通办”、“最多跑一次”等服务模式)."""
    out = []
    quotes = list(_QUOTE.finditer(text))
    for i, m in enumerate(quotes):
        inner = m.group(1)
        if not _name_like(inner):
            continue
        noun = next((n for n in _QUOTED_NOUNS_LONGEST_FIRST if text.startswith(n, m.end())
                     and not re.match(r"[\u4e00-\u9fff]", text[m.end() + len(n):m.end() + len(n) + 1].replace("等", "")
                                      .replace("和", "").replace("的", ""))), None)
        if noun:
            out.append((m.start(), m.end() + len(noun), m.group(0) + noun))
            continue
        before = text[max(0, m.start() - 8):m.start()]
        if re.search("(?:" + "|".join(_QUOTED_VERBS) + r")[^，,。；;：:、“”]{0,4}$", before) and len(inner) >= 3 \
                and not re.match(r"[^，,。；;：:、]{0,2}(?:" + "|".join(HEADS) + ")", text[m.end():]):
            out.append((m.start(), m.end(), m.group(0)))
            continue
        # A list of quoted names: “A”、“B”等…模式.
        j = i
        while j + 1 < len(quotes) and text[quotes[j].end():quotes[j + 1].start()] in ("、", "，", ","):
            j += 1
        if j > i or (i and text[quotes[i - 1].end():m.start()] in ("、", "，", ",")):
            tail = _QUOTE_RUN_END.match(text, quotes[j].end())
            rest = text[tail.end():] if tail else ""
            if tail and any(rest.startswith(n) for n in _QUOTED_NOUNS) and not rest.startswith("建设"):
                out.append((m.start(), m.end(), m.group(0)))
    return out


def _name_like(inner: str) -> bool:
    """A quoted phrase that can be a name: not a sentence, a number or a single common word."""
    if re.search(r"[。；;！？!?、，,]", inner) or re.fullmatch(r"[0-9０-９.%％]+", inner):   # (“惩前毖后，治病救人”: a saying)
        return False
    return bool(re.search(r"[\u4e00-\u9fff]", inner))


def project_kind(name: str) -> str:
    """The kind of project a name's head noun says (工程/项目, 行动/计划, 试点/示范, 平台/园区/基地, 活动,
    政策措施); a name with no head takes it from its ending (…网, …会, …重建), else it is a measure stated by
    what it does (退耕还湿, “一网通办”: 政策措施); 其他 for an organisation (…公司, …机构)."""
    bare = _TRAILING_BRACKET.sub("", normalise_name(name))
    if bare.endswith(POLICY_DOCUMENT_HEADS) and (name.startswith("《") or "《" not in name):
        cited = name.strip("《》")
        if cited.endswith(POLICY_DOCUMENT_HEADS) or _TRAILING_BRACKET.sub("", cited).endswith(POLICY_DOCUMENT_HEADS):
            if not any(bare.endswith(h) for h in HEADS if len(h) >= 2 and h not in POLICY_DOCUMENT_HEADS):
                return POLICY_KIND
    for noun, kind in sorted(_QUOTED_NOUNS.items(), key=lambda kv: -len(kv[0])):
        if "”" in name and bare.endswith(noun):
            return kind
    head = next((h for h in HEADS if bare.endswith(h)), None)
    if head:
        return HEAD_KINDS.get(head, OTHER_KIND)
    from graph.project_candidates import CANDIDATE_HEAD_KINDS, head_of   # heads only the learnt filter reads

    kind = CANDIDATE_HEAD_KINDS.get(head_of(bare) or "")
    if kind:
        return kind
    core = bare.rstrip("”\"")   # (no head: the ending says the kind, else a measure stated by what it does)
    return next((k for ending, k in _KIND_ENDINGS if core.endswith(ending)), POLICY_KIND)


# Endings that give a headless name its kind (graph/data/project_kind_endings.txt), longest first.
_KIND_ENDINGS = tuple(sorted(((row[0], row[1]) for row in _data_lines("project_kind_endings.txt")),
                             key=lambda row: -len(row[0])))


# The role of a name in its clause, read from the verb that governs it and the words after it.
BUILD, CONTEXT, AIM, RESTRICT, NEUTRAL = "build", "context", "aim", "restrict", "neutral"
# Verbs whose object is something the text undertakes; the narrow ones create a thing or an area.
_NARROW_BUILD = ("规划建设", "建设", "打造", "建成", "形成", "新建", "共建", "创建", "设立", "新设", "组建", "筹建", "兴建",
                 "修建", "改扩建", "扩建", "培育", "争创", "建好")
_BUILD_VERBS = _NARROW_BUILD + (
    "实施", "推进", "启动", "续建", "改建", "建立", "申报", "谋划", "布局", "开工", "开通", "开展", "推动", "构建",
    "完善", "提升", "升级", "加快", "做强", "做大", "壮大", "支持", "实行", "落实", "抓好", "办好", "推出", "部署",
    "深化", "加强", "强化", "试点", "发展", "改造", "整治", "治理", "保护", "推行", "健全", "执行")
# Verbs that create the thing named (not 加快/推动/完善, which also take a thing's development as object).
_CREATING_VERBS = frozenset(_NARROW_BUILD + ("实施", "推进", "启动", "布局", "开工", "续建", "改建", "建立", "谋划",
                                             "申报", "构建", "开通"))
# Verbs whose object is a setting the text relies on or connects to, not something it undertakes.
_CONTEXT_VERBS = ("依托", "沟通", "对接", "融入", "服务", "紧邻", "面向", "借助", "依靠", "连接", "联通", "衔接",
                  "接轨", "毗邻", "对标", "借鉴", "学习", "联动", "利用", "用好", "辐射", "通达", "连通", "靠近",
                  "参照", "复制", "推广", "围绕", "北向", "南向", "东向", "西向", "通往", "直达", "途经", "发挥",
                  "签署", "加入")
_AIM_VERBS = ("成为",)
_RESTRICT_VERBS = ("严控", "严禁", "禁止", "限制", "控制", "淘汰", "关停", "退出", "清理", "遏制", "压减", "取缔", "抵制",
                   "打击", "查处", "惩治", "防范",
                   "不搞", "反对", "杜绝")
_VERB_ROLE = {**{v: BUILD for v in _BUILD_VERBS}, **{v: CONTEXT for v in _CONTEXT_VERBS},
              **{v: AIM for v in _AIM_VERBS}, **{v: RESTRICT for v in _RESTRICT_VERBS}}
_VERB_RE = re.compile("|".join(sorted(map(re.escape, _VERB_ROLE), key=len, reverse=True)))
# Words right after a name that make it the thing undertaken (磨憨国际邮件互换局建设, …工程开工).
_BUILT_AFTER = re.compile(r"(?:[、和及与][^、,，;；。:：]{1,25}?)*?(?:等)?(?:的)?(?:规划建设|建设|建成|开工|改扩建|扩建|新建|续建|改造|投产|竣工|通车|"
                          r"前期工作|开发建设|提质|升级)")
# 与X合作, 与X的沟通连接: X is a partner.
_PARTNER_AFTER = re.compile(r"[^,，;；。:：]{0,30}?(?:的)?(?:沟通|连接|联系|合作|对接|衔接|联动|互联互通|交流|协作|"
                            r"融合|协同|接轨|相联系|相衔接|相连|互通|联通|一体化)")
# 以X为载体: X is the setting that carries something else.
_SETTING_AFTER = re.compile(r"(?:[、和及与][^、,，;；。:：]{1,25}?)*?(?:等)?为(?:载体|依托|支撑|核心|枢纽|节点|中心|龙头|平台|窗口|纽带|主体|前沿|门户|"
                            r"基础|骨干|主轴|轴线)")
_STRATEGY_AFTER = re.compile(r"(?:[^,，;；。:：]{0,30}?等)?(?:国家|重大|区域|发展)*战略")
# What may follow a facility named only by what it is: the end of the clause, a list, or its building.
_NAME_FOLLOWS = re.compile(r"$|[,，;；。:：!！?？、和及与等的(（“”]|建设|工程|项目|为|作为")
_CLAUSE_BREAK = re.compile(r"[,，;；:：。!！?？]")


@functools.lru_cache(maxsize=8192)   # (asked of one name by the rules, the candidates and their features)
def sentence_role(text: str, start: int, end: int) -> str:
    """build | context | aim | restrict | neutral: what the clause does with the name at start:end."""
    if set_phrase(text, start, end):
        return CONTEXT
    clause_start = max([0] + [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)])
    region = text[clause_start:_list_start(text, start, clause_start)]
    next_break = _CLAUSE_BREAK.search(text, end)
    after = text[end:next_break.start() if next_break else len(text)]
    verb = _governing_verb(text, start)
    last = _VERB_ROLE[verb] if verb else NEUTRAL
    if verb in ("建成", "建设成", "打造成", "建") and re.search(r"[把将]", region[:region.rfind(verb)]):
        return AIM   # 把内地建成强大的后方基地: what the place is to become
    if last == AIM or last == RESTRICT:
        return last
    if _BUILT_AFTER.match(after):
        return BUILD
    return last


@functools.lru_cache(maxsize=8192)
def set_phrase(text: str, start: int, end: int) -> bool:
    """Whether the words around the name at start:end set it as a partner or a setting, whatever the verb:
    与X合作, X等重大战略, 以X为载体."""
    clause_start = max([0] + [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)])
    next_break = _CLAUSE_BREAK.search(text, end)
    after = text[end:next_break.start() if next_break else len(text)]
    region = text[clause_start:_list_start(text, start, clause_start)]
    if re.search(r"[与同跟]", region) and _PARTNER_AFTER.match(after):
        return True
    if _STRATEGY_AFTER.match(after):
        return True   # 长江经济带发展等重大战略: a strategy named as the setting
    setting = region.rfind("以")
    return setting >= 0 and bool(_SETTING_AFTER.match(after)) and not any(
        _VERB_ROLE[m.group(0)] == BUILD for m in _VERB_RE.finditer(region, setting))   # (以建设X为核心: X is built)


@functools.lru_cache(maxsize=8192)
def _list_start(text: str, start: int, floor: int) -> int:
    """Where the name at `start` would begin if it is a later item of a 、-list: the first item's name."""
    pos = start
    while pos > floor and text[pos - 1] == "、":
        seg = _extend_left(text, pos - 1)
        if seg >= pos - 1 or seg < floor:
            break
        pos = seg + _cut_leaders(text[seg:pos - 1])
        if pos > seg:
            break   # a leader word opened the list
    return pos


@functools.lru_cache(maxsize=8192)   # (asked of one name by the rules, the candidates and their features)
def _governing_verb(text: str, start: int) -> str | None:
    """The last role verb of the clause before the name at `start` (list items skipped)."""
    clause_start = max([0] + [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)])
    first = _list_start(text, start, clause_start)
    # A verb right before 、 ends the previous item (“一带一路”建设、长江经济带发展): not a governor.
    # A verb of setting a head noun follows is a word of a name (互联网政务数据服务平台和X: 服务 governs nothing).
    verbs = [m for m in _VERB_RE.finditer(text, clause_start, first) if text[m.end():m.end() + 1] != "、"
             and not (_VERB_ROLE[m.group(0)] != BUILD and _HEAD_RE.match(text, m.end()))]
    if not verbs:
        return None
    # Before 的 the last verb may belong to the modifying phrase (打造服务品质一流的X): the main verb
    # comes first.
    return verbs[0 if text[first - 1:first] == "的" else -1].group(0)


@functools.lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """Canonical form used for identity: NFKC, simplified characters, one dash, no quotes or spaces."""
    text = simplified(unicodedata.normalize("NFKC", name))
    text = re.sub(f"[{_DASHES}]+", "—", text)
    text = re.sub("[“”\"'‘’「」『』《》\\s]", "", text)
    return text


def project_id(name: str) -> str:
    """Stable id from the normalised name: the same project in two documents gets one id."""
    return "project:" + hashlib.sha1(normalise_name(name).encode("utf-8")).hexdigest()[:12]


def find_alias(sentence: str, end: int) -> str | None:
    """An alias the text itself gives right after a name: 大理—瑞丽铁路(简称大瑞铁路)."""
    m = _ALIAS_RE.match(sentence[end:])
    if not m:
        return None
    alias = m.group(1)
    return alias if any(alias.endswith(h) for h in HEADS) else None


def merge_projects(mentions: Iterable[tuple[str, Evidence, Sequence[str]]]) -> list[Project]:
    """One Project per normalised name (or alias), mentions in order; name = first mention's name."""
    by_id: dict[str, tuple[str, list[str], list[Evidence]]] = {}
    alias_of: dict[str, str] = {}
    for name, evidence, aliases in mentions:
        pid = alias_of.get(normalise_name(name), project_id(name))
        entry = by_id.setdefault(pid, (name, [], []))
        for alias in aliases:
            alias_of.setdefault(normalise_name(alias), pid)
            if alias not in entry[1] and alias != entry[0]:
                entry[1].append(alias)
        if name != entry[0] and name not in entry[1]:   # (“一网通办” and 一网通办: one project, both labels)
            entry[1].append(name)
        if evidence not in entry[2]:
            entry[2].append(evidence)
    return [Project(pid, name, tuple(aliases), tuple(evs), project_kind(name)) for pid, (name, aliases, evs) in by_id.items()]


def leading_verbs_end(text: str) -> int:
    """Offset in `text` where a name would start: after introducing verbs and adverbs (加快建设…)."""
    return _cut_leaders(text)


def _heads(sentence: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for m in _HEAD_RE.finditer(sentence):
        start = m.start()
        end = start + len(m.group(1))
        if end < len(sentence) and (sentence[end] in _CONTINUES or continues_word(sentence, start, end)):
            continue
        if _straddles(sentence, start, end):
            continue
        spans.append((start, end))
    # Several heads can end at one place (基地 / 产业基地): keep one per end.
    by_end: dict[int, tuple[int, int]] = {}
    for start, end in spans:
        by_end.setdefault(end, (start, end))
    return sorted(by_end.values())


def _straddles(text: str, start: int, end: int) -> bool:
    """Whether the head at start:end is two words' halves: its first character ends the word before and its
    last begins the word after (实|行动|态 in 实行动态调整)."""
    if start == 0 or end >= len(text) or text[end] in "上中下内外里的和与及等、":
        return False
    words = lexicon()
    return words.get(text[start - 1:start + 1], (0,))[0] > 0 and words.get(text[end - 1:end + 1], (0,))[0] > 0 \
        and words.get(text[start - 1:end], (0,))[0] == 0


def continues_word(text: str, start: int, end: int) -> bool:
    """Whether the head at start:end and the next character make a dictionary word (智能制造 for 制, 工程师 for
    工程, 城市化 for 城市): the head is then no end of a name."""
    return end < len(text) and lexicon().get(text[start:end + 1], (0,))[0] > 0


@functools.lru_cache(maxsize=1)
def lexicon() -> dict[str, tuple[int, str]]:
    """jieba's default dictionary, word → (frequency, part of speech)."""
    from ingest.segment import base_lexicon

    return base_lexicon()


def _extend_left(sentence: str, pos: int) -> int:
    """Leftmost start reachable from `pos` without crossing a delimiter outside quotes/brackets."""
    i = pos
    limit = max(0, pos - _MAX_REACH)
    while i > limit:
        ch = sentence[i - 1]
        if ch in _OPEN:
            opener = sentence.rfind(_OPEN[ch], limit, i - 1)
            if opener < 0:
                break
            i = opener
            continue
        if ch in _DELIMS or ch in "“(（《":
            break
        i -= 1
    return i


def _protected(text: str) -> list[tuple[int, int]]:
    """Quoted and bracketed spans, inside which leader words do not cut a name."""
    spans = []
    for m in re.finditer(r"“[^”]*”|\([^)]*\)|（[^）]*）|《[^》]*》", text):
        spans.append((m.start(), m.end()))
    return spans


@functools.lru_cache(maxsize=65536)
def _cut_leaders(text: str, leaders: frozenset[str] | None = None) -> int:
    """Offset in `text` after the rightmost leader token (outside quotes/brackets) and any
    segment-initial modifiers that follow it."""
    leaders = _LEADERS if leaders is None else leaders
    if not _ANY_LEADER.search(text):   # (no word to cut at: jieba's words need not be read)
        cut = 0
        while (date := _DATE_LEAD.match(text, cut)) and date.end() < len(text):
            cut = date.end()
        return cut
    protected = _protected(text)
    tokens = []
    pos = 0
    for tok in word_tokenizer().cut(text, HMM=False):
        tokens.append((pos, pos + len(tok), tok))
        pos += len(tok)
    cut_index = 0
    partial: int | None = None
    for i, (a, b, tok) in enumerate(tokens):
        # jieba keeps some adverb+verb pairs whole (全面完成, 大力开展).
        leader = tok in leaders or (len(tok) >= 3 and (tok[:2] in leaders or tok[-2:] in leaders))
        if leader and leaders is _PROGRAMME_LEADERS and tok in ("和", "与", "及") and 0 < i < len(tokens) - 1 \
                and tokens[i - 1][2] in _PAIRED_VERBS and tokens[i + 1][2] in _PAIRED_VERBS:
            leader = False
        if leader and not any(p <= a < q for p, q in protected):
            cut_index = i + 1
            # jieba also glues a leader to the next word's first character (推进物|联网): the name keeps it.
            partial = a + 2 if len(tok) == 3 and tok not in leaders and tok[:2] in leaders \
                and tok[-2:] not in leaders else None
    while cut_index < len(tokens) - 1 and tokens[cut_index][2] in _INITIAL_OR_LEADER:
        cut_index += 1
        partial = None
    cut = tokens[cut_index][0] if cut_index < len(tokens) else len(text)
    if cut_index and partial is not None and tokens[cut_index - 1][0] + 2 == partial:
        cut = partial
    # jieba may split an idiom of verbs into characters (做强做实): match leaders on the raw text too;
    # a leading date (2020年) is no part of a name either.
    moved = True
    while moved:
        moved = False
        date = _DATE_LEAD.match(text, cut)
        if date and date.end() < len(text):
            cut, moved = date.end(), True
            continue
        k = next((k for k in _RAW_LEADER_LENGTHS if len(text) - cut >= k and text[cut:cut + k] in _RAW_LEADER_SET), 0)
        if k:
            cut, moved = cut + k, True
    return cut


_DATE_LEAD = re.compile(r"(?:[0-9]{4}|[一二三四五六七八九〇零○]{4})年(?:底|末|以前|前)?")
# Programme names hold verbs of their own (国有企业改革深化提升行动, 中小微企业就业支持计划,
# 中医药振兴发展重大工程): before a programme head these do not cut.
_IN_PROGRAMME = frozenset({"建设", "深化", "支持", "改革", "振兴", "巩固", "促进", "创建", "共建", "完善", "健全",
                           "强化", "优化", "扩大", "培育", "壮大"})
_PROGRAMME_LEADERS = _LEADERS - _IN_PROGRAMME
# A policy's name holds what it does (乡村振兴战略, 质量兴农战略, 户籍制度改革).
_GOVERNED_LEADERS = _LEADERS - {"振兴", "发展", "改革", "建设", "促进", "保护", "提升", "创新", "融合"}
# Verbs joined by 和/与 inside a programme name (生态系统保护和修复重大工程, 湿地保护与恢复工程).
_PAIRED_VERBS = frozenset({"保护", "修复", "恢复", "建设", "治理", "提升", "改造", "整治", "利用", "开发", "管理",
                           "监测", "防治", "救治", "提质", "发展", "振兴", "创新", "研发"})
_RAW_LEADER_SET = frozenset(w for w in _LEADERS | _INITIAL if len(w) >= 2)
_RAW_LEADER_LENGTHS = tuple(sorted({len(w) for w in _RAW_LEADER_SET}, reverse=True))
_INITIAL_OR_LEADER = _INITIAL | _LEADERS
# Any word _cut_leaders may cut after (every leader set it is given is a part of _LEADERS).
_ANY_LEADER = re.compile("|".join(sorted(map(re.escape, _INITIAL_OR_LEADER), key=len, reverse=True)))

# Verbs that, right before a programme head, are part of the name (…培育工程, …保护行动).
_NAME_VERBS = ("培育", "建设", "保护", "提升", "改造", "治理", "振兴", "促进", "推广", "示范", "创建", "引领",
               "攻坚", "修复", "发展", "开发", "帮扶", "援助", "扶持")


_BOX_LABEL = re.compile(r"专栏\s*[0-9０-９一二三四五六七八九十]+\s*[:：、.．]?\s*")
_QUANTITY = re.compile(r"一大批|一批|一些|若干|许多|诸多|多[场项个批次]|[0-9０-９零一二三四五六七八九十百千万两几多]+(?:万亩|亩|公顷|吨|公里)")
_JOINED_NAME = re.compile(r"(?:" + "|".join(HEADS) + r")[”)）]?[和及与并]")
_ENUM_RE = re.compile(r"等(?![级同于待候到量价效额])(?:[0-9０-９一二三四五六七八九十两]+[个座条家大])?|[0-9０-９一二三四五六七八九十两]+[个座条家大]")


def _names_for_head(sentence: str, hs: int, he: int, places: Sequence[tuple[int, int]]):
    """Candidate (start, end, name, listed) for the head at hs:he; `listed` marks list items."""
    left = _extend_left(sentence, hs)
    # Keep a trailing bracket such as (四川段).
    end = he
    tail = re.match(r"[(（][^()（）]{1,8}段[)）]", sentence[he:])
    if tail:
        end = he + tail.end()
    programme = _longest_suffix(sentence[hs:he], _PROGRAMME_HEAD_SET, _HEAD_LENGTHS) is not None
    governed = sentence[hs:he] in GOVERNED_HEADS
    leaders = _PROGRAMME_LEADERS if programme else _GOVERNED_LEADERS if governed else _LEADERS
    start = left + _cut_leaders(sentence[left:hs], leaders)
    box = _BOX_LABEL.match(sentence, start)
    if box and box.end() < hs:
        start = box.end()   # 专栏2信息产业体系创新工程: the box's label, then the programme it sets out
    joined = list(_JOINED_NAME.finditer(sentence, start, hs))
    if joined:
        start = joined[-1].end()   # “云品出滇”工程和“百县百品”行动: two names joined by 和
    if start == hs and sentence[hs:he] in PROGRAMME_HEADS:
        verb = next((v for v in _NAME_VERBS if sentence.endswith(v, left, hs)), None)
        if verb:
            start = left + _cut_leaders(sentence[left:hs - len(verb)])
    # 共建共享一批公共实训基地, 建立起五千四百多万亩种子基地: the object starts after its quantity.
    quantity = list(_QUANTITY.finditer(sentence, start, hs))
    if quantity and not any(a <= quantity[-1].start() - start < b for a, b in _protected(sentence[start:hs])):
        start = quantity[-1].end()
    protected = _protected(sentence[start:hs])
    enums = [m for m in _ENUM_RE.finditer(sentence, start, hs)
             if not any(a <= m.start() - start < b for a, b in protected)]
    if enums:
        yield from _coordinated(sentence, start, enums[-1].start(), enums[-1].end(), end)
        return
    yield start, end, sentence[start:end], False
    if start > 0 and sentence[start - 1] == "、":
        yield from _shared_without_deng(sentence, start, end, places)


def _ends_with(name: str, heads: Sequence[str]) -> bool:
    bare = re.sub(r"[(（][^()（）]{1,10}[)）]$", "", name)
    return any(bare.endswith(h) for h in heads)


def _ends_with_head(text: str) -> bool:
    text = re.sub(r"[(（][^()（）]{1,10}[)）]$", "", text)
    return any(text.endswith(h) for h in HEADS)


def _coordinated(sentence: str, start: int, enum_start: int, enum_end: int, end: int):
    """X、Y、Z等H → one name per item: item + H, or the item alone when H adds nothing
    (等项目) or the item already has a head; a quoted H (等“南水北调”工程) is a project itself."""
    shared = sentence[enum_end:end]
    if re.match(r"(州市|州、市|县市区|县、市、区|县区|省份|省区市|城市)(?!性)", shared):
        return  # 迪庆、怒江等州市高速公路里程: places described, not named
    quoted = "“" in shared
    if quoted:
        yield enum_end, end, shared, True
    event = any(shared.endswith(h) for h in _NAMED_LIKE_PROGRAMMES)
    for a, b in _list_items(sentence, start, enum_start):
        item = sentence[a:b]
        if item in GENERIC_MODIFIERS or not _strip_generic(item):
            continue
        if event and not quoted and b - a <= 2:
            continue   # 寻找最美乡村教师、医生、村官等活动: the people sought, not named activities
        if quoted or shared in _EMPTY_SHARED or _ends_with_head(item) or (
                shared not in _HEAD_SET and not _strip_generic(shared)) or item[-1] == shared[:1]:
            yield a, b, item, True   # (教育、卫生等民生工程: a generic shared head names no item; 排水、蓄水等水工程:
            #                           a kind the items qualify, 排水水工程 is no name)
        else:
            yield a, end, item + shared, True


def _list_items(sentence: str, first_start: int, stop: int) -> list[tuple[int, int]]:
    """Items of an enumeration ending at `stop`, going back over 、 from the item at `first_start`."""
    items = [(first_start, stop)] if stop - first_start >= 2 else []
    pos = first_start
    while pos > 0 and sentence[pos - 1] in "、和及与":
        prev_end = pos - 1
        reach = _extend_left(sentence, prev_end)
        prev_start = reach + _cut_leaders(sentence[reach:prev_end])
        if prev_end - prev_start < 2 or prev_end - prev_start > 16:
            break
        items.insert(0, (prev_start, prev_end))
        if prev_start != reach:
            break  # a leader word opened the list
        pos = prev_start
    return items


def _shared_without_deng(sentence: str, start: int, end: int, places):
    """昆明、大理国家物流枢纽: when every item is a place (with an optional bracket) and the last
    item starts with one, the remainder of the last item is a shared head."""
    quoted = re.match(r"“[^”]{1,20}”", sentence[start:end])
    if quoted:
        # “东数西算”、“西电东送”工程: quoted items share what follows the last quote.
        shared = sentence[start + quoted.end():end]
        items = _list_items(sentence, start, start + quoted.end())[:-1]
        if shared and items and all(re.fullmatch(r"“[^”]{1,20}”", sentence[a:b]) for a, b in items):
            for a, b in items:
                yield a, end, sentence[a:b] + shared, True
        return
    place_end = {a: b for a, b in places}
    if start not in place_end:
        return
    bracket = re.compile(r"[(（][^()（）]{1,8}[)）]")
    shared_from = place_end[start]
    close = bracket.match(sentence, shared_from)
    if close:
        shared_from = close.end()
    shared = sentence[shared_from:end]
    if len(shared) < 3:
        return
    items = _list_items(sentence, start, shared_from)[:-1]
    for a, b in items:
        if a not in place_end or not re.fullmatch(r"([(（][^()（）]{1,8}[)）])?", sentence[place_end[a]:b]):
            return
    for a, b in items:
        yield a, end, sentence[a:b] + shared, True


@functools.lru_cache(maxsize=65536)
def _strip_generic(text: str) -> str:
    """Remove generic modifiers and the head, to see whether anything specific remains."""
    rest = text
    head = _longest_suffix(rest, _HEAD_SET, _HEAD_LENGTHS)
    if head:
        rest = rest[: -len(head)]
    while rest:
        # The longest generic modifier at either end (at one length, the start before the end).
        for k in _GENERIC_LENGTHS:
            if len(rest) < k:
                continue
            if rest[:k] in GENERIC_MODIFIERS:
                rest = rest[k:]
                break
            if rest[-k:] in GENERIC_MODIFIERS:
                rest = rest[:-k]
                break
        else:
            break
    return rest


_HEAD_SET = frozenset(HEADS)
_PROGRAMME_HEAD_SET = frozenset(PROGRAMME_HEADS)
_HEAD_LENGTHS = tuple(sorted({len(h) for h in HEADS}, reverse=True))
_GENERIC_LENGTHS = tuple(sorted({len(m) for m in GENERIC_MODIFIERS if m}, reverse=True))


def _longest_suffix(text: str, words: frozenset[str], lengths: Sequence[int]) -> str | None:
    """The longest of `words` (whose lengths are `lengths`, longest first) that `text` ends with."""
    return next((text[-k:] for k in lengths if len(text) >= k and text[-k:] in words), None)


def _in_programme_list(sentence: str, start: int, end: int) -> bool:
    """Whether a name sits in an enumeration of programme names (…工程、绿化工程、…)."""
    heads = "|".join(PROGRAMME_HEADS)
    return bool(re.search(f"(?:{heads})[、和及与]$", sentence[:start])
                or re.match(f"[、和及与][^,，。;；、]{{1,12}}?(?:{heads})", sentence[end:]))


def _strip_leading_generic(text: str) -> str:
    changed = True
    while changed:
        changed = False
        for mod in _GENERIC_LONGEST_FIRST:
            if mod and text.startswith(mod) and len(text) > len(mod):
                text, changed = text[len(mod):], True
                break
    return text


def _acceptable(name: str, start: int, end: int, places: Sequence[tuple[int, int]] | None, listed: bool,
                sentence: str = "", verb: str | None = None) -> bool:
    known = places is not None
    places = places or ()
    if listed and known and not any(start <= a < end for a, b in places) and "“" not in name:
        bare_item = re.sub(r"[(（][^()（）]{1,10}[)）]$", "", name)
        if not any(bare_item.endswith(h) for h in PROGRAMME_HEADS) and not re.match(
                r"[\u4e00-\u9fff]{1,4}[江河湖山]", name):
            return False  # 现代金融服务、现代物流等集聚区: sectors listed, not places or rivers
    if not 2 < len(name) <= MAX_NAME:
        return False
    if re.match(r"[0-9０-９]+[.．、)）]|[(（][0-9０-９一二三四五六七八九十]+[)）]|[0-9]{1,3}[\u4e00-\u9fff]", name):
        return False   # 8．深化工程: a numbered item's fragment, not a name
    if name[0] in "等和与及的、" or re.match(r"^[0-9０-９一二三四五六七八九十百千万几多两]+[个项座条批大所处]", name):
        return False
    if re.search(r"以上|以下|以内|左右", name):
        return False   # 4A级以上景区: a threshold, not a name
    if _FIVE_YEAR_PLAN.fullmatch(name):
        return False   # “九五”计划: the plan of a period, not an undertaking
    if len(_strip_generic(name)) < 2 or len(_strip_generic(_PERIOD.sub("", name))) < 2:
        return False   # (“十四五”重大工程: the period's projects, none named)
    if name.endswith("系统工程") or re.search(r"[0-9０-９]+[个座条家]|[零一二三四五六七八九十百千万两]{2,}[个项座条所]",
                                               re.sub(r"“[^”]*”", "", name)):
        return False
    bare = re.sub(r"[(（][^()（）]{1,10}[)）]$", "", name)
    head = next((h for h in HEADS if bare.endswith(h)), None)
    if head in PROGRAMME_HEADS and "“" not in name:
        modifier = _strip_generic(name[: len(bare) - len(head)] + "")
        prefix = name[: len(bare) - len(head)]
        if (_NOT_PROGRAMMES.search(prefix) and (len(modifier) <= 4 or re.search(r"[上中下的了]$", prefix))) and not (
                head == "行动计划" and len(modifier) >= 4):   # (新型城镇化战略五年行动计划 is a programme)
            return False
        short = _SHORT_MODIFIER
        if len(modifier) <= short and not listed and not _in_programme_list(sentence, start, end):
            return False
        if head == "计划" and (len(modifier) < 4 or not _PROGRAMME_PLAN.search(bare)):
            return False
    if _PEJORATIVE.search(name) or re.search(r"各个|整个|各类|各项|这个|那个|某些", name):
        return False
    if works_kind(name) and not any(start <= a < end for a, b in places):
        return False   # 超限高层建筑工程: a kind of construction works
    if head in GOVERNED_HEADS:
        modifier = _strip_generic(bare)
        before = sentence[:start]
        carried = before.endswith(("、", "和", "与", "及")) or any(before.endswith(v) for v in _POLICY_VERBS)
        if _POLICY_AFTER.match(sentence, end) and (not before or before[-1] in _DELIMS):
            carried, verb = True, "实施"   # 信息安全等级保护制度基本落实: the policy as the subject
        least = 6 if head in _LONG_HEADS else 3
        return (verb in _POLICY_VERBS and carried and len(modifier) >= least and not re.search(r"相关|体制机制$", name)
                and "的" not in modifier and not _CATEGORY_START.match(name) and not listed_generic(modifier))
    if head in AREA_HEADS:
        return verb in _NARROW_BUILD and "“" not in name and not _CATEGORY_START.match(name) and (
            _strip_leading_generic(bare) not in CATEGORY_NAMES or any(start <= a < end for a, b in places))
    if _CATEGORY_START.match(name):
        return False   # 存量“两高”项目: a kind of project, not one
    if head in STRONG_HEADS and _strip_leading_generic(bare) in CATEGORY_NAMES and "“" not in name:
        return any(start <= a < end for a, b in places)
    if known and head in STRONG_HEADS and not listed and len(_strip_generic(bare)) <= _SHORT_MODIFIER and "“" not in name \
            and not any(start <= a < end for a, b in places) and verb not in _CREATING_VERBS:
        return False   # 生态示范区 named in passing: a kind of zone
    if head is None or head in PROGRAMME_HEADS or head in STRONG_HEADS or listed:
        return True
    # Other facility heads need something that makes them a proper name, not a category: a place
    # (when place spans are known), else a quote, bracket or dash chain.
    if any(start <= a < end for a, b in places):
        return True
    if "“" in name or (not known and ("(" in name or "（" in name or _DASH_CHAIN.search(name))):
        return True
    if re.search(r"[A-Za-z0-9]", name):
        return True
    # A facility named by what it is (创业孵化基地) when the text sets out to build it.
    return (verb in _CREATING_VERBS and head not in _INFRASTRUCTURE and _specific(bare, head)
            and not re.search(r"[+＋—\-]", name) and bool(_NAME_FOLLOWS.match(sentence, end)))


# A policy as the subject of its carrying out (…制度基本落实, …机制进一步完善).
_POLICY_AFTER = re.compile(r"(?:基本|全面|进一步|逐步|有效|深入|加快|稳步|持续|不断)?(?:得到)?(?:全面)?"
                           r"(?:落实|完善|实施|推进|推行|建立|健全|实现)")


_POLICY_VERB_RE = re.compile("|".join(sorted(map(re.escape, _POLICY_VERBS), key=len, reverse=True)))


def _may_be_carried_out(text: str, head_start: int, head_end: int) -> bool:
    """Whether a policy verb precedes the head in its clause, or a verb of carrying out follows it."""
    clause_start = max([0] + [m.end() for m in _CLAUSE_BREAK.finditer(text, 0, head_start)])
    return bool(_POLICY_VERB_RE.search(text, clause_start, head_start) or _POLICY_AFTER.match(text, head_end))


def works_kind(name: str) -> bool:
    """Whether `name` is a kind of construction works (高层建筑工程, 单建式人防工程, 建设项目工程), no quoted name
    in it."""
    bare = re.sub(r"[(（][^()（）]{1,10}[)）]$", "", name)
    if bare.endswith("工程项目"):
        bare = bare[:-2]   # 人防工程项目: a project of the kind
    head = next((h for h in _WORKS_HEADS if bare.endswith(h)), None)
    return bool(head) and "“" not in name and bare[: -len(head)].endswith(_WORKS_KINDS)


@functools.lru_cache(maxsize=65536)
def listed_generic(modifier: str) -> bool:
    """A modifier made only of words saying how or which (管理, 相关, 工作): no name."""
    core = modifier
    while core:
        word = _VAGUE_WORD.match(core) or re.match(r"管理|工作|体制|制度|政策|有关|各项|重大|重要|基本|长效|协调|"
                                                    r"监督|考核|评价|保障|激励|约束|运行|决策|领导", core)
        if not word:
            break
        core = core[word.end():]
    return len(core) < 2


def _specific(bare: str, head: str | None) -> bool:
    """Whether a modifier says what a facility is (孵化, 区域医疗), not only how good or how many."""
    modifier = _strip_generic(bare)
    if head in _ABSTRACT_HEADS and len(bare) - len(head) < 3:
        return False   # 共享平台, 计量中心: a kind of facility
    if _STATUS.match(modifier) or _STATUS_CENTRE.search(bare):
        return False   # 世界级旅游目的地, 区域现代服务经济中心: a standing to reach, not a facility
    core = modifier
    while core:
        word = _VAGUE_WORD.match(core)
        if not word:
            break
        core = core[word.end():]
    # A long modifier says what the facility is even when its words are common ones (公共数据开放平台).
    return 2 <= len(modifier) <= 14 and "的" not in modifier and (len(core) >= 2 or len(modifier) >= 6)


def _drop_nested(found: dict[tuple[int, int], str]) -> list[tuple[int, int, str]]:
    """Prefer the longest of overlapping spans that share an end or contain one another."""
    spans = sorted(found.items(), key=lambda kv: (kv[0][0], -(kv[0][1] - kv[0][0])))
    kept: list[tuple[int, int, str]] = []
    for (start, end), name in spans:
        if any(a <= start and end <= b and (a, b) != (start, end) and name in n for a, b, n in kept):
            continue
        kept.append((start, end, name))
    return sorted(kept)
