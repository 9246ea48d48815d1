"""A small law library from the shared corpus, and helpers that review written documents against it.

The library holds the real laws the rules are tested on (two versions of 立法法 and of
农产品质量安全法 for amended and renumbered articles); each test copies it and adds its own
fictional documents, so tests never see each other's documents.
"""
from __future__ import annotations

import csv
import shutil
import sqlite3
from datetime import date
from pathlib import Path

import pytest

from ingest.checking import cleanup_store, make_context, review_file, review_stored
from ingest.manifest import Manifest
from ingest.run import default_workers, ingest
from ingest.store import Store
from nlp.checks.review import Review
from tests.paths import LAWS

LIBRARY_TITLES = (
    "中华人民共和国大气污染防治法", "中华人民共和国行政处罚法", "中华人民共和国行政许可法", "中华人民共和国行政强制法",
    "中华人民共和国食品安全法", "中华人民共和国城乡规划法", "中华人民共和国土地管理法", "城市市容和环境卫生管理条例",
    "城市绿化条例", "中华人民共和国广告法", "中华人民共和国固体废物污染环境防治法", "中华人民共和国治安管理处罚法",
    "中华人民共和国道路交通安全法", "中华人民共和国消费者权益保护法", "中华人民共和国立法法",
    "中华人民共和国农产品质量安全法", "中华人民共和国民法典", "中华人民共和国水污染防治法",
)
AS_OF = date(2026, 11, 23)


@pytest.fixture(scope="session")
def law_db(tmp_path_factory) -> Path:
    """A store with LIBRARY_TITLES ingested from ../shared/corpus/laws (all their versions)."""
    if not (LAWS / "manifest.csv").exists():
        pytest.skip("shared corpus not available")
    with (LAWS / "manifest.csv").open(encoding="utf-8-sig", newline="") as f:
        files = [LAWS / r["path"] for r in csv.DictReader(f) if r["title"] in LIBRARY_TITLES]
    path = tmp_path_factory.mktemp("library") / "laws.db"
    store = Store(path)
    ingest(files, store, Manifest.load(LAWS / "manifest.csv"), workers=2)
    store.db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    store.close()
    return path


@pytest.fixture(scope="session")
def full_corpus(tmp_path_factory) -> Store:
    """The whole shared law corpus in one store (read only: tests review against it, never add to it)."""
    if not (LAWS / "manifest.csv").exists():
        pytest.skip("shared corpus not available")
    store = Store(tmp_path_factory.mktemp("corpus") / "corpus.db")
    ingest([LAWS], store, Manifest.load(LAWS / "manifest.csv"), workers=default_workers())
    yield store
    store.close()


@pytest.fixture
def library(law_db, tmp_path) -> Store:
    """A private copy of the law library for one test."""
    target = tmp_path / "store.db"
    src, dst = sqlite3.connect(law_db), sqlite3.connect(target)
    src.backup(dst)
    src.close()
    dst.close()
    store = Store(target)
    yield store
    store.close()


def add_documents(store: Store, folder: Path, docs: dict[str, str]) -> dict[str, int]:
    """Write ``docs`` (file name → text) under ``folder`` and ingest them; returns file name → document id."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in docs.items():
        (folder / name).write_text(text, encoding="utf-8")
    ingest([folder / name for name in docs], store, workers=1)
    ids = {}
    for name in docs:
        row = store.db.execute("select document_id from versions where source = ?", [str(folder / name)]).fetchone()
        assert row, f"{name} was not stored"
        ids[name] = row[0]
    return ids


def review_text(store: Store, tmp_path: Path, text: str, name: str = "submitted.md", as_of: date = AS_OF,
                filed_on: date | None = None) -> Review:
    """Review an unstored document against the store, as `normscope review FILE` does."""
    path = tmp_path / "submitted" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return review_file(store, path, make_context(store, as_of, filed_on))


def review_doc(store: Store, document_id: int, as_of: date = AS_OF) -> Review:
    return review_stored(store, document_id, make_context(store, as_of))


def cleanup(store: Store, as_of: date = AS_OF, issuer: str | None = None) -> dict:
    return cleanup_store(store, make_context(store, as_of), issuer)


def rules(review: Review, severity: str | None = None) -> list[str]:
    return [f.rule for f in review.findings if severity is None or f.severity == severity]


def copy_demo(folder: Path) -> Path:
    """The bundled demo documents, copied so a test may add to them."""
    src = Path(__file__).resolve().parents[2] / "corpus" / "normative"
    shutil.copytree(src, folder)
    return folder


def assert_explained(found: set[tuple[str, str, str]], explained_csv: Path) -> None:
    """Every (source, rule, location) found is read and explained in ``explained_csv``, and nothing explained is stale."""
    with explained_csv.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    explained = {(r["source"], r["rule"], r["location"]) for r in rows}
    assert found - explained == set(), "findings nobody has explained"
    assert explained - found == set(), "explained findings the checks no longer report: update the file"
    for r in rows:
        assert r["verdict"] in ("true problem", "known limit") and len(r["explanation"]) > 10, r
