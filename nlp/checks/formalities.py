"""F401–F404: the effective date, the 有效期 of a 行政规范性文件, the 文号 (令号 for a 规章), and
filing within the deadline."""
from __future__ import annotations

import re
from datetime import date, timedelta
from nlp.checks.basis import not_filed
from nlp.checks.context import Context
from nlp.checks.rules import Finding, finding
from nlp.checks.units import Unit
from nlp.document import ParsedDocument
from nlp.metadata import own_validity
from nlp.numbers import add_period

#: Ranks the formal checks apply to: the documents a 司法局 files and keeps.
FORMAL_LEVELS = ("地方性法规", "自治条例和单行条例", "部门规章", "地方政府规章", "行政规范性文件")
_TRIAL_RE = re.compile(r"试行|暂行")
#: Documents that carry a 文号 (or, for a 规章, a 令号); a 地方性法规 is promulgated by 公告 instead.
NUMBERED_LEVELS = ("部门规章", "地方政府规章", "行政规范性文件")


# Any statement of when the document applies: 自发文之日起施行, 自2024年2月18日起执行, 决定自2015年10月24日起下调,
# 自账户管理系统（二期）运行之日起施行 — wherever in the text it stands.
_ON_ISSUE_RE = re.compile(r"自\s*[^。；，,]{1,30}?(?:之日)?起\s*[^。；，,]{0,6}?(?:施行|实行|执行|实施|生效|下调|上调|调整|启用|开始)")
_ORDER_NUMBER_RE = re.compile(r"令[〔\[(（]?(?:19|20)\d{2}[〕\])）年]?第?\d+号|令第?[\d零〇一二三四五六七八九十百千]+号|第\d+号令"
                              r"|(?:公告|通告)?[〔\[(（](?:19|20)\d{2}[〕\])）]第\d+号")


_RUN_ON_HEAD_RE = re.compile(r"[^\n]{4,120}?关于[^\n]{2,120}?的(?:通知|意见|指导意见|决定|公告|规定|办法)[ 　]*[^\n\s》）)]"
                             r"[^\n]{0,200}?(?:人民政府|各部门|分行|支行|局|委|厅|公司|银行|机构|单位)[^\n]{0,200}?[：:]")


def _order_number_in_head(text: str) -> bool:
    """A 令号 or 公告 number at the head, even split over lines or spaced by OCR (中 国 人 民 银 行 令 / 〔2018〕第 3 号)."""
    head = re.sub(r"\s+", "", text[:600])
    return bool(_ORDER_NUMBER_RE.search(head))


def _title_span(doc: ParsedDocument) -> tuple[int, int]:
    """Where the document names itself, for findings about the document as a whole."""
    title = doc.metadata.title or ""
    at = doc.text.find(title[:12]) if title else -1
    if at >= 0:
        return at, at + len(title[:12])
    first = re.search(r"\S[^\n]*", doc.text)
    return first.span() if first else (0, 0)


def check_formalities(doc: ParsedDocument, ctx: Context, units: list[Unit]) -> list[Finding]:
    """F401–F404 for one document."""
    meta = doc.metadata
    if meta.level not in FORMAL_LEVELS:
        return []
    found: list[Finding] = []
    head = _title_span(doc)
    dates = meta.dates
    if not_filed(meta.issuers):
        return []  # the State Council's own documents are filed with no one: formal filing checks do not apply
    if "effective" not in dates and not _ON_ISSUE_RE.search(doc.text):
        found.append(finding("F401", "全文未规定施行日期", text=doc.text, start=head[0], end=head[1], location="全文"))
    issued = dates.get("issued") or dates.get("published") or dates.get("effective") or ctx.as_of
    since = ctx.settings["filing"].get("validity_since")
    if meta.level == "行政规范性文件" and not (since and issued and issued < date.fromisoformat(str(since))):
        found += _validity(doc, ctx, head, units)
    if not meta.doc_number and meta.level in NUMBERED_LEVELS and not _order_number_in_head(doc.text):
        kind = "令号" if meta.level.endswith("规章") else "文号"
        if _RUN_ON_HEAD_RE.match(doc.text.lstrip("\ufeff# \n")):
            # the title runs into the addressees on one line: a copy saved from a web page, its 文头 lost
            found.append(finding("F403", f"文本未见{kind}，且文头（发文机关标志、{kind}）缺失，疑为网页转载文本，请核对报送原件",
                                 text=doc.text, start=head[0], end=head[1], location="文头", severity="info"))
        else:
            found.append(finding("F403", f"文件未标注{kind}", text=doc.text, start=head[0], end=head[1], location="文头"))
    published = dates.get("published") or dates.get("issued")
    limit = ctx.settings["filing"]["filing_deadline_days"]
    if ctx.filed_on and published and (ctx.filed_on - published).days > limit:
        found.append(finding("F404", f"{published.isoformat()}公布，{ctx.filed_on.isoformat()}报送备案，"
                             f"超过{limit}日（{(ctx.filed_on - published).days}日）", text=doc.text,
                             start=head[0], end=head[1], location="全文",
                             published=published.isoformat(), filed_on=ctx.filed_on.isoformat()))
    return found


def _validity(doc: ParsedDocument, ctx: Context, head: tuple[int, int], units: list[Unit]) -> list[Finding]:
    """F402: a 行政规范性文件 must state its 有效期, at most N years (fewer for 试行/暂行)."""
    dates, settings = doc.metadata.dates, ctx.settings["filing"]
    expires = dates.get("expires")
    said = own_validity(r"有效期[^。；\n]{0,30}", doc.text)
    span = said.span() if said else head
    where = next((u.location for u in units if said and u.start <= said.start() < u.end), "全文")
    if expires is None:
        return [finding("F402", "行政规范性文件未规定有效期", text=doc.text, start=span[0], end=span[1],
                        location="全文")]
    trial = bool(_TRIAL_RE.search(doc.metadata.title or ""))
    years = settings["validity_max_years_trial" if trial else "validity_max_years"]
    start = dates.get("effective") or dates.get("issued") or dates.get("published")
    if start is None or expires <= add_period(start, years, "年") + timedelta(days=1):
        return []
    length = (expires - start).days / 365.25
    kind = "标注“试行”“暂行”的文件" if trial else "行政规范性文件"
    return [finding("F402", f"有效期自{start.isoformat()}至{expires.isoformat()}（约{length:.1f}年），"
                    f"超过{kind}{years}年的上限", text=doc.text, start=span[0], end=span[1], location=where,
                    severity="error", basis=f"{settings['validity_rule']}；国办发〔2018〕37号",
                    max_years=years)]
