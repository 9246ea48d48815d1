"""Legacy .doc/.wps via LibreOffice: a real round trip, and a stand-in soffice for failures."""
from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

from ingest.convert import read_legacy
from ingest.extracted import Unreadable
from ingest.limits import Limits
from ingest.reader import read_bytes
from tests import render

from .samples import EEZ, article_lines, law, ole_stub

WORD_97 = ole_stub("Root Entry", "WordDocument", "1Table")


@pytest.fixture(scope="module")
def legacy_doc(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The EEZ law as a Word 97 .doc, made by LibreOffice from a rendered .docx."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if office is None:
        pytest.skip("LibreOffice not installed (Debian package libreoffice-writer-nogui)")
    work = tmp_path_factory.mktemp("doc")
    (work / "law.docx").write_bytes(render.law_to_docx(law(EEZ)))
    subprocess.run([office, "--headless", "--norestore", f"-env:UserInstallation={(work / 'p').as_uri()}",
                    "--convert-to", "doc", "--outdir", str(work), str(work / "law.docx")],
                   check=True, capture_output=True, timeout=120)
    return (work / "law.doc").read_bytes()


def test_doc_round_trip(legacy_doc: bytes) -> None:
    assert legacy_doc.startswith(b"\xd0\xcf\x11\xe0")
    extracted = read_legacy(legacy_doc, "专属经济区和大陆架法.doc", "doc")
    assert extracted.format == "doc"
    assert article_lines(extracted.text) == article_lines(law(EEZ))
    assert "converted from .doc with LibreOffice" in extracted.warnings


def test_wps_holding_a_word_stream_is_read_through_the_dispatcher(legacy_doc: bytes) -> None:
    extracted = read_bytes(legacy_doc, "inbox/专属经济区和大陆架法.wps")
    assert extracted.format == "wps"
    assert article_lines(extracted.text) == article_lines(law(EEZ))


def test_libreoffice_not_installed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty directory: no soffice anywhere
    with pytest.raises(Unreadable) as caught:
        read_bytes(WORD_97, "通知.doc")
    assert str(caught.value) == "legacy Word .doc: LibreOffice not installed, cannot convert"


def _fake_soffice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, body: str) -> Path:
    """Put a shell script named soffice first on PATH; it records its arguments."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    script = bin_dir / "soffice"
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > "{tmp_path}/args"\n{body}\n')
    script.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    return tmp_path / "args"


def test_conversion_runs_isolated_and_reports_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    args_file = _fake_soffice(tmp_path, monkeypatch, 'echo "Error: source file could not be loaded"')
    with pytest.raises(Unreadable) as caught:
        read_bytes(WORD_97, "通知.doc")
    assert str(caught.value) == \
        "legacy Word .doc: LibreOffice could not convert it (Error: source file could not be loaded)"
    args = args_file.read_text().splitlines()
    assert args[:1] == ["--headless"]
    assert args[args.index("--convert-to") + 1] == "docx:MS Word 2007 XML"
    profile = next(a for a in args if a.startswith("-env:UserInstallation=file://"))
    assert "normscope-convert-" in profile
    assert args[-1].endswith("/input.doc")
    assert not Path(args[-1]).parent.exists()  # the temporary directory is gone


def test_hung_conversion_is_killed_with_its_children(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Like soffice, the stand-in forks a worker; both must die at the timeout.
    _fake_soffice(tmp_path, monkeypatch, f'sleep 60 &\necho $! > "{tmp_path}/child"\nwait')
    started = time.monotonic()
    with pytest.raises(Unreadable, match=r"^legacy Word \.doc: conversion took longer than 1 s, stopped$"):
        read_bytes(WORD_97, "通知.doc", Limits(convert_timeout_s=1))
    assert time.monotonic() - started < 10
    child = int((tmp_path / "child").read_text())
    status = Path(f"/proc/{child}/status")
    deadline = time.monotonic() + 5
    while status.exists() and "zombie" not in status.read_text() and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not status.exists() or "zombie" in status.read_text()
