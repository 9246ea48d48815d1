"""The demo database: the bundled fictional documents, the real laws they cite (from the shared
corpus, when it is beside the checkout), then a filing review of every document, a cleanup, and
the review of the bundled case files."""
from __future__ import annotations

import csv
import os
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from ingest.checking import cleanup_store, make_context, review_stored
from ingest.dossier_review import dossier_paths, review_dossier
from ingest.manifest import Manifest
from ingest.run import Summary, default_workers, ingest
from ingest.store import Store
from nlp.registry import Registry, title_key

ROOT = Path(__file__).resolve().parents[1]
DEMO_CORPUS = ROOT / "corpus" / "normative"
DEMO_DOSSIERS = ROOT / "corpus" / "dossiers"
#: Laws every filing review leans on, loaded beside those the demo documents cite.
RULE_LAWS = ("中华人民共和国行政处罚法", "中华人民共和国行政许可法", "中华人民共和国行政强制法", "中华人民共和国立法法")


def shared_laws() -> Path | None:
    """../shared/corpus/laws beside the checkout, or $NORMSCOPE_CORPUS/laws."""
    base = Path(os.environ.get("NORMSCOPE_CORPUS", ROOT.parent / "shared" / "corpus"))
    laws = base / "laws"
    return laws if (laws / "manifest.csv").exists() else None


@dataclass
class Demo:
    documents: Summary
    laws: Summary | None
    reviews: list[dict] = field(default_factory=list)
    cleanup: dict = field(default_factory=dict)
    dossiers: list[dict] = field(default_factory=list)


def cited_law_files(store: Store, laws: Path) -> list[Path]:
    """Every version file of the laws the stored documents cite, found through the corpus manifest."""
    registry = Registry.from_manifest(laws / "manifest.csv")
    wanted = {title_key(t) for t in RULE_LAWS}
    for title, means in store.db.execute("select title, means from citations where title is not null and form = 0"):
        entry = registry.resolve(means or title).entry
        if entry is not None:
            wanted.add(entry.key)
    with (laws / "manifest.csv").open(encoding="utf-8-sig", newline="") as f:
        return [laws / r["path"] for r in csv.DictReader(f)
                if title_key((r.get("title") or "").lstrip("#")) in wanted and (laws / r["path"]).exists()]


def build_demo(store: Store, as_of: date | None = None, laws: Path | None = None) -> Demo:
    """Ingest the demo set and its laws, review every document, clean up; findings are stored."""
    workers = default_workers()
    docs = ingest([DEMO_CORPUS], store, workers=workers, args={"demo": True})
    law_summary = None
    if laws is not None:
        files = cited_law_files(store, laws)
        law_summary = ingest(files, store, Manifest.load(laws / "manifest.csv"), workers=workers,
                             args={"demo": True, "laws": str(laws)})
    ctx = make_context(store, as_of)
    demo = Demo(docs, law_summary)
    ids = [i for (i,) in store.db.execute(
        "select distinct document_id from versions where source like ? order by document_id", [f"{DEMO_CORPUS}%"])]
    for doc_id in ids:
        demo.reviews.append(review_stored(store, doc_id, ctx).to_json())
    demo.cleanup = cleanup_store(store, ctx, issuer=None)
    demo.dossiers = [review_dossier(p, ctx).to_json() for p in dossier_paths([DEMO_DOSSIERS])]
    return demo
