"""The one stateful piece: a SQLite file, written through sqlite-utils.

Each document is written in a single transaction, so an interrupted run leaves either the
whole document or nothing. Articles are searchable through FTS5 with the trigram tokenizer.
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, TypeVar

import sqlite_utils

DEFAULT_DB = "normscope.db"
SCHEMA_VERSION = 2
T = TypeVar("T")


def db_path(explicit: str | os.PathLike | None = None) -> Path:
    """--db wins, then $NORMSCOPE_DB, then ./normscope.db (CONTRACT)."""
    return Path(explicit or os.environ.get("NORMSCOPE_DB") or DEFAULT_DB)


@contextmanager
def immediate(db: sqlite_utils.Database) -> Iterator[sqlite_utils.Database]:
    """A write transaction that takes SQLite's write lock at BEGIN, waiting up to the busy timeout. With
    WAL, a deferred transaction that reads first (sqlite-utils checks the table before inserting) fails
    at once with 'database is locked' when another writer committed meanwhile; this one cannot."""
    if db.conn.in_transaction:
        with db.atomic():  # nested: a savepoint in the transaction already holding the lock
            yield db
        return
    db.conn.execute("BEGIN IMMEDIATE")
    try:
        yield db
    except BaseException:
        db.conn.rollback()
        raise
    db.conn.execute("COMMIT")


def retry_locked(write: Callable[[], T], attempts: int = 6, first_wait: float = 0.05) -> T:
    """Run a write transaction, again after a short backoff when SQLite still reports the database locked
    or busy past the busy timeout (a WAL reader whose snapshot went stale must start over)."""
    for attempt in range(attempts):
        try:
            return write()
        except sqlite3.OperationalError as exc:
            message = str(exc).lower()
            if attempt == attempts - 1 or not ("locked" in message or "busy" in message):
                raise
            time.sleep(first_wait * 2 ** attempt)
    raise AssertionError("unreachable")


def now() -> str:
    """UTC timestamp used on every row that records when something happened."""
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


@dataclass
class VersionRecord:
    """Everything one parsed version contributes to the store, ready to insert."""

    document: dict[str, Any]
    version: dict[str, Any]
    articles: list[dict[str, Any]]
    headings: list[dict[str, Any]]
    citations: list[dict[str, Any]]


class Store:
    """Documents, versions, articles, paragraphs, quarantine and ingest runs in one SQLite file."""

    def __init__(self, path: str | os.PathLike | None = None, shared: bool = False):
        """``shared``: one connection used from several threads (the UI's reruns), each use under the
        caller's lock; sqlite3's same-thread check is off for it."""
        self.path = db_path(path)
        self.db = sqlite_utils.Database(sqlite3.connect(self.path, check_same_thread=False) if shared else self.path)
        self.db.execute("PRAGMA busy_timeout = 30000")
        self.db.enable_wal()
        self.db.execute("PRAGMA synchronous = NORMAL")  # WAL keeps the file consistent; fsync per checkpoint
        self.db.execute("PRAGMA foreign_keys = ON")
        self._create()

    def close(self) -> None:
        self.db.close()

    def _create(self) -> None:
        db = self.db
        if "documents" in db.table_names():
            self._migrate()  # stores written by an earlier normscope
            return
        with immediate(db):
            db["ingest_runs"].create({
                "id": int, "started_at": str, "finished_at": str, "args": str, "workers": int,
                "read": int, "new_versions": int, "unchanged": int, "quarantined": int,
            }, pk="id")
            db["documents"].create({
                "id": int, "key": str, "title": str, "level": str, "issuer": str, "doc_number": str,
                "created_at": str,
            }, pk="id", not_null={"key"})
            db["documents"].create_index(["key"], unique=True)
            db["versions"].create({
                "id": int, "document_id": int, "source": str, "content_hash": str, "format": str,
                "encoding": str, "title": str, "level": str, "issuer": str, "doc_number": str,
                "version_date": str, "adopted": str, "approved": str, "issued": str, "published": str,
                "effective": str, "expires": str, "amended": str, "superseded": int,
                "article_count": int, "chars": int, "text": str, "metadata": str, "warnings": str,
                "run_id": int, "ingested_at": str,
            }, pk="id", foreign_keys=[("document_id", "documents", "id"), ("run_id", "ingest_runs", "id")])
            db["versions"].create_index(["content_hash"], unique=True)
            db["versions"].create_index(["document_id"])
            db["headings"].create({
                "id": int, "version_id": int, "level": str, "number": int, "text": str,
                "start": int, "end": int,
            }, pk="id", foreign_keys=[("version_id", "versions", "id")])
            db["headings"].create_index(["version_id"])
            db["articles"].create({
                "id": int, "version_id": int, "seq": int, "number": int, "sub": int, "label": str,
                "path": str, "start": int, "end": int, "text": str,
            }, pk="id", foreign_keys=[("version_id", "versions", "id")])
            db["articles"].create_index(["version_id", "number"])
            db["paragraphs"].create({
                "id": int, "article_id": int, "version_id": int, "idx": int, "start": int, "end": int,
                "text": str, "items": str, "types": str, "penalty_kinds": str, "fines": str,
            }, pk="id", foreign_keys=[("article_id", "articles", "id"), ("version_id", "versions", "id")])
            db["paragraphs"].create_index(["article_id"])
            db["quarantine"].create({
                "id": int, "source": str, "content_hash": str, "size": int, "reason": str,
                "copy_path": str, "run_id": int, "at": str,
            }, pk="id", foreign_keys=[("run_id", "ingest_runs", "id")])
            db["quarantine"].create_index(["source", "content_hash"], unique=True)
            db["meta"].insert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")
            db["articles"].enable_fts(["text"], tokenize="trigram", create_triggers=True)
            db.execute(_STATUS_SQL)
        self._migrate()

    def _migrate(self) -> None:
        db = self.db
        if "findings" not in db.table_names():
            with immediate(db):
                # the latest computed findings of each version and check; reviewer decisions (issue 6)
                # refer to a finding by its stable fid and are never overwritten
                db["findings"].create({
                    "id": int, "fid": str, "version_id": int, "document_id": int, "kind": str, "rule": str,
                    "severity": str, "message": str, "article": int, "location": str, "evidence": str,
                    "start": int, "end": int, "basis": str, "suggestion": str, "details": str, "as_of": str,
                    "at": str,
                }, pk="id", foreign_keys=[("version_id", "versions", "id"), ("document_id", "documents", "id")])
                db["findings"].create_index(["version_id", "kind"])
                db["findings"].create_index(["rule"])
                db["verdicts"].create({
                    "version_id": int, "kind": str, "document_id": int, "verdict": str, "reasons": str,
                    "as_of": str, "at": str,
                }, pk=("version_id", "kind"), foreign_keys=[("version_id", "versions", "id")])
        # a stored version is read back whole by the checks (ingest/load.py)
        db["paragraphs"].create_index(["version_id"], if_not_exists=True)
        for column in ("types", "penalty_kinds", "fines"):  # stores written before provisions were typed
            if column not in db["paragraphs"].columns_dict:
                db["paragraphs"].add_column(column, str)
        if "citations" in db.table_names():
            for column, kind in (("means", str), ("item_end", int)):
                if column not in db["citations"].columns_dict:
                    db["citations"].add_column(column, kind)
            return
        with immediate(db):
            db["citations"].create({
                "id": int, "version_id": int, "article_id": int, "in_article": int, "in_article_sub": int,
                "raw": str, "title": str, "means": str, "title_key": str, "article": int, "article_sub": int, "article_end": int,
                "paragraph": int, "paragraph_end": int, "item": int, "item_end": int, "doc_number": str, "internal": int,
                "is_basis": int, "form": int, "start": int, "end": int,
                "resolved_title": str, "resolved_document_id": int, "resolution": str,
            }, pk="id", foreign_keys=[("version_id", "versions", "id"), ("article_id", "articles", "id")])
            db["citations"].create_index(["version_id"])
            db["citations"].create_index(["title_key"])
            db["citations"].create_index(["resolved_document_id", "article"])
            db["meta"].upsert({"key": "schema_version", "value": str(SCHEMA_VERSION)}, pk="key")

    # -- runs ---------------------------------------------------------------------------
    def start_run(self, args: dict[str, Any], workers: int) -> int:
        with immediate(self.db):
            return self.db["ingest_runs"].insert(
                {"started_at": now(), "args": json.dumps(args, ensure_ascii=False), "workers": workers}
            ).last_pk

    def last_run_unfinished(self) -> bool:
        """True when the latest ingest run never finished (killed, or died): the next run must tidy up."""
        row = self.db.execute("select finished_at from ingest_runs order by id desc limit 1").fetchone()
        return row is not None and row[0] is None

    def finish_run(self, run_id: int, counts: dict[str, int]) -> None:
        with immediate(self.db):
            self.db["ingest_runs"].update(run_id, {"finished_at": now(), **counts})

    # -- lookups --------------------------------------------------------------------------
    def known_hash(self, content_hash: str) -> bool:
        """True when this exact content is already stored as a version (quarantined input is retried)."""
        return next(self.db.query("select 1 from versions where content_hash = ? limit 1", [content_hash]), None) is not None

    # -- writes ---------------------------------------------------------------------------
    def add_version(self, rec: VersionRecord, run_id: int) -> int:
        """Write one version with its articles in a single transaction; returns the version id."""
        return retry_locked(lambda: self._add_version(rec, run_id))

    def _add_version(self, rec: VersionRecord, run_id: int) -> int:
        db = self.db
        with immediate(db):
            doc = rec.document
            row = next(db.query("select id from documents where key = ?", [doc["key"]]), None)
            if row:
                doc_id = row["id"]
                db["documents"].update(doc_id, {k: v for k, v in doc.items() if v and k != "key"})
            else:
                doc_id = db["documents"].insert({**doc, "created_at": now()}).last_pk
            db.execute("delete from quarantine where content_hash = ?", [rec.version["content_hash"]])
            version_id = db["versions"].insert(
                {**rec.version, "document_id": doc_id, "run_id": run_id, "ingested_at": now(),
                 "article_count": len(rec.articles)}
            ).last_pk
            db["headings"].insert_all({**h, "version_id": version_id} for h in rec.headings)
            # ids are assigned here so articles and their paragraphs go in as two bulk inserts
            next_id = db.execute("select coalesce(max(id), 0) + 1 from articles").fetchone()[0]
            articles, paragraphs = [], []
            for seq, art in enumerate(rec.articles, start=1):
                art_id = next_id + seq - 1
                articles.append({k: v for k, v in art.items() if k != "paragraphs"}
                                | {"id": art_id, "version_id": version_id, "seq": seq})
                paragraphs.extend({**p, "article_id": art_id, "version_id": version_id} for p in art["paragraphs"])
            ids = {(a["number"], a["sub"]): a["id"] for a in articles}
            citations = [{**c, "version_id": version_id, "article_id": ids.get((c["in_article"], c["in_article_sub"]))}
                         for c in rec.citations]
            for table, rows in (("articles", articles), ("paragraphs", paragraphs), ("citations", citations)):
                self._bulk_insert(table, rows)
        return version_id

    def _bulk_insert(self, table: str, rows: list[dict[str, Any]]) -> None:
        """Many rows of one shape in one executemany: the hot path of an ingest, where sqlite-utils'
        per-value type checks cost more than the inserts themselves. Lists and dicts go in as JSON."""
        if not rows:
            return
        columns = list(rows[0])
        sql = (f"insert into [{table}] ({', '.join(f'[{c}]' for c in columns)}) "
               f"values ({', '.join('?' * len(columns))})")
        self.db.conn.executemany(sql, (
            [json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v for v in (r[c] for c in columns)]
            for r in rows))

    def quarantine(self, source: str, content_hash: str | None, size: int | None, reason: str,
                   copy_path: str | None, run_id: int) -> None:
        """Record an unreadable input once per (source, content); re-running only refreshes the row."""
        return retry_locked(lambda: self._quarantine(source, content_hash, size, reason, copy_path, run_id))

    def _quarantine(self, source: str, content_hash: str | None, size: int | None, reason: str,
                    copy_path: str | None, run_id: int) -> None:
        with immediate(self.db):
            self.db["quarantine"].upsert(
                {"source": source, "content_hash": content_hash or "", "size": size, "reason": reason,
                 "copy_path": copy_path, "run_id": run_id, "at": now()},
                pk=("source", "content_hash"),
            )

    def save_findings(self, version_id: int, document_id: int, kind: str, findings: list[dict[str, Any]],
                      verdict: str, reasons: list[str], as_of: str) -> None:
        """Replace the computed findings of one version and check (review or cleanup) in one transaction."""
        return retry_locked(lambda: self._save_findings(version_id, document_id, kind, findings, verdict, reasons,
                                                        as_of))

    def _save_findings(self, version_id: int, document_id: int, kind: str, findings: list[dict[str, Any]],
                       verdict: str, reasons: list[str], as_of: str) -> None:
        at = now()
        with immediate(self.db):
            self.db.execute("delete from findings where version_id = ? and kind = ?", [version_id, kind])
            self._bulk_insert("findings", [{
                "fid": f["id"], "version_id": version_id, "document_id": document_id, "kind": kind,
                "rule": f["rule"], "severity": f["severity"], "message": f["message"], "article": f["article"],
                "location": f["location"], "evidence": f["evidence"], "start": f["start"], "end": f["end"],
                "basis": f["basis"], "suggestion": f["suggestion"], "details": f["details"], "as_of": as_of,
                "at": at} for f in findings])
            self.db["verdicts"].upsert({"version_id": version_id, "kind": kind, "document_id": document_id,
                                        "verdict": verdict, "reasons": json.dumps(reasons, ensure_ascii=False),
                                        "as_of": as_of, "at": at}, pk=("version_id", "kind"))

    # -- reads ----------------------------------------------------------------------------
    def stats(self) -> dict[str, int]:
        """Counts for `normscope stats` (CONTRACT)."""
        count = self.db.execute
        findings = count("select count(*) from findings").fetchone()[0]
        return {
            "documents": count("select count(*) from documents").fetchone()[0],
            "versions": count("select count(*) from versions").fetchone()[0],
            "articles": count("select count(*) from articles").fetchone()[0],
            "citations": count("select count(*) from citations").fetchone()[0]
            if "citations" in self.db.table_names() else 0,
            "quarantined": count("select count(*) from quarantine").fetchone()[0],
            "findings": findings,
        }


_STATUS_SQL = """
create view if not exists version_status as
select v.id as version_id,
  case
    when exists (select 1 from versions w where w.document_id = v.document_id
                 and coalesce(w.version_date, '') > coalesce(v.version_date, '')) then '已被修改'
    when v.superseded = 1 then '已被修改'
    when v.effective > date('now') then '尚未生效'
    else '现行有效'
  end as status
from versions v
"""


def like_contains(text: str) -> str:
    """A LIKE pattern (with ``escape '\\'``) matching values that contain ``text`` literally: the user's
    ``%`` and ``_`` are not wildcards."""
    return "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


def _fts_phrase(query: str) -> str:
    """Quote user input as one FTS5 phrase so its punctuation is never read as query syntax."""
    return '"' + query.replace('"', '""') + '"'


#: A version ``v`` in force on the day bound to ``:day`` (ISO): started, not expired, not replaced by a
#: later version that had started by then; a version flagged superseded with no later stored version
#: is taken as replaced (the facts give no date).
#: When a version starts to be in force: its 施行 date, but never before its own adoption — an amended text
#: keeps the law's original 施行 date (本法自2000年7月1日起施行 in the 2023 立法法). One rule, also in status_on
#: and in nlp.registry.Version.start.
_START = "max(coalesce({v}.effective, {v}.version_date, ''), coalesce({v}.version_date, {v}.effective, ''))"
IN_FORCE_ON_SQL = f"""{_START.format(v="v")} <= :day
  and (v.expires is null or v.expires = '' or v.expires >= :day)
  and not exists (select 1 from versions w where w.document_id = v.document_id and w.id != v.id
                  and coalesce(w.version_date, '') > coalesce(v.version_date, '')
                  and {_START.format(v="w")} <= :day)
  and not (coalesce(v.superseded, 0) = 1 and not exists (
      select 1 from versions w where w.document_id = v.document_id
      and coalesce(w.version_date, '') > coalesce(v.version_date, '')))"""


def version_start(version: dict) -> str:
    """The day a versions row starts to be in force (see _START)."""
    return max(version["effective"] or version["version_date"] or "", version["version_date"] or version["effective"] or "")


def status_on(version: dict, versions: list[dict], day: str) -> str:
    """Whether ``version`` (a versions row) is in force on ``day`` (ISO date) among its document's ``versions``,
    and if not why; the same rule as IN_FORCE_ON_SQL, for a page that shows the reason."""
    start = version_start(version)
    if start and start > day:
        return "尚未生效"
    if version["expires"] and version["expires"] < day:
        return "已失效"
    mine = version["version_date"] or ""
    for w in versions:
        later_start = version_start(w)
        if w["id"] != version["id"] and (w["version_date"] or "") > mine and later_start and later_start <= day:
            return "已被修改"
    if version["superseded"] == 1 and not any((w["version_date"] or "") > mine for w in versions):
        return "已被修改"  # marked superseded by the facts table, with no later stored version
    return "有效"


def search_articles(store: Store, query: str, level: str | None = None, status: str | None = None,
                    limit: int = 20, in_force_on: str | None = None) -> list[dict[str, Any]]:
    """Articles whose text contains ``query``; trigram FTS for 3+ characters, LIKE below that.
    ``in_force_on`` (ISO date) keeps the versions in force on that day (IN_FORCE_ON_SQL)."""
    db = store.db
    query = query.replace("\0", "").strip()  # FTS5 reads a NUL as the end of the query: "unterminated string"
    filters, args = [], {}
    if level:
        filters.append("v.level = :level")
        args["level"] = level
    if status:
        filters.append("s.status = :status")
        args["status"] = status
    if in_force_on:
        filters.append(f"({IN_FORCE_ON_SQL})")
        args["day"] = in_force_on
    where = "".join(f" and {f}" for f in filters)
    select = """select a.id as article_id, a.version_id, v.document_id, v.title, v.level, v.issuer,
                v.version_date, s.status, a.number, a.sub, a.label, a.path, a.text, a.start, a.end"""
    joins = "join versions v on v.id = a.version_id join version_status s on s.version_id = v.id"
    if len(query) >= 3:
        sql = (f"{select} from articles_fts f join articles a on a.rowid = f.rowid {joins} "
               f"where articles_fts match :query {where} order by f.rank limit :limit")
        params = {"query": _fts_phrase(query), **args, "limit": limit}
    else:
        sql = (f"{select} from articles a {joins} where a.text like :query escape '\\' {where} "
               f"order by v.level, a.version_id, a.number limit :limit")
        params = {"query": like_contains(query), **args, "limit": limit}
    rows = []
    for r in db.query(sql, params):
        r["path"] = json.loads(r["path"]) if r["path"] else []
        rows.append(r)
    _add_provisions(db, rows)
    return rows


def _add_provisions(db: sqlite_utils.Database, rows: list[dict[str, Any]]) -> None:
    """What each found article does — its types, penalty kinds and fine ranges — for an officer's answer."""
    if not rows:
        return
    ids = [r["article_id"] for r in rows]
    found: dict[int, dict[str, list]] = {i: {"types": [], "penalty_kinds": [], "fines": []} for i in ids}
    marks = ",".join("?" * len(ids))
    for art_id, types, kinds, fines in db.execute(
            f"select article_id, types, penalty_kinds, fines from paragraphs where article_id in ({marks}) "
            f"order by article_id, idx", ids).fetchall():
        agg = found[art_id]
        for key, value in (("types", types), ("penalty_kinds", kinds)):
            agg[key] += [x for x in json.loads(value or "[]") if x not in agg[key]]
        agg["fines"] += json.loads(fines or "[]")
    for r in rows:
        r.update(found[r["article_id"]])
