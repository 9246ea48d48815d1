"""Office documents from result dictionaries (the JSON the CLI prints): what legal-affairs staff file and sign.

- ``review_docx``: 规范性文件备案审查意见书 for one review result;
- ``cleanup_docx`` / ``cleanup_xlsx``: 规范性文件清理目录 for a cleanup result;
- ``basis_catalog_docx``: 执法依据目录 for a basis catalog.

Every field is untrusted text: it is only ever written as a literal run or cell value, stripped of
characters XML cannot carry, and kept from being read as a spreadsheet formula. Missing values print
as "—". ``decisions`` (finding id → {"decision", "note", "reviewer", "at"}) are a reviewer's verdicts:
a dismissed finding is left out of the 意见书 and of the 清理理由, a note is printed beside its finding.
"""
from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterable, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from itertools import groupby
from pathlib import Path
from typing import Any, NamedTuple

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from ui import decisions

__all__ = ["basis_catalog_docx", "cleanup_docx", "cleanup_xlsx", "dossier_docx", "dossier_xlsx", "review_docx"]

MISSING = "—"
BODY_FONT = "仿宋"
HEADING_FONT = "黑体"
LATIN_FONT = "Times New Roman"

SEVERITY_ORDER = ("error", "warning", "info")
SEVERITY_GROUPS = {"error": "违法问题（应予纠正）", "warning": "需要研究的问题", "info": "其他提示"}
SEVERITY_LABELS = {"error": "错误", "warning": "警告", "info": "提示"}
RECOMMENDATION_ORDER = ("继续有效", "修改", "废止", "宣布失效")
RECOMMENDATION_GROUPS = {
    "继续有效": "继续有效的规范性文件",
    "修改": "拟修改的规范性文件",
    "废止": "拟废止的规范性文件",
    "宣布失效": "拟宣布失效的规范性文件",
}
RANK_ORDER = ("法律", "行政法规", "地方性法规", "部门规章", "地方政府规章", "行政规范性文件")
RANK_LABELS = {"行政规范性文件": "规范性文件"}
DECISION_LABELS = decisions.LABELS

Decisions = dict[str, dict] | None

# XML 1.0 cannot hold C0 controls other than tab/newline/CR, lone surrogates or U+FFFE/U+FFFF;
# python-docx and openpyxl both refuse them, so a stray one in a source text would sink the export.
_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_FORMULA_LEAD = ("=", "+", "-", "@")
_XLSX_CELL_MAX = 32_767  # Excel's limit on characters in one cell
_CN_DIGITS = "零一二三四五六七八九"


# ---------------------------------------------------------------- plain values


def _text(value: Any) -> str:
    """Any field as printable text: None or blank → "—", everything else str() and XML-safe."""
    if value is None:
        return MISSING
    s = _XML_ILLEGAL.sub("", value if isinstance(value, str) else str(value)).strip()
    return s or MISSING


def _given(value: Any) -> bool:
    """Whether a field holds something worth a line of its own."""
    return _text(value) != MISSING


def _dict(value: Any) -> dict:
    """A sub-object of the result, or {} when it is missing or not an object."""
    return value if isinstance(value, dict) else {}


def _list(value: Any) -> list:
    """A list field; a lone value counts as a one-element list, None as empty."""
    if value is None:
        return []
    if isinstance(value, (list, tuple)):
        return list(value)
    return [value]


def _iso_date(value: Any) -> date | None:
    """The date an ISO "YYYY-MM-DD" field stands for, or None when it is not one."""
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value) if isinstance(value, str) and len(value) == 10 else None
    except ValueError:
        return None


def _cn_date(value: Any) -> str:
    """2022-08-15 → 2022年8月15日, the way official documents write dates; other text as is."""
    d = _iso_date(value)
    return f"{d.year}年{d.month}月{d.day}日" if d else _text(value)


def _cn_number(n: int) -> str:
    """1 → 一, 12 → 十二, 119 → 一百一十九: numbering of headings and article labels (0 < n < 10000)."""
    if not 0 < n < 10_000:
        return str(n)
    out, zero = "", False
    for unit, size in (("千", 1000), ("百", 100), ("十", 10), ("", 1)):
        digit = n // size % 10
        if digit:
            out += ("零" if zero and out else "") + _CN_DIGITS[digit] + unit
            zero = False
        else:
            zero = True
    return out[1:] if out.startswith("一十") else out


def _joined(values: Iterable[Any], sep: str = "；") -> str:
    """Non-empty values joined, or "—" when there are none."""
    parts = [_text(v) for v in values if _given(v)]
    return sep.join(parts) if parts else MISSING


def _document_issuer(doc: dict) -> str:
    """All issuing organs of a joint document, else the single issuer."""
    issuers = [i for i in _list(doc.get("issuers")) if _given(i)]
    return _joined(issuers, "、") if issuers else _text(doc.get("issuer"))


# ---------------------------------------------------------------- reviewer decisions


def _decision(finding: dict, decisions: Decisions) -> dict:
    """The reviewer's verdict on a finding, {} when there is none."""
    fid = finding.get("id")
    if not decisions or not isinstance(fid, str):
        return {}
    return _dict(decisions.get(fid))


def _dismissed(finding: dict, decisions: Decisions) -> bool:
    """A dismissed finding is one the reviewer judged wrong; it must not reach an outgoing document."""
    return _decision(finding, decisions).get("decision") == "dismissed"


def _findings(container: dict) -> list[dict]:
    """The findings list of a result or cleanup row, skipping anything that is not a finding object."""
    return [f for f in _list(container.get("findings")) if isinstance(f, dict)]


def _kept(findings: list[dict], decisions: Decisions) -> list[dict]:
    """Findings that still count after the reviewer's decisions."""
    return [f for f in findings if not _dismissed(f, decisions)]


def _note(finding: dict, decisions: Decisions) -> str | None:
    """The reviewer's note with who wrote it, e.g. "与上位法一致（张三）"; None without a note."""
    decision = _decision(finding, decisions)
    if not _given(decision.get("note")):
        return None
    reviewer = decision.get("reviewer")
    return _text(decision["note"]) + (f"（{_text(reviewer)}）" if _given(reviewer) else "")


def _handling(finding: dict, decisions: Decisions) -> str:
    """The 处理 column: 采纳 / 不采纳 / 批注, with the note; "—" when undecided."""
    decision = _decision(finding, decisions)
    if not decision:
        return MISSING
    kind = decision.get("decision")
    label = DECISION_LABELS.get(kind, _text(kind)) if kind is not None else MISSING
    note = _note(finding, decisions)
    return f"{label}：{note}" if note else label


def _reasons(row: dict, decisions: Decisions) -> list[str]:
    """Cleanup reasons minus those that only restate dismissed findings.

    Reasons are free text, so a reason is tied to a finding when it repeats the finding's title or
    message; it is dropped only if every finding it repeats was dismissed.
    """
    findings = _findings(row)

    def says(reason: str, f: dict) -> bool:
        return reason in (_text(f.get("title")), _text(f.get("message")))

    out = []
    for reason in (_text(r) for r in _list(row.get("reasons"))):
        backing = [f for f in findings if says(reason, f)]
        if reason != MISSING and (not backing or _kept(backing, decisions)):
            out.append(reason)
    return out


# ---------------------------------------------------------------- docx building blocks


def _set_fonts(rpr_owner: Any, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Name the East Asian font explicitly (w:eastAsia); without it Word falls back to a Latin face.

    Theme font attributes outrank explicit names, so they are removed.
    """
    rpr = rpr_owner.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(attr), None)
    for attr, name in (("w:ascii", latin), ("w:hAnsi", latin), ("w:cs", latin), ("w:eastAsia", east_asia)):
        fonts.set(qn(attr), name)


def _new_document(*, landscape: bool = False, body_pt: float = 16) -> DocxDocument:
    """An A4 document in government style: 仿宋 body, 黑体 headings, black text, GB/T 9704 margins."""
    doc = Document()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = (Mm(297), Mm(210)) if landscape else (Mm(210), Mm(297))
    section.top_margin, section.bottom_margin = (Mm(25), Mm(25)) if landscape else (Mm(37), Mm(35))
    section.left_margin, section.right_margin = (Mm(25), Mm(25)) if landscape else (Mm(28), Mm(26))

    normal = doc.styles["Normal"]
    normal.font.size = Pt(body_pt)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.25
    _set_fonts(normal.element, BODY_FONT)

    for name in ("Heading 1", "Heading 2"):  # restyled, not replaced, so the navigation pane still works
        heading = doc.styles[name]
        heading.font.size = Pt(body_pt)
        heading.font.bold = False
        heading.font.italic = False
        heading.font.color.rgb = RGBColor(0, 0, 0)
        heading.paragraph_format.space_before = Pt(body_pt / 2)
        heading.paragraph_format.space_after = Pt(body_pt / 4)
        _set_fonts(heading.element, HEADING_FONT)
    return doc


def _title(doc: DocxDocument, text: str) -> None:
    """The document title: centred 黑体 二号 (22pt)."""
    p = doc.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(12)
    run = p.add_run(_text(text))
    run.font.size = Pt(22)
    _set_fonts(run._r, HEADING_FONT)


def _heading(doc: DocxDocument, text: str, level: int = 1) -> None:
    """A section heading (一、…) in a Heading style, so Word's navigation pane lists it."""
    doc.add_heading(_text(text), level=level)


def _para(doc: DocxDocument, text: str, *, label: str | None = None, indent: bool = True,
          align: WD_ALIGN_PARAGRAPH | None = None) -> None:
    """A body paragraph, optionally led by a bold label such as "原文：" (text is printed literally)."""
    p = doc.add_paragraph()
    if indent:
        p.paragraph_format.first_line_indent = Pt(doc.styles["Normal"].font.size.pt * 2)
    if align is not None:
        p.alignment = align
    if label:
        p.add_run(label).bold = True
    p.add_run(text)


def _repeat_header(table: Table) -> None:
    """Repeat the header row on every page a long table runs over."""
    tr_pr = table.rows[0]._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    tr_pr.append(flag)


def _table(doc: DocxDocument, headers: Sequence[str], rows: Iterable[Sequence[str]],
           widths_mm: Sequence[float], *, font_pt: float = 10.5) -> Table:
    """A bordered table with a bold, repeating header row; each cell value is written as literal text."""
    table = doc.add_table(rows=1, cols=len(headers))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths_mm):
        column.width = Mm(width)  # the grid, which LibreOffice follows; Word follows the cell widths below
    for values, bold in [(headers, True), *((r, False) for r in rows)]:
        cells = table.rows[0].cells if bold else table.add_row().cells
        for i, (cell, value, width) in enumerate(zip(cells, values, widths_mm)):
            cell.width = Mm(width)
            p = cell.paragraphs[0]
            if bold or i == 0:  # headers and the 序号 column
                p.alignment = WD_ALIGN_PARAGRAPH.CENTER
            run = p.add_run(value)
            run.bold = bold
            run.font.size = Pt(font_pt)
    _repeat_header(table)
    return table


def _save_docx(doc: DocxDocument, path: Path) -> Path:
    """Save, creating the folder first; return the path written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    return path


def _numbered_groups(doc: DocxDocument, groups: Iterable[tuple[str, list]],
                     write: Callable[[DocxDocument, list], None], *, skip_empty: bool = True,
                     level: int = 1) -> int:
    """Write "一、heading" plus its body for each group, numbering only the groups printed."""
    n = 0
    for heading, items in groups:
        if skip_empty and not items:
            continue
        n += 1
        _heading(doc, f"{_cn_number(n)}、{heading}", level)
        write(doc, items)
    return n


# ---------------------------------------------------------------- 审查意见书


def review_docx(result: dict, path: Path, decisions: dict[str, dict] | None = None) -> Path:
    """规范性文件备案审查意见书: particulars, conclusion, findings by severity, signature block."""
    result = _dict(result)
    doc_info = _dict(result.get("document"))
    dates = _dict(doc_info.get("dates"))
    doc = _new_document()
    _title(doc, "规范性文件备案审查意见书")

    particulars = [
        ("名称", _text(doc_info.get("title"))),
        ("制定机关", _document_issuer(doc_info)),
        ("文号", _text(doc_info.get("doc_number"))),
        ("效力层级", _text(doc_info.get("level"))),
        ("公布日期", _cn_date(dates.get("issued"))),
        ("施行日期", _cn_date(dates.get("effective"))),
        ("有效期至", _cn_date(dates.get("expires"))),
    ]
    if _given(dates.get("amended")):  # an amended text: its last 修正/修订 is the date its citations are read at
        particulars.insert(5, ("最近修改日期", _cn_date(dates.get("amended"))))
    if _given(doc_info.get("level_basis")):
        doubt = "" if doc_info.get("level_certain", True) else "（存疑，请核实）"
        particulars.insert(4, ("层级依据", _text(doc_info.get("level_basis")) + doubt))
    if _given(result.get("filed_on")):
        particulars.append(("报备日期", _cn_date(result["filed_on"])))
    particulars.append(("审查日期", _cn_date(result.get("as_of"))))
    for label, value in particulars:
        _para(doc, value, label=f"{label}：", indent=False)
    for note in result.get("notes") or []:  # checks skipped on purpose, and why
        _para(doc, _text(note), label="审查说明：", indent=False)

    conclusion = _text(result.get("conclusion"))
    _heading(doc, "审查结论")
    _para(doc, conclusion)

    _heading(doc, "审查意见")
    kept = _kept(_findings(result), decisions)
    by_severity = _by_severity(kept)
    if kept:
        counts = "、".join(f"{SEVERITY_GROUPS[s]}{len(by_severity[s])}项" for s in SEVERITY_ORDER if by_severity[s])
        _para(doc, f"经审查，发现{counts}，具体如下：")
    elif conclusion == "建议予以备案":
        _para(doc, "未发现违法或者不当问题，建议予以备案。")
    else:  # e.g. 不属于规范性文件: recommending filing would contradict the conclusion
        _para(doc, "未发现违法或者不当问题。")
    _numbered_groups(doc, ((SEVERITY_GROUPS[s], by_severity[s]) for s in SEVERITY_ORDER),
                     lambda d, items: _write_findings(d, items, decisions), level=2)

    _signature(doc)
    return _save_docx(doc, path)


def _by_severity(findings: list[dict]) -> dict[str, list[dict]]:
    """Findings per severity; an unknown severity is filed under 其他提示 rather than lost."""
    groups: dict[str, list[dict]] = {s: [] for s in SEVERITY_ORDER}
    for f in findings:
        groups[f.get("severity") if f.get("severity") in groups else "info"].append(f)
    return groups


def _write_findings(doc: DocxDocument, findings: list[dict], decisions: Decisions) -> None:
    """（一）location：message (no location when the message opens with it), then 原文 / 依据 / 建议 / note."""
    for i, f in enumerate(findings, 1):
        message = f.get("message") if _given(f.get("message")) else f.get("title")
        location, message = _text(f.get("location")), _text(message)
        lead = (f"{location.rstrip('、')}：" if location not in (MISSING, "全文") and not message.startswith(location)
                else "")
        _para(doc, f"（{_cn_number(i)}）{lead}{message}")
        evidence = f.get("evidence")
        _para(doc, f"“{_text(evidence)}”" if _given(evidence) else MISSING, label="原文：")
        _para(doc, _text(f.get("basis")), label="依据：")
        _para(doc, _text(f.get("suggestion")), label="建议：")
        note = _note(f, decisions)
        if note:
            _para(doc, note, label="审查人批注：")


def _signature(doc: DocxDocument) -> None:
    """Right-aligned seal and date lines, the date left blank for the hand that seals it."""
    doc.add_paragraph()
    _para(doc, "审查机关（盖章）", indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)
    _para(doc, "日期：　　　　年　　月　　日", indent=False, align=WD_ALIGN_PARAGRAPH.RIGHT)


# ---------------------------------------------------------------- 清理目录


def _cleanup_rows(result: dict) -> list[dict]:
    """Cleanup documents ordered 继续有效, 修改, 废止, 宣布失效, any other recommendation last."""
    rows = [r for r in _list(_dict(result).get("documents")) if isinstance(r, dict)]
    rank = {rec: i for i, rec in enumerate(RECOMMENDATION_ORDER)}
    return sorted(rows, key=lambda r: rank.get(r.get("recommendation"), len(rank)))


def _cleanup_groups(rows: list[dict]) -> list[tuple[str, list[dict]]]:
    """(recommendation, rows) for the four standard recommendations, then any other seen."""
    groups: dict[str, list[dict]] = {rec: [] for rec in RECOMMENDATION_ORDER}
    for r in rows:
        groups.setdefault(_text(r.get("recommendation")), []).append(r)
    return list(groups.items())


def _scope_line(result: dict) -> str:
    """"清理基准日：…　　制定机关：…", stating which documents the list covers."""
    issuer = result.get("issuer")
    return f"清理基准日：{_cn_date(result.get('as_of'))}　　制定机关：{_text(issuer) if _given(issuer) else '全部'}"


def cleanup_docx(result: dict, path: Path, decisions: dict[str, dict] | None = None) -> Path:
    """规范性文件清理目录 (landscape): one table per recommendation, with the reasons for it."""
    result = _dict(result)
    rows = _cleanup_rows(result)
    doc = _new_document(landscape=True, body_pt=14)
    _title(doc, "规范性文件清理目录")
    _para(doc, f"{_scope_line(result)}　　共{len(rows)}件", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)

    headers = ("序号", "文件名称", "文号", "制定机关", "施行日期", "清理理由")
    widths = (12, 58, 40, 40, 36, 61)

    def write(d: DocxDocument, items: list[dict]) -> None:
        if not items:
            _para(d, "无。")
            return
        _table(d, headers, ([str(i), _text(r.get("title")), _text(r.get("doc_number")), _text(r.get("issuer")),
                             _cn_date(_dict(r.get("dates")).get("effective")), _joined(_reasons(r, decisions))]
                            for i, r in enumerate(items, 1)), widths)

    groups = [(f"{RECOMMENDATION_GROUPS.get(rec, rec)}（{len(items)}件）", items)
              for rec, items in _cleanup_groups(rows)]
    _numbered_groups(doc, groups, write, skip_empty=False)
    return _save_docx(doc, path)


def cleanup_xlsx(result: dict, path: Path, decisions: dict[str, dict] | None = None) -> Path:
    """清理目录 workbook: a filterable list of documents, and a 问题明细 sheet with every finding."""
    result = _dict(result)
    rows = _cleanup_rows(result)
    wb = Workbook()

    catalog = wb.active
    catalog.title = "清理目录"
    _sheet(catalog, [("序号", 6), ("清理建议", 10), ("文件名称", 40), ("文号", 20), ("制定机关", 24),
                     ("效力层级", 14), ("施行日期", 12), ("有效期至", 12), ("清理理由", 50), ("规则", 14)],
           ([i, _text(r.get("recommendation")), _text(r.get("title")), _text(r.get("doc_number")),
             _text(r.get("issuer")), _text(r.get("level")), _xlsx_date(_dict(r.get("dates")).get("effective")),
             _xlsx_date(_dict(r.get("dates")).get("expires")), _joined(_reasons(r, decisions)),
             _joined(dict.fromkeys(_text(f.get("rule")) for f in _kept(_findings(r), decisions)), "、")]
            for i, r in enumerate(rows, 1)))

    details = wb.create_sheet("问题明细")
    _sheet(details, [("文件名称", 32), ("规则", 8), ("严重程度", 9), ("位置", 14), ("问题", 40), ("原文", 36),
                     ("依据", 30), ("建议", 36), ("处理", 24)],
           ([_text(r.get("title")), _text(f.get("rule")),
             SEVERITY_LABELS.get(f.get("severity"), _text(f.get("severity"))), _text(f.get("location")),
             _text(f.get("message") if _given(f.get("message")) else f.get("title")), _text(f.get("evidence")),
             _text(f.get("basis")), _text(f.get("suggestion")), _handling(f, decisions)]
            for r in rows for f in _findings(r)))

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))
    return path


# ---------------------------------------------------------------- xlsx building blocks


def _xlsx_date(value: Any) -> date | str:
    """A real date cell for ISO dates so the column sorts and filters as dates; other text as text."""
    return _iso_date(value) or _text(value)


def _put(ws: Worksheet, row: int, column: int, value: Any) -> None:
    """Write one value; text that Excel would take for a formula (=, +, -, @) is forced to a string."""
    if isinstance(value, str):
        value = _text(value)[:_XLSX_CELL_MAX]
    cell = ws.cell(row=row, column=column, value=value)
    if isinstance(value, str) and value.startswith(_FORMULA_LEAD):
        cell.data_type = "s"
        cell.quotePrefix = True  # Excel keeps it text even after the cell is edited
    if isinstance(value, date):
        cell.number_format = "yyyy-mm-dd"
    cell.alignment = Alignment(wrap_text=True, vertical="top")
    cell.font = Font(name="宋体", size=10)


def _sheet(ws: Worksheet, columns: Sequence[tuple[str, float]], rows: Iterable[Sequence[Any]]) -> None:
    """Header, rows, column widths, frozen header and an autofilter over the whole table."""
    for c, (name, width) in enumerate(columns, 1):
        _put(ws, 1, c, name)
        head = ws.cell(row=1, column=c)
        head.font = Font(name="黑体", size=10, bold=True)
        head.fill = PatternFill("solid", fgColor="D9E1F2")
        head.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        ws.column_dimensions[get_column_letter(c)].width = width
    for r, values in enumerate(rows, 2):
        for c, value in enumerate(values, 1):
            _put(ws, r, c, value)
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(columns))}{max(ws.max_row, 1)}"


# ---------------------------------------------------------------- 执法依据目录


def _rank_groups(catalog: dict) -> list[tuple[str, list[dict]]]:
    """(printed rank, entries) in the order of legal force, merging repeated ranks, unknown ranks last."""
    groups: dict[str, list[dict]] = {rank: [] for rank in RANK_ORDER}
    for level in _list(catalog.get("levels")):
        level = _dict(level)
        entries = [e for e in _list(level.get("entries")) if isinstance(e, dict)]
        groups.setdefault(_text(level.get("level")), []).extend(entries)
    return [(RANK_LABELS.get(rank, rank), entries) for rank, entries in groups.items()]


def _provision_label(p: dict) -> str:
    """"第十九条（处罚：罚款）": the article plus the kinds of power it grants."""
    label = p.get("label")
    if not _given(label) and isinstance(p.get("article"), int) and not isinstance(p.get("article"), bool):
        label = f"第{_cn_number(p['article'])}条"
    kinds = [_text(k) for k in _list(p.get("penalty_kinds")) if _given(k)]
    types = [_text(t) for t in _list(p.get("types")) if _given(t)]
    if kinds and "处罚" not in types:
        types.insert(0, "处罚")
    parts = [f"{t}：{'、'.join(kinds)}" if t == "处罚" and kinds else t for t in types]
    return _text(label) + (f"（{'，'.join(parts)}）" if parts else "")


def _basis_name(title: Any) -> str:
    """Titles cited in 书名号, as legal texts write them."""
    t = _text(title)
    return t if t == MISSING or t.startswith("《") else f"《{t}》"


def basis_catalog_docx(catalog: dict, path: Path) -> Path:
    """执法依据目录 (landscape): per rank of legal force, the laws relied on and the articles used."""
    catalog = _dict(catalog)
    issuer = catalog.get("issuer")
    doc = _new_document(landscape=True, body_pt=14)
    _title(doc, f"{_text(issuer)}执法依据目录" if _given(issuer) else "执法依据目录")
    _para(doc, f"（截至{_cn_date(catalog.get('as_of'))}）", indent=False, align=WD_ALIGN_PARAGRAPH.CENTER)

    headers = ("序号", "依据名称", "文号/发布机关", "施行日期", "状态", "相关条款")
    widths = (12, 56, 45, 36, 20, 78)

    def write(d: DocxDocument, entries: list[dict]) -> None:
        _table(d, headers, ([str(i), _basis_name(e.get("title")),
                             _joined([e.get("doc_number"), e.get("issuer")], "\n"), _cn_date(e.get("effective")),
                             _text(e.get("status")),
                             _joined(_provision_label(p) for p in _list(e.get("provisions")) if isinstance(p, dict))]
                            for i, e in enumerate(entries, 1)), widths)

    if not _numbered_groups(doc, _rank_groups(catalog), write):
        _para(doc, "未收录执法依据。")
    return _save_docx(doc, path)


# ---------------------------------------------------------------- 案卷评查表

BASE_SCORE = 100
FAILED = "不合格"
GRADE_THRESHOLDS = ((90, "优秀"), (75, "良好"), (60, "合格"))  # below the last: 不合格
VETO_BASIS = "《广东省行政执法案卷评查办法》第十七条"
#: The stages of a penalty case in the order it runs; a stage the file does not date is left out.
TIMELINE = ("立案", "调查", "审核", "告知", "告知送达", "陈述申辩/听证", "决定", "送达", "执行", "结案")
# The issuing agency's abbreviation heads a case number: 临城管罚字〔2023〕15号 → 临城管罚字.
_CASE_AGENCY = re.compile(r"^(.+?)\s*[〔\[［（(]\s*\d{4}")


class _Score(NamedTuple):
    """A case file's score sheet after the reviewer's decisions."""

    points: dict[str, float]  # finding id → points it deducts
    deducted: float
    given_deducted: float
    total: float | None
    grade: str
    vetoed_by: list[str]  # veto rules still standing
    dismissed: int  # findings the reviewer dismissed
    regraded: bool  # every veto rule was dismissed, so the grade follows the score again

    @property
    def adjusted(self) -> bool:
        return self.deducted != self.given_deducted

    def of(self, finding: dict) -> float:
        """The points one finding deducts; 0 for a dismissed one or one whose rule was charged already."""
        fid = finding.get("id")
        return self.points.get(fid, 0) if isinstance(fid, str) else 0


def _number(value: Any) -> float | None:
    """A finite number field (booleans are not numbers), else None."""
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        return None
    return value


def _decimal_text(value: Any) -> str:
    """15 → "15", 15.0 → "15", 2.5 → "2.5": a number as a person writes it, without float noise."""
    return format(Decimal(str(value)).normalize(), "f")


def _yuan(amount: float) -> str:
    """50000 → 5万元, 500 → 500元, 12345.5 → 1.23455万元."""
    d = Decimal(str(amount))
    return f"{_decimal_text(d / 10000)}万元" if d >= 10000 else f"{_decimal_text(d)}元"


def _penalty(result: dict) -> str:
    """处罚内容: the kinds of penalty, 罚款 with its amount, e.g. "罚款5万元、没收违法所得"."""
    kinds = [_text(k) for k in _list(result.get("kinds")) if _given(k)]
    fine = _number(result.get("fine"))
    if fine is not None:
        amount = f"罚款{_yuan(fine)}"
        kinds = [amount if k == "罚款" else k for k in kinds] if "罚款" in kinds else [amount, *kinds]
    return _joined(dict.fromkeys(kinds), "、")


def _party(result: dict) -> str:
    """当事人 with whether it is a person or an organisation: "临江市某某餐饮有限公司（单位）"."""
    name, kind = result.get("party"), result.get("party_type")
    return _text(name) + (f"（{_text(kind)}）" if _given(name) and _given(kind) else "")


def _case_agency(case_no: Any) -> str:
    """执法机关 as the case number names it (the part before 〔year〕), "—" when it names none."""
    m = _CASE_AGENCY.match(_text(case_no))
    return m.group(1) if m else MISSING


def _file_name(value: Any) -> str:
    """The last part of a file path, either separator."""
    return re.split(r"[\\/]", _text(value).rstrip("\\/"))[-1] or MISSING


def _finding_document(f: dict) -> str:
    """文书: the document a finding is about plus the file (and page) it was read from."""
    details = _dict(f.get("details"))
    source = ""
    if _given(details.get("document")):
        page = _number(details.get("page"))
        source = _file_name(details["document"]) + (f"第{_decimal_text(page)}页" if page is not None else "")
    location = f.get("location")
    if not _given(location):
        return source or MISSING
    return _text(location) + (f"（{source}）" if source else "")


def _quoted(value: Any) -> str:
    """Quoted source text, or "—"."""
    return f"“{_text(value)}”" if _given(value) else MISSING


def _message(f: dict) -> str:
    """What a finding says, its title when it has no message."""
    return _text(f.get("message") if _given(f.get("message")) else f.get("title"))


def _grade(total: float) -> str:
    return next((name for least, name in GRADE_THRESHOLDS if total >= least), FAILED)


def _dossier_score(result: dict, decisions: Decisions) -> _Score:
    """Deductions, score and grade once the reviewer's decisions are applied.

    A dismissed finding deducts nothing. Each rule is charged once per file, on its first finding,
    so when that finding is dismissed another finding of the same rule that still stands carries
    the points. The grade is kept as given (its thresholds are the agency's) unless it rested on
    veto rules whose findings were all dismissed; then it is read off the score by 90/75/60.
    """
    sheet = _dict(result.get("score"))
    findings = _findings(result)
    kept = _kept(findings, decisions)
    dismissed = [f for f in findings if _dismissed(f, decisions)]
    dismissed_ids = {f["id"] for f in dismissed}
    points: dict[str, float] = {}
    given = deducted = 0
    for d in (d for d in _list(sheet.get("deductions")) if isinstance(d, dict)):
        p = _number(d.get("points")) or 0
        given += p
        owner = d.get("finding")
        if isinstance(owner, str) and owner in dismissed_ids:
            owner = next((f.get("id") for f in kept if f.get("rule") == d.get("rule") and f.get("id") not in points
                          and isinstance(f.get("id"), str)), None)
            if owner is None:
                continue
        deducted += p
        if isinstance(owner, str):
            points[owner] = points.get(owner, 0) + p

    given_total = _number(sheet.get("total"))
    total = max(0, BASE_SCORE - deducted) if deducted != given else given_total
    vetoed = [_text(r) for r in _list(sheet.get("vetoed_by")) if _given(r)]

    def fallen(rule: str) -> bool:
        ruled = [f for f in findings if _text(f.get("rule")) == rule]
        return bool(ruled) and all(_dismissed(f, decisions) for f in ruled)

    standing = [r for r in vetoed if not fallen(r)]
    regraded = bool(vetoed) and not standing
    if regraded:
        grade = _grade(total) if total is not None else MISSING
    else:  # a standing veto is 不合格 whatever the score (第十七条), even if the input says otherwise
        grade = FAILED if standing else _text(sheet.get("grade"))
    return _Score(points, deducted, given, total, grade, standing, len(dismissed), regraded)


def _points(value: Any) -> str:
    """A score or deduction for print: 15 → "15", "—" when unknown."""
    return _decimal_text(value) if _number(value) is not None else MISSING


def _timeline_documents(result: dict) -> list[dict]:
    """The case documents by date; an undated one stays after the document it follows in the file."""
    docs = [d for d in _list(result.get("documents")) if isinstance(d, dict)]
    keyed, last = [], date.min
    for i, d in enumerate(docs):
        last = _iso_date(d.get("date")) or last
        keyed.append((last, i, d))
    return [d for _, _, d in sorted(keyed, key=lambda k: k[:2])]


def _officers(d: dict) -> str:
    """执法人员 with their certificate numbers: "李某某（证号44010012345）、王某某（无证号）"."""
    people = [o for o in _list(d.get("officers")) if isinstance(o, dict) and _given(o.get("name"))]
    return _joined((f"{_text(o['name'])}（{'证号' + _text(o['cert']) if _given(o.get('cert')) else '无证号'}）"
                    for o in people), "、")


def _timeline(dates: dict) -> list[tuple[str, str]]:
    """(stage, date) in the order a case runs; any stage not known here follows in its given order."""
    stages = [s for s in TIMELINE if s in dates] + [s for s in dates if s not in TIMELINE]
    return [(_text(s), _cn_date(dates[s])) for s in stages if _given(dates[s])]


def _veto_sentence(result: dict, vetoed: list[str], decisions: Decisions) -> str:
    """"存在…（D203）情形，依照…第十七条评定为不合格", naming each standing veto rule by its title."""
    kept = _kept(_findings(result), decisions)

    def named(rule: str) -> str:
        title = next((f.get("title") for f in kept if _text(f.get("rule")) == rule and _given(f.get("title"))), None)
        return f"{_text(title)}（{rule}）" if title else rule

    return f"存在{'、'.join(named(r) for r in vetoed)}情形，依照{VETO_BASIS}评定为{FAILED}。"


def dossier_docx(result: dict, path: Path, decisions: dict[str, dict] | None = None) -> Path:
    """行政执法案卷评查表 for one case file: particulars, documents, timeline, findings with their
    deductions, the score and grade, and the reviewer's signature line."""
    result = _dict(result)
    dates = _dict(result.get("dates"))
    sheet = _dossier_score(result, decisions)
    doc = _new_document(body_pt=14)
    _title(doc, "行政执法案卷评查表")

    particulars = [("案号", _text(result.get("case_no"))), ("当事人", _party(result)), ("处罚内容", _penalty(result)),
                   ("立案日期", _cn_date(dates.get("立案"))), ("决定日期", _cn_date(dates.get("决定")))]
    if _given(result.get("as_of")):
        particulars.append(("评查日期", _cn_date(result["as_of"])))
    _table(doc, ("项目", "内容"), particulars, (32, 124))

    _heading(doc, "一、案卷文书")
    documents = _timeline_documents(result)
    if documents:
        _table(doc, ("序号", "文书", "文书编号", "日期", "执法人员"),
               ([str(i), _text(d.get("type") if _given(d.get("type")) else d.get("title")), _text(d.get("doc_no")),
                 _cn_date(d.get("date")), _officers(d)] for i, d in enumerate(documents, 1)), (12, 36, 40, 28, 40))
    else:
        _para(doc, "无。")
    unreadable = [u for u in _list(result.get("unreadable")) if isinstance(u, dict)]
    if unreadable:
        _para(doc, _joined(f"{_file_name(u.get('file'))}（{_text(u.get('reason'))}）" for u in unreadable),
              label="未能读取的材料：")

    _heading(doc, "二、办案时间线")
    timeline = _timeline(dates)
    if timeline:
        _table(doc, ("环节", "日期"), timeline, (60, 96))
    else:
        _para(doc, "无。")

    _heading(doc, "三、评查发现")
    kept = _kept(_findings(result), decisions)
    if not kept:
        _para(doc, "未发现问题。")
    for i, f in enumerate(kept, 1):
        severity = f.get("severity")
        _para(doc, f"（{_cn_number(i)}）{_text(f.get('title') if _given(f.get('title')) else f.get('message'))}")
        _para(doc, f"{_text(f.get('rule'))}（{SEVERITY_LABELS.get(severity, _text(severity))}）", label="规则：")
        _para(doc, _message(f), label="问题：")
        _para(doc, _finding_document(f), label="文书：")
        _para(doc, _quoted(f.get("evidence")), label="原文：")
        _para(doc, _text(f.get("basis")), label="依据：")
        _para(doc, _text(f.get("suggestion")), label="建议：")
        _para(doc, f"{_points(sheet.of(f))}分", label="扣分：")
        note = _note(f, decisions)
        if note:
            _para(doc, note, label="评查人批注：")
    if sheet.dismissed:
        _para(doc, f"另有{sheet.dismissed}项发现经评查人复核不予采纳，未列入，不计扣分。")

    _heading(doc, "四、评分")
    _table(doc, ("基准分", "扣分合计", "得分", "等次"),
           [(str(BASE_SCORE), _points(sheet.deducted), _points(sheet.total), sheet.grade)], (39, 39, 39, 39))
    if sheet.adjusted:
        _para(doc, f"经评查人复核不予采纳的发现不计扣分，扣分合计由{_points(sheet.given_deducted)}分调整为"
                   f"{_points(sheet.deducted)}分，得分相应调整为{_points(sheet.total)}分。")
    if sheet.vetoed_by:
        _para(doc, _veto_sentence(result, sheet.vetoed_by, decisions))
    elif sheet.regraded:
        _para(doc, f"原据以评定为{FAILED}的情形经评查人复核不予采纳，按得分评定为{sheet.grade}。")

    doc.add_paragraph()
    _para(doc, "评查人：____________　　　　日期：________年____月____日", indent=False)
    return _save_docx(doc, path)


# ---------------------------------------------------------------- 案卷评查汇总 .xlsx


def _natural(text: str) -> list[tuple[int, Any]]:
    """Sort key reading digit runs as numbers: 〔2023〕9号 before 〔2023〕15号."""
    return [(0, int(part)) if part.isdigit() else (1, part) for part in re.split(r"(\d+)", text) if part]


def _one_decimal(value: float) -> float:
    """Rounded to one decimal half up, as averages are read (88.25 → 88.3, not float rounding's 88.2)."""
    return float(Decimal(str(value)).quantize(Decimal("0.1"), ROUND_HALF_UP))


def _subtotal(label: str, agency: str | None, cases: list[tuple[dict, _Score]], decisions: Decisions) -> list[Any]:
    """A 小计/合计 line: 案卷数, 平均分 (under 得分), 不合格数 (under 等次), errors and warnings summed."""
    scores = [s.total for _, s in cases if s.total is not None]
    kept = [f for r, _ in cases for f in _kept(_findings(r), decisions)]
    return [label, agency, f"案卷数：{len(cases)}", None, None,
            _one_decimal(sum(scores) / len(scores)) if scores else MISSING,
            f"{FAILED}：{sum(1 for _, s in cases if s.grade == FAILED)}",
            sum(1 for f in kept if f.get("severity") == "error"), sum(1 for f in kept if f.get("severity") == "warning"),
            None]


def _save_xlsx(wb: Workbook, path: Path) -> Path:
    """Save, creating the folder first; return the path written."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    wb.save(str(path))
    return path


def dossier_xlsx(results: list[dict], path: Path, decisions: dict[str, dict] | None = None) -> Path:
    """案卷评查汇总 workbook: per 执法机关 the case files with score and grade, a subtotal per agency
    and a total; and a 问题明细 sheet with every finding, its deduction and the reviewer's decision."""
    if isinstance(results, dict):  # the CLI's batch JSON, {"dossiers": [...], "count": n}
        results = results.get("dossiers", [results])
    cases = sorted(((_case_agency(r.get("case_no")), r, _dossier_score(r, decisions))
                    for r in _list(results) if isinstance(r, dict)),
                   key=lambda c: (c[0] == MISSING, c[0], _natural(_text(c[1].get("case_no")))))
    wb = Workbook()

    summary = wb.active
    summary.title = "评查汇总"
    rows: list[list[Any]] = []
    totals: list[int] = []  # sheet rows of the 小计/合计 lines
    n = 0
    for agency, group in groupby(cases, key=lambda c: c[0]):
        group = list(group)
        for _, r, s in group:
            n += 1
            kept = _kept(_findings(r), decisions)
            rows.append([n, agency, _text(r.get("case_no")), _party(r), _penalty(r),
                         s.total if s.total is not None else MISSING, s.grade,
                         sum(1 for f in kept if f.get("severity") == "error"),
                         sum(1 for f in kept if f.get("severity") == "warning"),
                         _joined(dict.fromkeys(_text(f.get("title")) for f in kept))])
        rows.append(_subtotal("小计", agency, [(r, s) for _, r, s in group], decisions))
        totals.append(len(rows) + 1)
    if cases:
        rows.append(_subtotal("合计", None, [(r, s) for _, r, s in cases], decisions))
        totals.append(len(rows) + 1)
    _sheet(summary, [("序号", 6), ("执法机关", 14), ("案号", 24), ("当事人", 26), ("处罚内容", 22), ("得分", 8),
                     ("等次", 10), ("错误数", 8), ("警告数", 8), ("主要问题", 50)], rows)
    for r in totals:
        for cell in summary[r]:
            cell.font = Font(name="宋体", size=10, bold=True)
            cell.fill = PatternFill("solid", fgColor="F2F2F2")
        summary.cell(row=r, column=6).number_format = "0.0"

    details = wb.create_sheet("问题明细")
    _sheet(details, [("案号", 24), ("规则", 8), ("严重程度", 9), ("文书", 28), ("问题", 44), ("原文", 36),
                     ("依据", 32), ("扣分", 7), ("处理", 24)],
           ([_text(r.get("case_no")), _text(f.get("rule")),
             SEVERITY_LABELS.get(f.get("severity"), _text(f.get("severity"))), _finding_document(f), _message(f),
             _text(f.get("evidence")), _text(f.get("basis")),
             s.of(f), _handling(f, decisions)]
            for _, r, s in cases for f in _findings(r)))
    return _save_xlsx(wb, path)
