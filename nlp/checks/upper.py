"""F105: a penalty clause against the upper-level provision for the same conduct.

The counterpart is the provision the clause cites or, when it cites none, the penalty
paragraph of the document's basis laws whose conduct the clause's conduct recurs in (shared
character pairs, the conduct being what comes before 的，由/处). Kinds and fine ranges are then
compared per addressee (单位/个人) and per basis (fixed yuan, multiples of 违法所得, 货值金额 …).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

from nlp.checks.allocation import power_rule
from nlp.checks.context import Context, UpperProvision, rank
from nlp.checks.rules import Finding, finding
from nlp.checks.units import Unit
from nlp.citations import Citation
from nlp.document import ParsedDocument
from nlp.numbers import Fine

_LEAD_RE = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、])?\s*(?:违反本(?:法|条例|办法|规定|细则|决定)?"
                      r"(?:第[^，,。；]{1,30}?)?(?:的)?(?:有关)?规定[，,]?)?")
_CONDUCT_END_RE = re.compile(r"的[，,]|[，,](?:由|处|责令|没收|给予|对)")
_NOISE_RE = re.compile(r"[\s，,。；;、：:“”《》（）()的或者和及以及等其]")
_BASIS_CLASSES = (("违法所得", "违法所得"), ("货值", "货值金额"), ("销售", "违法销售额"), ("经营额", "违法经营额"))


@dataclass(frozen=True)
class Counterpart:
    """The upper provision a clause answers to, and how sure the match is (1.0 when cited)."""

    provision: UpperProvision
    score: float
    cited: bool


def conduct(text: str) -> str:
    """The conduct a penalty clause describes, without the 违反本办法第X条规定 lead-in or punctuation."""
    text = _LEAD_RE.sub("", text, count=1)
    m = _CONDUCT_END_RE.search(text)
    return _NOISE_RE.sub("", text[:m.start()] if m else text)


def _pairs(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def recurrence(clause: str, upper: str, weights: dict[str, float] | None = None) -> float:
    """Share of the clause's conduct (character pairs) that recurs in the upper provision's text.

    With ``weights``, pairs common to many candidate provisions (污染, 单位, 规定) count for less
    than the words that name this conduct (秸秆, 落叶).
    """
    mine = _pairs(conduct(clause))
    if not mine:
        return 0.0
    weight = (lambda p: weights.get(p, 1.0)) if weights else (lambda p: 1.0)
    shared = mine & _pairs(_NOISE_RE.sub("", upper))
    return sum(weight(p) for p in shared) / sum(weight(p) for p in mine)


def rarity(texts: list[str]) -> dict[str, float]:
    """Inverse document frequency of character pairs over the candidate provisions."""
    df: dict[str, int] = {}
    for t in texts:
        for p in _pairs(_NOISE_RE.sub("", t)):
            df[p] = df.get(p, 0) + 1
    n = len(texts)
    return {p: math.log((n + 1) / (c + 0.5)) for p, c in df.items()}


def unit_citations(doc: ParsedDocument, unit: Unit) -> list[Citation]:
    """External citations written inside the clause itself."""
    return [c for c in doc.citations
            if unit.start <= c.start < unit.end and c.title and not c.internal and not c.form]


def counterpart(doc: ParsedDocument, unit: Unit, ctx: Context) -> Counterpart | None:
    """The upper-level penalty provision governing the clause's conduct, or None when none is known."""
    lib, level = ctx.library, doc.metadata.level
    cited = [c for c in unit_citations(doc, unit) if c.article]
    for c in cited:
        entry = lib.registry.resolve(c.means or c.title).entry
        if entry is None or rank(entry.level) >= rank(level):
            continue
        found = [p for p in lib.penalty_provisions(entry, ctx.as_of)
                 if (p.article, p.sub) == (c.article, c.article_sub) and (not c.paragraph or p.paragraph == c.paragraph)]
        if len(found) == 1:
            return Counterpart(found[0], 1.0, True)
        scored = sorted(((recurrence(unit.text, p.text), p) for p in found), key=lambda x: -x[0])
        if scored and scored[0][0] >= 0.3 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            return Counterpart(scored[0][1], 1.0, True)
    if cited:
        return None  # it cites its own source; a provision of the basis laws must not override that
    candidates = [p for entry in basis_entries(doc, unit, ctx) for p in lib.penalty_provisions(entry, ctx.as_of)]
    weights = rarity([p.text for p in candidates])
    best: tuple[float, UpperProvision] | None = None
    for p in candidates:
        score = recurrence(unit.text, p.text, weights)
        if best is None or score > best[0]:
            best = (score, p)
    if best and best[0] >= ctx.settings["upper"]["conduct_match"]:
        return Counterpart(best[1], best[0], False)
    return None


def basis_entries(doc: ParsedDocument, unit: Unit, ctx: Context) -> list:
    """Higher-ranking registry entries the document is made under, plus those its clause's article cites."""
    reg, level = ctx.library.registry, doc.metadata.level
    seen, out = set(), []
    for c in doc.citations:
        if not c.title or c.internal or c.form:
            continue
        if not (c.is_basis or (unit.article is not None and c.in_article == unit.article)):
            continue
        entry = reg.resolve(c.means or c.title).entry
        if entry is not None and entry.key not in seen and rank(entry.level) < rank(level):
            seen.add(entry.key)
            out.append(entry)
    return out


def _basis_class(f: Fine) -> str:
    if f.basis == "fixed":
        return "fixed"
    return next((name for key, name in _BASIS_CLASSES if key in f.basis), f.basis)


def _envelope(fines: list[Fine]) -> tuple[float | None, float | None]:
    lows = [f.min for f in fines]
    highs = [f.max for f in fines]
    return (None if None in lows else min(lows)), (None if None in highs else max(highs))


def _money(x: float | None, basis: str) -> str:
    if x is None:
        return "—"
    if basis != "fixed":
        return f"{x:g}倍"
    return f"{x / 10000:g}万元" if x >= 10000 else f"{x:g}元"


def fine_excess(mine: Fine, upper: list[Fine]) -> str | None:
    """How ``mine`` leaves the upper fines for the same addressee and basis, or None if it stays inside."""
    same = [f for f in upper if _basis_class(f) == _basis_class(mine)]
    if mine.target:
        same = [f for f in same if f.target in (mine.target, None)] or [f for f in same if f.target is None]
    if not same:
        return None  # the upper provision fines on another basis (or not at all): not comparable here
    low, high = _envelope(same)
    over = high is not None and (mine.max is None or mine.max > high)
    under = low is not None and mine.min is not None and mine.min < low
    if not (over or under):
        return None
    who = f"对{mine.target}" if mine.target else ""
    basis = _basis_class(mine)
    return (f"{who}罚款{_money(mine.min, basis)}至{_money(mine.max, basis)}，"
            f"超出上位法{_money(low, basis)}至{_money(high, basis)}的幅度")


def check_penalty_range(doc: ParsedDocument, unit: Unit, ctx: Context, match: Counterpart) -> list[Finding]:
    """F105 for one clause and its counterpart: added kinds, and each fine outside the upper range."""
    up = match.provision
    problems, spans = [], []
    added = [k for k in unit.penalty_kinds if k not in up.penalty_kinds and not _same_confiscation(k, up)]
    if added and up.penalty_kinds:
        problems.append("增设了上位法没有规定的处罚种类：" + "、".join(added))
        spans.append((0, len(unit.text)))
    for f in unit.fines:
        excess = fine_excess(f, list(up.fines))
        if excess:
            problems.append(excess)
            spans.append((f.start, f.end))
    if not problems:
        return []
    start = min(s for s, _ in spans)
    end = max(e for _, e in spans)
    severity = None if match.cited or match.score >= ctx.settings["upper"]["conduct_sure"] else "warning"
    how = "所引用的" if match.cited else "同一违法行为的"
    return [finding(
        "F105", f"{unit.location}规定的处罚与{how}上位法规定不一致（《{up.title}》{up.label}）：" + "；".join(problems),
        text=doc.text, start=unit.start + start, end=unit.start + end, article=unit.article,
        location=unit.location, severity=severity, basis=_within_basis(doc.metadata.level),
        upper={"title": up.title, "level": up.level, "label": up.label, "text": up.text,
               "match": round(match.score, 2), "cited": match.cited})]


def _same_confiscation(kind: str, up: UpperProvision) -> bool:
    """没收违法所得 and 没收非法财物 are often written together; either in the upper text covers both."""
    return kind.startswith("没收") and any(k.startswith("没收") for k in up.penalty_kinds)


def _within_basis(level: str) -> str | None:
    rule = power_rule("penalty", level)
    return rule.get("within") if rule else None
