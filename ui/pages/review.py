"""备案审查: pick a stored document, review it, decide on each finding, download the 审查意见书."""
from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path

import streamlit as st

from ingest.checking import make_context, review_stored
from ui import decisions
from ui.exports import SEVERITY_LABELS, review_docx
from ui.pages._shared import REVIEW_LEVELS, current_library, decide, finding_card, reviewer, sidebar, store

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


with store() as s:
    marks = ",".join("?" * len(REVIEW_LEVELS))
    docs = s.db.execute(f"select id, title, level from documents where level in ({marks}) order by level, title",
                        list(REVIEW_LEVELS)).fetchall()

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

hide_dismissed = st.toggle("隐藏不采纳的问题", key="hide_dismissed")
left, right = st.columns([1, 1])
with left:
    st.subheader(f"问题（{len(findings)}）")
    if not findings:
        st.text("未发现问题。")
    for f in findings:
        fid = f["id"]
        current = decided.get(fid)
        if hide_dismissed and current and current["decision"] == "dismissed":
            continue
        with st.container(border=True):
            finding_card(f, current, "", fid, partial(decide, f, note_key=f"note-{fid}", error_key="decision_error",
                                                      kind="review", version_id=document.get("version_id"),
                                                      document_id=document.get("id")), not reviewer(), details=True)
with right:
    st.subheader("全文（【】内为问题原文）")
    with st.container(height=800):
        st.text(mark_spans(data.get("text") or "", [(f.get("start"), f.get("end")) for f in findings]))
