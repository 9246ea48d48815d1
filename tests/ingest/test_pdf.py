"""read_pdf on PDFs rendered from real corpus laws, checked against the markdown and the raw
text layer (pypdfium2 page by page), plus encrypted, scanned, truncated and oversize files."""
from __future__ import annotations

import io
import re
from functools import lru_cache

import pypdfium2 as pdfium
import pytest

from ingest.extracted import Unreadable
from ingest.limits import Limits
from ingest.pdf import read_pdf
from tests.badfiles import image_pdf, text_pdf
from tests.render import CJK_FONT_DEBIAN_PACKAGE, CORPUS_LAWS, RUNNING_HEADER, cjk_font_path, law_to_pdf, parse_law

LONG = "行政法规/专利法实施细则(2023-12-11).md"  # chapters, items, 50+ pages
WRAPPED_REFS = "行政法规/商业特许经营管理条例(2007-02-06).md"  # "第八条规定的…" wraps to a line start
MIXED_PARENS = "地方性法规/河南/许昌市城市市容和环境卫生管理条例(2019-01-12).md"
ONE_PAGE = "司法解释/最高人民法院关于人民法院对注册商标权进行财产保全的解释(2020-12-29).md"
LAWS = [LONG, WRAPPED_REFS, MIXED_PARENS, ONE_PAGE]
LABEL = re.compile(r"(?m)^第[零〇一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?(?=[ \u3000])")
# whitespace, zero-width characters, and private-use characters the test font cannot draw
INVISIBLE = re.compile(r"[\s\u200b-\u200d\ufeff\ue000-\uf8ff]+")
PAGE_NUMBER = re.compile(r"^-\s*\d+\s*-$")

pytestmark = [
    pytest.mark.skipif(not CORPUS_LAWS.is_dir(), reason=f"corpus not found at {CORPUS_LAWS}"),
    pytest.mark.skipif(cjk_font_path() is None, reason=f"no CJK font: apt-get install {CJK_FONT_DEBIAN_PACKAGE}"),
]


def md(name: str) -> str:
    return (CORPUS_LAWS / name).read_text(encoding="utf-8")


def flat(s: str) -> str:
    return INVISIBLE.sub("", s)


@lru_cache(maxsize=None)
def pdf_of(name: str, indent: bool = True) -> bytes:
    return law_to_pdf(md(name), first_line_indent=indent)


def source_paragraphs(md_text: str) -> list[str]:
    return [b.text for b in parse_law(md_text).blocks if b.kind in ("info", "para", "heading")]


def source_labels(md_text: str) -> list[str]:
    return LABEL.findall("\n".join(source_paragraphs(md_text)))


def raw_body_lines(data: bytes) -> list[list[str]]:
    """Each page's text lines straight from pdfium, without our header and footer."""
    doc = pdfium.PdfDocument(data)
    try:
        pages = []
        for page in doc:
            text = page.get_textpage().get_text_range()
            lines = [ln.strip() for ln in re.split(r"\r\n|\r|\n", text) if ln.strip()]
            pages.append([ln for ln in lines if ln != RUNNING_HEADER and not PAGE_NUMBER.match(ln)])
        return pages
    finally:
        doc.close()


@pytest.mark.parametrize("name", LAWS)
def test_every_paragraph_in_order_and_each_article_starts_a_line_once(name: str) -> None:
    source = md(name)
    extracted = read_pdf(pdf_of(name), name)
    body, pos = flat(extracted.text), 0
    for p in source_paragraphs(source):
        found = body.find(flat(p), pos)
        assert found >= 0, f"missing or out of order: {p[:60]}"
        pos = found + len(flat(p))
    assert LABEL.findall(extracted.text) == source_labels(source)


@pytest.mark.parametrize("name", LAWS)
def test_paragraphs_are_rebuilt_one_per_line(name: str) -> None:
    lines = {flat(ln) for ln in read_pdf(pdf_of(name), name).text.split("\n")}
    paragraphs = [flat(p) for b in parse_law(md(name)).blocks if b.kind == "para" for p in [b.text]]
    assert sum(p in lines for p in paragraphs) == len(paragraphs)


@pytest.mark.parametrize("name", LAWS)
def test_no_running_header_or_page_number_in_text(name: str) -> None:
    data = pdf_of(name)
    assert RUNNING_HEADER in pdfium.PdfDocument(data)[0].get_textpage().get_text_range()
    extracted = read_pdf(data, name)
    assert RUNNING_HEADER not in extracted.text
    assert not any(PAGE_NUMBER.match(ln.strip()) for ln in extracted.text.split("\n"))
    assert not re.search(r"-\s*\d+\s*-", flat(extracted.text).replace("－", "-"))


def test_body_size_header_with_page_digits_is_found_by_repetition() -> None:
    header = "临江市人民政府公报　2024年第{page}期"
    data = law_to_pdf(md(WRAPPED_REFS), header=header, header_pt=16)
    extracted = read_pdf(data, WRAPPED_REFS)
    assert len(extracted.pages) >= 4
    assert "临江市人民政府公报" not in extracted.text
    assert LABEL.findall(extracted.text) == source_labels(md(WRAPPED_REFS))


def test_wrapped_title_is_one_line_and_the_title_hint() -> None:
    title = parse_law(md(ONE_PAGE)).title
    assert len(title) > 22, "pick a title that wraps at 22 pt"
    extracted = read_pdf(pdf_of(ONE_PAGE), ONE_PAGE)
    assert extracted.title_hint == title
    assert extracted.text.split("\n")[0] == title


def test_paragraphs_split_by_page_breaks_come_out_whole() -> None:
    data = pdf_of(LONG)
    source = [flat(p) for p in source_paragraphs(md(LONG))]
    lines = {flat(ln) for ln in read_pdf(data, LONG).text.split("\n")}
    pages = raw_body_lines(data)
    split = []
    for before, after in zip(pages, pages[1:]):
        bridge = flat(before[-1] + after[0])
        holders = [p for p in source if bridge in p]
        if holders and not holders[0].startswith(flat(after[0])):
            split.append(holders[0])
    assert len(split) >= 10, "the long law should break pages inside paragraphs"
    assert any(re.match("第[零一二三四五六七八九十百千]+条", p) for p in split), "no article crosses a page"
    assert [p for p in split if p not in lines] == []


def test_page_offsets_cover_each_pages_lines() -> None:
    data = pdf_of(LONG)
    extracted = read_pdf(data, LONG)
    pages = raw_body_lines(data)
    assert [p.number for p in extracted.pages] == list(range(1, len(pages) + 1))
    assert extracted.pages[0].start == 0 and extracted.pages[-1].end == len(extracted.text)
    for page, lines in zip(extracted.pages, pages):
        span = flat(extracted.text[page.start:page.end])
        assert all(flat(ln) in span for ln in lines), page.number
        assert not page.scanned


def test_blocks_and_title_hint() -> None:
    extracted = read_pdf(pdf_of(LONG), LONG)
    assert extracted.title_hint == parse_law(md(LONG)).title
    assert [extracted.text[b.start:b.end] for b in extracted.blocks] == extracted.text.split("\n")
    headings = [extracted.text[b.start:b.end] for b in extracted.blocks if b.kind == "heading"]
    assert any(h.startswith("第一章") for h in headings)


@pytest.mark.parametrize("name", [WRAPPED_REFS, LONG])
def test_flush_left_paragraphs_still_start_articles_on_their_own_line(name: str) -> None:
    source = md(name)
    extracted = read_pdf(pdf_of(name, indent=False), name)
    assert LABEL.findall(extracted.text) == source_labels(source)
    assert flat(extracted.text).find(flat(source_paragraphs(source)[-1])) >= 0


# ---------------------------------------------------------------- bad and odd files

def test_encrypted_pdf_needs_password() -> None:
    with pytest.raises(Unreadable, match="encrypted PDF.*password"):
        read_pdf(text_pdf(password="secret"), "secret.pdf")


def test_scanned_pdf_without_text_layer() -> None:
    with pytest.raises(Unreadable, match=r"scanned PDF: no text layer .* 3 pages"):
        read_pdf(image_pdf(3), "scan.pdf")


def test_some_scanned_pages_are_flagged_and_warned() -> None:
    merged = pdfium.PdfDocument.new()
    merged.import_pages(pdfium.PdfDocument(pdf_of(WRAPPED_REFS)))
    text_pages = len(merged)
    merged.import_pages(pdfium.PdfDocument(image_pdf(1)))
    buffer = io.BytesIO()
    merged.save(buffer)
    extracted = read_pdf(buffer.getvalue(), "mixed.pdf")
    assert [p.scanned for p in extracted.pages] == [False] * text_pages + [True]
    assert any("scanned" in w and str(text_pages + 1) in w for w in extracted.warnings)
    assert LABEL.findall(extracted.text) == source_labels(md(WRAPPED_REFS))


def test_truncated_pdf() -> None:
    data = pdf_of(WRAPPED_REFS)
    with pytest.raises(Unreadable, match="truncated|corrupt"):
        read_pdf(data[: len(data) * 2 // 3], "cut.pdf")


def test_not_a_pdf() -> None:
    with pytest.raises(Unreadable, match="not a PDF"):
        read_pdf("第一条 纯文本".encode(), "x.pdf")


def test_too_many_pages() -> None:
    with pytest.raises(Unreadable, match="too long"):
        read_pdf(pdf_of(LONG), LONG, Limits(max_pdf_pages=10))


def test_pdf_without_any_text_or_image() -> None:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.line(10, 10, 100, 100)
    with pytest.raises(Unreadable, match="no text"):
        read_pdf(bytes(pdf.output()), "blank.pdf")
