"""F501 contradictions and F502 repetitions between a document and the other local documents of
its region (same 市/县/省 as the issuer): the checks a cleanup team calls 相互矛盾 and 重复规定.

A contradiction is two clauses that say the same thing with different numbers: with every
quantity masked (工程开工#日前, 主要路段围挡高度不低于#米) their words agree, their units agree,
and the values differ. Chinese and Arabic numerals are compared as values.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process

from nlp.checks.context import Context, PeerProvision, rank
from nlp.checks.rules import Finding, finding
from nlp.checks.units import Unit
from nlp.document import ParsedDocument
from nlp.numbers import cn_to_int

_REGION_RE = re.compile(r"^.{2,8}?(?:自治区|自治州|省|市|县|区|州|盟|旗)")
_CN_NUM = "零〇一二两三四五六七八九十百千万"
_QTY_RE = re.compile(
    rf"(?P<n>[0-9０-９]+(?:[.．][0-9０-９]+)?(?:万|千)?|[{_CN_NUM}]+(?:点[零〇一二三四五六七八九]+)?)\s*"
    r"(?P<u>个工作日|工作日|个月|小时|分钟|日|天|年|平方米|立方米|厘米|毫米|千米|公里|米|分贝|吨|万元|元|%)"
)
_SPLIT_RE = re.compile(r"[，,；;。：:\n]|(?:[（(][一二三四五六七八九十\d]+[)）])|(?<![\d.．])\d{1,2}[.．、](?!\d)")
_LEAD_RE = re.compile(r"^\s*(?:第[^条\s]{1,8}条(?:之[一二三四五六七八九十])?|[一二三四五六七八九十]+、)\s*")
_STRIP_RE = re.compile(r"[\s，,。；;：:、“”‘’《》（）()\[\]【】〔〕·．.]|^(?:第[^条]{1,8}条)")
_UNIT_ALIASES = {"天": "日", "个工作日": "工作日", "公里": "千米", "个月": "月"}
_SKIP_RE = re.compile(r"罚款|年度|\d{4}年|[〇零][一二三四五六七八九〇零]{3}年")  # fines go to F105; dates are not limits


def region(issuers: list[str]) -> str | None:
    """临江市住房和城乡建设局 → 临江市: the place whose documents must agree with each other."""
    for issuer in issuers:
        m = _REGION_RE.match(issuer)
        if m and not m.group().startswith(("国务院", "全国", "中华人民共和国")):
            return m.group()
    return None


@dataclass(frozen=True)
class _Fact:
    key: str  # the clause with quantities masked
    values: tuple[float, ...]
    units: tuple[str, ...]
    start: int  # offsets of the clause in its text
    end: int


def _value(n: str) -> float | None:
    n = n.translate(str.maketrans("０１２３４５６７８９．", "0123456789."))
    scale = 1
    if n[-1] in "万千" and n[:-1].replace(".", "").isdigit():
        scale, n = (10000 if n[-1] == "万" else 1000), n[:-1]
    if re.fullmatch(r"\d+(?:\.\d+)?", n):
        return float(n) * scale
    whole, _, frac = n.partition("点")
    base = cn_to_int(whole) if whole else 0
    if base is None:
        return None
    digits = "零一二三四五六七八九"
    return base + (float("0." + "".join(str(digits.index(c.replace("〇", "零"))) for c in frac)) if frac else 0.0)


def facts(text: str) -> list[_Fact]:
    """Each clause of ``text`` that states a quantity, as a masked key with its values."""
    out = []
    pos = 0
    for piece in _SPLIT_RE.split(text):
        start = text.find(piece, pos) if piece else pos
        pos = start + len(piece)
        if not piece or _SKIP_RE.search(piece):
            continue
        qtys = list(_QTY_RE.finditer(piece))
        values = [_value(m["n"]) for m in qtys]
        if not qtys or None in values:
            continue
        units = tuple(_UNIT_ALIASES.get(m["u"], m["u"]) for m in qtys)
        key = _QTY_RE.sub(lambda m: "#" + _UNIT_ALIASES.get(m["u"], m["u"]), piece)
        key = _STRIP_RE.sub("", _LEAD_RE.sub("", key))
        if len(key.replace("#", "")) - sum(len(u) for u in units) < 6:
            continue  # 三十日内: too little said to know what the number is about
        out.append(_Fact(key, tuple(values), units, start, start + len(piece)))
    return out


def normalise_block(text: str) -> str:
    """Text of a provision without labels, item markers, spaces or punctuation, for repetition."""
    text = _LEAD_RE.sub("", text)
    text = re.sub(r"[（(][一二三四五六七八九十\d]+[)）]|(?<![\d.．])\d{1,2}[.．、](?!\d)", "", text)
    return _STRIP_RE.sub("", text)


class PeerIndex:
    """The provisions of a region's documents, indexed for both checks; built once per region and run."""

    def __init__(self, peers: list[PeerProvision]):
        self.peers = peers
        self.fact_rows: list[tuple[_Fact, PeerProvision]] = [(f, p) for p in peers for f in facts(p.text)]
        self.fact_keys = [f.key for f, _ in self.fact_rows]
        blocks: dict[tuple[int, str], PeerProvision] = {}
        for p in peers:
            blocks.setdefault((p.document_id, p.block_location), p)
        self.blocks = list(blocks.values())
        self.block_keys = [normalise_block(p.block_text) for p in self.blocks]


def check_conflicts(doc: ParsedDocument, units: list[Unit], ctx: Context, index: PeerIndex,
                    doc_date: date | None) -> list[Finding]:
    """F501 for clauses contradicting another document of the region, F502 for blocks repeating an earlier one."""
    return _contradictions(doc, units, ctx, index) + _repetitions(doc, units, ctx, index, doc_date)


def _contradictions(doc: ParsedDocument, units: list[Unit], ctx: Context, index: PeerIndex) -> list[Finding]:
    if not index.fact_keys:
        return []
    cutoff = ctx.settings["conflicts"]["same_matter"]
    found, reported = [], set()
    for u in units:
        for fact in facts(u.text):
            for _, score, i in process.extract(fact.key, index.fact_keys, scorer=fuzz.ratio, score_cutoff=cutoff,
                                               limit=5):
                other, peer = index.fact_rows[i]
                if peer.document_id == ctx.document_id or other.units != fact.units or other.values == fact.values:
                    continue
                if (u.location, peer.document_id, peer.location) in reported:
                    continue
                reported.add((u.location, peer.document_id, peer.location))
                mine = doc.text[u.start + fact.start:u.start + fact.end].strip()
                theirs = peer.text[other.start:other.end].strip()
                relation = "上位" if rank(peer.level) < rank(doc.metadata.level) else "同级"
                found.append(finding(
                    "F501", f"{u.location}“{mine}”与{relation}文件《{peer.title}》{peer.location}“{theirs}”规定不一致",
                    text=doc.text, start=u.start + fact.start, end=u.start + fact.end, article=u.article,
                    location=u.location, peer={"document_id": peer.document_id, "title": peer.title,
                                               "level": peer.level, "location": peer.location, "text": theirs},
                    similarity=round(score), key=f"{peer.document_id}|{peer.location}"))
    return found


def _repetitions(doc: ParsedDocument, units: list[Unit], ctx: Context, index: PeerIndex,
                 doc_date: date | None) -> list[Finding]:
    settings = ctx.settings["conflicts"]
    if not index.block_keys or doc_date is None:
        return []
    blocks: dict[tuple[int, int], Unit] = {}
    for u in units:
        blocks.setdefault(u.block, u)
    found = []
    for (start, end), u in blocks.items():
        key = normalise_block(doc.text[start:end])
        if len(key) < settings["repeat_min_chars"]:
            continue
        for _, score, i in process.extract(key, index.block_keys, scorer=fuzz.ratio,
                                           score_cutoff=settings["repeat"], limit=3):
            peer = index.blocks[i]
            if peer.document_id == ctx.document_id or peer.issued is None or peer.issued > doc_date:
                continue  # the earlier document is the one repeated; report on the later
            found.append(finding(
                "F502", f"{u.block_location}与《{peer.title}》{peer.block_location}的规定基本相同（相似度{score:.0f}%）",
                text=doc.text, start=start, end=end, article=u.article, location=u.block_location,
                peer={"document_id": peer.document_id, "title": peer.title, "location": peer.block_location,
                      "text": peer.block_text}, similarity=round(score), key=f"{peer.document_id}|{peer.block_location}"))
            break
    return found
