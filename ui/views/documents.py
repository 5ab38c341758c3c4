"""Documents page: what is ingested (metadata, outline tree) and uploading a new document."""
from __future__ import annotations

import re
from pathlib import Path

import streamlit as st

from ingest.errors import PolicyKGError
from ingest.records import IngestedDocument
from ui.views import state

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
    lines = [f"{'  ' * (s.level - 1)}- {s.path[-1]}" for s in doc.sections if s.level >= 1 and s.path]
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


def show() -> None:
    st.title("文档")
    st.caption("Ingested documents, their metadata and outline · 上传新文件并导入")
    ws = state.workspace()
    show_upload(ws)
    docs = sorted(ws.documents.all(), key=lambda d: d.document.source)
    st.subheader(f"已导入 {len(docs)} 份文件")
    if not docs:
        st.info("工作区中还没有文件。上传一份，或运行 `policykg up`。")
    for doc in docs:
        title = doc.metadata.title or doc.document.title_hint or doc.document.source
        with st.expander(f"{title}  ·  {doc.document.source}"):
            left, right = st.columns([1, 1])
            left.markdown("\n".join(f"- **{k}**：{v}" for k, v in metadata_rows(doc).items()))
            right.markdown("**提纲 Outline**")
            right.markdown(outline_markdown(doc))


def show_upload(ws) -> None:
    with st.form("upload", clear_on_submit=True):
        uploaded = st.file_uploader("上传文件 Upload (txt / html / pdf / docx)", type=UPLOAD_TYPES)
        submitted = st.form_submit_button("导入 Ingest", type="primary")
    if not (submitted and uploaded is not None):
        return
    target = upload_dir(ws.settings) / safe_name(uploaded.name)
    existed = target.exists()
    with st.status(f"正在导入 {target.name} …", expanded=True) as status:
        st.write(f"保存到 {target}")
        target.parent.mkdir(parents=True, exist_ok=True)
        previous = target.read_bytes() if existed else None
        target.write_bytes(uploaded.getvalue())
        st.write("读取、分节、抽取实体、更新图谱和索引…")
        try:
            report = ws.ingest([target], progress=False)
            problems = report.failed
        except PolicyKGError as exc:
            problems = [(str(target), str(exc))]
            report = None
        if problems:
            # Put the corpus back as it was, so a bad upload leaves nothing behind.
            if previous is None:
                target.unlink(missing_ok=True)
            else:
                target.write_bytes(previous)
            status.update(label=f"导入失败：{target.name}", state="error")
            for path, problem in problems:
                st.error(f"无法导入 {Path(path).name}：{problem}")
            return
        status.update(label=f"已导入 {target.name}", state="complete")
        st.success(f"已导入 {target.name}：新增 {len(report.added)}，更新 {len(report.updated)}，"
                   f"未变 {len(report.unchanged)}；索引 {report.chunks_indexed} 块")
