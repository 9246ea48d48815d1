"""bench/synth.py, the synthetic archive of the scale test: deterministic, distinct, fictional, and read
back by the pipeline as the levels it was made to have."""
from __future__ import annotations

import csv
import zipfile
from pathlib import Path

import pytest

from bench import synth
from tests.paths import LAWS

pytestmark = pytest.mark.skipif(not (LAWS / "manifest.csv").exists(), reason="../shared/corpus not present")

N = 20


def _generate(out: Path) -> tuple[dict, list[dict]]:
    summary = synth.generate(N, out, seed=11, workers=1, per_zip=10)
    with (out / "synth-manifest.csv").open(encoding="utf-8") as f:
        return summary, list(csv.DictReader(f))


@pytest.fixture(scope="module")
def archive(tmp_path_factory) -> tuple[Path, dict, list[dict]]:
    out = tmp_path_factory.mktemp("synth")
    summary, rows = _generate(out)
    return out, summary, rows


def test_same_seed_same_bytes(archive, tmp_path):
    out, _, rows = archive
    _, again = _generate(tmp_path / "again")
    assert [r["sha256"] for r in again] == [r["sha256"] for r in rows]
    for part in ("part-00001.zip", "part-00002.zip"):
        assert (tmp_path / "again" / part).read_bytes() == (out / part).read_bytes()
    other = {synth.document(12, i)[2] for i in range(5)}
    assert not other & {synth.document(11, i)[2] for i in range(5)}  # another seed, other documents


def test_every_document_distinct(archive):
    out, summary, rows = archive
    assert summary["duplicate_hashes"] == 0 and len({r["sha256"] for r in rows}) == N
    assert summary["zips"] == 2
    with zipfile.ZipFile(out / "part-00001.zip") as z:
        assert len(z.namelist()) == 10


def test_fictional_names_only(archive):
    _, _, rows = archive
    places = {r.name for r in synth.REGIONS}
    for r in rows:
        assert not any(p in r["title"] or p in r["issuer"] for p in synth.REAL_PROVINCES), r["title"]
        assert r["region"] in places and r["issuer"].startswith(r["region"])
        assert r["member"].startswith(r["region"] + "/")


def test_parsed_as_intended(archive):
    """The pipeline reads each file's level as the generator meant it (地方性法规, 规章, 规范性文件, 其他)."""
    from ingest.reader import read_bytes
    from nlp.pipeline import parse_extracted

    out, _, rows = archive
    assert {r["level"] for r in rows} >= {"行政规范性文件", "地方政府规章"}
    wrong = []
    for r in rows:
        with zipfile.ZipFile(out / r["zip"]) as z:
            data = z.read(r["member"])
        meta = parse_extracted(read_bytes(data, r["member"])).metadata
        if meta.level != r["level"] or meta.issuer is None and r["level"] != "地方性法规":
            wrong.append((r["member"], r["level"], meta.level, meta.issuer))
    assert not wrong


def test_refuses_the_repository():
    with pytest.raises(SystemExit):
        synth.generate(1, synth.ROOT / "tmp-synth")
    assert not (synth.ROOT / "tmp-synth").exists()
