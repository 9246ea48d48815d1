"""Filing review and cleanup with the whole shared corpus loaded. Run `python bench/review.py
[STORE]`; it ingests ../shared/corpus/laws and the demo documents into STORE when it is new, and
rewrites the review section of docs/benchmarks.md.

The baseline, measured in the same run, is reading each document back from the store (what any
check must do first); review time is also given against a fresh parse of the same text.
"""
from __future__ import annotations

import statistics
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ingest import write_section  # noqa: E402
from ingest.checking import cleanup_store, make_context, review_stored  # noqa: E402
from ingest.demo import DEMO_CORPUS  # noqa: E402
from ingest.extracted import Extracted  # noqa: E402
from ingest.load import current_versions, load  # noqa: E402
from ingest.manifest import Manifest  # noqa: E402
from ingest.run import default_workers, ingest  # noqa: E402
from ingest.store import Store  # noqa: E402
from nlp.checks.cleanup import CLEANUP_LEVELS  # noqa: E402
from nlp.pipeline import parse_extracted  # noqa: E402
from tests.paths import LAWS  # noqa: E402

AS_OF = date(2026, 11, 23)
SAMPLE = 300  # documents reviewed for the latency figures


def pct(xs: list[float], q: float) -> float:
    xs = sorted(xs)
    return xs[min(len(xs) - 1, int(q * len(xs)))]


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/normscope-bench/review.db")
    path.parent.mkdir(parents=True, exist_ok=True)
    fresh = not path.exists()
    store = Store(path)
    if fresh:
        ingest([LAWS], store, Manifest.load(LAWS / "manifest.csv"), workers=default_workers())
        ingest([DEMO_CORPUS], store, workers=1)
    counts = store.stats()
    t = time.perf_counter()
    ctx = make_context(store, AS_OF)
    context_s = time.perf_counter() - t
    docs = current_versions(store, CLEANUP_LEVELS)
    sample = docs[::max(1, len(docs) // SAMPLE)][:SAMPLE]

    load_s, parse_s, review_s = [], [], []
    for doc_id, version_id in sample:
        t = time.perf_counter()
        stored = load(store, version_id)
        load_s.append(time.perf_counter() - t)
        t = time.perf_counter()
        parse_extracted(Extracted(stored.doc.source, stored.doc.format, stored.doc.text))
        parse_s.append(time.perf_counter() - t)
    # first pass warms the per-region indexes and the registry caches, as a running UI or CLI batch has them
    for doc_id, _ in sample:
        review_stored(store, doc_id, ctx, save=False)
    for doc_id, _ in sample:
        t = time.perf_counter()
        review_stored(store, doc_id, ctx, save=False)
        review_s.append(time.perf_counter() - t)
    cold_ctx = make_context(store, AS_OF)
    t = time.perf_counter()
    for doc_id, _ in sample[:30]:
        review_stored(store, doc_id, cold_ctx, save=False)
    cold_s = (time.perf_counter() - t) / 30

    t = time.perf_counter()
    for _, version_id in docs:
        load(store, version_id)
    load_all_s = time.perf_counter() - t
    t = time.perf_counter()
    result = cleanup_store(store, make_context(store, AS_OF))
    cleanup_s = time.perf_counter() - t
    demo_id = store.db.execute("select document_id from versions where source like ? limit 1",
                               [f"{DEMO_CORPUS}%"]).fetchone()[0]
    t = time.perf_counter()
    subprocess.run([sys.executable, "-m", "ui.cli", "review", str(demo_id), "--db", str(path), "--json"],
                   cwd=ROOT, capture_output=True, check=True)
    cli_s = time.perf_counter() - t
    store.close()

    ms = lambda x: f"{x * 1000:.0f} ms"  # noqa: E731
    lines = [
        f"Store: {counts['documents']} documents, {counts['articles']:,} articles, {counts['citations']:,} citations "
        f"(the whole shared law corpus and the demo set); {len(docs)} local documents are cleaned up. "
        f"Review as of {AS_OF}, {len(sample)} local documents sampled evenly.",
        "",
        "| measure | p50 | p95 | mean |",
        "|---|---|---|---|",
        f"| baseline: read a document back from the store | {ms(pct(load_s, .5))} | {ms(pct(load_s, .95))} | "
        f"{ms(statistics.mean(load_s))} |",
        f"| parse the same text again (pipeline) | {ms(pct(parse_s, .5))} | {ms(pct(parse_s, .95))} | "
        f"{ms(statistics.mean(parse_s))} |",
        f"| **filing review of one document** (warm: registry loaded, region indexes built) | "
        f"**{ms(pct(review_s, .5))}** | **{ms(pct(review_s, .95))}** | {ms(statistics.mean(review_s))} |",
        "",
        f"- Review p50 is {pct(review_s, .5) / pct(load_s, .5):.1f}× reading the document back and "
        f"{pct(review_s, .5) / pct(parse_s, .5):.2f}× parsing it again; goal p95 < 300 ms.",
        f"- Cold start: building the registry takes {ms(context_s)}; the first reviews, which also build "
        f"each region's conflict index, average {ms(cold_s)}; `normscope review ID --json` as a fresh "
        f"process takes {cli_s:.1f} s end to end.",
        f"- **Cleanup of the whole store**: {cleanup_s:.1f} s for {len(result['documents'])} verdicts "
        f"({len(result['not_normative'])} papers set aside as not normative), findings and verdicts "
        f"stored; reading every document back alone takes {load_all_s:.1f} s "
        f"({cleanup_s / load_all_s:.1f}×). Goal < 60 s. Verdicts: "
        + ", ".join(f"{k} {v}" for k, v in result["summary"].items()) + ".",
    ]
    write_section(ROOT / "docs" / "benchmarks.md", "## Review and cleanup (bench/review.py)", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
