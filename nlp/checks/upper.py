"""F105: a penalty clause against the upper-level provision for the same conduct.

A paragraph that lists offences as items (有下列行为之一的…：（一）…处…罚款) is one clause per
item. The counterpart is the provision the clause cites or, when it cites none, the penalty
paragraph of the document's basis laws whose text the clause's conduct recurs in (character
pairs weighted by rarity; the conduct is what comes before 的，由/处, or the article it refers
to when it only says 违反本条例第十二条规定的). Kinds and fine ranges are then compared per
addressee (单位/个人) and per basis (fixed yuan, multiples of 违法所得, 货值金额 …).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import lru_cache

from nlp.checks.allocation import power_rule, revokes_business_licence
from nlp.checks.context import Context, UpperProvision, rank
from nlp.checks.rules import Finding, finding
from nlp.checks.units import Unit
from nlp.citations import Citation
from nlp.document import ParsedDocument
from nlp.numbers import Fine, cn_to_int
from nlp.provisions import fines as find_fines
from nlp.provisions import penalty_kinds

_LEAD_RE = re.compile(r"^(?:[（(][一二三四五六七八九十\d]+[)）]|\d+[.．、])?\s*(?:违反本(?:法|条例|办法|规定|细则|决定)?"
                      r"(?:第[^，,。；]{1,30}?)?(?:的)?(?:有关)?规定[，,]?)?")
_REFERS_RE = re.compile(r"违反(?:本(?:法|条例|办法|规定|细则|决定))?第(?P<art>[一二三四五六七八九十百零\d]+)条"
                        r"(?:第(?P<par>[一二三四五六七八九十\d]+)款)?")
_CONDUCT_END_RE = re.compile(r"的[，,]|[，,](?:由|处|责令|没收|给予|对)")
_NOISE_RE = re.compile(r"[\s，,。；;、：:“”《》（）()的或者和及以及等其]")
_BASIS_CLASSES = (("违法所得", "违法所得"), ("货值", "货值金额"), ("销售", "违法销售额"), ("经营额", "违法经营额"))
_CATCH_ALL_RE = re.compile(r"^[（(]?[一二三四五六七八九十\d]*[)）]?\s*(?:法律|法规|规章|本条例|本办法)?[^。；]{0,12}?其他"
                           r"[^。；]{0,10}?(?:违法)?行为")
_SELF_DESCRIBED = 6
_CLOSE = 0.1  # counterparts within this much of the best conduct match are equally plausible  # characters of conduct of its own, past which a clause is matched on its own words


@dataclass(frozen=True)
class PenaltyClause:
    """One offence and its penalty: a paragraph, or one item of a paragraph that lists offences."""

    location: str
    start: int  # into the document text
    text: str
    conduct: str
    kinds: tuple[str, ...]
    fines: tuple[Fine, ...]  # offsets into ``text``
    citations: tuple[Citation, ...]


@dataclass(frozen=True)
class Counterpart:
    """The upper provision a clause answers to, and how sure the match is (1.0 when cited)."""

    provision: UpperProvision
    score: float
    cited: bool
    alternatives: tuple[UpperProvision, ...] = ()


# 依照《…》第X条的规定予以处罚 / 根据…的规定进行处罚: the penalty of that branch is the law's, whatever it is.
_REFERRAL_AFTER_RE = re.compile(r"[^，,；;。]{0,40}?的?规定(?:予以|进行|给予)?(?:处罚|处理)")
_REFERRAL_BEFORE_RE = re.compile(r"(?:依照|依据|按照|根据)\s*$")


def referral(text: str, at: int) -> bool:
    """Is the citation at ``at`` (offset into ``text``) a referral of one branch to the cited law's penalty?"""
    if at < 0 or at > len(text):
        return False
    return bool(_REFERRAL_BEFORE_RE.search(text[max(0, at - 4):at]) and _REFERRAL_AFTER_RE.match(text, at))


def conduct(text: str) -> str:
    """The conduct a penalty clause describes, without the 违反本办法第X条规定 lead-in or punctuation."""
    text = _LEAD_RE.sub("", text, count=1)
    m = _CONDUCT_END_RE.search(text)
    return _NOISE_RE.sub("", text[:m.start()] if m else text)


def _pairs(s: str) -> set[str]:
    return {s[i:i + 2] for i in range(len(s) - 1)}


def recurrence(conduct_text: str, upper: str, weights: dict[str, float] | None = None) -> float:
    """Share of the conduct's character pairs that recur in the upper provision's text.

    With ``weights``, pairs common to many candidate provisions (污染, 单位, 规定) count for less
    than the words that name this conduct (秸秆, 落叶).
    """
    mine = _pairs(conduct_text)
    if not mine:
        return 0.0
    weight = (lambda p: weights.get(p, 1.0)) if weights else (lambda p: 1.0)
    shared = mine & _pairs(_NOISE_RE.sub("", upper))
    return sum(weight(p) for p in shared) / sum(weight(p) for p in mine)


def candidate_weights(candidates: list[UpperProvision]) -> dict[str, float]:
    """rarity() of a candidate set, computed once per set: clauses of one document share their basis laws."""
    return _weights(tuple(candidates))


@lru_cache(maxsize=256)
def _weights(candidates: tuple[UpperProvision, ...]) -> dict[str, float]:
    return rarity([p.conduct_text for p in candidates])


def rarity(texts: list[str]) -> dict[str, float]:
    """Inverse document frequency of character pairs over the candidate provisions."""
    df: dict[str, int] = {}
    for t in texts:
        for p in _pairs(_NOISE_RE.sub("", t)):
            df[p] = df.get(p, 0) + 1
    n = len(texts)
    return {p: math.log((n + 1) / (c + 0.5)) for p, c in df.items()}


def _clause_conduct(doc: ParsedDocument, text: str) -> str:
    """The clause's own words, or the text of the article it only refers to (违反本条例第十二条规定的)."""
    own = conduct(text)
    if len(own) >= _SELF_DESCRIBED:
        return own
    m = _REFERS_RE.search(text)
    if not m:
        return own
    number = int(m["art"]) if m["art"].isdigit() else cn_to_int(m["art"])
    for a in doc.structure.articles:
        if a.number == number and not a.sub:
            par = (int(m["par"]) if m["par"].isdigit() else cn_to_int(m["par"])) if m["par"] else None
            chosen = [p for p in a.paragraphs if par is None or p.index == par] or a.paragraphs
            return _NOISE_RE.sub("", "".join(p.text for p in chosen))
    return own


def penalty_clauses(doc: ParsedDocument, unit: Unit) -> list[PenaltyClause]:
    """The offences a penalty paragraph sets: one per item when the items carry their own penalty."""
    cites = tuple(c for c in doc.citations
                  if unit.start <= c.start < unit.end and c.title and not c.internal and not c.form)
    whole = PenaltyClause(unit.location, unit.start, unit.text, _clause_conduct(doc, unit.text),
                          tuple(unit.penalty_kinds), tuple(unit.fines), cites)
    if not unit.items:
        return [whole]
    intro = doc.text[unit.start:unit.items[0].start]
    intro_kinds, intro_fines = penalty_kinds(intro), find_fines(intro)
    out = []
    for item in unit.items:
        text = doc.text[item.start:item.end]
        kinds, item_fines = penalty_kinds(text), find_fines(text)
        if (not kinds and not intro_kinds) or _CATCH_ALL_RE.search(text):
            continue  # （七）法律法规规定的其他违法行为: no conduct of its own to compare
        out.append(PenaltyClause(
            f"{unit.location}{item.label}", item.start, text, _clause_conduct(doc, text),
            tuple(kinds or intro_kinds), tuple(item_fines or [_shift(f, item.start - unit.start) for f in intro_fines]),
            tuple(c for c in cites if item.start <= c.start < item.end) or cites))
    return out or [whole]


def _shift(f: Fine, by: int) -> Fine:
    """An intro's fine, placed before the item it applies to (negative offsets point into the intro)."""
    return Fine(f.min, f.max, f.basis, f.target, f.start - by, f.end - by)


def counterpart(doc: ParsedDocument, clause: PenaltyClause, unit: Unit, ctx: Context) -> Counterpart | None:
    """The upper-level penalty provision governing the clause's conduct, or None when none is known."""
    lib, level = ctx.library, doc.metadata.level
    if any(referral(doc.text, c.start) for c in clause.citations):
        return None  # one branch defers to the cited law (情节严重的，依照《…》第X条处罚); the rest is the rule's own
    cited = [c for c in clause.citations if c.article]
    for c in cited:
        entry = lib.registry.resolve(c.means or c.title).entry
        if entry is None or rank(entry.level) >= rank(level):
            continue
        found = [p for p in lib.penalty_provisions(entry, ctx.as_of)
                 if (p.article, p.sub) == (c.article, c.article_sub) and (not c.paragraph or p.paragraph == c.paragraph)]
        if len(found) == 1:
            return Counterpart(found[0], 1.0, True)
        scored = sorted(((recurrence(clause.conduct, p.conduct_text), p) for p in found), key=lambda x: -x[0])
        if scored and scored[0][0] >= 0.3 and (len(scored) == 1 or scored[0][0] > scored[1][0]):
            return Counterpart(scored[0][1], 1.0, True)
    if cited:
        return None  # it cites its own source; a provision of the basis laws must not override that
    candidates = [p for entry in basis_entries(doc, unit, ctx) for p in lib.penalty_provisions(entry, ctx.as_of)
                  if not _other_addressee(p, doc, unit)]  # a provision for banks is no counterpart for a holding company
    weights = candidate_weights(candidates)
    scored = sorted(((recurrence(clause.conduct, p.conduct_text, weights), p) for p in candidates), key=lambda x: -x[0])
    if not scored or scored[0][0] < ctx.settings["upper"]["conduct_match"]:
        return None
    best = scored[0][0]
    # laws often overlap (水法 and 水污染防治法 both punish an outfall in a source area): every
    # provision matching almost as well is a counterpart the clause may follow
    close = tuple(p for s, p in scored[1:] if s >= best - _CLOSE)
    return Counterpart(scored[0][1], best, False, close)


def kind_upstream(doc: ParsedDocument, clause: PenaltyClause, unit: Unit, kind: str, ctx: Context) -> bool:
    """Does a basis law punish conduct like the clause's with ``kind``? A looser match than F105's
    (settings upper.kind_match): restating a kind the law has is specifying it, not setting it."""
    cutoff = ctx.settings["upper"]["kind_match"]
    # any stored text will do here: a kind the law has had is one the rule may restate
    candidates = [p for entry in basis_entries(doc, unit, ctx)
                  for p in ctx.library.penalty_provisions(entry, ctx.as_of, any_version=True)]
    weights = candidate_weights(candidates)
    return any(has_kind(p, kind) and recurrence(clause.conduct, p.conduct_text, weights) >= cutoff for p in candidates)


def has_kind(p: UpperProvision, kind: str) -> bool:
    """Does the upper provision have this kind? 吊销营业执照 needs that licence, not any 吊销."""
    if kind == "吊销营业执照":
        return "吊销许可证件" in p.penalty_kinds and revokes_business_licence(p.text)
    return kind in p.penalty_kinds


# Conduct every permit law shares: lying to obtain a permit is 行政许可法 第七十八条、第七十九条 whatever the field.
_PERMIT_FRAUD_RE = re.compile(r"申请[^。；]{0,30}?(?:隐瞒|虚假|欺骗|贿赂)|(?:隐瞒|虚假|欺骗|贿赂)[^。；]{0,30}?(?:申请|取得)[^。；]{0,20}?(?:许可|登记|证)")
GENERAL_PERMIT_LAW = "中华人民共和国行政许可法"


def basis_entries(doc: ParsedDocument, unit: Unit, ctx: Context) -> list:
    """Higher-ranking registry entries the document is made under, plus those its clause's article cites, plus
    行政许可法 for a clause on obtaining a permit by deceit (the general law of every permit)."""
    reg, level = ctx.library.registry, doc.metadata.level
    seen, out = set(), []
    if _PERMIT_FRAUD_RE.search(unit.text):
        general = reg.resolve(GENERAL_PERMIT_LAW).entry
        if general is not None and rank(general.level) < rank(level):
            seen.add(general.key)
            out.append(general)
    for c in doc.citations:
        if not c.title or c.internal or c.form:
            continue
        if not (c.is_basis or (unit.article is not None and c.in_article == unit.article)):
            continue
        entry = reg.resolve(c.means or c.title).entry
        if entry is not None and entry.status(ctx.as_of) in ("已废止", "失效") and entry.successor:
            # a basis repealed and replaced (环境噪声污染防治法 → 噪声污染防治法) is read through its successor
            successor = reg.resolve(entry.successor).entry
            if successor is not None:
                ctx.successors[successor.title] = entry.title
                entry = successor
        if entry is not None and entry.key not in seen and rank(entry.level) < rank(level):
            seen.add(entry.key)
            out.append(entry)
    return out


def _basis_class(f: Fine) -> str:
    if f.basis == "fixed":
        return "fixed"
    basis = re.sub(r"[的之]|造成|所", "", f.basis)  # 造成的直接损失 = 造成直接损失 = 直接损失
    return next((name for key, name in _BASIS_CLASSES if key in basis), basis)


def _envelope(fines: list[Fine]) -> tuple[float | None, float | None]:
    lows = [f.min for f in fines]
    highs = [f.max for f in fines]
    return (None if None in lows else min(lows)), (None if None in highs else max(highs))


def _money(x: float, basis: str) -> str:
    if basis != "fixed":
        return f"{x:g}倍"
    return f"{x / 10000:g}万元" if x >= 10000 else f"{x:g}元"


def _range(low: float | None, high: float | None, basis: str) -> str:
    """五百元至二千元 as 500元至2000元; an open end as 2000元以下 / 500元以上."""
    if low is None and high is None:
        return "不限"
    if low is None:
        return f"{_money(high, basis)}以下"
    if high is None:
        return f"{_money(low, basis)}以上"
    return f"{_money(low, basis)}至{_money(high, basis)}"


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
    return f"{who}罚款{_range(mine.min, mine.max, basis)}，超出上位法{_range(low, high, basis)}的幅度"


def check_penalty_range(doc: ParsedDocument, clause: PenaltyClause, unit: Unit, ctx: Context,
                        match: Counterpart) -> list[Finding]:
    """F105 for one clause and its counterpart: added kinds, and each fine outside the upper range."""
    for other in match.alternatives:  # lawful under an equally plausible counterpart: no finding
        if not _problems(clause, other, doc, unit, ctx)[0]:
            return []
    up = match.provision
    problems, spans = _problems(clause, up, doc, unit, ctx)
    if not problems:
        return []
    start = min(s for s, _ in spans)
    end = max(e for _, e in spans)
    # a kind missing from the one provision matched by wording may come from a law the document
    # does not name (超标排放 fines are in 大气污染防治法, not 环境保护法): the reviewer judges that
    only_kinds = all(p.startswith("增设") for p in problems)
    sure = match.cited or (match.score >= ctx.settings["upper"]["conduct_sure"] and not only_kinds)
    other = _other_addressee(up, doc, unit)
    if other:  # the upper article punishes another kind of body (商业银行 for a 金融控股公司): maybe not the same conduct
        sure = False
        problems.append(f"（上位条款针对{other}，与本条处罚对象可能不同，请核实）")
    severity = None if sure else "warning"
    how = "所引用的" if match.cited else "同一违法行为的"
    if up.title in ctx.successors:
        problems.append(f"（所依据的《{ctx.successors[up.title]}》已废止，按其继任的《{up.title}》比较）")
    row = power_rule("penalty", doc.metadata.level, ctx.as_of)
    return [finding(
        "F105", f"{clause.location}规定的处罚与{how}上位法规定不一致（《{up.title}》{up.label}）：" + "；".join(problems),
        text=doc.text, start=clause.start + start, end=clause.start + end, article=unit.article,
        location=clause.location, severity=severity, basis=row.get("within") if row else None,
        upper={"title": up.title, "level": up.level, "label": up.label, "text": up.text,
               "match": round(match.score, 2), "cited": match.cited})]


# Kinds of body a provision may be written for alone (a law for banks, not for every 单位).
_ADDRESSEES_RE = re.compile(r"商业银行|银行业金融机构|保险公司|保险机构|证券公司|期货公司|基金管理人|基金管理公司|信托公司|"
                             r"支付机构|金融控股公司|征信机构|会计师事务所|律师事务所|公证机构|评级机构")


def _other_addressee(up: UpperProvision, doc: ParsedDocument, unit: Unit) -> str | None:
    """The kind of body the upper article punishes, when the clause's document never names it."""
    lead = up.text[:max(0, min((i for i in (up.text.find(w) for w in ("有下列", "违反", "的，")) if i >= 0), default=60))]
    names = _ADDRESSEES_RE.findall(lead or up.text[:60])
    here = (doc.metadata.title or "") + doc.text[unit.block[0]:unit.block[1]]
    missing = [n for n in names if n not in here]
    return missing[0] if names and len(missing) == len(names) else None


def _problems(clause: PenaltyClause, up: UpperProvision, doc: ParsedDocument, unit: Unit,
              ctx: Context) -> tuple[list[str], list[tuple[int, int]]]:
    """What the clause sets beyond ``up``: kinds no basis law has for such conduct, fines outside its range."""
    problems, spans = [], []
    added = [k for k in clause.kinds if k not in up.penalty_kinds and not _same_confiscation(k, up)
             and not kind_upstream(doc, clause, unit, k, ctx)]
    if added and up.penalty_kinds:
        problems.append("增设了上位法没有规定的处罚种类：" + "、".join(added))
        spans.append((0, len(clause.text)))
    for f in clause.fines:
        excess = fine_excess(f, list(up.fines))
        if excess:
            problems.append(excess)
            spans.append((max(f.start, 0), max(f.end, 0) or len(clause.text)))
    return problems, spans


def _same_confiscation(kind: str, up: UpperProvision) -> bool:
    """没收违法所得 and 没收非法财物 are often written together; either in the upper text covers both."""
    return kind.startswith("没收") and any(k.startswith("没收") for k in up.penalty_kinds)
