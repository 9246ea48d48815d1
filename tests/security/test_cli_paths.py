"""Paths given to the command: export paths that are folders or cannot be written, and a --db that is not
an SQLite database. Each is one line on stderr and exit 2 — never a traceback — and the file is left as it was.

Already covered (not repeated): tests/cli/test_ingest_cli.py and tests/cli/test_review_cli.py — missing input
paths and stored ids exit 2; tests/ui/test_app.py — `normscope ui` on a missing database exits 2.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from ingest.run import ingest
from ingest.store import Store
from tests.security.conftest import invoke, run_cli
from tests.security.hostile import GOOD

NOTICE = """临江市测试局关于规范测试活动的通知

临测发〔2024〕1号

各区县测试部门：

一、从事测试活动的单位应当遵守本通知。
二、违反本通知的，由市测试局处五千元罚款。
三、本通知自2024年3月1日起施行，有效期五年。

临江市测试局
2024年2月1日
"""


@pytest.fixture(scope="module")
def store_dir(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("paths")
    (root / "通知.txt").write_text(NOTICE, encoding="utf-8")
    store = Store(root / "n.db")
    ingest([root / "通知.txt"], store, workers=1)
    store.close()
    return root


def one_line_error(result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.output)
    assert result.stderr.startswith("normscope: ") and result.stderr.count("\n") == 1, result.stderr
    assert "Traceback" not in result.output
    return result.stderr


# ---------------------------------------------------------------- export paths


EXPORTS = [
    ("review", "通知.txt", "--docx"),
    ("cleanup", None, "--docx"),
    ("cleanup", None, "--xlsx"),
    ("basis-catalog", None, "--docx"),
]


def _args(store_dir: Path, command: str, target: str | None, option: str, path: Path) -> list:
    return [command, *([store_dir / target] if target else []), "--db", store_dir / "n.db", option, path, "--json"]


@pytest.mark.parametrize(("command", "target", "option"), EXPORTS)
def test_an_export_path_that_is_a_folder_is_refused(store_dir, tmp_path, command, target, option):
    folder = tmp_path / "out.docx"
    folder.mkdir()
    error = one_line_error(invoke(*_args(store_dir, command, target, option, folder)))
    assert f"cannot write {folder}" in error and "Is a directory" in error
    assert list(folder.iterdir()) == []


@pytest.mark.parametrize(("command", "target", "option"), EXPORTS)
def test_an_export_path_under_a_file_is_refused(store_dir, tmp_path, command, target, option):
    blocker = tmp_path / "report"
    blocker.write_text("not a folder", encoding="utf-8")
    error = one_line_error(invoke(*_args(store_dir, command, target, option, blocker / "out" / "x.docx")))
    assert "cannot write" in error
    assert blocker.read_text(encoding="utf-8") == "not a folder"


@pytest.mark.parametrize(("command", "target", "option"), EXPORTS)
def test_an_export_into_a_new_folder_creates_it(store_dir, tmp_path, command, target, option):
    """A folder that does not exist yet is made (the exports' documented behaviour), inside the path given."""
    out = tmp_path / "new" / "deeper" / ("out" + (".xlsx" if option == "--xlsx" else ".docx"))
    result = invoke(*_args(store_dir, command, target, option, out))
    assert result.exit_code == 0, result.output
    assert out.is_file() and out.stat().st_size > 0
    assert sorted(p.name for p in tmp_path.rglob("*")) == sorted(["new", "deeper", out.name])


def test_a_dossier_export_to_a_folder_is_refused(tmp_path):
    from tests.paths import ROOT

    folder = tmp_path / "表.docx"
    folder.mkdir()
    error = one_line_error(invoke("dossier", ROOT / "corpus" / "dossiers" / "案卷07", "--db", tmp_path / "none.db",
                                  "--docx", folder, "--json"))
    assert "cannot write" in error and list(folder.iterdir()) == []


# ---------------------------------------------------------------- --db that is not a database


NOT_A_DATABASE = b"This is a report, not a database.\n" * 20


def not_a_database(tmp_path: Path) -> Path:
    path = tmp_path / "report.db"
    path.write_bytes(NOT_A_DATABASE)
    return path


COMMANDS = [
    ("stats",),
    ("search", "测试活动"),
    ("ingest", "{input}"),
    ("review", "{input}"),
    ("cleanup",),
    ("basis-catalog",),
    ("parse", "{input}"),
    ("ui",),
]


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c[0])
def test_a_db_that_is_not_sqlite_is_one_line_and_left_alone(tmp_path, monkeypatch, command):
    import subprocess

    monkeypatch.setattr(subprocess, "call", lambda cmd: pytest.fail("streamlit started on a non-database"))
    db = not_a_database(tmp_path)
    source = tmp_path / "办法.txt"
    source.write_text(GOOD, encoding="utf-8")
    args = [a.format(input=source) for a in command]
    error = one_line_error(invoke(*args, "--db", db))
    assert f"{db}: not a usable normscope database" in error
    assert db.read_bytes() == NOT_A_DATABASE
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.db", "办法.txt"]  # no -wal, -shm, quarantine


def test_a_db_that_is_a_folder_is_one_line(tmp_path):
    error = one_line_error(invoke("stats", "--db", tmp_path))
    assert "not a usable normscope database" in error


def test_a_db_that_is_not_sqlite_as_a_black_box(tmp_path):
    db = not_a_database(tmp_path)
    proc = run_cli("stats", "--db", str(db), "--json", cwd=tmp_path)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "not a usable normscope database" in proc.stderr
    assert db.read_bytes() == NOT_A_DATABASE


def test_a_good_db_still_opens(store_dir):
    result = invoke("stats", "--db", store_dir / "n.db", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)["documents"] == 1
    with sqlite3.connect(store_dir / "n.db") as conn:
        assert conn.execute("select count(*) from versions").fetchone()[0] == 1
