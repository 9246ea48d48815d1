"""Normalisation, structure, citations, metadata and the whole pipeline under fuzzing.

Offsets convention (nlp/normalize.py, CONTRACT.md): every ``start``/``end`` the parsers hand
out is an offset into the text as extracted (``Normalized.original``), never into the
normalised copy; ``Normalized.span``/``norm_slice`` map between the two.
"""
from __future__ import annotations

from datetime import date

from hypothesis import example, given
from hypothesis import strategies as st

from ingest.extracted import Extracted
from ingest.text import read_text
from nlp.citations import extract_citations, find_titles
from nlp.document import Metadata, Structure
from nlp.metadata import LEVELS, extract_metadata, find_doc_numbers
from nlp.normalize import normalize, to_simplified
from nlp.structure import parse_structure
from tests.fuzz.strategies import clean_law, domain_text, fuzz

INT64 = (-(2**63), 2**63 - 1)  # the store keeps numbers in SQLite INTEGER columns

REGRESSIONS = [
    "第" + "9" * 5000 + "条 甲",  # cn_to_int: int() refuses more than 4300 digits
    "依照本法第" + "9" * 5000 + "条规定",
    "第99999999999999999999条 甲。依照本法第99999999999999999999条第99999999999999999999款规定。",
    "第一条 甲\n第一条之" + "一" * 30 + "\n乙",  # 之一一…一: a sub-number past int64
    "第1条\n(" + "一" * 20 + ")",
    "关于试行的通知\n本通知自2021年1月1日起施行，有效期99999年。",  # add_period past year 9999
    "关于的通知\n有效期999999月\n2021年1月1日印发",
]


def _in(text: str, start: int, end: int) -> bool:
    return 0 <= start <= end <= len(text)


# --- normalize --------------------------------------------------------------------------------


@fuzz(2)
@given(domain_text())
@example("村鎮(zhèn)規劃\u200b  第一條　總則")
def test_normalize_maps_every_offset_into_the_original(text):
    assert len(to_simplified(text)) == len(text)
    norm = normalize(text)
    assert norm.original == text
    assert len(norm.text) <= len(text)
    for i in range(len(norm.text) + 1):
        o = norm.to_orig(i)
        assert 0 <= o <= len(text)
        if i < len(norm.text):
            assert o < len(text)
            assert norm.from_orig(o) == i  # the maps are inverse on kept characters
    for i in range(len(text) + 1):
        assert 0 <= norm.from_orig(i) <= len(norm.text)
    for i in range(0, len(norm.text), 3):
        for j in (i, i + 1, i + 7, len(norm.text)):
            j = min(j, len(norm.text))
            a, b = norm.span(i, j)
            assert _in(text, a, b)
            if j > i:
                assert norm.norm_slice(a, b) == norm.text[i:j]


_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u2060\ufeff\u00ad"


@fuzz(2)
@given(domain_text(), st.lists(st.tuples(st.integers(0, 10**6), st.sampled_from(_INVISIBLE)), max_size=6))
@example("第二条 为了规范管理", [(1, "\u200b")])
@example("村鎮(zhèn)", [(2, "\u200b")])
@example("甲 乙", [(1, "\ufeff")])
def test_normalize_ignores_invisible_characters(text, inserts):
    """Zero-width characters are deleted as noise, so they change nothing else: 第\u200b二条 is 第二条."""
    text = "".join(c for c in text if c not in _INVISIBLE)
    noisy = text
    for at, c in inserts:
        at %= len(noisy) + 1
        noisy = noisy[:at] + c + noisy[at:]
    assert normalize(noisy).text == normalize(text).text


# --- structure ----------------------------------------------------------------------------------


def _no_space(s: str) -> str:
    return "".join(s.split())


def check_structure(norm, s: Structure) -> None:
    """Every span inside the text, in order and nested, and each part's text where it says it is."""
    text = norm.original
    assert isinstance(s, Structure)
    previous_end = 0
    for a in s.articles:
        assert _in(text, a.start, a.end), (a.label, a.start, a.end, len(text))
        assert a.start >= previous_end, "articles overlap or are out of order"
        previous_end = a.end
        assert isinstance(a.number, int) and a.number >= 1 and INT64[0] <= a.number <= INT64[1]
        assert isinstance(a.sub, int) and 0 <= a.sub <= INT64[1]
        assert a.label and _no_space(text[a.start:a.end]).startswith(a.label), (a.label, text[a.start:a.end][:20])
        assert a.paragraphs and a.end == a.paragraphs[-1].end
        assert a.text == "\n".join(p.text for p in a.paragraphs if p.text)
        for idx, p in enumerate(a.paragraphs, start=1):
            assert p.index == idx
            assert a.start <= p.start <= p.end <= a.end
            span = text[p.start:p.end]
            pos = 0
            for line in (ln for ln in p.text.split("\n") if ln):
                found = span.find(line, pos)
                assert found >= 0, (line, span)
                pos = found + len(line)
            if p.text:  # a label alone on its line leaves the first line's text empty
                assert span.startswith(p.text.split("\n")[0]) or span.startswith("\n"), (p.text, span)
                assert span.endswith(p.text.split("\n")[-1]), (p.text, span)
            for item in p.items:
                assert p.start <= item.start <= item.end <= p.end
                assert INT64[0] <= item.number <= INT64[1]
                assert norm.norm_slice(item.start, item.end).replace(" ", "").startswith(item.label)
                for sub in item.subitems:
                    assert item.start <= sub.start <= sub.end <= item.end
    for h in s.headings:
        assert _in(text, h.start, h.end)
        assert h.number is None or 0 <= h.number <= INT64[1]
        assert h.text in norm.norm_slice(h.start, h.end)
    for sec in s.sections:
        assert sec.kind in ("preamble", "closing", "appendix")
        assert _in(text, sec.start, sec.end)


@fuzz(2)
@given(domain_text())
def test_structure_spans(text):
    norm = normalize(text)
    check_structure(norm, parse_structure(norm))


def test_structure_regressions():
    for text in REGRESSIONS:
        norm = normalize(text)
        check_structure(norm, parse_structure(norm))


@fuzz(2)
@given(clean_law())
def test_structure_finds_every_article_of_a_clean_law(law):
    text, keys = law
    norm = normalize(text)
    s = parse_structure(norm)
    check_structure(norm, s)
    assert [a.key for a in s.articles] == keys
    assert not s.warnings


# --- citations ---------------------------------------------------------------------------------


@fuzz(2)
@given(domain_text())
@example("《关于《某》的通知》《》《《甲》\n》〈乙〉")
def test_titles(text):
    previous_end = 0
    for t in find_titles(text):
        assert 0 <= t.start < t.end <= len(text)
        assert t.start >= previous_end
        previous_end = t.end
        assert text[t.start] == "《" and text[t.end - 1] == "》"
        assert "\n" not in text[t.start:t.end]
        assert not any(c in t.text for c in "《》") and _no_space(t.text) == t.text


def check_citations(norm, structure: Structure, citations) -> None:
    text = norm.original
    starts = [c.start for c in citations]
    assert starts == sorted(starts)
    for c in citations:
        assert 0 <= c.start < c.end <= len(text), (c.raw, c.start, c.end)
        assert c.raw == text[c.start:c.end]
        for field in ("article", "article_end", "paragraph", "paragraph_end", "item", "item_end", "in_article"):
            value = getattr(c, field)
            assert value is None or (isinstance(value, int) and INT64[0] <= value <= INT64[1]), (field, value)
        assert INT64[0] <= c.article_sub <= INT64[1] and INT64[0] <= c.in_article_sub <= INT64[1]
        if c.in_article is not None:
            assert any(a.key == (c.in_article, c.in_article_sub) and a.start <= c.start < a.end
                       for a in structure.articles)
        if c.is_basis:
            assert not c.internal and not c.form


@fuzz(2)
@given(domain_text(), st.booleans())
def test_citations(text, with_registry):
    norm = normalize(text)
    structure = parse_structure(norm)
    known = (lambda s: s.endswith("法") and len(s) < 12) if with_registry else None
    check_citations(norm, structure, extract_citations(norm, structure, known))


@fuzz(2)
@given(domain_text())
def test_doc_numbers(text):
    for number, start, end in find_doc_numbers(text):
        assert 0 <= start < end <= len(text)
        org, rest = number.split("〔", 1)
        assert text[start:end].startswith(org)
        assert rest[:4] in text[start:end]


def check_metadata(meta: Metadata) -> None:
    assert isinstance(meta, Metadata)
    assert meta.level in LEVELS
    assert meta.title is None or isinstance(meta.title, str)
    assert all(isinstance(d, date) for d in meta.dates.values())
    assert all(isinstance(d, date) and event in ("通过", "修正", "修订") for d, event in meta.history)
    assert all(isinstance(n, str) and n for n in meta.doc_numbers)


@fuzz(2)
@given(domain_text(), st.none() | st.text(max_size=20))
def test_metadata(text, hint):
    norm = normalize(text)
    structure = parse_structure(norm)
    check_metadata(extract_metadata(norm, structure, hint))


def test_regressions_in_detail():
    norm = normalize(REGRESSIONS[5])
    assert extract_metadata(norm, parse_structure(norm)).dates["expires"] == date.max
    # a zero-width mark inside a label no longer glues the label to its text, so an excerpt that
    # starts at 第二条 and skips 第三条 keeps both articles
    norm = normalize("第\u200b二条 为了规范管理，制定本办法。\n第四条\u200b 本办法自公布之日起施行。")
    assert norm.text == "第二条 为了规范管理，制定本办法。\n第四条 本办法自公布之日起施行。"
    assert [a.key for a in parse_structure(norm).articles] == [(2, 0), (4, 0)]
    norm = normalize(REGRESSIONS[2])
    assert parse_structure(norm).articles == []  # no article is numbered past 2**63
    assert all(c.article is None and c.paragraph is None
               for c in extract_citations(norm, parse_structure(norm)))


def test_metadata_regressions():
    for text in REGRESSIONS:
        norm = normalize(text)
        structure = parse_structure(norm)
        check_metadata(extract_metadata(norm, structure))
        check_citations(norm, structure, extract_citations(norm, structure))


# --- the whole pipeline -------------------------------------------------------------------------


def _ints(value):
    if isinstance(value, bool):
        return
    if isinstance(value, int):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _ints(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _ints(v)


def check_parsed(ex: Extracted) -> None:
    from ingest.run import to_record
    from nlp.pipeline import parse_extracted

    doc = parse_extracted(ex)
    assert doc.text == ex.text
    norm = normalize(ex.text)
    check_structure(norm, doc.structure)
    check_citations(norm, doc.structure, doc.citations)
    check_metadata(doc.metadata)
    for a in doc.structure.articles:
        for p in a.paragraphs:
            for f in p.fines:  # offsets into the paragraph's text
                assert 0 <= f.start < f.end <= len(p.text)
    record = to_record(doc, "0" * 64, None)  # what ingest writes to SQLite
    for n in _ints([record.document, record.version, record.articles, record.headings, record.citations]):
        assert INT64[0] <= n <= INT64[1], n


@fuzz(1)
@given(domain_text(), st.sampled_from(["txt", "md"]))
def test_pipeline(text, fmt):
    data = text.encode("utf-8")
    if not text.strip() or "\x00" in text:
        return
    ex = read_text(data, f"fuzz.{fmt}", fmt)
    assert "\r" not in ex.text
    check_parsed(ex)


@fuzz(1)
@given(domain_text(), st.none() | st.text(max_size=30))
def test_pipeline_on_any_extracted_text(text, hint):
    check_parsed(Extracted(source="fuzz.docx", format="docx", text=text, title_hint=hint))


def test_pipeline_regressions():
    for text in REGRESSIONS:
        check_parsed(Extracted(source="fuzz.txt", format="txt", text=text))
