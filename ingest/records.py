"""Typed records passed between the ingest stages (and read by graph/ and search/).

Every offset (`char_start`, `char_end`) indexes `Document.text`: the decoded text of the source
(for .txt the file itself; for HTML/PDF/DOCX the extracted text, which the workspace keeps so that
citations stay checkable; for a .jsonl collection the `content` field of that line).
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Span:
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Document:
    """A decoded source document, before any interpretation."""

    doc_id: str            # stable id derived from `source` (a changed file keeps its id)
    source: str            # file name under the corpus; "name.jsonl#N" for line N of a collection
    path: str              # where it was read from
    format: str            # txt | html | pdf | docx | jsonl
    text: str              # decoded text; all offsets index this string
    content_hash: str      # sha256 of the raw bytes (or the line, for collections)
    title_hint: str | None = None   # a title given by the container (jsonl `title`, HTML <title>)


@dataclass(frozen=True)
class Cleaned:
    """Which lines of a document are its content; everything else is web chrome."""

    body: tuple[Span, ...]          # kept line spans, in order
    boilerplate: tuple[Span, ...]   # removed line spans (breadcrumbs, footers, share widgets…)


@dataclass(frozen=True)
class PlanningPeriod:
    start: int
    end: int


@dataclass(frozen=True)
class Metadata:
    title: str | None
    doc_number: str | None                 # 文号, e.g. 国发〔2021〕4号; None when absent
    issuers: tuple[str, ...]               # several when jointly issued
    addressees: tuple[str, ...]
    dates: tuple[str, ...]                 # ISO yyyy-mm-dd, signature/issue dates
    planning_period: PlanningPeriod | None
    target_years: tuple[int, ...]          # years named as 到YYYY年 targets
    spans: dict[str, Span] = field(default_factory=dict)  # where each field was read ("title", "doc_number", …)
    speaker: str | None = None             # who delivered a report or speech (政府工作报告: the premier)
    attachments: tuple[str, ...] = ()      # titles of the documents it carries (印发的《办法》, 附件1 …)


@dataclass(frozen=True)
class Heading:
    level: int                 # 1 = top level of *this* document
    text: str                  # exact heading text, == Document.text[char_start:char_end]
    kind: str                  # marker kind: part|bian|zhang|jie|tiao|cn_num|paren_cn|arabic|paren_arabic|preface|lead
    #                            (part: the title of an attached or issued document, above its own outline)
    path: tuple[str, ...]      # texts of the ancestors and itself
    char_start: int
    char_end: int


@dataclass(frozen=True)
class Section:
    """A heading and the text it governs (up to the next heading of the same or a higher level)."""

    section_id: str
    doc_id: str
    path: tuple[str, ...]      # heading texts from the top; () for the body of a document with no headings
    level: int                 # 0 for the document body / preamble
    heading: Heading | None
    parent_id: str | None
    char_start: int            # start of the heading (or of the body)
    char_end: int              # end of the governed text


@dataclass(frozen=True)
class Chunk:
    chunk_id: str              # content-derived: stable across runs
    doc_id: str
    source: str
    section_id: str
    section_path: tuple[str, ...]
    char_start: int
    char_end: int
    text: str                  # == Document.text[char_start:char_end]
    tokens: tuple[str, ...]    # jieba tokens of `text` (the project's own tokenizer)


@dataclass(frozen=True)
class IngestedDocument:
    """Everything ingest knows about one document; what the workspace stores."""

    document: Document
    cleaned: Cleaned
    metadata: Metadata
    headings: tuple[Heading, ...]
    sections: tuple[Section, ...]
    chunks: tuple[Chunk, ...]
