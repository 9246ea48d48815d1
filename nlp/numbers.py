"""Chinese numerals and dates: the one place that turns 一百零二, 贰拾 or 二〇二三年五月六日 into numbers.

Article numbers, amounts and dates all go through here so every stage agrees on them.
"""
from __future__ import annotations

import re
from datetime import date, timedelta

_DIGITS = {
    "零": 0, "〇": 0, "○": 0, "Ｏ": 0, "O": 0,
    "一": 1, "壹": 1, "幺": 1,
    "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3, "叄": 3,
    "四": 4, "肆": 4,
    "五": 5, "伍": 5,
    "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7,
    "八": 8, "捌": 8,
    "九": 9, "玖": 9,
}
_UNITS = {"十": 10, "拾": 10, "什": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_BIG = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}

#: Characters that may appear in a Chinese numeral, for building regexes elsewhere.
NUMERAL_CHARS = "".join(_DIGITS) + "".join(_UNITS) + "".join(_BIG)
_FULLWIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def cn_to_int(s: str) -> int | None:
    """Parse a Chinese or Arabic numeral (一百零二, 102, 一〇二, 贰拾伍万); None if it is not one."""
    s = s.strip().translate(_FULLWIDTH_DIGITS)
    if not s:
        return None
    if s.isdigit():
        return int(s)
    if any(c not in _DIGITS and c not in _UNITS and c not in _BIG for c in s):
        return None
    if not any(c in _UNITS or c in _BIG for c in s):
        # positional form: 一〇二, 二〇二三
        return int("".join(str(_DIGITS[c]) for c in s))
    total, section, digit = 0, 0, None
    for c in s:
        if c in _DIGITS:
            digit = _DIGITS[c]
        elif c in _UNITS:
            section += (1 if digit is None else digit) * _UNITS[c]
            digit = None
        else:
            section += digit or 0
            total = (total + section) * _BIG[c] if _BIG[c] > total else total + section * _BIG[c]
            section, digit = 0, None
    return total + section + (digit or 0)


_CN_NUM = f"[{NUMERAL_CHARS}0-9０-９]"
_YEAR = r"(?P<y>(?:19|20)\d{2}|[一二〇○零Ｏ][〇○零Ｏ一二三四五六七八九]{3})"
_MONTH = r"(?P<m>1[0-2]|0?[1-9]|十[一二]?|[一二三四五六七八九])"
_DAY = r"(?P<d>3[01]|[12]\d|0?[1-9]|三十一?|二十[一二三四五六七八九]?|十[一二三四五六七八九]?|[一二三四五六七八九])"

#: Dates as they appear in documents: 2023年5月6日, 二〇二三年五月六日, 2023-05-06, 2023.5.6, 2023/5/6.
DATE_RE = re.compile(
    rf"{_YEAR}\s*年\s*{_MONTH}\s*月\s*{_DAY}\s*日"
    r"|(?P<y2>(?:19|20)\d{2})\s*[-./]\s*(?P<m2>1[0-2]|0?[1-9])\s*[-./]\s*(?P<d2>3[01]|[12]\d|0?[1-9])(?!\d)"
)


def date_from_match(m: re.Match) -> date | None:
    """Turn a DATE_RE match into a date; None for impossible dates such as 2月30日."""
    if m.group("y2"):
        y, mo, d = int(m.group("y2")), int(m.group("m2")), int(m.group("d2"))
    else:
        y, mo, d = cn_to_int(m.group("y")), cn_to_int(m.group("m")), cn_to_int(m.group("d"))
    try:
        return date(y, mo, d)
    except (TypeError, ValueError):
        return None


def parse_date(s: str) -> date | None:
    """The first date written in ``s``, in any style DATE_RE knows."""
    for m in DATE_RE.finditer(s):
        found = date_from_match(m)
        if found:
            return found
    return None


_PERIOD_RE = re.compile(rf"(?P<n>{_CN_NUM}+|半)\s*(?:个)?\s*(?P<u>年|月|日|天|周)")


def parse_period(s: str) -> tuple[int, str] | None:
    """A period such as 五年, 两年, 6个月, 三十日 → (count, unit) with unit in 年/月/日."""
    m = _PERIOD_RE.search(s)
    if not m:
        return None
    if m.group("n") == "半":
        return (6, "月") if m.group("u") == "年" else None
    n = cn_to_int(m.group("n"))
    if n is None:
        return None
    unit = m.group("u")
    if unit == "天":
        unit = "日"
    if unit == "周":
        return n * 7, "日"
    return n, unit


def add_period(start: date, count: int, unit: str) -> date:
    """The last day of a period of ``count`` years/months/days beginning on ``start``."""
    if unit == "日":
        return start + timedelta(days=count - 1)
    months = count * 12 if unit == "年" else count
    y, m = divmod(start.month - 1 + months, 12)
    year, month = start.year + y, m + 1
    try:
        anniversary = date(year, month, start.day)
    except ValueError:  # 31 Jan + 1 month: the period runs to the month's last day
        anniversary = date(year + month // 12, month % 12 + 1, 1)
    return anniversary - timedelta(days=1)
