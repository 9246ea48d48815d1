"""Error-severity F1xx/F108 findings on the real 规章 of ../shared/corpus (部门规章 and 地方政府规章, published
and mostly lawful): at most 5 % of documents, every one explained in tests/data/rules_f1xx.csv, read by hand
as a true problem or a known limit. Each rule is reviewed as a submitted file, as of its own date (filing
time), against the whole law corpus; tests/data/rules_f1xx.md summarises the explanations.
"""
from __future__ import annotations

from pathlib import Path

from bench.filing_gold import as_of, corpus_manifests
from ingest.checking import make_context, review_file
from tests.checks.conftest import assert_explained
from tests.paths import SHARED_CORPUS

EXPLAINED = Path(__file__).resolve().parents[1] / "data" / "rules_f1xx.csv"
RULE_LEVELS = ("部门规章", "地方政府规章")


def test_f1xx_errors_on_real_rules_are_rare_and_each_is_explained(full_corpus):
    manifests = corpus_manifests(SHARED_CORPUS)
    rules = sorted(p for p, r in manifests.items() if r.get("level") in RULE_LEVELS)
    assert len(rules) > 100  # the corpus' 规章, not a sample
    flagged, found = set(), set()
    for rel in rules:
        review = review_file(full_corpus, SHARED_CORPUS / rel, make_context(full_corpus, as_of(rel, manifests)))
        for f in review.findings:
            if f.rule.startswith("F1") and f.severity == "error":
                flagged.add(rel)
                found.add((rel, f.rule, f.location))
    assert len(flagged) / len(rules) <= 0.05, f"{len(flagged)} of {len(rules)} 规章 have F1xx errors: {sorted(found)}"
    assert_explained(found, EXPLAINED)
