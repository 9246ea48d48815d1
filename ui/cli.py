"""The `normscope` command (CONTRACT.md): human output by default, one JSON document with --json.

Progress and logs go to stderr; exit 0 on success, 2 on bad usage or unreadable input.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

app = typer.Typer(add_completion=False, no_args_is_help=True, help="normscope: check Chinese normative documents.")
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

DbOption = typer.Option(None, "--db", help="SQLite database (default ./normscope.db or $NORMSCOPE_DB).")
JsonOption = typer.Option(False, "--json", help="Print exactly one JSON document on stdout.")
DEMO_CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def emit(data: Any) -> None:
    """Write the single JSON document of a --json command."""
    sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str) + "\n")


def fail(reason: str) -> None:
    """Bad usage or unreadable input: a one-line reason on stderr and exit status 2."""
    sys.stderr.write(f"normscope: {reason}".replace("\n", " ") + "\n")
    raise typer.Exit(2)


@app.command()
def ingest(
    paths: list[Path] = typer.Argument(..., help="Files, folders or .zip archives."),
    manifest: Optional[Path] = typer.Option(None, "--manifest", help="CSV of supplied facts (path,title,level,…)."),
    workers: int = typer.Option(0, "--workers", help="Worker processes (0 = one per core)."),
    engine: str = typer.Option("local", "--engine", help="Execution engine: local (process pool)."),
    db: Optional[Path] = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Read, parse and store documents; unchanged files are skipped, unreadable ones quarantined."""
    from ingest.manifest import Manifest, ManifestError
    from ingest.run import default_workers
    from ingest.run import ingest as run_ingest
    from ingest.store import Store

    if engine != "local":
        fail(f"engine '{engine}' is not available in this installation; use --engine local")
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        fail(f"no such file or folder: {missing[0]}")
    try:
        facts = Manifest.load(manifest) if manifest else None
    except ManifestError as exc:
        fail(str(exc))
    store = Store(db)
    n_workers = workers or default_workers()
    with Progress(TextColumn("[bold]ingest"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                  TextColumn("{task.description}"), console=err, transient=True,
                  disable=not err.is_terminal) as progress:
        task = progress.add_task("", total=None)

        def tick(source: str) -> None:
            progress.update(task, advance=1, description=Path(source.split("!")[-1]).name[:40])

        summary = run_ingest([p.resolve() for p in paths], store, facts, n_workers, on_progress=tick,
                             args={"paths": [str(p) for p in paths], "manifest": str(manifest or "")})
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
        from ingest.store import Store
        from nlp.registry import Registry

        if not db.exists():
            fail(f"no such database: {db}")
        store = Store(db)
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
    from ingest.store import Store

    store = Store(db)
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
    db: Optional[Path] = DbOption,
    as_json: bool = JsonOption,
) -> None:
    """Provision search for officers (执法依据查询)."""
    from ingest.store import Store, search_articles

    if not query.strip():
        fail("empty query")
    store = Store(db)
    rows = search_articles(store, query, level, status, limit)
    store.close()
    if as_json:
        emit({"query": query, "results": rows})
        return
    table = Table("document", "article", "status", "text")
    for r in rows:
        table.add_row(r["title"] or "", r["label"], r["status"], (r["text"] or "")[:80])
    out.print(table)


@app.command()
def demo(db: Optional[Path] = typer.Option(None, "--db", help="Database to build (default ./normscope-demo.db)."),
         as_json: bool = JsonOption) -> None:
    """Build a database from the bundled demo corpus and print what it holds."""
    from ingest.run import default_workers
    from ingest.run import ingest as run_ingest
    from ingest.store import Store

    store = Store(db or Path("normscope-demo.db"))
    summary = run_ingest([DEMO_CORPUS / "normative"], store, workers=default_workers(), args={"demo": True})
    docs = list(store.db.query(
        "select v.title, v.level, v.doc_number, v.article_count, v.source from versions v order by v.id"))
    counts = store.stats()
    store.close()
    if as_json:
        emit({"db": str(store.path), **summary.counts(), "stats": counts, "documents": docs,
              "quarantine": [{"source": s, "reason": r} for s, r in summary.quarantined]})
        return
    table = Table("title", "level", "文号", "articles", title=f"normscope demo — {store.path}")
    for d in docs:
        table.add_row(d["title"] or Path(d["source"]).name, d["level"], d["doc_number"] or "", str(d["article_count"]))
    out.print(table)
    out.print(", ".join(f"{k} {v}" for k, v in counts.items()))
    for source, reason in summary.quarantined:
        out.print(f"  quarantined {source}: {reason}", markup=False, highlight=False)


if __name__ == "__main__":
    app()
