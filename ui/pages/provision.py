"""条文: one article of one document across its stored versions, for officers.

For each version: the article with the same number and, when the versions were renumbered, the
article aligned with it (nlp.align, as ingest.lookup.ArticleLookup uses); what the article does
(types, penalty kinds, fines); whether the version is in force on a chosen date; and which stored
documents cite the article. Document text is hostile: st.text and st.dataframe only.
"""
from __future__ import annotations

import json
import sys
from datetime import date
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:  # run on its own (AppTest.from_file, streamlit run ui/pages/provision.py)
    sys.path.insert(0, str(_ROOT))

import pandas as pd
import streamlit as st

from ingest.store import status_on
from nlp.align import ArticleText, align
from nlp.checks.basis import cn_number as cn
from ui.pages._shared import sidebar, store

sidebar()
st.title("条文")


def label(number: int | None, sub: int | None = 0) -> str:
    if number is None:
        return "—"
    return f"第{cn(number)}条" + (f"之{cn(sub)}" if sub else "")


def _list(value: str | None) -> str:
    return "、".join(json.loads(value or "[]"))


def _fines(value: str | None) -> str:
    out = []
    for f in json.loads(value or "[]"):
        lo, hi = f.get("min"), f.get("max")
        amount = f"{lo}–{hi}元" if lo is not None and hi is not None and lo != hi else f"{hi or lo}元"
        basis = f.get("basis")
        out.append(amount + (f"（{basis}）" if basis and basis != "fixed" else ""))
    return "；".join(out)


def _pick_doc() -> None:
    value = st.session_state.get("provision_doc")
    if value is not None:
        st.query_params["doc"] = str(value)


with store() as s:
    docs = s.db.execute(
        """select d.id, d.title, d.level from documents d
           where exists (select 1 from versions v join articles a on a.version_id = v.id where v.document_id = d.id)
           order by d.level, d.title, d.id""").fetchall()

if not docs:
    st.info("数据库中没有分条的文件。")
    st.stop()

doc_labels = {d[0]: f"{d[1] or '（无标题）'}（{d[2] or '其他'}）" for d in docs}
raw = st.query_params.get("doc")
if raw is not None and raw.isdigit() and int(raw) in doc_labels:
    st.session_state["provision_doc"] = int(raw)
doc_id = st.selectbox("文件", list(doc_labels), format_func=doc_labels.__getitem__, key="provision_doc",
                      on_change=_pick_doc)
if doc_id is None:
    st.stop()
doc_id = int(doc_id)

with store() as s:
    db = s.db
    versions = list(db.query(
        """select v.id, v.version_date, v.effective, v.expires, v.superseded, v.source, s.status
           from versions v join version_status s on s.version_id = v.id
           where v.document_id = ? order by coalesce(v.version_date, ''), v.id""", [doc_id]))
    rows = db.execute(
        """select a.id, a.version_id, a.number, a.sub, a.label, a.path, a.text from articles a
           join versions v on v.id = a.version_id where v.document_id = ? order by a.version_id, a.seq""",
        [doc_id]).fetchall()

articles: dict[int, dict[tuple[int, int], dict]] = {v["id"]: {} for v in versions}
for aid, vid, number, sub, lab, path, text in rows:
    articles[vid][(number, sub or 0)] = {"id": aid, "number": number, "sub": sub or 0, "label": lab,
                                         "path": json.loads(path or "[]"), "text": text or ""}

c1, c2, c3 = st.columns(3)
version_labels = {v["id"]: f"{v['version_date'] or '日期不详'}（{v['status']}）" for v in versions}
base_id = c1.selectbox("按此版本的条号", list(version_labels)[::-1], format_func=version_labels.__getitem__,
                       key=f"provision_base_{doc_id}")
base_id = int(base_id if base_id is not None else versions[-1]["id"])
keys = list(articles[base_id]) or sorted({k for arts in articles.values() for k in arts})
if not keys:
    st.text("该文件没有条文。")
    st.stop()
key = c2.selectbox("条", keys, format_func=lambda k: label(*k), key=f"provision_article_{doc_id}_{base_id}")
key = tuple(key) if key is not None else keys[0]
day_value = c3.date_input("在…有效", value=date.today(), key="provision_date")
day = (day_value if isinstance(day_value, date) else date.today()).isoformat()

base_articles = [ArticleText(n, s, a["text"]) for (n, s), a in articles[base_id].items()]

# ---------------------------------------------------------------- versions
st.subheader("版本与效力")
states = {v["id"]: status_on(v, versions, day) for v in versions}
st.dataframe(pd.DataFrame([{
    "版本ID": v["id"], "版本日期": v["version_date"], "施行日期": v["effective"], "失效日期": v["expires"],
    "当前状态": v["status"], f"在{day}": states[v["id"]], "来源": v["source"],
} for v in versions]), hide_index=True, width="stretch")
in_force = [v for v in versions if states[v["id"]] == "有效"]
st.text(f"{day} 有效的版本：" + ("、".join(f"{v['version_date'] or '日期不详'}（版本ID {v['id']}）" for v in in_force)
                                  if in_force else "无"))

# ---------------------------------------------------------------- history
st.subheader(f"{label(*key)}的沿革")
provision_rows = []
for v in reversed(versions):  # newest first
    vid = v["id"]
    same = articles[vid].get(key)
    aligned_key, similarity = None, None
    if key in articles[base_id] and vid != base_id and articles[vid]:
        mapped = align(base_articles, [ArticleText(n, s, a["text"]) for (n, s), a in articles[vid].items()]).get(key)
        if mapped:
            aligned_key, similarity = tuple(mapped[0]), mapped[1]
    with st.container(border=True):
        st.text(f"{v['version_date'] or '日期不详'} 版（版本ID {vid}，当前：{v['status']}，在{day}：{states[vid]}）")
        if same:
            st.text(f"同号条文 {same['label'] or label(*key)}：\n{same['text']}")
        else:
            st.text(f"本版本没有{label(*key)}。")
        if vid == base_id:
            pass
        elif key in articles[base_id] and aligned_key is None and articles[vid]:
            st.text("对齐：本版本中没有与之对应的条文（已删除或为新增）。")
        elif aligned_key and aligned_key != key:
            other = articles[vid][aligned_key]
            st.text(f"对应条文（对齐，相似度 {similarity:.0f}）{other['label'] or label(*aligned_key)}：\n{other['text']}")
    shown = [(same, "同号")]
    if aligned_key and aligned_key != key:
        shown.append((articles[vid][aligned_key], "对应"))
    for art, how in shown:
        if art:
            provision_rows.append((vid, v["version_date"], how, art))

# ---------------------------------------------------------------- provisions
st.subheader("条文类型、处罚种类与罚款")
if provision_rows:
    by_article = {art["id"]: (vd, how, art) for _, vd, how, art in provision_rows}
    marks = ",".join("?" * len(by_article))
    with store() as s:
        paragraphs = s.db.execute(
            f"select article_id, idx, types, penalty_kinds, fines, text from paragraphs where article_id in ({marks}) "
            f"order by article_id, idx", list(by_article)).fetchall()
    table = []
    for art_id, idx, types, kinds, fines, text in paragraphs:
        vd, how, art = by_article[art_id]
        table.append({"版本日期": vd, "条": f"{art['label'] or label(art['number'], art['sub'])}（{how}）",
                      "款": idx, "类型": _list(types), "处罚种类": _list(kinds), "罚款": _fines(fines),
                      "正文": text})
    if table:
        st.dataframe(pd.DataFrame(table), hide_index=True, width="stretch")
    else:
        st.text("没有分款记录。")
else:
    st.text("各版本都没有这一条。")

# ---------------------------------------------------------------- cited by
number, sub = key
with store() as s:
    citing = list(s.db.query(
        """select v.document_id, d.title, d.level, v.version_date, v.id as version_id, s.status,
                  c.in_article, c.in_article_sub, c.raw, c.internal
           from citations c join versions v on v.id = c.version_id
           join documents d on d.id = v.document_id join version_status s on s.version_id = v.id
           where ((c.resolved_document_id = ? and v.document_id != ?)
                  or (c.internal = 1 and v.document_id = ?))
             and c.article is not null and c.article <= ? and ? <= coalesce(c.article_end, c.article)
             and (c.article_end is not null or coalesce(c.article_sub, 0) = ?)
           order by c.internal, d.title, v.version_date, c.start""",
        [doc_id, doc_id, doc_id, number, number, sub]))

external = [c for c in citing if not c["internal"]]
st.subheader(f"引用{label(*key)}的文件（{len({c['document_id'] for c in external})}）")
if external:
    def then(c: dict) -> str:
        """The version of this document in force when the citing version was made."""
        cited_on = c["version_date"] or ""
        hits = [v for v in versions if status_on(v, versions, cited_on) == "有效"] if cited_on else []
        return "、".join(v["version_date"] or "日期不详" for v in hits) or "—"

    st.dataframe(pd.DataFrame([{
        "引用文件ID": c["document_id"], "引用文件": c["title"], "层级": c["level"], "版本日期": c["version_date"],
        "状态": c["status"], "所在条": label(c["in_article"], c["in_article_sub"]), "引用原文": c["raw"],
        "引用时本文件有效版本": then(c),
    } for c in external]), hide_index=True, width="stretch")
else:
    st.text("没有已入库的文件引用这一条。")

internal = [c for c in citing if c["internal"]]
if internal:
    st.subheader("本文件内部引用")
    st.dataframe(pd.DataFrame([{
        "版本日期": c["version_date"], "所在条": label(c["in_article"], c["in_article_sub"]), "引用原文": c["raw"],
    } for c in internal]), hide_index=True, width="stretch")
