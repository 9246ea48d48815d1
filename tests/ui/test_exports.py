"""ui.exports: write each export to tmp_path, reopen it with python-docx / openpyxl and read it like an official."""
from __future__ import annotations

import copy
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from openpyxl import load_workbook

from ui.exports import basis_catalog_docx, cleanup_docx, cleanup_xlsx, review_docx

SCRIPT = "<script>alert(1)</script>"
FORMULA = "=cmd|' /C calc'!A0"


def finding(fid: str, rule: str, severity: str, title: str, message: str, **extra) -> dict:
    base = {"id": fid, "rule": rule, "severity": severity, "title": title, "message": message,
            "article": 11, "location": "第十一条", "evidence": "处二千元以上五千元以下罚款", "start": 1234,
            "end": 1248, "basis": "《中华人民共和国行政处罚法》第十六条",
            "suggestion": "删除该处罚规定，或改为引用上位法的处罚规定", "details": {}}
    return {**base, **extra}


FINE = finding("F102-3f9a1c", "F102", "error", "规范性文件设定行政处罚",
               "第十一条对未按规定处置建筑垃圾的行为设定罚款，规范性文件不得设定行政处罚。")
LICENCE = finding("F104-77b2e0", "F104", "error", "规范性文件设定行政许可",
                  "要求运输单位取得核准证后方可运输，属于设定行政许可。", article=6, location="第六条",
                  evidence="未取得核准证的，不得从事建筑垃圾运输", basis="《中华人民共和国行政许可法》第十七条",
                  suggestion="删除该许可规定")
EXPIRY = finding("F301-a1b2c3", "F301", "warning", "未规定有效期", "文件未明确有效期，应当依照规定载明。",
                 article=None, location=None, evidence=None, start=None, end=None, basis=None)
DISMISSED = finding("F205-dead01", "F205", "warning", "增加公民义务",
                    "四、（二）要求居民签订门前三包责任书，可能增加公民义务。", location="四、（二）",
                    evidence="沿街单位和居民应当签订门前三包责任书")
STYLE = finding("F900-0c0c0c", "F900", "info", "文字表述不规范", "第三条“等等”表述不规范。",
                location="第三条", evidence="等等")

DECISIONS = {
    "F205-dead01": {"decision": "dismissed", "note": "有上位法依据", "reviewer": "王审查", "at": "2026-11-24T09:00:00"},
    "F900-0c0c0c": {"decision": "annotated", "note": "建议起草单位一并修改文字", "reviewer": "李复核",
                    "at": "2026-11-24T10:30:00"},
}

REVIEW = {
    "document": {"id": 3, "version_id": 3, "source": "corpus/normative/x.md",
                 "title": "临江市人民政府关于加强建筑垃圾运输处置管理的规定", "level": "行政规范性文件",
                 "issuer": "临江市人民政府", "issuers": ["临江市人民政府"], "doc_number": "临政规〔2022〕3号",
                 "dates": {"issued": "2022-08-15", "effective": "2022-10-01", "expires": "2027-09-30"}},
    "as_of": "2026-11-23", "filed_on": "2022-09-01", "conclusion": "建议纠正",
    "summary": {"error": 2, "warning": 2, "info": 1},
    "findings": [STYLE, EXPIRY, FINE, DISMISSED, LICENCE],
}


def cleanup_doc(did: int, title: str, rec: str, reasons: list[str], findings: list[dict], **extra) -> dict:
    base = {"id": did, "version_id": did, "title": title, "level": "行政规范性文件", "issuer": "临江市人民政府",
            "doc_number": f"临政规〔2020〕{did}号",
            "dates": {"issued": "2020-01-10", "effective": "2020-02-01", "expires": "2025-01-31"},
            "recommendation": rec, "reasons": reasons, "findings": findings}
    return {**base, **extra}


CLEANUP = {
    "as_of": "2026-11-23", "issuer": "临江市人民政府",
    "summary": {"继续有效": 2, "修改": 2, "废止": 1, "宣布失效": 1},
    "documents": [
        cleanup_doc(7, "临江市户外广告设施设置管理办法", "宣布失效", ["有效期已于2025-01-31届满"], []),
        cleanup_doc(3, "临江市人民政府关于加强建筑垃圾运输处置管理的规定", "修改",
                    ["规范性文件设定行政处罚", "增加公民义务"], [FINE, DISMISSED]),
        cleanup_doc(5, "临江市城市绿化管理办法", "继续有效", [], [], doc_number=None,
                    dates={"issued": "2023-03-01", "effective": "2023-04-01", "expires": "2028-03-31"}),
        cleanup_doc(9, "临江市扬尘和露天焚烧污染防治办法", "废止", ["上位法已修改，主要内容与之相抵触"], [LICENCE]),
        cleanup_doc(4, "临江市食品摊贩经营管理办法", "修改", ["文件未明确有效期，应当依照规定载明。"],
                    [EXPIRY, STYLE], issuer="临江市市场监督管理局"),
        cleanup_doc(6, "临江市人民政府办公室关于印发临江市行政规范性文件管理办法的通知", "继续有效", [], [],
                    dates={}),
    ],
}

CATALOG = {
    "issuer": "临江市城市管理局", "as_of": "2026-11-23",
    "levels": [
        {"level": "行政规范性文件", "entries": [
            {"title": "临江市城市管理局关于加强互联网租赁自行车停放管理的通知", "doc_number": "临城管规〔2021〕2号",
             "issuer": "临江市城市管理局", "effective": "2021-06-01", "status": "现行有效", "document_id": 30,
             "provisions": [{"label": "第八条", "article": 8, "types": ["检查"], "penalty_kinds": [],
                             "summary": "城市管理部门对停放秩序进行监督检查"}]}]},
        {"level": "法律", "entries": [
            {"title": "中华人民共和国大气污染防治法", "doc_number": None, "issuer": "全国人民代表大会常务委员会",
             "effective": "2018-10-26", "status": "现行有效", "document_id": 12,
             "provisions": [{"label": "第一百一十九条", "article": 119, "types": ["处罚"], "penalty_kinds": ["罚款"],
                             "summary": "违反本法规定，在人口集中地区对树木、花草喷洒剧毒、高毒农药…"},
                            {"label": None, "article": 19, "types": ["处罚", "强制"],
                             "penalty_kinds": ["罚款", "责令停产整治"], "summary": "…"}]},
            {"title": "中华人民共和国行政处罚法", "doc_number": None, "issuer": "全国人民代表大会常务委员会",
             "effective": "2021-07-15", "status": "现行有效", "document_id": 1, "provisions": []}]},
        {"level": "行政法规", "entries": []},
        {"level": "地方政府规章", "entries": [
            {"title": "临江市城市绿化管理办法", "doc_number": "临江市人民政府令第12号", "issuer": "临江市人民政府",
             "effective": None, "status": None, "document_id": 40, "provisions": None}]},
    ],
}


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def body_text(path: Path) -> str:
    doc = Document(str(path))
    cells = [c.text for t in doc.tables for row in t.rows for c in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def index_of(lines: list[str], text: str) -> int:
    return next(i for i, line in enumerate(lines) if text in line)


def table_rows(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


# ---------------------------------------------------------------- 审查意见书


def test_review_particulars_conclusion_and_signature(tmp_path):
    out = review_docx(REVIEW, tmp_path / "nested" / "意见书.docx")
    assert out == tmp_path / "nested" / "意见书.docx" and out.is_file()
    lines = paragraphs(out)
    assert lines[0] == "规范性文件备案审查意见书"
    for line in ["名称：临江市人民政府关于加强建筑垃圾运输处置管理的规定", "制定机关：临江市人民政府",
                 "文号：临政规〔2022〕3号", "效力层级：行政规范性文件", "公布日期：2022年8月15日",
                 "施行日期：2022年10月1日", "有效期至：2027年9月30日", "报备日期：2022年9月1日",
                 "审查日期：2026年11月23日"]:
        assert line in lines
    assert lines[index_of(lines, "审查结论") + 1] == "建议纠正"
    assert any("审查机关（盖章）" in line for line in lines[-3:])
    assert any(line.startswith("日期：") for line in lines[-2:])


def test_review_groups_findings_by_severity_in_order(tmp_path):
    lines = paragraphs(review_docx(REVIEW, tmp_path / "r.docx"))
    errors, warnings, infos = (index_of(lines, h) for h in ("一、违法问题（应予纠正）", "二、需要研究的问题", "三、其他提示"))
    assert index_of(lines, "审查意见") < errors < warnings < infos
    numbered = [(i, line) for i, line in enumerate(lines) if line.startswith("（")]
    assert [line for i, line in numbered if errors < i < warnings] == [
        "（一）" + FINE["message"],  # the message already names the article
        "（二）第六条：" + LICENCE["message"]]
    # with no decisions every finding counts, the one later dismissed included
    assert [line[:3] for i, line in numbered if warnings < i < infos] == ["（一）", "（二）"]
    block = lines[errors + 1:warnings]
    assert "原文：“处二千元以上五千元以下罚款”" in block
    assert "依据：《中华人民共和国行政处罚法》第十六条" in block
    assert "建议：删除该处罚规定，或改为引用上位法的处罚规定" in block


def test_review_applies_decisions(tmp_path):
    lines = paragraphs(review_docx(REVIEW, tmp_path / "r.docx", decisions=DECISIONS))
    text = "\n".join(lines)
    assert "门前三包" not in text and "增加公民义务" not in text
    warnings, infos = index_of(lines, "二、需要研究的问题"), index_of(lines, "三、其他提示")
    assert [line for line in lines[warnings:infos] if line.startswith("（")] == ["（一）" + EXPIRY["message"]]
    note = index_of(lines, "审查人批注：")
    assert lines[note] == "审查人批注：建议起草单位一并修改文字（李复核）"
    assert note > infos and lines[note - 4].startswith("（一）第三条")


def test_review_finding_without_location_or_evidence(tmp_path):
    lines = paragraphs(review_docx(REVIEW, tmp_path / "r.docx"))
    i = lines.index("（一）" + EXPIRY["message"])
    assert lines[i + 1:i + 4] == ["原文：—", "依据：—", "建议：删除该处罚规定，或改为引用上位法的处罚规定"]


def test_review_without_findings_renumbers_nothing_and_says_so(tmp_path):
    clean = {**REVIEW, "conclusion": "建议予以备案", "findings": [], "filed_on": None,
             "summary": {"error": 0, "warning": 0, "info": 0}}
    lines = paragraphs(review_docx(clean, tmp_path / "r.docx"))
    assert "未发现违法或者不当问题，建议予以备案。" in lines
    assert not any(line.startswith("报备日期") for line in lines)
    assert not any(line.startswith(("一、", "（一）")) for line in lines)


def test_review_dismissing_every_finding_leaves_none(tmp_path):
    only = {**REVIEW, "conclusion": "建议予以备案", "findings": [DISMISSED]}
    lines = paragraphs(review_docx(only, tmp_path / "r.docx", decisions=DECISIONS))
    assert "未发现违法或者不当问题，建议予以备案。" in lines


def test_review_warnings_only_are_numbered_first(tmp_path):
    lines = paragraphs(review_docx({**REVIEW, "findings": [EXPIRY]}, tmp_path / "r.docx"))
    assert "一、需要研究的问题" in lines
    assert not any("违法问题" in line for line in lines)


def test_review_uses_cjk_fonts_on_a4(tmp_path):
    doc = Document(str(review_docx(REVIEW, tmp_path / "r.docx")))
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    normal = doc.styles["Normal"].element.rPr.find(qn("w:rFonts"))
    assert normal.get(qn("w:eastAsia")) == "仿宋"
    heading = doc.styles["Heading 2"].element.rPr.find(qn("w:rFonts"))
    assert heading.get(qn("w:eastAsia")) == "黑体" and heading.get(qn("w:eastAsiaTheme")) is None
    title = doc.paragraphs[0].runs[0]._r.rPr.find(qn("w:rFonts"))
    assert title.get(qn("w:eastAsia")) == "黑体"


def test_review_survives_missing_and_hostile_fields(tmp_path):
    hostile = finding("X-1", "F102", "error", SCRIPT, SCRIPT + "\x00\x0b", location=FORMULA,
                      evidence="<w:p>&amp;</w:p>", basis=None, suggestion=None, details=None)
    result = {"document": {"title": SCRIPT, "issuers": None, "dates": None}, "conclusion": None,
              "findings": [hostile, "not a finding", {"severity": "odd"}]}
    out = review_docx(result, tmp_path / "r.docx")
    lines = paragraphs(out)
    assert f"名称：{SCRIPT}" in lines and "文号：—" in lines and "公布日期：—" in lines
    assert f"（一）{FORMULA}：{SCRIPT}" in lines
    assert "原文：“<w:p>&amp;</w:p>”" in lines
    assert "（一）—" in lines  # the finding with nothing in it, under 其他提示


# ---------------------------------------------------------------- 清理目录 .docx


def cleanup_sections(path: Path) -> tuple[list[str], list]:
    doc = Document(str(path))
    headings = [p.text for p in doc.paragraphs if p.style.name.startswith("Heading")]
    return headings, doc.tables


def test_cleanup_docx_sections_in_order_with_counts(tmp_path):
    out = cleanup_docx(CLEANUP, tmp_path / "清理目录.docx")
    lines = paragraphs(out)
    assert lines[0] == "规范性文件清理目录"
    assert "清理基准日：2026年11月23日" in lines[1] and "制定机关：临江市人民政府" in lines[1] and "共6件" in lines[1]
    headings, tables = cleanup_sections(out)
    assert headings == ["一、继续有效的规范性文件（2件）", "二、拟修改的规范性文件（2件）",
                        "三、拟废止的规范性文件（1件）", "四、拟宣布失效的规范性文件（1件）"]
    assert [len(t.rows) - 1 for t in tables] == [2, 2, 1, 1]
    for t in tables:
        assert table_rows(t)[0] == ["序号", "文件名称", "文号", "制定机关", "施行日期", "清理理由"]
    keep = table_rows(tables[0])
    assert keep[1] == ["1", "临江市城市绿化管理办法", "—", "临江市人民政府", "2023年4月1日", "—"]
    assert keep[2][4] == "—"  # no dates at all
    assert table_rows(tables[1])[1][5] == "规范性文件设定行政处罚；增加公民义务"
    assert table_rows(tables[3])[1] == ["1", "临江市户外广告设施设置管理办法", "临政规〔2020〕7号", "临江市人民政府",
                                        "2020年2月1日", "有效期已于2025-01-31届满"]
    section = Document(str(out)).sections[0]
    assert section.page_width > section.page_height


def test_cleanup_docx_drops_reasons_of_dismissed_findings(tmp_path):
    _, tables = cleanup_sections(cleanup_docx(CLEANUP, tmp_path / "c.docx", decisions=DECISIONS))
    assert table_rows(tables[1])[1][5] == "规范性文件设定行政处罚"


def test_cleanup_docx_empty_groups_and_no_issuer(tmp_path):
    result = {"as_of": "2026-11-23", "issuer": None, "summary": {}, "documents": [CLEANUP["documents"][0]]}
    out = cleanup_docx(result, tmp_path / "c.docx")
    lines = paragraphs(out)
    assert "制定机关：全部" in lines[1]
    headings, tables = cleanup_sections(out)
    assert headings[0] == "一、继续有效的规范性文件（0件）" and headings[3] == "四、拟宣布失效的规范性文件（1件）"
    assert lines.count("无。") == 3 and len(tables) == 1
    empty = cleanup_docx({"documents": []}, tmp_path / "empty.docx")
    assert paragraphs(empty).count("无。") == 4


def test_cleanup_docx_hostile_text_is_literal(tmp_path):
    doc = cleanup_doc(1, SCRIPT, "废止", [FORMULA, SCRIPT], [], doc_number=FORMULA, issuer=None)
    _, tables = cleanup_sections(cleanup_docx({"documents": [doc]}, tmp_path / "c.docx"))
    assert table_rows(tables[0])[1] == ["1", SCRIPT, FORMULA, "—", "2020年2月1日", f"{FORMULA}；{SCRIPT}"]


# ---------------------------------------------------------------- 清理目录 .xlsx


def test_cleanup_xlsx_catalog_sheet(tmp_path):
    out = cleanup_xlsx(CLEANUP, tmp_path / "sub" / "清理目录.xlsx")
    assert out.is_file()
    wb = load_workbook(out)
    assert wb.sheetnames == ["清理目录", "问题明细"]
    ws = wb["清理目录"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == ["序号", "清理建议", "文件名称", "文号", "制定机关", "效力层级", "施行日期", "有效期至",
                       "清理理由", "规则"]
    assert [r[0] for r in rows[1:]] == [1, 2, 3, 4, 5, 6]
    assert [r[1] for r in rows[1:]] == ["继续有效", "继续有效", "修改", "修改", "废止", "宣布失效"]
    assert [r[2] for r in rows[1:3]] == ["临江市城市绿化管理办法", "临江市人民政府办公室关于印发临江市行政规范性文件管理办法的通知"]
    modify = rows[3]
    assert modify[3] == "临政规〔2020〕3号" and modify[8] == "规范性文件设定行政处罚；增加公民义务"
    assert modify[9] == "F102、F205"
    assert rows[4][4] == "临江市市场监督管理局" and rows[4][9] == "F301、F900"
    assert rows[1][3] == "—" and rows[1][8] == "—" and rows[1][9] == "—"
    assert rows[1][6].date() == date(2023, 4, 1) and rows[2][6] == "—"
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref == "A1:J7"
    assert ws["I2"].alignment.wrap_text
    assert ws.column_dimensions["C"].width > ws.column_dimensions["A"].width


def test_cleanup_xlsx_details_sheet(tmp_path):
    ws = load_workbook(cleanup_xlsx(CLEANUP, tmp_path / "c.xlsx", decisions=DECISIONS))["问题明细"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    assert rows[0] == ["文件名称", "规则", "严重程度", "位置", "问题", "原文", "依据", "建议", "处理"]
    assert [r[1] for r in rows[1:]] == ["F102", "F205", "F301", "F900", "F104"]
    fine, dismissed, expiry, style, _ = rows[1:]
    assert fine == ["临江市人民政府关于加强建筑垃圾运输处置管理的规定", "F102", "错误", "第十一条", FINE["message"],
                    FINE["evidence"], FINE["basis"], FINE["suggestion"], "—"]
    assert dismissed[2] == "警告" and dismissed[8] == "不采纳：有上位法依据（王审查）"
    assert expiry[3] == "—" and expiry[5] == "—" and expiry[6] == "—"
    assert style[2] == "提示" and style[8] == "批注：建议起草单位一并修改文字（李复核）"
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:I6"


def test_cleanup_xlsx_decisions_drop_reason_and_rule(tmp_path):
    ws = load_workbook(cleanup_xlsx(CLEANUP, tmp_path / "c.xlsx", decisions=DECISIONS))["清理目录"]
    assert ws["I4"].value == "规范性文件设定行政处罚" and ws["J4"].value == "F102"


@pytest.mark.parametrize("payload", [FORMULA, "+1+2", "-2+3", "@SUM(A1:A2)", "=HYPERLINK(\"http://x\",\"x\")"])
def test_cleanup_xlsx_formula_text_stays_text(tmp_path, payload):
    doc = cleanup_doc(1, payload, "废止", [payload], [finding("X-1", payload, "error", SCRIPT, payload)],
                      doc_number=payload, issuer=SCRIPT)
    wb = load_workbook(cleanup_xlsx({"documents": [doc]}, tmp_path / "c.xlsx"))
    catalog, details = wb["清理目录"], wb["问题明细"]
    for cell in (catalog["C2"], catalog["D2"], catalog["I2"], catalog["J2"], details["A2"], details["B2"],
                 details["E2"]):
        assert cell.data_type == "s" and cell.value == payload
    assert catalog["E2"].value == SCRIPT and details["D2"].data_type == "s"


def test_cleanup_xlsx_missing_and_strange_fields(tmp_path):
    docs = [{"title": None, "recommendation": None, "reasons": "单个理由", "findings": None, "dates": "2020-01-01"},
            {"recommendation": "暂缓清理", "title": "x\x00y\x1f", "findings": [{"severity": None}, 7]}]
    wb = load_workbook(cleanup_xlsx({"documents": docs, "issuer": 5}, tmp_path / "c.xlsx"))
    rows = [[c.value for c in row] for row in wb["清理目录"].iter_rows(min_row=2)]
    assert [r[1] for r in rows] == ["—", "暂缓清理"]
    assert rows[0][2] == "—" and rows[0][8] == "单个理由" and rows[1][2] == "xy"
    details = [[c.value for c in row] for row in wb["问题明细"].iter_rows(min_row=2)]
    assert details == [["xy", "—", "—", "—", "—", "—", "—", "—", "—"]]
    empty = load_workbook(cleanup_xlsx({}, tmp_path / "e.xlsx"))
    assert empty["清理目录"].max_row == 1 and empty["问题明细"].max_row == 1


# ---------------------------------------------------------------- 执法依据目录


def test_catalog_ranks_in_order_with_empty_rank_omitted(tmp_path):
    out = basis_catalog_docx(CATALOG, tmp_path / "目录" / "依据.docx")
    lines = paragraphs(out)
    assert lines[0] == "临江市城市管理局执法依据目录"
    assert lines[1] == "（截至2026年11月23日）"
    headings, tables = cleanup_sections(out)
    assert headings == ["一、法律", "二、地方政府规章", "三、规范性文件"]
    assert [len(t.rows) - 1 for t in tables] == [2, 1, 1]
    law = table_rows(tables[0])
    assert law[0] == ["序号", "依据名称", "文号/发布机关", "施行日期", "状态", "相关条款"]
    assert law[1] == ["1", "《中华人民共和国大气污染防治法》", "全国人民代表大会常务委员会", "2018年10月26日", "现行有效",
                      "第一百一十九条（处罚：罚款）；第十九条（处罚：罚款、责令停产整治，强制）"]
    assert law[2][5] == "—"
    assert table_rows(tables[1])[1] == ["1", "《临江市城市绿化管理办法》", "临江市人民政府令第12号\n临江市人民政府",
                                        "—", "—", "—"]
    assert table_rows(tables[2])[1][5] == "第八条（检查）"


def test_catalog_without_issuer_or_entries(tmp_path):
    lines = paragraphs(basis_catalog_docx({"issuer": None, "as_of": None, "levels": [{"level": "法律", "entries": []}]},
                                          tmp_path / "c.docx"))
    assert lines[0] == "执法依据目录" and lines[1] == "（截至—）"
    assert "未收录执法依据。" in lines


def test_catalog_hostile_text_is_literal(tmp_path):
    catalog = copy.deepcopy(CATALOG)
    catalog["issuer"] = SCRIPT
    entry = catalog["levels"][1]["entries"][0]
    entry.update(title=FORMULA, status=SCRIPT)
    entry["provisions"][0].update(label=SCRIPT, types=[FORMULA], penalty_kinds=None)
    out = basis_catalog_docx(catalog, tmp_path / "c.docx")
    assert paragraphs(out)[0] == f"{SCRIPT}执法依据目录"
    row = table_rows(cleanup_sections(out)[1][0])[1]
    assert row[1] == f"《{FORMULA}》" and row[4] == SCRIPT and row[5].startswith(f"{SCRIPT}（{FORMULA}）；")
    assert SCRIPT in body_text(out)
