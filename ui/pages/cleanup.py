"""清理: run the cleanup over the stored normative documents, decide on each finding, download the 清理目录."""
from __future__ import annotations

import tempfile
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from ingest.checking import cleanup_store, make_context
from ui import decisions
from ui.exports import DECISION_LABELS, RECOMMENDATION_ORDER, cleanup_docx, cleanup_xlsx
from ui.pages._shared import current_library, decide, finding_card, reviewer, sidebar, state_filter, store

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

sidebar()
st.title("规范性文件清理")


def _run() -> dict:
    """The cleanup of every stored normative document, computed once per session (see 重新运行清理)."""
    if st.session_state.get("cleanup_result") is None:
        with store() as s, st.spinner("正在清理…"):
            st.session_state["cleanup_result"] = cleanup_store(s, make_context(s, library=current_library()))
    return st.session_state["cleanup_result"]


def _rerun_cleanup() -> None:
    st.session_state["cleanup_result"] = None


def _findings(doc: dict) -> list[dict]:
    return [f for f in doc.get("findings") or [] if isinstance(f, dict) and isinstance(f.get("id"), str)]


def _record(doc: dict, finding: dict, decision: str, note: str | None) -> None:
    with store() as s:
        decisions.record(s.db, finding["id"], decision, reviewer=reviewer(), note=note, kind="cleanup",
                         version_id=doc.get("version_id"), document_id=doc.get("id"))


def _decide_bulk(docs: list[dict], decision: str) -> None:
    """Button callback: the same decision on every finding of the selected documents (one row per finding)."""
    chosen = set(st.session_state.get("cleanup_bulk") or [])
    picked = [d for d in docs if d.get("id") in chosen]
    if not picked:
        st.session_state["cleanup_error"] = "请先选择要批量处理的文件。"
        return
    try:
        n = 0
        for doc in picked:
            for f in _findings(doc):
                _record(doc, f, decision, None)
                n += 1
        st.session_state["cleanup_error"] = None
        st.session_state["cleanup_bulk_done"] = f"已对 {len(picked)} 件文件的 {n} 个问题记录“{DECISION_LABELS[decision]}”。"
    except ValueError as exc:
        st.session_state["cleanup_error"] = str(exc)


def _label(rec: str) -> str:
    """A recommendation for a widget label: only the known values (document text never reaches a label)."""
    return rec if rec in RECOMMENDATION_ORDER else "其他"


result = _run()
all_docs = [d for d in result.get("documents") or [] if isinstance(d, dict)]
PER_PAGE = 25
rules = sorted({f["rule"] for d in all_docs for f in _findings(d) if isinstance(f.get("rule"), str)})

st.button("重新运行清理", key="cleanup_rerun", on_click=_rerun_cleanup)
st.text(f"清理基准日：{result.get('as_of') or ''}   共 {len(all_docs)} 件   " +
        "  ".join(f"{k} {v}" for k, v in (result.get("summary") or {}).items()))

c1, c2, c3, c4 = st.columns([2, 2, 2, 2])
issuer = c1.text_input("制定机关（包含）", key="cleanup_issuer").strip()
recs = c2.multiselect("清理建议", list(RECOMMENDATION_ORDER), key="cleanup_recs")
chosen_rules = c3.multiselect("规则", rules, key="cleanup_rules")
with c4:
    states = state_filter("cleanup_states")

fids = [f["id"] for d in all_docs for f in _findings(d)]
with store() as s:
    decided = decisions.latest(s.db, fids)

docs = [d for d in all_docs
        if (not issuer or issuer in (d.get("issuer") or ""))
        and (not recs or d.get("recommendation") in recs)
        and (not chosen_rules or any(f.get("rule") in chosen_rules for f in _findings(d)))
        and (not states or decisions.queue(_findings(d), decided, states))]

if not reviewer():
    st.warning("请在侧栏填写审查人，才能记录审查决定。")
if st.session_state.get("cleanup_error"):
    st.error(st.session_state["cleanup_error"])
if st.session_state.get("cleanup_bulk_done"):
    st.success(st.session_state.pop("cleanup_bulk_done"))

st.text(f"筛选后 {len(docs)} 件")
if docs:
    table = pd.DataFrame([{
        "编号": d.get("id"),
        "标题": d.get("title") or "",
        "层级": d.get("level") or "",
        "制定机关": d.get("issuer") or "",
        "文号": d.get("doc_number") or "",
        "清理建议": d.get("recommendation") or "",
        "问题数": len(_findings(d)),
        "已处理": sum(1 for f in _findings(d) if f["id"] in decided),
        "理由": "；".join(str(r) for r in d.get("reasons") or []),
    } for d in docs])
    st.dataframe(table, hide_index=True, key="cleanup_table")

# ---------------------------------------------------------------- downloads (latest decisions)

scoped = dict(result, documents=docs, issuer=issuer or result.get("issuer"),
              summary={r: sum(1 for d in docs if d.get("recommendation") == r) for r in RECOMMENDATION_ORDER})
# built once per filter and set of decisions: writing a province's 清理目录 on every rerun would stall the page
export_key = (tuple(d.get("id") for d in docs), tuple(sorted((k, v.get("at") or "") for k, v in decided.items())))
exports = st.session_state.get("cleanup_exports")
if not exports or exports[0] != export_key:
    with tempfile.TemporaryDirectory() as tmp:
        exports = (export_key, cleanup_docx(scoped, Path(tmp) / "清理目录.docx", decisions=decided).read_bytes(),
                   cleanup_xlsx(scoped, Path(tmp) / "清理目录.xlsx", decisions=decided).read_bytes())
    st.session_state["cleanup_exports"] = exports
d1, d2 = st.columns(2)
d1.download_button("下载清理目录（.docx）", exports[1], file_name="清理目录.docx", mime=DOCX_MIME, key="cleanup_docx")
d2.download_button("下载清理目录（.xlsx）", exports[2], file_name="清理目录.xlsx", mime=XLSX_MIME, key="cleanup_xlsx")

# ---------------------------------------------------------------- bulk decision

st.subheader("批量处理")
labels = {d["id"]: f"#{d['id']} {d.get('title') or '（无标题）'}（{d.get('recommendation') or ''}）"
          for d in docs if isinstance(d.get("id"), int)}
st.multiselect("选择文件", list(labels), format_func=labels.__getitem__, key="cleanup_bulk")
b1, b2 = st.columns(2)
disabled = not reviewer()
b1.button("全部采纳", key="cleanup_bulk_accept", on_click=_decide_bulk, args=(docs, "accepted"), disabled=disabled)
b2.button("全部不采纳", key="cleanup_bulk_dismiss", on_click=_decide_bulk, args=(docs, "dismissed"),
          disabled=disabled)

# ---------------------------------------------------------------- per document

st.subheader("逐件处理")
pages = max(1, -(-len(docs) // PER_PAGE))
page = st.number_input(f"页（共{pages}页，每页{PER_PAGE}件）", min_value=1, max_value=pages, value=1, key="cleanup_page")
on_page = docs[(page - 1) * PER_PAGE:page * PER_PAGE]  # a province's store holds thousands: one page at a time
with store() as s:
    history = decisions.histories(s.db, [f["id"] for d in on_page for f in _findings(d)])
for d in on_page:
    found = decisions.queue(_findings(d), decided, states)
    with st.expander(f"#{d.get('id')}  {_label(d.get('recommendation') or '')}（{len(found)} 个问题）"):
        st.text(f"{d.get('title') or ''}  {d.get('level') or ''}  {d.get('doc_number') or ''}")
        st.text(f"制定机关：{d.get('issuer') or ''}   清理建议：{d.get('recommendation') or ''}")
        for reason in d.get("reasons") or []:
            st.text(f"理由：{reason}")
        if not found:
            st.text("未发现问题。")
        for f in found:
            fid = f["id"]
            key = f"{d['id']}-{fid}"
            current = decided.get(fid)
            with st.container(border=True):
                finding_card(f, current, "cleanup-", key,
                             partial(decide, f, note_key=f"cleanup-note-{key}", error_key="cleanup_error",
                                     kind="cleanup", version_id=d.get("version_id"), document_id=d.get("id")),
                             disabled, history=history.get(fid))
