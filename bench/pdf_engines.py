"""Pages per second on CJK PDFs: plain pdfplumber extract_text (baseline) against ingest.pdf.read_pdf.

Run by hand from the repository root: ``python -m bench.pdf_engines [N_LAWS]``. It renders
corpus laws with tests.render (needs a CJK font, see CJK_FONT_DEBIAN_PACKAGE) and times both
engines on the same bytes in the same run. Our target is >= 20 pages/s on a 2-core machine.
"""
from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pdfplumber

from ingest.pdf import read_pdf
from tests.render import law_to_pdf

CORPUS = Path("/work/shared/corpus/laws")
LAWS = [
    "行政法规/专利法实施细则(2023-12-11).md",
    "民法商法/证券法(2019-12-28).md",
    "行政法规/专利代理条例(2018-11-06).md",
    "行政法/海洋环境保护法(2023-10-24).md",
]


def _pdfplumber_pages(data: bytes) -> int:
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text()
            page.flush_cache()
        return len(pdf.pages)


def _pdfplumber_lines_pages(data: bytes) -> int:
    """What a pdfplumber-based reader would need: lines with positions, not just text."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_text_lines()
            page.flush_cache()
        return len(pdf.pages)


def _ours_pages(data: bytes) -> int:
    return len(read_pdf(data, "bench.pdf").pages)


def _rate(fn, pdfs: list[bytes]) -> tuple[int, float]:
    start = time.perf_counter()
    pages = sum(fn(data) for data in pdfs)
    return pages, pages / (time.perf_counter() - start)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else len(LAWS)
    pdfs = [law_to_pdf((CORPUS / name).read_text(encoding="utf-8")) for name in LAWS[:count]]
    pages, baseline = _rate(_pdfplumber_pages, pdfs)
    _, with_lines = _rate(_pdfplumber_lines_pages, pdfs)
    _, ours = _rate(_ours_pages, pdfs)
    print(f"{len(pdfs)} CJK PDFs, {pages} pages")
    print(f"pdfplumber extract_text : {baseline:8.1f} pages/s")
    print(f"pdfplumber text_lines   : {with_lines:8.1f} pages/s  (positions, as a layout reader needs)")
    print(f"ingest.pdf.read_pdf     : {ours:8.1f} pages/s  (pypdfium2 text layer + layout)")


if __name__ == "__main__":
    main()
