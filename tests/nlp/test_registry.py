from datetime import date

from nlp.align import ArticleText, align
from nlp.registry import Entry, Registry, Version, title_key


def test_title_key_folds_spellings_of_one_title():
    assert title_key("中华人民共和国行政处罚法") == title_key("行政处罚法") == "行政处罚法"
    assert title_key("《臨江市城市綠化管理辦法（試行）》") == "临江市城市绿化管理办法"
    assert title_key("行政处罚法（2021年修订）") == "行政处罚法"
    assert title_key("某某暂行条例") == "某某暂行条例"  # 暂行 inside the name stays


def registry():
    return Registry([
        Entry("行政处罚法", "中华人民共和国行政处罚法", "法律", 1,
              [Version(10, date(2017, 9, 1), date(2018, 1, 1)), Version(11, date(2021, 1, 22), date(2021, 7, 15))]),
        Entry("食品卫生法", "中华人民共和国食品卫生法", "法律", None, [Version(None, date(1995, 10, 30), None)],
              repealed=date(2009, 6, 1), successor="中华人民共和国食品安全法", status_fact="已废止"),
        Entry("各级人民代表大会常务委员会监督法", "中华人民共和国各级人民代表大会常务委员会监督法", "法律", 2),
        Entry("临江市城市绿化管理办法", "临江市城市绿化管理办法", "地方政府规章", 3),
        Entry("临江市城区绿化管理办法", "临江市城区绿化管理办法", "地方政府规章", 4),
        Entry("上海市产品质量条例", "上海市产品质量条例", "地方性法规", 5),
    ], aliases={"人大常委会监督法": "中华人民共和国各级人民代表大会常务委员会监督法"})


def test_resolution_exact_alias_fuzzy_and_ambiguous():
    reg = registry()
    assert reg.resolve("行政处罚法").method == "exact"
    assert reg.resolve("中華人民共和國行政處罰法").entry.title == "中华人民共和国行政处罚法"
    alias = reg.resolve("人大常委会监督法")
    assert (alias.method, alias.entry.title) == ("alias", "中华人民共和国各级人民代表大会常务委员会监督法")
    typo = reg.resolve("中华人民共和国各级人民代表大会常务委员会监察法")
    assert typo.method == "fuzzy" and typo.entry.document_id == 2
    tie = reg.resolve("临江市城中绿化管理办法")
    assert tie.method == "ambiguous" and tie.entry is None and len(tie.candidates) == 2
    assert reg.resolve("城市房屋拆迁管理条例").method == "none"
    assert reg.resolve("上海市产品质量监督条例").method == "none"  # a different regulation, not a typo
    assert reg.known("行政处罚法") and reg.known("人大常委会监督法") and not reg.known("处罚法")


def test_status_and_version_in_force():
    reg = registry()
    law = reg.entries["行政处罚法"]
    assert law.status(date(2020, 1, 1)) == "现行有效"
    assert law.status(date(2017, 1, 1)) == "尚未生效"
    assert law.version_at(date(2020, 1, 1)).version_id == 10
    assert law.version_at(date(2022, 1, 1)).version_id == 11
    old = reg.entries["食品卫生法"]
    assert old.status(date(2008, 1, 1)) == "现行有效"
    assert old.status(date(2010, 1, 1)) == "已废止"


def test_alignment_follows_renumbering_and_reports_deletions():
    old = [ArticleText(1, 0, "为了规范城市绿化管理，制定本办法。"), ArticleText(2, 0, "本办法适用于本市城市规划区。"),
           ArticleText(3, 0, "擅自砍伐树木的，处五百元罚款。"), ArticleText(4, 0, "本办法自公布之日起施行。")]
    new = [ArticleText(1, 0, "为了规范城市绿化管理，改善生态环境，制定本办法。"),
           ArticleText(2, 0, "城市绿化工作坚持政府主导、社会参与的原则。"),
           ArticleText(3, 0, "本办法适用于本市城市规划区。"), ArticleText(4, 0, "本办法自2024年1月1日起施行。")]
    got = align(old, new)
    assert got[(1, 0)][0] == (1, 0)
    assert got[(2, 0)] == ((3, 0), 100.0)
    assert got[(3, 0)] is None  # the fine was deleted
    assert got[(4, 0)][0] == (4, 0)


def test_version_status_is_inferred_from_later_versions_whatever_the_flag_says():
    law = registry().entries["行政处罚法"]
    old, new = law.versions
    assert law.version_status(old, date(2020, 1, 1)) == "现行有效"
    assert law.version_status(old, date(2022, 1, 1)) == "已被修改"  # the 2021 revision, though old is not flagged
    assert law.version_status(new, date(2020, 1, 1)) == "尚未生效"
    flagged = Version(12, date(2021, 1, 22), None, superseded=True)
    assert law.version_status(flagged, date(2022, 1, 1)) == "已被修改"
    food = registry().entries["食品卫生法"]
    assert food.version_status(food.versions[0], date(2010, 1, 1)) == "已废止"
