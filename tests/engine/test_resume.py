"""A run killed with SIGKILL mid-way and started again completes with no duplicate and no partial
document (issue 7), on both engines; the result equals an uninterrupted run's."""
from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ingest.manifest import Manifest
from ingest.run import ingest
from ingest.store import Store
from tests.engine.test_engines import law_files, snapshot
from tests.paths import LAWS

N_FILES = 160


@pytest.fixture(scope="module")
def files() -> list[Path]:
    return law_files(N_FILES)


@pytest.fixture(scope="module")
def reference(files, tmp_path_factory) -> dict:
    path = tmp_path_factory.mktemp("ref") / "ref.db"
    store = Store(path)
    ingest(files, store, Manifest.load(LAWS / "manifest.csv"), workers=2)
    store.close()
    return snapshot(path)


def count(db: Path, table: str) -> int:
    """Rows in ``table`` of a store another process is writing (0 before it exists)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=30) as conn:
            return conn.execute(f"select count(*) from {table}").fetchone()[0]
    except sqlite3.OperationalError:  # not created yet
        return 0


def command(files: list[Path], db: Path, engine: str) -> list[str]:
    return [sys.executable, "-m", "ui.cli", "ingest", *map(str, files), "--manifest", str(LAWS / "manifest.csv"),
            "--db", str(db), "--workers", "2", "--engine", engine, "--json"]


@pytest.mark.parametrize("engine", ["local", "dask"])
def test_sigkill_mid_run_then_rerun_completes_without_duplicates(files, reference, tmp_path, engine):
    db = tmp_path / "killed.db"
    proc = subprocess.Popen(command(files, db, engine), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                            start_new_session=True, cwd=Path(__file__).resolve().parents[2])
    deadline = time.monotonic() + 300
    while count(db, "versions") < 25 and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    os.killpg(proc.pid, signal.SIGKILL)  # the writer and every worker it started
    proc.wait()
    stored = count(db, "versions")
    assert 25 <= stored < len(files), "the run must be killed mid-way for this test to mean anything"
    with sqlite3.connect(db) as conn:
        assert conn.execute("select finished_at from ingest_runs order by id desc").fetchone()[0] is None
        assert conn.execute("select count(*) from articles where version_id not in "
                            "(select id from versions)").fetchone()[0] == 0

    # every version stored before the kill is whole: as many articles as the uninterrupted run gave it
    partial = {h: rest for h, *rest in snapshot(db)["versions"]}
    assert partial.items() <= {h: rest for h, *rest in reference["versions"]}.items()

    again = subprocess.run(command(files, db, engine), capture_output=True, text=True, timeout=600,
                           cwd=Path(__file__).resolve().parents[2])
    assert again.returncode == 0, again.stderr[-2000:]
    assert snapshot(db) == reference  # same versions, articles, citations and their resolution
    with sqlite3.connect(db) as conn:
        runs = conn.execute("select finished_at, new_versions from ingest_runs order by id").fetchall()
        orphans = conn.execute("select count(*) from paragraphs where article_id not in "
                               "(select id from articles)").fetchone()[0]
    assert runs[0][0] is None and runs[-1][0] is not None
    assert runs[-1][1] == len(reference["versions"]) - stored
    assert orphans == 0
    assert not list((tmp_path).glob("*.quarantine/**/*.part"))


def test_a_run_killed_while_resolving_citations_is_resolved_by_the_next(files, reference, tmp_path):
    """All versions written, then killed in the last step: the next run stores nothing new but must still
    resolve the citations the killed run left unresolved."""
    db = tmp_path / "resolve.db"
    store = Store(db)
    ingest(files[:30], store, Manifest.load(LAWS / "manifest.csv"), workers=1)
    resolved = store.db.execute("select count(*) from citations where resolution is not null").fetchone()[0]
    assert resolved > 0
    store.db.execute("update citations set resolution = null, resolved_title = null, resolved_document_id = null")
    store.db.execute("update ingest_runs set finished_at = null")  # as SIGKILL before finish_run leaves it
    store.db.conn.commit()
    summary = ingest(files[:30], store, Manifest.load(LAWS / "manifest.csv"), workers=1)
    assert summary.new_versions == 0
    assert store.db.execute("select count(*) from citations where resolution is not null").fetchone()[0] == resolved
    store.close()
