"""Metadata and article counts of the demo corpus against its answer key (corpus/README.md),
transcribed into tests/data/demo_metadata.csv. Empty cells are not scored; "-" means absent."""
import csv
from pathlib import Path

import pytest

from ingest.reader import read_path
from nlp.pipeline import parse_extracted

ROOT = Path(__file__).resolve().parents[2]
ROWS = list(csv.DictReader((ROOT / "tests" / "data" / "demo_metadata.csv").open(encoding="utf-8")))


@pytest.mark.parametrize("row", ROWS, ids=[r["file"][:16] for r in ROWS])
def test_demo_document_metadata(row):
    doc = parse_extracted(read_path(ROOT / "corpus" / "normative" / row["file"]))
    meta = doc.metadata
    got = {
        "level": meta.level,
        "issuers": "|".join(meta.issuers),
        "doc_number": meta.doc_number,
        "articles": str(len(doc.structure.articles)),
        **{k: (meta.dates[k].isoformat() if k in meta.dates else None) for k in ("issued", "effective", "expires")},
    }
    for field, want in row.items():
        if field == "file" or not want:
            continue
        assert got[field] == (None if want == "-" else want), field
