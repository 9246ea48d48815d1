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
    text = _plant(real(NOTARY), "第四十条之一　公证员未按规定佩戴执业标识的，处二十万元罚款。")
    r = review_text(library, tmp_path, text, as_of=date(2022, 6, 1))
    f108 = [f for f in r.findings if f.rule == "F108"]
    assert f108 and f108[0].severity == "error" and "10万元" in f108[0].message, r.findings
    assert "国发〔2021〕26号" in f108[0].message


def test_fine_within_the_cap_and_the_1996_limits(library, tmp_path):
    within = _plant(real(NOTARY), "第四十条之一　公证员未按规定佩戴执业标识的，处五万元罚款。")
    assert "F108" not in rules(review_text(library, tmp_path, within, as_of=date(2022, 6, 1)))
    # under the 1996 notice a 部门规章 may fine conduct without 违法所得 up to 1万元
    r = review_text(library, tmp_path, within, "old.md", as_of=date(2006, 3, 14))
    f108 = [f for f in r.findings if f.rule == "F108"]
    assert f108 and "1万元" in f108[0].message and "国发〔1996〕13号" in f108[0].message


def test_local_government_rule_cap_read_from_the_province_regulation(library, tmp_path):
    cap = LAWS / "地方性法规" / "山东" / "山东省地方政府规章设定罚款限额规定(2017-07-28).md"
    real(cap)
    ingest([cap], library, Manifest.load(LAWS / "manifest.csv"), workers=1)
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
