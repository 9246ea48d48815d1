"""What one document says, in the styles case files are written in; and D503 against a 裁量基准."""
from __future__ import annotations

from datetime import date

import pytest

from ingest.checking import make_context
from nlp.checks.dossier import decision_content
from nlp.dossier.case import Case
from nlp.dossier.extract import find_dates, find_officers, find_paid, find_party, read_document, remedies
from tests.checks.conftest import AS_OF


@pytest.mark.parametrize("written", ["2023年5月6日", "2023-05-06", "2023.5.6", "2023/5/6", "二〇二三年五月六日"])
def test_dates_in_every_style(written):
    found = find_dates(f"送达时间：{written}\n")
    assert [(d.label, d.day) for d in found] == [("送达", date(2023, 5, 6))]


@pytest.mark.parametrize("line, expected", [
    ("执法人员：李某某（执法证号：44010012345）、王某某（执法证号：44010012346）",
     [("李某某", "44010012345"), ("王某某", "44010012346")]),
    ("检查人员：马某某，执法证件号码72035762433、姚某，执法证件号码72035177293", [("马某某", "72035762433"), ("姚某", "72035177293")]),
    ("执法人员：执法证号\n姚某某：72032467952\n宋某某：72032682150", [("姚某某", "72032467952"), ("宋某某", "72032682150")]),
    ("询问人：苏某军（执法证号：72031978992）、尹某某记录人：尹某某", [("苏某军", "72031978992"), ("尹某某", None)]),
    ("执法人员（签名）：张某、刘某某", [("张某", None), ("刘某某", None)]),
])
def test_officers_and_their_certificates(line, expected):
    assert [(o.name, o.cert) for o in find_officers(line)] == expected


def test_the_interviewee_is_not_an_officer():
    assert find_officers("被询问人：张某某，性别：男\n询问人：李某某（执法证号：44010012345）")[0].name == "李某某"


@pytest.mark.parametrize("text, name, kind", [
    ("当事人：临江市某某餐饮有限公司\n统一社会信用代码：91330100", "临江市某某餐饮有限公司", "单位"),
    ("当事人：张某某，男，身份证号码：330101", "张某某", "个人"),
    ("当事人\t青川县某某副食品商行\n经营者：王某某", "青川县某某副食品商行", "单位"),
    ("缴款人：临江市某某超市有限公司项目名称：罚没收入", "临江市某某超市有限公司", "单位"),
])
def test_the_party(text, name, kind):
    p = find_party(text)
    assert (p.name, p.kind) == (name, kind)


@pytest.mark.parametrize("text, amount", [
    ("缴款金额：伍万元整（￥50,000.00）", 50000), ("金额（大写）：柒万伍仟伍佰元整　（小写）：￥75,500.00", 75500),
    ("执行情况：当事人已于2023-06-16缴纳罚款人民币120,000.00元", 120000), ("缴款金额：5.7万元", 57000),
])
def test_paid_amounts(text, amount):
    assert find_paid(text)[0] == amount


def test_a_decision_reads_its_own_fine_not_the_notice_it_quotes():
    text = ("行政处罚决定书\n本局于2023-05-10告知拟罚款15万元。当事人申请听证。\n本局决定：\n1．责令改正；\n"
            "2．罚款人民币壹拾贰万元整（￥120,000.00）。\n临江市生态环境局\n2023年6月2日")
    assert read_document("x", text, "行政处罚决定书", "行政处罚决定书").fine == 120000


@pytest.mark.parametrize("text, missing", [
    ("如不服本决定，可以在收到本决定书之日起六十日内向临江市人民政府申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。", []),
    ("如不服本处罚决定，可以在接到本决定书之日起60日内申请复议，也可以在6个月内向人民法院起诉。", []),
    ("如不服本决定，可以申请行政复议或者提起行政诉讼。", ["复议期限", "诉讼期限"]),
    ("逾期不缴纳的，本局将申请人民法院强制执行。", ["复议", "复议期限", "诉讼", "诉讼期限"]),
])
def test_remedies_and_their_time_limits(text, missing):
    assert [k for k, ok in remedies(text).items() if not ok] == missing


DECISION = """临江市城市管理局
行政处罚决定书
临城管罚字〔2023〕第15号
当事人：张某某，男，身份证号码：990103196203152718
经查，当事人在人口集中地区露天焚烧落叶，情节{severity}。
依据《中华人民共和国大气污染防治法》第一百一十九条第一款的规定，本局决定：罚款人民币{fine}元。
如不服本决定，可以在收到本决定书之日起六十日内申请行政复议，或者在六个月内提起行政诉讼。
临江市城市管理局
2023年11月2日
"""


@pytest.mark.parametrize("severity, fine, flagged", [("较轻", 600, False), ("较轻", 1500, True), ("一般", 1200, False),
                                                     ("严重", 1000, True)])
def test_d503_against_the_agency_benchmark(library, tmp_path, severity, fine, flagged):
    settings = tmp_path / "agency.toml"
    settings.write_text('[dossier]\nbenchmarks = "benchmarks.toml"\n', encoding="utf-8")
    ctx = make_context(library, AS_OF, settings_path=settings)
    doc = read_document("d.md", DECISION.format(severity=severity, fine=fine), "行政处罚决定书", "行政处罚决定书")
    found = [f for f in decision_content(Case([doc]), ctx.settings["dossier"]) if f.rule == "D503"]
    assert bool(found) == flagged
    if flagged:
        assert "裁量基准" in found[0].message and str(fine) in found[0].evidence


def test_d503_without_a_benchmark_is_only_the_provisions_range(library):
    ctx = make_context(library, AS_OF)
    doc = read_document("d.md", DECISION.format(severity="较轻", fine=1500), "行政处罚决定书", "行政处罚决定书")
    assert not [f for f in decision_content(Case([doc]), ctx.settings["dossier"]) if f.rule == "D503"]
