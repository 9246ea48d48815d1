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

import streamlit as st

from ingest.store import DEFAULT_DB, Store
from ui import decisions

REVIEW_LEVELS = ("行政规范性文件", "地方政府规章", "部门规章", "地方性法规")


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
