"""`normscope search QUERY --in-force-on YYYY-MM-DD`: the provision that applied on the day the act happened."""
from __future__ import annotations

from pathlib import Path

import pytest

from ingest.run import ingest
from ingest.store import Store

TITLE = "临江市测试活动管理办法"
QUERY = "擅自从事测试活动"


def version(year: int, fine: str) -> str:
    return f"""{TITLE}

（{year}年3月1日临江市人民政府令第{year - 2000}号公布）

第一条 为了规范测试活动，制定本办法。
第二条 未经登记{QUERY}的，由市测试主管部门责令改正，处{fine}罚款。
第三条 本办法自{year}年3月15日起施行。
"""


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("inforce")
    docs = folder / "docs"
    docs.mkdir()
    (docs / f"{TITLE}(2015-03-01).txt").write_text(version(2015, "一千元以上五千元以下"), encoding="utf-8")
    (docs / f"{TITLE}(2022-03-01).txt").write_text(version(2022, "五千元以上三万元以下"), encoding="utf-8")
    store = Store(folder / "n.db")
    summary = ingest([docs], store, workers=1)
    store.close()
    assert summary.new_versions == 2
    return str(folder / "n.db")


def fines(results: list[dict]) -> list[tuple[str, str]]:
    return sorted((r["version_date"], r["text"].split("处")[-1]) for r in results if r["title"] == TITLE)


def test_search_in_force_on_a_day(db, cli_json):
    every = cli_json("search", QUERY, "--db", db)
    assert every["query"] == QUERY
    assert fines(every["results"]) == [("2015-03-01", "一千元以上五千元以下罚款。"),
                                       ("2022-03-01", "五千元以上三万元以下罚款。")]
    # published on 2022-03-01 but in force only from 2022-03-15: the old text still applied on the 14th
    eve = cli_json("search", QUERY, "--db", db, "--in-force-on", "2022-03-14")
    assert fines(eve["results"]) == [("2015-03-01", "一千元以上五千元以下罚款。")]
    assert [r["label"] for r in eve["results"]] == ["第二条"]
    new = cli_json("search", QUERY, "--db", db, "--in-force-on", "2022-03-15")
    assert fines(new["results"]) == [("2022-03-01", "五千元以上三万元以下罚款。")]
    before = cli_json("search", QUERY, "--db", db, "--in-force-on", "2010-01-01")
    assert before["results"] == []


@pytest.mark.parametrize("bad", ["2024-13-01", "yesterday"])
def test_a_bad_date_is_a_usage_error(db, cli, bad):
    before = Path(db).stat().st_mtime_ns
    proc = cli("search", QUERY, "--db", db, "--in-force-on", bad, "--json")
    assert proc.returncode == 2
    assert proc.stdout == ""
    lines = proc.stderr.strip().splitlines()
    assert lines == [f"normscope: --in-force-on must be a date like 2024-05-01, not {bad!r}"]
    assert "Traceback" not in proc.stderr
    assert Path(db).stat().st_mtime_ns == before  # refused before the store is opened
