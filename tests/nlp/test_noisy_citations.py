"""Scraped, traditional-character, glossed and masked text extracts and resolves end to end."""
import pytest

from ingest.reader import read_bytes
from nlp.pipeline import parse_extracted, use_registry
from nlp.registry import Registry
from tests.paths import LAWS

pytestmark = pytest.mark.skipif(not LAWS.exists(), reason="../shared/corpus not present")

PAGE = """<html><head><title>臨江市村鎮規劃管理辦法_臨江市人民政府網</title></head><body>
<div class="nav">网站首页 | 政务公开 | 当前位置：首页 > 政策文件</div>
<div class="content">
<p>臨江市人民政府令</p><p>第 3 號</p>
<p>**年**月**日</p>
<p>第一條　為了加強村鎮(zhèn)規劃管理，根據《中華人民共和國城鄉規劃法》《村莊和集鎮規劃建設管理條例》和臨政發[2019]7號、臨政辦發〔2020〕12號，結合本市實際，制定本辦法。</p>
<p>第二條　違反本辦法規定的，依照《中華人民共和國城鄉規劃法》第六十五條處理；違反土地管理法第七十七條的，依法處理。</p>
<p>第三條　本辦法自2021年1月1日起施行。</p>
</div><div class="footer">版权所有 临江市人民政府 ICP备12345678号</div></body></html>"""


@pytest.fixture(scope="module")
def parsed():
    use_registry(Registry.from_manifest(LAWS / "manifest.csv"))
    yield parse_extracted(read_bytes(PAGE.encode("utf-8"), "page.html"))
    use_registry(None)


def test_noisy_page_citations_extract_and_resolve(parsed):
    got = [(c.title, c.article, c.doc_number, c.resolved, c.is_basis) for c in parsed.citations]
    assert got == [
        ("中华人民共和国城乡规划法", None, None, "中华人民共和国城乡规划法", True),
        ("村庄和集镇规划建设管理条例", None, None, "村庄和集镇规划建设管理条例", True),
        (None, None, "临政发〔2019〕7号", None, True),
        (None, None, "临政办发〔2020〕12号", None, True),
        ("中华人民共和国城乡规划法", 65, None, "中华人民共和国城乡规划法", False),
        ("土地管理法", 77, None, "中华人民共和国土地管理法", False),
    ]
    for c in parsed.citations:  # evidence is the page's own characters
        assert parsed.text[c.start:c.end] == c.raw
    assert "《中華人民共和國城鄉規劃法》第六十五條" in [c.raw for c in parsed.citations]


def test_masked_dates_are_not_dates_and_the_rest_survives(parsed):
    meta = parsed.metadata
    assert meta.doc_number == "临江市人民政府令第3号"
    assert meta.dates["effective"].isoformat() == "2021-01-01"
    assert "published" not in meta.dates and "issued" not in meta.dates
    assert [a.number for a in parsed.structure.articles] == [1, 2, 3]
