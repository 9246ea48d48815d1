"""Provision search by the day a version was in force (issue 6): the officer's question is which text
applied when the act happened, not which applies today."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ingest.store import Store, search_articles, status_on
from tests.paths import ROOT
from tests.ui.conftest import demo_store

TITLE = "临江市测试活动管理办法"


def version(year: int, month: int, fine: str, extra: str = "") -> str:
    return f"""{TITLE}

（{year}年{month}月1日临江市人民政府令第{year - 2000}号公布）

第一条 为了规范测试活动，制定本办法。
第二条 未经登记擅自从事测试活动的，由市测试主管部门责令改正，处{fine}罚款。{extra}
第三条 本办法自{year}年{month}月15日起施行。
"""


@pytest.fixture(scope="module")
def db_file(tmp_path_factory) -> Path:
    return demo_store(tmp_path_factory.mktemp("inforce"), {
        f"{TITLE}(2015-03-01).txt": version(2015, 3, "一千元以上五千元以下"),
        f"{TITLE}(2022-06-01).txt": version(2022, 6, "五千元以上三万元以下", "情节严重的，处三万元以上十万元以下罚款。"),
    })


def fines_on(db_file: Path, day: str | None) -> set[str]:
    store = Store(db_file)
    try:
        rows = search_articles(store, "擅自从事测试活动", limit=50, in_force_on=day)
    finally:
        store.close()
    return {r["version_date"] for r in rows if r["title"] == TITLE}


def test_two_versions_stored(db_file):
    with sqlite3.connect(db_file) as conn:
        dates = conn.execute("select v.version_date, v.effective from versions v join documents d "
                             "on d.id = v.document_id where d.title = ? order by 1", [TITLE]).fetchall()
    assert dates == [("2015-03-01", "2015-03-15"), ("2022-06-01", "2022-06-15")]


@pytest.mark.parametrize(("day", "expected"), [
    ("2014-12-31", set()),                      # before the first version took effect
    ("2015-03-10", set()),                      # published, not yet in force
    ("2015-03-15", {"2015-03-01"}),             # its first day
    ("2020-01-01", {"2015-03-01"}),
    ("2022-06-14", {"2015-03-01"}),             # the new version is published but not yet in force
    ("2022-06-15", {"2022-06-01"}),
    ("2026-01-01", {"2022-06-01"}),
    (None, {"2015-03-01", "2022-06-01"}),       # no date: every version
])
def test_search_keeps_the_version_in_force_on_the_day(db_file, day, expected):
    assert fines_on(db_file, day) == expected


def test_sql_and_page_rule_agree_on_every_version(db_file):
    """IN_FORCE_ON_SQL (search) and status_on (provision page) must never disagree."""
    conn = sqlite3.connect(db_file)
    conn.row_factory = sqlite3.Row
    versions = [dict(r) for r in conn.execute("select * from versions")]
    by_doc: dict[int, list[dict]] = {}
    for v in versions:
        by_doc.setdefault(v["document_id"], []).append(v)
    from ingest.store import IN_FORCE_ON_SQL
    for day in ("2000-01-01", "2015-03-20", "2022-06-14", "2022-06-15", "2024-05-01", "2030-01-01"):
        in_sql = {r[0] for r in conn.execute(f"select v.id from versions v where {IN_FORCE_ON_SQL}", {"day": day})}
        in_py = {v["id"] for v in versions if status_on(v, by_doc[v["document_id"]], day) == "有效"}
        assert in_sql == in_py, day
    conn.close()


def test_search_page_filters_by_day(db_file, monkeypatch):
    from datetime import date

    monkeypatch.setenv("NORMSCOPE_DB", str(db_file))
    at = AppTest.from_file(str(ROOT / "ui" / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/search.py").run()
    at.text_input(key="search_query").input("擅自从事测试活动").run()
    assert set(at.dataframe[0].value["日期"]) == {"2015-03-01", "2022-06-01"}
    at.toggle(key="search_on_day").set_value(True).run()
    at.date_input(key="search_day").set_value(date(2018, 5, 1)).run()
    assert not at.exception
    table = at.dataframe[0].value
    assert set(table["日期"]) == {"2015-03-01"}
    assert table["正文"].str.contains("一千元以上五千元以下").all()
    assert "找到 1 条（2018-05-01 有效的版本）" in [t.value for t in at.text]
