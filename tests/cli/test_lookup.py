"""Cited articles followed across real versions (mappings checked by reading both texts)."""
import shutil
from datetime import date

import pytest

from ingest.lookup import ArticleLookup
from ingest.run import ingest
from ingest.store import Store
from tests.paths import LAWS

pytestmark = pytest.mark.skipif(not LAWS.exists(), reason="../shared/corpus not present")
FILES = ["行政法/国防教育法(2018-04-27).md", "行政法/国防教育法(2024-09-13).md", "行政法/行政处罚法(2021-01-22).md"]


@pytest.fixture(scope="module")
def lookup(tmp_path_factory):
    folder = tmp_path_factory.mktemp("laws")
    for rel in FILES:
        shutil.copy(LAWS / rel, folder / rel.split("/")[-1])
    store = Store(folder / "n.db")
    ingest([folder], store, workers=1)
    return ArticleLookup(store)


def test_renumbered_articles_are_followed_to_the_current_version(lookup):
    five = lookup.cited("中华人民共和国国防教育法", 5, cited_on=date(2020, 1, 1), as_of=date(2025, 1, 1))
    assert (five.version_then, five.version_now) == (date(2018, 4, 27), date(2024, 9, 13))
    assert five.exists_then and five.now == (7, 0) and five.moved and five.amended_since
    assert lookup.cited("国防教育法", 30, cited_on=date(2020, 1, 1), as_of=date(2025, 1, 1)).now == (33, 0)


def test_an_article_that_never_existed_and_one_unchanged(lookup):
    ghost = lookup.cited("国防教育法", 60, cited_on=date(2020, 1, 1), as_of=date(2025, 1, 1))
    assert ghost.exists_then is False and ghost.now is None
    same = lookup.cited("行政处罚法", 42, cited_on=date(2022, 1, 1), as_of=date(2025, 1, 1))
    assert same.now == (42, 0) and not same.moved and not same.amended_since and same.status == "现行有效"
    early = lookup.cited("国防教育法", 5, cited_on=date(2020, 1, 1), as_of=date(2020, 1, 1))
    assert early.now == (5, 0) and not early.amended_since  # the 2024 revision is not yet in force


def test_repealed_law_known_only_from_the_facts_table(lookup):
    food = lookup.cited("食品卫生法", 10, cited_on=date(2005, 1, 1), as_of=date(2010, 1, 1))
    assert food.title == "中华人民共和国食品卫生法" and food.status == "已废止"
    assert lookup.cited("某某从未有过的条例", 1) is None


def test_versions_known_only_from_the_legislative_history(lookup):
    # the store holds only the 2021 text; its preamble lists 1996, 2009, 2017 and 2021
    cited = lookup.cited("行政处罚法", 42, cited_on=date(2018, 6, 1), as_of=date(2025, 1, 1))
    assert cited.version_then == date(2017, 9, 1) and cited.version_now == date(2021, 1, 22)
    assert cited.exists_then is None and cited.amended_since  # the 2021 revision came after the citing date
    entry = lookup.registry.resolve("行政处罚法").entry
    then = entry.version_at(date(2018, 6, 1))
    assert entry.version_status(then, date(2025, 1, 1)) == "已被修改"
