"""Rule-based recognition of agencies and organisations named in body text."""
from __future__ import annotations

import hashlib
import re
import unicodedata

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
_GENERIC_START = re.compile(r"^(?:[\u4e00-\u9fff]{0,3}一批|各级|各类|各|有关|相关|其他|地方|基层|上级|本级|同级|所属|当地|沿边|边境|重点|大型|中小)")


def agency_id(name: str) -> str:
    """Stable id from the normalised name."""
    norm = unicodedata.normalize("NFKC", name).replace(" ", "")
    return "agency:" + hashlib.sha1(norm.encode("utf-8")).hexdigest()[:12]


def find_agencies(sentence: str) -> list[tuple[int, int, str]]:
    """Organisations named in a sentence as (start, end, name)."""
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
        name = sentence[start:end]
        if _acceptable(name, m.group(0)):
            found.setdefault((start, end), name)
    spans = sorted(found.items(), key=lambda kv: (kv[0][0], -(kv[0][1] - kv[0][0])))
    kept: list[tuple[int, int, str]] = []
    for (start, end), name in spans:
        if any(a <= start and end <= b for a, b, _ in kept):
            continue
        kept.append((start, end, name))
    return kept


def _acceptable(name: str, ending: str) -> bool:
    if len(name) <= len(ending) + 1 or len(name) > _MAX_NAME:
        return False
    if _GENERIC_START.match(name) or any(name.endswith(w) for w in _NOT_AGENCY):
        return False
    if re.search(r"[0-9０-９]", name):
        return False
    if ending in _WEAK_ENDS or ending in ("委员会", "办公厅"):
        return bool(_ADMIN_PREFIX.match(name))
    return True
