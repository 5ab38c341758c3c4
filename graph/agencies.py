"""Rule-based recognition of agencies and organisations named in body text."""
from __future__ import annotations

import functools
import hashlib
import re
import unicodedata
from pathlib import Path

from ingest import ner as _ner
from ingest.titles import agency_suffixes
from graph.projects import leading_verbs_end

# Endings that make an organisation name on their own (X人民政府, X集团, X银行 …).
_STRONG_ENDS = ("人民政府办公厅", "人民政府办公室", "人民政府", "人民代表大会常务委员会", "人大常委会", "委员会",
                "办公厅", "集团有限公司", "股份有限公司", "有限责任公司", "有限公司", "集团公司", "集团", "公司",
                "银行", "总局", "发展改革委", "发展和改革委员会", "海关总署")
# One-character endings (厅, 局, 部, 委, 署) name an agency only after an administrative prefix
# (省商务厅, 国家统计局); elsewhere they end ordinary words (格局, 布局, 东部, 干部).
_WEAK_ENDS = ("厅", "局", "部", "委", "署", "办")
_ADMIN_PREFIX = re.compile(r"^(?:国家|中央|国务院|中共|中国|省|市|州|县|自治区|[\u4e00-\u9fff]{2,8}(?:省|市|州|县|区))")
_NOT_AGENCY = ("格局", "布局", "全局", "大局", "结局", "开局", "新局", "东部", "西部", "中部", "南部", "北部",
               "内部", "外部", "全部", "干部", "局部", "总部", "基层", "股份", "当局")
_ORG_RE = re.compile(
    "(" + "|".join(map(re.escape, sorted(_STRONG_ENDS + _WEAK_ENDS, key=len, reverse=True))) + ")")
# Collective addressees and fixed organ names that the suffix rule cannot see.
_FIXED = re.compile(r"[省市州县]直各委、?办、?厅、?局|国务院|党中央|中共中央|全国人大常委会|全国人民代表大会|"
                    r"全国政协|中共[\u4e00-\u9fff]{2,4}?[省市州县]委(?!员)|(?<![\u4e00-\u9fff])[省市州县]委(?!员)|"
                    r"(?<![\u4e00-\u9fff])[省市州县]政府")
_DELIMS = set(",，。;；:：、!！?？ \t\n\r\u3000“”()（）《》")
_MAX_NAME = 24
# Words that, at the start, describe rather than name (各, 有关, 相关): 各州市人民政府 is kept whole
# only when it is the addressee list of the metadata.
_GENERIC_START = re.compile(r"^(?:[\u4e00-\u9fff]{0,3}一批|各级|各类|各|有关|相关|其他|地方|基层|上级|本级|同级|所属|当地|沿边|边境|重点|大型|中小|乡镇|社区|行业|直辖市|[省市县乡]级|设区的市)")
# Words that make any name a category wherever they stand ("报同级人民政府", "经有关人民政府").
_GENERIC_INSIDE = re.compile(r"有关|相关|同级|上级|本级|所在地")


@functools.lru_cache(maxsize=1)
def _leaders() -> tuple[str, ...]:
    """Words before a name that are no part of it (graph/data/agency_leaders.txt), longest first."""
    path = Path(__file__).parent / "data" / "agency_leaders.txt"
    words = (w.strip() for w in path.read_text(encoding="utf-8").splitlines())
    return tuple(sorted((w for w in words if w and not w.startswith("#")), key=len, reverse=True))


def agency_id(name: str) -> str:
    """Stable id from the normalised name."""
    norm = unicodedata.normalize("NFKC", name).replace(" ", "")
    return "agency:" + hashlib.sha1(norm.encode("utf-8")).hexdigest()[:12]


def find_agencies(sentence: str, ner: bool = True) -> list[tuple[int, int, str]]:
    """Organisations named in a sentence as (start, end, name): the rules' candidates, checked by the NER
    (`ner=False`: rules alone)."""
    found = _candidates(sentence)
    if ner:
        found = second_opinion(sentence, found)
    spans = sorted(found.items(), key=lambda kv: (kv[0][0], -(kv[0][1] - kv[0][0])))
    kept: list[tuple[int, int, str]] = []
    for (start, end), name in spans:
        if any(a <= start and end <= b for a, b, _ in kept):
            continue
        kept.append((start, end, name))
    return kept


def _candidates(sentence: str) -> dict[tuple[int, int], str]:
    found: dict[tuple[int, int], str] = {}
    for m in _FIXED.finditer(sentence):
        found[(m.start(), m.end())] = m.group(0)
    for m in _ORG_RE.finditer(sentence):
        end = m.end()
        if end < len(sentence) and sentence[end] in "门长员级属内公室":
            continue  # 部门, 局长, 委员: the ending is part of a longer word
        start = end - len(m.group(0))
        while start > 0 and sentence[start - 1] not in _DELIMS and end - start < _MAX_NAME:
            start -= 1
        start += leading_verbs_end(sentence[start:end - len(m.group(0))])
        lead = next((w for w in _leaders() if sentence.startswith(w, start)), "")
        if lead and end - start - len(lead) >= len(m.group(0)) + 1:
            start += len(lead)          # 业经|市人民政府, 报请|国务院
        name = sentence[start:end]
        if _acceptable(name, m.group(0)):
            found.setdefault((start, end), name)
    return found


def _acceptable(name: str, ending: str) -> bool:
    if len(name) <= len(ending) + 1 or len(name) > _MAX_NAME:
        return False
    if _GENERIC_START.match(name) or _GENERIC_INSIDE.search(name) or any(name.endswith(w) for w in _NOT_AGENCY):
        return False
    if re.search(r"[0-9０-９]", name):
        return False
    if ending in _WEAK_ENDS or ending in ("委员会", "办公厅"):
        return bool(_ADMIN_PREFIX.match(name))
    return True


# -- the NER's second opinion --------------------------------------------------------------------
# Rules decide; LAC (ingest/ner.py) reads the clause around each candidate the rules are unsure of and
#  - vetoes a candidate whose ending is the tail of another word (办|法, 部署, 各部委) or, for endings that
#    also close generic categories (公司, 集团, 银行, one-character 部/局/委 …), one it reads as no name at all
#    ("新型媒体集团", "核心技术研发投资公司");
#  - splits a run the rules glued together ("委员会转发国家发展改革委" → 国家发展改革委);
#  - proposes the names of a list the rules cannot split ("交通运输部、国家铁路局" → 交通运输部).
# Government endings that only name organs (人民政府, 总局, 委员会 …) are never vetoed for want of an ORG tag.
_GOVERNMENT_ENDS = ("人民政府办公厅", "人民政府办公室", "人民政府", "人民代表大会常务委员会", "人大常委会", "委员会",
                    "办公厅", "总局", "发展改革委", "发展和改革委员会", "海关总署")
# Endings a category shares with names (投资公司, 企业集团, 商业银行): the NER must read a name up to them.
_COMPANY_ENDS = tuple(e for e in _STRONG_ENDS if e not in _GOVERNMENT_ENDS and not e.endswith(("委", "局", "厅")))
_CLAUSE_END = set("，。；：！？,;:!?\n\t（）()《》“”")
_SURE_LENGTH = 10        # longer names with a government ending may hold a verb ("…委员会转发国家发展改革委")
_CONTEXT = 30            # characters of a list on each side of an unclaimed member, at most
_RIGHT = 3               # characters after a candidate the NER reads with it (办|法, 部|署, 需办|理)
_LEFT = 4                # characters before it ("大粮商和|农业企业集团" is a category in context)
_LIST_MARKS = set("、和及与")
_NO_NAME_TAGS = frozenset(("n", "nz", "vn", "v", "a", "an", "ad", "d", "m", "q", "r", "f", "s", "c", "p", "u", "xc", "w"))
_BEFORE_A_NAME = frozenset(("v", "p", "c", "u", "d", "ad", "w", "vd", "r"))


def _clause(sentence: str, start: int, end: int) -> tuple[int, int, bool, bool]:
    """(start, end, starts at a clause boundary, ends at one) of the window the NER reads round a span."""
    a = start
    while a > 0 and sentence[a - 1] not in _CLAUSE_END and start - a < _CONTEXT:
        a -= 1
    b = end
    while b < len(sentence) and sentence[b] not in _CLAUSE_END and b - end < _CONTEXT:
        b += 1
    open_a = a == 0 or sentence[a - 1] in _CLAUSE_END
    open_b = b == len(sentence) or sentence[b] in _CLAUSE_END
    # A window cut inside a long list starts and ends at its 、 so that no name is cut in two.
    if not open_a and "、" in sentence[a:start]:
        a, open_a = sentence.index("、", a, start) + 1, True
    if not open_b and "、" in sentence[end:b]:
        b, open_b = sentence.rindex("、", end, b), True
    return a, b, open_a, open_b


def _tokens(sentence: str, start: int, end: int) -> list[tuple[int, int, str]] | None:
    """LAC's (start, end, tag) tokens of sentence[start:end], offsets into the sentence; None without it."""
    window = sentence[start:end]
    tags = _ner.tags(window)
    if tags is None:
        return None
    out, pos = [], 0
    for word, tag in tags:
        at = window.find(word, pos)
        if at < 0:
            return None        # the tagger rewrote the text: no opinion
        out.append((start + at, start + at + len(word), tag))
        pos = at + len(word)
    return out


def _sure(name: str) -> bool:
    """Fixed organ names, and short names with an ending only organs have (省教育厅 is not: 厅 is weak)."""
    return bool(_FIXED.fullmatch(name)) or (len(name) <= _SURE_LENGTH and name.endswith(_GOVERNMENT_ENDS))


def second_opinion(sentence: str, found: dict[tuple[int, int], str]) -> dict[tuple[int, int], str]:
    """The rules' candidates after the NER's vetoes, splits and proposals (unchanged without the model).

    The NER reads only short windows (LAC is the slow step): each unsure candidate with the few characters
    after it, and the lists (X部、Y局) in which the rules found one member but not another.
    """
    out = dict(found)
    for span in [span for span, name in found.items() if not _sure(name)]:
        start, end = span
        begin, stop = start, end
        while begin > 0 and start - begin < _LEFT and sentence[begin - 1] not in _CLAUSE_END:
            begin -= 1
        while stop < len(sentence) and stop - end < _RIGHT and sentence[stop] not in _CLAUSE_END:
            stop += 1
        tokens = _tokens(sentence, begin, stop)
        if tokens is None:
            return found
        verdict = _judge(sentence, span, tokens)
        if verdict != span:
            del out[span]
            if verdict is not None:
                out.setdefault(verdict, sentence[verdict[0]:verdict[1]])
    # A list next to a name the rules found ("中央网信办、工业和信息化部"): its other members.
    links = sorted({p for (a, b), name in out.items() if not _FIXED.fullmatch(name) for p in (a - 1, b) if 0 <= p < len(sentence) and sentence[p] in _LIST_MARKS
                    and not (any(x <= p - 1 < y for x, y in out) and any(x <= p + 1 < y for x, y in out))})
    done = -1
    for link in links:
        if link < done:
            continue
        wa, wb, open_a, open_b = _clause(sentence, link, link + 1)
        done = wb
        tokens = _tokens(sentence, wa, wb)
        if tokens is None:
            return found
        for a, b, tag in tokens:
            if tag != "ORG" or any(x < b and a < y for x, y in out):
                continue
            if (a == wa and not open_a) or (b == wb and not open_b):
                continue    # a name cut by the window's edge
            before = next((t for x, y, t in reversed(tokens) if y <= a), None)
            if before is not None and before not in _BEFORE_A_NAME and sentence[a - 1] not in _DELIMS:
                continue    # the tail of a longer name ("住房城乡|建设部")
            name = sentence[a:b]
            if a == 0:
                # A sentence's first characters may be the tail of a name broken across lines (a table
                # cell "国家卫|生计生委"): only a name the rules would accept on their own.
                rule_end = _ORG_RE.search(name)
                if not (rule_end and name.endswith(rule_end.group(0)) and _acceptable(name, rule_end.group(0))):
                    continue
            ending = next((e for e in _proposal_ends() if name.endswith(e)), None)
            if ending and len(name) > len(ending) and not _GENERIC_START.match(name) and not _GENERIC_INSIDE.search(name) \
                    and not re.search(r"[0-9０-９]", name) and not any(name.endswith(w) for w in _NOT_AGENCY):
                out[(a, b)] = name
    return out


def _judge(sentence: str, span: tuple[int, int], tokens: list[tuple[int, int, str]]) -> tuple[int, int] | None:
    """The span to keep for one candidate: itself, a shorter name the NER reads inside it, or None."""
    start, end = span
    name = sentence[start:end]
    ending = _ORG_RE.search(name[-8:])
    ending_start = end - len(ending.group(0)) if ending and name.endswith(ending.group(0)) else end - 1
    inside = [(a, b, t) for a, b, t in tokens if a < end and start < b]
    if not inside:
        return span
    last = inside[-1]
    if last[1] > end:
        # The ending runs on into a word (管理办|法, 需办|理); into a longer name, a one-character ending is
        # no end (教育部门办|幼儿园) and a longer one stands (农业银行|股份制改革 read as one ORG).
        return span if last[2] == "ORG" and end - ending_start > 1 else None
    orgs = [(a, b) for a, b, t in inside if t == "ORG"]
    if last[2] != "ORG" and last[0] < ending_start:
        # The ending closes an ordinary word (决策部署, 各部委): the name, if any, is an ORG before it.
        return None
    if orgs and orgs[-1][1] == end and orgs[-1][0] > start:
        a = orgs[-1][0]
        stripped = [t for x, y, t in inside if y <= a]
        if any(t in ("v", "ORG", "p") for t in stripped) and _acceptable(sentence[a:end], sentence[ending_start:end]):
            return (a, end)               # 委员会转发|国家发展改革委
    if not orgs and not name.endswith(_GOVERNMENT_ENDS) \
            and all(t in _NO_NAME_TAGS for _, _, t in inside):
        return None                      # 新型媒体集团, 核心技术研发投资公司: a category, no name
    if name.endswith(_COMPANY_ENDS) and not (orgs and orgs[-1][1] == end) and last[2] in _NO_NAME_TAGS:
        return None                      # 区属国有住房租赁公司: no name reaches the 公司
    return span


@functools.lru_cache(maxsize=1)
def _proposal_ends() -> tuple[str, ...]:
    """Endings an NER name must have to be proposed: agency endings (ingest/data/agency_suffixes.txt) and
    the rules' own."""
    return tuple(sorted(set(agency_suffixes()) | set(_STRONG_ENDS), key=len, reverse=True))
