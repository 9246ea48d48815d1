"""Amounts, fine ranges and time limits, mostly on clauses quoted from real laws in the shared corpus."""
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from nlp.numbers import Amount, Fine, TimeLimit, find_amounts, find_fines, find_time_limits, parse_amount

PERSONS = "直接负责的主管人员和其他直接责任人员"


@pytest.mark.parametrize("text,value", [
    ("五千元", 5000), ("5000元", 5000), ("1.5万元", 15_000), ("一点五万元", 15_000), ("二十万元", 200_000),
    ("伍万元整", 50_000), ("人民币伍万元整（￥50,000.00）", 50_000), ("50,000元", 50_000), ("3.6万", 36_000),
    ("十万零五百元", 100_500), ("100万元", 1_000_000), ("壹佰元", 100), ("两千元", 2000), ("一亿元", 100_000_000),
    ("0.5万元", 5000), ("￥1,234.50", 1234.5), ("５０００元", 5000), ("1.1万元", 11_000), ("3千万元", 30_000_000),
    ("壹万伍仟圆整", 15_000), (" 人民币5万元 ", 50_000),
])
def test_parse_amount(text, value):
    assert parse_amount(text) == value


def test_parse_amount_is_exact_for_whole_yuan():
    assert isinstance(parse_amount("1.1万元"), int)  # 1.1 * 10000 in floats is 11000.000000000002
    assert parse_amount("0.5元") == 0.5


@pytest.mark.parametrize("text", ["", "元", "万元", "罚款", "五千元罚款", "第五条", "abc", "1.5.6元"])
def test_parse_amount_rejects(text):
    assert parse_amount(text) is None


def spans(text, found):
    return [(text[a.start:a.end], a.value) for a in found]


def test_find_amounts_with_spans():
    text = "对个人并处200元以上3000元以下罚款，对单位并处1万元以上5万元以下罚款"
    assert spans(text, find_amounts(text)) == [
        ("200元", 200), ("3000元", 3000), ("1万元", 10_000), ("5万元", 50_000)]


def test_find_amounts_restatement_in_brackets_is_one_amount():
    text = "合同价款为人民币伍万元整（￥50,000.00），于签订后支付。"
    assert find_amounts(text) == [Amount(50_000, 5, 24)]
    assert text[5:24] == "人民币伍万元整（￥50,000.00）"


def test_find_amounts_range_ends_borrow_their_unit():
    text = "对单位并处一万至五万元的罚款；处一至三万元；并处一万元以上十万以下的罚款；处50000至10万元"
    assert [v for _, v in spans(text, find_amounts(text))] == [
        10_000, 50_000, 10_000, 30_000, 10_000, 100_000, 50_000, 100_000]


def test_find_amounts_thousands_separators():
    text = "双方约定价格138 000元，已付50,000元"
    assert spans(text, find_amounts(text)) == [("138 000元", 138_000), ("50,000元", 50_000)]


def test_long_numbers_do_not_backtrack():
    # before the number pattern was atomic, 25 digits without a unit took seconds, 40 took hours
    start = time.perf_counter()
    assert find_amounts("1" * 5000 + "x") == [] and find_fines("一点" * 5000) == []
    assert find_time_limits("五" + " " * 20000 + "x") == []
    assert time.perf_counter() - start < 2


def test_find_amounts_ignores_other_currencies_and_non_amounts():
    assert find_amounts("处十万美元以下罚款，推进一元化管理，第五条，十五日内") == []


# --- fines: (min, max, basis, target) ------------------------------------------------------

def fines(text):
    return [(f.min, f.max, f.basis, f.target) for f in find_fines(text)]


@pytest.mark.parametrize("text,expected", [
    ("逾期不改正的，处一千元以上五千元以下罚款。", [(1000, 5000, "fixed", None)]),
    ("可以处五万元以下罚款：", [(None, 50_000, "fixed", None)]),
    ("处一万元以上罚款", [(10_000, None, "fixed", None)]),
    ("责令其停止违法行为、消除危害，处二十万元以上一百万元以下的罚款；情节严重的，",
     [(200_000, 1_000_000, "fixed", None)]),
    ("处500元以上2000元以下罚款", [(500, 2000, "fixed", None)]),
    ("有下列行为之一的，处200元罚款：", [(200, 200, "fixed", None)]),
    ("并处违法所得一倍以上五倍以下罚款", [(1, 5, "违法所得", None)]),
    ("拒不召回的，处应召回药品货值金额五倍以上十倍以下的罚款；货值金额不足十万元的，按十万元计算",
     [(5, 10, "应召回药品货值金额", None)]),
    ("追缴其不缴或者少缴的税款、滞纳金，并处不缴或者少缴的税款百分之五十以上五倍以下的罚款；",
     [(0.5, 5, "不缴或者少缴的税款", None)]),
    ("处建设工程合同价款百分之二以上百分之四以下的罚款。", [(0.02, 0.04, "建设工程合同价款", None)]),
    ("并处依照规定投保最低责任限额应缴纳的保险费的二倍罚款。", [(2, 2, "依照规定投保最低责任限额应缴纳的保险费", None)]),
    ("并处上一年度销售额百分之一以上百分之十以下的罚款；尚未实施所达成的垄断协议的，可以处五十万元以下的罚款",
     [(0.01, 0.1, "上一年度销售额", None), (None, 500_000, "fixed", None)]),
    ("处转移财产金额20%以上等值以下的罚款。", [(0.2, 1, "转移财产金额", None)]),
    ("并处以相当于实物价值七倍以下的罚款。", [(None, 7, "实物价值", None)]),
    ("处以二百元以上二千元以下的罚款；情节严重的，处以2000元至2万元罚款，并可责令停业整顿3天至7天：",
     [(200, 2000, "fixed", None), (2000, 20_000, "fixed", None)]),
    ("（八）有本办法第三十四条第三、四项行为的，罚款一千元至五千元；", [(1000, 5000, "fixed", None)]),
    ("由城管执法部门责令关闭，限期清运，并处一万元以上十万以下的罚款；", [(10_000, 100_000, "fixed", None)]),
])
def test_find_fines(text, expected):
    assert fines(text) == expected


def test_conditions_are_not_fines():
    # the brief's example: 五万元以上的 / 不足五万元的 are thresholds of conditions
    text = ("违法所得五万元以上的，并处违法所得一倍以上五倍以下罚款；没有违法所得或者违法所得不足五万元的，"
            "并处五万元以上二十五万元以下罚款")
    assert fines(text) == [(1, 5, "违法所得", None), (50_000, 250_000, "fixed", None)]
    real = ("没收违法所得；违法所得在三万元以上的，并处违法所得一倍以上三倍以下罚款；违法所得一万元以上不足三万元的，"
            "并处一万元以上三万元以下罚款；没有违法所得或者违法所得不足一万元的，并处三千元以上一万元以下罚款。")
    assert fines(real) == [
        (1, 3, "违法所得", None), (10_000, 30_000, "fixed", None), (3000, 10_000, "fixed", None)]


@pytest.mark.parametrize("text", [
    "第四十三条 对违法行为人处以警告或者二百元以下罚款的，可以适用简易程序。",
    "县级政府卫生行政部门可以作出处一万元以下罚款的决定；决定处一万元以上罚款的，须报上一级政府卫生行政部门批准。",
    "（一）到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款；",  # 加处罚款 enforces a fine, it sets none
    "罚款一律上缴国库。",
    "船舶非法悬挂中华人民共和国国旗航行的，由有关机关予以制止，处以罚款。",
])
def test_no_fine_set(text):
    assert find_fines(text) == []


def test_targets_come_from_the_nearest_dui_chu_in_the_clause():
    text = ("由城市管理主管部门责令改正，对单位处一万元以上五万元以下罚款，对个人处五千元以上二万元以下罚款。"
            "拒不改正的，处二万元以上十万元以下罚款；对直接负责的主管人员和其他直接责任人员处一万元以上十万元以下的罚款。")
    assert [f.target for f in find_fines(text)] == ["单位", "个人", None, PERSONS]


@pytest.mark.parametrize("text,target", [
    ("对其直接负责的主管人员和其他直接责任人员，处二万元以上十万元以下的罚款", PERSONS),
    ("单位有前款行为的，处二万元以上十万元以下罚款", "单位"),
    ("个人违反本条例规定的，处二百元以下罚款", "个人"),
    ("情节严重的，对单位给予警告或者处二十万元以下罚款", "单位"),
    ("逾期不整改的，对运营企业处二千元以上一万元以下罚款", "运营企业"),  # other targets as written
    ("拒不改正的，对其处以五十元以上二百元以下罚款", None),
    ("对自然保护区造成破坏的，可以处以300元以上1万元以下的罚款", None),  # 对…的 is a condition
    ("由国务院对外贸易主管部门责令改正，可以处五万元以下罚款", None),
])
def test_target(text, target):
    assert [f.target for f in find_fines(text)] == [target]


def test_ranges_sharing_one_fine_word():
    text = "可以对个人并处五千元以下的罚款、对单位并处一万元至五万元的罚款；"
    assert fines(text) == [(None, 5000, "fixed", "个人"), (10_000, 50_000, "fixed", "单位")]
    capped = "可以单处或者并处警告，违法所得三倍以下、但最高不超过三万元的罚款，没有违法所得的，处以一万元以下的罚款。"
    assert fines(capped) == [
        (None, 3, "违法所得", None), (None, 30_000, "fixed", None), (None, 10_000, "fixed", None)]


def test_post_fine_word_forms():
    assert fines("处以罚款的，罚款数额为两万元以下。") == [(None, 20_000, "fixed", None)]
    assert fines("对个人的罚款金额，为人民币十万元以下。对单位的罚款金额，为人民币五万元以上一百万元以下。") == [
        (None, 100_000, "fixed", "个人"), (50_000, 1_000_000, "fixed", "单位")]
    assert fines("处以罚款的，罚款额为耕地开垦费的5倍以上10倍以下；") == [(5, 10, "耕地开垦费", None)]
    assert fines("对企业、事业单位、作业者的下列违法行为，罚款最高额为人民币五千元：") == [
        (None, 5000, "fixed", "企业、事业单位、作业者的下列违法行为")]


def test_per_unit_amounts_name_their_unit():
    assert fines("拒不改正的，处每平方米五百元以上一千元以下的罚款。") == [(500, 1000, "每平方米", None)]
    assert fines("逾期不维修、更换的，每逾期一天，处以100元罚款。") == [(100, 100, "每逾期一天", None)]
    assert fines("按照每介绍一人处五千元罚款的标准给予处罚") == [(5000, 5000, "每介绍一人", None)]
    assert fines("并以每人五百元以上二千元以下的标准处以罚款。") == [(500, 2000, "每人", None)]


def test_basis_written_before_the_verb_or_earlier():
    assert fines("损坏环境卫生设施及其附属设施的，按该设施价值处以1至2倍罚款；") == [(1, 2, "该设施价值", None)]
    text = "处以违法所得一倍以上不满二倍的罚款；情节严重的，处以二倍至三倍的罚款；"
    assert fines(text) == [(1, 2, "违法所得", None), (2, 3, "违法所得", None)]


def test_fine_spans_cover_basis_and_range():
    text = "没收违法所得，并处违法所得一倍以上五倍以下罚款，对单位处五千元罚款。"
    found = find_fines(text)
    assert [text[f.start:f.end] for f in found] == ["违法所得一倍以上五倍以下", "五千元"]
    start = text.index("五千元")
    assert found[1] == Fine(5000, 5000, "fixed", "单位", start, start + 3)


def test_custody_terms_are_neither_fines_nor_time_limits():
    text = "有下列行为之一的，处十日以上十五日以下拘留，并处五百元以上一千元以下罚款:"
    assert fines(text) == [(500, 1000, "fixed", None)]
    assert find_time_limits(text) == []


# --- time limits ---------------------------------------------------------------------------

@pytest.mark.parametrize("text,expected", [
    ("十五日内", (15, "日", False)), ("三个工作日内", (3, "日", True)), ("六个月", (6, "月", False)),
    ("二十个工作日", (20, "日", True)), ("30日内", (30, "日", False)), ("一年", (1, "年", False)),
    ("七日以内", (7, "日", False)), ("两年内", (2, "年", False)), ("60天", (60, "日", False)),
    ("两周内", (14, "日", False)), ("半年", (6, "月", False)), ("３个月", (3, "月", False)),
])
def test_find_time_limits(text, expected):
    (found,) = find_time_limits(text)
    assert (found.count, found.unit, found.working_days) == expected
    assert (found.start, found.end) == (0, len(text))


def test_time_limits_in_real_sentences():
    text = "被告应当在收到起诉状副本之日起十五日内向人民法院提交作出行政行为的证据和所依据的规范性文件"
    assert find_time_limits(text) == [TimeLimit(15, "日", False, 15, 19)]
    text = "并自受理之日起20个工作日内作出决定。需要整改的，整改时间不计入审核时限。"
    assert [(text[t.start:t.end], t.working_days) for t in find_time_limits(text)] == [("20个工作日内", True)]
    text = "登记证有效期为三年。有效期届满需要延续的，应当在有效期届满三十日前向原登记机关申请延续。"
    assert [(t.count, t.unit) for t in find_time_limits(text)] == [(3, "年"), (30, "日")]


@pytest.mark.parametrize("text", [
    "本条例自2023年5月6日起施行", "二〇二三年五月六日", "于2021年 1月 22日通过", "每月十五日前报送",
    "年满十八周岁", "上一年度销售额", "三年级", "每两年检验一次", "第十五日", "在建筑物四周", "处三年以上七年以下有期徒刑",
    "行政拘留十日", "二十四小时内",
])
def test_not_time_limits(text):
    assert find_time_limits(text) == []


# --- robustness ----------------------------------------------------------------------------

_ALPHABET = list("0123456789０５.,，、；。：（）()￥% \n") + list("零〇一二两三四五六七八九十百千万亿壹贰伍拾佰仟点半第每对的") + [
    "元", "万元", "整", "人民币", "以上", "以下", "以内", "至", "-", "倍", "百分之", "罚款", "处", "并处", "处以",
    "违法所得", "货值金额", "单位", "个人", "直接负责的主管人员", "不超过", "不足", "日", "天", "个", "月", "年",
    "工作日", "内", "周", "岁", "拘留", "数额为",
]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(_ALPHABET), max_size=40).map("".join))
def test_never_raises_and_spans_stay_inside(text):
    for found in (find_amounts(text), find_fines(text), find_time_limits(text)):
        for item in found:
            assert 0 <= item.start < item.end <= len(text)
    starts = [f.start for f in find_fines(text)]
    assert starts == sorted(starts)
    for a in find_amounts(text):
        written = text[a.start:a.end]
        if "元" in written or "￥" in written:
            assert parse_amount(written) == a.value
    parse_amount(text)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=60))
def test_never_raises_on_arbitrary_text(text):
    parse_amount(text)
    find_amounts(text)
    find_fines(text)
    find_time_limits(text)
