"""The bad-input suite: every broken or hostile file is quarantined with a one-line reason,
the run goes on, re-running is safe, and nothing half-written stays in the store."""
import json
import os
import sqlite3
from pathlib import Path

import pytest

from ingest.run import ingest
from ingest.run import process as real_process
from ingest.store import Store
from tests.badfiles import NOTICE, image_pdf, text_pdf, traversal_zip, zip_bomb
from tests.render import cjk_font_path

needs_font = pytest.mark.skipif(cjk_font_path() is None, reason="no CJK font installed (fonts-noto-cjk)")

GOOD = "临江市测试办法\n" + NOTICE + "\n"


def build_folder(folder: Path) -> dict[str, str]:
    """Write every bad case plus one good file; returns the expected reason word per file."""
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD, encoding="utf-8")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 64)
    pdf = text_pdf()
    (folder / "truncated.pdf").write_bytes(pdf[: len(pdf) // 2])
    (folder / "encrypted.pdf").write_bytes(text_pdf(password="secret"))
    (folder / "scanned.pdf").write_bytes(image_pdf(2))
    (folder / "corrupt.docx").write_bytes(b"PK\x03\x04" + b"\x00garbage" * 50)
    (folder / "bomb.zip").write_bytes(zip_bomb(300))
    (folder / "traversal.zip").write_bytes(traversal_zip())
    with (folder / "huge.txt").open("wb") as f:
        f.truncate(200 * 1024 * 1024)
    return {
        "empty.txt": "empty",
        "binary.txt": "binary",
        "truncated.pdf": "PDF",
        "encrypted.pdf": "encrypted",
        "scanned.pdf": "scanned",
        "corrupt.docx": "docx",
        "bomb.zip!bomb.txt": "too large",
        "traversal.zip!../../etc/passwd.txt": "unsafe path",
        "traversal.zip!/abs/evil.txt": "unsafe path",
        "huge.txt": "too large",
    }


@needs_font
def test_every_bad_input_is_quarantined_and_the_run_goes_on(tmp_path, cli):
    expected = build_folder(tmp_path / "in")
    db = tmp_path / "n.db"
    proc = cli("ingest", str(tmp_path / "in"), "--db", str(db), "--json")
    assert proc.returncode == 0, proc.stderr
    out = json.loads(proc.stdout)
    reasons = {Path(q["source"]).name if "!" not in q["source"] else q["source"].split("/in/")[-1]: q["reason"]
               for q in out["quarantine"]}
    for name, word in expected.items():
        assert name in reasons, f"{name} not quarantined: {reasons}"
        assert word.lower() in reasons[name].lower(), (name, reasons[name])
        assert "\n" not in reasons[name]
    assert out["new_versions"] == 2  # good.txt and the honest zip member
    # one line on stderr per quarantined input
    assert sum(1 for line in proc.stderr.splitlines() if line.startswith("quarantined ")) == len(expected)

    con = sqlite3.connect(db)
    assert con.execute("select count(*) from quarantine").fetchone()[0] == len(expected)
    assert con.execute("select count(*) from versions").fetchone()[0] == 2
    kept = [r[0] for r in con.execute("select copy_path from quarantine where copy_path is not null")]
    assert kept and all(Path(p).exists() for p in kept)
    encrypted = con.execute("select copy_path from quarantine where source like '%encrypted.pdf'").fetchone()[0]
    assert Path(encrypted).read_bytes() == (tmp_path / "in" / "encrypted.pdf").read_bytes()  # nothing lost

    again = cli("ingest", str(tmp_path / "in"), "--db", str(db), "--json")
    assert again.returncode == 0
    again_out = json.loads(again.stdout)
    assert again_out["new_versions"] == 0 and again_out["unchanged"] == 2
    assert con.execute("select count(*) from quarantine").fetchone()[0] == len(expected)
    assert con.execute("select count(*) from versions").fetchone()[0] == 2


def test_only_unreadable_input_exits_2(tmp_path, cli):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    proc = cli("ingest", str(bad), "--db", str(tmp_path / "n.db"))
    assert proc.returncode == 2
    assert "quarantined" in proc.stderr and "empty" in proc.stderr


def test_file_that_vanishes_mid_run(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    (folder / "b.txt").write_text(GOOD.replace("测试", "另一"), encoding="utf-8")
    store = Store(tmp_path / "n.db")

    def vanish(source: str) -> None:
        (folder / "b.txt").unlink(missing_ok=True)

    summary = ingest([folder], store, workers=1, on_progress=vanish)
    assert summary.new_versions == 1
    assert [(Path(s).name, r) for s, r in summary.quarantined] == [("b.txt", "file disappeared before it could be read")]


def test_a_failed_write_leaves_no_partial_document(tmp_path, monkeypatch):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    store = Store(tmp_path / "n.db")
    real = Store._bulk_insert

    def explode(self, table, rows):
        if table == "paragraphs":
            raise RuntimeError("disk full")
        return real(self, table, rows)

    monkeypatch.setattr(Store, "_bulk_insert", explode)
    with pytest.raises(RuntimeError):
        ingest([folder], store, workers=1)
    monkeypatch.undo()
    for t in ("documents", "versions", "articles", "paragraphs", "headings"):
        assert store.db.execute(f"select count(*) from {t}").fetchone()[0] == 0, t
    summary = ingest([folder], store, workers=1)
    assert summary.new_versions == 1 and store.stats()["articles"] == 2


def crash_on_poison(source, data, digest, facts, limits):
    """Stands in for ingest.run.process in forked workers: dies on one file, like a crashing C library."""
    if "poison" in source:
        os._exit(1)
    return real_process(source, data, digest, facts, limits)


def test_a_dying_worker_costs_only_the_files_in_flight(tmp_path, monkeypatch):
    import ingest.run

    folder = tmp_path / "in"
    folder.mkdir()
    for i in range(12):
        (folder / f"{i:02d}.txt").write_text(GOOD.replace("测试", f"测试{i}"), encoding="utf-8")
    (folder / "05_poison.txt").write_text(GOOD.replace("测试", "有毒"), encoding="utf-8")
    monkeypatch.setattr(ingest.run, "process", crash_on_poison)
    store = Store(tmp_path / "n.db")
    summary = ingest.run.ingest([folder], store, workers=2)
    lost = {Path(s).name for s, _ in summary.quarantined}
    assert "05_poison.txt" in lost
    assert all(r == ingest.engine.WORKER_DIED for _, r in summary.quarantined)
    assert summary.new_versions + len(lost) == 13 and summary.new_versions >= 13 - 2 * 4
    monkeypatch.setattr(ingest.run, "process", real_process)
    again = ingest.run.ingest([folder], store, workers=2)  # quarantined files are retried
    assert again.new_versions == len(lost) and again.quarantined == []
    assert store.db.execute("select count(*) from quarantine").fetchone()[0] == 0
