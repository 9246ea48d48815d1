"""F501 contradictions and F502 repetitions between a document and the other local documents of
its region (same 市/县/省 as the issuer): the checks a cleanup team calls 相互矛盾 and 重复规定.

A contradiction is two clauses that say the same thing with different numbers: with every
quantity masked (工程开工#日前, 主要路段围挡高度不低于#米) their words agree, their units agree,
and the values differ. Chinese and Arabic numerals are compared as values.
"""
from __future__ import annotations

import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date

from rapidfuzz import fuzz, process

from nlp.checks.context import Context, PeerProvision, rank
from nlp.checks.rules import Finding, finding
from nlp.checks.units import Unit
from nlp.document import ParsedDocument
from nlp.normalize import to_simplified
from nlp.numbers import cn_to_int

_REGION_RE = re.compile(r"^(?:中共)?.{2,8}?(?:自治区|自治州|省|市|县|区|州|盟|旗)")
_CN_NUM = "零〇一二两三四五六七八九十百千万"
_QTY_RE = re.compile(
    rf"(?P<n>[0-9０-９]+(?:[.．][0-9０-９]+)?(?:万|千)?|[{_CN_NUM}]+(?:点[零〇一二三四五六七八九]+)?)\s*"
    r"(?P<u>个工作日|工作日|个月|小时|分钟|日|天|年|平方米|立方米|厘米|毫米|千米|公里|米|分贝|吨|万元|元|%)"
)
_SENTENCE_RE = re.compile(r"[^。；;\n]+[。；;]?")
_LEAD_RE = re.compile(r"^\s*(?:(?:第[^条\s]{1,8}条(?:之[一二三四五六七八九十])?|[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[)）]"
                      r"|\d{1,2}[.．、](?!\d))\s*)+")
_TITLE_NOISE_RE = re.compile(r"城市|农村|城乡|全市|本市|关于|印发|转发|通知|管理|办法|条例|规定|实施|细则|意见|加强|进一步|工作|若干|暂行|试行|规范|有关|"
                             r"问题|决定|人民政府|办公室|[局厅委]|做好|建立|健全|推进|促进|《|》|的|和|、|\s")
_STRIP_RE = re.compile(r"[\s，,。；;：:、“”‘’《》（）()\[\]【】〔〕·．.]|^(?:第[^条]{1,8}条)")
_UNIT_ALIASES = {"天": "日", "个工作日": "工作日", "公里": "千米", "个月": "月"}
_COMMON_GRAM = 200  # five-character runs in more blocks than this are boilerplate (违反本条例规定)
_MIN_SHARED = 3
_GRAM_STEP = 3
_AUTHORITY = "机关"
_AUTHORITY_RE = re.compile(r"由(?P<a>(?:[市县区省]|县级以上|设区的市)?[\u4e00-\u9fff]{2,16}?(?:部门|局|委员会|办公室|机关))"
                           r"(?:负责|统一|组织|实施|审批|核准|办理|监督|管理|承担|具体)")
_AUTHORITY_NOISE_RE = re.compile(r"^(?:[市县区省]|县级以上(?:地方)?(?:人民政府)?|设区的市(?:人民政府)?|本级|各级)|人民政府|"
                                 r"(?:行政)?主管部门$|行政管理部门$|部门$|局$|委员会$|办公室$|机关$|有关|相关|的")
_SAME_SUBJECT = 85  # what a number is about must agree closely: 门店招牌 is not 户外广告设施
_SKIP_RE = re.compile(r"罚款|年度|\d{4}年|[〇零][一二三四五六七八九〇零]{3}年")  # fines go to F105; dates are not limits


_PROVINCIAL_RE = re.compile(r"省$|自治区$|^(?:北京|天津|上海|重庆)市?$")


def province_of_place(place: str | None, library) -> str | None:
    """The province a region (as region() names it) belongs to: itself when it is a province, autonomous region or
    municipality, else what the store shows for the city (library.province_of), else None."""
    if not place:
        return None
    return place if _PROVINCIAL_RE.search(place) else library.province_of(place)


def region(issuers: list[str]) -> str | None:
    """临江市住房和城乡建设局 → 临江市: the place whose documents must agree with each other."""
    for issuer in issuers:
        m = _REGION_RE.match(issuer)
        if m and not m.group().startswith(("国务院", "全国", "中华人民共和国")):
            return m.group().removeprefix("中共")
    return None


@dataclass(frozen=True)
class _Fact:
    """One quantity a provision states, with what it is about."""

    key: str  # its sentence, quantities masked and markers dropped: the matter
    subject: str  # its clause up to the number (主要路段围挡高度不低于): what the number measures
    value: float | str  # a quantity, or the core name of a competent authority
    unit: str
    start: int  # the clause, offsets into the text
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
    """Every quantity ``text`` states, with its sentence as the matter and its clause as the subject.

    The sentence tells 工程开工#日前 from 工程竣工#日前 by what is submitted, and keeps the
    condition (收取押金的) an amount depends on; the clause tells 主要路段 from 一般路段."""
    out = []
    for m in _SENTENCE_RE.finditer(text):
        sentence, start = m.group(), m.start()
        lead = _LEAD_RE.match(sentence)
        if lead:
            sentence, start = sentence[lead.end():], start + lead.end()
        if not sentence.strip() or _SKIP_RE.search(sentence):
            continue
        out += _authorities(sentence, start)
        qtys = [(q, _value(q["n"])) for q in _QTY_RE.finditer(sentence)]
        if not qtys or any(v is None for _, v in qtys):
            continue
        key = _STRIP_RE.sub("", _QTY_RE.sub(lambda q: "#" + _UNIT_ALIASES.get(q["u"], q["u"]), sentence))
        if len(re.sub(r"#\S?", "", key)) < 8:
            continue  # 三十日内: too little said to know what the number is about
        for q, value in qtys:
            begin, end = _clause(sentence, q.start())
            subject = _STRIP_RE.sub("", _QTY_RE.sub("#", sentence[begin:q.start()]))
            out.append(_Fact(key, subject, value, _UNIT_ALIASES.get(q["u"], q["u"]), start + begin, start + end))
    return out


def _authorities(sentence: str, start: int) -> list[_Fact]:
    """由城市管理部门负责…: who a sentence makes competent, as a fact whose value is the authority."""
    out = []
    for a in _AUTHORITY_RE.finditer(sentence):
        core = _AUTHORITY_NOISE_RE.sub("", a["a"])
        key = _STRIP_RE.sub("", sentence[:a.start("a")] + "@" + sentence[a.end("a"):])
        if len(core) < 2 or len(key) < 10:
            continue
        begin, end = _clause(sentence, a.start("a"))
        matter = _STRIP_RE.sub("", sentence[begin:a.start("a") - 1])  # 共享单车停放区的施划 (由…负责)
        if len(matter) >= 4:
            out.append(_Fact(key, matter, core, _AUTHORITY, start + begin, start + end))
    return out


def same_value(a: float | str, b: float | str) -> bool:
    """Quantities agree when equal; authorities when one name contains the other (城市管理 / 城市管理综合执法)."""
    if isinstance(a, str) and isinstance(b, str):
        return a in b or b in a
    return a == b


def _clause(sentence: str, pos: int) -> tuple[int, int]:
    """The comma-delimited clause of ``sentence`` around ``pos``."""
    begin = max(sentence.rfind(c, 0, pos) for c in "，,：:") + 1
    ends = [i for i in (sentence.find(c, pos) for c in "，,：:") if i >= 0]
    return begin, (min(ends) if ends else len(sentence.rstrip("。；;")))


def _subject_score(a: str, b: str) -> float:
    """How surely two clauses measure the same thing: full marks when one only adds leading words
    (施工现场主要路段围挡高度不低于 / 主要路段围挡高度不低于)."""
    short, long_ = sorted((a, b), key=len)
    return 100.0 if len(short) >= 6 and long_.endswith(short) else fuzz.ratio(a, b)


def related(title: str, other: str, cited: set[str]) -> bool:
    """Two documents on one matter: they share a word of substance in their titles (扬尘), or one
    cites the other. Different matters written alike (供水 and 供气) are not compared."""
    if other in cited:
        return True
    return bool(_topic(title) & _topic(other))


def _topic(title: str) -> set[str]:
    words = _TITLE_NOISE_RE.sub(" ", _REGION_RE.sub("", title or ""))
    return {w[i:i + 2] for w in words.split() for i in range(len(w) - 1)}


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
        # title → unit → (fact keys, rows): a document is compared only with the documents on its matter,
        # so the fuzzy match runs over those, not over the whole region (quadratic in a province)
        self.by_title: dict[str, dict[str, tuple[list[str], list[int]]]] = defaultdict(dict)
        for i, (f, p) in enumerate(self.fact_rows):
            keys, rows = self.by_title[p.title].setdefault(f.unit, ([], []))
            keys.append(f.key)
            rows.append(i)
        self.titles = {p.title for p in peers}
        self.by_topic: dict[str, set[str]] = defaultdict(set)
        for t in self.by_title:
            for gram in _topic(t):
                self.by_topic[gram].add(t)
        self.fact_keys = [f.key for f, _ in self.fact_rows]
        blocks: dict[tuple[int, str], PeerProvision] = {}
        for p in peers:
            blocks.setdefault((p.document_id, p.block_location), p)
        self.blocks = list(blocks.values())
        self.block_keys = [normalise_block(to_simplified(p.block_text)) for p in self.blocks]
        self.postings: dict[str, list[int]] = defaultdict(list)
        for i, key in enumerate(self.block_keys):
            for gram in set(_grams(key)[::_GRAM_STEP]):  # every third run: a repeat still shares many
                self.postings[gram].append(i)

    def related_facts(self, title: str, cited: set[str]) -> dict[str, tuple[list[str], list[int]]]:
        """unit → (fact keys, rows) of the documents related() to ``title``: the candidates it may contradict."""
        titles = {t for gram in _topic(title) for t in self.by_topic.get(gram, ())} | (cited & self.by_title.keys())
        out: dict[str, tuple[list[str], list[int]]] = {}
        for t in sorted(titles):
            for unit, (keys, rows) in self.by_title[t].items():
                mine = out.setdefault(unit, ([], []))
                mine[0].extend(keys)
                mine[1].extend(rows)
        return out

    def similar_blocks(self, key: str, cutoff: float) -> list[tuple[int, float]]:
        """Blocks sharing several rare five-character runs with ``key``, scored by fuzz.ratio."""
        hits: Counter[int] = Counter()
        for gram in set(_grams(key)):
            posting = self.postings.get(gram, ())
            if len(posting) <= _COMMON_GRAM:
                hits.update(posting)
        return sorted(((i, score) for i, n in hits.items() if n >= _MIN_SHARED
                       if (score := fuzz.ratio(key, self.block_keys[i], score_cutoff=cutoff))),
                      key=lambda x: -x[1])


def _grams(key: str) -> list[str]:
    return [key[i:i + 5] for i in range(0, max(len(key) - 4, 0))]


def check_conflicts(doc: ParsedDocument, units: list[Unit], ctx: Context, index: PeerIndex,
                    doc_date: date | None) -> list[Finding]:
    """F501 for clauses contradicting another document of the region, F502 for blocks repeating an earlier one."""
    contradictions = _contradictions(doc, units, ctx, index)
    linked = {(f.details["block"], f.details["peer"]["document_id"]) for f in contradictions}
    return contradictions + _repetitions(doc, units, ctx, index, doc_date, linked)


def _contradictions(doc: ParsedDocument, units: list[Unit], ctx: Context, index: PeerIndex) -> list[Finding]:
    if not index.fact_keys:
        return []
    cutoff = ctx.settings["conflicts"]["same_matter"]
    title = doc.metadata.title or ""
    cited = {c.means or c.title for c in doc.citations if c.title}
    candidates = index.related_facts(title, cited)
    found, reported = [], set()
    for u in units:
        for fact in facts(u.text):
            best: dict[tuple[int, str], tuple[float, _Fact, PeerProvision]] = {}
            # WRatio also scores a short statement inside a longer sentence on the same matter
            keys, rows = candidates.get(fact.unit, ([], []))
            for _, score, j in process.extract(fact.key, keys, scorer=fuzz.WRatio, score_cutoff=cutoff, limit=20):
                other, peer = index.fact_rows[rows[j]]
                if peer.document_id == ctx.document_id or other.unit != fact.unit:
                    continue
                subject = _subject_score(fact.subject, other.subject)
                if subject < _SAME_SUBJECT:
                    continue
                slot = (peer.document_id, peer.location)
                if slot not in best or score + subject > best[slot][0]:
                    best[slot] = (score + subject, other, peer)
            for (peer_id, location), (score, other, peer) in best.items():
                if same_value(other.value, fact.value) or (u.location, peer_id, location) in reported:
                    continue  # the best-matching statement agrees: no contradiction with this provision
                reported.add((u.location, peer_id, location))
                mine, theirs = doc.text[u.start + fact.start:u.start + fact.end], peer.text[other.start:other.end]
                relation = {-1: "上位", 0: "同级", 1: "下位"}[(rank(peer.level) > rank(doc.metadata.level))
                                                           - (rank(peer.level) < rank(doc.metadata.level))]
                found.append(finding(
                    "F501", f"{u.location}“{mine}”与{relation}文件《{peer.title}》{location}“{theirs}”规定不一致",
                    text=doc.text, start=u.start + fact.start, end=u.start + fact.end, article=u.article,
                    location=u.location, peer={"document_id": peer_id, "title": peer.title,
                                               "level": peer.level, "location": location, "text": theirs},
                    similarity=round(score / 2), block=u.block[0], key=f"{peer_id}|{location}|{fact.start}"))
    return found


def _repetitions(doc: ParsedDocument, units: list[Unit], ctx: Context, index: PeerIndex,
                 doc_date: date | None, linked: set[tuple[int, int]]) -> list[Finding]:
    settings = ctx.settings["conflicts"]
    if not index.block_keys or doc_date is None:
        return []
    blocks: dict[tuple[int, int], Unit] = {}
    for u in units:
        blocks.setdefault(u.block, u)
    found = []
    for (start, end), u in blocks.items():
        key = normalise_block(to_simplified(doc.text[start:end]))
        if len(key) < settings["repeat_min_chars"]:
            continue
        for i, score in index.similar_blocks(key, settings["repeat"])[:3]:
            peer = index.blocks[i]
            if peer.document_id == ctx.document_id or peer.issued is None or peer.issued > doc_date:
                continue  # the earlier document is the one repeated; report on the later
            if (start, peer.document_id) in linked:
                break  # the same text with other numbers: a contradiction, already reported
            found.append(finding(
                "F502", f"{u.block_location}与《{peer.title}》{peer.block_location}的规定基本相同（相似度{score:.0f}%）",
                text=doc.text, start=start, end=end, article=u.article, location=u.block_location,
                peer={"document_id": peer.document_id, "title": peer.title, "location": peer.block_location,
                      "text": peer.block_text}, similarity=round(score), key=f"{peer.document_id}|{peer.block_location}"))
            break
    return found
