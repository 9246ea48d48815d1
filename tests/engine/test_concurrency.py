"""Several reviewers recording decisions while an ingest writes to the same store (issue 7): WAL, the
busy timeout and retries mean every decision lands and the ingest completes."""
from __future__ import annotations

import multiprocessing
import sqlite3
import subprocess
import sys
import time

import sqlite_utils

from tests.engine.test_engines import law_files
from tests.engine.test_resume import count
from tests.paths import LAWS, ROOT
from ui import decisions

REVIEWERS = 4
EACH = 60


def reviewer(db: str, name: str, ready, start) -> None:
    """One reviewer's session: its own connection, a decision every few milliseconds, reads between."""
    ready.put(name)
    start.wait()
    conn = sqlite_utils.Database(sqlite3.connect(db, timeout=30))
    for i in range(EACH):
        decisions.record(conn, f"F101-{name}-{i}", ("accepted", "dismissed")[i % 2], reviewer=name,
                         kind="review", note=None)
        decisions.latest(conn, [f"F101-{name}-{i}"])  # a read between writes, as the page does
        time.sleep(0.005)
    conn.close()


def test_no_decision_is_lost_while_ingest_runs(tmp_path):
    db = tmp_path / "busy.db"
    files = law_files(200)
    ingest_cmd = [sys.executable, "-m", "ui.cli", "ingest", *map(str, files), "--manifest",
                  str(LAWS / "manifest.csv"), "--db", str(db), "--workers", "2", "--json"]
    ctx = multiprocessing.get_context("spawn")
    start, ready = ctx.Event(), ctx.Queue()
    people = [ctx.Process(target=reviewer, args=(str(db), f"审查员{n}", ready, start)) for n in range(REVIEWERS)]
    for p in people:
        p.start()
    for _ in people:  # every reviewer started and imported before the ingest begins: release is then instant
        ready.get(timeout=300)
    writer = subprocess.Popen(ingest_cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    while count(db, "versions") < 10 and writer.poll() is None:  # the ingest is writing
        time.sleep(0.05)
    released_during_ingest = writer.poll() is None
    start.set()
    for p in people:
        p.join(timeout=300)
    out, err = writer.communicate(timeout=600)
    assert writer.returncode == 0, err[-2000:]
    assert all(p.exitcode == 0 for p in people)

    with sqlite3.connect(db) as conn:
        rows = conn.execute("select reviewer, count(*), count(distinct finding_id) from decisions "
                            "group by reviewer order by reviewer").fetchall()
        versions = conn.execute("select count(*) from versions").fetchone()[0]
        mode = conn.execute("pragma journal_mode").fetchone()[0]
        first, finished = conn.execute("select (select min(at) from decisions), "
                                       "(select max(finished_at) from ingest_runs)").fetchone()
    assert rows == [(f"审查员{n}", EACH, EACH) for n in range(REVIEWERS)]
    assert versions == len({f.read_bytes() for f in files})
    assert mode == "wal"
    assert released_during_ingest and first <= finished  # the reviewers wrote while the ingest was writing


def test_retry_locked_retries_only_lock_errors():
    from ingest.store import retry_locked

    calls = []

    def flaky():
        calls.append(1)
        if len(calls) < 3:
            raise sqlite3.OperationalError("database is locked")
        return "done"

    assert retry_locked(flaky, first_wait=0.001) == "done" and len(calls) == 3

    def broken():
        raise sqlite3.OperationalError("no such table: nothing")

    try:
        retry_locked(broken, first_wait=0.001)
    except sqlite3.OperationalError as exc:
        assert "no such table" in str(exc)
    else:
        raise AssertionError("a schema error must not be retried")
