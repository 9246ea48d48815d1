"""The ``parse --json`` shape of CONTRACT.md, built from a ParsedDocument.

Reviewers script against this JSON, so field names here are the public interface.
"""
from __future__ import annotations

from typing import Any

from nlp.citations import Citation
from nlp.document import Article, Item, ParsedDocument
from nlp.numbers import Fine


def item_json(it: Item) -> dict[str, Any]:
    """A 项 with its 目, as nested JSON."""
    return {"number": it.number, "label": it.label, "start": it.start, "end": it.end,
            "subitems": [item_json(s) for s in it.subitems]}


def fine_json(f: Fine, paragraph_start: int) -> dict[str, Any]:
    """A fine range; offsets moved from the paragraph onto the extracted text."""
    return {"min": f.min, "max": f.max, "basis": f.basis, "target": f.target,
            "start": paragraph_start + f.start, "end": paragraph_start + f.end}


def article_json(a: Article) -> dict[str, Any]:
    """One article: CONTRACT fields plus ``sub`` (之一) and paragraph spans with their items."""
    return {
        "number": a.number,
        "sub": a.sub,
        "label": a.label,
        "path": a.path,
        "text": a.text,
        "paragraphs": [p.text for p in a.paragraphs],
        "start": a.start,
        "end": a.end,
        "types": list(dict.fromkeys(t for p in a.paragraphs for t in p.types)),
        "penalty_kinds": list(dict.fromkeys(k for p in a.paragraphs for k in p.penalty_kinds)),
        "paragraph_spans": [
            {"start": p.start, "end": p.end, "items": [item_json(i) for i in p.items], "types": p.types,
             "penalty_kinds": p.penalty_kinds, "fines": [fine_json(f, p.start) for f in p.fines]}
            for p in a.paragraphs
        ],
    }


def citation_json(c: Citation) -> dict[str, Any]:
    """One citation: CONTRACT fields plus ranges, form, 之一, doc number and candidates."""
    return {
        "raw": c.raw, "title": c.title, "article": c.article, "paragraph": c.paragraph, "item": c.item,
        "doc_number": c.doc_number, "resolved": c.resolved, "in_article": c.in_article, "is_basis": c.is_basis,
        "internal": c.internal, "start": c.start, "end": c.end,
        "article_sub": c.article_sub, "article_end": c.article_end, "paragraph_end": c.paragraph_end, "item_end": c.item_end,
        "form": c.form, "means": c.means, "candidates": c.candidates,
    }


def parse_json(doc: ParsedDocument) -> dict[str, Any]:
    """The whole ``parse --json`` document."""
    meta = doc.metadata
    return {
        "source": doc.source,
        "format": doc.format,
        "encoding": doc.encoding,
        "title": meta.title,
        "doc_number": meta.doc_number,
        "issuer": meta.issuer,
        "issuers": meta.issuers,
        "level": meta.level,
        "dates": {k: v.isoformat() for k, v in sorted(meta.dates.items())},
        "history": [{"date": d.isoformat(), "event": event} for d, event in meta.history],
        "articles": [article_json(a) for a in doc.structure.articles],
        "headings": [
            {"level": h.level, "number": h.number, "text": h.text, "start": h.start, "end": h.end}
            for h in doc.structure.headings
        ],
        "sections": [
            {"kind": s.kind, "label": s.label, "start": s.start, "end": s.end} for s in doc.structure.sections
        ],
        "citations": [citation_json(c) for c in doc.citations],
        "doc_numbers": meta.doc_numbers,
        "warnings": doc.warnings,
    }
