"""Uploads from the workspace (ingest.run.upload_inputs) through ingest: the client's file name is a
label, never a path; the same size limits, archive walk and quarantine as a file on disk; what is
refused keeps its bytes beside the database; re-uploading changes nothing."""
from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path

import pytest

from ingest.limits import Limits
from ingest.run import Input, ingest, upload_inputs
from ingest.store import Store
from tests.ingest.samples import make_zip

SMALL = Limits(max_file_bytes=2_000, max_archive_total_bytes=8_000)


def notice(subject: str, number: int) -> str:
    """A short, distinct 规范性文件 of the fictional 临江市."""
    return f"""临江市测试局关于规范{subject}的通知

临测发〔2024〕{number}号

各区县测试部门：

一、从事{subject}的单位应当遵守本通知。
二、本通知自2024年3月1日起施行，有效期五年。

临江市测试局
2024年2月1日
"""


GOOD_A = notice("测试登记活动", 11).encode("utf-8")
GOOD_B = notice("测试档案管理", 12).encode("utf-8")
GARBAGE_PDF = b"%PDF-1.7\n" + bytes(range(256)) * 4  # a PDF header, then nothing a reader can use


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def one(name: str, data: bytes, limits: Limits = SMALL) -> Input:
    inputs = list(upload_inputs(name, data, limits))
    assert len(inputs) == 1, inputs
    return inputs[0]


# ---------------------------------------------------------------- upload_inputs


@pytest.mark.parametrize(("name", "source"), [
    ("../../etc/x.txt", "upload:x.txt"),
    ("C:\\evil\\a.txt", "upload:a.txt"),
    ("..\\..\\windows\\b.docx", "upload:b.docx"),
    ("/etc/passwd", "upload:passwd"),
    ("送审稿/临江市通知.txt", "upload:临江市通知.txt"),
    ("plain.txt", "upload:plain.txt"),
    ("", "upload:file"),
    ("..", "upload:file"),
    ("a/..", "upload:file"),
    ("dir/", "upload:dir"),
])
def test_the_client_path_is_never_trusted(name, source):
    inp = one(name, GOOD_A)
    assert inp.source == source
    assert (inp.data, inp.error, inp.size, inp.path) == (GOOD_A, None, len(GOOD_A), None)


def test_a_file_over_the_limit_is_one_refused_input_keeping_its_bytes():
    data = b"x" * (SMALL.max_file_bytes + 1)
    inp = one("../big.txt", data)
    assert inp.source == "upload:big.txt"
    assert inp.error.startswith("file too large:") and inp.error.endswith("limit")
    assert inp.data == data and inp.size == len(data)
    at_limit = one("big.txt", b"x" * SMALL.max_file_bytes)
    assert at_limit.error is None


def noise(n: int, seed: str) -> bytes:
    """Bytes deflate cannot shrink, so an archive's size is known in advance."""
    out = b""
    while len(out) < n:
        out += hashlib.sha256((seed + str(len(out))).encode()).digest()
    return out[:n]


def test_an_archive_is_measured_against_the_archive_limit():
    # larger than a single file may be, smaller than an archive may be: walked, not refused
    members = {f"{i}.bin": noise(1_500, str(i)) for i in range(3)}
    data = make_zip(members)
    assert SMALL.max_file_bytes < len(data) < SMALL.max_archive_total_bytes
    got = list(upload_inputs("ok.zip", data, SMALL))
    assert [(i.source, i.data, i.error) for i in got] == [(f"upload:ok.zip!{n}", d, None) for n, d in members.items()]
    big = make_zip({"noise.bin": noise(10_000, "big")})
    assert len(big) > SMALL.max_archive_total_bytes
    inp = one("C:\\up\\big.zip", big)
    assert inp.source == "upload:big.zip"
    assert inp.error.startswith("archive too large:") and inp.error.endswith("limit")
    assert inp.data == big and inp.size == len(big)


def test_a_zip_is_expanded_member_by_member():
    data = make_zip({
        "送审/甲.txt": GOOD_A,
        "乙.txt": GOOD_B,
        "../../evil.txt": b"escape",
        "/abs/evil.txt": b"escape",
        "__MACOSX/._甲.txt": b"junk",
    })
    got = {i.source: i for i in upload_inputs("../../批次.zip", data, SMALL)}
    assert set(got) == {"upload:批次.zip!送审/甲.txt", "upload:批次.zip!乙.txt",
                        "upload:批次.zip!../../evil.txt", "upload:批次.zip!/abs/evil.txt"}
    assert got["upload:批次.zip!送审/甲.txt"].data == GOOD_A
    assert got["upload:批次.zip!乙.txt"].data == GOOD_B
    for source in ("upload:批次.zip!../../evil.txt", "upload:批次.zip!/abs/evil.txt"):
        assert got[source].error.startswith("unsafe path in archive:")
        assert got[source].data is None  # never read
    assert all(i.path is None for i in got.values())


def test_a_nested_zip_is_walked():
    inner = make_zip({"丙.txt": GOOD_A})
    got = list(upload_inputs("外.zip", make_zip({"内.zip": inner}), SMALL))
    assert [(i.source, i.data, i.error) for i in got] == [("upload:外.zip!内.zip!丙.txt", GOOD_A, None)]


@pytest.mark.parametrize("data", [b"PK\x03\x04" + b"\x00garbage" * 40, make_zip({"a.txt": GOOD_A})[:-30]])
def test_a_corrupt_zip_is_one_refused_input_carrying_its_bytes(data):
    inp = one("坏.zip", data)
    assert inp.source == "upload:坏.zip"
    assert inp.error.startswith("corrupt zip archive")
    assert inp.data == data and inp.size == len(data)


# ---------------------------------------------------------------- through ingest, one store for the module

BATCH = make_zip({
    "送审/甲.txt": GOOD_A,
    "乙.txt": GOOD_B,
    "丁.pdf": GARBAGE_PDF,
    "空.txt": b"",
    "../../evil.txt": b"escape",
})
BATCH_SOURCES = {"甲": "upload:批次.zip!送审/甲.txt", "乙": "upload:批次.zip!乙.txt",
                 "丁": "upload:批次.zip!丁.pdf", "空": "upload:批次.zip!空.txt",
                 "evil": "upload:批次.zip!../../evil.txt"}
CORRUPT = b"PK\x03\x04" + b"\x00not really a zip" * 30
BIG = b"y" * (SMALL.max_file_bytes + 10)


@pytest.fixture(scope="module")
def runs(tmp_path_factory):
    """The batch uploaded twice, then a refused upload (corrupt zip, too large) each twice."""
    folder = tmp_path_factory.mktemp("upload")
    store = Store(folder / "n.db")
    out = {"store": store, "folder": folder}
    out["first"] = ingest([], store, inputs=upload_inputs("C:\\送审\\批次.zip", BATCH, SMALL), limits=SMALL)
    out["versions_after_first"] = count(store, "versions")
    out["quarantine_after_first"] = count(store, "quarantine")
    out["second"] = ingest([], store, inputs=upload_inputs("../批次.zip", BATCH, SMALL), limits=SMALL)
    out["renamed"] = ingest([], store, inputs=upload_inputs("另存为.txt", GOOD_A, SMALL), limits=SMALL)
    for key, name, data in (("corrupt", "坏.zip", CORRUPT), ("big", "大.txt", BIG)):
        out[key] = ingest([], store, inputs=upload_inputs(name, data, SMALL), limits=SMALL)
        out[key + "_again"] = ingest([], store, inputs=upload_inputs(name, data, SMALL), limits=SMALL)
    yield out
    store.close()


def count(store: Store, table: str) -> int:
    return store.db.execute(f"select count(*) from {table}").fetchone()[0]


def quarantine_row(store: Store, source: str) -> dict:
    rows = list(store.db.query("select * from quarantine where source = ?", [source]))
    assert len(rows) == 1, rows
    return rows[0]


def assert_kept_copy(store: Store, row: dict, data: bytes) -> None:
    assert row["content_hash"] == sha(data)
    assert row["size"] == len(data)
    copy = Path(row["copy_path"])
    assert copy.is_file() and copy.read_bytes() == data
    assert copy.parent.parent == store.path.parent / (store.path.name + ".quarantine")


def test_upload_stores_the_good_members_and_quarantines_the_rest(runs):
    first = runs["first"]
    assert first.read == 5
    assert (first.new_versions, first.unchanged) == (2, 0)
    assert first.stored == [(BATCH_SOURCES["甲"], sha(GOOD_A)), (BATCH_SOURCES["乙"], sha(GOOD_B))]
    reasons = dict(first.quarantined)
    assert set(reasons) == {BATCH_SOURCES["丁"], BATCH_SOURCES["空"], BATCH_SOURCES["evil"]}
    assert reasons[BATCH_SOURCES["evil"]].startswith("unsafe path in archive")
    assert all(r and "\n" not in r for r in reasons.values())


def test_stored_versions_carry_the_upload_source(runs):
    store = runs["store"]
    rows = {r["source"]: r for r in store.db.query("select v.source, v.content_hash, d.title from versions v "
                                                    "join documents d on d.id = v.document_id")}
    assert set(rows) == {BATCH_SOURCES["甲"], BATCH_SOURCES["乙"]}
    assert rows[BATCH_SOURCES["甲"]]["content_hash"] == sha(GOOD_A)
    assert rows[BATCH_SOURCES["甲"]]["title"] == "临江市测试局关于规范测试登记活动的通知"
    assert rows[BATCH_SOURCES["乙"]]["title"] == "临江市测试局关于规范测试档案管理的通知"
    assert not any(".." in s.split("!")[0] for s in rows)


def test_quarantined_members_keep_a_copy_of_their_bytes(runs):
    store = runs["store"]
    assert_kept_copy(store, quarantine_row(store, BATCH_SOURCES["丁"]), GARBAGE_PDF)
    assert quarantine_row(store, BATCH_SOURCES["丁"])["copy_path"].endswith(".pdf")
    empty = quarantine_row(store, BATCH_SOURCES["空"])
    assert empty["content_hash"] == sha(b"") and empty["size"] == 0
    # the traversal member was never read: nothing to keep, and nothing written outside the store's folder
    evil = quarantine_row(store, BATCH_SOURCES["evil"])
    assert (evil["content_hash"], evil["copy_path"]) == ("", None)
    assert "unsafe path" in evil["reason"]
    assert not (runs["folder"].parent / "evil.txt").exists()


def test_uploading_again_adds_no_version_and_no_quarantine_row(runs):
    store, second = runs["store"], runs["second"]
    assert (second.new_versions, second.unchanged) == (0, 2)
    assert second.stored == runs["first"].stored
    assert sorted(s for s, _ in second.quarantined) == sorted(s for s, _ in runs["first"].quarantined)
    assert count(store, "versions") == runs["versions_after_first"] == 2
    sources = [r[0] for r in store.db.execute("select source from quarantine")]
    assert len(sources) == len(set(sources))
    assert sources.count(BATCH_SOURCES["丁"]) == 1
    # the row is refreshed by the later run, not duplicated
    assert quarantine_row(store, BATCH_SOURCES["丁"])["run_id"] == runs["second"].run_id


def test_same_content_under_another_name_is_unchanged_and_reported_stored(runs):
    renamed = runs["renamed"]
    assert (renamed.read, renamed.new_versions, renamed.unchanged) == (1, 0, 1)
    assert renamed.stored == [("upload:另存为.txt", sha(GOOD_A))]
    assert count(runs["store"], "versions") == 2


def test_a_corrupt_uploaded_zip_is_quarantined_whole_with_its_copy(runs):
    store, corrupt = runs["store"], runs["corrupt"]
    assert (corrupt.read, corrupt.new_versions, corrupt.stored) == (1, 0, [])
    [(source, reason)] = corrupt.quarantined
    assert source == "upload:坏.zip" and reason.startswith("corrupt zip archive")
    row = quarantine_row(store, "upload:坏.zip")
    assert_kept_copy(store, row, CORRUPT)
    assert row["copy_path"].endswith(".zip")
    assert runs["corrupt_again"].quarantined == corrupt.quarantined
    quarantine_row(store, "upload:坏.zip")  # still one row


def test_an_upload_over_the_limit_is_quarantined_with_its_copy(runs):
    store, big = runs["store"], runs["big"]
    [(source, reason)] = big.quarantined
    assert source == "upload:大.txt" and reason.startswith("file too large:")
    assert_kept_copy(store, quarantine_row(store, "upload:大.txt"), BIG)
    assert runs["big_again"].quarantined == big.quarantined
    quarantine_row(store, "upload:大.txt")


def test_runs_are_recorded_with_their_counts(runs):
    rows = list(runs["store"].db.query("select * from ingest_runs order by id"))
    assert len(rows) == 7
    first = rows[0]
    assert (first["read"], first["new_versions"], first["unchanged"], first["quarantined"]) == (5, 2, 0, 3)
    assert first["finished_at"]


# ---------------------------------------------------------------- a corrupt zip on disk


def test_a_corrupt_zip_on_disk_keeps_a_quarantine_copy(tmp_path):
    path = tmp_path / "in" / "坏.zip"
    path.parent.mkdir()
    path.write_bytes(CORRUPT)
    store = Store(tmp_path / "n.db")
    try:
        summary = ingest([path], store)
        assert [s for s, _ in summary.quarantined] == [str(path)]
        assert summary.quarantined[0][1].startswith("corrupt zip archive")
        row = quarantine_row(store, str(path))
        assert_kept_copy(store, row, CORRUPT)
        again = ingest([path.parent], store)
        assert again.quarantined == summary.quarantined
        assert count(store, "quarantine") == 1
    finally:
        store.close()
    with sqlite3.connect(tmp_path / "n.db") as conn:
        assert conn.execute("select count(*) from versions").fetchone()[0] == 0
