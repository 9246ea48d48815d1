"""Module-level task functions for the engine tests (workers import them by name)."""
from __future__ import annotations

import os


def square(x: int) -> int:
    return x * x


def die_on(x: int, poison: int) -> int:
    """Kills its worker process on ``poison``, like a crashing C library would."""
    if x == poison:
        os._exit(1)
    return x


def fail_on(x: int, bad: int) -> int:
    if x == bad:
        raise ValueError(f"cannot take {x}")
    return x
