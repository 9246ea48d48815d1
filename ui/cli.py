"""The `normscope` command (CONTRACT.md): human output by default, one JSON document with --json.

Progress and logs go to stderr; exit 0 on success, 2 on bad usage or unreadable input.
"""
from __future__ import annotations

import json
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
)
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True, help="normscope: check Chinese normative documents.")
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOption = typer.Option(None, "--db", help="SQLite database (default ./normscope.db or $NORMSCOPE_DB).")
JsonOption = typer.Option(False, "--json", help="Print exactly one JSON document on stdout.")


EngineOption = typer.Option("local", "--engine", help="Where the work runs: local (this machine's processes) or "
                            "dask (a local Dask cluster, or the one at --scheduler).")
SchedulerOption = typer.Option(None, "--scheduler", help="Address of a running Dask scheduler (tcp://host:8786) "
                               "for --engine dask.")
BatchWorkersOption = typer.Option(1, "--workers", help="Worker processes (1 = in this process).")


@contextmanager
def _engine(name: str, workers: int, scheduler: Optional[str]):
    """The engine a batch command runs on, closed afterwards; a bad name or an unreachable cluster exits 2."""
    from ingest.engine import ENGINES, make_engine

    if name not in ENGINES:
        fail(f"unknown engine '{name}'; choose one of {', '.join(ENGINES)}")
    if scheduler and name != "dask":
        fail("--scheduler needs --engine dask")
    try:
        runner = make_engine(name, workers, scheduler)
    except (OSError, TimeoutError, RuntimeError) as exc:
        fail(f"cannot start the {name} engine: {exc}")
    try:
        yield runner
    finally:
        runner.close()


@contextmanager
def _batch_engine(name: str, workers: int, scheduler: Optional[str]):
    """For the checks: None (run in this process) unless more workers or another engine were asked for."""
    if name == "local" and workers <= 1 and not scheduler:
        yield None
        return
    with _engine(name, workers, scheduler) as runner:
        yield runner


def emit(data: Any) -> None:
    """Write the single JSON document of a --json command."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def fail(reason: str) -> None:
    """Bad usage or unreadable input: a one-line reason on stderr and exit status 2."""
    sys.stderr.write(f"normscope: {reason}".replace("\n", " ") + "\n")
    raise typer.Exit(2)


def open_store(db: Optional[Path]):
    """The store at ``--db``; a file that is not an SQLite database (or cannot be opened) exits 2, left as it was."""
    import sqlite3

    from ingest.store import Store, db_path

    try:
        return Store(db)
    except sqlite3.DatabaseError as exc:  # "file is not a database", "unable to open database file" …
        fail(f"{db_path(db)}: not a usable normscope database ({exc})")


def write_export(export, data: Any, path: Path, **kwargs: Any) -> None:
    """Write a .docx/.xlsx export; a path that is a folder, or one that cannot be written, exits 2."""
    try:
        export(data, path, **kwargs)
    except OSError as exc:
        fail(f"cannot write {exc.filename or path}: {exc.strerror or exc}")


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files, folders or .zip archives."),
    manifest: Optional[Path] = typer.Option(None, "--manifest", help="CSV of supplied facts (path,title,level,…)."),
    workers: int = typer.Option(0, "--workers", help="Worker processes (0 = one per core)."),
    engine: str = EngineOption,
    scheduler: Optional[str] = SchedulerOption,
    db: Optional[Path] = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Read, parse and store documents; unchanged files are skipped, unreadable ones quarantined.
    A killed run is completed by running it again."""
    from ingest.manifest import Manifest, ManifestError
    from ingest.run import default_workers
    from ingest.run import ingest as run_ingest

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        fail(f"no such file or folder: {missing[0]}")
    try:
        facts = Manifest.load(manifest) if manifest else None
    except ManifestError as exc:
        fail(str(exc))
    store = open_store(db)
    with _engine(engine, workers or default_workers(), scheduler) as runner, \
            Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                     TextColumn("{task.description}"), console=err, transient=True,
                     disable=not err.is_terminal) as progress:
        task = progress.add_task("", total=None)

        def tick(source: str) -> None:
            progress.update(task, advance=1, description=Path(source.split("!")[-1]).name[:40])

        summary = run_ingest([p.resolve() for p in paths], store, facts, runner.workers, on_progress=tick,
                             args={"paths": [str(p) for p in paths], "manifest": str(manifest or ""),
                                   "engine": engine}, engine=runner)
    result = {"run_id": summary.run_id, **summary.counts(),
              "quarantine": [{"source": s, "reason": r} for s, r in summary.quarantined],
              "stats": store.stats()}
    store.close()
    if as_json:
        emit(result)
    else:
        out.print(f"read {summary.read}, new versions {summary.new_versions}, unchanged {summary.unchanged}, "
                  f"quarantined {len(summary.quarantined)}")
    sys.stdout.flush()
    for source, reason in summary.quarantined:
        sys.stderr.write(f"quarantined {source}: {reason}\n")
    if summary.read and len(summary.quarantined) == summary.read:
        raise typer.Exit(2)  # nothing in the input could be read


@app.command()
def parse(file: Path = typer.Argument(..., help="A txt, md, html, docx, pdf or doc file."),
          db: Optional[Path] = typer.Option(None, "--db", help="Resolve citations against this store's "
                                            "registry (default: the bundled facts only)."),
          as_json: bool = JsonOption) -> None:
    """Structure, metadata and citations of one file; no database needed."""
    from ingest.extracted import Unreadable
    from ingest.reader import read_path
    from nlp.contract import parse_json
    from nlp.pipeline import parse_extracted, use_registry

    try:
        extracted = read_path(file)
    except Unreadable as exc:
        fail(f"{file}: {exc}")
    if db is not None:
        from nlp.registry import Registry

        if not db.exists():
            fail(f"no such database: {db}")
        store = open_store(db)
        use_registry(Registry.from_store(store.db))
        store.close()
    result = parse_json(parse_extracted(extracted))
    if as_json:
        emit(result)
        return
    out.print(f"[bold]{result['title'] or '(no title)'}[/bold]  {result['level']}  {result['doc_number'] or ''}")
    out.print(f"issuer: {result['issuer'] or '-'}   dates: "
              + ", ".join(f"{k} {v}" for k, v in result["dates"].items()))
    out.print(f"{len(result['articles'])} articles, {len(result['headings'])} headings")
    for w in result["warnings"]:
        out.print(f"  warning: {w}", markup=False)


@app.command()
def stats(db: Optional[Path] = DbOption, as_json: bool = JsonOption) -> None:
    """Counts of what the store holds."""
    store = open_store(db)
    counts = store.stats()
    store.close()
    if as_json:
        emit(counts)
        return
    for k, v in counts.items():
        out.print(f"{k:12} {v}")


@app.command()
def search(
    query: str = typer.Argument(..., help="Words to find in article text."),
    level: Optional[str] = typer.Option(None, "--level", help="Only this level (法律, 地方性法规, …)."),
    status: Optional[str] = typer.Option(None, "--status", help="Only this status (现行有效, 已被修改, …)."),
    limit: int = typer.Option(20, "--limit", min=1, max=1000),
    in_force_on: Optional[str] = typer.Option(None, "--in-force-on", help="Only versions in force on this date "
                                              "(YYYY-MM-DD)."),
    db: Optional[Path] = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Provision search for officers (执法依据查询)."""
    from ingest.store import search_articles

    if not query.strip():
        fail("empty query")
    day = _date_option(in_force_on, "--in-force-on")
    store = open_store(db)
    rows = search_articles(store, query, level, status, limit, day.isoformat() if day else None)
    store.close()
    if as_json:
        emit({"query": query, "results": rows})
        return
    table = Table("document", "article", "status", "text")
    for r in rows:
        table.add_row(r["title"] or "", r["label"], r["status"], (r["text"] or "")[:80])
    out.print(table)


def _date_option(value: Optional[str], name: str):
    """An ISO date from the command line, or a clear usage error."""
    from datetime import date

    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        fail(f"{name} must be a date like 2024-05-01, not {value!r}")


def _open_context(db: Optional[Path], as_of: Optional[str], filed_on: Optional[str] = None,
                  settings: Optional[Path] = None):
    """The store and a check context over it, or exit 2 with the reason."""
    from ingest.checking import make_context
    from nlp.checks.settings import SettingsError

    when, filed = _date_option(as_of, "--as-of"), _date_option(filed_on, "--filed-on")
    store = open_store(db)  # a new database is an empty library: the checks that need none still run
    try:
        return store, make_context(store, when, filed, settings)
    except SettingsError as exc:
        fail(str(exc))


SettingsOption = typer.Option(None, "--settings", help="Agency settings (TOML) over the defaults; or $NORMSCOPE_SETTINGS.")
AsOfOption = typer.Option(None, "--as-of", help="Judge by this date (default today).")
FailOnOption = typer.Option(None, "--fail-on", help="Exit 1 when a finding of this severity is reported (error).")


def _print_findings(findings: list[dict]) -> None:
    table = Table("rule", "severity", "where", "finding", "evidence")
    for f in findings:
        table.add_row(f["rule"], f["severity"], f["location"] or "", f["message"], (f["evidence"] or "")[:40])
    out.print(table)


def _exit_on(findings: list[dict], fail_on: Optional[str]) -> None:
    if fail_on is None:
        return
    if fail_on != "error":
        fail("--fail-on accepts only: error")
    if any(f["severity"] == "error" for f in findings):
        raise typer.Exit(1)


@app.command()
def review(
    target: str = typer.Argument(..., help="A file to review, or the id of a stored document."),
    as_of: Optional[str] = AsOfOption,
    filed_on: Optional[str] = typer.Option(None, "--filed-on", help="Date the document was filed (checks F404)."),
    level: Optional[str] = typer.Option(None, "--level", help="The level the submitter states (部门规章, 地方政府规章, "
                                        "行政规范性文件 …); overrides what the text shows."),
    issuer: Optional[str] = typer.Option(None, "--issuer", help="The issuing organ the submitter states (joint: 甲、乙)."),
    docx: Optional[Path] = typer.Option(None, "--docx", help="Write the 审查意见书 (.docx) here."),
    settings: Optional[Path] = SettingsOption,
    fail_on: Optional[str] = FailOnOption,
    db: Optional[Path] = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Filing review (备案审查) of one document against what the database holds."""
    from ingest.checking import review_file, review_stored
    from ingest.extracted import Unreadable

    from nlp.metadata import LEVELS

    if level is not None and level not in LEVELS:
        fail(f"--level must be one of {', '.join(LEVELS)}")
    store, ctx = _open_context(db, as_of, filed_on, settings)
    path = Path(target)
    try:
        if path.exists():
            result = review_file(store, path, ctx, level, issuer)
        elif target.isdigit():
            result = review_stored(store, int(target), ctx, level=level, issuer=issuer)
        else:
            fail(f"no such file or stored document id: {target}")
    except Unreadable as exc:
        fail(f"{target}: {exc}")
    except KeyError as exc:
        fail(str(exc.args[0]))
    finally:
        store.close()
    data = result.to_json()
    if docx:
        from ui.exports import review_docx

        write_export(review_docx, data, docx)
    if as_json:
        emit(data)
    else:
        d = data["document"]
        out.print(f"[bold]{d['title'] or d['source']}[/bold]  {d['level']}  {d['doc_number'] or ''}")
        out.print(f"审查结论: {data['conclusion']}  " + ", ".join(f"{k} {v}" for k, v in data["summary"].items()))
        _print_findings(data["findings"])
    _exit_on(data["findings"], fail_on)


@app.command()
def cleanup(
    as_of: Optional[str] = AsOfOption,
    issuer: Optional[str] = typer.Option(None, "--issuer", help="Only documents of this issuer."),
    docx: Optional[Path] = typer.Option(None, "--docx", help="Write the 清理目录 (.docx) here."),
    xlsx: Optional[Path] = typer.Option(None, "--xlsx", help="Write the 清理目录 (.xlsx) here."),
    settings: Optional[Path] = SettingsOption,
    fail_on: Optional[str] = FailOnOption,
    engine: str = EngineOption,
    workers: int = BatchWorkersOption,
    scheduler: Optional[str] = SchedulerOption,
    db: Optional[Path] = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Cleanup (清理) of every stored normative document: status, reasons, recommendation."""
    from ingest.checking import cleanup_store

    store, ctx = _open_context(db, as_of, settings=settings)
    with _batch_engine(engine, workers, scheduler) as runner, \
            Progress(TextColumn("[bold]cleanup"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                     console=err, transient=True, disable=not err.is_terminal) as progress:
        task = progress.add_task("", total=None)
        result = cleanup_store(store, ctx, issuer, on_progress=lambda _: progress.advance(task), engine=runner)
    store.close()
    for failure in result.get("failed", []):
        sys.stderr.write(f"not checked: document {failure['id']}: {failure['reason']}\n")
    if docx or xlsx:
        from ui.exports import cleanup_docx, cleanup_xlsx

        if docx:
            write_export(cleanup_docx, result, docx)
        if xlsx:
            write_export(cleanup_xlsx, result, xlsx)
    findings = [f for d in result["documents"] for f in d["findings"]]
    if as_json:
        emit(result)
    else:
        table = Table("recommendation", "document", "level", "reasons")
        for d in result["documents"]:
            table.add_row(d["recommendation"], d["title"] or "", d["level"], "；".join(d["reasons"])[:120])
        out.print(table)
        out.print(", ".join(f"{k} {v}" for k, v in result["summary"].items()))
    _exit_on(findings, fail_on)


@app.command("basis-catalog")
def basis_catalog(
    issuer: Optional[str] = typer.Option(None, "--issuer", help="The agency (e.g. 临江市城市管理局)."),
    as_of: Optional[str] = AsOfOption,
    docx: Optional[Path] = typer.Option(None, "--docx", help="Write the 执法依据目录 (.docx) here."),
    db: Optional[Path] = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """执法依据目录: an agency's enforcement bases, ordered by legal rank."""
    from ingest.catalog import basis_catalog as build

    store, ctx = _open_context(db, as_of)
    catalog = build(store, ctx.library, issuer, ctx.as_of)
    store.close()
    if docx:
        from ui.exports import basis_catalog_docx

        write_export(basis_catalog_docx, catalog, docx)
    if as_json:
        emit(catalog)
        return
    for level in catalog["levels"]:
        out.print(f"[bold]{level['level']}[/bold] ({len(level['entries'])})")
        for e in level["entries"]:
            out.print(f"  《{e['title']}》 {e['status']}  " + "；".join(p["label"] for p in e["provisions"][:12]),
                      markup=False)


@app.command()
def dossier(
    paths: list[Path] = typer.Argument(..., help="Case files: folders, .zip, or one PDF/docx each; "
                                       "a folder of case files is a batch."),
    as_of: Optional[str] = AsOfOption,
    docx: Optional[Path] = typer.Option(None, "--docx", help="Write the 案卷评查表 (.docx) here (a folder for a batch)."),
    xlsx: Optional[Path] = typer.Option(None, "--xlsx", help="Write the batch summary (.xlsx) here."),
    settings: Optional[Path] = SettingsOption,
    fail_on: Optional[str] = FailOnOption,
    engine: str = EngineOption,
    workers: int = BatchWorkersOption,
    scheduler: Optional[str] = SchedulerOption,
    db: Optional[Path] = typer.Option(None, "--db", help="Law library for the cited-range check (D503); "
                                      "default ./normscope.db or $NORMSCOPE_DB when it exists."),
    as_json: bool = JsonOption,
) -> None:
    """Case dossier review (案卷评查): documents, timeline, D findings and score sheet."""
    from ingest.dossier_review import dossier_paths, review_dossiers
    from ingest.store import db_path

    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        fail(f"no such file or folder: {missing[0]}")
    store = None
    if db_path(db).exists():
        store, ctx = _open_context(db, as_of, settings=settings)
    else:
        ctx = _bare_context(as_of, settings)
    with _batch_engine(engine, workers, scheduler) as runner:
        results, failed = review_dossiers(dossier_paths(paths), ctx, store, runner)
    if store is not None:
        store.close()
    for failure in failed:
        sys.stderr.write(f"not reviewed: {failure['source']}: {failure['reason']}\n")
    if not results:
        fail("no case file could be reviewed")
    if docx or xlsx:
        from ui.exports import dossier_docx, dossier_xlsx

        if docx:
            for r in results:
                write_export(dossier_docx, r, docx / f"{Path(r['source']).stem}-案卷评查表.docx"
                             if len(results) > 1 else docx)
        if xlsx:
            write_export(dossier_xlsx, results, xlsx)
    findings = [f for r in results for f in r["findings"]]
    if as_json:
        emit(results[0] if len(results) == 1 and not failed else
             {"dossiers": results, "count": len(results), **({"failed": failed} if failed else {})})
    else:
        for r in results:
            out.print(f"[bold]{r['case_no'] or r['source']}[/bold]  {r['party'] or ''}  "
                      f"score {r['score']['total']} {r['score']['grade']}", highlight=False)
            _print_findings(r["findings"])
    if all(not r["documents"] for r in results):
        fail("no readable documents in " + ", ".join(str(p) for p in paths))
    _exit_on(findings, fail_on)


def _bare_context(as_of: Optional[str], settings: Optional[Path]):
    """A check context with no store: the bundled law facts only."""
    from datetime import date

    from nlp.checks.context import Context, EmptyLibrary
    from nlp.checks.settings import SettingsError, load_settings
    from nlp.registry import Registry

    try:
        loaded = load_settings(settings)
    except SettingsError as exc:
        fail(str(exc))
    return Context(_date_option(as_of, "--as-of") or date.today(), loaded, EmptyLibrary(Registry.from_facts()))


@app.command()
def ui(db: Optional[Path] = DbOption,
       port: int = typer.Option(8501, "--port", help="Port the workspace listens on."),
       address: str = typer.Option("127.0.0.1", "--address", help="Interface to listen on: this machine only "
                                   "by default; put the office's sign-in proxy in front before opening it wider."),
       headless: bool = typer.Option(True, "--headless/--browser", help="Do not open a browser window.")) -> None:
    """Start the Streamlit triage workspace on the database (ui/app.py)."""
    import subprocess

    from ingest.store import db_path
    from ui.pages._shared import MAX_UPLOAD_MB

    path = db_path(db)
    if not path.exists():
        fail(f"no such database: {path} (build one with normscope ingest or normscope demo)")
    open_store(path).close()  # a file that is not a database: one line here, not a traceback in the browser
    script = Path(__file__).resolve().parent / "app.py"
    # the uploaders' max_upload_size is only checked in the browser; the server enforces maxUploadSize
    cmd = [sys.executable, "-m", "streamlit", "run", str(script), "--server.port", str(port),
           "--server.headless", "true" if headless else "false", "--browser.gatherUsageStats", "false",
           "--server.maxUploadSize", str(MAX_UPLOAD_MB), "--server.address", address,
           "--client.showErrorDetails", "none",  # no tracebacks in the reviewer's browser; they go to stderr
           "--", "--db", str(path.resolve())]
    err.print(f"normscope ui: http://{address}:{port}  ({path})")
    try:
        raise typer.Exit(subprocess.call(cmd))
    except KeyboardInterrupt:
        raise typer.Exit(0)


@app.command()
def demo(db: Optional[Path] = typer.Option(None, "--db", help="Database to build (default ./normscope-demo.db)."),
         laws: Optional[Path] = typer.Option(None, "--laws", help="Folder of real laws with manifest.csv "
                                             "(default ../shared/corpus/laws when present)."),
         as_of: Optional[str] = AsOfOption,
         start_ui: Optional[bool] = typer.Option(None, "--ui/--no-ui", help="Start the workspace on the demo "
                                                 "database afterwards (default: when run in a terminal)."),
         port: int = typer.Option(8501, "--port", help="Port of the workspace."),
         as_json: bool = JsonOption) -> None:
    """Build a database from the bundled demo corpus (and the laws it cites), review and clean it up,
    then start the triage workspace on it (CONTRACT: `normscope demo`)."""
    from ingest.demo import build_demo, shared_laws

    laws = laws or shared_laws()
    if laws is not None and not (laws / "manifest.csv").exists():
        fail(f"no manifest.csv in {laws}")
    store = open_store(db or Path("normscope-demo.db"))
    result = build_demo(store, _date_option(as_of, "--as-of"), laws)
    counts = store.stats()
    store.close()
    quarantined = result.documents.quarantined + (result.laws.quarantined if result.laws else [])
    if as_json:
        emit({"db": str(store.path), **result.documents.counts(),
              "laws": result.laws.counts() if result.laws else None, "stats": counts,
              "reviews": result.reviews, "cleanup": result.cleanup, "dossiers": result.dossiers,
              "quarantine": [{"source": s, "reason": r} for s, r in quarantined]})
        return
    table = Table("document", "level", "审查结论", "findings", "清理建议", title=f"normscope demo — {store.path}")
    verdicts = {d["id"]: d["recommendation"] for d in result.cleanup["documents"]}
    for r in result.reviews:
        d = r["document"]
        rules = ", ".join(dict.fromkeys(f["rule"] for f in r["findings"] if f["severity"] != "info"))
        table.add_row(d["title"] or Path(d["source"]).name, d["level"], r["conclusion"], rules,
                      verdicts.get(d["id"], "—"))
    out.print(table)
    cases = Table("case file", "案号", "当事人", "score", "findings", title="案卷评查 — corpus/dossiers")
    for r in result.dossiers:
        cases.add_row(Path(r["source"]).name, r["case_no"] or "", r["party"] or "",
                      f"{r['score']['total']} {r['score']['grade']}", ", ".join(sorted({f['rule'] for f in r['findings']})))
    out.print(cases)
    if laws is None:
        out.print("laws: ../shared/corpus/laws not found; upper-level comparisons (F105) need them (--laws)")
    out.print(", ".join(f"{k} {v}" for k, v in counts.items()))
    for source, reason in quarantined:
        out.print(f"  quarantined {source}: {reason}", markup=False, highlight=False)
    if start_ui is None:  # a person at a terminal gets the workspace; a script gets its output and the exit
        start_ui = sys.stdin.isatty() and sys.stdout.isatty()
    if start_ui:
        ui(db=store.path, port=port, headless=True)


if __name__ == "__main__":
    app()
