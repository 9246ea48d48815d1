"""What a cited article meant when it was cited, and where it is now.

The version in force on the citing document's date decides what 第三十二条 meant; aligning
that version's articles with the version in force today tells whether the article is still
number 32, has moved, or was deleted.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from ingest.store import Store
from nlp.align import ArticleText, align
from nlp.registry import Entry, Registry, Version


@dataclass(frozen=True)
class CitedArticle:
    """One cited article of one registry entry, then and now."""

    title: str
    status: str  # of the law on the as-of date: 现行有效 / 已废止 / 失效 / 尚未生效
    version_then: date | None
    version_now: date | None
    article: int
    sub: int
    exists_then: bool | None  # None when the registry holds no text of that version
    now: tuple[int, int] | None  # the article's key in the version in force now; None if deleted
    similarity: float | None = None
    amended_since: bool = False  # a later version came into force after the citing date
    then_missing: date | bool | None = None  # the version in force on the citing date is not held (its date,
    # or True when the library's texts all start later)
    old_number: tuple[date | None, tuple[int, int]] | None = None  # (the earlier version, or None when only the
    # citing words show it, and the article's number in the version then in force)

    @property
    def moved(self) -> bool:
        return self.now is not None and self.now != (self.article, self.sub)

    @property
    def deleted(self) -> bool:
        return self.exists_then is True and self.now is None and self.version_now != self.version_then


class ArticleLookup:
    """Looks up cited articles against the store's registry; alignments are computed once per pair."""

    def __init__(self, store: Store, registry: Registry | None = None):
        self.store = store
        self.registry = registry or Registry.from_store(store.db)
        self._align = lru_cache(maxsize=256)(self._alignment)
        self._texts = lru_cache(maxsize=512)(self._articles)

    def _articles(self, version_ids: tuple[int, ...]) -> tuple[ArticleText, ...]:
        marks = ",".join("?" * len(version_ids))
        rows = self.store.db.execute(
            f"select number, sub, text from articles where version_id in ({marks}) order by number, sub, seq",
            list(version_ids)).fetchall()
        return tuple(ArticleText(n, s or 0, t or "") for n, s, t in rows)

    def _alignment(self, old_ids: tuple[int, ...], new_ids: tuple[int, ...]):
        return align(list(self._texts(old_ids)), list(self._texts(new_ids)))

    def cited(self, title: str, article: int, sub: int = 0, cited_on: date | None = None,
              as_of: date | None = None, context: str = "") -> CitedArticle | None:
        """The cited article's fate, or None when the title resolves to nothing."""
        entry = self.registry.resolve(title).entry
        if entry is None:
            return None
        as_of = as_of or date.today()
        then = entry.version_at(cited_on or as_of)
        now = entry.version_at(as_of)
        held = any(v.stored_ids for v in entry.versions)
        later = then is not None and then.date and cited_on and then.date > cited_on  # the library starts later
        if held and cited_on and then is not None and (later or not then.stored_ids):
            # the text in force on the citing date is not held: what the article meant then cannot be read
            return CitedArticle(entry.title, entry.status(as_of), None if later else then.date,
                                now.date if now else None, article, sub, None, (article, sub), None,
                                amended_since=_amended_between(entry, then, as_of),
                                then_missing=True if later else then.date)
        exists_then, key_now, similarity = self._follow(then, now, article, sub)
        old = self._old_number(entry, then, article, sub, context) if context and exists_then else None
        return CitedArticle(entry.title, entry.status(as_of), then.date if then else None,
                            now.date if now else None, article, sub, exists_then, key_now, similarity,
                            amended_since=_amended_between(entry, then, as_of), old_number=old)

    def _old_number(self, entry: Entry, then: Version, article: int, sub: int,
                    context: str) -> tuple[date | None, tuple[int, int]] | None:
        """The citing words fit this number's article in an earlier version, not in the version then in force
        (行政处罚法 第三十二条 for 陈述申辩 after 2021): that version's date and the article's number then."""
        mine = _words(context)
        if len(mine) < 4:
            return None
        current = {(a.number, a.sub): a.text for a in self._texts(then.stored_ids)}
        fit_then = _share(mine, current.get((article, sub), ""))
        if fit_then >= 0.4:
            return None
        for prev in sorted((v for v in entry.versions if v.stored_ids and v.date and then.date and v.date < then.date),
                           key=lambda v: v.date, reverse=True):
            earlier = {(a.number, a.sub): a.text for a in self._texts(prev.stored_ids)}
            fit_prev = _share(mine, earlier.get((article, sub), ""))
            if fit_prev >= 0.4 and fit_prev >= fit_then + 0.2:
                mapped = self._align(prev.stored_ids, then.stored_ids).get((article, sub))
                if mapped and mapped[0] != (article, sub):
                    return prev.date, mapped[0]
        # no earlier text held: the words fit another article of the version then in force far better
        fits = sorted(((_share(mine, t), k) for k, t in current.items()), reverse=True)
        if fits and fits[0][0] >= 0.5 and fits[0][0] - fit_then >= 0.35 and fits[0][1] != (article, sub) \
                and (len(fits) < 2 or fits[0][0] - fits[1][0] >= 0.1):
            return None, fits[0][1]
        return None

    def _follow(self, then: Version | None, now: Version | None, article: int, sub: int):
        if then is None or not then.stored_ids:
            return None, (article, sub), None  # only known from the facts table
        keys = {(a.number, a.sub) for a in self._texts(then.stored_ids)}
        if (article, sub) not in keys:
            return False, None, None
        if now is None or not now.stored_ids or now.stored_ids == then.stored_ids:
            return True, (article, sub), 100.0
        mapped = self._align(then.stored_ids, now.stored_ids).get((article, sub))
        return (True, mapped[0], mapped[1]) if mapped else (True, None, None)


def _amended_between(entry: Entry, then: Version | None, as_of: date) -> bool:
    """Was a later version of the entry adopted after ``then`` and on or before ``as_of``?"""
    if then is None or then.date is None:
        return False
    return any(v.date and then.date < v.date <= as_of for v in entry.versions)


_COMMON = {"规定", "依照", "依据", "按照", "根据", "本法", "法律", "行政", "条例", "办法", "应当", "可以", "有关", "进行"}


def _words(text: str) -> set[str]:
    """Character pairs of the citing words, without the pairs every legal sentence has."""
    text = re.sub(r"《[^》]*》|第[一二三四五六七八九十百零\d]+[条款项]|[^\u4e00-\u9fff]", "", text)
    return {text[i:i + 2] for i in range(len(text) - 1)} - _COMMON


def _share(mine: set[str], article: str) -> float:
    return len(mine & _words(article)) / len(mine) if mine and article else 0.0
