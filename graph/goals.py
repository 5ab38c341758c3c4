"""Rule-based reading of quantified targets, baseline facts and qualitative goals in a sentence."""
from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass, replace

from graph.numerals import arabic_years, parse_int, parse_number, simplified
from graph.records import Target
from graph.target_filter import default_filter, features

_MAGNITUDES = {"万亿": 1e12, "亿": 1e8, "万": 1e4, "千": 1e3, "百": 1e2}

# A Chinese numeral may hold 万/亿 inside (六百四十三亿七千万, 一百一十六万六千); the last magnitude is read
# as `mag`. A range (1-2个, 8至9%, 百分之四至百分之五) is read by its first value.
_CN_NUM = r"[零〇○一二两三四五六七八九十百千]+(?:[万亿]+[零〇○一二两三四五六七八九十百千]+)*(?:点[零〇○一二三四五六七八九]+)?"
# Old reports group thousands with commas (38，000元, 6，200万人).
_NUM = (r"(?:[0-9]{1,3}(?:[,，][0-9]{3})+(?![0-9])(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?(?:[-—–~～至][0-9]+(?:\.[0-9]+)?(?![0-9年]))?"
        rf"|{_CN_NUM}(?:[至~～](?:百分之)?{_CN_NUM}(?![年万亿]))?)")
_UNITS = ("兆比特/秒", "吉比特/秒", "太比特/秒", "吨标准煤", "分钱", "毛钱", "角钱", "个百分点", "个千分点", "个工作日", "微克/立方米", "毫克/升", "Mbps", "Gbps", "Tbps", "颗", "平方公里", "平方公尺", "立方公尺", "平方米", "立方米", "公尺", "市斤", "公担", "担", "千瓦时", "万千瓦", "千瓦", "美元", "公里", "千米", "公斤",
          "小时", "%", "元", "人次", "人", "个", "座", "米", "吨", "斤", "亩", "岁", "户", "家", "所", "项", "套", "辆",
          "架", "条", "倍", "公顷", "台", "张", "处", "名", "位", "次", "件", "株", "头", "只", "册", "间", "张",
          "部", "年", "分", "毛", "角", "度")
_UNIT_ALT = "|".join(map(re.escape, _UNITS))
_RANGE_HIGH = (rf"(?:[-—–~～至到](?![0-9]{{4}}年)(?:百分之)?(?P<high>[0-9]+(?:\.[0-9]+)?(?![0-9.])|{_CN_NUM})"
               rf"(?P<hmag>万亿|亿|万|千)?(?P<hunit>{_UNIT_ALT})?(?![0-9年月日]))")
# 十四万多公里, 1000多万人: 多/余 between the number and its magnitude or unit says "more than".
_VALUE_RE = re.compile(
    rf"(?P<pct>百分之|千分之|[二三四五六七八九十]分之)?(?P<num>{_NUM})(?P<more>[多余](?=[万亿千]|{_UNIT_ALT}))?"
    rf"(?P<mag>万亿|亿|万|千)?(?P<more2>[多余](?={_UNIT_ALT}))?(?P<unit>{_UNIT_ALT})?"
    # A range whose ends both carry their unit or magnitude (6%-6.5%, 6%至6.5%, 七千二百亿斤到七千五百亿斤):
    # the upper end, never a year (6%，到2025年: the clause ends; 30万到2025年: no range).
    rf"(?:(?(unit)|(?(mag)|(?(pct)|(?!)))){_RANGE_HIGH})?"
    r"(?:\s*[(（][A-Za-z]{2,5}[)）])?(?P<approx>左右|以上|以下|以内|多|上下)?")


def _data_lines(name: str) -> list[str]:
    """The lines of a documented list in graph/data (# comments and blank lines dropped)."""
    from importlib.resources import files

    text = (files("graph") / "data" / name).read_text(encoding="utf-8")
    return [w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")]


# Verbs between a metric and its value, with the comparator they imply (target_comparators.txt), longest
# first so that 不低于 is read before 低于 and 增加到 before 增加.
_COMPARATORS = tuple(sorted((tuple(line.split()[:2]) for line in _data_lines("target_comparators.txt")),
                            key=lambda pair: -len(pair[0])))
_CMP_RE = re.compile("|".join(re.escape(w) for w, _ in _COMPARATORS))
_CMP = dict(_COMPARATORS)
# Verbs that put the value before the metric: 建成4万个公共充电桩.


@functools.lru_cache(maxsize=None)
def _words(name: str) -> tuple[str, ...]:
    """The words of a documented list in graph/data (one a line, # comments), longest first."""
    from importlib.resources import files

    text = (files("graph") / "data" / name).read_text(encoding="utf-8")
    return tuple(sorted({w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")},
                        key=len, reverse=True))


@functools.lru_cache(maxsize=1)
def _build_start() -> re.Pattern:
    """Verbs opening a clause before its metric (target_lead_verbs.txt), after 全年/年内 and 计划/拟."""
    return re.compile("^(?:全年|年内)?(?:计划|拟)?(?:" + "|".join(map(re.escape, _words("target_lead_verbs.txt"))) + ")+")


@functools.lru_cache(maxsize=1)
def _lead_verb_end() -> re.Pattern:
    """A verb opening a metric at the end of the words before it (…力争实现)."""
    return re.compile("(?:" + "|".join(map(re.escape, _words("target_lead_verbs.txt"))) + ")$")


@functools.lru_cache(maxsize=1)
def _build_re() -> re.Pattern:
    """Verbs of building or providing at the end of the text before a value (建成|提供…, 完成对, 建成由)."""
    return re.compile("(?:" + "|".join(map(re.escape, _words("target_object_verbs.txt"))) + ")+[对由]?$")


@functools.lru_cache(maxsize=1)
def _supposition() -> re.Pattern:
    """A supposition with its consequence (target_hypothetical_words.txt …, then 就/则/便/那么)."""
    words = "|".join(map(re.escape, _words("target_hypothetical_words.txt")))
    return re.compile(rf"(?:{words})(?=[^。；;]*?(?:就|则|便|那么|也(?!要|必须|一定|得|应|将)))")   # (即使…也要确保X: a firm target)


@functools.lru_cache(maxsize=256)
def _condition_section(path: tuple[str, ...]) -> bool:
    """Whether a heading of the path names eligibility or scope (第三章 申请与准入: target_condition_headings.txt)."""
    words = _words("target_condition_headings.txt")
    return any(w in heading for heading in path for w in words)


@functools.lru_cache(maxsize=1)
def _condition_re() -> re.Pattern:
    """A sentence stating who qualifies, what a rule covers or what a word means (target_condition_words.txt)."""
    parts = (re.escape(w).replace("…", "[^,，;；。]{0,12}") for w in _words("target_condition_words.txt"))
    return re.compile("|".join(parts))

# 要 and 将 only as auxiliaries: not in 主要, 重要, 需要, 要求, 将军 ….
# (截至2023年6月, 截止今年6月: a date the figures are counted to, no deadline; 今年以来: a look back)
_FUTURE = re.compile(r"到[0-9]{4}年|(?<![截])至[0-9]{4}年|[0-9]{4}年(?:底)?前|力争|预期|目标|(?<![截至止])今年(?!以来)|明年|拟|"
                     r"(?<![主重需必纲提摘首只])要(?![求素点闻害务])|将(?![军领士])|确保|争取|预计|规划期")
_PAST = re.compile(r"已|累计|同比|同期|(?<![与比同较从由在])去年(?!的?基础)|过去|回顾|以来|[一二两三四五六七八九十几多0-9]年来|(?<!今后)(?<!未来)(?<![0-9一二两三四五六七八九十])[一二两三四五六七八九十0-9]{1,3}年间|实现了|达到了|提高了|增长了|下降了|(?<!今年)(?<!明年)年末|"
                   r"完成了|建成了|分别为|先后|提前|超额完成|截[至止](?:目前|当前|现在|今年|去年|[0-9]{4}年)|近年来|近些年|多年来|今年以来|"
                   # a standing among the others or against their average describes the present state
                   r"(?:居|位居|位列|排名|排在)(?:全国|全省|全市|全区|全球|世界)|(?:比|高于|低于)全(?:国|省|市|区)平均")
# 城镇化率达到72.5%，居全省第二位: what the clause after the value says of it
_RANKED = re.compile(r"[,，]?(?:居|位居|位列|排名|排在)(?:全国|全省|全市|全区|全球|世界)|[,，]?(?:比|高于|低于)全(?:国|省|市|区)平均")
# What a clause reports as done (了, 已, 比去年同期) or measured part-way through the year (上半年, 前三季度):
# a fact even in a sentence that says 今年; only a cue of intent (要, 将, 力争…) in the clause makes it a target.
_DONE = re.compile(r"同期|已经|已|(?<![为除])了(?![解])(?!$)|(?<![为除])(?<!左右)(?<!以上)(?<!以下)(?<![0-9%])了$")   # (将…百分之二十九左右了: a modal 了)
_PART_YEAR = re.compile(r"上半年|前[一二三四五六七八九十两0-9]{1,2}个?(?:月|季度)|[一二三]季度|"
                        r"[0-9一二三四五六七八九十]{1,2}[-—–至~]+[0-9一二三四五六七八九十]{1,2}月|"
                        # 一二两月份, 一、二月份: months gone by (not 6月份前, a deadline)
                        r"[一二三四五六七八九十0-9][一二三四五六七八九十0-9、]{0,4}两?个?月份(?!前|以前|底)")
_WILL = re.compile(r"(?<![主重需必纲提摘首只])要(?![求素点闻害])|将(?![军领士])|力争|确保|争取|到[0-9]{4}年")
_INTENT = re.compile(r"到[0-9]{4}年|(?<![截])至[0-9]{4}年|[0-9]{4}年(?:底)?前|力争|预期|目标|明年|拟|计划|"
                     r"(?<![主重需必纲提摘首只])要(?![求素点闻害])|将(?![军领士])|确保|争取|预计|规划期")
_LOOKING_BACK = re.compile(r"过去|(?<![与比同较从由在])(?:去年|上一年)(?!的?基础)|(?:[一两二三四五六七八九十几多]+|近[一两二三四五六七八九十几]+)年来|取得了|回顾|已建成|今年以来|截[至止](?:目前|当前|现在)")
_REVIEW_HEADING = re.compile(r"回顾|发展基础|基础与|成就|成绩|成效|(?:取得的|主要|工作)进展|过去|现状|形势|一年来|工作总结|基本总结|决算|情况")
_GOAL_HEADING = re.compile(r"目标|远景|展望")
_GOAL_PREDICATE = re.compile(
    r"(?:基本建成|全面建成|基本形成|初步形成|全面形成|基本实现|全面实现|显著提升|明显提升|大幅提升|不断提升|"
    r"进一步提升|显著增强|明显增强|不断增强|进一步增强|加快|形成|实现|取得|开创新局面|更加|进一步|缩小|"
    r"转型升级|筑牢|健全|完善|落实|凸显|优化|提高|增强|改善|建立|缓解|同步|突破|衔接|发挥|迈上|跨越|"
    r"比较均衡|大体相当|基本稳定|保持稳定|明显改善|持续改善|全面覆盖|全覆盖)")

_AIM = re.compile(r"^(?:努力|力争|加快)?(?:打造|建成)[^,，;；、]{4,}|^(?:努力)?(?:将|把)[^,，;；]{2,20}建设成为")
_YEAR_RE = re.compile(r"(?P<to>到|至|截至)?(?P<year>[0-9]{4}|[一二三四五六七八九〇零○]{4})年(?P<end>底|末)?(?P<before>前)?")
# A comma between a digit and a group of three digits groups thousands (38，000元): no clause end.
_CLAUSE_SPLIT = re.compile(r"[;；。:：!！?？]|(?<![0-9])[,，]|[,，](?![0-9]{3}(?![0-9]))")


@dataclass(frozen=True)
class Context:
    """What the surroundings say about a sentence's time and role."""

    doc_year: int | None              # year the document was issued: facts are at or before it
    default_year: int | None          # year for targets that state none (planning end, report year)
    year: int | None = None           # year stated earlier in the paragraph or section (到2025年)
    section_path: tuple[str, ...] = ()
    review: bool = False              # a 回顾 / 发展基础 section: everything quantified is a fact
    goal_section: bool = False        # a 发展目标 / 远景目标 section
    mixed: bool = False               # a heading naming both (发展成就和主要目标任务): cues must decide
    past_context: bool = False        # an earlier sentence of the paragraph looks back (过去一年，…)
    intro: bool = False               # the introduction of a chapter, which states the chapter's aim
    spans: tuple[tuple[int, int], ...] = ()   # (years, last year) of periods the text set earlier (year_spans)
    subject: str | None = None        # the measure an earlier sentence of the paragraph named (sentence_subject)


@dataclass(frozen=True)
class Quantity:
    """A value found in a sentence: a target (is_fact False) or a baseline fact."""

    start: int                 # offsets of the statement (metric … value) in the sentence
    end: int
    statement: str
    target: Target
    year: int | None
    is_fact: bool
    features: tuple[str, ...] = ()   # what the learnt filter read (graph/target_filter.py), when it was asked
    rule_fact: bool | None = None    # the rules' own decision, before the filter's
    reason: str = ""                 # the cue that decided target or fact (_decide: review-section, future-cue, …)


@dataclass(frozen=True)
class QualitativeGoal:
    start: int
    end: int
    statement: str
    year: int | None


_FIVE_YEAR_PLAN = re.compile(r"“?(十?[一二三四五六七八九]?)五”?(?:规划|计划|时期|期间|末)")
_NTH_PLAN = re.compile(r"第([一二三四五六七八九十]{1,3})个五年(?:计划|规划)")
# A sentence about a plan's period as a whole (“十四五”时期, 第二个五年计划期间): its targets are for the last year.
_SPAN = re.compile(r"从([0-9]{4})年(?:开始|起)[,，]?(?:在|用)?([一二三四五六七八九十两0-9]{1,3})年(?:内|时间|的时间)")
_WITHIN = re.compile(r"(?<!今后)(?<!未来)(?<!最近)(?<![0-9一二三四五六七八九十])([一二三四五六七八九十两0-9]{1,3})年(?:内|之内|时间内)")
_CITED_PLAN = re.compile(r"(?:纲要|规划|计划)(?:所)?(?:要求|规定|提出)")
# The coming years counted from the document's own (今后三年, 未来五年, 三年内, 用三年时间).
_COMING = re.compile(r"(?:今后|未来)([一二三两四五六七八九十0-9]{1,2})年|(?<!过去)(?<!近)(?<![0-9一二三四五六七八九十])"
                     r"([一二三两四五六七八九十0-9]{1,2})年(?:内|之内|时间内)|用([一二三两四五六七八九十0-9]{1,2})年(?:的)?时间")
_YEAR_SPAN = re.compile(r"([0-9]{4})年?(?:到|至|—|-|－|~|～)([0-9]{4})年")


def year_spans(sentence: str, known: tuple[tuple[int, int], ...] = ()) -> tuple[tuple[int, int], ...]:
    """Periods a sentence sets, added to those known: 从1956年开始，在十二年内 and 1956年到1967年 → (12, 1967)."""
    text = _rule_text(sentence)
    if "年" not in text:
        return known
    found = list(known)
    for m in _SPAN.finditer(text):
        n = parse_int(m.group(2))
        if n:
            found.append((n, int(m.group(1)) + n - 1))
    for m in _YEAR_SPAN.finditer(text):
        first, last = int(m.group(1)), int(m.group(2))
        if 1 < last - first + 1 <= 20:
            found.append((last - first + 1, last))
    return tuple(dict.fromkeys(found))[-8:] if len(found) != len(known) else known


_PAST_PERIOD = re.compile(r"五”?(?:时期|期间)|五年(?:计划|规划)(?:期间|时期)")
_PLAN_PERIOD = re.compile(r"五”?(?:时期|期间|末)|五年(?:计划|规划)(?:期间|时期|末|内)")


def plan_period_end(text: str) -> int | None:
    """Last year of a five-year plan named in the text (“十四五”时期 → 2025, “九五”计划 → 2000).

    The 1st plan ran 1953–1957 and the 2nd 1958–1962; from the 3rd (1966–1970) they follow on.
    """
    ordinal = _NTH_PLAN.search(text)
    m = _FIVE_YEAR_PLAN.search(text)
    if ordinal and (not m or ordinal.start() <= m.start()):
        n = parse_int(ordinal.group(1)) or 0
    elif not m or not m.group(1) and "五”" not in m.group(0):
        return None
    else:
        n = parse_int(m.group(1)) or 0
    if n < 1:
        return None
    return (1953 + 5 * (n - 1) + 4) if n <= 2 else 1966 + 5 * (n - 3) + 4


@functools.lru_cache(maxsize=4096)
def section_context(path: tuple[str, ...]) -> tuple[bool, bool, bool]:
    """(review, goal_section, mixed) for a heading path; the nearest heading that says decides."""
    for heading in reversed(path):
        # A heading of several clauses is a task (（三）加大…力度，强化农业农村发展基础): its 发展基础, 形势
        # are what to work on, not a review.
        review = bool(_REVIEW_HEADING.search(heading)) and not re.search(r"[，,；;]", heading.rstrip("。；;"))
        goal = bool(_GOAL_HEADING.search(heading)) and "是" not in heading   # 和平是…的主要目标: a claim
        if review or goal:
            return review and not goal, goal and not review, review and goal
    return False, False, False


_HEADING_PLANS = re.compile(r"计划|规划|预算|草案|目标|任务|安排|展望|要求|今后|明年|今年|部署|建议|意见")


@functools.lru_cache(maxsize=4096)
def _past_heading(path: tuple[str, ...], doc_year: int) -> bool:
    """Whether the nearest heading naming a year names only years before the document's and no plan
    ((一)1957年经济战线上的胜利, said in 1958: a review, whatever its wording)."""
    for heading in reversed(path):
        text = _rule_text(heading)
        years = [int(y) for y in re.findall(r"(?<![0-9])((?:19|20)[0-9]{2})年", text)]
        if years:
            return max(years) < doc_year and not _HEADING_PLANS.search(text)
    return False


@functools.lru_cache(maxsize=4096)
def _plan_heading(path: tuple[str, ...], doc_year: int | None) -> bool:
    """Whether the nearest heading naming a year names the document's year or a later one with a word of
    planning (二、1956年的国家预算, said in 1956): its figures are set, not described."""
    if doc_year is None:
        return False
    for heading in reversed(path):
        text = _rule_text(heading)
        years = [int(y) for y in re.findall(r"(?<![0-9])((?:19|20)[0-9]{2})年", text)]
        if years:
            return min(years) >= doc_year and bool(_HEADING_PLANS.search(text))
    return False


_LINE_END = re.compile(r"[。；;！!？?：:，,、]$")


def part_heading(line: str, doc_year: int | None) -> bool | None:
    """Whether a stand-alone line the outline did not take for a heading opens a review (True: 首先报告2001年的
    工作, 过去五年国内工作的基本总结), a plan (False: 今后五年建设和改革的目标、方针和任务) or is no part
    heading (None: a sentence, a run-in heading ending in 。)."""
    text = _rule_text(line.strip())
    if not 4 <= len(text) <= 30 or _LINE_END.search(text) or _has_quantity(text):
        return None
    review, goal, _ = section_context((text,))
    if goal or _HEADING_PLANS.search(text):
        return False
    if review or (doc_year and _past_heading((text,), doc_year)):
        return True
    return None


_CHANGED = re.compile(r"达到|提高|增加|增长|降低|下降|减少|完成|实现")


def sentence_subject(sentence: str) -> str | None:
    """The last measure a sentence names at the head of a clause (第一是现代工业的产值在工农业总产值中的比重迅速上升
    → 现代工业的产值在工农业总产值中的比重; 铁路正线的通车里程1949年为… → 铁路正线的通车里程), as printed, for the
    sentences after it in the paragraph (Context.subject); None when it names none."""
    text = _rule_text(sentence)
    if not _measure_head().search(text):
        return None   # most sentences name no measure
    found = None
    for cstart, cend in _clauses(text):
        start, clause = _strip_lead(text, cstart, cend, [])
        copula = clause.find("是")
        if 0 <= copula <= 4:
            start, clause = start + copula + 1, clause[copula + 1:]   # 第一是…
        m = _measure_phrase().match(clause)
        rest = clause[m.end():] if m else ""
        ends = not rest or re.match(rf"[0-9]|{_CMP_RE.pattern}", rest) or _STATE.match(rest)
        if m and ends and not _NOT_SUBJECT.search(m.group(0)) and not _CHANGED.search(m.group(0)) \
                and not re.match(r"[占为在]", m.group(0)) and not re.search(r"将|要|对", m.group(0)):
            found = sentence[start:start + m.end()]   # (…的投资支持力度: the phrase runs on, no measure)
    return found


def parse_value(text: str) -> Target | None:
    """'1万亿元' → Target(value 1e12, unit 元); comparator from 左右/以上 only; metric empty."""
    m = _VALUE_RE.fullmatch(unicodedata.normalize("NFKC", text).replace("．", "."))
    if not m:
        return None
    return _target_from_match(m, "", None, text)


def _target_from_match(m: re.Match, metric: str, verb: str | None, value_text: str) -> Target | None:
    first = re.split(r"[-—–~～至]", m.group("num"))[0].replace(",", "").replace("，", "")   # a range by its first value
    mag = m.group("mag") or ""
    if mag and not re.match(r"[0-9]", first) and first == m.group("num"):
        # 六百四十三亿七千万: cn2an reads the whole numeral, magnitudes inside included.
        value = parse_number(first + mag)
    else:
        number = parse_number(first)
        value = None if number is None else number * _MAGNITUDES.get(mag, 1.0)
    if value is None:
        return None
    value = float(f"{value:.12g}")   # 4.06万亿 → 4.06e12, not 4059999999999.9995
    pct = m.group("pct")
    if pct and pct not in ("百分之", "千分之"):
        value = round(value / (parse_number(pct[:-2]) or 1) * 100, 4)   # 三分之一 → 33.3333 %
    unit = value_unit(m)
    if m.group("mag") == "万" and unit == "千瓦":
        unit = "千瓦"
    comparator = _CMP.get(verb) if verb else None
    high = _range_high(m, value)
    if high is not None and comparator in ("≥", ">", None):
        comparator = "="   # 增长6%-6.5%: between the two ends, not at least the first
    approx = m.group("approx")
    if approx in ("左右", "上下"):
        comparator = "≈"
    elif approx in ("以上", "多"):
        comparator = "≥"
    elif approx in ("以下", "以内"):
        comparator = "≤"
    elif (m.group("more") or m.group("more2")) and comparator in (None, "=", "≥"):
        comparator = ">"
    elif comparator is None:
        comparator = "="
    return Target(metric=metric, value=value, unit=unit, comparator=comparator, value_text=value_text,
                  value_high=high)


def _range_high(m: re.Match, low: float) -> float | None:
    """The upper end of a range value (6-6.5%, 6%至6.5%, 七千二百亿斤到七千五百亿斤, 百分之四至百分之五), in
    the low end's magnitude when it states none; None for a single value or ends that do not rise."""
    parts = re.split(r"[-—–~～至]", m.group("num"))
    text, mag = (parts[-1], m.group("mag") or "") if len(parts) == 2 else (m.group("high"), m.group("hmag"))
    if not text:
        return None
    if m.group("high") and m.group("hunit") and m.group("unit") and m.group("hunit") != m.group("unit"):
        return None   # 5%至10个百分点: two measures, not a range
    if m.group("high") and not m.group("hmag"):
        mag = m.group("mag") or ""   # 1至2万人: the magnitude is shared
    number = parse_number(re.sub(r"^[百千]分之", "", text.replace(",", "").replace("，", "")))
    if number is None:
        return None
    pct = m.group("pct")
    if pct and pct not in ("百分之", "千分之"):
        return None
    high = number * _MAGNITUDES.get(mag, 1.0)
    return high if high > low else None


@functools.lru_cache(maxsize=2048)
def _rule_text(sentence: str) -> str:
    """The sentence as the rules read it, offset for offset: NFKC (when it keeps the length), simplified
    characters (將達二萬五千五百公里 → 将达二万五千五百公里) and years written in Chinese digits as Arabic
    ones (一九六二年 → 1962年)."""
    text = unicodedata.normalize("NFKC", sentence)
    return arabic_years(simplified(text if len(text) == len(sentence) else sentence))


@functools.lru_cache(maxsize=2048)
def _printed_chars(sentence: str) -> dict[int, str]:
    """Simplified character → the character the sentence prints, where the rules read it simplified: a
    metric read from a traditional text is given in its own script (電力, not 电力)."""
    text = unicodedata.normalize("NFKC", sentence)
    text = text if len(text) == len(sentence) else sentence
    return {ord(s): o for s, o in zip(simplified(text), text) if s != o}


def value_unit(m: re.Match) -> str | None:
    """The unit of a value match: % for 百分之X, ‰ for 千分之X, else the unit written after it."""
    pct = m.group("pct")
    return ("‰" if pct == "千分之" else "%") if pct else m.group("unit")


_BASE_BEFORE = re.compile(r"(?:比|较|与|同|从|按|以|由|等于|相当于)$")


def _named_year(text: str) -> re.Match | None:
    """The first year in `text` that is not a comparison base (比1980年, 较2020年, 从2015年的) nor a price
    base in brackets (（按1957年不变价格计算）)."""
    for m in _YEAR_RE.finditer(text):
        if _BASE_BEFORE.search(text, max(0, m.start() - 3), m.start()):
            continue   # 比1980年, 由1978年的36.5%, 等于1949年的4.2倍: the base, not the value's year
        if re.match(r"[^,，;；。]{0,12}?基础上", text[m.end():]) and text[max(0, m.start() - 1):m.start()] == "在":
            continue   # 在1959年粮食总产量的基础上: a base, not the value's year
        if not m.group("to") and not m.group("before") and re.match(r"(?!计划|計劃|规划|預算|预算|预期|预计)[\u4e00-\u9fff]{2}的", text[m.end():]):
            continue   # 2009年到期的政策, 2015年建成的线路: the year qualifies a noun
        before = text[:m.start()]
        if max(before.rfind("（"), before.rfind("(")) > max(before.rfind("）"), before.rfind(")")):
            continue
        return m
    return None


@functools.lru_cache(maxsize=4096)
def sentence_year(sentence: str) -> tuple[int | None, bool]:
    """The first year named in a sentence and whether it is a deadline (到2025年, 2025年前)."""
    m = _named_year(_rule_text(sentence))
    if not m:
        return None, False
    year = int(parse_number(m.group("year")) or 0) or None
    return year, bool(m.group("to") in ("到", "至") or m.group("before"))


_RELATIVE_YEAR = re.compile(r"今年|本年|明年|(?<![与比同较从由在])(?:去年|上一?年度)(?!的?基础)|过去一年")
_RELATIVE_OFFSET = {"今年": 0, "本年": 0, "明年": 1, "去年": -1, "过去一年": -1, "上年度": -1, "上一年度": -1}


def _relative_year(clause: str, doc_year: int | None) -> int | None:
    """The year the last of 今年/明年/去年 in `clause` names (今年八月已…，预计明年…: the later word is the
    nearer one); not 比去年, 与去年持平: a comparison base, not the value's year."""
    if doc_year is None:
        return None
    last = None
    for last in _RELATIVE_YEAR.finditer(clause):
        pass
    return None if last is None else doc_year + _RELATIVE_OFFSET[last.group(0)]


def find_quantities(sentence: str, ctx: Context, places: list[tuple[int, int]] | None = None) -> list[Quantity]:
    """Targets and facts in a sentence: 到2025年,昆明市经济总量达到1万亿元,常住人口达到1000万左右 → two."""
    sentence_norm = _rule_text(sentence)
    if "番" not in sentence_norm and not any(_is_quantity(sentence_norm, m) for m in _VALUE_RE.finditer(sentence_norm)):
        return []   # every reading below starts from a value (most sentences hold none)
    year, deadline = None, False
    planned_end = plan_period_end(sentence_norm) if _PLAN_PERIOD.search(sentence_norm) else None
    if planned_end and ctx.doc_year and (planned_end >= ctx.doc_year or _PAST_PERIOD.search(sentence_norm)):
        year = planned_end   # “十四五”时期…: the plan's last year, unless a clause names another
        # (“十三五”期间…年均增长7.2%, said in 2021: a period looked back on, its figures facts)
    span = _SPAN.search(sentence_norm)
    within = _WITHIN.search(sentence_norm)
    if span and parse_int(span.group(2)):
        year, deadline = int(span.group(1)) + (parse_int(span.group(2)) or 1) - 1, True   # 从1956年开始，在十二年内
    elif within and year is None:
        # 在十二年内 after the text set a twelve-year period (从1956年开始，在十二年内 / 1956年到1967年纲要).
        n = parse_int(within.group(1))
        ends = [end for years, end in ctx.spans if years == n and (ctx.doc_year is None or end >= ctx.doc_year)]
        if ends:
            year, deadline = ends[-1], True
    if year is None and ctx.spans and _CITED_PLAN.search(sentence_norm):
        # 按照纲要要求的水平, 纲要规定…: the plan whose period the text set earlier (1956年到1967年纲要)
        ends = [end for _, end in ctx.spans if ctx.doc_year is None or end >= ctx.doc_year]
        if ends:
            year, deadline = ends[-1], True
    if year is None and ctx.doc_year and not any(years for years, _ in ctx.spans):
        coming = _COMING.search(sentence_norm)
        n = parse_int(next(g for g in coming.groups() if g)) if coming else None
        if n and 1 < n <= 10:
            year, deadline = ctx.doc_year + n - 1, True   # 今后三年…, said in 2009: by 2011
    if not ctx.review and ctx.doc_year and _past_heading(ctx.section_path, ctx.doc_year):
        ctx = replace(ctx, review=True, goal_section=False, mixed=False)
    results: list[Quantity] = []
    judge = default_filter()
    printed = _printed_chars(sentence) if sentence_norm != sentence else {}
    subject: tuple[int, str, int] | None = None
    supposed = _supposition().search(sentence_norm)
    for cstart, cend in _clauses(sentence_norm):
        if supposed and cend > supposed.start():
            break   # 只要成本降低百分之一，就可以增产…: a worked example from here on
        clause = sentence_norm[cstart:cend]
        y = _named_year(clause)
        if y:
            named = int(parse_number(y.group("year")) or 0)
            if 1900 < named < 2200:
                year, deadline = named, bool(y.group("to") in ("到", "至") or y.group("before"))
                if deadline and ctx.doc_year and named < ctx.doc_year:
                    deadline = False   # 从1978年到1982年, said in 1983: a span looked back on, no deadline
        if "本世纪末" in clause and ctx.doc_year and ctx.doc_year < 2000:
            year, deadline = 2000, True   # 到本世纪末, said before 2000
        period = _PLAN_PERIOD.search(clause) if not y and cstart > 0 and ctx.doc_year else None
        if period and not re.search(r"[比较与同][“”]?$", clause[:_FIVE_YEAR_PLAN.search(clause).start()]
                                    if _FIVE_YEAR_PLAN.search(clause) else ""):
            # “十三五”期间，…累计新增就业150万人；“十四五”期间，力争新增…: each clause's own plan period
            end = plan_period_end(clause)
            if end and end != year:
                year, deadline = end, False
        own_rel = _relative_year(clause, ctx.doc_year)
        if not y and own_rel is not None and year is not None and year != own_rel and (
                ctx.doc_year is None or year < ctx.doc_year or own_rel >= ctx.doc_year):
            # …一九四九年为二万一千七百公里；…，今年预计将达二万五千五百公里: the clause's own 今年/明年
            # is nearer than a year an earlier clause named.
            year, deadline = own_rel, False
        rel = own_rel if own_rel is not None else _relative_year(sentence_norm[:cstart], ctx.doc_year)

        listed = bool(results) and results[-1].end == cstart - 1 and results[-1].target.comparator == "=" and \
            results[-1].start < results[-1].end - len(results[-1].target.value_text) and _build_start().match(
                sentence_norm[results[-1].start:]) is not None
        found = _clause_quantities(sentence_norm, cstart, cend, places or [], listed)
        if not found and results and results[-1].end == cstart - 1:
            found = _listed_after(sentence_norm, cstart, cend, results[-1])
        found = [_with_purpose(sentence_norm, cend, q) for q in found]
        found, subject = _with_subject(sentence_norm, cstart, cend, found, subject, places or [], ctx.subject)
        if "番" in clause:
            found += _doublings(sentence, sentence_norm, cstart, cend, places or [])
        for q in found:
            metric_start, value_m, verb, metric, end = q
            metric = _AUXILIARY.sub("", metric)   # 工业总产值将增长 → 工业总产值增长
            set_figure = _SET_FIGURE.search(metric)
            if set_figure and set_figure.start() >= 2:
                head, change = metric[:set_figure.start()], metric[set_figure.end():]
                metric = head if change and head.endswith(change) else head + change   # 森林覆盖率的指标为62%
            if ctx.subject and _ANAPHOR.fullmatch(metric) and ctx.subject.endswith(metric[2:]):
                metric = ctx.subject   # 在1949年，这个比重大约是… after …的比重迅速上升: the measure named before
            if metric in _GENERIC_COUNTED and (noun := _preceding_noun(sentence_norm, cstart)) is not None:
                metric = noun + metric   # 重大水利工程已开工的57个项目…，今年再开工27个项目: which projects
            bare = _BARE_VERB.fullmatch(metric)
            if bare:   # 拟连续几年发行超长期特别国债，…，今年先发行1万亿元: what the verb took before
                at = sentence_norm.rfind(bare.group(1), 0, metric_start)
                obj = re.match(r"[\u4e00-\u9fff“”]{2,12}", sentence_norm[at + len(bare.group(1)):]) if at >= 0 else None
                if obj:
                    metric = obj.group(0)
            q_year = year if year is not None else rel
            stated_year = q_year
            is_fact, reason = _decide(sentence_norm[:cend], clause, q_year, deadline, ctx, sentence_norm[cend:])
            if ctx.mixed and not (deadline or _FUTURE.search(sentence_norm[:cend]) or _PAST.search(clause)
                                  or (q_year and ctx.doc_year and q_year < ctx.doc_year)):
                continue   # a section reviewing and planning at once: without a cue, say nothing
            if q_year is None:
                q_year = (ctx.year or ctx.default_year) if not is_fact else _review_year(ctx)
            if not is_fact and q_year is not None and ctx.doc_year and q_year < ctx.doc_year and not deadline:
                is_fact, reason = True, "past-year"
            own_year = y is not None and ctx.doc_year is not None and year is not None and year >= ctx.doc_year
            limit = verb == "在" and not isinstance(value_m, Target) and value_m.group("approx") in ("以内", "以下")
            described = verb in ("占", "为", "是", "在", "约有", "共有") and not (
                _FUTURE.search(sentence_norm[:cend]) or _PLANNED.search(sentence_norm[:cend]) or ctx.goal_section
                or own_year or limit or set_figure or _plan_heading(ctx.section_path, ctx.doc_year)
                or deadline or (stated_year is not None and ctx.doc_year is not None and stated_year > ctx.doc_year))
            # (五年内…支出总数为…, 第一个五年计划期间…共有…个, said before its end: a figure for a year to come)
            # (比重在3%以内: a ceiling set; X的指标为N: a figure set; under 二、1956年的国家预算: the budget's)
            if not is_fact and described:
                continue  # 私营工业只占0.4%: a description, unless the sentence plans
            if not deadline and (_condition_re().search(sentence_norm) or _condition_section(ctx.section_path)):
                continue   # 申请家庭…人均建筑面积低于15平方米: who qualifies, not what is to be reached
            target = value_m if isinstance(value_m, Target) else \
                _target_from_match(value_m, metric, verb, sentence[value_m.start():value_m.end()])
            if target is None:
                continue
            circumstance = target.metric in _words("target_circumstance_metrics.txt")
            if not is_fact and circumstance:
                is_fact, reason = True, "circumstance"   # 今年高校毕业生超过1000万人: the circumstances, not a goal
            rule_fact, feats = is_fact, ()
            if judge is not None:
                vstart, vend = (value_m.start(), value_m.end()) if isinstance(value_m, re.Match) else \
                    (max(metric_start, end - len(target.value_text)), end)
                feats = features(sentence_norm, cstart, cend, vstart, vend, verb=verb, unit=target.unit,
                                 comparator=target.comparator, year=stated_year, deadline=deadline,
                                 doc_year=ctx.doc_year, section_path=ctx.section_path, review=ctx.review,
                                 goal_section=ctx.goal_section, mixed=ctx.mixed, past_context=ctx.past_context,
                                 intro=ctx.intro, paragraph_year=ctx.year)
                decided = judge.is_fact(feats, is_fact)
                if is_fact and not decided and not (ctx.review or described or circumstance) and (
                        q_year is None or ctx.doc_year is None or q_year >= ctx.doc_year):
                    # A fact by the rules that the model reads as a goal with confidence: the rules' cues
                    # were missing, not contrary (no review section, no past year, no description).
                    is_fact, reason = False, "filter"
                    q_year = stated_year if stated_year is not None else (ctx.year or ctx.default_year)
                elif not is_fact and decided:
                    is_fact, reason = True, "filter"   # a target by the rules that reads as a baseline or an achievement
                    q_year = stated_year if stated_year is not None else _review_year(ctx)
            if results and _LEVEL_ONLY.fullmatch(target.metric):
                # 国家级专精特新企业10家，省级50家: a level names the list's thing at that level
                head = _LEVEL_HEAD.search(results[-1].target.metric)
                if head:
                    target = replace(target, metric=target.metric + head.group(1))
            if printed:
                target = replace(target, metric=target.metric.translate(printed))
            results.append(Quantity(metric_start, end, sentence[metric_start:end], target, q_year, is_fact,
                                    feats, rule_fact, reason))
    return results


# X的(预期)指标为N, X的目标值是N: a figure set for the measure X; the words of setting are no part of its name.
_SET_FIGURE = re.compile(r"的?(?:预期|约束性|年度|发展|主要|控制)?(?:目标值|指标值|目标|指标)(?=(?:增长|下降|提高|降低|减少|增加)?$)")
_GENERIC_COUNTED = ("项目", "工程", "企业", "单位", "机构")   # counted things that say nothing without their kind
_ANAPHOR = re.compile(r"(?:这个|这一|该项|此项)[\u4e00-\u9fff]{1,3}")
_BARE_VERB = re.compile(r"(?:先|再|又|还|也|拟|将|要)+([\u4e00-\u9fff]{2})")   # 先发行: a verb without its object
_COUNT_CHANGES = ("增加", "新增", "减少", "增加到", "达到")   # (提高1200万教师待遇: a level, not a count)
_AUXILIARY = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:还将|也将|将要|将|还要|也要|要|可以|可|拟|是)"
                        r"(?=(?:年均|平均|每年)?(?:增长|增加|新增|提高|降低|减少|下降|上升)$)")
_LEVEL_ONLY = re.compile(r"[\u4e00-\u9fff]{1,3}[级类]")
_LEVEL_HEAD = re.compile(r"^[\u4e00-\u9fff]{1,3}[级类]([\u4e00-\u9fff]{2,})$")
_DOUBLED = re.compile(r"值|收入|总量|产量|规模|消费|投资|产出|效率")   # what a plan doubles
_DOUBLING = re.compile(r"(?P<more>再)?翻(?P<n>一|两|二|三|四)番(?P<approx>以上|多)?")


def _doublings(source: str, sentence: str, cstart: int, cend: int, places: list[tuple[int, int]]) -> list:
    """国内生产总值比2000年翻两番: a value of 4 times (2 to the number of 番) its base, the metric before it
    without the base (比2000年) or the verb (实现, 力争)."""
    out = []
    for m in _DOUBLING.finditer(sentence, cstart, cend):
        start, metric = _strip_lead(sentence, cstart, m.start(), places)
        aim = max(metric.rfind("实现"), metric.rfind("力争"), metric.rfind("本世纪末"))
        if aim >= 0:   # 到本世纪末实现工农业年总产值翻两番: what doubles comes after the aim, else before it
            after_aim = aim + (4 if metric.startswith("本世纪末", aim) else 2)
            if _DOUBLED.search(metric[after_aim:]):
                start, metric = _strip_lead(sentence, start + after_aim, m.start(), places)
            else:
                metric = metric[:aim]
        metric = _clean_metric(_COMPARISON_BASE.sub("", re.sub(r"(?:比|较)[0-9]{4}年(?:的水平)?", "", metric)))
        if "的" in metric and _DOUBLED.search(metric[metric.rfind("的") + 1:]):
            metric = metric[metric.rfind("的") + 1:]   # 《纲要》提出的2010年人均国内生产总值
        metric = re.sub(r"^(?:为|对|就|我国|全国|原定|到?[0-9]{4}年)+|(?:实现|达到|力争|争取|要|将|再)+$", "", metric)
        if len(metric) < 2 or not _DOUBLED.search(metric):
            continue   # 并就翻两番, 提前实现翻两番: no measure named
        n = parse_int(m.group("n")) or 1
        comparator = "≥" if m.group("approx") or "力争" in sentence[cstart:m.start()] else "="
        out.append((start, Target(metric=metric + "翻番", value=float(2 ** n), unit="倍", comparator=comparator,
                                  value_text=source[m.start():m.end()]), None, metric, m.end()))
    return out


@functools.lru_cache(maxsize=1)
def _plan_words() -> re.Pattern:
    from importlib.resources import files

    text = (files("graph") / "data" / "target_plan_words.txt").read_text(encoding="utf-8")
    words = sorted((w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#")), key=len, reverse=True)
    return re.compile("|".join(map(re.escape, words)))


# A comparison base before a change (比1957年预计数增加, 比上年增长, 同比): no part of what changes.
# The period a change is measured from: last year, a year, the start of the year, a five-year plan's period or
# end (比“十三五”末, 比“六五”期间), years ago (比五年前). (Not 比原计划: exceeding a plan is no growth.)
_BASE_PERIOD = (r"(?:上一?年度?|去年|前一年|年初|[0-9]{4}年度?|“?十?[一二三四五六七八九]五”?(?:期末|末|时期|期间)"
                r"|[一二三四五六七八九十两]年前)")
_COMPARISON_BASE = re.compile(rf"(?:比|较|同){_BASE_PERIOD}(?:的)?(?:年初)?(?:预算|实际|预计|计划)?(?:完成)?数?"
                              r"|同比|比上年|每年|平均每年|年均|平均")
_PREPOSITION = re.compile(r"按照|依照|根据|通过|随着|经过|对于|为了|在|对|按|由于|从")
_TIME_TAIL = re.compile(r"(?:在|于)?(?:今后|未来|最近)?[0-9一二三四五六七八九十两]{1,3}年(?:内|中|里|间)$"
                        r"|^(?:今后|未来|最近)[0-9一二三四五六七八九十两]{1,3}年$")
_LIST_NOUN = re.compile(r"[\u4e00-\u9fff（）()]{1,12}")   # 钢三千九百万吨: a product may be one character
_SUBJECT = re.compile(r"[\u4e00-\u9fff][\u4e00-\u9fffA-Za-z0-9（）()]{1,15}")
_NOT_SUBJECT = re.compile(r"是|了|着|过|这|那|我们|根据|由于|为了|如果|因此|但是|所以|同时|其中|并且|而且|[把被使]")
# A noun phrase that only names a thing or a time, no metric (春耕时, 届时, 有): the sentence's subject measures.
_NO_METRIC = re.compile(r"[\u4e00-\u9fff]{0,4}时(?:候)?|届时|(?:共|将|可|可以|还|也|又)?有")


@functools.lru_cache(maxsize=1)
def _measure_head() -> re.Pattern:
    return re.compile("|".join(map(re.escape, _words("target_measure_heads.txt"))))


@functools.lru_cache(maxsize=1)
def _measure_phrase() -> re.Pattern:
    """A noun phrase of up to 30 characters headed by a measure noun (target_measure_heads.txt)."""
    heads = "|".join(map(re.escape, _words("target_measure_heads.txt")))
    return re.compile(rf"[\u4e00-\u9fff、“”（）()]{{1,28}}(?:{heads})")


_NOUN_OF_CHANGE = re.compile(r"率|速度|速|幅度|幅|水平|量|额|值|目标|指标|比重")


def _has_predicate(text: str) -> bool:
    """Whether `text` holds a verb of reaching or changing (物价上涨幅度有明显回落 holds none: 上涨幅度,
    增长速度 are nouns of change)."""
    return any(not _NOUN_OF_CHANGE.match(text, m.end())
               and not (m.group(0) == "占" and re.match(r"[^,，;；]{0,14}(?:比重|比例)$", text[m.end():]))
               for m in _CMP_RE.finditer(text))   # (X占Y的比重: a share, a noun)


def _built_object(text: str) -> str:
    """已建成充电桩 → 充电桩: what a clause reports built (and counts), without 已 and the verb."""
    done = re.match(r"(?:已经|已|共|累计)+", text)
    built = _build_start().match(text[done.end():]) if done else None
    if built and len(text) - done.end() - built.end() >= 2:
        return text[done.end() + built.end():]
    return text


_PURPOSE = re.compile(r"[,，](?:主要|重点|专门|全部|专项)?用于([^,，;；。、]{2,20})")
_FUNDING = ("安排", "投入", "拿出", "筹集", "下达", "发行")


def _with_purpose(sentence: str, cend: int, q: tuple) -> tuple:
    """今年拟安排300亿元，用于补助农村危房改造: money arranged with no name of its own is named by its use."""
    metric_start, value_m, verb, metric, end = q
    if metric.strip() or verb not in _FUNDING and not re.search("|".join(_FUNDING) + "$", sentence[metric_start:
                                                                  value_m.start() if isinstance(value_m, re.Match) else end]):
        return q
    use = _PURPOSE.match(sentence, cend)
    return (metric_start, value_m, verb, _clean_metric(use.group(1)), end) if use else q


@functools.lru_cache(maxsize=1)
def _bare_words() -> frozenset[str]:
    """Words that are no measure alone (target_bare_words.txt and the verbs opening or closing a metric)."""
    return frozenset(_words("target_bare_words.txt") + _words("target_lead_verbs.txt") + _words("target_object_verbs.txt"))


def _core_metric(metric: str) -> str:
    """What a metric measures, without plan words, comparison bases and the change verb."""
    core = _COMPARISON_BASE.sub("", _plan_words().sub("", metric))
    core = re.sub(r"[0-9]{4}年度?$", "", core)   # 职工的工资总额1980年(为…): the year is the value's
    for verb in _CHANGE_VERBS:
        if core.endswith(verb):
            core = core[: -len(verb)]
    core = _clean_metric(core)
    core = _built_object(core)
    if _NO_METRIC.fullmatch(core):
        return ""   # 预计明年春耕时将达五十万个以上: a time, the metric is the sentence's subject
    if core in _bare_words():
        return ""   # 开工580万套, 低0.4个百分点: a verb or a total of the subject named before
    return "" if re.fullmatch(r"人均|户均|每人|平均|人均每年|每人每年", core) else core   # 人均每年增长10%


def _with_subject(sentence: str, cstart: int, cend: int, found: list, subject: tuple[int, str, int] | None,
                  places: list[tuple[int, int]], earlier: str | None = None) -> tuple[list, tuple[int, str, int] | None]:
    """一九五八年的工业总产值，拟定为…亿元，比上年增加…亿元，增长14.6%: a clause whose metric is only plan
    words or a change takes the metric the sentence named before (a clause with no value, or the last metric
    of its own); returns the clause's quantities and the subject (start, metric, end of its clause) for the
    clauses after it. A statement starts at the subject only when the subject's clause, holding no value,
    is the one just before: else the statement is the clause's own (到2025年不低于4.66人 after
    托位数不低于4人), its metric carried."""
    if not found:
        if _PREPOSITION.match(sentence, cstart):
            return found, subject      # 按照不同的情况: how, not what
        start, text = _strip_lead(sentence, cstart, cend, places)
        value = None
        for value in _VALUE_RE.finditer(sentence, start, cend):
            pass   # the clause's last value (由1982年的31.5万人: not the year)
        if value and value.end() == cend and value.start() > start and _is_quantity(sentence, value) \
                and value_unit(value) in _COUNT_UNITS | _MEASURE_UNITS:
            # 粮食产量计划达到…，棉花…，食糖四百三十万吨，增长…: an item of a planned list, the subject after it.
            noun = sentence[start:value.start()]
            base = _FROM_BASE.search(noun)
            if base and base.start() >= 2 and not _has_predicate(noun[:base.start()]):
                # 招生人数由1982年的31.5万人，增加到1987年的55万人: the base names the clause after it.
                return found, (start, _clean_metric(noun[:base.start()]), cend)
            if _NO_METRIC.fullmatch(noun) or _core_metric(noun) == "" and noun.strip():
                if subject is None or not subject[1]:
                    return found, subject
                noun = subject[1]   # 国家…的经费，…，1954年有三万亿元: what the clause has is the subject
                # (…，开工580万套 / …，低0.4个百分点: a verb or a comparison alone)
            elif not _LIST_NOUN.fullmatch(noun) or _NOT_SUBJECT.search(noun) or _has_predicate(noun):
                return found, subject
            following = sentence[cend + 1:]
            following = following[:next((x.start() for x in _CLAUSE_SPLIT.finditer(following)), len(following))]
            if _plan_words().search(sentence, 0, cend) or _FUTURE.search(sentence, 0, cend) or (
                    _COMPARED.match(following) and _has_quantity(following) and not re.search(r"[有是为占]$", noun)):
                # (原煤八千万吨，等于1949年的2.6倍: the item's comparison follows; tense decides fact or target)
                found = [(start, value, None, noun, cend)]
            return found, (start, _built_object(noun), cend)
        text = _BASE_IN_METRIC.sub("", _TIME_TAIL.sub("", text)).rstrip("的")
        measure = _measure_phrase().match(text)
        if measure and _STATE.fullmatch(text, measure.end()) and not _NOT_SUBJECT.search(text) \
                and not _has_quantity(text):
            # 粮食产量稳中有增，达到…: the measure before a predicate of state is the subject
            return found, (start, measure.group(0), cend)
        named = _SUBJECT.fullmatch(text) and not _has_predicate(text) or _measure_phrase().fullmatch(text)
        if named and not _NOT_SUBJECT.search(text) and not _has_quantity(text):
            modal = _MODAL.search(text)   # 棚户区住房改造要再启动一批: the subject, not what is said of it
            return found, (start, text[:modal.start()] if modal else text, cend)
        return found, subject
    out = []
    for metric_start, value_m, verb, metric, end in found:
        core = _core_metric(metric)
        if len(core) >= 2 or len(core) == 1 and verb in _CHANGE_VERBS and metric == core + verb \
                and not re.fullmatch(r"[其这那该此它再又也还都则]", core):   # 煤增长17%: a product of one character
            out.append((metric_start, value_m, verb, metric, end))
            # (中央预算内投资: plan words inside a name stay in it)
            subject = (metric_start, core if core in metric else _clean_metric(metric), -1)
        elif subject is not None:
            suffix = verb if verb in _CHANGE_VERBS else ""
            adjacent = subject[2] >= 0 and _CLAUSE_SPLIT.fullmatch(sentence, subject[2], cstart) is not None
            out.append((subject[0] if adjacent else metric_start, value_m, verb, subject[1] + suffix, end))
        elif (noun := _preceding_noun(sentence, cstart, verb in _CHANGE_VERBS)) is not None:
            # 农业生产合作社在今年八月已经发展到十万个，预计明年春耕时将达五十万个: the metric is the noun
            # phrase opening an earlier clause of the sentence.
            suffix = verb if verb in _CHANGE_VERBS else ""
            out.append((metric_start, value_m, verb, noun + suffix, end))
        elif earlier and not metric.strip() and not _has_quantity(sentence[:cstart]):
            # …通车里程1949年为二万一千七百公里；…，今年预计将达二万五千五百公里: the earlier sentence's measure
            out.append((metric_start, value_m, verb, earlier + (verb if verb in _CHANGE_VERBS else ""), end))
        elif metric:
            out.append((metric_start, value_m, verb, metric, end))
    return out, subject


# Where the noun phrase opening a clause ends: a preposition or adverb of time, place or manner, a verb of
# reaching or changing, a value.
_NOUN_END = re.compile(r"在|于|从|由|已|将|要|也|还|都|又|到|比|较|[0-9零〇○一二两三四五六七八九十百千万亿]")


# A predicate of state or trend after a measure (稳中有增, 保持稳定, 明显增加, 持续增长): no part of the metric.
_STATE = re.compile(r"有?(?:保持|稳中|稳步|持续|明显|较快|大幅|有所|继续|进一步|显著|平稳|基本|快速|迅速|不断|逐步)"
                    r"[\u4e00-\u9fff]{1,4}")
_RAISED = re.compile(r"(?:继续|进一步|大幅|适当|逐步)?(?:提高|增加|提升|降低|扩大|减少|压缩|削减)")


def _preceding_noun(sentence: str, cstart: int, change: bool = False) -> str | None:
    """The noun phrase opening the nearest earlier clause of the sentence that opens with one (a subject
    before 在, 已, 将 or a verb of reaching), else None; for a change (`change`), what an earlier clause
    raises. Only clauses after the last ；: a semicolon ends what a subject governs."""
    semicolon = max(sentence.rfind("；", 0, cstart), sentence.rfind(";", 0, cstart))
    spans = [span for span in _clauses(sentence) if semicolon < span[0] and span[1] <= cstart]
    for start, end in reversed(spans[-3:]):
        if _PREPOSITION.match(sentence, start):
            continue
        start, text = _strip_lead(sentence, start, end, [])
        done = re.match(r"(?:已经|已|共|累计)+", text)
        rest = text[done.end():] if done else ""
        built = _build_start().match(rest) if done else None
        if built:   # 目前已建成5G基站3万个，到2025年将达到10万个: what was built is counted
            value = next((v for v in _VALUE_RE.finditer(rest, built.end()) if _is_quantity(rest, v)), None)
            noun = _clean_metric(rest[built.end():value.start() if value else len(rest)])
            if re.fullmatch(r"[\u4e00-\u9fffA-Za-z0-9（）()]{2,16}", noun) and not _NOT_SUBJECT.search(noun):
                return noun
            continue
        raised = _RAISED.match(text)
        if raised and not change:
            continue
        if raised:   # 继续提高企业退休人员基本养老金，人均每年增长10%: what is raised grows
            noun = _clean_metric(text[raised.end():])
            if 2 <= len(noun) <= 16 and _SUBJECT.fullmatch(noun) and not _NOT_SUBJECT.search(noun) \
                    and not _has_predicate(noun):
                return noun
            continue
        cut = min([m.start() for m in (_NOUN_END.search(text), _CMP_RE.search(text)) if m] + [len(text)])
        noun = _clean_metric(text[:cut])
        if 2 <= len(noun) <= 16 and _SUBJECT.fullmatch(noun) and not _NOT_SUBJECT.search(noun) \
                and not _NO_METRIC.fullmatch(noun) and not _has_predicate(noun) and cut < len(text):
            return noun
    return None


_LISTED_VALUE = re.compile(rf"(?:和|及|以及|、)?(?P<value>{_VALUE_RE.pattern})(?P<noun>[^\d,，;；、和及与的]{{2,16}})$")


# The clause after an item compares it (原煤八千万吨，等于1949年的2.6倍 / ，比上年增长5%).
_COMPARED = re.compile(r"(?:比|较|等于|相当于|同比)|(?:增长|增加|提高|下降|减少|降低|递增|上升)")


def _listed_after(sentence: str, cstart: int, cend: int, previous: Quantity) -> list:
    """培育3家龙头企业，20家骨干企业，100家成长型企业: a clause that is only a value and its noun continues the
    list of the clause before, when that clause set the value before its metric (a count of things built)."""
    if not previous.statement or not previous.statement.endswith(previous.target.metric):
        return []
    m = _LISTED_VALUE.fullmatch(sentence, cstart, cend)
    if not m or not _is_quantity(sentence, _VALUE_RE.match(sentence, m.start("value"))):
        return []
    value = _VALUE_RE.match(sentence, m.start("value"))
    return [(cstart, value, None, _clean_metric(m.group("noun")), cend)]


def _review_year(ctx: Context) -> int | None:
    """The year a review section reports on: named in its heading (一、2024年工作回顾)."""
    if not ctx.review:
        return None
    for heading in reversed(ctx.section_path):
        m = _YEAR_RE.search(heading)
        if m and not re.search(r"[—\-－至到][0-9]{4}", heading):
            return int(parse_number(m.group("year")) or 0) or None
    return None


def _clauses(sentence: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _CLAUSE_SPLIT.finditer(sentence):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(sentence):
        spans.append((start, len(sentence)))
    return spans


def sentence_tense(sentence: str, doc_year: int | None) -> str | None:
    """'future' or 'past' when the sentence says which way it looks, for the sentences after it: the last cue
    of the sentence decides (去年…增长6.6%，今年要…: future). A plan word that names what was reached
    (超额完成全年目标任务, 实现了预期目标) is no cue of intent, and neither is a deadline already past."""
    text = _rule_text(sentence)
    future = [m.start() for m in _FUTURE.finditer(text) if not _yardstick(text, m) and not _past_deadline(m, doc_year)]
    back = [m.start() for m in _LOOKING_BACK.finditer(text)] + [m.start() for m in _DONE_TENSE.finditer(text)]
    if future and (not back or max(future) > max(back)):
        return "future"
    if back:
        return "past"
    if "年" not in text:
        return None
    year, deadline = sentence_year(text)
    return "past" if year and doc_year and year < doc_year and not deadline else None


# What a sentence reports as done, for the tense it leaves to the next sentences (一九五四年的国家预算已经胜利
# 完成, 上半年…比去年同期增长…).
_DONE_TENSE = re.compile(r"已经|(?<![而])已(?!有)|业已|实现了|完成了|取得了|达到了|超额完成|比去年同期|同比")
# A plan word as what was reached (超额完成全年目标任务, 实现了…确定的目标, 主要预期目标全面完成): a verb of
# reaching in its clause, with no cue of intent before it.
_REACHED = re.compile(r"完成|实现|超过|达到|超额|高于|好于")


def _yardstick(text: str, m: re.Match) -> bool:
    if m.group(0) not in ("目标", "预期"):
        return False
    starts = [x.end() for x in _CLAUSE_SPLIT.finditer(text, 0, m.start())]
    start = starts[-1] if starts else 0
    stop = _CLAUSE_SPLIT.search(text, m.end())
    clause = text[start:stop.start() if stop else len(text)]
    return bool(_REACHED.search(clause)) and not _WILL.search(clause) and not re.search(r"力争|确保|争取|拟|明年|今年", clause)


def _past_deadline(m: re.Match, doc_year: int | None) -> bool:
    """到1953年, said in 1954: a date gone by, no deadline."""
    year = re.search(r"[0-9]{4}", m.group(0))
    return bool(year and doc_year and int(year.group(0)) < doc_year)


def _is_fact(before: str, clause: str, year: int | None, deadline: bool, ctx: Context, after: str = "") -> bool:
    return _decide(before, clause, year, deadline, ctx, after)[0]


def _decide(before: str, clause: str, year: int | None, deadline: bool, ctx: Context,
            after: str = "") -> tuple[bool, str]:
    """(is_fact, reason): whether a value reports a fact and which cue decided (Quantity.reason). `after` is
    the rest of the sentence."""
    if ctx.review:
        return True, "review-section"
    if deadline and not (_ALREADY.search(clause) and not _INTENT.search(clause)):
        return False, "deadline"   # (到1958年1月31日，已经完成…: a date reached, not a deadline)
    future = _FUTURE.search(clause) or _FUTURE.search(before)
    # After a look back, a figure is a fact unless the sentence plans: the year's budget or plan (一九五四年预算中…
    # 的支出, 一九五五年计划钢产量达到…), what is required (要求…达到) or a year still to come (一九五七年…达到…,
    # said in 1955), when the clause says nothing done.
    planned = year is not None and ctx.doc_year is not None and (
        year > ctx.doc_year or year == ctx.doc_year and (_BUDGETED.search(before) or _SET_BY_PLAN.search(before)))
    if ctx.past_context and not future and not (planned and not _DONE.search(clause)) and not (
            _SET_BY_PLAN.search(clause) and not _DONE.search(clause) and not _ACHIEVED.search(before)):
        return True, "past-paragraph"
    done = None if _INTENT.search(clause) else (_DONE.search(clause) or _PART_YEAR.search(before))
    if done:
        return True, _cue("done", done)   # 今年…，上半年产值比去年同期增长14.1%: the clause reports what was done
    if not _INTENT.search(clause) and _ACHIEVED.search(before) and not _WILL.search(before):
        return True, "achieved"   # 超额完成年度目标任务，新增就业3.6万人: the plan was fulfilled (确保超额完成…: still a plan)
    if re.search(r"完成(?:了)?(?:[^,，;；]{0,8}?(?:计划|目标|任务))?的?[0-9.]+%", clause) and not _WILL.search(clause):
        return True, "fulfilment"   # 钢完成96.4%: a plan's fulfilment
    if year is not None and ctx.doc_year is not None and year < ctx.doc_year and not future:
        return True, "past-year"
    if future:
        return False, _cue("future-cue", future)
    later = _achieved_later().search(after)
    if later:
        # the appraisal's own clause names the yardstick (高于预期目标, 提前一年实现翻番目标): no intent
        stop = _CLAUSE_SPLIT.search(after, later.end())
        if not _INTENT.search(after[:later.start()] + (after[stop.end():] if stop else "")):
            return True, _cue("achieved-later", later)   # 粮食产量达到13908亿斤，创历史新高: appraised as reached
    if year is not None and ctx.doc_year is not None and year > ctx.doc_year:
        return False, "later-year"   # “十四五”期间，累计新增城镇就业5500万人, said in 2021: not reached yet
    past = _PAST.search(clause) or _PAST.search(before) or _RANKED.match(after[:12])
    if past:
        return True, _cue("past-cue", past)
    return False, "no-cue"


@functools.lru_cache(maxsize=1)
def _achieved_later() -> re.Pattern:
    """Words after a figure saying it was reached (target_achievement_words.txt)."""
    parts = (re.escape(w).replace("…", "[^,，;；。]{0,6}") for w in _words("target_achievement_words.txt"))
    return re.compile("|".join(parts))   # (提前…实现: 提前一年实现)


def _cue(kind: str, m: re.Match) -> str:
    """A reason with the words that decided it, digits as # (future-cue:到####年)."""
    return kind + ":" + re.sub(r"[0-9]", "#", m.group(0).strip("，,"))


_ACHIEVED = re.compile(r"超额完成|提前[一二两三四五六七八九十0-9]{0,2}个?(?:年|月|季度)?(?:全面)?完成|圆满完成")
# Words by which a plan sets a figure (计划钢产量达到…, 要求…达到, 计划规定…): not a look back (超过计划成本,
# 完成计划, 原计划: the plan as a yardstick of what was done).
_SET_BY_PLAN = re.compile(r"(?<![过成比按照原超了])计划(?!生育|单列|经济|内|外|的?执行|完成)|要求(?=[^,，;；]{0,12}?(?:达到|增长|增加|提高|降低|减少|控制|为))|规定")
_BUDGETED = re.compile(r"预算(?:中|的|安排|规定)|预计|计划(?:规定|安排|数)|拟定")
_ALREADY = re.compile(r"已经|已(?!有)|业已")
_PLANNED = re.compile(r"今年|拟|预期|目标|计划安排|预算")
_ADJUST_VERBS = ("降低", "提高", "下调", "上调", "压减")   # kept in the metric when they open the clause
_CHANGE_VERBS = frozenset(_data_lines("target_change_verbs.txt"))   # kept in the metric: 粮食产量增长
_SHARE_RE = re.compile(r"(?:集聚|占|集中|吸纳|贡献|承载|覆盖)(?:了)?(?:全省|全国|全市|全区)?(?:约)?$")
_COUNT_UNITS = {"人次", "个", "座", "条", "所", "家", "项", "套", "辆", "处", "户", "人", "名", "公里", "千米", "亩", "台", "张",
                "颗", "架", "株", "头", "只", "册", "间", "部", "件", "位"}
_MEASURE_UNITS = {"微克/立方米", "毫克/升", "度", "Mbps", "Gbps", "Tbps", "年", "分", "毛", "角", "分钱", "毛钱", "角钱", "兆比特/秒", "吉比特/秒", "太比特/秒", "吨标准煤", "%", "个百分点", "元", "美元", "吨", "斤", "公斤", "公里", "千米", "米", "亩", "公顷", "千瓦",
                  "千瓦时", "万千瓦", "平方公里", "平方米", "立方米", "岁", "人", "户", "倍", "‰", "个千分点", "公尺",
                  "平方公尺", "立方公尺", "公担", "担", "市斤"}


def _clause_quantities(sentence: str, cstart: int, cend: int, places: list[tuple[int, int]], listed: bool = False):
    """(metric_start, value match, comparator verb, metric) for the values of one clause. `listed`: the clause
    before set a value after a verb of building (新增A能力1500万立方米，B能力6万吨): a metric and a value
    with no verb of their own continue that list, as does each 、-item after such a value in this clause."""
    out = []
    lead_active = listed
    built_subject: str | None = None   # 保障房 of 保障房基本建成300万套: what the list's next verb (、新开工…) acts on
    values = [m for m in _VALUE_RE.finditer(sentence, cstart, cend) if _is_quantity(sentence, m)
              and not _ON_BASE.match(sentence, m.end())]   # (在增产3800亿斤的基础上: the base)
    carried: tuple[int, str | None, str] | None = None   # (start, verb, metric) for 分别达A、B
    building: re.Match | None = None   # the verb of building a list of counted things goes on with
    prev_start = building_end = cstart
    share = False
    share_start = cstart
    from_base: tuple[int, str] | None = None   # (start, metric) of a base value (由35元提高到40元)
    for i, m in enumerate(values):
        after = sentence[m.end():cend]
        later = values[i + 1:]
        prev_end = max([cstart] + [p.end() for p in values[:i]])
        gap = sentence[prev_end:m.start()]
        segment = sentence[cstart:m.start()]
        if share and gap in ("的人口和", "和", "、") or _SHARE_RE.search(segment) or (share and re.fullmatch(r"的[^,，;；]{1,8}[和、]", gap)):
            noun = re.match(r"的([^,，;；、和]{1,10})", after)
            if noun:
                start = _SHARE_RE.search(sentence[cstart:m.start()])
                if not share or start:
                    # Later shares of a list (集聚全省20%的人口、40%的地区生产总值) keep the list's start:
                    # alone, "人口、40%的地区生产总值" is no statement.
                    s0 = cstart + start.start() if start else prev_end + 1
                    share_start, _ = _strip_lead(sentence, s0, m.start(), places)
                share = True
                out.append((share_start, m, "占", noun.group(1) + "占比", m.end() + noun.end()))
                continue
        if after.startswith("的") and later or after.startswith("的有"):
            continue  # 超过500亿元的县(市)达到15个, 增长50%以上的有生铁、钢…: the value qualifies the metric
        if carried and prev_end > cstart and gap in ("、", "和", "及"):
            out.append((carried[0], m, carried[1], carried[2], m.end()))
            continue
        seg_start = cstart if prev_end == cstart else prev_end
        if seg_start != cstart and sentence[seg_start:m.start()].startswith("的"):
            seg_start = cstart
        segment = sentence[seg_start:m.start()]
        cmp_m = list(_CMP_RE.finditer(segment))
        verb = None
        metric_text = segment
        if cmp_m and (_VERB_TAIL.fullmatch(segment, cmp_m[-1].end()) or re.fullmatch(
                r"[^,，;；、由从]{1,12}的", segment[cmp_m[-1].end():]) and cmp_m[-1].group(0) not in ("在", "为", "是", "占")):
            # (不小于住宅建筑面积的11%: the value is a share of what comes between)
            verb = cmp_m[-1].group(0)
            metric_text = re.sub(r"(?<![创更革刷翻])新$", "", segment[: cmp_m[-1].start()])   # (…工程新安排740万套)
            metric_text += verb if verb in _CHANGE_VERBS else ""
        chinese = not re.match(r"[0-9]", m.group("num"))
        build = _build_re().search(metric_text)
        if build is None and building and re.fullmatch(r"[、和及与]|以及", sentence[building_end:m.start()]):
            build = building   # 完成对832个贫困县、12.8万个贫困村的网络覆盖: the list goes on
        if build and after and (not chinese or m.group("pct") or m.group("mag") or m.group("approx")):
            # 建成4万个公共充电桩, 提供100Mbps以上接入服务能力, 团结百分之九十五以上的干部和群众
            obj = _object_noun(after)
            if obj and (re.match(r"(?:始终|都|就|也|仍)?是", after[obj[1]:]) or re.search(r"(?:始终|都|就|也|仍)是", obj[0])):
                obj = None   # 解决13亿人的吃饭问题始终是头等大事: a description, not a count to reach
            if obj and value_unit(m) in _COUNT_UNITS | _MEASURE_UNITS - {"岁", "年"} | {None} and (
                    not m.group("approx") or not later):
                start = seg_start + build.start() if build is not building else prev_start
                # 取消80项收费: a verb of taking away is the measure's sense (the count abolished, not the fees)
                taken = build.group(0).rstrip("对由") if re.search(r"取消|停征|下放|减免|精简", build.group(0)) else ""
                out.append((start, m, verb, taken + _clean_metric(obj[0]), m.end() + obj[1]))
                building, prev_start, building_end = build, start, m.end() + obj[1]
                continue
        if build and (not after.strip() or after.startswith("、")) and value_unit(m) in _COUNT_UNITS \
                and verb is None and (not chinese or _sizeable(m)) and build.start() >= 2:
            # 棚户区住房改造580万套, 高校扩招100万人: the verb closes the metric, the value closes the clause
            # or an item of a list (保障房基本建成300万套、新开工500万套)
            mstart, metric = _strip_lead(sentence, seg_start, seg_start + len(metric_text), places)
            lead = _build_start().match(metric)
            if lead and len(metric) - lead.end() > len(build.group(0)) + 1:
                metric = metric[lead.end():]   # 完成易地扶贫搬迁280万人 → 易地扶贫搬迁
            if len(_clean_metric(metric)) > len(build.group(0)) + 1:
                out.append((mstart, m, None, _clean_metric(metric), m.end()))
                built_subject = re.sub(r"(?:基本|全面|初步|累计|共|再)*$", "", metric[:len(metric) - len(build.group(0))])
                continue
        building = None
        if seg_start == cstart and verb is None and not _METRIC_LEAD.sub("", metric_text) \
                and (not chinese or m.group("pct")) and value_unit(m) in _COUNT_UNITS | {"%", None} \
                and m.group("approx") not in ("左右", "上下"):
            subject = _subject_predicate().match(after)
            if subject and not _RATE_NOUN.search(subject.group("noun")):
                # 98%的行政村实现光纤通达: the value counts the subject the clause opens with
                end = m.end() + min(len(after.rstrip()), subject.end() + 12)
                metric = subject.group("noun") + sentence[m.end() + subject.start("pred"):end]
                out.append((m.start(), m, None, _clean_metric(metric), end))
                continue
        rate = _RATE_BY.search(segment) if verb is None else None
        if rate and _RATE_APPLIED.match(after):
            verb, metric_text = "按", segment[:rate.start()]   # 赤字率拟按2.6%安排, 购置税按7.5%征收
        if m.group("approx") and re.match(r"[\u4e00-\u9fff]", sentence[m.end():m.end() + 1]) \
                and not re.match(r"[和及与、了]", sentence[m.end():m.end() + 1]) \
                and (not any(c.group(0) not in ("是", "为", "在", "占") for c in cmp_m)
                     or sentence[m.end():m.end() + 1] != "的"):
            continue   # 3岁以下婴幼儿, 5万元以上项目, 能耗5万吨以上的企业: the value qualifies the noun after it
        if chinese and not (verb is not None and value_unit(m) in _MEASURE_UNITS) and not (
                _sizeable(m) and value_unit(m) in _COUNT_UNITS | _MEASURE_UNITS):
            continue   # 一个, 两项, 三条: words; 一千四百五十七台, 五十万个: counts
        time_lead = _METRIC_LEAD.match(metric_text)
        skip = time_lead.end() if time_lead else 0
        lead = _build_start().match(metric_text[skip:])
        lead_end = lead.end() if lead else None
        if lead_end is None and skip and _lead_verb_end().search(metric_text, 0, skip):
            lead_end = 0   # 全市力争实现地区生产总值3000亿元: the lead words took the verb with them
        if lead_end is None and lead_active and (seg_start == cstart or re.match(r"[、和及]", metric_text)) \
                and not _CMP_RE.search(metric_text) and not _build_re().search(metric_text):
            lead_end = 0   # 、垃圾日处理能力6万吨: the next item of a list of things built
        if verb is None and lead_end and built_subject and len(metric_text) == skip + lead_end \
                and re.match(r"[、和及]", metric_text) and value_unit(m) in _COUNT_UNITS:
            # 保障房基本建成300万套、新开工500万套: the verb alone names what the list's subject does next
            out.append((seg_start + skip, m, None, _clean_metric(built_subject) + metric_text[skip:], m.end()))
            continue
        if verb is None and lead_end is not None and value_unit(m) in _COUNT_UNITS | _MEASURE_UNITS \
                and len(metric_text) - skip - lead_end >= 2 and not after.startswith("的"):
            change = next((v for v in _ADJUST_VERBS if metric_text[skip:skip + lead_end].endswith(v)), "")
            counted = _clean_metric(metric_text[skip + lead_end:])
            if counted in _GENERIC_COUNTED:
                # 新开工项目150个、竣工项目80个: the verb tells the projects apart
                counted = re.sub(r"^(?:全年|年内)?(?:计划|拟)?", "", metric_text[skip:skip + lead_end]) + counted
            out.append((seg_start + (skip if lead_end == 0 else 0), m, None, counted + change, m.end()))
            lead_active = True
            continue
        lead_active = False
        planned = _PLANNED.search(sentence, 0, cend) is not None
        base = _FROM_BASE.search(segment) if verb is None else None
        if base and _TO_VALUE.fullmatch(sentence, m.end(), values[i + 1].start()) if later else False:
            # 补助标准由35元提高到40元: the first value is the base; what it measures names the next one.
            from_base = (seg_start, segment[:base.start()])
            continue
        # 设施覆盖率100%: a rate and its value closing the clause, as goal lists and tables print them.
        # (小于1952年所占的比例13.2%: a comparison with a year's share, no rate set)
        bare_rate = verb is None and value_unit(m) in ("%", "‰") and not after.strip() and _BARE_RATE.search(segment) \
            and not _CMP_RE.search(segment) and not re.search(r"[0-9]{4}年|上年|去年", segment)
        if verb is None and m.group("approx") not in ("左右", "以上", "以下", "以内", "上下") and not (
                planned and value_unit(m) in _MEASURE_UNITS | {"元"} and m.group("mag")) and not bare_rate \
                or verb is None and _BASE_VALUE.search(segment):
            continue   # (比1958年的214亿元增长26%: the base of a change, not a value to reach)
        if from_base and seg_start == prev_end and not metric_text.strip():
            seg_start, metric_text = from_base[0], from_base[1]
        from_base = None
        mstart, metric = _strip_lead(sentence, seg_start, seg_start + len(metric_text), places)
        metric = _clean_metric(metric)
        counted = _object_noun(after) if verb in _COUNT_CHANGES and value_unit(m) is None and after.strip() \
            and not re.search(r"[0-9]", after) else None
        if counted and counted[1] >= len(after.rstrip()) and 2 <= len(counted[0]) <= 10:
            # 增加500万沼气用户: the noun after a value with no unit of its own is what is counted
            suffix = verb if verb in _CHANGE_VERBS else ""
            out.append((mstart, m, verb, _clean_metric(counted[0]) + suffix, m.end() + counted[1]))
            continue
        rate_of = _RATE_OF.match(after) if verb is not None else None
        if rate_of:
            # 按不低于5%的幅度压减一般性支出: the change names the metric, not who makes it
            out.append((mstart, m, verb, rate_of.group(2) + rate_of.group(1), m.end() + rate_of.end()))
            continue
        bare = metric[: -len(verb)] if verb in _CHANGE_VERBS and metric.endswith(verb) else metric
        if _build_re().fullmatch(metric):
            continue
        one = _clean_metric(bare)
        if len(one) < 2 and not (len(one) == 1 and verb in _CHANGE_VERBS and re.fullmatch(r"[\u4e00-\u9fff]", one)
                                 and not re.fullmatch(r"[其这那该此它再又也还都则均共约]", one)):
            # 增长14.6%: no metric of its own; the sentence's subject may give it one (find_quantities).
            # (煤增长17%: a product of one character is a metric of its own)
            out.append((mstart, m, verb, "", m.end()))
            carried = (mstart, verb, "")
            continue
        end = m.end()
        if verb in ("安排", "投入"):
            # 中央财政拟安排200亿元专项资金: what is funded names the metric with who funds it; 中央财政投入.
            obj = _object_noun(after) if after.strip() and not re.search(r"[0-9０-９]", after) else None
            if obj and obj[1] >= len(after.rstrip()) and len(obj[0]) <= 12:
                metric, end = _clean_metric(metric + obj[0]), m.end() + obj[1]
            elif verb == "投入":
                metric = re.sub(r"(?:拟|计划)?安排", "", metric) + "投入"
        carried = (mstart, verb, metric)
        out.append((mstart, m, verb, metric, end))
    return _pair_respectively(sentence, out)


@functools.lru_cache(maxsize=1)
def _subject_predicate() -> re.Pattern:
    """(以上)(的)noun (初步|基本…) predicate, after a value that opens a clause (target_subject_predicates.txt)."""
    preds = "|".join(map(re.escape, _words("target_subject_predicates.txt")))
    return re.compile(r"(?:以上|以下)?的?(?P<noun>[^\d,，;；、的]{2,16}?)(?:都|均|要|将|可|能|已)?"
                      rf"(?:初步|基本|全面|全部|普遍|率先)?(?P<pred>{preds})")


_ON_BASE = re.compile(r"的?基础上")
_MODAL = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:还要|也要|要|将|再|需要)")
_BARE_RATE = re.compile(r"[\u4e00-\u9fff]{2}(?:率|比例|比重|占比)$")
# Between a base value and the value it changes to (由2020年的63.9%提高到2025年的65%): a verb, maybe a year.
_TO_VALUE = re.compile(rf"(?:{_CMP_RE.pattern})(?:[0-9]{{4}}年(?:底|末)?的?)?")
_RATE_OF = re.compile(r"的(?:幅度|比例|速度)(压减|削减|压缩|降低|减少|提高|增加|下调|上调)([^\d,，;；、的]{2,12})")
_RATE_BY = re.compile(r"(?:拟|要|将)?按(?:照)?(?:每人每年|每人每月|每人|每户|每年|每月|每次)?$")
_BASE_VALUE = re.compile(r"(?:比|较|同|与)(?:[0-9]{4}年|上年|去年|上一年|前一年)?(?:度|同期)?的?(?:实际|预计)?(?:完成)?(?:数)?$")
# 增加了二十二亿元, 达到约5万个, 达到每千名老人40张 (a rate per head): still the verb's value
_VERB_TAIL = re.compile(r"了?(?:约|近|将近|大约)?(?:每(?:十万|千|万|百)?(?:名|个|户|位|人)?[\u4e00-\u9fff]{0,4}?)?")
# 由35元, 从去年的2.1%, 由每人每年320元: a base value, said before the value it changes to.
_FROM_BASE = re.compile(r"(?:统一|将|要|也)?(?:由|从)(?:[0-9]{4}年|上年|去年|目前|现在|现行)?(?:底|末)?的?(?:每人每年|每人每月|人均每年|人均|每人|每年|每月)?$")
_RATE_APPLIED = re.compile(r"(?:的?(?:税率|比例|标准))?(?:安排|征收|减征|计征|收取|执行|发放|补助|补贴|缴纳|计提)")
_RATE_NOUN = re.compile(r"速度?|率|幅度|水平|可|能")
_OBJECT = re.compile(r"的?([^\d,，;；、和及与的]{2,16})")


def _sizeable(m: re.Match) -> bool:
    """A value in Chinese numerals large enough to be a count, not a word (五十万个, 一千四百五十七台; not 一个,
    两项, 三条)."""
    if m.group("mag") or m.group("pct"):
        return True
    value = parse_number(re.split(r"[-—–~～至]", m.group("num"))[0])
    return value is not None and value >= 10


def _object_noun(after: str) -> tuple[str, int] | None:
    """(noun, end in `after`) of what a counted value is a count of: 4万个公共充电桩 → 公共充电桩. A noun phrase
    running to the clause's end with its modifiers (1-2个功能健全、…、具有示范效应的照护服务机构, 35颗卫星组成的
    北斗导航系统) is taken whole when short, else by its head after the last 的."""
    if "的" in after and not re.search(r"[0-9０-９,，;；]", after):
        phrase = after.lstrip("的").rstrip()
        head = phrase[phrase.rfind("的") + 1:]
        if 2 <= len(head) <= 16 and not re.search(r"[、和及与]", head):
            return (phrase if len(phrase) <= 24 else head), len(after.rstrip())
    m = _OBJECT.match(after)
    return (m.group(1), m.end()) if m else None


def _pair_respectively(sentence: str, found: list) -> list:
    """A、B分别高于12%、18%: metric A gets the first value, B the second, each statement the whole span."""
    out = list(found)
    i = 0
    while i < len(out):
        start, m, verb, metric, end = out[i]
        run = [j for j in range(i, len(out)) if out[j][0] == start and out[j][3] == metric]
        text = sentence[start:m.start()]
        listed = re.search(r"(?:要)?(?:分别|都|(?<![平年人户])均)(?:要|将|再)?(?=" + _CMP_RE.pattern + ")", text)
        items = [x for x in re.split(r"[、和及与]", text[:listed.start()]) if x] if listed else []
        if len(run) == 1 and len(items) >= 2 and re.search(r"分别|都|均", text[text.rfind(items[-1]):]) is not None:
            # A、B分别下降2%: each metric by the one value.
            suffix = verb if verb in _CHANGE_VERBS else ""
            out[i:i + 1] = [(start, m, verb, _item_metric(items, k, "、" in text) + suffix, end)
                          for k in range(len(items))]
            i += len(items)
            continue
        if len(run) >= 2 and len(items) == len(run):
            last_end = out[run[-1]][4]
            for k, j in enumerate(run):
                suffix = verb if verb in _CHANGE_VERBS else ""
                out[j] = (start, out[j][1], verb, _item_metric(items, k, "、" in text) + suffix, last_end)
        i = run[-1] + 1 if run else i + 1
    return out


def _item_metric(items: list[str], k: int, enumerated: bool = False) -> str:
    """Item k of a metric list with the words the last item adds (工业增加值、…增加值年均增速 → 工业增加值年均增速)."""
    item, last = _clean_metric(items[k]), _clean_metric(items[-1])
    for n in range(len(item), 1, -1):
        at = last.find(item[-n:])
        if at >= 0 and at + n < len(last):
            return item + last[at + n:]
    if enumerated and 2 <= len(item) <= 3 and len(last) >= len(item) + 3 and item != last:
        return item + last[len(item):]   # 小学、初中学生人均公用经费 → 小学学生人均公用经费
    # 二氧化硫、化学需氧量排放量: the last item's measure word (排放量, 产量) belongs to every item.
    measure = re.search(r"(?:排放量|产量|总量|增加值|总额|比重)$", last)
    if measure and item != last and not re.search(r"[量率值额耗重]$", item):
        return item + measure.group(0)
    return item


# A measure counted in years (平均受教育年限提高到11.3年), before its value in the clause.
_IN_YEARS = re.compile(r"(?:年限|寿命)[^,，;；。]{0,10}$")
_EXTENDED = re.compile(r"(?:延长|延期|缩短)(?:期限)?(?:至|到)?$")
_PRICE = re.compile(r"每(?:斤|公斤|千克|吨|度|千瓦时|升|立方米)|价|钱")


def _is_quantity(sentence: str, m: re.Match) -> bool:
    num, unit = m.group("num"), value_unit(m)
    if unit == "年" and not _EXTENDED.search(sentence, max(0, m.start() - 4), m.start()) \
            and not _IN_YEARS.search(sentence, max(0, m.start() - 16), m.start()):
        return False  # durations, unless a term is extended (再延长30年) or the measure is in years (受教育年限)
    if unit == "度" and not m.group("mag"):
        return False  # 3，120亿度 of electricity, not an angle or a degree of anything
    if unit in ("分", "毛", "角") and not _PRICE.search(sentence, max(0, m.start() - 12), m.end() + 8):
        return False  # 3分, 1毛 are money only where prices are spoken of (每斤提高3分、1毛钱)
    if unit == "分" and sentence[m.end():m.end() + 1] in ("钟", "之", "别", "类", "为", "配", "级"):
        return False
    if not (unit or m.group("mag") or m.group("approx") in ("左右", "上下")):
        # A bare number is a value only right after a comparator (缩小到2.7); else an ordinal or code.
        if not re.search(r"(?:到|至|为|在|于)$", sentence[max(0, m.start() - 3):m.start()]) or "." not in num:
            return False
    if re.fullmatch(r"[0-9]{4}", num) and not (unit or m.group("mag")):
        return False  # a year
    opened = sentence.rfind("“", 0, m.start())
    if opened > sentence.rfind("”", 0, m.start()):
        return False  # inside a slogan: “7个专项行动”, “一张网”
    if sentence[max(0, m.start() - 1):m.start()] in ("第", "等", "前", "后", "每"):
        return False   # (每千人口: a rate's base, not a value)
    if num in ("千", "百", "万", "十") and not m.group("approx") and not m.group("pct"):
        return False   # 千人, 百姓: a word, not a number
    after = sentence[m.end():m.end() + 2]
    if after[:1] in ("年", "月", "日", "号", "届", "次", "期", "类", "级", "型") and not after.startswith("日间") or re.match(r"[州县市省](?!级)|地区|国家|城市", after) \
            and unit not in ("户", "人", "名"):   # (750万户城市低收入家庭: households, not a city's name)
        return False
    return True


_METRIC_LEAD = re.compile(r"(?:[(（][一二三四五六七八九十0-9]{1,3}[)）]|今明两年|目前|当前|现在|现有|截至[0-9]{4}年(?:底|末)?|即(?=增长|增加|提高|降低|减少|下降|为|达到)|(?:近|这)?[一二三四五六七八九十两几多0-9]{1,2}年来|到[0-9]{4}年(?:底)?|至[0-9]{4}年|在?[0-9]{4}年(?:底|末)?|(?:今年|明年)(?:底|末|内)?|本年度|上一?年度|全年|年内|其中|力争|确保|按照|把|我们|(?:计划)?规定|(?:预算|计划)中|再使|用[一二三两四五六七八九十0-9]{1,2}年(?:的)?时间|"
                          r"[在于]?(?:今后|未来)?[一二三两四五六七八九十0-9]{1,2}年(?:内|之内|时间内)|(?:今后|未来)[一二三两四五六七八九十0-9]{1,2}年|"
                          r"全省|全国|全市|全区|全州|全县|使|实现|预计|争取|要求|要|将|的|和|及|与|、|约|年均|一律|统一|普遍|为此|因此|此外|同时|"
                          r"(?:比|较)(?:上年|去年)(?:的)?(?:年初)?(?:预算|预计|实际)?(?:完成)?数?|同比|分别|累计|共计|合计|总计|共|总共|(?:又|还|也|都)(?=将|要|可|能|$)|而(?!且)|\s)+")


def _strip_lead(sentence: str, start: int, end: int, places: list[tuple[int, int]]) -> tuple[int, str]:
    """Skip leading year phrases, connectors and places: 到2025年,昆明市经济总量 → 经济总量."""
    changed = True
    while changed and start < end:
        changed = False
        m = _METRIC_LEAD.match(sentence, start, end)
        if m and m.end() > start:
            start, changed = m.end(), True
        for a, b in places:
            # Not when the place begins a longer name or a list (浦东新区, 黔东南州、市).
            if a == start and b < end and not re.match(r"[州市县区、]|新区|城市群|都市圈|片区|开发区", sentence[b:end]):
                start, changed = b, True
                break
    return start, sentence[start:end]


# A comparison base or a manner inside a metric (劳动生产率将比上年提高, 购买力要按上年实际数额核减): no
# part of what is measured.
_BASE_IN_METRIC = re.compile(r"(?:将|要|也|还|都|均)?同(?:上年|去年|[0-9]{4}年)(?:国家)?(?:决算)?比较"
                             rf"|(?:将|要|也|还|都|均)?(?:比|较){_BASE_PERIOD}(?:的)?"
                             r"(?:年初)?(?:预算|实际|预计|计划|同期)?(?:完成|决算)?(?:数额|数)?"
                             r"|(?:将|要)?按(?:上年|去年|上一年)(?:的)?(?:实际)?(?:数额|数|水平)?"
                             r"|(?:还要|要|将)?在(?:上年|去年|上一年|[0-9]{4}年)?(?=[^,，;；]{0,12}?基础上)|的?基础上")


_ON_MANNER = re.compile(r"(?:还要|要|将)?在([^,，;；在]{2,20}?)的?基础上")


def _clean_metric(text: str) -> str:
    text = re.sub(r"[(（][^()（）]*$", "", text)   # an unclosed bracket: the list it opens was cut
    # 中央财政拟投入社会保障资金: who funds and what is funded, without the verb between them.
    text = re.sub(r"(?<=[\u4e00-\u9fff]{2})(?:拟|将|要|再)?(?:安排|投入)(?!强度|比重|占比|水平|产出)(?=[\u4e00-\u9fff“]{2})", "", text)
    # (研发经费投入强度: a measure of what is put in, 投入 is its name)
    # 在明显提高质量和效益的基础上: a manner, no part of the metric (在1959年粮食总产量的基础上 names a base)
    text = _ON_MANNER.sub(lambda m: m.group(0) if _measure_phrase().search(m.group(1))
                          or re.search(r"[0-9]{4}年|上年|去年", m.group(1)) else "", text)
    if _BASE_IN_METRIC.search(text):
        bare = _BASE_IN_METRIC.sub("", text)
        text = bare if len(bare.strip(" 、,，的和及与")) >= 2 else text
    text = _TIME_TAIL.sub("", text)   # 灌溉面积在十二年内: before 年内 alone is stripped below
    cited = re.search(r"(?:所)?(?:提出|规定|要求|确定)的", text)
    if cited and len(text) - cited.end() >= 2:
        text = text[cited.end():]   # 实现纲要所提出的灌溉面积: what the cited plan measures
    handled = text.rfind("把")
    if handled >= 0 and len(text) - handled > 2:
        text = text[handled + 1:]   # 为了在本世纪末把我国人口(控制在…): what is handled is measured
    said = _DECIDER.match(text)
    rest = text[said.end():] if said else ""
    if said and len(rest) - _PLAN_LEAD.match(rest).end() >= 2:
        # 国务院同意地方发行, 中央提出今年经济增长: who decides is no part of the measure (国务院决定今年安排
        # keeps its words until what is arranged is named)
        text = rest
    text = re.sub(r"(?:(?:到|在)?[0-9]{4}年(?:底|末)?|平均|分别|拟按|按|再|约|共|均|要|将|必须|应当|应|一般|争取|力争|继续|努力|只|则|拟|"
                  r"又|也|还|都|就|却|可以|能够|可|已经|已|今年|明年|本年|年内|当年|预计|预期|大约|大概|大致|为此|不动摇|不放松|拟定|规定|计划|原则上|每年|累计|"
                  r"(?<=[\u4e00-\u9fff]{2})(?:实现|达到))+$", "",
                  text.strip(" 、,，的和及与"))
    text = _TIME_TAIL.sub("", text.strip(" 、,，的和及与")).strip(" 、,，的和及与")[-30:]
    # "拟安排财政赤字" names the metric 财政赤字: the planning verb before it is no part of the name
    lead = _PLAN_LEAD.match(text)
    return text[lead.end():] if lead and len(text) - lead.end() >= 2 else text


_DECIDER = re.compile(r"^[\u4e00-\u9fff]{1,6}?(?:同意|决定|批准|提出|宣布)(?![的性权])")
_PLAN_LEAD = re.compile(r"^(?:今年|全年|明年|当年)?(?:拟|计划(?!生育)|预计|预期)?(?:安排|拟)?(?:将|把)?")


def find_goals(sentence: str, ctx: Context) -> list[QualitativeGoal]:
    """Qualitative goals: clauses with a goal predicate, in a goals section or after 到YYYY年."""
    original, sentence = sentence, _rule_text(sentence)
    year, deadline = sentence_year(sentence)
    in_scope = ctx.goal_section or deadline or (ctx.year is not None)
    if ctx.review or not (in_scope or ctx.intro):
        return []
    # In a chapter's introduction only the aim counts: 打造世界级旅游目的地, 将X建设成为Y.
    predicate = _GOAL_PREDICATE if in_scope else _AIM
    if year is None or (ctx.doc_year and year < ctx.doc_year):
        planned_end = plan_period_end(sentence) if _PLAN_PERIOD.search(sentence) else None
        year = planned_end if planned_end and ctx.doc_year and planned_end >= ctx.doc_year else None
        year = year or ctx.year or ctx.default_year
    goals = []
    for cstart, cend in _clauses(sentence):
        clause = sentence[cstart:cend]
        lead = re.match(r"(?:(?:到|至)?[0-9]{4}年(?:底|末)?(?:前)?|\s+|[—─-]+)+", clause)
        if lead:
            cstart += lead.end()
            clause = sentence[cstart:cend]
        if len(clause) < 6 or _VALUE_RE.search(clause) and _has_quantity(clause) or "百分之" in clause:
            continue
        if re.match(r"(?:要|还要|必须|应当|应该)?(?:继续|进一步|认真|切实)?(?:逐项|逐步|全面)?落实$", clause):
            continue   # 要继续逐项落实: an instruction with nothing to reach
        if not predicate.search(clause) or re.search(r"远景目标$|^围绕|^按照|^坚持|^以|^我们|^这|^为", clause):
            continue
        if "是" in clause or clause.endswith("目标"):
            continue  # a description or a reference to a goal, not the goal
        end = _statement_end(clause)
        if end is None:
            continue
        goals.append(QualitativeGoal(cstart, cstart + end, original[cstart:cstart + end], year))
    return goals


MAX_STATEMENT = 60
_AIM_LIST = re.compile(r"^[^、]{0,12}?(?:建设成为|打造成为|建成|成为|打造|形成)")


def _statement_end(clause: str) -> int | None:
    """Where a goal statement of at most MAX_STATEMENT characters ends, or None when no such statement is
    self-contained: an aim with a list of objects (将X建设成为A、B、C) keeps its first objects; other
    long clauses (在A、B、C等方面取得新进展) would lose their predicate and are no goal label."""
    if len(clause) <= MAX_STATEMENT:
        return len(clause)
    if not _AIM_LIST.match(clause):
        return None
    cut = clause.rfind("、", 0, MAX_STATEMENT + 1)
    return cut if cut > 0 and _AIM_LIST.match(clause[:cut]) else None


def _has_quantity(clause: str) -> bool:
    return any(_is_quantity(clause, m) for m in _VALUE_RE.finditer(clause))
