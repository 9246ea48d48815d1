"""Archives built to hurt, end to end: `normscope ingest --json` on a folder of them completes, gives every
refused member a one-line reason, writes nothing outside the store and its quarantine folder, and never
inflates a bomb into memory.

Already covered at the walker level (not repeated here): tests/ingest/test_archive.py — unsafe paths and
symlinks, the depth limit, a 300 MB bomb refused from its header and one whose header lies, the ratio limit,
the total budget across nested archives, the member count; tests/cli/test_bad_inputs.py — `../` and absolute
members and a 300 MB bomb through the CLI; tests/ingest/test_upload_inputs.py — upload names are not paths.
"""
from __future__ import annotations

import io
import json
import sqlite3
import time
import tracemalloc
import uuid
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from ingest.archive import iter_archive
from ingest.run import ingest
from ingest.store import Store
from tests.security.conftest import files_under, run_cli
from tests.security.hostile import (
    BILLION_LAUGHS,
    GOOD,
    MB,
    NOTICE,
    base_docx,
    document_xml,
    main_part_renamed,
    nested_bomb,
    patch_sizes,
    symlink_member,
    with_parts,
    xxe,
    zeros_member,
    zip_of,
)

SECRET = f"normscope-secret-{uuid.uuid4().hex}"


def escaping_zip(absolute: Path) -> bytes:
    """Members a naive extractor would write outside its folder, or follow out of it, beside an honest one."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../../escaped.txt", NOTICE)  # relative to the working folder or the quarantine folder
        archive.writestr("docs/../../../up.txt", NOTICE)
        archive.writestr(str(absolute), NOTICE)  # /tmp/…/abs.txt
        archive.writestr("C:\\Windows\\evil.txt", NOTICE)  # unzip on Linux writes a file named C:\Windows\evil.txt
        archive.writestr("..\\..\\win.txt", NOTICE)
        symlink_member(archive, "法规/passwd.txt", "/etc/passwd")  # unzip makes a link; reading it reads the target
        symlink_member(archive, "法规/secret.txt", str(absolute.parent / "secret.txt"))
        archive.writestr("法规/临江市测试办法.txt", GOOD)
    return buffer.getvalue()


def deep_zip(levels: int) -> bytes:
    data = zip_of({"第六层.txt": GOOD.replace("测试", "深层")})
    for level in range(levels, 0, -1):
        data = zip_of({f"level{level}.zip": data})
    return data


def ratio_bomb(megabytes: int) -> bytes:
    """One member of zeros, honest header: about 1000:1."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        zeros_member(archive, "zeros.txt", megabytes)
    return buffer.getvalue()


def many_members(n: int) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as archive:
        for i in range(n):
            archive.writestr(f"{i}.txt", b"x")
    return buffer.getvalue()


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    """One `normscope ingest --json` over a folder of every hostile archive, run from a working folder three
    levels down so that any ``../`` escape would land inside the watched tree."""
    root = tmp_path_factory.mktemp("archives")
    outside = root / "outside"  # where absolute members and symlinks point
    outside.mkdir()
    (outside / "secret.txt").write_text(SECRET, encoding="utf-8")
    work = root / "a" / "b" / "c"
    inbox = work / "inbox"
    inbox.mkdir(parents=True)
    docx = base_docx()
    files = {
        "escape.zip": escaping_zip(outside / "abs.txt"),
        "deep.zip": deep_zip(5),
        "42.zip": nested_bomb(levels=4, fan_out=8, megabytes=4),  # 8⁴ × 4 MB = 16 GB expanded, a few KB zipped
        "ratio.zip": ratio_bomb(60),  # under the 64 MB member limit: the ratio refuses it
        "many.zip": many_members(10_001),
        "lol.docx": with_parts(docx, {"word/document.xml": document_xml("&j;", BILLION_LAUGHS, "UTF-16")
                                      .encode("utf-16-le")}),  # no BOM: read as UTF-16 by libxml2
        "xxe.docx": main_part_renamed(docx, "word/main.bin", document_xml("&x;", xxe(str(outside / "secret.txt")))),
        "good.txt": GOOD.replace("测试", "良好").encode("utf-8"),
    }
    for name, data in files.items():
        (inbox / name).write_bytes(data)
    before = files_under(root)
    db = work / "store.db"
    started = time.perf_counter()
    proc = run_cli("ingest", "inbox", "--db", "store.db", "--json", "--workers", "1", cwd=work)
    elapsed = time.perf_counter() - started
    return {"root": root, "work": work, "outside": outside, "db": db, "proc": proc, "before": before,
            "elapsed": elapsed}


def reasons(run: dict) -> dict[str, str]:
    assert run["proc"].returncode == 0, run["proc"].stderr[-2000:]
    out = json.loads(run["proc"].stdout)
    return {q["source"].split("/inbox/", 1)[-1]: q["reason"] for q in out["quarantine"]}


def test_the_run_completes_with_one_line_reasons(hostile_run):
    found = reasons(hostile_run)
    assert all(reason and "\n" not in reason for reason in found.values())
    expected = {
        "escape.zip!../../escaped.txt": "unsafe path in archive",
        "escape.zip!docs/../../../up.txt": "unsafe path in archive",
        "escape.zip!C:/Windows/evil.txt": "unsafe path in archive",
        "escape.zip!../../win.txt": "unsafe path in archive",
        "escape.zip!法规/passwd.txt": "symbolic link in archive, not followed",
        "escape.zip!法规/secret.txt": "symbolic link in archive, not followed",
        "deep.zip!level1.zip!level2.zip!level3.zip": "nested archive too deep",
        "ratio.zip!zeros.txt": "over the 200:1 limit (zip bomb?)",
        "many.zip": "zip archive has too many members: 10001 > 10000 limit",
        "lol.docx": "declares a DTD",
        "xxe.docx": "declares a DTD",
    }
    for source, words in expected.items():
        assert words in found.get(source, ""), (source, found.get(source))
    absolute = next(r for s, r in found.items() if s.startswith("escape.zip!/"))
    assert absolute.startswith("unsafe path in archive: /")
    bomb = Counter(r for s, r in found.items() if s.startswith("42.zip!"))
    assert bomb == {"nested archive too deep: more than 3 levels": 8 ** 3}
    stderr = hostile_run["proc"].stderr.splitlines()
    assert sum(line.startswith("quarantined ") for line in stderr) == len(found)


def test_only_the_honest_members_are_stored(hostile_run):
    with sqlite3.connect(hostile_run["db"]) as conn:
        sources = sorted(s.split("/inbox/", 1)[-1] for s, in conn.execute("select source from versions"))
        texts = "\n".join(t for t, in conn.execute("select text from versions"))
    assert sources == ["escape.zip!法规/临江市测试办法.txt", "good.txt"]
    assert SECRET not in texts and "root:x:0:0" not in texts


def test_nothing_is_written_outside_the_quarantine_folder(hostile_run):
    work, db = hostile_run["work"], hostile_run["db"]
    added = files_under(hostile_run["root"]) - hostile_run["before"]
    quarantine = db.parent / (db.name + ".quarantine")
    stray = [p for p in added if p not in {db, db.with_name("store.db-wal"), db.with_name("store.db-shm")}
             and quarantine not in (p, *p.parents)]
    assert stray == []
    assert not any(p.is_symlink() for p in files_under(hostile_run["root"]))
    assert sorted(p.name for p in hostile_run["outside"].iterdir()) == ["secret.txt"]  # no abs.txt
    assert not (work.parent.parent / "escaped.txt").exists() and not (work / "C:\\Windows\\evil.txt").exists()
    # the copies kept are named by their content hash, never by a member's name
    kept = [p for p in quarantine.rglob("*") if p.is_file()]
    assert kept and all(len(p.stem) == 64 and p.parent.parent == quarantine for p in kept)


def test_the_nested_bomb_costs_neither_time_nor_memory():
    """A 42.zip in small (8⁴ copies of 4 MB of zeros, 16 GB expanded): walked member by member, every zip
    beyond the depth limit refused before it is opened, nothing inflated."""
    bomb = nested_bomb(levels=4, fan_out=8, megabytes=4)
    assert len(bomb) < 64 * 1024
    tracemalloc.start()
    started = time.perf_counter()
    try:
        refused = Counter(m.error for m in iter_archive(bomb, "42.zip"))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 10
    assert refused == {"nested archive too deep: more than 3 levels": 8 ** 3}
    assert peak < 8 * MB


@pytest.mark.parametrize("lie", [False, True], ids=["honest-header", "lying-header"])
def test_a_200_mb_bomb_is_refused_by_the_whole_ingest_in_bounded_memory(tmp_path, lie):
    """200 MB of zeros deflated to about 200 KB, beside an honest document, through ingest.run.ingest in this
    process: refused from its header, or — when the header claims 1 MB — stopped as soon as it outgrows it."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("办法.txt", GOOD)
        zeros_member(archive, "bomb.txt", 200)
    data = buffer.getvalue()
    assert len(data) < 1 * MB
    if lie:
        data = patch_sizes(data, b"bomb.txt", 1 * MB)
    (tmp_path / "bomb.zip").write_bytes(data)
    store = Store(tmp_path / "n.db")
    tracemalloc.start()
    try:
        summary = ingest([tmp_path / "bomb.zip"], store, workers=1)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    reason = dict(summary.quarantined)[str(tmp_path / "bomb.zip") + "!bomb.txt"]
    assert reason.startswith("corrupt zip member:" if lie else "zip member too large: 200.0 MB > 64 MB limit")
    assert summary.new_versions == 1
    assert peak < 48 * MB  # the parse of the honest document included; the bomb would be 200 MB
    store.close()
