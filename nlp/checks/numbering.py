"""F301 internal references to articles or paragraphs that are not there; F302 numbering gaps and repeats."""
from __future__ import annotations

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
        if target is None:
            last = max(arts)
            found.append(finding("F301", f"{where or ''}引用的本文件{cn_article(c.article, c.article_sub)}不存在"
                                 f"（本文件共{len(arts)}条，最后一条为{cn_article(*last)}）",
                                 text=doc.text, start=c.start, end=c.end, article=c.in_article, location=where))
        elif c.paragraph and c.paragraph > len(target.paragraphs) and c.raw.strip().startswith(("本", "第")):
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
        seq = [((n, 0), u.text[:len(str(n)) + 2], u.start, u.end) for n, u in outline_numbers(units)]
        name = "项序号"
    found, seen = [], set()
    previous = (0, 0)
    for key, label, start, end in seq:
        number, sub = key
        if key in seen:
            found.append(finding("F302", f"条文序号重复：{_label(key, name)}出现两次", text=doc.text, start=start,
                                 end=min(end, start + 40), article=number if name == "条" else None,
                                 location=_label(key, name)))
        elif not sub and number > previous[0] + 1:
            missing = range(previous[0] + 1, number)
            gap = "、".join(_label((n, 0), name) for n in missing[:5]) + ("等" if len(missing) > 5 else "")
            after = f"{_label(previous, name)}之后" if previous[0] else "开头"
            found.append(finding("F302", f"条文序号不连续：{after}缺少{gap}", text=doc.text, start=start,
                                 end=min(end, start + 40), article=number if name == "条" else None,
                                 location=_label(key, name), missing=list(missing)))
        seen.add(key)
        previous = max(previous, key)
    return found


def _label(key: tuple[int, int], name: str) -> str:
    return cn_article(*key) if name == "条" else f"{cn_number(key[0])}、"
