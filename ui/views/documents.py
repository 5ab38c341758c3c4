"""Documents page: what is ingested (metadata, outline tree) and uploading a new document."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from ingest.errors import PolicyKGError
from ingest.records import IngestedDocument
from ui.views import state, subset
from ui.views.citations import md
from ui.workspace import BuildReport, Workspace

UPLOAD_TYPES = ["txt", "html", "htm", "pdf", "docx"]


def upload_dir(settings) -> Path:
    # Inside the corpus, so that `policykg up` (which ingests the corpus) keeps uploaded documents.
    return Path(settings.corpus) / "uploads"


def safe_name(name: str) -> str:
    """The uploaded file's own name, without any directory part or characters a file system rejects."""
    name = Path(name.replace("\\", "/")).name
    name = re.sub(r'[\x00-\x1f<>:"/|?*]', "_", name).strip(". ")
    return name or "upload.txt"


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


def show() -> None:
    st.title("文档")
    st.caption("Ingested documents, their metadata and outline · 上传新文件并导入")
    ws = state.workspace()
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
