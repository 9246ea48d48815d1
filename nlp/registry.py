"""The law registry: every stored law, regulation and rule with its versions, plus the bundled
facts about repealed and renamed laws, and the resolution of cited titles against them.

Resolution tries the exact title, then known short forms (aliases, the 中华人民共和国
prefix, （试行）-style suffixes), then fuzzy matching with rapidfuzz within a small edit
budget; a tie is reported with its candidates instead of being guessed.
"""
from __future__ import annotations

import csv
import json
import re
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Iterable

from rapidfuzz import process
from rapidfuzz.distance import Levenshtein

from nlp.normalize import to_simplified

#: Ranks that make a document a registry entry (CONTRACT's levels from 宪法 to 规章).
REGISTRY_LEVELS = ("宪法", "法律", "行政法规", "监察法规", "地方性法规", "自治条例和单行条例", "部门规章",
                   "地方政府规章", "司法解释")
FACTS_DIR = Path(__file__).resolve().parents[1] / "corpus"
# Fuzzy matching allows one character edit per FUZZY_CHARS_PER_EDIT characters of the title
# (at least one): enough for a typo, a traditional-character residue or a scraping slip, too
# little to confuse 上海市产品质量条例 with 上海市产品质量监督条例. A tie is ambiguous.
FUZZY_CHARS_PER_EDIT = 10

_ISSUER_PREFIXES = ("最高人民法院", "最高人民检察院", "最高人民法院、最高人民检察院", "国务院", "国务院办公厅",
                    "全国人民代表大会常务委员会")
_SUFFIX_RE = re.compile(r"[（(](?:试行|暂行|草案|\d{4}年?(?:修订|修正|修改)?(?:本|版)?|修订|修正)[)）]$")


def title_key(title: str) -> str:
    """What two spellings of one title share: simplified, no spaces or 《》, no 中华人民共和国 or （试行）."""
    key = re.sub(r"[\s《》〈〉<>“”\"]", "", to_simplified(title))
    key = key.replace("中华人民共和国", "")  # also inside: 河南省实施〈中华人民共和国矿产资源法〉办法
    while True:
        stripped = _SUFFIX_RE.sub("", key)
        if stripped == key:
            return key
        key = stripped


@dataclass
class Version:
    """One stored version of a registry entry."""

    version_id: int | None
    date: date | None
    effective: date | None
    superseded: bool = False
    parts: tuple[int, ...] = ()  # stored versions whose articles together make this one (民法典's 编)

    @property
    def start(self) -> date | None:
        """When this version starts to be in force: its 施行 date, never before its own adoption (an amended
        text keeps the law's original 施行 date; ingest.store's IN_FORCE_ON_SQL applies the same rule)."""
        known = [d for d in (self.date, self.effective) if d]
        return max(known) if known else None

    @property
    def stored_ids(self) -> tuple[int, ...]:
        """Every stored version holding this version's articles."""
        return self.parts or ((self.version_id,) if self.version_id is not None else ())


@dataclass
class Entry:
    """A law, regulation or rule known to the registry, stored or only known from the facts table."""

    key: str
    title: str
    level: str | None
    document_id: int | None = None
    versions: list[Version] = field(default_factory=list)
    repealed: date | None = None
    successor: str | None = None
    status_fact: str | None = None

    def version_at(self, when: date) -> Version | None:
        """The version in force on ``when``: the latest adopted on or before it."""
        # of two versions of one date (a text and a line of the history), the one whose text is held wins
        dated = sorted((v for v in self.versions if v.date), key=lambda v: (v.date, bool(v.stored_ids)))
        before = [v for v in dated if v.start <= when] or [v for v in dated if v.date <= when]  # adopted, not yet in force
        if before:
            return before[-1]
        if dated:
            return min(dated, key=lambda v: (v.date, not v.stored_ids))
        return self.versions[0] if self.versions else None

    def version_status(self, version: Version, as_of: date) -> str:
        """现行有效 / 已被修改 / 已废止 / 尚未生效 of one version on ``as_of``, inferred from later versions
        (a supplied superseded flag counts too, but is never the only evidence needed)."""
        law = self.status(as_of)
        if law in ("已废止", "失效"):
            return law
        if version.start and version.start > as_of:
            return "尚未生效"
        later = any(v.date and version.date and version.date < v.date and v.start <= as_of for v in self.versions)
        return "已被修改" if later or version.superseded else law

    def status(self, as_of: date) -> str:
        """现行有效 / 已废止 / 失效 / 尚未生效 of the entry (a law, not one version) on ``as_of``."""
        if self.repealed and as_of >= self.repealed:
            return "已废止"
        if self.status_fact in ("已废止", "失效") and not self.repealed:
            return self.status_fact
        first = min((v.effective or v.date for v in self.versions if v.effective or v.date), default=None)
        if first and first > as_of:
            return "尚未生效"
        return "现行有效"


@dataclass
class Resolution:
    """Where a cited title points: the entry, how it was found, and the alternatives."""

    entry: Entry | None
    method: str  # exact, alias, fuzzy, ambiguous, none
    score: float = 100.0
    candidates: list[str] = field(default_factory=list)


def _iso(s: str | None) -> date | None:
    try:
        return date.fromisoformat(s) if s else None
    except ValueError:
        return None


class Registry:
    """Entries by title key, with aliases; built from the store and the bundled facts."""

    def __init__(self, entries: Iterable[Entry], aliases: dict[str, str] | None = None):
        self.entries: dict[str, Entry] = {}
        for e in entries:
            self.add(e)
        self.aliases = {title_key(a): title_key(t) for a, t in (aliases or {}).items()}
        self._keys: list[str] | None = None

    def add(self, entry: Entry) -> None:
        """Merge ``entry`` into the registry; stored versions and supplied facts complement each other."""
        have = self.entries.get(entry.key)
        if have is None:
            self.entries[entry.key] = entry
        else:
            have.versions.extend(entry.versions)
            have.document_id = have.document_id or entry.document_id
            have.level = have.level or entry.level
            have.repealed = have.repealed or entry.repealed
            have.successor = have.successor or entry.successor
            have.status_fact = have.status_fact or entry.status_fact
        self._keys = None

    @classmethod
    def from_facts(cls, folder: Path = FACTS_DIR) -> Registry:
        """Only the bundled facts (repealed and renamed laws) and aliases: what a stateless parse has."""
        return cls(_facts(folder), _aliases(folder))

    @classmethod
    def from_store(cls, db, folder: Path = FACTS_DIR) -> Registry:
        """Every stored document of registry rank, with its versions, plus the bundled facts."""
        entries: dict[int, Entry] = {}
        placeholders = ",".join("?" * len(REGISTRY_LEVELS))
        rows = db.execute(
            f"select d.id, d.title, d.level, v.id, v.version_date, v.effective, v.superseded, v.metadata "
            f"from documents d join versions v on v.document_id = d.id "
            f"where d.level in ({placeholders}) and d.title is not null order by v.version_date",
            REGISTRY_LEVELS).fetchall()
        for doc_id, title, level, vid, vdate, eff, sup, meta in rows:
            e = entries.setdefault(doc_id, Entry(title_key(title), title, level, doc_id))
            e.versions.append(Version(vid, _iso(vdate), _iso(eff), bool(sup)))
            for day, _event in json.loads(meta or "{}").get("history", []):
                e.versions.append(Version(None, _iso(day), None))  # a version known only by its date
        spans = {vid: (lo, hi) for vid, lo, hi in db.execute(
            "select version_id, min(number), max(number) from articles group by version_id")}
        for e in entries.values():
            e.versions = _dedupe(_join_parts(e.versions, spans))
        reg = cls(entries.values(), _aliases(folder))
        for fact in _facts(folder):
            reg.add(fact)
        return reg

    @classmethod
    def from_manifest(cls, manifest: Path, folder: Path = FACTS_DIR) -> Registry:
        """Entries from a manifest in the shared corpus format (path,title,level,version_date,…),
        plus the bundled facts: the registry of a corpus before (or without) ingesting it."""
        entries = []
        with Path(manifest).open(encoding="utf-8-sig", newline="") as f:
            for row in csv.DictReader(f):
                title = (row.get("title") or "").strip().lstrip("#")
                if title and (row.get("level") or "") in REGISTRY_LEVELS:
                    version = Version(None, _iso(row.get("version_date")), _iso(row.get("effective_date")),
                                      (row.get("superseded") or "") == "1")
                    entries.append(Entry(title_key(title), title, row["level"], None, [version]))
        reg = cls(entries, _aliases(folder))
        for fact in _facts(folder):
            reg.add(fact)
        return reg

    def known(self, title: str) -> bool:
        """Is ``title`` (exactly, or as an alias) a registry title? Used to delimit bare titles."""
        key = title_key(title)
        return key in self.entries or key in self.aliases

    def resolve(self, title: str) -> Resolution:
        """Find the entry a cited title means."""
        key = title_key(title)
        if key in self.entries:
            return Resolution(self.entries[key], "exact")
        if key in self.aliases and self.aliases[key] in self.entries:
            return Resolution(self.entries[self.aliases[key]], "alias")
        if key.startswith("关于"):  # 《关于…的解释》 cited without its issuer
            found = [self.entries[k] for k in (p + key for p in _ISSUER_PREFIXES) if k in self.entries]
            if len(found) == 1:
                return Resolution(found[0], "alias")
        if self._keys is None:
            self._keys = list(self.entries)
        budget = max(1, len(key) // FUZZY_CHARS_PER_EDIT)
        found = process.extract(key, self._keys, scorer=Levenshtein.distance, limit=3, score_cutoff=budget)
        if not found:
            return Resolution(None, "none", 0.0)
        best, dist, _ = found[0]
        score = 100.0 * (1 - dist / max(len(key), 1))
        rivals = [k for k, d, _ in found[1:] if d == dist]
        if rivals:
            return Resolution(None, "ambiguous", score, [self.entries[k].title for k in (best, *rivals)])
        return Resolution(self.entries[best], "fuzzy", score)


def _join_parts(versions: list[Version], spans: dict[int, tuple[int, int]]) -> list[Version]:
    """Stored versions whose article ranges never overlap are parts of one text (a code published
    book by book), not successive versions: they become one version dated by the earliest part."""
    stored = [v for v in versions if v.version_id is not None and v.version_id in spans]
    if len(stored) < 2:
        return versions
    ranges = sorted(spans[v.version_id] for v in stored)
    if any(a[1] >= b[0] for a, b in zip(ranges, ranges[1:])):
        return versions
    dated = [v.date for v in stored if v.date]
    joined = Version(stored[0].version_id, min(dated) if dated else None,
                     min((v.effective for v in stored if v.effective), default=None),
                     any(v.superseded for v in stored), tuple(v.version_id for v in stored))
    return [joined] + [v for v in versions if v.version_id is None]


def _dedupe(versions: list[Version]) -> list[Version]:
    """One version per date, preferring the one whose text is stored."""
    best: dict[date | None, Version] = {}
    for v in versions:
        have = best.get(v.date)
        if have is None or (have.version_id is None and v.version_id is not None):
            best[v.date] = v
    return sorted(best.values(), key=lambda v: (v.date or date.min))


def _facts(folder: Path) -> list[Entry]:
    path = folder / "law_facts.csv"
    if not path.exists():
        return []
    out = []
    with path.open(encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            title = (row.get("title") or "").strip()
            successor = (row.get("successor") or "").strip()
            if not title or (successor and title_key(successor) == title_key(title)):
                continue  # a repealed （试行） text shares its key with the law in force that replaced it
            eff = _iso(row.get("effective"))
            versions = [Version(None, _iso(row.get("adopted")) or eff, eff)] if (eff or row.get("adopted")) else []
            # replaced without a formal repeal: out of force the day its successor takes effect
            repealed = _iso(row.get("repealed")) or (_iso(row.get("successor_effective")) if successor else None)
            out.append(Entry(title_key(title), title, (row.get("level") or "").strip() or None, None, versions,
                             repealed, successor or None,
                             (row.get("status") or "").strip() or None))
    return out


@lru_cache(maxsize=4)
def _alias_rows(path: Path) -> tuple[tuple[str, str], ...]:
    if not path.exists():
        return ()
    with path.open(encoding="utf-8", newline="") as f:
        return tuple((r["alias"].strip(), r["title"].strip()) for r in csv.DictReader(f) if r.get("alias"))


def _aliases(folder: Path) -> dict[str, str]:
    return dict(_alias_rows(folder / "law_aliases.csv"))
