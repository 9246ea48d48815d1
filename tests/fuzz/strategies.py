"""Hypothesis strategies biased toward Chinese normative text, and a reference numeral writer.

Random unicode alone almost never spells 第十二条第二款 or 〔2021〕12号, so texts are built from
the pieces the parsers look for (labels, 《titles》, 文号, dates, amounts, fine ranges, time
limits), their traditional/full-width/spaced variants, and noise (zero-width characters,
\u3000, stray newlines, emoji, arbitrary surrogate-free text, very long digit runs).
"""
from __future__ import annotations

import os

from hypothesis import settings
from hypothesis import strategies as st

PROFILE = "normscope-fuzz"  # registered in tests/fuzz/conftest.py
LONG_RUN = bool(os.environ.get("NORMSCOPE_FUZZ_EXAMPLES"))


def fuzz(weight: float = 1.0) -> settings:
    """The fuzz profile, with ``weight`` times its example count in CI (cheap targets get more).

    A long campaign (NORMSCOPE_FUZZ_EXAMPLES=N) runs N examples for every target.
    """
    profile = settings.get_profile(PROFILE)
    if LONG_RUN:
        return profile
    return settings(profile, max_examples=max(5, int(profile.max_examples * weight)))


# --- a reference int → Chinese numeral writer (independent of nlp.numbers) -----------------------

LOWER = ("零一二三四五六七八九", "十百千", "万")
UPPER = ("零壹贰叁肆伍陆柒捌玖", "拾佰仟", "万")  # 大写, as on 罚款 amounts
TRADITIONAL = ("零一二三四五六七八九", "十百千", "萬")


def _section(n: int, digits: str, units: str, leading: bool, yishi: bool) -> str:
    """1..9999 as 千百十个 with one 零 for each run of inner zeros; no trailing 零."""
    out: list[str] = []
    zero = False
    for value, unit in ((1000, units[2]), (100, units[1]), (10, units[0]), (1, "")):
        d = n // value % 10
        if d == 0:
            zero = zero or bool(out)
            continue
        if zero:
            out.append(digits[0])
            zero = False
        if unit == units[0] and d == 1 and leading and not out and not yishi:
            out.append(unit)  # 十二, not 一十二, at the head of a number
        else:
            out.append(digits[d] + unit)
    return "".join(out)


def to_chinese(n: int, style: tuple[str, str, str] = LOWER, *, yishi: bool = False, liang: bool = False,
               bare_ten_after_zero: bool = False) -> str:
    """0..99,999,999 as written: 一千零五, 十二, 二十万零三百, 一万零一十 (or 一万零十), 两千."""
    if not 0 <= n < 100_000_000:
        raise ValueError(n)
    digits, units, wan = style
    if n == 0:
        return digits[0]
    high, low = divmod(n, 10_000)
    s = ""
    if high:
        s = _section(high, digits, units, True, yishi) + wan
    if low:
        if high and low < 1000:
            s += digits[0]
        s += _section(low, digits, units, not high, yishi)
    if liang and s[0] == digits[2] and s[1:2] in (units[1], units[2], wan):
        s = "两" + s[1:]
    if bare_ten_after_zero:
        s = s.replace(digits[0] + digits[1] + units[0], digits[0] + units[0])
    return s


def positional(n: int, zero: str = "〇") -> str:
    """二〇二一: digit by digit, as years are written."""
    return "".join(zero if c == "0" else LOWER[0][int(c)] for c in str(n))


FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@st.composite
def numerals(draw, lo: int = 0, hi: int = 99_999_999) -> tuple[int, str]:
    """(n, n written in one of the ways documents write it)."""
    n = draw(st.integers(lo, hi))
    kind = draw(st.sampled_from(["lower", "yishi", "liang", "upper", "trad", "zero_ten", "arabic", "full"]))
    if kind == "arabic":
        return n, str(n)
    if kind == "full":
        return n, str(n).translate(FULLWIDTH)
    if kind == "upper":
        return n, to_chinese(n, UPPER, yishi=True)
    if kind == "trad":
        return n, to_chinese(n, TRADITIONAL)
    return n, to_chinese(n, yishi=kind == "yishi", liang=kind == "liang", bare_ten_after_zero=kind == "zero_ten")


def _small_cn(lo: int = 1, hi: int = 30):
    return st.integers(lo, hi).map(to_chinese)


def _any_number(lo: int = 1, hi: int = 300):
    return numerals(lo, hi).map(lambda p: p[1])


# --- pieces of normative text ----------------------------------------------------------------

STRUCTURE = [
    "第一条", "第十二条", "第一百零五条之一", "第12条", "第１２条", "第十二條", "第 三 条", "第二款", "第（三）项",
    "第三项", "（一）", "(二)", "（十二）", "1.", "１、", "（1）", "2．", "第一章 总则", "第二节　细则", "第一编",
    "第二分编", "## 第三章 法律责任", "第四章法律责任", "总则", "附则", "序言", "附录", "目录", "目　录", "附件：",
    "附件1", "附 件", "一、", "二、证据的交换", "三．质证", "<!-- INFO END -->", "（此件公开发布）", "抄送：",
    "临江市人民政府", "临江市城市管理局", "市长　张某某", "第五条规定的", "第十条之一", "第十条之", "之一",
]
CITATION = [
    "《中华人民共和国行政处罚法》", "《城市绿化条例》", "《国务院关于〈城市绿化条例〉的批复》",
    "《关于《某某办法》的通知》", "《", "》", "〈", "〉", "《》", "《《", "》》", "《行政许可法》第十二条第二款第（三）项",
    "《中华人民共和国矿山安全法实施条例》（以下简称实施条例）", "（以下简称《办法》）", "专利法第十一条",
    "本法第五条", "本办法第三条", "本条例", "前款", "前两款", "前款第（一）项", "本款", "本条第二款", "第十条至第十五条",
    "第一条、第二条和第五条", "第十条第一款、第二款", "第（一）项至第（三）项", "根据", "依据", "按照", "依照",
    "制定本办法", "特制定", "结合本市实际，制定本办法", "的规定", "违反", "《许可证》", "《行政处罚决定书》",
    "《关于印发〈某某〉的通知》（国办发〔2018〕37号）", "第十二条第二款", "第1条第2款第(3)项",
]
DOC_NUMBER = [
    "国办发〔2018〕37号", "〔2021〕12号", "[2021]第3号", "临政发(2023)12号", "临政发（2023）12号", "［2020］5号",
    "【2019】1号", "国务院令第699号", "临江市人民政府令第12号", "第12号", "〔2021〕", "〔20211〕1号", "〔1899〕1号",
]
DATES = [
    "二〇二一年十二月三日", "2021年2月30日", "2023年5月6日", "2023-05-06", "2023.5.6", "2023/5/6", "一九九九年十月一日",
    "二〇二一年二月三十日", "2021年13月1日", "2021 年 1 月 22 日", "二O二一年一月一日", "２０２１年１月１日",
    "自2023年5月1日起施行", "自公布之日起施行", "自印发之日起施行", "有效期五年", "有效期至2028年4月30日",
    "有效期为3年", "有效期为两年", "有效期半年", "有效期十八个月", "通过", "修正", "修订", "印发", "发布", "公布", "施行",
    "经市人民政府第12次常务会议通过，现予公布", "第十三届全国人民代表大会常务委员会", "年", "月", "日",
]
AMOUNTS = [
    "罚款", "处五千元以上五万元以下罚款", "违法所得一倍以上五倍以下", "并处", "处以", "人民币伍万元整（￥50,000.00）",
    "1.5万元", "一点五万元", "百分之五十", "千分之三", "5%", "５０％", "十五个工作日", "三十日内", "六个月", "半年",
    "十八周岁", "拘留", "五日以上十日以下拘留", "每立方米五百元", "不超过三万元", "最高不超过", "对单位", "对个人",
    "直接负责的主管人员和其他直接责任人员", "货值金额", "等值以下的罚款", "的罚款", "元", "万元", "倍", "以上", "以下",
    "以内", "至", "-", "～", "￥", "¥", "整", "50,000", "138 000", "一万至五万元", "一至三倍", "五千至一万元",
    "处违法所得三倍以上五倍以下的罚款", "三个工作日内", "两周内", "五个星期", "一年度", "二〇二三年",
]
NOISE = [
    "\n", "\n", "\n\n", "\r\n", "\r", " ", "  ", "　", "\u3000\u3000", "\t", "\u200b", "\u200d", "\ufeff", "\u00ad",
    "\u2060", "\u00a0", "(zhèn)", "（ｚｈｅｎ）", "(zhen4)", "鎮", "規劃", "條例", "罰款", "處", "，", "。", "；", "：",
    "、", "的", "和", "或者", "😀", "👨\u200d👩\u200d👧", "\U0001F600", "\x00", "\x1a", "\x0c", "\ufffd", "#", "> ",
    "- ", "* ", "　　", "…", "——", "\u2028", "\u0085", "ﬀ", "Ⅻ", "²", "١٢", "𝟙𝟚",
]
SENTENCES = [
    "为了规范管理，制定本办法", "本办法适用于本市行政区域", "有下列情形之一的，不得占用绿地", "擅自砍伐树木的",
    "由市城市管理部门负责管护", "违反本办法规定的，由有关部门责令改正", "本办法自发布之日起施行",
    "当事人对行政处罚决定不服的，可以依法申请行政复议或者提起行政诉讼", "具体办法由市人民政府另行制定",
]


@st.composite
def article_label(draw) -> str:
    """第十二条 / 第12条 / 第十二條 / 第 一百零五 条之一 / 第１２条."""
    n = draw(_any_number(1, 1200))
    spaced = draw(st.sampled_from(["", "", " ", "\u3000"]))
    word = draw(st.sampled_from(["条", "条", "條", "款", "项"]))
    sub = draw(st.sampled_from(["", "", "", "之一", "之二", "之十"]))
    return f"第{spaced}{n}{spaced}{word}{sub}"


@st.composite
def heading(draw) -> str:
    n = draw(_any_number(1, 40))
    level = draw(st.sampled_from(["编", "分编", "章", "章", "节"]))
    title = draw(st.sampled_from(["总则", "法律责任", "附则", "规划与建设", "监督检查", ""]))
    lead = draw(st.sampled_from(["", "", "## ", "# ", "> ", "\u3000\u3000"]))
    return f"{lead}第{n}{level}{draw(st.sampled_from(['', ' ', '　']))}{title}"


@st.composite
def citation(draw) -> str:
    """《title》 + an article chain, a bare title, an internal reference or a 文号."""
    title = draw(st.sampled_from([
        "《中华人民共和国行政处罚法》", "《城市绿化条例》", "《国务院关于〈城市绿化条例〉的批复》", "专利法", "本法",
        "本办法", "前款", "《关于《甲》的通知》", "《" + draw(st.text(max_size=8)) + "》", "",
    ]))
    chain = []
    for _ in range(draw(st.integers(0, 3))):
        part = draw(st.sampled_from(["art", "par", "item", "sub"]))
        if part == "art":
            chain.append(f"第{draw(_any_number(1, 400))}条")
        elif part == "par":
            chain.append(f"第{draw(_small_cn(1, 9))}款")
        elif part == "item":
            chain.append(draw(st.sampled_from(["第（{}）项", "（{}）", "第{}项", "第({})项"])).format(draw(_small_cn(1, 15))))
        else:
            chain.append(f"之{draw(_small_cn(1, 5))}")
        if draw(st.booleans()):
            chain.append(draw(st.sampled_from(["、", "，", "和", "及", "至", "到", "或者", "-", "—", "～", " "])))
    return title + "".join(chain)


@st.composite
def doc_number(draw) -> str:
    org = draw(st.sampled_from(["国办发", "临政发", "国发", "临江市城市管理局", "", "发", "鎮政發"]))
    year = draw(st.sampled_from([str(y) for y in (1899, 1900, 1999, 2018, 2021, 2099, 2100)]) | st.integers(0, 99999).map(str))
    n = draw(st.integers(0, 999_999))
    o, c = draw(st.sampled_from(["〔〕", "[]", "［］", "()", "（）", "【】", "〔)", "(〕"]))
    return f"{org}{o}{year}{c}{draw(st.sampled_from(['', '第', ' 第 ']))}{n}号"


@st.composite
def date_text(draw) -> str:
    """A date in any style, valid or not (2月30日, 13月): parse_date must cope."""
    y = draw(st.integers(1890, 2110))
    m = draw(st.integers(0, 14))
    d = draw(st.integers(0, 33))
    style = draw(st.sampled_from(["cn", "arabic", "dash", "dot", "slash", "spaced"]))
    if style == "cn":
        return f"{positional(y, draw(st.sampled_from(['〇', '零', 'O', '○'])))}年{to_chinese(m)}月{to_chinese(d)}日"
    if style == "arabic":
        return f"{y}年{m}月{d}日"
    if style == "spaced":
        return f"{y} 年 {m} 月 {d} 日"
    sep = {"dash": "-", "dot": ".", "slash": "/"}[style]
    return f"{y}{sep}{m:02d}{sep}{d:02d}"


@st.composite
def amount_text(draw) -> str:
    """五千元, 1.5万元, a fine range 处A元以上B元以下罚款, a multiple, a time limit."""
    a = draw(_any_number(0, 99_999_999))
    b = draw(_any_number(0, 99_999_999))
    unit = draw(st.sampled_from(["元", "万元", "倍", "个工作日", "日", "个月", "年", "天", "周"]))
    form = draw(st.sampled_from([
        "{a}{u}", "处{a}{u}以上{b}{u}以下罚款", "处{a}至{b}{u}罚款", "{a}{u}以下", "不超过{a}{u}",
        "违法所得{a}倍以上{b}倍以下的罚款", "{a}{u}内", "百分之{a}", "人民币{a}元整（￥{b}）", "每{a}平方米{b}元",
        "{a}.{b}万元", "{a}点{b}万元", "对单位处{a}元以上{b}元以下罚款、对个人处{a}元罚款",
    ]))
    return form.format(a=a, b=b, u=unit)


def long_run() -> st.SearchStrategy[str]:
    """Very long runs of digits or numeral characters, alone or as a label: 第999…9条."""
    return st.builds(
        lambda ch, k, wrap: wrap.format(ch * k),
        st.sampled_from(["9", "1", "０", "一", "九", "十", "百", "万", "亿", "零", "〇", "之一"]),
        st.integers(20, 5000),
        st.sampled_from(["{}", "第{}条", "第{}章", "（{}）", "第{}款", "{}元", "{}倍", "{}年", "有效期{}年",
                         "第一条之{}", "〔2021〕{}号", "{}年1月1日", "依照本法第{}条"]),
    )


def free_text(max_size: int = 12) -> st.SearchStrategy[str]:
    """Arbitrary surrogate-free text, sometimes restricted to CJK and punctuation."""
    return st.text(max_size=max_size) | st.text(
        alphabet=st.characters(min_codepoint=0x3000, max_codepoint=0x9FFF), max_size=max_size)


def piece() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(STRUCTURE), st.sampled_from(CITATION), st.sampled_from(DOC_NUMBER), st.sampled_from(DATES),
        st.sampled_from(AMOUNTS), st.sampled_from(NOISE), st.sampled_from(NOISE), st.sampled_from(SENTENCES),
        article_label(), heading(), citation(), doc_number(), date_text(), amount_text(), free_text(),
    )


def lines_text(max_lines: int = 12, max_pieces: int = 8) -> st.SearchStrategy[str]:
    """Lines of domain pieces; a line starts with a label more often than not."""
    line = st.tuples(
        st.sampled_from(["", "", "", "\u3000\u3000", " ", "## "]),
        st.one_of(article_label(), heading(), st.sampled_from(STRUCTURE), st.just("")),
        st.lists(piece(), max_size=max_pieces),
    ).map(lambda t: t[0] + t[1] + "".join(t[2]))
    sep = st.sampled_from(["\n", "\n", "\n", "\n\n", "\r\n", "\n\u3000\u3000", "\n \n"])
    return st.tuples(st.lists(line, max_size=max_lines), sep).map(lambda t: t[1].join(t[0]))


def domain_text() -> st.SearchStrategy[str]:
    """The text every parser is fuzzed with: structured lines, loose pieces, or a long run inside them."""
    loose = st.lists(piece(), max_size=30).map("".join)
    with_run = st.tuples(lines_text(6, 4), long_run(), lines_text(4, 4)).map(lambda t: "\n".join(t))
    return st.one_of(lines_text(), lines_text(), loose, with_run, st.text(max_size=60))


@st.composite
def clean_law(draw) -> tuple[str, list[tuple[int, int]]]:
    """A well-formed law in some numbering style, and the (number, sub) of each article in it."""
    style = draw(st.sampled_from(["cn", "arabic", "full", "trad", "spaced"]))

    def label(n: int, sub: int) -> str:
        num = {"arabic": str(n), "full": str(n).translate(FULLWIDTH)}.get(style, to_chinese(n))
        word = "條" if style == "trad" else "条"
        gap = " " if style == "spaced" else ""
        return f"第{gap}{num}{gap}{word}" + (f"之{to_chinese(sub)}" if sub else "")

    sep = draw(st.sampled_from([" ", "\u3000", "\u3000\u3000", "\n"]))
    indent = draw(st.sampled_from(["", "", "\u3000\u3000", "  ", "\t"]))
    zero_width = draw(st.sampled_from(["", "", "\u200b", "\ufeff", "\u00ad"]))
    lines = [draw(st.sampled_from(["临江市城市绿化管理办法", "中华人民共和国某某法", "臨江市城市綠化管理辦法", ""]))]
    keys: list[tuple[int, int]] = []
    n = draw(st.integers(1, 5))
    for chapter in range(1, draw(st.integers(1, 4)) + 1):
        if draw(st.booleans()):
            lines.append(f"第{to_chinese(chapter)}章　{draw(st.sampled_from(['总则', '管理', '法律责任']))}")
        for _ in range(draw(st.integers(1, 4))):
            subs = [0] + list(range(1, draw(st.integers(0, 2)) + 1))
            for sub in subs:
                keys.append((n, sub))
                written = label(n, sub)
                cut = draw(st.integers(1, len(written) - 1))  # noise inside the label: 第十\u200b二条
                lines.append(indent + written[:cut] + zero_width + written[cut:] + sep
                             + draw(st.sampled_from(SENTENCES)) + "。")
                for i in range(1, draw(st.integers(0, 3)) + 1):
                    lines.append(f"（{to_chinese(i)}）{draw(st.sampled_from(SENTENCES))}；")
                if draw(st.booleans()):
                    lines.append("\u3000\u3000" + draw(st.sampled_from(SENTENCES)) + "。")
            n += 1
    return draw(st.sampled_from(["\n", "\r\n", "\n\n"])).join(lines), keys
