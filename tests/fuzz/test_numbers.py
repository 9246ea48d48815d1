"""Numerals, dates, periods, amounts, fines and time limits (nlp/numbers.py) under fuzzing."""
from __future__ import annotations

import time
from datetime import date

from hypothesis import example, given
from hypothesis import strategies as st

from nlp.numbers import (
    Amount, Fine, TimeLimit, add_period, cn_to_int, find_amounts, find_fines, find_time_limits, parse_amount,
    parse_date, parse_period,
)
from tests.fuzz.strategies import (
    FULLWIDTH, LOWER, TRADITIONAL, UPPER, amount_text, date_text, domain_text, fuzz, long_run, numerals, positional,
    to_chinese,
)

INT64 = 2**63 - 1  # what the store's INTEGER columns hold


def test_reference_writer():
    assert [to_chinese(n) for n in (0, 10, 12, 105, 1005, 1010, 20000, 200300, 100010)] == [
        "零", "十", "十二", "一百零五", "一千零五", "一千零一十", "二万", "二十万零三百", "十万零一十"]
    assert to_chinese(2000, liang=True) == "两千"
    assert to_chinese(10010, bare_ten_after_zero=True) == "一万零十"
    assert to_chinese(25_0000, UPPER, yishi=True) == "贰拾伍万"


@fuzz(10)
@given(numerals())
@example((10010, "一万零十"))
@example((2010, "两千零十"))
@example((100010, "十万零十"))
def test_cn_to_int_round_trips(pair):
    n, written = pair
    assert cn_to_int(written) == n


@fuzz(5)
@given(st.integers(0, 10**12), st.sampled_from(["〇", "零", "○"]))
def test_cn_to_int_positional(n, zero):
    assert cn_to_int(positional(n, zero)) == n
    assert cn_to_int(str(n).translate(FULLWIDTH)) == n


@fuzz(2)
@given(domain_text() | long_run() | st.text(alphabet="".join(LOWER[0] + LOWER[1] + UPPER[0] + UPPER[1] + TRADITIONAL[2])
                                            + "万亿億两〇○0123456789 ", max_size=40))
@example("9" * 5000)
@example("一" * 5000)
@example("亿" * 40)
def test_cn_to_int_never_raises_and_fits_a_store_integer(s):
    n = cn_to_int(s)
    assert n is None or (isinstance(n, int) and 0 <= n <= INT64)


@fuzz(5)
@given(st.dates(date(1900, 1, 1), date(2099, 12, 31)),
       st.sampled_from(["cn", "cn0", "arabic", "dash", "dot", "slash", "spaced", "padded"]))
def test_parse_date_reads_every_style(d, style):
    written = {
        "cn": f"{positional(d.year)}年{to_chinese(d.month)}月{to_chinese(d.day)}日",
        "cn0": f"{positional(d.year, '零')}年{to_chinese(d.month)}月{to_chinese(d.day)}日",
        "arabic": f"{d.year}年{d.month}月{d.day}日",
        "spaced": f"{d.year} 年 {d.month} 月 {d.day} 日",
        "dash": f"{d.year}-{d.month:02d}-{d.day:02d}",
        "dot": f"{d.year}.{d.month}.{d.day}",
        "slash": f"{d.year}/{d.month}/{d.day}",
        "padded": f"{d.year}年{d.month:02d}月{d.day:02d}日",
    }[style]
    assert parse_date(written) == d
    assert parse_date(f"于{written}通过") == d


@fuzz(2)
@given(date_text() | domain_text())
@example("2021年2月30日")
@example("二〇二一年二月三十日")
@example("2021年13月1日")
@example("1899年1月1日")
def test_parse_date_returns_none_or_a_valid_date(s):
    d = parse_date(s)
    assert d is None or isinstance(d, date)


@fuzz(2)
@given(domain_text() | long_run())
@example("有效期99999年")
@example("9" * 5000 + "年")
def test_parse_period_never_raises(s):
    found = parse_period(s)
    if found is not None:
        count, unit = found
        assert isinstance(count, int) and count >= 0 and unit in ("年", "月", "日")


def test_parse_period_is_linear_in_a_long_numeral_run():
    start = time.perf_counter()
    assert parse_period("9" * 100_000) is None and parse_period("一" * 100_000 + "x年") is None
    assert parse_period("一" * 30 + "年") is None  # more than any count
    assert time.perf_counter() - start < 2  # was about 11 s for 20,000 characters


@fuzz(5)
@given(numerals(1, 500), st.sampled_from(["年", "个月", "月", "日", "天", "周", "个周"]))
def test_parse_period_round_trips(pair, unit):
    n, written = pair
    factor, expected_unit = {"年": (1, "年"), "个月": (1, "月"), "月": (1, "月"), "日": (1, "日"), "天": (1, "日"),
                             "周": (7, "日"), "个周": (7, "日")}[unit]
    assert parse_period(f"有效期{written}{unit}") == (n * factor, expected_unit)


@fuzz(5)
@given(st.dates(), st.integers(-(10**30), 10**30), st.sampled_from(["年", "月", "日"]))
@example(date(2021, 1, 1), 99999, "年")
@example(date(2021, 1, 1), 10**20, "日")
@example(date.min, 0, "日")
@example(date.max, 1, "年")
@example(date(1, 1, 1), -1, "年")
def test_add_period_never_raises(start, count, unit):
    end = add_period(start, count, unit)
    assert isinstance(end, date)
    if count >= 1:
        assert end >= start


@fuzz(5)
@given(st.dates(date(1900, 1, 1), date(2099, 12, 31)), st.integers(1, 100), st.sampled_from(["年", "月", "日"]))
def test_add_period_ends_the_day_before_the_anniversary(start, count, unit):
    end = add_period(start, count, unit)
    if unit == "日":
        assert (end - start).days == count - 1
    else:
        months = count * (12 if unit == "年" else 1)
        y, m = divmod(start.month - 1 + months, 12)
        # the day after the period is the anniversary, or the 1st of the month after a short month
        after = date.fromordinal(end.toordinal() + 1)
        assert (after.year, after.month) in ((start.year + y, m + 1), (start.year + y + (m + 1) // 12, (m + 1) % 12 + 1))


def _check_spans(text: str, found: list) -> None:
    for item in found:
        assert 0 <= item.start < item.end <= len(text), (item, len(text))


@fuzz(3)
@given(domain_text() | amount_text() | long_run())
@example("百分之九" + "亿" * 30 + "九")
@example("九" + "亿" * 38 + "元")
def test_amounts_fines_and_time_limits(text):
    amounts, fines, limits = find_amounts(text), find_fines(text), find_time_limits(text)
    assert all(isinstance(a, Amount) for a in amounts)
    _check_spans(text, amounts)
    _check_spans(text, fines)
    _check_spans(text, limits)
    assert [f.start for f in fines] == sorted(f.start for f in fines)
    for f in fines:
        assert isinstance(f, Fine) and (f.min is not None or f.max is not None)
    for t in limits:
        assert isinstance(t, TimeLimit) and t.count > 0 and t.unit in ("年", "月", "日")
    for a in amounts:
        assert a.value >= 0
        written = text[a.start:a.end]
        if "元" in written or "圆" in written:
            assert parse_amount(written) == a.value, written
    parse_amount(text)


@fuzz(5)
@given(numerals(0, 99_999_999), st.sampled_from(["元", "圆", "元整"]), st.sampled_from(["", "人民币", "￥"]))
def test_amount_round_trips(pair, unit, prefix):
    n, written = pair
    text = f"{prefix}{written}{unit}"
    assert parse_amount(text) == n
    assert find_amounts(f"处{text}罚款") == [Amount(n, 1, 1 + len(text))]


@fuzz(5)
@given(st.one_of(
    st.tuples(numerals(1, 9_999_999), numerals(1, 9_999_999), st.just(("处", "元以上", "元以下罚款", "fixed"))),
    st.tuples(numerals(1, 99), numerals(1, 99), st.just(("处违法所得", "倍以上", "倍以下的罚款", "违法所得")))))
def test_fine_range_round_trips(case):
    """A fixed range (五千元以上五万元以下) and a multiple (违法所得一倍以上五倍以下) read back exactly."""
    low, high, (lead, above, below, basis) = case
    text = f"{lead}{low[1]}{above}{high[1]}{below}"
    [fine] = find_fines(text)
    assert (fine.min, fine.max, fine.basis) == (low[0], high[0], basis)
    if basis == "fixed":
        assert text[fine.start:fine.end] == f"{low[1]}元以上{high[1]}元以下"


@fuzz(5)
@given(numerals(1, 999), st.sampled_from(["日", "个工作日", "个月", "天", "年"]), st.sampled_from(["内", "以内", ""]))
def test_time_limit_round_trips(pair, unit, within):
    n, written = pair
    if unit == "年" and written.isdecimal() and len(written) >= 3:
        return  # 100年 reads as a calendar year
    text = f"应当在{written}{unit}{within}作出决定"
    expected = TimeLimit(n, {"个工作日": "日", "个月": "月", "天": "日"}.get(unit, unit), unit == "个工作日",
                         3, 3 + len(written) + len(unit) + len(within))
    assert find_time_limits(text) == [expected]
