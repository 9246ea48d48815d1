"""Hypothesis profile of the fuzz suite.

CI (the default): few, derandomized examples, so a failure reproduces on every machine and the
suite stays short; no example database. A long local campaign:

    NORMSCOPE_FUZZ_EXAMPLES=5000 .venv/bin/python -m pytest tests/fuzz

runs that many random (not derandomized) examples per target and keeps failing examples in
.pytest_cache/hypothesis, which is outside version control, so a rerun replays them first.

The profile is registered, not loaded: loading would change the settings of every other
test in the session. Fuzz tests take it through ``tests.fuzz.strategies.fuzz``.
"""
from __future__ import annotations

import os
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis.database import DirectoryBasedExampleDatabase

from tests.fuzz.strategies import PROFILE

_EXAMPLES = int(os.environ.get("NORMSCOPE_FUZZ_EXAMPLES") or 0)
_COMMON = {
    "deadline": None,
    "print_blob": True,
    "suppress_health_check": [HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
}

if _EXAMPLES:
    settings.register_profile(
        PROFILE, max_examples=_EXAMPLES, derandomize=False,
        database=DirectoryBasedExampleDatabase(Path(__file__).resolve().parents[2] / ".pytest_cache" / "hypothesis"),
        **_COMMON)
else:
    settings.register_profile(PROFILE, max_examples=60, derandomize=True, database=None, **_COMMON)
