"""`normscope ingest`: walk inputs, parse in a process pool, write each document in one transaction.

Parsing is a pure function of (source, bytes, supplied facts), so workers never touch the
store; the single writer here skips content it already holds and quarantines what fails.
"""
from __future__ import annotations

import hashlib
import os
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator

from ingest.archive import iter_archive, too_large
from ingest.detect import sniff
from ingest.engine import Engine, make_engine
from ingest.extracted import Unreadable
from ingest.limits import DEFAULT_LIMITS, Limits
from ingest.manifest import Facts, Manifest
from ingest.reader import read_bytes
from ingest.resolve import resolve_citations
from ingest.store import Store, VersionRecord
from nlp.contract import fine_json, item_json
from nlp.document import ParsedDocument
from nlp.pipeline import parse_extracted
from nlp.registry import title_key

_SKIP_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}
#: Suffixes picked up when walking a folder; a file named explicitly is always tried.
DOCUMENT_SUFFIXES = {".txt", ".text", ".md", ".markdown", ".htm", ".html", ".shtml", ".xhtml", ".docx",
                     ".doc", ".wps", ".rtf", ".pdf", ".zip", ""}
_FILE_DATE_RE = re.compile(r"\((\d{4}-\d{2}-\d{2})\)")


@dataclass
class Input:
    """One file to ingest: bytes already read, or the reason it could not be."""

    source: str
    data: bytes | None = None
    error: str | None = None
    size: int | None = None
    path: Path | None = None


@dataclass
class Summary:
    """What a run did, for the closing summary and `--json`."""

    run_id: int
    read: int = 0
    new_versions: int = 0
    unchanged: int = 0
    quarantined: list[tuple[str, str]] = field(default_factory=list)
    stored: list[tuple[str, str]] = field(default_factory=list)  # (source, content hash), new or unchanged

    def counts(self) -> dict[str, int]:
        return {"read": self.read, "new_versions": self.new_versions, "unchanged": self.unchanged,
                "quarantined": len(self.quarantined)}


def content_hash(data: bytes) -> str:
    """Identity of a version: the same bytes are the same version, wherever they come from."""
    return hashlib.sha256(data).hexdigest()


def file_hash(path: Path) -> str:
    """content_hash of a file, read in chunks so a large file is never held in memory twice."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def iter_inputs(paths: list[Path], limits: Limits = DEFAULT_LIMITS) -> Iterator[Input]:
    """Files, folders (recursively, in name order) and .zip archives, member by member."""
    for path in paths:
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and p.name not in _SKIP_NAMES
                           and not p.name.startswith(("~$", ".")) and p.suffix.lower() in DOCUMENT_SUFFIXES)
            for f in files:
                yield from _file_inputs(f, limits)
        else:
            yield from _file_inputs(path, limits)


def _file_inputs(path: Path, limits: Limits) -> Iterator[Input]:
    source = str(path)
    try:
        size = path.stat().st_size
        is_zip = path.suffix.lower() == ".zip"
        limit = limits.max_archive_total_bytes if is_zip else limits.max_file_bytes
        if size > limit:
            yield Input(source, error=too_large("archive" if is_zip else "file", size, limit), size=size, path=path)
            return
        data = path.read_bytes()
    except FileNotFoundError:
        yield Input(source, error="file disappeared before it could be read")
        return
    except OSError as exc:
        yield Input(source, error=f"cannot read file: {exc.strerror or exc}")
        return
    yield from _data_inputs(source, data, limits, path)


def upload_source(name: str, default: str = "file") -> str:
    """``upload:<file name>`` for a name a browser sent: its folders (either slash) and dot names dropped."""
    base = Path(name.replace("\\", "/")).name
    return "upload:" + (base if base not in ("", ".", "..") else default)


def upload_inputs(name: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> Iterator[Input]:
    """An uploaded file (the workspace) as inputs named ``upload:<file name>``: the same size limits,
    archive expansion and readers as a file on disk; the client's path is never trusted."""
    source = upload_source(name)
    is_zip = sniff(data, source) == "zip"
    limit = limits.max_archive_total_bytes if is_zip else limits.max_file_bytes
    if len(data) > limit:
        yield Input(source, data=data, error=too_large("archive" if is_zip else "file", len(data), limit),
                    size=len(data))
        return
    yield from _data_inputs(source, data, limits)


def _data_inputs(source: str, data: bytes, limits: Limits, path: Path | None = None) -> Iterator[Input]:
    if sniff(data, source.rsplit("/", 1)[-1]) == "zip":
        for m in iter_archive(data, source, limits):
            if m.source == source:  # the archive itself is refused: keep its bytes for the quarantine copy
                yield Input(source, data=data, error=m.error, size=len(data), path=path)
            else:
                yield Input(m.source, data=m.data, error=m.error, size=len(m.data) if m.data is not None else None)
    else:
        yield Input(source, data=data, size=len(data), path=path)


def document_key(title: str | None, source: str) -> str:
    """Versions of one document share a key: the title without 中华人民共和国, spaces or brackets."""
    if not title:
        return "source:" + source
    key = re.sub(r"\s+", "", title)
    key = re.sub(r"[（(]\d{4}年(?:修订|修正|修改)?[)）]$", "", key)
    return key.removeprefix("中华人民共和国")


def to_record(doc: ParsedDocument, digest: str, facts: Facts | None) -> VersionRecord:
    """Flatten a parsed document (plus supplied facts, which win) into store rows."""
    meta = doc.metadata
    dates = {k: v.isoformat() for k, v in meta.dates.items()}
    title = (facts.title if facts and facts.title else None) or meta.title
    level = (facts.level if facts and facts.level else None) or meta.level
    if facts and facts.effective:
        dates["effective"] = facts.effective
    file_date = _FILE_DATE_RE.search(Path(doc.source).name)
    version_date = ((facts.version_date if facts else None) or (file_date.group(1) if file_date else None)
                    or dates.get("amended") or dates.get("adopted") or dates.get("published")
                    or dates.get("issued") or dates.get("effective"))
    document = {"key": document_key(title, doc.source), "title": title, "level": level,
                "issuer": meta.issuer, "doc_number": meta.doc_number}
    version = {
        "source": doc.source, "content_hash": digest, "format": doc.format, "encoding": doc.encoding,
        "title": title, "level": level, "issuer": meta.issuer, "doc_number": meta.doc_number,
        "version_date": version_date, "superseded": facts.superseded if facts else None,
        "adopted": dates.get("adopted"), "approved": dates.get("approved"), "issued": dates.get("issued"),
        "published": dates.get("published"), "effective": dates.get("effective"),
        "expires": dates.get("expires"), "amended": dates.get("amended"),
        "chars": len(doc.text), "text": doc.text,
        "metadata": {"issuers": meta.issuers, "doc_numbers": meta.doc_numbers,
                     "history": [(d.isoformat(), event) for d, event in meta.history],
                     "sections": [s.__dict__ for s in doc.structure.sections]},
        "warnings": doc.warnings,
    }
    articles = [{
        "number": a.number, "sub": a.sub, "label": a.label, "path": a.path, "start": a.start,
        "end": a.end, "text": a.text,
        "paragraphs": [{"idx": p.index, "start": p.start, "end": p.end, "text": p.text,
                        "items": [item_json(i) for i in p.items], "types": p.types,
                        "penalty_kinds": p.penalty_kinds, "fines": [fine_json(f, p.start) for f in p.fines]}
                       for p in a.paragraphs],
    } for a in doc.structure.articles]
    headings = [{"level": h.level, "number": h.number, "text": h.text, "start": h.start, "end": h.end}
                for h in doc.structure.headings]
    citations = [{
        "in_article": c.in_article, "in_article_sub": c.in_article_sub, "raw": c.raw, "title": c.title,
        "title_key": title_key(c.means or c.title) if c.title else None, "means": c.means, "article": c.article, "article_sub": c.article_sub,
        "article_end": c.article_end, "paragraph": c.paragraph, "paragraph_end": c.paragraph_end, "item": c.item,
        "item_end": c.item_end,
        "doc_number": c.doc_number, "internal": c.internal, "is_basis": c.is_basis, "form": c.form,
        "start": c.start, "end": c.end,
    } for c in doc.citations]
    return VersionRecord(document, version, articles, headings, citations)


def process(source: str, data: bytes, digest: str, facts: Facts | None,
            limits: Limits = DEFAULT_LIMITS) -> VersionRecord | str:
    """Read and parse one input; a string result is the one-line reason it was quarantined."""
    try:
        extracted = read_bytes(data, source, limits)
        return to_record(parse_extracted(extracted), digest, facts)
    except Unreadable as exc:
        return str(exc).splitlines()[0] if str(exc) else "unreadable"
    except Exception as exc:  # noqa: BLE001 - a parser bug must not stop the run
        return f"internal error while parsing: {type(exc).__name__}: {str(exc)[:200]}".splitlines()[0]


def keep_copy(store: Store, inp: Input, digest: str | None) -> str | None:
    """Keep the bytes of a quarantined input beside the database, so nothing is lost."""
    if not digest or (inp.data is None and inp.path is None):
        return None
    folder = store.path.parent / (store.path.name + ".quarantine") / digest[:2]
    folder.mkdir(parents=True, exist_ok=True)
    suffix = Path(inp.source.split("!")[-1]).suffix[:10]
    target = folder / (digest + suffix)
    if not target.exists():
        partial = target.with_name(target.name + ".part")  # a killed run never leaves a short copy as the copy
        try:
            if inp.data is not None:
                partial.write_bytes(inp.data)
            else:
                shutil.copyfile(inp.path, partial)
            os.replace(partial, target)
        except OSError:
            partial.unlink(missing_ok=True)
            return None
    return str(target)


def ingest(paths: list[Path], store: Store, manifest: Manifest | None = None, workers: int = 1,
           limits: Limits = DEFAULT_LIMITS, on_progress: Callable[[str], None] | None = None,
           args: dict | None = None, inputs: Iterable[Input] | None = None,
           engine: Engine | None = None) -> Summary:
    """Ingest every input under ``paths`` (or the prepared ``inputs``, e.g. upload_inputs) on ``engine``
    (default: a local pool of ``workers``); returns what was read, stored, skipped and quarantined.

    Safe to kill at any moment: each version is one transaction and known content is skipped, so the
    next run completes the work with no duplicate and no partial document."""
    interrupted = store.last_run_unfinished()
    summary = Summary(run_id=store.start_run(args or {}, engine.workers if engine else workers))

    def quarantine(inp: Input, reason: str, digest: str | None) -> None:
        summary.quarantined.append((inp.source, reason))
        store.quarantine(inp.source, digest, inp.size, reason, keep_copy(store, inp, digest), summary.run_id)

    def handle(inp: Input, digest: str, result: VersionRecord | str) -> None:
        if isinstance(result, str):
            quarantine(inp, result, digest)
        elif store.known_hash(digest):
            summary.unchanged += 1
            summary.stored.append((inp.source, digest))
        else:
            store.add_version(result, summary.run_id)
            summary.new_versions += 1
            summary.stored.append((inp.source, digest))
        if on_progress:
            on_progress(inp.source)

    def pending_inputs() -> Iterator[tuple[Input, str]]:
        for inp in iter_inputs(paths, limits) if inputs is None else inputs:
            summary.read += 1
            if inp.error:
                if inp.data is not None:
                    digest = content_hash(inp.data)
                else:
                    digest = file_hash(inp.path) if inp.path and inp.path.exists() else None
                quarantine(inp, inp.error, digest)
                if on_progress:
                    on_progress(inp.source)
                continue
            digest = content_hash(inp.data)
            if store.known_hash(digest):
                summary.unchanged += 1
                summary.stored.append((inp.source, digest))
                if on_progress:
                    on_progress(inp.source)
                continue
            yield inp, digest

    def facts_for(inp: Input) -> Facts | None:
        return manifest.lookup(inp.source) if manifest else None

    owned = engine is None
    engine = engine or make_engine("local", workers)
    try:
        for out in engine.map(process, pending_inputs(),
                              lambda p: (p[0].source, p[0].data, p[1], facts_for(p[0]), limits)):
            inp, digest = out.item
            handle(inp, digest, out.value if out.error is None else out.error)
    finally:
        if owned:
            engine.close()
    if summary.new_versions or interrupted:  # a killed run may have stored versions it never resolved
        resolve_citations(store)
    store.finish_run(summary.run_id, summary.counts())
    return summary


def default_workers() -> int:
    """One worker per core, as parsing is CPU-bound."""
    return max(1, os.cpu_count() or 1)
