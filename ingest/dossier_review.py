"""Review case files against the store: the D rules, the cited provision's range (D503) from the
law library, the score sheet, and the JSON of CONTRACT.md."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ingest.checking import Job, worker_context
from ingest.dossier import DossierFiles, read_dossier
from ingest.engine import Engine
from ingest.store import Store
from nlp.checks.basis import cn_number
from nlp.checks.context import Context
from nlp.checks.dossier import ScoreSheet, review_case, score
from nlp.checks.rules import Finding, count_by_severity
from nlp.dossier.case import Case
from nlp.dossier.extract import CaseDocument
from nlp.numbers import cn_to_int

_ART_RE = re.compile(r"第(?P<a>[一二三四五六七八九十百零〇\d]+)条(?:第(?P<p>[一二三四五六七八九十\d]+)款)?")


@dataclass
class DossierReview:
    files: DossierFiles
    case: Case
    findings: list[Finding]
    sheet: ScoreSheet

    def to_json(self) -> dict[str, Any]:
        c = self.case
        party = c.party
        return {
            "source": self.files.source,
            "case_no": c.case_no,
            "party": party.name if party else None,
            "party_type": party.kind if party else None,
            "fine": c.fine,
            "kinds": c.kinds,
            "dates": {k: v.isoformat() for k, v in c.dates().items()},
            "documents": [{"file": d.file, "page": d.page, "type": d.type, "title": d.title, "doc_no": d.doc_no,
                           "date": d.date.isoformat() if d.date else None,
                           "officers": [{"name": o.name, "cert": o.cert} for o in d.officers]}
                          for d in c.documents],
            "unreadable": [{"file": f, "reason": r} for f, r in self.files.unreadable],
            "findings": [f.to_json() for f in self.findings],
            "summary": count_by_severity(self.findings),
            "score": {"total": self.sheet.score, "grade": self.sheet.grade, "deductions": self.sheet.deductions,
                      "vetoed_by": self.sheet.vetoed_by},
        }


def cited_range(ctx: Context, doc: CaseDocument) -> tuple[float | None, float | None, str] | None:
    """The fine range of the first provision the decision cites that the library holds (D503)."""
    reg = ctx.library.registry
    party = doc.party.kind if doc.party else None
    for b in doc.basis:
        entry = reg.resolve(b.title).entry
        m = _ART_RE.search(b.text)
        if entry is None or not m:
            continue
        article = int(m["a"]) if m["a"].isdigit() else cn_to_int(m["a"])
        par = (int(m["p"]) if m["p"].isdigit() else cn_to_int(m["p"])) if m["p"] else None
        when = doc.date or ctx.as_of
        found = [p for p in ctx.library.penalty_provisions(entry, when, any_version=True)
                 if p.article == article and (par is None or p.paragraph == par)]
        fines = [f for p in found for f in p.fines if f.basis == "fixed" and (f.target in (None, party))]
        if not fines:
            continue
        lows, highs = [f.min for f in fines], [f.max for f in fines]
        low = None if None in lows else min(lows)
        high = None if None in highs else max(highs)
        label = f"《{entry.title}》第{cn_number(article)}条" + (f"第{cn_number(par)}款" if par else "")
        return low, high, label
    return None


def review_dossier(path: Path, ctx: Context) -> DossierReview:
    """Read, review and score one case file."""
    files = read_dossier(path)
    case = Case(files.documents)
    found = review_case(case, ctx, lambda d: cited_range(ctx, d))
    return DossierReview(files, case, found, score(found))


def _dossier_task(job: Job, path: Path) -> dict[str, Any]:
    """review_dossier in a worker process, over the worker's own Context."""
    return review_dossier(path, worker_context(job)[1]).to_json()


def review_dossiers(paths: list[Path], ctx: Context, store: Store | None = None,
                    engine: Engine | None = None) -> tuple[list[dict[str, Any]], list[dict[str, str]]]:
    """The JSON review of every case file, in the order given, and the ones that could not be reviewed
    (``{"source", "reason"}``): in this process, or on ``engine``'s workers (a batch of years of files)."""
    if engine is None:
        return [review_dossier(p, ctx).to_json() for p in paths], []
    job = Job.of(store, ctx)
    done: dict[Path, dict[str, Any]] = {}
    failed = []
    for out in engine.map(_dossier_task, paths, lambda p: (job, p)):
        if out.error is None:
            done[out.item] = out.value
        else:
            failed.append({"source": str(out.item), "reason": out.error})
    return [done[p] for p in paths if p in done], failed


def dossier_paths(paths: list[Path]) -> list[Path]:
    """The case files named: each path, or — for a folder holding two or more case files (folders or
    .zip) — each folder, .zip, .pdf and .docx in it (a README or index beside them is not a case)."""
    out = []
    for p in paths:
        children = sorted(c for c in p.iterdir() if not c.name.startswith(".")) if p.is_dir() else []
        if sum(1 for c in children if c.is_dir() or c.suffix.lower() == ".zip") >= 2:
            out.extend(c for c in children if c.is_dir() or c.suffix.lower() in _CASE_FILES)
        else:
            out.append(p)
    return out


_CASE_FILES = (".zip", ".pdf", ".docx")
