from hypothesis import given
from hypothesis import strategies as st

from nlp.normalize import normalize


def test_traditional_and_width_folded():
    n = normalize("第一條　行政機關應當於３０日內作出決定")
    assert n.text == "第一条 行政机关应当于30日内作出决定"


def test_pinyin_gloss_removed_and_offsets_map_back():
    src = "村鎮(zhèn)行政責(zé)任規定"
    n = normalize(src)
    assert n.text == "村镇行政责任规定"
    i = n.text.index("行政")
    s, e = n.span(i, i + 4)
    assert src[s:e] == "行政責(zé)任"


def test_stray_spaces_between_characters_dropped_but_label_space_kept():
    n = normalize("第 五 条 行 政 处 罚 的 设 定")
    assert n.text == "第五条 行政处罚的设定"


def test_zero_width_and_double_spaces():
    n = normalize("第一章\u200b  总则")
    assert n.text == "第一章 总则"


def test_latin_in_parentheses_not_a_gloss_when_uppercase_or_digits():
    assert normalize("细颗粒物（PM2.5）").text == "细颗粒物（PM2.5）"


@given(st.text(alphabet="第一二三条章款项 　\n(zhèn)（）鎮責行政处罚ab1２", max_size=60))
def test_every_normalised_offset_maps_inside_the_original(s):
    n = normalize(s)
    for i in range(len(n.text)):
        o = n.to_orig(i)
        assert 0 <= o < len(s)
        assert n.from_orig(o) == i  # the two maps are inverse on kept characters
        if not n.text[i].isspace():
            # each kept character is the folded form of the original character it maps to
            assert normalize(s[o]).text == n.text[i]
    for i in range(len(n.text)):
        for j in range(i + 1, min(len(n.text), i + 5) + 1):
            a, b = n.span(i, j)
            assert 0 <= a < b <= len(s)


def test_norm_slice_of_an_original_span():
    src = "第一條　村鎮(zhèn)規劃"
    n = normalize(src)
    start = src.index("村")
    assert n.norm_slice(start, len(src)) == "村镇规划"
    assert n.norm_slice(0, src.index("村")) == "第一条 "


def test_simplified_text_is_left_alone_by_the_phrase_table():
    """OpenCC's phrase table turns 坏土 into 坯土; a line already simplified must come out unchanged,
    while a traditional line still converts (same length, offsets kept)."""
    from nlp.normalize import to_simplified

    assert to_simplified("非法占用、破坏土地的，责令改正") == "非法占用、破坏土地的，责令改正"
    assert to_simplified("第十二條 破壞土地者\n破坏土地的") == "第十二条 破坏土地者\n破坏土地的"
    assert normalize("破坏土地").text == "破坏土地"
