"""The engines (ingest/engine.py): the same pure functions give the same store on a Dask cluster as in
one process; a dead worker or a raising task costs only its item."""
from __future__ import annotations

import csv
import json
import sqlite3
from pathlib import Path

import dask
import pytest

from ingest.checking import cleanup_store, make_context
from ingest.dossier_review import dossier_paths, review_dossiers
from ingest.engine import WORKER_DIED, DaskEngine, InlineEngine, PoolEngine, make_engine
from ingest.manifest import Manifest
from ingest.run import ingest
from ingest.store import Store
from tests.engine import tasks
from tests.paths import LAWS, ROOT

AS_OF_TEXT = "2026-11-23"


@pytest.fixture(scope="module")
def dask_engine():
    # one task at a time on a worker (the rest wait on the scheduler), so a worker that dies takes only its own
    with dask.config.set({"distributed.scheduler.allowed-failures": 1,
                          "distributed.scheduler.worker-saturation": 1.0}):
        engine = DaskEngine(2)
        yield engine
        engine.close()


def law_files(n: int) -> list[Path]:
    if not (LAWS / "manifest.csv").exists():
        pytest.skip("shared corpus not available")
    with (LAWS / "manifest.csv").open(encoding="utf-8-sig", newline="") as f:
        rows = [r for r in csv.DictReader(f) if r["level"] in ("法律", "行政法规", "地方性法规")]
    return [LAWS / r["path"] for r in rows[::max(1, len(rows) // n)][:n]]


def snapshot(db: Path) -> dict:
    """What a run stored, independent of ids and arrival order."""
    with sqlite3.connect(db) as conn:
        versions = conn.execute(
            "select v.content_hash, v.title, v.level, count(a.id) from versions v "
            "left join articles a on a.version_id = v.id group by v.id order by v.content_hash").fetchall()
        citations = conn.execute(
            "select v.content_hash, c.raw, c.start, c.resolution from citations c join versions v "
            "on v.id = c.version_id order by 1, 3, 2").fetchall()
        keys = conn.execute("select key, count(*) from documents group by key having count(*) > 1").fetchall()
    return {"versions": versions, "citations": citations, "duplicate_keys": keys}


@pytest.mark.parametrize("engine", [InlineEngine(), None], ids=["inline", "pool"])
def test_local_engines_map_every_item(engine):
    engine = engine or PoolEngine(2)
    try:
        got = sorted(o.value for o in engine.map(tasks.square, range(30), lambda x: (x,)))
    finally:
        engine.close()
    assert got == [x * x for x in range(30)]


def test_dask_engine_maps_every_item_with_a_bounded_window(dask_engine):
    def items():
        for x in range(50):
            yield x
    outcomes = list(dask_engine.map(tasks.square, items(), lambda x: (x,)))
    assert sorted(o.item for o in outcomes) == list(range(50))
    assert all(o.value == o.item ** 2 and o.error is None for o in outcomes)


@pytest.mark.parametrize("name", ["pool", "dask"])
def test_a_raising_task_is_an_outcome_not_an_abort(name, dask_engine):
    engine = dask_engine if name == "dask" else PoolEngine(2)
    try:
        outcomes = {o.item: o for o in engine.map(tasks.fail_on, range(10), lambda x: (x, 4))}
    finally:
        if engine is not dask_engine:
            engine.close()
    assert set(outcomes) == set(range(10))
    assert "ValueError: cannot take 4" in outcomes[4].error
    assert all(outcomes[x].value == x for x in range(10) if x != 4)


def test_a_task_that_kills_its_worker_costs_only_that_item_on_dask(dask_engine):
    outcomes = {o.item: o for o in dask_engine.map(tasks.die_on, range(12), lambda x: (x, 7))}
    assert outcomes[7].error == WORKER_DIED
    assert all(outcomes[x].value == x for x in range(12) if x != 7)  # rescheduled or untouched
    assert sorted(o.value for o in dask_engine.map(tasks.square, range(5), lambda x: (x,))) == [0, 1, 4, 9, 16]


def test_make_engine_refuses_an_unknown_name():
    with pytest.raises(ValueError, match="unknown engine 'ray'"):
        make_engine("ray", 2)
    assert isinstance(make_engine("local", 1), InlineEngine)


@pytest.fixture(scope="module")
def inputs() -> list[Path]:
    return [*law_files(40), ROOT / "corpus" / "normative"]


@pytest.fixture(scope="module")
def local_db(inputs, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("local") / "local.db"
    store = Store(path)
    ingest(inputs, store, Manifest.load(LAWS / "manifest.csv"), workers=1)
    store.close()
    return path


@pytest.fixture(scope="module")
def dask_db(inputs, dask_engine, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("dask") / "dask.db"
    store = Store(path)
    summary = ingest(inputs, store, Manifest.load(LAWS / "manifest.csv"), engine=dask_engine)
    assert summary.quarantined == [] and summary.new_versions > 40
    again = ingest(inputs, store, Manifest.load(LAWS / "manifest.csv"), engine=dask_engine)
    assert again.new_versions == 0 and again.unchanged == summary.read
    store.close()
    return path


def test_ingest_on_dask_stores_what_the_local_path_stores(local_db, dask_db):
    local, distributed = snapshot(local_db), snapshot(dask_db)
    assert distributed["duplicate_keys"] == []
    assert distributed["versions"] == local["versions"]
    assert distributed["citations"] == local["citations"]


def cleanup_json(db: Path, engine) -> dict:
    from datetime import date

    store = Store(db)
    try:
        result = cleanup_store(store, make_context(store, date.fromisoformat(AS_OF_TEXT)), save=False, engine=engine)
    finally:
        store.close()
    return json.loads(json.dumps(result, ensure_ascii=False, default=str))


def test_cleanup_on_dask_gives_the_in_process_verdicts(local_db, dask_engine):
    here = cleanup_json(local_db, None)
    there = cleanup_json(local_db, dask_engine)
    assert len(here["documents"]) >= 10
    assert there == here  # same verdicts, findings and order


def test_dossier_batch_on_dask_gives_the_in_process_reviews(local_db, dask_engine):
    from datetime import date

    paths = dossier_paths([ROOT / "corpus" / "dossiers"])
    store = Store(local_db)
    try:
        ctx = make_context(store, date.fromisoformat(AS_OF_TEXT))
        here, _ = review_dossiers(paths, ctx, store)
        there, failed = review_dossiers(paths, ctx, store, dask_engine)
    finally:
        store.close()
    assert failed == [] and len(here) == len(paths) >= 5
    assert there == here
