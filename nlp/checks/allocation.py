"""The power-allocation table (powers.toml), read once: who may set which power."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

POWERS = Path(__file__).with_name("powers.toml")
#: The provision type (nlp/provisions.TYPES) each power of the table is recognised by.
POWER_TYPES = {"penalty": "处罚", "permit": "许可", "coercion": "强制", "fee": "收费"}


@lru_cache(maxsize=1)
def table() -> dict[str, dict[str, dict[str, Any]]]:
    with POWERS.open("rb") as f:
        return tomllib.load(f)


def power_rule(power: str, level: str) -> dict[str, Any] | None:
    """The table row for ``power`` at ``level``, or None when that rank is not checked for it."""
    return table().get(power, {}).get(level)


def beyond(power: str, level: str, kinds: list[str], text: str) -> list[str]:
    """The kinds of ``power`` a document of ``level`` may not set itself (all of them when it may set none).

    吊销营业执照 is told from other 吊销 by the licence the text names.
    """
    row = power_rule(power, level)
    if row is None:
        return []
    allowed, barred = row.get("may_set", []), set(row.get("may_not_set", []))
    if "营业执照" in text and "吊销许可证件" in kinds and "吊销营业执照" in barred:
        kinds = [k if k != "吊销许可证件" else "吊销营业执照" for k in kinds]
    if "*" in allowed:
        return [k for k in kinds if k in barred]
    return [k for k in kinds if k not in allowed]
