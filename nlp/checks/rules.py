"""The rule catalogue (catalogue.toml) and the Finding every check produces from it.

A finding's wording, severity, legal basis and suggestion come from the catalogue unless the
check has something more specific to say, so a rule reads the same wherever it fires.
"""
from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

CATALOGUE = Path(__file__).with_name("catalogue.toml")
SEVERITIES = ("error", "warning", "info")


@lru_cache(maxsize=1)
def catalogue() -> dict[str, dict[str, str]]:
    """Rule id → title, severity, basis, suggestion."""
    with CATALOGUE.open("rb") as f:
        return tomllib.load(f)


@dataclass
class Finding:
    """One problem found in one document: where it is, what the rule says, what to do."""

    rule: str
    severity: str
    title: str
    message: str
    article: int | None
    location: str | None
    evidence: str
    start: int | None
    end: int | None
    basis: str
    suggestion: str
    details: dict[str, Any] = field(default_factory=dict)
    scope: str = ""  # the document or case it belongs to (set by unique): two documents never share an id

    @property
    def id(self) -> str:
        """Stable across re-runs of the same text, so a reviewer's decision stays attached; distinct
        between documents, so a decision on one never decides another's identical finding."""
        key = (f"{self.scope}|{self.rule}|{self.location}|{self.start}|{self.end}|{self.evidence}"
               f"|{self.details.get('key', '')}|{self.message}")
        return f"{self.rule}-{hashlib.sha1(key.encode()).hexdigest()[:10]}"

    def to_json(self) -> dict[str, Any]:
        """CONTRACT's finding fields first, then what this project adds."""
        return {"id": self.id, "rule": self.rule, "severity": self.severity, "message": self.message,
                "article": self.article, "evidence": self.evidence, "start": self.start, "end": self.end,
                "basis": self.basis, "suggestion": self.suggestion, "title": self.title,
                "location": self.location, "details": {k: v for k, v in self.details.items() if k != "key"}}


def finding(rule: str, message: str, *, text: str = "", start: int | None = None, end: int | None = None,
            article: int | None = None, location: str | None = None, severity: str | None = None,
            basis: str | None = None, suggestion: str | None = None, **details: Any) -> Finding:
    """A Finding of ``rule`` with the catalogue's defaults; evidence is ``text[start:end]``."""
    spec = catalogue()[rule]
    evidence = text[start:end] if text and start is not None and end is not None else ""
    return Finding(rule, severity or spec["severity"], spec["title"], message, article, location,
                   evidence.strip(), start, end, basis or spec["basis"], suggestion or spec["suggestion"],
                   details)


def count_by_severity(findings: list[Finding]) -> dict[str, int]:
    """{"error": n, "warning": n, "info": n}: the summary line of a review."""
    return {s: sum(1 for f in findings if f.severity == s) for s in SEVERITIES}


def unique(findings: list[Finding], scope: str) -> list[Finding]:
    """The findings of one document or case (``scope``: its identity), each once: findings with the same
    id are the same finding reached twice (two citations of one repealed law in one article …)."""
    seen: set[str] = set()
    for f in findings:
        f.scope = scope
    return [f for f in findings if not (f.id in seen or seen.add(f.id))]
