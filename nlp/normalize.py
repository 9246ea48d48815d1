"""A normalised copy of a text for matching, with a map back to the original offsets.

Patterns run on simplified, width-folded text with scraping noise removed, while every
offset shown to a user still points into the text as the user wrote it.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

import opencc

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_WIDTH = str.maketrans(
    {**{chr(0xFF10 + i): chr(0x30 + i) for i in range(10)},
     **{chr(0xFF21 + i): chr(0x41 + i) for i in range(26)},
     **{chr(0xFF41 + i): chr(0x61 + i) for i in range(26)},
     "\u00a0": " ", "\u3000": " ", "\t": " "}
)
_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüńňǹḿ"
# Deleted outright: zero-width characters (first, so that no other rule sees them), and pinyin
# glosses after a CJK character: 鎮(zhèn).
_INVISIBLE_RE = re.compile(r"[\u200b-\u200f\u2060\ufeff\u00ad]+")
_DROP_RE = re.compile(rf"(?<=[{_CJK}])[(（]\s*[a-z{_TONED}]{{1,7}}[1-5]?\s*[)）]")
# Whitespace between two CJK characters is noise, unless it follows a structural label.
_GAP_RE = re.compile(rf"(?<=[{_CJK}])[ \t\u3000\u00a0]+(?=[{_CJK}（(《])")
_LABEL_END_RE = re.compile(r"第[0-9〇零一二三四五六七八九十百千]+[编章节条款](?:之[一二三四五六七八九十]+)?$")


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


@lru_cache(maxsize=65536)
def _t2s_char(c: str) -> str:
    out = _t2s().convert(c)
    return out if len(out) == 1 else c


def to_simplified(text: str) -> str:
    """Traditional → simplified, character for character so that offsets survive. A line with no
    traditional character is left alone: OpenCC's phrase table rewrites some simplified text (坏土地 →
    坯土地, as if 坏 were the old form of 坯)."""
    out = _t2s().convert(text)
    if out == text:
        return text
    lines = []
    for line in text.split("\n"):
        conv = _t2s().convert(line)
        if conv == line or all(_t2s_char(c) == c for c in line):
            lines.append(line)
        else:
            lines.append(conv if len(conv) == len(line) else "".join(map(_t2s_char, line)))
    return "\n".join(lines)


@dataclass(frozen=True)
class Normalized:
    """Normalised text and the segments that map it back onto the original."""

    text: str
    original: str
    _norm_starts: tuple[int, ...]
    _orig_starts: tuple[int, ...]

    def to_orig(self, i: int) -> int:
        """Original offset of normalised offset ``i`` (a start position)."""
        if i >= len(self.text):
            return len(self.original)
        k = bisect_right(self._norm_starts, i) - 1
        return self._orig_starts[k] + (i - self._norm_starts[k])

    def from_orig(self, i: int) -> int:
        """Normalised offset of original offset ``i``; a deleted character maps to what follows it."""
        k = bisect_right(self._orig_starts, i) - 1
        seg_end = self._norm_starts[k + 1] if k + 1 < len(self._norm_starts) else len(self.text)
        return min(self._norm_starts[k] + (i - self._orig_starts[k]), seg_end)

    def norm_slice(self, start: int, end: int) -> str:
        """The normalised text of the original span [start, end)."""
        return self.text[self.from_orig(start):self.from_orig(end)]

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of the normalised half-open span [start, end)."""
        if end <= start:
            o = self.to_orig(start)
            return o, o
        return self.to_orig(start), self.to_orig(end - 1) + 1


def normalize(text: str) -> Normalized:
    """Simplify, fold widths, drop glosses, zero-width marks and stray spaces between characters."""
    folded = to_simplified(text).translate(_WIDTH)
    invisible = [m.span() for m in _INVISIBLE_RE.finditer(folded)]
    # Glosses and gaps are found as if the zero-width marks were not there (第\u200b二条 is 第二条),
    # on ``visible``; ``to_folded`` maps its offsets back.
    visible = _INVISIBLE_RE.sub("", folded) if invisible else folded
    marks, removed = [], []  # where in ``visible`` each run was, and the characters removed up to it
    total = 0
    for a, b in invisible:
        marks.append(a - total)
        total += b - a
        removed.append(total)

    def to_folded(a: int, b: int) -> tuple[int, int]:
        k, j = bisect_right(marks, a) - 1, bisect_right(marks, b - 1) - 1
        return a + (removed[k] if k >= 0 else 0), b + (removed[j] if j >= 0 else 0)

    spans: list[tuple[int, int]] = [m.span() for m in _DROP_RE.finditer(visible)]
    for m in _GAP_RE.finditer(visible):
        before = visible[max(0, m.start() - 12):m.start()]
        if _LABEL_END_RE.search(before.replace(" ", "")):
            if m.end() - m.start() > 1:
                spans.append((m.start() + 1, m.end()))
        else:
            spans.append(m.span())
    for m in re.finditer(r" {2,}", visible):
        spans.append((m.start() + 1, m.end()))
    drops = invisible + [to_folded(a, b) for a, b in spans]
    drops.sort()
    parts: list[str] = []
    norm_starts, orig_starts = [0], [0]
    pos = n = 0
    for a, b in drops:
        if b <= pos:
            continue
        a = max(a, pos)
        parts.append(folded[pos:a])
        n += a - pos
        pos = b
        norm_starts.append(n)
        orig_starts.append(b)
    parts.append(folded[pos:])
    return Normalized("".join(parts), text, tuple(norm_starts), tuple(orig_starts))
