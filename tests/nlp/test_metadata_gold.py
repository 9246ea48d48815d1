"""Metadata against tests/data/metadata_gold.csv, written by reading the shared corpus.

Empty gold cells are not scored; "-" means the field must be absent.
"""
import csv
from collections import Counter
from pathlib import Path

import pytest

from ingest.reader import read_path
from nlp.pipeline import parse_extracted
from tests.paths import SHARED_CORPUS

SHARED = SHARED_CORPUS
GOLD = Path(__file__).resolve().parents[1] / "data" / "metadata_gold.csv"
FIELDS = ("title", "doc_number", "issuer", "level", "adopted", "approved", "published", "issued", "effective")

pytestmark = pytest.mark.skipif(not SHARED.exists(), reason="../shared/corpus not present")


def _value(parsed, field):
    meta = parsed.metadata
    if field in ("title", "doc_number", "issuer", "level"):
        return getattr(meta, field)
    d = meta.dates.get(field)
    return d.isoformat() if d else None


def test_metadata_accuracy_on_hand_checked_documents():
    right, total, misses = Counter(), Counter(), []
    for row in csv.DictReader(GOLD.open(encoding="utf-8")):
        parsed = parse_extracted(read_path(SHARED / row["path"]))
        for field in FIELDS:
            want = row[field]
            if not want:
                continue
            want = None if want == "-" else want
            got = _value(parsed, field)
            total[field] += 1
            if got == want:
                right[field] += 1
            else:
                misses.append(f"{row['path']} {field}: want {want!r} got {got!r}")
    assert sum(total.values()) >= 200
    overall = sum(right.values()) / sum(total.values())
    report = "\n".join(misses)
    assert overall >= 0.95, f"overall {overall:.3f}\n{report}"
    for field in FIELDS:
        assert right[field] / total[field] >= 0.9, f"{field}: {right[field]}/{total[field]}\n{report}"
