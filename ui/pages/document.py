"""文件: one stored document — particulars, versions, structure, citations, cites / cited by, article text.

The document is picked in the selectbox or given as ``?doc=ID``; choosing a cited document in the
citations section sets ``?doc`` and the page shows that document. Document text is hostile: it is shown
with st.text and st.dataframe only (ui/pages/_shared.py).
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

_ROOT = Path(__file__).resolve().parents[2]
if str(_ROOT) not in sys.path:  # run on its own (AppTest.from_file, streamlit run ui/pages/document.py)
    sys.path.insert(0, str(_ROOT))

import pandas as pd
import streamlit as st

from nlp.checks.basis import cn_number as cn
from ui.pages._shared import sidebar, store

PREVIEW = 40  # characters of an article shown in the structure table

sidebar()
st.title("文件")


def _qp_doc(valid: set[int]) -> int | None:
    raw = st.query_params.get("doc")
    try:
        value = int(raw) if raw is not None else None
    except ValueError:
        return None
    return value if value in valid else None


def _pick_doc() -> None:
    """Selectbox callback: keep ?doc in step with the chosen document."""
    value = st.session_state.get("document_doc")
    if value is not None:
        st.query_params["doc"] = str(value)


def _jump(key: str) -> None:
    """Cited-document selectbox callback: open the chosen document."""
    value = st.session_state.get(key)
    if value is not None:
        st.query_params["doc"] = str(value)


with store() as s:
    docs = s.db.execute("select id, title, level from documents order by level, title, id").fetchall()

if not docs:
    st.info("数据库中还没有文件。")
    st.stop()

labels = {d[0]: f"{d[1] or '（无标题）'}（{d[2] or '其他'}）" for d in docs}
wanted = _qp_doc(set(labels))
if wanted is not None:
    st.session_state["document_doc"] = wanted  # ?doc=ID, or a jump from the citations below
doc_id = st.selectbox("文件", list(labels), format_func=labels.__getitem__, key="document_doc", on_change=_pick_doc)
if doc_id is None:
    st.stop()
doc_id = int(doc_id)

with store() as s:
    db = s.db
    doc = next(db.query("select * from documents where id = ?", [doc_id]))
    versions = list(db.query(
        """select v.id, v.version_date, v.adopted, v.issued, v.published, v.effective, v.expires, v.amended,
                  v.source, v.format, v.article_count, s.status
           from versions v join version_status s on s.version_id = v.id
           where v.document_id = ? order by coalesce(v.version_date, '') desc, v.id desc""", [doc_id]))

if not versions:
    st.text("该文件没有已入库的版本。")
    st.stop()

latest = versions[0]

# ---------------------------------------------------------------- particulars
st.subheader("基本信息")
st.text("\n".join([
    f"标题：{doc['title'] or '（无标题）'}",
    f"效力层级：{doc['level'] or '其他'}",
    f"制定机关：{doc['issuer'] or '—'}",
    f"文号：{doc['doc_number'] or '—'}",
    (f"通过：{latest['adopted'] or '—'}  公布/印发：{latest['published'] or latest['issued'] or '—'}  "
     f"施行：{latest['effective'] or '—'}  失效：{latest['expires'] or '—'}  修改：{latest['amended'] or '—'}"),
    f"时效性：{latest['status']}（最新版本 {latest['version_date'] or '日期不详'}）",
    f"文件ID：{doc_id}  版本数：{len(versions)}",
]))

# ---------------------------------------------------------------- versions
st.subheader("版本")
st.dataframe(pd.DataFrame([{
    "版本ID": v["id"], "版本日期": v["version_date"], "施行日期": v["effective"], "失效日期": v["expires"],
    "状态": v["status"], "条数": v["article_count"], "来源": v["source"],
} for v in versions]), hide_index=True, width="stretch")

version_labels = {v["id"]: f"{v['version_date'] or '日期不详'}（{v['status']}，版本ID {v['id']}）" for v in versions}
version_id = st.selectbox("查看版本", list(version_labels), format_func=version_labels.__getitem__,
                          key=f"document_version_{doc_id}")
version_id = int(version_id if version_id is not None else latest["id"])

with store() as s:
    db = s.db
    headings = list(db.query("select level, number, text, start from headings where version_id = ? order by start",
                             [version_id]))
    articles = list(db.query(
        "select id, number, sub, label, path, start, text from articles where version_id = ? order by seq",
        [version_id]))
    citations = list(db.query(
        """select c.in_article, c.in_article_sub, c.raw, c.title, c.article, c.article_sub, c.internal, c.form,
                  c.resolution, c.resolved_title, c.resolved_document_id, d.title as stored_title
           from citations c left join documents d on d.id = c.resolved_document_id
           where c.version_id = ? order by c.start""", [version_id]))
    cited_by = list(db.query(
        """select v.document_id, d.title, d.level, v.version_date, s.status, c.in_article, c.in_article_sub,
                  c.raw, c.article, c.article_sub, c.article_end
           from citations c join versions v on v.id = c.version_id
           join documents d on d.id = v.document_id
           join version_status s on s.version_id = v.id
           where c.resolved_document_id = ? and v.document_id != ?
           order by d.title, v.version_date, c.start""", [doc_id, doc_id]))

# ---------------------------------------------------------------- structure
st.subheader("结构")
structure = [(h["start"] or 0, 0, {"类型": f"{h['level']}", "位置": "", "标号": f"第{cn(h['number'])}{h['level']}" if h["number"] is not None else "",
                                     "内容": (h["text"] or "")[:PREVIEW]}) for h in headings]
structure += [(a["start"] or 0, 1, {"类型": "条", "位置": " / ".join(json.loads(a["path"] or "[]")),
                                    "标号": f"　{a['label'] or ''}", "内容": (a["text"] or "")[:PREVIEW]})
              for a in articles]
if structure:
    st.dataframe(pd.DataFrame([row for _, _, row in sorted(structure, key=lambda t: (t[0], t[1]))]),
                 hide_index=True, width="stretch")
else:
    st.text("未识别出章节和条文。")


def _article_label(number: int | None, sub: int | None) -> str:
    if number is None:
        return "—"
    return f"第{cn(number)}条" + (f"之{cn(sub)}" if sub else "")


def _resolved(c: dict) -> str:
    if c["internal"]:
        return "本文件内部"
    if c["resolved_document_id"]:
        return "是（已入库）"
    if c["resolved_title"]:
        return "是（登记库）"
    return "否" if c["title"] else "—"


# ---------------------------------------------------------------- citations
st.subheader(f"引用（{len(citations)}）")
if citations:
    st.dataframe(pd.DataFrame([{
        "所在条": _article_label(c["in_article"], c["in_article_sub"]), "引用原文": c["raw"], "引用名称": c["title"],
        "引用条": _article_label(c["article"], c["article_sub"]), "登记名称": c["resolved_title"],
        "是否解析": _resolved(c), "解析方式": c["resolution"], "入库文件ID": c["resolved_document_id"],
    } for c in citations]), hide_index=True, width="stretch")
else:
    st.text("没有识别出引用。")

cites: dict[int, dict] = {}
for c in citations:
    target = c["resolved_document_id"]
    if target and target != doc_id:
        row = cites.setdefault(target, {"文件ID": target, "标题": c["stored_title"] or c["resolved_title"],
                                        "引用次数": 0})
        row["引用次数"] += 1

st.subheader(f"本文件引用的入库文件（{len(cites)}）")
if cites:
    st.dataframe(pd.DataFrame(list(cites.values())), hide_index=True, width="stretch")
    titles = {k: v["标题"] or f"文件 {k}" for k, v in cites.items()}
    jump_key = f"document_jump_{doc_id}"
    st.selectbox("打开被引用的文件", list(titles), format_func=titles.__getitem__, index=None,
                 placeholder="选择后打开该文件", key=jump_key, on_change=_jump, args=(jump_key,))
else:
    st.text("没有引用已入库的文件。")

st.subheader(f"引用本文件的文件（{len({r['document_id'] for r in cited_by})}）")
if cited_by:
    st.dataframe(pd.DataFrame([{
        "引用文件ID": r["document_id"], "引用文件": r["title"], "层级": r["level"], "版本日期": r["version_date"],
        "状态": r["status"], "所在条": _article_label(r["in_article"], r["in_article_sub"]),
        "被引条": _article_label(r["article"], r["article_sub"]) + (
            f"至第{cn(r['article_end'])}条" if r["article_end"] and r["article_end"] != r["article"] else ""),
        "引用原文": r["raw"],
    } for r in cited_by]), hide_index=True, width="stretch")
else:
    st.text("没有已入库的文件引用本文件。")

# ---------------------------------------------------------------- article text
st.subheader("条文")
if articles:
    by_id = {a["id"]: a for a in articles}
    art_labels = {a["id"]: f"{a['label'] or _article_label(a['number'], a['sub'])}" for a in articles}
    art_id = st.selectbox("条", list(art_labels), format_func=art_labels.__getitem__, key=f"document_article_{version_id}")
    if art_id is not None:
        art = by_id[int(art_id)]
        path = " / ".join(json.loads(art["path"] or "[]"))
        st.text(f"{path}  {art['label'] or ''}".strip())
        st.text(art["text"] or "")
else:
    with store() as s:
        text = s.db.execute("select text from versions where id = ?", [version_id]).fetchone()[0]
    st.text("未识别出条文，以下为全文：")
    st.text(text or "")
