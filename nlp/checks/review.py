"""Filing review (备案审查) of one document: every F rule, a conclusion, and the JSON of CONTRACT.md."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from nlp.checks.basis import check_authorizing, check_citations, document_date
from nlp.checks.conflicts import check_conflicts, province_of_place, region
from nlp.checks.context import Context, rank
from nlp.checks.formalities import check_formalities
from nlp.checks.genre import not_normative
from nlp.checks.numbering import check_numbering, check_references
from nlp.checks.powers import check_powers, check_restrictions
from nlp.checks.rules import Finding, count_by_severity, finding, unique
from nlp.checks.units import units
from nlp.document import ParsedDocument

#: Ranks a submission may claim and still turn out not to be a normative document at all.
_GENRE_LEVELS = ("行政规范性文件", "其他")


@dataclass
class Review:
    """The findings on one document and what they amount to."""

    doc: ParsedDocument
    findings: list[Finding]
    as_of: date
    filed_on: date | None = None
    document_id: int | None = None
    version_id: int | None = None
    notes: list[str] = field(default_factory=list)  # checks skipped on purpose, and why (a delegating article …)

    @property
    def conclusion(self) -> str:
        """审查结论, as a 审查意见书 states it."""
        rules = {f.rule for f in self.findings}
        severities = {f.severity for f in self.findings}
        if "F601" in rules:
            return "不属于规范性文件"
        if "error" in severities:
            return "建议纠正"
        if "warning" in severities:
            return "需进一步审查"
        return "建议予以备案"

    def to_json(self) -> dict[str, Any]:
        meta = self.doc.metadata
        return {
            "document": {"id": self.document_id, "version_id": self.version_id, "source": self.doc.source,
                         "title": meta.title, "level": meta.level, "issuer": meta.issuer, "issuers": meta.issuers,
                         "doc_number": meta.doc_number, "level_basis": meta.level_basis,
                         "level_certain": meta.level_certain,
                         "dates": {k: v.isoformat() for k, v in sorted(meta.dates.items())}},
            "as_of": self.as_of.isoformat(),
            "filed_on": self.filed_on.isoformat() if self.filed_on else None,
            "conclusion": self.conclusion,
            "summary": count_by_severity(self.findings),
            "findings": [f.to_json() for f in self.findings],
            "notes": self.notes,
        }


def document_scope(doc: ParsedDocument) -> str:
    """A document's identity for its findings' ids: title and issuer, the same across its versions and
    whether it is reviewed as a file or from the store."""
    return f"{doc.metadata.title or doc.source}|{doc.metadata.issuer or ''}"


def review(doc: ParsedDocument, ctx: Context) -> Review:
    """All filing-review findings for ``doc``, ordered by where they are in the text."""
    if doc.metadata.level in _GENRE_LEVELS:
        genre = not_normative(doc.metadata.title, doc.text)
        if genre is not None:  # the rules for normative documents do not apply to it
            f = finding("F601", genre.reason, text=doc.text, start=genre.start, end=genre.end, location="全文",
                        kind=genre.kind)
            return Review(doc, unique([f], document_scope(doc)), ctx.as_of, ctx.filed_on, ctx.document_id)
    ctx.notes = []
    found = content_findings(doc, ctx)
    found += check_formalities(doc, ctx, units(doc))
    found += level_findings(doc)
    found.sort(key=lambda f: (f.start if f.start is not None else -1, f.rule))
    return Review(doc, unique(found, document_scope(doc)), ctx.as_of, ctx.filed_on, ctx.document_id,
                  notes=list(dict.fromkeys(ctx.notes)))


#: What does not run, or runs only as a question, when the level is unknown or uncertain.
LEVEL_CHECKS = "设定权限（F101—F108）、制定依据（F201）、有效期和令号文号（F402、F403）"


def level_findings(doc: ParsedDocument) -> list[Finding]:
    """F602 when the level stayed unknown: the review says what it could not check, never passes it silently."""
    meta = doc.metadata
    if meta.level != "其他" and meta.level_certain:
        return []
    span = dict(location="全文", text=doc.text, start=0, end=min(len(doc.text), 40))
    if meta.level != "其他":  # read with doubt: checked as that level, with its errors asked as questions
        return [finding("F602", f"文件层级存疑（{meta.level_basis}），已按{meta.level}审查，相关问题仅作提示；"
                        "请报送机关说明文件性质后重新审查", level_assumed=meta.level, **span)]
    why = meta.level_basis or "未见令号、文号或制定机关"
    return [finding("F602", f"未能确定文件层级（{why}），以下审查未进行：{LEVEL_CHECKS}", not_run=LEVEL_CHECKS, **span)]


def hedge_level(findings: list[Finding], doc: ParsedDocument) -> list[Finding]:
    """Errors that rest on a level read with doubt become questions for the reviewer (warning), saying why."""
    meta = doc.metadata
    if meta.level_certain:
        return findings
    for f in findings:
        if f.rule in LEVEL_RULES and f.severity == "error":
            f.severity = "warning"
            f.message += f"（文件层级按{meta.level}审查，但层级存疑：{meta.level_basis}，请核实）"
            f.details["level_uncertain"] = meta.level_basis
    return findings


LEVEL_RULES = ("F101", "F102", "F103", "F104", "F105", "F107", "F108")


def content_findings(doc: ParsedDocument, ctx: Context) -> list[Finding]:
    """What the provisions themselves get wrong: powers, basis, citations, numbering, conflicts.

    Cleanup reads the same findings to decide whether a stored document must change.
    """
    provisions = units(doc)
    found = check_powers(doc, provisions, ctx)
    found += check_restrictions(doc, provisions, ctx)
    found += check_authorizing(doc, provisions)
    found += check_citations(doc, provisions, ctx)
    found += check_references(doc)
    found += check_numbering(doc, provisions)
    place = region(doc.metadata.issuers)
    if place and doc.metadata.level in ("地方性法规", "自治条例和单行条例", "地方政府规章", "行政规范性文件"):
        found += check_conflicts(doc, provisions, ctx, ctx.library.peer_index(place), document_date(doc))
        province = province_of_place(place, ctx.library)
        if province and province != place:  # a city's rule must also agree with its province's regulations
            mine = rank(doc.metadata.level)
            found += [f for f in check_conflicts(doc, provisions, ctx, ctx.library.upper_index(province),
                                                 document_date(doc))
                      if rank(f.details.get("peer", {}).get("level")) < mine]
    return hedge_level(found, doc)

