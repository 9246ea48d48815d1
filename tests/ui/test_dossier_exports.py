"""ui.exports dossier exports: 案卷评查表 (.docx) and 案卷评查汇总 (.xlsx), reopened and read like a reviewer."""
from __future__ import annotations

import copy
from pathlib import Path

import pytest
from docx import Document
from openpyxl import load_workbook

from ui.exports import dossier_docx, dossier_xlsx

SCRIPT = "<script>alert(1)</script>"
FORMULA = "=cmd|' /C calc'!A0"
VETO = "依照《广东省行政执法案卷评查办法》第十七条评定为不合格"


def doc(n: str, type_: str, doc_no: str | None, date: str | None, *officers: tuple[str, str | None],
        folder: str = "/x/case-17", page: int | None = None) -> dict:
    return {"file": f"{folder}/{n}", "page": page, "type": type_, "title": type_, "doc_no": doc_no, "date": date,
            "officers": [{"name": name, "cert": cert} for name, cert in officers]}


def finding(fid: str, rule: str, severity: str, title: str, message: str, location: str, document: str | None,
            page: int | None = None, **extra) -> dict:
    base = {"id": fid, "rule": rule, "severity": severity, "title": title, "message": message, "article": None,
            "location": location, "evidence": None, "start": None, "end": None,
            "basis": "《中华人民共和国行政处罚法》第五十九条", "suggestion": "依法补正",
            "details": {"document": document, "page": page} if document else {}}
    return {**base, **extra}


LI, WANG, ZHAO = ("李某某", "44010012345"), ("王某", None), ("赵某某", "44010067890")

# --------------------------------------------------------------- case A: 城管, 单位, 5万元, vetoed by D203

D203 = finding("D203-1a2b3c4d5e", "D203", "error", "陈述申辩或者听证申请期限届满前作出决定",
               "告知书于2023-04-11送达，听证申请期限5日至2023-04-16届满，决定却于2023-04-20作出", "行政处罚决定书",
               "/x/case-17/007.pdf", 3, evidence="临江市城市管理局行政处罚决定书",
               basis="《中华人民共和国行政处罚法》第四十四条、第四十五条、第六十四条",
               suggestion="待陈述、申辩和听证申请期限届满，或者当事人明确放弃后再作出决定")
D302_A = finding("D302-aaaa000001", "D302", "error", "执法人员无执法证件号", "执法人员王某未记载执法证件号",
                 "现场检查笔录", "/x/case-17/002.docx", evidence="王某",
                 basis="《中华人民共和国行政处罚法》第四十二条、第五十五条")
D302_B = finding("D302-aaaa000002", "D302", "error", "执法人员无执法证件号", "执法人员陈某未记载执法证件号",
                 "询问笔录", "/x/case-17/003.docx", evidence="陈某",
                 basis="《中华人民共和国行政处罚法》第四十二条、第五十五条")
D602 = finding("D602-bbbb000001", "D602", "warning", "当事人、案号或者金额前后不一致",
               "送达回证记载的当事人“临江市某某餐饮公司”与“临江市某某餐饮有限公司”不一致", "送达回证",
               "/x/case-17/008.jpg", evidence="临江市某某餐饮公司")

CASE_A = {
    "source": "/x/case-17", "case_no": "临城管罚字〔2023〕15号", "party": "临江市某某餐饮有限公司",
    "party_type": "单位", "fine": 50000.0, "kinds": ["罚款"],
    # as the reviewer prints them: sorted by date, 告知送达 among them
    "dates": {"立案": "2023-03-01", "调查": "2023-03-02", "告知": "2023-04-10", "告知送达": "2023-04-11",
              "决定": "2023-04-20", "送达": "2023-04-22", "执行": "2023-05-06", "结案": "2023-05-10"},
    # documents as read from disk, not in timeline order; 005 has no date
    "documents": [
        doc("007.pdf", "行政处罚决定书", "临城管罚字〔2023〕15号", "2023-04-20", LI, ZHAO, page=3),
        doc("001.docx", "立案审批表", "临城管立字〔2023〕15号", "2023-03-01", LI),
        doc("003.docx", "询问笔录", None, "2023-03-05", LI, ("陈某", None)),
        doc("002.docx", "现场检查笔录", None, "2023-03-02", LI, WANG),
        doc("005.pdf", "证据材料", None, None),
        doc("006.docx", "行政处罚事先告知书", "临城管告字〔2023〕15号", "2023-04-10", LI, ZHAO),
        doc("008.jpg", "送达回证", None, "2023-04-22"),
        doc("010.pdf", "结案审批表", None, "2023-05-10", ZHAO),
        doc("009.pdf", "缴款凭证", None, "2023-05-06"),
    ],
    "unreadable": [{"file": "/x/case-17/004.jpg", "reason": "no text layer"}],
    "findings": [D203, D302_A, D302_B, D602],
    "summary": {"error": 3, "warning": 1, "info": 0},
    "score": {"total": 78, "grade": "不合格",
              "deductions": [{"rule": "D203", "finding": D203["id"], "points": 15, "reason": D203["message"]},
                             {"rule": "D302", "finding": D302_A["id"], "points": 5, "reason": D302_A["message"]},
                             {"rule": "D602", "finding": D602["id"], "points": 2, "reason": D602["message"]}],
              "vetoed_by": ["D203"]},
}

# --------------------------------------------------------------- case B: 城管, 个人, clean

CASE_B = {
    "source": "/x/case-09", "case_no": "临城管罚字〔2023〕9号", "party": "张某某", "party_type": "个人",
    "fine": 500.0, "kinds": ["警告", "罚款"],
    "dates": {"立案": "2023-02-01", "决定": "2023-02-20"},
    "documents": [doc("001.docx", "立案审批表", "临城管立字〔2023〕9号", "2023-02-01", LI, ZHAO, folder="/x/case-09")],
    "unreadable": [], "findings": [], "summary": {"error": 0, "warning": 0, "info": 0},
    "score": {"total": 100, "grade": "优秀", "deductions": [], "vetoed_by": []},
}

# --------------------------------------------------------------- case C: 市场监管, 重大案件

D402 = finding("D402-cccc000001", "D402", "error", "重大案件缺少法制审核或者集体讨论",
               "重大案件（20万元）缺少法制审核意见书", "行政处罚决定书", "/y/case-03/decision.pdf",
               basis="《中华人民共和国行政处罚法》第五十七条第二款、第五十八条")
D502 = finding("D502-cccc000002", "D502", "error", "处罚决定书未告知救济途径和期限", "处罚决定书未载明行政诉讼期限",
               "行政处罚决定书", "/y/case-03/decision.pdf")
CASE_C = {
    "source": "/y/case-03", "case_no": "临市监罚字〔2023〕3号", "party": "临江市某某超市有限公司", "party_type": "单位",
    "fine": 200000.0, "kinds": ["罚款", "没收违法所得"],
    "dates": {"立案": "2023-05-04", "决定": "2023-07-01"},
    "documents": [doc("decision.pdf", "行政处罚决定书", "临市监罚字〔2023〕3号", "2023-07-01", ("刘某", "44020011111"),
                      folder="/y/case-03")],
    "unreadable": [], "findings": [D402, D502], "summary": {"error": 2, "warning": 0, "info": 0},
    "score": {"total": 85, "grade": "良好",
              "deductions": [{"rule": "D402", "finding": D402["id"], "points": 10, "reason": D402["message"]},
                             {"rule": "D502", "finding": D502["id"], "points": 5, "reason": D502["message"]}],
              "vetoed_by": []},
}

# --------------------------------------------------------------- case D: nothing readable, no case number

D101 = finding("D101-dddd000001", "D101", "error", "缺少立案审批表", "案卷中没有立案审批表", "案卷", None)
CASE_D = {
    "source": "/z/scan.pdf", "case_no": None, "party": None, "party_type": None, "fine": None, "kinds": [],
    "dates": {}, "documents": [], "unreadable": [{"file": "/z/scan.pdf", "reason": "no text layer"}],
    "findings": [D101], "summary": {"error": 1, "warning": 0, "info": 0},
    "score": {"total": 90, "grade": "优秀",
              "deductions": [{"rule": "D101", "finding": D101["id"], "points": 10, "reason": "…"}], "vetoed_by": []},
}

AT = "2026-11-24T09:00:00"
DISMISS_VETO = {
    D203["id"]: {"decision": "dismissed", "note": "当事人已书面放弃陈述申辩", "reviewer": "王评查", "at": AT},
    D302_A["id"]: {"decision": "dismissed", "note": "王某证号见执法证复印件", "reviewer": "王评查", "at": AT},
    D602["id"]: {"decision": "annotated", "note": "简称，不影响认定", "reviewer": "李复核", "at": AT},
}


def paragraphs(path: Path) -> list[str]:
    return [p.text for p in Document(str(path)).paragraphs]


def tables(path: Path) -> list[list[list[str]]]:
    return [[[c.text for c in row.cells] for row in t.rows] for t in Document(str(path)).tables]


def block(lines: list[str], start: str, end: str) -> list[str]:
    """The paragraphs after the one starting with ``start`` up to the one starting with ``end``."""
    i = next(n for n, line in enumerate(lines) if line.startswith(start))
    j = next(n for n, line in enumerate(lines) if n > i and line.startswith(end))
    return lines[i + 1:j]


def rows_of(ws) -> list[list]:
    return [[c.value for c in row] for row in ws.iter_rows()]


# ---------------------------------------------------------------- 案卷评查表 .docx


def test_docx_title_particulars_and_signature(tmp_path):
    out = dossier_docx(CASE_A, tmp_path / "nested" / "评查表.docx")
    assert out == tmp_path / "nested" / "评查表.docx" and out.is_file()
    lines = paragraphs(out)
    assert lines[0] == "行政执法案卷评查表"
    assert tables(out)[0] == [["项目", "内容"], ["案号", "临城管罚字〔2023〕15号"], ["当事人", "临江市某某餐饮有限公司（单位）"],
                              ["处罚内容", "罚款5万元"], ["立案日期", "2023年3月1日"], ["决定日期", "2023年4月20日"]]
    headings = [p.text for p in Document(str(out)).paragraphs if p.style.name.startswith("Heading")]
    assert headings == ["一、案卷文书", "二、办案时间线", "三、评查发现", "四、评分"]
    assert lines[-1].startswith("评查人：") and "日期：" in lines[-1]
    section = Document(str(out)).sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)


def test_docx_review_date_and_penalty_wording(tmp_path):
    out = dossier_docx({**CASE_B, "as_of": "2026-11-23"}, tmp_path / "b.docx")
    particulars = dict(tables(out)[0][1:])
    assert particulars["当事人"] == "张某某（个人）"
    assert particulars["处罚内容"] == "警告、罚款500元"
    assert particulars["评查日期"] == "2026年11月23日"
    assert "评查日期" not in dict(tables(dossier_docx(CASE_B, tmp_path / "b2.docx"))[0][1:])
    c = dict(tables(dossier_docx(CASE_C, tmp_path / "c.docx"))[0][1:])
    assert c["处罚内容"] == "罚款20万元、没收违法所得"
    odd = dict(tables(dossier_docx({**CASE_B, "fine": 12345.5, "kinds": []}, tmp_path / "o.docx"))[0][1:])
    assert odd["处罚内容"] == "罚款1.23455万元"


def test_docx_documents_in_timeline_order(tmp_path):
    out = dossier_docx(CASE_A, tmp_path / "a.docx")
    docs = tables(out)[1]
    assert docs[0] == ["序号", "文书", "文书编号", "日期", "执法人员"]
    assert [r[1] for r in docs[1:]] == ["立案审批表", "现场检查笔录", "证据材料", "询问笔录", "行政处罚事先告知书",
                                        "行政处罚决定书", "送达回证", "缴款凭证", "结案审批表"]
    assert [r[0] for r in docs[1:]] == [str(i) for i in range(1, 10)]
    assert docs[1] == ["1", "立案审批表", "临城管立字〔2023〕15号", "2023年3月1日", "李某某（证号44010012345）"]
    assert docs[2][4] == "李某某（证号44010012345）、王某（无证号）"
    assert docs[3] == ["3", "证据材料", "—", "—", "—"]  # undated: stays after the record it follows on disk
    assert docs[6][2:] == ["临城管罚字〔2023〕15号", "2023年4月20日", "李某某（证号44010012345）、赵某某（证号44010067890）"]
    assert "未能读取的材料：004.jpg（no text layer）" in paragraphs(out)


def test_docx_timeline_in_stage_order(tmp_path):
    shuffled = {**CASE_A, "dates": {"结案": "2023-05-10", "决定": "2023-04-20", "陈述申辩/听证": "2023-04-13",
                                    "告知送达": "2023-04-11", "立案": "2023-03-01", "告知": "2023-04-10"}}
    timeline = tables(dossier_docx(shuffled, tmp_path / "a.docx"))[2]
    assert timeline == [["环节", "日期"], ["立案", "2023年3月1日"], ["告知", "2023年4月10日"], ["告知送达", "2023年4月11日"],
                        ["陈述申辩/听证", "2023年4月13日"], ["决定", "2023年4月20日"], ["结案", "2023年5月10日"]]
    full = tables(dossier_docx(CASE_A, tmp_path / "b.docx"))[2]
    assert [r[0] for r in full[1:]] == ["立案", "调查", "告知", "告知送达", "决定", "送达", "执行", "结案"]


def test_docx_each_finding_with_its_deduction(tmp_path):
    lines = paragraphs(dossier_docx(CASE_A, tmp_path / "a.docx"))
    findings = block(lines, "三、评查发现", "四、评分")
    assert [line for line in findings if line.startswith("（")] == [
        "（一）陈述申辩或者听证申请期限届满前作出决定", "（二）执法人员无执法证件号", "（三）执法人员无执法证件号",
        "（四）当事人、案号或者金额前后不一致"]
    first = findings[:findings.index("（二）执法人员无执法证件号")]
    assert first[1:] == ["规则：D203（错误）", "问题：" + D203["message"], "文书：行政处罚决定书（007.pdf第3页）",
                         "原文：“临江市城市管理局行政处罚决定书”", "依据：" + D203["basis"], "建议：" + D203["suggestion"],
                         "扣分：15分"]
    assert [line for line in findings if line.startswith("扣分：")] == ["扣分：15分", "扣分：5分", "扣分：0分", "扣分：2分"]
    assert "规则：D602（警告）" in findings and "文书：送达回证（008.jpg）" in findings
    assert not any(line.startswith("评查人批注") for line in findings)


def test_docx_score_grade_and_veto(tmp_path):
    out = dossier_docx(CASE_A, tmp_path / "a.docx")
    assert tables(out)[3] == [["基准分", "扣分合计", "得分", "等次"], ["100", "22", "78", "不合格"]]
    score = block(paragraphs(out), "四、评分", "评查人：")
    assert "存在陈述申辩或者听证申请期限届满前作出决定（D203）情形，" + VETO + "。" in score
    assert not any("调整" in line for line in score)
    clean = dossier_docx(CASE_C, tmp_path / "c.docx")
    assert tables(clean)[3][1] == ["100", "15", "85", "良好"]
    assert not any(VETO in line for line in paragraphs(clean))


def test_docx_dismissed_finding_absent_and_score_recomputed(tmp_path):
    out = dossier_docx(CASE_A, tmp_path / "a.docx", decisions=DISMISS_VETO)
    lines = paragraphs(out)
    text = "\n".join(lines)
    assert "期限届满前作出决定" not in text and "陈某" in text and "执法人员王某未记载" not in text
    findings = block(lines, "三、评查发现", "四、评分")
    assert [line for line in findings if line.startswith("（")] == ["（一）执法人员无执法证件号",
                                                                   "（二）当事人、案号或者金额前后不一致"]
    # D302 is charged once per file: its points pass to the D302 finding that still stands
    assert [line for line in findings if line.startswith("扣分：")] == ["扣分：5分", "扣分：2分"]
    assert "评查人批注：简称，不影响认定（李复核）" in findings
    assert "另有2项发现经评查人复核不予采纳，未列入，不计扣分。" in findings
    # the veto fell with D203, so the grade follows the recomputed score
    assert tables(out)[3][1] == ["100", "7", "93", "优秀"]
    score = block(lines, "四、评分", "评查人：")
    assert any("扣分合计由22分调整为7分" in line and "得分相应调整为93分" in line for line in score)
    assert not any(VETO in line for line in score)
    assert any("按得分评定为优秀" in line for line in score)


def test_docx_standing_veto_keeps_grade(tmp_path):
    decisions = {D602["id"]: {"decision": "dismissed", "note": None, "reviewer": "王评查", "at": AT}}
    out = dossier_docx(CASE_A, tmp_path / "a.docx", decisions=decisions)
    assert tables(out)[3][1] == ["100", "20", "80", "不合格"]
    assert any(line.startswith("存在陈述申辩") and VETO in line for line in paragraphs(out))


def test_docx_dismissal_without_veto_keeps_given_grade(tmp_path):
    decisions = {D502["id"]: {"decision": "dismissed", "note": "决定书第二页已载明", "reviewer": "王评查", "at": AT}}
    out = dossier_docx(CASE_C, tmp_path / "c.docx", decisions=decisions)
    assert tables(out)[3][1] == ["100", "10", "90", "良好"]
    assert "救济途径" not in "\n".join(paragraphs(out))


def test_docx_empty_documents_findings_and_dates(tmp_path):
    empty = {"case_no": None, "findings": [], "documents": [], "dates": {}, "score": {}}
    out = dossier_docx(empty, tmp_path / "e.docx")
    lines = paragraphs(out)
    assert block(lines, "一、案卷文书", "二、办案时间线") == ["无。"]
    assert block(lines, "二、办案时间线", "三、评查发现") == ["无。"]
    assert block(lines, "三、评查发现", "四、评分") == ["未发现问题。"]
    got = tables(out)
    assert got[0][1:] == [["案号", "—"], ["当事人", "—"], ["处罚内容", "—"], ["立案日期", "—"], ["决定日期", "—"]]
    assert got[1] == [["基准分", "扣分合计", "得分", "等次"], ["100", "0", "—", "—"]]
    d = dossier_docx(CASE_D, tmp_path / "d.docx")
    assert "文书：案卷" in paragraphs(d) and tables(d)[1][1] == ["100", "10", "90", "优秀"]
    assert dossier_docx({}, tmp_path / "none.docx").is_file()


def test_docx_hostile_text_is_literal(tmp_path):
    case = copy.deepcopy(CASE_A)
    case.update(case_no=FORMULA, party=SCRIPT + "\x00", kinds=[SCRIPT], fine="lots")
    case["documents"][0]["officers"] = [{"name": FORMULA, "cert": SCRIPT}, "not an officer"]
    case["findings"][0].update(title=SCRIPT, evidence="<w:p>&amp;</w:p>", details=None)
    out = dossier_docx(case, tmp_path / "h.docx")
    particulars = dict(tables(out)[0][1:])
    assert particulars["案号"] == FORMULA and particulars["当事人"] == SCRIPT + "（单位）"
    assert particulars["处罚内容"] == SCRIPT
    assert f"{FORMULA}（证号{SCRIPT}）" in [r[4] for r in tables(out)[1]]
    lines = paragraphs(out)
    assert f"（一）{SCRIPT}" in lines and "原文：“<w:p>&amp;</w:p>”" in lines and "文书：行政处罚决定书" in lines
    assert any(f"存在{SCRIPT}（D203）情形" in line for line in lines)


# ---------------------------------------------------------------- 案卷评查汇总 .xlsx

HEADER = ["序号", "执法机关", "案号", "当事人", "处罚内容", "得分", "等次", "错误数", "警告数", "主要问题"]


def test_xlsx_groups_by_agency_with_subtotals_and_total(tmp_path):
    out = dossier_xlsx([CASE_D, CASE_A, CASE_C, CASE_B], tmp_path / "sub" / "汇总.xlsx")
    assert out.is_file()
    wb = load_workbook(out)
    assert wb.sheetnames == ["评查汇总", "问题明细"]
    ws = wb["评查汇总"]
    rows = rows_of(ws)
    assert rows[0] == HEADER
    assert rows[1] == [1, "临城管罚字", "临城管罚字〔2023〕9号", "张某某（个人）", "警告、罚款500元", 100, "优秀", 0, 0, "—"]
    assert rows[2] == [2, "临城管罚字", "临城管罚字〔2023〕15号", "临江市某某餐饮有限公司（单位）", "罚款5万元", 78, "不合格",
                       3, 1, "陈述申辩或者听证申请期限届满前作出决定；执法人员无执法证件号；当事人、案号或者金额前后不一致"]
    assert rows[3] == ["小计", "临城管罚字", "案卷数：2", None, None, 89, "不合格：1", 3, 1, None]
    assert rows[4][:7] == [3, "临市监罚字", "临市监罚字〔2023〕3号", "临江市某某超市有限公司（单位）", "罚款20万元、没收违法所得",
                           85, "良好"]
    assert rows[5] == ["小计", "临市监罚字", "案卷数：1", None, None, 85, "不合格：0", 2, 0, None]
    assert rows[6][:7] == [4, "—", "—", "—", "—", 90, "优秀"] and rows[6][9] == "缺少立案审批表"
    assert rows[7][:3] == ["小计", "—", "案卷数：1"]
    assert rows[8] == ["合计", None, "案卷数：4", None, None, 88.3, "不合格：1", 6, 1, None]
    assert len(rows) == 9
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:J9"
    assert ws["J3"].alignment.wrap_text and ws.column_dimensions["J"].width > ws.column_dimensions["A"].width
    assert ws["A4"].font.bold and ws["F9"].font.bold and not ws["A2"].font.bold


def test_xlsx_details_sheet(tmp_path):
    ws = load_workbook(dossier_xlsx([CASE_C, CASE_A], tmp_path / "d.xlsx", decisions=DISMISS_VETO))["问题明细"]
    rows = rows_of(ws)
    assert rows[0] == ["案号", "规则", "严重程度", "文书", "问题", "原文", "依据", "扣分", "处理"]
    assert [(r[0], r[1]) for r in rows[1:]] == [
        ("临城管罚字〔2023〕15号", "D203"), ("临城管罚字〔2023〕15号", "D302"), ("临城管罚字〔2023〕15号", "D302"),
        ("临城管罚字〔2023〕15号", "D602"), ("临市监罚字〔2023〕3号", "D402"), ("临市监罚字〔2023〕3号", "D502")]
    veto, first, second, name, major, _ = rows[1:]
    assert veto == ["临城管罚字〔2023〕15号", "D203", "错误", "行政处罚决定书（007.pdf第3页）", D203["message"],
                    D203["evidence"], D203["basis"], 0, "不采纳：当事人已书面放弃陈述申辩（王评查）"]
    assert (first[7], first[8]) == (0, "不采纳：王某证号见执法证复印件（王评查）")
    assert (second[3], second[7], second[8]) == ("询问笔录（003.docx）", 5, "—")
    assert (name[2], name[7], name[8]) == ("警告", 2, "批注：简称，不影响认定（李复核）")
    assert (major[5], major[7]) == ("—", 10)
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:I7"


def test_xlsx_applies_decisions_to_summary(tmp_path):
    rows = rows_of(load_workbook(dossier_xlsx([CASE_A, CASE_B], tmp_path / "s.xlsx", decisions=DISMISS_VETO))["评查汇总"])
    assert rows[2][5:] == [93, "优秀", 1, 1, "执法人员无执法证件号；当事人、案号或者金额前后不一致"]
    assert rows[3] == ["小计", "临城管罚字", "案卷数：2", None, None, 96.5, "不合格：0", 1, 1, None]


def test_xlsx_accepts_the_cli_batch_json(tmp_path):
    rows = rows_of(load_workbook(dossier_xlsx({"dossiers": [CASE_B], "count": 1}, tmp_path / "b.xlsx"))["评查汇总"])
    assert rows[1][2] == "临城管罚字〔2023〕9号" and rows[-1][0] == "合计"


@pytest.mark.parametrize("payload", [FORMULA, "+1+2", "-2+3", "@SUM(A1:A2)", "=HYPERLINK(\"http://x\",\"x\")"])
def test_xlsx_formula_text_stays_text(tmp_path, payload):
    case = copy.deepcopy(CASE_A)
    case.update(case_no=payload, party=payload, party_type=None, kinds=[payload], fine=None)
    case["findings"] = [finding("X-1", payload, "error", payload, payload, payload, None, evidence=payload,
                                basis=payload)]
    wb = load_workbook(dossier_xlsx([case], tmp_path / "f.xlsx"))
    summary, details = wb["评查汇总"], wb["问题明细"]
    for cell in (summary["C2"], summary["D2"], summary["E2"], summary["J2"],
                 *(details[2][i] for i in (0, 1, 3, 4, 5, 6))):
        assert cell.data_type == "s" and cell.value == payload
    assert summary["B2"].value == "—"


def test_xlsx_empty_and_strange_inputs(tmp_path):
    empty = load_workbook(dossier_xlsx([], tmp_path / "e.xlsx"))
    assert rows_of(empty["评查汇总"]) == [HEADER] and empty["问题明细"].max_row == 1
    odd = [{"case_no": "x\x00y", "score": None, "findings": [{"severity": None}, 7]}, "not a case"]
    wb = load_workbook(dossier_xlsx(odd, tmp_path / "o.xlsx"))
    rows = rows_of(wb["评查汇总"])
    assert rows[1] == [1, "—", "xy", "—", "—", "—", "—", 0, 0, "—"]
    assert rows[2][:3] == ["小计", "—", "案卷数：1"] and rows[2][5] == "—"
    assert rows_of(wb["问题明细"])[1:] == [["xy", "—", "—", "—", "—", "—", "—", 0, "—"]]


def test_docx_standing_veto_always_reads_failed(tmp_path):
    inconsistent = {**CASE_A, "score": {**CASE_A["score"], "total": 85, "grade": "良好"}}
    out = dossier_docx(inconsistent, tmp_path / "a.docx")
    assert tables(out)[3][1][3] == "不合格"
