"""Workspace pages with the whole shared corpus loaded: the time each page takes to render on the
server after warm-up (the first visit loads the law registry, runs the cleanup or builds a region's
index). Run `python bench/ui.py [STORE]` (default: the store bench/review.py builds); it rewrites the
workspace section of docs/benchmarks.md. Rendering is driven by streamlit.testing's AppTest, which
runs each page's script as the server does; the browser's own drawing is not included."""
from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from bench.ingest import write_section  # noqa: E402
from ingest.store import Store  # noqa: E402

PAGES = ROOT / "ui" / "pages"
RUNS = 5


def _stored(path: Path) -> tuple[int, int]:
    store = Store(path)
    counts = store.stats()
    review = store.db.execute(
        "select d.id from documents d join versions v on v.document_id = d.id where v.source like '%临江市扬尘和露天焚烧%'"
    ).fetchone()[0]
    store.close()
    return counts["articles"], review


def _page(script: str, setup=None) -> tuple[float, float]:
    """(first visit, median of later renders) in seconds for one page."""
    at = AppTest.from_file(str(PAGES / script), default_timeout=600)
    t = time.perf_counter()
    at.run()
    if setup:
        setup(at)
    first = time.perf_counter() - t
    assert not at.exception, at.exception
    times = []
    for _ in range(RUNS):
        t = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - t)
    return first, statistics.median(times)


def main() -> None:
    path = Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/tmp/normscope-bench/review.db")
    os.environ["NORMSCOPE_DB"] = str(path)
    articles, review_id = _stored(path)
    rows = [
        ("概览", _page("overview.py")),
        ("备案审查（扬尘办法）", _page("review.py", lambda at: at.selectbox(key="review_doc").set_value(review_id).run())),
        ("法规检索（扬尘）", _page("search.py", lambda at: at.text_input(key="search_query").input("扬尘").run())),
        ("文件", _page("document.py")),
        ("条文", _page("provision.py")),
        ("清理", _page("cleanup.py")),
        ("案卷评查（演示案卷）", _page("dossier.py")),
    ]
    lines = [f"Store with {articles:,} articles (the whole shared corpus and the demo set); each page is rendered "
             f"once (first visit) and then {RUNS} more times; the figure that matters is the later renders (goal "
             f"< 1 s).", "", "| page | first visit | later renders (median) |", "|---|---|---|"]
    lines += [f"| {name} | {first:.2f} s | **{later * 1000:.0f} ms** |" for name, (first, later) in rows]
    write_section(ROOT / "docs" / "benchmarks.md", "## Workspace pages (bench/ui.py)", "\n".join(lines))
    print("\n".join(lines))


if __name__ == "__main__":
    main()
