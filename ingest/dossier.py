"""A case file from disk: a folder, a .zip, or one PDF/docx holding many documents, split into
its documents and read. Unreadable parts are reported with their reason; the rest is reviewed."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ingest.archive import iter_archive
from ingest.detect import sniff
from ingest.extracted import Extracted, Unreadable
from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.reader import read_bytes
from nlp.dossier.extract import CaseDocument, read_document
from nlp.dossier.types import classify, title_of


@dataclass
class DossierFiles:
    """The documents of one case file, and what could not be read."""

    source: str
    documents: list[CaseDocument] = field(default_factory=list)
    unreadable: list[tuple[str, str]] = field(default_factory=list)


def _parts(extracted: Extracted) -> list[tuple[int | None, str]]:
    """One extracted file as (page, text) documents: a new document starts at each title line.

    A PDF of a whole case file starts each 文书 on a new page, a Word file at a page break; in both
    the title line (行政处罚决定书, under the agency's name at most) is what marks it. A piece too
    short to be a document (the agency's name alone) goes with the document after it."""
    text = extracted.text
    lines = text.splitlines(keepends=True)
    offsets = [0]
    for line in lines:
        offsets.append(offsets[-1] + len(line))
    starts = [0]
    for i, line in enumerate(lines):
        if i and title_of(line):
            j = i - 1
            while j > 0 and not lines[j].strip():
                j -= 1
            agency = lines[j].strip()
            begin = offsets[j] if agency and len(agency) <= 24 and agency.endswith(_AGENCY_ENDINGS) else offsets[i]
            if begin > starts[-1]:
                starts.append(begin)
    bounds = [(s, e) for s, e in zip(starts, starts[1:] + [len(text)])]
    merged: list[tuple[int, int]] = []
    for s, e in bounds:
        if merged and len(re.sub(r"\s", "", text[merged[-1][0]:merged[-1][1]])) < _MIN_DOCUMENT:
            merged[-1] = (merged[-1][0], e)
        else:
            merged.append((s, e))
    pages = extracted.pages
    return [(next((p.number for p in pages if p.start <= s < p.end), None) if pages else None, text[s:e])
            for s, e in merged if text[s:e].strip()]


_AGENCY_ENDINGS = ("局", "委员会", "政府", "厅", "大队", "支队", "所", "中心", "办公室")
_MIN_DOCUMENT = 30


def _read(source: str, data: bytes, limits: Limits, out: DossierFiles) -> None:
    try:
        extracted = read_bytes(data, source, limits)
    except Unreadable as exc:
        out.unreadable.append((source, str(exc).splitlines()[0] if str(exc) else "unreadable"))
        return
    for page, text in _parts(extracted):
        typed = classify(text)
        out.documents.append(read_document(source, text, typed.type, typed.title, page))


def read_dossier(path: Path, limits: Limits = DEFAULT_LIMITS) -> DossierFiles:
    """Every document of the case file at ``path`` (a folder, a .zip, or one multi-document file)."""
    path = Path(path)
    out = DossierFiles(str(path))
    if path.is_dir():
        files = sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
        for f in files:
            _read_file(f, limits, out)
    else:
        _read_file(path, limits, out)
    if not out.documents and not out.unreadable:
        out.unreadable.append((str(path), "no documents found"))
    return out


def _read_file(f: Path, limits: Limits, out: DossierFiles) -> None:
    try:
        if f.stat().st_size > limits.max_file_bytes:
            out.unreadable.append((str(f), f"file larger than {limits.max_file_bytes} bytes"))
            return
        data = f.read_bytes()
    except OSError as exc:
        out.unreadable.append((str(f), f"cannot read file: {exc.strerror or exc}"))
        return
    if sniff(data, f.name) == "zip":
        for m in iter_archive(data, str(f), limits):
            if m.error:
                out.unreadable.append((m.source, m.error))
            else:
                _read(m.source, m.data, limits, out)
    else:
        _read(str(f), data, limits, out)


