"""Legacy word-processor files (.doc, .wps, .rtf, .odt) read by converting them to .docx.

Parsing the Word 97 binary format ourselves is not worth it: LibreOffice converts it
faithfully. Each conversion gets its own temporary profile, so parallel workers don't
fight over one user installation, and runs in its own process group, so a hung
conversion is killed whole when it outlives the timeout.
"""
from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from .detect import has_word_stream
from .extracted import Extracted, Unreadable
from .limits import DEFAULT_LIMITS, Limits

_LABELS = {"doc": "legacy Word .doc", "wps": "WPS .wps", "rtf": "RTF document", "odt": "OpenDocument .odt"}


def read_legacy(data: bytes, source: str, fmt: str, limits: Limits = DEFAULT_LIMITS) -> Extracted:
    """Convert with LibreOffice and read the result as a .docx; ``format`` stays ``fmt``."""
    from .docx import read_docx  # written alongside; imported late so other readers don't need it

    extracted = read_docx(to_docx(data, fmt, limits), source, limits)
    extracted.format = fmt
    extracted.warnings.append(f"converted from .{fmt} with LibreOffice")
    return extracted


def to_docx(data: bytes, fmt: str, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The .docx bytes LibreOffice makes of ``data``; Unreadable if it can't."""
    label = _LABELS.get(fmt, f".{fmt}")
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        raise Unreadable(f"{label}: LibreOffice not installed, cannot convert")
    # Kingsoft WPS files holding a Word stream convert best under Word's extension.
    suffix = ".doc" if fmt in ("doc", "wps") and has_word_stream(data) else f".{fmt}"
    with tempfile.TemporaryDirectory(prefix="normscope-convert-") as tmp:
        work = Path(tmp)
        source = work / f"input{suffix}"
        source.write_bytes(data)
        command = [office, "--headless", "--norestore", "--nologo", "--nodefault", "--nolockcheck",
                   f"-env:UserInstallation={(work / 'profile').as_uri()}",
                   "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(work / "out"), str(source)]
        output = _run(command, work, label, limits.convert_timeout_s)
        result = work / "out" / "input.docx"
        if not result.is_file():
            lines = output.strip().splitlines() or ["no output"]
            said = next((line for line in lines if line.startswith("Error")), lines[-1])[:120]
            raise Unreadable(f"{label}: LibreOffice could not convert it ({said})")
        return result.read_bytes()


def _run(command: list[str], home: Path, label: str, timeout_s: int) -> str:
    """Run LibreOffice; return what it printed."""
    env = {**os.environ, "HOME": str(home)}  # LibreOffice writes caches under $HOME
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.STDOUT, env=env, cwd=home, start_new_session=True)
    try:
        output, _ = process.communicate(timeout=timeout_s)
    except subprocess.TimeoutExpired:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)  # soffice forks soffice.bin: kill the group
        process.communicate()
        raise Unreadable(f"{label}: conversion took longer than {timeout_s} s, stopped") from None
    return output.decode("utf-8", errors="replace")
