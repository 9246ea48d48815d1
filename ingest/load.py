"""Stored versions back into the ParsedDocument the checks read, without parsing again.

Cleanup reviews every stored document; rebuilding each from its rows is many times faster than
re-running the pipeline, and gives the same offsets the store already shows the user.
"""
from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from ingest.store import Store, like_contains
from nlp.citations import Citation
from nlp.document import Article, Heading, Item, Metadata, ParsedDocument, Paragraph, Section, Structure
from nlp.numbers import Fine

_DATE_FIELDS = ("adopted", "approved", "issued", "published", "effective", "expires", "amended")


@dataclass
class Stored:
    """A stored version as the checks see it: the document and where it lives in the store."""

    doc: ParsedDocument
    document_id: int
    version_id: int


def _iso(s: str | None) -> date | None:
    try:
        return date.fromisoformat(s) if s else None
    except ValueError:
        return None


def _item(d: dict[str, Any]) -> Item:
    return Item(d["number"], d["label"], d["start"], d["end"], [_item(s) for s in d.get("subitems", [])])


def _fine(d: dict[str, Any], paragraph_start: int) -> Fine:
    return Fine(d["min"], d["max"], d["basis"], d["target"], d["start"] - paragraph_start, d["end"] - paragraph_start)


def latest_version(store: Store, document_id: int) -> int | None:
    """The newest version of a document: the one a review or cleanup is about."""
    row = store.db.execute(f"select id from ({_LATEST}) where document_id = ?", [document_id]).fetchone()
    return row[0] if row else None


def load(store: Store, version_id: int) -> Stored:
    """One stored version as a ParsedDocument with articles, paragraphs, citations and metadata."""
    db = store.db
    v = next(db.query("select * from versions where id = ?", [version_id]), None)
    if v is None:
        raise KeyError(f"no version {version_id}")
    extra = json.loads(v["metadata"] or "{}")
    dates = {k: d for k in _DATE_FIELDS if (d := _iso(v[k]))}
    meta = Metadata(title=v["title"], doc_number=v["doc_number"], doc_numbers=extra.get("doc_numbers", []),
                    issuers=extra.get("issuers", []), level=v["level"] or "其他", dates=dates,
                    history=[(d, e) for s, e in extra.get("history", []) if (d := _iso(s))])
    paragraphs: dict[int, list[Paragraph]] = {}
    for r in db.execute("select article_id, idx, start, end, text, items, types, penalty_kinds, fines "
                        "from paragraphs where version_id = ? order by article_id, idx", [version_id]):
        art_id, idx, start, end, text, items, types, kinds, fines = r
        paragraphs.setdefault(art_id, []).append(Paragraph(
            idx, start, end, text, [_item(i) for i in json.loads(items or "[]")], json.loads(types or "[]"),
            json.loads(kinds or "[]"), [_fine(f, start) for f in json.loads(fines or "[]")]))
    articles = [Article(n, label, json.loads(path or "[]"), s, e, t or "", paragraphs.get(aid, []), sub or 0)
                for aid, n, sub, label, path, s, e, t in db.execute(
                    "select id, number, sub, label, path, start, end, text from articles where version_id = ? "
                    "order by seq", [version_id])]
    headings = [Heading(*r) for r in db.execute(
        "select level, number, text, start, end from headings where version_id = ? order by start", [version_id])]
    sections = [Section(s["kind"], s["start"], s["end"], s.get("label", "")) for s in extra.get("sections", [])]
    citations = [_citation(r) for r in db.query(
        "select * from citations where version_id = ? order by start", [version_id])]
    doc = ParsedDocument(v["source"], v["format"] or "", v["text"] or "", meta,
                         Structure(articles, headings, sections), v["encoding"],
                         json.loads(v["warnings"] or "[]"), citations)
    return Stored(doc, v["document_id"], version_id)


def _citation(r: dict[str, Any]) -> Citation:
    return Citation(r["raw"], r["start"], r["end"], r["title"], r["article"], r["article_sub"] or 0,
                    r["article_end"], r["paragraph"], r["paragraph_end"], r["item"], r["item_end"],
                    r["doc_number"], bool(r["internal"]), bool(r["is_basis"]), bool(r["form"]),
                    r["in_article"], r["in_article_sub"] or 0, r["means"], r["resolved_title"])


def current_versions(store: Store, levels: tuple[str, ...], issuer: str | None = None) -> list[tuple[int, int]]:
    """(document_id, latest version_id) of every stored document of ``levels``, optionally of one issuer."""
    marks = ",".join("?" * len(levels))
    sql = (f"select d.id, l.id from documents d join ({_LATEST}) l on l.document_id = d.id "
           f"where d.level in ({marks})")
    args: list[Any] = list(levels)
    if issuer:
        sql += " and d.issuer like ? escape '\\'"
        args.append(like_contains(issuer))
    return store.db.execute(sql + " order by d.id", args).fetchall()


_LATEST = """select document_id, id from (select document_id, id, row_number() over (
    partition by document_id order by coalesce(version_date, '') desc, id desc) as rn from versions) where rn = 1"""
