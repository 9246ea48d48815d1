"""What every reader returns: plain text plus where it came from.

Offsets reported anywhere in normscope point into ``Extracted.text``, so readers must
never rewrite it after building pages and blocks.
"""
from __future__ import annotations

from dataclasses import dataclass, field


class Unreadable(Exception):
    """A file that cannot be read; ``str(exc)`` is the one-line reason shown to users."""


@dataclass(frozen=True)
class Page:
    """A page of a paginated source (pdf); ``start``/``end`` are offsets into the text."""

    number: int
    start: int
    end: int
    scanned: bool = False


@dataclass(frozen=True)
class Block:
    """A block of the source text: heading, paragraph, table cell row, list item."""

    kind: str
    start: int
    end: int
    style: str | None = None


@dataclass
class Extracted:
    """Text of one source document, with its layout where the format has one."""

    source: str
    format: str
    text: str
    pages: list[Page] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    encoding: str | None = None
    title_hint: str | None = None
    warnings: list[str] = field(default_factory=list)
