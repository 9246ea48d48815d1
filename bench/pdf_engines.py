"""Pages per second on CJK PDFs: plain pdfplumber extract_text (baseline) against ingest.pdf.read_pdf.

Run by hand from the repository root: ``python -m bench.pdf_engines [N_LAWS]``. It renders
corpus laws with tests.render (needs a CJK font, see CJK_FONT_DEBIAN_PACKAGE) and times both
engines on the same bytes in the same run. Our target is >= 20 pages/s on a 2-core machine.
"""
from __future__ import annotations

import io
import sys
import time

import pdfplumber

from ingest.pdf import read_pdf
from tests.render import CORPUS_LAWS, law_to_pdf

LAWS = [
    "行政法规/专利法实施细则(2023-12-11).md",
    "民法商法/证券法(2019-12-28).md",
    "行政法规/专利代理条例(2018-11-06).md",
    "行政法/海洋环境保护法(2023-10-24).md",
]


def _pdfplumber(method: str):
    """Pages read by pdfplumber with ``method`` (extract_text, or extract_text_lines for positions)."""
    def pages(data: bytes) -> int:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                getattr(page, method)()
                page.flush_cache()
            return len(pdf.pages)
    return pages


def _ours_pages(data: bytes) -> int:
    return len(read_pdf(data, "bench.pdf").pages)


def _rate(fn, pdfs: list[bytes]) -> tuple[int, float]:
    start = time.perf_counter()
    pages = sum(fn(data) for data in pdfs)
    return pages, pages / (time.perf_counter() - start)


def measure(count: int = len(LAWS)) -> tuple[int, dict[str, float]]:
    """Render ``count`` laws and return (pages, pages/s per engine), all timed in this run."""
    pdfs = [law_to_pdf((CORPUS_LAWS / name).read_text(encoding="utf-8")) for name in LAWS[:count]]
    pages, baseline = _rate(_pdfplumber("extract_text"), pdfs)
    _, with_lines = _rate(_pdfplumber("extract_text_lines"), pdfs)
    _, ours = _rate(_ours_pages, pdfs)
    return pages, {"pdfplumber extract_text": baseline, "pdfplumber extract_text_lines": with_lines,
                   "ingest.pdf.read_pdf": ours}


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else len(LAWS)
    pages, rates = measure(count)
    print(f"{count} CJK PDFs, {pages} pages")
    for engine, rate in rates.items():
        print(f"{engine:32} {rate:8.1f} pages/s")


if __name__ == "__main__":
    main()
