"""Readers under fuzzing: whatever the bytes, ``Extracted`` or ``Unreadable``, nothing else.

Formats that need LibreOffice (doc, wps, rtf, odt) are left out: each example would start a
converter process, which the CLI tests cover on their own.
"""
from __future__ import annotations

import io
import zipfile
from functools import lru_cache

from hypothesis import assume, example, given
from hypothesis import strategies as st

from ingest.detect import sniff
from ingest.extracted import Extracted, Unreadable
from ingest.reader import read_bytes
from ingest.text import decode_text
from tests.fuzz.strategies import domain_text, fuzz
from tests.fuzz.test_parsers import check_parsed

_CONVERTED = {"doc", "wps", "rtf", "odt"}
_NAMES = ["x.txt", "x.md", "x.html", "x.docx", "x.pdf", "x", "x.zip"]


def check_extracted(ex: Extracted) -> None:
    assert isinstance(ex, Extracted) and isinstance(ex.text, str)
    for span in [*ex.pages, *ex.blocks]:
        assert 0 <= span.start <= span.end <= len(ex.text), (span, len(ex.text))
    assert ex.title_hint is None or isinstance(ex.title_hint, str)
    assert all(isinstance(w, str) for w in ex.warnings)


def read_or_refuse(data: bytes, name: str) -> Extracted | None:
    assume(sniff(data, name) not in _CONVERTED)
    try:
        ex = read_bytes(data, name)
    except Unreadable as exc:
        assert str(exc) and "\n" not in str(exc)  # the one-line reason users see
        return None
    check_extracted(ex)
    check_parsed(ex)  # and whatever a reader extracts, the pipeline parses
    return ex


# --- decode_text -------------------------------------------------------------------------------


@fuzz(3)
@given(st.binary(max_size=300))
@example(b"\xff\xfe")
@example(b"\x00\x00\xfe\xff")
@example(b"\xef\xbb\xbf")
@example(b"\xff\xfe\x00\x00\x00")
def test_decode_text_of_any_bytes(data):
    try:
        text, encoding, warnings = decode_text(data)
    except Unreadable:
        return
    assert text.strip() and "\r" not in text and isinstance(encoding, str)


_ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16", "utf-16-le", "utf-32"]


@fuzz(2)
@given(domain_text(), st.sampled_from(_ENCODINGS), st.none() | st.sampled_from(["gb2312", "utf-8", "big5", "latin-1",
                                                                             "bogus", " GBK ", "x-gbk"]))
def test_decode_text_of_encoded_domain_text(text, encoding, declared):
    data = text.encode(encoding, errors="replace")
    try:
        decoded, used, _ = decode_text(data, declared)
    except Unreadable:
        return
    assert "\r" not in decoded
    if encoding == "utf-8" and "\x00" not in text and declared in (None, "utf-8"):
        assert decoded == text.replace("\r\n", "\n").replace("\r", "\n")


# --- read_bytes --------------------------------------------------------------------------------


@fuzz(3)
@given(st.binary(max_size=400), st.sampled_from(_NAMES))
@example(b"%PDF-1.7\n", "x.pdf")
@example(b"PK\x03\x04", "x.docx")
@example(b"PK\x05\x06" + bytes(18), "x.docx")
@example(b"<html><body></body></html>", "x.html")
def test_read_bytes_of_any_bytes(data, name):
    read_or_refuse(data, name)


_MAGICS = [b"%PDF-1.4\n", b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"<!DOCTYPE html>",
           b"<html>", b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff", b""]


@fuzz(3)
@given(st.sampled_from(_MAGICS), st.binary(max_size=300), st.sampled_from(_NAMES))
def test_read_bytes_of_magic_prefixed_bytes(magic, tail, name):
    read_or_refuse(magic + tail, name)


@st.composite
def html_page(draw) -> bytes:
    body = draw(domain_text())
    charset = draw(st.sampled_from(["utf-8", "gb2312", "gbk", "big5", "utf-16", "bogus"]))
    tags = draw(st.lists(st.sampled_from(["p", "div", "span", "td", "li", "h1", "br", "a", "table", "script",
                                          "style", "nav", "<!--", "![CDATA["]), max_size=6))
    parts = []
    for line, tag in zip(body.split("\n"), tags * 100 or ["p"] * 1000):
        parts.append(f"<{tag}>{line}</{tag}>" if tag[0].isalpha() else f"<{tag}{line}")
    head = f'<meta charset="{charset}"><title>{draw(domain_text())[:30]}</title>'
    page = f"<html><head>{head}</head><body>{''.join(parts)}</body></html>"
    if draw(st.booleans()):
        page = page[:draw(st.integers(0, len(page)))]  # a truncated download
    encoding = charset if charset not in ("bogus",) else "utf-8"
    return page.encode(encoding, errors="replace")


@fuzz(0.7)
@given(html_page(), st.sampled_from(["x.html", "x.txt", "x.htm"]))
def test_read_bytes_of_html(data, name):
    read_or_refuse(data, name)


@fuzz(2)
@given(domain_text(), st.sampled_from(["utf-8", "gb18030", "utf-16", "big5"]), st.sampled_from(["x.txt", "x.md", "x"]))
def test_read_bytes_of_text(text, encoding, name):
    ex = read_or_refuse(text.encode(encoding, errors="replace"), name)
    if ex is not None:
        assert "\r" not in ex.text


# --- docx and pdf: valid files with fuzzed content, and mutated ones ---------------------------------


def _xml_safe(text: str) -> str:
    return "".join(c for c in text if c in "\t\n" or (" " <= c and c not in "\ufffe\uffff"))


def docx_bytes(paragraphs: list[str]) -> bytes:
    from docx import Document

    document = Document()
    for p in paragraphs:
        document.add_paragraph(_xml_safe(p))
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@lru_cache(maxsize=1)
def seed_docx() -> bytes:
    return docx_bytes(["临江市城市绿化管理办法", "第一条　为了规范管理，根据《城市绿化条例》，制定本办法。",
                       "第二条　违反本办法的，处五千元以上五万元以下罚款。"])


@lru_cache(maxsize=1)
def seed_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=12)
    for line in ("Article 1. Rules for the city.", "Article 2. A fine of 5000 yuan.", "3/5"):
        pdf.cell(text=line, new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _mutate(data: bytes, edits: list[tuple[int, int, bytes]]) -> bytes:
    """Overwrite, cut or splice at relative positions: what a bad download or disk does to a file."""
    out = bytearray(data)
    for where, kind, chunk in edits:
        at = where % (len(out) + 1)
        if kind == 0:
            out[at:at + len(chunk)] = chunk
        elif kind == 1:
            del out[at:at + len(chunk) * 8 + 1]
        elif kind == 2:
            out[at:at] = chunk
        else:
            del out[at:]
    return bytes(out)


_EDITS = st.lists(st.tuples(st.integers(0, 2**20), st.integers(0, 3), st.binary(min_size=1, max_size=16)),
                  min_size=1, max_size=4)


@fuzz(0.5)
@given(st.lists(domain_text(), min_size=1, max_size=6))
def test_read_bytes_of_docx_with_fuzzed_text(paragraphs):
    ex = read_or_refuse(docx_bytes(paragraphs), "x.docx")
    assert ex is not None  # a well-formed Word file is read, whatever it says


@fuzz(2)
@given(_EDITS, st.sampled_from(["x.docx", "x.txt", "x.zip"]))
def test_read_bytes_of_mutated_docx(edits, name):
    read_or_refuse(_mutate(seed_docx(), edits), name)


@fuzz(1)
@given(st.binary(max_size=600), st.sampled_from(["word/document.xml", "word/styles.xml", "word/numbering.xml",
                                                 "[Content_Types].xml", "docProps/core.xml"]))
def test_read_bytes_of_docx_with_a_fuzzed_part(garbage, part):
    src = zipfile.ZipFile(io.BytesIO(seed_docx()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        for info in src.infolist():
            z.writestr(info.filename, garbage if info.filename == part else src.read(info.filename))
        if part not in src.namelist():
            z.writestr(part, garbage)
    read_or_refuse(out.getvalue(), "x.docx")


@fuzz(2)
@given(_EDITS, st.sampled_from(["x.pdf", "x.txt"]))
def test_read_bytes_of_mutated_pdf(edits, name):
    read_or_refuse(_mutate(seed_pdf(), edits), name)
