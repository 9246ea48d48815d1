"""编/章/节/条/款/项/目 of a normative text, found line by line on the normalised copy.

Articles only start at the beginning of a line; a label glued to its text (第五条为了…) is
accepted only where the numbering expects it, so 第五条规定的… at a line start is no article.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from nlp.document import Article, Heading, Item, Paragraph, Section, Structure
from nlp.normalize import Normalized
from nlp.numbers import DATE_RE, NUMERAL_CHARS, cn_to_int

_NUM = f"[{NUMERAL_CHARS}0-9]+"
_LEAD = r"^[\s#>*\-]*"  # markdown heading marks, quote marks, list bullets
ARTICLE_RE = re.compile(rf"{_LEAD}(?P<label>第\s*(?P<n>{_NUM})\s*条(?:之(?P<sub>[一二三四五六七八九十]+))?)(?P<after>.?)")
HEADING_RE = re.compile(rf"{_LEAD}(?P<label>第\s*(?P<n>{_NUM})\s*(?P<lvl>分编|编|章|节))(?P<rest>.*)$")
PLAIN_HEADING_RE = re.compile(rf"{_LEAD}(?P<title>总则|附则|序言|附录)$")
# Judicial interpretations and some rules group articles under "二、证据的交换" headings.
SECTION_HEADING_RE = re.compile(r"^\s*(?P<md>#*)\s*(?P<n>[一二三四五六七八九十]{1,3})\s*[、.．]\s*(?P<title>[^。；;，,：:]{1,30})$")
ITEM_RE = re.compile(r"^\s*(?P<label>[（(]\s*(?P<n>[一二三四五六七八九十]+)\s*[)）])")
SUBITEM_RE = re.compile(r"^\s*(?P<label>(?P<n>\d{1,2})\s*[.．、]|[（(]\s*(?P<n2>\d{1,2})\s*[)）])")
APPENDIX_RE = re.compile(r"^\s*附\s*件\s*[0-9一二三四五六七八九十]*\s*(?:[:：]|$)")
TOC_RE = re.compile(r"^\s*目\s*录\s*$")
COMMENT_RE = re.compile(r"^\s*<!--.*-->\s*$")
# A label glued to what follows is a reference, not an article, when the next character reads on.
_CONTINUES = set("的、，,。；;：:至到和及或与中第规所之以条款项")
_HEADING_LEVEL = {"编": 0, "分编": 1, "章": 2, "节": 3}


@dataclass
class _Line:
    start: int  # normalised offsets, without the newline
    end: int
    text: str


@dataclass
class _Open:
    """The article being built, with its paragraphs as lists of lines."""

    number: int
    sub: int
    label: str
    path: list[str]
    start: int
    text_start: int
    paragraphs: list[list[tuple[_Line, str]]] = field(default_factory=list)


def _lines(text: str) -> list[_Line]:
    out, pos = [], 0
    for raw in text.split("\n"):
        out.append(_Line(pos, pos + len(raw), raw))
        pos += len(raw) + 1
    return out


def _strip_span(line: _Line, offset: int = 0) -> tuple[int, int]:
    """Normalised span of the line's content from ``offset`` on, without edge whitespace."""
    body = line.text[offset:]
    left = len(body) - len(body.lstrip())
    right = len(body.rstrip())
    return line.start + offset + left, line.start + offset + right


def _article_candidate(line: _Line, last: tuple[int, int] | None) -> re.Match | None:
    m = ARTICLE_RE.match(line.text)
    if not m:
        return None
    n = cn_to_int(m.group("n").replace(" ", ""))
    sub = cn_to_int(m.group("sub")) if m.group("sub") else 0
    if n is None or n == 0 or sub is None:  # 第0条, or more digits than any count (第999…9条)
        return None
    after = m.group("after")
    if after == "" or after.isspace():
        return m
    if after in _CONTINUES:
        return None
    expected = (1, 0) if last is None else (last[0] + 1, 0)
    if (n, sub) == expected or (last and n == last[0] and sub == last[1] + 1):
        return m
    return None


def _is_item(line: _Line) -> bool:
    """A （三） line whose number reads as one: （一一一…） longer than any count is text."""
    m = ITEM_RE.match(line.text)
    return m is not None and cn_to_int(m.group("n")) is not None


def _line_rest(o: _Open) -> str:
    """What follows the label on an article's first line."""
    first = o.paragraphs[0][0][0]
    return first.text[o.text_start - first.start:].strip()


def _heading(line: _Line, in_body: bool) -> tuple[str, int | None, str] | None:
    """(level, number, title) of a heading line; numbered sections count only between articles."""
    m = HEADING_RE.match(line.text)
    if m:
        rest = m.group("rest").strip()
        if len(rest) <= 40 and not re.search(r"[。；;，,]", rest) and not rest.startswith(("的", "规定", "第")):
            return m.group("lvl"), cn_to_int(m.group("n").replace(" ", "")), rest
        return None
    m = PLAIN_HEADING_RE.match(line.text.strip())
    if m:
        return "章", None, m.group("title")
    m = SECTION_HEADING_RE.match(line.text)
    if m and (m.group("md") or in_body):
        return "章", cn_to_int(m.group("n")), m.group("title").strip()
    return None


def parse_structure(norm: Normalized) -> Structure:
    """Split a normative text into headings, articles with 款/项/目, preamble, closing and attachments."""
    lines = _lines(norm.text)
    result = Structure()
    path: list[tuple[int, str]] = []
    current: _Open | None = None
    finished: list[_Open] = []
    last_key: tuple[int, int] | None = None
    body_start: int | None = None
    in_toc = False
    toc_seen: set[str] = set()
    appendix_at: int | None = None

    for i, line in enumerate(lines):
        stripped = line.text.strip()
        if not stripped or COMMENT_RE.match(line.text):
            continue
        if TOC_RE.match(line.text) and last_key is None:
            in_toc = True
            continue
        if APPENDIX_RE.match(line.text) and last_key is not None and appendix_at is None:
            appendix_at = i
            break
        head = _heading(line, last_key is not None)
        art = None if head else _article_candidate(line, last_key)
        if in_toc:
            key = f"{head[0]}{head[1] if head[1] is not None else head[2]}" if head else ""
            if art is None and (head is None or key not in toc_seen):
                if head:
                    toc_seen.add(key)
                continue
            in_toc = False
        if head:
            level, number, title = head
            rank = _HEADING_LEVEL[level]
            path = [(r, t) for r, t in path if r < rank]
            s, e = _strip_span(line, len(line.text) - len(line.text.lstrip(" #>*-")))
            os_, oe = norm.span(s, e)
            label = re.sub(r"\s+", " ", norm.original[os_:oe]).strip()
            path.append((rank, label))
            result.headings.append(Heading(level, number, title, os_, oe))
            body_start = line.start if body_start is None else body_start
            if current:
                finished.append(current)
                current = None
            continue
        if art:
            n = cn_to_int(art.group("n").replace(" ", ""))
            sub = cn_to_int(art.group("sub")) if art.group("sub") else 0
            if last_key is not None and (n, sub) <= last_key:
                result.warnings.append(f"article numbering goes back: {art.group('label')} after {last_key}")
            elif last_key is not None and (n, sub) != (last_key[0] + 1, 0) and not (n == last_key[0] and sub):
                result.warnings.append(f"article numbering gap before {art.group('label')}")
            last_key = (n, sub) if last_key is None else max(last_key, (n, sub))
            if current:
                finished.append(current)
            label_start = line.start + art.start("label")
            ls, le = norm.span(label_start, line.start + art.end("label"))
            current = _Open(n, sub, re.sub(r"\s+", "", norm.original[ls:le]), [t for _, t in path],
                            label_start, line.start + art.end("label"))
            body_start = line.start if body_start is None else body_start
            current.paragraphs.append([(line, "first")])
            continue
        if current is None:
            continue
        if _is_item(line):
            current.paragraphs[-1].append((line, "item"))
        elif SUBITEM_RE.match(line.text) and any(kind == "item" for _, kind in current.paragraphs[-1]):
            current.paragraphs[-1].append((line, "subitem"))
        elif len(current.paragraphs) == 1 and len(current.paragraphs[0]) == 1 and not _line_rest(current):
            current.paragraphs[0].append((line, "para"))  # label on a line of its own
        else:
            current.paragraphs.append([(line, "para")])
    if current:
        finished.append(current)

    closing_start = _split_closing(finished)
    result.articles = [_build(norm, o) for o in finished if o.paragraphs]
    if body_start is not None and body_start > 0:
        s, e = norm.span(0, body_start)
        if norm.original[s:e].strip():
            result.sections.append(Section("preamble", s, e))
    if closing_start is not None:
        end = lines[appendix_at].start if appendix_at is not None else len(norm.text)
        s, e = norm.span(closing_start, end)
        result.sections.append(Section("closing", s, e))
    if appendix_at is not None:
        s, e = norm.span(lines[appendix_at].start, len(norm.text))
        result.sections.append(Section("appendix", s, e, lines[appendix_at].text.strip()))
    return result


_SIGNATURE_RE = re.compile(
    rf"^\s*(?:{DATE_RE.pattern})\s*(?:印发|发布|公布)?\s*$"
    r"|^\s*(?:抄送|抄报|主送|（此件|\(此件)"
    r"|^\s*[\u4e00-\u9fff、 ]{2,40}(?:人民政府|办公室|办公厅|委员会|局|厅|部|署|院|会)\s*$"
)


def _split_closing(articles: list[_Open]) -> int | None:
    """Detach the signature and date lines that trail the last article; return where they start."""
    if not articles:
        return None
    last = articles[-1]
    cut = len(last.paragraphs)
    while cut > 1 and all(_SIGNATURE_RE.match(ln.text) for ln, _ in last.paragraphs[cut - 1]):
        cut -= 1
    if cut == len(last.paragraphs):
        return None
    start = last.paragraphs[cut][0][0].start
    del last.paragraphs[cut:]
    return start


def _build(norm: Normalized, o: _Open) -> Article:
    paragraphs: list[Paragraph] = []
    for idx, group in enumerate(o.paragraphs, start=1):
        texts: list[str] = []
        items: list[Item] = []
        para_start = para_end = None
        for line, kind in group:
            offset = o.text_start - line.start if kind == "first" else 0
            s, e = _strip_span(line, offset)
            os_, oe = norm.span(s, e)
            para_start = os_ if para_start is None else para_start
            para_end = oe
            texts.append(norm.original[os_:oe])
            if kind == "item":
                m = ITEM_RE.match(line.text)
                items.append(Item(cn_to_int(m.group("n")), m.group("label").replace(" ", ""), os_, oe))
            elif kind == "subitem":
                m = SUBITEM_RE.match(line.text)
                n = int(m.group("n") or m.group("n2"))
                items[-1].subitems.append(Item(n, m.group("label").strip(), os_, oe))
                items[-1].end = oe
        paragraphs.append(Paragraph(idx, para_start, para_end, "\n".join(t for t in texts if t), items))
    start = norm.to_orig(o.start)
    return Article(o.number, o.label, o.path, start, paragraphs[-1].end,
                   "\n".join(p.text for p in paragraphs if p.text), paragraphs, o.sub)
