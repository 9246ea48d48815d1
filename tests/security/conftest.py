"""Running `normscope` for the security suite: as a black box in a chosen working folder, or in process."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parents[2]


def run_cli(*args: str, cwd: Path, timeout: int = 300) -> subprocess.CompletedProcess:
    """`normscope ARGS` in its own process, started in ``cwd`` (where a naive extractor would write)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, (str(ROOT), os.environ.get("PYTHONPATH"))))}
    return subprocess.run([sys.executable, "-m", "ui.cli", *args], cwd=cwd, capture_output=True, text=True,
                          env=env, timeout=timeout)


def invoke(*args: str):
    """`normscope ARGS` in this process (Typer's runner): the same command code, without a second interpreter."""
    from ui.cli import app

    return CliRunner().invoke(app, [str(a) for a in args])


def files_under(root: Path) -> set[Path]:
    """Every file, folder and link below ``root`` (links are not followed)."""
    return {p for p in root.rglob("*")}
