"""Facts supplied beside the files (`ingest --manifest CSV`), in the format of the shared laws manifest.

Columns: path, title, level, version_date, effective_date, superseded. Paths are relative to
the manifest's folder. Supplied facts override what the parser reads from the text.
"""
from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from nlp.metadata import LEVELS

# Manifest vocabularies that differ from CONTRACT's level list.
_LEVEL_ALIASES = {"案例": "其他", "规章": "部门规章", "规范性文件": "行政规范性文件", "自治条例": "自治条例和单行条例",
                  "单行条例": "自治条例和单行条例"}


@dataclass(frozen=True)
class Facts:
    """What a manifest row says about one file."""

    title: str | None
    level: str | None
    version_date: str | None
    effective: str | None
    superseded: int | None


class ManifestError(ValueError):
    """A manifest that cannot be used; the message is one line for the user."""


class Manifest:
    """Rows of a manifest, found by the absolute path of the file they describe."""

    def __init__(self, rows: dict[str, Facts]):
        self._by_path = rows
        self._by_name: dict[str, list[tuple[str, Facts]]] = {}
        for full, facts in rows.items():
            self._by_name.setdefault(Path(full).name, []).append((full.replace("\\", "/"), facts))

    @classmethod
    def load(cls, path: str | Path) -> Manifest:
        path = Path(path)
        try:
            with path.open(encoding="utf-8-sig", newline="") as f:
                reader = csv.DictReader(f)
                if not reader.fieldnames or "path" not in reader.fieldnames:
                    raise ManifestError(f"manifest {path}: no 'path' column")
                rows = {str((path.parent / r["path"]).resolve()): _facts(r) for r in reader if r.get("path")}
        except (OSError, UnicodeDecodeError, csv.Error) as exc:
            raise ManifestError(f"manifest {path}: {exc}") from exc
        return cls(rows)

    def lookup(self, source: str) -> Facts | None:
        """Facts for a file path, or for an archive member whose inner path ends like a manifest row."""
        if "!" not in source:
            return self._by_path.get(str(Path(source).resolve()))
        inner = source.split("!")[-1].replace("\\", "/")
        for full, facts in self._by_name.get(Path(inner).name, []):
            if full.endswith("/" + inner):
                return facts
        return None

    def __len__(self) -> int:
        return len(self._by_path)


def _facts(row: dict[str, str]) -> Facts:
    level = (row.get("level") or "").strip() or None
    level = _LEVEL_ALIASES.get(level, level)
    if level and level not in LEVELS:
        level = "其他"
    flag = (row.get("superseded") or "").strip()
    return Facts(
        title=(row.get("title") or "").strip().lstrip("#") or None,
        level=level,
        version_date=(row.get("version_date") or "").strip() or None,
        effective=(row.get("effective_date") or "").strip() or None,
        superseded=int(flag) if flag in ("0", "1") else None,
    )
