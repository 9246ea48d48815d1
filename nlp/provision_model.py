"""The trained provision-type classifier (models/provisions/) and, per label, the choice between it
and the rules of nlp/provisions.

The model is a spaCy ``textcat_multilabel`` over character n-grams, trained by
``python -m models.train_provisions`` on rule (weak) labels of the shared corpus. That script
measures rules and model on the hand-checked gold paragraphs (tests/data/provision_types_gold.jsonl,
whose documents it never trains on) and writes ``choice.json`` beside the weights:

- ``model_labels``: the labels where the model beat the rules on the gold; only these are ever
  taken from the model (``MODEL_LABELS``);
- ``thresholds``: a per-label decision threshold tuned on a weak-labelled validation split
  (never on the gold).

Nothing is downloaded: the weights ship in the repository. When the folder is missing the rules
decide every label and a warning says so once. When ``MODEL_LABELS`` is empty the model is not even
loaded, and :func:`classify_types` returns the rule types unchanged.
"""
from __future__ import annotations

import json
import os
import warnings
from collections.abc import Iterable, Sequence
from functools import lru_cache
from pathlib import Path

from nlp.provisions import TYPES

#: Where the trained pipeline lives; $NORMSCOPE_PROVISION_MODEL overrides it.
MODEL_DIR = Path(os.environ.get("NORMSCOPE_PROVISION_MODEL",
                                Path(__file__).resolve().parents[1] / "models" / "provisions"))
#: The labels the model is trained on. 其他 is not one: it is what a paragraph is when no other fits.
LABELS = tuple(t for t in TYPES if t != "其他")
OTHER = "其他"
DEFAULT_THRESHOLD = 0.5


def _read_choice(folder: Path) -> dict:
    try:
        return json.loads((folder / "choice.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


_CHOICE = _read_choice(MODEL_DIR)
#: Labels where the model beat the rules on the held-out gold F1; the rules decide all others.
MODEL_LABELS: frozenset[str] = frozenset(t for t in _CHOICE.get("model_labels", []) if t in LABELS)
#: Per-label thresholds tuned on weak-labelled validation data (0.5 where none was written).
THRESHOLDS: dict[str, float] = {t: float(_CHOICE.get("thresholds", {}).get(t, DEFAULT_THRESHOLD)) for t in LABELS}

_warned: set[str] = set()


def _warn_missing(folder: Path) -> None:
    if str(folder) not in _warned:
        _warned.add(str(folder))
        warnings.warn(f"provision model not found at {folder}; provision types come from the rules only",
                      RuntimeWarning, stacklevel=3)


@lru_cache(maxsize=2)
def _load(folder: str):
    """The trained pipeline, or None when it is not there. Loaded once per process."""
    path = Path(folder)
    if not (path / "config.cfg").exists():
        return None
    import spacy

    import nlp.tokenizer  # noqa: F401 - registers normscope.CharTokenizer.v1, named in the saved config
    return spacy.load(path)


def load_model(folder: Path | str | None = None):
    """The trained pipeline, or None (with one warning) when the folder is missing."""
    folder = MODEL_DIR if folder is None else folder
    model = _load(str(folder))
    if model is None:
        _warn_missing(Path(folder))
    return model


def available(folder: Path | str | None = None) -> bool:
    return _load(str(MODEL_DIR if folder is None else folder)) is not None


def scores(texts: Iterable[str], model=None, batch_size: int = 256) -> list[dict[str, float]]:
    """The model's probability per label for each text; empty dicts when there is no model."""
    texts = list(texts)
    model = model if model is not None else load_model()
    if model is None:
        return [{} for _ in texts]
    return [dict(doc.cats) for doc in model.pipe(texts, batch_size=batch_size)]


def decide(cats: dict[str, float], thresholds: dict[str, float] | None = None) -> set[str]:
    """The labels whose score reaches their threshold; {其他} when none does."""
    thresholds = thresholds or THRESHOLDS
    found = {t for t in LABELS if cats.get(t, 0.0) >= thresholds.get(t, DEFAULT_THRESHOLD)}
    return found or {OTHER}


def predict(texts: Iterable[str], thresholds: dict[str, float] | None = None, model=None) -> list[set[str]]:
    """The model's types for each text (tuned thresholds by default); empty sets when there is no model."""
    texts = list(texts)
    model = model if model is not None else load_model()
    if model is None:
        return [set() for _ in texts]
    return [decide(c, thresholds) for c in scores(texts, model)]


def combine(rule_types: Sequence[str], model_types: set[str] | None, model_labels: Iterable[str]) -> list[str]:
    """Rule types for the labels the rules own, the model's decision for ``model_labels``; TYPES order."""
    owned = set(model_labels) & set(LABELS)
    if not owned or model_types is None:
        return list(rule_types)
    chosen = {t for t in rule_types if t not in owned and t != OTHER} | (set(model_types) & owned)
    return [t for t in TYPES if t in chosen] or [OTHER]


def classify_types(text: str, rule_types: Sequence[str], model_labels: Iterable[str] | None = None) -> list[str]:
    """The types of one paragraph: the rules' where they won on the gold, the model's where it did."""
    return classify_types_many([text], [rule_types], model_labels)[0]


def classify_types_many(texts: Sequence[str], rule_types: Sequence[Sequence[str]],
                        model_labels: Iterable[str] | None = None) -> list[list[str]]:
    """:func:`classify_types` for many paragraphs, with one batched pass of the model."""
    owned = set(MODEL_LABELS if model_labels is None else model_labels) & set(LABELS)
    if not owned:
        return [list(r) for r in rule_types]
    model = load_model()
    if model is None:
        return [list(r) for r in rule_types]
    return [combine(r, m, owned) for r, m in zip(rule_types, predict(texts, model=model))]
