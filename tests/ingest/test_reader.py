"""The dispatcher: real format from the bytes, size and file-system trouble as one-line reasons."""
from __future__ import annotations

import os
from pathlib import Path

import pytest

from ingest.detect import sniff
from ingest.extracted import Unreadable
from ingest.limits import Limits
from ingest.reader import read_bytes, read_path
from tests import render

from .samples import ANTI_TERRORISM, EEZ, article_lines, government_page, law, make_zip, ole_stub

MB = 1 << 20


@pytest.mark.parametrize(("data", "name", "expected"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "通知.docx", "pdf"),  # a PDF saved under a Word name
    (ole_stub("Root Entry", "WordDocument", "1Table"), "通知.doc", "doc"),
    (ole_stub("Root Entry", "WordDocument", "1Table"), "通知.txt", "doc"),
    (ole_stub("Root Entry", "WordDocument"), "通知.wps", "wps"),
    (ole_stub("Root Entry", "EncryptionInfo", "EncryptedPackage"), "机密.docx", "encrypted"),
    (ole_stub("Root Entry", "Workbook"), "统计表.doc", "ole"),
    (b"{\\rtf1\\ansi\\ansicpg936 ...}", "a.doc", "rtf"),
    (b"\xef\xbb\xbf<!DOCTYPE html><html><body><p>\xe7\xac\xac</p></body></html>", "a.txt", "html"),
    ("<html><body>第一条</body></html>".encode("utf-16"), "a.txt", "html"),
    (b"<div class='TRS_Editor'><p>x</p></div>", "page.htm", "html"),
    (b"# Title\n\n<!-- INFO END -->\n\n<br>", "law.md", "md"),
    (b"# Title\n\n<!-- INFO END -->\n", "law.txt", "txt"),
    (make_zip({"word/document.xml": b"<w/>", "[Content_Types].xml": b"<t/>"}), "a.zip", "docx"),
    (make_zip({"xl/workbook.xml": b"<w/>", "[Content_Types].xml": b"<t/>"}), "a.xlsx", "office"),
    (make_zip({"mimetype": b"application/vnd.oasis.opendocument.text", "content.xml": b""}), "a.odt", "odt"),
    (make_zip({"a.txt": b"x"}), "a.docx", "zip"),
    (b"PK\x03\x04 truncated", "a.docx", "docx"),  # damaged Word file: the Word reader says so
    (b"PK\x03\x04 truncated", "a.zip", "zip"),
])
def test_sniff_trusts_bytes_over_names(data: bytes, name: str, expected: str) -> None:
    assert sniff(data, name) == expected


def test_markdown_law_from_the_corpus_is_not_html() -> None:
    # Laws quote titles in angle brackets: 《关于修改<中华人民共和国国境卫生检疫法>等六部法律的决定》
    assert sniff(law(ANTI_TERRORISM).encode(), "反恐怖主义法.md") == "md"


def test_text_markdown_and_html_are_dispatched() -> None:
    md = law(EEZ)
    txt = read_bytes(md.encode("gb18030"), "inbox/专属经济区和大陆架法.txt")
    assert (txt.format, txt.encoding, txt.text) == ("txt", "gb18030", md)
    assert read_bytes(md.encode(), "x.md").title_hint == "中华人民共和国专属经济区和大陆架法"
    page = read_bytes(government_page(md).encode(), "saved_page.txt")
    assert page.format == "html"
    assert article_lines(page.text) == article_lines(md)


def test_docx_and_pdf_are_dispatched_by_content() -> None:
    md = law(EEZ)
    docx = read_bytes(render.law_to_docx(md), "专属经济区和大陆架法.doc")  # misnamed
    assert docx.format == "docx"
    assert article_lines(docx.text) == article_lines(md)
    if render.cjk_font_path() is None:
        pytest.skip(f"no CJK font: install {render.CJK_FONT_DEBIAN_PACKAGE}")
    pdf = read_bytes(render.law_to_pdf(md), "专属经济区和大陆架法.docx")  # a PDF under a Word name
    assert pdf.format == "pdf"
    assert "第十六条 本法自公布之日起施行。" in pdf.text


@pytest.mark.parametrize(("data", "reason"), [
    (make_zip({"a.txt": b"x"}), "zip archive of several documents: read it with `normscope ingest`"),
    (ole_stub("Root Entry", "EncryptionInfo", "EncryptedPackage"), "password-protected Office document, cannot read"),
    (b"", "empty file"),
    (bytes(range(256)) * 64, "binary file, not text"),
])
def test_refusals(data: bytes, reason: str) -> None:
    with pytest.raises(Unreadable) as caught:
        read_bytes(data, "inbox/file.docx")
    assert str(caught.value) == reason


def test_oversized_bytes_refused_before_sniffing() -> None:
    with pytest.raises(Unreadable, match=r"^file too large: 2\.0 MB > 1 MB limit$"):
        read_bytes((law(EEZ).encode() * 400)[: 2 * MB], "big.txt", Limits(max_file_bytes=MB))


def test_library_errors_become_one_line_reasons(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(data: bytes, source: str) -> None:
        raise ValueError("lxml: tag nested too deep\n  line 2 of a traceback-like message")

    monkeypatch.setattr("ingest.html.read_html", broken)
    with pytest.raises(Unreadable) as caught:
        read_bytes(government_page(law(EEZ)).encode(), "a.html")
    assert str(caught.value) == "cannot read html: ValueError: lxml: tag nested too deep"


def test_read_path_reads_a_file(tmp_path: Path) -> None:
    path = tmp_path / "反恐怖主义法.txt"
    path.write_bytes(law(ANTI_TERRORISM).encode("utf-16"))
    extracted = read_path(path)
    assert extracted.source == str(path)
    assert extracted.text == law(ANTI_TERRORISM)


def test_200_mb_file_refused_from_stat_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(200 * MB)  # sparse: costs no disk
    monkeypatch.setattr(Path, "open", lambda *a, **k: pytest.fail("read_path opened an oversized file"))
    with pytest.raises(Unreadable, match=r"^file too large: 200\.0 MB > 64 MB limit$"):
        read_path(path)


def test_missing_file(tmp_path: Path) -> None:
    with pytest.raises(Unreadable, match="^file disappeared before it could be read$"):
        read_path(tmp_path / "已删除.docx")


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "locked.txt"
    path.write_bytes(law(EEZ).encode())

    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "open", denied)  # chmod alone does not stop root
    with pytest.raises(Unreadable, match="^permission denied, cannot read file$"):
        read_path(path)


def test_directories_and_pipes_are_not_read(tmp_path: Path) -> None:
    with pytest.raises(Unreadable, match="^not a regular file$"):
        read_path(tmp_path)
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(Unreadable, match="^not a regular file$"):
        read_path(fifo)  # would block forever if opened
