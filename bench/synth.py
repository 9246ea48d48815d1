"""A synthetic provincial archive for the scale test (issue 7), made from the shared law corpus.

Every document takes a real law or regulation of ../shared/corpus/laws as its base text and turns
it into a fictional local document of the fictional province 江南省 (its cities and counties):

- **renamed**: a title, issuer, 文号 or 令号, header and signature of a 地方性法规 (人大常委会),
  地方政府规章 (人民政府令), 行政规范性文件 (印发 notices, 通知/意见 in numbered sections) or a
  paper that is not normative (工作总结, 通报); place names of the base replaced by the region's;
- **re-dated**: published 1995–2026, effective some days later or on publication, a share with
  有效期 (many of them long expired), revisions and replacements of earlier documents later;
- **varied**: articles dropped, swapped and renumbered, amounts and time limits changed, a
  paragraph added or removed; a region reuses some base texts, so its documents repeat and
  contradict each other as a real archive does (cleanup's C107/C108 have work), and later
  documents repeal or re-regulate earlier ones (C104), or revise them (new versions).

Mostly .md and .txt (some GB18030, some CRLF), some scraped-looking .html and a small share of
.docx, packed 1,000 to a zip. Document i depends only on (seed, i): the same seed gives the same
bytes whatever the worker count. Nothing is written inside the repository.

    python bench/synth.py --count 100000 --out /tmp/normscope-scale/archive-100000 --seed 7
"""
from __future__ import annotations

import argparse
import csv
import hashlib
import html
import io
import json
import os
import random
import re
import sys
import time
import zipfile
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, replace
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAWS = Path(os.environ.get("NORMSCOPE_CORPUS", ROOT.parent / "shared" / "corpus")) / "laws"
DEFAULT_WORK = Path("/tmp/normscope-scale")
PER_ZIP = 1000
GENERATOR_VERSION = 1  # bump when the output for a seed changes, so bench/scale.py regenerates
TODAY = date(2026, 11, 20)  # the latest publication date; fixed so a seed always gives the same archive
ZIP_TIME = (2026, 11, 20, 9, 0, 0)

# -- the fictional province -------------------------------------------------------------------
PROVINCE = ("江南省", "江", "省")
CITIES = [("临江市", "临"), ("云岭市", "云"), ("望海市", "望"), ("丹霞市", "丹"), ("清源市", "清"), ("凤鸣市", "凤"),
          ("玉泉市", "玉"), ("金川市", "金"), ("石门市", "石"), ("河阳市", "河"), ("松岗市", "松"), ("桐川市", "桐")]
COUNTIES = ["青川县", "白水县", "柳溪县", "梅岭县", "石桥县", "双河县", "安平县", "南屏县", "东坪县", "北岗县", "桃源县",
            "龙泉县", "芦湾县", "杏坛县", "竹溪县", "枫林县", "沙洲县", "鹤鸣县", "兰亭县", "星沙县", "银湖县", "翠屏县",
            "红岩县", "黄沙县", "碧水县", "雁塔县", "紫荆县", "长汀县", "凌云县", "秀峰县", "甘泉县", "西岭县", "晴川县",
            "落霞县", "栖凤县", "蒲塘县"]
#: Every real province-level name: none may appear in a generated title (tests/bench check it).
REAL_PROVINCES = ("北京", "天津", "上海", "重庆", "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建",
                  "江西", "山东", "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海",
                  "台湾", "内蒙古", "广西", "西藏", "宁夏", "新疆", "香港", "澳门")
DEPARTMENTS = [("城市管理局", "城管"), ("生态环境局", "环"), ("市场监督管理局", "市监"), ("住房和城乡建设局", "建"),
               ("自然资源和规划局", "自然资源"), ("交通运输局", "交"), ("农业农村局", "农"), ("卫生健康委员会", "卫健"),
               ("教育局", "教"), ("文化广电旅游局", "文旅"), ("应急管理局", "应急"), ("水利局", "水"),
               ("人力资源和社会保障局", "人社"), ("民政局", "民"), ("公安局", "公"), ("财政局", "财"), ("司法局", "司"),
               ("商务局", "商"), ("林业局", "林")]
SURNAMES = "张王李赵刘陈杨黄周吴徐孙马朱胡郭何林罗高"


@dataclass(frozen=True)
class Region:
    name: str  # 临江市
    abbr: str  # 临 (文号 prefix)
    tier: str  # 省 / 市 / 县

    @property
    def short(self) -> str:  # 市人民政府, 本市
        return self.tier


def regions() -> list[Region]:
    out = [Region(PROVINCE[0], PROVINCE[1], "省")]
    out += [Region(n, a, "市") for n, a in CITIES]
    out += [Region(n, n[:2], "县") for n in COUNTIES]
    return out


REGIONS = regions()
REGION_WEIGHTS = [8.0] + [52.0 / len(CITIES)] * len(CITIES) + [40.0 / len(COUNTIES)] * len(COUNTIES)

# -- what is generated ---------------------------------------------------------------------------
#: kind → intended level. "section" is a 通知/意见 in numbered sections, "issue" a 印发 notice with rules.
LEVEL_OF = {"regulation": "地方性法规", "rule": "地方政府规章", "issue": "行政规范性文件", "section": "行政规范性文件",
            "campaign": "行政规范性文件", "paper": "其他"}
KIND_WEIGHTS = {"省": {"regulation": 14, "rule": 16, "issue": 32, "section": 32, "campaign": 3, "paper": 3},
                "市": {"regulation": 12, "rule": 15, "issue": 34, "section": 33, "campaign": 3, "paper": 3},
                "县": {"issue": 46, "section": 44, "campaign": 5, "paper": 5}}
FORMAT_WEIGHTS = {"md": 46, "txt": 39, "html": 13.5, "docx": 1.5}
P_REVISION, P_REPLACEMENT, P_LOCAL_BASE, P_TRIAL = 0.08, 0.03, 0.35, 0.12
LOCAL_POOL = 40  # base texts a region keeps coming back to


@dataclass(frozen=True)
class Spec:
    """The plan of one document: everything but its varied body."""

    serial: int
    base: int  # index into the base list
    region: int  # index into REGIONS
    kind: str
    issuer: str
    subject: str
    title: str
    inner: str  # the title of the rules an 印发 notice issues, else ""
    trial: bool
    doc_number: str
    published: date
    effective: date
    validity: str  # "", "5年", "至2025年12月31日"
    fmt: str
    variant: str = "original"  # original / revision / replacement
    of: int = -1  # the serial revised or replaced
    repeals: str = ""  # title (and 文号) an explicit repeal clause names


# -- base texts --------------------------------------------------------------------------------
@dataclass
class Base:
    path: str
    title: str
    place: str  # the real place prefix of its title (上海市), or ""
    province: str  # 上海 for 地方性法规/上海/…, else ""
    chapters: list[tuple[int, str]]  # (index of the first article under it, heading)
    articles: list[list[str]]  # paragraphs; the first without its label


_ART_RE = re.compile(r"^第([零〇一二三四五六七八九十百千]+)条(?:之[一二三四五六七八九十])?[\s　]*")
_CHAPTER_RE = re.compile(r"^#*\s*(第[零〇一二三四五六七八九十百千]+[编章节])[\s　]*(.*)$")
_PLACE_RE = re.compile(r"^([\u4e00-\u9fff]{2,6}?(?:省|市|自治区|自治州|县|经济特区))")
_SKIP_FOLDERS = {"案例", "其他", "宪法"}


def base_paths() -> list[str]:
    """The manifest's rows usable as base texts, in manifest order (the order is part of the seed)."""
    with (LAWS / "manifest.csv").open(encoding="utf-8") as f:
        return [r["path"] for r in csv.DictReader(f) if r["path"].split("/")[0] not in _SKIP_FOLDERS]


@lru_cache(maxsize=None)
def _all_paths() -> tuple[str, ...]:
    return tuple(base_paths())


@lru_cache(maxsize=4096)
def load_base(i: int) -> Base | None:
    """Base text i split into chapter headings and articles; None when it has too few articles."""
    path = _all_paths()[i]
    text = (LAWS / path).read_text(encoding="utf-8", errors="replace")
    head, sep, body = text.partition("<!-- INFO END -->")
    if not sep:
        body, head = text, ""
    title = next((ln.lstrip("#").strip() for ln in head.splitlines() if ln.startswith("# ")), Path(path).stem)
    title = re.sub(r"\(\d{4}-\d{2}-\d{2}\)$", "", title)
    chapters, articles = [], []
    for raw in body.splitlines():
        line = raw.strip().replace("\u3000", " ").strip()
        if not line or line.startswith("<!--"):
            continue
        m = _CHAPTER_RE.match(line)
        if m and len(line) < 40:
            chapters.append((len(articles), m.group(1) + "　" + re.sub(r"\s+", "", m.group(2))))
            continue
        if line.startswith("#"):
            continue
        m = _ART_RE.match(line)
        if m:
            rest = line[m.end():].strip()
            articles.append([rest] if rest else [])
        elif articles:
            articles[-1].append(line)
    articles = [a for a in articles if a and a[0]]
    if len(articles) < 3:
        return None
    parts = path.split("/")
    province = parts[1] if parts[0] == "地方性法规" and len(parts) > 2 else ""
    place = m.group(1) if (m := _PLACE_RE.match(title)) else ""
    return Base(path, title, place, province, chapters, articles)


def subject_of(title: str) -> str:
    """What a base text is about, as a short noun phrase for new titles: 上海市不动产登记若干规定 → 不动产登记."""
    t = re.sub(r"[（(][^)）]*[)）]", "", title)
    quoted = re.search(r"《([^》]+)》", t)
    t = (quoted.group(1) if quoted else t).removeprefix("中华人民共和国")
    t = _PLACE_RE.sub("", t)
    if "关于" in t:
        t = t.split("关于", 1)[1]
        t = re.sub(r"^(?:审理|办理|适用|处理|加强|进一步|做好|实施|修改|废止)+", "", t)
        t = re.split(r"(?:刑事|民事|行政)?案件|适用法律|具体应用|若干问题|的(?:解释|规定|决定|意见|通知|批复)", t)[0]
    t = re.sub(r"^(?:促进|实施)", "", t)
    for _ in range(3):
        t = re.sub(r"(?:实施细则|实施办法|实施条例|若干规定|条例|暂行规定|规定|暂行办法|办法|细则|法|决定|解释|规则|"
                   r"意见|通知|批复|修正案|规程|标准|管理|监督|监督管理)$", "", t)
    for name in REAL_PROVINCES:
        t = t.replace(name + "省", "").replace(name, "")
    t = re.sub(r"[^\u4e00-\u9fff]", "", t)
    return t if 2 <= len(t) <= 12 else ""


TOPICS = ["城市绿化", "扬尘污染防治", "户外广告设施", "生活垃圾分类", "物业服务", "停车场", "餐饮油烟", "建筑垃圾",
          "农贸市场", "供水用水", "燃气", "消防安全", "安全生产", "食品摊贩", "房屋租赁", "文明行为", "养犬",
          "河道", "水土保持", "地下管线", "城市道路", "公共交通", "出租汽车", "旅游市场", "文物保护", "森林防火",
          "畜禽养殖污染防治", "农村公路", "电梯安全", "人才引进", "政府投资项目", "政务数据", "预付卡", "广场舞噪声"]

# -- numbers and dates ----------------------------------------------------------------------------
_CN_DIGITS = "零一二三四五六七八九"
_CN_VALUE = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNIT = {"十": 10, "百": 100, "千": 1000}


def cn_number(n: int) -> str:
    """1 → 一, 15 → 十五, 105 → 一百零五, 25000 → 二万五千 (n < 10⁸)."""
    if n == 0:
        return "零"
    if n >= 10000:
        hi, lo = divmod(n, 10000)
        return cn_number(hi) + "万" + (("零" if lo < 1000 else "") + cn_number(lo) if lo else "")
    out, zero = "", False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d, n = divmod(n, value)
        if d:
            if zero:
                out += "零"
            out += ("" if (unit == "十" and d == 1 and not out) else _CN_DIGITS[d]) + unit
            zero = False
        elif out:
            zero = True
    return out


def cn_value(s: str) -> int | None:
    """The value of a Chinese numeral below 10⁸ (二万五千, 十五, 一百零五); None if it is not one."""
    total, section, digit = 0, 0, None
    for ch in s:
        if ch in _CN_VALUE:
            digit = _CN_VALUE[ch]
        elif ch in _CN_UNIT:
            section += (1 if digit is None else digit) * _CN_UNIT[ch]
            digit = None
        elif ch == "万":
            total += (section + (digit or 0)) * 10000
            section, digit = 0, None
        else:
            return None
    return total + section + (digit or 0)


def cn_date(d: date) -> str:
    return f"{d.year}年{d.month}月{d.day}日"


def _session(year: int) -> str:
    """The 人大 term sitting in ``year`` (terms of five years, the 8th from 1993)."""
    return cn_number(8 + (year - 1993) // 5)


_QTY_RE = re.compile(r"(?<![第月\d])(\d{1,6}|[零〇一二两三四五六七八九十百千万]{1,8})(?=(?:个工作日|工作日|日|天|个月|年|万元|元|"
                     r"平方米|米|吨|人|%))(个工作日|工作日|日|天|个月|年|万元|元|平方米|米|吨|人|%)")
_SELF_RE = re.compile(r"本(?:实施细则|实施办法|条例|规定|办法|细则|解释|决定|规则|法)(?![律院人官庭典制治])")


def vary_amounts(text: str, rng: random.Random, share: float) -> str:
    """Change some quantities (罚款数额, 期限, 面积): the same clause with other numbers is a contradiction."""
    def sub(m: re.Match) -> str:
        n, unit = m.group(1), m.group(2)
        if rng.random() >= share:
            return m.group(0)
        arabic = n.isdigit()
        value = int(n) if arabic else cn_value(n)
        if not value or (unit == "年" and value >= 100):
            return m.group(0)
        factor = rng.choice((0.5, 2, 3, 1.5, 5, 0.2))
        new = max(1, int(round(value * factor)))
        if new == value:
            new = value + 1
        return (str(new) if arabic else cn_number(new)) + unit
    return _QTY_RE.sub(sub, text)


# -- planning --------------------------------------------------------------------------------
def _rng(seed: int, serial: int, what: str) -> random.Random:
    return random.Random(f"{seed}:{serial}:{what}")


def _weighted(rng: random.Random, weights: dict[str, float]) -> str:
    return rng.choices(list(weights), list(weights.values()))[0]


def _publish_date(rng: random.Random, after: date | None = None) -> date:
    if after is not None:
        start = after + timedelta(days=rng.randint(300, 8 * 365))
        return min(start, TODAY)
    year = rng.choices(range(1995, 2027), [y - 1990 for y in range(1995, 2027)])[0]
    d = date(year, 1, 1) + timedelta(days=rng.randint(0, 364))
    return min(d, TODAY)


@lru_cache(maxsize=None)
def _local_pool(seed: int, region: int, n_bases: int) -> tuple[int, ...]:
    return tuple(random.Random(f"{seed}:pool:{region}").sample(range(n_bases), min(LOCAL_POOL, n_bases)))


def _pick_base(rng: random.Random, seed: int, region: int) -> int:
    n = len(_all_paths())
    while True:
        b = rng.choice(_local_pool(seed, region, n)) if rng.random() < P_LOCAL_BASE else rng.randrange(n)
        base = load_base(b)
        if base is not None:
            return b


def _issuer(rng: random.Random, region: Region, kind: str) -> tuple[str, str]:
    """(issuer, 文号 prefix) of a document of ``kind`` in ``region``."""
    if kind == "regulation":
        return region.name + "人民代表大会常务委员会", ""
    if kind == "rule":
        return region.name + "人民政府", ""
    r = rng.random()
    if r < 0.3:
        return region.name + "人民政府", region.abbr + "政发"
    if r < 0.5:
        office = "办公厅" if region.tier == "省" else "办公室"
        return region.name + "人民政府" + office, region.abbr + "政办发"
    name, abbr = rng.choice(DEPARTMENTS[1:] if region.tier == "省" else DEPARTMENTS)
    if region.tier == "省" and name.endswith("局") and name not in ("市场监督管理局", "林业局"):
        name = name[:-1] + "厅"
    return region.name + name, region.abbr + abbr + "发"


def _title(rng: random.Random, kind: str, region: Region, issuer: str, subject: str, year: int,
           trial: bool) -> tuple[str, str]:
    """(title, inner title) of a new document."""
    suffix = "（试行）" if trial else ""
    if kind == "regulation":
        end = rng.choice(("条例", "条例", "管理条例", "若干规定", "促进条例"))
        if subject.endswith("管理") and end == "管理条例":
            end = "条例"
        return f"{region.name}{subject}{end}", ""
    if kind == "rule":
        end = rng.choice(("管理办法", "办法", "规定", "实施办法", "实施细则", "管理规定"))
        return f"{region.name}{subject}{end}{suffix}", ""
    if kind == "issue":
        inner = f"{region.name}{subject}{rng.choice(('管理办法', '实施细则', '管理规定', '实施办法', '工作规则'))}{suffix}"
        return f"{issuer}关于印发《{inner}》的通知", inner
    if kind == "section":
        lead = rng.choice(("加强", "进一步加强", "规范", "做好", "加强和改进", "全面推进"))
        tail = rng.choice(("管理工作的通知", "工作的通知", "管理的通知", "管理的实施意见", "工作的意见", "的若干意见"))
        return f"{issuer}关于{lead}{subject}{tail}", ""
    if kind == "campaign":
        return f"{issuer}关于开展{year}年{subject}专项整治行动的通知", ""
    if rng.random() < 0.6:
        return f"{issuer}{year}年度{subject}工作总结", ""
    return f"{issuer}关于{year}年{subject}专项检查情况的通报", ""


def _doc_number(rng: random.Random, kind: str, prefix: str, year: int) -> str:
    n = rng.randint(1, 180 if kind != "rule" else 60)
    if kind == "regulation":
        return ""
    if kind == "rule":
        return f"第{n}号"
    return f"{prefix}〔{year}〕{n}号"


def _validity(rng: random.Random, kind: str, trial: bool, effective: date) -> str:
    if kind not in ("issue", "section", "campaign"):
        return ""
    r = rng.random()
    if r < 0.12:
        return ""
    if trial:
        return "2年"
    if r < 0.22:
        end_year = min(effective.year + rng.choice((2, 3, 5)), 2031)  # (a 29 February has no year later)
        return "至" + cn_date(date(end_year, 12, 31))
    return f"{rng.choice((3, 5, 5, 5))}年"


@lru_cache(maxsize=65536)
def plan(seed: int, serial: int, depth: int = 0) -> Spec:
    """The spec of document ``serial``: an original, or a revision or replacement of an earlier one."""
    rng = _rng(seed, serial, "plan")
    fmt = _weighted(rng, FORMAT_WEIGHTS)
    r = rng.random()
    if serial > 0 and depth < 4 and r < P_REVISION + P_REPLACEMENT:
        for _ in range(8):
            earlier = plan(seed, rng.randrange(max(0, serial - 5000), serial), depth + 1)
            if earlier.kind == "paper" or earlier.kind == "campaign":
                continue
            if r < P_REVISION:
                return _revise(rng, earlier, serial, fmt)
            if earlier.trial:
                return _replace(rng, earlier, serial, fmt)
    region_i = rng.choices(range(len(REGIONS)), REGION_WEIGHTS)[0]
    region = REGIONS[region_i]
    kind = _weighted(rng, KIND_WEIGHTS[region.tier])
    base_i = _pick_base(rng, seed, region_i)
    base = load_base(base_i)
    subject = subject_of(base.title) or rng.choice(TOPICS)
    issuer, prefix = _issuer(rng, region, kind)
    published = _publish_date(rng)
    trial = kind in ("rule", "issue") and rng.random() < P_TRIAL
    title, inner = _title(rng, kind, region, issuer, subject, published.year, trial)
    effective = published if rng.random() < 0.25 else published + timedelta(days=rng.randint(10, 90))
    return Spec(serial, base_i, region_i, kind, issuer, subject, title, inner, trial,
                _doc_number(rng, kind, prefix, published.year), published, effective,
                _validity(rng, kind, trial, effective), fmt)


def _revise(rng: random.Random, earlier: Spec, serial: int, fmt: str) -> Spec:
    """A later version of the same document: same title, new date and number, the text varied again."""
    published = _publish_date(rng, after=earlier.published)
    effective = published if rng.random() < 0.25 else published + timedelta(days=rng.randint(10, 90))
    prefix = earlier.doc_number.split("〔")[0]
    return replace(earlier, serial=serial, published=published, effective=effective, fmt=fmt,
                   doc_number=_doc_number(rng, earlier.kind, prefix, published.year),
                   validity=_validity(rng, earlier.kind, earlier.trial, effective),
                   variant="revision", of=earlier.serial, repeals="")


def _replace(rng: random.Random, earlier: Spec, serial: int, fmt: str) -> Spec:
    """The definitive rules replacing a 试行 document of the same issuer, repealing it expressly."""
    rev = _revise(rng, earlier, serial, fmt)
    title, inner = earlier.title.replace("（试行）", ""), earlier.inner.replace("（试行）", "")
    named = earlier.inner or earlier.title
    number = f"（{earlier.doc_number}）" if "〔" in earlier.doc_number else ""
    return replace(rev, title=title, inner=inner, trial=False, variant="replacement",
                   validity=_validity(rng, earlier.kind, False, rev.effective),
                   repeals=f"{cn_date(earlier.published)}发布的《{named}》{number}")


# -- rendering -----------------------------------------------------------------------------------
_ADDED = [
    "{s}人民政府应当加强对{subj}工作的组织领导，建立健全工作协调机制，所需经费列入本级财政预算。",
    "有关部门应当按照各自职责，密切配合，共同做好{subj}相关工作，并定期向社会公布工作情况。",
    "鼓励和支持社会组织、志愿者参与{subj}工作，对作出显著成绩的单位和个人，按照有关规定给予表彰。",
    "{s}主管部门应当建立{subj}信息平台，推动数据共享，提高监督管理和公共服务效率。",
    "任何单位和个人有权对违反本{kw}的行为进行投诉、举报，有关部门应当在十五个工作日内核实处理。",
    "乡镇人民政府、街道办事处应当配合做好辖区内{subj}的宣传引导和日常巡查工作。",
    "{s}主管部门应当每年对{subj}工作开展一次评估，评估结果作为改进工作的依据。",
    "实行{subj}工作责任制，将工作完成情况纳入年度绩效考核。",
]
_SECTION_HEADS = ["总体要求", "主要任务", "工作措施", "监督管理", "保障措施", "职责分工", "工作要求", "其他事项"]
_RECIPIENTS = {"省": "各设区的市人民政府，省政府各部门、各直属机构：", "市": "各县（市、区）人民政府，市政府各部门、各直属机构：",
               "县": "各乡镇人民政府，县政府各部门、各直属单位："}


@dataclass
class Rendered:
    spec: Spec
    lines: list[str]  # logical paragraphs, title first
    headings: set[int]  # indexes of lines to show as headings
    masthead: list[str]  # 版头 and 文号 printed above the title, as a 红头文件 has them


def _kind_word(spec: Spec) -> str:
    name = spec.inner or spec.title
    name = name.replace("（试行）", "")
    for w in ("实施细则", "实施办法", "若干规定", "工作规则", "条例", "办法", "规定", "细则", "规则"):
        if name.endswith(w):
            return {"若干规定": "规定", "工作规则": "规则"}.get(w, w)
    return "意见" if name.endswith("意见") else "通知"


def _localise(text: str, base: Base, region: Region, kw: str) -> str:
    if base.place:
        text = text.replace(base.place, region.name)
    if base.province:
        for full in (base.province + "省", base.province + "市", base.province):
            text = text.replace(full, region.name if full != base.province else region.name[:-1])
    return _SELF_RE.sub("本" + kw, text)


def _body_articles(spec: Spec, rng: random.Random, base: Base, region: Region, kw: str,
                   limit: int) -> tuple[list[tuple[str | None, list[str]]], bool]:
    """Chapters and varied articles: [(chapter heading or None, paragraphs)], and whether renumbered."""
    arts = [list(a) for a in base.articles[:-1]]
    chapter_at = dict(base.chapters)
    heads = [chapter_at.get(i) for i in range(len(arts))]
    keep = rng.randint(max(3, limit // 3), limit)
    if len(arts) > keep:
        arts, heads = arts[:keep], heads[:keep]
    for _ in range(rng.choice((0, 1, 1, 2, 3))):  # drop a few articles (not the first)
        if len(arts) > 4:
            i = rng.randrange(1, len(arts))
            if heads[i] and i + 1 < len(heads) and not heads[i + 1]:
                heads[i + 1] = heads[i]
            del arts[i], heads[i]
    if len(arts) > 4 and rng.random() < 0.4:  # swap two neighbours
        i = rng.randrange(1, len(arts) - 1)
        if not heads[i + 1]:
            arts[i], arts[i + 1] = arts[i + 1], arts[i]
    if rng.random() < 0.5:  # add a paragraph
        i = rng.randrange(len(arts))
        arts[i].append(rng.choice(_ADDED).format(s=region.short, subj=spec.subject, kw=kw))
    if rng.random() < 0.3:  # remove one
        multi = [i for i, a in enumerate(arts) if len(a) > 1]
        if multi:
            arts[rng.choice(multi)].pop()
    share = rng.choice((0.0, 0.1, 0.25, 0.5))
    out = []
    for head, a in zip(heads, arts):
        paras = [vary_amounts(_localise(p, base, region, kw), rng, share) for p in a]
        out.append((head, paras))
    return out, rng.random() >= 0.02  # 2% keep a numbering slip (a gap), as real archives do


def _closing_article(spec: Spec, kw: str) -> str:
    if spec.effective == spec.published and spec.kind in ("issue", "section", "campaign"):
        text = f"本{kw}自印发之日起施行"
    else:
        text = f"本{kw}自{cn_date(spec.effective)}起施行"
    if spec.validity.startswith("至"):
        text += f"，有效期{spec.validity}"
    elif spec.validity:
        text += f"，有效期{cn_number(int(spec.validity[:-1]))}年"
    text += "。"
    if spec.repeals:
        text += f"{spec.repeals}同时废止。"
    return text


def _signer(rng: random.Random, region: Region) -> str:
    title = {"省": "省长", "市": "市长", "县": "县长"}[region.tier]
    return f"{title}　{rng.choice(SURNAMES)}某某"


def render(seed: int, spec: Spec) -> Rendered:
    """The document's paragraphs: header, body and signature, before any file format."""
    rng = _rng(seed, spec.serial, "body")
    base = load_base(spec.base)
    region = REGIONS[spec.region]
    kw = _kind_word(spec)
    lines: list[str] = []
    heads: set[int] = set()
    masthead: list[str] = []
    limit = {"regulation": 70, "rule": 45, "issue": 35, "section": 24, "campaign": 16, "paper": 8}[spec.kind]
    articles, renumber = _body_articles(spec, rng, base, region, kw, limit)
    articles.append((None, [_closing_article(spec, kw)]))
    signed = cn_date(spec.published)
    gov = region.name + "人民政府"

    def article_lines() -> None:
        n = 0
        for head, paras in articles:
            if head and spec.kind in ("regulation", "rule"):
                heads.add(len(lines))
                lines.append(head)
            n += 1 if renumber or rng.random() > 0.05 else 2
            sep = "　" if rng.random() < 0.7 else " "
            lines.append(f"第{cn_number(n)}条{sep}{paras[0]}")
            lines.extend(paras[1:])

    lines.append(spec.title)
    if spec.kind == "regulation":
        adopted = spec.published - timedelta(days=rng.randint(20, 60))
        who = f"{region.name}第{_session(adopted.year)}届人民代表大会常务委员会第{cn_number(rng.randint(2, 40))}次会议"
        events = [f"{cn_date(adopted)}{who}通过"]
        if region.tier == "市":
            events.append(f"{cn_date(spec.published)}{PROVINCE[0]}第{_session(spec.published.year)}届人民代表大会常务委员会"
                          f"第{cn_number(rng.randint(2, 40))}次会议批准")
        if spec.variant == "revision":
            events.append(f"根据{cn_date(adopted + timedelta(days=5))}{who}《关于修改〈{spec.title}〉的决定》修正")
        if rng.random() < 0.5:
            lines.append("（" + "　".join(events) + "）")
        else:
            lines.extend(events)
        article_lines()
    elif spec.kind == "rule":
        lines.append(f"{gov}令")
        lines.append(spec.doc_number)
        adopted = spec.published - timedelta(days=rng.randint(5, 30))
        when = (f"自{cn_date(spec.effective)}起施行" if spec.effective != spec.published else "自公布之日起施行")
        verb = "修订通过" if spec.variant == "revision" else "通过"
        lines.append(f"《{spec.title}》已经{cn_date(adopted)}{region.short}人民政府第{cn_number(rng.randint(1, 120))}次"
                     f"常务会议{verb}，现予公布，{when}。")
        lines.append(_signer(rng, region))
        lines.append(signed)
        lines.append(spec.title)
        article_lines()
    elif spec.kind == "issue":
        if rng.random() < 0.3:
            masthead = [f"{spec.issuer}文件", spec.doc_number]
        else:
            lines.append(spec.doc_number)
        lines.append(_RECIPIENTS[region.tier])
        agreed = f"已经{region.short}人民政府同意" if spec.issuer.startswith(gov) else "已经局务会议研究通过"
        lines.append(f"《{spec.inner}》{agreed}，现印发给你们，请结合实际认真贯彻执行。")
        lines.append(spec.issuer)
        lines.append(signed)
        if rng.random() < 0.5:
            lines.append("（此件公开发布）")
        lines.append(spec.inner)
        article_lines()
    else:  # section, campaign, paper: numbered sections, no articles
        if spec.kind != "paper":
            lines += [spec.doc_number, _RECIPIENTS[region.tier]]
        place = {"省": "全省", "市": "本市", "县": "本县"}[region.tier]
        if spec.kind == "paper":
            lines.append(f"{spec.published.year}年，在{region.short}委、{region.short}政府的正确领导下，我们认真落实"
                         f"{spec.subject}各项工作，现将有关情况总结如下：")
        else:
            lines.append(f"为进一步加强{spec.subject}工作，根据有关法律、法规和规章的规定，结合{place}实际，"
                         f"现就有关事项{'通知' if kw == '通知' else '提出意见'}如下：")
        body = [p for _, paras in articles[:-1] for p in paras]
        groups = max(2, min(len(_SECTION_HEADS) - 1, len(body) // 3))
        size = max(1, -(-len(body) // groups))
        chunks = [c for c in (body[g * size:(g + 1) * size] for g in range(groups)) if c]
        for g, chunk in enumerate(chunks):
            heads.add(len(lines))
            lines.append(f"{cn_number(g + 1)}、{_SECTION_HEADS[g]}")
            lines.extend(f"（{cn_number(k + 1)}）{p}" if len(chunk) > 1 and not p.startswith("（") else p
                         for k, p in enumerate(chunk))
        if spec.kind != "paper":
            heads.add(len(lines))
            lines.append(f"{cn_number(len(chunks) + 1)}、其他事项")
            lines.append(articles[-1][1][0])
        lines.append(spec.issuer)
        lines.append(signed)
    return Rendered(spec, lines, heads, masthead)


def to_bytes(r: Rendered, rng: random.Random) -> tuple[bytes, str]:
    """The file: (bytes, encoding label)."""
    fmt = r.spec.fmt
    if fmt == "md":
        out = r.masthead + ["# " + r.lines[0]] + [("## " + ln) if i in r.headings and rng.random() < 0.5 else ln
                                     for i, ln in enumerate(r.lines[1:], 1)]
        return "\n\n".join(out).encode("utf-8") + b"\n", "utf-8"
    if fmt == "txt":
        indent = "　　" if rng.random() < 0.3 else ""
        eol = "\r\n" if rng.random() < 0.25 else "\n"
        blank = rng.random() < 0.4
        body = r.masthead + [r.lines[0]] + [indent + ln if i not in r.headings else ln for i, ln in enumerate(r.lines[1:], 1)]
        text = (eol * (2 if blank else 1)).join(body) + eol
        if rng.random() < 0.15:
            return text.encode("gb18030"), "gb18030"
        return text.encode("utf-8"), "utf-8"
    if fmt == "html":
        region = REGIONS[r.spec.region].name
        paras = "\n".join(f'<p style="text-indent:2em">{html.escape(ln)}</p>' if i not in r.headings
                          else f"<p><strong>{html.escape(ln)}</strong></p>" for i, ln in enumerate(r.lines[1:], 1))
        page = (f'<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{html.escape(r.lines[0])}_{region}人民政府网</title>'
                f'</head><body><div class="nav">首页 &gt; 政务公开 &gt; 政策文件</div>\n<div class="article">\n'
                + "".join(f'<p align="center">{html.escape(ln)}</p>\n' for ln in r.masthead) +
                f'<h1>{html.escape(r.lines[0])}</h1>\n<div class="info">发布日期：{r.spec.published.isoformat()}　'
                f'【字体：大 中 小】</div>\n{paras}\n</div>\n<div class="footer">主办：{region}人民政府办公室　'
                f'<a href="#">打印本页</a> <a href="#">关闭窗口</a></div>'
                f'<script>var _hmt = _hmt || [];</script></body></html>\n')
        return page.encode("utf-8"), "utf-8"
    return _docx(r), "docx"


def _docx(r: Rendered) -> bytes:
    """A Word file with fixed properties and zip times, so the same seed gives the same bytes."""
    import datetime as dt

    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    d = docx.Document()
    for ln in r.masthead:
        d.add_paragraph(ln).alignment = WD_ALIGN_PARAGRAPH.CENTER
    p = d.add_paragraph(r.lines[0])
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for i, ln in enumerate(r.lines[1:], 1):
        d.add_paragraph(ln)
    stamp = dt.datetime(r.spec.published.year, r.spec.published.month, r.spec.published.day, 9, 0, 0)
    d.core_properties.created = d.core_properties.modified = stamp
    d.core_properties.author = d.core_properties.last_modified_by = "办公室"
    d.core_properties.title = r.lines[0]
    raw = io.BytesIO()
    d.save(raw)
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            dst.writestr(zipfile.ZipInfo(info.filename, date_time=ZIP_TIME), src.read(info),
                         compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()


def document(seed: int, serial: int) -> tuple[Spec, str, bytes, str]:
    """(spec, member name, bytes, encoding) of document ``serial``."""
    spec = plan(seed, serial)
    rng = _rng(seed, serial, "file")
    data, encoding = to_bytes(render(seed, spec), rng)
    region = REGIONS[spec.region].name
    name = re.sub(r"[\\/:*?\"<>|]", "", spec.title)[:90]
    if rng.random() < 0.3:
        name += f"({spec.published.isoformat()})"
    return spec, f"{region}/{spec.published.year}/{name}.{spec.fmt}", data, encoding


MANIFEST_FIELDS = ["serial", "zip", "member", "sha256", "bytes", "format", "encoding", "kind", "level", "variant",
                   "of", "region", "issuer", "title", "doc_number", "published", "effective", "validity", "base"]


def write_zip(seed: int, part: int, start: int, stop: int, out: Path) -> list[dict]:
    """Documents [start, stop) in ``out/part-NNNNN.zip``; their manifest rows."""
    name = f"part-{part:05d}.zip"
    rows, used = [], set()
    tmp = out / (name + ".tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED, compresslevel=6) as zf:
        for serial in range(start, stop):
            spec, member, data, encoding = document(seed, serial)
            stem, dot, ext = member.rpartition(".")
            k = 1
            while member in used:
                k += 1
                member = f"{stem}（{k}）{dot}{ext}"
            used.add(member)
            zf.writestr(zipfile.ZipInfo(member, date_time=ZIP_TIME), data, compress_type=zipfile.ZIP_DEFLATED)
            rows.append({"serial": serial, "zip": name, "member": member, "sha256": hashlib.sha256(data).hexdigest(),
                         "bytes": len(data), "format": spec.fmt, "encoding": encoding, "kind": spec.kind,
                         "level": LEVEL_OF[spec.kind], "variant": spec.variant, "of": spec.of,
                         "region": REGIONS[spec.region].name, "issuer": spec.issuer, "title": spec.title,
                         "doc_number": spec.doc_number, "published": spec.published.isoformat(),
                         "effective": spec.effective.isoformat(), "validity": spec.validity,
                         "base": _all_paths()[spec.base]})
    tmp.replace(out / name)
    return rows


def _write_zip_job(args: tuple[int, int, int, int, str]) -> list[dict]:
    seed, part, start, stop, out = args
    return write_zip(seed, part, start, stop, Path(out))


def generate(count: int, out: Path, seed: int = 7, workers: int | None = None, per_zip: int = PER_ZIP) -> dict:
    """Write the archive and its manifest; returns the summary also written to ``out/synth.json``."""
    out = Path(out).resolve()
    if ROOT in out.parents or out == ROOT:
        raise SystemExit(f"refusing to write generated documents inside the repository: {out}")
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("part-*.zip*"):
        old.unlink()
    t = time.perf_counter()
    jobs = [(seed, k + 1, s, min(s + per_zip, count), str(out)) for k, s in enumerate(range(0, count, per_zip))]
    workers = workers or os.cpu_count() or 1
    rows: list[dict] = []
    if workers <= 1 or len(jobs) == 1:
        for job in jobs:
            rows += _write_zip_job(job)
    else:
        with ProcessPoolExecutor(workers) as pool:
            for part in pool.map(_write_zip_job, jobs):
                rows += part
    hashes = [r["sha256"] for r in rows]
    duplicates = len(hashes) - len(set(hashes))
    with (out / "synth-manifest.csv").open("w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, MANIFEST_FIELDS)
        w.writeheader()
        w.writerows(rows)
    summary = {
        "generator_version": GENERATOR_VERSION, "count": count, "seed": seed, "per_zip": per_zip,
        "zips": len(jobs), "seconds": round(time.perf_counter() - t, 1), "workers": workers,
        "bytes": sum(r["bytes"] for r in rows), "zip_bytes": sum(p.stat().st_size for p in out.glob("part-*.zip")),
        "duplicate_hashes": duplicates, "formats": _count(rows, "format"), "levels": _count(rows, "level"),
        "kinds": _count(rows, "kind"), "variants": _count(rows, "variant"), "encodings": _count(rows, "encoding"),
        "regions": len({r["region"] for r in rows}), "titles": len({r["title"] for r in rows}),
        "bases": len({r["base"] for r in rows}),
    }
    (out / "synth.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1), encoding="utf-8")
    return summary


def _count(rows: list[dict], key: str) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in rows:
        out[r[key]] = out.get(r[key], 0) + 1
    return dict(sorted(out.items(), key=lambda kv: -kv[1]))


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--count", type=int, default=1000)
    ap.add_argument("--out", type=Path, help="default /tmp/normscope-scale/archive-COUNT")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=0, help="generator processes (0 = one per core)")
    ap.add_argument("--per-zip", type=int, default=PER_ZIP)
    args = ap.parse_args(argv)
    out = args.out or DEFAULT_WORK / f"archive-{args.count}"
    summary = generate(args.count, out, args.seed, args.workers or None, args.per_zip)
    print(json.dumps(summary, ensure_ascii=False, indent=1))
    if summary["duplicate_hashes"]:
        sys.exit(f"{summary['duplicate_hashes']} documents share their bytes with another")


if __name__ == "__main__":
    main()
