"""The demo case files (corpus/dossiers, answer key in its README): each reports exactly its planted
rules, in every layout (folder, .zip, one .docx), and the traps stay silent."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from ingest.checking import make_context
from ingest.dossier_review import review_dossier
from tests.checks.conftest import AS_OF

DEMO = Path(__file__).resolve().parents[2] / "corpus" / "dossiers"
EXPECTED = {
    "案卷01": set(), "案卷02": set(), "案卷03.docx": set(),
    "案卷04": {"D101", "D103"},
    "案卷05": {"D201", "D203"},
    "案卷06.zip": {"D301", "D302", "D401"},
    "案卷07": {"D501", "D502", "D601", "D602"},
}




@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_demo_dossier_reports_its_planted_rules(library, name):
    review = review_dossier(DEMO / name, make_context(library, AS_OF))
    assert {f.rule for f in review.findings} == EXPECTED[name], [(f.rule, f.message) for f in review.findings]
    data = review.to_json()
    assert data["case_no"] and data["party"] and data["fine"]
    assert not [d for d in data["documents"] if d["type"] == "其他材料"], "every document is typed"
    json.dumps(data, ensure_ascii=False)  # the CLI's JSON


def test_clean_files_score_full_marks_and_defective_ones_are_graded_down(library):
    ctx = make_context(library, AS_OF)
    clean = review_dossier(DEMO / "案卷01", ctx).sheet
    assert (clean.score, clean.grade) == (100, "优秀")
    bad = review_dossier(DEMO / "案卷07", ctx).sheet
    assert bad.score == 100 - 15 - 5 - 15 - 5 and bad.grade == "不合格" and "D501" in bad.vetoed_by


def test_the_timeline_runs_in_order(library):
    data = review_dossier(DEMO / "案卷02", make_context(library, AS_OF)).to_json()
    dates = data["dates"]
    order = ["立案", "告知", "告知送达", "陈述申辩/听证", "决定", "送达", "执行", "结案"]
    assert [s for s in dates if s in order] == order
    assert list(dates.values()) == sorted(dates.values())
