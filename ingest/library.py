"""The store as the checks' Library (nlp/checks/context.py): registry, cited articles, upper-level
penalty provisions and each region's local provisions, each read once per run and cached."""
from __future__ import annotations

import json
import re
from datetime import date
from functools import lru_cache

from ingest.load import current_versions, load
from ingest.lookup import ArticleLookup, CitedArticle
from ingest.store import Store
from nlp.checks.basis import cn_article, cn_number, document_date
from nlp.checks.conflicts import PeerIndex, region
from nlp.checks.context import PeerProvision, UpperProvision
from nlp.checks.units import units
from nlp.numbers import Fine, cn_to_int
from nlp.registry import Entry, Registry, title_key

#: Ranks whose documents of one region are compared with each other (F501/F502).
LOCAL_LEVELS = ("地方性法规", "自治条例和单行条例", "地方政府规章", "行政规范性文件")


_REFERS_RE = re.compile(r"^违反本(?:法|条例)第(?P<n>[一二三四五六七八九十百零]+)条")


def _referred(text: str, articles: dict[int, str]) -> str:
    """The text of the article a penalty paragraph opens by referring to (违反本法第五十八条规定，…)."""
    m = _REFERS_RE.match(text)
    number = cn_to_int(m["n"]) if m else None
    return articles.get(number, "") if number else ""


PEER_INDEXES_KEPT = 4


class StoreLibrary:
    """Answers the checks' questions from one store."""

    def __init__(self, store: Store, registry: Registry | None = None):
        self.store = store
        self.registry = registry or Registry.from_store(store.db)
        self.lookup = ArticleLookup(store, self.registry)
        self._penalties = lru_cache(maxsize=1024)(self._penalty_rows)
        self._indexes: dict[str, PeerIndex] = {}
        self._upper_indexes: dict[str, PeerIndex] = {}
        self._provinces: dict[str, str | None] = {}
        self._titles: set[str] | None = None

    def cited(self, title: str, article: int, sub: int, cited_on: date | None, as_of: date,
              context: str = "") -> CitedArticle | None:
        return self.lookup.cited(title, article, sub, cited_on, as_of, context)

    def penalty_provisions(self, entry: Entry, as_of: date, any_version: bool = False) -> list[UpperProvision]:
        """Penalty paragraphs of the entry's text in force on ``as_of`` (the latest stored one before it);
        with ``any_version``, the earliest stored text when none is that old."""
        texts = [v for v in entry.versions if v.stored_ids]
        stored = [v for v in texts if v.date is None or v.date <= as_of]
        if not stored and any_version and texts:
            stored = [min(texts, key=lambda v: v.date or date.min)]
        if not stored:
            return []
        version = max(stored, key=lambda v: v.date or date.min)
        return self._penalties(version.stored_ids, entry.title, entry.level or "")

    def _penalty_rows(self, version_ids: tuple[int, ...], title: str, level: str) -> list[UpperProvision]:
        marks = ",".join("?" * len(version_ids))
        rows = self.store.db.execute(
            f"""select a.number, a.sub, p.idx, p.text, p.penalty_kinds, p.fines, p.start,
                      (select count(*) from paragraphs q where q.article_id = a.id)
               from paragraphs p join articles a on a.id = p.article_id
               where p.version_id in ({marks}) and p.penalty_kinds not in ('[]', '') order by a.number, a.sub, p.idx""",
            list(version_ids)).fetchall()
        texts = {n: t for n, t in self.store.db.execute(
            f"select number, text from articles where version_id in ({marks}) and coalesce(sub, 0) = 0",
            list(version_ids))}
        out = []
        for number, sub, idx, text, kinds, fines, start, count in rows:
            label = cn_article(number, sub or 0) + (f"第{cn_number(idx)}款" if count > 1 else "")
            out.append(UpperProvision(title, level, label, number, sub or 0, idx, text, tuple(json.loads(kinds)),
                                      tuple(Fine(f["min"], f["max"], f["basis"], f["target"], f["start"] - start,
                                                 f["end"] - start) for f in json.loads(fines or "[]")),
                                      _referred(text, texts)))
        return out

    def upper_index(self, place: str) -> PeerIndex:
        """The region's local regulations only (地方性法规, 自治条例和单行条例): what a city's rules must also agree
        with in their province; kept apart from peer_index so the two do not evict each other."""
        cache = self._upper_indexes
        if place not in cache:
            while len(cache) >= PEER_INDEXES_KEPT:
                del cache[next(iter(cache))]
            cache[place] = self._build_index(place, ("地方性法规", "自治条例和单行条例"))
        return cache[place]

    def peer_index(self, place: str) -> PeerIndex:
        """Provisions of the region's local documents; the reviewed document is skipped by the caller.
        The last few regions' indexes are kept: a province's would not fit in memory at once, and a
        cleanup visits the documents region by region."""
        if place in self._indexes:
            self._indexes[place] = self._indexes.pop(place)  # most recently used last
        else:
            while len(self._indexes) >= PEER_INDEXES_KEPT:
                del self._indexes[next(iter(self._indexes))]
            self._indexes[place] = self._build_index(place, LOCAL_LEVELS)
        return self._indexes[place]

    def _build_index(self, place: str, levels: tuple[str, ...]) -> PeerIndex:
        """Provisions of the region's stored documents of ``levels``, for the conflict checks."""
        peers = []
        for doc_id, version_id in current_versions(self.store, levels, issuer=place):
            doc = load(self.store, version_id).doc
            if region(doc.metadata.issuers) != place:
                continue
            issued = document_date(doc)
            for u in units(doc):
                peers.append(PeerProvision(doc_id, doc.metadata.title or "", doc.metadata.level, issued,
                                           u.location, u.text, u.block_location, doc.text[u.block[0]:u.block[1]]))
        return PeerIndex(peers)

    def article_texts(self, entry: Entry, as_of: date) -> list[str]:
        return [text for _, _, text in self.articles(entry, as_of)]

    def articles(self, entry: Entry, as_of: date) -> list[tuple[int, int, str]]:
        version = entry.version_at(as_of)
        if version is None or not version.stored_ids or (version.start and version.start > as_of):
            return []
        return [(a.number, a.sub, a.text) for a in self.lookup._texts(version.stored_ids)]

    def province_of(self, place: str) -> str | None:
        """The province a city belongs to, read from the approval line of its stored local regulations
        (…经江南省第十四届人民代表大会常务委员会第八次会议批准); None when the store shows none."""
        cache = self._provinces
        if place not in cache:
            rows = self.store.db.execute(
                "select substr(text, 1, 600) from versions where title like ? and level = '地方性法规' limit 5",
                [place.replace("%", "").replace("_", "") + "%"]).fetchall()
            found = (re.search(r"(?:^|[日经由\s])([\u4e00-\u9fff]{2,6}?(?:省|自治区))第[\u4e00-\u9fff]{1,4}届人民代表大会常务委员会",
                               t or "", re.M)
                     for (t,) in rows)
            cache[place] = next((m.group(1) for m in found if m), None)
        return cache[place]

    def has_document(self, title: str) -> bool:
        """Is a document of this title stored (a 规范性文件 is no registry entry but may be cited)?"""
        if self._titles is None:
            self._titles = {title_key(t) for (t,) in self.store.db.execute(
                "select title from documents where title is not null")}
        return title_key(title) in self._titles
