"""What the checks may ask of the stored law library, and the settings they run under.

Checks are pure functions of a document and this context; the store-backed implementation
lives in ingest/library.py, so the checks never touch SQL.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any, Protocol

from nlp.numbers import Fine
from nlp.registry import Entry, Registry

#: Legal rank, highest first; a provision binds documents of a strictly larger number.
RANK = {"宪法": 0, "法律": 1, "行政法规": 2, "监察法规": 2, "地方性法规": 3, "自治条例和单行条例": 3,
        "部门规章": 4, "地方政府规章": 4, "行政规范性文件": 5, "其他": 6}


def rank(level: str | None) -> int:
    return RANK.get(level or "其他", 6)


@dataclass(frozen=True)
class UpperProvision:
    """A penalty paragraph of a higher-ranking law, in the version in force on the review date."""

    title: str
    level: str
    label: str  # 第一百一十九条第一款
    article: int
    sub: int
    paragraph: int
    text: str
    penalty_kinds: tuple[str, ...]
    fines: tuple[Fine, ...]  # offsets into ``text``
    refers_to: str = ""  # the article a bare 违反本法第五十八条规定的 refers to: the conduct it punishes

    @property
    def conduct_text(self) -> str:
        return self.text + self.refers_to


@dataclass(frozen=True)
class PeerProvision:
    """A provision of another stored local document, for the conflict and repetition checks."""

    document_id: int
    title: str
    level: str
    issued: date | None
    location: str
    text: str
    block_location: str
    block_text: str


class Library(Protocol):
    """The store as the checks see it."""

    registry: Registry

    def cited(self, title: str, article: int, sub: int, cited_on: date | None, as_of: date,
              context: str = "") -> Any: ...

    def penalty_provisions(self, entry: Entry, as_of: date, any_version: bool = False) -> list[UpperProvision]: ...

    def peer_index(self, region: str) -> Any:
        """The region's local provisions as a nlp.checks.conflicts.PeerIndex, built once per region."""

    def upper_index(self, region: str) -> Any:
        """The region's local regulations only, for a city's rules compared with their province's."""

    def has_document(self, title: str) -> bool: ...

    def article_texts(self, entry: Entry, as_of: date) -> list[str]:
        """The article texts of the entry's version in force on ``as_of`` ([] when none is stored)."""

    def articles(self, entry: Entry, as_of: date) -> list[tuple[int, int, str]]:
        """(number, sub, text) of each article of that version."""

    def province_of(self, place: str) -> str | None:
        """The province a city belongs to, as the store shows it (None when it does not)."""


@dataclass
class Context:
    """One run of checks: the date it judges by, the agency's settings and the library."""

    as_of: date
    settings: dict[str, dict[str, Any]]
    library: Library
    filed_on: date | None = None
    document_id: int | None = None  # the reviewed document when it is stored: never its own peer
    notes: list[str] = field(default_factory=list)
    successors: dict[str, str] = field(default_factory=dict)  # successor's title → the repealed basis it stands for


class EmptyLibrary:
    """A library with only the bundled facts: for checks run without a store (a dossier reviewed
    on a machine that holds no laws gets every rule except the cited-range comparison)."""

    def __init__(self, registry: Registry):
        self.registry = registry

    def cited(self, title: str, article: int, sub: int, cited_on: date | None, as_of: date,
              context: str = "") -> None:
        return None

    def penalty_provisions(self, entry: Entry, as_of: date, any_version: bool = False) -> list[UpperProvision]:
        return []

    def peer_index(self, region: str) -> Any:
        from nlp.checks.conflicts import PeerIndex

        return PeerIndex([])

    def upper_index(self, region: str) -> Any:
        return self.peer_index(region)

    def has_document(self, title: str) -> bool:
        return False

    def article_texts(self, entry: Entry, as_of: date) -> list[str]:
        return []

    def articles(self, entry: Entry, as_of: date) -> list[tuple[int, int, str]]:
        return []

    def province_of(self, place: str) -> str | None:
        return None
