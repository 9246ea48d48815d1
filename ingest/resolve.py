"""Resolve every stored citation against the registry as it stands after a run.

Resolution is not done while parsing: a citation of a law ingested later in the same (or a
later) run must still find it, so the single writer re-resolves the distinct cited titles.
"""
from __future__ import annotations

from ingest.store import Store, immediate
from nlp.registry import Registry


def resolve_citations(store: Store, registry: Registry | None = None) -> dict[str, int]:
    """Fill resolved_title / resolved_document_id / resolution of every titled citation; counts by method."""
    db = store.db
    registry = registry or Registry.from_store(db)
    counts: dict[str, int] = {}
    updates = []
    for key, title in db.execute(
            "select title_key, min(coalesce(means, title)) from citations where title_key is not null and form = 0 "
            "group by title_key").fetchall():
        res = registry.resolve(title)
        entry = res.entry
        updates.append((entry.title if entry else None, entry.document_id if entry else None, res.method, key))
        counts[res.method] = counts.get(res.method, 0) + 1
    with immediate(db):
        db.conn.executemany("update citations set resolved_title = ?, resolved_document_id = ?, resolution = ? "
                            "where title_key = ? and form = 0", updates)
    return counts
