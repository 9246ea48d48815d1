"""The power-allocation table (powers.toml), read once: who may set which power."""
from __future__ import annotations

import re
import tomllib
from datetime import date
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


_BUSINESS_LICENCE_RE = re.compile(r"吊销[^。；，,]{0,12}?营业执照")
# A case sent on to the authority that revokes under its own law (提请工商行政管理部门依法吊销营业执照);
# 由市场监督管理部门吊销营业执照 still sets the revocation in this text.
_REGISTRAR_RE = re.compile(r"(?:提请|告知|通知|移送|建议)[^。；]{0,20}?吊销|依法吊销|吊销[^。；]{0,16}?的建议")


def revokes_business_licence(text: str) -> bool:
    """The clause itself revokes a 营业执照 (what 行政处罚法 第十二条 keeps from 地方性法规), rather
    than another licence, or sends the case to the authority that may revoke it under another law."""
    m = _BUSINESS_LICENCE_RE.search(text)
    return m is not None and not _REGISTRAR_RE.search(text[max(0, m.start() - 30):m.end() + 8])


def power_rule(power: str, level: str, as_of: date | None = None) -> dict[str, Any] | None:
    """The table row for ``power`` at ``level``, or None when that rank is not checked for it
    (or, with ``as_of``, when the allocation was not yet law on that day)."""
    since = table()["since"].get(power)
    if as_of is not None and since is not None and as_of < since:
        return None
    return table().get(power, {}).get(level)


def beyond(power: str, level: str, kinds: list[str], text: str, as_of: date | None = None) -> list[str]:
    """The kinds of ``power`` a document of ``level`` may not set itself (all of them when it may set none).

    吊销营业执照 is told from other 吊销 by the licence the text names.
    """
    row = power_rule(power, level, as_of)
    if row is None:
        return []
    allowed, barred = row.get("may_set", []), set(row.get("may_not_set", []))
    if "吊销许可证件" in kinds and "吊销营业执照" in barred and revokes_business_licence(text):
        kinds = [k if k != "吊销许可证件" else "吊销营业执照" for k in kinds]
    if "*" in allowed:
        return [k for k in kinds if k in barred]
    return [k for k in kinds if k not in allowed]
