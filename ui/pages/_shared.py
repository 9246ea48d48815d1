"""What every page of the workspace shares: the database path, one store per path, the review library.

Document text is hostile input: pages show it with st.text, st.code, st.dataframe or st.json only —
never st.markdown, st.write, st.caption, widget labels or anything that parses Markdown or HTML.
"""
from __future__ import annotations

import os
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pandas as pd
import streamlit as st

from ingest.store import DEFAULT_DB, Store
from ui import decisions

REVIEW_LEVELS = ("行政规范性文件", "地方政府规章", "部门规章", "地方性法规")
#: Uploads larger than this are refused by the uploader itself (`normscope ui` also sets the server's cap).
MAX_UPLOAD_MB = 50
MAX_UPLOAD_BYTES = MAX_UPLOAD_MB * 1024 * 1024


def too_large(size: int) -> str | None:
    """Why an upload of ``size`` bytes is refused, checked on the server (the uploader's own limit is the
    browser's only)."""
    return f"上传的文件超过 {MAX_UPLOAD_MB} MB，已拒绝处理。" if size > MAX_UPLOAD_BYTES else None


def db_path(argv: list[str] | None = None) -> Path:
    """``--db PATH`` after ``streamlit run ui/app.py --``, then $NORMSCOPE_DB, then ./normscope.db."""
    argv = sys.argv[1:] if argv is None else argv
    for i, arg in enumerate(argv):
        if arg == "--db" and i + 1 < len(argv):
            return Path(argv[i + 1])
        if arg.startswith("--db="):
            return Path(arg.split("=", 1)[1])
    return Path(os.environ.get("NORMSCOPE_DB") or DEFAULT_DB)


@st.cache_resource(show_spinner=False)
def _open(path: str) -> tuple[Store, threading.RLock]:
    """One store per database for all sessions. Streamlit runs each rerun on its own thread, so the
    connection is opened without sqlite3's same-thread check and every use holds the lock."""
    store = Store(path, shared=True)  # creates or migrates the schema
    decisions.ensure_table(store.db)
    return store, threading.RLock()


@contextmanager
def store() -> Iterator[Store]:
    """The store of this app's database, held under its lock; stops the page when there is no database."""
    path = db_path()
    if not path.exists():
        st.error("找不到数据库文件，请先运行 normscope ingest 或 normscope demo，或用 --db 指定。")
        st.text(str(path))
        st.stop()
    s, lock = _open(str(path.resolve()))
    with lock:
        yield s


@st.cache_resource(show_spinner="正在加载法规库…")
def library(path: str):
    """The checks' library over a store (loads the law registry once per database)."""
    from ingest.library import StoreLibrary

    s, lock = _open(path)
    with lock:
        return StoreLibrary(s)


def current_library():
    return library(str(db_path().resolve()))


def _keep_reviewer() -> None:
    st.session_state["reviewer_name"] = st.session_state.get("reviewer_input") or ""


def sidebar() -> None:
    """The sidebar every page draws: the reviewer's name (kept across pages) and the database.

    A widget's value belongs to the page that drew it, so the name lives under its own key and is
    handed to the input on every run; typing changes it through the callback."""
    st.session_state["reviewer_input"] = st.session_state.get("reviewer_name", "")
    with st.sidebar:
        st.text_input("审查人", key="reviewer_input", placeholder="姓名（记录审查决定时必填）",
                      on_change=_keep_reviewer)
        st.text(f"数据库：{db_path()}")


def reviewer() -> str:
    """The reviewer's name from the sidebar ('' when not given)."""
    return (st.session_state.get("reviewer_name") or "").strip()


_BUTTON_KEYS = {"accepted": "accept", "dismissed": "dismiss", "annotated": "annotate"}


def state_filter(key: str) -> list[str]:
    """The decision states a queue shows (none chosen: all), as ``decisions.STATES`` keys."""
    return st.multiselect("处理状态", list(decisions.STATES), format_func=decisions.STATES.__getitem__, key=key,
                          placeholder="全部（未处理的排在前面）")


def finding_card(f: dict, current: dict | None, prefix: str, key: str, on_decide, disabled: bool,
                 where: str = "全文", extra: tuple[str, ...] = (), details: bool = False,
                 history: list[dict] | None = None) -> None:
    """One finding as plain text, its latest decision and the decisions before it, a note field and the
    three decision buttons.

    Widgets are keyed ``{prefix}note-{key}`` and ``{prefix}accept-{key}`` …; ``on_decide(decision=…)``
    records the decision (the page binds the finding and what it belongs to)."""
    from ui.exports import DECISION_LABELS, SEVERITY_LABELS

    st.text(f"{f.get('rule') or ''}  {SEVERITY_LABELS.get(f.get('severity'), f.get('severity') or '')}  "
            f"{f.get('location') or where}  {f.get('title') or ''}")
    st.text(f.get("message") or "")
    for label, field in (("原文", "evidence"), ("依据", "basis"), ("建议", "suggestion")):
        if f.get(field):
            st.text(f"{label}：{f[field]}")
    for line in extra:
        st.text(line)
    upper = (f.get("details") or {}).get("upper") if isinstance(f.get("details"), dict) else None
    if upper:  # the upper-level provision the finding measures against, beside the evidence
        st.text(f"上位法：《{upper.get('title')}》{upper.get('label')}")
        st.text(upper.get("text") or "")
    peer = (f.get("details") or {}).get("peer") if isinstance(f.get("details"), dict) else None
    if peer:
        st.text(f"对照：《{peer.get('title')}》{peer.get('location')}")
        st.text(peer.get("text") or "")
    if details and f.get("details"):
        st.json(f["details"], expanded=False)
    if current:
        st.text(f"决定：{DECISION_LABELS.get(current['decision'], current['decision'])}（{current['reviewer']}，"
                f"{current['at']}）" + (f"  批注：{current['note']}" if current["note"] else ""))
    if history and len(history) > 1:
        with st.expander(f"决定记录（{len(history)} 次）"):
            st.dataframe(pd.DataFrame([{
                "时间": h["at"], "审查人": h["reviewer"], "决定": DECISION_LABELS.get(h["decision"], h["decision"]),
                "批注": h["note"] or ""} for h in history]), hide_index=True, key=f"{prefix}history-{key}")
    st.text_input("批注", key=f"{prefix}note-{key}", placeholder="说明理由（批注时必填）")
    for column, (decision, label) in zip(st.columns(3), decisions.LABELS.items()):
        column.button(label, key=f"{prefix}{_BUTTON_KEYS[decision]}-{key}", on_click=on_decide,
                      kwargs={"decision": decision}, disabled=disabled)


def decide(finding: dict, *, decision: str, note_key: str, error_key: str, kind: str,
           version_id: int | None = None, document_id: int | None = None) -> None:
    """Button callback: append the reviewer's decision on a finding (an annotation needs its note);
    it runs before the rerun draws the page, which then shows the new decision or the error."""
    note = (st.session_state.get(note_key) or "").strip() or None
    if decision == "annotated" and not note:
        st.session_state[error_key] = "批注时请先填写说明。"
        return
    try:
        with store() as s:
            decisions.record(s.db, finding["id"], decision, reviewer=reviewer(), note=note, kind=kind,
                             version_id=version_id, document_id=document_id)
        st.session_state[error_key] = None
    except ValueError as exc:
        st.session_state[error_key] = str(exc)
