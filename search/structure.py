"""A document's outline as an answer: which chapters or parts it has, how many, what one numbered section
holds (第五章, 第四部分, (三), chapter 5)."""
from __future__ import annotations

import re
from typing import TYPE_CHECKING

import cn2an

from graph.records import Evidence, Item
from search import focus as F
from search.knowledge import Knowledge
from search.question import Question
from search.records import Answer

if TYPE_CHECKING:
    from search.corpus import Corpus

# What unit of the outline the question counts or lists.
CHAPTERS = re.compile(r"几章|哪几章|哪些章|多少章|各章|chapters?", re.I)
PARTS = re.compile(r"几个部分|几部分|哪几个部分|哪些部分|多少个部分|几大部分|各部分|部分组成|哪几部分|分为哪|分成哪|结构|"
                   r"提纲|目录|outline|structure|\bparts\b|how many parts|sections of", re.I)
CHILDREN = re.compile(r"哪几节|哪些节|几节|小节|小标题|下设|包括哪些|包含哪些|分为|有哪些内容|sections|subsections|"
                      r"sub-?headings|what does .* contain|consist", re.I)
LAST = re.compile(r"最后一(部分|章|节)|the last (part|chapter|section)", re.I)
EN_ORDINAL = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
              "ten": 10, "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
              "eighth": 8, "ninth": 9, "tenth": 10}


def _number(text: str) -> int | None:
    text = text.strip().lower()
    if text.isdigit():
        return int(text)
    if text in EN_ORDINAL:
        return EN_ORDINAL[text]
    if re.fullmatch(r"[ivx]+", text):
        values = {"i": 1, "v": 5, "x": 10}
        total = 0
        for a, b in zip(text, text[1:] + " "):
            total += -values[a] if b != " " and values.get(b, 0) > values[a] else values[a]
        return total
    try:
        return int(cn2an.cn2an(text, "smart"))
    except (ValueError, KeyError):
        return None


def _headings(corpus: "Corpus", doc_id: str) -> list:
    # read with the knowledge: loading every document from disk made an outline question cost 300 ms
    return corpus.knowledge.headings_of(doc_id)


def _item(source: str, doc_id: str, h) -> Item:
    return Item(h.text, "Section", f"{doc_id}#{h.char_start}",
                (Evidence(source, doc_id, tuple(h.path), h.char_start, h.char_end, h.text, "outline"),),
                {"level": h.level, "path": list(h.path)})


def top_level(headings: list) -> list:
    """The shallowest level with at least two headings below any attachment titles (the body's parts)."""
    body = [h for h in headings if h.kind != "part"]
    for level in sorted({h.level for h in body}):
        same = [h for h in body if h.level == level]
        if len(same) >= 2:
            return same
    return body


def children(headings: list, parent) -> list:
    return [h for h in headings if len(h.path) == len(parent.path) + 1 and tuple(h.path[:-1]) == tuple(parent.path)]


def find_numbered(headings: list, ref: str) -> object | None:
    """The heading a reference names: 第五章 → 第五章 …, 第四部分 / part 4 → the 4th top-level heading, (三) → (三)…"""
    m = re.match(r"第(.+?)(章|节|篇|条|部分)$", ref) or re.match(r"(?i)(?:chapter|section|part)\s+(\S+)$", ref)
    bracket = re.match(r"[（(](.+)[）)]$", ref)
    if bracket:
        n = bracket.group(1)
        return next((h for h in headings if re.match(rf"[（(]{n}[）)]", h.text)), None)
    if not m:
        return None
    unit = m.group(2) if m.lastindex and m.lastindex >= 2 else ref.split()[0].lower()
    number = _number(m.group(1))
    if number is None:
        return None
    if unit in ("章", "节", "篇", "条", "chapter"):
        zh = {"chapter": "章"}.get(unit, unit)
        for h in headings:
            hm = re.match(rf"第([一二三四五六七八九十百零〇\d]+){zh}", h.text)
            if hm and _number(hm.group(1)) == number:
                return h
        if unit != "chapter":
            return None
    tops = top_level(headings)
    return tops[number - 1] if 0 < number <= len(tops) else None


def resolve(headings: list, refs: list[str]) -> object | None:
    """The heading the references name together: 第八章 then 第三节 within it; a heading's own words."""
    from search.question import heading_core

    scope = headings
    found = None
    for ref in refs:
        h = find_numbered(scope, ref) or next((x for x in scope if heading_core(x.text) == ref), None) \
            or next((x for x in scope if ref in x.text), None)
        if h is None:
            continue
        found = h
        scope = [x for x in headings if tuple(x.path[:len(h.path)]) == tuple(h.path) and x is not h] or scope
    return found


# "Where / in which part": the heading itself is the answer, not the text under it.
WHERE = re.compile(r"哪一?(部分|章|节|篇)|在哪|哪里|which (part|section|chapter)|where", re.I)


def section_text(q: Question, corpus: "Corpus", k: Knowledge, doc_id: str, h, clauses: bool = False) -> Answer:
    """The sentences a heading governs (up to the next heading), as cited items — split at every enumeration
    mark, or (clauses) at clause ends only; the answer quotes them."""
    from search.statements import statement_spans
    from search.text_answers import enumerate_sentence

    def clause_items(s) -> list[Item]:
        return [Item(s.text[a:b], "Passage", f"{s.doc_id}#{s.char_start + a}", (s.evidence(a, b),),
                     {"document": s.title}) for a, b in statement_spans(s.text)]

    doc = corpus.documents.get(doc_id)
    following = [x.char_start for x in doc.headings if x.char_start > h.char_start]
    end = min(following) if following else len(doc.document.text)
    governed = [s for s in k.by_doc.get(doc_id, []) if h.char_start <= s.char_start < end]
    heads = [s for s in governed if run_in_head(s, doc.document.text)]
    if len(heads) >= 2:
        # "发展落地加工。制定…": paragraphs led by a short run-in heading state one measure each, and the
        # headings are the section's list
        items = [Item(s.text.rstrip("。.． "), "Passage", f"{s.doc_id}#{s.char_start}", (s.evidence(),),
                      {"document": s.title}) for s in heads]
        return Answer(q.text, F.SECTION, True, f"《{k.title(doc_id)}》「{' > '.join(h.path)}」:" +
                      "、".join(i.label for i in items) + "。", tuple(items), tuple(s.evidence() for s in heads))
    sentences = governed[:12]
    if not sentences:
        return Answer(q.text, F.SECTION, True, f"《{k.title(doc_id)}》「{' > '.join(h.path)}」。",
                      (_item(doc.document.source, doc_id, h),))
    items = [i for s in sentences for i in (clause_items(s) if clauses else enumerate_sentence(s))]
    body = "".join(s.text for s in sentences)
    return Answer(q.text, F.SECTION, True, f"《{k.title(doc_id)}》「{' > '.join(h.path)}」:{body[:400]}",
                  tuple(items), tuple(s.evidence() for s in sentences))


MAX_RUN_IN_HEAD = 16
RUN_IN_BREAK = re.compile(r"[，,；;：:、]")


def run_in_head(s, text: str) -> bool:
    """A paragraph's first sentence, short and unbroken (发展落地加工。): the bold lead of a measure."""
    before = text[:s.char_start].rstrip(" \t\u3000")
    return ((not before or before.endswith("\n")) and len(s.text) <= MAX_RUN_IN_HEAD
            and s.text.rstrip().endswith(("。", "．")) and not RUN_IN_BREAK.search(s.text))


def section_for_topic(q: Question, corpus: "Corpus", k: Knowledge, topic: list[str]) -> Answer | None:
    """A question whose topic words all stand in one heading (对口岸强县提出了哪些措施 → (四)培育一批口岸强县)
    is answered by that section: its sub-headings, or the measures or clauses under it."""
    from search.question import term_in

    if not topic or len("".join(topic)) < 3:
        return None
    docs = q.document_ids() or [d.attrs.get("doc_id") for d in k.documents]
    found = [(doc_id, h) for doc_id in docs for h in _headings(corpus, doc_id) if h.kind != "part"
             and all(term_in(t, h.text) for t in topic)]
    if not found or len({d for d, _ in found}) > 1:
        return None       # nowhere, or in several documents: the heading does not say which one is meant
    doc_id, h = min(found, key=lambda f: (len(f[1].text), f[1].char_start))
    headings = _headings(corpus, doc_id)
    kids = children(headings, h)
    if not kids:
        return section_text(q, corpus, k, doc_id, h, clauses=True)
    source = corpus.documents.get(doc_id).document.source
    items = [_item(source, doc_id, c) for c in kids]
    return Answer(q.text, F.SECTION, True, f"《{k.title(doc_id)}》「{' > '.join(h.path)}」下设:" +
                  "、".join(c.text for c in kids) + "。", tuple(items), (_item(source, doc_id, h).citations[0],))


def structure(q: Question, corpus: "Corpus", k: Knowledge) -> Answer | None:
    """Outline questions; None when the question is not about the outline."""
    docs = [d.attrs.get("doc_id") for d in q.documents]
    if not docs and len(k.documents) == 1:
        docs = [k.documents[0].attrs.get("doc_id")]
    if q.sections:
        for doc_id in docs or [d.attrs.get("doc_id") for d in k.documents]:
            headings = _headings(corpus, doc_id)
            h = resolve(headings, q.sections)
            if h is not None:
                source = corpus.documents.get(doc_id).document.source
                kids = children(headings, h)
                if not kids and not WHERE.search(q.text):
                    # a heading with nothing under it but text: the question asks what that text says
                    return section_text(q, corpus, k, doc_id, h)
                items = [_item(source, doc_id, h)] + [_item(source, doc_id, c) for c in kids]
                listed = f",下设{len(kids)}个小标题:" + "、".join(c.text for c in kids) if kids else ""
                path = " > ".join(h.path)
                return Answer(q.text, F.SECTION, True, f"《{k.title(doc_id)}》「{path}」{listed}。",
                              tuple(items), items[0].citations)
        return None
    wants_chapters = CHAPTERS.search(q.text)
    if not (wants_chapters or PARTS.search(q.text) or LAST.search(q.text)) or len(docs) != 1:
        return None
    doc_id = docs[0]
    headings = _headings(corpus, doc_id)
    if wants_chapters:
        units = [h for h in headings if re.match(r"第[一二三四五六七八九十百零〇\d]+章", h.text)] or top_level(headings)
    else:
        units = top_level(headings)
    if not units:
        return None
    source = corpus.documents.get(doc_id).document.source
    items = [_item(source, doc_id, h) for h in units]
    word = "章" if wants_chapters else "个部分"
    text = f"《{k.title(doc_id)}》共{len(units)}{word}:" + ";".join(h.text for h in units) + "。"
    if LAST.search(q.text):
        text += f"最后一部分是「{units[-1].text}」。"
    return Answer(q.text, F.SECTION, True, text, tuple(items))
