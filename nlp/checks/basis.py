"""F201–F205: the authorizing provision and every citation against the versioned registry.

A law is judged on the review date; what a cited article meant is judged on the document's own
date (the version then in force), and where it is now by aligning that version with today's.
"""
from __future__ import annotations

import re
from datetime import date

from nlp.checks.context import Context, rank
from nlp.checks.rules import Finding, finding
from nlp.checks.units import Unit
from nlp.citations import Citation
from nlp.document import ParsedDocument

_CLAUSE_RE = re.compile(r"(?:根据|依据|依照|按照)[^。]{0,160}?(?:制定|通知如下|规定如下|决定如下|意见如下|办法如下)")
_OPENING_RE = re.compile(r"为了?[^。]{4,200}?(?:制定本[\u4e00-\u9fff]{1,4}|特制定[\u4e00-\u9fff]{0,4}|通知如下|规定如下|决定如下|意见如下|办法如下)")
_AMENDS_RE = re.compile(r"(?:修改|修订|废止)[^。]{0,60}的决定$|修正案")
# 为贯彻落实《…法》 / 根据《…》…，适用本办法: a basis named without the 制定 formula.
_IMPLEMENTS_RE = re.compile(r"(?:贯彻|落实|实施|执行|根据|依据|依照)[^。]{0,20}?《[^》]{2,60}(?:法|条例|规定|办法|决定)》")
#: Ranks that must state the law they are made under.
NEEDS_BASIS = ("地方性法规", "自治条例和单行条例", "部门规章", "地方政府规章", "行政规范性文件")


def document_date(doc: ParsedDocument) -> date | None:
    """The date the text speaks from: its latest issue, publication, adoption or amendment (a
    regulation revised in 2019 is read against the laws of 2019), or else its effective date."""
    d = doc.metadata.dates
    made = [d[k] for k in ("issued", "published", "adopted", "approved", "amended") if k in d]
    return max(made) if made else d.get("effective")


def cn_article(n: int, sub: int = 0) -> str:
    """第119条 → 第一百一十九条, as the documents write it."""
    return f"第{cn_number(n)}条" + (f"之{cn_number(sub)}" if sub else "")


def cn_number(n: int) -> str:
    digits = "零一二三四五六七八九"
    if n < 10:
        return digits[n]
    if n < 20:
        return "十" + (digits[n % 10] if n % 10 else "")
    if n < 100:
        return digits[n // 10] + "十" + (digits[n % 10] if n % 10 else "")
    if n < 1000:
        rest = n % 100
        tail = "" if rest == 0 else ("零" + digits[rest] if rest < 10 else
                                     ("一" + cn_number(rest) if rest < 20 else cn_number(rest)))
        return digits[n // 100] + "百" + tail
    return str(n)


def not_filed(issuers: list[str]) -> bool:
    """国务院 and 国务院办公厅 documents: no office files them (立法法 第一百零九条 lists who files with whom)."""
    return bool(issuers) and all(re.fullmatch(r"国务院(?:办公厅)?", o) for o in issuers)


def check_authorizing(doc: ParsedDocument, units: list[Unit]) -> list[Finding]:
    """F201: no 根据/依据…制定 clause and no cited basis."""
    if doc.metadata.level not in NEEDS_BASIS or any(c.is_basis for c in doc.citations):
        return []
    if _AMENDS_RE.search(doc.metadata.title or "") or not_filed(doc.metadata.issuers):
        return []  # a 修改/废止 decision rests on the basis of the rule it amends
    head = units[0].start if units else 0
    window = doc.text[head:min(len(doc.text), head + 1500)]
    if _CLAUSE_RE.search(window) or _IMPLEMENTS_RE.search(window):
        return []
    if doc.metadata.level == "行政规范性文件":
        if any(c.title and not c.internal and not c.form for c in doc.citations):
            return []  # a 规范性文件 that applies the laws it cites states its basis where it uses it
        from nlp.checks.genre import binds_the_public
        if not binds_the_public(doc.text):
            return []  # guidance or internal arrangements: no basis clause is expected
    opening = _OPENING_RE.search(doc.text)
    start, end = (opening.span() if opening else (units[0].start, units[0].end) if units else (0, 0))
    where = cn_article(units[0].article, units[0].sub) if units and units[0].article else "开头部分"
    return [finding("F201", f"{where}未写明制定依据，全文未引用作为依据的法律、法规、规章",
                    text=doc.text, start=start, end=end, article=units[0].article if units else None,
                    location=where)]


def _citing_date(doc: ParsedDocument, reg, ctx: Context) -> date | None:
    """The date the text speaks from: its own (document_date), but never before a law it cites was adopted — an
    amended text that keeps only its original 施行 date (本规定自2009年4月1日起施行) is as new as what it cites."""
    own = document_date(doc)
    if own is None:
        return None
    adopted = []
    for c in _external(doc):
        if _names_itself_or_repeals(doc, c) or _historical(doc.text, c):
            continue
        entry = reg.resolve(c.means or c.title).entry
        first = min((v.date for v in entry.versions if v.date), default=None) if entry is not None else None
        if first and first <= ctx.as_of:
            adopted.append(first)
    return max([own] + adopted)


def _external(doc: ParsedDocument) -> list[Citation]:
    return [c for c in doc.citations if c.title and not c.internal and not c.form]


def _locator(units: list[Unit]):
    """Where a citation is, named like the document names its provisions (第三条, 二、（一）)."""
    def where(c: Citation) -> str | None:
        if c.in_article:
            return cn_article(c.in_article, c.in_article_sub)
        return next((u.location for u in units if u.start <= c.start < u.end), None)
    return where


def check_citations(doc: ParsedDocument, units: list[Unit], ctx: Context) -> list[Finding]:
    """F202–F205 over the document's external citations; one finding per law for F202/F203/F205."""
    reg, lib = ctx.library.registry, ctx.library
    _where = _locator(units)
    cited_on = _citing_date(doc, reg, ctx)
    found: list[Finding] = []
    laws: dict[str, list[Citation]] = {}
    unresolved: dict[str, Citation] = {}
    for c in _external(doc):
        if _historical(doc.text, c):
            continue  # 原《城市规划法》施行前…: a past state of the law, not a law the document rests on
        entry = reg.resolve(c.means or c.title).entry
        if entry is None:
            if not lib.has_document(c.means or c.title) and not _names_itself_or_repeals(doc, c):
                unresolved.setdefault(c.means or c.title, c)
            continue
        laws.setdefault(entry.key, []).append(c)
    for key, cites in laws.items():
        entry = reg.entries[key]
        first = cites[0]
        status = entry.status(ctx.as_of)
        if status in ("已废止", "失效") and all(_names_itself_or_repeals(doc, c) for c in cites):
            continue  # 同时废止《…》: the document repeals it, it does not rest on it
        if status in ("已废止", "失效"):
            when = f"于{entry.repealed.isoformat()}" if entry.repealed else ""
            status = status.removeprefix("已")
            succ = f"，已由《{entry.successor}》替代" if entry.successor else ""
            role = "制定依据" if any(c.is_basis for c in cites) else "引用的"
            found.append(finding("F202", f"{role}《{entry.title}》已{when}{status}{succ}", text=doc.text,
                                 start=first.start, end=first.end, article=first.in_article, location=_where(first),
                                 successor=entry.successor, law=entry.title, key=key,
                                 places=[_where(c) for c in cites]))
            continue
        found += _articles(doc, entry, cites, cited_on, ctx, _where)
        if all(_names_itself_or_repeals(doc, c) for c in cites):
            continue  # the document's own earlier version, named to repeal it
        if cited_on and rank(entry.level) < rank(doc.metadata.level):
            later = sorted(v.date for v in entry.versions if v.date and cited_on < v.date <= ctx.as_of)
            if later:
                found.append(finding(
                    "F203", f"《{entry.title}》在本文件发布（{cited_on.isoformat()}）后于{later[-1].isoformat()}修改，"
                    "需核对相关规定", text=doc.text, start=first.start, end=first.end, article=first.in_article,
                    location=_where(first), law=entry.title, amended=[d.isoformat() for d in later], key=key))
    for title, c in unresolved.items():
        found.append(finding("F205", f"引用的《{title}》在法规库中未找到", text=doc.text, start=c.start, end=c.end,
                             article=c.in_article, location=_where(c), key=title))
    return found


_ISSUES_RE = re.compile(r"关于(?:印发|转发|公布|发布)《?(?P<t>.+?)》?的(?:通知|决定)$")
_REPEAL_BEFORE_RE = re.compile(r"(?:废止|宣布失效|停止执行)[^。；\n]*$")


_HISTORY_AFTER_RE = re.compile(r"\s*(?:第[^，。；]{1,12}?条)?\s*(?:施行|实施|生效|废止|修订|修改|公布)(?:之日)?(?:以?前|之前)|\s*(?:时期|期间)")


def _historical(text: str, c: Citation) -> bool:
    """原《…》 or 《…》施行前: the citation speaks of the law as it was, not as a basis now."""
    return text[max(0, c.start - 1):c.start] == "原" or bool(_HISTORY_AFTER_RE.match(text, c.end))


def _names_itself_or_repeals(doc: ParsedDocument, c: Citation) -> bool:
    """A 印发 notice names the 办法 it issues; a closing article names what it repeals (…同时废止,
    废止《…》): neither is a citation to look up."""
    own = doc.metadata.title or ""
    issued = _ISSUES_RE.search(own)
    if c.title in (own, issued["t"] if issued else None):
        return True
    end = doc.text.find("。", c.end)
    clause_start = max(doc.text.rfind(ch, 0, c.start) for ch in "。；\n")
    return ("废止" in doc.text[c.end:end if end >= 0 else len(doc.text)]
            or bool(_REPEAL_BEFORE_RE.search(doc.text, clause_start + 1, c.start)))


def _articles(doc: ParsedDocument, entry, cites: list[Citation], cited_on: date | None, ctx: Context,
              _where) -> list[Finding]:
    """F204 for each cited article that was never there, is gone, or has moved."""
    found, unverified = [], []
    for c in cites:
        if not c.article:
            continue
        fate = ctx.library.cited(entry.title, c.article, c.article_sub, cited_on, ctx.as_of, _context(doc, c))
        if fate is None:
            continue
        label = cn_article(c.article, c.article_sub)
        if fate.then_missing:
            unverified.append((c, label, fate))
            continue
        if fate.old_number:
            was, now = fate.old_number
            if was:
                msg, sev = (f"《{entry.title}》{label}按{was.isoformat()}版的条文序号引用，本文件施行时"
                            f"（{_v(fate.version_then)}）该内容为{cn_article(*now)}"), None
            else:
                msg, sev = (f"所引《{entry.title}》{label}（{_v(fate.version_then)}）的内容与本文件所述不符，"
                            f"所述内容见{cn_article(*now)}，可能按修订前的条文序号引用，请核实"), "warning"
            found.append(finding("F204", msg, text=doc.text, start=c.start, end=c.end, article=c.in_article,
                                 location=_where(c), severity=sev, law=entry.title, cited=label, now=cn_article(*now),
                                 old_version=was.isoformat() if was else None))
            continue
        if fate.exists_then is False:
            msg, sev = f"《{entry.title}》（{_v(fate.version_then)}）没有{label}", None
        elif fate.now is None:
            msg, sev = f"《{entry.title}》{label}在现行版本（{_v(fate.version_now)}）中已删除", None
        elif fate.moved:
            msg = f"《{entry.title}》{label}在现行版本（{_v(fate.version_now)}）中为{cn_article(*fate.now)}"
            sev = "warning"
        else:
            continue
        found.append(finding("F204", msg, text=doc.text, start=c.start, end=c.end, article=c.in_article,
                             location=_where(c), severity=sev, law=entry.title, cited=label,
                             now=cn_article(*fate.now) if fate.now else None))
    if unverified:
        c, _, fate = unverified[0]
        labels = "、".join(dict.fromkeys(lb for _, lb, _ in unverified))
        which = f"（{_v(fate.then_missing)}）" if isinstance(fate.then_missing, date) else ""
        found.append(finding("F204", f"无法核实：法规库未收录《{entry.title}》在{cited_on.isoformat() if cited_on else '本文件发布'}"
                             f"时施行的版本{which}的文本，所引{labels}的内容未核对",
                             text=doc.text, start=c.start, end=c.end, article=c.in_article, location=_where(c),
                             severity="info", law=entry.title, cited=labels, unverifiable=True))
    return found


_APPLY_BEFORE_RE = re.compile(r"(?:依照|按照|根据|依据)\s*$")
_APPLY_AFTER_RE = re.compile(r"(?:第[一二三四五六七八九十百零\d]+[款项])*\s*(?:的)?规定\s*[，,]")


def _context(doc: ParsedDocument, c: Citation) -> str:
    """What the citing document says the article provides — only in 依照《…》第X条的规定，<what it provides>,
    with one article cited in the sentence; "" otherwise (所称, 符合…规定 and lists say nothing of its content)."""
    text = doc.text
    start = max(text.rfind(ch, 0, c.start) for ch in "。；\n") + 1
    ends = [i for i in (text.find(ch, c.end) for ch in "。；\n") if i >= 0]
    end = min(ends, default=len(text))
    lead = text[max(start, c.start - 30):c.start]
    lead = lead[:lead.rfind("《")] if "《" in lead else lead
    after = _APPLY_AFTER_RE.match(text, c.end)
    others = [o for o in doc.citations if o is not c and o.article and start <= o.start < end]
    if not (_APPLY_BEFORE_RE.search(lead) and after) or others or "所称" in text[start:end]:
        return ""
    return text[after.end():end]


def _v(d: date | None) -> str:
    return f"{d.isoformat()}版" if d else "版本不详"

