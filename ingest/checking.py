"""Run the checks against a store: review one document (stored or a file), clean up the store,
and gather an agency's enforcement bases. The CLI and the UI both call these."""
from __future__ import annotations

import re
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Callable

from rapidfuzz import fuzz

from ingest.engine import Engine, Outcome
from ingest.library import StoreLibrary
from ingest.load import current_versions, latest_version, load
from ingest.reader import read_path
from ingest.run import file_hash
from ingest.store import Store
from nlp.checks.basis import document_date
from nlp.checks.cleanup import CLEANUP_LEVELS, RECOMMENDATIONS, Replacement, cleanup
from nlp.checks.conflicts import region
from nlp.checks.context import RANK, Context
from nlp.checks.genre import not_normative
from nlp.checks.review import Review, review
from nlp.checks.settings import load_settings
from nlp.metadata import find_doc_numbers
from nlp.pipeline import parse_extracted, use_registry
from nlp.registry import title_key

_REPEAL_RE = re.compile(r"(?:同时|予以|一并|即行)?废止")
_TITLE_NOISE_RE = re.compile(r"^关于|(?:印发|转发)|的通知$|的决定$|[（(](?:试行|暂行|\d{4}年?(?:修订|修正)?)[)）]|\d{4}年|\s")


def make_context(store: Store, as_of: date | None = None, filed_on: date | None = None,
                 settings_path: str | Path | None = None, library: StoreLibrary | None = None) -> Context:
    """A Context over ``store``; building the library loads the registry once."""
    return Context(as_of or date.today(), load_settings(settings_path), library or StoreLibrary(store), filed_on)


@dataclass(frozen=True)
class Job:
    """What a worker process needs to rebuild a batch's Context: the store it reads (None: the bundled
    law facts only), the date and the settings already loaded. ``token`` names the batch."""

    token: str
    db: str | None
    as_of: date
    settings: dict[str, dict[str, Any]]
    filed_on: date | None = None

    @classmethod
    def of(cls, store: Store | None, ctx: Context) -> Job:
        return cls(uuid.uuid4().hex, str(store.path.resolve()) if store else None, ctx.as_of, ctx.settings,
                   ctx.filed_on)


_WORKER: dict[str, tuple[Store | None, Context]] = {}


def worker_context(job: Job) -> tuple[Store | None, Context]:
    """The store and Context of ``job`` in this worker, opened once per batch (the registry loads once)."""
    if job.token not in _WORKER:
        for store, _ in _WORKER.values():
            if store is not None:
                store.close()
        _WORKER.clear()
        if job.db is None:
            from nlp.checks.context import EmptyLibrary
            from nlp.registry import Registry

            _WORKER[job.token] = (None, Context(job.as_of, job.settings, EmptyLibrary(Registry.from_facts()),
                                                job.filed_on))
        else:
            store = Store(job.db)
            _WORKER[job.token] = (store, Context(job.as_of, job.settings, StoreLibrary(store), job.filed_on))
    return _WORKER[job.token]


def review_stored(store: Store, document_id: int, ctx: Context, save: bool = True, level: str | None = None,
                  issuer: str | None = None) -> Review:
    """Review the latest stored version of a document; its findings replace the previous review's."""
    version_id = latest_version(store, document_id)
    if version_id is None:
        raise KeyError(f"no document with id {document_id}")
    stored = load(store, version_id)
    declare(stored.doc, level, issuer)
    ctx.document_id = document_id
    result = review(stored.doc, ctx)
    result.document_id, result.version_id = document_id, version_id
    if save:
        data = result.to_json()
        store.save_findings(version_id, document_id, "review", data["findings"], result.conclusion,
                            [f["message"] for f in data["findings"]], ctx.as_of.isoformat())
    return result


def declare(doc, level: str | None = None, issuer: str | None = None) -> None:
    """What the submitter states (报送机关说明) overrides what was read from the text: the level and the issuer."""
    if level:
        doc.metadata.level, doc.metadata.level_basis, doc.metadata.level_certain = level, "报送机关说明", True
    if issuer:
        doc.metadata.issuers = [o for o in re.split(r"[、，,\s]+", issuer) if o]


def review_file(store: Store, path: Path, ctx: Context, level: str | None = None,
                issuer: str | None = None) -> Review:
    """Review a file that need not be stored; when the same bytes are stored, that document is not its own peer.
    ``level``/``issuer``: what the submitter states, over what the text shows."""
    extracted = read_path(path)  # raises Unreadable
    use_registry(ctx.library.registry)
    try:
        doc = parse_extracted(extracted)
    finally:
        use_registry(None)
    declare(doc, level, issuer)
    row = store.db.execute("select document_id, id from versions where content_hash = ?", [file_hash(path)]).fetchone()
    ctx.document_id = row[0] if row else None
    result = review(doc, ctx)
    if row:
        result.document_id, result.version_id = row
    return result


def replacements(store: Store) -> dict[int, list[Replacement]]:
    """Which stored documents a later one repeals (…同时废止) or re-regulates (same issuer, same matter)."""
    docs = []
    for doc_id, version_id in current_versions(store, CLEANUP_LEVELS):
        v = store.db.execute("select title, issuer, doc_number, issued, published, adopted, effective, "
                             "case when instr(text, '废止') > 0 then text else '' end "  # a province's texts
                             "from versions where id = ?", [version_id]).fetchone()  # would not fit in memory
        title, issuer, number, *dates, text = v
        docs.append((doc_id, title or "", issuer or "", number, next((date.fromisoformat(d) for d in dates if d), None),
                     text or ""))
    by_key = {title_key(t): i for i, t, *_ in docs if t}
    by_number = {n: i for i, _, _, n, _, _ in docs if n}
    out: dict[int, list[Replacement]] = defaultdict(list)
    for doc_id, title, _, _, when, text in docs:  # explicit repeal clauses
        for m in _REPEAL_RE.finditer(text):
            sentence = text[max(text.rfind("。", 0, m.start()), text.rfind("\n", 0, m.start())) + 1:m.start()]
            targets = {by_key.get(title_key(t)) for t in re.findall(r"《([^》]{2,80})》", sentence)}
            targets |= {by_number.get(n) for n, _, _ in find_doc_numbers(sentence)}
            for target in targets - {None, doc_id}:
                if all(r.title != title for r in out[target]):
                    out[target].append(Replacement(title, when, True))
    groups: dict[str, list[tuple[int, str, date | None]]] = defaultdict(list)
    for doc_id, title, issuer, _, when, _ in docs:  # same issuer, same matter, later
        if issuer and title:
            groups[issuer].append((doc_id, _TITLE_NOISE_RE.sub("", title.removeprefix(issuer)), when))
    names = {i: t for i, t, *_ in docs}
    for members in groups.values():
        for a, ta, da in members:
            for b, tb, db in members:
                if a != b and da and db and db > da and len(ta) >= 6 and fuzz.ratio(ta, tb) >= 92 \
                        and all(r.title != names[b] for r in out[a]):
                    out[a].append(Replacement(names[b], db, False))
    return out


def cleanup_one(store: Store, ctx: Context, doc_id: int, version_id: int,
                replaced: list[Replacement]) -> dict[str, Any] | None:
    """The verdict on one stored document: ``{"cleanup": json, "order": key}``, ``{"skipped": row}`` for a
    paper that is not a normative document, None for an unjudged 其他. Reads the store, never writes."""
    doc = load(store, version_id).doc
    if doc.metadata.level in ("行政规范性文件", "其他"):
        genre = not_normative(doc.metadata.title, doc.text)
        if genre is not None:  # a paper filed among the documents: listed, not judged
            return {"skipped": {"id": doc_id, "title": doc.metadata.title, "reason": "不属于规范性文件",
                                "kind": genre.kind, "detail": genre.reason}}
        if doc.metadata.level == "其他":
            return None
    ctx.document_id = doc_id
    c = cleanup(doc, doc_id, version_id, ctx, replaced)
    order = (RECOMMENDATIONS.index(c.recommendation), RANK.get(doc.metadata.level, 9), doc.metadata.issuer or "",
             document_date(doc) or date.min)
    return {"cleanup": c.to_json(), "order": order}


def by_region(store: Store, plan: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The plan grouped by the issuer's region, so each region's peer index is built once and dropped."""
    issuers = dict(store.db.execute("select id, issuer from documents").fetchall())
    return sorted(plan, key=lambda item: region([issuers.get(item[0]) or ""]) or "")


def _cleanup_task(job: Job, doc_id: int, version_id: int, replaced: list[Replacement]) -> dict[str, Any] | None:
    """cleanup_one in a worker process, over the worker's own read connection."""
    store, ctx = worker_context(job)
    return cleanup_one(store, ctx, doc_id, version_id, replaced)


def cleanup_store(store: Store, ctx: Context, issuer: str | None = None, save: bool = True,
                  on_progress: Callable[[str], None] | None = None, engine: Engine | None = None) -> dict[str, Any]:
    """One verdict per stored normative document (CONTRACT `cleanup --json`). Without ``engine`` the
    checks run in this process; with one, on its workers, each verdict saved here as it arrives."""
    replaced = replacements(store)
    plan = by_region(store, current_versions(store, CLEANUP_LEVELS + ("其他",), issuer))
    if engine is None:
        outcomes = (Outcome(item, cleanup_one(store, ctx, *item, replaced.get(item[0], []))) for item in plan)
    else:
        job = Job.of(store, ctx)
        outcomes = engine.map(_cleanup_task, plan, lambda item: (job, *item, replaced.get(item[0], [])))
    position = {item: i for i, item in enumerate(plan)}  # ties keep the plan's order, whatever the engine
    checked: list[tuple[tuple, dict[str, Any]]] = []
    skipped, failed = [], []
    for out in outcomes:
        doc_id, version_id = out.item
        if out.error is not None:
            failed.append({"id": doc_id, "version_id": version_id, "reason": out.error})
        elif out.value and "skipped" in out.value:
            skipped.append(out.value["skipped"])
        elif out.value:
            data = out.value["cleanup"]
            checked.append(((*out.value["order"], position[out.item]), data))
            if save:
                store.save_findings(version_id, doc_id, "cleanup", data["findings"], data["recommendation"],
                                    data["reasons"], ctx.as_of.isoformat())
        if on_progress:
            on_progress(str(doc_id))
    checked.sort(key=lambda pair: pair[0])
    docs = [data for _, data in checked]
    result = {"as_of": ctx.as_of.isoformat(), "issuer": issuer,
              "summary": {r: sum(1 for d in docs if d["recommendation"] == r) for r in RECOMMENDATIONS},
              "documents": docs, "not_normative": sorted(skipped, key=lambda r: r["id"])}
    if failed:
        result["failed"] = failed
    return result
