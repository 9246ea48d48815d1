"""Citation extraction and resolution against tests/data/citations_gold.jsonl (823 citations in
37 real documents, written by reading; see citations_gold.md).

A citation is compared on (citing article, title as cited, article, article range, paragraph,
paragraph range, item). Resolution counts as right when a target the registry holds is found,
or when a title the registry does not hold stays unresolved.
"""
import json
from collections import Counter, defaultdict

import pytest

from ingest.reader import read_path
from nlp.pipeline import parse_extracted, use_registry
from nlp.registry import Registry, title_key
from tests.paths import LAWS, ROOT, SHARED_CORPUS

GOLD = ROOT / "tests" / "data" / "citations_gold.jsonl"
pytestmark = pytest.mark.skipif(not LAWS.exists(), reason="../shared/corpus not present")


def _key(in_article, in_sub, title, article, article_end, paragraph, paragraph_end, item):
    return (in_article, in_sub or 0, title_key(title) if title else None, article, article_end, paragraph,
            paragraph_end, item)


@pytest.fixture(scope="module")
def registry():
    reg = Registry.from_manifest(LAWS / "manifest.csv")
    use_registry(reg)
    yield reg
    use_registry(None)


def test_citation_precision_recall_and_resolution(registry):
    rows = [json.loads(line) for line in GOLD.open(encoding="utf-8")]
    covered = {r["path"]: r["covered"] for r in rows if "raw" not in r}
    gold = defaultdict(list)
    for r in rows:
        if "raw" in r:
            gold[r["path"]].append(r)
    assert len(covered) >= 30 and sum(map(len, gold.values())) >= 300
    tp = fp = fn = right = scored = 0
    problems = []
    for path, (lo, hi) in covered.items():
        doc = parse_extracted(read_path(SHARED_CORPUS / path))
        pred = {}
        predicted = Counter()
        for c in doc.citations:
            if c.in_article is not None and lo <= c.in_article <= hi:
                k = _key(c.in_article, c.in_article_sub, c.title, c.article, c.article_end, c.paragraph,
                         c.paragraph_end, c.item)
                predicted[k] += 1
                pred[k] = c
        wanted = Counter()
        by_key = {}
        for g in gold[path]:
            k = _key(g["in_article"], g.get("in_article_sub"), g["title"], g["article"], g["article_end"],
                     g["paragraph"], g["paragraph_end"], g["item"])
            wanted[k] += 1
            by_key[k] = g
        hit = predicted & wanted
        tp, fp, fn = tp + sum(hit.values()), fp + sum((predicted - wanted).values()), fn + sum((wanted - predicted).values())
        problems += [f"missed {path} {by_key[k]['raw']}" for k in wanted - predicted]
        problems += [f"extra {path} {pred[k].raw}" for k in predicted - wanted]
        for k in hit:
            g = by_key[k]
            if g["title"] and not g["form"]:
                scored += 1
                target = g.get("resolved")
                held = target is not None and title_key(target) in registry.entries
                got = pred[k].resolved
                ok = (held and got is not None and title_key(got) == title_key(target)) or (not held and got is None)
                right += ok
                if not ok:
                    problems.append(f"resolution {path} {g['title']}: want {target} got {got}")
    precision, recall = tp / (tp + fp), tp / (tp + fn)
    report = f"P {precision:.3f} R {recall:.3f} resolution {right}/{scored}\n" + "\n".join(problems[:40])
    assert precision >= 0.97 and recall >= 0.97, report
    assert right / scored >= 0.95, report
