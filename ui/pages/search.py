"""法规检索: full-text search over stored articles, filtered by level, status and the day they were in force."""
from __future__ import annotations

from datetime import date

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
status = c2.selectbox("时效性（今日）", [ALL, *STATUSES], key="search_status")
limit = c3.number_input("最多显示", min_value=1, max_value=500, value=50, step=10, key="search_limit")
d1, d2 = st.columns([1, 2])
on_day = d1.toggle("只看某日有效的版本", key="search_on_day",
                   help="违法行为发生时适用的条文：按施行日期、失效日期和此后施行的新版本判断。")
day = d2.date_input("有效日期", value=date.today(), min_value=date(1949, 10, 1), max_value=date(2100, 12, 31),
                    key="search_day", disabled=not on_day)

if query.strip():
    in_force_on = day.isoformat() if on_day and isinstance(day, date) else None
    with store() as s:
        rows = search_articles(s, query, None if level == ALL else level, None if status == ALL else status,
                               int(limit), in_force_on)
    st.text(f"找到 {len(rows)} 条" + (f"（{in_force_on} 有效的版本）" if in_force_on else ""))
    if rows:
        table = pd.DataFrame([{
            "标题": r["title"], "层级": r["level"], "状态": r["status"], "条": r["label"],
            "位置": " ".join(r["path"] or []), "正文": r["text"], "制定机关": r["issuer"],
            "日期": r["version_date"], "文件ID": r["document_id"],
        } for r in rows])
        st.dataframe(table, hide_index=True, width="stretch",
                     column_config={"正文": st.column_config.TextColumn(width="large")})
