"""What kind of 文书 a document is, from its content: the title line first, then the phrases
typical of its body (nlp/checks/dossier.toml). File names carry no meaning in a case file."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from nlp.normalize import to_simplified

TABLE = Path(__file__).resolve().parents[1] / "checks" / "dossier.toml"
UNKNOWN = "其他材料"
_HEAD_LINES = 6  # the title sits in the first lines, after the agency's name at most


@lru_cache(maxsize=1)
def table() -> dict[str, Any]:
    with TABLE.open("rb") as f:
        return tomllib.load(f)


def documents() -> dict[str, dict[str, Any]]:
    """Document type → its titles, cues, stage, whether it is required, the rule when missing."""
    return table()["documents"]


@dataclass(frozen=True)
class Typed:
    type: str
    title: str  # the title line as written, or "" when typed by its body
    by: str  # "title" or "cues"


@lru_cache(maxsize=1)
def _title_patterns() -> list[tuple[str, str]]:
    """(title, type), longest first so 重大执法决定法制审核意见书 wins over 法制审核意见书."""
    pairs = [(to_simplified(t), name) for name, spec in documents().items() for t in spec.get("titles", [])]
    return sorted(pairs, key=lambda p: -len(p[0]))


def title_of(line: str) -> str | None:
    """The document type whose title this line is (whitespace and the agency's name allowed around it)."""
    compact = re.sub(r"[\s　]+", "", to_simplified(line)).lstrip("#")
    compact = re.sub(r"[（(][^）)]{1,20}[)）]$", "", compact)  # 证据材料（现场照片及书证目录）
    if not compact or len(compact) > 40:
        return None
    for title, name in _title_patterns():
        if compact.endswith(title) or compact.endswith(title + "（存根）") or compact == title:
            return name
    return None


def classify(text: str) -> Typed:
    """The type of one document: by a title line near the top, else by the most cues in the body."""
    lines = [ln for ln in text.splitlines() if ln.strip()][:_HEAD_LINES]
    for line in lines:
        name = title_of(line)
        if name:
            return Typed(name, line.strip(), "title")
    body = to_simplified(text)
    scores = {name: sum(1 for cue in spec.get("cues", []) if cue in body) for name, spec in documents().items()}
    best = max(scores, key=scores.get, default=None)
    if best is None or scores[best] < 2:
        return Typed(UNKNOWN, "", "cues")
    return Typed(best, "", "cues")
