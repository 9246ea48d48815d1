"""XML bombs and external entities in .docx and .html: refused with a one-line reason or read without
expansion, never a local file in the text, never a hang.

Already covered (not repeated): tests/ingest/test_docx.py — a UTF-8 billion-laughs document.xml refused for
its DTD, a part claiming 4 GB, a highly compressed part; tests/ingest/test_reader.py — a parser error deep in
lxml comes out as one line. PDFs are read by pdfium (text layer and title only): no XML parser is involved.
"""
from __future__ import annotations

import io
import time
import tracemalloc
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager

import pytest

import ingest.docx
from ingest.docx import read_docx
from ingest.extracted import Unreadable
from ingest.limits import Limits
from ingest.reader import read_bytes
from tests.security.hostile import (
    BILLION_LAUGHS,
    MB,
    NOTICE,
    W,
    base_docx,
    document_xml,
    main_part_renamed,
    patch_sizes,
    with_parts,
    xxe,
)


@pytest.fixture(scope="module")
def docx() -> bytes:
    return base_docx()


@pytest.fixture
def secret(tmp_path) -> tuple[str, str]:
    """A local file an external entity could point at, and the text it holds."""
    path = tmp_path / "secret.txt"
    path.write_text("normscope-secret-7f3a", encoding="utf-8")
    return str(path), "normscope-secret-7f3a"


def variants(docx: bytes, body: str, dtd: str) -> dict[str, bytes]:
    """The same hostile document.xml in the shapes the old DTD check (a text scan of parts named .xml) missed."""
    return {
        "utf-8": with_parts(docx, {"word/document.xml": document_xml(body, dtd)}),
        "utf-16, no BOM": with_parts(docx, {"word/document.xml": document_xml(body, dtd, "UTF-16").encode("utf-16-le")}),
        "utf-16-be, no BOM": with_parts(docx, {"word/document.xml":
                                               document_xml(body, dtd, "UTF-16").encode("utf-16-be")}),
        "main part not named .xml": main_part_renamed(docx, "word/main.bin", document_xml(body, dtd)),
        "DTD in styles.xml": with_parts(docx, {"word/styles.xml": f'<?xml version="1.0"?><!DOCTYPE w:styles [{dtd}]>'
                                                                  f'<w:styles xmlns:w="{W}"/>'}),
    }


@pytest.mark.parametrize("shape", ["utf-8", "utf-16, no BOM", "utf-16-be, no BOM", "main part not named .xml",
                                   "DTD in styles.xml"])
def test_billion_laughs_is_refused_in_every_shape(docx, shape):
    data = variants(docx, "&j;", BILLION_LAUGHS)[shape]  # &j; is 10⁹ × "lol", 3 GB
    started = time.perf_counter()
    with pytest.raises(Unreadable, match=r"^docx part \S+ declares a DTD \(refused: entity expansion risk\)$"):
        read_docx(data, "lol.docx")
    assert time.perf_counter() - started < 2


@pytest.mark.parametrize("shape", ["utf-8", "utf-16, no BOM", "utf-16-be, no BOM", "main part not named .xml"])
def test_external_entity_is_refused_in_every_shape(docx, secret, shape):
    path, text = secret
    data = variants(docx, "第二条 &x;", xxe(path))[shape]
    with pytest.raises(Unreadable, match="declares a DTD") as caught:
        read_docx(data, "xxe.docx")
    assert text not in str(caught.value)


@pytest.mark.parametrize("dtd", ["xxe", "lol"])
def test_the_parser_behind_the_check_expands_nothing(docx, secret, monkeypatch, dtd):
    """Defence in depth: with the DTD check switched off, python-docx's parser (resolve_entities=False, no DTD
    loading, no network, libxml2's amplification limit) neither reads the file nor expands the entities."""
    path, text = secret
    monkeypatch.setattr(ingest.docx, "_has_dtd", lambda archive, member: False)
    body, declarations = ("第二条 &x;", xxe(path)) if dtd == "xxe" else ("&j;", BILLION_LAUGHS)
    try:
        extracted = read_docx(with_parts(docx, {"word/document.xml": document_xml(body, declarations)}), "x.docx")
    except Unreadable as exc:  # libxml2 stops the billion laughs itself
        assert "\n" not in str(exc) and text not in str(exc)
    else:
        assert text not in extracted.text and "lol" not in extracted.text
        assert len(extracted.text) < 100


def test_deep_nesting_is_refused_not_recursed(docx):
    """20 000 nested content controls, under a megabyte (below the compression-ratio floor): libxml2's depth
    limit (python-docx does not ask for huge_tree) refuses it at once; no RecursionError, no hang."""
    depth = 20_000
    xml = (f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>' + "<w:sdt><w:sdtContent>" * depth
           + "<w:p><w:r><w:t>第一条 深</w:t></w:r></w:p>" + "</w:sdtContent></w:sdt>" * depth + "</w:body></w:document>")
    assert len(xml) < MB
    started = time.perf_counter()
    with pytest.raises(Unreadable, match=r"^corrupt docx: Excessive depth in document"):
        read_docx(with_parts(docx, {"word/document.xml": xml}), "deep.docx")
    assert time.perf_counter() - started < 2


@contextmanager
def _streamed_document_xml(docx: bytes, buffer: io.BytesIO, force_zip64: bool) -> Iterator:
    """Writes into ``buffer`` a copy of ``docx`` whose word/document.xml is whatever the caller streams to
    the part yielded (so a large part is never held whole)."""
    with zipfile.ZipFile(io.BytesIO(docx)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            if info.filename != "word/document.xml":
                out.writestr(info, source.read(info))
        with out.open("word/document.xml", "w", force_zip64=force_zip64) as part:
            yield part


def _large_document_xml(docx: bytes, megabytes: int) -> bytes:
    """A docx whose document.xml really is ``megabytes`` of varied paragraphs: about 12:1, well under the
    200:1 ratio limit, so only its size gives it away (streamed, never held whole)."""
    buffer = io.BytesIO()
    with _streamed_document_xml(docx, buffer, force_zip64=True) as part:
        part.write(f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body>'.encode())
        written, n = 0, 0
        while written < megabytes * MB:
            block = "".join(f"<w:p><w:r><w:t>第{k}条 违反规定的处{k * 7919 % 100000}元罚款</w:t></w:r></w:p>"
                            for k in range(n, n + 1000)).encode()
            part.write(block)
            written, n = written + len(block), n + 1000
        part.write(b"</w:body></w:document>")
    return buffer.getvalue()


def test_a_huge_document_xml_declared_large_is_refused_from_its_header(docx):
    """70 MB of document.xml in a 6 MB .docx (under the upload limit, ratio 12:1). It used to be parsed: a
    100 MB one took 40 s and 1.3 GB before the text even reached the parser. Now a part may not be larger
    than a file (Limits.max_file_bytes)."""
    data = _large_document_xml(docx, 70)
    assert len(data) < 8 * MB
    started = time.perf_counter()
    with pytest.raises(Unreadable, match=r"^docx part word/document.xml too large: 70\.\d MB > 64 MB limit$"):
        read_docx(data, "huge.docx")
    assert time.perf_counter() - started < 1
    small = _large_document_xml(docx, 3)  # the same point with a small limit, through the reader's front door
    with pytest.raises(Unreadable, match=r"too large: 3\.\d MB > 2 MB limit"):
        read_bytes(small, "huge.docx", Limits(max_file_bytes=2 * MB))


def test_a_huge_document_xml_declared_small_stops_at_its_declared_size(docx):
    """A header claiming 2 KB for 100 MB of document.xml: the size and ratio checks pass, and reading stops
    once the part outgrows its claim (zipfile then fails the CRC) — it is never inflated."""
    xml = f'<?xml version="1.0"?><w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>'.encode()
    buffer = io.BytesIO()
    with _streamed_document_xml(docx, buffer, force_zip64=False) as part:
        part.write(xml)
        for _ in range(100):
            part.write(b"a" * MB)
        part.write(b"</w:t></w:r></w:p></w:body></w:document>")
    lying = patch_sizes(buffer.getvalue(), b"word/document.xml", 2048)
    tracemalloc.start()
    try:
        with pytest.raises(Unreadable, match=r"^corrupt docx: .*(CRC|cannot be read)"):
            read_docx(lying, "lying.docx")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 8 * MB


# ---------------------------------------------------------------- html


@pytest.mark.filterwarnings("ignore::bs4.XMLParsedAsHTMLWarning")
@pytest.mark.parametrize("prolog", ['<?xml version="1.0"?>', ""])
def test_html_entities_are_never_expanded_nor_loaded(secret, prolog):
    """Saved web pages go to BeautifulSoup's lxml HTML parser, which ignores a DTD's entity declarations."""
    path, text = secret
    page = (f'{prolog}<!DOCTYPE html [{xxe(path)}{BILLION_LAUGHS}]><html><head><title>临江市测试办法</title></head>'
            f'<body><h1>临江市测试办法</h1><p>第一条 为了规范管理，制定本办法。&x;</p><p>第二条 本办法自公布之日起施行。&j;</p>'
            f'</body></html>')
    extracted = read_bytes(page.encode("utf-8"), "page.html")
    assert extracted.format == "html"
    assert text not in extracted.text and "lol" not in extracted.text
    assert "第二条 本办法自公布之日起施行。" in extracted.text


def test_html_nested_too_deeply_is_one_line():
    """Two chains of 3 000 nested divs sharing the text: the line writer's recursion is caught by the reader."""
    chain = "<div>第" * 3000 + "条" + "</div>" * 3000
    with pytest.raises(Unreadable, match=r"^html nested too deeply to read$"):
        read_bytes(f"<html><body><div>{chain}</div><div>{chain}</div></body></html>".encode(), "deep.html")


def test_the_honest_docx_still_reads(docx):
    assert read_docx(docx, "ok.docx").text == NOTICE.strip()


def test_a_picture_with_a_doctype_is_not_refused(docx):
    """SVG pictures often carry `<!DOCTYPE svg PUBLIC …>`; python-docx never parses a picture, so only parts of
    an XML content type are checked — but a main document disguised under a picture's name still is."""
    svg = ('<?xml version="1.0"?><!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
           '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd"><svg xmlns="http://www.w3.org/2000/svg"/>')
    with zipfile.ZipFile(io.BytesIO(docx)) as z:
        types = z.read("[Content_Types].xml").decode()
    with_svg = with_parts(docx, {"word/media/image1.svg": svg, "[Content_Types].xml": types.replace(
        "<Default ", '<Default Extension="svg" ContentType="image/svg+xml"/><Default ', 1)})
    assert read_docx(with_svg, "picture.docx").text == NOTICE.strip()
    disguised = main_part_renamed(docx, "word/media/image2.svg", document_xml("&j;", BILLION_LAUGHS))
    with pytest.raises(Unreadable, match=r"^docx part word/media/image2.svg declares a DTD"):
        read_docx(disguised, "disguised.docx")
