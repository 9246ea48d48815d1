"""F501 (contradiction) and F502 (repetition) between documents of one region, and cleanup (清理):
C101–C109, one verdict per stored document, issuer filtering, documents that are not normative,
the summary, and the findings and verdicts the store keeps.

Every document is fictional (临江市 / 青川县 / 江南省); real laws are cited by title and article only.
Article numbers cited were checked against ../shared/corpus/laws: 大气污染防治法(2018) 第一百一十九条
第一款 (露天焚烧秸秆、落叶: 五百元以上二千元以下); 农产品质量安全法 第二条 (2018 and 2022 texts differ:
农业 → 种植业、林业、畜牧业和渔业等) and 第一条 (only 为 → 为了).
"""
from __future__ import annotations

from datetime import date

import pytest

from nlp.checks.conflicts import region
from nlp.checks.review import Review
from nlp.checks.rules import Finding
from tests.checks.conftest import add_documents, cleanup, review_doc, review_text

AS_OF = date(2026, 11, 23)


# -- helpers ---------------------------------------------------------------------------------

def written(title: str, number: str, body: str, by: str, on: str) -> str:
    """A document as these tests write it: title, 文号 (or 令 and its number), a blank line, ``body`` (its
    articles or points, one a line), a blank line, then the issuer and the date it was signed."""
    return "\n".join([title, number, "", body.strip("\n"), "", by, on, ""])


def found(review: Review, rule: str) -> list[Finding]:
    return [f for f in review.findings if f.rule == rule]


def assert_span(review: Review, f: Finding) -> None:
    """The evidence is exactly the text the offsets point at."""
    assert f.start is not None and f.end is not None, f
    assert review.doc.text[f.start:f.end] == f.evidence, (review.doc.text[f.start:f.end], f.evidence)


def reviewed(library, tmp_path, text: str, stored: dict[str, str], name: str = "submitted.md") -> Review:
    """``text`` reviewed against a store that holds ``stored`` (file name → text)."""
    add_documents(library, tmp_path / "store", stored)
    return review_text(library, tmp_path, text, name=name)


def sole(review: Review, rule: str, location: str, article: int | None = None) -> Finding:
    """The one finding of ``rule``, at ``location`` (and ``article`` when given), its evidence at its offsets."""
    fs = found(review, rule)
    assert [f.location for f in fs] == [location]
    if article is not None:
        assert fs[0].article == article
    assert_span(review, fs[0])
    return fs[0]


def verdicts(result: dict) -> dict[str, dict]:
    """Cleanup result: title → document entry."""
    return {d["title"]: d for d in result["documents"]}


def c_rules(entry: dict, severity: str | None = None) -> list[str]:
    return [f["rule"] for f in entry["findings"] if severity is None or f["severity"] == severity]


def entry_of(library, tmp_path, text: str, name: str = "doc.md") -> dict:
    """The cleanup entry of ``text`` stored alone; its title is its first line."""
    add_documents(library, tmp_path / "docs", {name: text})
    return verdicts(cleanup(library))[text.split("\n", 1)[0]]


def only(entry: dict, rule: str) -> dict:
    """The one cleanup finding of ``rule`` in ``entry``."""
    fs = [f for f in entry["findings"] if f["rule"] == rule]
    assert len(fs) == 1
    return fs[0]


# =============================================================================================
# F501 — contradictions between documents of one region
# =============================================================================================

# A 规章 written with Chinese numerals; the stored peer of most F501 tests.
DUST_RULE = written("临江市建设工程施工扬尘管理办法", "临江市人民政府令\n第16号", """
第一条 为了防治建设工程施工扬尘污染，根据《中华人民共和国大气污染防治法》等法律、法规，结合本市实际，制定本办法。
第二条 本办法适用于本市行政区域内房屋建筑和市政基础设施工程施工扬尘的防治。
第三条 住房和城乡建设主管部门负责建设工程施工扬尘防治的监督管理。
第四条 建设单位应当将扬尘污染防治费用列入工程造价。
第五条 施工单位应当建立扬尘污染防治责任制度，明确项目负责人。
第六条 工程停工三个月以上的，建设单位应当对裸露地面采取覆盖措施。
第七条 施工现场出入口应当设置车辆冲洗设施，车辆冲洗干净后方可驶出。
第八条 建设单位应当在工程开工十五日前，将施工单位编制的扬尘污染防治方案报送工程所在地住房和城乡建设主管部门。
第九条 施工单位应当在施工现场采取下列措施：
（一）设置连续、密闭的硬质围挡，主要路段围挡高度不低于二点五米，一般路段围挡高度不低于一点八米；
（二）裸露地面和易产生扬尘的物料及时覆盖。
第十条 本办法自2022年7月1日起施行。
""", "临江市人民政府", "2022年5月6日")
DUST_RULE_TITLE = "临江市建设工程施工扬尘管理办法"

# A 通知 with outline points and Arabic numerals that contradicts it on two matters and agrees on 1.8 米.
DUST_NOTICE = written("临江市住房和城乡建设局关于做好建设工程施工扬尘防治工作的通知", "临住建规〔2024〕1号", """
各县（市、区）住房和城乡建设局，各建设、施工单位：
为做好建设工程施工扬尘防治，根据《中华人民共和国大气污染防治法》和《临江市建设工程施工扬尘管理办法》，现就有关事项通知如下：
一、压实主体责任
施工单位应当配备专职扬尘管控人员，每日开展巡查。
二、落实防治措施
（一）建设单位应当在工程开工7日前，将扬尘污染防治方案报送工程所在地住房和城乡建设主管部门。
（二）施工现场应当设置硬质围挡，主要路段围挡高度不低于2米，一般路段围挡高度不低于1.8米，围挡底部设置防溢座。
三、本通知自2024年3月1日起施行，有效期五年。
""", "临江市住房和城乡建设局", "2024年2月1日")


def housing_notice(about: str, number: str, body: str) -> str:
    """A notice of 临江市住房和城乡建设局 ``关于{about}``, signed 2024年2月1日."""
    return written(f"临江市住房和城乡建设局关于{about}的通知", number, body, "临江市住房和城乡建设局", "2024年2月1日")


def dust_plan_notice(about: str, points: str) -> str:
    """A 临住建规〔2024〕3号 notice ``关于{about}`` under the 办法 with ``points``, in force from 2024年5月1日."""
    return written(f"临江市住房和城乡建设局关于{about}的通知", "临住建规〔2024〕3号", f"""
各建设、施工单位：
为{about}，根据《临江市建设工程施工扬尘管理办法》，现就有关事项通知如下：
{points.strip()}
二、本通知自2024年5月1日起施行，有效期五年。
""", "临江市住房和城乡建设局", "2024年4月1日")


def dust_notice_finding(library, tmp_path, location: str) -> Finding:
    """DUST_NOTICE reviewed against DUST_RULE: its one F501 at ``location``, its evidence at its offsets."""
    r = reviewed(library, tmp_path, DUST_NOTICE, {"rule.md": DUST_RULE})
    at = [f for f in found(r, "F501") if f.location == location]
    assert len(at) == 1
    assert_span(r, at[0])
    return at[0]


def test_f501_notice_contradicts_a_rule_on_a_time_limit_written_in_other_numerals(library, tmp_path):
    f = dust_notice_finding(library, tmp_path, "二、（一）")
    assert f.severity == "warning"
    assert f.evidence == "建设单位应当在工程开工7日前"
    assert f"《{DUST_RULE_TITLE}》第八条" in f.message and "十五日前" in f.message
    assert f.details["peer"]["title"] == DUST_RULE_TITLE and f.details["peer"]["location"] == "第八条"


def test_f501_notice_contradicts_a_rule_on_a_height_with_decimal_chinese_numerals(library, tmp_path):
    f = dust_notice_finding(library, tmp_path, "二、（二）")
    assert f.evidence == "主要路段围挡高度不低于2米"
    assert "第九条" in f.message and "二点五米" in f.message
    # the rule ranks above the notice: the message must say so
    assert "上位" in f.message


def test_f501_equal_values_in_other_numerals_are_no_contradiction(library, tmp_path):
    """一点八米 = 1.8米: only the two real contradictions of the notice are reported."""
    fs = found(reviewed(library, tmp_path, DUST_NOTICE, {"rule.md": DUST_RULE}), "F501")
    assert sorted(f.location for f in fs) == ["二、（一）", "二、（二）"]
    assert not [f for f in fs if "1.8" in f.evidence or "一点八" in f.message]


SIGN_RULE = written("临江市户外广告设施管理办法", "临江市人民政府令\n第19号", """
第一条 为了加强户外广告设施管理，根据《城市市容和环境卫生管理条例》等法规，结合本市实际，制定本办法。
第二条 户外广告设施的底部距离人行道地面不低于三米。
第三条 本办法自2023年3月1日起施行。
""", "临江市人民政府", "2023年1月10日")

WATER_RULE = written("临江市城市供水管理办法", "临江市人民政府令\n第20号", """
第一条 为了加强城市供水管理，根据国家有关规定，结合本市实际，制定本办法。
第二条 因工程施工、设备维修等原因需要停止供水的，应当提前二十四小时通知用户。
第三条 本办法自2023年3月1日起施行。
""", "临江市人民政府", "2023年1月10日")

@pytest.mark.parametrize("stored, text", [
    # 15日 = 十五日, 3个月 = 三个月
    ({"rule.md": DUST_RULE}, dust_plan_notice("加强施工扬尘防治方案管理", """
一、方案报送
（一）建设单位应当在工程开工15日前，将扬尘污染防治方案报送工程所在地住房和城乡建设主管部门。
（二）工程停工3个月以上的，建设单位应当对裸露地面采取覆盖措施。
""")),
    # 主要路段 2.5米 agrees with 第九条's 主要路段 二点五米; 第九条's 一般路段 一点八米 is another matter
    ({"rule.md": DUST_RULE}, dust_plan_notice("加强施工现场围挡管理", """
一、围挡设置
（一）施工现场主要路段围挡高度不低于2.5米。
（二）围挡应当坚固、整洁，并设置夜间警示灯。
""")),
    # 开工前 (方案报送) and 竣工前 (清运证明) are different duties
    ({"rule.md": DUST_RULE}, housing_notice("建筑垃圾清运管理", "临住建规〔2024〕5号", """
各建设单位：
为规范建筑垃圾清运，根据《临江市建设工程施工扬尘管理办法》，现就有关事项通知如下：
一、建设单位应当在工程竣工7日前，向住房和城乡建设主管部门报送建筑垃圾清运证明。
二、本通知自2024年3月1日起施行，有效期五年。
""")),
    # 门店招牌 (2.5米) and 户外广告设施 (三米) are different objects with a similar clause
    ({"rule.md": SIGN_RULE}, written("临江市城市管理局关于规范门店招牌设置的规定", "临城管规〔2024〕6号", """
第一条 为了规范门店招牌设置，根据《城市市容和环境卫生管理条例》，结合本市实际，制定本规定。
第二条 门店招牌的底部距离人行道地面不低于2.5米。
第三条 本规定自2024年3月1日起施行，有效期五年。
""", "临江市城市管理局", "2024年2月1日")),
    # 停止供水 24小时 and 停止供气 48小时 notice periods: the subject is in the clause before the number
    ({"water.md": WATER_RULE}, housing_notice("加强管道燃气供应服务管理", "临住建规〔2024〕6号", """
各管道燃气经营企业：
为加强管道燃气供应服务管理，根据国家有关规定，现就有关事项通知如下：
一、因工程施工、设备检修等原因需要停止供气的，应当提前48小时通知用户。
二、本通知自2024年3月1日起施行，有效期五年。
""")),
], ids=["agreeing-in-arabic-numerals", "agreeing-height-not-measured-against-another-height",
        "different-matters-with-the-same-unit", "shop-signs-and-billboards-are-different-matters",
        "water-and-gas-interruptions-are-different-matters"])
def test_f501_not_for_agreeing_values_or_different_matters(library, tmp_path, stored, text):
    assert found(reviewed(library, tmp_path, text, stored), "F501") == []


def test_f501_normative_document_with_articles_contradicting_a_rule(library, tmp_path):
    """A 规定 with articles; 3米 against 二点五米."""
    rules_text = written("临江市城市管理局关于建设工程施工围挡设置的规定", "临城管规〔2024〕2号", """
第一条 为了规范建设工程施工围挡设置，根据《临江市建设工程施工扬尘管理办法》，结合本市实际，制定本规定。
第二条 施工围挡应当坚固、整洁、美观，并设置夜间警示灯。
第三条 施工现场主要路段围挡高度不低于3米。
第四条 本规定自2024年6月1日起施行，有效期五年。
""", "临江市城市管理局", "2024年5月6日")
    f = sole(reviewed(library, tmp_path, rules_text, {"rule.md": DUST_RULE}), "F501", "第三条", 3)
    assert f.evidence == "施工现场主要路段围挡高度不低于3米"
    assert "二点五米" in f.message and f"《{DUST_RULE_TITLE}》第九条" in f.message


def test_f501_traditional_character_notice_contradicting_a_rule(library, tmp_path):
    notice = written("臨江市生態環境局關於加強建設工程揚塵污染防治的通知", "臨環規〔2024〕2號", """
各縣（市、區）生態環境分局：
為加強建設工程揚塵污染防治，根據《臨江市建設工程施工揚塵管理辦法》，現就有關事項通知如下：
一、建設單位應當在工程開工10日前，將揚塵污染防治方案報送工程所在地住房和城鄉建設主管部門。
二、各地應當加強揚塵污染聯合檢查。
三、本通知自2024年3月1日起施行，有效期五年。
""", "臨江市生態環境局", "2024年2月1日")
    f = sole(reviewed(library, tmp_path, notice, {"rule.md": DUST_RULE}, name="trad.txt"), "F501", "一、")
    assert "10日前" in f.evidence and "第八条" in f.message and "十五日前" in f.message


def test_f501_evidence_leaves_out_the_outline_marker(library, tmp_path):
    """一、 is the place (location), not part of the contradicting clause."""
    notice = housing_notice("施工扬尘防治方案报送", "临住建规〔2024〕4号", """
各建设单位：
为规范施工扬尘防治方案报送，根据《临江市建设工程施工扬尘管理办法》，现就有关事项通知如下：
一、建设单位应当在工程开工5日前，将扬尘污染防治方案报送工程所在地住房和城乡建设主管部门。
二、本通知自2024年3月1日起施行，有效期五年。
""")
    f = sole(reviewed(library, tmp_path, notice, {"rule.md": DUST_RULE}), "F501", "一、")
    assert f.evidence == "建设单位应当在工程开工5日前"


def test_f501_is_reported_on_the_stored_rule_too(library, tmp_path):
    ids = add_documents(library, tmp_path / "store", {"rule.md": DUST_RULE, "notice.md": DUST_NOTICE})
    r = review_doc(library, ids["rule.md"])
    fs = found(r, "F501")
    assert sorted((f.article, f.location) for f in fs) == [(8, "第八条"), (9, "第九条")]
    for f in fs:
        assert_span(r, f)
        assert "临江市住房和城乡建设局关于做好建设工程施工扬尘防治工作的通知" in f.message
    eight = next(f for f in fs if f.article == 8)
    assert eight.evidence == "建设单位应当在工程开工十五日前" and "7日前" in eight.message and "二、（一）" in eight.message
    nine = next(f for f in fs if f.article == 9)
    assert nine.evidence == "主要路段围挡高度不低于二点五米" and "2米" in nine.message


def test_f501_message_does_not_call_a_lower_ranking_notice_of_the_same_rank(library, tmp_path):
    """On the 规章, the 通知 (行政规范性文件) is a lower-ranking document, not 同级."""
    ids = add_documents(library, tmp_path / "store", {"rule.md": DUST_RULE, "notice.md": DUST_NOTICE})
    fs = found(review_doc(library, ids["rule.md"]), "F501")
    assert fs
    for f in fs:
        assert "同级" not in f.message, f.message


DEPOSIT_RULE = written("临江市互联网租赁自行车管理办法", "临政规〔2022〕5号", """
第一条 为了规范互联网租赁自行车经营服务，根据《中华人民共和国道路交通安全法》等法律、法规，结合本市实际，制定本办法。
第二条 运营企业收取的押金不超过一百元，并应当专户存管。
第三条 运营企业应当在车辆投放三十日前，向市交通运输主管部门报送投放计划。
第四条 本办法自2022年6月1日起施行，有效期五年。
""", "临江市人民政府", "2022年4月10日")


def transport(kind: str, number: str, body: str) -> str:
    """A 临江市交通运输局 document (规定 or 通知) on 互联网租赁自行车押金管理, signed 2024年2月1日."""
    return written(f"临江市交通运输局关于规范互联网租赁自行车押金管理的{kind}", number, body,
                   "临江市交通运输局", "2024年2月1日")


def test_f501_amounts_between_two_normative_documents_of_the_same_rank(library, tmp_path):
    notice = transport("规定", "临交规〔2024〕1号", """
第一条 为了规范互联网租赁自行车押金管理，根据《临江市互联网租赁自行车管理办法》，制定本规定。
第二条 运营企业收取的押金不超过200元，并应当专户存管。
第三条 运营企业应当在车辆投放30日前，向市交通运输主管部门报送投放计划。
第四条 本规定自2024年3月1日起施行，有效期五年。
""")
    f = sole(reviewed(library, tmp_path, notice, {"rule.md": DEPOSIT_RULE}), "F501", "第二条", 2)  # 三十日 = 30日
    assert f.evidence == "运营企业收取的押金不超过200元"
    assert "同级" in f.message and "一百元" in f.message and "《临江市互联网租赁自行车管理办法》第二条" in f.message


def test_f501_amount_in_a_clause_after_its_condition(library, tmp_path):
    """押金不超过一百元 vs 押金不超过200元, each after “…收取押金的，”: the subject sits in the preceding clause."""
    rule = DEPOSIT_RULE.replace("运营企业收取的押金不超过一百元，并应当专户存管。",
                                "运营企业向用户收取押金的，押金不超过一百元，并应当专户存管。")
    notice = transport("通知", "临交规〔2024〕3号", """
各运营企业：
为规范互联网租赁自行车押金管理，根据《临江市互联网租赁自行车管理办法》，现就有关事项通知如下：
一、运营企业向用户收取押金的，押金不超过200元，并应当专户存管。
二、本通知自2024年3月1日起施行，有效期五年。
""")
    f = sole(reviewed(library, tmp_path, notice, {"rule.md": rule}), "F501", "一、")
    assert "200元" in f.evidence and "一百元" in f.message


def test_f501_document_of_another_region_is_not_compared(library, tmp_path):
    """青川县's notice says 7日 and 2米, but it is measured against 青川县's documents, not 临江市's."""
    county = DUST_NOTICE.replace("临江市住房和城乡建设局", "青川县住房和城乡建设局").replace(
        "临住建规〔2024〕1号", "青住建规〔2024〕1号").replace("各县（市、区）住房和城乡建设局，", "各乡镇人民政府，")
    r = reviewed(library, tmp_path, county, {"rule.md": DUST_RULE})
    assert r.doc.metadata.issuers == ["青川县住房和城乡建设局"]
    assert found(r, "F501") == []


def test_f501_a_contradiction_within_one_county_is_found(library, tmp_path):
    """The same kind of pair inside 青川县: a county 办法 and a county department's notice."""
    county_rule = written("青川县建设工程施工扬尘管理办法", "青政规〔2022〕3号", """
第一条 为了防治建设工程施工扬尘污染，根据《中华人民共和国大气污染防治法》等法律、法规，结合本县实际，制定本办法。
第二条 建设单位应当在工程开工十五日前，将施工单位编制的扬尘污染防治方案报送县住房和城乡建设局。
第三条 本办法自2022年7月1日起施行，有效期五年。
""", "青川县人民政府", "2022年5月6日")
    county_notice = written("青川县住房和城乡建设局关于做好施工扬尘防治工作的通知", "青住建规〔2024〕1号", """
各建设单位：
为做好施工扬尘防治，根据《青川县建设工程施工扬尘管理办法》，现就有关事项通知如下：
一、落实防治措施
（一）建设单位应当在工程开工7日前，将扬尘污染防治方案报送县住房和城乡建设局。
二、本通知自2024年3月1日起施行，有效期五年。
""", "青川县住房和城乡建设局", "2024年2月1日")
    r = reviewed(library, tmp_path, county_notice, {"rule.md": DUST_RULE, "county.md": county_rule})
    fs = found(r, "F501")
    assert [f.location for f in fs] == ["一、（一）"]
    assert "《青川县建设工程施工扬尘管理办法》第二条" in fs[0].message
    assert DUST_RULE_TITLE not in fs[0].message


def test_region_of_issuers():
    assert region(["临江市住房和城乡建设局", "临江市生态环境局"]) == "临江市"
    assert region(["临江市城市管理局"]) == "临江市"
    assert region(["青川县人民政府办公室"]) == "青川县"
    assert region(["江南省住房和城乡建设厅"]) == "江南省"
    assert region(["国务院"]) is None
    assert region(["全国人民代表大会常务委员会"]) is None


def test_region_of_a_joint_party_and_government_document():
    """中共临江市委办公室 + 临江市人民政府办公室 (两办) issue documents of the city of 临江市."""
    assert region(["中共临江市委办公室", "临江市人民政府办公室"]) == "临江市"


# =============================================================================================
# F502 — repetition of an earlier document's provision
# =============================================================================================

PARK_RULE = written("临江市公园管理办法", "临江市人民政府令\n第9号", """
第一条 为了加强公园管理，根据《城市绿化条例》等法规，结合本市实际，制定本办法。
第二条 本办法适用于本市行政区域内公园的规划、建设、保护和管理。
第三条 公园管理机构应当在公园主要出入口公布开放时间和游园须知。
第四条 在公园内禁止下列行为：
（一）攀折、刻划树木，采摘花果，践踏花草；
（二）在树木上悬挂、张贴物品，或者在绿地内倾倒垃圾；
（三）擅自在公园内设置摊点、兜售物品；
（四）在非指定区域游泳、垂钓、烧烤；
（五）损坏公园设施、设备。
第五条 本办法自2022年1月1日起施行。
""", "临江市人民政府", "2021年11月15日")

PARK_NOTICE = written("临江市城市管理局关于加强公园游园秩序管理的通知", "临城管规〔2024〕5号", """
各区城市管理局，各公园管理机构：
为加强公园游园秩序管理，根据《临江市公园管理办法》，现就有关事项通知如下：
一、明确管理职责
公园管理机构应当在公园主要出入口公布开放时间和游园须知。
二、规范游园行为
（一）加强巡查，及时劝阻不文明游园行为。
（二）公园内禁止下列行为：1．攀折、刻划树木，采摘花果，践踏花草；2．在树木上悬挂、张贴物品，或者在绿地内倾倒垃圾；3．擅自在公园内设置摊点、兜售物品；4．在非指定区域游泳、垂钓、烧烤；5．损坏公园设施、设备。
三、本通知自2024年3月1日起施行，有效期五年。
""", "临江市城市管理局", "2024年2月1日")


def test_f502_later_notice_repeats_a_rule_article_with_other_item_markers(library, tmp_path):
    f = sole(reviewed(library, tmp_path, PARK_NOTICE, {"rule.md": PARK_RULE}), "F502", "二、（二）")
    assert f.severity == "info"
    assert f.evidence.startswith("（二）公园内禁止下列行为") and "损坏公园设施、设备" in f.evidence
    assert "《临江市公园管理办法》第四条" in f.message
    assert f.details["peer"]["location"] == "第四条"


def test_f502_short_shared_sentence_is_not_a_repetition(library, tmp_path):
    """一、 shares one sentence (27 characters) with 第三条: too short to be a 重复规定."""
    r = reviewed(library, tmp_path, PARK_NOTICE, {"rule.md": PARK_RULE})
    assert not [f for f in found(r, "F502") if f.location.startswith("一、")]


def test_f502_later_document_with_articles_repeats_a_rule(library, tmp_path):
    later = written("临江市城市管理局关于公园游园管理的规定", "临城管规〔2024〕7号", """
第一条 为了规范公园游园管理，根据《临江市公园管理办法》，结合本市实际，制定本规定。
第二条 公园管理机构应当加强日常巡查。
第三条 公园内禁止下列行为：
（一）攀折、刻划树木，采摘花果，践踏花草；
（二）在树木上悬挂、张贴物品，或者在绿地内倾倒垃圾；
（三）擅自在公园内设置摊点、兜售物品；
（四）在非指定区域游泳、垂钓、烧烤；
（五）损坏公园设施、设备。
第四条 本规定自2024年6月1日起施行，有效期五年。
""", "临江市城市管理局", "2024年5月6日")
    f = sole(reviewed(library, tmp_path, later, {"rule.md": PARK_RULE}), "F502", "第三条", 3)
    assert f.evidence.startswith("第三条") and "垂钓" in f.evidence
    assert "《临江市公园管理办法》第四条" in f.message


def test_f502_traditional_character_notice_repeating_a_rule(library, tmp_path):
    trad = written("臨江市城市管理局關於加強公園遊園秩序管理的通知", "臨城管規〔2024〕8號", """
各區城市管理局：
為加強公園遊園秩序管理，根據《臨江市公園管理辦法》，現就有關事項通知如下：
一、公園內禁止下列行為：1．攀折、刻劃樹木，採摘花果，踐踏花草；2．在樹木上懸掛、張貼物品，或者在綠地內傾倒垃圾；3．擅自在公園內設置攤點、兜售物品；4．在非指定區域游泳、垂釣、燒烤；5．損壞公園設施、設備。
二、本通知自2024年3月1日起施行，有效期五年。
""", "臨江市城市管理局", "2024年2月1日")
    f = sole(reviewed(library, tmp_path, trad, {"rule.md": PARK_RULE}, name="trad.txt"), "F502", "一、")
    assert "临江市公园管理办法" in f.message and "第四条" in f.message


def test_f502_is_reported_on_the_later_document_only(library, tmp_path):
    ids = add_documents(library, tmp_path / "store", {"rule.md": PARK_RULE, "notice.md": PARK_NOTICE})
    earlier = review_doc(library, ids["rule.md"])
    assert found(earlier, "F502") == []
    sole(review_doc(library, ids["notice.md"]), "F502", "二、（二）")


def test_f502_other_region_is_not_compared(library, tmp_path):
    county = PARK_NOTICE.replace("临江市城市管理局", "青川县城市管理局").replace("临城管规", "青城管规").replace(
        "各区城市管理局，", "各乡镇人民政府，")
    r = reviewed(library, tmp_path, county, {"rule.md": PARK_RULE})
    assert r.doc.metadata.issuers == ["青川县城市管理局"]
    assert found(r, "F502") == []


def test_f502_a_clause_that_changes_the_numbers_is_a_contradiction_not_a_repetition(library, tmp_path):
    """A block that copies an article but changes its heights contradicts it (F501); it does not repeat it."""
    notice = housing_notice("施工围挡设置", "临住建规〔2024〕7号", """
各施工单位：
为规范施工围挡设置，根据《临江市建设工程施工扬尘管理办法》，现就有关事项通知如下：
一、施工单位应当在施工现场采取下列措施：（一）设置连续、密闭的硬质围挡，主要路段围挡高度不低于2米，一般路段围挡高度不低于1.5米；（二）裸露地面和易产生扬尘的物料及时覆盖。
二、本通知自2024年3月1日起施行，有效期五年。
""")
    r = reviewed(library, tmp_path, notice, {"rule.md": DUST_RULE})
    assert found(r, "F501")
    assert found(r, "F502") == []


# =============================================================================================
# Cleanup (清理): one verdict per document
# =============================================================================================

def city_management(about: str, number: str, articles: str, on: str) -> str:
    """A 规定 of 临江市城市管理局 ``关于{about}的规定``."""
    return written(f"临江市城市管理局关于{about}的规定", number, articles, "临江市城市管理局", on)


EXPIRED = city_management("规范户外招牌设置", "临城管规〔2019〕3号", """
第一条 为了规范户外招牌设置，根据《城市市容和环境卫生管理条例》等规定，结合本市实际，制定本规定。
第二条 设置户外招牌应当规范、安全、美观。
第三条 本规定自2019年5月1日起施行，有效期至2024年4月30日。
""", "2019年4月1日")

CLEAN = city_management("加强城市道路清扫保洁", "临城管规〔2024〕8号", """
第一条 为了加强城市道路清扫保洁，根据《城市市容和环境卫生管理条例》，结合本市实际，制定本规定。
第二条 环境卫生作业单位应当按照作业标准清扫保洁城市道路。
第三条 本规定自2024年3月1日起施行，有效期五年。
""", "2024年2月1日")


def test_cleanup_c101_expired_validity_is_declared_lapsed(library, tmp_path):
    add_documents(library, tmp_path / "docs", {"expired.md": EXPIRED, "clean.md": CLEAN})
    v = verdicts(cleanup(library))
    e = v["临江市城市管理局关于规范户外招牌设置的规定"]
    assert e["recommendation"] == "宣布失效"
    c101 = only(e, "C101")
    assert "2024-04-30" in c101["message"]
    assert c101["message"] in e["reasons"]
    clean = v["临江市城市管理局关于加强城市道路清扫保洁的规定"]
    assert clean["recommendation"] == "继续有效" and clean["findings"] == [] and clean["reasons"] == []


def test_cleanup_c101_a_document_is_valid_on_the_last_day_of_its_period(library, tmp_path):
    last_day = EXPIRED.replace("有效期至2024年4月30日", "有效期至2026年11月23日").replace(
        "2019年5月1日", "2021年11月24日")
    add_documents(library, tmp_path / "docs", {"doc.md": last_day})
    title = "临江市城市管理局关于规范户外招牌设置的规定"
    assert "C101" not in c_rules(verdicts(cleanup(library, date(2026, 11, 23)))[title])
    after = verdicts(cleanup(library, date(2026, 11, 24)))[title]
    assert "C101" in c_rules(after) and after["recommendation"] == "宣布失效"


def housekeeping(basis: str, year: int) -> str:
    """临江市商务局's 家政服务合同 规定 of ``year``, made under ``basis`` and 消费者权益保护法."""
    return written("临江市商务局关于规范家政服务合同管理的规定", f"临商规〔{year}〕2号", f"""
第一条 为了规范家政服务合同管理，根据《中华人民共和国{basis}》《中华人民共和国消费者权益保护法》等法律，结合本市实际，制定本规定。
第二条 家政服务机构应当与消费者订立书面服务合同。
第三条 本规定自{year}年3月1日起施行，有效期五年。
""", "临江市商务局", f"{year}年1月20日")


def test_cleanup_c102_basis_repealed_with_a_successor_is_amended(library, tmp_path):
    e = entry_of(library, tmp_path, housekeeping("合同法", 2022))
    assert e["recommendation"] == "修改"
    f = only(e, "C102")
    assert f["severity"] == "error" and f["article"] == 1 and f["location"] == "第一条"
    assert f["evidence"] == "《中华人民共和国合同法》"
    assert "民法典" in f["message"] and f["details"]["successor"] == "中华人民共和国民法典"


def test_cleanup_c102_basis_repealed_without_successor_is_repealed(library, tmp_path):
    """农业税条例 was abolished on 2006-01-01 with nothing in its place (law_facts.csv, empty successor)."""
    doc = written("临江市农业税征收管理办法", "临江市人民政府令\n第3号", """
第一条 为了加强农业税征收管理，根据《中华人民共和国农业税条例》，结合本市实际，制定本办法。
第二条 本市行政区域内从事农业生产、有农业收入的单位和个人，应当依照本办法缴纳农业税。
第三条 本办法自2003年1月1日起施行。
""", "临江市人民政府", "2002年11月20日")
    e = entry_of(library, tmp_path, doc)
    assert e["recommendation"] == "废止"
    c102 = only(e, "C102")
    assert c102["location"] == "第一条"
    assert "农业税条例" in c102["message"] and "2006-01-01" in c102["message"]
    assert not c102["details"].get("successor")


def test_cleanup_c102_not_for_a_basis_in_force(library, tmp_path):
    e = entry_of(library, tmp_path, housekeeping("民法典", 2024))
    assert "C102" not in c_rules(e) and e["recommendation"] == "继续有效"


AGRI_2019 = written("临江市食用农产品产地管理办法", "临江市人民政府令\n第10号", """
第一条 为了加强食用农产品产地管理，根据《中华人民共和国农产品质量安全法》，结合本市实际，制定本办法。
第二条 本办法所称农产品，依照《中华人民共和国农产品质量安全法》第二条的规定确定。
第三条 农产品生产者应当建立农产品生产记录。
第四条 本办法自2019年8月1日起施行。
""", "临江市人民政府", "2019年7月1日")


def test_cleanup_c103_cited_article_changed_by_a_later_amendment(library, tmp_path):
    e = entry_of(library, tmp_path, AGRI_2019)
    assert e["recommendation"] == "修改"
    f = only(e, "C103")
    assert f["severity"] == "warning" and f["article"] == 2
    assert f["evidence"] == "《中华人民共和国农产品质量安全法》第二条"
    assert "农产品质量安全法" in f["message"]


def test_cleanup_c103_names_the_place_and_the_article_as_written(library, tmp_path):
    """The finding names 第二条 (where the citation is) like every other finding, and the article in Chinese."""
    e = entry_of(library, tmp_path, AGRI_2019)
    f = next(f for f in e["findings"] if f["rule"] == "C103")
    assert f["location"] == "第二条"
    assert "第二条" in f["message"]


def test_cleanup_c103_not_for_an_article_unchanged_in_substance(library, tmp_path):
    doc = AGRI_2019.replace("依照《中华人民共和国农产品质量安全法》第二条的规定确定",
                            "按照国家有关规定确定").replace(
        "根据《中华人民共和国农产品质量安全法》，", "根据《中华人民共和国农产品质量安全法》第一条，")
    assert "C103" not in c_rules(entry_of(library, tmp_path, doc))


def test_cleanup_c103_not_for_a_document_issued_after_the_amendment(library, tmp_path):
    doc = AGRI_2019.replace("第10号", "第25号").replace("2019年8月1日", "2023年8月1日").replace(
        "2019年7月1日", "2023年7月1日")
    e = entry_of(library, tmp_path, doc)
    assert "C103" not in c_rules(e) and e["recommendation"] == "继续有效"


GREEN_OLD = city_management("加强城市道路绿化带管护", "临城管规〔2022〕1号", """
第一条 为了加强城市道路绿化带管护，根据《城市绿化条例》，结合本市实际，制定本规定。
第二条 绿化养护单位应当定期修剪道路绿化带。
第三条 本规定自2022年3月1日起施行，有效期五年。
""", "2022年2月1日")
GREEN_OLD_TITLE = "临江市城市管理局关于加强城市道路绿化带管护的规定"


def _green_new(repeal: str) -> str:
    return city_management("城市道路绿化带养护作业", "临城管规〔2025〕2号", f"""
第一条 为了规范城市道路绿化带养护作业，根据《城市绿化条例》，结合本市实际，制定本规定。
第二条 绿化养护单位应当按照养护标准修剪道路绿化带。
第三条 本规定自2025年3月1日起施行，有效期五年。{repeal}
""", "2025年2月1日")


def green_verdicts(library, tmp_path, new: str) -> dict[str, dict]:
    """Cleanup verdicts of GREEN_OLD stored together with ``new``."""
    add_documents(library, tmp_path / "docs", {"old.md": GREEN_OLD, "new.md": new})
    return verdicts(cleanup(library))


def test_cleanup_c104_explicit_repeal_by_title(library, tmp_path):
    v = green_verdicts(library, tmp_path, _green_new(f"《{GREEN_OLD_TITLE}》同时废止。"))
    old = v[GREEN_OLD_TITLE]
    assert old["recommendation"] == "废止"
    c104 = only(old, "C104")
    assert "临江市城市管理局关于城市道路绿化带养护作业的规定" in c104["message"] and "废止" in c104["message"]
    newer = v["临江市城市管理局关于城市道路绿化带养护作业的规定"]
    assert "C104" not in c_rules(newer) and newer["recommendation"] == "继续有效"


def test_cleanup_c104_explicit_repeal_by_document_number(library, tmp_path):
    old = green_verdicts(library, tmp_path, _green_new("临城管规〔2022〕1号文件同时废止。"))[GREEN_OLD_TITLE]
    assert old["recommendation"] == "废止" and c_rules(old) == ["C104"]


def test_cleanup_c104_not_when_the_later_document_only_cites_the_earlier(library, tmp_path):
    new = _green_new("").replace("根据《城市绿化条例》，", f"根据《城市绿化条例》和《{GREEN_OLD_TITLE}》，")
    old = green_verdicts(library, tmp_path, new)[GREEN_OLD_TITLE]
    assert "C104" not in c_rules(old) and old["recommendation"] == "继续有效"


KITCHEN_OLD = written("临江市餐厨垃圾管理办法（试行）", "临政规〔2023〕4号", """
第一条 为了加强餐厨垃圾管理，根据《中华人民共和国固体废物污染环境防治法》，结合本市实际，制定本办法。
第二条 餐厨垃圾产生单位应当将餐厨垃圾交由具备条件的收运单位收运。
第三条 本办法自2023年6月1日起施行，有效期两年。
""", "临江市人民政府", "2023年5月1日")
KITCHEN_NEW = written("临江市餐厨垃圾管理办法", "临政规〔2025〕6号", """
第一条 为了规范餐厨垃圾收运处置，保障食品安全，根据《中华人民共和国固体废物污染环境防治法》，结合本市实际，制定本办法。
第二条 餐厨垃圾产生单位应当将餐厨垃圾交由具备条件的收运单位收运，并建立收运台账。
第三条 本办法自2025年5月1日起施行，有效期五年。
""", "临江市人民政府", "2025年4月1日")


def test_cleanup_c104_same_issuer_re_regulates_the_same_matter(library, tmp_path):
    """A later 办法 of the same government with the same title (but for （试行）): 废止 with a warning."""
    add_documents(library, tmp_path / "docs", {"old.md": KITCHEN_OLD, "new.md": KITCHEN_NEW})
    v = verdicts(cleanup(library, date(2025, 5, 20)))  # the trial period runs to 2025-05-31
    old = v["临江市餐厨垃圾管理办法（试行）"]
    assert old["recommendation"] == "废止"
    c104 = only(old, "C104")
    assert c104["severity"] == "warning"
    assert "《临江市餐厨垃圾管理办法》" in c104["message"]
    assert "C104" not in c_rules(v["临江市餐厨垃圾管理办法"])


def test_cleanup_c104_not_for_the_same_title_of_another_issuer(library, tmp_path):
    county = KITCHEN_NEW.replace("临江市", "青川县").replace("临政规", "青政规")
    add_documents(library, tmp_path / "docs", {"old.md": KITCHEN_OLD, "county.md": county})
    old = verdicts(cleanup(library, date(2025, 5, 20)))["临江市餐厨垃圾管理办法（试行）"]
    assert "C104" not in c_rules(old) and old["recommendation"] == "继续有效"


def amended(library, tmp_path, doc: str) -> dict:
    """The cleanup entry of ``doc`` stored alone, whose verdict must be 修改."""
    e = entry_of(library, tmp_path, doc)
    assert e["recommendation"] == "修改"
    return e


def test_cleanup_c105_from_a_penalty_set_by_a_normative_document(library, tmp_path):
    doc = city_management("规范城市道路临时占用管理", "临城管规〔2024〕4号", """
第一条 为了规范城市道路临时占用，根据《城市市容和环境卫生管理条例》，结合本市实际，制定本规定。
第二条 未经批准临时占用城市道路的，由城市管理部门处二千元以上五千元以下罚款。
第三条 本规定自2024年3月1日起施行，有效期五年。
""", "2024年2月1日")
    f = only(amended(library, tmp_path, doc), "C105")
    assert f["severity"] == "error" and f["location"] == "第二条" and f["article"] == 2
    assert "二千元以上五千元以下" in f["evidence"] and f["details"]["from"] == "F102"


def test_cleanup_c105_from_a_fine_beyond_the_upper_level_range(library, tmp_path):
    doc = written("临江市秸秆露天焚烧防治办法", "临江市人民政府令\n第12号", """
第一条 为了防治秸秆露天焚烧污染，根据《中华人民共和国大气污染防治法》等法律、法规，结合本市实际，制定本办法。
第二条 乡镇人民政府应当组织做好秸秆收集、贮存工作。
第三条 在人口集中地区露天焚烧秸秆、落叶的，由生态环境主管部门责令改正，处五千元以上二万元以下罚款。
第四条 本办法自2021年5月1日起施行。
""", "临江市人民政府", "2021年3月10日")
    f = only(amended(library, tmp_path, doc), "C105")
    assert f["severity"] == "error" and f["article"] == 3 and f["details"]["from"] == "F105"
    assert "五千元以上二万元以下" in f["evidence"]
    assert "第一百一十九条第一款" in f["message"]


def test_cleanup_c105_from_a_fee_in_a_notice_and_a_deposit_without_basis(library, tmp_path):
    """A 通知 with points: a 管理费 set without basis (F104, error) and a 保证金 without basis (F106, warning)."""
    doc = written("临江市城市管理局关于加强夜市摊点管理的通知", "临城管规〔2024〕9号", """
各区城市管理局，各夜市经营管理单位：
为加强夜市摊点管理，根据《城市市容和环境卫生管理条例》，现就有关事项通知如下：
一、规范摊点设置
（一）夜市摊点应当在划定的区域和时段内经营。
（二）市城市管理局按照每个摊位每月五十元的标准向经营者收取夜市管理费。
二、落实经营者责任
（一）经营者应当向夜市经营管理单位缴纳一千元保证金。
三、本通知自2024年3月1日起施行，有效期五年。
""", "临江市城市管理局", "2024年2月1日")
    c105 = [f for f in amended(library, tmp_path, doc)["findings"] if f["rule"] == "C105"]
    fee = [f for f in c105 if f["details"]["from"] == "F104"]
    assert len(fee) == 1 and fee[0]["severity"] == "error" and fee[0]["location"] == "一、（二）"
    assert "管理费" in fee[0]["evidence"]
    deposit = [f for f in c105 if f["details"]["from"] == "F106"]
    assert len(deposit) == 1 and deposit[0]["severity"] == "warning" and deposit[0]["location"] == "二、（一）"


def lapsed_campaign(library, tmp_path, name: str, doc: str, year: str) -> dict:
    """The cleanup result of a campaign ``doc`` of ``year`` stored alone, whose verdict is 宣布失效 for one C106."""
    add_documents(library, tmp_path / "docs", {name: doc})
    result = cleanup(library)
    e = verdicts(result)[doc.split("\n", 1)[0]]
    assert e["recommendation"] == "宣布失效"
    assert year in only(e, "C106")["message"]
    return result


def test_cleanup_c106_campaign_document_of_2019_has_lapsed(library, tmp_path):
    plan = written("临江市人民政府办公室关于印发临江市2019年建筑工地扬尘专项整治工作方案的通知", "临政办规〔2019〕8号", """
各区人民政府，市政府各部门：
经市人民政府同意，现将《临江市2019年建筑工地扬尘专项整治工作方案》印发给你们，请认真贯彻执行。
一、整治范围
本市建成区内在建的房屋建筑和市政工程。
二、整治要求
（一）施工单位应当在施工现场设置连续、密闭的围挡。
（二）建设单位应当落实扬尘污染防治费用。
三、时间安排
2019年4月至12月。
四、本方案自印发之日起施行，有效期至2027年12月31日。
""", "临江市人民政府办公室", "2019年3月20日")
    result = lapsed_campaign(library, tmp_path, "plan.md", plan, "2019")
    title = "临江市人民政府办公室关于印发临江市2019年建筑工地扬尘专项整治工作方案的通知"
    assert title not in {d["title"] for d in result["not_normative"]}  # duties on 施工单位: it is normative


def test_cleanup_c106_campaign_notice_of_2020_has_lapsed(library, tmp_path):
    notice = written("临江市城市管理局关于开展2020年违法建设专项治理行动的通知", "临城管规〔2020〕2号", """
各区城市管理局：
为开展违法建设专项治理，根据《中华人民共和国城乡规划法》，现就有关事项通知如下：
一、治理范围：城市建成区内未取得建设工程规划许可证进行建设的建筑物、构筑物。
二、建设单位和个人应当自行整改违法建设。
三、本通知自2020年4月1日起施行，有效期至2028年3月31日。
""", "临江市城市管理局", "2020年3月15日")
    lapsed_campaign(library, tmp_path, "notice.md", notice, "2020")


def test_cleanup_c106_not_for_a_recent_work_plan(library, tmp_path):
    plan = written("临江市城市管理局关于印发临江市2025年市容环境专项整治工作要点的通知", "临城管规〔2025〕1号", """
各区城市管理局：
现将《临江市2025年市容环境专项整治工作要点》印发给你们，请认真贯彻执行。
一、沿街商户应当落实门前三包责任。
二、户外广告设置单位应当定期检查广告设施安全。
三、本通知自印发之日起施行，有效期至2027年12月31日。
""", "临江市城市管理局", "2025年1月20日")
    e = entry_of(library, tmp_path, plan, name="plan.md")
    assert "C106" not in c_rules(e) and e["recommendation"] == "继续有效"


STRAW_RULE = written("临江市秸秆综合利用管理办法", "临江市人民政府令\n第13号", """
第一条 为了促进秸秆综合利用，根据《中华人民共和国大气污染防治法》等法律、法规，结合本市实际，制定本办法。
第二条 乡镇人民政府应当组织做好秸秆收集、贮存工作。
第三条 秸秆收储点应当距离村民住宅不少于五十米。
第四条 违反本办法第二十条规定的，依照有关规定处理。
第五条 农业农村主管部门应当推广秸秆还田。
第七条 本办法自2021年5月1日起施行。
""", "临江市人民政府", "2021年3月10日")
STRAW_NOTICE = written("临江市农业农村局关于做好秸秆综合利用工作的通知", "临农规〔2023〕1号", """
各县（市、区）农业农村局：
为做好秸秆综合利用，根据《临江市秸秆综合利用管理办法》，现就有关事项通知如下：
一、秸秆收储点应当距离村民住宅不少于30米。
二、各地应当加强秸秆综合利用宣传。
三、本通知自2023年5月1日起施行，有效期五年。
""", "临江市农业农村局", "2023年4月1日")


def test_cleanup_c107_and_c109_from_contradiction_and_numbering(library, tmp_path):
    add_documents(library, tmp_path / "docs", {"rule.md": STRAW_RULE, "notice.md": STRAW_NOTICE})
    v = verdicts(cleanup(library))
    rule = v["临江市秸秆综合利用管理办法"]
    assert rule["recommendation"] == "修改"
    c107 = [f for f in rule["findings"] if f["rule"] == "C107"]
    assert [(f["location"], f["details"]["from"]) for f in c107] == [("第三条", "F501")]
    assert c107[0]["evidence"] == "秸秆收储点应当距离村民住宅不少于五十米" and "30米" in c107[0]["message"]
    c109 = sorted((f["details"]["from"], f["location"]) for f in rule["findings"] if f["rule"] == "C109")
    assert c109 == [("F301", "第四条"), ("F302", "第七条")]
    assert all(f["severity"] == "warning" for f in rule["findings"] if f["rule"] in ("C107", "C109"))
    notice = v["临江市农业农村局关于做好秸秆综合利用工作的通知"]
    assert notice["recommendation"] == "修改" and c_rules(notice) == ["C107"]


def test_cleanup_c108_repetition_is_information_only(library, tmp_path):
    add_documents(library, tmp_path / "docs", {"rule.md": PARK_RULE, "notice.md": PARK_NOTICE})
    v = verdicts(cleanup(library))
    notice = v["临江市城市管理局关于加强公园游园秩序管理的通知"]
    c108 = only(notice, "C108")
    assert c108["severity"] == "info" and c108["location"] == "二、（二）"
    assert "临江市公园管理办法" in c108["message"]
    assert notice["recommendation"] == "继续有效" and notice["reasons"] == []
    assert "C108" not in c_rules(v["临江市公园管理办法"])


def test_cleanup_issuer_filter(library, tmp_path):
    add_documents(library, tmp_path / "docs", {"expired.md": EXPIRED, "clean.md": CLEAN, "rule.md": STRAW_RULE,
                                               "notice.md": STRAW_NOTICE})
    result = cleanup(library, issuer="临江市城市管理局")
    assert result["issuer"] == "临江市城市管理局"
    assert sorted(d["title"] for d in result["documents"]) == [
        "临江市城市管理局关于加强城市道路清扫保洁的规定", "临江市城市管理局关于规范户外招牌设置的规定"]
    assert all(d["issuer"] == "临江市城市管理局" for d in result["documents"])
    assert result["summary"] == {"继续有效": 1, "修改": 0, "废止": 0, "宣布失效": 1}
    farm = cleanup(library, issuer="临江市农业农村局")
    assert [d["title"] for d in farm["documents"]] == ["临江市农业农村局关于做好秸秆综合利用工作的通知"]


APPOINT = written("临江市人民政府关于张某某等同志职务任免的通知", "临政任〔2024〕2号", """
各区人民政府，市政府各部门：
经市人民政府研究决定：
任命张某某为临江市城市管理局副局长；
免去李某某的临江市城市管理局副局长职务。
""", "临江市人民政府", "2024年3月1日")
REPORT = written("临江市城市管理局2023年度依法行政工作总结", "临城管报〔2024〕1号", """
市人民政府：
现将我局2023年度依法行政工作情况报告如下：
一、主要工作
全年开展执法培训十二次。
二、存在的问题
执法队伍力量不足。
三、下一步工作打算
继续加强执法队伍建设。
特此报告。
""", "临江市城市管理局", "2024年1月10日")


def test_cleanup_not_normative_document_gets_no_verdict(library, tmp_path):
    ids = add_documents(library, tmp_path / "docs", {"appoint.md": APPOINT, "clean.md": CLEAN})
    result = cleanup(library)
    skipped = {d["id"]: d for d in result["not_normative"]}
    assert ids["appoint.md"] in skipped and skipped[ids["appoint.md"]]["reason"] == "不属于规范性文件"
    assert ids["appoint.md"] not in {d["id"] for d in result["documents"]}
    assert ids["clean.md"] in {d["id"] for d in result["documents"]}
    assert library.db.execute("select count(*) from verdicts where document_id = ?", [ids["appoint.md"]]).fetchone()[0] == 0


def test_cleanup_lists_every_not_normative_document_it_leaves_out(library, tmp_path):
    """A 工作总结 (parsed as 其他) is left out of the cleanup like the 任免通知, and listed as such."""
    ids = add_documents(library, tmp_path / "docs", {"appoint.md": APPOINT, "report.md": REPORT})
    result = cleanup(library)
    skipped = {d["id"] for d in result["not_normative"]}
    assert ids["report.md"] not in {d["id"] for d in result["documents"]}
    assert {ids["appoint.md"], ids["report.md"]} <= skipped


def test_cleanup_summary_counts_recommendations(library, tmp_path):
    add_documents(library, tmp_path / "docs", {"expired.md": EXPIRED, "clean.md": CLEAN, "rule.md": STRAW_RULE,
                                               "notice.md": STRAW_NOTICE, "agri.md": AGRI_2019})
    result = cleanup(library)
    counted = {r: sum(1 for d in result["documents"] if d["recommendation"] == r)
               for r in ("继续有效", "修改", "废止", "宣布失效")}
    assert result["summary"] == counted
    mine = {t: d["recommendation"] for t, d in verdicts(result).items() if t.startswith("临江市")}
    assert mine == {"临江市城市管理局关于规范户外招牌设置的规定": "宣布失效",
                    "临江市城市管理局关于加强城市道路清扫保洁的规定": "继续有效",
                    "临江市秸秆综合利用管理办法": "修改", "临江市农业农村局关于做好秸秆综合利用工作的通知": "修改",
                    "临江市食用农产品产地管理办法": "修改"}
    assert result["as_of"] == AS_OF.isoformat()


def test_cleanup_findings_and_verdicts_are_stored_and_replaced_on_rerun(library, tmp_path):
    ids = add_documents(library, tmp_path / "docs", {"rule.md": STRAW_RULE, "notice.md": STRAW_NOTICE,
                                                     "clean.md": CLEAN})
    result = cleanup(library)
    db = library.db

    def stored() -> list[tuple]:
        return sorted(db.execute("select document_id, rule, severity, location, evidence from findings "
                                 "where kind = 'cleanup'").fetchall())

    expected = sorted((d["id"], f["rule"], f["severity"], f["location"], f["evidence"])
                      for d in result["documents"] for f in d["findings"])
    assert stored() == expected and len(expected) >= 4
    verdict_rows = dict(db.execute("select document_id, verdict from verdicts where kind = 'cleanup'").fetchall())
    assert verdict_rows[ids["rule.md"]] == "修改" and verdict_rows[ids["clean.md"]] == "继续有效"
    assert len(verdict_rows) == len(result["documents"])
    cleanup(library)
    assert stored() == expected  # replaced, not duplicated
    assert db.execute("select count(*) from verdicts where kind = 'cleanup'").fetchone()[0] == len(result["documents"])
