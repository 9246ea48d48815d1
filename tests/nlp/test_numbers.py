from datetime import date

import pytest

from nlp.numbers import add_period, cn_to_int, parse_date, parse_period


@pytest.mark.parametrize("text,value", [
    ("一", 1), ("十", 10), ("十二", 12), ("二十", 20), ("一百零二", 102), ("一百一十", 110),
    ("二百五十六", 256), ("一千零一", 1001), ("三千二百", 3200), ("一万", 10_000), ("十万", 100_000),
    ("二十万", 200_000), ("一百万", 1_000_000), ("十万零五百", 100_500), ("壹万伍仟", 15_000),
    ("贰拾", 20), ("伍万", 50_000), ("两千", 2000), ("一亿二千万", 120_000_000),
    ("102", 102), ("１０２", 102), ("一〇二", 102), ("二〇二三", 2023), ("零", 0),
])
def test_cn_to_int(text, value):
    assert cn_to_int(text) == value


@pytest.mark.parametrize("text", ["", "第", "abc", "一条"])
def test_cn_to_int_rejects(text):
    assert cn_to_int(text) is None


@pytest.mark.parametrize("text,value", [
    ("2023年5月6日", date(2023, 5, 6)),
    ("二〇二三年五月六日", date(2023, 5, 6)),
    ("二○二三年十二月三十一日", date(2023, 12, 31)),
    ("2023-05-06", date(2023, 5, 6)),
    ("2023.5.6", date(2023, 5, 6)),
    ("2023/5/6", date(2023, 5, 6)),
    ("于2021年 1月 22日通过", date(2021, 1, 22)),
    ("一九九六年三月十七日", date(1996, 3, 17)),
])
def test_parse_date(text, value):
    assert parse_date(text) == value


def test_parse_date_rejects_impossible_and_masked():
    assert parse_date("2023年2月30日") is None
    assert parse_date("**年**月**日") is None


@pytest.mark.parametrize("text,value", [
    ("有效期五年", (5, "年")), ("两年", (2, "年")), ("6个月", (6, "月")), ("三十日", (30, "日")),
    ("半年", (6, "月")), ("十五天", (15, "日")),
])
def test_parse_period(text, value):
    assert parse_period(text) == value


def test_add_period_ends_the_day_before_the_anniversary():
    assert add_period(date(2023, 5, 1), 5, "年") == date(2028, 4, 30)
    assert add_period(date(2024, 2, 29), 1, "年") == date(2025, 2, 28)
    assert add_period(date(2023, 1, 31), 1, "月") == date(2023, 2, 28)
    assert add_period(date(2023, 1, 1), 30, "日") == date(2023, 1, 30)
