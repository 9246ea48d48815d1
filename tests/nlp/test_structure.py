from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.normalize import normalize
from nlp.structure import parse_structure


def parse(text):
    return parse_structure(normalize(text))


PROMULGATED = """临江市人民政府令
第12号
《临江市城市绿化管理办法》已经2023年3月1日市人民政府第12次常务会议通过，现予公布，自2023年5月1日起施行。
市长　张某某
2023年3月10日
临江市城市绿化管理办法
目　录
第一章　总则
第二章　规划与建设
第三章　附则
第一章　总则
第一条　为了加强城市绿化管理，根据《城市绿化条例》，制定本办法。
第二条　本办法适用于本市城市规划区。
依照本办法第五条规定执行的，从其规定。
第二章　规划与建设
第三条　有下列情形之一的，不得占用绿地：
（一）擅自砍伐树木的；
（二）在绿地内从事下列活动的：
1.倾倒垃圾；
2.取土；
（三）其他损害绿地的行为。
第五条规定的绿地，由市城市管理部门负责管护。
第三条之一　古树名木实行挂牌保护。
第三章　附则
第四条　本办法自2023年5月1日起施行。
临江市人民政府
2023年3月10日
"""


def test_promulgated_rule_with_toc_items_and_subitems():
    s = parse(PROMULGATED)
    assert [a.label for a in s.articles] == ["第一条", "第二条", "第三条", "第三条之一", "第四条"]
    assert [a.key for a in s.articles] == [(1, 0), (2, 0), (3, 0), (3, 1), (4, 0)]
    first, second, third, _, last = s.articles
    assert first.path == ["第一章 总则"]
    assert third.path == ["第二章 规划与建设"]
    assert len(second.paragraphs) == 2  # the mid-text 第五条 line is a paragraph, not an article
    # 第三条: first paragraph with three items, the second item with two 目; then a new paragraph
    assert [i.label for i in third.paragraphs[0].items] == ["（一）", "（二）", "（三）"]
    assert [i.number for i in third.paragraphs[0].items[1].subitems] == [1, 2]
    assert third.paragraphs[1].text.startswith("第五条规定的绿地")
    assert last.text == "本办法自2023年5月1日起施行。"
    kinds = {sec.kind for sec in s.sections}
    assert kinds == {"preamble", "closing"}
    pre = next(sec for sec in s.sections if sec.kind == "preamble")
    assert "现予公布" in PROMULGATED[pre.start:pre.end]
    closing = next(sec for sec in s.sections if sec.kind == "closing")
    assert PROMULGATED[closing.start:closing.end].strip().startswith("临江市人民政府")
    assert not s.warnings


def test_offsets_point_into_the_original_text():
    s = parse(PROMULGATED)
    for a in s.articles:
        assert PROMULGATED[a.start:a.end].startswith(a.label)
        assert PROMULGATED[a.start:a.end].endswith(a.paragraphs[-1].text[-3:])
        for p in a.paragraphs:
            assert PROMULGATED[p.start:p.end].startswith(p.text.split("\n")[0])


def test_traditional_characters_and_spaced_labels():
    text = "# 臨江市條例\n第 一 條　為了規範管理，制定本條例。\n第二條　本條例自公布之日起施行。\n"
    s = parse(text)
    assert [a.number for a in s.articles] == [1, 2]
    assert s.articles[0].label == "第一條"  # the label keeps the user's own characters
    assert s.articles[0].text == "為了規範管理，制定本條例。"


def test_glued_labels_accepted_only_in_sequence():
    text = "第一条为了规范管理，制定本办法。\n第二条本办法适用于全市。\n第五条规定的事项另行规定。\n第三条本办法自公布之日起施行。"
    s = parse(text)
    assert [a.number for a in s.articles] == [1, 2, 3]


def test_arabic_numbering_and_gap_warning():
    s = parse("第1条 总体要求。\n第2条 适用范围。\n第4条 施行日期。")
    assert [a.number for a in s.articles] == [1, 2, 4]
    assert any("gap" in w for w in s.warnings)


def test_duplicate_number_is_kept_and_reported():
    s = parse("第一条 甲。\n第二条 乙。\n第二条 丙。\n第三条 丁。")
    assert [a.number for a in s.articles] == [1, 2, 2, 3]
    assert any("goes back" in w for w in s.warnings)


def test_label_on_its_own_line():
    s = parse("第一条\n为了规范管理，制定本办法。\n第二条\n本办法自公布之日起施行。")
    assert [a.text for a in s.articles] == ["为了规范管理，制定本办法。", "本办法自公布之日起施行。"]
    assert all(len(a.paragraphs) == 1 for a in s.articles)


def test_appendix_after_the_articles_is_not_body():
    text = "第一条 甲。\n第二条 乙。\n附件：1.申请表\n第一条 表格填写说明。"
    s = parse(text)
    assert [a.number for a in s.articles] == [1, 2]
    assert [sec.kind for sec in s.sections] == ["appendix"]


def test_markdown_headings_and_parts():
    text = "# 某法\n\n## 第一编 总则\n\n### 第一章 一般规定\n\n第一条 甲。\n\n#### 第一节 乙\n\n第二条 乙。\n\n## 第二编 分则\n\n第三条 丙。"
    s = parse(text)
    assert s.articles[1].path == ["第一编 总则", "第一章 一般规定", "第一节 乙"]
    assert s.articles[2].path == ["第二编 分则"]


def test_no_articles_in_a_notice():
    s = parse("关于做好节日值班工作的通知\n各单位：\n现就有关事项通知如下。\n一、加强值班。\n二、及时报告。")
    assert s.articles == []


def test_numbered_section_headings_between_articles():
    text = "## 一、当事人举证\n\n第一条 甲。\n\n## 二、证据的交换\n\n第二条 乙。\n\n三、质证\n第三条 丙。\n四、其他规定，另行制定。"
    s = parse(text)
    assert [a.path for a in s.articles] == [["一、当事人举证"], ["二、证据的交换"], ["三、质证"]]
    assert s.articles[1].text == "乙。"
    # a numbered line with sentence punctuation inside an article stays text
    assert s.articles[2].paragraphs[-1].text == "四、其他规定，另行制定。"


def test_article_caption_style():
    s = parse("第一条（目的和依据）\n为了规范管理，制定本办法。\n第二条（适用范围）\n本办法适用于本市。")
    assert [a.number for a in s.articles] == [1, 2]
    assert s.articles[0].text.startswith("（目的和依据）")


FRAGMENTS = ["第一条 甲。", "第二条", "第二條　乙", "第 三 条 丙", "（一）项；", "1.目", "第一章 总则", "## 第二节 细",
             "目录", "附件：", "二、标题", "临江市人民政府", "2023年5月6日", "第五条规定的", "村鎮(zhèn)", "　", "",
             "<!-- INFO END -->", "第十条之一 丁。", "（此件公开发布）"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=25), st.sampled_from(["\n", "\r\n", "\n\n"]))
def test_any_mix_of_structural_lines_parses_with_offsets_inside_the_text(parts, sep):
    text = sep.join(parts)
    s = parse(text)
    spans = [(a.start, a.end) for a in s.articles] + [(h.start, h.end) for h in s.headings]
    spans += [(p.start, p.end) for a in s.articles for p in a.paragraphs]
    spans += [(x.start, x.end) for x in s.sections]
    for start, end in spans:
        assert 0 <= start <= end <= len(text)
    for a in s.articles:
        assert text[a.start:a.end].replace(" ", "").startswith(a.label.replace(" ", ""))
