"""Matters an upper law leaves to the provinces (食品生产加工小作坊和食品摊贩等的具体管理办法由省、自治区、直辖市
制定): a local rule on such a matter is made under that delegation, so F105/F107 do not hold it to the law's
own penalties; the review says which check it skipped and why (Review.notes)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from weakref import WeakKeyDictionary

from nlp.checks.basis import cn_article
from nlp.checks.context import Context

_LOCAL = ("地方性法规", "自治条例和单行条例", "地方政府规章")
_DELEGATES_RE = re.compile(
    r"(?:^|[。；，,])(?P<matter>[^。；，,]{2,80}?)(?:的)?(?:具体(?:管理)?办法|具体规定|管理办法|具体处罚办法|处罚)"
    r"[^。；]{0,6}?(?:由|依照)(?:省、自治区、直辖市|省级)[^。；]{0,40}?(?:制定|规定|执行)")
_SPLIT_RE = re.compile(r"[、和及与或等的对]|以及|违法行为")
#: Delegating sentences found per library and (entry, date): a library lives for a run, and so does its cache.
_FOUND: WeakKeyDictionary = WeakKeyDictionary()


@dataclass(frozen=True)
class Delegation:
    """One delegating sentence of an upper law: the matters it names and where it is."""

    law: str
    label: str
    text: str
    matters: tuple[str, ...]

    def to_json(self) -> dict:
        return {"law": self.law, "label": self.label, "text": self.text, "matters": list(self.matters)}


def _matters(phrase: str) -> tuple[str, ...]:
    """食品生产加工小作坊和食品摊贩 → (食品生产加工小作坊, 小作坊, 食品摊贩, 摊贩): the names and their heads."""
    out = []
    for part in _SPLIT_RE.split(phrase):
        part = part.strip()
        if len(part) >= 3:
            out += [part, part[-3:]] if len(part) > 4 else [part]
    return tuple(dict.fromkeys(p for p in out if len(p) >= 2))


def delegations(entries: list, ctx: Context) -> list[Delegation]:
    """The delegating sentences of ``entries`` in their versions in force on the review date (cached per run)."""
    cache = _FOUND.setdefault(ctx.library, {})
    out = []
    for entry in entries:
        key = (entry.key, ctx.as_of)
        if key not in cache:
            found = []
            for number, sub, text in ctx.library.articles(entry, ctx.as_of):
                for m in _DELEGATES_RE.finditer(text):
                    matters = _matters(m.group("matter"))
                    if matters:
                        found.append(Delegation(entry.title, cn_article(number, sub),
                                                re.sub(r"\s+", "", m.group(0).lstrip("。；，,")), matters))
            cache[key] = found
        out += cache[key]
    return out


_PROVINCIAL_RE = re.compile(r"^(?:[\u4e00-\u9fff]{2,8}?(?:省|自治区)|北京市|天津市|上海市|重庆市)(?!.{0,6}?(?:市|州|县|区|盟)(?:人民|委员会|$))")


def provincial(issuers: list[str]) -> bool:
    """Is the issuer a province, autonomous region or municipality's organ (江南省人民政府, 上海市人大常委会)?"""
    return bool(issuers) and all(_PROVINCIAL_RE.match(o) for o in issuers)


def delegated(doc, text: str, entries: list, ctx: Context) -> Delegation | None:
    """The delegation a local rule's clause (or the whole rule, by its title) is made under, if any."""
    if doc.metadata.level not in _LOCAL or not provincial(doc.metadata.issuers):
        return None  # the law delegates to 省、自治区、直辖市: a city's rule is still held to it
    title = doc.metadata.title or ""
    for d in delegations(entries, ctx):
        if any(m in text or m in title for m in d.matters):
            return d
    return None
