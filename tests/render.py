"""Turn corpus laws (markdown) into realistic .docx and .pdf files for round-trip tests.

The corpus holds laws as markdown; offices send Word files and PDFs. These renderers add what
real files carry and readers must see through: running page headers, page-number footers,
first-line indents, line wrapping, page breaks inside articles and Word automatic numbering.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

from tests.paths import LAWS

CORPUS_LAWS = LAWS
RUNNING_HEADER = "临江市人民政府规章"
CJK_FONT_DEBIAN_PACKAGE = "fonts-wqy-microhei"
_CJK_FONT_CANDIDATES = (
    "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
    "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
)

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}
ARTICLE_RE = re.compile(r"^第(?P<n>[零〇一二三四五六七八九十百千]+)条(?P<sub>之[一二三四五六七八九十]+)?(?:[ \u3000]+|$)")
ITEM_RE = re.compile(r"^(?P<open>[（(])(?P<n>[一二三四五六七八九十]+)(?P<close>[)）])")


@dataclass
class Block:
    """One paragraph-level unit of a law: kind is title/info/heading/para/table."""

    kind: str
    text: str = ""
    level: int = 0
    rows: list[list[str]] = field(default_factory=list)


@dataclass
class Law:
    """A corpus law split into the pieces a renderer lays out."""

    title: str
    blocks: list[Block]


def cn_number(s: str) -> int:
    """Value of a Chinese numeral as written in article labels (十一, 一百零一, 一千)."""
    total, digit = 0, 0
    for c in s:
        if c in _CN_DIGITS:
            digit = _CN_DIGITS[c]
        else:
            total += (digit or 1) * _CN_UNITS[c]
            digit = 0
    return total + digit


def parse_law(md_text: str) -> Law:
    """Split corpus markdown into title, header (info) lines, headings, paragraphs and tables."""
    title, blocks, in_info, table = "", [], True, None
    for raw in md_text.splitlines():
        line = raw.strip()
        if line == "<!-- INFO END -->":
            in_info = False
            continue
        if line == "<!-- TABLE -->":
            table = Block("table")
            blocks.append(table)
            continue
        if line == "<!-- TABLE END -->":
            table = None
            continue
        if not line or (line.startswith("<!--") and line.endswith("-->")):
            continue
        if table is not None and line.startswith("|"):
            cells = [c.strip() for c in line.strip("|").split("|")]
            if not all(re.fullmatch(r":?-+:?", c) for c in cells):
                table.rows.append(cells)
            continue
        heading = re.match(r"^(#+)\s*(.*)$", line)
        if heading and len(heading.group(1)) == 1 and not title:
            title = heading.group(2).strip()
            blocks.append(Block("title", title))
        elif heading:
            blocks.append(Block("heading", heading.group(2).strip(), level=max(1, len(heading.group(1)) - 1)))
        else:
            blocks.append(Block("info" if in_info else "para", line))
    return Law(title, blocks)


def cjk_font_path() -> str | None:
    """A CJK font file on this machine, or None (tests then skip with a reason)."""
    return next((p for p in _CJK_FONT_CANDIDATES if Path(p).is_file()), None)


# ---------------------------------------------------------------- docx

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


class _Numbering:
    """Writes abstractNum/num definitions into a python-docx document's numbering part."""

    def __init__(self, document) -> None:
        self.root = document.part.numbering_part.element
        self.next_abstract = 1 + max((int(a.get(_w("abstractNumId"))) for a in self.root.iter(_w("abstractNum"))), default=0)
        self.next_num = 1 + max((int(n.get(_w("numId"))) for n in self.root.iter(_w("num"))), default=0)

    def abstract(self, lvl_text: str, num_fmt: str, suffix: str) -> int:
        from docx.oxml import parse_xml

        aid = self.next_abstract
        self.next_abstract += 1
        xml = (
            f'<w:abstractNum xmlns:w="{_W}" w:abstractNumId="{aid}"><w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{num_fmt}"/><w:suff w:val="{suffix}"/>'
            f'<w:lvlText w:val="{lvl_text}"/><w:lvlJc w:val="left"/>'
            '<w:pPr><w:ind w:firstLine="640"/></w:pPr></w:lvl></w:abstractNum>'
        )
        nums = self.root.findall(_w("num"))
        element = parse_xml(xml)
        if nums:
            nums[0].addprevious(element)
        else:
            self.root.append(element)
        return aid

    def num(self, abstract_id: int, start_override: int | None = None) -> int:
        from docx.oxml import parse_xml

        nid = self.next_num
        self.next_num += 1
        override = (
            f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="{start_override}"/></w:lvlOverride>'
            if start_override is not None
            else ""
        )
        self.root.append(parse_xml(
            f'<w:num xmlns:w="{_W}" w:numId="{nid}"><w:abstractNumId w:val="{abstract_id}"/>{override}</w:num>'
        ))
        return nid


def _attach_num(paragraph, num_id: int) -> None:
    """Give a paragraph Word list numbering (w:numPr), in schema order within w:pPr."""
    numpr = paragraph._p.get_or_add_pPr().get_or_add_numPr()
    numpr.get_or_add_ilvl().val = 0
    numpr.get_or_add_numId().val = num_id


class _AutoNumberer:
    """Moves 第X条 and （X） labels out of the text into Word numbering, as an editor would.

    Articles share one list; a gap in the source numbering starts a new num with a
    startOverride. 第X条之一 cannot be produced by numbering and stays literal text; the list
    simply continues after it. Each run of items starting at （一） gets its own num restarted
    with startOverride=1.
    """

    def __init__(self, document) -> None:
        self.numbering = _Numbering(document)
        self.article_abstract = self.numbering.abstract("第%1条", "chineseCounting", "space")
        self.article_num: int | None = None
        self.last_article = 0
        self.item_abstracts: dict[tuple[str, str], int] = {}
        self.item_num: int | None = None
        self.item_key: tuple[str, str] | None = None
        self.last_item = 0

    def apply(self, paragraph, text: str) -> str:
        """Attach numbering where the text starts with a label; return the text without it."""
        m = ARTICLE_RE.match(text)
        if m and not m.group("sub"):
            n = cn_number(m.group("n"))
            if self.article_num is None:
                self.article_num = self.numbering.num(self.article_abstract, None if n == 1 else n)
            elif n != self.last_article + 1:
                self.article_num = self.numbering.num(self.article_abstract, n)
            self.last_article = n
            self.item_num = None
            _attach_num(paragraph, self.article_num)
            return text[m.end():]
        m = ITEM_RE.match(text)
        if m:
            n, key = cn_number(m.group("n")), (m.group("open"), m.group("close"))
            if n == 1 or (self.item_num is not None and n == self.last_item + 1 and key == self.item_key):
                self.item_key = key
                if key not in self.item_abstracts:
                    self.item_abstracts[key] = self.numbering.abstract(f"{key[0]}%1{key[1]}", "chineseCounting", "nothing")
                if n == 1:
                    self.item_num = self.numbering.num(self.item_abstracts[key], 1)
                self.last_item = n
                _attach_num(paragraph, self.item_num)
                return text[m.end():]
        return text


def _add_page_field_footer(section) -> None:
    """Footer reading "- PAGE -", with PAGE a real field as Word writes it."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml import parse_xml

    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("- ")
    paragraph._p.append(parse_xml(
        f'<w:fldSimple xmlns:w="{_W}" w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
    ))
    paragraph.add_run(" -")


def law_to_docx(md_text: str, autonumber: bool = False) -> bytes:
    """A Word file of the law: centred title, info lines, headings, indented articles, tables.

    With ``autonumber`` the 第X条 / （X） labels are produced by Word list numbering instead of
    typed text (see ``_AutoNumberer`` for 之一 articles and gaps).
    """
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    law = parse_law(md_text)
    document = Document()
    section = document.sections[0]
    section.header.paragraphs[0].text = RUNNING_HEADER
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_page_field_footer(section)
    numberer = _AutoNumberer(document) if autonumber else None
    for block in law.blocks:
        if block.kind == "title":
            p = document.add_paragraph()
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            p.add_run(block.text).font.size = Pt(22)
        elif block.kind == "info":
            p = document.add_paragraph(block.text)
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif block.kind == "heading":
            p = document.add_paragraph(block.text, style=f"Heading {min(block.level, 3)}")
            p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif block.kind == "table" and block.rows:
            width = max(len(r) for r in block.rows)
            table = document.add_table(rows=len(block.rows), cols=width)
            for row, cells in zip(table.rows, block.rows):
                for cell, text in zip(row.cells, cells):
                    cell.text = text
        else:
            p = document.add_paragraph()
            p.paragraph_format.first_line_indent = Pt(32)
            text = numberer.apply(p, block.text) if numberer else block.text
            p.add_run(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- pdf

# Layout close to GB/T 9704 公文: A4, 156 mm text width, 16 pt body.
_PAGE_W, _PAGE_H = 595.28, 841.89
_LEFT, _RIGHT, _TOP, _BOTTOM = 79.4, 73.7, 104.9, 99.2
_BODY_PT, _LINE_PT = 16.0, 28.9
_TITLE_PT, _INFO_PT, _HEADER_PT = 22.0, 14.0, 10.5
_NO_LINE_START = set("，。、；：？！）》」』”’,.;:?!)]%")


def _wrap(text: str, width: float, first_indent: float, char_width) -> list[str]:
    """Greedy character wrapping (CJK has no spaces), hanging closing punctuation."""
    lines, current, used, limit = [], "", 0.0, width - first_indent
    for ch in text:
        w = char_width(ch)
        if current and used + w > limit and ch not in _NO_LINE_START:
            lines.append(current)
            current, used, limit = "", 0.0, width
        current += ch
        used += w
    if current or not lines:
        lines.append(current)
    return lines


def _font_for(text: str) -> str:
    """The cached common-character subset when it draws ``text``, else the full CJK font.

    fpdf2 parses and re-subsets the whole font for every document (1–2 s for a CJK font);
    the subset (GB2312 plus punctuation, built once and kept in the temp dir) takes ~0.15 s.
    """
    full = cjk_font_path()
    if full is None:
        raise RuntimeError(f"no CJK font found; install the Debian package {CJK_FONT_DEBIAN_PACKAGE}")
    quick, covered, drawable = _common_subset(full)
    needed = {ord(c) for c in text} & drawable
    return quick if needed <= covered else full


def _common_char(cp: int) -> bool:
    if cp < 0x2070 or 0x3000 <= cp < 0x3040 or 0xFF00 <= cp < 0xFFF0:
        return True
    try:
        chr(cp).encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


@lru_cache(maxsize=None)
def _common_subset(font_path: str) -> tuple[str, frozenset[int], frozenset[int]]:
    """(subset file, code points it covers, code points the full font covers)."""
    import hashlib
    import os
    import tempfile

    from fontTools import subset, ttLib

    source = Path(font_path)
    stamp = hashlib.sha1(f"{source.resolve()}:{source.stat().st_mtime_ns}".encode()).hexdigest()[:12]
    target = Path(tempfile.gettempdir()) / "normscope-test-fonts" / f"{source.stem}-{stamp}.ttf"
    drawable = frozenset(ttLib.TTFont(font_path, fontNumber=0, lazy=True).getBestCmap())
    if not target.is_file():
        font = ttLib.TTFont(font_path, fontNumber=0, lazy=True)
        options = subset.Options()
        options.notdef_outline, options.hinting, options.layout_features, options.name_IDs = True, False, [], ["*"]
        options.drop_tables += ["FFTM"]
        subsetter = subset.Subsetter(options)
        subsetter.populate(unicodes=[cp for cp in drawable if _common_char(cp)])
        subsetter.subset(font)
        target.parent.mkdir(parents=True, exist_ok=True)
        partial = target.with_suffix(f".{os.getpid()}.tmp")
        font.save(partial)
        os.replace(partial, target)  # atomic: parallel test processes may build it too
    covered = frozenset(ttLib.TTFont(str(target), lazy=True).getBestCmap())
    return str(target), covered, drawable


def _make_fpdf(font_path: str, header: str, header_pt: float):
    from fpdf import FPDF

    class LawPDF(FPDF):
        def header(self) -> None:
            self.set_font("cjk", size=header_pt)
            label = header.format(page=self.page_no())
            self.text((_PAGE_W - self.get_string_width(label)) / 2, 56.0, label)
            self.line(_LEFT, 62.0, _PAGE_W - _RIGHT, 62.0)

        def footer(self) -> None:
            self.set_font("cjk", size=14)
            label = f"- {self.page_no()} -"
            self.text((_PAGE_W - self.get_string_width(label)) / 2, _PAGE_H - 50.0, label)

    pdf = LawPDF(unit="pt", format="A4")
    pdf.set_auto_page_break(False)
    pdf.add_font("cjk", fname=font_path)
    pdf.set_title("")
    return pdf


def law_to_pdf(md_text: str, first_line_indent: bool = True, header: str = RUNNING_HEADER,
               header_pt: float = _HEADER_PT) -> bytes:
    """An A4 PDF of the law with running header, "- N -" footers and first-line indents.

    Lines wrap by character and pages break wherever the text reaches the bottom margin, so
    long laws have articles split across pages. Table rows become indented lines of cells.
    ``first_line_indent=False`` sets paragraphs flush left with no spacing, the hardest case
    for finding where paragraphs start. ``header`` may hold ``{page}``; ``header_pt`` equal to
    the body size leaves repetition as the only clue that it is a running header.
    """
    law = parse_law(md_text)
    pdf = _make_fpdf(_font_for(md_text + header), header, header_pt)
    width = _PAGE_W - _LEFT - _RIGHT
    state = {"y": _PAGE_H}  # forces a first page
    widths = lru_cache(maxsize=None)(lambda size: _char_widths(pdf, size))

    def emit(lines: list[str], size: float, centred: bool, indent: float) -> None:
        pdf.set_font("cjk", size=size)
        pitch = max(_LINE_PT, size * 1.6)
        for i, line in enumerate(lines):
            if state["y"] + pitch > _PAGE_H - _BOTTOM:
                pdf.add_page()
                state["y"] = _TOP
            x = _LEFT + (width - pdf.get_string_width(line)) / 2 if centred else _LEFT + (indent if i == 0 else 0)
            pdf.text(x, state["y"] + size, line)
            state["y"] += pitch

    def paragraph(text: str, size: float) -> None:
        indent = 2 * size if first_line_indent else 0
        emit(_wrap(text, width, indent, widths(size)), size, False, indent)

    def centred(text: str, size: float) -> None:
        emit(_wrap(text, width, 0, widths(size)), size, True, 0)

    for block in law.blocks:
        if block.kind == "title":
            centred(block.text, _TITLE_PT)
        elif block.kind == "info":
            paragraph(block.text, _INFO_PT)
        elif block.kind == "heading":
            centred(block.text, _BODY_PT)
        elif block.kind == "table":
            for row in block.rows:
                paragraph("　".join(row), _BODY_PT)
        else:
            paragraph(block.text, _BODY_PT)
    return bytes(pdf.output())


def _char_widths(pdf, size: float):
    """Cached width of one character at ``size``; get_string_width on every character is slow."""
    cache: dict[str, float] = {}

    def width(ch: str) -> float:
        if ch not in cache:
            pdf.set_font("cjk", size=size)
            cache[ch] = pdf.get_string_width(ch)
        return cache[ch]

    return width
