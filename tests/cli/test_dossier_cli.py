"""`normscope dossier` as a black box: one case file, a batch, exports, exit codes."""
from __future__ import annotations

from pathlib import Path

import openpyxl
from docx import Document

from tests.cli.conftest import ROOT, run_cli, run_json

DEMO = ROOT / "corpus" / "dossiers"


def test_one_case_file_as_json(tmp_path):
    r = run_json("dossier", str(DEMO / "案卷07"), "--db", str(tmp_path / "none.db"))
    assert {f["rule"] for f in r["findings"]} == {"D501", "D502", "D601", "D602"}
    assert r["party"] == "青川县某某副食品商行" and r["party_type"] == "单位" and r["fine"] == 3000
    assert r["case_no"].startswith("青市监") and r["score"]["grade"] == "不合格"
    assert {"file", "type", "date", "officers"} <= set(r["documents"][0])
    for f in r["findings"]:
        assert {"rule", "severity", "message", "evidence", "start", "end", "basis", "suggestion"} <= set(f)
    assert sum(d["points"] for d in r["score"]["deductions"]) == 100 - r["score"]["total"]


def test_a_folder_of_case_files_is_a_batch_with_exports(tmp_path):
    xlsx, docs = tmp_path / "汇总.xlsx", tmp_path / "评查表"
    docs.mkdir()
    r = run_json("dossier", str(DEMO), "--db", str(tmp_path / "none.db"), "--xlsx", str(xlsx), "--docx", str(docs))
    assert r["count"] == 7 and len(r["dossiers"]) == 7
    grades = {Path(d["source"]).name: d["score"]["grade"] for d in r["dossiers"]}
    assert grades["案卷01"] == "优秀" and grades["案卷05"] == "不合格"
    book = openpyxl.load_workbook(xlsx)
    assert "评查汇总" in book.sheetnames and "问题明细" in book.sheetnames
    written = sorted(docs.glob("*.docx"))
    assert len(written) == 7
    assert "行政执法案卷评查表" in "\n".join(p.text for p in Document(written[0]).paragraphs)


def test_fail_on_error_and_bad_input(tmp_path):
    db = str(tmp_path / "none.db")
    assert run_cli("dossier", str(DEMO / "案卷07"), "--db", db, "--fail-on", "error").returncode == 1
    assert run_cli("dossier", str(DEMO / "案卷01"), "--db", db, "--fail-on", "error").returncode == 0
    missing = run_cli("dossier", str(tmp_path / "nowhere"))
    assert missing.returncode == 2 and len(missing.stderr.strip().splitlines()) == 1
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "x.bin").write_bytes(b"\x00\x01\x02" * 10)
    proc = run_cli("dossier", str(empty), "--db", db, "--json")
    assert proc.returncode == 2 and "no readable documents" in proc.stderr
