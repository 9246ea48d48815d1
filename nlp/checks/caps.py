"""F108: a 规章 that sets a fine of its own above the limit for its level.

Only a fine the rule sets itself is held to the cap: where an upper-level provision for the same conduct
provides the fine (F105's counterpart) or the clause applies a named law, the rule is specifying, not
setting. The caps are data (fine_caps.toml); a 地方政府规章's cap is read from the province's stored
规章设定罚款限额规定 when the store holds it, and an unknown cap is said to be unknown (info).
"""
from __future__ import annotations

import re
import tomllib
from datetime import date
from functools import lru_cache
from pathlib import Path

from nlp.checks.conflicts import province_of_place, region
from nlp.checks.context import Context
from nlp.checks.rules import Finding, finding
from nlp.checks.upper import basis_entries
from nlp.document import ParsedDocument
from nlp.numbers import parse_amount

CAPS = Path(__file__).with_name("fine_caps.toml")
_CAP_TITLE_RE = re.compile(r"规章设定罚款限额|规章罚款限额|规章设定罚款的限额")
_AMOUNT_RE = re.compile(r"(?:限额为|不超过|不得超过|最高)\s*([0-9零〇一二三四五六七八九十百千万两.]+\s*万?元)")


@lru_cache(maxsize=1)
def caps() -> dict:
    with CAPS.open("rb") as f:
        return tomllib.load(f)


def _yuan(x: float) -> str:
    return f"{x / 10000:g}万元" if x >= 10000 else f"{x:g}元"


def made_on(doc: ParsedDocument, ctx: Context) -> date:
    """The day the rule set its fines (its issue or last amendment): the cap in force then is the one it answers to."""
    from nlp.checks.basis import document_date

    made = document_date(doc)
    return min(made, ctx.as_of) if made else ctx.as_of


def department_cap(as_of: date) -> dict | None:
    """The State Council limit in force on ``as_of`` (None before the first notice)."""
    return next((c for c in caps()["department"] if as_of >= c["since"]), None)


def local_cap(doc: ParsedDocument, ctx: Context) -> tuple[float, float | None, str] | None:
    """(general, special, source) for the document's province: from the store's 限额规定, else settings."""
    place = region(doc.metadata.issuers)
    province = province_of_place(place, ctx.library) or place  # a 设区的市: its province, as the store shows
    if not province:
        return None
    reg = ctx.library.registry
    for entry in reg.entries.values():
        if province in entry.title and _CAP_TITLE_RE.search(entry.title):
            amounts = []
            for text in ctx.library.article_texts(entry, made_on(doc, ctx)):
                amounts += [parse_amount(a) for a in _AMOUNT_RE.findall(text)]
            amounts = [a for a in amounts if a]
            if amounts:
                return amounts[0], (max(amounts[1:]) if len(amounts) > 1 else None), f"《{entry.title}》"
    row = caps().get("local", {}).get(province)
    if row:
        return float(row["general"]), (float(row["special"]) if row.get("special") else None), row["source"]
    return None


def check_fine_cap(doc: ParsedDocument, clause, unit, ctx: Context) -> list[Finding]:
    """F108 for one penalty clause that a 规章 sets itself (no counterpart provides its fine)."""
    level = doc.metadata.level
    fines = [f for f in clause.fines if f.max is not None]
    if level not in ("部门规章", "地方政府规章") or not fines:
        return []
    found = _cap_findings(doc, clause, unit, ctx, fines)
    # the counterpart search is lexical: when a basis law has penalty provisions, the fine may specify one of
    # them that the search did not match, so the excess is a question for the reviewer, not an assertion
    if any(f.severity == "error" for f in found) and any(
            ctx.library.penalty_provisions(e, ctx.as_of) for e in basis_entries(doc, unit, ctx)):
        for f in found:
            if f.severity == "error":
                f.severity = "warning"
                f.message += "（上位法中未找到对同一违法行为的罚款规定；如系规章自行设定，则超过限额）"
    return found


def _cap_findings(doc: ParsedDocument, clause, unit, ctx: Context, fines) -> list[Finding]:
    level = doc.metadata.level
    fixed = [f for f in fines if f.basis == "fixed"]
    multiples = [f for f in fines if f.basis != "fixed" and "违法所得" in f.basis]
    if not fixed and not multiples:
        return []
    top = max(fixed, key=lambda f: f.max) if fixed else None
    where = dict(text=doc.text, article=unit.article, location=clause.location)
    span = (clause.start + max(top.start, 0), clause.start + max(top.end, 0)) if top else (clause.start, clause.start + len(clause.text))
    if span[1] <= span[0]:
        span = (clause.start, clause.start + len(clause.text))
    if level == "部门规章":
        cap = department_cap(made_on(doc, ctx))
        if cap is None:
            return []
        if "with_proceeds" in cap:  # the 1996 notice: by 违法所得
            proceeds = bool(multiples) or "违法所得" in clause.text
            limit = cap["with_proceeds"] if proceeds else cap["general"]
            over_multiple = [f for f in multiples if f.max > cap["proceeds_multiple"]]
            problems = []
            if top and top.max > limit:
                what = "有违法所得的" if proceeds else "经营活动中没有违法所得的"
                problems.append(f"罚款最高{_yuan(top.max)}，超过{what}部门规章设定罚款限额{_yuan(limit)}")
            if over_multiple:
                problems.append(f"罚款为违法所得{over_multiple[0].max:g}倍，超过{cap['proceeds_multiple']}倍")
            if not problems:
                return []
            # the 1996 notice let the State Council approve higher fines, and many ministries' rules were: the
            # approval is not in the text, so the excess is a question, not an assertion
            return [finding("F108", f"{clause.location}" + "；".join(problems) + f"（{cap['source']}；超过限额须报国务院"
                            "批准，未能核实是否已获批准）", severity="warning", start=span[0], end=span[1], cap=limit,
                            source=cap["source"], **where)]
        if not top or top.max <= cap["general"]:
            return []
        if top.max <= cap["special"]:
            context = doc.text[unit.start:unit.end] + (doc.metadata.title or "")
            field = any(w in context for w in cap["special_when"])
            if field and re.search(r"危害后果|严重后果|造成[^。；，]{0,12}(?:后果|损害|事故)", doc.text[unit.start:unit.end]):
                return []  # the higher tier's condition is written into the clause: within the cap
            if not field:
                return [finding("F108", f"{clause.location}罚款最高{_yuan(top.max)}，超过部门规章设定罚款的一般限额"
                                f"{_yuan(cap['general'])}（{cap['source']}）", start=span[0], end=span[1],
                                cap=cap["general"], source=cap["source"], **where)]
            return [finding("F108", f"{clause.location}罚款最高{_yuan(top.max)}，超过一般限额{_yuan(cap['general'])}；"
                            f"只有{cap['special_condition']}的，才可设定至{_yuan(cap['special'])}，请核实",
                            severity="warning", start=span[0], end=span[1], cap=cap["special"],
                            source=cap["source"], **where)]
        return [finding("F108", f"{clause.location}罚款最高{_yuan(top.max)}，超过部门规章设定罚款的限额"
                        f"{_yuan(cap['special'])}（{cap['source']}；超过须报国务院批准）", start=span[0], end=span[1],
                        cap=cap["special"], source=cap["source"], **where)]
    if not top:
        return []
    local = local_cap(doc, ctx)
    if local is None:
        return [finding("F108", f"{clause.location}规章自行设定罚款（最高{_yuan(top.max)}），法规库中没有本省规章设定罚款"
                        "限额的规定，无法核实是否超过限额", severity="info", start=span[0], end=span[1], **where)]
    general, special, source = local
    if top.max <= general:
        return []
    if special and top.max <= special:
        return [finding("F108", f"{clause.location}罚款最高{_yuan(top.max)}，超过{source}的一般限额{_yuan(general)}；"
                        f"仅特定领域的违法行为可设定至{_yuan(special)}，请核实", severity="warning",
                        start=span[0], end=span[1], cap=special, source=source, **where)]
    return [finding("F108", f"{clause.location}罚款最高{_yuan(top.max)}，超过{source}规定的限额"
                    f"{_yuan(special or general)}", start=span[0], end=span[1], cap=special or general,
                    source=source, **where)]
