"""Queues by decision state (issue 6): the 处理状态 filter on the review, cleanup and dossier pages, undecided
findings first, each finding's decision history, and the overview's issuer and decision charts.

One store per module (corpus/normative); each test decides on its own document or finding, so the
tests do not depend on their order.
"""
from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
import sqlite_utils
from streamlit import dataframe_util
from streamlit.testing.v1 import AppTest

from tests.paths import ROOT
from tests.ui.conftest import demo_store
from ui import decisions

APP = str(ROOT / "ui" / "app.py")
CLEANUP = str(ROOT / "ui" / "pages" / "cleanup.py")
DOSSIER = str(ROOT / "ui" / "pages" / "dossier.py")
OVERVIEW = str(ROOT / "ui" / "pages" / "overview.py")
CASE07 = ROOT / "corpus" / "dossiers" / "案卷07"
BIKES = "临江市城市管理局关于加强互联网租赁自行车停放管理的通知"
DUST = "临江市住房和城乡建设局临江市生态环境局关于进一步加强建设工程施工扬尘防治工作的通知"
FOOD = "临江市食品摊贩经营管理办法"
RURAL_WASTE = "青川县人民政府办公室关于印发《青川县农村生活垃圾分类管理办法》的通知"
PREPAID = "临江市市场监督管理局关于规范单用途商业预付卡经营活动的规定"
BUILDING_WASTE = "临江市人民政府关于加强建筑垃圾运输处置管理的规定"
TIMEOUT = 120


@pytest.fixture(scope="module")
def db_file(tmp_path_factory) -> Path:
    return demo_store(tmp_path_factory.mktemp("queues"), {})


@pytest.fixture
def env(db_file, monkeypatch) -> Path:
    monkeypatch.setenv("NORMSCOPE_DB", str(db_file))
    return db_file


def doc_id(db_file: Path, title: str) -> int:
    with sqlite3.connect(db_file) as conn:
        return conn.execute("select id from documents where title = ?", [title]).fetchone()[0]


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def name_reviewer(at: AppTest, name: str) -> AppTest:
    at.text_input(key="reviewer_input").input(name).run()
    assert not at.exception, at.exception
    return at


def open_review(env: Path, title: str, reviewer: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=TIMEOUT)
    at.run()
    if reviewer:
        name_reviewer(at, reviewer)
    at.switch_page("pages/review.py").run()
    at.selectbox(key="review_doc").set_value(doc_id(env, title)).run()
    assert not at.exception, at.exception
    return at


def run_page(script: str, reviewer: str | None = None) -> AppTest:
    at = AppTest.from_file(script, default_timeout=TIMEOUT)
    at.run()
    assert not at.exception, at.exception
    return name_reviewer(at, reviewer) if reviewer else at


def cards(at: AppTest, prefix: str = "") -> list[str]:
    """The finding ids of the cards on the page, in page order (from their 采纳 buttons)."""
    return [b.key.removeprefix(f"{prefix}accept-") for b in at.button if b.key.startswith(f"{prefix}accept-")]


def set_states(at: AppTest, key: str, states: list[str]) -> AppTest:
    at.multiselect(key=key).set_value(states).run()
    assert not at.exception, at.exception
    return at


def latest_rows(db_file: Path, finding_id: str) -> list[dict]:
    return list(sqlite_utils.Database(db_file).query(
        "select decision, reviewer, note, kind from decisions where finding_id = ? order by id", [finding_id]))


# ---------------------------------------------------------------- review queue


def test_review_queue_by_state_and_undecided_first(env):
    at = open_review(env, BIKES, reviewer="张三")
    select = at.multiselect(key="review_states")
    assert select.value == [] and select.options == ["未处理", "采纳", "不采纳", "批注"]
    before = cards(at)
    assert len(before) >= 3
    n = len(before)
    assert any(s.value == f"问题（{n}，未处理 {n}）" for s in at.subheader)
    first = before[0]  # decided below: it must move behind the undecided ones
    at.button(key=f"dismiss-{first}").click().run()
    assert not at.exception
    assert [(r["decision"], r["reviewer"], r["kind"]) for r in latest_rows(env, first)] == [("dismissed", "张三", "review")]

    assert cards(at) == before[1:] + [first]
    assert any(s.value == f"问题（{n}，未处理 {n - 1}）" for s in at.subheader)

    set_states(at, "review_states", ["undecided"])
    assert cards(at) == before[1:]
    set_states(at, "review_states", ["dismissed"])
    assert cards(at) == [first]
    assert any(t.startswith("决定：不采纳（张三") for t in texts(at))
    set_states(at, "review_states", ["accepted"])
    assert cards(at) == []
    assert "没有处于所选状态的问题。" in texts(at)
    set_states(at, "review_states", ["accepted", "dismissed"])
    assert cards(at) == [first]
    set_states(at, "review_states", [])
    assert cards(at) == before[1:] + [first]
    # the full text still marks every finding, whatever the filter
    set_states(at, "review_states", ["dismissed"])
    full = next(t for t in texts(at) if "【" in t and len(t) > 200)
    assert full.count("【") >= min(n, 2)


def test_two_decisions_show_the_decision_history(env):
    at = open_review(env, DUST, reviewer="李四")
    fid = cards(at)[0]
    at.button(key=f"accept-{fid}").click().run()
    assert not at.exception
    assert not [e for e in at.get("expander") if e.label.startswith("决定记录")]  # one decision: no history yet
    name_reviewer(at, "王五")
    at.text_input(key=f"note-{fid}").input("经复核，依据充分").run()
    at.button(key=f"dismiss-{fid}").click().run()
    assert not at.exception
    assert [(r["decision"], r["reviewer"], r["note"]) for r in latest_rows(env, fid)] == [
        ("accepted", "李四", None), ("dismissed", "王五", "经复核，依据充分")]
    history = [e for e in at.get("expander") if e.label.startswith("决定记录")]
    assert [e.label for e in history] == ["决定记录（2 次）"]
    table = history[0].dataframe[0].value
    assert list(table.columns) == ["时间", "审查人", "决定", "批注"]
    assert table[["审查人", "决定", "批注"]].values.tolist() == [["李四", "采纳", ""], ["王五", "不采纳", "经复核，依据充分"]]
    assert all(t.endswith("+00:00") for t in table["时间"])
    assert any(t.startswith("决定：不采纳（王五") and "批注：经复核，依据充分" in t for t in texts(at))
    # its card now sits among the decided ones, after every undecided card
    assert cards(at)[-1] == fid


# ---------------------------------------------------------------- cleanup board


def cleanup_titles(at: AppTest) -> set[str]:
    tables = [d.value for d in at.dataframe if "清理建议" in d.value.columns]
    return set(tables[0]["标题"]) if tables else set()


def cleanup_fids(at: AppTest) -> dict[int, list[str]]:
    return {d["id"]: [f["id"] for f in d["findings"]] for d in at.session_state["cleanup_result"]["documents"]}


def test_cleanup_state_filter(env):
    waste, food = doc_id(env, BUILDING_WASTE), doc_id(env, FOOD)
    at = run_page(CLEANUP, reviewer="赵六")
    everyone = cleanup_titles(at)
    assert {BUILDING_WASTE, FOOD, PREPAID} <= everyone
    fids = cleanup_fids(at)
    assert len(fids[waste]) >= 1 and len(fids[food]) >= 2
    others = {f for d, ids in fids.items() if d not in (waste, food) for f in ids}
    assert not others & set(fids[waste] + fids[food])

    at.multiselect(key="cleanup_bulk").set_value([waste]).run()
    at.button(key="cleanup_bulk_dismiss").click().run()
    assert not at.exception
    at.multiselect(key="cleanup_bulk").set_value([]).run()
    accepted = fids[food][0]
    at.button(key=f"cleanup-accept-{food}-{accepted}").click().run()
    assert not at.exception
    assert [(r["decision"], r["kind"]) for r in latest_rows(env, accepted)] == [("accepted", "cleanup")]

    set_states(at, "cleanup_states", ["dismissed"])
    assert cleanup_titles(at) == {BUILDING_WASTE}  # the only document with a dismissed finding
    assert "筛选后 1 件" in texts(at)
    set_states(at, "cleanup_states", ["accepted"])
    shown = cleanup_titles(at)
    assert FOOD in shown and BUILDING_WASTE not in shown and PREPAID not in shown
    # the document's card lists only its findings in the chosen state
    assert [c for c in cards(at, "cleanup-") if c.startswith(f"{food}-")] == [f"{food}-{accepted}"]
    set_states(at, "cleanup_states", ["undecided"])
    shown = cleanup_titles(at)
    assert BUILDING_WASTE not in shown  # every finding of it is decided
    assert {FOOD, PREPAID} <= shown  # the food rules still have an undecided finding
    assert [c for c in cards(at, "cleanup-") if c.startswith(f"{food}-")] == [f"{food}-{f}" for f in fids[food][1:]]
    set_states(at, "cleanup_states", ["annotated"])
    assert cleanup_titles(at) == set() and "筛选后 0 件" in texts(at)
    set_states(at, "cleanup_states", [])
    assert cleanup_titles(at) == everyone
    # no filter: within a document the undecided findings come first
    assert [c for c in cards(at, "cleanup-") if c.startswith(f"{food}-")] == \
        [f"{food}-{f}" for f in fids[food][1:]] + [f"{food}-{accepted}"]


def test_a_decision_on_one_document_leaves_anothers_identical_finding_undecided(tmp_path, monkeypatch):
    db_file = demo_store(tmp_path, {})
    monkeypatch.setenv("NORMSCOPE_DB", str(db_file))
    prepaid, rural = doc_id(db_file, PREPAID), doc_id(db_file, RURAL_WASTE)
    at = run_page(CLEANUP, reviewer="赵六")
    fids = cleanup_fids(at)
    # both expired on 2025-12-31: the same C101 finding in words, but each document's own id
    expired = {d: {f for f in fids[d] if f.startswith("C101-")} for d in (prepaid, rural)}
    assert expired[prepaid] and expired[rural] and not expired[prepaid] & expired[rural]
    at.multiselect(key="cleanup_bulk").set_value([prepaid]).run()
    at.button(key="cleanup_bulk_dismiss").click().run()
    assert not at.exception
    set_states(at, "cleanup_states", ["dismissed"])
    assert cleanup_titles(at) == {PREPAID}
    set_states(at, "cleanup_states", ["undecided"])
    assert RURAL_WASTE in cleanup_titles(at)


def test_cleanup_filter_drops_a_document_still_chosen_for_bulk(env):
    """A document picked for a bulk decision and then filtered out of the board must not break the page."""
    document = doc_id(env, BIKES)
    at = run_page(CLEANUP, reviewer="孙七")
    at.multiselect(key="cleanup_bulk").set_value([document]).run()
    at.button(key="cleanup_bulk_accept").click().run()
    assert not at.exception
    set_states(at, "cleanup_states", ["undecided"])
    assert BIKES not in cleanup_titles(at)
    assert document not in at.multiselect(key="cleanup_bulk").options
    set_states(at, "cleanup_states", ["accepted"])
    assert BIKES in cleanup_titles(at)


# ---------------------------------------------------------------- 案卷评查


def test_dossier_state_filter(env):
    at = run_page(DOSSIER, reviewer="周八")
    at.selectbox(key="dossier_demo").set_value(str(CASE07.resolve())).run()
    assert not at.exception
    before = cards(at, "dossier-")
    rules = [f.split("-")[0] for f in before]
    assert set(rules) >= {"D501", "D502", "D601", "D602"}
    chosen = next(f for f in before if f.startswith("D501"))
    at.button(key=f"dossier-dismiss-{chosen}").click().run()
    assert not at.exception
    assert [(r["decision"], r["kind"]) for r in latest_rows(env, chosen)] == [("dismissed", "dossier")]
    assert cards(at, "dossier-") == [f for f in before if f != chosen] + [chosen]
    set_states(at, "dossier_states", ["dismissed"])
    assert cards(at, "dossier-") == [chosen]
    set_states(at, "dossier_states", ["undecided"])
    assert cards(at, "dossier-") == [f for f in before if f != chosen]
    # the score sheet still lists every deduction with its handling
    deductions = next(d.value for d in at.dataframe if "扣分" in d.value.columns)
    assert dict(zip(deductions["规则"], deductions["处理"]))["D501"] == "不采纳"


# ---------------------------------------------------------------- overview charts


def chart_data(chart) -> tuple[dict, "object"]:
    spec = json.loads(chart.proto.spec)
    [dataset] = chart.proto.datasets
    return spec, dataframe_util.convert_arrow_bytes_to_pandas_df(dataset.data.data)


def charts_by_x(at: AppTest) -> dict[str, tuple[dict, object]]:
    out = {}
    for chart in at.get("vega_lite_chart") or at.get("arrow_vega_lite_chart"):
        spec, data = chart_data(chart)
        out[spec["encoding"]["x"]["field"]] = (spec, data)
        out[spec["encoding"]["y"]["field"]] = (spec, data)
    return out


def test_overview_draws_issuer_and_decision_charts(env):
    db = sqlite_utils.Database(env)
    decisions.record(db, "F999-overview-a", "accepted", reviewer="吴九", kind="review")
    decisions.record(db, "F999-overview-b", "annotated", reviewer="吴九", note="待议", kind="review")
    decisions.record(db, "F999-overview-c", "accepted", reviewer="吴九", kind="review")
    decisions.record(db, "F999-overview-c", "dismissed", reviewer="郑十", kind="review")  # only the latest counts
    with sqlite3.connect(env) as conn:
        issuers = dict(conn.execute("select coalesce(issuer, '—'), count(*) from documents group by 1").fetchall())
        latest = dict(conn.execute("""select decision, count(*) from decisions where id in
                                      (select max(id) from decisions group by finding_id) group by 1""").fetchall())
    at = run_page(OVERVIEW)
    assert "文件：按制定机关（前 30 位）" in [s.value for s in at.subheader]
    assert "审查决定（每个问题的最新决定）" in [s.value for s in at.subheader]
    charts = charts_by_x(at)

    spec, data = charts["制定机关"]
    assert spec["mark"]["type"] == "bar"
    assert dict(zip(data["制定机关"], data["文件数"])) == issuers
    assert issuers["临江市人民政府"] == max(issuers.values())
    assert list(data["文件数"]) == sorted(data["文件数"], reverse=True)

    spec, data = charts["决定"]
    shown = dict(zip(data["决定"], data["数量"]))
    assert spec["mark"]["type"] == "bar"
    assert set(shown) == {"采纳", "不采纳", "批注"}  # labelled in Chinese, never accepted/dismissed
    assert shown == {decisions.LABELS[k]: v for k, v in latest.items()}
    table = next(d.value for d in at.dataframe if "决定" in d.value.columns)
    assert dict(zip(table["决定"], table["数量"])) == shown
