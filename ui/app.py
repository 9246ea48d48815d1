"""normscope triage workspace: `streamlit run ui/app.py -- --db PATH` (or `normscope ui`).

The database is ``--db PATH`` after ``--``, else $NORMSCOPE_DB, else ./normscope.db.
"""
from __future__ import annotations

import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[1]
if str(_ROOT) not in sys.path:  # `streamlit run ui/app.py` puts ui/ on the path, not the checkout
    sys.path.insert(0, str(_ROOT))

import streamlit as st

st.set_page_config(page_title="normscope", layout="wide")

_PAGES = Path(__file__).resolve().parent / "pages"
pages = [
    st.Page(_PAGES / "overview.py", title="概览", default=True),
    st.Page(_PAGES / "review.py", title="备案审查"),
    st.Page(_PAGES / "cleanup.py", title="清理"),
    st.Page(_PAGES / "search.py", title="法规检索"),
    st.Page(_PAGES / "provision.py", title="条文"),
    st.Page(_PAGES / "document.py", title="文件"),
    st.Page(_PAGES / "dossier.py", title="案卷评查"),
]
page = st.navigation(pages)

page.run()  # each page draws the sidebar (ui/pages/_shared.sidebar)
