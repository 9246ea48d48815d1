"""Filing review against the gold read by hand (tests/data/filing_gold): precision of error and warning
findings, recall of the problems found by reading, on the tune and the untouched test half.

`python bench/filing_gold.py [STORE] [--write]` reviews the 84 gold documents (each as of its own date,
as at filing) against STORE (../shared/corpus/laws ingested when new) and prints the figures; --write
also stores the run as tests/data/filing_gold/last_run.jsonl. The split is by hash of the path.
"""
from __future__ import annotations

import csv
import hashlib
import json
import re
import sys
from collections import Counter
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

GOLD = ROOT / "tests" / "data" / "filing_gold"
_ARTICLE_RE = re.compile(r"第[一二三四五六七八九十百零\d]+条|^[一二三四五六七八九十]+、")


def half(path: str) -> str:
    """'test' (untouched while tuning) or 'tune', by the parity of the path's SHA-1."""
    return "test" if int(hashlib.sha1(path.encode()).hexdigest(), 16) % 2 else "tune"


def load_gold(pattern: str = "judged_*.jsonl") -> dict[str, dict]:
    """The judged documents: the 84 of the split (judged_*), or the second tuning set (tune2_judged*)."""
    gold = {}
    for f in sorted(GOLD.glob(pattern)):
        for line in f.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                have = gold.setdefault(row["path"], {**row, "findings": [], "missed": []})
                have["findings"] += row.get("findings", [])  # later files judge findings of later runs
                have["missed"] += row.get("missed", [])
    return gold


def _place(location: str | None) -> str:
    m = _ARTICLE_RE.search(location or "")
    return m.group(0) if m else (location or "全文")


def _key(rule: str, location: str | None) -> tuple[str, str]:
    return rule, _place(location)


def score(run: list[dict], gold: dict[str, dict], split=None) -> dict[str, dict]:
    """Per half (``split``: path → name; default the hash halves): judged error/warning findings by verdict,
    unjudged ones, and recall of the real problems."""
    out: dict[str, dict] = {}
    for row in run:
        g = gold.get(row["path"])
        if g is None:
            continue
        h = out.setdefault((split or half)(row["path"]), {"error": Counter(), "warning": Counter(), "found": 0, "problems": 0,
                                               "unjudged": [], "missed": [], "documents": 0})
        h["documents"] += 1
        verdicts = {}
        for f in g["findings"]:
            verdicts.setdefault(_key(f["rule"], f["location"]), f["verdict"])
        missed = {_key(m["rule"], m["location"]): m for m in g["missed"]}
        emitted = set()
        for f in row["findings"]:
            if f["severity"] not in ("error", "warning"):
                continue
            k = _key(f["rule"], f["location"])
            emitted.add(k)
            verdict = verdicts.get(k) or ("true" if k in missed else None)
            if verdict is None:
                h["unjudged"].append((row["path"], f["rule"], f["severity"], f["location"], f["message"][:80]))
                verdict = "unjudged"
            h[f["severity"]][verdict] += 1
        real = {k for k, v in verdicts.items() if v in ("true", "defensible")} | set(missed)
        for k in real:
            h["problems"] += 1
            found = k in emitted or (k[0] == "F602" and row["level"] == g.get("true_level"))
            h["found"] += found
            if not found:
                h["missed"].append((row["path"], *k))
    return out


def precision(c: Counter) -> float | None:
    judged = c["true"] + c["defensible"] + c["false"]
    return (c["true"] + c["defensible"]) / judged if judged else None


def report(scores: dict[str, dict]) -> str:
    lines = ["| half | documents | errors (true+defensible / judged) | warnings | recall | unjudged |",
             "|---|---:|---:|---:|---:|---:|"]
    for name in ("tune", "test", "tune2", "tune3"):
        s = scores.get(name)
        if not s:
            continue
        e, w = s["error"], s["warning"]
        pe, pw = precision(e), precision(w)
        lines.append(f"| {name} | {s['documents']} | {pe if pe is None else round(pe, 2)} "
                     f"({e['true'] + e['defensible']}/{e['true'] + e['defensible'] + e['false']}) | "
                     f"{pw if pw is None else round(pw, 2)} ({w['true'] + w['defensible']}/"
                     f"{w['true'] + w['defensible'] + w['false']}) | {s['found'] / max(1, s['problems']):.2f} "
                     f"({s['found']}/{s['problems']}) | {len(s['unjudged'])} |")
    return "\n".join(lines)


def corpus_manifests(corpus: Path) -> dict[str, dict]:
    """Manifest rows of ../shared/corpus/rules and laws by path under the corpus (rules/…, laws/…)."""
    out = {}
    for sub in ("rules", "laws"):
        for r in csv.DictReader((corpus / sub / "manifest.csv").open(encoding="utf-8")):
            out[f"{sub}/{r['path']}"] = r
    return out


def as_of(rel: str, manifests: dict[str, dict]) -> date:
    """The document's own date (filing time); the corpus' manifest gives it."""
    r = manifests.get(rel, {})
    for k in ("issued", "version_date", "effective", "effective_date"):
        v = r.get(k) or ""
        if re.fullmatch(r"\d{4}-\d\d-\d\d", v):
            return date.fromisoformat(v)
    if re.fullmatch(r"\d{4}", r.get("issued") or ""):
        return date(int(r["issued"]), 12, 31)
    return date.today()


def run(store_path: Path, gold: dict[str, dict]) -> list[dict]:
    """Review the gold documents against the store at ``store_path`` (the shared law corpus ingested when new)."""
    from ingest.manifest import Manifest
    from ingest.run import default_workers, ingest
    from ingest.store import Store
    from tests.paths import SHARED_CORPUS as corpus

    fresh = not store_path.exists()
    store = Store(store_path)
    if fresh:
        ingest([corpus / "laws"], store, Manifest.load(corpus / "laws" / "manifest.csv"), workers=default_workers())
    try:
        return review_gold(store, gold)
    finally:
        store.close()


def review_gold(store, gold: dict[str, dict]) -> list[dict]:
    """Each gold document reviewed as a submitted file, as of its own date; errors and warnings kept."""
    from ingest.checking import make_context, review_file
    from tests.paths import SHARED_CORPUS as corpus

    manifests = corpus_manifests(corpus)
    out = []
    for rel in sorted(gold):
        d = date.fromisoformat(gold[rel]["as_of"]) if gold[rel].get("as_of") else as_of(rel, manifests)
        r = review_file(store, corpus / rel, make_context(store, d)).to_json()
        out.append({"path": rel, "as_of": d.isoformat(), "level": r["document"]["level"],
                    "title": r["document"]["title"], "conclusion": r["conclusion"],
                    "findings": [{k: f[k] for k in ("rule", "severity", "location", "message", "evidence")}
                                 for f in r["findings"] if f["severity"] != "info"]})
    return out


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    gold = load_gold()
    first = [json.loads(x) for x in (GOLD / "first_run.jsonl").read_text(encoding="utf-8").splitlines() if x]
    print("first run\n" + report(score(first, gold)))
    store = Path(args[0]) if args else Path("/tmp/normscope-bench/laws.db")
    now = run(store, gold)
    scores = score(now, gold)
    print("\nthis run\n" + report(scores))
    if "--tune2" in sys.argv:  # the further tuning sets: other documents judged by reading, outside the split
        for name in ("tune2", "tune3"):
            extra = load_gold(f"{name}_judged*.jsonl")
            if not extra:
                continue
            first = [json.loads(x) for x in (GOLD / f"{name}_first_run.jsonl").read_text(encoding="utf-8").splitlines()
                     if x]
            print(f"\n{name} first run\n" + report(score(first, extra, lambda p, n=name: n)))
            print(f"{name} this run\n" + report(score(run(store, extra), extra, lambda p, n=name: n)))
    for name in ("tune",):
        for u in scores.get(name, {}).get("unjudged", [])[:60]:
            print("unjudged", *u)
    if "--dump" in sys.argv:
        Path("/tmp/filing_gold_run.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in now),
                                                      encoding="utf-8")
    if "--write" in sys.argv:
        (GOLD / "last_run.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in now),
                                             encoding="utf-8")


if __name__ == "__main__":
    main()
