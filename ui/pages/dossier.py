"""案卷评查: upload a case file or pick a demo one, review it, decide on each finding, download the 评查表."""
from __future__ import annotations

import hashlib
import tempfile
from datetime import date
from functools import partial
from pathlib import Path

import pandas as pd
import streamlit as st

from ingest.checking import make_context
from ingest.dossier_review import dossier_paths, review_dossier
from ingest.run import Input, keep_copy, upload_source
from nlp.dossier.types import documents as document_types
from ui import decisions
from ui.exports import DECISION_LABELS, TIMELINE, dossier_docx
from ui.pages._shared import (MAX_UPLOAD_MB, current_library, decide, finding_card, reviewer, sidebar, state_filter,
                              store, too_large)

ROOT = Path(__file__).resolve().parents[2]
DEMO_DIR = ROOT / "corpus" / "dossiers"
UPLOAD_TYPES = ("zip", "pdf", "docx")
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def upload_error(name: str, size: int) -> str | None:
    """Why an upload is refused (too large, or not a .zip/.pdf/.docx), None when it may be reviewed."""
    if refused := too_large(size):
        return refused
    if Path(name or "").suffix.lower().lstrip(".") not in UPLOAD_TYPES:
        return "只能上传 .zip、.pdf 或 .docx 格式的案卷。"
    return None


def demo_cases() -> list[Path]:
    """The demo case files under corpus/dossiers (each folder, .zip, .docx or .pdf)."""
    return dossier_paths([DEMO_DIR]) if DEMO_DIR.is_dir() else []


def checklist(result: dict) -> pd.DataFrame:
    """文书 → 要求 and whether the case holds it, for every type that is required, conditionally required,
    or present."""
    present = {d.get("type") for d in result.get("documents") or [] if isinstance(d, dict)}
    types = document_types()
    groups: dict[str, set[str]] = {}
    for name, spec in types.items():
        if spec.get("required_one_of"):
            groups.setdefault(spec["required_one_of"], set()).add(name)
    rows = []
    for name, spec in types.items():
        if spec.get("required"):
            need = "必备"
        elif spec.get("required_when"):
            need = f"{spec['required_when']}时必备"
        elif spec.get("required_one_of"):
            need = f"{spec['required_one_of']}（至少一种）"
        else:
            need = ""
        if not need and name not in present:
            continue
        if name in present:
            state = "具备"
        elif spec.get("required"):
            state = "缺失"
        elif spec.get("required_one_of"):
            state = "由同组文书满足" if groups[spec["required_one_of"]] & present else "缺失"
        else:
            state = "未见（按情形需要）"
        rows.append({"文书": name, "要求": need or "—", "状态": state, "规则": spec.get("missing_rule") or ""})
    for name in sorted(t for t in present if t and t not in types):
        rows.append({"文书": name, "要求": "—", "状态": "具备", "规则": ""})
    return pd.DataFrame(rows, columns=["文书", "要求", "状态", "规则"])


def timeline(result: dict) -> pd.DataFrame:
    """阶段 → 日期 in the order a case runs, with the days since the first dated stage."""
    dates = {k: v for k, v in (result.get("dates") or {}).items() if isinstance(v, str)}
    order = [s for s in TIMELINE if s in dates] + [s for s in dates if s not in TIMELINE]
    parsed = []
    for stage in order:
        try:
            parsed.append((stage, date.fromisoformat(dates[stage])))
        except ValueError:
            continue
    if not parsed:
        return pd.DataFrame(columns=["阶段", "日期", "天数"])
    first = min(d for _, d in parsed)
    return pd.DataFrame([{"阶段": s, "日期": d.isoformat(), "天数": (d - first).days} for s, d in parsed])


def _review(key: str, path: Path) -> dict:
    """The review of a case file, computed once per session and case."""
    cache = st.session_state.setdefault("dossiers", {})
    if key not in cache:
        with store() as s, st.spinner("正在评查…"):
            cache[key] = review_dossier(path, make_context(s, library=current_library())).to_json()
    return cache[key]


def _quarantine(name: str, data: bytes, digest: str, unreadable: list[dict]) -> None:
    """The unreadable parts of an uploaded case file go to the store's quarantine, as with `ingest`:
    one row per part with its one-line reason, and a kept copy of the upload."""
    upload = Input(upload_source(name, "案卷"), data=data, size=len(data))
    with store() as s:
        copy = keep_copy(s, upload, digest)
        for part in unreadable:
            member = str(part.get("file") or "").split("!", 1)
            source = upload.source + ("!" + member[1] if len(member) > 1 else "")
            s.quarantine(source, digest, len(data), str(part.get("reason") or "unreadable"), copy, None)


sidebar()
st.title("案卷评查")

upload = st.file_uploader("上传案卷（.zip、.pdf 或 .docx，不超过 50 MB）", type=list(UPLOAD_TYPES),
                          key="dossier_upload", max_upload_size=MAX_UPLOAD_MB)
cases = demo_cases()
names = {str(p): p.name for p in cases}
demo = None
if upload is None:
    demo = st.selectbox("或选择演示案卷", list(names), format_func=names.__getitem__, key="dossier_demo")

if upload is not None:
    refused = upload_error(upload.name, upload.size)
    if refused:
        st.error(refused)
        st.stop()
    data = upload.getvalue()
    digest = hashlib.sha256(data).hexdigest()
    key = f"upload-{digest}"
    if key not in st.session_state.get("dossiers", {}):
        suffix = "." + Path(upload.name).suffix.lower().lstrip(".")
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / f"案卷{suffix}"
            path.write_bytes(data)
            result = _review(key, path)
        if result.get("unreadable"):
            _quarantine(upload.name, data, digest, result["unreadable"])
    else:
        result = _review(key, Path())
    source_name = Path(upload.name).name
elif demo:
    result = _review(f"demo-{demo}", Path(demo))
    source_name = names[demo]
else:
    st.info("请上传案卷或选择演示案卷。")
    st.stop()

findings = [f for f in result.get("findings") or [] if isinstance(f, dict) and isinstance(f.get("id"), str)]
with store() as s:
    decided = decisions.latest(s.db, [f["id"] for f in findings])

st.text(f"案卷：{source_name}")
st.text(f"案号：{result.get('case_no') or '—'}   当事人：{result.get('party') or '—'}"
        f"（{result.get('party_type') or '—'}）   罚款：{result.get('fine') if result.get('fine') is not None else '—'}"
        f"   处罚种类：{'、'.join(result.get('kinds') or []) or '—'}")
if not reviewer():
    st.warning("请在侧栏填写审查人，才能记录审查决定。")
if st.session_state.get("dossier_error"):
    st.error(st.session_state["dossier_error"])

# ---------------------------------------------------------------- score sheet

score = result.get("score") or {}
st.subheader("评分")
st.text(f"总分：{score.get('total')}   等次：{score.get('grade') or '—'}"
        + (f"   否决项：{'、'.join(score.get('vetoed_by') or [])}" if score.get("vetoed_by") else ""))
deductions = pd.DataFrame([{
    "规则": d.get("rule") or "", "扣分": d.get("points"), "理由": d.get("reason") or "",
    "处理": DECISION_LABELS.get((decided.get(d.get("finding")) or {}).get("decision"), "—"),
} for d in score.get("deductions") or [] if isinstance(d, dict)], columns=["规则", "扣分", "理由", "处理"])
st.dataframe(deductions, hide_index=True, key="dossier_deductions")

with tempfile.TemporaryDirectory() as tmp:
    path = dossier_docx(result, Path(tmp) / "案卷评查表.docx", decisions=decided)
    st.download_button("下载案卷评查表（.docx）", path.read_bytes(), file_name="案卷评查表.docx", mime=DOCX_MIME,
                       key="dossier_docx")

# ---------------------------------------------------------------- documents and timeline

st.subheader("文书清单")
st.dataframe(checklist(result), hide_index=True, key="dossier_checklist")
docs = pd.DataFrame([{
    "文件": Path(str(d.get("file") or "")).name, "页": d.get("page"), "类型": d.get("type") or "",
    "标题": d.get("title") or "", "文号": d.get("doc_no") or "", "日期": d.get("date") or "",
    "执法人员": "、".join(f"{o.get('name')}（{o.get('cert') or '无证号'}）" for o in d.get("officers") or []),
} for d in result.get("documents") or [] if isinstance(d, dict)],
    columns=["文件", "页", "类型", "标题", "文号", "日期", "执法人员"])
st.dataframe(docs, hide_index=True, key="dossier_documents")
if result.get("unreadable"):
    st.text("无法读取的文件：")
    st.dataframe(pd.DataFrame(result["unreadable"]), hide_index=True, key="dossier_unreadable")

st.subheader("时间线")
line = timeline(result)
st.dataframe(line, hide_index=True, key="dossier_timeline")
if not line.empty:
    st.bar_chart(line, x="阶段", y="天数", sort=False)

# ---------------------------------------------------------------- findings

st.subheader(f"问题（{len(findings)}，未处理 {sum(1 for f in findings if f['id'] not in decided)}）")
if not findings:
    st.text("未发现问题。")
shown = decisions.queue(findings, decided, state_filter("dossier_states"))
with store() as s:
    history = decisions.histories(s.db, [f["id"] for f in shown])
disabled = not reviewer()
for f in shown:
    fid = f["id"]
    current = decided.get(fid)
    details = f.get("details") or {}
    where = [f"文书：{Path(str(details['document'])).name}"] if isinstance(details, dict) and details.get("document") else []
    with st.container(border=True):
        finding_card(f, current, "dossier-", fid, partial(decide, f, note_key=f"dossier-note-{fid}",
                                                           error_key="dossier_error", kind="dossier"),
                     disabled, where="全卷", extra=tuple(where), history=history.get(fid))
