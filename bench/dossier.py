"""Case-file review speed: generated case files (tests/dossiers/generator.py) in every layout,
reviewed against a store with the laws they cite. Run `python bench/dossier.py [STORE]`; it rewrites
the dossier section of docs/benchmarks.md. The baseline, measured in the same run, is reading and
splitting the files only (what any review must do first)."""
from __future__ import annotations

import sys
import tempfile
import time
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.ingest import write_section  # noqa: E402
from ingest.checking import make_context  # noqa: E402
from ingest.dossier import read_dossier  # noqa: E402
from ingest.dossier_review import review_dossier  # noqa: E402
from ingest.store import Store  # noqa: E402
from tests.dossiers.generator import generate  # noqa: E402

N = 200


def main() -> None:
    store = Store(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/normscope-bench/review.db"))
    ctx = make_context(store, date(2026, 11, 23))
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        dossiers = generate(Path(tmp), n=N, seed=101)
        generate_s = time.perf_counter() - t
        layouts = Counter(d.layout for d in dossiers)
        documents = 0
        t = time.perf_counter()
        for d in dossiers:
            documents += len(read_dossier(d.path).documents)
        read_s = time.perf_counter() - t
        t = time.perf_counter()
        for d in dossiers:
            review_dossier(d.path, ctx)
        review_s = time.perf_counter() - t
    store.close()
    lines = [
        f"{N} generated case files ({', '.join(f'{v} {k}' for k, v in layouts.most_common())}; {documents} documents, "
        f"generated in {generate_s:.1f} s), reviewed with the whole law corpus loaded (D503 reads the cited provision).",
        "",
        "| measure | total | per case file | case files/s |",
        "|---|---|---|---|",
        f"| baseline: read and split the files | {read_s:.1f} s | {read_s / N * 1000:.0f} ms | {N / read_s:.0f} |",
        f"| **review: type, extract, D rules, score** | {review_s:.1f} s | {review_s / N * 1000:.0f} ms | "
        f"**{N / review_s:.0f}** |",
        "",
        f"The review includes the reading; at {review_s / read_s:.2f}× the reading alone, typing, extraction, the "
        f"D rules and the score sheet add little on top of PDF and Word extraction.",
    ]
    write_section(ROOT / "docs" / "benchmarks.md", "## Dossier review (bench/dossier.py)", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
