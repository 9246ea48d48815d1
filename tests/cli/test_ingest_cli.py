"""`normscope ingest`, `parse`, `stats` and `search` end to end on real corpus files."""
import shutil
import sqlite3

import pytest

from tests.cli.conftest import SHARED

LAWS = SHARED / "laws"
pytestmark = pytest.mark.skipif(not LAWS.exists(), reason="../shared/corpus not present")

SAMPLE = [
    "行政法/行政处罚法(2021-01-22).md",
    "行政法/行政许可法(2019-04-23).md",
    "地方性法规/上海/上海口岸服务条例(2020-05-14).md",
    "行政法/体育法(2016-11-07).md",
    "行政法/体育法(2022-06-24).md",
]


@pytest.fixture
def sample(tmp_path):
    folder = tmp_path / "in"
    for rel in SAMPLE:
        src = LAWS / rel
        if not src.exists():
            pytest.skip(f"corpus file missing: {rel}")
        dst = folder / rel
        dst.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(src, dst)
    return folder


def test_ingest_then_reingest_is_a_noop(sample, tmp_path, cli_json):
    db = str(tmp_path / "n.db")
    first = cli_json("ingest", str(sample), "--db", db, "--workers", "2")
    assert first["read"] == 5 and first["new_versions"] == 5 and first["quarantined"] == 0
    stats = cli_json("stats", "--db", db)
    assert stats["documents"] == 4  # two versions of 体育法 are one document
    assert stats["versions"] == 5
    assert stats["articles"] > 300
    second = cli_json("ingest", str(sample), "--db", db)
    assert second["new_versions"] == 0 and second["unchanged"] == 5
    assert cli_json("stats", "--db", db) == stats


def test_changed_file_becomes_a_new_version(sample, tmp_path, cli_json):
    db = str(tmp_path / "n.db")
    cli_json("ingest", str(sample), "--db", db)
    f = sample / SAMPLE[2]
    f.write_text(f.read_text(encoding="utf-8") + "\n第九十九条 本条例自公布之日起施行。\n", encoding="utf-8")
    out = cli_json("ingest", str(sample), "--db", db)
    assert out["new_versions"] == 1 and out["unchanged"] == 4
    con = sqlite3.connect(db)
    n = con.execute("select count(*) from versions v join documents d on d.id = v.document_id "
                    "where d.title = '上海口岸服务条例'").fetchone()[0]
    assert n == 2


def test_manifest_facts_override_the_text(sample, tmp_path, cli_json):
    manifest = sample / "manifest.csv"
    manifest.write_text(
        "path,title,level,version_date,effective_date,superseded\n"
        f"{SAMPLE[3]},中华人民共和国体育法,法律,2016-11-07,2016-11-07,1\n", encoding="utf-8")
    db = str(tmp_path / "n.db")
    cli_json("ingest", str(sample / "行政法"), "--manifest", str(manifest), "--db", db)
    con = sqlite3.connect(db)
    row = con.execute("select level, version_date, effective, superseded from versions "
                      "where source like '%体育法(2016-11-07).md'").fetchone()
    assert row == ("法律", "2016-11-07", "2016-11-07", 1)


def test_parse_json_contract(cli_json):
    out = cli_json("parse", str(LAWS / SAMPLE[0]))
    assert out["title"] == "中华人民共和国行政处罚法"
    assert out["level"] == "法律"
    assert out["issuer"] == "全国人民代表大会"  # adopted by the NPC in 1996, revised by its standing committee
    assert out["dates"]["adopted"] == "1996-03-17"
    assert out["dates"]["effective"] == "2021-07-15"
    arts = out["articles"]
    assert len(arts) == 86
    assert [a["number"] for a in arts] == list(range(1, 87))
    a16 = arts[15]
    assert a16["label"] == "第十六条" and a16["path"] == ["第二章 行政处罚的种类和设定"]
    text = (LAWS / SAMPLE[0]).read_text(encoding="utf-8")
    assert text[a16["start"]:a16["end"]].startswith("第十六条")
    assert a16["text"] in text[a16["start"]:a16["end"]]
    for key in ("source", "doc_number", "dates", "citations", "doc_numbers", "warnings"):
        assert key in out


def test_search_finds_articles_and_filters(sample, tmp_path, cli_json):
    db = str(tmp_path / "n.db")
    cli_json("ingest", str(sample), "--db", db)
    out = cli_json("search", "听证", "--db", db, "--limit", "50")
    assert out["results"] and all("听证" in r["text"] for r in out["results"])
    long = cli_json("search", "行政处罚决定", "--db", db, "--level", "法律")
    assert long["results"] and all(r["level"] == "法律" for r in long["results"])
    fines = cli_json("search", "处五万元以上五十万元以下", "--db", db)["results"]
    assert fines and all("处罚" in r["types"] and "罚款" in r["penalty_kinds"] for r in fines)
    assert any((f["min"], f["max"]) == (50000, 500000) for r in fines for f in r["fines"])
    old = cli_json("search", "体育", "--db", db, "--status", "已被修改")
    assert old["results"] and all(r["version_date"] == "2016-11-07" for r in old["results"])
    hostile = cli_json("search", '处罚" OR "x*', "--db", db)
    assert hostile["results"] == []


def test_parse_unreadable_file_exits_2(tmp_path, cli):
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    proc = cli("parse", str(bad), "--json")
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert len(proc.stderr.strip().splitlines()) == 1 and "empty" in proc.stderr


def test_missing_path_is_bad_usage(tmp_path, cli):
    proc = cli("ingest", str(tmp_path / "nope"), "--db", str(tmp_path / "n.db"))
    assert proc.returncode == 2 and "no such file" in proc.stderr
