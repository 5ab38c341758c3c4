"""Read a document's front matter: title, 文号, issuers, addressees, dates, planning period, target years."""
from __future__ import annotations

import re
import unicodedata

from ingest.records import Cleaned, Document, Metadata, PlanningPeriod, Span

# Document-type words that end a Chinese official title (GB/T 9704 文种 plus common planning genres).
_GENRES = ("通知", "意见", "决定", "决议", "命令", "公报", "公告", "通告", "通报", "报告", "请示", "批复", "议案",
           "函", "纪要", "规划", "纲要", "方案", "办法", "规定", "条例", "细则", "计划", "要点", "指引", "指南",
           "措施", "若干措施", "实施意见", "守则", "章程", "标准", "说明")
_GENRE_END = re.compile(rf"({'|'.join(_GENRES)})(（[^）]*）|\([^)]*\))?$")
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔\[［【(（]\s*[0-9０-９]{4}\s*[〕\]］】)）]\s*[0-9０-９]+\s*号")
_DATE = re.compile(r"([0-9０-９]{4}|[〇○零一二三四五六七八九]{4})\s*年\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,2})\s*月"
                   r"\s*([0-9０-９]{1,2}|[一二三四五六七八九十]{1,3})\s*日")
_CN_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "○": 0}
# A date line: the date alone, in parentheses, or leading a short "——…在…会议上" / "…通过" line.
_DATE_LINE = re.compile(r"^[（(—\-\s]*" + _DATE.pattern + r"[）)]?(.{0,40})$")
_AGENCY_END = ("人民政府", "政府", "委员会", "办公厅", "办公室", "省委", "市委", "州委", "县委", "区委", "党委", "中央",
               "国务院", "人大常委会", "政协", "厅", "局", "委", "部", "院", "署", "办", "中心", "总局", "银行", "法院")
_AGENCY_LIST = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}(\s+[\u4e00-\u9fff（）()]{2,30})*$")
_ADDRESSEES = re.compile(r"^[^。！？]{2,120}[:：]$")
_PERIOD = re.compile(r"(规划期|规划期限|规划年限|实施期|计划期|期限)\s*(为|是|[:：])?\s*([0-9０-９]{4})\s*年?\s*"
                     r"[—–\-－~～至到]+\s*([0-9０-９]{4})\s*年")
_TITLE_PERIOD = re.compile(r"[（(]\s*([0-9０-９]{4})\s*[—–\-－~～至到]+\s*([0-9０-９]{4})\s*年?\s*[）)]")
# A target year opens a clause ("到2025年，…", "力争到2030年"); "从2015年…下降到2020年" is a range.
_TARGET = re.compile(r"(?:^|[，。；：、“（,;:(\s]|力争|争取|预计|计划|确保|目标是)\s*到\s*([0-9０-９]{4})\s*年")
_SENTENCE = re.compile(r"[。！？]")


def is_title_line(line: str) -> bool:
    """A line shaped like an official title: ends in a document-type word, no sentence inside."""
    return bool(_GENRE_END.search(line)) and not _SENTENCE.search(line) and len(line) <= 80


def _int(digits: str) -> int:
    """Arabic (also full-width) or Chinese numerals: 2022, ２０２２, 二〇二二, 十四, 二十三."""
    digits = unicodedata.normalize("NFKC", digits)
    if digits.isdigit():
        return int(digits)
    if "十" not in digits:
        return int("".join(str(_CN_DIGITS[c]) for c in digits))
    tens, _, units = digits.partition("十")
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[units] if units else 0)


def _is_agency(name: str) -> bool:
    return len(name) >= 2 and name.endswith(_AGENCY_END)


def _agencies(line: str) -> tuple[str, ...] | None:
    """A line made only of agency names separated by spaces (a signature or joint-issuer line)."""
    if not _AGENCY_LIST.match(line):
        return None
    names = tuple(line.split())
    return names if all(_is_agency(n) for n in names) else None


def _iso(match: re.Match[str]) -> str | None:
    year, month, day = (_int(g) for g in match.groups()[:3])
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def extract_metadata(doc: Document, cleaned: Cleaned) -> Metadata:
    """Front-matter fields read from the body lines (web chrome never counts)."""
    text = doc.text
    body = list(cleaned.body)
    lines = [text[s.char_start:s.char_end] for s in body]
    # Front matter ends at the first paragraph of running text.
    front = next((i for i, line in enumerate(lines) if _SENTENCE.search(line) and len(line) > 40), len(lines))
    spans: dict[str, Span] = {}

    title, title_span, title_end = _title(doc, body, lines, front)
    if title_span is not None:
        spans["title"] = title_span

    doc_number = None
    for span, line in zip(body[:front], lines[:front]):
        match = _DOC_NUMBER.search(line)
        if match and len(line) - len(match.group()) <= 4:
            doc_number = match.group()
            spans["doc_number"] = Span(span.char_start + match.start(), span.char_start + match.end())
            break

    issuers: list[str] = []
    dates: list[str] = []
    for i, (span, line) in enumerate(zip(body, lines)):
        match = _DATE_LINE.match(line)
        if not match or _SENTENCE.search(line):
            continue
        iso = _iso(match)
        if iso and iso not in dates:
            dates.append(iso)
            spans.setdefault("date", span)
        # The signature sits directly above the date (一级 issuer line, possibly several agencies).
        names = _agencies(lines[i - 1]) if i > 0 else None
        if names:
            issuers.extend(n for n in names if n not in issuers)
            spans.setdefault("issuers", body[i - 1])
    if title_end is not None:
        # Jointly issued documents name their issuers on the line above the title.
        above = title_end[0] - 1
        names = _agencies(lines[above]) if above >= 0 else None
        if names:
            issuers[:0] = [n for n in names if n not in issuers]
            spans.setdefault("issuers", body[above])

    addressees: tuple[str, ...] = ()
    for span, line in zip(body[:front + 1], lines[:front + 1]):
        if _ADDRESSEES.match(line) and not _DATE.search(line):
            items = tuple(item.strip() for item in re.split(r"[,，;；]", line[:-1]) if item.strip())
            if items:
                addressees = items
                spans["addressees"] = span
                break

    body_text = [(span, line) for span, line in zip(body, lines)]
    planning = None
    for span, line in body_text:
        match = _PERIOD.search(line)
        if match:
            planning = PlanningPeriod(_int(match.group(3)), _int(match.group(4)))
            spans["planning_period"] = Span(span.char_start + match.start(), span.char_start + match.end())
            break
    if planning is None and title:
        match = _TITLE_PERIOD.search(title)
        if match:
            planning = PlanningPeriod(_int(match.group(1)), _int(match.group(2)))
    targets = sorted({_int(m.group(1)) for _, line in body_text for m in _TARGET.finditer(line)})

    return Metadata(title=title, doc_number=doc_number, issuers=tuple(issuers), addressees=addressees,
                    dates=tuple(dates), planning_period=planning, target_years=tuple(targets), spans=spans)


def _title(doc: Document, body: list[Span], lines: list[str], front: int
           ) -> tuple[str | None, Span | None, tuple[int, int] | None]:
    """The title block: adjacent front-matter lines ending in a document-type word."""
    text = doc.text
    for i in range(front):
        line = lines[i]
        if not is_title_line(line):
            continue
        start = i
        # A title wrapped over several lines has no blank line inside it.
        while (start > 0 and text.count("\n", body[start - 1].char_end, body[start].char_start) == 1
               and not _SENTENCE.search(lines[start - 1]) and not _agencies(lines[start - 1])
               and not _DOC_NUMBER.search(lines[start - 1])):
            start -= 1
        title = "".join(lines[start:i + 1])
        if doc.title_hint and doc.format == "jsonl":
            break
        return title, Span(body[start].char_start, body[i].char_end), (start, i)
    if doc.title_hint:
        return doc.title_hint, None, None
    return None, None, None
