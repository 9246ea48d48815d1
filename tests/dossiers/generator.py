"""Fictional administrative-penalty case files (行政处罚案卷) with planted defects.

``generate(out_dir)`` writes ≥ 60 dossiers — about a quarter clean, the rest with one or two
planted defects — and returns, for each, the D rules a correct reviewer must report
(``expected``) and the ground truth of the case (``facts``). It feeds the tests of
``normscope dossier`` (issue 5; rules in ../shared/design/CONTRACT.md, conventions in the
brief: fictional places and people, real laws cited by title and article only).

Real penalty provisions used (read in ../shared/corpus/laws; ranges are the fixed ranges of
the cited paragraph or item; ``cap`` is the highest fine the generator writes):

| key      | provision cited by the decision                                   | range (元)          | agencies | parties   |
|----------|--------------------------------------------------------------------|---------------------|----------|-----------|
| 大气119  | 《中华人民共和国大气污染防治法》第一百一十九条第一款 (露天焚烧落叶)  | 500 – 2,000         | 城管     | 个人      |
| 大气118a | 《中华人民共和国大气污染防治法》第一百一十八条第一款 (油烟超标)      | 5,000 – 50,000      | 城管     | 个人/单位 |
| 大气118c | 《中华人民共和国大气污染防治法》第一百一十八条第三款 (露天烧烤)      | 500 – 20,000 + 没收烧烤工具 | 城管 | 个人   |
| 大气99   | 《中华人民共和国大气污染防治法》第九十九条第（二）项 (超标排放废气)   | 100,000 – 1,000,000 (cap 500,000) | 环境 | 单位 |
| 水83     | 《中华人民共和国水污染防治法》第八十三条第（二）项 (超标排放废水)     | 100,000 – 1,000,000 (cap 500,000) | 环境 | 单位 |
| 食品126  | 《中华人民共和国食品安全法》第一百二十六条第一款第（三）项 (进货查验) | 5,000 – 50,000; 警告; 情节严重 责令停产停业/吊销许可证 | 市监 | 个人/单位 |
| 食品122  | 《中华人民共和国食品安全法》第一百二十二条第一款 (无证经营，货值不足一万元) | 50,000 – 100,000 + 没收违法所得 | 市监 | 个人/单位 |
| 广告58   | 《中华人民共和国广告法》第五十八条第一款第（三）项 (保健食品广告，广告费用无法计算) | 100,000 – 200,000 | 市监 | 单位 |

Conventions a reviewer of the engine should know:

- Amounts legitimately differ between proposals (调查终结报告, 事先告知书, 法制审核, 集体讨论)
  and the decision when the fine was lowered after 陈述申辩 (clean cases). D602 "amount" means
  the decision against the 缴款凭证 or the 结案审批表 (whose 执行情况 then names a paid amount
  that differs from its own 处罚内容). A heavier decision than the notice is D601, not D602.
- D601 is also planted as an added kind (notice without 没收/警告 the decision imposes).
- An officer is certified when a 执法证号 stands with his name in some document; 送达人,
  拍摄人, 承办人 lines give names only. 负责人, 审核人, 听证主持人/听证员/记录员 and the members of
  a 集体讨论 are not investigating officers. D301 = one 笔录 naming a single officer (询问人
  and 记录人 the same person); D302 = one officer with no number anywhere (or a blank table cell).
- D503 is planted only above the maximum (a fine below the minimum may be lawful 减轻处罚).
- D201 is planted with no 延期审批表 or with one whose 负责人意见 is left blank (not approved);
  clean long cases carry an approved extension signed before day 90.
- D203 counts from the 签收 date of the notice (a 送达回执 by post also gives a 寄出日期); the
  period is 5 days when hearing rights were given, else 3. Clean cases with a written waiver
  (陈述申辩笔录 "自愿放弃陈述、申辩（和听证）的权利") have decisions 1–3 days after service.
- Gaps keep margins: lawful ones ≤ 85 days (or ≤ 115 with extension) / ≤ 4 days / ≥ period+2,
  planted ones ≥ 100 / ≥ 11 / ≤ 2 days.
- The decision recites other dates (立案, 告知送达, 听证) and other amounts (货值金额, 没收违法所得);
  its own date is the last line. Remedies may use Arabic numerals (60日, 6个月); the payment
  clause "十五日内" is not a remedy time limit. D502 variants: no remedies, remedies without
  time limits, 复议 only.
- Some folders' .txt files are GB18030; .md files start with "# title" and hold pipe tables.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import random
import re
import tempfile
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from tests.render import CJK_FONT_DEBIAN_PACKAGE, cjk_font_path

RULES = ("D101", "D102", "D103", "D104", "D201", "D202", "D203", "D301", "D302",
         "D401", "D402", "D501", "D502", "D503", "D601", "D602")
DOC_TYPES = ("立案审批表", "现场检查笔录", "询问笔录", "证据材料", "调查终结报告", "法制审核意见书",
             "集体讨论记录", "行政处罚事先告知书", "听证告知书", "陈述申辩笔录", "听证笔录",
             "行政处罚决定书", "送达回证", "缴款凭证", "延期审批表", "结案审批表")
DATE_STYLES = ("年月日", "短横", "点", "斜杠", "汉字")        # 2023年5月6日 2023-05-06 2023.5.6 2023/5/6 二〇二三年五月六日
AMOUNT_STYLES = ("元", "万元", "大写", "人民币")               # 50000元 5万元 伍万元整（￥50,000.00） 人民币伍万元
LAYOUTS = ("folder", "zip", "pdf", "docx")
HEARING_THRESHOLD = {"个人": 10_000, "单位": 100_000}
MAJOR_FINE = 200_000
HEARING_KINDS = frozenset({"吊销许可证件", "责令停产停业", "责令关闭", "限制从业", "降低资质等级"})
MAJOR_KINDS = frozenset({"吊销许可证件", "责令停产停业", "责令关闭"})
RECORDS = ("现场检查笔录", "询问笔录")   # investigation records (D104, D301)

# Pairs never planted together: the first defect would hide or blur the second.
CONFLICTS = {frozenset(p) for p in (
    ("D101", "D201"),                                      # no 立案 date to count from
    ("D102", "D203"), ("D102", "D601"), ("D102", "D401"),  # no notice to compare with
    ("D102", "D402"),                                      # D102 is planted where no hearing is due; 重大 needs one
    ("D103", "D202"),                                      # no service date
    ("D501", "D503"),                                      # no cited provision
    ("D601", "D401"), ("D601", "D402"), ("D601", "D503"),  # heavier decision would shift thresholds
)}


# ---------------------------------------------------------------- data tables

@dataclass(frozen=True)
class Agency:
    name: str
    short: str          # 文书编号 prefix, e.g. 临城管 → 临城管罚字〔2023〕第15号
    field: str          # 城管 | 市监 | 环境
    city: str
    review_body: str    # 行政复议机关
    court: str
    cert_prefix: str
    bank: str


AGENCIES = (
    Agency("临江市城市管理局", "临城管", "城管", "临江市", "临江市人民政府", "临江市江北区人民法院", "72010", "临江农村商业银行江北支行"),
    Agency("青川县综合行政执法局", "青综执", "城管", "青川县", "青川县人民政府", "青川县人民法院", "72031", "青川县农村信用合作联社营业部"),
    Agency("临江市市场监督管理局", "临市监", "市监", "临江市", "临江市人民政府", "临江市江北区人民法院", "72012", "中国工商银行临江分行营业部"),
    Agency("青川县市场监督管理局", "青市监", "市监", "青川县", "青川县人民政府", "青川县人民法院", "72032", "中国农业银行青川县支行"),
    Agency("临江市生态环境局", "临环", "环境", "临江市", "临江市人民政府", "临江市江北区人民法院", "72015", "中国建设银行临江分行"),
    Agency("青川县生态环境局", "青环", "环境", "青川县", "青川县人民政府", "青川县人民法院", "72035", "中国银行青川县支行"),
)


@dataclass(frozen=True)
class Provision:
    key: str
    law: str                 # title without 《》
    article: str             # the penalty provision the decision cites
    low: int
    high: int
    field: str
    parties: tuple[str, ...]
    duty: str                # the article the conduct violates
    conduct: str             # facts; {place} {goods} {medium}
    short: str               # 案由 core
    extra: tuple[str, ...] = ()      # kinds always imposed with the fine
    optional: tuple[str, ...] = ()   # lighter kinds the provision also allows
    heavy: tuple[str, ...] = ()      # kinds for 情节严重
    cap: int | None = None
    report: str = ""                 # subject of a 检测报告 (证据材料), if any
    industries: tuple[str, ...] = ("商贸有限公司",)

    @property
    def cite(self) -> str:
        return f"《{self.law}》{self.article}"


AIR, WATER, FOOD, AD = ("中华人民共和国大气污染防治法", "中华人民共和国水污染防治法",
                        "中华人民共和国食品安全法", "中华人民共和国广告法")
PROVISIONS = (
    Provision("大气119", AIR, "第一百一十九条第一款", 500, 2_000, "城管", ("个人",), "第七十七条",
              "在{place}附近人口集中地区露天焚烧枯枝、落叶等产生烟尘污染的物质", "露天焚烧落叶"),
    Provision("大气118a", AIR, "第一百一十八条第一款", 5_000, 50_000, "城管", ("个人", "单位"), "第八十一条第一款",
              "在{place}经营餐饮服务，未正常使用油烟净化设施，超过排放标准排放油烟", "超标排放油烟",
              report="油烟", industries=("餐饮有限公司", "餐饮管理有限公司")),
    Provision("大气118c", AIR, "第一百一十八条第三款", 500, 20_000, "城管", ("个人",), "第八十一条第三款",
              "在{place}当地人民政府禁止的区域内露天烧烤食品", "违规露天烧烤", extra=("没收非法财物",)),
    Provision("大气99", AIR, "第九十九条第（二）项", 100_000, 1_000_000, "环境", ("单位",), "第十八条",
              "超过大气污染物排放标准排放大气污染物", "超标排放大气污染物", cap=500_000, report="废气",
              industries=("化工有限公司", "建材有限公司", "陶瓷有限公司")),
    Provision("水83", WATER, "第八十三条第（二）项", 100_000, 1_000_000, "环境", ("单位",), "第十条",
              "超过水污染物排放标准排放水污染物", "超标排放水污染物", cap=500_000, report="废水",
              industries=("印染有限公司", "电镀有限公司", "纸业有限公司")),
    Provision("食品126", FOOD, "第一百二十六条第一款第（三）项", 5_000, 50_000, "市监", ("个人", "单位"), "第五十三条第一款",
              "采购食品时未查验供货者的许可证和食品出厂检验合格证明，未建立进货查验记录，经责令改正后拒不改正",
              "未履行进货查验义务", optional=("警告",), heavy=("责令停产停业", "吊销许可证件"),
              industries=("超市有限公司", "商贸有限公司", "餐饮有限公司")),
    Provision("食品122", FOOD, "第一百二十二条第一款", 50_000, 100_000, "市监", ("个人", "单位"), "第三十五条第一款",
              "未取得食品经营许可从事食品经营活动，违法经营的食品货值金额{goods}，不足一万元", "未取得许可从事食品经营",
              extra=("没收违法所得",), industries=("食品商贸有限公司", "餐饮管理有限公司")),
    Provision("广告58", AD, "第五十八条第一款第（三）项", 100_000, 200_000, "市监", ("单位",), "第十八条第一款",
              "在{medium}发布保健食品广告，宣称产品具有疾病预防、治疗功能，广告费用无法计算", "违法发布保健食品广告",
              industries=("生物科技有限公司", "健康管理有限公司")),
)
PROVISION_WEIGHTS = (5, 4, 4, 2, 2, 5, 3, 2)

SOUNDALIKE = {"张": "章", "王": "汪", "李": "黎", "刘": "柳", "陈": "程", "杨": "阳", "周": "邹", "吴": "武",
              "徐": "许", "黄": "皇", "林": "凌", "郑": "正", "何": "贺", "胡": "扈", "高": "郜", "谢": "解"}
OTHER_SURNAMES = "孙马朱郭罗梁宋唐韩冯邓曹彭曾田董潘袁蔡蒋余杜叶魏苏吕丁任沈姚卢姜崔钟谭陆范金石廖夏韦方白孟熊秦邱江尹薛段雷侯龙史陶顾毛郝龚邵万钱严覃戴莫孔向汤"
GIVEN = ("某某", "某某", "某某", "某", "某华", "某明", "某军", "某芳", "某强", "某红", "某平")
TRADES = {"鸿福": "宏福", "瑞丰": "瑞峰", "佳和": "嘉和", "宏达": "弘达", "绿源": "绿原", "兴隆": "新隆",
          "德盛": "德胜", "安泰": "安太", "汇通": "惠通", "恒远": "衡远", "聚鑫": "聚新", "华美": "华媚"}
DISTRICTS = {"临江市": ("江北区", "江南区", "临川区", "东湖区"), "青川县": ("青城镇", "河口镇", "白沙乡", "城关镇")}
ROADS = ("解放路", "人民路", "滨江大道", "建设路", "文化街", "新华路", "工业园路", "长青路", "沿河路", "学府路")
MEDIA = ("微信公众号“健康生活汇”", "临江都市报第8版", "某短视频平台账号“养生小课堂”", "其经营场所门口的户外广告牌")
SOURCES = ("日常巡查", "投诉举报", "上级交办", "部门移送", "专项检查")
KIND_ORDER = ("警告", "没收违法所得", "没收非法财物", "罚款", "责令停产停业", "吊销许可证件")


# ---------------------------------------------------------------- formatting

_HAN = "〇一二三四五六七八九"
_UPPER = "零壹贰叁肆伍陆柒捌玖"


def han_number(n: int) -> str:
    """1..31 in Chinese numerals as in dates: 十, 十五, 二十一, 三十."""
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else _HAN[tens]) + "十" if tens else "") + (_HAN[ones] if ones else "")


def format_date(d: dt.date, style: str) -> str:
    if style == "年月日":
        return f"{d.year}年{d.month}月{d.day}日"
    if style == "短横":
        return d.isoformat()
    if style == "点":
        return f"{d.year}.{d.month}.{d.day}"
    if style == "斜杠":
        return f"{d.year}/{d.month}/{d.day}"
    return "".join(_HAN[int(c)] for c in str(d.year)) + f"年{han_number(d.month)}月{han_number(d.day)}日"


def upper_amount(n: int) -> str:
    """Financial capitals as on receipts: 50000 → 伍万元, 10500 → 壹万零伍佰元, 2050 → 贰仟零伍拾元."""
    def group(g: int) -> str:
        out, zero = "", False
        for unit_value, unit in ((1000, "仟"), (100, "佰"), (10, "拾"), (1, "")):
            digit = g // unit_value % 10
            if digit == 0:
                zero = bool(out)
            else:
                out += ("零" if zero else "") + _UPPER[digit] + unit
                zero = False
        return out

    high, low = divmod(n, 10_000)
    text = group(high) + "万" if high else ""
    if low:
        text += ("零" if high and low < 1000 else "") + group(low)
    return (text or "零") + "元"


def format_amount(n: int, style: str) -> tuple[str, str]:
    """(text, style actually used): 万元 only for round amounts of at least 10,000."""
    if style == "万元" and n >= 10_000 and n % 100 == 0:
        return f"{n / 10_000:g}万元", style
    if style == "大写":
        return f"{upper_amount(n)}整（￥{n:,.2f}）", style
    if style == "人民币":
        return f"人民币{upper_amount(n)}", style
    return f"{n}元", "元"


def credit_code(rng: random.Random) -> str:
    """A well-formed 统一社会信用代码 (GB 32100 check character) with a fictional region code."""
    alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY"
    body = "91" + "7201" + f"{rng.randrange(100):02d}" + "".join(rng.choice(alphabet[:20]) for _ in range(9))
    total = sum(alphabet.index(c) * pow(3, i, 31) for i, c in enumerate(body))
    return body + alphabet[(31 - total % 31) % 31]


def id_number(rng: random.Random, gender: str) -> str:
    """A well-formed 18-digit 身份证号码 (ISO 7064 check) with a fictional region code."""
    birth = dt.date(1958, 1, 1) + dt.timedelta(days=rng.randrange(40 * 365))
    seq = rng.randrange(50) * 2 + (1 if gender == "男" else 0)
    body = f"7201{rng.randrange(1, 9):02d}{birth:%Y%m%d}{seq:02d}{rng.randrange(10)}"
    weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    return body + "10X98765432"[sum(int(c) * w for c, w in zip(body, weights)) % 11]


# ---------------------------------------------------------------- the case

@dataclass
class Party:
    type: str                 # 个人 | 单位
    name: str
    alias: str                # a near-miss name for D602
    gender: str = ""
    id_no: str = ""
    credit: str = ""
    legal_rep: str = ""
    address: str = ""
    phone: str = ""


@dataclass
class Officer:
    name: str
    cert: str | None


@dataclass
class Case:
    name: str
    rules: frozenset[str]
    agency: Agency
    provision: Provision
    year: int
    serial: int
    party: Party
    fine: int
    kinds: list[str]
    notice_fine: int
    notice_kinds: list[str]
    officers: list[Officer]
    head: str                 # 机关负责人
    staff: list[str]          # 法制审核、讨论、听证 people (not investigators)
    extra: dict
    hearing_mode: str = "none"     # none | notice | separate
    hearing_held: bool = False
    statement: str = ""            # "" | 陈述 | 放弃
    reduced: bool = False
    paid: bool = True
    extension: str = ""            # "" | approved | unapproved
    review_in_minor: bool = False  # 法制审核 done although not required
    records: tuple[str, ...] = RECORDS
    variants: dict = field(default_factory=dict)   # defect → variant
    dates: dict = field(default_factory=dict)

    @property
    def hearing_required(self) -> bool:
        return _hearing_required(self.party.type, max(self.fine, self.notice_fine), set(self.kinds) | set(self.notice_kinds))

    @property
    def major(self) -> bool:
        return _major(max(self.fine, self.notice_fine), set(self.kinds) | set(self.notice_kinds))

    @property
    def case_no(self) -> str:
        return f"{self.agency.short}〔{self.year}〕{self.serial}号"


def _hearing_required(party_type: str, fine: int, kinds: set[str]) -> bool:
    return fine >= HEARING_THRESHOLD[party_type] or bool(kinds & HEARING_KINDS)


def _major(fine: int, kinds: set[str]) -> bool:
    return fine >= MAJOR_FINE or bool(kinds & MAJOR_KINDS)


def _ordered(kinds) -> list[str]:
    return sorted(set(kinds), key=KIND_ORDER.index)


def _pick_fine(rng: random.Random, p: Provision, over: bool) -> int:
    if over:   # clearly above the maximum (D503); a fine below the minimum may be a lawful 减轻处罚
        return min(300_000, int(p.high * rng.choice((1.5, 2, 3))))
    high = p.cap or p.high
    step = 100 if high <= 2_000 else 500 if high <= 20_000 else 1_000 if high <= 100_000 else 10_000
    return p.low + step * rng.randint(0, (high - p.low) // step)


def _people(rng: random.Random, count: int, exclude: set[str]) -> list[str]:
    pool = [s for s in OTHER_SURNAMES if s not in exclude]
    return [s + rng.choice(GIVEN) for s in rng.sample(pool, count)]


def _sample_case(rng: random.Random, name: str, rules: frozenset[str]) -> Case:
    """Draw a lawful case, retrying until it can carry the planted rules."""
    for _ in range(500):
        p = rng.choices(PROVISIONS, PROVISION_WEIGHTS)[0]
        party_type = rng.choice(p.parties)
        kinds = set(p.extra) | {"罚款"}
        if p.heavy and rng.random() < 0.3:
            kinds.add(rng.choice(p.heavy))
        elif p.optional and rng.random() < 0.5:
            kinds |= set(p.optional)
        fine = _pick_fine(rng, p, over="D503" in rules)
        if "D503" in rules and fine <= p.high:
            continue
        hearing, major = _hearing_required(party_type, fine, kinds), _major(fine, kinds)
        if "D401" in rules and not hearing or "D402" in rules and not major:
            continue
        if ("D102" in rules and hearing) or ("D601" in rules and (major or hearing)):
            continue
        break
    else:  # pragma: no cover - the tables always allow a case
        raise RuntimeError(f"no case fits {sorted(rules)}")
    agency = rng.choice([a for a in AGENCIES if a.field == p.field])
    party = _sample_party(rng, p, party_type, agency.city)
    used = {party.name[0], SOUNDALIKE.get(party.name[0], ""), party.legal_rep[:1]}
    names = _people(rng, 9, used)
    n_officers = 3 if rng.random() < 0.25 else 2
    certs = rng.sample(range(100_000, 999_999), n_officers)
    officers = [Officer(n, f"{agency.cert_prefix}{c}") for n, c in zip(names[:n_officers], certs)]
    return Case(name, rules, agency, p, 0, rng.randint(3, 260), party, fine, _ordered(kinds), fine,
                _ordered(kinds), officers, names[3], names[4:], _sample_extra(rng, p, agency))


def _sample_party(rng: random.Random, p: Provision, party_type: str, city: str) -> Party:
    district = rng.choice(DISTRICTS[city])
    address = f"{city}{district}{rng.choice(ROADS)}{rng.randint(1, 399)}号"
    phone = f"1{rng.choice('3589')}{rng.randrange(10**9):09d}"
    if party_type == "个人":
        surname, gender = rng.choice(list(SOUNDALIKE)), rng.choice("男女")
        given = rng.choice(GIVEN)
        return Party("个人", surname + given, SOUNDALIKE[surname] + given, gender, id_number(rng, gender),
                     address=address, phone=phone)
    trade = rng.choice(list(TRADES))
    industry = rng.choice(p.industries)
    rep = rng.choice(list(SOUNDALIKE)) + rng.choice(GIVEN)
    return Party("单位", f"{city}{trade}{industry}", f"{city}{TRADES[trade]}{industry}", credit=credit_code(rng),
                 legal_rep=rep, address=address, phone=phone)


def _sample_extra(rng: random.Random, p: Provision, agency: Agency) -> dict:
    city = agency.city
    extra = {"place": f"{city}{rng.choice(DISTRICTS[city])}{rng.choice(ROADS)}{rng.randint(1, 399)}号",
             "source": rng.choice(SOURCES), "medium": rng.choice(MEDIA)}
    if p.key == "食品122":
        extra["goods"] = rng.randrange(1_000, 9_800, 10)
        extra["income"] = rng.randrange(200, extra["goods"] // 2, 10)
    if p.report:
        standard, unit, name = {"油烟": (2.0, "mg/m³", "油烟"), "废气": (30.0, "mg/m³", "颗粒物"),
                                "废水": (100.0, "mg/L", "化学需氧量")}[p.report]
        extra["measure"] = (name, round(standard * rng.uniform(1.3, 4.0), 1), standard, unit)
    extra["licence"] = f"JY{rng.randrange(10**13, 10**14)}"
    return extra


# ---------------------------------------------------------------- procedure and defects

def _plan(n: int, rng: random.Random) -> list[frozenset[str]]:
    """Rule sets per dossier: a quarter clean, the rest one or two compatible rules each."""
    n_clean = round(n / 4)
    n_bad = n - n_clean
    target = max(3 * len(RULES), n_bad + n_bad // 3)
    sequence: list[str] = []
    while len(sequence) < target:
        sequence += rng.sample(RULES, len(RULES))
    slots = [[r] for r in sequence[:n_bad]]
    for rule in sequence[n_bad:target]:
        start = rng.randrange(max(n_bad, 1))
        for i in range(n_bad):
            slot = slots[(start + i) % n_bad]
            if len(slot) == 1 and rule not in slot and frozenset((rule, slot[0])) not in CONFLICTS:
                slot.append(rule)
                break
    plan = [frozenset(s) for s in slots] + [frozenset()] * n_clean
    rng.shuffle(plan)
    return plan


def _configure(rng: random.Random, c: Case) -> None:
    """Procedure choices of the case, then the variant of each planted defect."""
    rules, p = c.rules, c.provision
    free = not rules & {"D203", "D102"}          # no statement, waiver or hearing where they would blur the defect
    r = rng.random()
    c.statement = "" if not free else "放弃" if r < 0.12 else "陈述" if r < 0.4 else ""
    before = (c.hearing_required, c.major)
    if "D601" in rules:                           # the decision is heavier than the notice
        addable = [k for k in p.extra + p.optional if k in c.kinds]
        if addable and rng.random() < 0.4:
            dropped = rng.choice(addable)
            c.notice_kinds = [k for k in c.kinds if k != dropped]
        else:
            step = max(100, (c.fine - p.low) // 2 // 100 * 100)
            c.fine = max(c.fine, p.low + step)
            c.notice_fine = c.fine - step
    elif (c.statement == "陈述" and not c.major and "D503" not in rules and c.fine < (p.cap or p.high)
          and rng.random() < 0.5):                                        # lowered after the defence
        c.reduced = True
        c.notice_fine = min(p.cap or p.high, c.fine + max(100, c.fine // 5 // 100 * 100))
    if (c.hearing_required, c.major) != before or c.notice_fine < p.low:
        c.reduced, c.notice_fine, c.notice_kinds = False, c.fine, list(c.kinds)
        if "D601" in rules:
            raise AssertionError(f"{c.name}: D601 would change the thresholds")
    c.hearing_mode = ("none" if not c.hearing_required or "D401" in rules
                      else rng.choice(("notice", "notice", "separate")))
    c.hearing_held = c.hearing_mode != "none" and free and rng.random() < 0.35
    if c.hearing_held and c.statement == "放弃":
        c.statement = ""
    c.paid = rng.random() < 0.85 or bool(rules & {"D104", "D602"})
    c.extension = ("unapproved" if "D201" in rules and rng.random() < 0.34
                   else "" if rules & {"D201", "D101"} else "approved" if rng.random() < 0.1 else "")
    c.review_in_minor = not c.major and rng.random() < 0.2
    c.records = RECORDS if rng.random() < 0.8 else (rng.choice(RECORDS),)
    if "D104" in rules:
        c.variants["D104"] = rng.choice(["终结报告", "结案"] + ([] if rules & {"D301", "D302"} else ["笔录"]))
    if "D301" in rules:
        c.variants["D301"] = rng.choice(c.records)
    if "D302" in rules:
        c.officers[-1] = Officer(c.officers[-1].name, None)
    if "D402" in rules:
        c.variants["D402"] = rng.choice(("法制审核", "集体讨论", "both"))
    if "D502" in rules:
        c.variants["D502"] = rng.choice(tuple(REMEDY_DEFECTS))
    if "D602" in rules:
        _configure_mismatch(rng, c)


def _configure_mismatch(rng: random.Random, c: Case) -> None:
    """D602: one document with another party name, case serial or paid amount."""
    kind = rng.choice(("party", "case_no", "amount"))
    if kind == "amount":
        target = "缴款凭证" if c.variants.get("D104") == "结案" else rng.choice(("缴款凭证", "结案审批表"))
        c.variants["D602amount"] = c.fine // 10 if rng.random() < 0.5 else c.fine + rng.choice((500, 1_000, 10_000))
    else:
        candidates = ["调查终结报告", *c.records] + (["证据材料"] if kind == "case_no" else [])
        if c.variants.get("D104") == "终结报告":
            candidates.remove("调查终结报告")
        if c.variants.get("D104") == "笔录":
            candidates = [t for t in candidates if t not in RECORDS]
        target = rng.choice(candidates)
        c.variants["D602serial"] = rng.choice((1, 2, 10, 30))
    c.variants["D602"] = (kind, target)


def _timeline(rng: random.Random, c: Case) -> dict[str, dt.date]:
    """Dates of the case; lawful gaps keep clear of every limit, planted ones are well past them."""
    day = dt.timedelta
    start = dt.date(2022, 1, 10) + day(rng.randrange(1000))
    start += day((7 - start.weekday()) % 7 if start.weekday() >= 5 else 0)   # 立案 on a working day
    t = {"立案": start, "检查": start - day(rng.choice((0, 0, 1, 2))), "询问": start + day(rng.randint(1, 8))}
    period = 5 if c.hearing_mode != "none" else 3
    if "D203" in c.rules:
        decide_gap = rng.randint(1, 2)
    elif c.statement == "放弃":
        decide_gap = rng.randint(1, 3)
    elif c.hearing_held:
        decide_gap = rng.randint(16, 24)
    else:
        decide_gap = rng.randint(period + 3, 15)
    notice_gap = rng.choice((0, 0, 1, 2, 3))                       # 告知 → 告知送达
    discuss_gap = rng.randint(1, 3) if c.major else 0               # 集体讨论 → 告知
    review_gap = rng.randint(1, 4) if c.major or c.review_in_minor else 0   # 法制审核 → next step
    final_gap = rng.randint(1, 3)                                   # 调查终结 → next step
    if "D201" in c.rules:
        total = rng.randint(100, 140)
    elif c.extension:
        total = rng.randint(95, 112)
    else:
        total = rng.randint(25, 80)
    needed = (t["询问"] - start).days + 2 + final_gap + review_gap + discuss_gap + notice_gap + decide_gap
    total = max(total, needed)
    t["决定"] = start + day(total)
    t["告知送达"] = t["决定"] - day(decide_gap)
    t["告知"] = t["告知送达"] - day(notice_gap)
    cursor = t["告知"]
    if discuss_gap:
        cursor = t["集体讨论"] = cursor - day(discuss_gap)
    if review_gap:
        cursor = t["法制审核"] = cursor - day(review_gap)
    t["调查终结"] = cursor - day(final_gap)
    t["证据"] = min(t["检查"] + day(rng.randint(2, 6)), t["调查终结"])
    if c.statement:
        t["陈述申辩"] = t["告知送达"] + day(0 if c.statement == "放弃" else rng.randint(1, 2))
    if c.hearing_held:
        t["听证"] = t["告知送达"] + day(rng.randint(10, 13))
    if c.extension:
        t["延期"] = start + day(rng.randint(70, 84))
    late = "D202" in c.rules
    t["决定送达"] = t["决定"] + day(rng.randint(11, 25) if late else rng.choice((0, 0, 1, 2, 3, 4)))
    if c.paid:
        t["缴款"] = t["决定送达"] + day(rng.randint(1, 13))
        t["结案"] = t["缴款"] + day(rng.randint(2, 15))
    c.year = start.year
    return t


# ---------------------------------------------------------------- documents

@dataclass
class Doc:
    type: str
    blocks: list              # first block: the title; then str paragraphs or tables (lists of rows)
    date: dt.date
    role: str = ""            # 送达回证: "告知" | "决定"
    meta: dict = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.blocks[0]


class Writer:
    """Per-dossier helper: picks templates, date and amount styles, and applies D602 mismatches."""

    def __init__(self, rng: random.Random, case: Case) -> None:
        self.rng, self.c = rng, case
        self.date_styles: set[str] = set()
        self.amount_styles: set[str] = set()
        self.templates: list[tuple[str, int]] = []
        self._date_style, self._amount_style = "年月日", "元"
        self._mismatch: str | None = None        # D602 kind active in the current document
        self._mismatch_done = False

    def begin(self, doc_type: str, templates: int, variant: int | None = None) -> int:
        """Start a document: choose its template, date style and amount style."""
        self._date_style = self.rng.choice(DATE_STYLES)
        self._amount_style = self.rng.choice(AMOUNT_STYLES)
        variant = self.rng.randrange(templates) if variant is None else variant
        self.templates.append((doc_type, variant))
        target = self.c.variants.get("D602")
        self._mismatch = None
        if target and target[1] == doc_type and not self._mismatch_done:   # only the first such document
            self._mismatch, self._mismatch_done = target[0], True
        return variant

    def d(self, key_or_date, style: str | None = None) -> str:
        day = self.c.dates[key_or_date] if isinstance(key_or_date, str) else key_or_date
        style = style or self._date_style
        self.date_styles.add(style)
        return format_date(day, style)

    def at(self, key: str, hour: int, minute: str) -> str:
        """Date and clock time, spaced when the date ends in a digit: 2023.5.6 9时30分."""
        date = self.d(key)
        return f"{date}{'' if date.endswith('日') else ' '}{hour}时{minute}分"

    def money(self, n: int, style: str | None = None) -> str:
        text, used = format_amount(n, style or self._amount_style)
        self.amount_styles.add(used)
        return text

    def no(self, code: str) -> str:
        """This document's 文书编号 (one serial for the whole case)."""
        serial = self.c.serial + self.c.variants["D602serial"] if self._mismatch == "case_no" else self.c.serial
        return f"{self.c.agency.short}{code}字〔{self.c.year}〕第{serial}号"

    def decision_no(self) -> str:
        return f"{self.c.agency.short}罚字〔{self.c.year}〕第{self.c.serial}号"

    def party(self) -> str:
        return self.c.party.alias if self._mismatch == "party" else self.c.party.name

    def fine_paid(self) -> int:
        return self.c.variants["D602amount"] if self._mismatch == "amount" else self.c.fine


# -- shared pieces

def _you(c: Case) -> str:
    return "你" if c.party.type == "个人" else "你单位"


def _party_block(c: Case, w: Writer, table: bool = False) -> list:
    p, name = c.party, w.party()
    if p.type == "个人":
        rows = [["当事人", name], ["性别", p.gender], ["身份证号码", p.id_no], ["住址", p.address], ["联系电话", p.phone]]
    else:
        rows = [["当事人", name], ["统一社会信用代码", p.credit], ["法定代表人", p.legal_rep], ["地址", p.address],
                ["联系电话", p.phone]]
    if table:
        return [rows]
    if w.rng.random() < 0.5:
        return [f"{k}：{v}" for k, v in rows]
    return ["，".join(f"{k}：{v}" for k, v in rows) + "。"]


def _officer(o: Officer, style: int) -> str:
    if o.cert is None:
        return o.name
    return f"{o.name}（执法证号：{o.cert}）" if style == 0 else f"{o.name}，执法证件号码{o.cert}"


def _officers_in(c: Case, doc_type: str) -> list[Officer]:
    """Officers named in an investigation record: all, or one where D301 is planted."""
    return c.officers[:1] if c.variants.get("D301") == doc_type else c.officers


def _officer_line(officers: list[Officer], w: Writer, label: str = "执法人员") -> str:
    style = w.rng.randrange(2)
    return f"{label}：" + "、".join(_officer(o, style) for o in officers)


def _conduct(c: Case, w: Writer) -> str:
    text = c.provision.conduct.format(place=c.extra["place"], medium=c.extra["medium"],
                                      goods=w.money(c.extra.get("goods", 0)))
    return text + ("，情节严重" if set(c.kinds) & HEARING_KINDS else "")


def _case_title(c: Case) -> str:
    return f"{c.party.name}{c.provision.short}案"


def _penalty_items(c: Case, w: Writer, fine: int, kinds: list[str]) -> list[str]:
    texts = {"警告": "警告", "罚款": f"罚款{w.money(fine)}",
             "没收违法所得": f"没收违法所得{w.money(c.extra.get('income', 0))}",
             "没收非法财物": "没收烧烤工具（烧烤炉一台、烤签一批）",
             "责令停产停业": "责令停产停业十五日",
             "吊销许可证件": f"吊销食品经营许可证（许可证编号：{c.extra['licence']}）"}
    return [texts[k] for k in kinds]


def _penalty_sentence(c: Case, w: Writer, fine: int, kinds: list[str]) -> str:
    return "；".join(_penalty_items(c, w, fine, kinds))


def _evidence_names(c: Case) -> str:
    names = [*c.records, "现场照片"]
    if c.provision.report:
        names.append("检测报告")
    names.append("身份证复印件" if c.party.type == "个人" else "营业执照复印件")
    return "、".join(names)


def _signature(c: Case, w: Writer, key) -> list[str]:
    return [c.agency.name, w.d(key)]


# -- 1 立案审批表

def doc_filing(c: Case, w: Writer) -> Doc:
    v = w.begin("立案审批表", 3)
    title = ("立案审批表", "立案登记表", "案件立案审批表")[v]
    officers = "、".join(o.name for o in c.officers)
    summary = f"{w.d('检查')}，执法人员在{c.extra['place']}发现当事人涉嫌{c.provision.short}。"
    if v == 0:
        rows = [["文书编号", w.no("立")], ["案件来源", c.extra["source"]], ["案由", f"涉嫌{c.provision.short}"],
                *_party_block(c, w, table=True)[0], ["简要案情", summary],
                ["立案依据", "《中华人民共和国行政处罚法》第五十四条第二款"],
                ["承办人意见", f"当事人涉嫌违法，符合立案条件，建议立案调查。承办人：{officers}　{w.d('立案')}"],
                ["负责人意见", f"同意立案。{c.head}　{w.d('立案')}"]]
        return Doc("立案审批表", [title, c.agency.name, rows], c.dates["立案"])
    blocks = [title, w.no("立"), f"案件来源：{c.extra['source']}", f"立案时间：{w.d('立案')}",
              f"案由：涉嫌{c.provision.short}", *_party_block(c, w), f"简要案情：{summary}",
              (f"承办人意见：经初步核查，当事人涉嫌违反《{c.provision.law}》{c.provision.duty}的规定，"
               "依据《中华人民共和国行政处罚法》第五十四条的规定，建议立案查处。")]
    if v == 1:
        blocks += [f"承办人：{officers}", "承办机构负责人意见：同意立案。", f"机关负责人意见：同意立案，由{officers}承办。",
                   f"签名：{c.head}　日期：{w.d('立案')}"]
    else:
        blocks += [f"承办人：{officers}　{w.d('立案')}", f"负责人审批意见：同意。　{c.head}　{w.d('立案')}"]
    return Doc("立案审批表", blocks, c.dates["立案"])


# -- 2 现场检查笔录

FINDINGS = {
    "大气119": "现场有一处焚烧堆，焚烧物为枯枝、落叶，明火已被扑灭，周边为居民住宅区，烟尘较大",
    "大气118a": "当事人厨房正在营业，油烟净化设施未开启，排烟口有明显油烟排出",
    "大气118c": "当事人在人行道上摆放烧烤炉一台经营烧烤，现场有烤签一批及食材若干",
    "大气99": "当事人生产线正在运行，废气排放口有明显烟尘排放，执法人员委托监测机构现场采样",
    "水83": "当事人污水处理设施运行不正常，总排口外排废水浑浊，执法人员委托监测机构现场采样",
    "食品126": "当事人仓库存放的预包装食品无法提供供货者许可证及合格证明，未见进货查验记录",
    "食品122": "当事人正在经营散装熟食，现场未能出示食品经营许可证",
    "广告58": "当事人经营场所及其发布的广告内容中宣称保健食品具有预防、治疗疾病功能",
}
ADMISSIONS = {
    "大气119": "当时是在清扫院子，觉得落叶太多就烧掉了，不知道不能烧。",
    "大气118a": "油烟净化器坏了一段时间，还没来得及修。",
    "大气118c": "晚上生意好，就把烧烤炉摆到外面了。",
    "大气99": "除尘设备布袋破损，还没有更换。",
    "水83": "污水处理站设备故障，我们正在维修。",
    "食品126": "进货的时候没有要供货商的证照，也没有做台账。",
    "食品122": "许可证还在办理中，就先开始营业了。",
    "广告58": "广告是公司自己做的，没有算过费用。",
}


def doc_inspection(c: Case, w: Writer) -> Doc:
    v = w.begin("现场检查笔录", 2)
    officers = _officers_in(c, "现场检查笔录")
    hour = w.rng.randint(8, 16)
    when = f"{w.at('检查', hour, w.rng.choice(('00', '10', '30', '45')))}至{hour + 1}时{w.rng.choice(('05', '20', '40'))}分"
    finding = FINDINGS[c.provision.key]
    present = w.party() if c.party.type == "个人" else f"{c.party.legal_rep}（法定代表人）"
    if v == 0:
        blocks = [("现场检查笔录", "现场勘验笔录")[w.rng.randrange(2)], w.no("检"), f"检查时间：{when}",
                  f"检查地点：{c.extra['place']}", f"被检查人：{w.party()}", f"现场负责人：{present}",
                  _officer_line(officers, w, "检查人员"), f"记录人：{officers[-1].name}",
                  "执法人员出示执法证件，表明身份，告知当事人有申请回避的权利，当事人不申请回避。",
                  f"检查情况：{finding}。", "以上笔录经被检查人核对无误。",
                  f"被检查人签名：{present.split('（')[0]}　{w.d('检查')}"]
    else:
        rows = [["检查时间", when], ["检查地点", c.extra["place"]], ["被检查人", w.party()], ["现场负责人", present],
                ["执法人员", "执法证号"], *[[o.name, o.cert or ""] for o in officers]]
        blocks = ["现场检查笔录", w.no("检"), rows,
                  f"我们是{c.agency.name}的执法人员，已向你出示执法证件，现依法进行现场检查，请予配合。",
                  f"现场情况：{finding}。执法人员对现场拍照取证{w.rng.randint(3, 9)}张。",
                  f"当事人（签名）：{present.split('（')[0]}　执法人员（签名）：" + "、".join(o.name for o in officers),
                  w.d("检查")]
    return Doc("现场检查笔录", blocks, c.dates["检查"], meta={"officers": len(officers)})


# -- 3 询问笔录

def doc_interview(c: Case, w: Writer) -> Doc:
    v = w.begin("询问笔录", 3)
    officers = _officers_in(c, "询问笔录")
    p = c.party
    who = w.party() if p.type == "个人" else p.legal_rep
    you = "你" if p.type == "个人" else "你公司"
    names = "、".join(o.name for o in officers)
    certs = "、".join(o.cert for o in officers if o.cert)
    numbers = (f"，执法证号分别为{certs}" if len(officers) > 1 and certs else f"，执法证号{certs}" if certs else "")
    qa = [(f"问：我们是{c.agency.name}的执法人员{names}{numbers}，现依法向你询问有关情况，你有如实回答的义务，"
           "也有陈述、申辩和申请回避的权利。你听清楚了吗？"),
          "答：听清楚了，不申请回避。",
          "问：请介绍一下你的基本情况。",
          f"答：我叫{who}" + (f"，是{w.party()}的法定代表人。" if p.type == "单位" else f"，住{p.address}。"),
          f"问：{w.d('检查')}执法人员在{c.extra['place']}检查时发现的情况是否属实？",
          f"答：属实。{ADMISSIONS[c.provision.key]}",
          f"问：{you}还有什么要补充的吗？", "答：没有了，以后一定改正。",
          "问：以上笔录请你核对，是否与你所说的一致？", "答：我看过了，和我说的一样。"]
    time = w.at("询问", w.rng.randint(9, 15), w.rng.choice(("00", "15", "30")))
    place = f"{c.agency.name}{w.rng.choice(('询问室', '执法大队办公室', '三楼会议室'))}"
    title = ("询问笔录", "调查询问笔录", "询问笔录")[v]
    if v == 0:
        head = [f"询问时间：{time}", f"询问地点：{place}", _officer_line(officers, w, "询问人"),
                f"记录人：{officers[-1].name}", f"被询问人：{who}"]
    elif v == 1:
        head = [f"时间：{time}　地点：{place}", _officer_line(officers, w), f"被询问人：{who}　性别：{p.gender or '男'}",
                f"工作单位：{w.party()}" if p.type == "单位" else f"身份证号码：{p.id_no}"]
    else:
        head = [[["询问时间", time], ["询问地点", place], ["被询问人", who],
                 ["询问人", "、".join(_officer(o, 0) for o in officers)], ["记录人", officers[-1].name]]]
    if v != 1:
        head.append(f"案由：{w.party()}涉嫌{c.provision.short}案")
    blocks = [title, w.no("询"), *head, *qa, f"被询问人签名：{who}　{w.d('询问')}"]
    return Doc("询问笔录", blocks, c.dates["询问"], meta={"officers": len(officers)})


# -- 4 证据材料

def doc_evidence(c: Case, w: Writer, which: str) -> Doc:
    v = w.begin("证据材料", 3, ("清单", "照片", "报告").index(which))
    if which == "报告":
        name, value, standard, unit = c.extra["measure"]
        blocks = [w.rng.choice(("检测报告", "监测报告")), f"报告编号：LJJC-{c.year}-{c.serial:04d}",
                  f"所属案件：{w.no('立')}", f"委托单位：{c.agency.name}", f"受检单位：{w.party()}",
                  f"采样日期：{w.d('检查')}　报告日期：{w.d('证据')}",
                  f"检测项目：{name}　检测结果：{value}{unit}　标准限值：{standard}{unit}",
                  f"结论：所检{name}浓度超过排放标准限值。", "临江市环境监测中心站（检验检测专用章）"]
        return Doc("证据材料", blocks, c.dates["证据"])
    if v == 0:
        rows = [["序号", "证据名称", "来源", "证明对象"]]
        items = [(r, "执法人员制作", "违法事实及当事人陈述") for r in c.records]
        items += [("现场照片", "执法人员拍摄", "现场状况"),
                  ("身份证复印件" if c.party.type == "个人" else "营业执照复印件", "当事人提供", "当事人主体资格")]
        rows += [[str(i), *item] for i, item in enumerate(items, 1)]
        blocks = ["证据清单", f"案号：{w.no('证')}", f"当事人：{w.party()}", rows,
                  f"制作人：{c.officers[0].name}　{w.d('调查终结')}"]
        return Doc("证据材料", blocks, c.dates["调查终结"])
    blocks = [w.rng.choice(("照片证据说明", "现场照片证据")), w.no("证")]
    for i in range(1, w.rng.randint(2, 4)):
        blocks += [f"照片{i}：拍摄时间：{w.d('检查')}　拍摄地点：{c.extra['place']}",
                   f"拍摄人：{c.officers[i % len(c.officers)].name}　证明内容：现场违法状况（第{i}张）"]
    blocks.append(f"当事人确认：以上照片属实。{c.party.name if c.party.type == '个人' else c.party.legal_rep}")
    return Doc("证据材料", blocks, c.dates["检查"])


# -- 5 调查终结报告

def doc_final_report(c: Case, w: Writer) -> Doc:
    v = w.begin("调查终结报告", 2)
    p = c.provision
    proposal = _penalty_sentence(c, w, c.notice_fine, c.notice_kinds)
    body = [f"本案于{w.d('立案')}立案，承办人员依法进行了调查取证，现已调查终结。",
            f"经查，当事人{_conduct(c, w)}。以上事实有{_evidence_names(c)}等证据证实。",
            f"当事人的行为违反了《{p.law}》{p.duty}的规定。",
            f"处理意见：依据{p.cite}的规定，建议对当事人作出如下行政处罚：{proposal}。"]
    if c.major:
        body.append("本案拟作出的行政处罚属于重大执法决定，建议提交法制审核并由机关负责人集体讨论决定。")
    officers = "、".join(o.name for o in c.officers)
    title = ("调查终结报告", "案件调查终结报告")[v]
    if v == 0:
        blocks = [title, w.no("终"), f"案由：{w.party()}涉嫌{p.short}案", *_party_block(c, w), *body,
                  f"承办人：{officers}", w.d("调查终结")]
    else:
        blocks = [title, w.no("终"), [["案由", p.short], ["当事人", w.party()], ["立案日期", w.d("立案")],
                                      ["承办人", officers], ["报告日期", w.d("调查终结")]], *body]
    return Doc("调查终结报告", blocks, c.dates["调查终结"])


# -- 6 法制审核意见书

def doc_legal_review(c: Case, w: Writer) -> Doc:
    v = w.begin("法制审核意见书", 2)
    title = ("法制审核意见书", "重大执法决定法制审核意见书")[v]
    reviewer, chief = c.staff[0], c.staff[1]
    if c.major:
        opinion = (f"审核意见：本案事实清楚，证据确凿，程序合法，适用{c.provision.cite}正确，"
                   f"拟作出{_penalty_sentence(c, w, c.notice_fine, c.notice_kinds)}的处罚裁量适当，同意提交集体讨论。")
    else:
        opinion = "审核意见：本案事实清楚，证据确凿，程序合法，适用法律正确，同意承办机构意见。"
    blocks = [title, w.no("法审"), f"送审机构：{c.agency.name}执法大队", f"案件名称：{_case_title(c)}",
              "审核内容：执法主体、管辖、程序、事实证据、法律适用、裁量基准。", opinion]
    if v == 0:
        blocks += [f"审核人：{reviewer}", f"法制机构负责人：{chief}", w.d("法制审核")]
    else:
        blocks += [[["审核人员", reviewer], ["审核机构负责人", chief], ["审核日期", w.d("法制审核")]]]
    return Doc("法制审核意见书", blocks, c.dates["法制审核"])


# -- 7 集体讨论记录

def doc_discussion(c: Case, w: Writer) -> Doc:
    v = w.begin("集体讨论记录", 3)
    title = ("集体讨论记录", "案件集体讨论记录", "重大案件集体讨论笔录")[v]
    members = [c.head, *c.staff[1:4]]
    penalty = _penalty_sentence(c, w, c.notice_fine, c.notice_kinds)
    time = w.at("集体讨论", w.rng.choice((9, 14, 15)), "00")
    place = c.agency.name + w.rng.choice(("二楼会议室", "党组会议室"))
    head = [["讨论时间", time], ["讨论地点", place], ["主持人", c.head], ["参加人员", "、".join(members)],
            ["记录人", c.staff[-1]]]
    blocks = [title, w.no("讨"), *([head] if v == 1 else [f"{k}：{x}" for k, x in head]),
              f"讨论案件：{_case_title(c)}",
              f"承办人{c.officers[0].name}汇报案件事实、证据、法律依据及处理意见，法制机构汇报法制审核意见。"]
    if v == 2:
        blocks += [f"{m}：同意承办机构和法制机构意见。" for m in members[1:]]
    else:
        blocks.append("讨论意见：与会人员一致认为，本案事实清楚，证据充分，程序合法，处罚适当。")
    blocks.append(f"讨论结论：依据{c.provision.cite}的规定，对当事人{penalty}。")
    blocks.append("参会人员签名：" + "、".join(members))
    return Doc("集体讨论记录", blocks, c.dates["集体讨论"])


# -- 8 行政处罚事先告知书

def doc_notice(c: Case, w: Writer) -> Doc:
    v = w.begin("行政处罚事先告知书", 3)
    p, you = c.provision, _you(c)
    hearing = c.hearing_mode == "notice"
    penalty = _penalty_sentence(c, w, c.notice_fine, c.notice_kinds)
    days = ("五日" if v != 2 else "5日") if hearing else ("三日" if v != 2 else "3日")
    rights_articles = "第四十四条、第四十五条" + ("、第六十三条、第六十四条" if hearing else "")
    rights = (f"根据《中华人民共和国行政处罚法》{rights_articles}的规定，{you}享有陈述、申辩"
              + ("和要求听证" if hearing else "") + f"的权利。{you}如有陈述、申辩意见" + ("或者要求听证" if hearing else "")
              + f"，应当自收到本告知书之日起{days}内向本机关提出，逾期未提出的，视为放弃上述权利。")
    title = ("行政处罚事先告知书", "行政处罚告知书", "行政处罚事先告知书")[v]
    if v in (0, 2):
        body = [f"{w.party()}：",
                f"经查，{you}{_conduct(c, w)}。以上事实有{_evidence_names(c)}等证据证实。",
                f"{you}的上述行为违反了《{p.law}》{p.duty}的规定。依据{p.cite}的规定，本机关拟对{you}作出如下行政处罚：{penalty}。",
                rights]
    else:
        body = [f"{w.party()}：", "根据《中华人民共和国行政处罚法》第四十四条的规定，现将本机关拟作出行政处罚的事实、理由、依据及处罚内容告知如下：",
                f"一、违法事实：{_conduct(c, w)}。", f"二、处罚理由及依据：违反了《{p.law}》{p.duty}的规定，依据{p.cite}的规定予以处罚。",
                f"三、拟作出的行政处罚：{penalty}。", f"四、{you}享有的权利：{rights}"]
    contact = f"联系人：{c.officers[0].name}　联系电话：0{w.rng.randint(700, 799)}-{w.rng.randrange(10**7):07d}"
    return Doc("行政处罚事先告知书", [title, w.no("告"), *body, contact, *_signature(c, w, "告知")], c.dates["告知"],
               meta={"hearing_rights": hearing})


# -- 9 听证告知书

def doc_hearing_notice(c: Case, w: Writer) -> Doc:
    v = w.begin("听证告知书", 2)
    you = _you(c)
    penalty = _penalty_sentence(c, w, c.notice_fine, c.notice_kinds)
    if v == 0:
        body = [f"{w.party()}：", (f"本机关拟对{you}{c.provision.short}的行为作出{penalty}的行政处罚。根据《中华人民共和国行政处罚法》"
                                  f"第六十三条、第六十四条的规定，{you}有要求举行听证的权利。如{you}要求听证，"
                                  "应当在收到本告知书之日起五日内向本机关提出，逾期未提出的，视为放弃听证权利。")]
    else:
        body = [f"{w.party()}：", f"你（单位）涉嫌{c.provision.short}一案，本机关拟作出{penalty}的处罚决定。",
                "依照《中华人民共和国行政处罚法》第六十三条的规定，你（单位）可以在收到本告知书之日起5日内提出听证申请。"]
    return Doc("听证告知书", [("听证告知书", "行政处罚听证告知书")[v], w.no("听告"), *body, *_signature(c, w, "告知")],
               c.dates["告知"], meta={"hearing_rights": True})


# -- 10 陈述申辩笔录

def doc_statement(c: Case, w: Writer) -> Doc:
    v = w.begin("陈述申辩笔录", 2)
    p = c.party
    who = w.party() if p.type == "个人" else p.legal_rep
    hearing = c.hearing_mode != "none"
    if c.statement == "放弃":
        words = ("本人已收到《行政处罚事先告知书》，对拟作出的行政处罚无异议，自愿放弃陈述、申辩"
                 + ("和听证" if hearing else "") + "的权利。")
    else:
        words = ("违法行为属实，但系初次违法，发现问题后已立即整改，且经营困难，请求从轻处罚。"
                 + ("另，本人不要求听证。" if hearing and not c.hearing_held else ""))
    officers = "、".join(o.name for o in c.officers)
    role = f"（{w.party()}法定代表人）" if p.type == "单位" else ""
    if v == 0:
        blocks = ["陈述申辩笔录", w.no("申"), f"时间：{w.d('陈述申辩')}", f"地点：{c.agency.name}",
                  f"陈述申辩人：{who}{role}", f"承办人员：{officers}", f"陈述申辩内容：{words}",
                  f"陈述申辩人签名：{who}　{w.d('陈述申辩')}"]
    else:
        blocks = ["陈述申辩记录", w.no("申"),
                  [["案件名称", _case_title(c)], ["陈述申辩人", who + role], ["记录时间", w.d("陈述申辩")],
                   ["记录人", officers]],
                  f"{'本人' if c.statement == '放弃' else '当事人称'}：{words}",
                  "以上记录经本人核对，与所述一致。", f"签名：{who}", w.d("陈述申辩")]
    return Doc("陈述申辩笔录", blocks, c.dates["陈述申辩"], meta={"waiver": c.statement == "放弃"})


# -- 11 听证笔录

def doc_hearing(c: Case, w: Writer) -> Doc:
    v = w.begin("听证笔录", 2)
    host, member, clerk = c.staff[0], c.staff[2], c.staff[-1]
    who = c.party.name if c.party.type == "个人" else c.party.legal_rep
    investigators = "、".join(_officer(o, 0) for o in c.officers)
    turns = ["主持人：宣布听证纪律，告知当事人权利义务，当事人不申请回避。",
             f"调查人员{c.officers[0].name}：陈述当事人违法事实、证据、依据及拟作出的处罚意见。",
             f"当事人{who}：对违法事实无异议，认为处罚过重，请求减轻处罚。",
             "主持人：双方进行了质证和辩论，当事人作最后陈述。听证结束，请当事人核对笔录后签名。"]
    if v == 0:
        blocks = ["听证笔录", w.no("听"), f"案由：{_case_title(c)}", f"听证时间：{w.at('听证', 9, '30')}",
                  f"听证地点：{c.agency.name}听证室", f"听证主持人：{host}　听证员：{member}　记录员：{clerk}",
                  f"案件调查人员：{investigators}", f"当事人：{w.party()}　出席人：{who}", *turns]
    else:
        blocks = ["听证笔录", w.no("听"),
                  [["案件名称", _case_title(c)], ["听证时间", w.at("听证", 14, "30")], ["听证方式", "公开"],
                   ["主持人", host], ["听证员", member], ["记录员", clerk], ["案件调查人员", investigators],
                   ["当事人", w.party()], ["委托代理人", "无"]], *turns]
    blocks.append(f"当事人签名：{who}　{w.d('听证')}")
    return Doc("听证笔录", blocks, c.dates["听证"])


# -- 12 行政处罚决定书

REMEDIES = (
    "如不服本决定，可以在收到本决定书之日起六十日内向{body}申请行政复议，或者在六个月内依法向{court}提起行政诉讼。",
    "当事人如对本处罚决定不服，可自收到本决定书之日起六十日内向{body}申请行政复议；也可以自收到本决定书之日起六个月内直接向{court}提起行政诉讼。",
    "如不服本处罚决定，可以在接到本决定书之日起60日内向{body}申请复议，也可以在6个月内向{court}起诉。",
)
REMEDY_DEFECTS = {   # D502 variants
    "none": "",
    "no_limits": "如不服本决定，可以依法申请行政复议或者提起行政诉讼。",
    "review_only": "如不服本决定，可以在收到本决定书之日起六十日内向{body}申请行政复议。",
}


def doc_decision(c: Case, w: Writer) -> Doc:
    v = w.begin("行政处罚决定书", 3)
    p, basis = c.provision, "D501" not in c.rules
    facts = [f"当事人{p.short}一案，本机关于{w.d('立案')}立案调查。",
             f"经查明：{w.d('检查')}，本机关执法人员在{c.extra['place']}检查时发现，当事人{_conduct(c, w)}。",
             f"以上事实有{_evidence_names(c)}等证据为证。",
             f"当事人的上述行为违反了《{p.law}》{p.duty}的规定。" if basis else "当事人的上述行为违反了相关规定。"]
    if "D102" not in c.rules:
        hearing = c.hearing_mode != "none"
        recital = (f"本机关于{w.d('告知送达')}向当事人送达了《行政处罚事先告知书》（{c.agency.short}告字〔{c.year}〕第{c.serial}号），"
                   "告知其拟作出行政处罚的事实、理由、依据及依法享有的陈述、申辩" + ("、要求听证" if hearing else "") + "的权利。")
        if c.hearing_held:
            recital += f"当事人申请听证，本机关于{w.d('听证')}依法举行了听证。"
        if c.statement == "陈述":
            recital += ("当事人提出了陈述、申辩意见。经复核，当事人积极整改，本机关部分采纳其意见，依法从轻处罚。" if c.reduced
                        else "当事人提出了陈述、申辩意见，经复核，其意见不足以改变本机关的处理意见，不予采纳。")
        elif c.statement == "放弃":
            recital += "当事人书面表示放弃陈述、申辩" + ("和听证" if hearing else "") + "的权利。"
        elif not c.hearing_held:
            recital += "当事人未提出陈述、申辩意见。"
        facts.append(recital)
    if basis:
        lead = f"依据{p.cite}的规定，本机关决定对当事人作出如下行政处罚："
    else:
        lead = "依据有关法律法规的规定，本机关决定对当事人作出如下行政处罚："
    items = [f"{'（' + han_number(i) + '）' if v != 1 else str(i) + '.'}{t}。"
             for i, t in enumerate(_penalty_items(c, w, c.fine, c.kinds), 1)]
    pay = "罚款限自收到本决定书之日起十五日内缴至" + c.agency.bank + "。"
    if basis and v == 0:
        pay += "逾期不缴纳罚款的，依据《中华人民共和国行政处罚法》第七十二条第一款第（一）项的规定，每日按罚款数额的百分之三加处罚款。"
    else:
        pay += "逾期不缴纳的，本机关将依法加处罚款。"
    remedy = REMEDY_DEFECTS[c.variants["D502"]] if "D502" in c.rules else REMEDIES[w.rng.randrange(len(REMEDIES))]
    remedy = remedy.format(body=c.agency.review_body, court=c.agency.court)
    blocks = ["行政处罚决定书", w.no("罚"), *_party_block(c, w, table=(v == 2)), *facts, lead, *items, pay]
    if remedy:
        blocks.append(remedy)
    if w.rng.random() < 0.3:
        blocks.append("申请行政复议或者提起行政诉讼期间，本处罚决定不停止执行。")
    blocks += [c.agency.name, w.d("决定", w.rng.choice(("汉字", "汉字", "年月日")))]
    return Doc("行政处罚决定书", blocks, c.dates["决定"], meta={"basis": basis, "remedy": bool(remedy)})


# -- 13 送达回证

def doc_receipt(c: Case, w: Writer, role: str) -> Doc:
    key, sent = ("告知送达", "告知") if role == "告知" else ("决定送达", "决定")
    by_post = c.dates[key] > c.dates[sent]
    v = w.begin("送达回证", 3 if by_post else 2)
    if role == "告知":
        served = [f"行政处罚事先告知书（{c.agency.short}告字〔{c.year}〕第{c.serial}号）"]
        if c.hearing_mode == "separate":
            served.append(f"行政处罚听证告知书（{c.agency.short}听告字〔{c.year}〕第{c.serial}号）")
    else:
        served = [f"行政处罚决定书（{w.decision_no()}）"]
    receiver = c.party.name if c.party.type == "个人" else f"{c.party.legal_rep}（{c.party.name}）"
    servers = "、".join(o.name for o in c.officers[:2])
    if v == 0:
        rows = [["送达文书名称及文号", "；".join(served)], ["受送达人", c.party.name], ["送达地点", c.party.address],
                ["送达方式", "直接送达"], ["送达人", servers], ["受送达人签名", receiver.split("（")[0]],
                ["签收日期", w.d(key)], ["备注", ""]]
        blocks = ["送达回证", w.no("送"), rows]
    elif v == 1:
        blocks = ["送达回证", w.no("送"), f"送达文书：{'、'.join(served)}", f"受送达人：{c.party.name}",
                  f"送达地点：{c.party.address}", "送达方式：直接送达", f"送达人：{servers}",
                  f"收件人签名：{receiver}", f"签收时间：{w.d(key)}"]
    else:   # by post: the day of posting is not the day of service
        posted = max(c.dates[sent], c.dates[key] - dt.timedelta(days=w.rng.randint(1, 2)))
        blocks = ["送达回执", w.no("送"), f"送达文书：{'、'.join(served)}", f"受送达人：{c.party.name}",
                  f"送达地址：{c.party.address}", "送达方式：邮寄送达（EMS）",
                  f"邮件号码：{w.rng.randrange(10**12, 10**13)}", f"寄出日期：{w.d(posted)}",
                  f"签收人：{receiver.split('（')[0]}　签收日期：{w.d(key)}（本人签收）"]
    return Doc("送达回证", blocks, c.dates[key], role=role)


# -- 14 缴款凭证

def doc_payment(c: Case, w: Writer) -> Doc:
    v = w.begin("缴款凭证", 3)
    paid = w.fine_paid()
    title = ("罚没款缴款书", "非税收入缴款书", "缴款凭证")[v]
    blocks = [title, f"票据号码：{w.rng.randrange(10**9, 10**10)}", f"缴款日期：{w.d('缴款')}",
              f"执收单位：{c.agency.name}", f"缴款人：{c.party.name}", "项目名称：罚没收入（罚款）"]
    if v == 0:
        blocks.append(f"金额（大写）：{upper_amount(paid)}整　（小写）：￥{paid:,.2f}")
        w.amount_styles.add("大写")
    else:
        blocks.append(f"缴款金额：{w.money(paid)}")
    blocks += [f"处罚决定书文号：{w.decision_no()}", f"收款银行：{c.agency.bank}（收讫章）"]
    return Doc("缴款凭证", blocks, c.dates["缴款"])


# -- 15 延期审批表

def doc_extension(c: Case, w: Writer) -> Doc:
    v = w.begin("延期审批表", 2)
    approved = c.extension == "approved"
    reason = "案情复杂，需对涉案物品进一步检测并补充调查取证，无法在九十日内作出处理决定。"
    head_opinion = f"同意延长办案期限三十日。{c.head}　{w.d('延期')}" if approved else ""
    if v == 0:
        rows = [["案件名称", _case_title(c)], ["立案日期", w.d("立案")], ["延期理由", reason], ["申请延长期限", "三十日"],
                ["承办人意见", f"申请延期。{c.officers[0].name}　{w.d('延期')}"], ["负责人意见", head_opinion]]
        blocks = ["案件延期审批表", w.no("延"), rows]
    else:
        blocks = ["延期审批表", w.no("延"), f"案由：{_case_title(c)}", f"立案时间：{w.d('立案')}", f"延期理由：{reason}",
                  f"承办人：{'、'.join(o.name for o in c.officers)}　{w.d('延期')}", f"负责人审批意见：{head_opinion}"]
    return Doc("延期审批表", blocks, c.dates["延期"], meta={"approved": approved})


# -- 16 结案审批表

def doc_closing(c: Case, w: Writer) -> Doc:
    v = w.begin("结案审批表", 2)
    paid = w.fine_paid()
    execution = (f"当事人已于{w.d('缴款')}缴纳罚款{w.money(paid)}"
                 + ("，违法所得已没收上缴" if "没收违法所得" in c.kinds else "")
                 + ("，没收物品已依法处置" if "没收非法财物" in c.kinds else "") + "，处罚决定已执行完毕。")
    if v == 0:
        rows = [["案件名称", _case_title(c)], ["处罚决定书文号", w.decision_no()], ["决定日期", w.d("决定")],
                ["处罚内容", _penalty_sentence(c, w, c.fine, c.kinds)], ["执行情况", execution],
                ["承办人意见", "建议结案。"], ["负责人意见", f"同意结案。{c.head}　{w.d('结案')}"]]
        blocks = ["结案审批表", w.no("结"), rows]
    else:
        blocks = ["结案报告", w.no("结"), f"案由：{_case_title(c)}",
                  f"处罚决定：{w.decision_no()}，{_penalty_sentence(c, w, c.fine, c.kinds)}。",
                  f"执行情况：{execution}", "本案已执行完毕，符合结案条件，建议结案。",
                  f"承办人：{'、'.join(o.name for o in c.officers)}", f"负责人意见：同意。{c.head}", w.d("结案")]
    return Doc("结案审批表", blocks, c.dates["结案"])


# -- the file

def _documents(rng: random.Random, c: Case, w: Writer) -> tuple[list[Doc], list[str]]:
    """All documents of the case in file order, and the types removed by planted defects."""
    rules = c.rules
    docs = [doc_filing(c, w)]
    docs += [doc_inspection(c, w) if r == "现场检查笔录" else doc_interview(c, w) for r in c.records]
    docs.append(doc_evidence(c, w, "报告" if c.provision.report and rng.random() < 0.8 else rng.choice(("清单", "照片"))))
    if rng.random() < 0.5:
        docs.append(doc_evidence(c, w, "照片"))
    docs.append(doc_final_report(c, w))
    if "法制审核" in c.dates:
        docs.append(doc_legal_review(c, w))
    if "集体讨论" in c.dates:
        docs.append(doc_discussion(c, w))
    docs.append(doc_notice(c, w))
    if c.hearing_mode == "separate":
        docs.append(doc_hearing_notice(c, w))
    docs.append(doc_receipt(c, w, "告知"))
    if c.statement:
        docs.append(doc_statement(c, w))
    if c.hearing_held:
        docs.append(doc_hearing(c, w))
    if c.extension:
        docs.append(doc_extension(c, w))
    docs += [doc_decision(c, w), doc_receipt(c, w, "决定")]
    if c.paid:
        docs += [doc_payment(c, w), doc_closing(c, w)]

    drop: set[str] = set()
    if "D101" in rules:
        drop.add("立案审批表")
    if "D102" in rules:   # the notice and its proof of service go together (no hearing is due, see _sample_case)
        drop |= {"行政处罚事先告知书", "送达回证:告知"}
    if "D103" in rules:
        drop.add("送达回证:决定")
    variant = c.variants.get("D104")
    if variant:
        drop |= {"终结报告": {"调查终结报告"}, "结案": {"结案审批表"}, "笔录": set(RECORDS)}[variant]
    if "D402" in rules:
        v = c.variants["D402"]
        drop |= {"法制审核意见书", "集体讨论记录"} if v == "both" else {"法制审核意见书" if v == "法制审核" else "集体讨论记录"}
    kept = [d for d in docs if d.type not in drop and f"{d.type}:{d.role}" not in drop]
    kept.sort(key=lambda d: d.date)   # stable: same-day documents keep their procedural order
    return kept, sorted(drop)


def _audit(c: Case, docs: list[Doc]) -> set[str]:
    """The D rules a correct reviewer reports, from the generator's own structured data.

    Also asserts the margins that keep each dossier unambiguous.
    """
    by_type: dict[str, list[Doc]] = {}
    for d in docs:
        by_type.setdefault(d.type, []).append(d)
    found: set[str] = set()
    day = c.dates
    if "立案审批表" not in by_type:
        found.add("D101")
    notice = "行政处罚事先告知书" in by_type
    if not notice:
        found.add("D102")
    receipts = {d.role for d in by_type.get("送达回证", [])}
    if "决定" not in receipts:
        found.add("D103")
    if ("调查终结报告" not in by_type or not set(RECORDS) & set(by_type)
            or ("缴款凭证" in by_type and "结案审批表" not in by_type)):
        found.add("D104")
    if "立案审批表" in by_type:
        span = (day["决定"] - day["立案"]).days
        approved = any(d.meta["approved"] for d in by_type.get("延期审批表", []))
        assert span <= 85 or span >= 100 or (approved and span <= 115), span
        if span > 90 and not approved:
            found.add("D201")
    if "决定" in receipts:
        gap = (day["决定送达"] - day["决定"]).days
        assert gap <= 4 or gap >= 11, gap
        if gap > 7:
            found.add("D202")
    hearing_rights = any(d.meta.get("hearing_rights") for d in docs)
    if notice:
        period = 5 if hearing_rights else 3
        gap = (day["决定"] - day["告知送达"]).days
        waived = any(d.meta.get("waiver") for d in docs)
        assert gap <= 2 or gap >= period + 2 or waived, gap
        if gap <= period and not waived:
            found.add("D203")
    if any(d.meta.get("officers", 2) < 2 for d in docs):
        found.add("D301")
    if any(o.cert is None for o in c.officers):
        found.add("D302")
    if c.hearing_required and not hearing_rights:
        found.add("D401")
    if c.major and not {"法制审核意见书", "集体讨论记录"} <= set(by_type):
        found.add("D402")
    decision = by_type["行政处罚决定书"][0]
    if not decision.meta["basis"]:
        found.add("D501")
    if not decision.meta["remedy"] or "D502" in c.variants:
        found.add("D502")
    if decision.meta["basis"] and not c.provision.low <= c.fine <= c.provision.high:
        found.add("D503")
    if notice and (c.fine > c.notice_fine or set(c.kinds) - set(c.notice_kinds)):
        found.add("D601")
    if "D602" in c.variants:
        kind, target = c.variants["D602"]
        assert target in by_type, (kind, target)
        found.add("D602")
    return found


# ---------------------------------------------------------------- rendering

def _text(doc: Doc, markdown: bool) -> str:
    """Plain text (tables as 项目：内容 lines) or markdown (paragraphs apart, pipe tables)."""
    parts = [("# " if markdown else "") + doc.title]
    for block in doc.blocks[1:]:
        if isinstance(block, str):
            parts.append(block)
        elif markdown:
            width = max(len(r) for r in block)
            rows = [r + [""] * (width - len(r)) for r in block]
            if width == 2:
                rows.insert(0, ["项目", "内容"])
            table = ["| " + " | ".join(rows[0]) + " |", "|" + "---|" * width]
            parts.append("\n".join(table + ["| " + " | ".join(r) + " |" for r in rows[1:]]))
        else:
            parts += [("：" if len(r) == 2 else "　").join(r) for r in block]
    return ("\n\n" if markdown else "\n").join(parts) + "\n"


_FIXED = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def _docx_fill(document, doc: Doc, page_break: bool) -> None:
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK

    title = document.add_paragraph()
    if page_break:
        title.add_run().add_break(WD_BREAK.PAGE)
    title.add_run(doc.title).bold = True
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for block in doc.blocks[1:]:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        width = max(len(r) for r in block)
        table = document.add_table(rows=len(block), cols=width)
        table.style = "Table Grid"
        for row, cells in zip(table.rows, block):
            for cell, text in zip(row.cells, cells):
                cell.text = text


def _docx_bytes(docs: list[Doc]) -> bytes:
    from docx import Document

    document = Document()
    document.core_properties.created = document.core_properties.modified = _FIXED.replace(tzinfo=None)
    document.core_properties.author = "临江市行政执法案卷"
    for i, doc in enumerate(docs):
        _docx_fill(document, doc, page_break=bool(i))
    out = io.BytesIO()
    document.save(out)
    return _stable_zip(out.getvalue())


def _stable_zip(data: bytes) -> bytes:
    """Rewrite a zip with fixed timestamps so output is byte-identical for a seed."""
    src, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, (2024, 1, 1, 0, 0, 0)), src.read(info.filename),
                         compress_type=zipfile.ZIP_DEFLATED, compresslevel=1)
    return out.getvalue()


class _PdfFont:
    """One small subset of the CJK font holding every character the run draws (fast fpdf2 loads)."""

    def __init__(self, chars: set[str]) -> None:
        full = cjk_font_path()
        if full is None:
            raise RuntimeError(f"no CJK font found; install the Debian package {CJK_FONT_DEBIAN_PACKAGE}")
        wanted = sorted(chars | set("0123456789-— "))
        stamp = hashlib.sha1((full + "".join(wanted)).encode()).hexdigest()[:16]
        self.path = Path(tempfile.gettempdir()) / "normscope-test-fonts" / f"dossier-{stamp}.ttf"
        if not self.path.is_file():
            from fontTools import subset, ttLib

            font = ttLib.TTFont(full, fontNumber=0, lazy=True)
            options = subset.Options()
            options.notdef_outline, options.hinting, options.layout_features, options.name_IDs = True, False, [], ["*"]
            options.drop_tables += ["FFTM"]
            subsetter = subset.Subsetter(options)
            subsetter.populate(unicodes=[ord(ch) for ch in wanted])
            subsetter.subset(font)
            self.path.parent.mkdir(parents=True, exist_ok=True)
            partial = self.path.with_suffix(f".{id(self)}.tmp")
            font.save(partial)
            partial.replace(self.path)   # atomic: parallel test processes may build it too


_TOKEN = re.compile(r"[（《〔“]*(?:[0-9A-Za-z￥][0-9A-Za-z.,:/\-]*|.)[，。、；：）》〕”]*")


def _wrap(text: str, width: float, char_width) -> list[str]:
    """Greedy wrapping as a word processor does for CJK: any character may start a line, except
    that numbers and codes stay whole, closing punctuation never starts one and opening never ends one."""
    lines, current, used = [], "", 0.0
    for token in _TOKEN.findall(text):
        w = sum(char_width(ch) for ch in token)
        if current and used + w > width:
            lines.append(current)
            current, used = "", 0.0
        current += token
        used += w
    return lines + [current] if current or not lines else lines


def _pdf_bytes(docs: list[Doc], font: _PdfFont) -> tuple[bytes, list[int]]:
    """A4 PDF, each document from a new page with its title first; returns each document's 0-based start page."""
    from fpdf import FPDF

    pdf = FPDF(unit="pt", format="A4")
    pdf.set_creation_date(_FIXED)
    pdf.add_font("cjk", fname=str(font.path))
    for loaded in pdf.fonts.values():   # the subset's bounding boxes are already right: skip fontTools'
        loaded.ttfont.recalcBBoxes = False   # per-glyph recompilation (4x faster output)
    pdf.set_auto_page_break(False)
    margin, width, bottom = 72.0, 595.28 - 144.0, 841.89 - 72.0
    widths: dict[str, float] = {}

    def char_width(ch: str) -> float:
        if ch not in widths:
            widths[ch] = pdf.get_string_width(ch)
        return widths[ch]

    starts = []
    for doc in docs:
        pdf.add_page()
        starts.append(pdf.page_no() - 1)
        pdf.set_font("cjk", size=18)
        pdf.text((595.28 - pdf.get_string_width(doc.title)) / 2, margin + 18, doc.title)
        y = margin + 48
        pdf.set_font("cjk", size=12)
        for paragraph in _text(doc, markdown=False).splitlines()[1:]:
            for line in _wrap(paragraph, width, char_width):
                if y > bottom:
                    pdf.add_page()
                    y = margin + 12
                pdf.text(margin, y, line)
                y += 20
            y += 4
    return bytes(pdf.output()), starts


# ---------------------------------------------------------------- generate

@dataclass
class GeneratedDossier:
    name: str              # e.g. "d017"
    path: Path             # a folder, a .zip, or one .pdf/.docx holding all documents
    layout: str            # "folder" | "zip" | "pdf" | "docx"
    expected: set[str]     # D rule ids the engine must report (empty for a clean dossier)
    facts: dict            # ground truth, see _facts


NAME_SCHEMES = ("{i:03d}", "scan_{i:02d}", "材料{i}", "附件{i}", "IMG_{r:04d}", "文档{i}")
FILE_KINDS = ("txt", "md", "docx", "pdf")
FILE_WEIGHTS = (38, 22, 24, 16)


@dataclass
class _Built:
    case: Case
    docs: list[Doc]
    removed: list[str]
    writer: Writer
    layout: str
    kinds: list[str]       # per document: file kind (folder/zip layouts)
    names: list[str]       # per document: file name (folder/zip layouts)
    encoding: list[str]


def _build(index: int, rules: frozenset[str], layout: str, seed: int) -> _Built:
    rng = random.Random(f"{seed}:{index}")
    case = _sample_case(rng, f"d{index:03d}", rules)
    _configure(rng, case)
    case.dates = _timeline(rng, case)
    writer = Writer(rng, case)
    docs, removed = _documents(rng, case, writer)
    found = _audit(case, docs)
    assert found == set(rules), (case.name, sorted(rules), sorted(found))
    scheme = rng.choice(NAME_SCHEMES)
    numbers = rng.sample(range(1, len(docs) + 1), len(docs))
    kinds = rng.choices(FILE_KINDS, FILE_WEIGHTS, k=len(docs))
    names = [scheme.format(i=i, r=rng.randrange(1000, 9999)) + "." + k for i, k in zip(numbers, kinds)]
    legacy = layout in ("folder", "zip") and rng.random() < 0.2     # some offices still save .txt as GB18030
    encoding = ["gb18030" if k == "txt" and legacy else "utf-8" for k in kinds]
    return _Built(case, docs, removed, writer, layout, kinds, names, encoding)


def _write(built: _Built, out_dir: Path, font: _PdfFont | None) -> tuple[Path, list[tuple]]:
    """Write the dossier; return its path and the (file name or start page, type) of each document."""
    c, docs = built.case, built.docs
    if built.layout == "pdf":
        path = out_dir / f"{c.name}.pdf"
        data, starts = _pdf_bytes(docs, font)
        path.write_bytes(data)
        return path, [(s, d.type) for s, d in zip(starts, docs)]
    if built.layout == "docx":
        path = out_dir / f"{c.name}.docx"
        path.write_bytes(_docx_bytes(docs))
        return path, [(i, d.type) for i, d in enumerate(docs)]
    files = {}
    for doc, kind, fname, enc in zip(docs, built.kinds, built.names, built.encoding):
        if kind in ("txt", "md"):
            files[fname] = _text(doc, markdown=kind == "md").encode(enc)
        elif kind == "docx":
            files[fname] = _docx_bytes([doc])
        else:
            files[fname] = _pdf_bytes([doc], font)[0]
    listing = sorted(((f, d.type) for f, d in zip(built.names, docs)), key=lambda x: x[0])
    if built.layout == "zip":
        path = out_dir / f"{c.name}.zip"
        root = f"{c.name}/" if int(hashlib.md5(c.name.encode()).hexdigest(), 16) % 2 else ""
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for fname in sorted(files):
                z.writestr(zipfile.ZipInfo(root + fname, (2024, 1, 1, 0, 0, 0)), files[fname],
                           compress_type=zipfile.ZIP_DEFLATED)
        return path, [(root + f, t) for f, t in listing]
    path = out_dir / c.name
    path.mkdir(parents=True, exist_ok=True)
    for fname, data in files.items():
        (path / fname).write_bytes(data)
    return path, listing


def _facts(built: _Built, documents: list[tuple]) -> dict:
    c, w = built.case, built.writer
    loose = built.layout in ("folder", "zip")
    return {
        "case_no": c.case_no,
        "agency": c.agency.name,
        "party": c.party.name,
        "party_type": c.party.type,
        "fine": c.fine,
        "kinds": list(c.kinds),
        "notice_fine": c.notice_fine,
        "notice_kinds": list(c.notice_kinds),
        "basis": c.provision.cite,
        "range": (c.provision.low, c.provision.high),
        "dates": {k: v.isoformat() for k, v in sorted(c.dates.items(), key=lambda kv: kv[1])},
        "officers": [(o.name, o.cert) for o in c.officers],
        "documents": documents,
        "missing": built.removed,                 # document types removed to plant a defect
        "hearing": {"required": c.hearing_required, "notice": c.hearing_mode, "held": c.hearing_held},
        "major": c.major,
        "statement": c.statement,                 # "" | 陈述 | 放弃 (written waiver)
        "extension": c.extension,                 # "" | approved | unapproved
        "variants": {k: v for k, v in c.variants.items() if k in RULES},
        "date_styles": sorted(w.date_styles),
        "amount_styles": sorted(w.amount_styles),
        "templates": sorted(set(w.templates)),
        "titles": [d.title for d in built.docs],  # in file order for pdf/docx, chronological for folders
        "encodings": sorted({e for e, k in zip(built.encoding, built.kinds) if k == "txt" and loose}),
    }


def _layouts(n: int, rng: random.Random) -> list[str]:
    each = max(1, n * 3 // 20) if n >= 4 else 0
    layouts = ["zip"] * each + ["pdf"] * each + ["docx"] * each
    layouts += ["folder"] * (n - len(layouts))
    rng.shuffle(layouts)
    return layouts


def generate(out_dir: Path, n: int = 60, seed: int = 7) -> list[GeneratedDossier]:
    """Write ``n`` dossiers under ``out_dir`` and return what each holds; deterministic for a seed."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    plan, layouts = _plan(n, rng), _layouts(n, rng)
    built = [_build(i + 1, rules, layout, seed) for i, (rules, layout) in enumerate(zip(plan, layouts))]
    chars = {ch for b in built for doc, kind in zip(b.docs, b.kinds)
             if b.layout == "pdf" or kind == "pdf" for ch in _text(doc, markdown=False)}
    font = _PdfFont(chars) if chars else None
    result = []
    for b in built:
        path, documents = _write(b, out_dir, font)
        result.append(GeneratedDossier(b.case.name, path, b.layout, set(b.case.rules), _facts(b, documents)))
    return result


if __name__ == "__main__":  # pragma: no cover - manual inspection
    import sys
    from collections import Counter

    target = Path(sys.argv[1] if len(sys.argv) > 1 else tempfile.mkdtemp(prefix="dossiers-"))
    dossiers = generate(target)
    counts = Counter(r for d in dossiers for r in d.expected)
    print(target, len(dossiers), "clean:", sum(not d.expected for d in dossiers))
    print(sorted(counts.items()))
