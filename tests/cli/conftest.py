import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.paths import SHARED_CORPUS

ROOT = Path(__file__).resolve().parents[2]
SHARED = SHARED_CORPUS


def run_cli(*args: str, env: dict | None = None, check: bool = False) -> subprocess.CompletedProcess:
    """Run `normscope` as a black box, the way outside acceptance tests do."""
    proc = subprocess.run([sys.executable, "-m", "ui.cli", *args], cwd=ROOT, capture_output=True, text=True,
                          env={**os.environ, **(env or {})}, timeout=600)
    if check:
        assert proc.returncode == 0, proc.stderr
    return proc


def run_json(*args: str, env: dict | None = None):
    proc = run_cli(*args, "--json", env=env)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


@pytest.fixture
def cli():
    return run_cli


@pytest.fixture
def cli_json():
    return run_json
