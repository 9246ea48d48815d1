"""Plain data passed between the parsing stages and written to the store."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from nlp.citations import Citation


@dataclass
class Item:
    """A 项 （一） inside a paragraph, or a 目 1. inside an item."""

    number: int
    label: str
    start: int
    end: int
    subitems: list[Item] = field(default_factory=list)


@dataclass
class Paragraph:
    """A 款: one paragraph of an article with the items it lists, and what it does (nlp/provisions)."""

    index: int
    start: int
    end: int
    text: str
    items: list[Item] = field(default_factory=list)
    types: list[str] = field(default_factory=list)
    penalty_kinds: list[str] = field(default_factory=list)
    fines: list = field(default_factory=list)  # nlp.numbers.Fine, offsets into the paragraph text


@dataclass
class Article:
    """A 条. ``start``/``end`` cover the label too; ``text`` is the content after the label."""

    number: int
    label: str
    path: list[str]
    start: int
    end: int
    text: str
    paragraphs: list[Paragraph]
    sub: int = 0

    @property
    def key(self) -> tuple[int, int]:
        """Order of articles: 第十条 < 第十条之一 < 第十一条."""
        return self.number, self.sub


@dataclass
class Heading:
    """A 编/分编/章/节 heading (or an unnumbered 总则/附则)."""

    level: str
    number: int | None
    text: str
    start: int
    end: int


@dataclass
class Section:
    """A span outside the articles: promulgation preamble, closing signature, an attachment."""

    kind: str
    start: int
    end: int
    label: str = ""


@dataclass
class Structure:
    """Everything the structure parser found, offsets into the extracted text."""

    articles: list[Article] = field(default_factory=list)
    headings: list[Heading] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


@dataclass
class Metadata:
    """Facts about the document as a whole, as written in it."""

    title: str | None = None
    doc_number: str | None = None
    doc_numbers: list[str] = field(default_factory=list)
    issuers: list[str] = field(default_factory=list)
    level: str = "其他"
    dates: dict[str, date] = field(default_factory=dict)
    history: list[tuple[date, str]] = field(default_factory=list)  # (date, 通过/修正/修订) from the preamble
    level_basis: str = ""  # what the level was read from (令号, 文号 …); "" when it came from the store
    level_certain: bool = True  # False: the checks that depend on the level say so instead of asserting

    @property
    def issuer(self) -> str | None:
        """Joint issuers are written with the Chinese enumeration comma, as on a 联合发文."""
        return "、".join(self.issuers) or None


@dataclass
class ParsedDocument:
    """One parsed source: its text, structure and metadata."""

    source: str
    format: str
    text: str
    metadata: Metadata
    structure: Structure
    encoding: str | None = None
    warnings: list[str] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
