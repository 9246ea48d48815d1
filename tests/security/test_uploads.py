"""Oversized uploads: the uploaders' ``max_upload_size`` is enforced by the browser only, so the pages check
the size again and `normscope ui` gives the server the same cap (``--server.maxUploadSize``).

Already covered (not repeated): tests/ui/test_pages_cleanup_dossier.py::test_upload_size_check and
::test_upload_over_limit_is_refused (dossier page), tests/ingest/test_upload_inputs.py::
test_a_file_over_the_limit_is_one_refused_input_keeping_its_bytes and ::test_an_archive_is_measured_against_the_
archive_limit (the ingest limits behind both pages).
"""
from __future__ import annotations

import sqlite3
import subprocess
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ingest.run import ingest
from ingest.store import Store
from tests.paths import ROOT
from tests.security.conftest import invoke
from tests.security.hostile import GOOD
from ui.pages._shared import MAX_UPLOAD_MB

APP = str(ROOT / "ui" / "app.py")
LIMIT = MAX_UPLOAD_MB * 1024 * 1024


@pytest.fixture(scope="module")
def db_file(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("uploads")
    (root / "办法.txt").write_text(GOOD, encoding="utf-8")
    store = Store(root / "u.db")
    ingest([root / "办法.txt"], store, workers=1)
    store.close()
    return root / "u.db"


def counts(db_file: Path) -> tuple[int, int, int]:
    """Versions, quarantine rows and quarantine copies kept beside the store."""
    kept = db_file.parent / (db_file.name + ".quarantine")
    with sqlite3.connect(db_file) as conn:
        return (conn.execute("select count(*) from versions").fetchone()[0],
                conn.execute("select count(*) from quarantine").fetchone()[0],
                sum(1 for p in kept.rglob("*") if p.is_file()) if kept.exists() else 0)


def review_page(db_file: Path, monkeypatch) -> AppTest:
    monkeypatch.setenv("NORMSCOPE_DB", str(db_file))
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("pages/review.py").run()
    assert not at.exception
    return at


@pytest.mark.parametrize(("name", "mime"), [("big.txt", "text/plain"), ("big.zip", "application/zip")])
def test_review_upload_over_the_limit_is_refused_before_it_is_read(db_file, monkeypatch, name, mime):
    """One byte over 50 MB, sent past the browser's check: refused with one message, nothing stored, nothing
    quarantined, no copy kept (a 50 MB+ copy per attempt would fill the disk)."""
    before = counts(db_file)
    at = review_page(db_file, monkeypatch)
    at.file_uploader(key="review_upload").set_value((name, b"\0" * (LIMIT + 1), mime)).run()
    assert not at.exception
    assert [e.value for e in at.error] == [f"上传的文件超过 {MAX_UPLOAD_MB} MB，已拒绝处理。"]
    assert not any("结果" in d.value.columns for d in at.dataframe)  # no upload table: nothing was ingested
    assert counts(db_file) == before


def test_review_upload_at_the_limit_is_read(db_file, monkeypatch):
    at = review_page(db_file, monkeypatch)
    at.file_uploader(key="review_upload").set_value(("edge.txt", b"\0" * LIMIT, "text/plain")).run()
    assert not at.exception and not any("超过" in e.value for e in at.error)
    table = next(d.value for d in at.dataframe if "结果" in d.value.columns)
    assert list(table["结果"]) == ["已隔离"]  # read by ingest and refused as binary, with its one-line reason


def test_ui_command_gives_the_server_the_upload_cap(db_file, monkeypatch):
    calls = []
    monkeypatch.setattr(subprocess, "call", lambda cmd: calls.append(cmd) or 0)
    result = invoke("ui", "--db", db_file, "--port", "8765")
    assert result.exit_code == 0, result.output
    [cmd] = calls
    assert cmd[cmd.index("--server.maxUploadSize") + 1] == str(MAX_UPLOAD_MB) == "50"
    assert cmd.index("--server.maxUploadSize") < cmd.index("--")  # a streamlit option, not the app's
    assert cmd[cmd.index("--") + 1:] == ["--db", str(db_file.resolve())]
    assert cmd[cmd.index("--server.address") + 1] == "127.0.0.1"  # not every interface by default
    assert cmd[cmd.index("--client.showErrorDetails") + 1] == "none"


def test_both_uploaders_declare_the_same_cap():
    for page in ("review.py", "dossier.py"):
        source = (ROOT / "ui" / "pages" / page).read_text(encoding="utf-8")
        assert "max_upload_size=MAX_UPLOAD_MB" in source, page
