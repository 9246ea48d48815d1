"""FTS5 query syntax and SQL in search terms and filters: every query is one literal phrase, every filter a
bound value. A naive `articles_fts match :q` would read `规范 OR 施行` as two terms, `text:测试` as a column
filter, `规范*` as a prefix query — and raise on an unbalanced quote or a NUL.

Already covered (not repeated): tests/cli/test_ingest_cli.py and tests/cli/test_search_in_force_cli.py —
search and its filters on ordinary terms, a malformed --in-force-on date exits 2.
"""
from __future__ import annotations

import json
import sqlite3
import time
from pathlib import Path

import pytest

from ingest.run import ingest
from ingest.store import Store, search_articles
from tests.security.conftest import invoke, run_cli

RULE = "临江市测试标识管理办法"
#: Articles whose text holds FTS5 and LIKE syntax literally, so a literal search must find exactly them.
TEXT = f"""{RULE}

（2023年5月1日临江市人民政府令第41号公布　自2023年6月1日起施行）

第一条　为了规范测试标识管理，制定本办法。

第二条　标识应当注明"合格"字样，不得使用*号代替。

第三条　检测报告中的NEAR(甲 乙)写法和 OR 条件应当逐项说明。

第四条　编号格式为text:规范-2024^A，不得省略冒号。

第五条　附加费按百分之5%计，编号1_2不得重复。

第六条　违反本办法第二条规定的，由市测试主管部门责令改正，处一千元以上五千元以下罚款。

第七条　本办法自2023年6月1日起施行。
"""
NOTICE = """临江市测试局关于规范测试活动的通知

临测发〔2024〕1号

各区县测试部门：

一、从事测试活动的单位应当遵守本通知。
二、本通知自2024年3月1日起施行，有效期五年。

临江市测试局
2024年2月1日
"""

#: query → the articles (第N条 of the 办法) it must find: each holds the query literally.
FOUND = {
    '"合格"': {2},
    '"合格': {2},  # unbalanced quote
    "*号代替": {2},
    "NEAR(甲 乙)": {3},
    "OR 条件": {3},
    "text:规范": {4},
    "-2024^A": {4},
    "百分之5%": {5},
    "5%": {5},  # two characters: the LIKE path, % escaped
    "%": {5},
    "_": {5},
    "1_2": {5},
    '\0"合格"\0': {2},  # NULs dropped
    '"': {2},  # one character: LIKE
    "*": {2},
}
#: Query syntax that matches nothing literally (a naive MATCH would find most articles, or fail).
NOTHING = ["规范 OR 施行", "规范 AND 管理", "NOT 规范", "规范*", "NEAR(规范 管理)", "-规范", "text:测试", "{text}:测试",
           "^为了", "(规范", "规范)", '""', "规范' OR '1'='1", "'; drop table articles; --",
           '") OR 1=1 --', "测试\0 OR 1", "规范" * 5000, "x" * 100_000]


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("fts")
    (root / "docs").mkdir()
    (root / "docs" / f"{RULE}.txt").write_text(TEXT, encoding="utf-8")
    (root / "docs" / "通知.txt").write_text(NOTICE, encoding="utf-8")
    path = root / "fts.db"
    store = Store(path)
    ingest([root / "docs"], store, workers=1)
    store.close()
    return path


@pytest.fixture(scope="module")
def store(db):
    s = Store(db)
    yield s
    s.close()


def articles(rows: list[dict]) -> set[int]:
    assert all(r["title"] == RULE for r in rows), rows
    return {r["number"] for r in rows}


def literal(query: str) -> str:
    return query.replace("\0", "").strip().lower()


@pytest.mark.parametrize("query", list(FOUND))
def test_syntax_in_a_query_is_searched_for_literally(store, query):
    rows = search_articles(store, query, limit=100)
    assert articles(rows) == FOUND[query]
    assert all(literal(query) in r["text"].lower() for r in rows)


@pytest.mark.parametrize("query", NOTHING, ids=lambda q: repr(q[:20]))
def test_query_syntax_matches_nothing_and_raises_nothing(store, query):
    started = time.perf_counter()
    assert search_articles(store, query, limit=100) == []
    assert time.perf_counter() - started < 2


def test_the_store_is_intact_after_the_injections(db):
    with sqlite3.connect(db) as conn:
        assert conn.execute("select count(*) from articles").fetchone()[0] >= 7
        assert conn.execute("select count(*) from documents").fetchone()[0] == 2


# ---------------------------------------------------------------- through the command


@pytest.mark.parametrize("query", ["NEAR(甲 乙)", '"合格', "text:规范", "%", "规范 OR 施行", "'; drop table articles; --"])
def test_search_command_takes_the_query_literally(db, store, query):
    result = invoke("search", query, "--db", db, "--json", "--limit", "100")
    assert result.exit_code == 0, result.output
    out = json.loads(result.stdout)
    assert out["query"] == query
    assert articles(out["results"]) == FOUND.get(query, set())


def test_a_query_that_looks_like_an_option_needs_the_double_dash(db):
    refused = invoke("search", "-2024^A", "--db", db, "--json")
    assert refused.exit_code == 2  # click's usage error, nothing run
    result = invoke("search", "--db", db, "--json", "--", "-2024^A")
    assert result.exit_code == 0 and articles(json.loads(result.stdout)["results"]) == {4}


@pytest.mark.parametrize(("option", "honest", "value"), [
    ("--level", "地方政府规章", "地方政府规章' OR '1'='1"),
    ("--level", "地方政府规章", "地方政府规章\" OR \"1\"=\"1"),
    ("--status", "现行有效", "现行有效' OR 1=1 --"),
    ("--status", "现行有效", "现行有效'); drop table versions; --"),
])
def test_sql_in_a_search_filter_is_a_value(db, option, honest, value):
    plain = invoke("search", "本办法", "--db", db, "--json", option, honest)
    assert plain.exit_code == 0 and json.loads(plain.stdout)["results"]  # the plain value does match
    result = invoke("search", "本办法", "--db", db, "--json", option, value)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["results"] == []


def test_sql_in_the_in_force_date_is_a_usage_error(db):
    result = invoke("search", "本办法", "--db", db, "--in-force-on", "2024-01-01' OR '1'='1")
    assert result.exit_code == 2
    assert result.stderr.count("\n") == 1 and "--in-force-on must be a date" in result.stderr


@pytest.mark.parametrize("issuer", ["' OR 1=1 --", "%", "_", "临江%"])
def test_sql_and_wildcards_in_an_issuer_filter_match_nothing(db, issuer):
    """cleanup (ingest/load.py) and basis-catalog (ingest/catalog.py, fixed) bind the issuer and escape
    LIKE's wildcards: `%` is not 'every issuer'."""
    for command, key in (("cleanup", "documents"), ("basis-catalog", "levels")):
        honest = invoke(command, "--db", db, "--json", "--issuer", "临江市")
        assert honest.exit_code == 0 and json.loads(honest.stdout)[key], command
        result = invoke(command, "--db", db, "--json", "--issuer", issuer)
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)[key] == [], (command, issuer)


def test_search_as_a_black_box(db):
    proc = run_cli("search", "NEAR(甲 乙)", "--db", str(db), "--json", cwd=db.parent)
    assert proc.returncode == 0, proc.stderr
    assert articles(json.loads(proc.stdout)["results"]) == {3}
