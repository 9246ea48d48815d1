"""Sanity tests of the dossier generator itself (not of the engine that reviews dossiers)."""
from __future__ import annotations

import datetime as dt
import hashlib
import io
import itertools
import re
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from tests.dossiers.generator import (
    AMOUNT_STYLES,
    DATE_STYLES,
    DOC_TYPES,
    LAYOUTS,
    PROVISIONS,
    RULES,
    format_amount,
    format_date,
    generate,
    upper_amount,
)
from tests.paths import LAWS
from tests.render import cjk_font_path

pytestmark = pytest.mark.skipif(cjk_font_path() is None, reason="no CJK font for the PDF dossiers")

DATE_PATTERNS = {
    "年月日": r"\d{4}年\d{1,2}月\d{1,2}日",
    "短横": r"\d{4}-\d{2}-\d{2}",
    "点": r"\d{4}\.\d{1,2}\.\d{1,2}",
    "斜杠": r"\d{4}/\d{1,2}/\d{1,2}",
    "汉字": r"[〇一二三四五六七八九]{4}年[一二三四五六七八九十]{1,2}月[一二三四五六七八九十]{1,3}日",
}
CAPITALS = "零壹贰叁肆伍陆柒捌玖拾佰仟万"
AMOUNT_PATTERNS = {
    "元": r"(?:罚款|缴纳罚款|缴款金额：)\d{3,}元",
    "万元": r"\d+(?:\.\d+)?万元",
    "大写": rf"[{CAPITALS}]+元整（￥[\d,]+\.00）",
    "人民币": rf"人民币[{CAPITALS}]+元",
}
# Range words of each provision, as the law states them (checked against the corpus).
RANGE_WORDS = {
    "大气119": "五百元以上二千元以下", "大气118a": "五千元以上五万元以下", "大气118c": "五百元以上二万元以下",
    "大气99": "十万元以上一百万元以下", "水83": "十万元以上一百万元以下", "食品126": "五千元以上五万元以下",
    "食品122": "五万元以上十万元以下", "广告58": "十万元以上二十万元以下",
}


# ---------------------------------------------------------------- reading the files

def docx_text(data: bytes) -> tuple[str, int]:
    """Text of a .docx (paragraphs and table rows in body order) and its number of page breaks."""
    import docx

    document = docx.Document(io.BytesIO(data))
    ns = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    lines = []
    for block in document.element.body.iterchildren():
        if block.tag == ns + "p":
            lines.append("".join(t.text or "" for t in block.iter(ns + "t")))
        elif block.tag == ns + "tbl":
            for row in block.iter(ns + "tr"):
                lines.append("：".join("".join(t.text or "" for t in cell.iter(ns + "t")) for cell in row.iter(ns + "tc")))
    breaks = sum(1 for br in document.element.body.iter(ns + "br") if br.get(ns + "type") == "page")
    return "\n".join(lines), breaks


def pdf_pages(data: bytes) -> list[str]:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(data)
    try:
        return [pdf[i].get_textpage().get_text_range().replace("\r\n", "\n") for i in range(len(pdf))]
    finally:
        pdf.close()


def file_text(name: str, data: bytes) -> str:
    if name.endswith(".docx"):
        return docx_text(data)[0]
    if name.endswith(".pdf"):
        return "\n".join(pdf_pages(data))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def documents_text(d) -> dict:
    """{file name or start page: text} of one dossier, opening every file."""
    if d.layout == "folder":
        return {p.name: file_text(p.name, p.read_bytes()) for p in sorted(d.path.iterdir())}
    if d.layout == "zip":
        with zipfile.ZipFile(d.path) as z:
            assert z.testzip() is None
            return {n: file_text(n, z.read(n)) for n in z.namelist()}
    if d.layout == "pdf":
        pages = pdf_pages(d.path.read_bytes())
        starts = [s for s, _ in d.facts["documents"]] + [len(pages)]
        return {s: "\n".join(pages[s:e]) for s, e in itertools.pairwise(starts)}
    text, _ = docx_text(d.path.read_bytes())
    return {0: text}


def first_line(text: str) -> str:
    return next(line for line in text.splitlines() if line.strip()).lstrip("# ").strip()


# ---------------------------------------------------------------- fixtures

@pytest.fixture(scope="module")
def dossiers(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("dossiers"))


@pytest.fixture(scope="module")
def texts(dossiers):
    return {d.name: documents_text(d) for d in dossiers}


def tree_digest(path: Path) -> str:
    digest = hashlib.sha256()
    files = sorted(path.rglob("*")) if path.is_dir() else [path]
    for f in files:
        if f.is_file():
            digest.update(f.name.encode() + b"\0" + f.read_bytes())
    return digest.hexdigest()


# ---------------------------------------------------------------- tests

def test_deterministic_for_a_seed(tmp_path):
    first, second = generate(tmp_path / "a", n=16, seed=3), generate(tmp_path / "b", n=16, seed=3)
    assert [(d.name, d.layout, d.expected, d.facts) for d in first] == [(d.name, d.layout, d.expected, d.facts) for d in second]
    assert [tree_digest(d.path) for d in first] == [tree_digest(d.path) for d in second]
    other = generate(tmp_path / "c", n=16, seed=4)
    assert [d.facts["case_no"] for d in other] != [d.facts["case_no"] for d in first]


def test_counts_per_rule_and_clean_share(dossiers):
    assert len(dossiers) >= 60
    counts = Counter(rule for d in dossiers for rule in d.expected)
    assert set(counts) == set(RULES)
    assert min(counts.values()) >= 3, counts
    clean = sum(not d.expected for d in dossiers)
    assert 0.2 <= clean / len(dossiers) <= 0.3
    assert all(len(d.expected) <= 2 for d in dossiers)
    assert len({d.name for d in dossiers}) == len(dossiers)


def test_every_document_type_with_several_templates(dossiers):
    types = Counter(t for d in dossiers for _, t in d.facts["documents"])
    assert set(types) == set(DOC_TYPES)
    templates = {}
    for d in dossiers:
        for doc_type, variant in d.facts["templates"]:
            templates.setdefault(doc_type, set()).add(variant)
    assert all(len(templates[t]) >= 2 for t in DOC_TYPES), templates


def test_every_date_and_amount_style_appears(dossiers, texts):
    corpus = "\n".join(t for d in texts.values() for t in d.values())
    for style, pattern in DATE_PATTERNS.items():
        assert re.search(pattern, corpus), style
    for style, pattern in AMOUNT_PATTERNS.items():
        assert re.search(pattern, corpus), style
    assert set().union(*(d.facts["date_styles"] for d in dossiers)) == set(DATE_STYLES)
    assert set().union(*(d.facts["amount_styles"] for d in dossiers)) == set(AMOUNT_STYLES)
    mixed = [d for d in dossiers if len(d.facts["date_styles"]) >= 3]
    assert len(mixed) > len(dossiers) // 2   # styles mix within a dossier


def test_formatting_helpers():
    day = dt.date(2023, 5, 6)
    assert [format_date(day, s) for s in DATE_STYLES] == ["2023年5月6日", "2023-05-06", "2023.5.6", "2023/5/6", "二〇二三年五月六日"]
    assert format_date(dt.date(2024, 12, 21), "汉字") == "二〇二四年十二月二十一日"
    assert [format_amount(50_000, s)[0] for s in AMOUNT_STYLES] == ["50000元", "5万元", "伍万元整（￥50,000.00）", "人民币伍万元"]
    assert upper_amount(10_500) == "壹万零伍佰元" and upper_amount(2_050) == "贰仟零伍拾元"
    assert upper_amount(120_000) == "壹拾贰万元" and upper_amount(100_500) == "壹拾万零伍佰元"
    assert format_amount(1_200, "万元") == ("1200元", "元")


def test_every_layout_appears_and_files_open(dossiers, texts):
    layouts = Counter(d.layout for d in dossiers)
    assert set(layouts) == set(LAYOUTS) and layouts["folder"] > len(dossiers) / 2
    kinds = Counter(Path(str(f)).suffix for d in dossiers if d.layout in ("folder", "zip") for f, _ in d.facts["documents"])
    assert {".txt", ".md", ".docx", ".pdf"} <= set(kinds)
    for d in dossiers:
        assert d.path.exists()
        docs = texts[d.name]
        if d.layout in ("folder", "zip"):
            assert sorted(docs) == sorted(f for f, _ in d.facts["documents"])
            assert Counter(first_line(docs[f]) for f, _ in d.facts["documents"]) == Counter(d.facts["titles"])
        elif d.layout == "pdf":
            assert [first_line(docs[s]) for s, _ in d.facts["documents"]] == d.facts["titles"]
        else:
            _, breaks = docx_text(d.path.read_bytes())
            assert breaks == len(d.facts["documents"]) - 1


def _title_type(title: str) -> str:
    aliases = {"立案登记表": "立案审批表", "案件立案审批表": "立案审批表", "现场勘验笔录": "现场检查笔录",
               "调查询问笔录": "询问笔录", "案件调查终结报告": "调查终结报告", "重大执法决定法制审核意见书": "法制审核意见书",
               "案件集体讨论记录": "集体讨论记录", "重大案件集体讨论笔录": "集体讨论记录", "行政处罚告知书": "行政处罚事先告知书",
               "行政处罚听证告知书": "听证告知书", "陈述申辩记录": "陈述申辩笔录", "送达回执": "送达回证",
               "罚没款缴款书": "缴款凭证", "非税收入缴款书": "缴款凭证", "案件延期审批表": "延期审批表", "结案报告": "结案审批表"}
    evidence = {"证据清单", "照片证据说明", "现场照片证据", "检测报告", "监测报告"}
    return "证据材料" if title in evidence else aliases.get(title, title)


def test_titles_name_the_document_types(dossiers, texts):
    for d in dossiers:
        if d.layout in ("folder", "zip"):
            docs = texts[d.name]
            assert all(_title_type(first_line(docs[f])) == t for f, t in d.facts["documents"])
        else:
            assert [_title_type(t) for t in d.facts["titles"]] == [t for _, t in d.facts["documents"]]


def test_clean_dossiers_are_lawful(dossiers, texts):
    clean = [d for d in dossiers if not d.expected]
    assert any(d.facts["major"] for d in clean) and any(not d.facts["hearing"]["required"] for d in clean)
    assert any(d.facts["party_type"] == "个人" for d in clean) and any(d.facts["party_type"] == "单位" for d in clean)
    for d in clean:
        low, high = d.facts["range"]
        assert low <= d.facts["fine"] <= high, d.name
        assert d.facts["basis"] in "\n".join(texts[d.name].values())
        types = {t for _, t in d.facts["documents"]}
        if d.facts["hearing"]["required"]:
            assert d.facts["hearing"]["notice"] in ("notice", "separate")
            assert d.facts["hearing"]["notice"] == "notice" or "听证告知书" in types
        if d.facts["major"]:
            assert {"法制审核意见书", "集体讨论记录"} <= types
        assert not d.facts["missing"]


def test_planted_defects_match_the_files(dossiers):
    for d in dossiers:
        types = [t for _, t in d.facts["documents"]]
        assert ("D101" in d.expected) == ("立案审批表" not in types), d.name
        assert ("D102" in d.expected) == ("行政处罚事先告知书" not in types), d.name
        assert ("D503" in d.expected) == (d.facts["fine"] > d.facts["range"][1]), d.name
        assert ("D601" in d.expected) == (d.facts["fine"] > d.facts["notice_fine"]
                                          or bool(set(d.facts["kinds"]) - set(d.facts["notice_kinds"]))), d.name
        assert ("D302" in d.expected) == any(cert is None for _, cert in d.facts["officers"]), d.name
        dates = {k: dt.date.fromisoformat(v) for k, v in d.facts["dates"].items()}
        assert dates["立案"] <= dates["调查终结"] < dates["告知"] <= dates["告知送达"] < dates["决定"] <= dates["决定送达"]
        if "缴款" in dates:
            assert dates["决定送达"] < dates["缴款"] < dates["结案"]


def test_provision_table_matches_the_corpus():
    if not LAWS.is_dir():
        pytest.skip(f"corpus not found at {LAWS}")
    from tests.render import cn_number

    for p in PROVISIONS:
        files = [f for f in LAWS.rglob("*.md") if f.stem.split("(")[0] == p.law.removeprefix("中华人民共和国")]
        assert files, p.law
        text = max(files, key=lambda f: f.stem).read_text(encoding="utf-8")
        article = re.match(r"第([一二三四五六七八九十百]+)条", p.article).group(0)
        body = text.split("\n" + article + " ", 1)[1]
        body = re.split(r"\n第[一二三四五六七八九十百零]+条 ", body, maxsplit=1)[0]
        paragraphs = [x.strip() for x in body.split("\n") if x.strip() and not x.strip().startswith("（")]
        m = re.search(r"第([一二三四五六七八九十]+)款", p.article)
        paragraph = paragraphs[cn_number(m.group(1)) - 1] if m else paragraphs[0]
        assert RANGE_WORDS[p.key] in paragraph, (p.key, paragraph[:80])
