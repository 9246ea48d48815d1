"""Web pages saved from government sites: keep the document, drop the site around it.

The page chrome (menus, breadcrumbs, "【字体：大 中 小】", share bars, 版权所有/ICP备
footers) must not reach the text, or the structure parser would read it as articles.
Three layers: drop chrome elements by tag and class, keep only the element holding
the bulk of the non-link CJK text, then filter the chrome phrases that remain per line.
"""
from __future__ import annotations

import re

from bs4 import BeautifulSoup, NavigableString, Tag
from bs4.element import PreformattedString

from .extracted import Block, Extracted, Unreadable
from .text import decode_text

_ALWAYS_DROP = ("script", "style", "noscript", "template", "svg", "canvas", "object",
                "embed", "iframe", "select", "button", "input", "textarea", "head")
_CHROME_TAGS = ("nav", "header", "footer", "aside", "form", "menu")
_CHROME_CLASS = re.compile(
    r"(?:^|[\s_-])(?:nav|navbar|menu|breadcrumbs?|crumbs?|bread|position|location|dqwz|"
    r"footer|foot|bottom|copyright|share|bdshare|sidebar|side|toolbar|print|xglj|related|"
    r"topbar|header|head)(?:$|[\s_-])", re.I)
_CHROME_MAX_SHARE = 0.5  # never drop an element holding this share of the page's text
_DESCEND_SHARE = 0.8  # a child holding this share of its parent's text is the content
_TITLE_TAGS = ("h1", "h2")
_TITLE_GAP = 200  # CJK characters allowed between the title and the content (文号, 日期, 来源)
_BLOCK_TAGS = frozenset(
    "address article blockquote body caption center dd details dialog div dl dt fieldset "
    "figcaption figure h1 h2 h3 h4 h5 h6 hr li main ol p pre section summary table tbody "
    "thead tfoot tr ul".split())
_CELL_TAGS = frozenset(("td", "th"))
_KINDS = {**{f"h{i}": "heading" for i in range(1, 7)},
          "li": "list_item", "dt": "list_item", "dd": "list_item", "tr": "table_row"}
_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_SPACE = re.compile(r"[ \r\n\f\v\xa0]+")  # tabs are kept: they separate table cells
_CELL_GAP = re.compile(r" *\t *")
_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([\w.:-]+)"""
                      rb"""|<\?xml[^>]*encoding\s*=\s*["']([\w.:-]+)""", re.I)
_TITLE_SPLIT = re.compile(r"\s*(?:_|\||｜|\s[-–—]\s)\s*")
# Chrome phrases removed from inside a line (a date line often carries them).
_CHROME_FRAGMENTS = re.compile("|".join((
    r"[【\[]?\s*字\s*[体号]\s*[：:]?\s*(?:[【\[]?\s*[大中小]\s*[】\]]?\s*){3}[】\]]?",
    r"[【\[]\s*(?:打印|关闭|打印本页|关闭窗口|关闭本页|返回顶部|收藏|纠错|我要纠错)\s*[】\]]",
    r"打印本页|打印此页|关闭窗口|关闭本页|返回顶部|收藏本页|加入收藏|设为首页",
    r"(?:浏览|阅读|访问|点击)(?:次数|量|数)\s*(?:[：:]\s*\d*|\d+)\s*次?",  # a counter, not 访问量 in a clause
    r"扫一扫在手机(?:上)?打开当前页",
    r"分享到\s*[：:]?.*$",
)))
# Lines that are chrome as a whole: breadcrumbs, footers, link-list headings.
_CHROME_LINES = re.compile("|".join((
    r"^(?:当前|您(?:现在)?的|所在)位置",
    r"^首页\s*[>＞»›/]",
    r"^[^。，；]{0,30}(?:\s*[>＞»›]\s*[^。，；>＞»›]{1,20}){2,}$",
    r"^相关(?:链接|文章|新闻|阅读|文件|推荐|稿件)\s*[：:]?$",
    r"^[上下]一篇\s*[：:]",
    r"^(?:主办|承办|协办)(?:单位)?\s*[：:]",
    r"^技术支持\s*[：:]",
    r"ICP备|ICP证|网站标识码|公网安备|版权所有(?![者人])|Copyright|©",
    r"^(?:\s*[|｜丨]?\s*(?:网站首页|首页|联系我们|网站地图|网站声明|关于我们|隐私声明|使用帮助|"
    r"无障碍|长者模式|繁體|繁体|简体|English|登录|注册))+\s*[|｜丨]?$",
)), re.I)
_MEANINGFUL = re.compile(r"[\w\u3400-\u9fff]")


def read_html(data: bytes, source: str) -> Extracted:
    """Extract the main document of a web page, one paragraph per line."""
    text, encoding, warnings = decode_text(data, declared=_declared_charset(data))
    soup = BeautifulSoup(text, "lxml")
    title = _title_hint(soup)
    root = soup.body or soup
    for tag in root.find_all(_ALWAYS_DROP):
        tag.decompose()
    _drop_chrome(root, _cjk_counts(root))
    counts = _cjk_counts(root)
    main = _with_title(_main_block(root, counts), counts)
    lines = [(clean, tag) for line, tag in _lines(main) if (clean := _clean_line(line))]
    if not lines:
        raise Unreadable("web page has no text content")
    blocks, offset = [], 0
    for line, tag in lines:
        blocks.append(Block(_KINDS.get(tag, "paragraph"), offset, offset + len(line), tag))
        offset += len(line) + 1
    return Extracted(source=source, format="html", text="\n".join(line for line, _ in lines),
                     blocks=blocks, encoding=encoding, title_hint=title, warnings=warnings)


def _declared_charset(data: bytes) -> str | None:
    head = data[:4096]
    if b"\x00" in head:
        head = head.replace(b"\x00", b"")
    match = _CHARSET.search(head)
    return (match.group(1) or match.group(2)).decode("ascii") if match else None


def _title_hint(soup: BeautifulSoup) -> str | None:
    for attrs in ({"name": re.compile(r"^articletitle$", re.I)}, {"property": "og:title"}):
        meta = soup.find("meta", attrs=attrs)
        if meta and meta.get("content", "").strip():
            return " ".join(meta["content"].split())
    if soup.title and soup.title.get_text(strip=True):
        return _TITLE_SPLIT.split(" ".join(soup.title.get_text().split()))[0]
    h1 = soup.find("h1")
    return (" ".join(h1.get_text().split()) or None) if h1 else None


def _cjk_counts(root: Tag) -> dict[int, int]:
    """CJK characters outside links under each element, keyed by ``id``; one pass."""
    counts: dict[int, int] = {}
    for node in reversed([root, *root.descendants]):
        if isinstance(node, Tag):
            counts[id(node)] = 0 if _is_link(node) else sum(counts.get(id(c), 0) for c in node.children)
        elif _is_text(node):
            counts[id(node)] = len(_CJK.findall(node))
    return counts


def _is_chrome(tag: Tag) -> bool:
    if tag.name in _CHROME_TAGS:
        return True
    label = " ".join((*tag.get("class", ()), tag.get("id", "") or ""))
    return bool(_CHROME_CLASS.search(label))


def _drop_chrome(root: Tag, counts: dict[int, int]) -> None:
    limit = _CHROME_MAX_SHARE * counts[id(root)]
    chrome = [t for t in root.find_all(True) if _is_chrome(t) and counts[id(t)] < max(limit, 1)]
    for tag in chrome:
        if not tag.decomposed:
            tag.decompose()


def _main_block(root: Tag, counts: dict[int, int]) -> Tag:
    """Descend while one child holds nearly all of the text: readability without guesswork."""
    node = root
    while True:
        children = [c for c in node.children if isinstance(c, Tag)]
        top = max(children, key=lambda c: counts[id(c)], default=None)
        if top is None or counts[id(top)] < _DESCEND_SHARE * counts[id(node)] or counts[id(node)] == 0:
            return node
        node = top


def _with_title(main: Tag, counts: dict[int, int]) -> Tag:
    """Widen the content block to take in the title heading just above it and the lines
    between (文号, 发布日期), unless that brings in a column or more than a little text."""
    heading = main.find_previous(_TITLE_TAGS)
    if heading is None or any(p is heading for p in main.parents):
        return main
    ancestors = {id(a) for a in heading.parents}
    common = next((p for p in main.parents if id(p) in ancestors and id(p) in counts), None)
    if common is None or _text_between(heading, main) > _TITLE_GAP:
        return main
    extra = counts[id(common)] - counts[id(main)] - counts[id(heading)]
    return common if extra <= 2 * _TITLE_GAP else main


def _text_between(first: Tag, last: Tag) -> int:
    """CJK characters after ``first`` (not inside it) and before ``last`` in document order."""
    total = 0
    for node in first.next_elements:
        if node is last:
            break
        if _is_text(node) and not any(p is first for p in node.parents):
            total += len(_CJK.findall(node))
    return total


def _lines(root: Tag) -> list[tuple[str, str]]:
    """Text lines of ``root`` with the tag of the block each came from."""
    writer = _LineWriter()
    writer.walk(root, root.name if root.name in _BLOCK_TAGS else "p", in_link=False)
    writer.flush("p")
    return writer.lines


class _LineWriter:
    """Turns a tree into lines: blocks and ``<br>`` end lines, table cells are tab-separated.

    Lines made only of link text (related links, "next article") are chrome, not document.
    """

    def __init__(self) -> None:
        self.lines: list[tuple[str, str]] = []
        self.buffer: list[str] = []
        self.plain = False  # whether the pending line has text outside links

    def flush(self, block: str) -> None:
        line = _CELL_GAP.sub("\t", _SPACE.sub(" ", "".join(self.buffer))).strip()
        if line and self.plain:
            self.lines.append((line, block))
        self.buffer.clear()
        self.plain = False

    def add(self, text: str, in_link: bool) -> None:
        self.buffer.append(text)
        self.plain = self.plain or (not in_link and bool(text.strip()))

    def walk(self, element: Tag, block: str, in_link: bool) -> None:
        for child in element.children:
            if _is_text(child):
                text = child.replace("\t", " ")
                # Inside <pre> the source's own line breaks are the paragraphs.
                first, *rest = text.split("\n") if block == "pre" else (text,)
                self.add(first, in_link)
                for line in rest:
                    self.flush(block)
                    self.add(line, in_link)
            elif not isinstance(child, Tag):
                continue
            elif child.name == "br":
                self.flush(block)
            elif child.name in _BLOCK_TAGS:
                self.flush(block)
                self.walk(child, "pre" if block == "pre" else child.name, in_link or _is_link(child))
                self.flush(child.name)
            else:
                if child.name in _CELL_TAGS:
                    self.buffer.append("\t")  # cells of a row share a line, tab-separated like docx
                self.walk(child, block, in_link or _is_link(child))


def _is_link(tag: Tag) -> bool:
    """A hyperlink; ``<a name=...>`` anchors around article numbers are document text."""
    return tag.name == "a" and tag.has_attr("href")


def _is_text(node: object) -> bool:
    """Visible text: not a comment, CDATA, doctype or processing instruction."""
    return isinstance(node, NavigableString) and not isinstance(node, PreformattedString)


def _clean_line(line: str) -> str | None:
    """The line without chrome phrases, or None when nothing of the document is left."""
    if _CHROME_LINES.search(line):
        return None
    line = _SPACE.sub(" ", _CHROME_FRAGMENTS.sub(" ", line)).strip()
    return line if _MEANINGFUL.search(line) else None
