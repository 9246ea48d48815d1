"""End to end: `normscope ui` served by Streamlit, driven in a real headless Chromium by Playwright.

Needs Debian's chromium (/usr/bin/chromium; tests/run.sh installs it as root) and the playwright
package (the dev extra). Playwright's own browser download is never used: the test launches the
system Chromium. Skipped when either is missing.
"""
from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.paths import ROOT
from tests.ui.conftest import demo_store

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BIKES = "临江市城市管理局关于加强互联网租赁自行车停放管理的通知"
REVIEWER = "张三"
TIMEOUT_MS = 30_000
STARTUP_S = 60

if not CHROMIUM.exists():
    pytest.skip(f"{CHROMIUM} not found (apt-get install chromium)", allow_module_level=True)
try:
    from playwright.sync_api import expect, sync_playwright
except ImportError:
    pytest.skip("playwright is not installed (pip install playwright)", allow_module_level=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def db_file(tmp_path_factory) -> Path:
    return demo_store(tmp_path_factory.mktemp("e2e"), {})


@pytest.fixture(scope="module")
def server(db_file, tmp_path_factory):
    """`normscope ui` on a free port; yields its base URL and stops it (and Streamlit under it) after."""
    port = free_port()
    log = tmp_path_factory.mktemp("e2e-server") / "server.log"
    env = {**os.environ, "STREAMLIT_SERVER_FILE_WATCHER_TYPE": "none",
           "STREAMLIT_BROWSER_GATHER_USAGE_STATS": "false"}
    with log.open("wb") as out:
        # its own process group: `normscope ui` runs Streamlit as a child, and both must go at the end
        proc = subprocess.Popen([sys.executable, "-m", "ui.cli", "ui", "--db", str(db_file), "--port", str(port)],
                                cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_S
        while True:
            if proc.poll() is not None:
                pytest.fail(f"normscope ui exited with {proc.returncode}:\n{log.read_text(errors='replace')}")
            try:
                with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as resp:
                    if resp.read().decode().strip() == "ok":
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"normscope ui not healthy after {STARTUP_S} s:\n{log.read_text(errors='replace')}")
            time.sleep(0.5)
        yield base
    finally:
        try:
            os.killpg(proc.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait(timeout=15)


def decisions_by(db_file: Path, reviewer: str) -> list[tuple]:
    with sqlite3.connect(db_file) as conn:
        if not conn.execute("select 1 from sqlite_master where name = 'decisions'").fetchone():
            return []
        return conn.execute("select finding_id, decision, reviewer from decisions where reviewer = ?",
                            [reviewer]).fetchall()


def settle(page) -> None:
    """Wait until Streamlit's current run is over and no element of the previous run is left (stale).

    Call it after something shows that the run an action started has begun: a click on a widget drawn
    by a run still going may land on an element that is about to be replaced, and be lost."""
    expect(page.locator("[data-testid='stApp'][data-test-script-state='notRunning']")).to_be_attached()
    expect(page.locator("[data-stale='true']")).to_have_count(0)


def test_search_then_dismiss_a_finding_in_chromium(server, db_file, tmp_path):
    assert decisions_by(db_file, REVIEWER) == []
    with sync_playwright() as pw:
        # launch() gives every run a fresh temporary profile (user-data dir) of its own
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(TIMEOUT_MS)
            expect.set_options(timeout=TIMEOUT_MS)
            page.goto(server)
            expect(page.get_by_role("heading", name="概览")).to_be_visible()
            settle(page)

            # 法规检索: full-text search
            page.get_by_role("link", name="法规检索").click()
            expect(page.get_by_role("heading", name="法规检索")).to_be_visible()
            settle(page)
            query = page.get_by_label("检索词")
            query.fill("扬尘")
            query.press("Enter")
            found = page.get_by_text("找到", exact=False).filter(has_text="条")
            expect(found).to_be_visible()
            settle(page)
            assert "找到 0 条" not in found.inner_text()

            # 备案审查: reviewer, document, dismiss the first finding
            page.get_by_role("link", name="备案审查").click()
            expect(page.get_by_role("heading", name="备案审查")).to_be_visible()
            expect(page.get_by_text("审查结论：")).to_be_visible()  # the first review (law registry) is done
            settle(page)
            who = page.get_by_label("审查人")
            who.fill(REVIEWER)
            who.press("Enter")
            expect(page.get_by_text("请在侧栏填写审查人")).to_have_count(0)  # the rerun with the name has begun
            settle(page)
            select = page.get_by_role("combobox", name="文件")  # the selectbox's input shows the choice
            expect(select).to_be_visible()
            if BIKES not in select.input_value():
                select.click()
                page.get_by_role("option", name=BIKES).click()
            expect(select).to_have_value(re.compile(BIKES))
            expect(page.get_by_text(BIKES + "  行政规范性文件").first).to_be_visible()
            settle(page)
            dismiss = page.get_by_role("button", name="不采纳").first
            expect(dismiss).to_be_enabled()
            dismiss.click()
            expect(page.get_by_text(f"决定：不采纳（{REVIEWER}").first).to_be_visible()

            deadline = time.monotonic() + TIMEOUT_MS / 1000
            while not (rows := decisions_by(db_file, REVIEWER)) and time.monotonic() < deadline:
                time.sleep(0.25)
            assert rows and rows[0][1] == "dismissed"

            shot = tmp_path / "review.png"
            page.screenshot(path=str(shot), full_page=True)
        finally:
            browser.close()
    assert shot.exists() and shot.stat().st_size > 0
    kept = tmp_path / "e2e-review.png"  # a second copy with a name that says what it is
    shutil.copyfile(shot, kept)
    print(f"\nscreenshot: {shot}\ncopy: {kept}")
