"""Citation benchmark: extraction speed over the shared corpus and resolution latency with the
whole registry loaded. Run `python bench/citations.py`; it rewrites the citations section of
docs/benchmarks.md. The baseline is one regex pass counting 《 and 第…条 in the same run.
"""
from __future__ import annotations

import re
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ingest import write_section  # noqa: E402
from ingest.reader import read_path  # noqa: E402
from nlp.citations import extract_citations  # noqa: E402
from nlp.normalize import normalize  # noqa: E402
from nlp.registry import Registry  # noqa: E402
from nlp.structure import parse_structure  # noqa: E402
from tests.paths import LAWS  # noqa: E402

BASELINE_RE = re.compile(r"《[^》]{1,60}》|第[零〇一二三四五六七八九十百千0-9]+条")


def main() -> None:
    files = sorted(LAWS.rglob("*.md"))
    texts = [read_path(f).text for f in files]
    chars = sum(map(len, texts))
    registry = Registry.from_manifest(LAWS / "manifest.csv")

    t = time.perf_counter()
    base = sum(len(BASELINE_RE.findall(x)) for x in texts)
    baseline_s = time.perf_counter() - t

    parsed = [(normalize(x),) for x in texts]
    parsed = [(n, parse_structure(n)) for (n,) in parsed]
    t = time.perf_counter()
    found = [extract_citations(n, s, registry.known) for n, s in parsed]
    extract_s = time.perf_counter() - t
    count = sum(map(len, found))

    titles = sorted({c.means or c.title for cs in found for c in cs if c.title and not c.form})
    timings: dict[str, list[float]] = {}
    for title in titles:
        t = time.perf_counter()
        method = registry.resolve(title).method
        timings.setdefault(method, []).append((time.perf_counter() - t) * 1e6)
    every = [x for xs in timings.values() for x in xs]

    def pct(xs: list[float], q: float) -> float:
        return statistics.quantiles(xs, n=100)[q - 1] if len(xs) > 1 else xs[0]

    lines = [
        "## Citations (bench/citations.py)",
        "",
        f"{len(files)} corpus files, {chars / 1e6:.1f} M characters; registry of {len(registry.entries)} entries "
        f"(manifest + facts table), {len(registry.aliases)} aliases. Measured {time.strftime('%Y-%m-%d')}.",
        "",
        "| step | seconds | rate |",
        "|---|---|---|",
        f"| baseline: one regex pass for 《…》 and 第…条 ({base} hits) | {baseline_s:.2f} | {chars / baseline_s / 1e6:.1f} M chars/s |",
        f"| extract_citations ({count} citations) | {extract_s:.2f} | {count / extract_s:,.0f} citations/s, "
        f"{chars / extract_s / 1e6:.2f} M chars/s |",
        "",
        f"Extraction costs {extract_s / baseline_s:.0f}× the baseline pass.",
        "",
        f"Resolution of the {len(titles)} distinct cited titles, one at a time, whole registry loaded: "
        f"p50 {pct(every, 50):.0f} µs, p95 {pct(every, 95):.0f} µs.",
        "",
        "| outcome | titles | p50 µs | p95 µs |",
        "|---|---|---|---|",
    ]
    for method, xs in sorted(timings.items()):
        lines.append(f"| {method} | {len(xs)} | {pct(xs, 50):.0f} | {pct(xs, 95):.0f} |")
    lines.append("")
    write_section(ROOT / "docs" / "benchmarks.md", "## Citations", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
