"""Plain text and markdown: find the encoding, normalise newlines, nothing more.

Chinese office files come in UTF-8, UTF-16 (Windows Notepad), GB18030/GBK and Big5.
charset-normalizer alone sometimes mistakes GB18030 for Big5 or cp1252, so every
plausible encoding is tried and the one that yields the most common CJK characters wins.
"""
from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import charset_normalizer

from .extracted import Extracted, Unreadable

_BOMS = (  # UTF-32 first: its little-endian BOM starts with UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# GBK is a subset of GB18030, so one candidate covers both; cp950 is Windows Big5.
_CANDIDATES = ("utf-8", "gb18030", "big5", "cp950", "utf-16-le", "utf-16-be")
_SAMPLE_BYTES = 64 * 1024
_CHINESE_SCORE = 0.6  # correct decodings of Chinese score > 0.9, mojibake < 0.5
_MAX_CONTROL_SHARE = 0.05
_HARMLESS_CONTROLS = set("\t\n\r\f\v\x1a")
_MD_TITLE = re.compile(r"^#[ \t]+(.+?)[ \t#]*$", re.M)


@dataclass(frozen=True)
class _Candidate:
    encoding: str
    score: float  # share of common CJK among non-ASCII, non-space characters
    controls: float  # share of control and replacement characters
    ascii: float  # share of printable ASCII among non-space characters


def read_text(data: bytes, source: str, fmt: str = "txt") -> Extracted:
    """Decode a txt/md file; markdown keeps its markup for the structure parser."""
    text, encoding, warnings = decode_text(data)
    title = None
    if fmt == "md":
        match = _MD_TITLE.search(text)
        title = match.group(1).strip() if match else None
    return Extracted(source=source, format=fmt, text=text, encoding=encoding,
                     title_hint=title, warnings=warnings)


def decode_text(data: bytes, declared: str | None = None) -> tuple[str, str, list[str]]:
    """Return ``(text, encoding, warnings)`` with ``\\r\\n``/``\\r`` turned into ``\\n``.

    ``declared`` is an encoding the file claims (an HTML meta charset): it wins unless
    another encoding reads clearly more Chinese out of the bytes.
    """
    if not data.strip():
        raise Unreadable("empty file")
    encoding, warnings = _choose_encoding(data, declared)
    text = data.decode(encoding, errors="replace")
    bad = text.count("\ufffd")
    if bad:
        warnings.append(f"{bad} byte sequences not valid {encoding} were replaced")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise Unreadable("empty file")
    return text, encoding, warnings


def _choose_encoding(data: bytes, declared: str | None) -> tuple[str, list[str]]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, []
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        if b"\x00" not in data:
            return "utf-8", []
    sample = data[:_SAMPLE_BYTES]
    guess, claimed = _guess(sample), _canonical(declared)
    names = dict.fromkeys(n for n in (claimed, *_CANDIDATES, guess) if n)
    candidates = [_score(sample, name) for name in names]
    readable = [c for c in candidates if c.controls <= _MAX_CONTROL_SHARE]
    if not readable:
        raise Unreadable("binary file, not text")
    best = max(readable, key=lambda c: c.score)  # max keeps the first of equals
    if claimed:
        stated = next((c for c in readable if c.encoding == claimed), None)
        if stated and stated.score >= best.score - 0.05:
            return claimed, []
        return best.encoding, [f"declared charset {declared} is wrong; read as {best.encoding}"]
    if best.score >= _CHINESE_SCORE:
        return best.encoding, []
    # Not Chinese. Almost any bytes decode as UTF-16 without control characters, so a
    # UTF-16 reading only counts as text when it is mostly ASCII.
    plausible = [c for c in readable if c.ascii >= 0.5 or not c.encoding.startswith(("utf-16", "utf-32"))]
    if not plausible:
        raise Unreadable("binary file, not text")
    chosen = next((c for c in plausible if c.encoding == guess), plausible[0])
    return chosen.encoding, [f"encoding uncertain; read as {chosen.encoding}"]


def _canonical(name: str | None) -> str | None:
    """Codec name for a label, with GB2312/GBK widened to GB18030 as browsers do."""
    if not name:
        return None
    try:
        codec = codecs.lookup(name.strip().lower().removeprefix("x-")).name
    except LookupError:
        return None
    return "gb18030" if codec in {"gb2312", "gbk"} else codec


def _guess(sample: bytes) -> str | None:
    best = charset_normalizer.from_bytes(sample).best()
    return _canonical(best.encoding) if best else None


def _score(sample: bytes, encoding: str) -> _Candidate:
    decoder = codecs.getincrementaldecoder(encoding)(errors="replace")
    text = decoder.decode(sample, final=len(sample) < _SAMPLE_BYTES)
    if not text:
        return _Candidate(encoding, 0.0, 1.0, 0.0)
    common = _common_cjk()
    scored = good = controls = ascii_ = 0
    for ch in text:
        if ch == "\ufffd" or (unicodedata.category(ch) == "Cc" and ch not in _HARMLESS_CONTROLS):
            controls += 1
            scored += 1
        elif ch <= "\x7f":
            ascii_ += not ch.isspace()
        elif not ch.isspace():
            scored += 1
            good += ch in common
    visible = max(1, scored + ascii_)
    return _Candidate(encoding, good / scored if scored else 0.0, controls / len(text), ascii_ / visible)


@lru_cache(maxsize=1)
def _common_cjk() -> frozenset[str]:
    """Frequent hanzi (GB2312 level 1, Big5 level 1) plus CJK punctuation."""
    chars: set[str] = set()
    for lead in range(0xB0, 0xD8):
        for trail in range(0xA1, 0xFF):
            chars.update(bytes((lead, trail)).decode("gb2312", errors="ignore"))
    for lead in range(0xA4, 0xC7):
        for trail in (*range(0x40, 0x7F), *range(0xA1, 0xFF)):
            chars.update(bytes((lead, trail)).decode("big5", errors="ignore"))
    chars.update(map(chr, range(0x3000, 0x3040)))  # CJK symbols and punctuation
    chars.update(map(chr, range(0xFF01, 0xFF5F)))  # full-width forms
    chars.update("—‘’“”…·")
    return frozenset(chars)
