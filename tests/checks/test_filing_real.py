"""Issue 13: the filing review on real 规章 and on defects planted into copies of them.

Real texts are read from ../shared/corpus/rules and laws at test time (never copied into the repository);
each test changes its own copy the way a defect or a noisy source would, and reviews it.
"""
from __future__ import annotations

import re
from datetime import date

import pytest

from ingest.manifest import Manifest
from ingest.run import ingest
from ingest.store import status_on
from tests.checks.conftest import review_text, rules
from tests.paths import LAWS, SHARED_CORPUS

RULES = SHARED_CORPUS / "rules"
NOTARY = RULES / "部门规章" / "司法部" / "公证员执业管理办法.md"


def real(path):
    if not path.exists():
        pytest.skip("shared corpus not available")
    return path.read_text(encoding="utf-8")


def add_laws(library, *files) -> None:
    """Ingest real texts of ../shared/corpus/laws into this test's library (skip when the corpus is absent)."""
    for f in files:
        real(f)
    ingest(list(files), library, Manifest.load(LAWS / "manifest.csv"), workers=1)


SHANDONG = LAWS / "地方性法规" / "山东"
JINAN_REGULATION = SHANDONG / "济南市12345市民服务热线条例(2018-07-27).md"  # its approval line names 山东省


def _plant(text: str, article: str) -> str:
    """Insert an article before the last one (the 施行 clause stays last)."""
    last = list(re.finditer(r"^第[一二三四五六七八九十百]+条", text, re.M))[-1]
    return text[:last.start()] + article + "\n\n" + text[last.start():]


def test_real_rule_level_read_from_its_order_line(library, tmp_path):
    r = review_text(library, tmp_path, real(NOTARY), as_of=date(2006, 3, 14))
    assert r.doc.metadata.level == "部门规章"
    assert r.doc.metadata.level_certain and "令" in r.doc.metadata.level_basis
    assert "F403" not in rules(r) and "F602" not in rules(r)


def test_rule_without_its_header_is_never_passed_unchecked(library, tmp_path):
    text = re.sub(r"^（[^）]*令第[^）]*）$", "", real(NOTARY), flags=re.M)
    r = review_text(library, tmp_path, text, as_of=date(2006, 3, 14))
    if r.doc.metadata.level == "其他":
        f602 = [f for f in r.findings if f.rule == "F602"]
        assert f602 and f602[0].severity == "warning" and "F101" in f602[0].message
    assert r.conclusion != "建议予以备案"


def test_planted_fine_above_the_state_council_cap(library, tmp_path):
    issued_2022 = real(NOTARY).replace("2006年3月14日", "2022年3月14日")  # made under 国发〔2021〕26号
    text = _plant(issued_2022, "第四十条之一　公证员未按规定佩戴执业标识的，处二十万元罚款。")
    r = review_text(library, tmp_path, text, as_of=date(2022, 6, 1))
    f108 = [f for f in r.findings if f.rule == "F108"]
    assert f108 and f108[0].severity == "error" and "10万元" in f108[0].message, r.findings
    assert "国发〔2021〕26号" in f108[0].message


def test_fine_within_the_cap_and_the_1996_limits(library, tmp_path):
    article = "第四十条之一　公证员未按规定佩戴执业标识的，处五万元罚款。"
    within_2022 = _plant(real(NOTARY).replace("2006年3月14日", "2022年3月14日"), article)
    assert "F108" not in rules(review_text(library, tmp_path, within_2022, "new.md", as_of=date(2022, 6, 1)))
    within = _plant(real(NOTARY), article)
    # under the 1996 notice a 部门规章 may fine conduct without 违法所得 up to 1万元
    r = review_text(library, tmp_path, within, "old.md", as_of=date(2006, 3, 14))
    f108 = [f for f in r.findings if f.rule == "F108"]
    assert f108 and "1万元" in f108[0].message and "国发〔1996〕13号" in f108[0].message


def test_local_government_rule_cap_read_from_the_province_regulation(library, tmp_path):
    add_laws(library, SHANDONG / "山东省地方政府规章设定罚款限额规定(2017-07-28).md")
    text = ("山东省城市道路标识管理办法\n山东省人民政府令\n第301号\n\n"
            "第一条 为了加强城市道路标识管理，根据有关法律、法规，结合本市实际，制定本办法。\n"
            "第二条 设置道路标识应当符合规划。\n"
            "第三条 违反本办法第二条规定，擅自涂改道路标识的，由城市管理部门责令改正，处三十万元罚款。\n"
            "第四条 违反本办法第二条规定，未按时报送标识台账的，由城市管理部门责令改正，处一万元罚款。\n"
            "第五条 本办法自2024年1月1日起施行。\n\n山东省人民政府\n2023年11月1日\n")
    r = review_text(library, tmp_path, text, as_of=date(2023, 11, 1))
    assert r.doc.metadata.level == "地方政府规章"
    f108 = [f for f in r.findings if f.rule == "F108"]
    assert [f.location for f in f108] == ["第三条"], r.findings
    assert "山东省地方政府规章设定罚款限额规定" in f108[0].message and f108[0].severity == "error"


def test_unknown_province_cap_is_said_to_be_unknown(library, tmp_path):
    text = ("临江市城市道路标识管理办法\n临江市人民政府令\n第12号\n\n"
            "第一条 为了加强城市道路标识管理，根据有关法律、法规，结合本市实际，制定本办法。\n"
            "第二条 违反本办法规定，擅自涂改道路标识的，由城市管理部门处五万元罚款。\n"
            "第三条 本办法自2024年1月1日起施行。\n\n临江市人民政府\n2023年11月1日\n")
    r = review_text(library, tmp_path, text, as_of=date(2023, 11, 1))
    assert [f.severity for f in r.findings if f.rule == "F108"] == ["info"]


def test_penalties_named_applied_or_handled_are_not_set(library, tmp_path):
    text = _plant(real(NOTARY), "第四十条之一　对依法应当给予吊销公证员执业证书处罚的，由省级司法行政机关提出建议，"
                                 "报司法部决定。作出暂停执业、吊销执业证书等重大行政处罚决定之前，应当告知当事人有要求举行听证的权利。")
    r = review_text(library, tmp_path, text, as_of=date(2022, 6, 1))
    assert not [f for f in r.findings if f.rule in ("F107", "F105") and f.location and "四十条之一" in f.location], r.findings


def test_measures_of_banks_and_internal_reprimands_are_not_penalties(library, tmp_path):
    text = ("临江市地方金融监督管理局关于加强涉诈账户管理的通知\n临金发〔2024〕3号\n\n"
            "一、银行和支付机构发现涉诈账户的，应当暂停其非柜面业务。\n"
            "二、对工作不力的分支机构，由上级单位给予通报批评，对直接责任人员依法给予处分。\n"
            "三、本通知自2024年3月1日起施行，有效期五年。\n\n临江市地方金融监督管理局\n2024年2月1日\n")
    r = review_text(library, tmp_path, text, as_of=date(2024, 2, 1))
    assert r.doc.metadata.level == "行政规范性文件"
    assert "F102" not in rules(r), r.findings


def test_normative_document_still_caught_setting_a_fine(library, tmp_path):
    text = ("临江市地方金融监督管理局关于加强涉诈账户管理的通知\n临金发〔2024〕3号\n\n"
            "一、商户违反本通知规定，未核实客户身份的，由市地方金融监督管理局处五千元罚款。\n"
            "二、本通知自2024年3月1日起施行，有效期五年。\n\n临江市地方金融监督管理局\n2024年2月1日\n")
    assert "F102" in rules(review_text(library, tmp_path, text, as_of=date(2024, 2, 1)), "error")


def test_numbering_restarting_in_an_attachment_and_parent_articles(library, tmp_path):
    text = ("临江市城市管理局关于印发《临江市户外广告设置实施细则》的通知\n临城管规〔2024〕2号\n\n"
            "一、实施细则自2024年3月1日起施行，有效期五年。\n二、各区按照实施细则执行。\n\n"
            "临江市户外广告设置实施细则\n"
            "第一条 根据《城市市容和环境卫生管理条例》，制定本细则。\n"
            "第二条 条例第十一条所称户外广告，包括招牌和标牌。\n"
            "第三条 户外广告应当保持整洁。\n\n附件\n申请表\n一、申请人\n二、设置地点\n\n"
            "临江市城市管理局\n2024年2月1日\n")
    r = review_text(library, tmp_path, text, as_of=date(2024, 2, 1))
    assert "F301" not in rules(r) and "F302" not in rules(r), r.findings


def test_repealed_law_named_only_to_repeal_it_and_replaced_law_until_its_successor(library, tmp_path):
    body = ("临江市信访事项办理规定\n临政规〔2022〕{n}号\n\n"
            "一、信访事项的办理，依照《信访条例》执行。\n二、本规定自印发之日起施行，有效期五年。\n\n"
            "临江市人民政府\n2022年3月1日\n")
    before = review_text(library, tmp_path, body.format(n=1), "a.md", as_of=date(2022, 3, 24))
    assert "F202" not in rules(before), before.findings  # 信访工作条例 takes effect on 2022-05-01
    after = review_text(library, tmp_path, body.format(n=2), "b.md", as_of=date(2022, 6, 1))
    assert "F202" in rules(after)
    repeals = ("临江市信访事项办理规定\n临政规〔2022〕3号\n\n一、信访事项按照本市规定办理。\n"
               "二、本规定自2022年6月1日起施行，有效期五年，《临江市贯彻〈信访条例〉实施办法》同时废止。\n\n"
               "临江市人民政府\n2022年5月20日\n")
    assert "F202" not in rules(review_text(library, tmp_path, repeals, "c.md", as_of=date(2022, 6, 1)))


def test_amended_text_that_keeps_the_original_effective_date_is_in_force_from_its_amendment():
    old = {"id": 1, "effective": "2000-07-01", "version_date": "2000-03-15", "expires": None, "superseded": 0}
    new = {"id": 2, "effective": "2000-07-01", "version_date": "2023-03-13", "expires": None, "superseded": 0}
    assert status_on(new, [old, new], "2019-05-01") == "尚未生效"
    assert status_on(old, [old, new], "2019-05-01") == "有效"
    assert status_on(new, [old, new], "2024-01-01") == "有效"
    assert status_on(old, [old, new], "2024-01-01") == "已被修改"


OLD_NUMBERS = ("临江市城市管理行政执法程序规定\n临政规〔{y}〕8号\n\n"
               "一、根据《中华人民共和国行政处罚法》，制定本规定。\n"
               "二、依照《中华人民共和国行政处罚法》第{a}条的规定，当事人有权进行陈述和申辩，执法机关必须充分听取当事人的意见。\n"
               "三、依照《中华人民共和国行政处罚法》第{b}条的规定，作出责令停产停业、吊销许可证或者执照、较大数额罚款等"
               "行政处罚决定之前，应当告知当事人有要求举行听证的权利。\n"
               "四、本规定自{y}年6月1日起施行，有效期五年。\n\n临江市人民政府\n{y}年5月1日\n")


def test_articles_cited_by_their_1996_numbers_after_the_2021_revision(library, tmp_path):
    r = review_text(library, tmp_path, OLD_NUMBERS.format(y=2022, a="三十二", b="四十二"), as_of=date(2022, 5, 1))
    f204 = {f.location: f for f in r.findings if f.rule == "F204"}
    assert set(f204) == {"二、", "三、"}, r.findings
    assert f204["二、"].details["now"] == "第四十五条" and f204["三、"].details["now"] == "第六十三条"
    assert all(f.severity == "warning" for f in f204.values())  # no earlier text held: the words show it
    right = review_text(library, tmp_path, OLD_NUMBERS.format(y=2022, a="四十五", b="六十三"), "right.md",
                        as_of=date(2022, 5, 1))
    assert "F204" not in rules(right), right.findings


def test_article_of_a_version_the_library_does_not_hold_cannot_be_verified(library, tmp_path):
    r = review_text(library, tmp_path, OLD_NUMBERS.format(y=2010, a="三十二", b="四十二"), as_of=date(2010, 5, 1))
    f204 = [f for f in r.findings if f.rule == "F204"]
    assert [f.severity for f in f204] == ["info"] and "无法核实" in f204[0].message, r.findings


def test_a_matter_the_law_leaves_to_the_provinces_is_not_held_to_its_penalties(library, tmp_path):
    rule = ("江南省食品经营管理条例\n\n（2024年3月1日江南省第十四届人民代表大会常务委员会第八次会议通过）\n\n"
            "第一条 为了加强食品经营管理，根据《中华人民共和国食品安全法》，结合本省实际，制定本条例。\n"
            "第二条 违反本条例规定，{who}未取得食品生产经营许可从事食品生产经营活动的，由县级市场监督管理部门责令改正，"
            "没收违法所得和违法生产经营的食品，并处二千元以上一万元以下罚款。\n第三条 本条例自2024年6月1日起施行。\n")
    general = review_text(library, tmp_path, rule.format(who=""), "general.md", as_of=date(2024, 3, 1))
    assert "F105" in rules(general, "error"), general.findings  # 食品安全法 第一百二十二条: 5万元以上
    small = review_text(library, tmp_path, rule.format(who="食品生产加工小作坊"), "small.md", as_of=date(2024, 3, 1))
    assert "F105" not in rules(small), small.findings
    note = " ".join(small.notes)
    assert "F105" in note and "食品安全法" in note and "省、自治区、直辖市" in note


def test_a_repealed_basis_is_compared_through_its_successor(library, tmp_path):
    names = ("环境噪声污染防治法(2018-12-29).md", "噪声污染防治法(2021-12-24).md")
    files = [next(LAWS.glob(f"*/{n}"), None) for n in names]
    if None in files:
        pytest.skip("noise laws not in the shared corpus")
    add_laws(library, *files)
    text = ("临江市建筑施工噪声管理办法\n临江市人民政府令\n第20号\n\n"
            "第一条 为了防治建筑施工噪声污染，根据《中华人民共和国环境噪声污染防治法》，结合本市实际，制定本办法。\n"
            "第二条 违反本办法规定，未按照规定取得证明，在噪声敏感建筑物集中区域夜间进行产生噪声的建筑施工作业的，"
            "由生态环境主管部门责令改正，处五百元以上一千元以下的罚款。\n第三条 本办法自2023年1月1日起施行。\n\n"
            "临江市人民政府\n2022年11月1日\n")
    r = review_text(library, tmp_path, text, as_of=date(2022, 11, 1))
    f105 = [f for f in r.findings if f.rule == "F105"]
    assert f105 and "噪声污染防治法》第七十七条" in f105[0].message and "继任" in f105[0].message, r.findings
    assert "F202" in rules(r)


def test_references_read_as_a_reviewer_reads_them(library, tmp_path):
    text = ("临江市城市绿化条例实施细则\n临政规〔2024〕3号\n\n"
            "第一条 根据《临江市城市绿化条例》和《中华人民共和国城乡规划法》，制定本细则。\n"
            "第二条 条例第十条所称绿化用地，包括公园绿地和防护绿地。\n"
            "第三条 建设单位应当按照规定配套建设绿地。\n"
            "第四条 违反前条规定的，由城市管理部门责令限期改正。\n"
            "第五条 在原《城市规划法》施行前已经建成的绿地，按照原规划管理。\n"
            "第六条 本细则自2024年6月1日起施行，有效期五年。\n\n临江市人民政府\n2024年5月1日\n")
    r = review_text(library, tmp_path, text, as_of=date(2024, 5, 1))
    cites = {c.raw: c for c in r.doc.citations}
    assert cites["条例第十条"].title == "临江市城市绿化条例" and not cites["条例第十条"].internal
    assert cites["前条"].internal and cites["前条"].article == 3
    assert not {"F202", "F301"} & set(rules(r)), r.findings


@pytest.mark.parametrize("name, text", [
    ("essay.md", "首页 > 理论研究 > 学术交流\n\n关于基层行政执法规范化建设的对策与思考\n\n作者：张三　来源：临江法治网\n\n"
                 "基层行政执法是法治政府建设的“最后一公里”（gōng lǐ）。本文从执法队伍、执法程序和执法监督三个方面分析问题。\n"
                 "一、存在的问题\n（一）执法队伍素质参差不齐。\n二、对策建议\n（一）加强执法人员培训。\n\n【打印】【关闭】\n"),
    ("census.md", "临江市第五次全国经济普查实施方案\n\n为做好我市第五次全国经济普查工作，根据《全国经济普查条例》，制定本方案。\n\n"
                  "一、普查目的\n全面调查我市第二产业和第三产业的发展规模。\n二、普查对象\n我市行政区域内的全部法人单位和个体经营户。\n"
                  "三、组织实施\n市普查办负责组织实施。\n四、时间安排\n2023年12月31日为标准时点。\n\n"
                  "临江市第五次全国经济普查领导小组办公室\n2023年6月1日\n"),
    ("report.html", "<html><head><title>臨江市司法局2023年工作總結_臨江市人民政府網</title></head><body>"
                    "<div>首頁 &gt; 政務公開 &gt; 工作動態</div><div>字號：大 中 小　打印本頁</div>"
                    "<h1>臨江市司法局2023年工作總結</h1><p>2023年，市司法局各項工作取得新成效。現將有關情況總結如下：</p>"
                    "<p>一、法治政府建設紮實推進。</p><p>二、存在的問題。</p><p>三、2024年工作打算。</p></body></html>"),
    ("deployment.md", "青川县人民政府办公室关于做好2024年森林防火工作的通知\n青政办发〔2024〕5号\n\n"
                      "各乡镇人民政府，县政府各部门：\n为做好今年森林防火工作，现就有关事项通知如下：\n"
                      "一、各乡镇要落实属地责任，层层签订目标责任书。\n二、各有关部门要加强协作，做好物资储备。\n"
                      "三、各单位要严格执行值班制度，确保信息畅通。\n\n青川县人民政府办公室\n2024年1月5日\n"),
])
def test_papers_saved_from_websites_are_not_normative(library, tmp_path, name, text):
    r = review_text(library, tmp_path, text, name, as_of=date(2024, 1, 10))
    assert r.conclusion == "不属于规范性文件", r.findings


def test_a_city_rule_is_held_to_its_province_cap(library, tmp_path):
    add_laws(library, SHANDONG / "山东省地方政府规章设定罚款限额规定(2017-07-28).md", JINAN_REGULATION)
    text = ("济南市城市道路标识管理办法\n济南市人民政府令\n第301号\n\n"
            "第一条 为了加强城市道路标识管理，根据有关法律、法规，结合本市实际，制定本办法。\n"
            "第二条 违反本办法规定，擅自涂改道路标识的，由城市管理部门责令改正，处三十万元罚款。\n"
            "第三条 本办法自2024年1月1日起施行。\n\n济南市人民政府\n2023年11月1日\n")
    r = review_text(library, tmp_path, text, as_of=date(2023, 11, 1))
    f108 = [f for f in r.findings if f.rule == "F108"]  # 济南's province read from its regulations' approval line
    assert [f.severity for f in f108] == ["error"] and "山东省地方政府规章设定罚款限额规定" in f108[0].message, r.findings


def test_a_city_rule_that_shortens_its_province_regulation_period(library, tmp_path):
    add_laws(library, SHANDONG / "山东省全民健身条例(2017-12-01).md", JINAN_REGULATION)
    rule = ("济南市公共体育设施管理办法\n济南市人民政府令\n第288号\n\n"
            "第一条 为了加强公共体育设施管理，根据《山东省全民健身条例》，结合本市实际，制定本办法。\n"
            "第二条 公共体育设施因维修等原因需要暂时停止开放的，应当提前{n}日向社会公告。\n"
            "第三条 本办法自2018年6月1日起施行。\n\n济南市人民政府\n2018年4月1日\n")
    shorter = review_text(library, tmp_path, rule.format(n="三"), "shorter.md", as_of=date(2018, 4, 1))
    f501 = [f for f in shorter.findings if f.rule == "F501"]
    assert f501 and "山东省全民健身条例" in f501[0].message and "上位" in f501[0].message, shorter.findings
    same = review_text(library, tmp_path, rule.format(n="七"), "same.md", as_of=date(2018, 4, 1))
    assert "F501" not in rules(same)


def test_real_rule_copy_citing_1996_numbers_and_a_normative_document_creating_a_certificate(library, tmp_path):
    issued_2022 = real(NOTARY).replace("2006年3月14日", "2022年3月14日")  # the copy is issued after the 2021 revision
    planted = _plant(issued_2022, "第四十条之一　依照《中华人民共和国行政处罚法》第三十二条的规定，当事人有权进行陈述和申辩，"
                                   "司法行政机关必须充分听取当事人的意见。")
    r = review_text(library, tmp_path, planted, as_of=date(2022, 6, 1))
    f204 = [f for f in r.findings if f.rule == "F204" and "行政处罚法" in f.details.get("law", "")]
    assert f204 and f204[0].details["now"] == "第四十五条", r.findings
    notice = ("临江市司法局关于规范基层法律服务工作者执业的通知\n临司规〔2024〕2号\n\n各区司法局，各基层法律服务所：\n"
              "一、从事基层法律服务的人员，应当取得市司法局核发的执业证书，未取得执业证书的，不得执业。\n"
              "二、本通知自2024年6月1日起施行，有效期五年。\n\n临江市司法局\n2024年5月1日\n")
    r = review_text(library, tmp_path, notice, "notice.md", as_of=date(2024, 5, 1))
    assert "F101" in rules(r, "error"), r.findings


def test_a_rule_answers_to_the_cap_in_force_when_it_was_made(library, tmp_path):
    text = _plant(real(NOTARY), "第四十条之一　公证员未按规定佩戴执业标识的，处五万元罚款。")
    today = review_text(library, tmp_path, text, as_of=date(2026, 12, 8))  # a 2006 rule reviewed today
    f108 = [f for f in today.findings if f.rule == "F108"]
    assert f108 and "国发〔1996〕13号" in f108[0].message, today.findings
