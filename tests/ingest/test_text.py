"""Plain text and markdown decoding on real laws in the encodings Chinese offices use."""
from __future__ import annotations

import random

import opencc
import pytest

from ingest.extracted import Unreadable
from ingest.text import decode_text, read_text

from .samples import ANTI_TERRORISM, EEZ, law, law_dir

# Big5 cannot encode simplified characters; s2tw gives the Taiwan forms Big5 files hold.
_TO_TRADITIONAL = opencc.OpenCC("s2tw")


@pytest.mark.parametrize(("codec", "reported"), [
    ("gb18030", "gb18030"),
    ("gbk", "gb18030"),  # GBK is a subset of GB18030 and is read as such
    ("utf-8", "utf-8"),
    ("utf-8-sig", "utf-8-sig"),
    ("utf-16", "utf-16"),  # with BOM
    ("utf-16-le", "utf-16-le"),  # Notepad-style without BOM
    ("utf-16-be", "utf-16-be"),
])
def test_law_round_trips_through_encoding(codec: str, reported: str) -> None:
    original = law(ANTI_TERRORISM)
    extracted = read_text(original.encode(codec), "反恐怖主义法.txt")
    assert extracted.text == original
    assert extracted.encoding == reported
    assert extracted.warnings == []


def test_traditional_law_in_big5() -> None:
    traditional = _TO_TRADITIONAL.convert(law(ANTI_TERRORISM))
    extracted = read_text(traditional.encode("big5"), "反恐怖主義法.txt")
    assert extracted.text == traditional
    assert extracted.encoding == "big5"
    assert "第一條 為了防範和懲治恐怖活動" in extracted.text


def test_short_titles_are_not_mistaken_for_korean_or_big5() -> None:
    # Short GB/Big5 snippets are where bare charset detection guesses cp949 or UTF-16.
    checked = 0
    for path in law_dir("行政法规")[:60]:
        title = path.read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()
        for snippet in (title, title[:6]):
            traditional = _TO_TRADITIONAL.convert(snippet)
            assert decode_text(snippet.encode("gb18030"))[0] == snippet
            try:
                data = traditional.encode("big5")
            except UnicodeEncodeError:
                continue
            assert decode_text(data)[0] == traditional
            checked += 1
    assert checked > 50


def test_windows_and_old_mac_newlines_become_newlines() -> None:
    original = law(EEZ)
    windows = read_text(original.replace("\n", "\r\n").encode("gb18030"), "a.txt")
    mac = read_text(original.replace("\n", "\r").encode("utf-16"), "b.txt")
    assert windows.text == original
    assert mac.text == original


def test_markdown_kept_verbatim_with_title_hint() -> None:
    original = law(ANTI_TERRORISM)
    extracted = read_text(original.encode("utf-8"), "反恐怖主义法.md", fmt="md")
    assert extracted.format == "md"
    assert extracted.text == original  # headings and <!-- INFO END --> are the parser's job
    assert extracted.title_hint == "中华人民共和国反恐怖主义法"


def test_plain_text_has_no_markdown_title() -> None:
    assert read_text(law(EEZ).encode("gbk"), "a.txt").title_hint is None


def test_stray_bad_bytes_are_replaced_and_reported() -> None:
    original = law(EEZ)
    data = original.encode("utf-8")
    cut = data.index("第三条".encode()) + 1  # break one character in the middle
    extracted = read_text(data[:cut] + b"\xff" + data[cut:], "a.txt")
    assert extracted.encoding == "utf-8"
    assert "第四条 中华人民共和国为勘查大陆架" in extracted.text
    assert any("replaced" in w for w in extracted.warnings)


@pytest.mark.parametrize("data", [b"", b" \r\n\t \n", "\u3000\n".encode("gb18030"),
                                  "\n\n".encode("utf-16"), b"\xef\xbb\xbf"])
def test_empty_files(data: bytes) -> None:
    with pytest.raises(Unreadable, match="^empty file$"):
        read_text(data, "empty.txt")


@pytest.mark.parametrize("data", [
    random.Random(7).randbytes(20_000),
    b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 40,
    b"\x7fELF\x02\x01\x01" + b"\x00" * 4000 + random.Random(8).randbytes(4000),
    "第一条 为了".encode("gb18030") + b"\x00\x01\x02\x03" * 500,
])
def test_binary_garbage_is_refused(data: bytes) -> None:
    with pytest.raises(Unreadable, match="^binary file, not text$"):
        read_text(data, "notes.txt")
