"""Read a document's front matter: title, 文号, issuers, addressees, dates, speaker, planning period,
target years and the titles of the documents it carries."""
from __future__ import annotations

import re
import unicodedata

from ingest import ner
from ingest.parts import find_parts
from ingest.records import Cleaned, Document, Metadata, PlanningPeriod, Span
from ingest.titles import agency_suffixes, is_title_line, lead_noise, salutations, speaker_roles, unspaced

__all__ = ["extract_metadata", "is_title_line", "iso_date", "to_int"]

# 文号: issuer code, year in any bracket pair (〔〕 [] ［］ 【】 () （） ﹝﹞), number, 号.
_DOC_NUMBER = re.compile(r"[\u4e00-\u9fff]{1,12}\s*[〔\[［【(（﹝]\s*[0-9０-９]{4}\s*[〕\]］】)）﹞]\s*[0-9０-９]+\s*号")
_YEAR = r"[0-9０-９]{4}|[〇○零一二三四五六七八九]{4}"
_MD = r"[0-9０-９]{1,2}|[一二三四五六七八九十]{1,3}"
_DATE = re.compile(rf"({_YEAR})\s*年\s*({_MD})\s*月\s*({_MD})\s*日")
# A date line: the date alone, in parentheses, or leading a short "——…在…会议上" / "…通过" line.
_DATE_LINE = re.compile(r"^[（(—\-\s]*" + _DATE.pattern + r"[）)]?(.{0,40})$")
# "（2023年3月13日第十四届全国人民代表大会第一次会议通过）": adopted by a congress or a meeting.
_ADOPTED = re.compile(r"^[（(]?\s*" + _DATE.pattern + r"\s*(?:在)?\s*(.{2,40}?会议)(?:上)?\s*(?:通过|批准|审议通过)\s*[）)]?$")
_AGENCY_LIST = re.compile(r"^[\u4e00-\u9fff（）()]{2,30}([\s\u3000]+[\u4e00-\u9fff（）()]{2,30})*$")
_ADDRESSEES = re.compile(r"^[^。！？]{2,120}[:：]$")
_PERIOD = re.compile(r"(规划期|规划期限|规划年限|实施期|计划期|期限)\s*(为|是|[:：])?\s*([0-9０-９]{4})\s*年?\s*"
                     r"[—–\-－~～至到]+\s*([0-9０-９]{4})\s*年")
_TITLE_PERIOD = re.compile(r"[（(]\s*([0-9０-９]{4})\s*[—–\-－~～至到]+\s*([0-9０-９]{4})\s*年?\s*[）)]")
# A target year opens a clause ("到2025年，…", "力争到2030年"); "从2015年…下降到2020年" is a range.
_TARGET = re.compile(r"(?:^|[，。；：、“（,;:(\s]|力争|争取|预计|计划|确保|目标是)\s*到\s*([0-9０-９]{4})\s*年")
_SENTENCE = re.compile(r"[。！？]")
# The issuer in a title: everything before 关于 / 印发 ("X关于…", "X等4部门关于…", "X印发…").
_TITLE_ISSUER = re.compile(r"^(.{2,80}?)(?:关于|印发|转发)")
# A report's title: [year] body [政府]工作报告 ("2019年中华人民共和国国务院政府工作报告"); the body is its issuer,
# named without the state's name when the rest is an agency on its own (国务院).
_REPORT_TITLE = re.compile(r"^(?:[0-9０-９]{4}\s*年\s*)?(.{3,30}?)(?:政府)?工作报告")
_STATE_NAME = "中华人民共和国"
_JOINT_TAIL = re.compile(r"等\s*[0-9０-９一二三四五六七八九十]*\s*个?\s*(?:部门|单位|机构)$")
_ATTACHMENT_LABEL = re.compile(r"^附\s*件\s*[0-9０-９一二三四五六七八九十]{0,3}\s*[:：]?$")
_DATELINE_AT = re.compile(r"^[0-9０-９]{4}\s*年.{1,12}日\s*在.{4,40}会[议議]上$")
_NAME = re.compile(r"^[\u4e00-\u9fff·]{2,5}$")
_MAX_TITLE_LINES = 4
_PERIOD_LINE = re.compile(r"^[（(]\s*[0-9０-９]{4}\s*[—–\-－~～至到]+\s*[0-9０-９]{4}\s*年?\s*[）)]$|^[（(](?:征求意见稿|试行|暂行|草案|修订稿?|送审稿)[）)]$")
_MAX_SIGNATURE_LINES = 6
_ATTRIBUTE = re.compile(
    r"(?:(?P<doc_number>发\s*文\s*字\s*号|文\s*号)|(?P<date>成\s*文\s*日\s*期)|(?P<issuers>发\s*文\s*机\s*关|发\s*布\s*机\s*构))"
    r"\s*[:：]\s*(?P<value>[^:：]*?)(?=\s+\S{2,6}\s*[:：]|$)")
_NATIONAL_OPENERS = ("国家", "国务院", "中共", "中央", "全国", "最高")
_RUN_TOGETHER = 11          # shorter names hold one agency ("某某市人民政府办公厅" is ten characters)
_ON_BEHALF = re.compile(r"我(?:受[^，,。]{2,20}的委托，?)?代表([\u4e00-\u9fff]{2,20}?)(?=[，,、]|向|作|提出|报告)")
_ADDRESSEE_WINDOW = 6       # lines after the title (文号 and date lines may come first)


def to_int(digits: str) -> int:
    """Arabic (also full-width) or Chinese numerals: 2022, ２０２２, 二〇二二, 十四, 二十三."""
    digits = unicodedata.normalize("NFKC", digits)
    if digits.isdigit():
        return int(digits)
    import cn2an  # imported here: it takes a third of a second and most dates are in Arabic digits

    if len(digits) == 4 and "十" not in digits:     # a year read digit by digit: 二〇二〇
        return int(cn2an.cn2an(digits.replace("○", "〇"), "direct"))
    return int(cn2an.cn2an(digits, "smart"))


_int = to_int   # the graph floor reads this name


def iso_date(text: str) -> str | None:
    """ISO yyyy-mm-dd of the first date in `text` (二〇二〇年二月二十一日, 2020年2月21日, ２０２０年…)."""
    match = _DATE.search(text)
    return _iso(match) if match else None


def _iso(match: re.Match[str]) -> str | None:
    try:
        year, month, day = (to_int(g) for g in match.groups()[:3])
    except (ValueError, KeyError):
        return None
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"


def _is_agency(name: str) -> bool:
    return len(name) >= 3 and name.endswith(agency_suffixes())


def _agencies(line: str) -> tuple[str, ...] | None:
    """A line made only of agency names separated by spaces (a signature or joint-issuer line)."""
    if not _AGENCY_LIST.match(line):
        return None
    names = tuple(line.split())
    return names if all(_is_agency(n) for n in names) else None


def _title_issuers(title: str) -> tuple[str, ...]:
    """Agencies named before 关于 in a title: "中共中央 国务院关于…", "X委等4部门关于…"."""
    match = _TITLE_ISSUER.match(title)
    if not match:
        return ()
    head = _JOINT_TAIL.sub("", match.group(1)).strip()
    names = head.split()
    if names and all(_is_agency(n) for n in names):
        return tuple(part for name in names for part in _split_run_together(name))
    # Names run together ("X局Y局关于"): the NER proposes the organisations, rules check their shape.
    found = ner.organisations(head)
    if found and "".join(found) == head.replace(" ", "") and all(_is_agency(n) for n in found):
        return tuple(found)
    return ()


def _attributes(text: str, cleaned: Cleaned) -> dict[str, tuple[str, Span]]:
    """Fields of a portal's attribute table among the set-aside lines: key → (value, where)."""
    found: dict[str, tuple[str, Span]] = {}
    for span in cleaned.boilerplate:
        line = text[span.char_start:span.char_end]
        if len(line) > 200:
            continue
        for match in _ATTRIBUTE.finditer(line):
            key = next(k for k, v in match.groupdict().items() if v is not None and k != "value")
            value = match.group("value").strip()
            if value and key not in found:
                found[key] = (value, Span(span.char_start + match.start("value"), span.char_start + match.end("value")))
    return found


def _split_run_together(name: str) -> list[str]:
    """Joint issuers printed without a space: "江西省财政厅江西省民政厅" → 江西省财政厅 / 江西省民政厅.
    A cut falls after an agency ending where the rest opens as a new name does (the same place, or a
    national body); the NER proposes cuts it reads as organisation boundaries."""
    if len(name) < _RUN_TOGETHER:
        return [name]
    opener = name[:2]
    for k in range(3, len(name) - 2):
        head, rest = name[:k], name[k:]
        if (_is_agency(head) and _is_agency(rest)
                and (rest.startswith(opener) or rest.startswith(_NATIONAL_OPENERS))):
            return [head, *_split_run_together(rest)]
    found = ner.organisations(name)
    if len(found) >= 2 and "".join(found) == name and all(_is_agency(n) for n in found):
        return list(found)
    return [name]


def _split_addressees(line: str) -> tuple[str, ...]:
    """"各区人民政府，市政府各部门、各直属机构：" → 各区人民政府 / 市政府各部门 / 各直属机构."""
    items = []
    for part in re.split(r"[,，;；]", line.rstrip(":：")):
        items.extend(p.strip() for p in re.split(r"、(?=各)", part))
    return tuple(i for i in items if i)


def _speaker(lines: list[str], front: int, max_chars: int = 30) -> tuple[str, int] | None:
    """A report's speaker from the role line of its front matter ("国务院总理 李强", or the name on the
    next line); the NER confirms the name is a person's."""
    roles = speaker_roles()
    for i in range(min(front + 1, len(lines))):
        if _DATELINE_AT.search(lines[i].strip("—–-－（()） \u3000")):
            # "1957年6月26日在第一届全国人民代表大会第四次会议上" with the speaker's name alone on the line
            # below it, or above it (under the title)
            for j in (i + 1, i - 1):
                if 0 <= j < len(lines):
                    name = re.sub(r"[\s\u3000]+", "", lines[j])
                    if _NAME.match(name) and ner.is_person(name):
                        return name, j
        if len(lines[i]) > max_chars or not any(r in lines[i] for r in roles):
            continue
        line = re.sub(r"[\s\u3000]+", " ", lines[i]).strip()
        role = next((r for r in roles if line.endswith(r) or f"{r} " in line or re.search(f"{r}[\u4e00-\u9fff]{{2,4}}$", line)), None)
        if role is None or len(line) > max_chars:
            continue
        after = line[line.rindex(role) + len(role):].strip()
        if not after and i + 1 < len(lines):
            after = lines[i + 1]
        name = re.sub(r"[\s\u3000]+", "", after)
        if _NAME.match(name) and ner.is_person(name) is not False:
            return name, i
    return None


def extract_metadata(doc: Document, cleaned: Cleaned) -> Metadata:
    """Front-matter fields read from the body lines (web chrome and page furniture never count)."""
    text = doc.text
    body = list(cleaned.body)
    lines = [text[s.char_start:s.char_end] for s in body]
    # Front matter ends at the first paragraph of running text.
    front = next((i for i, line in enumerate(lines) if _SENTENCE.search(line) and len(line) > 40), len(lines))
    spans: dict[str, Span] = {}

    title, title_span, title_lines = _title(doc, body, lines, front)
    if title_span is not None:
        spans["title"] = title_span

    doc_number = None
    for span, line in zip(body[:front], lines[:front]):
        match = _DOC_NUMBER.search(line)
        if match and len(line) - len(match.group()) <= 4:
            doc_number = re.sub(r"\s+", "", match.group())
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
        adopted = _ADOPTED.match(line)
        if adopted and not issuers:
            issuers.append(adopted.group(4).strip())
            spans.setdefault("issuers", span)
            continue
        # The signature sits directly above the date: one line of agencies, or several stacked lines
        # for a jointly issued document (read top-down).
        top = i
        while top > 0 and i - top < _MAX_SIGNATURE_LINES and _agencies(lines[top - 1]):
            top -= 1
        if top < i and not issuers:
            for j in range(top, i):
                issuers.extend(n for n in _agencies(lines[j]) or () if n not in issuers)
            spans.setdefault("issuers", Span(body[top].char_start, body[i - 1].char_end))
    if title_lines is not None:
        # Jointly issued documents name their issuers on the line above the title.
        above = title_lines[0] - 1
        names = _agencies(lines[above]) if above >= 0 else None
        if names:
            issuers[:0] = [n for n in names if n not in issuers]
            spans.setdefault("issuers", body[above])
    if not issuers and title:
        # No signature: the issuer named in the title ("X关于印发…的通知", "X等4部门关于…").
        issuers.extend(_title_issuers(title))
    # Last resort: the attribute table government portals print above a document (发文字号：…,
    # 成文日期：…, 发文机关：…), which the cleaner sets aside as page chrome.
    attributes = _attributes(text, cleaned)
    if doc_number is None and "doc_number" in attributes:
        match = _DOC_NUMBER.search(attributes["doc_number"][0])
        if match:
            doc_number = re.sub(r"\s+", "", match.group())
            spans["doc_number"] = attributes["doc_number"][1]
    if not dates and "date" in attributes:
        iso = iso_date(attributes["date"][0])
        if iso:
            dates.append(iso)
            spans["date"] = attributes["date"][1]
    if not issuers and "issuers" in attributes:
        names = attributes["issuers"][0].split()
        if names and all(_is_agency(n) for n in names):
            issuers.extend(names)
            spans["issuers"] = attributes["issuers"][1]

    speaker = None
    if any(genre in (title or "") + (doc.title_hint or "") for genre in ("报告", "讲话")):
        found = _speaker(lines, front)
        if found is None:
            # "政府工作报告——…在…会议上 国务院总理 某某": the title names the speaker.
            named = _speaker([doc.title_hint or title or ""], 0, max_chars=120)
            if named:
                speaker = named[0]
        if found:
            speaker = found[0]
            spans["speaker"] = body[found[1]]
            if not issuers:
                role_line = lines[found[1]]
                org = ner.organisations(role_line)
                if org and _is_agency(org[0]):
                    issuers.append(org[0])

    if not issuers and any(genre in (title or "") + (doc.title_hint or "") for genre in ("报告", "讲话")):
        # "现在，我代表国务院，向大会报告…": the body a report is delivered for is its issuer.
        for line in lines[:front + 2]:
            match = _ON_BEHALF.search(line)
            if match and _is_agency(match.group(1)):
                issuers.append(match.group(1))
                spans.setdefault("issuers", body[lines.index(line)])
                break

    if not issuers and title:
        # "1960年中华人民共和国国务院政府工作报告": the body named before the report's genre word
        match = _REPORT_TITLE.match(title)
        if match:
            head = match.group(1)
            short = head.removeprefix(_STATE_NAME)
            name = short if _is_agency(short) else head if _is_agency(head) and head != _STATE_NAME else None
            if name:
                issuers.append(name)

    addressees: tuple[str, ...] = ()
    # Addressees open the notice: a line ending in a colon, right after the title block.
    first = title_lines[1] + 1 if title_lines else 0
    for span, line in zip(body[first:front + 1][:_ADDRESSEE_WINDOW], lines[first:front + 1][:_ADDRESSEE_WINDOW]):
        if (_ADDRESSEES.match(line) and not _DATE.search(line) and not _ATTACHMENT_LABEL.match(line)
                and not re.search(r"[\u4e00-\u9fff] [\u4e00-\u9fff]", line)):
            items = _split_addressees(line)
            if items and not all(item.endswith(salutations()) for item in items):
                addressees = items
                spans["addressees"] = span
                break

    planning = None
    for span, line in zip(body, lines):
        match = _PERIOD.search(line)
        if match:
            planning = PlanningPeriod(to_int(match.group(3)), to_int(match.group(4)))
            spans["planning_period"] = Span(span.char_start + match.start(), span.char_start + match.end())
            break
    if planning is None and title:
        match = _TITLE_PERIOD.search(title)
        if match:
            planning = PlanningPeriod(to_int(match.group(1)), to_int(match.group(2)))
    targets = sorted({to_int(m.group(1)) for line in lines if "到" in line for m in _TARGET.finditer(line)})
    parts = find_parts(doc, cleaned, title, title_span)

    return Metadata(title=title, doc_number=doc_number, issuers=tuple(issuers), addressees=addressees,
                    dates=tuple(dates), planning_period=planning, target_years=tuple(targets), spans=spans,
                    speaker=speaker, attachments=tuple(p.title for p in parts))


def document_title(doc: Document, cleaned: Cleaned) -> tuple[str | None, Span | None]:
    """The title and where it is printed (None when only the container gives it)."""
    body = list(cleaned.body)
    lines = [doc.text[s.char_start:s.char_end] for s in body]
    front = next((i for i, line in enumerate(lines) if _SENTENCE.search(line) and len(line) > 40), len(lines))
    title, span, _ = _title(doc, body, lines, front)
    return title, span


def _stops_title(line: str) -> bool:
    """A line that cannot be the first lines of a title wrapped over several lines."""
    return bool(_SENTENCE.search(line) or _agencies(line) or _DOC_NUMBER.search(line) or _DATE.search(line)
                or _ATTACHMENT_LABEL.match(unspaced(line)) or line.endswith(("：", ":"))
                or is_title_line(line) or len(line) > 40)


def _title(doc: Document, body: list[Span], lines: list[str], front: int
           ) -> tuple[str | None, Span | None, tuple[int, int] | None]:
    """The title block: adjacent front-matter lines ending in a document-type word."""
    text = doc.text
    for i in range(min(front + 1, len(lines))):
        line = lines[i]
        if not is_title_line(line):
            continue
        start = i
        # A title wrapped over several lines has no blank line inside it.
        while (start > 0 and i - start + 1 < _MAX_TITLE_LINES
               and text.count("\n", body[start - 1].char_end, body[start].char_start) == 1
               and not _stops_title(lines[start - 1])):
            start -= 1
            if lead_noise(lines[start]):
                break   # a line opening with a citation code or breadcrumb: the title starts after it
        if start < i and lead_noise(lines[start]) >= len(lines[start]):
            start += 1  # that line was nothing but noise
        if i + 1 < len(lines) and _PERIOD_LINE.match(lines[i + 1]) and front > i + 1:
            i += 1   # "（2021—2025年）" printed on the line below the title belongs to it
        if (not lead_noise(lines[start]) and unspaced(lines[start]).startswith("关于") and start > 0
                and text.count("\n", body[start - 1].char_end, body[start].char_start) == 1
                and _agencies(unspaced(lines[start - 1]))):
            start -= 1   # the issuer printed on its own line above "关于…的通知" opens the title
        noise = lead_noise(lines[start])
        title = "".join(unspaced(part) for part in [lines[start][noise:], *lines[start + 1:i + 1]]).strip()
        if doc.title_hint and doc.format == "jsonl":
            break
        return title, Span(body[start].char_start + noise, body[i].char_end), (start, i)
    if doc.title_hint:
        return _without_site_name(doc.title_hint), None, None
    return None, None, None


def _without_site_name(hint: str) -> str:
    """A page <title> carries the site and channel: "X的通知_宏观经济_中国政府网" → "X的通知"."""
    pieces = [p.strip() for p in re.split(r"\s*(?:_|\||｜|——| - | – )\s*", hint) if p.strip()]
    titled = [p for p in pieces if is_title_line(p)]
    return titled[0] if titled else hint
