"""At least 100 real corpus laws, re-made as the files offices actually send, parse to the
same articles as the original markdown: Word (typed and auto-numbered labels), PDF (running
header, page numbers, page breaks inside articles), GB18030 text, traditional characters and
a scraped web page."""
import re
from functools import lru_cache

import opencc
import pytest
from rapidfuzz.fuzz import ratio

from ingest.reader import read_bytes
from nlp.normalize import to_simplified
from nlp.pipeline import parse_extracted
from tests.ingest.samples import government_page
from tests.render import CORPUS_LAWS, cjk_font_path, law_to_docx, law_to_pdf

pytestmark = pytest.mark.skipif(not CORPUS_LAWS.exists(), reason="../shared/corpus not present")
_S2T = opencc.OpenCC("s2t")
_LABEL = re.compile(r"^第[零〇一二三四五六七八九十百千]+条", re.M)


def sample(n: int = 100) -> list[str]:
    """An even spread over the corpus of laws with 5–120 articles and no tables."""
    eligible = []
    for path in sorted(CORPUS_LAWS.rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        labels = len(_LABEL.findall(text.split("<!-- INFO END -->", 1)[-1]))
        if 5 <= labels <= 120 and "|" not in text and len(text) < 40_000:
            eligible.append(path.relative_to(CORPUS_LAWS).as_posix())
    step = max(1, len(eligible) // n)
    return eligible[::step][:n]


SAMPLE = sample() if CORPUS_LAWS.exists() else []


@lru_cache(maxsize=None)
def source(rel: str) -> str:
    return (CORPUS_LAWS / rel).read_text(encoding="utf-8")


def articles(data: bytes, name: str) -> list[tuple[tuple[int, int], str]]:
    doc = parse_extracted(read_bytes(data, name))
    return [(a.key, re.sub(r"\s+", "", a.text)) for a in doc.structure.articles]


def same(original, other, min_ratio: float = 100.0) -> list[str]:
    """Differences between two article lists: numbering must match, text at least ``min_ratio``."""
    problems = []
    if [k for k, _ in original] != [k for k, _ in other]:
        return [f"numbering differs: {len(original)} vs {len(other)} articles"]
    for (key, a), (_, b) in zip(original, other):
        if a != b and ratio(a, b) < min_ratio:
            problems.append(f"article {key}: {ratio(a, b):.1f}")
    return problems


RENDERERS = {
    "docx": lambda md: (law_to_docx(md), "x.docx", 100.0),
    "docx-autonumbered": lambda md: (law_to_docx(md, autonumber=True), "x.docx", 100.0),
    "pdf": lambda md: (law_to_pdf(md), "x.pdf", 99.0),  # the font lacks a few rare characters
    "gb18030": lambda md: (md.encode("gb18030"), "x.txt", 100.0),
    "html": lambda md: (government_page(md).encode("utf-8"), "x.html", 100.0),
}


def test_sample_is_large_and_spread():
    assert len(SAMPLE) >= 100
    assert len({rel.split("/")[0] for rel in SAMPLE}) >= 8


@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_formats_parse_to_the_same_articles(fmt):
    if fmt == "pdf" and cjk_font_path() is None:
        pytest.skip("no CJK font installed (fonts-wqy-microhei)")
    failures = []
    for rel in SAMPLE:
        md = source(rel)
        data, name, min_ratio = RENDERERS[fmt](md)
        problems = same(articles(md.encode("utf-8"), "x.md"), articles(data, name), min_ratio)
        if problems:
            failures.append(f"{rel}: {problems[:3]}")
    assert not failures, f"{len(failures)}/{len(SAMPLE)} differ:\n" + "\n".join(failures[:20])


def test_traditional_characters_parse_to_the_same_articles():
    failures = []
    for rel in SAMPLE:
        md = source(rel)
        original = articles(md.encode("utf-8"), "x.md")
        traditional = articles(_S2T.convert(md).encode("utf-8"), "x.txt")
        back = [(k, to_simplified(t)) for k, t in traditional]
        # s2t then t2s is not the identity (后/後, 于/於 …), so texts need only be nearly equal
        problems = same(original, back, 97.0)
        if problems:
            failures.append(f"{rel}: {problems[:3]}")
    assert not failures, "\n".join(failures[:20])
