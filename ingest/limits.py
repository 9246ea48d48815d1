"""Resource limits for reading untrusted files, in one place so an office can tune them."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Limits:
    """Bounds that keep a hostile or broken file from exhausting the machine."""

    max_file_bytes: int = 64 * 1024 * 1024
    max_archive_members: int = 10_000
    max_archive_total_bytes: int = 512 * 1024 * 1024
    max_compression_ratio: float = 200.0
    max_archive_depth: int = 3
    max_pdf_pages: int = 3_000
    convert_timeout_s: int = 120


DEFAULT_LIMITS = Limits()
