"""HTML, script and Markdown in document text on every page of the workspace (streamlit.testing AppTest).

Two stored documents carry PAYLOAD — `<script>`, `<img onerror>`, a `javascript:` Markdown link, `**bold**`
and a `:red[…]` directive — in their body, and (planted as a hostile file's metadata would be) in title,
issuer, 文号, a heading, an article label and their citations. Every page must show that text only in
elements that render plain text (st.text, table cells, select options): ``markup_leaks`` walks the whole
element tree and fails on the payload in any other field — labels, help, expander titles, alerts, markdown.

Already covered with a narrower payload (`<script>` and `**粗体**` in the body only) and reused here:
tests/ui/test_app.py::test_hostile_text_is_never_html (review), tests/ui/test_pages_document.py::
test_hostile_text_only_as_plain_text (document, provision), tests/ui/test_pages_cleanup_dossier.py::
test_cleanup_hostile_text_is_plain and ::test_uploaded_case_with_hostile_text_is_plain, tests/ui/
test_review_upload.py::test_hostile_text_in_an_upload_is_never_markup; the exports: tests/ui/test_exports.py::
test_cleanup_docx_hostile_text_is_literal, ::test_catalog_hostile_text_is_literal, ::
test_cleanup_xlsx_formula_text_stays_text, tests/ui/test_dossier_exports.py::test_docx_hostile_text_is_literal,
::test_xlsx_formula_text_stays_text.
"""
from __future__ import annotations

import io
import sqlite3
import zipfile
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ingest.run import ingest
from ingest.store import Store
from tests.paths import ROOT
from tests.security.hostile import MARKERS, PAYLOAD, column_types, markup_leaks, plain_texts, plant

PAGES = ROOT / "ui" / "pages"
TIMEOUT = 120
RULE = "临江市测试条文管理办法"
RULE_TEXT = f"""{RULE}

（2023年5月1日临江市人民政府令第41号公布　自2023年6月1日起施行）

第一章　总则

第一条　为了规范测试条文管理，保障测试数据真实，制定本办法。

第二条　本办法适用于本市行政区域内的测试活动及其监督管理。

第二章　管理与责任

第三条　测试单位应当如实记录测试数据。{PAYLOAD}

第四条　违反本办法第三条规定的，由市测试主管部门责令限期改正；逾期不改正的，处二千元以上一万元以下罚款。

第五条　本办法自2023年6月1日起施行。
"""
NOTICE = "临江市测试局关于规范测试活动的通知"
NOTICE_TEXT = f"""{NOTICE}

临测发〔2024〕1号

各区县测试部门：

一、从事测试活动的单位应当遵守《{RULE}》第三条的规定。{PAYLOAD}
二、违反规定的，由市测试局处五千元以上一万元以下罚款。
三、本通知自2024年3月1日起施行，有效期五年。

临江市测试局
2024年2月1日
"""
CASE07 = ROOT / "corpus" / "dossiers" / "案卷07"


@pytest.fixture(scope="module")
def db_file(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("markup")
    (root / "docs").mkdir()
    (root / "docs" / f"{RULE}.txt").write_text(RULE_TEXT, encoding="utf-8")
    (root / "docs" / f"{NOTICE}.txt").write_text(NOTICE_TEXT, encoding="utf-8")
    path = root / "ui.db"
    store = Store(path)
    ingest([root / "docs"], store, workers=1)
    store.close()
    for document_id in ids(path).values():
        plant(path, document_id)
    return path


def ids(db_file: Path) -> dict[str, int]:
    with sqlite3.connect(db_file) as conn:
        return {("notice" if title.startswith(NOTICE) else "rule"): i
                for i, title in conn.execute("select id, title from documents")}


@pytest.fixture
def page(db_file, monkeypatch):
    monkeypatch.setenv("NORMSCOPE_DB", str(db_file))

    def run(name: str, doc: int | None = None) -> AppTest:
        at = AppTest.from_file(str(PAGES / f"{name}.py"), default_timeout=TIMEOUT)
        if doc is not None:
            at.query_params["doc"] = str(doc)
        at.run()
        assert not at.exception, at.exception
        return at

    return run


def assert_plain(at: AppTest, shown: bool = True) -> None:
    assert markup_leaks(at) == []
    assert column_types(at) <= {"text", "number", "checkbox", "date", "datetime", "time", "list"}  # no link/image
    if shown:  # the payload reached the page, as plain text: the check above is not vacuous
        text = plain_texts(at)
        assert all(marker in text for marker in MARKERS)


def test_the_leak_detector_sees_markup():
    """The walker fails a page that puts document text in markdown, a caption, a label, a help text, an
    expander title or an alert, and lets it through st.text, a table and select options."""
    def hostile_page():
        import streamlit as st

        from tests.security.hostile import PAYLOAD

        st.text(PAYLOAD)
        st.dataframe({"正文": [PAYLOAD]})
        st.selectbox("文件", [PAYLOAD])
        st.markdown(PAYLOAD)
        st.caption(PAYLOAD)
        st.button(PAYLOAD)
        st.text_input("批注", help=PAYLOAD)
        with st.expander(PAYLOAD):
            st.text("…")
        st.error(PAYLOAD)

    at = AppTest.from_function(hostile_page).run()
    assert not at.exception
    leaks = markup_leaks(at)
    assert sorted({leak.split(" carries ")[0] for leak in leaks}) == [
        "button", "caption", "error", "expander", "markdown", "text_input"]
    assert len(leaks) == 6 * len(MARKERS)
    assert all(marker in plain_texts(at) for marker in MARKERS)


def test_overview(page):
    assert_plain(page("overview"))  # issuers in the table and the chart


@pytest.mark.parametrize("which", ["notice", "rule"])
def test_review(page, db_file, which):
    at = page("review")
    at.selectbox(key="review_doc").set_value(ids(db_file)[which]).run()
    assert not at.exception
    assert_plain(at)
    if which == "notice":  # a 规范性文件 setting a fine: the finding quotes the hostile text
        assert any(t.startswith("F102") for t in (x.value for x in at.text))


def test_cleanup(page):
    at = page("cleanup")
    assert_plain(at)
    assert at.get("expander")  # one per document, titled by its id and verdict only


@pytest.mark.parametrize("query", ["测试", "<script>", "javascript:alert(3)", "**bold**"])
def test_search(page, query):
    at = page("search")
    at.text_input(key="search_query").input(query).run()
    assert not at.exception
    assert_plain(at)


@pytest.mark.parametrize("which", ["notice", "rule"])
@pytest.mark.parametrize("name", ["document", "provision"])
def test_document_and_provision(page, db_file, name, which):
    assert_plain(page(name, ids(db_file)[which]))


def _hostile_case() -> bytes:
    """案卷07 with the payload in the party's name and a document that cannot be read, under hostile names."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for f in sorted(CASE07.iterdir()):
            text = f.read_text(encoding="utf-8").replace("青川县某某付食品商行", f"青川县某某付食品商行{PAYLOAD}")
            archive.writestr(f"案卷07/{f.name}", text)
        archive.writestr(f"案卷07/{PAYLOAD}.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 4)
    return buffer.getvalue()


def test_dossier_upload(page):
    at = page("dossier")
    at.file_uploader(key="dossier_upload").set_value((f"{PAYLOAD}.zip", _hostile_case(), "application/zip")).run()
    assert not at.exception, at.exception
    assert any(t.startswith("D501") for t in (x.value for x in at.text))
    assert_plain(at)


def test_review_upload_with_hostile_member_names(page, db_file):
    """A zip whose member names carry the payload (and one escaping the archive): the names reach only the
    upload table; the quarantine reasons that repeat them too."""
    members = {f"{PAYLOAD}.txt": NOTICE_TEXT.replace("测试活动", "上传活动"), f"../{PAYLOAD}.txt": "x"}
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, text in members.items():
            archive.writestr(name, text)
    at = page("review")
    at.file_uploader(key="review_upload").set_value((f"{PAYLOAD}.zip", buffer.getvalue(), "application/zip")).run()
    assert not at.exception, at.exception
    table = next(d.value for d in at.dataframe if "结果" in d.value.columns)
    assert sorted(table["结果"]) == ["已入库", "已隔离"]
    assert_plain(at)
