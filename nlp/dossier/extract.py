"""What one document of a case file says: its 文书编号, the party, the officers and their
certificate numbers, its dates in any style, the fine and penalty kinds, the legal basis it
cites, the remedies it states. Pure functions over the document's text; offsets into it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from nlp.metadata import find_doc_numbers
from nlp.normalize import to_simplified
from nlp.numbers import DATE_RE, date_from_match, find_amounts
from nlp.dossier.types import table
from nlp.provisions import penalty_kinds


@dataclass(frozen=True)
class Officer:
    name: str
    cert: str | None
    start: int
    end: int


@dataclass(frozen=True)
class Party:
    name: str
    kind: str  # 个人 or 单位
    start: int
    end: int


@dataclass(frozen=True)
class Dated:
    """A date the document states, with what it is the date of (立案, 送达, 签收 … or 落款)."""

    label: str
    day: date
    start: int
    end: int


@dataclass(frozen=True)
class Basis:
    """A provision the document rests on: 《…》第X条(第Y款)."""

    text: str
    title: str
    start: int
    end: int


@dataclass
class CaseDocument:
    """One document of a case file, as read."""

    file: str
    type: str
    title: str
    text: str
    page: int | None = None
    doc_no: str | None = None
    serial: tuple[str, int, int] | None = None  # agency prefix, year, number
    party: Party | None = None
    officers: list[Officer] = field(default_factory=list)
    dates: list[Dated] = field(default_factory=list)
    fine: float | None = None
    fine_span: tuple[int, int] | None = None
    paid: float | None = None  # the amount a receipt or closing report says was paid
    paid_span: tuple[int, int] | None = None
    kinds: list[str] = field(default_factory=list)
    basis: list[Basis] = field(default_factory=list)
    remedies: dict[str, bool] = field(default_factory=dict)
    hearing_rights: bool = False
    waived: bool = False
    served_documents: list[str] = field(default_factory=list)  # for a 送达回证: what it serves
    approved: bool = False  # an approval form the 负责人 signed off (同意/批准)

    @property
    def date(self) -> date | None:
        """The document's own date: its 落款 (signature) date, else the last date it states."""
        signed = [d.day for d in self.dates if d.label == "落款"]
        return signed[-1] if signed else (self.dates[-1].day if self.dates else None)

    def dated(self, *labels: str) -> date | None:
        """The first stated date with one of these labels."""
        return next((d.day for d in self.dates if d.label in labels), None)


_DOC_LETTER_RE = re.compile(r"^(?P<agency>.+?)(?P<letter>[\u4e00-\u9fff])?字?$")
_PARTY_RE = re.compile(r"(?:当事人|被处罚人|被检查(?:人|单位)|缴款人|缴款单位|付款人|被告知人)(?:（[^）]{0,6}）)?"
                       r"(?:姓名|名称)?\s*[:：\t|]\s*(?P<name>[^\s，,；;。:：（(|]{2,40})")
_FIELD_RE = re.compile(r"现场负责人|现场|项目名称|执收单位|缴款金额|收款|性别|身份证|统一社会|法定代表人|负责人|地址|住址|联系电话|电话|案由")
_PAID_RE = re.compile(r"(?:缴款金额|实缴金额|缴纳(?:罚款|罚没款)?|已缴(?:纳)?(?:罚款)?|金额(?:合计)?|合计)"
                      r"(?:[（(][大小]写[)）])?\s*[:：\t|]?\s*"
                      r"(?:人民币|￥|¥)?")
_ORG_RE = re.compile(r"公司|有限|集团|厂|店|中心|合作社|商行|酒店|餐厅|超市|工作室|经营部|事务所|学校|医院|协会|银行|农场")
_PERSON_HINT_RE = re.compile(r"身份证|性别|出生|[男女]，")
# 李某某（执法证号：44010012345）, 执法证件号码 …; names are two to four characters, 某某 allowed
_OFFICER_RE = re.compile(r"(?P<name>[\u4e00-\u9fff]{1,2}某[\u4e00-\u9fff]?|[\u4e00-\u9fff]{2,4})\s*[（(]?\s*(?:行政)?执法证(?:件)?(?:号码?|编号)"
                         r"\s*[:：]?\s*(?P<cert>[A-Za-z0-9\-]{5,24})?")
# 姚某某：72032467952 / | 姚某某 | 72032467952 |: a name and a certificate number side by side
_NAME_CERT_RE = re.compile(r"(?:^|[|\t\s、，,])(?P<name>[\u4e00-\u9fff]{1,2}某[\u4e00-\u9fff]?|[\u4e00-\u9fff]{2,3})\s*[:：|\t]\s*"
                           r"(?P<cert>[A-Za-z]{0,4}\d{6,20})\b", re.M)
_OFFICER_LINE_RE = re.compile(r"(?<![被受])(?:执法人员|检查人员?|检查人|询问人|调查人员?|承办人|办案人员?|执法人)\s*"
                              r"(?:[（(]?签名[)）]?)?\s*[:：|\t]\s*"
                              r"(?P<list>[^\n]{2,120})")
_CERT_RE = re.compile(r"[A-Za-z]{0,4}\d{6,20}")
_NOT_A_NAME_RE = re.compile(r"[执法证件号码记录人员签名日期时间无]")
_NAME_ONLY_RE = re.compile(r"[\u4e00-\u9fff]{1,2}某某|[\u4e00-\u9fff]{1,2}某[\u4e00-\u9fff]?|[\u4e00-\u9fff]{2,3}")
_NOT_NAMES = {"执法证号", "执法证件", "证件号码", "执法证", "签名", "记录人", "无", "本人", "执法人员", "联系电话", "电话",
              "身份证", "号码", "编号", "邮编", "账号", "票据号码"}
_LABELLED_DATE_RE = re.compile(
    r"(?P<label>立案(?:日期|时间)|检查时间|询问时间|勘验时间|调查时间|送达(?:日期|时间)|签收(?:日期|时间)|收到(?:日期|时间)"
    r"|缴款(?:日期|时间)|缴费日期|决定(?:日期|时间)|审批(?:日期|时间)|结案(?:日期|时间)|讨论时间|审核(?:日期|时间)|听证时间"
    r"|受理(?:日期|时间)|发现(?:日期|时间)|延期至|日期|时间)\s*[:：]?\s*(?:自\s*)?")
_BASIS_RE = re.compile(r"《(?P<title>[^》]{2,60})》(?P<art>第[一二三四五六七八九十百零〇\d]+条(?:之[一二三四五六七八九十])?"
                       r"(?:第[一二三四五六七八九十\d]+款)?(?:第?[（(][一二三四五六七八九十\d]+[)）]项?)?)")
_FINE_WORD_RE = re.compile(r"罚款|罚金|罚没款")
_HEARING_RE = re.compile(r"(?:要求|申请)(?:举行)?听证|听证的权利|有权[^。]{0,12}听证")
_SERVED_RE = re.compile(r"(?:送达文书(?:名称)?|文书名称|送达的文书)[及和、]?(?:文号)?\s*[:：]\s*(?P<what>[^\n]{2,80})")


def _label(raw: str) -> str:
    for key in ("立案", "送达", "签收", "收到", "缴款", "缴费", "决定", "审批", "结案", "讨论", "审核", "听证", "检查",
                "询问", "勘验", "调查", "受理", "发现", "延期"):
        if raw.startswith(key):
            return {"签收": "送达", "收到": "送达", "缴费": "缴款"}.get(key, key)
    return "日期"


def find_dates(text: str) -> list[Dated]:
    """Every date in the text with its label; the last date of the closing lines is the 落款."""
    out = []
    tail_start = max(0, len(text.rstrip()) - 80)
    for m in DATE_RE.finditer(text):
        day = date_from_match(m)
        if day is None:
            continue
        before = text[max(0, m.start() - 14):m.start()]
        labels = list(_LABELLED_DATE_RE.finditer(before))
        lab = labels[-1] if labels else None
        label = _label(lab["label"]) if lab and lab.end() >= len(before) - 2 else "日期"
        if label == "日期" and m.start() >= tail_start:
            label = "落款"
        out.append(Dated(label, day, m.start(), m.end()))
    return out


def find_party(text: str) -> Party | None:
    """The party named in the document (当事人：…), a person or an organisation."""
    m = _PARTY_RE.search(text)
    if not m:
        return None
    name = _FIELD_RE.split(m["name"].strip())[0]  # 缴款人：某公司项目名称：… where lines ran together
    window = text[m.start():m.start() + 160]
    kind = "单位" if _ORG_RE.search(name) or "统一社会信用代码" in window or "法定代表人" in window else "个人"
    if kind == "单位" and _PERSON_HINT_RE.search(window) and not _ORG_RE.search(name):
        kind = "个人"
    return Party(name, kind, m.start("name"), m.start("name") + len(name))


def find_officers(text: str) -> list[Officer]:
    """Officers with their certificate numbers (None when the document gives none): names with a
    执法证号, and the names listed after 执法人员：/检查人：/询问人：… (not 被询问人)."""
    found: dict[str, Officer] = {}
    for pattern in (_OFFICER_RE, _NAME_CERT_RE):
        for m in pattern.finditer(text):
            name = m["name"]
            if name not in _NOT_NAMES and not (name in found and found[name].cert):
                found[name] = Officer(name, m["cert"], m.start("name"), m.end())
    for line in _OFFICER_LINE_RE.finditer(text):
        for name, cert, at in _officer_list(line["list"], line.start("list")):
            if name not in found or (cert and not found[name].cert):
                found[name] = Officer(name, cert, at, at + len(name))
    return sorted(found.values(), key=lambda o: o.start)


def _officer_list(listed: str, offset: int):
    """(name, certificate, offset) for each officer in 李某某（执法证号：…）、王某某, or 李某某，执法证件号码…、
    王某某，…; the list ends at the first piece that does not start with a name (记录人：…)."""
    pos = 0
    for token in re.split(r"[、；;]|\s{2,}|和|及", listed):
        parts = [token] if _CERT_RE.search(token) else re.split(r"[，,]", token)
        for part in parts:
            stripped = part.strip(" |\t")
            m = _NAME_ONLY_RE.match(stripped)
            if not m or _NOT_A_NAME_RE.search(m.group()) or m.group() in _NOT_NAMES:
                return
            cert = _CERT_RE.search(stripped)
            at = listed.find(m.group(), pos)
            pos = max(pos, at)
            yield m.group(), cert.group() if cert else None, offset + at


def find_fine(text: str) -> tuple[float | None, tuple[int, int] | None]:
    """The fine the document imposes or intends: the amount next to 罚款 in its decision sentence."""
    best = None
    for word in _FINE_WORD_RE.finditer(text):
        sentence_start = max(text.rfind(c, 0, word.start()) for c in "。；\n") + 1
        sentence_end = min((i for i in (text.find(c, word.end()) for c in "。；\n") if i >= 0), default=len(text))
        for a in find_amounts(text[sentence_start:sentence_end]):
            at = sentence_start + a.start
            distance = abs(at - word.start())
            if best is None or distance < best[0]:
                best = (distance, a.value, (at, sentence_start + a.end))
    return (float(best[1]), best[2]) if best else (None, None)


_DECIDES_RE = re.compile(r"决定\s*[:：]|决定[^。；\n]{0,30}?(?:如下|给予|作出|处以)")


def _decided_fine(text: str) -> tuple[float | None, tuple[int, int] | None]:
    """A decision may quote the notice's amount before its own: the fine is read after 决定…如下."""
    for m in reversed(list(_DECIDES_RE.finditer(text))):
        fine, span = find_fine(text[m.start():])
        if fine is not None:
            return fine, (m.start() + span[0], m.start() + span[1])
    return find_fine(text)


def find_paid(text: str) -> tuple[float | None, tuple[int, int] | None]:
    """The amount paid, as a 缴款凭证 or 结案审批表 states it (缴款金额：5.7万元, 已缴纳罚款47000元)."""
    for m in _PAID_RE.finditer(text):
        amounts = find_amounts(text[m.end():m.end() + 30])
        if amounts and amounts[0].start <= 2:
            a = amounts[0]
            return float(a.value), (m.end() + a.start, m.end() + a.end)
    return None, None


def waives(text: str) -> bool:
    """The party gives up 陈述、申辩 or the hearing — not a notice's 逾期…视为放弃."""
    return any(text[max(0, i - 4):i].find("视为") < 0 for cue in table()["waiver"]["cues"]
               for i in (m.start() for m in re.finditer(re.escape(cue), text)))


def approves(text: str) -> bool:
    """A 负责人 approval that is filled in: 负责人意见：同意延期 (a blank 负责人意见 approves nothing)."""
    return bool(re.search(r"负责人(?:审批)?意见\s*[:：\t|]?\s*(?:同意|批准|准予)", text))


def find_basis(text: str) -> list[Basis]:
    return [Basis(m.group(), m["title"], m.start(), m.end()) for m in _BASIS_RE.finditer(text)]


def remedies(text: str) -> dict[str, bool]:
    """Which remedies the document states, and whether with their time limits (行政处罚法 第五十九条)."""
    simple = to_simplified(text)
    return {
        "复议": bool(re.search(r"行政复议|申请复议", simple)),
        "复议期限": bool(re.search(r"(?:六十|60)\s*日[^。]{0,30}?复议|复议[^。]{0,40}?(?:六十|60)\s*日", simple)),
        "诉讼": bool(re.search(r"行政诉讼|提起诉讼|起诉", simple)),
        "诉讼期限": bool(re.search(r"(?:六|6)\s*个月[^。]{0,30}?(?:诉讼|人民法院)|(?:诉讼|人民法院)[^。]{0,40}?(?:六|6)\s*个月",
                                 simple)),
    }


def serial(doc_no: str | None) -> tuple[str, int, int] | None:
    """临城管罚字〔2023〕15号 → ("临城管", 2023, 15): what every document of one case shares."""
    if not doc_no:
        return None
    m = re.match(r"(?P<prefix>.+?)〔(?P<y>\d{4})〕(?P<n>\d+)号", doc_no)
    if not m:
        return None
    prefix = re.sub(r"字$", "", m["prefix"])
    agency = prefix[:-1] if len(prefix) > 2 else prefix  # the last character names the 文书 (立/告/罚…)
    return agency, int(m["y"]), int(m["n"])


def read_document(file: str, text: str, doc_type: str, title: str, page: int | None = None) -> CaseDocument:
    """Everything the checks need from one document."""
    simple = to_simplified(text)
    numbers = find_doc_numbers(simple[:400]) or find_doc_numbers(simple)
    doc_no = numbers[0][0] if numbers else None
    fine, fine_span = _decided_fine(simple) if doc_type == "行政处罚决定书" else find_fine(simple)
    decision_sentence = simple[max(0, (fine_span or (0, 0))[0] - 80):(fine_span or (0, 0))[1] + 80] if fine_span else simple
    served = [m["what"].strip() for m in _SERVED_RE.finditer(simple)]
    paid, paid_span = find_paid(simple) if doc_type in ("缴款凭证", "结案审批表") else (None, None)
    return CaseDocument(
        file=file, type=doc_type, title=title, text=text, page=page, doc_no=doc_no, serial=serial(doc_no),
        party=find_party(simple), officers=find_officers(simple), dates=find_dates(simple), fine=fine,
        fine_span=fine_span, paid=paid, paid_span=paid_span, kinds=penalty_kinds(decision_sentence) if doc_type in _PENALTY_DOCS else [],
        basis=find_basis(simple), remedies=remedies(simple), hearing_rights=bool(_HEARING_RE.search(simple)),
        waived=waives(simple), approved=approves(simple), served_documents=served)


_PENALTY_DOCS = ("行政处罚决定书", "行政处罚事先告知书", "听证告知书")
