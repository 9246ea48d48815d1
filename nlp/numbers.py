"""Chinese numerals and dates: the one place that turns 一百零二, 贰拾 or 二〇二三年五月六日 into numbers.

Article numbers, amounts (五千元, 1.5万元, 伍万元整), fine ranges, time limits and dates all go
through here so every stage agrees on them.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, replace
from datetime import MAXYEAR, MINYEAR, date, timedelta
from fractions import Fraction

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
# No article, paragraph, item or year number is larger; the store keeps them as SQLite INTEGER.
_MAX_COUNT = 2**63 - 1
_MAX_COUNT_CHARS = 40  # longer runs are no number, and int() refuses over 4300 digits


def cn_to_int(s: str) -> int | None:
    """Parse a Chinese or Arabic numeral (一百零二, 102, 一〇二, 贰拾伍万); None if it is not one.

    Numbers above 2**63 - 1 (第99999999999999999999条) are None too: no document counts that far.
    """
    s = s.strip().translate(_FULLWIDTH_DIGITS)
    if not s or len(s) > _MAX_COUNT_CHARS:
        return None
    if s.isdecimal():  # not isdigit: "²" is a digit that int() rejects
        n = int(s)
    elif any(c not in _DIGITS and c not in _UNITS and c not in _BIG for c in s):
        return None
    elif not any(c in _UNITS or c in _BIG for c in s):
        # positional form: 一〇二, 二〇二三
        n = int("".join(str(_DIGITS[c]) for c in s))
    else:
        n = _accumulate(list(s))
    return n if n <= _MAX_COUNT else None


def _accumulate(tokens: list[str]) -> int | Fraction:
    """Sum digits times 十/百/千 within a section and sections times 万/亿; a token may be 1.5 or 100.

    Shared by cn_to_int and amounts so that 二十五万 and 25万 come out of the same arithmetic.
    """
    total, section, digit = 0, 0, None
    for t in tokens:
        if t in _UNITS:
            section += (digit or 1) * _UNITS[t]  # 十二, and 一万零十 as 一万零一十
            digit = None
        elif t in _BIG:
            section += digit or 0
            total = (total + section) * _BIG[t] if _BIG[t] > total else total + section * _BIG[t]
            section, digit = 0, None
        else:
            digit = _DIGITS[t] if t in _DIGITS else (Fraction(t) if "." in t else int(t))
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


# A count starts where its numeral run starts: tried at every digit of a long run, search is quadratic.
_PERIOD_RE = re.compile(rf"(?P<n>(?<!{_CN_NUM}){_CN_NUM}+|半)\s*(?:个)?\s*(?P<u>年|月|日|天|周)")


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
    """The last day of a period of ``count`` years/months/days beginning on ``start``.

    A period that runs past the calendar (有效期99999年) ends on ``date.max``.
    """
    try:
        if unit == "日":
            return start + timedelta(days=count - 1)
        months = count * 12 if unit == "年" else count
        y, m = divmod(start.month - 1 + months, 12)
        year, month = start.year + y, m + 1
        if year > MAXYEAR:
            return date.max
        if year < MINYEAR:
            return date.min
        try:
            anniversary = date(year, month, start.day)
        except ValueError:  # 31 Jan + 1 month: the period runs to the month's last day
            anniversary = date(year + month // 12, month % 12 + 1, 1)
        return anniversary - timedelta(days=1)
    except OverflowError:  # more days than timedelta holds, or before 1 January of year 1
        return date.max if count > 0 else date.min


# --- amounts -------------------------------------------------------------------------------

# Latin O is a zero in OCR'd dates (cn_to_int keeps it) but a letter in running prose.
_CN = NUMERAL_CHARS.replace("O", "")
_CN_DIGITS = "".join(c for c in _DIGITS if c != "O")
_ARABIC = r"[0-9０-９]+(?:[, ][0-9]{3}(?![0-9]))*(?:[.．][0-9０-９]+)?"  # 50,000 and 138 000
# One written number, maximal on both sides so 十五 is never read as 五: 5000, 50,000, 1.5万, 一点五万.
# Atomic, because splitting 12345 into 1|2|345 on a failed match is exponential backtracking.
_RUN = (
    rf"(?<![0-9０-９.．{_CN}])(?<![{_CN_DIGITS}]点)"
    rf"(?>(?:{_ARABIC}|[{_CN}])(?:{_ARABIC}|[{_CN}]|点(?=[{_CN_DIGITS}]))*)"
)
_LONE_ARABIC = rf"(?<![0-9０-９.．])(?>{_ARABIC})"  # 50%, ￥50,000.00
_NUMBER_TOKEN_RE = re.compile(rf"[0-9]+(?:\.[0-9]+)?|[{_CN}]")
_CN_DECIMAL_RE = re.compile(rf"([{_CN_DIGITS}十拾百佰千仟]+)点([{_CN_DIGITS}]+)")
_MAX_NUMBER_CHARS = 40  # longer runs are not amounts, and would strain int()/float()
_CNY = r"(?:元|圆)(?![化素])"  # 一元化 is no amount
_RANGE_DASH = r"至|到|[-－—～~]"

_QTY_RE = re.compile(
    rf"(?:人民币\s*)?(?:[￥¥]\s*)?(?P<mnum>{_RUN})\s*{_CNY}(?:整)?(?:人民币)?"
    rf"|[￥¥]\s*(?P<snum>{_LONE_ARABIC})"
    rf"|(?P<tnum>{_RUN})倍"
    rf"|(?P<pbase>[百千万])分之(?P<pnum>{_RUN})"
    rf"|(?P<anum>{_LONE_ARABIC})\s*[%％]"
    r"|(?P<equal>等值|等额)"  # 处货值金额等值以下的罚款: one times the basis
    # 一万至五万元, 一至三倍: the left number borrows its unit from the right one
    rf"|(?P<bnum>{_RUN})(?=\s*(?:以上[、，,]?|{_RANGE_DASH})\s*(?:人民币)?[￥¥]?{_RUN}\s*(?:{_CNY}|倍))"
    # 一万元以上十万以下: the right number borrows from the left one
    rf"|(?:(?<=[元圆]以上)|(?<=[元圆][至到\-－—～~]))(?P<rnum>{_RUN})(?=以下|以内)"
)
# _QTY_RE group → kind; "bare" until _quantities gives it its neighbour's unit
_QTY_KIND = {
    "mnum": "money", "snum": "money", "rnum": "money",
    "tnum": "ratio", "pnum": "ratio", "anum": "ratio", "equal": "ratio", "bnum": "bare",
}
_PCT_BASE = {"百": 100, "千": 1000, "万": 10_000}
_RESTATED_OPEN_RE = re.compile(r"\s*[（(]\s*")
_RESTATED_CLOSE_RE = re.compile(r"\s*[）)]")
_AMOUNT_FULL_RE = re.compile(  # matched against the amount with its whitespace removed
    rf"(?:人民币)?[￥¥]?(?P<num>{_RUN})(?:{_CNY})?(?:整)?(?:人民币)?(?:[（(][^（()）]*[）)])?"
)


@dataclass(frozen=True)
class Amount:
    """A money amount in a text; ``value`` in yuan (int when whole), ``text[start:end]`` as written."""

    value: float
    start: int
    end: int


@dataclass(frozen=True)
class _Qty:
    kind: str  # "money" (yuan) or "ratio" (倍, 百分之…, %)
    value: int | Fraction
    num: str  # the number as written, to tell 一至三万元 from 五千至一万元
    start: int
    end: int


def _number(s: str) -> int | Fraction | None:
    """Exact value of a number mixing Arabic and Chinese numerals (1.5万, 一点五万, 50,000); None if none."""
    s = s.translate(_FULLWIDTH_DIGITS).replace(",", "").replace(" ", "").replace("．", ".")
    if not s or len(s) > _MAX_NUMBER_CHARS:
        return None
    s = _CN_DECIMAL_RE.sub(_cn_decimal_to_arabic, s)
    tokens = _NUMBER_TOKEN_RE.findall(s)
    if "".join(tokens) != s or tokens[0] in _BIG:  # 万元 alone (l万元 from OCR) is no number
        return None
    if len(tokens) > 1 and all(t in _DIGITS for t in tokens):  # 一〇〇
        return int("".join(str(_DIGITS[t]) for t in tokens))
    return _accumulate(tokens)


def _cn_decimal_to_arabic(m: re.Match) -> str:
    """一点五 → 1.5, so the decimal joins the 万/亿 arithmetic like an Arabic one."""
    whole = cn_to_int(m.group(1))
    if whole is None:
        return m.group(0)
    return f"{whole}." + "".join(str(_DIGITS[c]) for c in m.group(2))


def _plain(x: int | Fraction) -> int | float:
    """Whole values as int (exact: 1.1万 is 11000, not 11000.000000000002), others as float."""
    return int(x) if x.denominator == 1 else float(x)


def _qty(m: re.Match) -> _Qty | None:
    """The quantity one _QTY_RE match stands for (百分之五十 is 1/2); None if its number is no number."""
    group = m.lastgroup  # the number's group: every alternative ends with it
    value = 1 if group == "equal" else _number(m[group])
    if value is None:
        return None
    if group == "pnum":
        value = Fraction(value, _PCT_BASE[m["pbase"]])
    elif group == "anum":
        value = Fraction(value, 100)
    return _Qty(_QTY_KIND[group], value, m[group], m.start(), m.end())


def _quantities(text: str) -> list[_Qty]:
    """Every amount and ratio in ``text``; a bare left end of a range takes the unit of its right end."""
    found = [q for q in map(_qty, _QTY_RE.finditer(text)) if q is not None]
    resolved = []
    for q, nxt in zip(found, [*found[1:], None], strict=False):  # the last one has no neighbour
        if q.kind != "bare":
            resolved.append(q)
        elif nxt is not None and nxt.kind != "bare":
            resolved.append(_Qty(nxt.kind, _borrow_scale(q, nxt), q.num, q.start, q.end))
    return resolved


def _borrow_scale(bare: _Qty, right: _Qty) -> int | Fraction:
    """一至三万元 means 一万至三万元, but 五千至一万元 and 50000至10万元 keep their own scale."""
    tail = right.num[-1:]
    if right.kind != "money" or tail not in _BIG or any(c in _UNITS or c in _BIG for c in bare.num):
        return bare.value
    scaled = bare.value * _BIG[tail]
    return scaled if scaled <= right.value else bare.value


def parse_amount(s: str) -> float | None:
    """Yuan value of one written amount (五千元, 1.5万元, 人民币伍万元整（￥50,000.00）, 3.6万); None if not one.

    Whole amounts come back as int, which is exact; only fractions of a yuan are float.
    """
    m = _AMOUNT_FULL_RE.fullmatch("".join(s.split()))
    if not m:
        return None
    value = _number(m["num"])
    return None if value is None else _plain(value)


def find_amounts(text: str) -> list[Amount]:
    """Every money amount in ``text``; 伍万元整（￥50,000.00） is one amount when both say the same."""
    money = [q for q in _quantities(text) if q.kind == "money"]
    amounts: list[Amount] = []
    i = 0
    while i < len(money):
        q, end = money[i], money[i].end
        if i + 1 < len(money) and money[i + 1].value == q.value:
            restated = _restatement_end(text, q.end, money[i + 1])
            if restated is not None:
                end, i = restated, i + 1
        amounts.append(Amount(_plain(q.value), q.start, end))
        i += 1
    return amounts


def _restatement_end(text: str, pos: int, nxt: _Qty) -> int | None:
    """End of ``（nxt）`` when it directly follows ``pos``; None when nxt is not in such brackets."""
    opening = _RESTATED_OPEN_RE.match(text, pos)
    if not opening or opening.end() != nxt.start:
        return None
    closing = _RESTATED_CLOSE_RE.match(text, nxt.end)
    return closing.end() if closing else None


# --- fines ---------------------------------------------------------------------------------

_BETWEEN_RE = re.compile(rf"\s*(?:以上[、，,]?(?:不满)?|{_RANGE_DASH})\s*")  # 一倍以上不满二倍
_UPPER_SUFFIX_RE = re.compile(r"以下|以内")
_LOWER_SUFFIX_RE = re.compile(r"以上")
_MAX_PREFIX_RE = re.compile(r"(?:(?:最高|总额)?(?:不超过|不得超过|不高于)|最高|(?:最高额|限额)为)\s*\Z")
_MIN_PREFIX_RE = re.compile(r"(?:不低于|不少于|最低)\s*\Z")
_PREFIX_WINDOW = 8
# 处五千元以上罚款; …以下的罚款; 以每人五百元的标准处以罚款; but 处以罚款的 is a condition, not a fine
_FINE_AFTER_RE = re.compile(r"的?(?:标准)?(?:行政)?(?:计算|处以?|予以|并处|给予)?罚款(?!的(?!标准))")
_VERB_CHU = r"处(?![罚理分置])"  # 处 that imposes, not 处罚/处理/处分/处置
_DUI = r"对(?![外于此照应象方])"  # 对 that names whom, not 对外贸易, 对于
_TARGET_RE = re.compile(
    rf"{_DUI}(?P<t>[^，,；;。：:处罚对]{{1,40}}?)[，,]?(?:可以|可|应当|依法|分别|一并|并)*(?:{_VERB_CHU}|的?罚款)"
    r"|(?:^|[，,）)])(?P<s>单位|个人)[^，,；;。：:]*的[，,]"
)
# Between ranges that share one 罚款: 对单位处…、对个人处…罚款; …倍以下但不超过三万元的罚款
_CHAIN_RE = re.compile(
    r"[、，,]?(?:或者|或|以及|但|且|并且)?(?:总额|总计|合计|累计)?"
    rf"(?:{_DUI}[^，,；;。：:处罚对]{{1,40}}?[，,]?(?:可以|可|应当|依法|分别|并)*{_VERB_CHU}以?)?"
)
# What ends the phrase in front of a range: a verb, 罚款(数额为), punctuation. 罚款数额的二倍 is a
# basis, so 罚款 followed by 数额 only stops the phrase when 为 follows.
_STOP_RE = re.compile(
    r"罚款(?:(?:的?(?:数额|金额|额度|幅度|额)[，,]?)?(?:为|是)|(?!的?(?:数额|金额|额度|幅度|额)))"
    rf"|{_VERB_CHU}以?|按照?|相当于|[，,。；;：:（）()\s]"
)
_PER_UNIT_RE = re.compile(  # 每立方米五百元, 每株处五千元, 每逾期一天，处以100元
    rf"(?P<unit>每[^，,。；;：:、处罚]{{1,15}}?)(?:[，,]?(?:可以|可)?并?(?:{_VERB_CHU}以?|罚款))?\s*\Z"
)
# 按该设施价值处以一至二倍罚款: the basis comes before the verb
_BASIS_BEFORE_VERB_RE = re.compile(
    rf"按照?(?P<basis>[^，,。；;：:、处按]{{1,30}}?)的?"
    rf"(?:{_DUI}[^，,。；;：:处]{{1,30}}?)?(?:可以|可)?并?{_VERB_CHU}以?\Z"
)
_LEAD_TRIM_RE = re.compile(r"(?:、|或者|或|以及|及|和|并|但|且|其|以)+")
_LEAD_WINDOW = 30
_CLAUSE_BREAKS = "；;。：:\n"
_TARGET_WINDOW = 150
_PERSONS = "直接负责的主管人员和其他直接责任人员"
_TARGET_CUT_RE = re.compile(r"给予|予以|责令|没收")  # 对单位给予警告或者处…


@dataclass(frozen=True)
class Fine:
    """A fine range a penalty provision sets; ``min``/``max`` in yuan, or multiples of ``basis``.

    basis is "fixed" for amounts in yuan, the per-unit phrase for 每立方米五百元, else the noun
    phrase a multiple applies to (违法所得; "" if the text never names it). ``text[start:end]`` is
    the range, with its basis when that is written right in front of it.
    """

    min: float | None
    max: float | None
    basis: str
    target: str | None
    start: int
    end: int


@dataclass(frozen=True)
class _Range:
    kind: str
    low: int | Fraction | None
    high: int | Fraction | None
    start: int
    end: int


def _ranges(text: str, qtys: list[_Qty]) -> list[_Range]:
    """Pair quantities into 甲以上乙以下 / 甲至乙 ranges; a lone one is 以下, 以上 or exact."""
    ranges: list[_Range] = []
    i = 0
    while i < len(qtys):
        q = qtys[i]
        nxt = qtys[i + 1] if i + 1 < len(qtys) else None
        if nxt is not None and nxt.kind == q.kind and _BETWEEN_RE.fullmatch(text, q.end, nxt.start):
            upper = _UPPER_SUFFIX_RE.match(text, nxt.end)
            ranges.append(_Range(q.kind, q.value, nxt.value, q.start, upper.end() if upper else nxt.end))
            i += 2
        else:
            ranges.append(_single_range(text, q))
            i += 1
    return ranges


def _single_range(text: str, q: _Qty) -> _Range:
    """五万元以下, 一万元以上, 不超过三万元, or the exact 一千元."""
    if m := _UPPER_SUFFIX_RE.match(text, q.end):
        return _Range(q.kind, None, q.value, q.start, m.end())
    if m := _LOWER_SUFFIX_RE.match(text, q.end):
        return _Range(q.kind, q.value, None, q.start, m.end())
    window = max(0, q.start - _PREFIX_WINDOW)
    if m := _MAX_PREFIX_RE.search(text, window, q.start):
        return _Range(q.kind, None, q.value, m.start(), q.end)
    if m := _MIN_PREFIX_RE.search(text, window, q.start):
        return _Range(q.kind, q.value, None, m.start(), q.end)
    return _Range(q.kind, q.value, q.value, q.start, q.end)


def find_fines(text: str) -> list[Fine]:
    """The fine ranges ``text`` sets, in order; thresholds of conditions (违法所得五万元以上的) are not fines.

    A range is a fine when 罚款 follows it, when it follows 罚款(数额为), or when it shares a later
    fine's 罚款 (对单位处…、对个人处…的罚款); ranges are decided right to left for that reason.
    """
    ranges = _ranges(text, _quantities(text))
    found: list[tuple[_Range, Fine]] = []
    following: Fine | None = None
    for idx in reversed(range(len(ranges))):
        floor = ranges[idx - 1].end if idx else 0
        following = _as_fine(text, ranges[idx], floor, following)
        if following is not None:
            found.append((ranges[idx], following))
    return _carry_basis(found[::-1])


def _carry_basis(found: list[tuple[_Range, Fine]]) -> list[Fine]:
    """处运输费用三倍以上五倍以下罚款，情节严重的，处五倍以上十倍以下罚款: the basis is the last one named."""
    fines: list[Fine] = []
    basis = ""
    for r, fine in found:
        if r.kind == "ratio" and fine.basis:
            basis = fine.basis
        elif r.kind == "ratio" and basis:
            fine = replace(fine, basis=basis)
        fines.append(fine)
    return fines


def _as_fine(text: str, r: _Range, floor: int, following: Fine | None) -> Fine | None:
    """The Fine that range ``r`` sets, or None when it is no fine (a condition, a price, a 拘留 term)."""
    lead_start, after_fine_word = _lead(text, r.start, floor)
    basis, start = _basis(text, r, lead_start, floor)
    sets_fine = (
        _FINE_AFTER_RE.match(text, r.end) is not None
        or (after_fine_word and not text.startswith("的", r.end))
        or (following is not None and _CHAIN_RE.fullmatch(text, r.end, following.start) is not None)
    )
    if not sets_fine:
        return None
    return Fine(_optional(r.low), _optional(r.high), basis, _target(text, start), start, r.end)


def _lead(text: str, pos: int, floor: int) -> tuple[int, bool]:
    """Start of the phrase before ``pos`` (the basis of a multiple), and whether 罚款 introduces it."""
    window = max(floor, pos - _LEAD_WINDOW)
    stops = list(_STOP_RE.finditer(text, window, pos))
    stop = stops[-1] if stops else None
    start = stop.end() if stop else window
    trim = _LEAD_TRIM_RE.match(text, start, pos)
    return (trim.end() if trim else start), stop is not None and stop.group().startswith("罚款")


def _basis(text: str, r: _Range, lead_start: int, floor: int) -> tuple[str, int]:
    """basis and span start: 违法所得 for multiples, 每立方米 for per-unit amounts, else fixed."""
    if r.kind == "ratio":
        lead = text[lead_start:r.start].removesuffix("的")
        if lead:
            return lead, lead_start
        before = _BASIS_BEFORE_VERB_RE.search(text, max(floor, lead_start - _LEAD_WINDOW), lead_start)
        return (before["basis"] if before else ""), r.start
    per_unit = _PER_UNIT_RE.search(text, max(floor, r.start - _PREFIX_WINDOW - 12), r.start)
    if per_unit:
        return per_unit["unit"], per_unit.start()
    return "fixed", r.start


def _target(text: str, pos: int) -> str | None:
    """Who the fine at ``pos`` is for: the nearest 对…处 or 单位…的， before it in the same clause."""
    window = text[max(0, pos - _TARGET_WINDOW):pos]
    clause = window[max(window.rfind(c) for c in _CLAUSE_BREAKS) + 1:]
    who = None
    for m in _TARGET_RE.finditer(clause):
        named = m["s"] or _TARGET_CUT_RE.split(m["t"])[0]
        if not named.endswith("的"):  # 对自然保护区造成破坏的，处…: a condition, not a person
            who = named
    if who is None:
        return None
    if "直接负责的主管人员" in who or "直接责任人员" in who:
        return _PERSONS
    return who.removeprefix("其") or None


def _optional(x: int | Fraction | None) -> float | None:
    return None if x is None else _plain(x)


# --- time limits ---------------------------------------------------------------------------

_TIME_RE = re.compile(
    rf"(?<![第每月])(?P<n>{_RUN}|半)\s*(?:(?P<ge>个)\s*)?"
    r"(?P<u>工作日|自然日|日历日|年|月|日|天|周|星期)(?P<within>以内|之内|内)?"
)
_TIME_UNIT = {"工作日": "日", "自然日": "日", "日历日": "日", "天": "日", "日": "日", "年": "年", "月": "月"}
_WEEK_UNITS = ("周", "星期")
_NOT_A_SPAN_AFTER = {"年": "度级龄代初底末", "天": "然"}  # 上一年度, 三年级, 一天然气
_CUSTODY_AFTER_RE = re.compile(
    rf"(?:以上|以下|{_RANGE_DASH}|[、个年月日天]|{_RUN})*?的?(?:有期徒刑|无期徒刑|拘役|拘留|管制)"
)
_CUSTODY_BEFORE_RE = re.compile(r"(?:拘留|拘役|徒刑|管制)\s*\Z")
_CUSTODY_WINDOW = 24  # 五日以上十五日以下拘留: the range and the penalty word fit in this


@dataclass(frozen=True)
class TimeLimit:
    """A duration that bounds an act (十五日内, 三个工作日内); unit is 年, 月 or 日."""

    count: int
    unit: str
    working_days: bool
    start: int
    end: int


def find_time_limits(text: str) -> list[TimeLimit]:
    """Durations in ``text``, leaving out dates (五月六日, 2023年), ages (十八周岁) and 拘留/徒刑 terms."""
    dates = [m.span() for m in DATE_RE.finditer(text)]
    limits = (_time_limit(text, m) for m in _TIME_RE.finditer(text))
    return [t for t in limits if t is not None and not _inside(dates, t.start)]


def _inside(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether ``pos`` is in one of the sorted, disjoint ``spans``: 2021年 1月 22日 holds no 22日 limit."""
    i = bisect_right(spans, pos, key=lambda span: span[0]) - 1
    return i >= 0 and pos < spans[i][1]


def _time_limit(text: str, m: re.Match) -> TimeLimit | None:
    """The TimeLimit one _TIME_RE match states, or None when it is a date, an age or a sentence."""
    n, unit = m["n"], m["u"]
    if unit == "月" and not m["ge"]:  # 五月 is May; 五个月 is a duration
        return None
    if unit in _WEEK_UNITS and not (m["ge"] or m["within"]):  # 四周 is also "all around"
        return None
    following = text[m.end():m.end() + 1]
    if following and not m["within"] and following in _NOT_A_SPAN_AFTER.get(unit, ""):
        return None
    if _CUSTODY_AFTER_RE.match(text, m.end(), m.end() + _CUSTODY_WINDOW):
        return None
    if _CUSTODY_BEFORE_RE.search(text, max(0, m.start() - 4), m.start()):
        return None
    if n == "半":
        return TimeLimit(6, "月", False, m.start(), m.end()) if unit == "年" else None
    count = _count(n, unit)
    if count is None:
        return None
    if unit in _WEEK_UNITS:
        return TimeLimit(count * 7, "日", False, m.start(), m.end())
    return TimeLimit(count, _TIME_UNIT[unit], unit == "工作日", m.start(), m.end())


def _count(n: str, unit: str) -> int | None:
    """Whole positive count of a duration; None for calendar years such as 2023年 or 二〇二三年."""
    arabic_year = n.translate(_FULLWIDTH_DIGITS).isdecimal() and len(n) >= 3
    positional_year = len(n) >= 2 and all(c in _DIGITS for c in n)
    if unit == "年" and (arabic_year or positional_year):
        return None
    value = _number(n)
    if value is None or value.denominator != 1 or value <= 0:
        return None
    return int(value)
