"""F301 internal references to articles or paragraphs that are not there; F302 numbering gaps and repeats."""
from __future__ import annotations

import re

from nlp.checks.basis import cn_article, cn_number
from nlp.checks.rules import Finding, finding
from nlp.checks.units import Unit, outline_numbers
from nlp.document import ParsedDocument


def check_references(doc: ParsedDocument) -> list[Finding]:
    """F301: 本办法第四十条 in a 办法 of thirty articles; 本条第三款 in an article of two paragraphs."""
    arts = {(a.number, a.sub): a for a in doc.structure.articles}
    if not arts:
        return []
    found = []
    for c in doc.citations:
        if not c.internal or not c.article:
            continue
        target = arts.get((c.article, c.article_sub))
        where = cn_article(c.in_article, c.in_article_sub) if c.in_article else None
        if target is None and (_owned_by_other(doc.text, c.start) or _OTHER_OWNER_RAW_RE.match(c.raw.strip())
                               or _NOT_A_REFERENCE_RE.match(doc.text, c.end) or _label_in_text(doc, c.article, c.article_sub)):
            continue  # 条例第三十一条, 民事诉讼法第二百四十七条和第二百四十八条; or a heading the text lost
        if target is None:
            last = max(arts)
            if (c.article, c.article_sub) < last and len(arts) < last[0]:
                continue  # inside a numbering with gaps: the text lost articles (OCR, extraction), not the document
            own = _SELF_RE.search(c.raw) or _SELF_RE.search(doc.text, max(0, c.start - 6), c.start)
            found.append(finding("F301", f"{where or ''}引用的本文件{cn_article(c.article, c.article_sub)}不存在"
                                 f"（本文件共{len(arts)}条，最后一条为{cn_article(*last)}）",
                                 text=doc.text, start=c.start, end=c.end, article=c.in_article, location=where,
                                 # a bare 第三十七条 may be another text's (an attached 办法, a law named earlier)
                                 severity=None if own else "warning"))
        elif c.paragraph and c.paragraph > len(target.paragraphs) and c.raw.strip().startswith(("本", "第")) \
                and not _continues_other_article(doc, c):
            found.append(finding("F301", f"{where or ''}引用的{cn_article(c.article, c.article_sub)}第{cn_number(c.paragraph)}款"
                                 f"不存在（该条共{len(target.paragraphs)}款）", text=doc.text, start=c.start, end=c.end,
                                 article=c.in_article, location=where))
    return found


def check_numbering(doc: ParsedDocument, units: list[Unit]) -> list[Finding]:
    """F302 over articles, or over the first-level points (一、二、…) of a document without articles."""
    if doc.structure.articles:
        seq = [((a.number, a.sub), a.label, a.start, a.end) for a in doc.structure.articles]
        name = "条"
    else:
        # an attachment (附件 / 附1 …) numbers its own points: only the body is one sequence
        body_end = min((sec.start for sec in doc.structure.sections if sec.kind == "appendix"), default=len(doc.text))
        heading = _ATTACHMENT_LINE_RE.search(doc.text)
        body_end = min(body_end, heading.start()) if heading else body_end
        seq = [((n, 0), u.text[:len(str(n)) + 2], u.start, u.end) for n, u in outline_numbers(units) if u.start < body_end]
        name = "项序号"
    found, seen = [], set()
    previous = (0, 0)
    last_start = 0
    for key, label, start, end in seq:
        number, sub = key
        if key == (1, 0) and previous[0] > 1:
            seen, previous = set(), (0, 0)  # numbering starts again: an attachment or a second document
        if not sub and number > previous[0] + 1 and _glued(doc.text, last_start, start, range(previous[0] + 1, number), name):
            previous = (number - 1, 0)  # the missing labels are in the text, run into a heading: not a gap
        last_start = start
        if key in seen:
            # a 通知's points (一、二、) are often reused by a nested list or an attachment the layout hides: asked
            found.append(finding("F302", f"条文序号重复：{_label(key, name)}出现两次", text=doc.text, start=start,
                                 end=min(end, start + 40), article=number if name == "条" else None,
                                 location=_label(key, name), severity=None if name == "条" else "warning"))
        elif not sub and number > previous[0] + 1:
            missing = range(previous[0] + 1, number)
            gap = "、".join(_label((n, 0), name) for n in missing[:5]) + ("等" if len(missing) > 5 else "")
            after = f"{_label(previous, name)}之后" if previous[0] else "开头"
            # numbering that starts late may be a copy that lost its opening (a scraped page, an extract): asked
            found.append(finding("F302", f"条文序号不连续：{after}缺少{gap}", text=doc.text, start=start,
                                 end=min(end, start + 40), article=number if name == "条" else None,
                                 location=_label(key, name), missing=list(missing),
                                 severity=None if previous[0] else "warning"))
        seen.add(key)
        previous = max(previous, key)
    return found


def _label(key: tuple[int, int], name: str) -> str:
    return cn_article(*key) if name == "条" else f"{cn_number(key[0])}、"


_ATTACHMENT_LINE_RE = re.compile(r"^\s*附(?:件|表)?\s*[0-9一二三四五六七八九十]*\s*[：:]?\s*$|^\s*附件\s*[0-9一二三四五六七八九十]*[：:\s]", re.M)
_SELF_RE = re.compile(r"本(?:实施细则|实施办法|办法|规定|细则|条例|法|决定|通知|意见|规则|规范|准则)")
_OTHER_RE = re.compile(r"(?:》(?:[（(][^（()）]{0,40}[）)])?|法|条例|规定|办法|细则|规则)(?=第)")


_OTHER_OWNER_RAW_RE = re.compile(r"^(?!本)[\u4e00-\u9fff]{0,12}(?:条例|法|规定|办法|细则|规则)第")
# 第一条建议…第二条建议: counting things, not citing articles.
_NOT_A_REFERENCE_RE = re.compile(r"(?:建议|意见|措施|经验|做法|原因|问题|理由)")
_HEADING_BEFORE_RE = re.compile(r"第[一二三四五六七八九十百]+[章节][^。；，,]{0,40}$")


def _continues_other_article(doc: ParsedDocument, c) -> bool:
    """第三十条第二款至第四款…以及第五款: a bare 第五款 after another article's paragraphs continues that article."""
    start = max(doc.text.rfind(ch, 0, c.start) for ch in "。；;\n") + 1
    return c.raw.strip().startswith("第") and "条" not in c.raw and any(
        o is not c and o.internal and o.article and o.article != c.article and start <= o.start < c.start
        for o in doc.citations)


def _owned_by_other(text: str, at: int) -> bool:
    """Is the reference at ``at`` to another text's article — 条例第三十一条 (the parent 条例 of a 实施细则),
    民事诉讼法第二百四十七条和第二百四十八条 — the nearest owner before it in its sentence not being 本办法?"""
    if _HEADING_BEFORE_RE.search(text, max(0, at - 50), at):
        return True  # 第三章 贷款用途、期限和利率第七条…: a heading and the next article's label run together
    start = max(text.rfind(c, 0, at) for c in "。；;\n") + 1
    prefix = text[start:at]
    own = max((m.end() for m in _SELF_RE.finditer(prefix)), default=-1)
    other = max((m.end() for m in _OTHER_RE.finditer(text[start:at + 1])), default=-1)
    return other > own


def _label_in_text(doc: ParsedDocument, number: int, sub: int) -> bool:
    """The article's label is in the text though the structure lost it (OCR ran it into a heading line)."""
    label = cn_article(number, sub)
    return sum(1 for _ in re.finditer(label, doc.text)) > sum(1 for c in doc.citations if c.internal and c.article == number)


def _glued(text: str, start: int, end: int, missing: range, name: str) -> bool:
    """Every missing label appears between the neighbours: the text has the articles, the parse lost them."""
    between = text[start:end]
    labels = [cn_article(n) if name == "条" else f"{cn_number(n)}、" for n in missing]
    return bool(labels) and all(lb in between for lb in labels)
