"""Stores for the UI tests: the demo documents plus each test module's own, and the app pointed at them."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ingest.run import ingest
from ingest.store import Store

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = "<script>alert(1)</script>"
HOSTILE_TITLE = "临江市测试局关于规范测试活动的通知"
#: A notice whose text would run as script or render as markup if any page rendered it as HTML.
HOSTILE = f"""{HOSTILE_TITLE}

临测发〔2024〕1号

各区县测试部门：

一、从事测试活动的单位应当遵守本通知。{SCRIPT}**粗体**
二、本通知自2024年3月1日起施行，有效期五年。

临江市测试局
2024年2月1日
"""


MARKUP_KINDS = ("markdown", "caption", "html", "latex", "title", "header", "subheader", "info", "warning",
                "error", "success", "exception", "toast")


def assert_no_markup(at) -> None:
    """No element that renders Markdown or HTML, and no widget label, carries the hostile text."""
    for kind in MARKUP_KINDS:
        for element in at.get(kind):
            value = str(getattr(element, "value", ""))
            assert "<script" not in value, kind
            assert "**粗体**" not in value, kind
            assert "javascript:" not in value and "onerror" not in value, kind
    for widget in (*at.button, *at.selectbox, *at.multiselect, *at.text_input, *at.get("expander"),
                   *at.get("file_uploader"), *at.get("download_button")):
        assert "<script" not in str(getattr(widget, "label", "")), widget


def demo_store(root: Path, extra: dict[str, str]) -> Path:
    """A store of corpus/normative and the ``extra`` documents (file name → text)."""
    docs = root / "docs"
    shutil.copytree(ROOT / "corpus" / "normative", docs)
    for name, text in extra.items():
        (docs / name).write_text(text, encoding="utf-8")
    path = root / "ui.db"
    store = Store(path)
    ingest([docs], store, workers=1)
    store.close()
    return path


@pytest.fixture
def env(db_file, monkeypatch) -> Path:
    """The app reads its database from $NORMSCOPE_DB (AppTest cannot pass arguments)."""
    monkeypatch.setenv("NORMSCOPE_DB", str(db_file))
    return db_file
