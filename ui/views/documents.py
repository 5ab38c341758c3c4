"""Documents page: what is ingested (metadata, outline tree) and uploading a new document."""
from __future__ import annotations

import html
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from ingest.errors import PolicyKGError
from ingest.records import IngestedDocument
from ui.views import citations, nav, state, subset
from ui.views.citations import md
from ui.workspace import BuildReport, Workspace

UPLOAD_TYPES = ["txt", "html", "htm", "pdf", "docx"]
PASSAGE_CONTEXT = 1200   # characters of the section shown before and after a cited passage


def upload_dir(settings) -> Path:
    # Inside the corpus, so that `policykg up` (which ingests the corpus) keeps uploaded documents.
    return Path(settings.corpus) / "uploads"


def safe_name(name: str) -> str:
    """The uploaded file's own name, without any directory part or characters a file system rejects."""
    name = Path(name.replace("\\", "/")).name
    name = re.sub(r'[\x00-\x1f<>:"/|?*]', "_", name).strip(". ") or "upload.txt"
    if len(name.encode("utf-8")) > MAX_NAME_BYTES:
        # file systems refuse names over 255 bytes: keep the start and the type, tag with a hash of the whole
        stem, suffix = os.path.splitext(name)
        tag = "-" + hashlib.sha1(name.encode("utf-8")).hexdigest()[:8] + suffix[:16]
        name = stem.encode("utf-8")[:MAX_NAME_BYTES - len(tag.encode("utf-8"))].decode("utf-8", "ignore") + tag
    return name


MAX_NAME_BYTES = 200


def outline_markdown(doc: IngestedDocument) -> str:
    lines = [f"{'  ' * (s.level - 1)}- {md(s.path[-1])}" for s in doc.sections if s.level >= 1 and s.path]
    return "\n".join(lines) or "（无章节结构 no headings）"


def metadata_rows(doc: IngestedDocument) -> dict[str, str]:
    m = doc.metadata
    rows = {
        "标题 Title": m.title or doc.document.title_hint or "—",
        "文号 Number": m.doc_number or "—",
        "发文机关 Issuers": "、".join(m.issuers) or "—",
        "主送 Addressees": "、".join(m.addressees) or "—",
        "日期 Dates": "、".join(m.dates) or "—",
        "规划期 Period": f"{m.planning_period.start}–{m.planning_period.end}" if m.planning_period else "—",
        "目标年份 Target years": "、".join(map(str, m.target_years)) or "—",
        "来源 Source": f"{doc.document.source} ({doc.document.format})",
        "规模 Size": f"{len(doc.document.text):,} 字 · {len(doc.sections)} 节 · {len(doc.chunks)} 块",
    }
    return rows


def summary_row(doc: IngestedDocument) -> dict[str, object]:
    m = doc.metadata
    return {"标题 Title": m.title or doc.document.title_hint or doc.document.source,
            "文号 Number": m.doc_number or "", "日期 Date": m.dates[0] if m.dates else "",
            "规划期 Period": f"{m.planning_period.start}–{m.planning_period.end}" if m.planning_period else "",
            "规模 Size": f"{len(doc.sections)} 节 · {len(doc.chunks)} 块"}


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def innermost_section(doc: IngestedDocument, start: int, end: int):
    """The deepest section whose text holds [start, end) (None when no section does)."""
    holding = [s for s in doc.sections if s.char_start <= start and end <= s.char_end]
    return max(holding, key=lambda s: (s.level, s.char_start), default=None)


def passage_html(doc: IngestedDocument, start: int | None, end: int | None) -> tuple[str, tuple[str, ...]]:
    """The section around a passage, the passage highlighted, and the section's path (the whole text if no span)."""
    text = doc.document.text
    if start is None or end is None or not (0 <= start < end <= len(text)):
        return html.escape(text), ()
    section = innermost_section(doc, start, end)
    lo, hi = (section.char_start, section.char_end) if section is not None else (0, len(text))
    # At most this much of a long section on each side, so the passage is on screen when the page opens.
    cut_lo, cut_hi = max(lo, start - PASSAGE_CONTEXT), min(hi, end + PASSAGE_CONTEXT)
    lo, hi, before, after = cut_lo, cut_hi, "…" if cut_lo > lo else "", "…" if cut_hi < hi else ""
    body = (before + html.escape(text[lo:start]) + '<mark id="pkg-passage" style="background:#ffe58f;padding:0 2px">'
            + html.escape(text[start:end]) + "</mark>" + html.escape(text[end:hi]) + after)
    return body, tuple(section.path) if section is not None else ()


def show_document_text(ws: Workspace, doc_id: str, start: int | None, end: int | None) -> None:
    """`documents?doc=<doc_id>&start=&end=`: a document's text at a cited passage, with its section path."""
    stored = citations.stored_document(ws, doc_id)
    if stored is None:
        st.warning(f"工作区中没有这份文件 No such document：`{doc_id}`")
        return
    title = stored.metadata.title or stored.document.title_hint or stored.document.source
    st.subheader(title)
    body, path = passage_html(stored, start, end)
    crumbs = " › ".join((title, *path)) if path else title
    span = f" · 字符 characters [{start}:{end}]" if start is not None and end is not None else ""
    st.caption(f"来源 Source：`{stored.document.source}`{span}")
    if path:
        st.markdown(f"**章节 Section**：{md(crumbs)}")
    st.markdown(f'<div class="pkg-doc" style="white-space:pre-wrap;line-height:1.8;border:1px solid #ddd;'
                f'border-radius:6px;padding:12px 16px">{body}</div>', unsafe_allow_html=True)
    with st.expander("元数据与提纲 Metadata and outline"):
        left, right = st.columns([1, 1])
        left.markdown("\n".join(f"- **{k}**：{md(v)}" for k, v in metadata_rows(stored).items()))
        right.markdown(outline_markdown(stored))
    if st.button("全部文档 All documents", icon=":material/arrow_back:"):
        st.query_params.clear()
        st.rerun()


def show() -> None:
    st.title("文档")
    st.caption("Ingested documents, their metadata and outline · 上传新文件并导入")
    ws = state.workspace()
    doc_id = st.query_params.get("doc")
    if doc_id:
        show_document_text(ws, doc_id, _int(st.query_params.get("start")), _int(st.query_params.get("end")))
        return
    show_upload(ws)
    docs = sorted(ws.documents.all(), key=lambda d: d.document.source)
    st.subheader(f"已导入 {len(docs)} 份文件")
    if not docs:
        st.info("工作区中还没有文件。上传一份，或运行 `policykg up`。")
        return
    st.dataframe([summary_row(d) for d in docs], hide_index=True, width="stretch")
    for doc in docs:
        title = doc.metadata.title or doc.document.title_hint or doc.document.source
        with st.expander(f"{title}  ·  {doc.document.source}"):
            left, right = st.columns([1, 1])
            left.markdown("\n".join(f"- **{k}**：{md(v)}" for k, v in metadata_rows(doc).items()))
            right.markdown("**提纲 Outline**")
            right.markdown(outline_markdown(doc))
            st.page_link(nav.page("documents"), label="阅读原文 Read the text →",
                         query_params={"doc": doc.document.doc_id})


@dataclass(frozen=True)
class UploadResult:
    path: Path
    report: BuildReport | None
    problems: tuple[tuple[str, str], ...]   # (file, one-line problem); empty when the document was ingested


def save_and_ingest(settings, name: str, data: bytes) -> UploadResult:
    """Save an upload into the corpus and ingest it; on failure the corpus is put back as it was."""
    target = upload_dir(settings) / safe_name(name)
    previous = target.read_bytes() if target.exists() else None
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(data)
    writer = Workspace(settings)   # the app's own workspace is read-only
    try:
        # The whole corpus, so that the upload's source is "uploads/<name>" exactly as `policykg up` names it
        # (unchanged documents are skipped by their hash).
        report = writer.ingest([Path(settings.corpus)], progress=False)
        problems = tuple((path, problem) for path, problem in report.failed
                         if path == str(target) or path.startswith(f"{target} ("))
    except PolicyKGError as exc:
        report, problems = None, ((str(target), str(exc)),)
    finally:
        writer.close()   # release the store's write lock now, not when garbage is collected
    if problems:
        if previous is None:
            target.unlink(missing_ok=True)
        else:
            target.write_bytes(previous)
    return UploadResult(target, report, problems)


def show_upload(ws: Workspace) -> None:
    with st.form("upload", clear_on_submit=True):
        uploaded = st.file_uploader("上传文件 Upload (txt / html / pdf / docx)", type=UPLOAD_TYPES)
        submitted = st.form_submit_button("导入 Ingest", type="primary")
    if not (submitted and uploaded is not None):
        return
    with st.status(f"正在导入 {uploaded.name} …", expanded=True) as status:
        st.write(f"保存到 {upload_dir(ws.settings)}，然后读取、分节、抽取实体、更新图谱和索引…")
        result = save_and_ingest(ws.settings, uploaded.name, uploaded.getvalue())
        status.update(label=f"{'导入失败' if result.problems else '已导入'}：{result.path.name}",
                      state="error" if result.problems else "complete", expanded=False)
    # Outcome outside the status box, which folds away when done.
    for path, problem in result.problems:
        st.error(f"无法导入 {Path(path).name}：{problem}。工作区未改变。")
    if not result.problems:
        r = result.report
        st.session_state.pop(subset.CACHE_KEY, None)   # the graph changed: drop subgraphs drawn before
        state.reopen()                                  # and let every page see the new documents
        st.success(f"已导入 {result.path.name}：新增 {len(r.added)}，更新 {len(r.updated)}，未变 {len(r.unchanged)}；"
                   f"索引 {r.chunks_indexed} 块")
