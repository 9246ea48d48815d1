"""Citations in a normative text: titled, bare-titled and internal references, and 文号.

Like eyecite, extraction runs in steps: find reference *anchors* on the normalised copy
(《titles》, article chains 第十二条第二款第（三）项, internal prefixes 本法/前款), join each
article chain to the title just before it, then annotate: the enclosing article, and
whether the reference sits in the authorizing clause (根据…制定本办法). Resolution against
the law registry is a separate step (nlp/resolve.py).
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Callable

from nlp.document import Article, Structure
from nlp.metadata import DOC_NUMBER_RE, find_doc_numbers
from nlp.normalize import Normalized
from nlp.numbers import NUMERAL_CHARS, cn_to_int

_N = f"[{NUMERAL_CHARS}0-9]+"
# An item: 第（三）项, （三）, or 第三项 as some laws write it. Two groups, {0} and {0}b, hold the number.
_ITEM = r"(?:第?\s*[（(]\s*(?P<{0}>[一二三四五六七八九十0-9]+)\s*[)）]\s*项?|第(?P<{0}b>[一二三四五六七八九十]+)项)"
# One article reference: 第十二条(之一)(第二款)(第（三）项)(第1目)
ARTICLE_REF = (
    rf"第\s*(?P<art>{_N})\s*条(?:之(?P<sub>[一二三四五六七八九十]+))?"
    rf"(?:\s*第\s*(?P<par>{_N})\s*款)?"
    rf"(?:\s*{_ITEM.format('item')})?"
)
_ART_RE = re.compile(ARTICLE_REF)
# What may join two references of one list or range.
_JOIN_RE = re.compile(r"\s*(?P<op>、|，|和|及|以及|或者|或|与|至|到|-|—|～)\s*")
_PAR_ONLY_RE = re.compile(rf"第\s*(?P<par>{_N})\s*款(?:\s*{_ITEM.format('item')})?")
_ITEM_ONLY_RE = re.compile(_ITEM.format("item"))
_INTERNAL_PREFIX_RE = re.compile(r"本(?:法|条例|办法|规定|细则|解释|决定|规则|实施办法|实施细则|意见|通知|条|章|节|编)$")
# Paragraphs of the citing article: 前款, 前两款, 本款 (counted from the citing paragraph).
_RELATIVE_RE = re.compile(r"(?:前(?P<n>[两二三四五])?|本)款")
_ANCHOR_RE = re.compile(rf"第\s*{_N}\s*[条款]|前[两二三四五]?款|本款|本条第|前条")
# A bare 条例第十条 / 法第十条 in a 实施细则 means the parent it implements, named in full elsewhere in the text.
_PARENT_WORD_RE = re.compile(r"(?:^|[，,、。；;：:\s（(]|依照|按照|根据|违反|符合|依据|适用|即|和|及)(条例|法)$")
_PREVIOUS_ARTICLE = -1  # article number of 前条 until _annotate knows where it sits
_BARE_TITLE_RE = re.compile(r"[\u4e00-\u9fff]{1,30}?(?:法|条例|规定|办法|细则|规则|解释)$")
# Words that end the sentence part before a bare title. Single characters such as 对 or 和 are
# not cut on: they occur inside titles (对外贸易法, 全国人民代表大会和地方各级人民代表大会选举法).
_BARE_CUT_RE = re.compile(
    r"^.*(?:依照|依据|按照|根据|违反|适用|参照|对照|执行|符合|以及|或者|并且|规定|认定为|属于|实施|修改后的?|修正后的?"
    r"|修订后的?|所称|应当|可以|不得|、|，|。|；|：)"
)
# Prepositions no law title begins with (unlike 就业促进法, 经济合同法, 自然保护区条例).
_LEAD_WORD_RE = re.compile(r"^[将在以但按依据即如若因向于把被](?=[\u4e00-\u9fff]{2,}$)")
_NOT_A_TITLE = ("本", "前", "该", "上述", "有关", "相关", "其他", "此", "同")
# "《中华人民共和国矿山安全法实施条例》（以下简称实施条例）": the document's own short form of a title.
_ABBREVIATION_RE = re.compile(r"\s*[（(]\s*以下简称\s*《?(?P<short>[^》）)]{1,20}?)》?\s*[)）]")
_FORM_RE = re.compile(r"(?:证|证书|证件|表|流程图|清单|目录|文书|通知书|决定书|告知书|笔录|回执|凭证|单|卡|牌|样式|格式|式样|图)$")
_BASIS_START_RE = re.compile(r"(?:根据|依据|按照|依照)")
_BASIS_END_RE = re.compile(r"(?:制定本|特制定|制定如下|制定此|通知如下|意见如下|决定如下|规定如下|提出如下|结合.{0,20}?制定)")


@dataclass
class Citation:
    """One reference to a law, a document or an article; offsets into the extracted text."""

    raw: str
    start: int
    end: int
    title: str | None = None
    article: int | None = None
    article_sub: int = 0
    article_end: int | None = None
    paragraph: int | None = None
    paragraph_end: int | None = None
    item: int | None = None
    item_end: int | None = None
    doc_number: str | None = None
    internal: bool = False
    is_basis: bool = False
    form: bool = False
    in_article: int | None = None
    in_article_sub: int = 0
    means: str | None = None  # the full title when ``title`` is this document's own abbreviation
    resolved: str | None = None
    candidates: list[str] = field(default_factory=list)


_BRACKETS_RE = re.compile(r"[《》\n]")


@dataclass
class _Title:
    start: int  # normalised offsets of 《 and after 》
    end: int
    text: str


def find_titles(text: str) -> list[_Title]:
    """Outermost 《…》 titles, allowing 〈〉 or 《》 nested inside; unbalanced brackets are skipped."""
    out, depth, start = [], 0, -1
    for m in _BRACKETS_RE.finditer(text):
        ch, i = m.group(0), m.start()
        if ch == "《":
            if depth == 0:
                start = i
            depth += 1
        elif ch == "》" and depth:
            depth -= 1
            if depth == 0:
                inner = text[start + 1:i]
                if 0 < len(inner) <= 120:
                    out.append(_Title(start, i + 1, clean_title(inner)))
        elif ch == "\n":
            depth = 0
    return out


def clean_title(inner: str) -> str:
    """A cited title in canonical form: no spaces, inner titles in 〈〉, 文号 brackets as 〔〕."""
    inner = re.sub(r"\s+", "", inner).replace("《", "〈").replace("》", "〉")
    return DOC_NUMBER_RE.sub(lambda m: f"{m.group('org')}〔{m.group('y')}〕{int(m.group('n'))}号", inner)


def _chain(text: str, pos: int) -> tuple[list[dict], int]:
    """References starting at ``pos`` (第十条…, or 第二款… of the citing article), one or a list/range."""
    m = _ART_RE.match(text, pos)
    if m:
        refs, end = [_ref(m)], m.end()
    else:
        par = _PAR_ONLY_RE.match(text, pos)
        if not par:
            return [], pos
        refs, end = [_empty_ref(paragraph=cn_to_int(par.group("par")), item=_item(par))], par.end()
    return _continue_chain(text, refs, end)


def _continue_chain(text: str, refs: list[dict], end: int) -> tuple[list[dict], int]:
    """Extend ``refs`` over 、和及至 joins: more articles, paragraphs of the last article, or items."""
    while True:
        j = _JOIN_RE.match(text, end)
        if not j:
            break
        is_range = j.group("op") in "至到-—～"
        nxt = _ART_RE.match(text, j.end())
        if nxt:
            ref = _ref(nxt)
            if is_range and refs and refs[-1]["article"] is not None:
                refs[-1]["article_end"] = ref["article"]
            else:
                refs.append(ref)
            end = nxt.end()
            continue
        par = _PAR_ONLY_RE.match(text, j.end())
        if par and refs and refs[-1]["paragraph"] is not None:  # 第十条第一款、第二款
            if is_range:
                refs[-1]["paragraph_end"] = cn_to_int(par.group("par"))
            else:
                refs.append({**refs[-1], "paragraph": cn_to_int(par.group("par")), "paragraph_end": None,
                             "item": _item(par)})
            end = par.end()
            continue
        item = _ITEM_ONLY_RE.match(text, j.end())
        if item and refs and refs[-1]["item"] is not None:  # 第（一）项、第（三）项 / 第（二）项至第（六）项
            if is_range:
                refs[-1]["item_end"] = _item(item)
            else:
                refs.append({**refs[-1], "item": _item(item), "item_end": None})
            end = item.end()
            continue
        break
    return refs, end


def _int(s: str | None) -> int | None:
    return cn_to_int(s) if s else None


def _item(m: re.Match) -> int | None:
    return _int(m.group("item") or m.group("itemb"))


def _empty_ref(**fields) -> dict:
    return {"article": None, "article_sub": 0, "article_end": None, "paragraph": None, "paragraph_end": None,
            "item": None, "item_end": None, **fields}


def _ref(m: re.Match) -> dict:
    return _empty_ref(article=cn_to_int(m.group("art")), article_sub=_int(m.group("sub")) or 0,
                      paragraph=_int(m.group("par")), item=_item(m))


def _bare_title(text: str, pos: int, known: Callable[[str], bool] | None) -> str | None:
    """A law named without 《》 just before an article reference: 专利法第十一条 → 专利法.

    With ``known`` (the registry's title test) the longest known suffix wins; without it the
    sentence is cut at the last verb or punctuation before the title.
    """
    run = re.search(r"[\u4e00-\u9fff、，。；：]{1,40}$", text[max(0, pos - 40):pos])
    if not run:
        return None
    words = run.group(0)
    if known:
        for i in range(len(words) - 2):
            if known(words[i:]):
                return words[i:]
    candidate = _LEAD_WORD_RE.sub("", _BARE_CUT_RE.sub("", words))
    if not _BARE_TITLE_RE.search(candidate) or candidate.startswith(_NOT_A_TITLE) or len(candidate) < 2:
        return None
    return candidate


def _article_at(articles: list[Article], starts: list[int], offset: int) -> Article | None:
    """The article whose span holds ``offset`` (``starts`` are the articles' sorted starts)."""
    i = bisect_right(starts, offset) - 1
    return articles[i] if i >= 0 and offset < articles[i].end else None


def _paragraph_index(article: Article, offset: int) -> int:
    for p in article.paragraphs:
        if p.start <= offset < max(p.end, p.start + 1):
            return p.index
    return 1


def extract_citations(norm: Normalized, structure: Structure,
                      known: Callable[[str], bool] | None = None) -> list[Citation]:
    """Every citation of the text, in order, with the article it sits in and its basis flag."""
    text = norm.text
    out: list[Citation] = []
    taken = bytearray(len(text) + 1)  # 1 where a citation already covers the character
    relatives: set[int] = set()

    def add(n_start: int, n_end: int, relative: bool = False, **fields) -> None:
        start, end = norm.span(n_start, n_end)
        out.append(Citation(raw=norm.original[start:end], start=start, end=end, **fields))
        if relative:
            relatives.add(id(out[-1]))
        taken[n_start:n_end] = b"\x01" * (n_end - n_start)

    titles = find_titles(text)
    short_forms: dict[str, str] = {}
    for t in titles:
        abbr = _ABBREVIATION_RE.match(text, t.end)
        if abbr:
            short_forms[clean_title(abbr.group("short"))] = t.text
    if short_forms:
        base = known
        known = lambda s: s in short_forms or bool(base and base(s))  # noqa: E731
    for t in titles:
        refs, end = _chain(text, t.end)
        form = bool(_FORM_RE.search(t.text)) and not t.text.endswith(("法", "条例", "规定", "办法"))
        numbers = find_doc_numbers(t.text)
        after = re.match(r"\s*[(（]\s*([^()（）]{2,20}?〔\d{4}〕\d+号)\s*[)）]", text[t.end:])
        doc_number = numbers[0][0] if numbers else (clean_title(after.group(1)) if after else None)
        if not refs:
            add(t.start, t.end + (after.end() if after else 0), title=t.text, form=form, doc_number=doc_number)
        for ref in refs:
            add(t.start, end, title=t.text, form=form, doc_number=doc_number, **ref)

    for m in _ANCHOR_RE.finditer(text):
        at = m.start()
        if taken[at]:
            continue
        line_start = text.rfind("\n", 0, at) + 1
        if m.group(0).startswith("第") and not text[line_start:at].strip(" #　"):
            continue  # an article label, not a reference
        if text.startswith("前条", at):  # the article before the citing one
            refs, end = _continue_chain(text, [_empty_ref(article=_PREVIOUS_ARTICLE)], at + 2)
            for ref in refs:
                add(at, end, internal=True, relative=True, **ref)
            continue
        rel = _RELATIVE_RE.match(text, at)
        if rel:  # 前款(第一项、第二项) / 本款（一）
            back = -(cn_to_int(rel.group("n")) if rel.group("n") else 1) if text[at] == "前" else 0
            refs, end = _continue_chain(text, [_empty_ref(paragraph=back, item=None)], rel.end())
            items = _ITEM_ONLY_RE.match(text, end)
            if items:
                refs, end = _continue_chain(text, [_empty_ref(paragraph=back, item=_item(items))], items.end())
            for ref in refs:
                add(at, end, internal=True, relative=True, **ref)
            continue
        start = at
        pos = at + 2 if text.startswith("本条", at) else at
        refs, end = _chain(text, pos)
        if not refs:
            continue
        title = None
        prefix = _INTERNAL_PREFIX_RE.search(text[max(0, at - 6):at])
        if prefix:
            start = at - len(prefix.group(0))
        elif refs[0]["article"] is not None and not text.startswith("本条", at):
            title = _bare_title(text, at, known)
            parent = _PARENT_WORD_RE.search(text[max(0, at - 5):at]) if not title else None
            owner = next((t.text for t in titles if parent and t.text.endswith(parent.group(1))), None)
            if title:
                start = at - len(title)
            elif owner:  # 条例第十条 in a 实施细则: the 条例 it implements, named in full elsewhere
                title, start = owner, at - len(parent.group(1))
        for ref in refs:
            add(start, end, title=title, internal=title is None, **ref)

    for num, s, e in find_doc_numbers(text):
        if not taken[s]:
            add(s, e, doc_number=num)
    for c in out:
        if c.title in short_forms and short_forms[c.title] != c.title:
            c.means = short_forms[c.title]
    _annotate(out, norm, structure, relatives)
    out.sort(key=lambda c: (c.start, c.article or 0, c.paragraph or 0, c.item or 0))
    return out


def _annotate(citations: list[Citation], norm: Normalized, structure: Structure, relatives: set[int]) -> None:
    """Fill in_article, turn 前款/本款 into paragraph numbers, and mark the authorizing clause."""
    articles = structure.articles
    starts = [a.start for a in articles]
    basis = _basis_span(norm, structure)
    for c in citations:
        art = _article_at(articles, starts, c.start)
        if art:
            c.in_article, c.in_article_sub = art.number, art.sub
        if c.internal and c.article == _PREVIOUS_ARTICLE:
            i = articles.index(art) if art else 0
            c.article, c.article_sub = (articles[i - 1].number, articles[i - 1].sub) if i > 0 else (None, 0)
            continue
        if c.internal and c.article is None and c.paragraph is not None:
            c.article = art.number if art else None
            if id(c) in relatives:
                if not art:
                    c.paragraph = None
                    continue
                here, back = _paragraph_index(art, c.start), -c.paragraph
                if back > 1:  # 前两款: the two paragraphs before this one
                    c.paragraph, c.paragraph_end = here - back, here - 1
                else:
                    c.paragraph = here - back
                if c.paragraph < 1:
                    c.paragraph, c.paragraph_end = None, None
        c.is_basis = bool(basis and basis[0] <= c.start < basis[1] and not c.form and not c.internal
                          and (c.title or c.doc_number))


def _basis_span(norm: Normalized, structure: Structure) -> tuple[int, int] | None:
    """The authorizing clause, 根据/依据《…》…制定本办法, in the first article or the opening text."""
    scopes = []
    if structure.articles:
        scopes.append((structure.articles[0].start, structure.articles[0].end))
    scopes.append((0, min(len(norm.original), 3000)))
    for s, e in scopes:
        text = norm.norm_slice(s, e)
        base = norm.from_orig(s)
        for start in _BASIS_START_RE.finditer(text):
            end = _BASIS_END_RE.search(text, start.end())
            if end and "。" not in text[start.end():end.start()]:
                a, b = norm.span(base + start.start(), base + end.end())
                return a, b
    return None
