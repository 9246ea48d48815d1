"""Power rules F101–F107: what a rank may set on its own (nlp/checks/powers.toml), and penalties against
the upper-level provision for the same conduct (F105).

Every document below is fictional; real laws are cited by title and article number only, and each
cited number was checked against ../shared/corpus/laws:
大气污染防治法(2018) 第一百一十八条第一款 (油烟, 五千元至五万元, 拒不改正的责令停业整治), 第一百一十九条第一款
(露天焚烧秸秆、落叶, 五百元至二千元), 第一百一十九条第二款 (焚烧沥青、塑料、垃圾: 单位一万元至十万元, 个人五百元至
二千元); 广告法(2021) 第五十七条 (二十万元至一百万元, 可以吊销营业执照), 第六十一条 (广告代言人: 违法所得一倍至
二倍); 食品安全法(2021) 第一百二十四条 (货值金额一万元以上的, 十倍至二十倍); 城乡规划法 第四十一条 (乡村建设
规划许可证); 固体废物污染环境防治法(2020) 第五十八条 (生活垃圾处理收费制度); 治安管理处罚法.
"""
from __future__ import annotations

from pathlib import Path
from typing import NamedTuple

import pytest

from ingest.checking import make_context, review_file
from nlp.checks.review import Review
from nlp.checks.rules import Finding
from tests.checks.conftest import AS_OF, review_text, rules


# ----------------------------------------------------------------------------------------------
# helpers

def of(review: Review, rule: str) -> list[Finding]:
    return [f for f in review.findings if f.rule == rule]


def summary(review: Review) -> list[tuple]:
    return [(f.rule, f.severity, f.location, f.evidence) for f in review.findings]


def one(review: Review, rule: str, severity: str = "error") -> Finding:
    """The single finding of ``rule``; its evidence is exactly the text it points at."""
    found = of(review, rule)
    assert len(found) == 1, summary(review)
    f = found[0]
    assert f.severity == severity, summary(review)
    assert f.start is not None and f.end is not None and f.start < f.end
    assert review.doc.text[f.start:f.end] == f.evidence
    return f


def none_of(review: Review, *rule_ids: str) -> None:
    assert not [f for f in review.findings if f.rule in rule_ids], summary(review)


def level_is(review: Review, level: str) -> None:
    assert review.doc.metadata.level == level, (review.doc.metadata.level, review.doc.metadata.title)


def reviewed_as(library, tmp_path, text: str, level: str) -> Review:
    """``text`` reviewed; it must be read as a document of ``level``."""
    r = review_text(library, tmp_path, text)
    level_is(r, level)
    return r


def placed(review: Review, rule: str, location: str, article: int | None, evidence_start: str) -> Finding:
    """The single error of ``rule``, at ``location`` (``article``), whose evidence starts with ``evidence_start``
    and whose message names its location."""
    f = one(review, rule)
    assert (f.location, f.article) == (location, article)
    assert f.evidence.startswith(evidence_start)
    assert location in f.message
    return f


def f105(review: Review, label: str) -> Finding:
    """The single F105 error, measured against the upper-level provision ``label``."""
    f = one(review, "F105")
    assert f.details["upper"]["label"] == label
    return f


# ----------------------------------------------------------------------------------------------
# templates: a 行政规范性文件, a 地方政府规章 as its 令 publishes it, and a 规章 and a 地方性法规 whose 第三条
# each test writes

def written(title: str, number: str, body: str, by: str, on: str) -> str:
    """A 行政规范性文件: title, 文号, a blank line, ``body`` (one line a point or article), a blank line, then
    the issuer and the date it was signed."""
    return "\n".join([title, number, "", body.strip("\n"), "", by, on, ""])


class Meeting(NamedTuple):
    """A 市人民政府常务会议 that adopted 规章: when it was held, its number, the day the 市长 signed the 令 that
    publishes them and the day they take effect."""
    held: str
    number: int
    signed: str
    effective: str


MEETING_30 = Meeting("2024年2月20日", 30, "2024年3月1日", "2024年5月1日")
MEETING_32 = Meeting("2024年4月2日", 32, "2024年4月10日", "2024年7月1日")
MEETING_33 = Meeting("2024年5月6日", 33, "2024年5月20日", "2024年8月1日")
MEETING_34 = Meeting("2024年6月3日", 34, "2024年6月18日", "2024年9月1日")


def city_rule(title: str, order: int, meeting: Meeting, articles: str) -> str:
    """A 地方政府规章 as 临江市人民政府令 第{order}号 publishes it: ``articles`` are its 第一条 to 第三条, and
    第四条 makes it take effect when the 令 says."""
    return f"""{title}
临江市人民政府令
第{order}号

《{title}》已经{meeting.held}市人民政府第{meeting.number}次常务会议通过，现予公布，自{meeting.effective}起施行。
市长 张某某
{meeting.signed}

{articles.strip()}
第四条 本办法自{meeting.effective}起施行。
"""


def burning_rule(article: str, basis: str = "根据《中华人民共和国大气污染防治法》等法律、法规，") -> str:
    """A 地方政府规章 on 露天焚烧 whose 第三条 is ``article``."""
    return city_rule("临江市露天焚烧污染防治办法", 21, MEETING_30, f"""
第一条 为了防治露天焚烧污染，改善大气环境质量，{basis}结合本市实际，制定本办法。
第二条 禁止在人口集中地区露天焚烧秸秆、落叶、枯草等产生烟尘污染的物质。
第三条 {article}
""")


def local_law(article: str) -> str:
    """A 地方性法规 (the city's 人大常委会 adopts it, its 公告 and signature say so) whose 第三条 is ``article``."""
    return f"""临江市餐饮服务业环境污染防治条例
临江市人民代表大会常务委员会公告
第12号

《临江市餐饮服务业环境污染防治条例》已于2024年4月25日经临江市第十七届人民代表大会常务委员会第十六次会议通过，2024年5月30日经江南省第十四届人民代表大会常务委员会第九次会议批准，现予公布，自2024年8月1日起施行。

第一条 为了防治餐饮服务业环境污染，保障公众健康，结合本市实际，制定本条例。
第二条 餐饮服务经营者不得将未经处理的餐饮废水直接排入雨水管网。
第三条 {article}
第四条 本条例自2024年8月1日起施行。

临江市人民代表大会常务委员会
2024年6月5日
"""


# ----------------------------------------------------------------------------------------------
# F101: a 行政规范性文件 sets a 行政许可

F101_ARTICLE = written("临江市教育局关于规范校外培训机构管理的规定", "临教规〔2024〕2号", """
第一条 为了规范校外培训机构办学行为，维护学生和家长的合法权益，结合本市实际，制定本规定。
第二条 本规定适用于本市行政区域内面向中小学生开展文化类培训的机构。
第三条 举办校外培训机构，应当向所在地县（市、区）教育局申请办学资格审批；未经审批的，不得招收学员。
第四条 本规定自2024年5月1日起施行，有效期五年。
""", "临江市教育局", "2024年4月1日")

F101_POINT = written("临江市商务局关于规范城区户外商业促销活动的通知", "临商规〔2024〕1号", """
各县（市、区）商务局，各有关单位：
为规范城区户外商业促销活动秩序，维护良好的市容环境，现就有关事项通知如下：
一、总体要求
各地要提高认识，切实加强户外商业促销活动的日常管理。
二、管理措施
（一）各县（市、区）商务局负责本辖区户外商业促销活动的日常巡查。
（二）未经市商务局批准，任何单位和个人不得在城区广场、人行道开展户外商业促销活动。
三、本通知自2024年6月1日起施行，有效期三年。
""", "临江市商务局", "2024年5月10日")

F101_ARABIC = written("青川县人民政府关于印发青川县乡村民宿经营管理办法的通知", "青政规〔2024〕4号", """
各乡镇人民政府，县政府各部门：
现将《青川县乡村民宿经营管理办法》印发给你们，请认真贯彻执行。

青川县乡村民宿经营管理办法
第1条 为了规范乡村民宿经营活动，促进乡村旅游健康发展，结合本县实际，制定本办法。
第2条 本办法适用于本县行政区域内利用农村村民自有住宅开办的民宿。
第3条 本县对乡村民宿经营实行许可管理，具体工作由县文化和旅游局负责。
第4条 本办法自2024年7月1日起施行，有效期五年。
""", "青川县人民政府", "2024年6月3日")

F101_TRADITIONAL = written("臨江市城市管理局關於加強戶外廣告牌匾設置管理的通知", "臨城管規〔2024〕3號", """
各區城市管理局：
為規範戶外廣告牌匾設置，提升城市形象，現就有關事項通知如下：
一、設置戶外廣告牌匾的單位，應當向所在區城市管理局申請設置許可，經批准後方可設置。
二、各區城市管理局應當加強日常巡查。
三、本通知自2024年8月1日起施行，有效期五年。
""", "臨江市城市管理局", "2024年7月1日")


@pytest.mark.parametrize("text, location, article, evidence_start", [
    (F101_ARTICLE, "第三条", 3, "申请办学资格"),
    (F101_POINT, "二、（二）", None, "未经市商务局批准"),
    (F101_ARABIC, "第3条", 3, "实行许可管理"),
    (F101_TRADITIONAL, "一、", None, "申"),
], ids=["article-申请审批", "point-未经批准不得", "arabic-实行许可管理", "traditional-申請許可"])
def test_f101_a_normative_document_that_creates_a_permit(library, tmp_path, text, location, article, evidence_start):
    f = placed(reviewed_as(library, tmp_path, text, "行政规范性文件"), "F101", location, article, evidence_start)
    assert "许可" in f.message
    assert "行政许可法" in f.basis


F101_ABSTRACT = written("临江市人民政府办公室关于印发临江市行政规范性文件制定和备案管理办法的通知", "临政办规〔2024〕2号", """
各县（市、区）人民政府，市政府各部门：
《临江市行政规范性文件制定和备案管理办法》已经市人民政府同意，现印发给你们，请认真遵照执行。

临江市行政规范性文件制定和备案管理办法
第一条 为了加强行政规范性文件制定和备案管理，根据国家和省有关规定，结合本市实际，制定本办法。
第二条 行政规范性文件不得设定行政许可、行政处罚、行政强制、行政征收、行政收费等事项，不得违法减损公民、法人和其他组织的合法权益或者增加其义务。
第三条 起草单位应当对行政规范性文件是否设定审批、收费、罚款等事项进行自查。
第四条 本办法自2024年3月1日起施行，有效期五年。
""", "临江市人民政府办公室", "2024年1月18日")

F101_RESTATES_LAW = written("青川县人民政府关于加强村镇规划建设管理的规定", "青政规〔2024〕1号", """
第一条 为了加强村镇规划建设管理，根据《中华人民共和国城乡规划法》《中华人民共和国土地管理法》等法律法规，结合本县实际，制定本规定。
第二条 在乡、村庄规划区内进行乡镇企业、乡村公共设施和公益事业建设的，建设单位或者个人应当依照《中华人民共和国城乡规划法》第四十一条的规定，向乡、镇人民政府提出申请，由乡、镇人民政府报县自然资源和规划局核发乡村建设规划许可证。
第三条 本规定自2024年3月1日起施行，有效期五年。
""", "青川县人民政府", "2024年1月20日")

F101_NATIONAL_RULES = written("临江市城市管理局关于加强建筑垃圾消纳管理的通知", "临城管规〔2024〕4号", """
各区城市管理局，各建筑垃圾运输企业：
为加强建筑垃圾消纳管理，根据《中华人民共和国固体废物污染环境防治法》，现就有关事项通知如下：
一、处置建筑垃圾的单位，应当依照国家有关规定向城市管理部门申请核准，并按照核准的路线和时间运输。
二、施工单位应当编制建筑垃圾处理方案，报工程所在地区城市管理局备案。
三、年度建筑垃圾消纳场所布局方案由市城市管理局拟定，报市人民政府批准后实施。
四、本通知自2024年5月1日起施行，有效期五年。
""", "临江市城市管理局", "2024年4月2日")


@pytest.mark.parametrize("text", [F101_ABSTRACT, F101_RESTATES_LAW, F101_NATIONAL_RULES],
                         ids=["negated-不得设定", "applies-城乡规划法41", "applies-国家有关规定+备案+报批"])
def test_f101_not_for_negated_mentions_or_permits_created_by_law(library, tmp_path, text):
    r = reviewed_as(library, tmp_path, text, "行政规范性文件")
    none_of(r, "F101", "F102", "F103", "F104")


def test_f101_is_about_normative_documents_not_government_rules(library, tmp_path):
    r = reviewed_as(library, tmp_path, burning_rule(
        "未经市城市管理局批准，任何单位和个人不得在人口集中地区举办露天篝火活动。"), "地方政府规章")
    none_of(r, "F101")


# ----------------------------------------------------------------------------------------------
# F102: a 行政规范性文件 sets a 行政处罚

F102_ARTICLE = written("临江市人民政府关于加强河道管理的规定", "临政规〔2024〕1号", """
第一条 为了加强河道管理，保障防洪安全，根据有关法律法规，结合本市实际，制定本规定。
第二条 禁止在河道管理范围内倾倒垃圾、渣土。
第三条 违反本规定第二条规定，在河道管理范围内倾倒垃圾、渣土的，由市水务局责令改正，处五百元以上一千元以下罚款。
第四条 本规定自2024年3月1日起施行，有效期五年。
""", "临江市人民政府", "2024年1月20日")

F102_TRADITIONAL = written("臨江市人民政府關於加強河道採砂管理的規定", "臨政規〔2024〕7號", """
第一條 為了加強河道採砂管理，保障防洪安全，結合本市實際，制定本規定。
第二條 禁止在河道管理範圍內傾倒垃圾、渣土。
第三條 違反本規定第二條規定的，由市水務局責令改正，處五百元以上一千元以下罰款。
第四條 本規定自2024年3月1日起施行，有效期五年。
""", "臨江市人民政府", "2024年1月20日")

F102_POINT = written("临江市城市管理局关于加强城区餐厨废弃物收运管理的通知", "临城管规〔2024〕5号", """
各区城市管理局，各餐饮服务单位：
为加强城区餐厨废弃物收运管理，现就有关事项通知如下：
一、工作要求
（一）餐饮服务单位应当将餐厨废弃物交由具备条件的企业收运。
（二）对将餐厨废弃物混入生活垃圾的，由区城市管理局给予警告，并处2000元罚款。
二、本通知自2024年6月1日起施行，有效期五年。
""", "临江市城市管理局", "2024年5月6日")

F102_CONFISCATE = written("临江市市场监督管理局关于规范农贸市场经营秩序的办法", "临市监规〔2024〕3号", """
第一条 为了规范农贸市场经营秩序，保障消费者合法权益，结合本市实际，制定本办法。
第二条 农贸市场经营者应当按照划定的区域摆放商品。
第三条 经营者使用不合格计量器具的，由市场监督管理部门没收违法所得，并责令停业整顿。
第四条 本办法自2024年4月1日起施行，有效期五年。
""", "临江市市场监督管理局", "2024年2月28日")


@pytest.mark.parametrize("text, location, article, kinds, evidence_start", [
    (F102_ARTICLE, "第三条", 3, ["罚款"], "五百元以上一千元以下"),
    (F102_POINT, "一、（二）", None, ["警告", "罚款"], "警告"),
    (F102_CONFISCATE, "第三条", 3, ["没收违法所得", "责令停产停业"], "没收违法所得"),
    (F102_TRADITIONAL, "第三條", 3, ["罚款"], "五百元以上一千元以下"),
], ids=["article-罚款", "point-警告并处2000元罚款", "article-没收并停业整顿", "traditional-罰款"])
def test_f102_a_normative_document_that_sets_a_penalty(library, tmp_path, text, location, article, kinds,
                                                          evidence_start):
    r = reviewed_as(library, tmp_path, text, "行政规范性文件")
    f = placed(r, "F102", location, article, evidence_start)
    for k in kinds:
        assert k in f.message
    assert "行政处罚法》第十六条" in f.basis
    none_of(r, "F107")


F102_REFERRAL = written("临江市生态环境局关于加强秸秆禁烧工作的通知", "临环规〔2024〕2号", """
各县（市、区）生态环境分局：
为防治露天焚烧污染，根据《中华人民共和国大气污染防治法》，现就有关事项通知如下：
一、在人口集中地区露天焚烧秸秆、落叶的，由县级以上地方人民政府确定的监督管理部门依照《中华人民共和国大气污染防治法》第一百一十九条的规定予以处罚。
二、构成违反治安管理行为的，由公安机关依照《中华人民共和国治安管理处罚法》的规定处罚。
三、本通知自2024年4月1日起施行，有效期三年。
""", "临江市生态环境局", "2024年3月5日")


def test_f102_not_for_a_normative_document_that_refers_to_the_law_that_punishes(library, tmp_path):
    r = reviewed_as(library, tmp_path, F102_REFERRAL, "行政规范性文件")
    none_of(r, "F102", "F105", "F107")


def straw_notice(point: str) -> str:
    """A 临江市生态环境局 notice whose 一、 is ``point``."""
    return written("临江市生态环境局关于做好夏季秸秆禁烧工作的通知", "临环规〔2024〕3号", f"""
各县（市、区）生态环境分局：
为防治露天焚烧污染，根据《中华人民共和国大气污染防治法》，现就有关事项通知如下：
一、{point}
二、本通知自2024年6月1日起施行，有效期三年。
""", "临江市生态环境局", "2024年5月5日")


def restating_straw_notice(fine: str) -> str:
    """A straw_notice whose 一、 restates 大气污染防治法 第一百一十九条 for 露天焚烧秸秆、落叶, with ``fine``."""
    return straw_notice("在人口集中地区露天焚烧秸秆、落叶的，由县级以上地方人民政府确定的监督管理部门依照"
                        f"《中华人民共和国大气污染防治法》第一百一十九条的规定，责令改正，处{fine}罚款。")


def test_f102_not_for_a_normative_document_that_restates_the_law_s_penalty(library, tmp_path):
    r = reviewed_as(library, tmp_path, restating_straw_notice("五百元以上二千元以下"), "行政规范性文件")
    none_of(r, "F102", "F105", "F107")


def test_a_normative_document_that_misstates_the_law_s_range_is_f105_not_f102(library, tmp_path):
    r = review_text(library, tmp_path, restating_straw_notice("3000元以上5000元以下"))
    none_of(r, "F102")
    f = f105(r, "第一百一十九条第一款")
    assert (f.location, f.article) == ("一、", None)
    assert f.evidence == "3000元以上5000元以下"
    assert "行政处罚法》第十六条" in f.basis


F102_ABSTRACT = F101_ABSTRACT  # 不得设定…行政处罚; 是否设定…罚款等事项进行自查


def test_f102_not_for_the_rule_that_normative_documents_may_not_fine(library, tmp_path):
    r = review_text(library, tmp_path, F102_ABSTRACT)
    none_of(r, "F102")


RULE_WITH_FINE = city_rule("临江市公园管理办法", 22, MEETING_30, """
第一条 为了加强公园管理，保护公园资源，根据有关法律、法规，结合本市实际，制定本办法。
第二条 在公园内不得携带犬只进入儿童游乐区域。
第三条 违反本办法第二条规定，携带犬只进入公园儿童游乐区域的，由公园行政主管部门责令改正，给予警告；拒不改正的，处五十元以上二百元以下罚款。
""")


def test_f102_not_for_a_government_rule_that_fines_within_its_power(library, tmp_path):
    r = reviewed_as(library, tmp_path, RULE_WITH_FINE, "地方政府规章")
    none_of(r, "F102", "F105", "F107")


REPORT_OF_A_FINE = written("临江市城市管理局关于2024年第一季度占道经营专项整治情况的通报", "临城管通〔2024〕5号", """
各区城市管理局：
2024年1月至3月，市局组织开展了占道经营专项整治行动。现将有关情况通报如下：
一、整治成效
专项行动期间，共劝离流动摊贩320余户，对城北区某餐饮店占道经营行为依法处以罚款二千元，并责令其限期改正。
二、存在问题
部分路段占道经营回潮明显，巡查频次不足。
三、下一步要求
各区要建立长效管理机制，于4月30日前将整改情况报送市局。
""", "临江市城市管理局", "2024年4月8日")


def test_a_report_of_a_fine_already_imposed_is_f601_not_f102(library, tmp_path):
    r = review_text(library, tmp_path, REPORT_OF_A_FINE)
    assert rules(r) == ["F601"], summary(r)


# ----------------------------------------------------------------------------------------------
# F103: a 行政规范性文件 sets a 行政强制措施 or 强制执行

F103_ARTICLE = written("临江市人民政府关于加强互联网租赁电动自行车管理的规定", "临政规〔2024〕6号", """
第一条 为了规范互联网租赁电动自行车停放秩序，结合本市实际，制定本规定。
第二条 运营企业应当引导用户在规定区域内停放车辆。
第三条 对在禁停区域内停放的车辆，城市管理部门可以予以扣押，并通知运营企业在七日内领回。
第四条 本规定自2024年6月1日起施行，有效期三年。
""", "临江市人民政府", "2024年5月8日")

F103_POINT = written("青川县人民政府办公室关于开展违法建筑专项整治的通知", "青政办规〔2024〕3号", """
各乡镇人民政府，县政府各部门：
为加快推进违法建筑专项整治，现就有关事项通知如下：
一、整治措施
（一）各乡镇人民政府负责排查本辖区内的违法建筑。
（二）对逾期不自行拆除的违法建筑，由乡镇人民政府组织强制拆除，所需费用由当事人承担。
二、本通知自2024年5月1日起施行，有效期二年。
""", "青川县人民政府办公室", "2024年4月15日")

F103_LATE_FEE = written("临江市城市管理局关于城市道路挖掘修复费缴纳管理的办法", "临城管规〔2024〕6号", """
第一条 为了规范城市道路挖掘修复管理，结合本市实际，制定本办法。
第二条 挖掘城市道路的单位应当在道路修复完成后三十日内结清修复费用。
第三条 逾期不结清的，自逾期之日起每日按未结清金额的千分之三加收滞纳金。
第四条 本办法自2024年7月1日起施行，有效期五年。
""", "临江市城市管理局", "2024年6月5日")


@pytest.mark.parametrize("text, location, article, evidence_start", [
    (F103_ARTICLE, "第三条", 3, "扣押"),
    (F103_POINT, "一、（二）", None, "强制拆除"),
    (F103_LATE_FEE, "第三条", 3, "滞纳金"),
], ids=["article-扣押", "point-强制拆除", "article-滞纳金"])
def test_f103_a_normative_document_that_sets_coercion(library, tmp_path, text, location, article, evidence_start):
    r = reviewed_as(library, tmp_path, text, "行政规范性文件")
    f = placed(r, "F103", location, article, evidence_start)
    assert "强制" in f.message
    assert "行政强制法" in f.basis
    none_of(r, "F104")


F103_NEGATIVE = written("临江市城市管理局关于规范城市管理行政执法行为的通知", "临城管规〔2024〕7号", """
各区城市管理局：
为规范城市管理行政执法行为，根据《中华人民共和国行政强制法》，现就有关事项通知如下：
一、执法人员严禁违法实施查封、扣押等行政强制措施。
二、当事人在法定期限内不申请行政复议或者提起行政诉讼，又不履行行政决定的，区城市管理局应当依照《中华人民共和国行政强制法》的规定申请人民法院强制执行。
三、本通知自2024年5月1日起施行，有效期五年。
""", "临江市城市管理局", "2024年4月1日")


def test_f103_not_for_a_prohibition_or_an_application_to_the_court(library, tmp_path):
    r = reviewed_as(library, tmp_path, F103_NEGATIVE, "行政规范性文件")
    none_of(r, "F103", "F102", "F101")


# ----------------------------------------------------------------------------------------------
# F104: a 行政规范性文件 sets a fee without a legal basis

F104_POINT = written("临江市城市管理局关于加强共享电单车停放秩序管理的通知", "临城管规〔2024〕8号", """
各区城市管理局，各运营企业：
为加强共享电单车停放秩序管理，现就有关事项通知如下：
一、运营企业应当按照核定的投放规模投放车辆。
二、保障措施
（一）各区城市管理局负责停放秩序的日常巡查。
（二）由市城市管理局向运营企业收取停放秩序管理费，每辆车每年20元。
三、本通知自2024年6月1日起施行，有效期三年。
""", "临江市城市管理局", "2024年5月20日")

F104_ARTICLE = written("临江市住房和城乡建设局关于加强建设工程施工扬尘监管的规定", "临住建规〔2024〕3号", """
第一条 为了加强建设工程施工扬尘监管，结合本市实际，制定本规定。
第二条 施工单位应当落实施工现场围挡、覆盖、冲洗等扬尘防治措施。
第三条 市住房和城乡建设局按照建筑面积每平方米二元的标准收取施工扬尘监管费。
第四条 本规定自2024年4月1日起施行，有效期五年。
""", "临江市住房和城乡建设局", "2024年3月1日")

F104_PAYER = written("临江市行政审批服务局关于规范市场主体登记服务的办法", "临审批规〔2024〕1号", """
第一条 为了规范市场主体登记服务，结合本市实际，制定本办法。
第二条 申请人办理市场主体变更登记的，应当向市行政审批服务局缴纳登记审核服务费三百元。
第三条 本办法自2024年5月1日起施行，有效期五年。
""", "临江市行政审批服务局", "2024年4月10日")


@pytest.mark.parametrize("text, location, article, evidence_start", [
    (F104_POINT, "二、（二）", None, "收取停放秩序管理费"),
    (F104_ARTICLE, "第三条", 3, "收取施工扬尘监管费"),
    (F104_PAYER, "第二条", 2, "缴纳登记审核服务费"),
], ids=["point-向企业收取", "article-按标准收取", "article-向局缴纳"])
def test_f104_a_normative_document_that_sets_a_fee(library, tmp_path, text, location, article, evidence_start):
    f = placed(reviewed_as(library, tmp_path, text, "行政规范性文件"), "F104", location, article, evidence_start)
    assert "收费" in f.message
    assert "国办发〔2018〕37号" in f.basis


F104_COMPANY_CHARGES_USERS = written("临江市城市管理局关于规范互联网租赁自行车运营服务的通知", "临城管规〔2024〕9号", """
各区城市管理局，各运营企业：
为规范互联网租赁自行车运营服务，现就有关事项通知如下：
一、运营企业对停放在规定区域以外的车辆，可以向用户收取调度服务费，收费标准应当在用户端显著位置公示。
二、物业服务企业按照物业服务合同约定收取物业服务费，不得另行收取停车管理费用。
三、本通知自2024年6月1日起施行，有效期五年。
""", "临江市城市管理局", "2024年5月15日")

F104_LAW_BASED_FEE = written("临江市人民政府关于推进生活垃圾分类处理收费的规定", "临政规〔2024〕9号", """
第一条 为了推进生活垃圾减量化、资源化、无害化，根据《中华人民共和国固体废物污染环境防治法》，结合本市实际，制定本规定。
第二条 市城市管理局依照《中华人民共和国固体废物污染环境防治法》第五十八条的规定，按照产生者付费原则收取生活垃圾处理费，具体标准由市发展和改革委员会会同有关部门制定并向社会公布。
第三条 本规定自2024年7月1日起施行，有效期五年。
""", "临江市人民政府", "2024年6月1日")


@pytest.mark.parametrize("text", [F104_COMPANY_CHARGES_USERS, F104_LAW_BASED_FEE, F101_ABSTRACT],
                         ids=["enterprise-charges-users", "依照固废法58条收取", "negated-不得设定收费"])
def test_f104_not_for_private_charges_fees_under_a_law_or_negated_mentions(library, tmp_path, text):
    r = reviewed_as(library, tmp_path, text, "行政规范性文件")
    none_of(r, "F104")


# ----------------------------------------------------------------------------------------------
# F105: a penalty outside the kind or range the upper-level provision for the same conduct sets

def cited_burning(paragraph: str, penalty: str) -> str:
    """A burning rule whose 第三条 punishes 露天焚烧秸秆、落叶 依照 大气污染防治法 第一百一十九条{paragraph}."""
    return burning_rule("违反本办法第二条规定，露天焚烧秸秆、落叶的，由城市管理主管部门依照《中华人民共和国大气污染防治法》"
                        f"第一百一十九条{paragraph}的规定，责令改正，{penalty}。")


def uncited_burning(penalty: str, **basis: str) -> str:
    """A burning rule whose 第三条 punishes the conduct of 第一百一十九条第一款 without citing it."""
    return burning_rule("违反本办法第二条规定，在人口集中地区露天焚烧秸秆、落叶等产生烟尘污染的物质的，由城市管理主管部门责令改正，"
                        f"{penalty}。", **basis)


def test_f105_cited_upper_article_and_a_fine_above_its_range(library, tmp_path):
    r = reviewed_as(library, tmp_path, cited_burning("", "处三千元以上五千元以下罚款"), "地方政府规章")
    f = f105(r, "第一百一十九条第一款")
    assert (f.location, f.article) == ("第三条", 3)
    assert f.evidence == "三千元以上五千元以下"
    assert f.details["upper"]["title"] == "中华人民共和国大气污染防治法"
    assert f.details["upper"]["cited"] is True
    assert "500元至2000元" in f.message and "3000元至5000元" in f.message
    assert "行政处罚法》第十四条第一款" in f.basis
    none_of(r, "F107", "F102")


def test_f105_uncited_but_found_by_conduct_among_the_basis_laws(library, tmp_path):
    r = review_text(library, tmp_path, uncited_burning("对单位处1万元以上5万元以下罚款，对个人处5000元以上2万元以下罚款"))
    f = f105(r, "第一百一十九条第一款")
    assert f.article == 3
    assert f.details["upper"]["cited"] is False
    assert "同一违法行为" in f.message
    assert "对单位" in f.message and "对个人" in f.message
    assert f.evidence.startswith("1万元以上5万元以下") and f.evidence.endswith("5000元以上2万元以下")


def test_f105_not_found_by_conduct_when_the_law_is_not_a_basis(library, tmp_path):
    """The same clause in a 规章 made under no law: the 大气污染防治法 is not a candidate."""
    r = review_text(library, tmp_path, uncited_burning("处三千元以上五千元以下罚款", basis="根据有关法律、法规，"))
    none_of(r, "F105", "F107")


@pytest.mark.parametrize("text", [
    cited_burning("", "处一千元以上二千元以下罚款"),
    uncited_burning("处五百元以上二千元以下罚款"),
    cited_burning("第一款", "可以处500元以上1500元以下罚款"),
], ids=["cited-inside", "uncited-exact-range", "cited-paragraph-arabic"])
def test_f105_not_for_a_fine_inside_the_upper_range(library, tmp_path, text):
    r = review_text(library, tmp_path, text)
    none_of(r, "F105", "F107")


def test_f105_not_for_a_conduct_the_upper_law_does_not_punish(library, tmp_path):
    r = review_text(library, tmp_path, burning_rule(
        "违反本办法规定，在公园绿地内晾晒衣物、被褥的，由城市管理主管部门责令改正；拒不改正的，处五十元以上二百元以下罚款。"))
    none_of(r, "F105", "F107")


def test_f105_a_rule_that_adds_a_kind_the_upper_article_lacks(library, tmp_path):
    r = review_text(library, tmp_path, cited_burning("第一款", "给予警告，并处五百元以上一千元以下罚款"))
    f = f105(r, "第一百一十九条第一款")
    assert f.article == 3
    assert "警告" in f.message and "增设" in f.message
    assert "警告" in f.evidence
    none_of(r, "F107")


LOCAL_LAW_BURNING = """临江市秸秆露天焚烧防治条例
（2024年3月28日临江市第十七届人民代表大会常务委员会第十五次会议通过　2024年5月30日江南省第十四届人民代表大会常务委员会第九次会议批准）

第一条 为了防治秸秆露天焚烧污染，根据《中华人民共和国大气污染防治法》等法律、行政法规，结合本市实际，制定本条例。
第二条 禁止在人口集中地区露天焚烧秸秆、落叶等产生烟尘污染的物质。
第三条 违反本条例第二条规定，露天焚烧秸秆、落叶的，由城市管理主管部门依照《中华人民共和国大气污染防治法》第一百一十九条第一款的规定，责令改正，没收焚烧工具，并处五百元以上二千元以下罚款。
第四条 本条例自2024年7月1日起施行。

临江市人民代表大会常务委员会
"""


def test_f105_a_local_law_that_adds_confiscation_to_a_fine_only_article(library, tmp_path):
    r = reviewed_as(library, tmp_path, LOCAL_LAW_BURNING, "地方性法规")
    f = one(r, "F105")
    assert f.article == 3
    assert "没收" in f.message and "增设" in f.message
    assert "行政处罚法》第十二条第二款" in f.basis
    none_of(r, "F107")


ADVERTISING_RULE = city_rule("临江市医疗广告管理办法", 23, MEETING_32, """
第一条 为了规范医疗广告活动，保护消费者合法权益，根据《中华人民共和国广告法》等法律、法规，结合本市实际，制定本办法。
第二条 广告代言人不得在医疗、药品、医疗器械广告中作推荐、证明。
第三条 违反本办法第二条规定，广告代言人在医疗、药品、医疗器械广告中作推荐、证明的，由市场监督管理部门依照《中华人民共和国广告法》第六十一条的规定，没收违法所得，并处违法所得{multiple}的罚款。
""")


def test_f105_a_multiple_of_illegal_gains_beyond_the_upper_multiple(library, tmp_path):
    r = reviewed_as(library, tmp_path, ADVERTISING_RULE.format(multiple="三倍以上五倍以下"), "地方政府规章")
    f = f105(r, "第六十一条")
    assert f.article == 3
    assert "三倍以上五倍以下" in f.evidence
    assert "3倍至5倍" in f.message and "1倍至2倍" in f.message
    assert f.details["upper"]["title"] == "中华人民共和国广告法"
    # 没收违法所得 is beyond a 规章's own power, but the cited article has it
    none_of(r, "F107")


def test_f105_not_for_a_multiple_of_illegal_gains_inside_the_upper_multiple(library, tmp_path):
    r = review_text(library, tmp_path, ADVERTISING_RULE.format(multiple="一倍以上二倍以下"))
    none_of(r, "F105", "F107")


FOOD_RULE = city_rule("临江市食品生产加工小作坊管理办法", 24, MEETING_33, """
第一条 为了加强食品生产加工小作坊管理，保障食品安全，根据《中华人民共和国食品安全法》等法律、法规，结合本市实际，制定本办法。
第二条 食品生产加工小作坊不得生产经营腐败变质、霉变生虫的食品。
第三条 违反本办法第二条规定，生产经营腐败变质、霉变生虫的食品的，由市场监督管理部门依照《中华人民共和国食品安全法》第一百二十四条的规定，没收违法所得和违法生产经营的食品；货值金额不足一万元的，并处五万元以上十万元以下罚款；货值金额一万元以上的，并处货值金额{multiple}罚款。
""")


def test_f105_a_multiple_of_goods_value_beyond_the_upper_multiple(library, tmp_path):
    r = review_text(library, tmp_path, FOOD_RULE.format(multiple="二十倍以上三十倍以下"))
    f = f105(r, "第一百二十四条第一款")
    assert f.article == 3
    assert "二十倍以上三十倍以下" in f.evidence and "五万元" not in f.evidence
    assert "20倍至30倍" in f.message and "10倍至20倍" in f.message
    none_of(r, "F107")


def test_f105_not_for_a_multiple_of_goods_value_inside_the_upper_multiple(library, tmp_path):
    r = review_text(library, tmp_path, FOOD_RULE.format(multiple="十倍以上十五倍以下"))
    none_of(r, "F105", "F107")


def toxic_burning_rule(fines: str) -> str:
    """第一百一十九条第二款 fines 单位 一万元至十万元 and 个人 五百元至二千元 for burning 沥青、塑料、垃圾."""
    return burning_rule(
        "违反本办法规定，在人口集中地区焚烧沥青、油毡、橡胶、塑料、皮革、垃圾的，由城市管理主管部门依照"
        f"《中华人民共和国大气污染防治法》第一百一十九条第二款的规定，责令改正，{fines}。")


@pytest.mark.parametrize("fines, label, evidence, said, unsaid", [
    # a fine for individuals inside the range for organisations is still outside
    ("对单位处二万元以上五万元以下罚款，对个人处一万元以上二万元以下罚款", "第一百一十九条第二款", "一万元以上二万元以下",
     ("对个人罚款1万元至2万元", "500元至2000元"), "对单位"),
    # a fine for organisations below their range (the upper label is not checked here)
    ("对单位处5000元以上1万元以下罚款，对个人处500元以上2000元以下罚款", None, "5000元以上1万元以下",
     ("对单位罚款5000元至1万元", "1万元至10万元"), "对个人"),
], ids=["individuals-inside-the-range-for-organisations-is-still-outside", "organisations-below-their-range"])
def test_f105_a_fine_outside_the_range_for_its_addressee(library, tmp_path, fines, label, evidence, said, unsaid):
    r = review_text(library, tmp_path, toxic_burning_rule(fines))
    f = one(r, "F105") if label is None else f105(r, label)
    assert f.evidence == evidence
    assert said[0] in f.message and said[1] in f.message
    assert unsaid not in f.message


def test_f105_not_when_both_addressees_stay_in_their_ranges(library, tmp_path):
    r = review_text(library, tmp_path, toxic_burning_rule("对单位处二万元以上五万元以下罚款，对个人处一千元以上二千元以下罚款"))
    none_of(r, "F105", "F107")


def test_f105_the_narrower_first_paragraph_is_not_judged_by_the_second(library, tmp_path):
    """秸秆、落叶 is 第一款 (500–2000); 一万元 for 单位 is outside it even though 第二款 allows it for 沥青、垃圾."""
    r = review_text(library, tmp_path, cited_burning("", "对单位处一万元以上二万元以下罚款，对个人处五百元以上二千元以下罚款"))
    f = f105(r, "第一百一十九条第一款")
    assert f.evidence == "一万元以上二万元以下"


# ----------------------------------------------------------------------------------------------
# F107: a penalty kind beyond the issuing rank's power

CAR_WASH_RULE = city_rule("临江市机动车清洗经营管理办法", 25, MEETING_33, """
第一条 为了规范机动车清洗经营活动，维护市容环境卫生，根据《城市市容和环境卫生管理条例》等法律、法规，结合本市实际，制定本办法。
第二条 机动车清洗经营者应当在经营场所内从事清洗作业，不得占用人行道清洗车辆。
第三条 违反本办法第二条规定，机动车清洗经营者占用人行道清洗车辆的，由城市管理部门责令改正，处五百元以上二千元以下罚款；情节严重的，责令停产停业，并由市场监督管理部门吊销营业执照。
""")


def test_f107_a_government_rule_that_suspends_business_and_revokes_the_licence(library, tmp_path):
    r = reviewed_as(library, tmp_path, CAR_WASH_RULE, "地方政府规章")
    f = one(r, "F107")
    assert (f.location, f.article) == ("第三条", 3)
    assert f.evidence.startswith("责令停产停业")
    assert "责令停产停业" in f.message and "吊销营业执照" in f.message and "地方政府规章" in f.message
    assert "行政处罚法》第十四条第二款" in f.basis
    assert "责令停产停业" in f.details["kinds"] and any(k.startswith("吊销") for k in f.details["kinds"])
    none_of(r, "F102", "F105")


@pytest.mark.parametrize("article, kind, evidence_start", [
    ("违反本办法第二条规定，露天焚烧秸秆、落叶的，由城市管理主管部门责令改正，没收焚烧工具，并处五百元以上一千元以下罚款。",
     "没收非法财物", "没收焚烧工具"),
    ("违反本办法规定，露天焚烧秸秆、落叶的，由城市管理主管部门责令改正，处五百元以上二千元以下罚款；情节严重的，"
     "暂扣其农机作业证件三个月。", "暂扣许可证件", "暂扣其农机作业证件"),
], ids=["没收-beyond-a-fine-only-article", "暂扣证件"])
def test_f107_a_government_rule_with_a_kind_the_upper_article_lacks(library, tmp_path, article, kind, evidence_start):
    """大气污染防治法 第一百一十九条第一款 (the basis law's article for this conduct) only fines."""
    r = review_text(library, tmp_path, burning_rule(article))
    f = one(r, "F107")
    assert f.article == 3
    assert f.evidence.startswith(evidence_start)
    assert kind in f.message and "地方政府规章" in f.message
    assert f.details["kinds"] == [kind]
    none_of(r, "F102")


OIL_RULE = city_rule("临江市餐饮油烟污染防治办法", 26, MEETING_33, """
第一条 为了防治餐饮油烟污染，{basis}结合本市实际，制定本办法。
第二条 排放油烟的餐饮服务业经营者应当安装油烟净化设施并保持正常使用。
第三条 违反本办法第二条规定，餐饮服务业经营者未安装油烟净化设施，超过排放标准排放油烟的，由城市管理部门{cite}责令改正，处五千元以上二万元以下罚款；拒不改正的，责令停业整治。
""")

AD_RULE = city_rule("临江市户外广告发布管理办法", 27, MEETING_34, """
第一条 为了规范户外广告发布活动，{basis}结合本市实际，制定本办法。
第二条 户外广告不得含有损害国家尊严或者利益、妨碍社会公共秩序等禁止情形。
第三条 违反本办法第二条规定，发布有禁止情形的户外广告的，由市场监督管理部门{cite}责令停止发布广告，对广告主处二十万元以上一百万元以下的罚款；情节严重的，并可以吊销营业执照。
""")

CITED_KIND = [
    (OIL_RULE, "根据《中华人民共和国大气污染防治法》等法律、法规，",
     "依照《中华人民共和国大气污染防治法》第一百一十八条第一款的规定，", "责令停产停业", "责令停业整治"),
    (AD_RULE, "根据《中华人民共和国广告法》等法律、法规，", "依照《中华人民共和国广告法》第五十七条的规定，",
     "吊销营业执照", "吊销营业执照"),
]


@pytest.mark.parametrize("template, basis, cite, kind, evidence", CITED_KIND, ids=["停业整治-大气法118", "吊销营业执照-广告法57"])
def test_f107_not_when_the_cited_upper_article_has_the_kind(library, tmp_path, template, basis, cite, kind, evidence):
    r = reviewed_as(library, tmp_path, template.format(basis=basis, cite=cite), "地方政府规章")
    none_of(r, "F107", "F105", "F102")


@pytest.mark.parametrize("template, basis, cite, kind, evidence", CITED_KIND, ids=["停业整治", "吊销营业执照"])
def test_f107_the_same_clauses_without_an_upper_rule(library, tmp_path, template, basis, cite, kind, evidence):
    r = reviewed_as(library, tmp_path, template.format(basis="", cite=""), "地方政府规章")
    f = one(r, "F107")
    assert f.article == 3
    assert f.evidence.startswith(evidence)
    assert kind in f.message


@pytest.mark.parametrize("article, kind, evidence_start", [
    ("违反本条例第二条规定，将未经处理的餐饮废水直接排入雨水管网的，由城市管理部门责令改正，处二千元以上一万元以下罚款；"
     "情节严重的，由市场监督管理部门吊销营业执照。", "吊销营业执照", "吊销营业执照"),
    ("违反本条例第二条规定，将未经处理的餐饮废水直接排入雨水管网，拒不改正的，由公安机关对直接责任人员处五日以上十日以下行政拘留。",
     "行政拘留", "行政拘留"),
], ids=["吊销营业执照", "行政拘留"])
def test_f107_a_local_law_with_a_kind_reserved_to_laws(library, tmp_path, article, kind, evidence_start):
    r = reviewed_as(library, tmp_path, local_law(article), "地方性法规")
    f = one(r, "F107")
    assert f.article == 3
    assert f.evidence.startswith(evidence_start)
    assert kind in f.message and "地方性法规" in f.message
    assert "行政处罚法》第十二条第一款" in f.basis
    none_of(r, "F102")


@pytest.mark.parametrize("article", [
    "违反本条例第二条规定，将未经处理的餐饮废水直接排入雨水管网的，由城市管理部门责令改正，没收违法所得，"
    "处二千元以上一万元以下罚款；情节严重的，责令停产停业。",
    "违反本条例第二条规定，将未经处理的餐饮废水直接排入雨水管网的，由城市管理部门责令改正，处2000元以上1万元以下罚款；"
    "情节严重的，由市场监督管理部门吊销食品经营许可证。",
], ids=["没收+停产停业", "吊销其他许可证"])
def test_f107_not_for_a_local_law_within_its_power(library, tmp_path, article):
    r = reviewed_as(library, tmp_path, local_law(article), "地方性法规")
    none_of(r, "F107", "F105", "F102")


REFERRAL = ("阻碍执法人员依法执行职务，构成违反治安管理行为的，由公安机关依照《中华人民共和国治安管理处罚法》的规定处罚；"
            "构成犯罪的，依法追究刑事责任。")
DETENTION = "阻碍执法人员依法执行职务的，由公安机关处五日以下拘留。"


@pytest.mark.parametrize("make, level", [(burning_rule, "地方政府规章"), (local_law, "地方性法规")], ids=["规章", "地方性法规"])
def test_f107_not_for_a_referral_to_the_public_security_law(library, tmp_path, make, level):
    r = reviewed_as(library, tmp_path, make(REFERRAL), level)
    none_of(r, "F107", "F105", "F102")


@pytest.mark.parametrize("make, level", [(burning_rule, "地方政府规章"), (local_law, "地方性法规")], ids=["规章", "地方性法规"])
def test_f107_detention_set_directly(library, tmp_path, make, level):
    r = reviewed_as(library, tmp_path, make(DETENTION), level)
    f = one(r, "F107")
    assert f.article == 3
    assert f.evidence.startswith("拘留")
    assert "行政拘留" in f.message and level in f.message


# ----------------------------------------------------------------------------------------------
# F106: restricting rights or adding duties without a legal basis

F106_BLACKLIST = written("临江市城市管理局关于加强建筑垃圾运输企业管理的规定", "临城管规〔2024〕10号", """
第一条 为了加强建筑垃圾运输企业管理，结合本市实际，制定本规定。
第二条 运输企业应当按照规定的时间、路线运输建筑垃圾。
第三条 一年内三次违反本规定第二条规定的运输企业，由市城市管理局列入建筑垃圾运输黑名单，并向社会公布。
第四条 本规定自2024年6月1日起施行，有效期五年。
""", "临江市城市管理局", "2024年5月6日")

F106_LEVERAGE = written("临江市住房和城乡建设局关于加强住宅小区物业服务管理的通知", "临住建规〔2024〕4号", """
各区住房和城乡建设局，各物业服务企业：
为加强住宅小区物业服务管理，现就有关事项通知如下：
一、工作要求
（一）物业服务企业应当公示收费项目和标准。
（二）业主未缴清物业服务费用的，不动产登记机构不予办理房屋转移登记。
二、本通知自2024年6月1日起施行，有效期五年。
""", "临江市住房和城乡建设局", "2024年5月8日")

F106_TENDER_RULE = city_rule("临江市建设工程扬尘治理办法", 28, MEETING_34, """
第一条 为了加强建设工程扬尘治理，结合本市实际，制定本办法。
第二条 施工单位应当在开工前向区住房和城乡建设局缴纳扬尘治理保证金二十万元。
第三条 扬尘治理不力被通报三次以上的施工单位，两年内限制参加本市政府投资项目招标投标。
""")

F106_UTILITIES = written("青川县人民政府关于加强违法建设治理的规定", "青政规〔2024〕5号", """
第一条 为了加强违法建设治理，结合本县实际，制定本规定。
第二条 对责令限期拆除而逾期不拆除的违法建设，由供水、供电企业停止供水、供电，直至当事人自行拆除。
第三条 本规定自2024年5月1日起施行，有效期三年。
""", "青川县人民政府", "2024年4月2日")


@pytest.mark.parametrize("text, level, expected, message_words", [
    (F106_BLACKLIST, "行政规范性文件", {"第三条": "列入建筑垃圾运输黑名单"}, ["黑名单"]),
    (F106_LEVERAGE, "行政规范性文件", {"一、（二）": "不予办理房屋转移登记"}, ["不予办理"]),
    (F106_TENDER_RULE, "地方政府规章", {"第二条": "缴纳扬尘治理保证金", "第三条": "限制参加本市政府投资项目招标投标"},
     ["保证金", "招标投标"]),
    (F106_UTILITIES, "行政规范性文件", {"第二条": "停止供水"}, ["供水"]),
], ids=["blacklist", "不予办理-as-leverage", "rule-保证金+招投标", "停水停电"])
def test_f106_restrictions_without_a_legal_basis(library, tmp_path, text, level, expected, message_words):
    """``expected``: location → the restrictive words its evidence must show (a reviewer's judgement: warning)."""
    r = reviewed_as(library, tmp_path, text, level)
    found = of(r, "F106")
    assert sorted(f.location for f in found) == sorted(expected), summary(r)
    for f in found:
        assert f.severity == "warning"
        assert r.doc.text[f.start:f.end] == f.evidence
        assert expected[f.location] in f.evidence, summary(r)
        assert f.location in f.message
        assert "立法法" in f.basis
    words = "".join(f.message for f in found)
    for w in message_words:
        assert w in words


F106_NEGATIVE = written("临江市人民政府关于进一步规范涉企检查和信用管理的规定", "临政规〔2024〕11号", """
第一条 为了优化营商环境，规范涉企检查和信用管理，根据《中华人民共和国行政处罚法》，结合本市实际，制定本规定。
第二条 行政机关不得违法将市场主体列入黑名单，不得以未缴清其他费用为由不予办理登记事项。
第三条 建设单位应当依照国家有关规定缴纳农民工工资保证金。
第四条 运输企业的违法违规行为，由城市管理部门记入企业信用档案。
第五条 本规定自2024年5月1日起施行，有效期五年。
""", "临江市人民政府", "2024年3月20日")


def test_f106_not_for_prohibitions_applied_national_rules_or_credit_records(library, tmp_path):
    r = reviewed_as(library, tmp_path, F106_NEGATIVE, "行政规范性文件")
    none_of(r, "F106", "F104", "F102")


def test_f104_f106_not_for_a_notice_that_forbids_charging_fees_and_deposits(library, tmp_path):
    text = written("临江市城市管理局关于进一步减轻沿街商户负担的通知", "临城管规〔2024〕11号", """
各区城市管理局：
为进一步优化营商环境，减轻沿街商户负担，现就有关事项通知如下：
一、各区城市管理局在门前三包检查中不得向商户收取任何费用。
二、各区城市管理局不得要求商户缴纳市容保证金。
三、本通知自2024年6月1日起施行，有效期五年。
""", "临江市城市管理局", "2024年5月6日")
    r = reviewed_as(library, tmp_path, text, "行政规范性文件")
    none_of(r, "F104", "F106")


def test_f106_not_for_refunding_deposits_already_collected(library, tmp_path):
    text = written("临江市住房和城乡建设局关于清理建设领域保证金的通知", "临住建规〔2024〕5号", """
各区住房和城乡建设局：
为减轻企业负担，现就清理建设领域保证金有关事项通知如下：
一、对本通知施行前已经收取的扬尘治理保证金，由各区住房和城乡建设局在三个月内全额退还。
二、本通知自2024年7月1日起施行，有效期二年。
""", "临江市住房和城乡建设局", "2024年6月20日")
    r = reviewed_as(library, tmp_path, text, "行政规范性文件")
    none_of(r, "F106", "F104")


def test_f106_not_for_a_local_law(library, tmp_path):
    """A 地方性法规 may itself restrict rights (立法法 第八十二条); F106 is about 规章 and 规范性文件."""
    r = reviewed_as(library, tmp_path, local_law(
        "餐饮服务经营者一年内三次违反本条例第二条规定的，由城市管理部门列入失信名单，并向社会公布。"), "地方性法规")
    none_of(r, "F106")


# ----------------------------------------------------------------------------------------------
# The demo corpus answer key (corpus/README.md) for F101–F107: planted problems found, traps not.

DEMO = Path(__file__).resolve().parents[2] / "corpus" / "normative"
DEMO_POWERS = {  # file → {(rule, article number, or location in a 通知)}
    "临江市人民政府关于加强建筑垃圾运输处置管理的规定.md": {("F102", 11), ("F103", 12)},
    "临江市市场监督管理局关于规范单用途商业预付卡经营活动的规定.txt": {("F101", 5)},
    "临江市城市管理局关于加强互联网租赁自行车停放管理的通知.html": {("F104", "四、（二）")},
    "临江市扬尘和露天焚烧污染防治办法.md": {("F105", 25)},
    "临江市食品摊贩经营管理办法.txt": {("F107", 18)},
}


@pytest.mark.parametrize("name", sorted(p.name for p in DEMO.iterdir() if p.name != "README.md"))
def test_demo_corpus_power_findings(library, name):
    r = review_file(library, DEMO / name, make_context(library, AS_OF))
    found = {(f.rule, f.article if f.article is not None else f.location)
             for f in r.findings if f.rule in ("F101", "F102", "F103", "F104", "F105", "F106", "F107")}
    assert found == DEMO_POWERS.get(name, set()), summary(r)
    for f in r.findings:
        if f.rule in ("F101", "F102", "F103", "F104", "F105", "F107"):
            assert f.severity == "error"
            assert r.doc.text[f.start:f.end] == f.evidence
    if name == "临江市扬尘和露天焚烧污染防治办法.md":
        f = f105(r, "第一百一十九条第一款")
        assert "对单位罚款1万元至5万元" in f.message and "对个人罚款5000元至2万元" in f.message
