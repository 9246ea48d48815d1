"""Sniff a file's real format from its bytes; the file name is only a tie-breaker.

Offices rename files freely (a PDF saved as .docx, a .doc renamed .wps, a web page
saved as .txt), so the extension alone would send files to the wrong reader.

Formats returned: ``pdf``, ``docx``, ``odt``, ``zip``, ``office`` (a spreadsheet or
presentation), ``doc``, ``wps``, ``ole`` (an OLE file that is not a Word document),
``encrypted`` (password-protected Office document), ``rtf``, ``html``, ``md``, ``txt``.
"""
from __future__ import annotations

import io
import re
import zipfile
import zlib
from pathlib import PurePosixPath

# What zipfile raises on damaged or hostile archives (encrypted members raise RuntimeError).
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError,
              ValueError, NotImplementedError, RuntimeError)
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ZIP_MAGICS = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_ODT_MIME = b"application/vnd.oasis.opendocument.text"
_HTML_NAMES = {".htm", ".html", ".shtml", ".xhtml"}
_MD_NAMES = {".md", ".markdown"}
# A document start tag is decisive; loose tags only count when the name says HTML,
# because markdown legitimately contains `<!-- -->` comments and the odd `<br>`.
_STRONG_HTML = re.compile(rb"<(?:!doctype\s+html|html|head|body)[\s>]", re.I)
_ANY_TAG = re.compile(rb"<(?:meta|title|div|p|table|span|br|a)[\s/>]", re.I)


def name_suffix(name: str) -> str:
    """Lower-case extension of the innermost member of ``a.zip!dir/b.doc`` style names."""
    return PurePosixPath(name.rsplit("!", 1)[-1].replace("\\", "/")).suffix.lower()


def has_word_stream(data: bytes) -> bool:
    """Whether an OLE file's directory names a ``WordDocument`` stream (Word 97-2003 body)."""
    return "WordDocument".encode("utf-16-le") in data


def sniff(data: bytes, name: str = "") -> str:
    """Return the format of ``data``; ``name`` only decides between equally plausible ones."""
    suffix = name_suffix(name)
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(_ZIP_MAGICS):
        return _sniff_zip(data, suffix)
    if data.startswith(_OLE_MAGIC):
        return _sniff_ole(data, suffix)
    if data[:64].lstrip().startswith(b"{\\rtf"):
        return "rtf"
    if _looks_like_html(data, suffix):
        return "html"
    return "md" if suffix in _MD_NAMES else "txt"


def _sniff_zip(data: bytes, suffix: str) -> str:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            mimetype = b""
            if "mimetype" in names:
                with zf.open("mimetype") as member:
                    mimetype = member.read(64)  # bounded: the member may be a bomb
    except ZIP_ERRORS:
        # A damaged Word file should be reported by the Word reader, not walked as a zip.
        return "docx" if suffix == ".docx" else "zip"
    if "word/document.xml" in names:
        return "docx"
    if mimetype.startswith(_ODT_MIME):
        return "odt"
    if "[Content_Types].xml" in names or mimetype.startswith(b"application/vnd.oasis"):
        return "office"
    return "zip"


def _sniff_ole(data: bytes, suffix: str) -> str:
    if "EncryptedPackage".encode("utf-16-le") in data:
        return "encrypted"
    if suffix == ".wps":
        return "wps"
    return "doc" if has_word_stream(data) else "ole"


def _looks_like_html(data: bytes, suffix: str) -> bool:
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or head[1:2] == b"\x00" or head[:1] == b"\x00":
        head = head.replace(b"\x00", b"")  # UTF-16: ASCII markup survives dropping the NULs
    if _STRONG_HTML.search(head):
        return True
    return suffix in _HTML_NAMES and bool(_ANY_TAG.search(head))
