import pytest

from nlp.citations import extract_citations, find_titles
from nlp.normalize import normalize
from nlp.structure import parse_structure


def cites(text, known=None):
    n = normalize(text)
    return extract_citations(n, parse_structure(n), known)


def keys(text, known=None):
    return [(c.title, c.article, c.article_end, c.paragraph, c.paragraph_end, c.item, c.internal)
            for c in cites(text, known)]


def test_titles_nested_and_with_suffixes():
    titles = [t.text for t in find_titles("依照《关于修改〈中华人民共和国文物保护法〉的决定》和《临江市某某办法（试行）》以及"
                                          "《中华人民共和国行政处罚法（2021年修订）》")]
    assert titles == ["关于修改〈中华人民共和国文物保护法〉的决定", "临江市某某办法（试行）", "中华人民共和国行政处罚法（2021年修订）"]
    assert [t.text for t in find_titles("《关于修改《文物保护法》的决定》")] == ["关于修改〈文物保护法〉的决定"]
    assert find_titles("《未闭合的标题\n第二行》") == []


@pytest.mark.parametrize("text,expected", [
    ("第一条 依照《中华人民共和国行政处罚法》第十六条执行。", [("中华人民共和国行政处罚法", 16, None, None, None, None, False)]),
    ("第一条 依照《行政处罚法》第十二条第二款第（三）项执行。", [("行政处罚法", 12, None, 2, None, 3, False)]),
    ("第一条 依照《行政处罚法》第十条至第十五条执行。", [("行政处罚法", 10, 15, None, None, None, False)]),
    ("第一条 依照《行政处罚法》第三条、第五条和第七条执行。",
     [("行政处罚法", 3, None, None, None, None, False), ("行政处罚法", 5, None, None, None, None, False),
      ("行政处罚法", 7, None, None, None, None, False)]),
    ("第一条 依照《行政处罚法》第八条第（二）项至第（六）项执行。", [("行政处罚法", 8, None, None, None, 2, False)]),
    ("第一条 依照《行政处罚法》第三十条第一款、第二款执行。",
     [("行政处罚法", 30, None, 1, None, None, False), ("行政处罚法", 30, None, 2, None, None, False)]),
    ("第一条 依照《条例》第8条第2款执行。", [("条例", 8, None, 2, None, None, False)]),
])
def test_titled_article_references(text, expected):
    assert keys(text) == expected


def test_internal_references():
    text = ("第一条 总则。\n第二条 违反本办法第五条规定的，依照本条例第七条之一处理。\n"
            "前款规定的事项，适用本条第一款第（二）项。\n有前两款情形的，依照第一条处理。")
    got = [(c.raw, c.article, c.article_sub, c.paragraph, c.paragraph_end, c.item, c.internal, c.in_article)
           for c in cites(text)]
    assert got == [
        ("本办法第五条", 5, 0, None, None, None, True, 2),
        ("本条例第七条之一", 7, 1, None, None, None, True, 2),
        ("前款", 2, 0, 1, None, None, True, 2),
        ("本条第一款第（二）项", 2, 0, 1, None, 2, True, 2),
        ("前两款", 2, 0, 1, 2, None, True, 2),
        ("第一条", 1, 0, None, None, None, True, 2),
    ]


def test_article_labels_are_not_references():
    assert cites("第一条 甲。\n第二条 乙。\n## 第三章 附则\n第三条 丙。") == []


@pytest.mark.parametrize("text,title", [
    ("第一条 依照专利法第十一条的规定。", "专利法"),
    ("第一条 违反对外贸易法第六条的。", "对外贸易法"),
    ("第一条 应当认定为刑法第一百三十三条规定的。", "刑法"),
    ("第一条 将刑法第五十条修改为。", "刑法"),
    ("第一条 适用修改后的民事诉讼法第五十六条。", "民事诉讼法"),
])
def test_bare_titles_before_an_article(text, title):
    assert [c.title for c in cites(text)] == [title]


def test_bare_title_prefers_the_longest_known_title():
    known = {"中华人民共和国全国人民代表大会和地方各级人民代表大会选举法", "选举法"}.__contains__
    got = cites("第一条 依照全国人民代表大会和地方各级人民代表大会选举法第十条。", lambda t: known("中华人民共和国" + t) or known(t))
    assert got[0].title == "全国人民代表大会和地方各级人民代表大会选举法"


def test_authorizing_clause_marks_basis_but_not_forms_or_other_mentions():
    text = ("第一条 为了规范管理，根据《中华人民共和国城乡规划法》《城市绿化条例》等法律、法规和国办发〔2018〕37号，"
            "结合本市实际，制定本办法。\n第二条 持《行政执法证》，依照《中华人民共和国行政处罚法》处罚。")
    got = [(c.title or c.doc_number, c.is_basis, c.form) for c in cites(text)]
    assert got == [("中华人民共和国城乡规划法", True, False), ("城市绿化条例", True, False),
                   ("国办发〔2018〕37号", True, False), ("行政执法证", False, True),
                   ("中华人民共和国行政处罚法", False, False)]


def test_notice_basis_before_tongzhi_ruxia():
    text = "各区人民政府：\n根据《国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知》（国办发〔2018〕37号）要求，现就有关事项通知如下：\n一、加强管理。"
    got = cites(text)
    assert [(c.title, c.doc_number, c.is_basis) for c in got] == [
        ("国务院办公厅关于加强行政规范性文件制定和监督管理工作的通知", "国办发〔2018〕37号", True)]


def test_noisy_scraped_text_traditional_glosses_and_brackets():
    text = "第一條　依據《中華人民共和國村鎮(zhèn)規劃法》第十二條和國辦發[2018]37號，制定本辦法。"
    got = cites(text)
    assert [(c.title, c.article, c.doc_number) for c in got] == [
        ("中华人民共和国村镇规划法", 12, None), (None, None, "国办发〔2018〕37号")]
    assert text[got[0].start:got[0].end] == "《中華人民共和國村鎮(zhèn)規劃法》第十二條"


def test_offsets_point_at_the_raw_text():
    text = "第一条 依照《行政处罚法》第十六条、本办法第三条和前款。\n第二条 乙。"
    for c in cites(text):
        assert text[c.start:c.end] == c.raw
