"""The provisions a check looks at: each 款 of each article, or, in a 通知 written as numbered
points (一、（二）3．) rather than articles, each paragraph under its outline label.

Both kinds of document then look alike to the checks, and every finding can name its place the
way the document does (第十一条第二款, 四、（二）).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from nlp.document import Article, Item, ParsedDocument
from nlp.numbers import Fine, cn_to_int
from nlp.normalize import to_simplified
from nlp.provisions import classify

_CN = "一二三四五六七八九十"
_OUTLINE_RES = (
    re.compile(rf"^[{_CN}]+、"),
    re.compile(rf"^[（(][{_CN}]+[)）]"),
    re.compile(r"^(?:\d+[.．、](?!\d)|[（(]\d+[)）])"),
)
_PAR_LABELS = "一二三四五六七八九十"


@dataclass
class Unit:
    """One provision: a paragraph of an article, or one paragraph of an outline document."""

    location: str
    article: int | None
    sub: int
    paragraph: int | None
    start: int
    end: int
    text: str
    types: list[str] = field(default_factory=list)
    penalty_kinds: list[str] = field(default_factory=list)
    fines: list[Fine] = field(default_factory=list)  # offsets into ``text``
    items: list[Item] = field(default_factory=list)  # offsets into the document text
    block: tuple[int, int] = (0, 0)  # the article, or the outline point of the second level, it belongs to
    block_location: str = ""


def units(doc: ParsedDocument) -> list[Unit]:
    """Every provision of ``doc`` in text order; ``text`` is simplified (same length) so rules match
    traditional documents too, while evidence is always cut from the document's own text."""
    if doc.structure.articles:
        return [u for a in doc.structure.articles for u in _article_units(a)]
    return _outline_units(doc.text)


def _article_units(a: Article) -> list[Unit]:
    label = re.sub(r"\s+", "", a.label)
    many = len(a.paragraphs) > 1
    return [Unit(label + (f"第{_PAR_LABELS[p.index - 1]}款" if many and p.index <= 10 else ""),
                 a.number, a.sub, p.index, p.start, p.end, to_simplified(p.text), list(p.types), list(p.penalty_kinds),
                 list(p.fines), list(p.items), (a.start, a.end), label)
            for p in a.paragraphs]


def _outline_units(text: str) -> list[Unit]:
    """Paragraphs (lines) of an article-less document with their outline path and provision types."""
    out: list[Unit] = []
    path: list[str] = ["", "", ""]
    block_start, block_label = 0, ""
    for m in re.finditer(r"[^\n]+", text):
        line = m.group()
        stripped = line.strip()
        if not stripped:
            continue
        lead = len(line) - len(line.lstrip())
        for level, pattern in enumerate(_OUTLINE_RES):
            marker = pattern.match(to_simplified(stripped[:8]))
            if marker:
                path[level] = marker.group()
                path[level + 1:] = [""] * (2 - level)
                if level < 2:
                    block_start, block_label = m.start() + lead, "".join(path[:2])
                break
        start, end = m.start() + lead, m.end() - (len(line) - len(line.rstrip()))
        simplified = to_simplified(stripped)
        found = classify(simplified)
        out.append(Unit("".join(path) or "正文", None, 0, None, start, end, simplified, found.types,
                        found.penalty_kinds, found.fines, [], (block_start, end), block_label or "正文"))
    _close_blocks(out)
    return out


def _close_blocks(out: list[Unit]) -> None:
    """A block runs from its outline marker to the last paragraph under it."""
    ends: dict[int, int] = {}
    for u in out:
        ends[u.block[0]] = u.end
    for u in out:
        u.block = (u.block[0], ends[u.block[0]])


def outline_numbers(units_: list[Unit]) -> list[tuple[int, Unit]]:
    """The first-level numbers (一、二、…) in order, for the numbering check of outline documents."""
    found = []
    for u in units_:
        m = _OUTLINE_RES[0].match(u.text)
        if m and u.article is None:
            n = cn_to_int(m.group()[:-1])
            if n:
                found.append((n, u))
    return found
