"""F201–F205 (basis and citations), F301/F302 (internal references, numbering), F401–F404 (formalities)
and F601 inside a review, on short fictional documents reviewed against the real-law library.

Real article numbers used below were checked against ../shared/corpus/laws:
- 农产品质量安全法 2018-10-26 (56 articles) → 2022-09-02 (81 articles): 第十三条 → 第十八条 (same text),
  第二十四条 → 第二十七条 (生产记录), 第三十条 → 第四十三条 (转基因标识); 2018 第五十五条 (生猪屠宰) has no
  counterpart in 2022; 2022 has 第七十条, 2018 has not.
- 立法法 2015-03-15 (105 articles) → 2023-03-13 (120 articles): 第七十三条 → 第八十二条 (地方性法规事项),
  第八十二条 → 第九十三条 (地方政府规章), 第九十八条 → 第一百零九条 (备案); 2015 has no 第一百零八条,
  2023 has no 第一百二十一条.
"""
from __future__ import annotations

from datetime import date

import pytest

from ingest.checking import make_context, review_file
from nlp.checks.settings import SettingsError
from tests.checks.conftest import AS_OF, add_documents, review_text, rules
from tests.paths import LAWS

FORMAL = ("F401", "F402", "F403", "F404")


# ---------------------------------------------------------------------------------------------- helpers

def written(title: str, number: str, body: str, by: str, on: str) -> str:
    """A document: its title, 文号 (or 令号), a blank line, ``body`` (one line an article or point), a blank
    line, then the issuer and the date it was signed."""
    return "\n".join((title, number, "", body.strip("\n"), "", by, on, ""))


def _describe(r) -> str:
    return "\n".join(f"{f.rule} {f.severity} {f.location} {f.evidence!r} {f.message}" for f in r.findings) or "(none)"


def found(r, rule: str) -> list:
    return [f for f in r.findings if f.rule == rule]


def one(r, rule: str):
    fs = found(r, rule)
    assert len(fs) == 1, f"expected one {rule}, got:\n{_describe(r)}"
    check_span(r, fs[0])
    return fs[0]


def check_span(r, f) -> None:
    """The evidence is the text at the finding's offsets in the reviewed document."""
    assert f.start is not None and f.end is not None and f.start < f.end, f
    assert f.evidence, f
    assert r.doc.text[f.start:f.end].strip() == f.evidence


def none_of(r, *rule_ids: str) -> None:
    hit = [f for f in r.findings if f.rule in rule_ids]
    assert not hit, f"unexpected {rule_ids}:\n{_describe(r)}"


def article_span(r, number: int) -> tuple[int, int]:
    a = next(a for a in r.doc.structure.articles if a.number == number and not a.sub)
    return a.start, a.end


# ============================================================================================== F201

NO_BASIS_NOTICE = written("临江市人民政府关于加强农贸市场管理的通知", "临政规〔2024〕5号", """
各县（区）人民政府，市政府各部门：
为加强农贸市场管理，维护市场秩序，现就有关事项通知如下：
一、明确管理责任。市场开办者应当落实市场管理制度。
二、规范经营行为。经营者应当亮证经营、明码标价。
三、本通知自2024年6月1日起施行，有效期五年。
""", "临江市人民政府", "2024年5月10日")

NO_BASIS_RULE = written("青川县城市道路照明设施管理办法", "青川县人民政府令\n第3号", """
第一条 为了加强城市道路照明设施管理，保障照明设施完好，制定本办法。
第二条 本县城市道路照明设施的规划、建设、维护和管理，适用本办法。
第三条 县住房和城乡建设局负责城市道路照明设施的管理工作。
第四条 本办法自2024年9月1日起施行。
""", "青川县人民政府", "2024年7月15日")

NO_BASIS_TRAD = written("臨江市城市管理局關於規範城市道路停車泊位管理的規定", "臨城管規〔2024〕4號", """
第1條 為了規範城市道路停車泊位管理，提高道路通行效率，制定本規定。
第2條 城市道路停車泊位的施劃、使用和管理，適用本規定。
第3條 本規定自2024年8月1日起施行，有效期五年。
""", "臨江市城市管理局", "2024年7月1日")


def test_f201_notice_without_basis_points_at_its_opening(library, tmp_path):
    r = review_text(library, tmp_path, NO_BASIS_NOTICE)
    f = one(r, "F201")
    assert f.severity == "warning"
    assert f.article is None and f.location == "开头部分"
    assert f.evidence == "为加强农贸市场管理，维护市场秩序，现就有关事项通知如下"
    assert "未写明制定依据" in f.message


def test_f201_rule_without_basis_points_at_article_one(library, tmp_path):
    r = review_text(library, tmp_path, NO_BASIS_RULE)
    assert r.doc.metadata.level == "地方政府规章"
    f = one(r, "F201")
    assert f.severity == "warning"
    assert f.article == 1 and f.location == "第一条"
    start, end = article_span(r, 1)
    assert start <= f.start and f.end <= end
    assert f.evidence.startswith("为了加强城市道路照明设施管理")


def test_f201_traditional_arabic_numbered_rule_without_basis(library, tmp_path):
    r = review_text(library, tmp_path, NO_BASIS_TRAD)
    assert r.doc.metadata.level == "行政规范性文件"
    f = one(r, "F201")
    assert f.article == 1 and f.location in ("第一条", "第1條")  # normalised, or the label as written
    assert f.evidence.startswith("為了規範城市道路停車泊位管理")


WITH_BASIS = {
    "rule_根据_制定": written("临江市城市排水管理办法", "临江市人民政府令 第23号", """
第一条 为了加强城市排水管理，根据《中华人民共和国固体废物污染环境防治法》等法律法规，结合本市实际，制定本办法。
第二条 本市城市排水设施的建设、维护和管理，适用本办法。
第三条 本办法自2024年3月1日起施行。
""", "临江市人民政府", "2024年1月22日"),
    "notice_依据_通知如下": written("临江市城市管理局关于规范户外招牌设置的通知", "临城管规〔2024〕2号", """
各区城市管理局：
依据《城市市容和环境卫生管理条例》，结合本市实际，现就规范户外招牌设置通知如下：
一、设置户外招牌应当符合城市容貌标准。
二、本通知自2024年4月1日起施行，有效期至2029年3月31日。
""", "临江市城市管理局", "2024年3月1日"),
    "traditional_根據": written("臨江市生態環境局關於加強建築工地揚塵管控的通知", "臨環規〔2023〕6號", """
各區生態環境分局：
根據《中華人民共和國大氣污染防治法》等法律法規，現就加強建築工地揚塵管控有關事項通知如下：
一、施工單位應當制定揚塵污染防治方案。
二、本通知自2023年8月1日起施行，有效期五年。
""", "臨江市生態環境局", "2023年7月1日"),
    "issuing_notice_basis_in_measures": """青川县人民政府办公室关于印发青川县农村集体资产管理办法的通知
青政办规〔2024〕3号

各乡镇人民政府，县政府各部门：
《青川县农村集体资产管理办法》已经县人民政府同意，现印发给你们，请认真遵照执行。

青川县人民政府办公室
2024年4月2日

青川县农村集体资产管理办法

第一条 为了加强农村集体资产管理，根据《中华人民共和国民法典》等法律法规，结合本县实际，制定本办法。
第二条 农村集体资产的清产核资，由乡镇人民政府组织实施。
第三条 本办法自2024年5月1日起施行，有效期五年。
""",
}


@pytest.mark.parametrize("name", sorted(WITH_BASIS))
def test_f201_not_raised_when_a_basis_is_stated(library, tmp_path, name):
    r = review_text(library, tmp_path, WITH_BASIS[name])
    assert r.doc.metadata.level in ("地方政府规章", "行政规范性文件")
    none_of(r, "F201")


# ============================================================================================== F202

FOOD_HYGIENE_RULE = written("临江市餐饮服务食品安全管理办法", "临江市人民政府令 第9号", """
第一条 为了加强餐饮服务食品安全管理，根据《中华人民共和国食品卫生法》和有关法律、法规，结合本市实际，制定本办法。
第二条 餐饮服务提供者应当依照《中华人民共和国食品卫生法》第二十七条的规定取得许可后从事经营。
第三条 本办法自2008年10月1日起施行。
""", "临江市人民政府", "2008年8月20日")

CONTRACT_NOTICE = written("临江市商务局关于规范商业预付卡合同管理的通知", "临商规〔2019〕4号", """
各县（区）商务主管部门：
依据《中华人民共和国合同法》《中华人民共和国消费者权益保护法》等法律规定，现就规范商业预付卡合同管理通知如下：
一、经营者与消费者订立预付卡合同，应当采用书面形式。
二、经营者不得以格式条款排除消费者的权利。
三、本通知自2019年6月1日起施行，有效期五年。
""", "临江市商务局", "2019年5月8日")

CONTRACT_SHORT = written("临江市市场监督管理局关于规范二手车交易合同的规定", "临市监规〔2020〕3号", """
第一条 为了规范二手车交易行为，根据《中华人民共和国消费者权益保护法》，制定本规定。
第二条 二手车交易合同的订立，依照《合同法》第十条的规定采用书面形式。
第三条 本规定自2020年10月1日起施行，有效期五年。
""", "临江市市场监督管理局", "2020年9月1日")


def test_f202_rule_based_on_repealed_food_hygiene_law(library, tmp_path):
    r = review_text(library, tmp_path, FOOD_HYGIENE_RULE)
    f = one(r, "F202")  # one finding per law, though it is cited twice
    assert f.severity == "error"
    assert f.article == 1 and f.location == "第一条"
    assert f.evidence == "《中华人民共和国食品卫生法》"
    assert "2009-06-01" in f.message and "《中华人民共和国食品安全法》" in f.message
    assert f.message.startswith("制定依据")
    assert f.details["successor"] == "中华人民共和国食品安全法"
    assert f.details["places"] == ["第一条", "第二条"]


def test_f202_notice_based_on_repealed_contract_law(library, tmp_path):
    r = review_text(library, tmp_path, CONTRACT_NOTICE)
    f = one(r, "F202")
    assert f.severity == "error"
    assert f.evidence == "《中华人民共和国合同法》"
    assert "2021-01-01" in f.message and "《中华人民共和国民法典》" in f.message
    assert f.details["successor"] == "中华人民共和国民法典"
    assert "消费者权益保护法" not in f.message


def test_f202_short_title_cited_in_a_later_article(library, tmp_path):
    r = review_text(library, tmp_path, CONTRACT_SHORT)
    f = one(r, "F202")
    assert f.article == 2 and f.location == "第二条"
    assert f.evidence == "《合同法》第十条"
    assert f.message.startswith("引用的《中华人民共和国合同法》")
    assert "《中华人民共和国民法典》" in f.message


def test_f202_not_raised_before_the_repeal_date(library, tmp_path):
    r = review_text(library, tmp_path, CONTRACT_NOTICE, as_of=date(2020, 6, 1))
    none_of(r, "F202")


def test_f202_not_raised_for_the_current_successor(library, tmp_path):
    text = FOOD_HYGIENE_RULE.replace("中华人民共和国食品卫生法》和", "中华人民共和国食品安全法》和") \
        .replace("《中华人民共和国食品卫生法》第二十七条", "《中华人民共和国食品安全法》第三十五条") \
        .replace("2008年10月1日", "2024年10月1日").replace("2008年8月20日", "2024年8月20日")
    r = review_text(library, tmp_path, text)
    none_of(r, "F202")


@pytest.mark.parametrize("law", ["中华人民共和国民事诉讼法", "中华人民共和国企业破产法", "中华人民共和国村民委员会组织法"],
                         ids=["civil_procedure", "bankruptcy", "villagers_committees"])
def test_f202_not_raised_for_a_current_law_whose_trial_version_was_repealed(library, tmp_path, law):
    """民事诉讼法（试行）, 企业破产法（试行）, 村民委员会组织法（试行） are repealed; the laws that replaced them are not."""
    text = written("临江市司法局关于规范人民调解工作的通知", "临司规〔2024〕2号", f"""
各县（区）司法局：
根据《{law}》，现就有关事项通知如下：
一、人民调解委员会应当规范制作调解协议。
二、本通知自2024年7月1日起施行，有效期五年。
""", "临江市司法局", "2024年6月1日")
    r = review_text(library, tmp_path, text)
    none_of(r, "F202")


# ============================================================================================== F203

FARM_RULE_2020 = written("临江市农产品质量安全监督管理办法", "临江市人民政府令 第21号", """
第一条 为了加强农产品质量安全监督管理，根据《中华人民共和国农产品质量安全法》等法律法规，结合本市实际，制定本办法。
第二条 本市行政区域内农产品质量安全监督管理，适用本办法。
第三条 农产品生产企业应当建立农产品生产记录，具体要求依照《中华人民共和国农产品质量安全法》第二十四条执行。
第四条 市农业农村主管部门应当依照《中华人民共和国农产品质量安全法》第十三条的规定，及时提出农产品质量安全地方标准的修订建议。
第五条 本办法自2020年7月1日起施行。
""", "临江市人民政府", "2020年5月20日")

LEGISLATION_2019 = written("临江市人民政府关于规范政府规章制定工作的规定", "临政规〔2019〕2号", """
第一条 为了规范政府规章制定程序，依据《中华人民共和国立法法》第八十二条的规定，结合本市实际，制定本规定。
第二条 市人民政府提请市人民代表大会常务委员会审议的地方性法规草案，应当属于《立法法》第七十三条规定的事项。
第三条 规章公布后，依照《立法法》第九十八条的规定报送备案。
第四条 本规定自2019年10月1日起施行，有效期五年。
""", "临江市人民政府", "2019年9月2日")

FARM_NOTICE_2023 = written("青川县农业农村局关于加强农产品生产记录管理的通知", "青农规〔2023〕1号", """
各乡镇人民政府：
根据《中华人民共和国农产品质量安全法》第二十七条、第七十条，现就有关事项通知如下：
一、农产品生产企业应当建立生产记录。
二、本通知自2023年3月1日起施行，有效期五年。
""", "青川县农业农村局", "2023年2月1日")

LEGISLATION_2024 = written("临江市人民政府关于规范政府规章制定工作的规定", "临政规〔2024〕2号", """
第一条 为了规范政府规章制定程序，依据《中华人民共和国立法法》第九十三条的规定，结合本市实际，制定本规定。
第二条 规章公布后，依照《立法法》第一百零九条的规定报送备案。
第三条 本规定自2024年10月1日起施行，有效期五年。
""", "临江市人民政府", "2024年9月2日")


def test_f203_rule_issued_before_the_2022_revision(library, tmp_path):
    r = review_text(library, tmp_path, FARM_RULE_2020)
    f = one(r, "F203")  # one per law, not one per citation
    assert f.severity == "warning"
    assert f.article == 1 and f.location == "第一条"
    assert f.evidence == "《中华人民共和国农产品质量安全法》"
    assert "2020-05-20" in f.message and "2022-09-02" in f.message
    assert "《中华人民共和国农产品质量安全法》" in f.message


def test_f203_normative_document_issued_before_the_2023_revision_of_the_legislation_law(library, tmp_path):
    r = review_text(library, tmp_path, LEGISLATION_2019)
    f = one(r, "F203")
    assert f.severity == "warning"
    assert f.article == 1
    assert f.evidence == "《中华人民共和国立法法》第八十二条"
    assert "2019-09-02" in f.message and "2023-03-13" in f.message


@pytest.mark.parametrize("text", [FARM_NOTICE_2023, LEGISLATION_2024], ids=["farm_2023", "legislation_2024"])
def test_f203_not_raised_after_the_latest_revision(library, tmp_path, text):
    r = review_text(library, tmp_path, text)
    none_of(r, "F203")


def test_f203_not_raised_when_reviewed_before_the_revision(library, tmp_path):
    r = review_text(library, tmp_path, FARM_RULE_2020, as_of=date(2022, 1, 1))
    none_of(r, "F203")


def test_f203_not_raised_for_a_law_not_amended_since_issue(library, tmp_path):
    """消费者权益保护法 was last amended in 2013; 第二十六条 is its article on 格式条款."""
    r = review_text(library, tmp_path, CONTRACT_SHORT.replace("《合同法》第十条", "《中华人民共和国消费者权益保护法》第二十六条"))
    none_of(r, "F202", "F203", "F204")


CIVIL_CODE_NOTICE = written("临江市住房和城乡建设局关于规范住宅物业服务合同的通知", "临住建规〔2020〕6号", """
各县（区）住房和城乡建设局：
根据《中华人民共和国民法典》第九百三十七条、第九百三十八条，现就规范住宅物业服务合同有关事项通知如下：
一、物业服务合同应当采用书面形式，并依照《中华人民共和国民法典》第四百六十九条的规定订立。
二、本通知自2021年1月1日起施行，有效期五年。
""", "临江市住房和城乡建设局", "2020年10月15日")


def test_f203_not_raised_for_the_civil_code_which_was_never_amended(library, tmp_path):
    """民法典 was adopted 2020-05-28 and took effect 2021-01-01; it has not been amended since."""
    r = review_text(library, tmp_path, CIVIL_CODE_NOTICE)
    none_of(r, "F202", "F203")


# ============================================================================================== F204

def _f204(r, label: str):
    fs = [f for f in found(r, "F204") if f.details.get("cited") == label]
    assert len(fs) == 1, f"expected one F204 on {label}:\n{_describe(r)}"
    check_span(r, fs[0])
    assert label in fs[0].evidence or label.replace("条", "條") in fs[0].evidence
    return fs[0]


def test_f204_moved_articles_of_the_farm_products_law_report_the_new_number(library, tmp_path):
    r = review_text(library, tmp_path, FARM_RULE_2020)
    f = _f204(r, "第二十四条")
    assert f.severity == "warning"
    assert f.article == 3 and f.location == "第三条"
    assert "第二十七条" in f.message and "2022-09-02" in f.message
    assert f.details["now"] == "第二十七条"
    f = _f204(r, "第十三条")
    assert f.article == 4
    assert f.message.endswith("中为第十八条")
    assert f.details["now"] == "第十八条"
    assert len(found(r, "F204")) == 2


def test_f204_moved_article_of_the_legislation_law_in_the_basis_clause(library, tmp_path):
    r = review_text(library, tmp_path, LEGISLATION_2019)
    f = _f204(r, "第八十二条")
    assert f.severity == "warning" and f.article == 1
    assert f.details["now"] == "第九十三条" and "第九十三条" in f.message
    f = _f204(r, "第七十三条")
    assert f.article == 2 and f.details["now"] == "第八十二条"
    assert f.evidence == "《立法法》第七十三条"
    f = _f204(r, "第九十八条")
    assert f.article == 3 and f.details["now"] == "第一百零九条" and "第一百零九条" in f.message


def test_f204_article_that_did_not_exist_in_the_version_in_force_at_issue(library, tmp_path):
    text = LEGISLATION_2019.replace("《立法法》第九十八条", "《立法法》第一百零八条")
    r = review_text(library, tmp_path, text)
    f = _f204(r, "第一百零八条")
    assert f.severity == "error" and f.article == 3
    assert "2015-03-15" in f.message and "没有第一百零八条" in f.message
    assert f.details["now"] is None


def test_f204_article_beyond_the_current_version_traditional_characters(library, tmp_path):
    text = LEGISLATION_2024.replace("第三条 本规定自", "第三条 規章的備案審查，依照《立法法》第一百二十一條辦理。\n第四条 本规定自")
    r = review_text(library, tmp_path, text)
    f = _f204(r, "第一百二十一条")
    assert f.severity == "error" and f.article == 3
    assert f.evidence == "《立法法》第一百二十一條"
    assert "2023-03-13" in f.message and "没有第一百二十一条" in f.message


def test_f204_deleted_article_and_enumerated_citations_in_a_notice(library, tmp_path):
    text = written("青川县农业农村局关于加强农产品生产记录管理的通知", "青农规〔2021〕1号", """
各乡镇人民政府：
根据《农产品质量安全法》第二十四条、第三十条和《中华人民共和国农产品质量安全法》第五十五条，现就有关事项通知如下：
一、农产品生产企业应当建立生产记录。
（一）生产记录应当如实记载，依照《中華人民共和國農產品質量安全法》第十三條的標準執行。
（二）生产记录保存二年。
二、本通知自2021年3月1日起施行，有效期五年。
""", "青川县农业农村局", "2021年2月1日")
    r = review_text(library, tmp_path, text)
    deleted = _f204(r, "第五十五条")
    assert deleted.severity == "error"
    assert "已删除" in deleted.message and "2022-09-02" in deleted.message
    assert deleted.evidence == "《中华人民共和国农产品质量安全法》第五十五条"
    assert _f204(r, "第二十四条").details["now"] == "第二十七条"
    assert _f204(r, "第三十条").details["now"] == "第四十三条"
    moved = _f204(r, "第十三条")
    assert moved.details["now"] == "第十八条"
    assert moved.evidence == "《中華人民共和國農產品質量安全法》第十三條"


@pytest.mark.parametrize("text", [FARM_NOTICE_2023, LEGISLATION_2024], ids=["farm_2023", "legislation_2024"])
def test_f204_not_raised_for_articles_of_the_current_version(library, tmp_path, text):
    r = review_text(library, tmp_path, text)
    assert len([c for c in r.doc.citations if c.title and c.article]) == 2
    none_of(r, "F204")


@pytest.mark.parametrize("issued", ["2020年10月15日", "2024年10月15日"], ids=["issued_2020", "issued_2024"])
def test_f204_not_raised_for_existing_civil_code_articles(library, tmp_path, issued):
    """民法典 第四百六十九条 (合同形式) and 第九百三十七条、第九百三十八条 (物业服务合同) exist."""
    text = CIVIL_CODE_NOTICE.replace("2020年10月15日", issued).replace("2021年1月1日", "2024年11月1日")
    r = review_text(library, tmp_path, text)
    assert sorted(c.article for c in r.doc.citations if c.title and c.article) == [469, 937, 938]
    none_of(r, "F204")


def test_f204_not_raised_for_an_article_that_kept_its_number(library, tmp_path):
    text = LEGISLATION_2019.replace("《立法法》第七十三条", "《立法法》第二条").replace("《立法法》第九十八条", "《立法法》第一条")
    r = review_text(library, tmp_path, text)
    assert [f.details["cited"] for f in found(r, "F204")] == ["第八十二条"]


# ============================================================================================== F205

def test_f205_unknown_local_title(library, tmp_path):
    r = review_text(library, tmp_path, WITH_BASIS["issuing_notice_basis_in_measures"].replace(
        "第二条 农村集体资产的清产核资，由乡镇人民政府组织实施。",
        "第二条 农村集体资产的公开，应当遵守《青川县村务公开实施细则》的规定。"))
    f = one(r, "F205")
    assert f.severity == "info"
    assert f.article == 2 and f.location == "第二条"
    assert f.evidence == "《青川县村务公开实施细则》"
    assert "《青川县村务公开实施细则》" in f.message and "未找到" in f.message


def test_f205_unknown_title_in_traditional_characters(library, tmp_path):
    text = WITH_BASIS["traditional_根據"].replace("等法律法規", "和《江南省大氣污染防治條例》")
    r = review_text(library, tmp_path, text)
    f = one(r, "F205")
    assert f.evidence == "《江南省大氣污染防治條例》"
    assert "《江南省大气污染防治条例》" in f.message


def test_f205_title_named_in_the_documents_own_title_but_not_itself(library, tmp_path):
    """A 贯彻实施 notice names the regulation it implements; that regulation is not the notice."""
    text = written("临江市人民政府关于贯彻实施《江南省物业管理条例》的通知", "临政规〔2024〕12号", """
各县（区）人民政府，市政府各部门：
为贯彻实施《江南省物业管理条例》，根据《中华人民共和国民法典》，现就有关事项通知如下：
一、加强物业服务监管。
二、本通知自2024年7月1日起施行，有效期五年。
""", "临江市人民政府", "2024年6月1日")
    r = review_text(library, tmp_path, text)
    fs = found(r, "F205")
    assert [f.details.get("key") for f in fs] == ["江南省物业管理条例"], _describe(r)
    check_span(r, fs[0])


def test_f205_parent_measures_cited_by_implementing_rules(library, tmp_path):
    text = written("临江市城市绿化管理办法实施细则", "临城管规〔2024〕3号", """
第一条 根据《城市绿化条例》和《临江市城市绿化管理办法》，结合本市实际，制定本细则。
第二条 城市绿地养护应当符合养护技术规范。
第三条 本细则自2024年7月1日起施行，有效期五年。
""", "临江市城市管理局", "2024年6月1日")
    r = review_text(library, tmp_path, text)
    f = one(r, "F205")
    assert f.article == 1 and f.evidence == "《临江市城市绿化管理办法》"


def test_f205_not_raised_for_the_own_title_of_an_issuing_notice_or_a_repealed_document(library, tmp_path):
    text = WITH_BASIS["issuing_notice_basis_in_measures"].replace(
        "第三条 本办法自2024年5月1日起施行，有效期五年。",
        "第三条 本办法自2024年5月1日起施行，有效期五年。《青川县农村集体资产管理暂行办法》（青政办发〔2018〕9号）同时废止。")
    r = review_text(library, tmp_path, text)
    assert {c.title for c in r.doc.citations if c.title} >= {"青川县农村集体资产管理办法", "青川县农村集体资产管理暂行办法"}
    none_of(r, "F205")


def test_f205_not_raised_for_a_document_repealed_by_a_repeal_decision(library, tmp_path):
    text = written("临江市人民政府关于废止部分规范性文件的决定", "临政规〔2024〕13号", """
根据《中华人民共和国立法法》，市人民政府对现行规范性文件进行了清理，决定如下：
一、废止《临江市户外广告管理暂行规定》（临政发〔2015〕7号）。
二、本决定自公布之日起施行。
""", "临江市人民政府", "2024年6月1日")
    r = review_text(library, tmp_path, text)
    assert "临江市户外广告管理暂行规定" in {c.title for c in r.doc.citations}
    none_of(r, "F205")


def test_f205_not_raised_for_a_stored_local_document_or_a_library_law(library, tmp_path):
    greening = written("临江市城市绿化管理办法", "临江市人民政府令 第15号", """
第一条 为了加强城市绿化管理，根据《城市绿化条例》，结合本市实际，制定本办法。
第二条 本办法自2023年5月1日起施行。
""", "临江市人民政府", "2023年3月10日")
    add_documents(library, tmp_path / "stored", {"greening.md": greening})
    text = written("临江市城市管理局关于加强城市绿地养护工作的通知", "临城管规〔2024〕5号", """
各区城市管理局：
根据《城市绿化条例》和《临江市城市绿化管理办法》，现就加强城市绿地养护工作通知如下：
一、落实养护责任。
二、本通知自2024年9月1日起施行，有效期五年。
""", "临江市城市管理局", "2024年8月1日")
    r = review_text(library, tmp_path, text)
    assert {c.title for c in r.doc.citations if c.title} == {"城市绿化条例", "临江市城市绿化管理办法"}
    none_of(r, "F205")


# ============================================================================================== F301

PARKING_RULE = written("临江市停车场管理办法", "临江市人民政府令 第22号", """
第一条 为了加强停车场管理，根据《中华人民共和国道路交通安全法》等法律法规，制定本办法。
第二条 停车场经营者应当遵守本办法第四十条的规定。
第三条 停车场经营者应当公示收费标准。
停车场经营者应当配备管理人员。
第四条 停车场应当设置出入口标志。
违反本条第三款规定的，依照本办法第三条第二款处理。
第五条 违反本办法第三条第三款规定的，由公安机关交通管理部门责令改正。
第六条 本办法自2024年6月1日起施行。
""", "临江市人民政府", "2024年4月1日")


def test_f301_reference_to_a_missing_article_and_paragraphs(library, tmp_path):
    r = review_text(library, tmp_path, PARKING_RULE)
    fs = found(r, "F301")
    assert [(f.article, f.evidence) for f in fs] == [(2, "本办法第四十条"), (4, "本条第三款"), (5, "本办法第三条第三款")], \
        _describe(r)
    for f in fs:
        check_span(r, f)
        assert f.severity == "error"
    assert fs[0].location == "第二条"
    assert "第四十条不存在" in fs[0].message and "共6条" in fs[0].message and "第六条" in fs[0].message
    assert "第四条第三款不存在" in fs[1].message and "共2款" in fs[1].message
    assert "第三条第三款不存在" in fs[2].message and "共2款" in fs[2].message


@pytest.mark.parametrize("text, article, evidence, said", [
    (written("临江市人民政府关于加强物业服务管理的规定", "临政规〔2024〕14号", """
第1条 根据《中华人民共和国民法典》，结合本市实际，制定本规定。
第2条 物业服务企业应当遵守本规定第12条的规定。
第3条 物业服务企业应当公示服务内容。
第4条 本规定自2024年10月1日起施行，有效期五年。
""", "临江市人民政府", "2024年9月1日"), 2, "本规定第12条", ("第十二条不存在", "共4条")),
    (written("臨江市城市管理局關於加強戶外廣告巡查的規定", "臨城管規〔2024〕10號", """
第一條 根據《中華人民共和國廣告法》，結合本市實際，制定本規定。
第二條 戶外廣告設施應當定期檢查。
第三條 違反本規定第二條第二款規定的，責令改正。
第四條 本規定自2024年10月1日起施行，有效期五年。
""", "臨江市城市管理局", "2024年9月1日"), 3, "本規定第二條第二款", ("第二条第二款不存在", "共1款")),
], ids=["arabic_numbered_reference", "traditional_reference_to_a_missing_paragraph"])
def test_f301_reference_to_a_missing_target(library, tmp_path, text, article, evidence, said):
    f = one(review_text(library, tmp_path, text), "F301")
    assert f.article == article and f.evidence == evidence
    assert said[0] in f.message and said[1] in f.message


def test_f301_not_raised_for_existing_targets(library, tmp_path):
    text = written("临江市城市供水管理办法", "临江市人民政府令 第24号", """
第一章 总则
第一条 为了加强城市供水管理，根据《中华人民共和国行政许可法》等法律法规，制定本办法。
第二条 本市城市供水的规划、建设、经营和管理，适用本办法。
第二章 供水经营
第三条 供水企业应当保障供水水质。
供水企业应当公布服务标准。
第三条之一 供水企业应当建立水质检测制度。
第四条 违反本办法第三条第二款、第三条之一规定的，由城市供水主管部门责令改正。
有前款规定情形的，依照《中华人民共和国行政许可法》第八十一条处理。
第三章 附则
第五条 本办法自2024年10月1日起施行。
""", "临江市人民政府", "2024年8月1日")
    r = review_text(library, tmp_path, text)
    assert len([c for c in r.doc.citations if c.internal]) >= 3
    none_of(r, "F301", "F302")


# ============================================================================================== F302

def test_f302_gap_in_a_rule(library, tmp_path):
    text = PARKING_RULE.replace("本办法第四十条", "本办法第三条").replace("本条第三款", "本条第一款") \
        .replace("本办法第三条第三款", "本办法第三条第二款").replace("第五条 违反", "第七条 违反") \
        .replace("第六条 本办法", "第八条 本办法")
    r = review_text(library, tmp_path, text)
    none_of(r, "F301")
    f = one(r, "F302")
    assert f.severity == "error"
    assert f.article == 7 and f.location == "第七条"
    assert f.evidence.startswith("第七条 违反")
    assert "第四条之后缺少第五条、第六条" in f.message
    assert f.details["missing"] == [5, 6]


def test_f302_gap_and_duplicate_with_arabic_numerals(library, tmp_path):
    text = written("临江市城市管理局关于规范建筑垃圾运输车辆管理的规定", "临城管规〔2024〕6号", """
第1条 根据《中华人民共和国固体废物污染环境防治法》，结合本市实际，制定本规定。
第2条 运输单位应当遵守第3条的规定。
第3条 运输车辆应当密闭运输。
第5条 违反第3条规定的，依法处理。
第5条 本规定自2024年8月1日起施行，有效期五年。
""", "临江市城市管理局", "2024年7月1日")
    r = review_text(library, tmp_path, text)
    fs = found(r, "F302")
    assert len(fs) == 2, _describe(r)
    gap, dup = fs
    for f in fs:
        check_span(r, f)
        assert f.article == 5 and f.location == "第五条"
    assert gap.evidence.startswith("第5条 违反") and "第三条之后缺少第四条" in gap.message
    assert dup.evidence.startswith("第5条 本规定") and "第五条出现两次" in dup.message


def street_cleaning_notice(after_point_two: str) -> str:
    """临城管规〔2024〕7号 on 城市道路保洁: 一、 with two sub-points, 二、, then ``after_point_two``."""
    return written("临江市城市管理局关于加强城市道路保洁工作的通知", "临城管规〔2024〕7号", f"""
各区城市管理局：
根据《城市市容和环境卫生管理条例》，现就加强城市道路保洁工作通知如下：
一、落实保洁责任。
（一）主干道每日普扫两次。
（二）次干道每日普扫一次。
二、强化督查考核。
{after_point_two.strip()}
""", "临江市城市管理局", "2024年8月1日")


def test_f302_first_level_points_of_a_notice(library, tmp_path):
    r = review_text(library, tmp_path, street_cleaning_notice("四、本通知自2024年9月1日起施行，有效期五年。"))
    f = one(r, "F302")
    assert f.severity == "error" and f.article is None
    assert f.location == "四、"
    assert f.evidence.startswith("四、本通知")
    assert "二、之后缺少三、" in f.message


def test_f302_duplicate_point_in_a_traditional_notice(library, tmp_path):
    text = written("臨江市城市管理局關於加強夜間施工管理的通知", "臨城管規〔2024〕9號", """
各區城市管理局：
根據《中華人民共和國大氣污染防治法》，現就有關事項通知如下：
一、嚴格夜間施工管理。
二、加強巡查。
二、強化執法。
三、本通知自2024年10月1日起施行，有效期五年。
""", "臨江市城市管理局", "2024年9月1日")
    r = review_text(library, tmp_path, text)
    f = one(r, "F302")
    assert f.location == "二、" and f.evidence.startswith("二、強化執法")
    assert "二、出现两次" in f.message


def test_f302_not_raised_for_sub_points_restarting_under_each_heading(library, tmp_path):
    r = review_text(library, tmp_path, street_cleaning_notice("""
（一）每月开展一次检查。
（二）检查结果向社会公布。
三、本通知自2024年9月1日起施行，有效期五年。
"""))
    assert not r.doc.structure.articles
    none_of(r, "F302")


# ============================================================================================== F401

def test_f401_notice_without_any_date_clause(library, tmp_path):
    text = """临江市城市管理局关于加强城市绿地养护工作的通知

各区城市管理局：
根据《城市绿化条例》，现就加强城市绿地养护工作通知如下：
一、落实养护责任。
二、加强日常巡查。

临江市城市管理局
2024年8月1日
"""
    r = review_text(library, tmp_path, text)
    f = one(r, "F401")
    assert f.severity == "warning" and f.location == "全文"
    assert "未规定施行日期" in f.message
    assert f.evidence.startswith("临江市城市管理局")


def rural_roads_notice(point_two: str, signed_on: str) -> str:
    """青政规〔2024〕4号 on 农村公路养护 whose last point, 二、, is ``point_two``."""
    return written("青川县人民政府关于加强农村公路养护管理的通知", "青政规〔2024〕4号", f"""
各乡镇人民政府：
根据《中华人民共和国道路交通安全法》，现就加强农村公路养护管理通知如下：
一、落实养护主体责任。
{point_two}
""", "青川县人民政府", signed_on)


def test_f401_notice_with_validity_but_no_effective_date(library, tmp_path):
    r = review_text(library, tmp_path, rural_roads_notice("二、本通知有效期五年。", "2024年6月10日"))
    f = one(r, "F401")
    assert f.location == "全文"
    none_of(r, "F402", "F403")


def test_f401_rule_without_effective_date(library, tmp_path):
    text = WITH_BASIS["rule_根据_制定"].replace("第三条 本办法自2024年3月1日起施行。\n", "")
    r = review_text(library, tmp_path, text)
    assert r.doc.metadata.level == "地方政府规章"
    f = one(r, "F401")
    assert f.evidence.startswith("临江市城市排水管理办法")


def _renovation(title: str, validity: str, number: int = 10, effective: str = "2024年5月1日") -> str:
    """临政规〔2024〕{number}号, a 规定 (or 办法) on 老旧小区改造 titled ``…的{title}``, in force from ``effective``
    for ``validity``."""
    kind = title[-2:]
    return written(f"临江市人民政府关于推进老旧小区改造的{title}", f"临政规〔2024〕{number}号", f"""
第一条 根据《中华人民共和国城乡规划法》，结合本市实际，制定本{kind}。
第二条 老旧小区改造应当尊重居民意愿。
第三条 本{kind}自{effective}起施行，{validity}。
""", "临江市人民政府", "2024年4月1日")


EFFECTIVE = {
    "chinese_numeral_date": rural_roads_notice("二、本通知自二〇二四年七月一日起施行，有效期五年。", "二〇二四年六月十日"),
    "from_issue": _renovation("规定", "有效期五年", number=11, effective="印发之日"),
    "promulgation_order": """临江市人民政府令
第23号

《临江市城市排水管理办法》已经2024年1月9日市人民政府第31次常务会议通过，现予公布，自2024年3月1日起施行。

市长　张某某
2024年1月22日

临江市城市排水管理办法

第一条 为了加强城市排水管理，根据《中华人民共和国固体废物污染环境防治法》等法律法规，制定本办法。
第二条 本市城市排水设施的建设、维护和管理，适用本办法。
第三条 本办法自2024年3月1日起施行。
""",
    "traditional": WITH_BASIS["traditional_根據"],
    "实施": WITH_BASIS["notice_依据_通知如下"].replace("起施行", "起实施"),
}


@pytest.mark.parametrize("name", sorted(EFFECTIVE))
def test_f401_not_raised_when_an_effective_date_is_stated(library, tmp_path, name):
    r = review_text(library, tmp_path, EFFECTIVE[name])
    assert "effective" in r.doc.metadata.dates
    none_of(r, "F401")


# ============================================================================================== F402

def f402_error(library, tmp_path, text: str, evidence: str):
    """The one F402 of ``text``: an error on the validity clause ``evidence``."""
    f = one(review_text(library, tmp_path, text), "F402")
    assert f.severity == "error"
    assert f.evidence == evidence
    return f


def test_f402_notice_without_validity_is_a_warning(library, tmp_path):
    text = written("臨江市市場監督管理局關於規範農貿市場計量器具管理的通知", "臨市監規〔2024〕2號", """
各區市場監督管理局：
根據《中華人民共和國消費者權益保護法》，現就有關事項通知如下：
一、市場開辦者應當設置公平秤。
二、本通知自2024年9月1日起施行。
""", "臨江市市場監督管理局", "2024年8月1日")
    r = review_text(library, tmp_path, text)
    f = one(r, "F402")
    assert f.severity == "warning" and f.location == "全文"
    assert "未规定有效期" in f.message


def test_f402_rule_taking_effect_on_issue_without_validity(library, tmp_path):
    r = review_text(library, tmp_path, EFFECTIVE["from_issue"].replace("，有效期五年", ""))
    f = one(r, "F402")
    assert f.severity == "warning"
    none_of(r, "F401")


def test_f402_ten_years_is_an_error(library, tmp_path):
    text = written("临江市城市管理局关于规范共享单车停放管理的通知", "临城管规〔2024〕8号", """
各区城市管理局：
根据《中华人民共和国道路交通安全法》，现就有关事项通知如下：
一、运营企业应当规范停放秩序。
（二）运营企业应当及时清理违规停放车辆。
二、本通知自2024年9月1日起施行，有效期十年。
""", "临江市城市管理局", "2024年8月1日")
    f = f402_error(library, tmp_path, text, "有效期十年")
    assert "2024-09-01" in f.message and "2034-08-31" in f.message and "5年" in f.message
    assert f.details["max_years"] == 5


def test_f402_end_date_beyond_five_years_is_an_error(library, tmp_path):
    f = f402_error(library, tmp_path, _renovation("规定", "有效期至2029年5月31日"), "有效期至2029年5月31日")
    assert "2029-05-31" in f.message and "5年" in f.message


def test_f402_trial_document_longer_than_two_years_is_an_error(library, tmp_path):
    f = f402_error(library, tmp_path, _renovation("规定（试行）", "有效期三年"), "有效期三年")
    assert "试行" in f.message and "2年" in f.message
    assert f.details["max_years"] == 2


@pytest.mark.parametrize("title, validity", [
    ("规定", "有效期五年"),
    ("规定", "有效期至2029年4月30日"),
    ("暂行办法", "有效期至2026年4月30日"),
    ("办法（试行）", "有效期二年"),
])
def test_f402_not_raised_at_exactly_the_limit(library, tmp_path, title, validity):
    r = review_text(library, tmp_path, _renovation(title, validity))
    assert r.doc.metadata.level == "行政规范性文件"
    none_of(r, "F402")


def test_f402_validity_of_something_else_is_not_the_documents_own(library, tmp_path):
    """A 30-year concession agreement mentioned in the body is not the notice's own 有效期 (five years)."""
    text = written("临江市住房和城乡建设局关于规范城市供水特许经营管理的通知", "临住建规〔2024〕3号", """
各县（区）住房和城乡建设局：
根据《中华人民共和国行政许可法》，现就规范城市供水特许经营管理通知如下：
一、特许经营协议应当明确经营范围和服务标准，特许经营协议有效期为三十年。
二、特许经营者应当按照协议提供供水服务。
三、本通知自2024年9月1日起施行，有效期五年。
""", "临江市住房和城乡建设局", "2024年8月1日")
    r = review_text(library, tmp_path, text)
    none_of(r, "F402")
    assert r.doc.metadata.dates.get("expires") == date(2029, 8, 31)


def test_f402_validity_of_a_pledge_does_not_stand_in_for_the_documents_own(library, tmp_path):
    text = written("临江市市场监督管理局关于推行信用承诺制度的通知", "临市监规〔2024〕5号", """
各区市场监督管理局：
根据《中华人民共和国行政许可法》，现就推行信用承诺制度通知如下：
一、申请人可以书面作出信用承诺，信用承诺书有效期为一年。
二、承诺人应当履行承诺。
三、本通知自2024年9月1日起施行。
""", "临江市市场监督管理局", "2024年8月1日")
    r = review_text(library, tmp_path, text)
    f = one(r, "F402")
    assert f.severity == "warning" and "未规定有效期" in f.message


@pytest.mark.parametrize("text", [NO_BASIS_RULE, FARM_RULE_2020, EFFECTIVE["promulgation_order"]],
                         ids=["county_rule", "city_rule", "promulgated_rule"])
def test_f402_not_raised_for_rules(library, tmp_path, text):
    r = review_text(library, tmp_path, text)
    assert r.doc.metadata.level == "地方政府规章"
    none_of(r, "F402")


def test_f402_not_raised_for_a_trial_rule(library, tmp_path):
    text = NO_BASIS_RULE.replace("青川县城市道路照明设施管理办法", "青川县城市道路照明设施管理暂行办法", 1)
    r = review_text(library, tmp_path, text)
    assert r.doc.metadata.level == "地方政府规章"
    none_of(r, "F402")


LOCAL_REGULATION = """临江市养犬管理条例

（2023年6月28日临江市第十七届人民代表大会常务委员会第十二次会议通过　2023年9月22日江南省第十四届人民代表大会常务委员会第五次会议批准）

第一条 为了规范养犬行为，保障公民人身健康和安全，根据《中华人民共和国治安管理处罚法》等法律、法规，结合本市实际，制定本条例。
第二条 本市行政区域内养犬及其相关管理活动，适用本条例。
第三条 本条例自2024年1月1日起施行。
"""


def test_f402_not_raised_for_a_local_regulation(library, tmp_path):
    r = review_text(library, tmp_path, LOCAL_REGULATION)
    assert r.doc.metadata.level == "地方性法规"
    none_of(r, "F402", "F401", "F201")


def _with_settings(library, tmp_path, text: str, toml: str, filed_on: date | None = None):
    settings = tmp_path / "agency.toml"
    settings.write_text(toml, encoding="utf-8")
    path = tmp_path / "submitted" / "doc.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return review_file(library, path, make_context(library, AS_OF, filed_on, settings_path=settings))


def test_f402_settings_shorten_the_limit(library, tmp_path):
    toml = '[filing]\nvalidity_max_years = 3\nvalidity_rule = "《江南省行政规范性文件管理办法》第二十条"\n'
    r = _with_settings(library, tmp_path, _renovation("规定", "有效期五年"), toml)
    f = one(r, "F402")
    assert f.severity == "error"
    assert "3年" in f.message and f.details["max_years"] == 3
    assert "《江南省行政规范性文件管理办法》第二十条" in f.basis


def test_f402_settings_lengthen_the_limit(library, tmp_path):
    r = _with_settings(library, tmp_path, _renovation("规定", "有效期十年"), "[filing]\nvalidity_max_years = 10\n")
    none_of(r, "F402")
    r = _with_settings(library, tmp_path, _renovation("规定（试行）", "有效期三年"),
                       "[filing]\nvalidity_max_years_trial = 3\n")
    none_of(r, "F402")


@pytest.mark.parametrize("toml", [
    "[filing]\nvalidity_years = 3\n",
    "[filling]\nvalidity_max_years = 3\n",
    '[filing]\nvalidity_max_years = "三"\n',
], ids=["unknown_key", "unknown_section", "wrong_type"])
def test_settings_errors(library, tmp_path, toml):
    settings = tmp_path / "agency.toml"
    settings.write_text(toml, encoding="utf-8")
    with pytest.raises(SettingsError):
        make_context(library, AS_OF, settings_path=settings)


# ============================================================================================== F403

def test_f403_notice_without_document_number(library, tmp_path):
    text = WITH_BASIS["notice_依据_通知如下"].replace("临城管规〔2024〕2号\n", "")
    r = review_text(library, tmp_path, text)
    assert r.doc.metadata.doc_number is None
    f = one(r, "F403")
    assert f.severity == "warning" and f.location == "文头"
    assert f.message == "文件未标注文号"
    assert f.evidence.startswith("临江市城市管理局")


def test_f403_articled_document_without_document_number(library, tmp_path):
    r = review_text(library, tmp_path, _renovation("规定", "有效期五年").replace("临政规〔2024〕10号\n", ""))
    assert r.doc.metadata.level == "行政规范性文件"
    f = one(r, "F403")
    assert "文号" in f.message


def test_f403_rule_without_order_number(library, tmp_path):
    text = written("临江市城市道路挖掘管理办法", "临江市人民政府令", """
第一条 为了加强城市道路挖掘管理，根据《中华人民共和国城乡规划法》等法律法规，制定本办法。
第二条 挖掘城市道路应当按照规定办理手续。
第三条 本办法自2024年6月1日起施行。
""", "临江市人民政府", "2024年4月1日")
    r = review_text(library, tmp_path, text)
    assert r.doc.metadata.level == "地方政府规章"
    f = one(r, "F403")
    assert f.message == "文件未标注令号"
    assert f.evidence.startswith("临江市城市道路挖掘管理")


@pytest.mark.parametrize("number", ["临城管规〔2024〕2号", "临城管规[2024]2号", "临城管规（2024）2号",
                                    "临城管规［2024］2号", "臨城管規(2024)2號"])
def test_f403_not_raised_for_any_bracket_style(library, tmp_path, number):
    text = WITH_BASIS["notice_依据_通知如下"].replace("临城管规〔2024〕2号", number)
    r = review_text(library, tmp_path, text)
    assert r.doc.metadata.doc_number == "临城管规〔2024〕2号"
    none_of(r, "F403")


@pytest.mark.parametrize("text", [NO_BASIS_RULE, EFFECTIVE["promulgation_order"], FARM_RULE_2020],
                         ids=["number_on_next_line", "promulgation_order", "inline"])
def test_f403_not_raised_for_rules_with_order_numbers(library, tmp_path, text):
    r = review_text(library, tmp_path, text)
    assert "令" in (r.doc.metadata.doc_number or "")
    none_of(r, "F403")


# ============================================================================================== F404

def test_f404_rule_filed_31_days_after_publication(library, tmp_path):
    r = review_text(library, tmp_path, EFFECTIVE["promulgation_order"], filed_on=date(2024, 2, 22))
    f = one(r, "F404")
    assert f.severity == "warning" and f.location == "全文"
    assert "2024-01-22" in f.message and "2024-02-22" in f.message and "31日" in f.message


def test_f404_notice_filed_late(library, tmp_path):
    r = review_text(library, tmp_path, _renovation("规定", "有效期五年"), filed_on=date(2024, 7, 1))
    f = one(r, "F404")
    assert "2024-04-01" in f.message and "91日" in f.message


@pytest.mark.parametrize("filed_on", [date(2024, 2, 21), date(2024, 1, 22), None], ids=["30_days", "same_day", "not_given"])
def test_f404_not_raised_within_thirty_days(library, tmp_path, filed_on):
    r = review_text(library, tmp_path, EFFECTIVE["promulgation_order"], filed_on=filed_on)
    none_of(r, "F404")


def test_f404_deadline_from_settings(library, tmp_path):
    r = _with_settings(library, tmp_path, _renovation("规定", "有效期五年"), "[filing]\nfiling_deadline_days = 15\n",
                       filed_on=date(2024, 4, 20))
    f = one(r, "F404")
    assert "15日" in f.message and "19日" in f.message


# ============================================================================================== F601 inside review

REPORT = written("临江市司法局关于2024年度行政执法案卷评查情况的通报", "临司通〔2024〕5号", """
各县（区）司法局，市直各行政执法部门：
2024年10月，市司法局组织对全市行政执法案卷进行了评查。评查发现，个别单位处以罚款时未告知陈述申辩权利，个别单位违规收取检测费用，个别单位仍依据《中华人民共和国食品卫生法》作出处罚。现将有关情况通报如下：
一、评查总体情况。共评查案卷120卷，优秀案卷30卷。
二、存在的问题。临江市某某商贸有限公司一案中，执法部门处五千元罚款，未依照本办法第四十条送达告知书。
四、下一步工作要求。各单位要认真整改。
""", "临江市司法局", "2024年11月5日")

APPOINTMENT = written("临江市人民政府关于张某某等同志职务任免的通知", "临政任〔2024〕6号", """
各县（区）人民政府，市政府各部门：
经研究决定：
任命张某某为临江市城市管理局局长；
免去王某某的临江市城市管理局局长职务。
""", "临江市人民政府", "2024年3月2日")


@pytest.mark.parametrize("text, kind", [(REPORT, "通报"), (APPOINTMENT, "人事任免")], ids=["report", "appointment"])
def test_f601_non_normative_submission_gets_only_f601(library, tmp_path, text, kind):
    r = review_text(library, tmp_path, text, filed_on=date(2025, 6, 1))
    assert rules(r) == ["F601"], _describe(r)
    f = r.findings[0]
    check_span(r, f)
    assert f.severity == "warning" and f.location == "全文"
    assert f.details["kind"] == kind
    assert r.conclusion == "不属于规范性文件"


# ============================================================================================== laws

NATIONAL_LAW = """中华人民共和国河道保洁法

（2024年3月1日第十四届全国人民代表大会常务委员会第八次会议通过）

第一条 为了保护河道环境，制定本法。
第二条 在中华人民共和国境内从事河道保洁活动，适用本法。
第四条 本法自公布之日起施行。
"""


def test_a_law_gets_no_basis_or_formality_findings(library, tmp_path):
    r = review_text(library, tmp_path, NATIONAL_LAW, filed_on=date(2025, 1, 1))
    assert r.doc.metadata.level == "法律"
    none_of(r, "F201", *FORMAL)


def test_a_real_law_gets_no_basis_or_formality_findings(library, tmp_path):
    path = LAWS / "经济法" / "农产品质量安全法(2022-09-02).md"
    r = review_file(library, path, make_context(library, AS_OF, date(2026, 11, 1)))
    assert r.doc.metadata.level == "法律"
    none_of(r, "F201", "F203", "F204", *FORMAL)
