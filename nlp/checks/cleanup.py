"""Cleanup (清理) of one stored document: its C findings and one recommendation,
继续有效 / 修改 / 废止 / 宣布失效.

The C rules reuse what filing review finds in the provisions (a repealed basis is F202, a
conflict with upper law is F1xx …) and add what only matters for a document already in force:
an expired 有效期, a later document replacing it, a one-off purpose that has lapsed.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from nlp.checks.basis import cn_article, document_date
from nlp.checks.context import Context
from nlp.checks.review import content_findings, document_scope
from nlp.checks.rules import Finding, finding, unique
from nlp.document import ParsedDocument

RECOMMENDATIONS = ("继续有效", "修改", "废止", "宣布失效")
#: Ranks a cleanup covers: the local documents a region keeps (national laws and rules in the store
#: are the library they are checked against, not documents this office can amend or repeal).
CLEANUP_LEVELS = ("地方性法规", "自治条例和单行条例", "地方政府规章", "行政规范性文件")
# F rule → the C rule it makes in a stored document.
_FROM_REVIEW = {"F101": "C105", "F102": "C105", "F103": "C105", "F104": "C105", "F105": "C105", "F106": "C105",
                "F107": "C105", "F202": "C102", "F204": "C103", "F501": "C107", "F502": "C108",
                "F301": "C109", "F302": "C109"}
_ONE_OFF_RE = re.compile(r"(?P<year>(?:19|20)\d{2})(?:年度?|—|-|至)(?:[^，。]*?)(?:工作|专项|活动|行动|整治|检查|方案|要点|计划|安排)")


@dataclass(frozen=True)
class Replacement:
    """A later stored document that repeals or replaces this one."""

    title: str
    date: date | None
    explicit: bool  # it says so (…同时废止), rather than only sharing issuer and matter


@dataclass
class Cleanup:
    doc: ParsedDocument
    document_id: int
    version_id: int
    findings: list[Finding]

    @property
    def recommendation(self) -> str:
        rules = {f.rule for f in self.findings if f.severity != "info"}
        if rules & {"C101", "C106"}:
            return "宣布失效"
        if "C104" in rules or any(f.rule == "C102" and f.details.get("basis_lost") for f in self.findings):
            return "废止"
        if rules:
            return "修改"
        return "继续有效"

    @property
    def reasons(self) -> list[str]:
        return [f.message for f in self.findings if f.severity != "info"]

    def to_json(self) -> dict[str, Any]:
        meta = self.doc.metadata
        return {"id": self.document_id, "version_id": self.version_id, "title": meta.title, "level": meta.level,
                "issuer": meta.issuer, "doc_number": meta.doc_number,
                "dates": {k: v.isoformat() for k, v in sorted(meta.dates.items())},
                "recommendation": self.recommendation, "reasons": self.reasons,
                "findings": [f.to_json() for f in self.findings]}


def cleanup(doc: ParsedDocument, document_id: int, version_id: int, ctx: Context,
            replaced_by: list[Replacement]) -> Cleanup:
    """The C findings of one stored document on ``ctx.as_of``."""
    found = [_from_review(f) for f in content_findings(doc, ctx) if f.rule in _FROM_REVIEW]
    found += _amended(doc, ctx)
    expires = doc.metadata.dates.get("expires")
    if expires and expires < ctx.as_of:
        found.append(finding("C101", f"有效期已于{expires.isoformat()}届满", location="全文", expires=expires.isoformat()))
    for r in replaced_by:
        how = "明确废止" if r.explicit else "就同一事项重新作出规定"
        found.append(finding("C104", f"《{r.title}》（{r.date.isoformat() if r.date else '日期不详'}）已{how}",
                             location="全文", severity=None if r.explicit else "warning", replacement=r.title))
    lapsed = _lapsed(doc, ctx)
    if lapsed:
        found.append(lapsed)
    return Cleanup(doc, document_id, version_id, unique(found, document_scope(doc)))


def _from_review(f: Finding) -> Finding:
    """The cleanup reading of a review finding, keeping its place, evidence and details."""
    rule = _FROM_REVIEW[f.rule]
    severity = "info" if rule == "C108" else ("warning" if f.severity != "error" and rule == "C105" else None)
    c = finding(rule, f.message, article=f.article, location=f.location, severity=severity, **f.details)
    c.evidence, c.start, c.end = f.evidence, f.start, f.end
    c.details["from"] = f.rule
    if f.rule == "F202" and not f.details.get("successor"):
        c.details["basis_lost"] = True  # repealed with nothing in its place: the document loses its ground
    return c


def _amended(doc: ParsedDocument, ctx: Context) -> list[Finding]:
    """C103 where a cited law changed after the document and the cited articles' text changed with it."""
    cited_on = document_date(doc)
    if cited_on is None:
        return []
    reg, found, seen = ctx.library.registry, [], set()
    for c in doc.citations:
        if not c.title or c.internal or c.form or not c.article:
            continue
        entry = reg.resolve(c.means or c.title).entry
        if entry is None or (entry.key, c.article, c.article_sub) in seen:
            continue
        seen.add((entry.key, c.article, c.article_sub))
        fate = ctx.library.cited(entry.title, c.article, c.article_sub, cited_on, ctx.as_of)
        if fate is None or not fate.amended_since or fate.moved or fate.now is None:
            continue  # moved and deleted articles come through F204
        if fate.similarity is not None and fate.similarity < 98:
            where = cn_article(c.in_article, c.in_article_sub) if c.in_article else None
            found.append(finding("C103", f"{where or ''}所引用的《{entry.title}》{cn_article(c.article, c.article_sub)}"
                                 f"在本文件发布后修改，内容已变化（相似度{fate.similarity:.0f}%）", text=doc.text,
                                 start=c.start, end=c.end, article=c.in_article, location=where, law=entry.title))
    return found


def _lapsed(doc: ParsedDocument, ctx: Context) -> Finding | None:
    """C106: a document for one year's or one campaign's work, that many years on."""
    title = doc.metadata.title or ""
    m = _ONE_OFF_RE.search(title)
    if not m:
        return None
    year = int(m["year"])
    if ctx.as_of.year - year < ctx.settings["cleanup"]["lapsed_after_years"]:
        return None
    return finding("C106", f"文件部署{year}年的阶段性工作，适用期已过", location="标题", year=year)

