"""Archive walking: real laws in Chinese-Windows zips, and zips built to hurt."""
from __future__ import annotations

import io
import stat
import struct
import time
import tracemalloc
import zipfile

import pytest

from ingest.archive import Member, iter_archive
from ingest.limits import Limits

from .samples import ANTI_TERRORISM, EEZ, law, make_zip

MB = 1 << 20


def walk(data: bytes, source: str = "in.zip", limits: Limits = Limits()) -> dict[str, Member]:
    members = list(iter_archive(data, source, limits))
    assert len({m.source for m in members}) == len(members)
    return {m.source: m for m in members}


def _patch_headers(data: bytes, name: bytes, local_at: int, central_at: int, value: bytes) -> bytes:
    """Overwrite one field of a member's local header and central directory entry."""
    out = bytearray(data)
    for signature, offset in ((b"PK\x03\x04", local_at), (b"PK\x01\x02", central_at)):
        start = 0
        while (start := out.find(signature, start)) != -1:
            name_len_at = start + (26 if signature == b"PK\x03\x04" else 28)
            name_len = struct.unpack_from("<H", out, name_len_at)[0]
            name_at = start + (30 if signature == b"PK\x03\x04" else 46)
            if bytes(out[name_at:name_at + name_len]) == name:
                out[start + offset:start + offset + len(value)] = value
            start += 4
    return bytes(out)


def test_nested_folders_gbk_names_and_nested_zip() -> None:
    eez = law(EEZ).encode("gb18030")
    terror = law(ANTI_TERRORISM).encode("utf-8")
    deepest = make_zip({"说明.txt": "附件说明".encode("gb18030")}, raw_names="gbk")
    inner = make_zip({"附件/关于实施的说明.txt": eez, "更深.zip": deepest}, raw_names="gbk")
    outer = make_zip({
        "法规汇编/": b"",
        "法规汇编/行政法规/专属经济区和大陆架法.txt": eez,
        "法规汇编/反恐怖主义法.md": terror,
        "__MACOSX/法规汇编/._反恐怖主义法.md": b"\x00\x05\x16\x07",
        "法规汇编/.DS_Store": b"\x00\x00\x00\x01Bud1",
        "法规汇编/Thumbs.db": b"\xd0\xcf\x11\xe0",
        "法规汇编/~$反恐怖主义法.docx": b"owner",
        "附件.zip": inner,
    }, raw_names="gbk")
    members = walk(outer, "收件/2024.zip")
    assert {s: (m.data, m.error) for s, m in members.items()} == {
        "收件/2024.zip!法规汇编/行政法规/专属经济区和大陆架法.txt": (eez, None),
        "收件/2024.zip!法规汇编/反恐怖主义法.md": (terror, None),
        "收件/2024.zip!附件.zip!附件/关于实施的说明.txt": (eez, None),
        "收件/2024.zip!附件.zip!更深.zip!说明.txt": ("附件说明".encode("gb18030"), None),
    }


def test_utf8_names_without_flag_are_decoded() -> None:
    # Some Linux and macOS tools write UTF-8 names but leave the flag unset.
    data = make_zip({"规章/行政处罚法（草案）.txt": b"x"}, raw_names="utf-8")
    assert list(walk(data)) == ["in.zip!规章/行政处罚法（草案）.txt"]


def test_nesting_deeper_than_the_limit_is_refused() -> None:
    data = make_zip({"第四层.txt": law(EEZ).encode()})
    for level in (3, 2, 1):
        data = make_zip({f"level{level}.zip": data})
    members = walk(data, "top.zip", Limits(max_archive_depth=3))
    assert list(members) == ["top.zip!level1.zip!level2.zip!level3.zip"]
    assert members["top.zip!level1.zip!level2.zip!level3.zip"].error == \
        "nested archive too deep: more than 3 levels"
    assert walk(data, "top.zip", Limits(max_archive_depth=4))[
        "top.zip!level1.zip!level2.zip!level3.zip!第四层.txt"].data == law(EEZ).encode()


def test_path_traversal_absolute_paths_and_symlinks_are_refused() -> None:
    good = law(EEZ).encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in ("../../etc/passwd", "/abs/path/evil.txt", "C:/Windows/evil.txt",
                     "docs\\..\\..\\win.txt", "docs/../../nix.txt"):
            archive.writestr(name, b"root:x:0:0")
        link = zipfile.ZipInfo("法规/link.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/shadow")
        archive.writestr("法规/专属经济区和大陆架法.txt", good)
    members = walk(buffer.getvalue())
    assert members.pop("in.zip!法规/专属经济区和大陆架法.txt").data == good
    assert members.pop("in.zip!法规/link.txt").error == "symbolic link in archive, not followed"
    assert {s: m.error for s, m in members.items()} == {
        "in.zip!../../etc/passwd": "unsafe path in archive: ../../etc/passwd",
        "in.zip!/abs/path/evil.txt": "unsafe path in archive: /abs/path/evil.txt",
        "in.zip!C:/Windows/evil.txt": "unsafe path in archive: C:/Windows/evil.txt",
        "in.zip!docs/../../win.txt": "unsafe path in archive: docs\\..\\..\\win.txt",
        "in.zip!docs/../../nix.txt": "unsafe path in archive: docs/../../nix.txt",
    }


@pytest.fixture(scope="module")
def bomb() -> bytes:
    """300 MB of zeros deflated to about 300 KB, streamed so the test never holds 300 MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("法规.txt", law(EEZ).encode())
        with archive.open("bomb.txt", "w") as member:
            zeros = bytes(MB)
            for _ in range(300):
                member.write(zeros)
    return buffer.getvalue()


def test_zip_bomb_refused_from_its_header(bomb: bytes) -> None:
    started = time.perf_counter()
    members = walk(bomb, "bomb.zip")
    assert time.perf_counter() - started < 1.0  # nothing was inflated
    assert members["bomb.zip!bomb.txt"].error == "zip member too large: 300.0 MB > 64 MB limit"
    assert members["bomb.zip!法规.txt"].data == law(EEZ).encode()


def test_zip_bomb_whose_header_lies_about_its_size(bomb: bytes) -> None:
    # Claim 2 MB uncompressed: passes the size and ratio checks, inflates to 300 MB.
    lying = _patch_headers(bomb, b"bomb.txt", 22, 24, struct.pack("<I", 2 * MB))
    tracemalloc.start()
    try:
        members = walk(lying, "bomb.zip")
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert members["bomb.zip!bomb.txt"].data is None
    assert members["bomb.zip!bomb.txt"].error.startswith("corrupt zip member: Bad CRC-32")
    assert peak < 16 * MB
    assert members["bomb.zip!法规.txt"].data == law(EEZ).encode()


def test_high_compression_ratio_is_refused() -> None:
    data = make_zip({"zeros.txt": bytes(20 * MB), "spaces.txt": b" " * 100_000})
    members = walk(data)
    assert members["in.zip!zeros.txt"].error.endswith("over the 200:1 limit (zip bomb?)")
    assert members["in.zip!spaces.txt"].data == b" " * 100_000  # small files may compress well


def test_archive_total_limit_counts_nested_archives() -> None:
    eez = law(EEZ).encode()
    inner = make_zip({f"{i}.txt": eez for i in range(10)})
    # Room for both nested zips as bytes plus the contents of one of them, with some slack.
    limits = Limits(max_archive_total_bytes=2 * len(inner) + 15 * len(eez))
    members = walk(make_zip({"a.zip": inner, "b.zip": inner}), "two.zip", limits)
    assert sum(1 for m in members.values() if m.data == eez) == 10
    assert members["two.zip!b.zip"].error.startswith("expanded archive too large:")
    # Members still to come count too: a large member after a.zip leaves no room for it.
    big = eez * (len(inner) // len(eez) + 12)
    later = walk(make_zip({"a.zip": inner, "z.txt": big}), "later.zip", limits)
    assert later["later.zip!a.zip"].error.startswith("expanded archive too large:")
    assert later["later.zip!z.txt"].data == big
    whole = walk(make_zip({f"{i}.txt": eez for i in range(100)}), "big.zip", limits)
    assert list(whole) == ["big.zip"]
    assert whole["big.zip"].error.startswith("expanded archive too large:")


def test_too_many_members() -> None:
    members = walk(make_zip({f"{i}.txt": b"x" for i in range(6)}), "many.zip", Limits(max_archive_members=5))
    assert members == {"many.zip": Member("many.zip", None, "zip archive has too many members: 6 > 5 limit")}


def test_encrypted_member_is_refused() -> None:
    data = make_zip({"密件.txt": law(EEZ).encode(), "公开.txt": b"ok"})
    encrypted = _patch_headers(data, "密件.txt".encode(), 6, 8, struct.pack("<H", 0x801))
    members = walk(encrypted)
    assert members["in.zip!密件.txt"].error == "encrypted zip member: password required"
    assert members["in.zip!公开.txt"].data == b"ok"


def test_unsupported_compression_is_refused() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("a.txt", law(EEZ).encode())
    assert walk(buffer.getvalue())["in.zip!a.txt"].error == "unsupported zip compression method 12"


def test_corrupt_archives() -> None:
    good = make_zip({"a.txt": law(EEZ).encode(), "b.txt": law(ANTI_TERRORISM).encode()})
    truncated = walk(good[: len(good) // 2], "cut.zip")
    assert list(truncated) == ["cut.zip"]
    assert truncated["cut.zip"].error.startswith("corrupt zip archive:")
    garbage = walk(b"PK\x03\x04" + bytes(range(256)) * 10, "junk.zip")
    assert garbage["junk.zip"].error.startswith("corrupt zip archive:")
    # Damage the compressed bytes of the first member only.
    damaged = bytearray(good)
    damaged[200:260] = b"\xff" * 60
    members = walk(bytes(damaged))
    assert members["in.zip!a.txt"].error.startswith("corrupt zip member:")
    assert members["in.zip!b.txt"].data == law(ANTI_TERRORISM).encode()
