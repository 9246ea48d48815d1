"""Word .docx → body text, one paragraph per line, with automatic list numbers written out.

Offices number articles with Word lists (第%1条), so the visible "第一条" is not in the XML
text; we render it from numbering.xml the way Word counts. Page headers and footers are
left out: they are noise for the structure parser.
"""
from __future__ import annotations

import io
import posixpath
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

from ingest.archive import too_large
from ingest.extracted import Block, Extracted, Unreadable
from ingest.limits import DEFAULT_LIMITS, Limits

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
_FALLBACK = f"{{{_MC}}}Fallback"  # markup-compatibility copy of a text box: read the Choice only
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ENCRYPTED_STREAM = "EncryptedPackage".encode("utf-16-le")
_BOMB_MIN_BYTES = 1 << 20  # below this a high compression ratio is harmless
#: The 版头 of a 红头文件 printed centred above the title: 临江市人民政府文件, its 文号, 签发人.
_MASTHEAD_RE = re.compile(r"^(?!.*关于)\S{2,40}\s?文\s?件$|[〔\[［(（]\s*\d{4}\s*[〕\]］)）]\s*第?\s*\d+\s*号$|^签\s*发\s*人")
_DTD_ERROR = re.compile(r"entit|DTD|DOCTYPE", re.IGNORECASE)
_DTD_REFUSED = "docx part {} declares a DTD (refused: entity expansion risk)"
_CT = "http://schemas.openxmlformats.org/package/2006/content-types"
_SAFE_PARSER = etree.XMLParser(resolve_entities=False, load_dtd=False, no_network=True, huge_tree=False)


def _w(tag: str) -> str:
    return f"{{{_W}}}{tag}"


def _val(element, tag: str) -> str | None:
    """``w:val`` of the child ``tag`` of ``element``, None where either is absent."""
    child = element.find(_w(tag)) if element is not None else None
    return child.get(_w("val")) if child is not None else None


def _int(value: str | None) -> int | None:
    """An integer attribute, None where absent or malformed (hostile files carry anything)."""
    return int(value) if value and value.isascii() and value.isdigit() else None


def read_docx(data: bytes, source: str, limits: Limits = DEFAULT_LIMITS) -> Extracted:
    """Read a .docx body (paragraphs, tables, list numbers); Unreadable if encrypted, corrupt or a bomb."""
    _check_package(data, limits)
    try:
        from docx import Document

        document = Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors…
        raise Unreadable(f"corrupt docx: {_short(exc)}") from exc
    try:
        reader = _BodyReader(_Styles(document.styles.element), _Numbering.of(document))
        reader.walk(document.element.body)
        core_title = (document.core_properties.title or "").strip()
    except Exception as exc:
        raise Unreadable(f"corrupt docx: {_short(exc)}") from exc
    text = "\n".join(reader.lines)
    return Extracted(source=source, format="docx", text=text, blocks=reader.blocks,
                     title_hint=reader.title or core_title or None, warnings=reader.warnings)


def _short(exc: Exception) -> str:
    return (str(exc).splitlines() or [type(exc).__name__])[0][:200] or type(exc).__name__


# ---------------------------------------------------------------- package checks

def _check_package(data: bytes, limits: Limits) -> None:
    """Refuse encrypted/legacy files, zip bombs and XML with a DTD before any parser sees them."""
    if data.startswith(_OLE_MAGIC):
        if _ENCRYPTED_STREAM in data:
            raise Unreadable("encrypted docx (password required)")
        raise Unreadable("not a docx: legacy Word .doc (OLE) file")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except Exception as exc:  # BadZipFile mostly; a mangled directory can raise others
        raise Unreadable("corrupt docx: not a zip archive") from exc
    with archive:
        members = archive.infolist()
        if len(members) > limits.max_archive_members:
            raise Unreadable(f"docx has too many parts: {len(members)} (limit {limits.max_archive_members})")
        total = sum(m.file_size for m in members)
        if total > limits.max_archive_total_bytes:
            raise Unreadable(f"docx expands to {total >> 20} MiB (limit {limits.max_archive_total_bytes >> 20} MiB)")
        for m in members:  # a part may expand no further than a file may be: lxml holds it all as a tree
            if m.file_size > limits.max_file_bytes:
                raise Unreadable(too_large(f"docx part {m.filename}", m.file_size, limits.max_file_bytes))
        for m in members:
            if m.file_size > _BOMB_MIN_BYTES and m.file_size > limits.max_compression_ratio * max(m.compress_size, 1):
                raise Unreadable(f"docx part {m.filename} is a compression bomb ({m.file_size >> 20} MiB)")
        if "[Content_Types].xml" not in archive.namelist():
            raise Unreadable("not a docx: zip archive without Office content types")
        types = archive.getinfo("[Content_Types].xml")
        if _has_dtd(archive, types):
            raise Unreadable(_DTD_REFUSED.format(types.filename))
        kinds = _content_types(archive, types)
        for m in members:  # the content type, not the name, decides what python-docx parses
            if m is not types and _parsed(m, kinds) and _has_dtd(archive, m):
                raise Unreadable(_DTD_REFUSED.format(m.filename))


def _content_types(archive: zipfile.ZipFile, types: zipfile.ZipInfo) -> tuple[dict, dict]:
    """([Content_Types].xml's Default by extension, Override by part name), lower-cased as OPC compares them."""
    try:
        with archive.open(types) as stream:
            root = etree.parse(stream, _SAFE_PARSER).getroot()
    except Exception as exc:
        raise Unreadable(f"corrupt docx: [Content_Types].xml cannot be read ({_short(exc)})") from exc
    return ({e.get("Extension", "").lower(): e.get("ContentType", "") for e in root.iter(f"{{{_CT}}}Default")},
            {e.get("PartName", "").lower(): e.get("ContentType", "") for e in root.iter(f"{{{_CT}}}Override")})


def _parsed(member: zipfile.ZipInfo, kinds: tuple[dict, dict]) -> bool:
    """Whether python-docx may parse the part as XML: relationships, and parts of an XML content type.
    Pictures are never parsed (an image/svg+xml part often carries a DOCTYPE)."""
    defaults, overrides = kinds
    name = member.filename.lower()
    kind = overrides.get("/" + name) or defaults.get(posixpath.splitext(name)[1][1:], "")  # as PackURI.ext
    return name.endswith(".rels") or (kind.endswith("xml") and not kind.startswith("image/"))


def _has_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Whether the part is XML with a DOCTYPE, as libxml2 itself reads it: in whatever encoding it detects
    (UTF-16 without a BOM, UTF-7, GB18030 …), with entities unresolved, nothing loaded, and parsing stopped at
    the root element. A part that is not XML at all (an image) is not parsed by python-docx either."""
    try:
        with archive.open(member) as stream:
            for _, root in etree.iterparse(stream, events=("start",), resolve_entities=False, load_dtd=False,
                                           no_network=True, huge_tree=False):
                info = root.getroottree().docinfo
                return bool(info.doctype) or info.internalDTD is not None or info.externalDTD is not None
    except etree.XMLSyntaxError as exc:  # libxml2 gave up inside the prolog, e.g. on entity amplification
        return bool(_DTD_ERROR.search(str(exc)))
    except Exception as exc:  # zlib.error, BadZipFile, NotImplementedError (zip features), CRC…
        raise Unreadable(f"corrupt docx: part {member.filename} cannot be read ({_short(exc)})") from exc
    return False


# ---------------------------------------------------------------- styles

@dataclass
class _Style:
    name: str
    based_on: str | None
    num_id: str | None
    ilvl: int | None
    jc: str | None
    outline: int | None


class _Styles:
    """Paragraph styles: names, and what numbering, alignment and outline level they pass on."""

    def __init__(self, root) -> None:
        self.by_id: dict[str, _Style] = {}
        self.default: str | None = None
        for s in root.iter(_w("style")):
            if s.get(_w("type")) != "paragraph":
                continue
            sid = s.get(_w("styleId"))
            ppr = s.find(_w("pPr"))
            numpr = ppr.find(_w("numPr")) if ppr is not None else None
            self.by_id[sid] = _Style(
                name=_val(s, "name") or sid, based_on=_val(s, "basedOn"), num_id=_val(numpr, "numId"),
                ilvl=_int(_val(numpr, "ilvl")), jc=_val(ppr, "jc"), outline=_int(_val(ppr, "outlineLvl")),
            )
            if s.get(_w("default")) in ("1", "true"):
                self.default = sid

    def chain(self, style_id: str | None):
        """The style and the styles it is based on, nearest first (cycles cut)."""
        seen: set[str] = set()
        sid = style_id or self.default
        while sid and sid in self.by_id and sid not in seen:
            seen.add(sid)
            yield sid, self.by_id[sid]
            sid = self.by_id[sid].based_on

    def first(self, style_id: str | None, attr: str):
        return next((getattr(s, attr) for _, s in self.chain(style_id) if getattr(s, attr) is not None), None)

    def name(self, style_id: str | None) -> str | None:
        sid = style_id or self.default
        return self.by_id[sid].name if sid in self.by_id else sid


# ---------------------------------------------------------------- numbering

_CN_DIGITS = "零一二三四五六七八九"
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_STEMS = "甲乙丙丁戊己庚辛壬癸"
_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_SUFFIX = {"tab": "\u3000", "space": " ", "nothing": ""}


def _cn_count(n: int, digits: str = _CN_DIGITS, units: str = "十百千万") -> str:
    """n the way a law writes it: 十一, 二十, 一百零一, 一千零一十 (up to 99 999)."""
    if n <= 0 or n >= 100_000:
        return str(n)
    parts, zero = [], False
    for power in range(4, -1, -1):
        d = n // 10 ** power % 10
        if d == 0:
            zero = bool(parts)
            continue
        if zero:
            parts.append(digits[0])
            zero = False
        if not (d == 1 and power == 1 and not parts and digits is _CN_DIGITS):
            parts.append(digits[d])
        if power:
            parts.append(units[power - 1])
    return "".join(parts)


def _roman(n: int) -> str:
    out = ""
    for value, letters in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                           (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        count, n = divmod(n, value)
        out += letters * count
    return out


def format_number(n: int, num_fmt: str) -> str:
    """A counter value in a Word ``numFmt``; CJK counting formats use 零 as laws do (一百零一)."""
    if num_fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting",
                   "taiwaneseCountingThousand", "koreanCounting"):
        return _cn_count(n)
    if num_fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"):
        return _cn_count(n, _LEGAL_DIGITS, "拾佰仟万")
    if num_fmt in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if num_fmt == "ideographTraditional":
        return _STEMS[(n - 1) % 10]
    if num_fmt == "ideographZodiac":
        return _BRANCHES[(n - 1) % 12]
    if num_fmt in ("upperRoman", "lowerRoman") and 0 < n < 4000:
        return _roman(n) if num_fmt == "upperRoman" else _roman(n).lower()
    if num_fmt in ("upperLetter", "lowerLetter") and 0 < n <= 260:  # a, …, z, aa, …: no 10⁹-letter labels
        letter = chr(ord("A" if num_fmt == "upperLetter" else "a") + (n - 1) % 26)
        return letter * ((n - 1) // 26 + 1)
    if num_fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 0 < n <= 20:
        return chr(0x2460 + n - 1)
    if num_fmt == "decimalEnclosedParen" and 0 < n <= 20:
        return chr(0x2474 + n - 1)
    if num_fmt == "decimalEnclosedFullstop" and 0 < n <= 20:
        return chr(0x2488 + n - 1)
    if num_fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if num_fmt == "decimalZero":
        return f"{n:02d}"
    if num_fmt == "none":
        return ""
    return str(n)


@dataclass
class _Level:
    start: int = 1
    fmt: str = "decimal"
    text: str = ""
    restart: int | None = None  # lvlRestart: restart after this 1-based level; 0 = never
    legal: bool = False
    suffix: str = "\u3000"
    style: str | None = None


def _parse_level(lvl) -> _Level:
    start = _int(_val(lvl, "start"))
    legal = lvl.find(_w("isLgl"))
    return _Level(
        start=1 if start is None else start,
        fmt=_val(lvl, "numFmt") or "decimal",
        text=_val(lvl, "lvlText") or "",
        restart=_int(_val(lvl, "lvlRestart")),
        legal=legal is not None and legal.get(_w("val"), "1") not in ("0", "false"),
        suffix=_SUFFIX.get(_val(lvl, "suff") or "tab", "\u3000"),
        style=_val(lvl, "pStyle"),
    )


@dataclass
class _Num:
    abstract: str
    starts: dict[int, int] = field(default_factory=dict)  # lvlOverride/startOverride
    levels: dict[int, _Level] = field(default_factory=dict)  # lvlOverride/lvl


class _Numbering:
    """Word list counters: shared per abstractNum, restarted by startOverride and level restarts."""

    def __init__(self, root, styles_num: dict[str, str | None]) -> None:
        self.abstracts: dict[str, dict[int, _Level]] = {}
        links: dict[str, str] = {}
        for a in (root.iter(_w("abstractNum")) if root is not None else ()):
            aid = a.get(_w("abstractNumId"))
            self.abstracts[aid] = {_int(lv.get(_w("ilvl"))) or 0: _parse_level(lv) for lv in a.iter(_w("lvl"))}
            link = _val(a, "numStyleLink")
            if link:
                links[aid] = link
        self.nums: dict[str, _Num] = {}
        for n in (root.iter(_w("num")) if root is not None else ()):
            num = _Num(_val(n, "abstractNumId") or "")
            for o in n.iter(_w("lvlOverride")):
                ilvl = _int(o.get(_w("ilvl"))) or 0
                start = _int(_val(o, "startOverride"))
                if start is not None:
                    num.starts[ilvl] = start
                if o.find(_w("lvl")) is not None:
                    num.levels[ilvl] = _parse_level(o.find(_w("lvl")))
            self.nums[n.get(_w("numId"))] = num
        # numStyleLink: the abstractNum is a stand-in for the list of a numbering style
        for aid, style in links.items():
            target = self.nums.get(styles_num.get(style) or "")
            if target and target.abstract != aid:
                for num in self.nums.values():
                    if num.abstract == aid:
                        num.abstract = target.abstract
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[tuple[str, int]] = set()

    @classmethod
    def of(cls, document) -> "_Numbering":
        from docx.opc.constants import RELATIONSHIP_TYPE as RT

        try:
            root = document.part.part_related_by(RT.NUMBERING).element
        except KeyError:
            root = None
        styles_num = {}
        for s in document.styles.element.iter(_w("style")):
            ppr = s.find(_w("pPr"))
            styles_num[s.get(_w("styleId"))] = _val(ppr.find(_w("numPr")) if ppr is not None else None, "numId")
        return cls(root, styles_num)

    def level_for_style(self, num_id: str, style_id: str | None) -> int:
        num = self.nums.get(num_id)
        levels = self.abstracts.get(num.abstract, {}) if num else {}
        return next((i for i, lvl in sorted(levels.items()) if style_id and lvl.style == style_id), 0)

    def _level(self, num: _Num, ilvl: int) -> _Level | None:
        return num.levels.get(ilvl) or self.abstracts.get(num.abstract, {}).get(ilvl)

    def label(self, num_id: str, ilvl: int) -> str:
        """Advance the list for a paragraph and return its rendered label with suffix."""
        num = self.nums.get(num_id)
        level = self._level(num, ilvl) if num else None
        if num is None or level is None:
            return ""
        counters = self.counters.setdefault(num.abstract, {})
        if ilvl in num.starts and (num_id, ilvl) not in self.started:
            self.started.add((num_id, ilvl))
            counters[ilvl] = num.starts[ilvl]
        elif ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = level.start
        for deeper in [k for k in counters if k > ilvl]:
            restart = self._level(num, deeper).restart if self._level(num, deeper) else None
            if restart is None or (restart and ilvl < restart):
                del counters[deeper]
        if level.fmt == "bullet":
            return (re.sub(r"[\ue000-\uf8ff]", "•", level.text) or "•") + level.suffix

        def value(match: re.Match) -> str:
            k = int(match.group(1)) - 1
            lvl = self._level(num, k)
            if lvl is None:
                return ""
            n = counters.get(k, lvl.start)
            return format_number(n, "decimal" if level.legal else lvl.fmt)

        rendered = re.sub(r"%([1-9])", value, level.text)
        return rendered + level.suffix if rendered else ""


# ---------------------------------------------------------------- body

_BREAKING_BR = (None, "textWrapping")
_HEADING_NAME = re.compile(r"^(heading|标题)\s*\d|^(title|标题)$", re.IGNORECASE)


class _BodyReader:
    """Walks the body in document order, collecting lines and blocks."""

    def __init__(self, styles: _Styles, numbering: _Numbering) -> None:
        self.styles = styles
        self.numbering = numbering
        self.lines: list[str] = []
        self.blocks: list[Block] = []
        self.warnings: list[str] = []
        self.title: str | None = None
        self.pos = 0
        self.paragraphs_seen = 0

    def emit(self, text: str, kind: str, style: str | None) -> None:
        for line in text.split("\n"):
            line = line.strip()
            if not line:
                continue
            self.lines.append(line)
            self.blocks.append(Block(kind, self.pos, self.pos + len(line), style))
            self.pos += len(line) + 1

    def walk(self, container) -> None:
        for child in container:
            tag = child.tag
            if tag == _w("p"):
                self.paragraph(child)
            elif tag == _w("tbl"):
                self.table(child)
            elif tag in (_w("sdt"), _w("customXml")):
                inner = child.find(_w("sdtContent")) if tag == _w("sdt") else child
                if inner is not None:
                    self.walk(inner)
            elif tag == _w("altChunk"):
                self.warnings.append("embedded alternative-format content (altChunk) was skipped")

    def paragraph(self, p) -> None:
        boxes: list = []
        text = self.paragraph_text(p, boxes)
        ppr = p.find(_w("pPr"))
        style_id = _val(ppr, "pStyle")
        style = self.styles.name(style_id)
        label = self.number_label(ppr, style_id)
        kind = "heading" if self.is_heading(ppr, style_id, style) else "list_item" if label else "paragraph"
        if text.strip() or label:
            self.note_title(text, ppr, style_id, style)
            self.emit(label + text.lstrip(), kind, style)
        for box in boxes:
            self.walk(box)

    def paragraph_text(self, p, boxes: list) -> str:
        """Visible text of a paragraph; text boxes are collected for separate lines."""
        out: list[str] = []

        def visit(element) -> None:
            for child in element:
                tag = child.tag
                if tag == _w("t"):
                    out.append(child.text or "")
                elif tag in (_w("tab"), _w("ptab")):
                    out.append("\t")
                elif tag == _w("br"):
                    out.append("\n" if child.get(_w("type")) in _BREAKING_BR else "")
                elif tag == _w("cr"):
                    out.append("\n")
                elif tag == _w("noBreakHyphen"):
                    out.append("-")
                elif tag == _w("r") and _hidden(child):
                    continue
                elif tag == _w("txbxContent"):
                    boxes.append(child)
                elif tag in (_w("pPr"), _w("rPr"), _w("del"), _w("moveFrom"), _FALLBACK):
                    continue
                elif isinstance(tag, str):
                    visit(child)

        visit(p)
        return "".join(out)

    def number_label(self, ppr, style_id: str | None) -> str:
        numpr = ppr.find(_w("numPr")) if ppr is not None else None
        num_id = _val(numpr, "numId")
        ilvl = _int(_val(numpr, "ilvl"))
        if num_id is None:
            num_id = self.styles.first(style_id, "num_id")
            if num_id is None:
                return ""
            if ilvl is None:
                style_ilvl = self.styles.first(style_id, "ilvl")
                ilvl = style_ilvl if style_ilvl is not None else self.numbering.level_for_style(num_id, style_id)
        if num_id == "0":
            return ""
        return self.numbering.label(num_id, ilvl or 0)

    def is_heading(self, ppr, style_id: str | None, style: str | None) -> bool:
        outline = _int(_val(ppr, "outlineLvl"))
        if outline is None:
            outline = self.styles.first(style_id, "outline")
        return bool(style and _HEADING_NAME.match(style)) or (outline is not None and outline < 9)

    def note_title(self, text: str, ppr, style_id: str | None, style: str | None) -> None:
        """The first centred or Title-styled paragraph among the leading ones is the title hint."""
        self.paragraphs_seen += 1
        if self.title is not None or self.paragraphs_seen > 5:
            return
        jc = _val(ppr, "jc") or self.styles.first(style_id, "jc")
        titled = bool(style and re.match(r"^(title|标题)$", style, re.IGNORECASE))
        line = re.sub(r"\s+", " ", text).strip()
        if (jc == "center" or titled) and 0 < len(line) <= 100 and not _MASTHEAD_RE.search(line):
            self.title = line

    def table(self, tbl) -> None:
        for tr in _children(tbl, "tr"):
            cells = []
            for tc in _children(tr, "tc"):
                parts: list[str] = []
                for p in tc.iter(_w("p")):
                    if any(a.tag == _FALLBACK for a in p.iterancestors()):
                        continue
                    ppr = p.find(_w("pPr"))
                    label = self.number_label(ppr, _val(ppr, "pStyle"))
                    parts.append((label + self.paragraph_text(p, [])).strip())
                cells.append(" ".join(s for s in parts if s))
            if any(cells):
                self.emit("\t".join(c.replace("\n", " ") for c in cells), "table_row", None)


def _hidden(run) -> bool:
    """A run formatted as hidden text (w:vanish) is not shown, so it is not read."""
    rpr = run.find(_w("rPr"))
    vanish = rpr.find(_w("vanish")) if rpr is not None else None
    return vanish is not None and vanish.get(_w("val"), "1") not in ("0", "false")


def _children(element, tag: str):
    """Direct children named ``tag``, looking through content controls (w:sdt) and custom XML."""
    for child in element:
        if child.tag == _w(tag):
            yield child
        elif child.tag in (_w("sdt"), _w("customXml")):
            inner = child.find(_w("sdtContent")) if child.tag == _w("sdt") else child
            if inner is not None:
                yield from _children(inner, tag)
