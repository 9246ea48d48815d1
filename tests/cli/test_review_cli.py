"""`normscope review`, `cleanup`, `basis-catalog` and `stats` as a black box on the demo database.

The demo database is built once per module with `normscope demo --db X --as-of 2026-11-23`, which
ingests corpus/normative and the laws they cite from ../shared/corpus/laws. The expectations below are
the answer key of corpus/README.md: every planted problem is reported at its place, no trap fires.
"""
from __future__ import annotations

import json
import re
import shutil
import sqlite3
from collections import Counter
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from tests.cli.conftest import ROOT, SHARED, run_cli, run_json

LAWS = SHARED / "laws"
pytestmark = pytest.mark.skipif(not (LAWS / "manifest.csv").exists(), reason="../shared/corpus not present")

AS_OF = "2026-11-23"
CORPUS = ROOT / "corpus" / "normative"
FILES = {
    1: "临江市城市绿化管理办法.md",
    2: "临江市扬尘和露天焚烧污染防治办法.md",
    3: "临江市食品摊贩经营管理办法.txt",
    4: "临江市户外广告设施设置管理办法.md",
    5: "临江市人民政府关于加强建筑垃圾运输处置管理的规定.md",
    6: "临江市市场监督管理局关于规范单用途商业预付卡经营活动的规定.txt",
    7: "临江市城市管理局关于加强互联网租赁自行车停放管理的通知.html",
    8: "青川县人民政府办公室关于印发青川县农村生活垃圾分类管理办法的通知.md",
    9: "临江市住房和城乡建设局、临江市生态环境局关于进一步加强建设工程施工扬尘防治工作的通知.md",
    10: "临江市人民政府办公室关于印发临江市行政规范性文件管理办法的通知.md",
    11: "临江市城市管理局关于加强城市绿地养护管理工作的通知.txt",
    12: "臨江市生態環境局關於加強餐飲服務業油煙污染防治工作的通知.txt",
    13: "青川县人民政府关于印发青川县村镇规划建设管理实施办法的通知.html",
    14: "临江市司法局2023年度规范性文件备案审查工作总结.md",
    15: "临江市城市管理局关于2023年第三季度市容环境卫生专项检查情况的通报.md",
    16: "临江市人民政府关于王某某等同志职务任免的通知.md",
}
CLEAN = (1, 8, 10, 12, 13)
NOT_NORMATIVE = (14, 15, 16)
ERROR_RULES = {"F101", "F102", "F103", "F104", "F105", "F107", "F202", "F301", "F302"}

# Answer key: (file, rule, places the finding may name, severity (None: not fixed by the key),
#              text the evidence must contain, texts the message must contain).
# A place is 第X条… or an outline marker; None means the whole document (header, opening, 全文).
PLANTED = [
    (2, "F105", ("第二十五条",), "error", "一万元以上五万元以下", ("第一百一十九条第一款",)),
    (2, "F301", ("第二十四条",), "error", "本办法第四十条", ("第四十条",)),
    (2, "F501", ("第八条",), "warning", "十五日前", ("7日前", "二、（一）")),
    (2, "F501", ("第九条第（一）项",), "warning", "二点五米", ("2米", "二、（二）")),
    (3, "F202", ("第一条",), "error", "食品卫生法", ("食品安全法",)),
    (3, "F107", ("第十八条",), "error", "", ("吊销营业执照",)),
    (4, "F302", ("第十六条", "第十八条"), "error", "", ("第十七条",)),
    (5, "F102", ("第十一条",), "error", "二千元以上五千元以下罚款", ()),
    (5, "F103", ("第十二条",), "error", "扣押", ()),
    (6, "F202", ("第一条",), "error", "合同法", ("民法典",)),
    (6, "F101", ("第五条",), "error", "审批", ()),
    (6, "F302", ("第九条",), "error", "", ("第九条",)),
    (7, "F201", (None,), "warning", "现就有关事项通知如下", ()),
    (7, "F104", ("四、（二）",), "error", "停放秩序管理费", ()),
    (7, "F402", ("六、",), None, "有效期十年", ()),
    (9, "F501", ("二、（一）",), "warning", "7日前", ("十五日前", "临江市扬尘和露天焚烧污染防治办法", "第八条")),
    (9, "F501", ("二、（二）",), "warning", "2米", ("二点五米", "临江市扬尘和露天焚烧污染防治办法", "第九条")),
    (11, "F403", (None,), "warning", "", ()),
    (11, "F401", (None,), "warning", "", ()),
    (11, "F402", (None,), None, "", ()),
    (11, "F502", ("三、（二）",), "info", "攀折、刻划树木", ("临江市城市绿化管理办法", "第十八条")),
    (14, "F601", (None,), "warning", "", ()),
    (15, "F601", (None,), "warning", "", ()),
    (16, "F601", (None,), "warning", "", ()),
]

# Traps: (file, rules that must not fire, place where they must not fire (None: anywhere), why).
TRAPS = [
    (2, {"F105", "F107"}, "第二十七条", "露天烧烤 fine within 大气污染防治法 第一百一十八条"),
    (2, {"F105"}, "第二十六条", "焚烧沥青、塑料: 第一百一十九条第二款 is a different conduct"),
    (2, {"F105"}, "第二十二条", "conduct no upper-level law penalises"),
    (1, {"F101", "F105", "F107"}, None, "approvals and fines of a 规章 with an upper-level basis"),
    (4, {"F101", "F105", "F107"}, None, "大型户外广告 approval under 城市市容和环境卫生管理条例 第十一条"),
    (5, {"F101"}, "第四条", "备案 of a 建筑垃圾处理方案"),
    (5, {"F101"}, "第五条", "处置核准 依照国家有关规定"),
    (5, {"F102"}, "第十三条", "记入企业信用档案 is not a penalty"),
    (7, {"F104"}, "三、（二）", "调度服务费 is the operator's charge to users"),
    (10, {"F101", "F102", "F103", "F104"}, None, "negated list of what a 规范性文件 must not contain"),
    (10, {"F402", "F403"}, None, "有效期一般不超过五年 is the rule itself; cited 文号 are not its own"),
    (13, {"F101"}, None, "permits restated from 城乡规划法 第四十一条 and 土地管理法 第六十二条"),
    (12, {"F102", "F103", "F105", "F107"}, None, "refers to 大气污染防治法 penalties, sets none"),
    (8, {"F401", "F402", "F403"}, None, "dates and 文号 of a covering 印发通知"),
    (9, {"F403"}, None, "joint document: one 文号, the lead department's"),
]

_FIRST = re.compile(r"^(第[^条]+条|[一二三四五六七八九十]+、)")


def _at(location: str | None, place: str | None) -> bool:
    """The finding names the planted place, or a coarser or finer place within the same article or section."""
    if place is None:
        return True
    if not location:
        return False
    head = _FIRST.match(place)
    return bool(head) and location.startswith(head.group()) and (
        location.startswith(place) or place.startswith(location))


# -- fixtures ----------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def demo_db(tmp_path_factory) -> Path:
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    proc = run_cli("demo", "--db", str(db), "--as-of", AS_OF, "--json")
    assert proc.returncode == 0, proc.stderr
    return db


@pytest.fixture(scope="module")
def ids(demo_db) -> dict[int, int]:
    """Demo file number → stored document id."""
    con = sqlite3.connect(demo_db)
    by_name = {Path(src).name: doc for doc, src in con.execute("select document_id, source from versions")}
    con.close()
    assert set(FILES.values()) <= set(by_name), "not every demo file was stored"
    return {n: by_name[name] for n, name in FILES.items()}


@pytest.fixture(scope="module")
def reviews(demo_db, ids) -> dict[int, dict]:
    """`review ID --json` of every demo file."""
    return {n: run_json("review", str(i), "--db", str(demo_db), "--as-of", AS_OF) for n, i in ids.items()}


@pytest.fixture(scope="module")
def texts(demo_db, reviews) -> dict[int, str]:
    """The stored text each review's offsets point into."""
    con = sqlite3.connect(demo_db)
    out = {n: con.execute("select text from versions where id = ?", [r["document"]["version_id"]]).fetchone()[0]
           for n, r in reviews.items()}
    con.close()
    return out


@pytest.fixture(scope="module")
def cleanup_json(demo_db, reviews) -> dict:
    return run_json("cleanup", "--db", str(demo_db), "--as-of", AS_OF)


def _rules(review: dict, severities=("error", "warning", "info")) -> list[str]:
    return [f["rule"] for f in review["findings"] if f["severity"] in severities]


# -- review --json: shape ------------------------------------------------------------------------

FINDING_FIELDS = {"rule", "severity", "message", "article", "evidence", "start", "end", "basis", "suggestion",
                  "id", "title", "location", "details"}


def test_review_json_shape(reviews, ids):
    for n, r in reviews.items():
        assert r["document"]["id"] == ids[n]
        assert r["document"]["title"] and r["as_of"] == AS_OF
        assert set(r["summary"]) == {"error", "warning", "info"}
        assert r["summary"] == {s: sum(1 for f in r["findings"] if f["severity"] == s) for s in r["summary"]}
        for f in r["findings"]:
            assert FINDING_FIELDS <= set(f), f
            assert re.fullmatch(r"F\d{3}", f["rule"]) and f["severity"] in ("error", "warning", "info")
            assert f["message"] and f["basis"] and f["suggestion"] and f["title"]
            assert f["article"] is None or isinstance(f["article"], int)
            assert isinstance(f["details"], dict) and isinstance(f["id"], str) and f["id"].startswith(f["rule"])
            assert (f["start"] is None) == (f["end"] is None)
    assert all(reviews[n]["findings"] for n in (2, 3, 4, 5, 6, 7, 9, 11, 14, 15, 16))


def test_review_offsets_point_at_the_evidence(reviews, texts):
    for n, r in reviews.items():
        for f in r["findings"]:
            if f["start"] is not None:
                assert texts[n][f["start"]:f["end"]] == f["evidence"], (n, f["rule"], f["location"])


def test_review_conclusions(reviews):
    assert {n for n, r in reviews.items() if r["conclusion"] == "不属于规范性文件"} == set(NOT_NORMATIVE)
    for n in CLEAN:
        assert reviews[n]["conclusion"] == "建议予以备案", n
    for n in (2, 3, 4, 5, 6, 7):
        assert reviews[n]["conclusion"] == "建议纠正", n


# -- the answer key ---------------------------------------------------------------------------------

@pytest.mark.parametrize("n,rule,places,severity,evidence,message", PLANTED,
                         ids=[f"{p[0]}-{p[1]}-{p[2][0] or 'doc'}" for p in PLANTED])
def test_planted_problem_is_reported(reviews, n, rule, places, severity, evidence, message):
    r = reviews[n]
    hits = [f for f in r["findings"] if f["rule"] == rule and any(_at(f["location"], p) for p in places)]
    assert hits, (f"{FILES[n]}: no {rule} at {places}; got "
                  f"{[(f['rule'], f['location']) for f in r['findings']]}")
    matching = [f for f in hits if evidence in f["evidence"] and all(m in f["message"] for m in message)
                and (severity is None or f["severity"] == severity)]
    assert matching, [(f["severity"], f["evidence"], f["message"]) for f in hits]


def test_article_numbers_of_planted_article_findings(reviews):
    by = {(n, rule): [f["article"] for f in reviews[n]["findings"] if f["rule"] == rule]
          for n, rule in [(2, "F105"), (2, "F301"), (3, "F107"), (5, "F102"), (5, "F103"), (6, "F101")]}
    assert by == {(2, "F105"): [25], (2, "F301"): [24], (3, "F107"): [18], (5, "F102"): [11], (5, "F103"): [12],
                  (6, "F101"): [5]}
    assert sorted(f["article"] for f in reviews[2]["findings"] if f["rule"] == "F501") == [8, 9]


@pytest.mark.parametrize("n,banned,place,why", TRAPS, ids=[f"{t[0]}-{t[2] or 'all'}" for t in TRAPS])
def test_trap_does_not_fire(reviews, n, banned, place, why):
    fired = [(f["rule"], f["location"], f["evidence"]) for f in reviews[n]["findings"]
             if f["rule"] in banned and (place is None or _at(f["location"], place))]
    assert fired == [], f"{FILES[n]} ({why})"


def test_f501_the_agreeing_height_is_no_contradiction(reviews):
    """一般路段 1.8 米 agrees in files 2 and 9."""
    for n in (2, 9):
        assert not [f for f in reviews[n]["findings"] if f["rule"] == "F501"
                    and ("1.8" in f["evidence"] + f["message"] or "一点八" in f["evidence"] + f["message"])]


def test_f502_is_reported_on_the_later_file_only(reviews):
    assert "F502" not in _rules(reviews[1])
    assert _rules(reviews[11]).count("F502") == 1


def test_clean_files_have_no_error_or_warning(reviews):
    for n in CLEAN:
        assert _rules(reviews[n], ("error", "warning")) == [], FILES[n]


def test_not_normative_files_get_only_f601(reviews):
    for n in NOT_NORMATIVE:
        assert _rules(reviews[n]) == ["F601"], FILES[n]


def test_no_unplanted_error_or_warning(reviews):
    """Every error and warning of the demo set is one of the answer key's (rule and count per file)."""
    for n, r in reviews.items():
        planted = Counter(p[1] for p in PLANTED if p[0] == n)
        got = Counter(f["rule"] for f in r["findings"] if f["severity"] in ("error", "warning"))
        extra = got - planted
        assert not extra, (FILES[n], dict(extra), [(f["rule"], f["location"], f["message"]) for f in r["findings"]
                                                  if f["rule"] in extra])


def test_error_rules_are_errors(reviews):
    for r in reviews.values():
        for f in r["findings"]:
            if f["rule"] in ERROR_RULES:
                assert f["severity"] == "error", (f["rule"], f["message"])


def test_document_metadata_of_tricky_files(reviews):
    assert reviews[9]["document"]["issuers"] == ["临江市住房和城乡建设局", "临江市生态环境局"]
    number = reviews[10]["document"]["doc_number"]
    assert number.startswith("临政办规") and "2022" in number and number.endswith("1号")
    assert reviews[12]["document"]["issuer"] == "临江市生态环境局"


# -- review FILE --------------------------------------------------------------------------------------

def _essentials(review: dict) -> list[tuple]:
    return [(f["rule"], f["severity"], f["location"], f["article"], f["evidence"], f["start"], f["end"],
             f["message"]) for f in review["findings"]]


@pytest.mark.parametrize("n", [2, 3, 7, 11, 12])
def test_review_file_matches_review_of_the_stored_id(demo_db, reviews, n):
    by_file = run_json("review", str(CORPUS / FILES[n]), "--db", str(demo_db), "--as-of", AS_OF)
    assert by_file["document"]["id"] == reviews[n]["document"]["id"]
    assert _essentials(by_file) == _essentials(reviews[n])


def test_review_of_a_copy_elsewhere_is_not_its_own_peer(demo_db, reviews, tmp_path):
    """The same bytes at another path are the stored file 1: no F502 against itself, same findings."""
    copy = tmp_path / "submitted.md"
    shutil.copy(CORPUS / FILES[1], copy)
    by_file = run_json("review", str(copy), "--db", str(demo_db), "--as-of", AS_OF)
    assert _essentials(by_file) == _essentials(reviews[1])


# -- exit status and errors -----------------------------------------------------------------------------

def test_fail_on_error_exits_1_when_errors_exist(demo_db, ids):
    proc = run_cli("review", str(ids[5]), "--db", str(demo_db), "--as-of", AS_OF, "--fail-on", "error", "--json")
    assert proc.returncode == 1
    assert "error" in {f["severity"] for f in json.loads(proc.stdout)["findings"]}


@pytest.mark.parametrize("n", [1, 11])  # clean, and warnings only
def test_fail_on_error_exits_0_without_errors(demo_db, ids, n):
    proc = run_cli("review", str(ids[n]), "--db", str(demo_db), "--as-of", AS_OF, "--fail-on", "error", "--json")
    assert proc.returncode == 0, proc.stderr
    assert "error" not in {f["severity"] for f in json.loads(proc.stdout)["findings"]}


def test_fail_on_error_for_cleanup(demo_db):
    proc = run_cli("cleanup", "--db", str(demo_db), "--as-of", AS_OF, "--fail-on", "error", "--json")
    assert proc.returncode == 1
    assert json.loads(proc.stdout)["documents"]


def _one_line_error(proc) -> None:
    assert proc.returncode == 2
    assert proc.stdout.strip() == ""
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].strip(), proc.stderr


@pytest.mark.parametrize("option,value", [("--as-of", "2026-13-40"), ("--as-of", "23.11.2026"),
                                          ("--filed-on", "yesterday")])
def test_bad_date_exits_2_with_one_line(demo_db, ids, option, value):
    proc = run_cli("review", str(ids[1]), "--db", str(demo_db), option, value, "--json")
    _one_line_error(proc)
    assert value in proc.stderr


def test_bad_date_for_cleanup_exits_2(demo_db):
    _one_line_error(run_cli("cleanup", "--db", str(demo_db), "--as-of", "2026-02-30", "--json"))


def test_unknown_id_exits_2(demo_db):
    proc = run_cli("review", "99999", "--db", str(demo_db), "--json")
    _one_line_error(proc)
    assert "99999" in proc.stderr


def test_missing_file_exits_2(demo_db, tmp_path):
    _one_line_error(run_cli("review", str(tmp_path / "no-such-file.md"), "--db", str(demo_db), "--json"))


# -- --filed-on (F404) ------------------------------------------------------------------------------------

def test_filed_on_late_adds_f404(demo_db, ids):
    """File 1 was published 2023-03-10; filed 2023-06-30 is 112 days later."""
    r = run_json("review", str(ids[1]), "--db", str(demo_db), "--as-of", AS_OF, "--filed-on", "2023-06-30")
    f404 = [f for f in r["findings"] if f["rule"] == "F404"]
    assert len(f404) == 1 and f404[0]["severity"] == "warning"
    assert "2023-03-10" in f404[0]["message"] and "112" in f404[0]["message"]
    assert r["filed_on"] == "2023-06-30"


@pytest.mark.parametrize("filed,late", [("2023-04-09", False), ("2023-04-10", True)])
def test_filed_on_thirty_day_limit(demo_db, ids, filed, late):
    r = run_json("review", str(ids[1]), "--db", str(demo_db), "--as-of", AS_OF, "--filed-on", filed)
    assert ("F404" in _rules(r)) is late


def test_no_f404_without_filed_on(reviews):
    assert all("F404" not in _rules(r) for r in reviews.values())


# -- --docx ------------------------------------------------------------------------------------------------

def _docx_text(path: Path) -> str:
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_review_docx_opens_and_names_the_document(demo_db, ids, tmp_path):
    out = tmp_path / "opinion.docx"
    proc = run_cli("review", str(ids[5]), "--db", str(demo_db), "--as-of", AS_OF, "--docx", str(out))
    assert proc.returncode == 0, proc.stderr
    text = _docx_text(out)
    assert "临江市人民政府关于加强建筑垃圾运输处置管理的规定" in text
    assert "建议纠正" in text and "二千元以上五千元以下罚款" in text


# -- cleanup ------------------------------------------------------------------------------------------------

def _entry(cleanup_json: dict, ids: dict, n: int) -> dict | None:
    return next((d for d in cleanup_json["documents"] if d["id"] == ids[n]), None)


def test_cleanup_json_shape(cleanup_json):
    assert cleanup_json["as_of"] == AS_OF
    assert set(cleanup_json["summary"]) == {"继续有效", "修改", "废止", "宣布失效"}
    for rec, count in cleanup_json["summary"].items():
        assert count == sum(1 for d in cleanup_json["documents"] if d["recommendation"] == rec)
    for d in cleanup_json["documents"]:
        assert d["recommendation"] in cleanup_json["summary"]
        assert isinstance(d["reasons"], list) and isinstance(d["findings"], list)
        for f in d["findings"]:
            assert FINDING_FIELDS <= set(f) and re.fullmatch(r"C\d{3}", f["rule"])
        assert d["reasons"] == [f["message"] for f in d["findings"] if f["severity"] != "info"]
        assert (d["recommendation"] == "继续有效") == (d["reasons"] == [])


@pytest.mark.parametrize("n", [6, 8])
def test_cleanup_expired_files_are_declared_lapsed(cleanup_json, ids, n):
    d = _entry(cleanup_json, ids, n)
    assert d is not None and d["recommendation"] == "宣布失效"
    c101 = [f for f in d["findings"] if f["rule"] == "C101"]
    assert len(c101) == 1 and "2025-12-31" in c101[0]["message"]


def test_cleanup_verdicts_of_demo_files(cleanup_json, ids):
    rec = {n: (_entry(cleanup_json, ids, n) or {}).get("recommendation") for n in FILES}
    assert rec[1] == "继续有效"
    for n in (10, 12, 13):
        assert rec[n] == "继续有效", FILES[n]
    for n in (2, 3, 4, 5, 7, 9):
        assert rec[n] == "修改", FILES[n]
    rules = {n: {f["rule"] for f in (_entry(cleanup_json, ids, n) or {}).get("findings", [])} for n in FILES}
    assert {"C101", "C102", "C105", "C109"} <= rules[6]
    assert {"C102", "C105"} <= rules[3] and {"C105", "C107", "C109"} <= rules[2]
    assert rules[9] == {"C107"} and rules[4] == {"C109"} and "C108" in rules[11]
    c102 = next(f for f in _entry(cleanup_json, ids, 3)["findings"] if f["rule"] == "C102")
    assert "食品安全法" in c102["message"]


def test_cleanup_gives_no_verdict_to_not_normative_files(cleanup_json, ids):
    judged = {d["id"] for d in cleanup_json["documents"]}
    assert not judged & {ids[n] for n in NOT_NORMATIVE}
    assert ids[16] in {d["id"] for d in cleanup_json["not_normative"]}


def test_cleanup_lists_every_not_normative_file(cleanup_json, ids):
    """Files 14 and 15 are left out like file 16, so the 清理 report must account for them too."""
    assert {ids[n] for n in NOT_NORMATIVE} <= {d["id"] for d in cleanup_json["not_normative"]}


def test_cleanup_covers_the_local_documents_not_the_national_law_library(cleanup_json):
    """The laws ingested as upper-level references (国务院 行政法规) are not 临江市's to clean up."""
    national = [(d["title"], d["issuer"]) for d in cleanup_json["documents"]
                if not (d["issuer"] or "").startswith(("临江市", "青川县"))]
    assert national == []


def test_cleanup_issuer_filter(demo_db, ids):
    r = run_json("cleanup", "--db", str(demo_db), "--as-of", AS_OF, "--issuer", "临江市城市管理局")
    assert {d["id"] for d in r["documents"]} == {ids[7], ids[11]}
    joint = run_json("cleanup", "--db", str(demo_db), "--as-of", AS_OF, "--issuer", "临江市生态环境局")
    assert {d["id"] for d in joint["documents"]} == {ids[9], ids[12]}  # the joint document counts for both issuers


def test_cleanup_docx_and_xlsx_open(demo_db, ids, tmp_path):
    docx_path, xlsx_path = tmp_path / "cleanup.docx", tmp_path / "cleanup.xlsx"
    proc = run_cli("cleanup", "--db", str(demo_db), "--as-of", AS_OF, "--docx", str(docx_path),
                   "--xlsx", str(xlsx_path))
    assert proc.returncode == 0, proc.stderr
    text = _docx_text(docx_path)
    assert "临江市市场监督管理局关于规范单用途商业预付卡经营活动的规定" in text and "宣布失效" in text
    wb = load_workbook(xlsx_path)
    rows = [[c for c in row] for ws in wb.worksheets for row in ws.iter_rows(values_only=True)]
    assert any("临江市市场监督管理局关于规范单用途商业预付卡经营活动的规定" in row and "宣布失效" in row for row in rows)
    assert any("临江市城市绿化管理办法" in row and "继续有效" in row for row in rows)


# -- basis-catalog ------------------------------------------------------------------------------------------

RANKS = ["法律", "行政法规", "地方性法规", "自治条例和单行条例", "部门规章", "地方政府规章", "行政规范性文件"]


def test_basis_catalog_ranks_and_air_law(demo_db):
    cat = run_json("basis-catalog", "--db", str(demo_db), "--as-of", AS_OF, "--issuer", "临江市城市管理局")
    levels = [lvl["level"] for lvl in cat["levels"]]
    assert levels == sorted(levels, key=RANKS.index)
    assert levels[0] == "法律" and levels[-1] == "行政规范性文件" and "行政法规" in levels
    laws = {e["title"]: e for lvl in cat["levels"] if lvl["level"] == "法律" for e in lvl["entries"]}
    air = laws["中华人民共和国大气污染防治法"]
    labels = [p["label"] for p in air["provisions"]]
    assert "第一百一十八条" in labels and "第一百一十九条" in labels
    assert air["status"] == "现行有效"


def test_basis_catalog_docx_opens(demo_db, tmp_path):
    out = tmp_path / "catalog.docx"
    proc = run_cli("basis-catalog", "--db", str(demo_db), "--as-of", AS_OF, "--issuer", "临江市城市管理局",
                   "--docx", str(out))
    assert proc.returncode == 0, proc.stderr
    text = _docx_text(out)
    assert "临江市城市管理局" in text and "中华人民共和国大气污染防治法" in text and "第一百一十九条" in text


# -- stats ------------------------------------------------------------------------------------------------------

def test_stats_counts_findings_after_review(tmp_path):
    db = str(tmp_path / "one.db")
    run_json("ingest", str(CORPUS / FILES[5]), "--db", db)
    before = run_json("stats", "--db", db)
    assert set(before) >= {"documents", "versions", "articles", "citations", "quarantined", "findings"}
    assert before["documents"] == 1 and before["findings"] == 0
    review = run_json("review", "1", "--db", db, "--as-of", AS_OF)
    after = run_json("stats", "--db", db)
    assert after["findings"] == len(review["findings"]) > 0
    run_json("review", "1", "--db", db, "--as-of", AS_OF)
    assert run_json("stats", "--db", db)["findings"] == after["findings"]  # a re-review replaces its findings


def test_stats_of_the_demo_database(demo_db, reviews):
    stats = run_json("stats", "--db", str(demo_db))
    assert stats["findings"] > 0 and stats["documents"] >= 16 and stats["quarantined"] == 0


# -- the submitter's statement of level and issuer (issue 13) -----------------------------------

HEADERLESS = ("临江市户外招牌设置管理办法\n\n第一条 为了规范户外招牌设置，根据《城市市容和环境卫生管理条例》，制定本办法。\n"
              "第二条 违反本办法规定，擅自设置户外招牌的，由城市管理部门责令限期改正，处五百元以上二千元以下罚款。\n"
              "第三条 本办法自2024年6月1日起施行。\n")


def test_review_level_unknown_then_declared(demo_db, tmp_path):
    path = tmp_path / "headerless.md"
    path.write_text(HEADERLESS, encoding="utf-8")
    unknown = run_json("review", str(path), "--db", str(demo_db), "--as-of", AS_OF)
    assert unknown["document"]["level"] == "其他" and "F602" in _rules(unknown)
    assert unknown["conclusion"] != "建议予以备案"
    declared = run_json("review", str(path), "--db", str(demo_db), "--as-of", AS_OF, "--level", "行政规范性文件",
                        "--issuer", "临江市城市管理局")
    assert declared["document"]["level"] == "行政规范性文件" and declared["document"]["issuers"] == ["临江市城市管理局"]
    assert declared["document"]["level_basis"] == "报送机关说明" and "F602" not in _rules(declared)
    assert "F102" in _rules(declared, ("error",))  # a 规范性文件 may set no penalty
    bad = run_cli("review", str(path), "--db", str(demo_db), "--level", "规章")
    assert bad.returncode == 2 and "--level" in bad.stderr and "Traceback" not in bad.stderr
