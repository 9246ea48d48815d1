"""What a provision does: the powers and duties it sets (许可/处罚/强制/收费 …) and, for a
penalty, which kinds of penalty (警告 … 行政拘留, the 2021 行政处罚法 art. 9 list).

Rules first: each type has a few compiled patterns read off real clauses. A trained text
classifier may replace a rule only where it measures better on held-out data.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from nlp.numbers import Fine, find_fines

#: The penalty kinds of 行政处罚法 (2021) art. 9, in the law's order.
PENALTY_KINDS = ("警告", "通报批评", "罚款", "没收违法所得", "没收非法财物", "暂扣许可证件", "降低资质等级",
                 "吊销许可证件", "限制开展生产经营活动", "责令停产停业", "责令关闭", "限制从业", "行政拘留")
#: Provision types, in the order that decides the primary type of a provision with several.
TYPES = ("处罚", "强制", "收费", "许可", "定义", "施行", "义务/禁止", "职责/授权", "其他")

_GAP = r"[^。；;，,]"
# Each pattern marks the kind's own words with (?P<k>…): its position orders the kinds.
_KIND_RES: dict[str, re.Pattern] = {
    "警告": re.compile(r"(?:给予|予以|处以?|并处|或者|，|、)(?:书面)?(?P<k>警告)(?!标志|标识|牌|信号|灯|提示|装置|线|、记)"),
    "通报批评": re.compile(r"(?P<k>通报批评)"),
    "罚款": re.compile(r"(?P<k>罚款)(?!时|决定|数额|处罚|的规定)"),
    "暂扣许可证件": re.compile(rf"(?P<k>暂扣){_GAP}{{0,20}}?(?:证|执照|牌照)"),
    "降低资质等级": re.compile(rf"(?P<k>降低){_GAP}{{0,6}}资质等级"),
    "吊销许可证件": re.compile(r"(?P<k>吊销)"),
    "限制开展生产经营活动": re.compile(rf"(?P<k>限制开展生产经营活动|限制生产|暂停(?:相关|涉密|部分|其)?{_GAP}{{0,6}}业务)"),
    "责令停产停业": re.compile(rf"(?P<k>停产停业|停业整顿|停产整顿|停产整治)|责令{_GAP}{{0,12}}?(?P<k2>停业|停产|暂停营业|停止营业)"
                          rf"(?!{_GAP}{{0,4}}决定)"),
    "责令关闭": re.compile(rf"(?:责令|予以|提请){_GAP}{{0,12}}?(?P<k>关闭)|(?:停业|停产)(?:、|或者|或)(?P<k2>关闭)"),
    # 禁止从事下列活动 opens a list of prohibitions; only a ban for a term (五年内禁止从事…) is a penalty
    "限制从业": re.compile(rf"(?P<k>限制从业|(?:年内|终身|期限内|期间内)(?:不得|禁止){_GAP}{{0,15}}?(?:从事|担任))"),
    "行政拘留": re.compile(r"(?<!刑事)(?<!司法)(?<!执行)(?P<k>(?:行政)?拘留)(?!所|的机关|机关|期间|期满|措施|审查|决定书)"),
}
_CONFISCATE_RE = re.compile(r"没收(?P<obj>[^，。；;：:]*)")
_LATE_CONFISCATE_RE = re.compile(r"(?:予以|并处|并予)没收(?=外|[^\u4e00-\u9fff]|$)")
_NOUNS_RE = re.compile(r"以及|和|及|并")
# A past penalty (被处以…罚款) describes the offender's record, and 不受行政拘留 is a protection: neither
# is a penalty set here.
_PASSIVE_RE = re.compile(r"(?:被|受到|受过|曾受)[^。；，]{0,12}$|(?:不受|免受|免予|免于)[^。；，]{0,6}$")
# Text that only points to penalties set elsewhere: "依照《…》的规定处罚", "…的行政处罚，由…决定".
_REFERRAL_RE = re.compile(
    r"^(?:(?!处|没收|吊销|警告|拘留)[^。；])*?(?:依照|依据|按照)[^。；]*?(?:规定|法律、?法规)"
    r"(?:予以|给予|依法)?(?:处罚|处理|给予[^。；]{0,10}处罚)[。；]?$"
)
_JURISDICTION_RE = re.compile(r"的行政处罚[，,]?(?:由|分别由)")
_PROCEEDS_RE = re.compile(r"违法所得|非法所得|收入")
_PROPERTY_RE = re.compile(r"的[\u4e00-\u9fff]{1,8}$|工具|设备|器材|物品|产品|商品|药品|食品|原料|材料|实物|财物|货物|制品")
_CRIMINAL_RE = re.compile(r"刑事责任|判处|拘役|有期徒刑|罚金")

_TYPE_RES = {
    "强制": re.compile(r"查封|扣押|冻结|强制执行|强制拆除|强制隔离|强制检测|强制治疗|代履行|代为(?:组织|履行|清除|拆除|恢复|治理)"
                     r"|加处罚款|滞纳金"),
    "收费": re.compile(rf"(?:收取|缴纳|征收|交纳|收)(?!入){_GAP}{{0,12}}?费|收费标准|收费项目"),
    "许可": re.compile(rf"许可|取得{_GAP}{{0,12}}?(?:证|资格|资质)|申请{_GAP}{{0,20}}?(?:批准|许可|登记|审批|核准)"
                     rf"|(?<!报)(?:经|未经){_GAP}{{0,20}}?(?:批准|核准)|核发|准予|(?<!报)审批(?!权|机关)|(?:撤销|注销)[^。；]{{0,10}}登记"),
    "定义": re.compile(r"(?:本|所)称[^。；]{0,40}?(?:是指|包括|指|为)|是指|(?:以下|下列)简称"),
    "施行": re.compile(r"起施行|自公布之日起|同时废止|施行之日|施行前|施行后"),
}
_SPECIFIC = ("处罚", "强制", "收费", "许可", "定义", "施行")
_DUTY_RE = re.compile(r"应当|必须|不得|禁止|严禁|不准|不允许|有义务")
# A government body as the one who acts makes a duty a responsibility (县级以上人民政府应当加强…),
# except for how it handles a case: time limits, notices, hearings, secrecy stay duties.
_AUTHORITY_RE = re.compile(r"人民政府|国务院|部门|机关|机构|委员会|局|厅|办公室|政府|海警|公安|法院|检察院|海关|税务|审计|财政")
_ACTS_RE = re.compile(r"应当|必须|负责|可以|依法|按照|根据|不得|有权")
_POWER_RE = re.compile(r"负责|主管|职责|职权|组织实施|授权|(?:^|，)由[^。；]{1,40}?(?:负责|规定|制定|决定|统筹|解决|组织|审查|管理|办理|处理|确定|安排|协调|调解)")
_PROCEDURE_RE = re.compile(r"日内|期限|告知|通知当事人|听证|保密|送达|回避")
_GRANTED_RE = re.compile(r"报[^。；，]{0,30}?(?:批准|备案|审批)")


def _duty_or_power(text: str) -> list[str]:
    """义务/禁止 or 职责/授权 for a paragraph that sets neither permit, penalty, force, fee nor definition."""
    acts = _ACTS_RE.search(text)
    subject = text[:acts.start()] if acts else ""
    if _POWER_RE.search(text) or (_AUTHORITY_RE.search(subject) and not _PROCEDURE_RE.search(text)):
        return ["职责/授权"]
    return ["义务/禁止"] if _DUTY_RE.search(text) else []


_PERSONS = "直接负责的主管人员和其他直接责任人员"
_ADDRESSEE_RE = re.compile(r"对(?:其)?(单位|个人|直接负责的主管人员和其他直接责任人员|直接负责的主管人员)")
# 单位违反…/个人有…/经营者为个人的: who the following fines are for, until the next such subject.
_SUBJECT_RE = re.compile(r"(?:^|[；。])\s*(?P<who>单位|个人)(?:违反|有|未|不|拒)|为(?P<who2>单位|个人)的")


@dataclass
class Provision:
    """What one paragraph does."""

    types: list[str] = field(default_factory=list)
    penalty_kinds: list[str] = field(default_factory=list)
    fines: list[Fine] = field(default_factory=list)

    @property
    def primary(self) -> str:
        """The type that matters most to a reviewer, by TYPES order."""
        return next((t for t in TYPES if t in self.types), "其他")


_ANY_PENALTY_RE = re.compile(r"警告|通报批评|罚款|没收|暂扣|降低|吊销|限制|停产|停业|暂停|停止营业|关闭|不得|禁止|拘留")


def penalty_kinds(text: str) -> list[str]:
    """The penalty kinds a paragraph sets, in order of first appearance; a referral sets none."""
    first = penalty_kind_positions(text)
    return sorted(first, key=lambda k: (first[k], PENALTY_KINDS.index(k)))


def penalty_kind_positions(text: str) -> dict[str, int]:
    """Each penalty kind the paragraph sets, with the offset of its words: evidence for a finding."""
    if not _ANY_PENALTY_RE.search(text) or _REFERRAL_RE.match(text) or _JURISDICTION_RE.search(text) or (_CRIMINAL_RE.search(text) and "行政" not in text and "罚款" not in text):
        return {}
    first: dict[str, int] = {}
    for kind, pattern in _KIND_RES.items():
        for m in pattern.finditer(text):
            group = "k" if m.group("k") else "k2"
            at = m.start(group)
            if not _PASSIVE_RE.search(text[max(0, at - 14):at]):
                first.setdefault(kind, at)
                break
    for m in _CONFISCATE_RE.finditer(text):
        obj, offset = m.group("obj"), m.start("obj")
        if len(obj.strip()) < 2 or obj.startswith("外"):  # 除予以没收外: a confiscation named earlier
            continue
        # 以及/和/及 join things; inside one, a part that names no thing only qualifies the last
        # (没收全部运输、保管、仓储…的收入 is one confiscation of proceeds)
        for chunk in _NOUNS_RE.split(obj):
            parts = [p for p in re.split(r"、|或者|或", chunk) if p.strip()]
            for i, part in enumerate(parts):
                at = offset + chunk.find(part)
                if _PROCEEDS_RE.search(part):
                    first.setdefault("没收违法所得", at)
                elif i == len(parts) - 1 or _PROPERTY_RE.search(part):
                    first.setdefault("没收非法财物", at)
            offset += len(chunk) + 1
    for m in _LATE_CONFISCATE_RE.finditer(text):  # 有违法所得的，予以没收 / 对…的食品，应当予以没收
        clause = text[max(text.rfind("；", 0, m.start()), text.rfind("。", 0, m.start())) + 1:m.start()]
        first.setdefault("没收违法所得" if _PROCEEDS_RE.search(clause) else "没收非法财物", m.start())
    return first


def fines(text: str) -> list[Fine]:
    """The fine ranges a paragraph sets, each aimed at 单位, 个人, the responsible persons, or anyone (None).

    The addressee a clause names (对广告主处…) is the offender itself, so only the categories the
    law distinguishes are kept as targets.
    """
    subjects = [(m.start(), m.group("who") or m.group("who2")) for m in _SUBJECT_RE.finditer(text)]
    out = []
    for f in find_fines(text):
        clause = text[max(text.rfind("；", 0, f.start), text.rfind("。", 0, f.start)) + 1:f.start]
        addressed = _ADDRESSEE_RE.findall(clause)
        if f.target == _PERSONS or (addressed and addressed[-1] == f.target):
            target = f.target  # 对单位处… / 对直接负责的主管人员…处…
        elif addressed:
            target = addressed[-1]  # 对…人员依法给予处分，没收…，并处…: the 对 further back
        else:  # 单位违反…的，处…: the offender's category, when the text sorts offenders by it
            target = next((who for at, who in reversed(subjects) if at < f.start), None)
        out.append(replace(f, target=_PERSONS if target and "直接" in target else target))
    return out


def classify(text: str) -> Provision:
    """The types of a paragraph, by rules; penalty kinds and fines when it punishes.

    Duties and responsibilities are what is left: a paragraph that sets a permit, penalty, force,
    fee, definition or entry into force is not also labelled with the duty it implies.
    """
    kinds = penalty_kinds(text)
    types = ["处罚"] if kinds else []
    types += [t for t, pattern in _TYPE_RES.items() if pattern.search(text)]
    if "许可" in types and (("处罚" in types or "定义" in types)
                          or (_GRANTED_RE.search(text) and not re.search(r"许可|申请", text))):
        # a permit named as the offence or inside a definition is mentioned, not set; and
        # 报…批准 is an approval inside government, not a permit
        types.remove("许可")
    if not any(t in _SPECIFIC for t in types):
        types += _duty_or_power(text)
    return Provision(types or ["其他"], kinds, fines(text) if "罚款" in kinds else [])
