"""Separate a document's content lines from web chrome (breadcrumbs, bylines, footers, share widgets)."""
from __future__ import annotations

import re

from ingest.furniture import find_furniture
from ingest.html_tables import CELL_SEPARATOR as HTML_CELLS
from ingest.pdf_tables import CELL_SEPARATOR as PDF_CELLS
from ingest.metadata import is_title_line
from ingest.titles import lead_noise
from ingest.records import Cleaned, Document, Span

# Characters trimmed from both ends of a line: whitespace plus the invisible ones pages leave behind.
TRIM = " \t\u3000\xa0\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u200b\u200c\u200d\u2060\ufeff"

# Lines that are page chrome wherever they appear: they name parts of the web page, not of a policy.
_CHROME = re.compile("|".join((
    r"^(您的位置|当前位置|所在位置|您现在的位置)",
    r"【\s*(字体|字号|打印|关闭|大|中|小)",
    r"^(字体|字号)\s*[:：]",
    r"^(来源|信息来源|文章来源|稿件来源|发布机构|发文机关|发布时间|发布日期|更新时间|成文日期|浏览次数|阅读次数"
    r"|点击数|点击量|访问量|浏览量|作者|编辑|责任编辑|审核|审校|校对|供稿|摄影|[来文]\s*源)\s*[:：]",
    # The attribute table above documents on government portals (索引号, 主题分类, 发文字号 …).
    r"^(索\s*引\s*号|主\s*题\s*分\s*类|主\s*题\s*词|发\s*文\s*字\s*号|公\s*文\s*种\s*类|有\s*效\s*性|标\s*题)\s*[:：]",
    r"(责任编辑|编辑|审核|来源)\s*[:：].{0,20}$",
    r"^\d{4}[-/.年]\d{1,2}[-/.月]\d{1,2}日?\s+\d{1,2}:\d{2}",          # publish timestamps
    r"ICP\s*[备证)）]|ICP[:：]|公网安备|网站标识码|许可证(编号|号)?\s*[:：]|版权所有|[Cc]opyright|©",
    r"(热线|举报电话|举报邮箱|联系电话|联系邮箱|电子邮箱|传真)\s*[:：]",
    r"网站地图|网站声明|网站纠错|关于我们|联系我们|隐私政策|使用帮助|主办单位|承办单位|协办单位|运行维护|技术支持|主管单位",
    r"支持\s*IPv6|^IPv6",
    r"^扫一扫|二维码$",
    # A portal's list of related items: its label, and entries that end in their publication date.
    r"^(相关新闻|相关链接|相关阅读|相关文章|相关稿件|相关解读|政策解读|延伸阅读|热点推荐|推荐阅读|猜你喜欢)\s*[:：]?$",
    r"^[-•·]\s*\S.{1,80}\s\d{4}-\d{1,2}-\d{1,2}$",
)))

# Words that make up share bars, toolbars and device switches; a line made only of them is chrome.
_WIDGET_WORDS = frozenset(
    "微信 微博 电脑版 手机版 移动版 公众号 分享 分享到 分享至 QQ QQ空间 微信扫一扫 扫一扫 收藏 打印 关闭 关闭窗口 "
    "打印本页 曝光 无障碍 适老化 长者模式 关怀版 繁体 繁體 简体 登录 注册 搜索 返回顶部 顶部 首页 上一篇 下一篇 "
    "English 客户端 头条号 抖音 视频号 今日头条 政务微博 政务微信 RSS 打印此页 字号 大 中 小 默认 【 】".split())
_SEPARATORS = re.compile(r"[\s|｜·•/]+")
_ASCII_LINE = re.compile(r"^[A-Za-z][A-Za-z .\-]{0,24}$")        # "Baidu", "map": script/map residue
_LINK_LIST = re.compile(r"^[^。！？；]{1,30}(\s*[|｜]\s*[^。！？；|｜]{1,30}){2,}$")
_SITE_NAME = re.compile(r"^[^\s。！？；，,]{2,12}(网|网站|门户|客户端)$")
_PARAGRAPH = re.compile(r"[。！？!?]")


def line_spans(text: str) -> list[Span]:
    """Every non-blank line of `text`, trimmed of surrounding whitespace."""
    spans = []
    start = 0
    for line in text.split("\n"):
        stripped = line.strip(TRIM)
        if stripped:
            left = start + (len(line) - len(line.lstrip(TRIM)))
            spans.append(Span(left, left + len(stripped)))
        start += len(line) + 1
    return spans


def is_chrome_line(line: str) -> bool:
    """True for a line that belongs to any web page rather than to the document it carries."""
    if _PARAGRAPH.search(line):
        return False  # chrome is labels and links; a line with full sentences is content
    if lead_noise(line) and is_title_line(line):
        return False  # a source or time stamp run into the title: the title is content (metadata trims it)
    if len(line) <= 160 and _CHROME.search(line):
        return True
    words = [w.strip(":：") for w in _SEPARATORS.split(line) if w.strip(":：")]
    return bool(words) and all(w in _WIDGET_WORDS for w in words)


def table_rows(lines: list[str]) -> set[int]:
    """Lines that are rows of a table (cells joined as the readers write them: " | " or a tab) with
    another row next to them: a table is content, a single line of links between bars is not."""
    rows = [HTML_CELLS in line or PDF_CELLS in line for line in lines]
    return {i for i, row in enumerate(rows)
            if row and ((i > 0 and rows[i - 1]) or (i + 1 < len(rows) and rows[i + 1]))}


def _is_edge_chrome(line: str) -> bool:
    # Weaker signs, trusted only above the first or below the last paragraph of the page.
    return bool(_ASCII_LINE.match(line) or _LINK_LIST.match(line))


def clean(doc: Document) -> Cleaned:
    """Classify every non-blank line as body or boilerplate; offsets stay those of `doc.text`."""
    # Page furniture (page numbers, running headers, doubled fake-bold text) is never content.
    furniture = find_furniture(doc.text, line_spans(doc.text))
    spans = list(furniture.body)
    lines = [doc.text[s.char_start:s.char_end] for s in spans]
    chrome = [is_chrome_line(line) for line in lines]
    paragraphs = [i for i, line in enumerate(lines) if _PARAGRAPH.search(line) and not chrome[i]]
    first = paragraphs[0] if paragraphs else len(lines)
    last = paragraphs[-1] if paragraphs else -1
    table = table_rows(lines)

    # Masthead: above the first paragraph, everything up to the last chrome line (page headline,
    # breadcrumb targets, site name) belongs to the page, not to the document.
    # A headline there is kept when the document does not restate it further down.
    head_chrome = [i for i in range(first) if chrome[i]]
    if head_chrome:
        below = lines[head_chrome[-1] + 1:first]
        for i in range(head_chrome[-1]):
            restated = any(len(later) >= 6 and lines[i].endswith(later) for later in below)
            chrome[i] = chrome[i] or not is_title_line(lines[i]) or restated
    # Footer: below the last paragraph, the first chrome line starts the footer, which runs to the
    # end; it also swallows site-name and link-list lines directly above it ("中国政府网").
    tail = [i for i in range(last + 1, len(lines)) if chrome[i]]
    if tail:
        for i in range(tail[0], len(lines)):
            chrome[i] = True
        i = tail[0] - 1
        while i > last and i not in table and (_SITE_NAME.match(lines[i]) or _is_edge_chrome(lines[i])):
            chrome[i] = True
            i -= 1
    for i in [*range(first), *range(last + 1, len(lines))]:
        chrome[i] = chrome[i] or (i not in table and _is_edge_chrome(lines[i]))
    boilerplate = sorted([*(s for s, c in zip(spans, chrome) if c), *furniture.removed],
                         key=lambda s: s.char_start)
    return Cleaned(body=tuple(s for s, c in zip(spans, chrome) if not c), boilerplate=tuple(boilerplate))
