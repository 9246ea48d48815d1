"""备案审查: upload or pick a document, review it, decide on each finding, download the 审查意见书."""
from __future__ import annotations

import hashlib
import tempfile
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from ingest.checking import make_context, review_stored
from ingest.run import ingest, upload_inputs
from ui import decisions
from ui.exports import SEVERITY_LABELS, review_docx
from ui.pages._shared import (MAX_UPLOAD_MB, REVIEW_LEVELS, current_library, decide, finding_card, reviewer, sidebar,
                              state_filter, store, too_large)

#: What the review queue takes: the formats `normscope ingest` reads, and archives of them.
UPLOAD_TYPES = ("docx", "doc", "wps", "pdf", "txt", "md", "html", "htm", "rtf", "zip")

sidebar()
st.title("备案审查")


def mark_spans(text: str, spans: list[tuple[int, int]]) -> str:
    """``text`` with each evidence span surrounded by 【】 (overlapping spans merged), for plain-text display."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, a), min(len(text), b)) for a, b in spans if a is not None and b is not None):
        if end <= start:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    out, pos = [], 0
    for start, end in merged:
        out += [text[pos:start], "【", text[start:end], "】"]
        pos = end
    out.append(text[pos:])
    return "".join(out)


def _review(doc_id: int) -> dict:
    """The review of a document, computed once per session and document version."""
    cache = st.session_state.setdefault("reviews", {})
    with store() as s:
        version = s.db.execute("select max(id) from versions where document_id = ?", [doc_id]).fetchone()[0]
        key = (doc_id, version)
        if key not in cache:
            with st.spinner("正在审查…"):
                result = review_stored(s, doc_id, make_context(s, library=current_library()))
                data = result.to_json()
                data["text"] = result.doc.text
                cache[key] = data
    return cache[key]


def _ingest_upload(name: str, data: bytes) -> dict:
    """Store an uploaded file through the ingest readers and quarantine, once per content: which documents
    it became and what was refused."""
    done = st.session_state.setdefault("review_uploads", {})
    key = hashlib.sha256(data).hexdigest()
    if key not in done:
        with store() as s, st.spinner("正在读取和入库…"):
            summary = ingest([], s, inputs=upload_inputs(name, data), args={"upload": name})
            rows = []
            for source, digest in summary.stored:
                row = s.db.execute("select document_id, title from versions where content_hash = ? "
                                   "order by id desc limit 1", [digest]).fetchone()
                rows.append({"文件": source.removeprefix("upload:"), "结果": "已入库", "文件ID": row[0],
                             "标题": row[1] or "", "原因": ""})
            rows += [{"文件": source.removeprefix("upload:"), "结果": "已隔离", "文件ID": None, "标题": "",
                      "原因": reason} for source, reason in summary.quarantined]
        done[key] = {"rows": rows, "new": summary.new_versions}
        first = next((r["文件ID"] for r in rows if r["文件ID"] is not None), None)
        if first is not None:
            st.session_state["review_doc"] = first
    return done[key]


upload = st.file_uploader(f"上传待审查文件（{'、'.join(UPLOAD_TYPES)}，不超过 {MAX_UPLOAD_MB} MB；压缩包逐件入库）",
                          type=list(UPLOAD_TYPES), key="review_upload", max_upload_size=MAX_UPLOAD_MB)
uploaded: set[int] = set()
if upload is not None and (refused := too_large(upload.size)):
    st.error(refused)
elif upload is not None:
    outcome = _ingest_upload(upload.name, upload.getvalue())
    table = pd.DataFrame(outcome["rows"], columns=["文件", "结果", "文件ID", "标题", "原因"])
    if (table["结果"] == "已隔离").any():
        st.error("部分文件无法读取，已隔离保存（原文件保留，原因见下表），其余文件照常入库。")
    st.dataframe(table, hide_index=True, key="review_upload_table")
    uploaded = {int(i) for i in table["文件ID"].dropna()}

with store() as s:
    marks = ",".join("?" * len(REVIEW_LEVELS))
    extra = ",".join("?" * len(uploaded))
    docs = s.db.execute(f"select id, title, level from documents where level in ({marks})"
                        + (f" or id in ({extra})" if uploaded else "") + " order by level, title",
                        [*REVIEW_LEVELS, *uploaded]).fetchall()

if not docs:
    st.info("数据库中没有可审查的地方性法规、规章或行政规范性文件。")
    st.stop()

labels = {d[0]: f"{d[1] or '（无标题）'}（{d[2]}）" for d in docs}
doc_id = st.selectbox("文件", list(labels), format_func=labels.__getitem__, key="review_doc")
if doc_id is None:
    st.stop()

data = _review(int(doc_id))
document = data["document"]
findings = [f for f in data["findings"] if isinstance(f.get("id"), str)]
with store() as s:
    decided = decisions.latest(s.db, [f["id"] for f in findings])

st.text(f"{document.get('title') or ''}  {document.get('level') or ''}  {document.get('doc_number') or ''}")
st.text(f"审查结论：{data['conclusion']}   " +
        "  ".join(f"{SEVERITY_LABELS.get(k, k)} {v}" for k, v in data["summary"].items()))
if not reviewer():
    st.warning("请在侧栏填写审查人，才能记录审查决定。")
if st.session_state.get("decision_error"):
    st.error(st.session_state["decision_error"])

with tempfile.TemporaryDirectory() as tmp:
    path = review_docx(data, Path(tmp) / "审查意见书.docx", decisions=decided)
    st.download_button("下载审查意见书（.docx）", path.read_bytes(), file_name=f"审查意见书-{doc_id}.docx",
                       mime="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                       key="review_docx")

states = state_filter("review_states")
shown = decisions.queue(findings, decided, states)
with store() as s:
    history = decisions.histories(s.db, [f["id"] for f in shown])
left, right = st.columns([1, 1])
with left:
    undecided = sum(1 for f in findings if f["id"] not in decided)
    st.subheader(f"问题（{len(findings)}，未处理 {undecided}）")
    if not findings:
        st.text("未发现问题。")
    elif not shown:
        st.text("没有处于所选状态的问题。")
    for f in shown:
        fid = f["id"]
        with st.container(border=True):
            finding_card(f, decided.get(fid), "", fid,
                         partial(decide, f, note_key=f"note-{fid}", error_key="decision_error", kind="review",
                                 version_id=document.get("version_id"), document_id=document.get("id")),
                         not reviewer(), details=True, history=history.get(fid))
with right:
    st.subheader("全文（【】内为问题原文）")
    with st.container(height=800):
        st.text(mark_spans(data.get("text") or "", [(f.get("start"), f.get("end")) for f in findings]))
