"""概览: documents by level, status and issuer; findings by rule and severity; decisions."""
from __future__ import annotations

import pandas as pd
import streamlit as st

from ui import decisions
from ui.pages._shared import sidebar, store

sidebar()
st.title("概览")

with store() as s:
    db = s.db
    n_docs = db.execute("select count(*) from documents").fetchone()[0]
    n_articles = db.execute("select count(*) from articles").fetchone()[0]
    n_findings = db.execute("select count(*) from findings").fetchone()[0]
    n_decisions = db.execute("select count(*) from decisions").fetchone()[0]
    latest = """select v.* from versions v where v.id = (select max(w.id) from versions w
                where w.document_id = v.document_id)"""
    docs = pd.DataFrame(db.execute(
        f"""select coalesce(d.level, '其他') as 层级, s.status as 状态, count(*) as 文件数
            from documents d join ({latest}) v on v.document_id = d.id
            join version_status s on s.version_id = v.id
            group by 1, 2 order by 1, 2""").fetchall(), columns=["层级", "状态", "文件数"])
    issuers = pd.DataFrame(db.execute(
        "select coalesce(issuer, '—'), count(*) from documents group by 1 order by 2 desc limit 30").fetchall(),
        columns=["制定机关", "文件数"])
    findings = pd.DataFrame(db.execute(
        """select rule, severity, count(*) from findings group by rule, severity
           order by rule, severity""").fetchall(), columns=["规则", "严重程度", "数量"])
    decided = pd.DataFrame(db.execute(
        """select decision, count(*) from decisions where id in
           (select max(id) from decisions group by finding_id) group by decision""").fetchall(),
        columns=["决定", "数量"])
decided["决定"] = decided["决定"].map(lambda d: decisions.LABELS.get(d, d))

c1, c2, c3, c4 = st.columns(4)
c1.metric("文件", n_docs)
c2.metric("条文", n_articles)
c3.metric("问题（已存）", n_findings)
c4.metric("审查决定", n_decisions)

st.subheader("文件：按层级和状态")
if docs.empty:
    st.info("数据库中还没有文件。")
else:
    left, right = st.columns([3, 2])
    left.bar_chart(docs.pivot_table(index="层级", columns="状态", values="文件数", aggfunc="sum", fill_value=0))
    right.dataframe(docs, hide_index=True, width="stretch")
    st.subheader("文件：按制定机关（前 30 位）")
    left, right = st.columns([3, 2])
    left.bar_chart(issuers, x="制定机关", y="文件数", horizontal=True, sort="-文件数")
    right.dataframe(issuers, hide_index=True, width="stretch")

st.subheader("问题：按规则和严重程度")
if findings.empty:
    st.info("还没有保存的审查结果：在“备案审查”页审查文件，或运行 normscope review / cleanup。")
else:
    left, right = st.columns([3, 2])
    left.bar_chart(findings.pivot_table(index="规则", columns="严重程度", values="数量", aggfunc="sum", fill_value=0))
    right.dataframe(findings, hide_index=True, width="stretch")
if not decided.empty:
    st.subheader("审查决定（每个问题的最新决定）")
    left, right = st.columns([3, 2])
    left.bar_chart(decided, x="决定", y="数量")
    right.dataframe(decided, hide_index=True, width="stretch")
