"""Scale test (issue 7): ingest and clean up a synthetic provincial archive (bench/synth.py) of N
documents with the `normscope` command, and project the measurements to 10 million documents.

For each --count it generates (or reuses) the archive under --work, copies a store that already
holds the national law library (the shared corpus without its 地方性法规, ingested once per work
folder, so citations resolve and the upper-law checks have their texts), then runs as
subprocesses

    normscope ingest ARCHIVE_DIR --db DB --engine E --workers W --json
    normscope cleanup --db DB --as-of DATE --json > /dev/null   (+ --engine/--workers when cleanup takes them)

and measures each phase: wall time, CPU seconds (the main process, and the whole tree), peak RSS
of the process tree sampled every 0.5 s (the command and all its children summed, and the
largest single process), the store on disk (db + -wal + -shm + quarantine folder) and what it
holds. The baseline, in the same run, reads every archive member and takes its sha256 (the
floor of any ingest: bench/ingest.py's baseline). With --write-docs the measurements of every
size run so far (kept in the page itself) and the projection are written to docs/scaling.md.

    python bench/scale.py --count 1000 --count 10000 --workers 2 --write-docs
"""
from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import resource
import shutil
import sqlite3
import subprocess
import sys
import threading
import time
from datetime import date
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench import synth  # noqa: E402
from bench.ingest import baseline_blobs  # noqa: E402

DOC = ROOT / "docs" / "scaling.md"
TARGET = 10_000_000
PLANNED = (1_000, 10_000, 100_000)  # the sizes the page shows, with a placeholder until run
SAMPLE_S = 0.5
LIBRARY_SKIP = {"地方性法规", "案例", "其他"}
_DATA_RE = re.compile(r"<!-- scale-data\n(.*?)\n-->", re.S)
BEGIN, END = "<!-- bench/scale.py: begin (generated, do not edit by hand) -->", "<!-- bench/scale.py: end -->"


# -- running and measuring ------------------------------------------------------------------
def normscope() -> list[str]:
    exe = Path(sys.executable).with_name("normscope")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "ui.cli"]


def option_supported(command: str, option: str) -> bool:
    """Does `normscope COMMAND --help` list OPTION (cleanup --engine is being added)?"""
    out = subprocess.run([*normscope(), command, "--help"], capture_output=True, text=True, cwd=ROOT,
                         env={**os.environ, "COLUMNS": "200"})
    return re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", out.stdout + out.stderr) is not None


def run_phase(name: str, cmd: list[str], log: Path, keep_stdout: bool = True) -> dict:
    """Run ``cmd``, sampling the RSS and CPU time of it and all its descendants every 0.5 s. Its stdout is
    returned, or with ``keep_stdout`` False only counted (the whole cleanup JSON need not be held here)."""
    load_before = os.getloadavg()
    ru0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    with log.open("ab") as err:
        err.write(f"\n$ {' '.join(cmd)}\n".encode())
        err.flush()
        proc = psutil.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=err)
        peak_tree = peak_one = 0
        cpu: dict[int, float] = {}
        timeline: list[tuple[float, int]] = []
        out_chunks: list[bytes] = []
        out_bytes = [0]

        def drain() -> None:  # in a thread, so a large JSON never blocks the child
            while chunk := proc.stdout.read(1 << 20):
                out_bytes[0] += len(chunk)
                if keep_stdout:
                    out_chunks.append(chunk)

        reader = threading.Thread(target=drain, daemon=True)
        reader.start()
        while proc.poll() is None:
            total = 0
            try:
                procs = [proc, *proc.children(recursive=True)]
            except psutil.Error:
                procs = [proc]
            for p in procs:
                try:
                    with p.oneshot():
                        rss = p.memory_info().rss
                        times = p.cpu_times()
                except psutil.Error:
                    continue
                total += rss
                peak_one = max(peak_one, rss)
                cpu[p.pid] = times.user + times.system
            peak_tree = max(peak_tree, total)
            timeline.append((time.perf_counter() - t0, total))
            time.sleep(SAMPLE_S)
        wall = time.perf_counter() - t0
        reader.join()
    ru1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    result = {
        "phase": name, "wall_s": round(wall, 2), "returncode": proc.returncode,
        "cpu_main_s": round(cpu.get(proc.pid, 0.0), 1),
        "cpu_all_s": round((ru1.ru_utime + ru1.ru_stime) - (ru0.ru_utime + ru0.ru_stime), 1),
        "peak_rss_tree_mb": round(peak_tree / 1e6), "peak_rss_one_mb": round(peak_one / 1e6),
        "rss_quartiles_mb": _quartiles(timeline, wall),
        "load_before": [round(x, 2) for x in load_before], "load_after": [round(x, 2) for x in os.getloadavg()],
        "stdout_bytes": out_bytes[0],
    }
    if keep_stdout:
        result["stdout"] = b"".join(out_chunks).decode("utf-8", "replace")
    return result


def _quartiles(timeline: list[tuple[float, int]], wall: float) -> list[int]:
    """Tree RSS at 25/50/75/100% of the phase: flat, or growing with what has been processed."""
    out = []
    for q in (0.25, 0.5, 0.75, 1.0):
        seen = [rss for t, rss in timeline if t <= wall * q]
        out.append(round(max(seen) / 1e6) if seen else 0)
    return out


def store_size(db: Path) -> dict[str, int]:
    """Bytes on disk: the database, its -wal and -shm, and the quarantine folder beside it."""
    sizes = {s: (Path(str(db) + s).stat().st_size if Path(str(db) + s).exists() else 0) for s in ("", "-wal", "-shm")}
    q = Path(str(db) + ".quarantine")
    quarantine = sum(f.stat().st_size for f in q.rglob("*") if f.is_file()) if q.exists() else 0
    return {"db": sizes[""], "wal": sizes["-wal"], "shm": sizes["-shm"], "quarantine": quarantine,
            "total": sum(sizes.values()) + quarantine}


def store_facts(db: Path, tables: bool = True) -> dict:
    """Counts, cleanup verdicts and (with ``tables``) the bytes of each table and index (dbstat)."""
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    one = lambda sql: con.execute(sql).fetchone()[0]  # noqa: E731
    names = {r[0] for r in con.execute("select name from sqlite_master where type = 'table'")}
    out = {k: one(f"select count(*) from {t}") for k, t in (
        ("documents", "documents"), ("versions", "versions"), ("articles", "articles"), ("paragraphs", "paragraphs"),
        ("citations", "citations"), ("quarantined", "quarantine"), ("findings", "findings")) if t in names}
    out["page_size"], out["max_page_count"] = one("pragma page_size"), one("pragma max_page_count")
    out["sqlite"] = sqlite3.sqlite_version
    if "verdicts" in names:
        out["verdicts"] = dict(con.execute("select verdict, count(*) from verdicts where kind = 'cleanup' "
                                           "group by verdict order by 2 desc").fetchall())
        out["cleanup_rules"] = dict(con.execute("select rule, count(*) from findings where kind = 'cleanup' "
                                                "group by rule order by rule").fetchall())
    out["levels"] = dict(con.execute("select coalesce(level, '?'), count(*) from documents group by 1 "
                                     "order by 2 desc").fetchall())
    if tables:
        try:
            rows = con.execute("select name, sum(pgsize) from dbstat group by name").fetchall()
            out["table_bytes"] = {n: b for n, b in sorted(rows, key=lambda r: -r[1])}
        except sqlite3.Error:
            pass
    con.close()
    return out


def checkpoint(db: Path) -> None:
    con = sqlite3.connect(db)
    con.execute("pragma wal_checkpoint(TRUNCATE)")
    con.close()


# -- one size -------------------------------------------------------------------------------
def archive_for(count: int, work: Path, seed: int, workers: int) -> tuple[Path, dict]:
    """The archive of ``count`` documents for ``seed``: reused when its summary matches, else generated."""
    out = work / f"archive-{count}"
    summary_path = out / "synth.json"
    if summary_path.exists():
        s = json.loads(summary_path.read_text(encoding="utf-8"))
        if (s.get("count"), s.get("seed"), s.get("generator_version")) == (count, seed, synth.GENERATOR_VERSION) \
                and len(list(out.glob("part-*.zip"))) == s.get("zips"):
            s["reused"] = True
            return out, s
    print(f"generating {count} documents in {out} …", file=sys.stderr)
    s = synth.generate(count, out, seed, workers)
    s["reused"] = False
    return out, s


def library_store(work: Path, workers: int, log: Path, cleanup_extra: list[str], as_of: str) -> tuple[Path, dict]:
    """A store holding the national law library, built once per work folder and copied for each run."""
    db = work / "library.db"
    meta = work / "library.json"
    if db.exists() and meta.exists():
        phase = json.loads(meta.read_text(encoding="utf-8"))
        key = f"v2 {' '.join(cleanup_extra)}"
        zeros = phase.setdefault("cleanup_zero_by", {})
        if key not in zeros:
            zeros[key] = zero_cleanup(db, work, workers, cleanup_extra, as_of, log)
            meta.write_text(json.dumps(phase, ensure_ascii=False, indent=1), encoding="utf-8")
        phase["cleanup_zero"] = zeros[key]
        return db, phase
    for f in work.glob("library.db*"):
        shutil.rmtree(f) if f.is_dir() else f.unlink()
    folders = sorted(p for p in synth.LAWS.iterdir() if p.is_dir() and p.name not in LIBRARY_SKIP)
    cmd = [*normscope(), "ingest", *map(str, folders), "--manifest", str(synth.LAWS / "manifest.csv"),
           "--db", str(db), "--workers", str(workers), "--json"]
    print("ingesting the law library …", file=sys.stderr)
    phase = run_phase("library", cmd, log)
    if phase["returncode"] != 0:
        raise SystemExit(f"library ingest failed ({phase['returncode']}); see {log}")
    phase.pop("stdout")
    checkpoint(db)
    phase["store"] = store_size(db)
    phase["facts"] = store_facts(db, tables=True)
    phase["cleanup_zero"] = zero_cleanup(db, work, workers, cleanup_extra, as_of, log)
    phase["cleanup_zero_by"] = {f"v2 {' '.join(cleanup_extra)}": phase["cleanup_zero"]}
    meta.write_text(json.dumps(phase, ensure_ascii=False, indent=1), encoding="utf-8")
    return db, phase


ZERO_COUNT = 10


def zero_cleanup(library: Path, work: Path, workers: int, cleanup_extra: list[str], as_of: str, log: Path) -> dict:
    """The fixed cost under every size's cleanup (start-up, registry, worker start-up): a cleanup of the
    library plus a handful of archive documents, enough that the workers start."""
    zero = work / "zero"
    shutil.rmtree(zero, ignore_errors=True)
    zero.mkdir()
    shutil.copyfile(library, zero / "store.db")
    synth.generate(ZERO_COUNT, zero / "archive", seed=1, workers=1)
    print(f"fixed cost: cleanup of the library and {ZERO_COUNT} documents …", file=sys.stderr)
    ingest = subprocess.run([*normscope(), "ingest", str(zero / "archive"), "--db", str(zero / "store.db"), "--workers",
                             "1", "--json"], cwd=ROOT, capture_output=True)
    if ingest.returncode != 0:
        raise SystemExit(f"ingest of the fixed-cost archive failed: {ingest.stderr.decode()[-300:]}")
    out = run_phase("cleanup-zero", [*normscope(), "cleanup", "--db", str(zero / "store.db"), "--as-of", as_of,
                                     "--json", *cleanup_extra], log, keep_stdout=False)
    out["count"] = ZERO_COUNT
    shutil.rmtree(zero)
    return out


def cleanup_kept(count: int, args: argparse.Namespace, cleanup_extra: list[str]) -> dict:
    """--cleanup-only: clean up the store a --keep run left, beside that run's measurements (a long ingest
    and its cleanup need not run in one sitting)."""
    work: Path = args.work
    db = work / f"run-{count}" / "store.db"
    found = [json.loads(p.read_text(encoding="utf-8"))
             for p in sorted(work.glob(f"result-{count}-{args.engine}-w{args.workers}-c*.json"))]
    found = [r for r in found if phase(r, "ingest")]
    if not db.exists() or not found:
        raise SystemExit(f"no kept store and ingest measurements for {count} documents in {work} (run with --keep)")
    result = found[0]
    print(f"[{count}] cleanup of the kept store …", file=sys.stderr)
    cleanup = run_phase("cleanup", [*normscope(), "cleanup", "--db", str(db), "--as-of", args.as_of, "--json",
                                    *cleanup_extra], work / f"run-{count}.log", keep_stdout=False)
    cleanup["store"] = store_size(db)
    result.update(phases=[p for p in result["phases"] if p["phase"] != "cleanup"] + [cleanup],
                  cleanup_workers=args.cleanup_workers, cleanup_options=cleanup_extra, as_of=args.as_of,
                  commit=_commit(), store=store_facts(db, tables=True))
    result_path(work, result).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    return result


def run_size(count: int, args: argparse.Namespace, cleanup_extra: list[str]) -> dict:
    work: Path = args.work
    work.mkdir(parents=True, exist_ok=True)
    log = work / f"run-{count}.log"
    archive, gen = archive_for(count, work, args.seed, args.workers)
    run_dir = work / f"run-{count}"
    if run_dir.exists():
        shutil.rmtree(run_dir)
    run_dir.mkdir()
    db = run_dir / "store.db"
    library = None
    if args.library:
        lib_db, library = library_store(work, args.workers, work / "library.log", cleanup_extra, args.as_of)
        shutil.copyfile(lib_db, db)
    before = store_size(db) if db.exists() else {"total": 0}

    from ingest.run import iter_inputs

    print(f"[{count}] baseline: read + sha256 of every archive member …", file=sys.stderr)
    load0 = os.getloadavg()
    base_s = baseline_blobs((i.data for i in iter_inputs([archive]) if i.data is not None), digest=True)
    phases = [{"phase": "baseline", "wall_s": round(base_s, 2), "load_before": [round(x, 2) for x in load0],
               "load_after": [round(x, 2) for x in os.getloadavg()]}]

    print(f"[{count}] ingest ({args.engine}, {args.workers} workers) …", file=sys.stderr)
    ingest = run_phase("ingest", [*normscope(), "ingest", str(archive), "--db", str(db), "--engine", args.engine,
                                  "--workers", str(args.workers), "--json"], log)
    out = ingest.pop("stdout")
    try:
        ingest["result"] = {k: v for k, v in json.loads(out).items() if k not in ("quarantine", "stats")}
        ingest["quarantine_reasons"] = _reasons(json.loads(out).get("quarantine", []))
    except json.JSONDecodeError:
        ingest["result"] = {"error": out[-500:]}
    ingest["store"] = store_size(db)
    phases.append(ingest)
    print(f"[{count}] ingest {ingest['wall_s']} s, peak {ingest['peak_rss_tree_mb']} MB", file=sys.stderr)

    if ingest["returncode"] == 0 and not args.skip_cleanup:
        print(f"[{count}] cleanup …", file=sys.stderr)
        cleanup = run_phase("cleanup", [*normscope(), "cleanup", "--db", str(db), "--as-of", args.as_of, "--json",
                                        *cleanup_extra], log, keep_stdout=False)
        cleanup["store"] = store_size(db)
        phases.append(cleanup)
        print(f"[{count}] cleanup {cleanup['wall_s']} s, peak {cleanup['peak_rss_tree_mb']} MB", file=sys.stderr)
    facts = store_facts(db, tables=True)
    result = {
        "count": count, "engine": args.engine, "workers": args.workers, "cleanup_workers": args.cleanup_workers,
        "seed": args.seed, "as_of": args.as_of,
        "measured": date.today().isoformat(), "commit": _commit(), "cleanup_options": cleanup_extra,
        "machine": {"cores": os.cpu_count(), "ram_gb": round(psutil.virtual_memory().total / 2**30, 1),
                    "python": platform.python_version()},
        "archive": {k: gen[k] for k in ("count", "zips", "bytes", "zip_bytes", "seconds", "formats", "levels",
                                        "variants", "regions", "titles", "reused") if k in gen},
        "library": ({"documents": library["facts"].get("documents"), "versions": library["facts"].get("versions"),
                     "articles": library["facts"].get("articles"), "store_bytes": before["total"],
                     "fts_bytes": sum(b for n, b in library["facts"].get("table_bytes", {}).items()
                                      if n.startswith("articles_fts")),
                     "table_bytes": library["facts"].get("table_bytes", {}),
                     "wall_s": library["wall_s"], "cleanup_zero": library.get("cleanup_zero")} if library else None),
        "phases": phases, "store": facts,
    }
    result_path(work, result).write_text(json.dumps(result, ensure_ascii=False, indent=1), encoding="utf-8")
    if not args.keep:
        shutil.rmtree(run_dir)
    return result


def result_path(work: Path, r: dict) -> Path:
    return work / f"result-{r['count']}-{r['engine']}-w{r['workers']}-c{r.get('cleanup_workers', r['workers'])}.json"


def _reasons(quarantine: list[dict]) -> dict[str, int]:
    out: dict[str, int] = {}
    for q in quarantine:
        key = re.sub(r"\d+(?:\.\d+)?", "#", q.get("reason", ""))[:80]
        out[key] = out.get(key, 0) + 1
    return out


def _commit() -> str:
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True,
                               cwd=ROOT).stdout.strip()
        return head + ("+changes" if dirty else "")
    except OSError:
        return "?"


# -- the page ---------------------------------------------------------------------------------
def phase(run: dict, name: str) -> dict | None:
    return next((p for p in run["phases"] if p["phase"] == name), None)


def fit_exponent(points: list[tuple[float, float]]) -> float | None:
    """b of y = a·x^b, least squares on logs; None with fewer than two sizes."""
    pts = [(math.log(x), math.log(y)) for x, y in points if x > 0 and y > 0]
    if len(pts) < 2:
        return None
    mx, my = sum(x for x, _ in pts) / len(pts), sum(y for _, y in pts) / len(pts)
    den = sum((x - mx) ** 2 for x, _ in pts)
    return sum((x - mx) * (y - my) for x, y in pts) / den if den else None


def archive_bytes(run: dict) -> int:
    """Store bytes the archive added (the copied law library taken off)."""
    lib = (run.get("library") or {}).get("store_bytes", 0)
    return phase(run, "cleanup")["store"]["total"] - lib if phase(run, "cleanup") else \
        phase(run, "ingest")["store"]["total"] - lib


def fts_bytes(run: dict) -> int:
    """Bytes of the FTS index the archive added (the library's taken off)."""
    total = sum(b for n, b in run["store"].get("table_bytes", {}).items() if n.startswith("articles_fts"))
    return total - (run.get("library") or {}).get("fts_bytes", 0)


def _mb(b: float) -> str:
    return f"{b / 1e6:,.0f}"


def _h(seconds: float) -> str:
    if seconds < 120:
        return f"{seconds:.0f} s"
    if seconds < 600:
        return f"{seconds / 60:.1f} min"
    if seconds < 2 * 3600:
        return f"{seconds / 60:.0f} min"
    if seconds < 3 * 86400:
        return f"{seconds / 3600:.1f} h"
    return f"{seconds / 86400:.0f} days"


def _gb(b: float) -> str:
    return f"{b / 1e9:,.1f} GB" if b < 1e12 else f"{b / 1e12:,.2f} TB"


def render_doc(runs: list[dict]) -> str:
    runs = sorted(runs, key=lambda r: (r["count"], r["engine"], r["workers"], r.get("cleanup_workers", r["workers"])))
    per_size = list({r["count"]: r for r in reversed(runs)}.values())[::-1]  # one run per size, for what they share
    done = {r["count"] for r in runs}
    lines = [
        BEGIN,
        "## Scale test (bench/scale.py)",
        "",
        "Issue 7's scale test: a synthetic provincial archive made from the shared law corpus by "
        "`bench/synth.py` (fictional 江南省 with 12 cities and 36 counties; every document a real law renamed into "
        "a local 地方性法规, 规章, 行政规范性文件 or paper, re-dated 1995–2026, articles dropped, swapped and renumbered, "
        "amounts changed, paragraphs added or removed; "
        f"{synth.P_LOCAL_BASE:.0%} of a region's documents draw on a pool of {synth.LOCAL_POOL} base texts of that "
        f"region, so documents repeat and contradict each other, {synth.P_REVISION:.0%} are revisions and "
        f"{synth.P_REPLACEMENT:.0%} replacements of earlier ones; 1,000 documents per zip), ingested into a store "
        "that already holds the "
        "national law library (the shared corpus without its 地方性法规), then cleaned up, with the `normscope` "
        "command as a subprocess. Rerun: `python bench/scale.py --count 1000 --count 10000 --count 100000 "
        "--workers 2 --write-docs` (archives, stores and logs under /tmp/normscope-scale; `--keep` keeps the "
        "stores, and `--skip-cleanup --keep` then `--cleanup-only` splits a long run in two; each run is also "
        "kept in the page, so one size can be rerun alone).",
        "",
        "Peak memory is the RSS of the command and all its worker processes summed, sampled every 0.5 s (pages "
        "shared after fork count once per process, so the sum overstates); CPU is user + system seconds of the "
        "main process (reading, hashing, the single writer) and of the whole tree. Load is the 1-minute load "
        "average before → after the phase, on a machine shared with other jobs.",
        "",
        "### Archives",
        "",
        "| documents | zips | MB (unpacked) | formats | intended levels | revisions / replacements | generated in |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in per_size:
        a = r["archive"]
        fm = ", ".join(f"{k} {v}" for k, v in a["formats"].items())
        lv = ", ".join(f"{k} {v}" for k, v in a["levels"].items())
        var = a.get("variants", {})
        lines.append(f"| {r['count']:,} | {a['zips']} | {a['bytes'] / 1e6:,.0f} | {fm} | {lv} | "
                     f"{var.get('revision', 0)} / {var.get('replacement', 0)} | {a['seconds']:.0f} s |")
    lines += [
        "",
        "### Measurements",
        "",
        "| documents | phase | wall | docs/s | CPU main / all (s) | peak RSS tree / largest process (MB) | "
        "RSS at 25/50/75/100% (MB) | load before → after |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in runs:
        n = r["count"]
        for p in r["phases"]:
            rate = f"{n / p['wall_s']:,.0f}" if p["wall_s"] else "–"
            if p["phase"] == "baseline":
                lines.append(f"| {n:,} | baseline: read + sha256 of every member | {p['wall_s']:.1f} s | {rate} | – | – | – | "
                             f"{p['load_before'][0]} → {p['load_after'][0]} |")
                continue
            ratio = p["wall_s"] / phase(r, "baseline")["wall_s"] if phase(r, "baseline")["wall_s"] else 0
            failed = "" if p["returncode"] == 0 else f" **(exit {p['returncode']})**"
            workers = r.get("cleanup_workers", r["workers"]) if p["phase"] == "cleanup" else r["workers"]
            lines.append(
                f"| {n:,} | {p['phase']}{failed}, {r['engine']} × {workers} ({ratio:,.0f}× baseline) | {_h(p['wall_s'])} | {rate} | "
                f"{p['cpu_main_s']:,.0f} / {p['cpu_all_s']:,.0f} | {p['peak_rss_tree_mb']:,} / {p['peak_rss_one_mb']:,} | "
                f"{' / '.join(f'{x:,}' for x in p['rss_quartiles_mb'])} | {p['load_before'][0]} → {p['load_after'][0]} |")
    for n in PLANNED:
        if n not in done:
            lines.append(f"| {n:,} | _not yet run_ | | | | | | |")
    lines += [
        "",
        "| documents | stored documents / versions | articles | citations | store (MB): db + wal + quarantine | "
        "archive share (MB) | bytes per document | FTS index (MB) | cleanup verdicts |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in per_size:
        s, last = r["store"], (phase(r, "cleanup") or phase(r, "ingest"))["store"]
        v = ", ".join(f"{k} {c:,}" for k, c in (s.get("verdicts") or {}).items()) or "–"
        lines.append(f"| {r['count']:,} | {s['documents']:,} / {s['versions']:,} | {s['articles']:,} | {s['citations']:,} | "
                     f"{_mb(last['db'])} + {_mb(last['wal'])} + {_mb(last['quarantine'])} | {_mb(archive_bytes(r))} | "
                     f"{archive_bytes(r) / r['count']:,.0f} | {_mb(fts_bytes(r))} | {v} |")
    lib = next((r["library"] for r in runs if r.get("library")), None)
    if lib:
        lines += ["", f"The store starts as a copy of the law library: {lib['documents']:,} documents, "
                      f"{lib['articles']:,} articles, {_mb(lib['store_bytes'])} MB, ingested once in {_h(lib['wall_s'])}. "
                      "Stored counts include it; the archive share and bytes per document do not."]
    if runs and (runs[-1].get("library") or {}).get("table_bytes") is not None:
        r = max(runs, key=lambda r: r["count"])
        lib_tables = r["library"]["table_bytes"]
        added = {t: b - lib_tables.get(t, 0) for t, b in r["store"].get("table_bytes", {}).items()}
        top = sorted(added.items(), key=lambda kv: -kv[1])[:8]
        lines += ["", f"Where the archive's bytes go at {r['count']:,} documents (per document; the raw files average "
                      f"{r['archive']['bytes'] / r['count'] / 1e3:.1f} kB): "
                  + ", ".join(f"{t} {b / r['count'] / 1e3:.1f} kB" for t, b in top) + "."]
    rules = runs[-1]["store"].get("cleanup_rules") if runs else None
    if rules:
        lines += ["", f"Cleanup findings at {runs[-1]['count']:,} documents, by rule: "
                      + ", ".join(f"{k} {v:,}" for k, v in rules.items()) + "."]
    lines += ["", *projection(runs)]
    lines += ["", "<!-- scale-data", json.dumps(runs, ensure_ascii=False), "-->", END]
    return "\n".join(lines)


def write_doc(path: Path, block: str) -> None:
    """Replace the generated block of the page, keeping whatever else it says (the engine choice …)."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Scaling\n\n"
    if BEGIN in text and END in text:
        head, rest = text.split(BEGIN, 1)
        text = head + block + rest.split(END, 1)[1]
    else:
        text = text.rstrip() + "\n\n" + block + "\n"
    path.write_text(text, encoding="utf-8")


def fit_linear(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """(c, k) of y = c + k·x by least squares; None with fewer than two sizes."""
    if len({x for x, _ in points}) < 2:
        return None
    n = len(points)
    mx, my = sum(x for x, _ in points) / n, sum(y for _, y in points) / n
    k = sum((x - mx) * (y - my) for x, y in points) / sum((x - mx) ** 2 for x, _ in points)
    return my - k * mx, k


def fit_quadratic(points: list[tuple[float, float]]) -> tuple[float, float] | None:
    """(L, Q) of y = L·x + Q·x² by least squares (y already net of the fixed cost); Q ≥ 0."""
    if len({x for x, _ in points}) < 2:
        return None
    s2, s3, s4 = (sum(x ** k for x, _ in points) for k in (2, 3, 4))
    sy1, sy2 = sum(x * y for x, y in points), sum(x * x * y for x, y in points)
    det = s2 * s4 - s3 * s3
    L, Q = (sy1 * s4 - sy2 * s3) / det, (s2 * sy2 - s3 * sy1) / det
    if Q < 0:  # no superlinear term in the data: linear through the origin
        return sy1 / s2, 0.0
    return L, Q


def _region_square_share() -> float:
    """Σ share² of the generator's regions: the quadratic term of one store is q·N²·this."""
    total = sum(synth.REGION_WEIGHTS)
    return sum((w / total) ** 2 for w in synth.REGION_WEIGHTS)


def projection(runs: list[dict]) -> list[str]:
    """The worked projection to 10 million documents: models fitted to the size series, evaluated."""
    head = ["### Projection to 10,000,000 documents", ""]
    ok = [r for r in runs if phase(r, "ingest") and phase(r, "ingest")["returncode"] == 0]
    if not ok:
        return head + ["_No successful run yet._"]
    big = max(ok, key=lambda r: (r["count"], r["engine"] == "local"))
    series = sorted((r for r in ok if (r["engine"], r["workers"]) == (big["engine"], big["workers"])),
                    key=lambda r: r["count"])
    sizes = sorted({r["count"] for r in series})
    n, w = big["count"], big["workers"]
    configs = sorted({r.get("cleanup_workers", w) for r in series})
    ram = big["machine"]["ram_gb"] * 2**30
    at = (100_000, TARGET)
    ing = [(r["count"], phase(r, "ingest")) for r in series]
    wall = fit_linear([(x, p["wall_s"]) for x, p in ing])
    main = fit_linear([(x, p["cpu_main_s"]) for x, p in ing])
    parse = fit_linear([(x, p["cpu_all_s"] - p["cpu_main_s"]) for x, p in ing])
    store = fit_linear([(r["count"], archive_bytes(r)) for r in series])
    fts = fit_linear([(r["count"], fts_bytes(r)) for r in series])
    lines = head + [
        f"Models fitted to the runs of {', '.join(f'{x:,}' for x in sizes)} documents (engine {big['engine']}, "
        f"{w} ingest workers; cleanup with {' and '.join(map(str, configs))} workers); with one size only, per-document figures of that run. Ingest "
        "and store are fitted as c + k·N; cleanup, net of its fixed cost, as L·N + Q·N² — every document is "
        "compared with its region's documents, so a quadratic term is expected (the fixed cost: a cleanup of the "
        f"law library plus {ZERO_COUNT} documents, so that the workers start). "
        "CPU seconds are the sturdier measure on a shared machine; wall time is what this machine took.",
        "",
        "| quantity | model | measured at " + f"{n:,}" + " | 100,000 | 10,000,000 |",
        "|---|---|---|---|---|",
    ]

    def lin(fit, single: float, fmt) -> tuple[str, list[str]]:
        c, k = fit if fit is not None else (0.0, single / n)
        if fmt is _gb:
            model = f"{c / 1e6:,.0f} MB + {k / 1e3:,.1f} kB·N"
        else:
            model = f"{c:,.1f} s + {k * 1000:,.2f} ms·N"
        return model, [fmt(c + k * x) for x in at]

    ip = phase(big, "ingest")
    rows = [
        (f"ingest wall ({w} workers)", wall, ip["wall_s"], _h),
        ("ingest CPU, main process: read, hash, the single writer (s)", main, ip["cpu_main_s"], _h),
        ("ingest CPU, parse workers (s)", parse, ip["cpu_all_s"] - ip["cpu_main_s"], _h),
        ("store on disk, archive share", store, archive_bytes(big), _gb),
        ("of which the FTS trigram index", fts, fts_bytes(big), _gb),
    ]
    for name, fit, measured, fmt in rows:
        model, values = lin(fit, measured, fmt)
        lines.append(f"| {name} | {model} | {fmt(measured)} | {values[0]} | {values[1]} |")
    peaks = ", ".join(f"{p['peak_rss_tree_mb']:,}" for _, p in ing)
    lines.append(f"| ingest peak RSS, tree (MB) | flat: {peaks} | {ip['peak_rss_tree_mb']:,} MB | – | – |")
    fits: dict[int, dict] = {}
    for c in configs:
        cl = [(r["count"], phase(r, "cleanup"), ((r.get("library") or {}).get("cleanup_zero") or {})) for r in series
              if r.get("cleanup_workers", w) == c and phase(r, "cleanup") and phase(r, "cleanup")["returncode"] == 0]
        if not cl:
            continue
        cp, zero = cl[-1][1], cl[-1][2]
        f = fits[c] = {
            "cpu": fit_quadratic([(x, p["cpu_all_s"] - z.get("cpu_all_s", 0)) for x, p, z in cl]),
            "wall": fit_quadratic([(x, p["wall_s"] - z.get("wall_s", 0)) for x, p, z in cl]),
            "mem": fit_linear([(x, p["peak_rss_tree_mb"] * 1e6) for x, p, _ in cl]),
            "one": fit_linear([(x, p["peak_rss_one_mb"] * 1e6) for x, p, _ in cl]),
            "count": cl[-1][0]}
        tag = f"{c} worker{'s' if c > 1 else ''}"
        timed = c == (1 if 1 in configs else configs[0])  # one configuration's time model, the cleanest
        for name, fit, measured, z in ((f"cleanup CPU, all processes ({tag})", f["cpu"], cp["cpu_all_s"], zero.get("cpu_all_s", 0)),
                                       (f"cleanup wall ({tag})", f["wall"], cp["wall_s"], zero.get("wall_s", 0))):
            if fit and timed:
                L, Q = fit
                lines.append(f"| {name} | {z:.0f} s + {L * 1000:.2f} ms·N + {Q * 1e6:.3g} µs·N² | {_h(measured)} | "
                             f"{_h(z + L * at[0] + Q * at[0] ** 2)} | **{_h(z + L * at[1] + Q * at[1] ** 2)}** |")
        for name, fit, measured in ((f"cleanup peak RSS, tree ({tag})", f["mem"], cp["peak_rss_tree_mb"] * 1e6),
                                    (f"cleanup peak RSS, largest process ({tag})", f["one"], cp["peak_rss_one_mb"] * 1e6)):
            if c == 1 and "tree" in name:
                continue  # one process: the tree is the process
            model, values = lin(fit, measured, _gb)
            lines.append(f"| {name} | {model} | {_gb(measured)} | {values[0]} | {values[1]} |")
    if len(fits) > 1:
        top = max(r["count"] for r in series)
        at_top = {r.get("cleanup_workers", w): phase(r, "cleanup") for r in series
                  if r["count"] == top and phase(r, "cleanup")}
        if len(at_top) > 1:
            lines += ["", f"At {top:,} documents cleanup took "
                      + "; ".join(f"{_h(p['wall_s'])} wall, {p['cpu_all_s']:,.0f} s CPU and {p['peak_rss_tree_mb']:,} MB "
                                  f"with {c} worker{'s' if c > 1 else ''}" for c, p in sorted(at_top.items()))
                      + ": each worker process loads the registry and builds each region's peer index itself"
                      + (", so on this machine the extra workers cost more time than they saved"
                         if at_top[max(at_top)]["wall_s"] > at_top[min(at_top)]["wall_s"] else
                         f", so the extra workers saved {1 - at_top[max(at_top)]['wall_s'] / at_top[min(at_top)]['wall_s']:.0%} "
                         f"of the wall time at {at_top[max(at_top)]['peak_rss_tree_mb'] / at_top[min(at_top)]['peak_rss_tree_mb']:.1f}× the memory")
                      + f". The time model is the {min(at_top)}-worker run's."]
    best = fits.get(1) or next(iter(fits.values()), None)
    cpu_fit = best["cpu"] if best else None
    mem_by = {c: f["mem"] for c, f in fits.items() if f["mem"] and f["mem"][1] > 0}
    lines += ["", "What breaks first:", ""]
    if mem_by:
        reach = {c: (ram - m[0]) / m[1] for c, m in mem_by.items()}
        lines.append(
            f"- **Cleanup memory**, on this machine ({ram / 2**30:.0f} GiB) at ~"
            + " / ".join(f"{reach[c]:,.0f} documents with {c} worker{'s' if c > 1 else ''}" for c in sorted(reach))
            + " (" + " / ".join(f"{mem_by[c][1] / 1e3:,.0f} kB" for c in sorted(reach))
            + " more per stored document). A cleanup worker keeps the peer indexes (`PeerIndex`: every provision "
            "of a region, its quantities and five-character runs) of the last four regions only "
            "(`ingest/library.py` PEER_INDEXES_KEPT) and the plan visits the documents region by region, so a "
            "worker's memory follows the largest regions, not the store; what grows with the store is the main "
            "process, which holds the verdict JSON of every document for the final output.")
    if cpu_fit and cpu_fit[1] > 0:
        L, Q = cpu_fit
        lines.append(
            f"- **Cleanup time, quadratic past ~{L / Q:,.0f} documents** (where Q·N² overtakes L·N): each of a "
            f"document's quantities is fuzzy-matched (`process.extract`, WRatio) against the quantities of the "
            f"same unit in the documents of its region on the same matter (a shared title word or a citation), and "
            f"each block against the region's block postings (F501/F502 → C107/C108). "
            f"10 million documents in one province of this archive's shape: {_h(L * TARGET + Q * TARGET ** 2)} of CPU.")
    elif cpu_fit:
        lines.append("- **Cleanup time** grew linearly over these sizes (no quadratic term fitted yet).")
    if main:
        k_main = main[1]
        lines.append(
            f"- **The single writer, at ~{1 / k_main:,.0f} documents/s** ({k_main * 1000:.1f} ms of main-process CPU "
            f"per document: reading the zips, sha256, the writes with their FTS rows), whatever the number of parse "
            f"workers: {_h(k_main * TARGET)} for 10 million documents through one store. The parse CPU "
            f"({parse[1] * 1000:.1f} ms per document) saturates it with ~{parse[1] / k_main:.1f} workers.")
    if store:
        k_store, k_fts = store[1], (fts[1] if fts else 0)
        max_db = big["store"]["page_size"] * big["store"]["max_page_count"]
        lines.append(
            f"- **One SQLite file**: {_gb(k_store * TARGET)} at 10 million documents ({k_store / 1e3:.1f} kB per "
            f"document, the FTS trigram index {k_fts / max(k_store, 1):.0%} of it), inside SQLite's limit of "
            f"{_gb(max_db)} (page {big['store']['page_size']} × max_page_count {big['store']['max_page_count']:,}) "
            f"but a file nobody can copy to a reviewer's laptop, back up in minutes or VACUUM; cleanup's findings "
            f"grow faster than the documents (below).")
    share = _region_square_share()
    lines += ["", "What the design does about it:", ""]
    if cpu_fit:
        L, Q = cpu_fit
        q = Q / share
        per_region = TARGET / 120
        cost = L * per_region + q * per_region ** 2
        lines.append(
            "- **Shard stores by region.** Peers never cross a region, so a store per region loses no finding, "
            "bounds a worker's memory to one region's index and lets regions run on separate machines; it does "
            "not remove the quadratic term, which is already per region"
            + (f" (q = Q / Σshare² = {q * 1e6:.3g} µs per document squared within a region; this archive's "
               f"Σshare² = {share:.3f})" if Q else "") + f". A province of 120 equal regions with 10 million "
            f"documents (~{per_region:,.0f} each) costs {_h(cost)} of CPU per region, {_h(120 * cost)} in all, "
            f"{_h(cost)} on 120 machines. Sharding by year as well would miss "
            f"repeats and contradictions across years unless the documents still in force are carried over; "
            f"comparing only documents in force on the cleanup date (here "
            + _in_force_share(big) + " of the verdicts) shrinks the quadratic term by the square of that share.")
    if parse:
        k_parse = parse[1]
        lines.append(
            f"- **More workers on the engine** for the pure functions: parsing is {k_parse * 1000:.1f} ms of CPU per "
            f"document, {_h(k_parse * TARGET)} for 10 million, {_h(k_parse * TARGET / 64)} on 64 cores"
            + (f"; cleanup's linear part ({cpu_fit[0] * 1000:.0f} ms per document) likewise — each cleanup "
               f"worker loads the registry and builds each region's index itself, so that part is paid per worker"
               if cpu_fit else "") + ".")
    if main:
        k_main = main[1]
        shards = 120
        lines.append(
            f"- **The writer's rate is the ceiling of one store**: ~{1 / k_main:,.0f} documents/s, "
            f"{_h(k_main * TARGET)} for 10 million; {shards} regional shards each have their own writer, "
            f"{_h(k_main * TARGET / shards)} if their disks keep up.")
    missing = [p for p in PLANNED if p not in sizes]
    if missing:
        lines += ["", f"_Placeholder: runs of {', '.join(f'{m:,}' for m in missing)} documents are not done yet; "
                      f"the models above come from {', '.join(f'{x:,}' for x in sizes)} and will be refitted._"]
    findings = sorted({r["count"]: r["store"].get("findings", 0) for r in series}.items())
    if len(findings) > 1:
        lines += ["", "Findings stored after cleanup: " + ", ".join(f"{f:,} at {x:,}" for x, f in findings)
                  + f" documents (exponent {fit_exponent([(x, f) for x, f in findings if f]) or 0:.2f}): more "
                    "documents in a region, more pairs that repeat or contradict each other."]
    sizes_json = sorted({r["count"]: phase(r, "cleanup")["stdout_bytes"] for r in series
                         if phase(r, "cleanup") and phase(r, "cleanup").get("stdout_bytes")}.items())
    if sizes_json:
        lines += ["", "`cleanup --json` printed " + ", ".join(f"{b / 1e6:,.1f} MB at {x:,}" for x, b in sizes_json)
                  + " documents, built in memory before it is written."]
    return lines


def _in_force_share(run: dict) -> str:
    v = run["store"].get("verdicts") or {}
    total = sum(v.values())
    return f"{1 - v.get('宣布失效', 0) / total:.0%}" if total else "?"


def load_doc_runs(path: Path) -> list[dict]:
    if not path.exists():
        return []
    m = _DATA_RE.search(path.read_text(encoding="utf-8"))
    return json.loads(m.group(1)) if m else []


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, action="append", help="archive size; repeat for a series (default 1000)")
    ap.add_argument("--engine", default="local", help="ingest engine: local | dask | ray")
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    ap.add_argument("--cleanup-workers", type=int, help="cleanup's workers (default --workers; 1 runs it in "
                    "one process, which holds the peer indexes once)")
    ap.add_argument("--work", type=Path, default=synth.DEFAULT_WORK, help="archives, stores, logs (outside the repo)")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--as-of", default=date.today().isoformat(), help="cleanup date (default today)")
    ap.add_argument("--keep", action="store_true", help="keep each run's store")
    ap.add_argument("--no-library", dest="library", action="store_false", help="start from an empty store")
    ap.add_argument("--skip-cleanup", action="store_true")
    ap.add_argument("--cleanup-only", action="store_true", help="clean up the store a --keep run left")
    ap.add_argument("--write-docs", action="store_true", help="write docs/scaling.md")
    ap.add_argument("--from-results", action="store_true",
                    help="run nothing: take each --count's measurements from WORK/result-COUNT-*.json")
    args = ap.parse_args(argv)
    args.work = args.work.resolve()
    if ROOT in args.work.parents or args.work == ROOT:
        raise SystemExit("--work must be outside the repository")
    cleanup_extra = []
    if args.from_results:
        pass
    elif option_supported("cleanup", "--engine"):
        cleanup_extra += ["--engine", args.engine]
    args.cleanup_workers = args.cleanup_workers or args.workers
    if not args.from_results and option_supported("cleanup", "--workers"):
        cleanup_extra += ["--workers", str(args.cleanup_workers)]
    results = []
    for count in sorted(set(args.count or [1000])):
        if args.from_results:  # every configuration measured at this size
            found = sorted(args.work.glob(f"result-{count}-*.json"))
            if not found:
                raise SystemExit(f"no results for {count} documents in {args.work}")
            for path in found:
                r = json.loads(path.read_text(encoding="utf-8"))
                if r.get("library") and (args.work / "library.db").exists():  # refresh fixed cost and table sizes
                    _, lib = library_store(args.work, r["workers"], args.work / "library.log", r["cleanup_options"],
                                           r["as_of"])
                    r["library"].update(cleanup_zero=lib["cleanup_zero"],
                                        table_bytes=lib["facts"].get("table_bytes", {}))
                    path.write_text(json.dumps(r, ensure_ascii=False, indent=1), encoding="utf-8")
                results.append(r)
            continue
        results.append((cleanup_kept if args.cleanup_only else run_size)(count, args, cleanup_extra))
        slim = {k: v for k, v in results[-1].items() if k not in ("store",)}
        print(json.dumps(slim, ensure_ascii=False), file=sys.stderr)
    if args.write_docs:
        key = lambda r: (r["count"], r["engine"], r["workers"], r.get("cleanup_workers", r["workers"]))  # noqa: E731
        runs = {key(r): r for r in load_doc_runs(DOC)}
        runs.update({key(r): r for r in results})
        write_doc(DOC, render_doc(list(runs.values())))
        print(f"wrote {DOC}", file=sys.stderr)
    for r in results:
        print(json.dumps({"count": r["count"], **{p["phase"]: p["wall_s"] for p in r["phases"]},
                          "store_mb": round(archive_bytes(r) / 1e6)}))


if __name__ == "__main__":
    main()
