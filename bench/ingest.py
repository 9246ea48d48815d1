"""Ingest benchmark: the whole shared laws corpus, cold, against a read-plus-regex baseline.

Run `python bench/ingest.py` from the repository root; it rewrites the ingest section of
docs/benchmarks.md. Ratios matter more than seconds, since these machines are noisy.
"""
from __future__ import annotations

import argparse
import hashlib
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Iterable

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.pdf_engines import LAWS as PDF_LAWS  # noqa: E402
from bench.pdf_engines import measure  # noqa: E402
from tests.paths import LAWS  # noqa: E402

START_RE = re.compile(r"^第[零〇一二三四五六七八九十百千0-9]+条", re.M)


def baseline(files: list[Path]) -> float:
    """Reading every file and one regex pass: the floor any ingest has to pay."""
    return baseline_blobs(f.read_bytes() for f in files)


def baseline_blobs(blobs: Iterable[bytes], digest: bool = False) -> float:
    """Seconds to read every input (the iterable does the reading: files, archive members) and make one
    regex pass over it; with ``digest`` also the sha256 that ingest takes of every input before parsing."""
    t = time.perf_counter()
    n = 0
    for data in blobs:
        if digest:
            hashlib.sha256(data).digest()
        n += len(START_RE.findall(data.decode("utf-8", "replace")))
    assert n > 0
    return time.perf_counter() - t


def run_ingest(inputs: list[Path], workers: int) -> tuple[float, int, dict]:
    """Ingest ``inputs`` into a fresh database in a new process; wall time and peak RSS of the tree."""
    import json

    with tempfile.TemporaryDirectory() as tmp:
        listing = Path(tmp) / "in"
        listing.mkdir()
        for i, f in enumerate(inputs):
            (listing / f"{i:05d}_{f.name}").symlink_to(f)
        cmd = [sys.executable, "-m", "ui.cli", "ingest", str(listing), "--db", str(Path(tmp) / "b.db"),
               "--workers", str(workers), "--json"]
        t = time.perf_counter()
        proc = psutil.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        peak = 0
        while proc.poll() is None:
            try:
                tree = [proc, *proc.children(recursive=True)]
                peak = max(peak, sum(p.memory_info().rss for p in tree if p.is_running()))
            except psutil.Error:
                pass
            time.sleep(0.05)
        wall = time.perf_counter() - t
        out = json.loads(proc.stdout.read())
        assert proc.returncode == 0, out
    return wall, peak, out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    args = ap.parse_args()
    files = sorted(LAWS.rglob("*.md"))
    size = sum(f.stat().st_size for f in files)
    base = baseline(files)
    rows = []
    for frac in (0.25, 0.5, 1.0):
        subset = files[: int(len(files) * frac)]
        wall, peak, out = run_ingest(subset, args.workers)
        mb = sum(f.stat().st_size for f in subset) / 1e6
        rows.append((frac, len(subset), mb, wall, peak / 1e6, out["stats"]["articles"]))
        print(f"{frac:>4}: {len(subset)} files {mb:.1f} MB in {wall:.1f} s, peak {peak / 1e6:.0f} MB", file=sys.stderr)
    pages, rates = measure()
    ours_pps, plumber_pps = rates["ingest.pdf.read_pdf"], rates["pdfplumber extract_text"]
    full = rows[-1]
    lines = [
        "## Ingest (bench/ingest.py)",
        "",
        f"Machine: {os.cpu_count()} cores; workers {args.workers}; corpus ../shared/corpus/laws: "
        f"{len(files)} files, {size / 1e6:.1f} MB. Measured {time.strftime('%Y-%m-%d')}.",
        "",
        "| run | files | MB | seconds | files/s | MB/s | peak RSS (MB) | articles |",
        "|---|---|---|---|---|---|---|---|",
        f"| baseline: read + one regex pass | {len(files)} | {size / 1e6:.1f} | {base:.2f} | "
        f"{len(files) / base:.0f} | {size / 1e6 / base:.1f} | – | – |",
    ]
    for frac, n, mb, wall, peak, arts in rows:
        lines.append(f"| ingest {int(frac * 100)}% cold | {n} | {mb:.1f} | {wall:.1f} | {n / wall:.0f} | "
                     f"{mb / wall:.2f} | {peak:.0f} | {arts} |")
    lines += [
        "",
        f"Full ingest costs {full[3] / base:.0f}× the baseline. Peak memory at 25% / 50% / 100% of the "
        f"corpus: {rows[0][4]:.0f} / {rows[1][4]:.0f} / {rows[2][4]:.0f} MB.",
        "",
        f"PDF (bench/pdf_engines.py): {pages} pages of {len(PDF_LAWS)} rendered corpus laws; "
        f"our reader {ours_pps:.1f} pages/s, "
        f"plain pdfplumber extract_text {plumber_pps:.1f} pages/s (ratio {ours_pps / plumber_pps:.1f}×).",
        "",
    ]
    write_section(ROOT / "docs" / "benchmarks.md", "## Ingest", "\n".join(lines))
    print("\n".join(lines))


def write_section(path: Path, heading: str, body: str) -> None:
    """Replace one '## ' section of the benchmarks page, keeping the others."""
    text = path.read_text(encoding="utf-8") if path.exists() else "# Benchmarks\n\n"
    parts = re.split(r"(?m)^(?=## )", text)
    kept = [p for p in parts if not p.startswith(heading)]
    if not body.startswith(heading):  # the section is found by its heading next time
        body = f"{heading}\n\n{body}"
    path.write_text("".join(kept).rstrip() + "\n\n" + body.rstrip() + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
