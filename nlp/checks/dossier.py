"""Case dossier review (案卷评查): the D rules over a Case, and the 0–100 score sheet.

Which documents a file must hold, the deductions and the grades are data (dossier.toml); the
thresholds and periods an agency may change are settings ([dossier] in settings.toml).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable

from nlp.checks.context import Context
from nlp.checks.rules import Finding, finding, unique
from nlp.dossier.case import CASE_PAPERS, Case
from nlp.dossier.extract import CaseDocument
from nlp.dossier.types import documents, table
from nlp.normalize import to_simplified
from nlp.registry import title_key

def _on(doc: CaseDocument | None, rule: str, message: str, span: tuple[int, int] | None = None,
        severity: str | None = None, **details: Any) -> Finding:
    """A finding about one document (its type is the location), or about the file when ``doc`` is None."""
    if doc is None:
        return finding(rule, message, location="案卷", severity=severity, **details)
    start, end = span or _head(doc)
    return finding(rule, message, text=doc.text, start=start, end=end, location=doc.type, severity=severity,
                   document=doc.file, page=doc.page, **details)


def _head(doc: CaseDocument) -> tuple[int, int]:
    """The title line: evidence for a finding about the document as a whole."""
    first = doc.text.lstrip()
    at = len(doc.text) - len(first)
    line = first.split("\n", 1)[0]
    return at, at + len(line)


def _fmt(x: float | None) -> str:
    return "—" if x is None else (f"{x / 10000:g}万元" if x >= 10000 else f"{x:g}元")


def missing_documents(case: Case) -> list[Finding]:
    """D101–D104: the documents every general-procedure file holds, one of each group (询问笔录 or
    现场检查笔录), and the 结案审批表 once the fine is paid. Conditional documents of hearings,
    extensions and 重大 cases are judged by the rules about those (D401, D201, D402)."""
    found = []
    paid = bool(case.by_type.get("缴款凭证"))
    for name, spec in documents().items():
        rule = spec.get("missing_rule")
        needed = spec.get("required") or (spec.get("required_when") == "已缴款" and paid)
        if not rule or not needed or (case.by_type.get(name) and rule != "D103"):
            continue
        if rule == "D102" and case.notice is not None:
            continue  # a 听证告知书 also gives notice of the intended penalty
        if rule == "D103" and case.served("决定书"):
            continue
        what = "行政处罚决定书的送达回证（送达凭证）" if rule == "D103" else name
        found.append(_on(None, rule, f"案卷中没有{what}", missing=name))
    for group, spec in table().get("groups", {}).items():
        if not any(case.by_type.get(t) for t in spec["members"]):
            found.append(_on(None, spec["missing_rule"], f"案卷中没有{'或者'.join(spec['members'])}", missing=group))
    return found


def working_days_after(start: date, days: int) -> date:
    """The last day of a period of ``days`` working days after ``start`` (行政处罚法 第八十五条: 三日、
    五日、七日 are working days; the day of the event is not counted). Weekends are skipped; public
    holidays are not known here, so a period spanning one ends a little early (never a false D203)."""
    day, left = start, days
    while left:
        day += timedelta(days=1)
        if day.weekday() < 5:
            left -= 1
    return day


def _period_end(start: date, days: int) -> date:
    working = table().get("deadline_counting", {}).get("working_day_periods", [])
    return working_days_after(start, days) if days in working else start + timedelta(days=days)


def deadlines(case: Case, settings: dict[str, Any]) -> list[Finding]:
    """D201 (九十日), D202 (七日送达), D203 (decided inside the statement or hearing-request period)."""
    found = []
    dates = case.dates()
    decision = case.decision
    registered, decided = dates.get("立案"), dates.get("决定")
    if registered and decided and (decided - registered).days > settings["decision_days"]:
        extension = next((d for d in case.by_type.get("延期审批表", []) if d.approved), None)
        if extension is None:
            found.append(_on(decision, "D201", f"{registered.isoformat()}立案，{decided.isoformat()}作出决定，历时"
                             f"{(decided - registered).days}日，超过{settings['decision_days']}日且无经批准的延期",
                             days=(decided - registered).days))
    served = dates.get("送达")
    if decided and served and served > _period_end(decided, settings["service_days"]):
        found.append(_on(decision, "D202", f"{decided.isoformat()}作出决定，{served.isoformat()}送达，超过"
                         f"{settings['service_days']}日", days=(served - decided).days))
    notified = dates.get("告知送达") or dates.get("告知")
    if notified and decided:
        notice = case.notice
        hearing = any(d.hearing_rights for d in case.by_type.get("听证告知书", [])) or bool(notice and notice.hearing_rights)
        period = settings["hearing_request_days"] if hearing else settings["statement_days"]
        ends = _period_end(notified, period)
        waived = any(d.waived for d in case.documents if d.type in ("陈述申辩笔录", "陈述申辩书", "送达回证"))
        heard = any((d.date or date.max) <= decided for t in ("陈述申辩笔录", "陈述申辩书", "听证笔录")
                    for d in case.by_type.get(t, []))
        if decided <= ends and not waived and not (heard and not hearing):
            found.append(_on(decision, "D203", f"告知书于{notified.isoformat()}送达，{'听证申请' if hearing else '陈述申辩'}"
                             f"期限{period}日至{ends.isoformat()}届满，决定却于{decided.isoformat()}作出",
                             period_ends=ends.isoformat()))
    return found


def officers(case: Case) -> list[Finding]:
    """D301 records made by fewer than two officers; D302 an officer whose certificate no document gives."""
    found = []
    spec = table()["officers"]
    for t in spec["records"]:
        for d in case.by_type.get(t, []):
            if len(d.officers) < spec["min_per_record"]:
                names = "、".join(o.name for o in d.officers) or "未记载"
                found.append(_on(d, "D301", f"{t}记载的执法人员为{names}，少于两人", officers=[o.name for o in d.officers]))
    certified = {o.name for d in case.documents for o in d.officers if o.cert}
    reported = set()
    for d in (d for t in spec["records"] for d in case.by_type.get(t, [])):  # those who investigated
        for o in d.officers:
            if o.cert is None and o.name not in certified and o.name not in reported:
                reported.add(o.name)
                found.append(_on(d, "D302", f"执法人员{o.name}未记载执法证件号", (o.start, o.end), officer=o.name))
    return found


def _threshold(case: Case, settings: dict[str, Any]) -> float:
    party = case.party
    return settings["hearing_organisation"] if party and party.kind == "单位" else settings["hearing_person"]


def hearing_and_major(case: Case, settings: dict[str, Any]) -> list[Finding]:
    """D401 hearing rights where the penalty calls for them; D402 法制审核 and 集体讨论 in a 重大 case."""
    found = []
    fine, kinds = case.fine, case.kinds
    decision = case.decision or case.notice
    heavy = [k for k in kinds if k in settings["hearing_kinds"]]
    limit = _threshold(case, settings)
    if (fine is not None and fine >= limit) or heavy:
        notified = bool(case.by_type.get("听证告知书")) or any(d.hearing_rights for d in case.by_type.get("行政处罚事先告知书", []))
        if not notified:
            why = f"罚款{_fmt(fine)}达到听证标准{_fmt(limit)}" if fine is not None and fine >= limit else "、".join(heavy)
            found.append(_on(decision, "D401", f"{why}，案卷中没有告知听证权利", decision.fine_span if decision else None))
    major = (fine is not None and fine >= settings["major_fine"]) or any(k in settings["major_kinds"] for k in kinds)
    if major:
        lacking = [t for t in ("法制审核意见书", "集体讨论记录") if not case.by_type.get(t)]
        if lacking:
            found.append(_on(decision, "D402", f"重大案件（{_fmt(fine) if fine else '、'.join(kinds)}）缺少"
                             + "、".join(lacking), missing=lacking))
    return found


def decision_content(case: Case, settings: dict[str, Any],
                     range_of: Callable[[CaseDocument], Any] | None = None) -> list[Finding]:
    """D501 legal basis, D502 remedies and their time limits, D503 the fine inside the cited range
    and inside the 裁量基准 for the 情节 the decision finds."""
    d = case.decision
    if d is None:
        return []
    found = []
    if not d.basis:
        found.append(_on(d, "D501", "处罚决定书未写明所依据的法律条款"))
    r = d.remedies
    lacking = [name for name, ok in (("申请行政复议的途径", r.get("复议")), ("行政复议期限", r.get("复议期限")),
                                     ("提起行政诉讼的途径", r.get("诉讼")), ("行政诉讼期限", r.get("诉讼期限"))) if not ok]
    if lacking:
        found.append(_on(d, "D502", "处罚决定书未载明" + "、".join(lacking)))
    if range_of and d.basis and d.fine is not None:
        allowed = range_of(d)
        if allowed is not None:
            low, high, label = allowed
            if (high is not None and d.fine > high) or (low is not None and d.fine < low):
                found.append(_on(d, "D503", f"罚款{_fmt(d.fine)}超出{label}规定的{_fmt(low)}至{_fmt(high)}", d.fine_span,
                                 allowed=[low, high]))
    if d.basis and not any(f.rule == "D503" for f in found) and (b := benchmark_finding(d, settings)):
        found.append(b)
    return found


_SEVERITY_RE = re.compile(r"情节(特别严重|严重|较重|一般|较轻|轻微)")


@lru_cache(maxsize=4)
def benchmarks(path: str) -> dict[tuple[str, str], list[dict[str, Any]]]:
    """(title key, 第…条第…款) → tiers, from an agency's 裁量基准 file."""
    if not path:
        return {}
    full = Path(path) if Path(path).is_absolute() else Path(__file__).with_name(path)
    with full.open("rb") as f:
        rows = tomllib.load(f).get("benchmark", [])
    out = {}
    for row in rows:
        title, _, article = row["provision"].partition(" ")
        out[(title_key(title), article.strip())] = row["tiers"]
    return out


def benchmark_finding(d: CaseDocument, settings: dict[str, Any]) -> Finding | None:
    """D503 against the 裁量基准: the decision's stated 情节 and the tier's range for its provision."""
    m = _SEVERITY_RE.search(to_simplified(d.text))
    if m is None or d.fine is None:
        return None
    table_ = benchmarks(settings.get("benchmarks", ""))
    for b in d.basis:
        tiers = table_.get((title_key(b.title), b.text.split("》", 1)[1]))
        tier = next((t for t in tiers or [] if t["level"] in m.group(1)), None)
        if tier and not tier["min"] <= d.fine <= tier["max"]:
            return _on(d, "D503", f"决定认定“{m.group()}”，罚款{_fmt(d.fine)}超出裁量基准对该情节规定的"
                       f"{_fmt(tier['min'])}至{_fmt(tier['max'])}（{b.text}）", d.fine_span,
                       allowed=[tier["min"], tier["max"]], benchmark=True)
    return None


def consistency(case: Case) -> list[Finding]:
    """D601 a decision heavier than its notice; D602 party, case number or amount differing between documents."""
    found = []
    d, n = case.decision, case.notice
    if d and n:
        heavier = []
        if d.fine is not None and n.fine is not None and d.fine > n.fine:
            heavier.append(f"罚款由{_fmt(n.fine)}增至{_fmt(d.fine)}")
        added = [k for k in d.kinds if k not in n.kinds and k != "罚款"]
        if added and n.kinds:
            heavier.append("增加" + "、".join(added))
        if heavier:
            found.append(_on(d, "D601", f"处罚决定重于事先告知：{'；'.join(heavier)}，未重新告知", d.fine_span))
    main = case.serial
    papers = [doc for doc in case.documents if doc.type in CASE_PAPERS]
    for doc in case.documents:  # every paper of the agency carries the case's serial
        if main and doc.serial and doc.serial[0] == main[0] and doc.serial[1:] != main[1:]:
            found.append(_on(doc, "D602", f"{doc.type}的文书编号{doc.doc_no}与本案编号（{main[1]}年第{main[2]}号）不一致",
                             severity=None, field="case_no"))
    party = case.party
    if party:
        key = _name_key(party.name)
        for doc in papers:
            if doc.party and _name_key(doc.party.name) != key:
                found.append(_on(doc, "D602", f"{doc.type}记载的当事人“{doc.party.name}”与“{party.name}”不一致",
                                 (doc.party.start, doc.party.end), field="party"))
    if d and d.fine is not None:
        for doc in case.by_type.get("缴款凭证", []) + case.by_type.get("结案审批表", []):
            if doc.paid is not None and doc.paid != d.fine:
                found.append(_on(doc, "D602", f"{doc.type}记载的缴款金额{_fmt(doc.paid)}与处罚决定罚款{_fmt(d.fine)}不一致",
                                 doc.paid_span, field="amount"))
    return found


def _name_key(name: str) -> str:
    return name.replace(" ", "").replace("（", "(").replace("）", ")")


@dataclass
class ScoreSheet:
    """百分制 score with each finding's deduction, and the grade (《广东省行政执法案卷评查办法》第十六条、第十七条)."""

    score: int
    grade: str
    deductions: list[dict[str, Any]]
    vetoed_by: list[str]


def score(findings: list[Finding]) -> ScoreSheet:
    """100 less the deduction of each finding (each rule once per dossier); a veto rule makes it 不合格."""
    spec = table()["scoring"]
    points = spec["deductions"]
    seen, deductions = set(), []
    for f in findings:
        if f.rule in seen:
            continue
        seen.add(f.rule)
        deductions.append({"rule": f.rule, "finding": f.id, "points": points.get(f.rule, 0), "reason": f.message})
    total = max(0, 100 - sum(d["points"] for d in deductions))
    vetoed = sorted(seen & set(spec["veto"]))
    grade = "不合格" if vetoed else next(g["name"] for g in spec["grades"] if total >= g["min"])
    return ScoreSheet(total, grade, deductions, vetoed)


def review_case(case: Case, ctx: Context, range_of: Callable[[CaseDocument], Any] | None = None) -> list[Finding]:
    """Every D finding for one case file, in rule order."""
    settings = ctx.settings["dossier"]
    found = (missing_documents(case) + deadlines(case, settings) + officers(case) + hearing_and_major(case, settings)
             + decision_content(case, settings, range_of) + consistency(case))
    scope = case.case_no or "|".join(sorted({d.file.split("!")[-1].rsplit("/", 1)[-1] for d in case.documents
                                              if d.file}))
    return unique(sorted(found, key=lambda f: f.rule), scope)

