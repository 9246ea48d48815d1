"""执法依据目录: the documents an agency enforces, with the provisions that grant its powers,
ordered by legal rank as the 执法依据梳理 lists them."""
from __future__ import annotations

import json
import re
from datetime import date
from typing import Any

from ingest.library import StoreLibrary
from ingest.load import current_versions
from ingest.store import Store, like_contains
from nlp.checks.basis import cn_article
from nlp.checks.conflicts import region
from nlp.registry import REGISTRY_LEVELS

#: Ranks in the order of the catalogue (法律 first), with the name each is printed under.
CATALOG_LEVELS = ("法律", "行政法规", "地方性法规", "自治条例和单行条例", "部门规章", "地方政府规章", "行政规范性文件")
POWER_TYPES = ("处罚", "许可", "强制", "收费")
_ALL_LEVELS = tuple(dict.fromkeys(CATALOG_LEVELS + REGISTRY_LEVELS))


def basis_catalog(store: Store, library: StoreLibrary, issuer: str | None, as_of: date) -> dict[str, Any]:
    """The agency's own documents and its government's, plus every law they cite, in force on ``as_of``.

    Without an issuer every stored document that grants a power is listed.
    """
    db = store.db
    docs = dict(current_versions(store, _ALL_LEVELS))
    if issuer:
        place = region([issuer])
        own = {d for d, in db.execute(
            "select id from documents where issuer like ? escape '\\' or (? is not null and issuer = ? || '人民政府')",
            [like_contains(issuer), place, place])}
        cited: dict[int, tuple[set[tuple[int, int]], bool]] = {}  # articles cited, and cited as a whole
        for d in own:
            for title, means, article, sub in db.execute(
                    "select title, means, article, article_sub from citations where version_id = ? and title is not null "
                    "and internal = 0 and form = 0", [docs.get(d)]):
                entry = library.registry.resolve(means or title).entry
                if entry is None or entry.document_id is None or entry.document_id in own:
                    continue
                articles, whole = cited.setdefault(entry.document_id, (set(), False))
                if article:
                    articles.add((article, sub or 0))
                elif not whole:
                    cited[entry.document_id] = (articles, True)
        scope: dict[int, tuple[set[tuple[int, int]], bool]] = {d: (set(), True) for d in own} | cited
        sector = _sector(issuer, place)
    else:
        scope = {d: (set(), True) for d in docs}
        own, sector = set(docs), None
    levels: dict[str, list[dict[str, Any]]] = {lvl: [] for lvl in CATALOG_LEVELS}
    for doc_id, (only, whole) in scope.items():
        version_id = docs.get(doc_id)
        if version_id is None:
            continue
        entry = _entry(store, library, doc_id, version_id, only, whole, as_of, None if doc_id in own else sector)
        if entry and entry["level"] in levels and entry["status"] in ("现行有效", "已被修改") and entry["provisions"]:
            levels[entry.pop("level")].append(entry)
    for entries in levels.values():
        entries.sort(key=lambda e: (e["effective"] or "", e["title"]))
    return {"issuer": issuer, "as_of": as_of.isoformat(),
            "levels": [{"level": lvl, "entries": e} for lvl, e in levels.items() if e]}


def _sector(issuer: str, place: str | None) -> str | None:
    """临江市城市管理局 → 城市管理: the words a provision names the agency's field with."""
    core = re.sub(r"(?:人民政府|办公室|委员会|管理局|局|厅|委|办)$", "", issuer.removeprefix(place or ""))
    return core if len(core) >= 2 and not core.endswith("人民政府") else None


def _entry(store: Store, library: StoreLibrary, doc_id: int, version_id: int, cited: set[tuple[int, int]],
           whole: bool, as_of: date, sector: str | None) -> dict[str, Any] | None:
    """One catalogue entry; a law cited as a whole lists the power provisions that name the agency's
    field (all of them when none does), and provisions the review found unlawful are left out."""
    v = next(store.db.query("select title, level, issuer, doc_number, effective, expires, version_date "
                            "from versions where id = ?", [version_id]))
    status = _status(library, v, as_of)
    unlawful = {a for (a,) in store.db.execute(
        "select distinct article from findings where version_id = ? and severity = 'error' and rule like 'F1%'",
        [version_id])}
    provisions = []
    for number, sub, label, text, types, kinds in store.db.execute(
            """select a.number, a.sub, a.label, a.text, group_concat(p.types, ''), group_concat(p.penalty_kinds, '')
               from articles a join paragraphs p on p.article_id = a.id where a.version_id = ?
               group by a.id order by a.seq""", [version_id]):
        found = [t for t in POWER_TYPES if t in (types or "")]
        if not found or number in unlawful or not (whole or (number, sub or 0) in cited):
            continue
        penalty = list(dict.fromkeys(k for chunk in (kinds or "").replace("][", "]\n[").splitlines()
                                     for k in json.loads(chunk or "[]")))
        provisions.append({"label": label or cn_article(number, sub or 0), "article": number, "types": found,
                           "penalty_kinds": penalty, "summary": (text or "")[:80], "text": text or "",
                           "cited": (number, sub or 0) in cited})
    if sector and whole and any(sector in p["text"] for p in provisions):
        provisions = [p for p in provisions if p.pop("cited") or sector in p["text"]]
    for p in provisions:
        p.pop("text")
        p.pop("cited", None)
    return {"title": v["title"], "level": v["level"], "doc_number": v["doc_number"], "issuer": v["issuer"],
            "effective": v["effective"] or v["version_date"], "status": status, "document_id": doc_id,
            "provisions": provisions}


def _status(library: StoreLibrary, v: dict[str, Any], as_of: date) -> str:
    """现行有效 / 已废止 / 失效 …: the registry's view for laws, the 有效期 for normative documents."""
    if v["expires"] and v["expires"] < as_of.isoformat():
        return "失效"
    entry = library.registry.resolve(v["title"] or "").entry
    if entry is None:
        return "现行有效"
    stored = next((x for x in entry.versions if v["version_date"] and x.date and x.date.isoformat() == v["version_date"]),
                  None)
    return entry.version_status(stored, as_of) if stored else entry.status(as_of)
