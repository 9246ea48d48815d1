"""The 清理 and 案卷评查 pages (ui/pages/cleanup.py, ui/pages/dossier.py) through streamlit.testing AppTest.

Each page file is run on its own, over a store built once per module from corpus/normative plus one
hostile document (as tests/ui/test_app.py builds it); the pages read it from $NORMSCOPE_DB.
"""
from __future__ import annotations

import io
import sqlite3
import zipfile
from datetime import date
from pathlib import Path

import pytest
import sqlite_utils
from streamlit.testing.v1 import AppTest

from tests.paths import ROOT
from tests.ui.conftest import HOSTILE, HOSTILE_TITLE, SCRIPT, assert_no_markup, demo_store

CLEANUP = str(ROOT / "ui" / "pages" / "cleanup.py")
DOSSIER = str(ROOT / "ui" / "pages" / "dossier.py")
PREPAID = "临江市市场监督管理局关于规范单用途商业预付卡经营活动的规定"
BUILDING_WASTE = "临江市人民政府关于加强建筑垃圾运输处置管理的规定"
CASE07 = ROOT / "corpus" / "dossiers" / "案卷07"
TIMEOUT = 180


@pytest.fixture(scope="module")
def db_file(tmp_path_factory) -> Path:
    return demo_store(tmp_path_factory.mktemp("pages"), {f"{HOSTILE_TITLE}.txt": HOSTILE})


def run_page(script: str, reviewer: str | None = None) -> AppTest:
    at = AppTest.from_file(script, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    if reviewer:
        at.text_input(key="reviewer_input").input(reviewer).run()
        assert not at.exception, at.exception
    return at


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def doc_id(db_file: Path, title: str) -> int:
    with sqlite3.connect(db_file) as conn:
        return conn.execute("select id from documents where title = ?", [title]).fetchone()[0]


def dataframe_with(at: AppTest, column: str):
    return next(d.value for d in at.dataframe if column in d.value.columns)


# ---------------------------------------------------------------- 清理


def test_cleanup_lists_amend_and_expire(env):
    at = run_page(CLEANUP)
    table = dataframe_with(at, "清理建议")
    verdicts = dict(zip(table["标题"], table["清理建议"]))
    assert date.today() > date(2025, 12, 31)
    assert verdicts[PREPAID] == "宣布失效"
    assert verdicts[BUILDING_WASTE] == "修改"
    assert {"修改", "宣布失效"} <= set(table["清理建议"])
    reasons = dict(zip(table["标题"], table["理由"]))
    assert "有效期已于2025-12-31届满" in reasons[PREPAID]
    downloads = {b.key for b in at.get("download_button")}
    assert {"cleanup_docx", "cleanup_xlsx"} <= downloads
    assert at.button(key="cleanup_rerun") is not None
    assert any("请在侧栏填写审查人" in w.value for w in at.warning)
    assert all(b.disabled for b in at.button if b.key.startswith("cleanup-dismiss-"))


def test_cleanup_filters(env):
    at = run_page(CLEANUP)
    at.multiselect(key="cleanup_recs").set_value(["宣布失效"]).run()
    assert not at.exception
    table = dataframe_with(at, "清理建议")
    assert set(table["清理建议"]) == {"宣布失效"} and PREPAID in set(table["标题"])
    at.text_input(key="cleanup_issuer").input("市场监督管理局").run()
    table = dataframe_with(at, "清理建议")
    assert list(table["标题"]) == [PREPAID]
    at.multiselect(key="cleanup_recs").set_value([]).run()
    at.text_input(key="cleanup_issuer").input("").run()
    at.multiselect(key="cleanup_rules").set_value(["C101"]).run()
    table = dataframe_with(at, "清理建议")
    assert PREPAID in set(table["标题"]) and BUILDING_WASTE not in set(table["标题"])


def test_cleanup_bulk_dismiss_records_one_row_per_finding(env):
    document = doc_id(env, PREPAID)
    at = run_page(CLEANUP, reviewer="王五")
    result = at.session_state["cleanup_result"]
    doc = next(d for d in result["documents"] if d["id"] == document)
    fids = [f["id"] for f in doc["findings"]]
    assert len(fids) >= 4
    at.multiselect(key="cleanup_bulk").set_value([document]).run()
    at.button(key="cleanup_bulk_dismiss").click().run()
    assert not at.exception
    rows = list(sqlite_utils.Database(env).query(
        "select * from decisions where kind = 'cleanup' and document_id = ? order by id", [document]))
    assert sorted(r["finding_id"] for r in rows) == sorted(fids)
    assert all((r["decision"], r["reviewer"], r["version_id"]) == ("dismissed", "王五", doc["version_id"])
               for r in rows)
    assert any(t.startswith("决定：不采纳（王五") for t in texts(at))
    downloads = {b.key for b in at.get("download_button")}
    assert {"cleanup_docx", "cleanup_xlsx"} <= downloads


def test_cleanup_single_accept(env):
    document = doc_id(env, BUILDING_WASTE)
    at = run_page(CLEANUP, reviewer="赵六")
    button = next(b for b in at.button if b.key.startswith(f"cleanup-accept-{document}-"))
    fid = button.key.removeprefix(f"cleanup-accept-{document}-")
    button.click().run()
    assert not at.exception
    rows = list(sqlite_utils.Database(env).query("select * from decisions where finding_id = ?", [fid]))
    assert [(r["decision"], r["kind"], r["document_id"]) for r in rows] == [("accepted", "cleanup", document)]


def test_cleanup_hostile_text_is_plain(env):
    at = run_page(CLEANUP)
    assert_no_markup(at)


# ---------------------------------------------------------------- 案卷评查


def open_case(at: AppTest, case: Path = CASE07) -> AppTest:
    select = at.selectbox(key="dossier_demo")
    assert case.name in select.options
    select.set_value(str(case.resolve())).run()
    assert not at.exception, at.exception
    return at


def test_dossier_demo_case07(env):
    at = open_case(run_page(DOSSIER))
    shown = texts(at)
    for rule in ("D501", "D502", "D601", "D602"):
        assert any(t.startswith(rule) for t in shown), rule
    assert any("总分：60" in t and "等次：不合格" in t for t in shown)
    deductions = dataframe_with(at, "扣分")
    assert set(deductions["规则"]) == {"D501", "D502", "D601", "D602"}
    assert deductions["扣分"].sum() == 40
    checklist = dataframe_with(at, "要求")
    states = dict(zip(checklist["文书"], checklist["状态"]))
    assert states["立案审批表"] == "具备" and states["行政处罚决定书"] == "具备"
    assert set(checklist[checklist["要求"] == "必备"]["状态"]) == {"具备"}
    timeline = dataframe_with(at, "阶段")
    assert list(timeline["阶段"])[0] == "立案"
    assert dict(zip(timeline["阶段"], timeline["日期"]))["决定"] == "2023-12-04"
    assert at.get("arrow_bar_chart") or at.get("bar_chart") or at.get("arrow_vega_lite_chart") \
        or at.get("vega_lite_chart")
    assert at.download_button(key="dossier_docx") is not None
    assert_no_markup(at)


def test_dossier_checklist_reports_missing():
    from ui.pages.dossier import checklist

    table = checklist({"documents": [{"type": "行政处罚决定书"}, {"type": "询问笔录"}]})
    states = dict(zip(table["文书"], table["状态"]))
    assert states["行政处罚决定书"] == "具备"
    assert states["立案审批表"] == "缺失"
    assert states["现场检查笔录"] == "由同组文书满足"


def test_dossier_dismiss_records_a_decision(env):
    at = open_case(run_page(DOSSIER, reviewer="张三"))
    button = next(b for b in at.button if b.key.startswith("dossier-dismiss-D602"))
    fid = button.key.removeprefix("dossier-dismiss-")
    button.click().run()
    assert not at.exception
    rows = list(sqlite_utils.Database(env).query("select * from decisions where finding_id = ?", [fid]))
    assert len(rows) == 1
    row = rows[0]
    assert (row["decision"], row["reviewer"], row["kind"]) == ("dismissed", "张三", "dossier")
    assert row["document_id"] is None and row["version_id"] is None
    assert any(t.startswith("决定：不采纳（张三") for t in texts(at))
    deductions = dataframe_with(at, "扣分")
    assert dict(zip(deductions["规则"], deductions["处理"]))["D602"] == "不采纳"


def test_upload_size_check():
    from ui.pages._shared import MAX_UPLOAD_BYTES
    from ui.pages.dossier import upload_error

    assert upload_error("案卷.zip", MAX_UPLOAD_BYTES) is None
    assert "50 MB" in upload_error("案卷.zip", MAX_UPLOAD_BYTES + 1)
    assert upload_error("案卷.exe", 10)


def test_upload_over_limit_is_refused(env):
    from ui.pages._shared import MAX_UPLOAD_BYTES

    at = run_page(DOSSIER)
    at.file_uploader(key="dossier_upload").set_value(("big.zip", b"\0" * (MAX_UPLOAD_BYTES + 1),
                                                      "application/zip")).run()
    assert not at.exception
    assert at.error and "超过 50 MB" in at.error[0].value
    assert not at.dataframe  # nothing was reviewed


def _hostile_case_zip() -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for f in sorted(CASE07.iterdir()):
            text = f.read_text(encoding="utf-8")
            if f.name == "a10.txt":
                text = text.replace("青川县某某付食品商行", f"青川县某某付食品商行{SCRIPT}**粗体**")
            z.writestr(f"案卷07/{f.name}", text)
    return buf.getvalue()


def test_uploaded_case_with_hostile_text_is_plain(env):
    at = run_page(DOSSIER)
    at.file_uploader(key="dossier_upload").set_value(("案卷.zip", _hostile_case_zip(), "application/zip")).run()
    assert not at.exception, at.exception
    shown = texts(at)
    assert any(t.startswith("D501") for t in shown)
    # the party name is read up to the "(", so D602 quotes "<script>alert": shown, as plain text only
    assert any("<script>alert" in t for t in shown if t.startswith(("缴款凭证", "原文：")))
    assert_no_markup(at)


def test_cleanup_runs_once_per_session_and_reruns_on_request(env):
    at = run_page(CLEANUP)
    first = at.session_state["cleanup_result"]
    at.multiselect(key="cleanup_recs").set_value(["修改"]).run()
    assert at.session_state["cleanup_result"] is first  # a filter does not re-run the cleanup
    at.button(key="cleanup_rerun").click().run()
    assert not at.exception
    again = at.session_state["cleanup_result"]
    assert again is not first and again["summary"] == first["summary"]


def test_unreadable_part_of_an_uploaded_case_is_quarantined_with_a_copy(env):
    """Uploads go through the same quarantine as `ingest`: one row per unreadable part, the upload kept."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for f in sorted(CASE07.iterdir()):
            z.writestr(f"案卷07/{f.name}", f.read_text(encoding="utf-8"))
        z.writestr("案卷07/扫描件.pdf", b"%PDF-1.7\n" + b"\x00garbage" * 50)
    data = buf.getvalue()
    at = run_page(DOSSIER)
    at.file_uploader(key="dossier_upload").set_value(("../../案卷07.zip", data, "application/zip")).run()
    assert not at.exception
    with sqlite3.connect(env) as conn:
        rows = conn.execute("select source, reason, copy_path, size from quarantine "
                            "where source like 'upload:%'").fetchall()
    assert [r[0] for r in rows] == ["upload:案卷07.zip!案卷07/扫描件.pdf"]
    source, reason, copy, size = rows[0]
    assert reason and "\n" not in reason and size == len(data)
    assert Path(copy).read_bytes() == data
    at.run()  # a rerun of the page does not record it again
    with sqlite3.connect(env) as conn:
        assert conn.execute("select count(*) from quarantine where source like 'upload:%'").fetchone()[0] == 1
