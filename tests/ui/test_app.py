"""The Streamlit workspace (ui/app.py) through streamlit.testing AppTest, and ui/decisions.

The store is built once per module from corpus/normative plus one hostile document; the app reads it
from $NORMSCOPE_DB.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from streamlit.testing.v1 import AppTest

from tests.paths import ROOT
from tests.ui.conftest import HOSTILE, HOSTILE_TITLE, SCRIPT, demo_store
from ui import decisions

APP = str(ROOT / "ui" / "app.py")
BIKES = "临江市城市管理局关于加强互联网租赁自行车停放管理的通知"
TIMEOUT = 120


@pytest.fixture(scope="module")
def db_file(tmp_path_factory) -> Path:
    return demo_store(tmp_path_factory.mktemp("ui"), {f"{HOSTILE_TITLE}.txt": HOSTILE})


@pytest.fixture
def app(db_file, monkeypatch) -> AppTest:
    monkeypatch.setenv("NORMSCOPE_DB", str(db_file))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception
    return at


def doc_id(db_file: Path, title: str) -> int:
    with sqlite3.connect(db_file) as conn:
        return conn.execute("select id from documents where title = ?", [title]).fetchone()[0]


def open_review(at: AppTest, document_id: int, reviewer: str | None = None) -> AppTest:
    if reviewer:
        at.text_input(key="reviewer_input").input(reviewer).run()
    at.switch_page("pages/review.py").run()
    at.selectbox(key="review_doc").set_value(document_id).run()
    assert not at.exception
    return at


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


# ---------------------------------------------------------------- pages render


@pytest.mark.parametrize("page", ["pages/overview.py", "pages/review.py", "pages/search.py"])
def test_every_page_renders(app, page):
    app.switch_page(page).run()
    assert not app.exception
    assert app.title, page
    assert app.text_input(key="reviewer_input") is not None  # the sidebar is on every page


def test_overview_counts_documents(app, db_file):
    with sqlite3.connect(db_file) as conn:
        n = conn.execute("select count(*) from documents").fetchone()[0]
    assert n == 17
    metrics = {m.label: m.value for m in app.metric}
    assert metrics["文件"] == str(n)
    levels = app.dataframe[0].value
    assert set(levels["层级"]) >= {"行政规范性文件", "地方政府规章"}
    assert levels["文件数"].sum() == n
    assert app.get("bar_chart") or app.get("arrow_vega_lite_chart") or app.get("vega_lite_chart")


def test_missing_database_is_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("NORMSCOPE_DB", str(tmp_path / "absent.db"))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT).run()
    assert not at.exception
    assert at.error and "找不到数据库" in at.error[0].value
    assert not (tmp_path / "absent.db").exists()


# ---------------------------------------------------------------- review queue


def test_review_lists_planted_findings(app, db_file):
    at = open_review(app, doc_id(db_file, BIKES))
    shown = "\n".join(texts(at))
    assert BIKES in shown
    assert "审查结论：建议纠正" in shown
    for rule in ("F104", "F201", "F402"):
        assert any(t.startswith(rule) for t in texts(at)), rule
    assert "原文：收取停放秩序管理费" in shown
    assert "四、（二）" in shown
    full = next(t for t in texts(at) if t.startswith("【") or "【收取停放秩序管理费】" in t)
    assert "【收取停放秩序管理费】" in full
    assert at.get("download_button")
    dismiss = [b for b in at.button if b.key.startswith("dismiss-")]
    assert dismiss and all(b.disabled for b in dismiss)  # no reviewer named yet
    assert any("请在侧栏填写审查人" in w.value for w in at.warning)


def test_dismiss_records_a_decision(app, db_file):
    document = doc_id(db_file, BIKES)
    at = open_review(app, document, reviewer="张三")
    button = next(b for b in at.button if b.key.startswith("dismiss-F104"))
    fid = button.key.removeprefix("dismiss-")
    button.click().run()
    assert not at.exception
    rows = sqlite_utils.Database(db_file).query("select * from decisions where finding_id = ?", [fid])
    rows = list(rows)
    assert len(rows) == 1
    row = rows[0]
    assert (row["decision"], row["reviewer"], row["kind"], row["document_id"]) == ("dismissed", "张三", "review", document)
    assert row["version_id"] and row["at"].endswith("+00:00")
    assert any(t.startswith("决定：不采纳（张三") for t in texts(at))

    # an annotation is a new row; the earlier decision stays
    at.text_input(key=f"note-{fid}").input("经研究，收费有省级批准文件").run()
    at.button(key=f"annotate-{fid}").click().run()
    assert not at.exception
    history = decisions.history(sqlite_utils.Database(db_file), fid)
    assert [h["decision"] for h in history] == ["dismissed", "annotated"]
    assert history[-1]["note"] == "经研究，收费有省级批准文件"


def test_annotation_without_note_is_refused(app, db_file):
    at = open_review(app, doc_id(db_file, BIKES), reviewer="李四")
    button = next(b for b in at.button if b.key.startswith("annotate-F201"))
    fid = button.key.removeprefix("annotate-")
    button.click().run()
    assert not at.exception
    assert at.error and "请先填写说明" in at.error[0].value
    assert decisions.history(sqlite_utils.Database(db_file), fid) == []


def test_hostile_text_is_never_html(app, db_file):
    at = open_review(app, doc_id(db_file, HOSTILE_TITLE))
    assert any(SCRIPT in t for t in texts(at))  # shown, as plain text
    for kind in ("markdown", "caption", "html", "latex", "title", "header", "subheader", "info", "warning",
                 "error", "success"):
        for element in at.get(kind):
            assert "<script" not in str(getattr(element, "value", "")), kind
            assert "**粗体**" not in str(getattr(element, "value", "")), kind
    for widget in (*at.button, *at.selectbox, *at.text_input, *at.toggle):
        assert "<script" not in str(widget.label)


# ---------------------------------------------------------------- search


def test_search_finds_dust(app):
    app.switch_page("pages/search.py").run()
    app.text_input(key="search_query").input("扬尘").run()
    assert not app.exception
    assert any(t.startswith("找到") and t != "找到 0 条" for t in texts(app))
    table = app.dataframe[0].value
    assert len(table) > 0
    assert table["正文"].str.contains("扬尘").all()
    assert "临江市扬尘和露天焚烧污染防治办法" in set(table["标题"])


def test_search_filters_by_level(app):
    app.switch_page("pages/search.py").run()
    app.selectbox(key="search_level").set_value("地方政府规章").run()
    app.text_input(key="search_query").input("扬尘").run()
    assert not app.exception
    table = app.dataframe[0].value
    assert set(table["层级"]) == {"地方政府规章"}


def test_search_without_hits(app):
    app.switch_page("pages/search.py").run()
    app.text_input(key="search_query").input("不存在的词语组合").run()
    assert not app.exception
    assert "找到 0 条" in texts(app)
    assert not app.dataframe


# ---------------------------------------------------------------- ui/decisions


@pytest.fixture
def memdb(tmp_path) -> sqlite_utils.Database:
    return sqlite_utils.Database(tmp_path / "d.db")


def test_decisions_are_append_only(memdb):
    first = decisions.record(memdb, "F102-abc", "accepted", reviewer="张三", version_id=1, document_id=1)
    second = decisions.record(memdb, "F102-abc", "dismissed", reviewer="李四", note="上位法另有规定")
    assert second > first
    rows = decisions.history(memdb, "F102-abc")
    assert [(r["decision"], r["reviewer"]) for r in rows] == [("accepted", "张三"), ("dismissed", "李四")]
    latest = decisions.latest(memdb, ["F102-abc", "F999-none"])
    assert set(latest) == {"F102-abc"}
    assert latest["F102-abc"]["decision"] == "dismissed"
    assert latest["F102-abc"]["note"] == "上位法另有规定"
    assert latest["F102-abc"]["reviewer"] == "李四"
    assert latest["F102-abc"]["at"]
    assert decisions.latest(memdb) == latest
    assert decisions.latest(memdb, []) == {}


def test_latest_is_per_finding(memdb):
    decisions.record(memdb, "a", "accepted", reviewer="甲")
    decisions.record(memdb, "b", "dismissed", reviewer="乙")
    decisions.record(memdb, "a", "annotated", reviewer="丙", note="待研究")
    got = decisions.latest(memdb, ["a", "b"])
    assert {k: v["decision"] for k, v in got.items()} == {"a": "annotated", "b": "dismissed"}


@pytest.mark.parametrize("kwargs", [
    {"finding_id": "", "decision": "accepted", "reviewer": "甲"},
    {"finding_id": "x", "decision": "deleted", "reviewer": "甲"},
    {"finding_id": "x", "decision": "accepted", "reviewer": "  "},
    {"finding_id": "x", "decision": "annotated", "reviewer": "甲"},
    {"finding_id": "x", "decision": "accepted", "reviewer": "甲", "kind": "other"},
])
def test_bad_decisions_are_refused(memdb, kwargs):
    with pytest.raises(ValueError):
        decisions.record(memdb, **kwargs)
    assert decisions.latest(memdb) == {}


def test_latest_feeds_the_export(memdb, tmp_path):
    from docx import Document

    from ui.exports import review_docx

    finding = {"id": "F104-1", "rule": "F104", "severity": "error", "title": "设定收费", "message": "自行设定收费",
               "evidence": "收取停放秩序管理费", "location": "四、（二）", "basis": "国办发〔2018〕37号",
               "suggestion": "删除"}
    result = {"document": {"title": "测试"}, "conclusion": "建议纠正", "findings": [finding]}
    decisions.record(memdb, "F104-1", "dismissed", reviewer="张三")
    path = review_docx(result, tmp_path / "a.docx", decisions=decisions.latest(memdb, ["F104-1"]))
    assert "收取停放秩序管理费" not in "\n".join(p.text for p in Document(path).paragraphs)


# ---------------------------------------------------------------- normscope ui


def test_ui_command_refuses_a_missing_database(tmp_path):
    from typer.testing import CliRunner

    from ui.cli import app as cli

    result = CliRunner().invoke(cli, ["ui", "--db", str(tmp_path / "absent.db")])
    assert result.exit_code == 2
    assert not (tmp_path / "absent.db").exists()


def test_ui_command_starts_streamlit_on_the_database(db_file, monkeypatch):
    import subprocess

    from typer.testing import CliRunner

    from ui.cli import app as cli

    calls = []
    monkeypatch.setattr(subprocess, "call", lambda cmd: calls.append(cmd) or 0)
    result = CliRunner().invoke(cli, ["ui", "--db", str(db_file), "--port", "8642"])
    assert result.exit_code == 0, result.output
    cmd = calls[0]
    assert cmd[1:4] == ["-m", "streamlit", "run"] and cmd[4].endswith("ui/app.py")
    assert cmd[cmd.index("--server.port") + 1] == "8642"
    assert cmd[cmd.index("--server.headless") + 1] == "true"
    assert cmd[cmd.index("--") + 1:] == ["--db", str(db_file.resolve())]


def test_the_upper_level_provision_is_shown_beside_the_finding(app, db_file):
    """F501 on the joint 扬尘 notice names the 办法 article it contradicts; its text is shown with it."""
    notice = "临江市住房和城乡建设局临江市生态环境局关于进一步加强建设工程施工扬尘防治工作的通知"
    at = open_review(app, doc_id(db_file, notice))
    texts = [t.value for t in at.text]
    assert any(t.startswith("对照：《临江市扬尘和露天焚烧污染防治办法》第八条") for t in texts), texts
    assert any("工程开工十五日前" in t for t in texts)
