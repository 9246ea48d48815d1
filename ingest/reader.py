"""One entry point for every format: sniff the bytes, pick the reader, contain its failures.

Whatever goes wrong inside a reader or a library, callers only ever see ``Unreadable``
with a one-line reason, so one bad file never stops a batch.
"""
from __future__ import annotations

import stat
from pathlib import Path

from .archive import too_large
from .detect import sniff
from .extracted import Extracted, Unreadable
from .limits import DEFAULT_LIMITS, Limits

_REFUSED = {
    "zip": "zip archive of several documents: read it with `normscope ingest`",
    "office": "spreadsheet or presentation, not a text document",
    "ole": "Office file that is not a Word document (spreadsheet, presentation or mail?)",
    "encrypted": "password-protected Office document, cannot read",
}


def read_bytes(data: bytes, source: str, limits: Limits = DEFAULT_LIMITS) -> Extracted:
    """Read one document of any supported format; ``source`` names it (and hints its type)."""
    if len(data) > limits.max_file_bytes:
        raise Unreadable(too_large("file", len(data), limits.max_file_bytes))
    fmt = "file"
    try:
        fmt = sniff(data, source)
        if fmt in _REFUSED:
            raise Unreadable(_REFUSED[fmt])
        return _dispatch(data, source, fmt, limits)
    except Unreadable:
        raise
    except RecursionError:
        raise Unreadable(f"{fmt} nested too deeply to read") from None
    except Exception as exc:  # the boundary: no library error may escape
        detail = (str(exc).splitlines() or [""])[0][:160]
        raise Unreadable(f"cannot read {fmt}: {type(exc).__name__}{': ' + detail if detail else ''}") from exc


def read_path(path: str | Path, limits: Limits = DEFAULT_LIMITS) -> Extracted:
    """Read a file from disk, refusing oversized or special files before reading a byte."""
    path = Path(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            raise Unreadable("not a regular file")
        if info.st_size > limits.max_file_bytes:
            raise Unreadable(too_large("file", info.st_size, limits.max_file_bytes))
        with path.open("rb") as handle:
            data = handle.read(limits.max_file_bytes + 1)  # the file may grow after stat
    except FileNotFoundError:
        raise Unreadable("file disappeared before it could be read") from None
    except PermissionError:
        raise Unreadable("permission denied, cannot read file") from None
    except OSError as exc:
        raise Unreadable(f"cannot read file: {exc.strerror or type(exc).__name__}") from None
    return read_bytes(data, str(path), limits)


def _dispatch(data: bytes, source: str, fmt: str, limits: Limits) -> Extracted:
    # Readers are imported on use: a missing optional dependency only affects its format.
    if fmt == "pdf":
        from .pdf import read_pdf
        return read_pdf(data, source, limits)
    if fmt == "docx":
        from .docx import read_docx
        return read_docx(data, source, limits)
    if fmt in ("doc", "wps", "rtf", "odt"):
        from .convert import read_legacy
        return read_legacy(data, source, fmt, limits)
    if fmt == "html":
        from .html import read_html
        return read_html(data, source)
    from .text import read_text
    return read_text(data, source, fmt)
