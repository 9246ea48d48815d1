"""Upload on the 备案审查 page (issue 6): an uploaded file goes through the ingest readers and quarantine,
is stored once per content, selected and reviewed; what cannot be read is quarantined with its bytes.

One store per module (corpus/normative); each test opens its own session of ui/app.py → pages/review.py
and uploads content no other test uploads, except where re-uploading is the point.
"""
from __future__ import annotations

import hashlib
import io
import sqlite3
from pathlib import Path

import docx
import pytest
from streamlit.testing.v1 import AppTest

from tests.ingest.samples import make_zip
from tests.paths import ROOT
from tests.ui.conftest import SCRIPT, assert_no_markup, demo_store
from ui.pages._shared import REVIEW_LEVELS

APP = str(ROOT / "ui" / "app.py")
TIMEOUT = 120
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HOMESTAY_TITLE = "临江市文化广电旅游局关于加强民宿经营管理的通知"
#: A 行政规范性文件 that sets a fine, which only laws, regulations and rules may do (F102).
HOMESTAY = f"""{HOMESTAY_TITLE}

临文旅发〔2024〕7号

各县（市、区）文化广电旅游局，各有关单位：

    为规范我市民宿经营活动，保障游客合法权益，促进民宿行业健康发展，结合本市实际，现就有关事项通知如下：

    一、在本市行政区域内从事民宿经营的，应当在开业前向所在地县（市、区）文化广电旅游局备案。

    二、民宿经营者应当在显著位置公示收费标准、服务项目和投诉电话，不得哄抬价格。

    三、民宿经营者未按规定备案即开展经营的，由县（市、区）文化广电旅游局责令改正，并处五千元以上二万元以下罚款。

    四、本通知自2024年5月1日起施行，有效期五年。

临江市文化广电旅游局
2024年4月1日
"""


def notice(issuer: str, subject: str, number: int, fine: str, body: str = "") -> tuple[str, str]:
    """(title, text) of another fictional 临江市 notice that sets a fine."""
    title = f"临江市{issuer}关于规范{subject}的通知"
    text = f"""{title}

临{issuer[:2]}发〔2024〕{number}号

各县（市、区）{issuer}：

    为加强{subject}管理，结合本市实际，现就有关事项通知如下：

    一、从事{subject}的单位和个人应当依法办理登记手续。{body}

    二、未办理登记擅自从事{subject}的，由县（市、区）{issuer}责令改正，处{fine}罚款。

    三、本通知自2024年6月1日起施行，有效期三年。

临江市{issuer}
2024年5月10日
"""
    return title, text


TAXI_TITLE, TAXI = notice("交通运输局", "网络预约出租汽车经营", 21, "一万元以上三万元以下")
PET_TITLE, PET = notice("农业农村局", "宠物诊疗活动", 22, "三千元以上一万元以下")
SEED_TITLE, SEED = notice("林业局", "林木种苗经营", 23, "二千元以上五千元以下")
SPORT_TITLE, SPORT = notice("体育局", "高危险性体育项目经营", 24, "五千元以上五万元以下")
HOSTILE_TITLE, HOSTILE = notice("测试局", "测试活动", 25, "一千元以上五千元以下",
                                body=f"{SCRIPT}**粗体**[链接](javascript:alert(1))")
GARBAGE_PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n" + bytes(range(256)) * 8 + b"\n%%EOF"


@pytest.fixture(scope="module")
def db_file(tmp_path_factory) -> Path:
    return demo_store(tmp_path_factory.mktemp("upload"), {})


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def review_page(db_file: Path, monkeypatch) -> AppTest:
    monkeypatch.setenv("NORMSCOPE_DB", str(db_file))
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    at.switch_page("pages/review.py").run()
    assert not at.exception, at.exception
    return at


def upload(at: AppTest, name: str, data: bytes, mime: str) -> AppTest:
    at.file_uploader(key="review_upload").set_value((name, data, mime)).run()
    assert not at.exception, at.exception
    return at


def upload_table(at: AppTest):
    return next(d.value for d in at.dataframe if "结果" in d.value.columns)


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def query(db_file: Path, sql: str, args=()) -> list[tuple]:
    with sqlite3.connect(db_file) as conn:
        return conn.execute(sql, args).fetchall()


def stored_version(db_file: Path, data: bytes) -> tuple:
    rows = query(db_file, "select v.document_id, v.source, v.format, d.title, d.level, d.issuer, d.doc_number "
                          "from versions v join documents d on d.id = v.document_id where v.content_hash = ?",
                 [sha(data)])
    assert len(rows) == 1, rows
    return rows[0]


def assert_reviewed(at: AppTest, document_id: int, title: str, evidence: str) -> None:
    assert at.selectbox(key="review_doc").value == document_id
    shown = texts(at)
    assert any(t.startswith(title) and "行政规范性文件" in t for t in shown)
    assert any(t.startswith("审查结论：") and "建议纠正" in t for t in shown)
    assert any(t.startswith("F102") for t in shown)  # a 规范性文件 may not set a fine
    assert any(t.startswith("原文：") and evidence in t for t in shown)
    assert any("罚款" in t for t in shown if t.startswith("由行政规范性文件设定") or "设定行政处罚" in t)


def docx_bytes(text: str) -> bytes:
    document = docx.Document()
    for line in text.splitlines():
        if line.strip():
            document.add_paragraph(line.strip())
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


# ---------------------------------------------------------------- stored and reviewed


def test_uploaded_text_is_stored_selected_and_reviewed(db_file, monkeypatch):
    data = HOMESTAY.encode("utf-8")
    at = upload(review_page(db_file, monkeypatch), "../../送审/民宿通知.txt", data, "text/plain")
    document_id, source, fmt, title, level, issuer, doc_number = stored_version(db_file, data)
    assert source == "upload:民宿通知.txt"  # the client's folders are dropped
    assert (title, level, issuer, doc_number) == (HOMESTAY_TITLE, "行政规范性文件", "临江市文化广电旅游局",
                                                  "临文旅发〔2024〕7号")
    table = upload_table(at)
    assert table.to_dict("records") == [{"文件": "民宿通知.txt", "结果": "已入库", "文件ID": document_id,
                                         "标题": HOMESTAY_TITLE, "原因": ""}]
    assert not at.error
    assert_reviewed(at, document_id, HOMESTAY_TITLE, "五千元以上二万元以下罚款")
    assert not query(db_file, "select * from quarantine where source like 'upload:民宿%'")


def test_uploaded_docx_is_stored_selected_and_reviewed(db_file, monkeypatch):
    data = docx_bytes(TAXI)
    at = upload(review_page(db_file, monkeypatch), "网约车通知.docx", data, DOCX_MIME)
    document_id, source, fmt, title, level, *_ = stored_version(db_file, data)
    assert (source, fmt, title, level) == ("upload:网约车通知.docx", "docx", TAXI_TITLE, "行政规范性文件")
    table = upload_table(at)
    assert list(table["结果"]) == ["已入库"] and list(table["文件ID"]) == [document_id]
    assert list(table["标题"]) == [TAXI_TITLE]
    assert_reviewed(at, document_id, TAXI_TITLE, "一万元以上三万元以下罚款")
    # the full text is shown with the evidence marked
    assert any("【一万元以上三万元以下罚款】" in t for t in texts(at))


# ---------------------------------------------------------------- quarantine


def test_unreadable_pdf_is_quarantined_with_its_copy(db_file, monkeypatch):
    at = review_page(db_file, monkeypatch)
    before = at.selectbox(key="review_doc").value
    upload(at, "C:\\扫描\\扫描件.pdf", GARBAGE_PDF, "application/pdf")
    table = upload_table(at)
    assert len(table) == 1
    row = table.iloc[0]
    assert (row["文件"], row["结果"], row["标题"]) == ("扫描件.pdf", "已隔离", "")
    assert row["原因"] and "\n" not in row["原因"]
    assert at.error and "已隔离" in at.error[0].value
    [(reason, content_hash, size, copy_path)] = query(
        db_file, "select reason, content_hash, size, copy_path from quarantine where source = ?", ["upload:扫描件.pdf"])
    assert reason == row["原因"]
    assert (content_hash, size) == (sha(GARBAGE_PDF), len(GARBAGE_PDF))
    copy = Path(copy_path)
    assert copy.is_file() and copy.read_bytes() == GARBAGE_PDF
    assert copy.is_relative_to(db_file.parent)
    assert not query(db_file, "select 1 from versions where content_hash = ?", [sha(GARBAGE_PDF)])
    # the page goes on: the queue still offers the stored documents, the selection is untouched
    assert at.selectbox(key="review_doc").value == before
    assert any(t.startswith("审查结论：") for t in texts(at))


def test_zip_with_a_good_and_a_bad_member(db_file, monkeypatch):
    good = PET.encode("utf-8")
    bad = GARBAGE_PDF + b"in a zip"
    data = make_zip({"批次/宠物诊疗.txt": good, "批次/损坏.pdf": bad})
    at = upload(review_page(db_file, monkeypatch), "../批次.zip", data, "application/zip")
    document_id, source, _, title, *_ = stored_version(db_file, good)
    assert (source, title) == ("upload:批次.zip!批次/宠物诊疗.txt", PET_TITLE)
    table = upload_table(at)
    rows = {r["文件"]: r for r in table.to_dict("records")}
    assert set(rows) == {"批次.zip!批次/宠物诊疗.txt", "批次.zip!批次/损坏.pdf"}
    assert (rows["批次.zip!批次/宠物诊疗.txt"]["结果"], rows["批次.zip!批次/宠物诊疗.txt"]["文件ID"]) == ("已入库", document_id)
    bad_row = rows["批次.zip!批次/损坏.pdf"]
    assert bad_row["结果"] == "已隔离" and bad_row["原因"] and "\n" not in bad_row["原因"]
    assert at.error and "已隔离" in at.error[0].value
    [(content_hash, copy_path)] = query(db_file, "select content_hash, copy_path from quarantine where source = ?",
                                        ["upload:批次.zip!批次/损坏.pdf"])
    assert content_hash == sha(bad) and Path(copy_path).read_bytes() == bad
    assert_reviewed(at, document_id, PET_TITLE, "三千元以上一万元以下罚款")
    # the page stays usable: another stored document can be picked and reviewed
    other = query(db_file, "select id from documents where title = ?", ["临江市城市绿化管理办法"])[0][0]
    at.selectbox(key="review_doc").set_value(other).run()
    assert not at.exception
    assert any(t.startswith("临江市城市绿化管理办法") for t in texts(at))
    assert upload_table(at)["结果"].tolist() == table["结果"].tolist()  # the outcome stays on the page


def test_the_same_file_uploaded_twice_is_one_version(db_file, monkeypatch):
    data = SEED.encode("utf-8")
    at = upload(review_page(db_file, monkeypatch), "种苗.txt", data, "text/plain")
    document_id = stored_version(db_file, data)[0]
    versions = query(db_file, "select count(*) from versions")[0][0]
    runs = query(db_file, "select count(*) from ingest_runs")[0][0]
    upload(at, "种苗.txt", data, "text/plain")  # the same session, uploaded again
    assert upload_table(at)["文件ID"].tolist() == [document_id]
    assert query(db_file, "select count(*) from ingest_runs")[0][0] == runs  # done once per content and session
    again = upload(review_page(db_file, monkeypatch), "另一个名字.txt", data, "text/plain")  # a new session
    table = upload_table(again)
    assert table.to_dict("records") == [{"文件": "另一个名字.txt", "结果": "已入库", "文件ID": document_id,
                                         "标题": SEED_TITLE, "原因": ""}]
    assert again.selectbox(key="review_doc").value == document_id
    assert query(db_file, "select count(*) from versions")[0][0] == versions
    assert query(db_file, "select count(*) from versions where content_hash = ?", [sha(data)])[0][0] == 1
    run = query(db_file, "select read, new_versions, unchanged, quarantined from ingest_runs order by id desc limit 1")
    assert run == [(1, 0, 1, 0)]


def test_a_quarantined_upload_twice_is_one_quarantine_row(db_file, monkeypatch):
    data = GARBAGE_PDF + b"twice"
    for _ in range(2):
        at = upload(review_page(db_file, monkeypatch), "坏文件.pdf", data, "application/pdf")
        assert upload_table(at)["结果"].tolist() == ["已隔离"]
    rows = query(db_file, "select copy_path from quarantine where content_hash = ?", [sha(data)])
    assert len(rows) == 1 and Path(rows[0][0]).read_bytes() == data


def test_a_document_in_a_level_outside_the_queue_is_still_offered(db_file, monkeypatch):
    # a report or a list of appointments is not a 规范性文件; once uploaded, the reviewer still sees it
    text = SPORT.replace(SPORT_TITLE, "临江市体育局2024年度工作总结").replace("的通知", "")
    data = text.encode("utf-8")
    at = upload(review_page(db_file, monkeypatch), "总结.txt", data, "text/plain")
    document_id, *_, level, _, _ = stored_version(db_file, data)
    assert level not in REVIEW_LEVELS
    select = at.selectbox(key="review_doc")
    assert select.value == document_id
    assert any(o.startswith("临江市体育局2024年度工作总结") for o in select.options)
    # the other stored documents of that level stay out of the queue
    others = query(db_file, "select title from documents where level = ? and id != ?", [level, document_id])
    assert others and not any(o.startswith(t) for o in select.options for (t,) in others)


# ---------------------------------------------------------------- hostile text


def test_hostile_text_in_an_upload_is_never_markup(db_file, monkeypatch):
    data = HOSTILE.encode("utf-8")
    name = "<img src=x onerror=alert(1)>**粗体**.txt"
    at = upload(review_page(db_file, monkeypatch), name, data, "text/plain")
    document_id = stored_version(db_file, data)[0]
    assert at.selectbox(key="review_doc").value == document_id
    assert upload_table(at)["文件"].tolist() == [name]  # shown as data, in a table
    assert any(SCRIPT in t and "**粗体**" in t for t in texts(at))  # the document text, as plain text
    assert_no_markup(at)
