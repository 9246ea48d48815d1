"""法规检索: full-text search over stored articles, filtered by level and status."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ingest.store import search_articles
from ui.pages._shared import sidebar, store

ALL = "（全部）"
STATUSES = ("现行有效", "已被修改", "尚未生效")

sidebar()
st.title("法规检索")

with store() as s:
    levels = [r[0] for r in s.db.execute("select distinct level from versions where level is not null order by level")]

query = st.text_input("检索词", key="search_query", placeholder="如：扬尘、听证、吊销许可证")
c1, c2, c3 = st.columns(3)
level = c1.selectbox("效力层级", [ALL, *levels], key="search_level")
status = c2.selectbox("时效性", [ALL, *STATUSES], key="search_status")
limit = c3.number_input("最多显示", min_value=1, max_value=500, value=50, step=10, key="search_limit")

if query.strip():
    with store() as s:
        rows = search_articles(s, query, None if level == ALL else level, None if status == ALL else status,
                               int(limit))
    st.text(f"找到 {len(rows)} 条")
    if rows:
        table = pd.DataFrame([{
            "标题": r["title"], "层级": r["level"], "状态": r["status"], "条": r["label"],
            "位置": " ".join(r["path"] or []), "正文": r["text"], "制定机关": r["issuer"],
            "日期": r["version_date"], "文件ID": r["document_id"],
        } for r in rows])
        st.dataframe(table, hide_index=True, width="stretch",
                     column_config={"正文": st.column_config.TextColumn(width="large")})
