"""read_docx on Word files rendered from real corpus laws, plus hand-built numbering and bad files."""
from __future__ import annotations

import io
import re
import struct
import zipfile

import pytest
from docx import Document

from ingest.docx import read_docx
from ingest.extracted import Unreadable
from ingest.limits import Limits
from tests.render import CORPUS_LAWS, RUNNING_HEADER, law_to_docx, parse_law

LONG = "行政法规/专利法实施细则(2023-12-11).md"  # chapters, items, > 100 articles
WRAPPED_REFS = "行政法规/商业特许经营管理条例(2007-02-06).md"
MIXED_PARENS = "地方性法规/河南/许昌市城市市容和环境卫生管理条例(2019-01-12).md"  # (一) and （三) mixed
TABLE = "司法解释/最高人民法院、最高人民检察院关于执行《刑法》确定罪名的补充规定（二）(2003-08-15).md"
LAWS = [LONG, WRAPPED_REFS, MIXED_PARENS, TABLE]
# Article labels as the corpus writes them: label, then a space.
LABEL = re.compile(r"(?m)^第[零〇一二三四五六七八九十百千]+条(?:之[一二三四五六七八九十]+)?(?=[ \u3000])")
INVISIBLE = re.compile(r"[\s\u200b-\u200d\ufeff]+")

pytestmark = pytest.mark.skipif(not CORPUS_LAWS.is_dir(), reason=f"corpus not found at {CORPUS_LAWS}")


def md(name: str) -> str:
    return (CORPUS_LAWS / name).read_text(encoding="utf-8")


def flat(s: str) -> str:
    return INVISIBLE.sub("", s)


def source_paragraphs(md_text: str) -> list[str]:
    return [b.text for b in parse_law(md_text).blocks if b.kind in ("info", "para", "heading")]


def source_labels(md_text: str) -> list[str]:
    return LABEL.findall("\n".join(source_paragraphs(md_text)))


def assert_in_order(text: str, paragraphs: list[str]) -> None:
    body, pos = flat(text), 0
    for p in paragraphs:
        found = body.find(flat(p), pos)
        assert found >= 0, f"missing or out of order: {p[:60]}"
        pos = found + len(flat(p))


def xiangfa_excerpt() -> str:
    """刑法 from its start to 第四十条: has 第十七条之一 and 第三十七条之一."""
    text = md("刑法/刑法.md")
    return text[: text.index("\n第四十条 ")]


@pytest.mark.parametrize("name", LAWS)
@pytest.mark.parametrize("autonumber", [False, True])
def test_round_trip_keeps_every_paragraph_and_label(name: str, autonumber: bool) -> None:
    source = md(name)
    extracted = read_docx(law_to_docx(source, autonumber=autonumber), name)
    assert extracted.format == "docx"
    assert_in_order(extracted.text, source_paragraphs(source))
    assert LABEL.findall(extracted.text) == source_labels(source)


def test_autonumbered_labels_really_come_from_numbering() -> None:
    source = md(LONG)
    data = law_to_docx(source, autonumber=True)
    typed = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert not any(LABEL.match(t) for t in typed), "renderer left 第X条 in the text"
    labels = LABEL.findall(read_docx(data, LONG).text)
    assert labels == source_labels(source)
    assert "第一百零一条" in labels and "第一百一十条" in labels


def test_items_numbered_by_word_restart_per_article() -> None:
    source = md(LONG)
    data = law_to_docx(source, autonumber=True)
    typed = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert not re.search(r"(?m)^（[一二三四五六七八九十]+）", typed)
    items = lambda s: re.findall(r"(?m)^（[一二三四五六七八九十]+）", s)  # noqa: E731
    assert items(read_docx(data, LONG).text) == items("\n".join(source_paragraphs(source)))


def test_zhi_yi_articles_stay_literal_and_numbering_continues() -> None:
    source = xiangfa_excerpt()
    extracted = read_docx(law_to_docx(source, autonumber=True), "刑法.docx")
    labels = LABEL.findall(extracted.text)
    assert labels == source_labels(source)
    assert labels[labels.index("第十七条之一") + 1] == "第十八条"


def test_gap_in_numbering_restarts_with_start_override() -> None:
    lines = xiangfa_excerpt().split("\n")
    # drop 第二十条 … 第二十四条 (with their later paragraphs) so the numbering must jump
    keep, dropping = [], False
    for line in lines:
        m = LABEL.match(line)
        if m:
            dropping = m.group(0) in {"第二十条", "第二十一条", "第二十二条", "第二十三条", "第二十四条"}
        elif line.startswith("#"):
            dropping = False
        if not dropping:
            keep.append(line)
    source = "\n".join(keep)
    data = law_to_docx(source, autonumber=True)
    assert b"startOverride" in zipfile.ZipFile(io.BytesIO(data)).read("word/numbering.xml")
    labels = LABEL.findall(read_docx(data, "gap.docx").text)
    assert labels == source_labels(source)
    assert labels[labels.index("第十九条") + 1] == "第二十五条"


def test_running_header_and_page_footer_stay_out_of_the_body() -> None:
    data = law_to_docx(md(LONG))
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        parts = [package.read(n).decode() for n in package.namelist() if re.match(r"word/(header|footer)\d*\.xml", n)]
    assert any(RUNNING_HEADER in x for x in parts) and any("PAGE" in x for x in parts)
    extracted = read_docx(data, LONG)
    assert RUNNING_HEADER not in extracted.text
    assert not re.search(r"(?m)^-\s*\d+\s*-$", extracted.text)


def test_tables_are_read_row_by_row() -> None:
    source = md(TABLE)
    rows = [r for b in parse_law(source).blocks if b.kind == "table" for r in b.rows]
    assert len(rows) >= 3
    lines = read_docx(law_to_docx(source), TABLE).text.split("\n")
    for row in rows:
        assert [c.strip() for c in row] in [[c.strip() for c in ln.split("\t")] for ln in lines], row


def test_title_hint_is_the_centred_title() -> None:
    source = md(LONG)
    assert read_docx(law_to_docx(source), LONG).title_hint == parse_law(source).title


@pytest.mark.parametrize("masthead", [["临江市人民政府文件", "临政发〔2024〕3号"], ["临江市城市管理局 文件"],
                                      ["签发人：王某某", "临城管〔2024〕12号"]])
def test_a_red_header_masthead_is_not_the_title(masthead: list[str]) -> None:
    """A 红头文件 prints its 版头 and 文号 centred above the title; the title is the line after them."""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    doc = Document()
    for line in [*masthead, "临江市人民政府关于加强城市道路停车管理的通知"]:
        doc.add_paragraph(line).alignment = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("一、各部门应当加强管理。")
    buf = io.BytesIO()
    doc.save(buf)
    assert read_docx(buf.getvalue(), "通知.docx").title_hint == "临江市人民政府关于加强城市道路停车管理的通知"


def test_offsets_of_blocks_point_into_text() -> None:
    extracted = read_docx(law_to_docx(md(LONG), autonumber=True), LONG)
    lines = extracted.text.split("\n")
    assert [extracted.text[b.start:b.end] for b in extracted.blocks] == lines
    assert sum(b.kind == "heading" for b in extracted.blocks) >= 5
    assert sum(b.kind == "list_item" for b in extracted.blocks) >= 100


# ---------------------------------------------------------------- hand-built numbering

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def numbered_document(abstract_xml: str, paragraphs: list[tuple[str | None, int | None, str, str | None]],
                      extra_nums: str = "") -> bytes:
    """A docx whose paragraphs are (numId, ilvl, text, style); numbering from ``abstract_xml``."""
    from docx.oxml import parse_xml

    document = Document()
    root = document.part.numbering_part.element
    for child in list(root):
        root.remove(child)
    root.append(parse_xml(f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="90">{abstract_xml}</w:abstractNum>'))
    root.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="7"><w:abstractNumId w:val="90"/></w:num>'))
    for num in filter(None, extra_nums.split("|")):
        root.append(parse_xml(num.replace("<w:num ", f'<w:num xmlns:w="{W}" ')))
    for num_id, ilvl, text, style in paragraphs:
        p = document.add_paragraph(text, style=style)
        if num_id is not None:
            numpr = p._p.get_or_add_pPr().get_or_add_numPr()
            numpr.get_or_add_numId().val = int(num_id)
            if ilvl is not None:
                numpr.get_or_add_ilvl().val = ilvl
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def lvl(ilvl: int, fmt: str, text: str, start: int = 1, restart: int | None = None, suff: str = "space") -> str:
    restart_xml = f'<w:lvlRestart w:val="{restart}"/>' if restart is not None else ""
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{restart_xml}'
            f'<w:suff w:val="{suff}"/><w:lvlText w:val="{text}"/></w:lvl>')


def test_multilevel_chapters_articles_items_with_level_restarts() -> None:
    # articles never restart (lvlRestart 0) across chapters; items restart after each article
    abstract = (lvl(0, "chineseCounting", "第%1章") + lvl(1, "chineseCountingThousand", "第%2条", restart=0)
                + lvl(2, "chineseCounting", "（%3）", suff="nothing") + lvl(3, "decimal", "%4.", suff="nothing"))
    paras = [("7", 0, "总则", None), ("7", 1, "甲", None), ("7", 2, "乙", None), ("7", 2, "丙", None),
             ("7", 3, "丁", None), ("7", 1, "戊", None), ("7", 2, "己", None), ("7", 0, "附则", None),
             ("7", 1, "庚", None)]
    lines = read_docx(numbered_document(abstract, paras), "m.docx").text.split("\n")
    assert lines == ["第一章 总则", "第一条 甲", "（一）乙", "（二）丙", "1.丁", "第二条 戊", "（一）己",
                     "第二章 附则", "第三条 庚"]


def test_start_values_override_and_traditional_formats() -> None:
    abstract = lvl(0, "ideographTraditional", "%1、", start=3, suff="nothing")
    override = '<w:num w:numId="8"><w:abstractNumId w:val="90"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
    paras = [("7", 0, "a", None), ("7", 0, "b", None), ("8", 0, "c", None), ("8", 0, "d", None), ("7", 0, "e", None)]
    lines = read_docx(numbered_document(abstract, paras, override), "s.docx").text.split("\n")
    assert lines == ["丙、a", "丁、b", "甲、c", "乙、d", "丙、e"]


def test_numbering_inherited_from_paragraph_style() -> None:
    # the default template's "List Number" style carries numPr; nothing is set on the paragraphs
    document = Document()
    for text in ("first", "second", "third"):
        document.add_paragraph(text, style="List Number")
    out = io.BytesIO()
    document.save(out)
    lines = read_docx(out.getvalue(), "style.docx").text.split("\n")
    assert [ln.split(None, 1)[0] for ln in lines] == ["1.", "2.", "3."]
    assert [ln.split(None, 1)[1] for ln in lines] == ["first", "second", "third"]


def test_num_id_zero_switches_style_numbering_off() -> None:
    abstract = lvl(0, "decimal", "%1.")
    lines = read_docx(numbered_document(abstract, [("7", 0, "a", None), ("0", 0, "b", None), ("7", 0, "c", None)]),
                      "z.docx").text.split("\n")
    assert lines == ["1. a", "b", "2. c"]


def test_hidden_text_deleted_revisions_and_fields_follow_what_word_shows() -> None:
    from docx.oxml import parse_xml

    document = Document()
    p = document.add_paragraph("第一条")
    p._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:rPr><w:vanish/></w:rPr><w:t>隐藏</w:t></w:r>'))
    p._p.append(parse_xml(f'<w:del xmlns:w="{W}" w:id="1" w:author="a"><w:r><w:delText>删除</w:delText></w:r></w:del>'))
    p._p.append(parse_xml(f'<w:ins xmlns:w="{W}" w:id="2" w:author="a"><w:r><w:t>　插入</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(f'<w:r xmlns:w="{W}"><w:instrText> PAGE </w:instrText></w:r>'))
    out = io.BytesIO()
    document.save(out)
    assert read_docx(out.getvalue(), "r.docx").text == "第一条　插入"


def test_core_properties_title_when_no_centred_paragraph() -> None:
    document = Document()
    document.core_properties.title = "临江市物业管理办法"
    document.add_paragraph("第一条 为了规范物业管理活动，制定本办法。")
    out = io.BytesIO()
    document.save(out)
    assert read_docx(out.getvalue(), "t.docx").title_hint == "临江市物业管理办法"


# ---------------------------------------------------------------- bad files

def test_not_a_zip() -> None:
    with pytest.raises(Unreadable, match="not a zip"):
        read_docx(b"this is plain text, not a Word file", "x.docx")


def test_truncated_docx() -> None:
    data = law_to_docx(md(WRAPPED_REFS))
    with pytest.raises(Unreadable, match="corrupt docx"):
        read_docx(data[: len(data) // 2], "cut.docx")


def test_encrypted_docx_is_an_ole_container() -> None:
    # Word saves password-protected .docx as an OLE compound file holding an EncryptedPackage stream
    ole = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
    ole[600:600 + 32] = "EncryptedPackage".encode("utf-16-le")
    with pytest.raises(Unreadable, match="encrypted"):
        read_docx(bytes(ole), "secret.docx")


def test_member_claiming_huge_uncompressed_size() -> None:
    data = bytearray(law_to_docx(md(WRAPPED_REFS)))
    # patch the central-directory entry of word/document.xml to claim 4 GB uncompressed
    name = b"word/document.xml"
    entry = data.rfind(b"PK\x01\x02", 0, data.rfind(name))
    assert data[entry + 46: entry + 46 + len(name)] == name
    struct.pack_into("<I", data, entry + 24, 0xFFFFFFF0)
    with pytest.raises(Unreadable, match="MiB"):
        read_docx(bytes(data), "bomb.docx")


def test_highly_compressed_member_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(law_to_docx(md(WRAPPED_REFS)))) as src, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, src.read(item))
        out.writestr("word/media/padding.bin", bytes(8 << 20))
    with pytest.raises(Unreadable, match="compression bomb"):
        read_docx(buffer.getvalue(), "bomb.docx")
    with pytest.raises(Unreadable, match="limit"):
        read_docx(buffer.getvalue(), "bomb.docx", Limits(max_archive_total_bytes=4 << 20))


def test_xml_entity_expansion_is_refused() -> None:
    lol = ('<?xml version="1.0"?><!DOCTYPE w:document [<!ENTITY a "ha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">'
           '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;">]>'
           f'<w:document xmlns:w="{W}"><w:body><w:p><w:r><w:t>&c;</w:t></w:r></w:p></w:body></w:document>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(law_to_docx(md(WRAPPED_REFS)))) as src, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, lol if item.filename == "word/document.xml" else src.read(item))
    with pytest.raises(Unreadable, match="DTD"):
        read_docx(buffer.getvalue(), "lol.docx")


def test_zip_that_is_not_a_word_document() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as out:
        out.writestr("readme.txt", "hello")
    with pytest.raises(Unreadable):
        read_docx(buffer.getvalue(), "x.docx")
