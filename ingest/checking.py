"""Run the checks against a store: review one document (stored or a file), clean up the store,
and gather an agency's enforcement bases. The CLI and the UI both call these."""
from __future__ import annotations

import re
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any, Callable

from rapidfuzz import fuzz

from ingest.library import StoreLibrary
from ingest.load import current_versions, latest_version, load
from ingest.reader import read_path
from ingest.run import file_hash
from ingest.store import Store
from nlp.checks.basis import document_date
from nlp.checks.cleanup import CLEANUP_LEVELS, RECOMMENDATIONS, Cleanup, Replacement, cleanup
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


def review_stored(store: Store, document_id: int, ctx: Context, save: bool = True) -> Review:
    """Review the latest stored version of a document; its findings replace the previous review's."""
    version_id = latest_version(store, document_id)
    if version_id is None:
        raise KeyError(f"no document with id {document_id}")
    stored = load(store, version_id)
    ctx.document_id = document_id
    result = review(stored.doc, ctx)
    result.document_id, result.version_id = document_id, version_id
    if save:
        data = result.to_json()
        store.save_findings(version_id, document_id, "review", data["findings"], result.conclusion,
                            [f["message"] for f in data["findings"]], ctx.as_of.isoformat())
    return result


def review_file(store: Store, path: Path, ctx: Context) -> Review:
    """Review a file that need not be stored; when the same bytes are stored, that document is not its own peer."""
    extracted = read_path(path)  # raises Unreadable
    use_registry(ctx.library.registry)
    try:
        doc = parse_extracted(extracted)
    finally:
        use_registry(None)
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
        v = store.db.execute("select title, issuer, doc_number, issued, published, adopted, effective, text "
                             "from versions where id = ?", [version_id]).fetchone()
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


def cleanup_store(store: Store, ctx: Context, issuer: str | None = None, save: bool = True,
                  on_progress: Callable[[str], None] | None = None) -> dict[str, Any]:
    """One verdict per stored normative document (CONTRACT `cleanup --json`)."""
    replaced = replacements(store)
    results: list[Cleanup] = []
    skipped = []
    for doc_id, version_id in current_versions(store, CLEANUP_LEVELS + ("其他",), issuer):
        stored = load(store, version_id)
        doc = stored.doc
        if on_progress:
            on_progress(doc.metadata.title or doc.source)
        if doc.metadata.level in ("行政规范性文件", "其他"):
            genre = not_normative(doc.metadata.title, doc.text)
            if genre is not None or doc.metadata.level == "其他":
                if genre is not None:  # a paper filed among the documents: listed, not judged
                    skipped.append({"id": doc_id, "title": doc.metadata.title, "reason": "不属于规范性文件",
                                    "kind": genre.kind, "detail": genre.reason})
                continue
        ctx.document_id = doc_id
        c = cleanup(doc, doc_id, version_id, ctx, replaced.get(doc_id, []))
        results.append(c)
        if save:
            data = c.to_json()
            store.save_findings(version_id, doc_id, "cleanup", data["findings"], c.recommendation, c.reasons,
                                ctx.as_of.isoformat())
    results.sort(key=lambda c: (RECOMMENDATIONS.index(c.recommendation), RANK.get(c.doc.metadata.level, 9),
                                c.doc.metadata.issuer or "", document_date(c.doc) or date.min))
    return {"as_of": ctx.as_of.isoformat(), "issuer": issuer,
            "summary": {r: sum(1 for c in results if c.recommendation == r) for r in RECOMMENDATIONS},
            "documents": [c.to_json() for c in results], "not_normative": skipped}
