"""Walk .zip archives in memory, member by member, refusing what could hurt the machine.

Offices send folders of documents as zips made on Chinese Windows (GBK names without the
UTF-8 flag), sometimes zips inside zips. Nothing is extracted to disk, and every size a
header declares is checked before reading and enforced while reading.
"""
from __future__ import annotations

import io
import re
import stat
import zipfile
from dataclasses import dataclass
from typing import Iterator

from .detect import ZIP_ERRORS, sniff
from .limits import DEFAULT_LIMITS, Limits

_UTF8_FLAG = 0x800
_ENCRYPTED_FLAG = 0x1
_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}  # bzip2/lzma inflate unbounded per call
_RATIO_FLOOR = 1 << 20  # below 1 MB a high ratio (a page of spaces) expands to nothing harmful
_CHUNK = 1 << 20
_JUNK_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}
_CJK = re.compile(r"[\u3400-\u9fff]")
_UNITS = (("GB", 1 << 30), ("MB", 1 << 20), ("KB", 1 << 10), ("bytes", 1))


@dataclass(frozen=True)
class Member:
    """One file of an archive: its bytes, or the one-line reason it was refused."""

    source: str
    data: bytes | None = None
    error: str | None = None


@dataclass
class _Budget:
    """Declared sizes and member counts reserved so far by the archives of one walk."""

    bytes: int = 0
    members: int = 0


def too_large(what: str, size: int, limit: int) -> str:
    """``file too large: 200.0 MB > 64 MB limit``, in the unit that suits the limit."""
    unit, scale = next(((u, s) for u, s in _UNITS if limit >= s), _UNITS[-1])
    shown = f"{size / scale:.1f}" if scale > 1 else str(size)
    return f"{what} too large: {shown} {unit} > {limit / scale:g} {unit} limit"


def iter_archive(data: bytes, source: str, limits: Limits = DEFAULT_LIMITS) -> Iterator[Member]:
    """Yield the files of a zip as ``archive.zip!folder/file.docx`` (nested: ``a.zip!b.zip!c.txt``)."""
    yield from _walk(data, source, limits, 1, _Budget())


def _walk(data: bytes, source: str, limits: Limits, depth: int, budget: _Budget) -> Iterator[Member]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except ZIP_ERRORS as exc:
        yield Member(source, error=f"corrupt zip archive: {exc}")
        return
    with archive:
        members = budget.members + len(infos)
        expanded = budget.bytes + sum(info.file_size for info in infos)
        if members > limits.max_archive_members:
            yield Member(source, error=f"zip archive has too many members: {members} > "
                                       f"{limits.max_archive_members} limit")
            return
        if expanded > limits.max_archive_total_bytes:
            yield Member(source, error=too_large("expanded archive", expanded, limits.max_archive_total_bytes))
            return
        budget.members, budget.bytes = members, expanded
        for info in infos:
            name = _member_name(info)
            if _is_directory(info, name) or _is_junk(name):
                continue
            shown = name.replace("\\", "/")
            member = f"{source}!{shown}"
            reason = _refusal(info, name, limits)
            if reason:
                yield Member(member, error=reason)
                continue
            try:
                content = _read(archive, info)
            except ZIP_ERRORS as exc:
                yield Member(member, error=f"corrupt zip member: {exc}")
                continue
            if sniff(content, name) != "zip":
                yield Member(member, data=content)
            elif depth >= limits.max_archive_depth:
                yield Member(member, error=f"nested archive too deep: more than "
                                           f"{limits.max_archive_depth} levels")
            else:
                yield from _walk(content, member, limits, depth + 1, budget)


def _member_name(info: zipfile.ZipInfo) -> str:
    """Undo zipfile's cp437 reading of names written by tools that don't flag UTF-8."""
    if info.flag_bits & _UTF8_FLAG:
        return info.filename
    raw = info.filename.encode("cp437")
    for encoding in ("utf-8", "gb18030"):
        try:
            name = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _CJK.search(name):
            return name
    return info.filename


def _is_directory(info: zipfile.ZipInfo, name: str) -> bool:
    return name.endswith(("/", "\\")) or bool(info.external_attr & 0x10)  # 0x10: DOS directory


def _is_junk(name: str) -> bool:
    parts = re.split(r"[\\/]", name)
    base = parts[-1]
    return "__MACOSX" in parts or base in _JUNK_NAMES or base.startswith(("._", "~$"))


def _refusal(info: zipfile.ZipInfo, name: str, limits: Limits) -> str | None:
    """Why a member must not be read, judged from its header alone."""
    parts = re.split(r"[\\/]", name)
    if name.startswith(("/", "\\")) or re.match(r"[A-Za-z]:", name) or ".." in parts:
        return f"unsafe path in archive: {name}"
    if stat.S_ISLNK(info.external_attr >> 16):
        return "symbolic link in archive, not followed"
    if info.flag_bits & _ENCRYPTED_FLAG:
        return "encrypted zip member: password required"
    if info.compress_type not in _METHODS:
        return f"unsupported zip compression method {info.compress_type}"
    if info.file_size > limits.max_file_bytes:
        return too_large("zip member", info.file_size, limits.max_file_bytes)
    ratio = info.file_size / max(info.compress_size, 1)
    if info.file_size > _RATIO_FLOOR and ratio > limits.max_compression_ratio:
        return (f"compression ratio {ratio:.0f}:1 over the {limits.max_compression_ratio:g}:1 "
                f"limit (zip bomb?)")
    return None


def _read(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> bytes:
    """Read a member in chunks, stopping as soon as it outgrows the size it declared
    (which the caller checked against the limits): a lying header costs no memory."""
    chunks, total = [], 0
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            total += len(chunk)
            if total > info.file_size:
                raise ValueError("member expands past the size its header declares")
            chunks.append(chunk)
    return b"".join(chunks)
