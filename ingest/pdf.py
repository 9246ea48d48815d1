"""PDF text layer → paragraphs, one per line, with running headers and page numbers removed.

pypdfium2 gives characters with positions at hundreds of CJK pages/s, about ten times
pdfplumber's rate (bench/pdf_engines.py), leaving room for heavier real-world files.
Paragraphs are rebuilt from visual
lines: a line that reaches the right margin continues into a following unindented line
that does not start a new article, heading or item, also across a page break.
"""
from __future__ import annotations

import ctypes
import math
import re
import statistics
import threading
from collections import Counter
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from ingest.extracted import Block, Extracted, Page, Unreadable
from ingest.limits import DEFAULT_LIMITS, Limits

# Without first-line indents, a line starting like this opens a new unit even when the previous
# line runs to the margin; 第十条的规定 and the like are references that read on.
_UNIT_START = re.compile(
    r"^\s*(?:第\s*[零〇一二三四五六七八九十百千万两\d]+\s*[编章节条款](?![的、，,。；;：:至到和及或与中第规所之以条款项])"
    r"|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]"
    r"|[一二三四五六七八九十]+\s*、"
    r"|\d{1,2}\s*[.．、](?!\d)"
    r"|附\s*[件则录]"
    r"|[①-⑳])"
)
_DASHES = "-—–－‒―~～_"
_PAGE_NUMBER = re.compile(
    rf"^(?:[{_DASHES}]*[0-9]+[{_DASHES}]*"
    r"|第[0-9零〇一二三四五六七八九十百]+页(?:[,，]?共[0-9]+页)?"
    r"|共[0-9]+页[,，]?第[0-9]+页"
    r"|[0-9]+/[0-9]+"
    r"|(?:page)?[0-9]+(?:of[0-9]+)?)$",
    re.IGNORECASE,
)
_SKIP_CHARS = {0xFFFE, 0xFFFF, 0xAD, 0x02}
_EDGE_LINES = 2  # lines at the top and at the bottom of a page that may be header or footer
_PDFIUM = threading.Lock()  # pdfium is not thread-safe; readers in threads take turns


@dataclass
class _Line:
    """One visual line; coordinates in points from the page's top-left corner."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float


@dataclass
class _PageLines:
    lines: list[_Line] = field(default_factory=list)
    scanned: bool = False
    left: float = 0.0
    right: float = 0.0


def read_pdf(data: bytes, source: str, limits: Limits = DEFAULT_LIMITS) -> Extracted:
    """Read a PDF's text layer into paragraphs; Unreadable if encrypted, corrupt, scanned or too long."""
    warnings: list[str] = []
    truncated = b"%%EOF" not in data[-4096:]
    if truncated:
        warnings.append("PDF has no end-of-file marker; it may be truncated")
    with _PDFIUM:
        pages, meta_title = _read_pages(data, truncated, limits)
    try:
        _check_has_text(pages, warnings)
        em = _body_size(pages)
        _drop_running_lines(pages, em)
        text, page_spans, blocks, title = _assemble(pages, em, _line_pitch(pages, em))
    except Unreadable:
        raise
    except Exception as exc:  # a layout no rule foresaw must still give the user one line
        raise Unreadable(f"PDF layout could not be analysed: {_short(exc)}") from exc
    if title is None and re.search(r"[\u4e00-\u9fff]", meta_title):
        title = meta_title
    return Extracted(source=source, format="pdf", text=text, pages=page_spans, blocks=blocks,
                     title_hint=title, warnings=warnings)


def _read_pages(data: bytes, truncated: bool, limits: Limits) -> tuple[list[_PageLines], str]:
    """Lines of every page and the metadata title; pdfium errors become Unreadable."""
    doc = _open(data, truncated)
    try:
        count = len(doc)
        if count > limits.max_pdf_pages:
            raise Unreadable(f"PDF too long: {count} pages (limit {limits.max_pdf_pages})")
        pages = [_read_page(doc, i) for i in range(count)]
        return pages, (doc.get_metadata_value("Title") or "").strip()
    except Unreadable:
        raise
    except Exception as exc:  # pdfium raises many kinds; the user needs one line
        raise Unreadable(f"corrupt PDF: {_short(exc)}") from exc
    finally:
        doc.close()


def _short(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:200]


def _open(data: bytes, truncated: bool) -> pdfium.PdfDocument:
    """Open with pdfium, turning its error codes into reasons a user understands."""
    if b"%PDF" not in data[:1024]:
        raise Unreadable("not a PDF: no %PDF header")
    try:
        return pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        code = exc.err_code
        if code == pdfium_c.FPDF_ERR_PASSWORD:
            raise Unreadable("encrypted PDF (password required)") from exc
        if code == pdfium_c.FPDF_ERR_SECURITY:
            raise Unreadable("encrypted PDF (unsupported security handler)") from exc
        if code == pdfium_c.FPDF_ERR_SUCCESS:
            raise Unreadable("PDF has no pages") from exc
        if truncated and code == pdfium_c.FPDF_ERR_FORMAT:
            raise Unreadable("truncated PDF: end of file missing") from exc
        raise Unreadable(f"corrupt PDF: {_short(exc)}") from exc
    except Exception as exc:
        raise Unreadable(f"corrupt PDF: {_short(exc)}") from exc


def _read_page(doc: pdfium.PdfDocument, index: int) -> _PageLines:
    page = doc[index]
    try:
        _, height = page.get_size()
        textpage = page.get_textpage()
        try:
            lines = _lines(textpage.raw, height)
        finally:
            textpage.close()
        scanned = not lines and any(True for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=3))
        return _PageLines(lines=lines, scanned=scanned)
    finally:
        page.close()


def _lines(textpage, height: float) -> list[_Line]:
    """Visual lines of a page, top to bottom; pdfium marks line ends with generated CR/LF."""
    rect = pdfium_c.FS_RECTF()
    out: list[_Line] = []
    chars: list[str] = []
    first = last = -1

    def close() -> None:
        text = "".join(chars).strip()
        if text:
            out.append(_make_line(textpage, rect, text, first, last, height))

    for i in range(pdfium_c.FPDFText_CountChars(textpage)):
        code = pdfium_c.FPDFText_GetUnicode(textpage, i)
        if code in (10, 13):
            if chars:
                close()
            chars, first, last = [], -1, -1
            continue
        if code in _SKIP_CHARS or (code < 32 and code != 9):
            continue
        ch = " " if code == 9 else chr(code)
        chars.append(ch)
        if not ch.isspace():
            first = i if first < 0 else first
            last = i
    if chars:
        close()
    return _merge_same_baseline(sorted(out, key=lambda ln: (round(ln.top), ln.x0)))


def _make_line(textpage, rect, text: str, first: int, last: int, height: float) -> _Line:
    pdfium_c.FPDFText_GetLooseCharBox(textpage, first, ctypes.byref(rect))
    x0, top, bottom = rect.left, height - rect.top, height - rect.bottom
    pdfium_c.FPDFText_GetLooseCharBox(textpage, last, ctypes.byref(rect))
    size = pdfium_c.FPDFText_GetFontSize(textpage, first)
    return _Line(text, x0, rect.right, top, bottom, size)


def _merge_same_baseline(lines: list[_Line]) -> list[_Line]:
    """Join fragments that pdfium reported separately but that sit on one visual line."""
    merged: list[_Line] = []
    for line in lines:
        prev = merged[-1] if merged else None
        if prev and abs((prev.top + prev.bottom) - (line.top + line.bottom)) / 2 < 0.4 * min(prev.size, line.size):
            gap = " " if line.x0 - prev.x1 > 0.5 * line.size else ""
            left, right = (prev, line) if prev.x0 <= line.x0 else (line, prev)
            merged[-1] = _Line(left.text + gap + right.text, left.x0, max(prev.x1, line.x1),
                               min(prev.top, line.top), max(prev.bottom, line.bottom), max(prev.size, line.size))
        else:
            merged.append(line)
    return merged


def _check_has_text(pages: list[_PageLines], warnings: list[str]) -> None:
    scanned = [i + 1 for i, p in enumerate(pages) if p.scanned]
    if not any(p.lines for p in pages):
        if scanned:
            raise Unreadable(f"scanned PDF: no text layer on any of {len(pages)} pages")
        raise Unreadable(f"PDF has no text on any of {len(pages)} pages")
    if scanned:
        listed = ", ".join(map(str, scanned[:20])) + (" …" if len(scanned) > 20 else "")
        warnings.append(f"{len(scanned)} of {len(pages)} pages have no text layer (scanned?): {listed}")


def _edge_key(text: str) -> str:
    return re.sub(r"[0-9０-９]+", "#", re.sub(r"\s+", "", text))


def _drop_running_lines(pages: list[_PageLines], em: float) -> None:
    """Remove page numbers, lines repeated at the top or bottom of many pages (odd/even headers
    each cover about half), and small-type lines set apart at a page edge (a lone page's header)."""
    with_text = [p for p in pages if p.lines]
    seen: Counter[tuple[str, str]] = Counter()
    for p in with_text:
        seen.update({("top", _edge_key(ln.text)) for ln in p.lines[:_EDGE_LINES]})
        seen.update({("bottom", _edge_key(ln.text)) for ln in p.lines[-_EDGE_LINES:]})
    need = max(2, math.floor(0.4 * len(with_text)))
    repeated = {key for key, n in seen.items() if n >= need}
    for p in with_text:
        edges = [("top", i) for i in range(min(_EDGE_LINES, len(p.lines)))]
        edges += [("bottom", i) for i in range(max(0, len(p.lines) - _EDGE_LINES), len(p.lines))]
        drop: set[int] = set()
        for zone, i in edges:
            ln = p.lines[i]
            neighbour = p.lines[i + 1] if zone == "top" and i + 1 < len(p.lines) else (
                p.lines[i - 1] if zone == "bottom" and i > 0 else None)
            apart = neighbour is None or max(neighbour.top - ln.bottom, ln.top - neighbour.bottom) >= em
            if ((zone, _edge_key(ln.text)) in repeated
                    or _PAGE_NUMBER.match(re.sub(r"\s+", "", ln.text))
                    or (ln.size <= 0.8 * em and apart)):
                drop.add(i)
        p.lines = [ln for i, ln in enumerate(p.lines) if i not in drop]


def _body_size(pages: list[_PageLines]) -> float:
    sizes = [ln.size for p in pages for ln in p.lines if len(ln.text) >= 5]
    return statistics.median(sizes or [ln.size for p in pages for ln in p.lines] or [12.0])


def _set_margins(pages: list[_PageLines], em: float) -> None:
    """Left and right text edges per page; pages with few or only short lines borrow the document's."""
    body = {id(p): [ln for ln in p.lines if abs(ln.size - em) <= 0.15 * em] for p in pages}
    for p in pages:
        lines = body[id(p)]
        if lines:
            p.left = min(ln.x0 for ln in lines)
            ends = sorted(ln.x1 for ln in lines)
            p.right = ends[int(0.8 * (len(ends) - 1))]
    measured = [p for p in pages if len(body[id(p)]) >= 5] or [p for p in pages if body[id(p)]] or pages
    doc_left = statistics.median(p.left for p in measured)
    doc_right = statistics.median(p.right for p in measured)
    for p in pages:
        if len(body[id(p)]) < 5 or p.left > doc_left + 0.5 * em:
            p.left = doc_left
        if len(body[id(p)]) < 5 or p.right < doc_right - em:
            p.right = doc_right


def _line_pitch(pages: list[_PageLines], em: float) -> float:
    steps = [b.top - a.top for p in pages for a, b in zip(p.lines, p.lines[1:])
             if abs(a.size - em) <= 0.15 * em and abs(b.size - em) <= 0.15 * em and b.top > a.top]
    return statistics.median(steps) if steps else 1.5 * em


def _uses_indents(pages: list[_PageLines], em: float, pitch: float) -> bool:
    """Whether paragraphs here start with a first-line indent: look at lines after clear ends."""
    indented = flush = 0
    for p in pages:
        for a, b in zip(p.lines, p.lines[1:]):
            if abs(a.size - em) > 0.15 * em or abs(b.size - em) > 0.15 * em or b.top - a.top > 1.4 * pitch:
                continue
            if a.x1 < p.right - 3 * em and a.x0 <= p.left + 4 * em:
                indented += p.left + em <= b.x0 <= p.left + 4 * em
                flush += b.x0 <= p.left + 0.5 * em
    return indented > flush


def _continues(a: _Line, pa: _PageLines, b: _Line, pb: _PageLines, em: float, pitch: float | None,
               indents: bool) -> bool:
    """Whether line ``b`` goes on with ``a``'s paragraph (``pitch`` None across a page break).

    Where paragraphs are indented, a full line followed by a flush-left one always continues,
    even when that line starts with 第十条 (a reference wrapped to the line start).
    """
    big = 1.2 * em
    if a.size >= big and b.size >= big and abs(a.size - b.size) <= 0.1 * a.size:
        return pitch is not None and b.top - a.top <= 2.2 * a.size  # a wrapped title
    if abs(a.size - b.size) > 0.15 * max(a.size, b.size):
        return False
    if pitch is not None and b.top - a.top > 1.4 * pitch:
        return False
    if a.x1 < pa.right - 1.5 * em or b.x0 > pb.left + 0.5 * em:
        return False
    return indents or not _UNIT_START.match(b.text)


def _join(left: str, right: str) -> str:
    if left[-1:].isascii() and left[-1:].isalpha() and right[:1].isascii() and right[:1].isalpha():
        return left + " " + right
    return left + right


def _assemble(pages: list[_PageLines], em: float, pitch: float) -> tuple[str, list[Page], list[Block], str | None]:
    """Rebuild paragraphs from lines; returns text, page spans, blocks and a title hint."""
    _set_margins(pages, em)
    indents = _uses_indents(pages, em, pitch)
    paragraphs: list[list[tuple[int, _Line]]] = []
    prev: tuple[int, _Line] | None = None
    for number, page in enumerate(pages):
        for line in page.lines:
            if prev is not None:
                pa = pages[prev[0]]
                same_page = prev[0] == number
                if _continues(prev[1], pa, line, page, em, pitch if same_page else None, indents):
                    paragraphs[-1].append((number, line))
                    prev = (number, line)
                    continue
            paragraphs.append([(number, line)])
            prev = (number, line)

    text_parts: list[str] = []
    page_starts: dict[int, int] = {}
    blocks: list[Block] = []
    pos = 0
    for para in paragraphs:
        start = pos
        joined = ""
        for number, line in para:
            page_starts.setdefault(number, start + len(joined))
            joined = _join(joined, line.text) if joined else line.text
        text_parts.append(joined)
        pos = start + len(joined) + 1
        blocks.append(Block(_block_kind(para, pages, em), start, start + len(joined)))
    text = "\n".join(text_parts)

    spans: list[Page] = []
    for number, page in enumerate(pages):
        start = page_starts.get(number, spans[-1].end if spans else 0)
        later = [page_starts[n] for n in range(number + 1, len(pages)) if n in page_starts]
        spans.append(Page(number + 1, start, later[0] if later else len(text), page.scanned))
    return text, spans, blocks, _title(paragraphs, text_parts, em)


def _block_kind(para: list[tuple[int, _Line]], pages: list[_PageLines], em: float) -> str:
    number, line = para[0]
    page = pages[number]
    left_gap, right_gap = line.x0 - page.left, page.right - line.x1
    centred = left_gap > em and abs(left_gap - right_gap) < 2 * em
    return "heading" if line.size >= 1.2 * em or (len(para) == 1 and centred) else "paragraph"


def _title(paragraphs: list[list[tuple[int, _Line]]], texts: list[str], em: float) -> str | None:
    """The first large-type paragraph on the first page with text, as title hint."""
    if not paragraphs:
        return None
    first_page = paragraphs[0][0][0]
    for para, text in zip(paragraphs, texts):
        if para[0][0] != first_page:
            break
        if para[0][1].size >= 1.2 * em and len(text) <= 100:
            return text
    return None
