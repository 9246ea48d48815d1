"""Reviewer decisions on findings: append-only, with who decided and when (issue 6).

A decision refers to a finding by its stable id (``fid``), so it stays attached when the checks are
re-run and the ``findings`` table is rewritten. Rows are only ever inserted: a change of mind is a
new row, and the latest row per finding is the decision in force. ``latest`` returns the map
``ui.exports`` takes (fid → {"decision", "note", "reviewer", "at"}).
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import sqlite_utils

from ingest.store import immediate, now, retry_locked

KINDS = ("review", "cleanup", "dossier")
DECISIONS = ("accepted", "dismissed", "annotated")
LABELS = {"accepted": "采纳", "dismissed": "不采纳", "annotated": "批注"}
BUSY_TIMEOUT_MS = 30_000

_COLUMNS = {"id": int, "finding_id": str, "version_id": int, "document_id": int, "kind": str,
            "decision": str, "note": str, "reviewer": str, "at": str}


def ensure_table(db: sqlite_utils.Database) -> None:
    """Create the ``decisions`` table and its index when the store does not have them yet (several
    reviewers may open a new store at once: every statement is idempotent and retried when locked)."""
    db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    if "decisions" in db.table_names():
        return

    def create() -> None:
        with immediate(db):
            db["decisions"].create(_COLUMNS, pk="id", not_null={"finding_id", "kind", "decision", "at"},
                                   if_not_exists=True)
            db["decisions"].create_index(["finding_id", "id"], if_not_exists=True)
            db["decisions"].create_index(["document_id"], if_not_exists=True)
    retry_locked(create)


def record(db: sqlite_utils.Database, finding_id: str, decision: str, *, reviewer: str,
           kind: str = "review", note: str | None = None, version_id: int | None = None,
           document_id: int | None = None, at: str | None = None) -> int:
    """Append one decision in its own transaction; returns the new row id. Never updates or deletes."""
    if not isinstance(finding_id, str) or not finding_id:
        raise ValueError("a decision needs the finding's id")
    if decision not in DECISIONS:
        raise ValueError(f"decision must be one of {', '.join(DECISIONS)}, not {decision!r}")
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {', '.join(KINDS)}, not {kind!r}")
    reviewer = (reviewer or "").strip()
    if not reviewer:
        raise ValueError("a decision needs the reviewer's name")
    if decision == "annotated" and not (note or "").strip():
        raise ValueError("an annotation needs a note")
    ensure_table(db)
    row = {"finding_id": finding_id, "version_id": version_id, "document_id": document_id, "kind": kind,
           "decision": decision, "note": (note or "").strip() or None, "reviewer": reviewer, "at": at or now()}

    def insert() -> int:
        with immediate(db):
            return db["decisions"].insert(row).last_pk
    return retry_locked(insert)


def _by_finding(db: sqlite_utils.Database, sql: str, finding_ids: Iterable[str]) -> Iterator[dict[str, Any]]:
    """Rows of ``sql`` (whose ``{marks}`` takes a list of finding ids) for the given ids, in chunks that stay
    under SQLite's bound-variable limit."""
    ids = list(dict.fromkeys(f for f in finding_ids if isinstance(f, str)))
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        yield from db.query(sql.format(marks=",".join("?" * len(chunk))), chunk)


def latest(db: sqlite_utils.Database, finding_ids: Iterable[str] | None = None) -> dict[str, dict[str, Any]]:
    """The decision in force per finding (the newest row), for the given ids or for every finding."""
    ensure_table(db)
    columns = "finding_id, decision, note, reviewer, at, kind, version_id, document_id"
    if finding_ids is None:
        rows = db.query(f"select {columns} from decisions where id in "
                        "(select max(id) from decisions group by finding_id)")
    else:
        rows = _by_finding(db, f"select {columns} from decisions where id in (select max(id) from decisions "
                               "where finding_id in ({marks}) group by finding_id)", finding_ids)
    return {r.pop("finding_id"): r for r in rows}


def history(db: sqlite_utils.Database, finding_id: str) -> list[dict[str, Any]]:
    """Every decision on one finding, oldest first."""
    return histories(db, [finding_id]).get(finding_id, [])


def histories(db: sqlite_utils.Database, finding_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
    """Every decision on each of the given findings, oldest first (findings without one are absent)."""
    ensure_table(db)
    out: dict[str, list[dict[str, Any]]] = {}
    for row in _by_finding(db, "select * from decisions where finding_id in ({marks}) order by id", finding_ids):
        out.setdefault(row["finding_id"], []).append(row)
    return out


#: Queue states a reviewer filters on: the latest decision, or none yet.
STATES = {"undecided": "未处理", **LABELS}


def state(latest_decision: dict[str, Any] | None) -> str:
    """The queue state of a finding from its latest decision (``STATES`` key)."""
    return latest_decision["decision"] if latest_decision else "undecided"


def queue(findings: list[dict[str, Any]], decided: dict[str, dict[str, Any]],
          states: Iterable[str] = ()) -> list[dict[str, Any]]:
    """The findings in the chosen states (all when none chosen), undecided first, then in their own order."""
    wanted = set(states)
    kept = [f for f in findings if not wanted or state(decided.get(f.get("id"))) in wanted]
    return sorted(kept, key=lambda f: state(decided.get(f.get("id"))) != "undecided")
