"""Title, 文号, issuers, level and dates of a document, read from its own text.

The clues sit in predictable places — the promulgation preamble, header lines such as
"2021年1月22日…会议修订", the closing signature and the 附则 — so each is looked up there first.
"""
from __future__ import annotations

import re
from datetime import date

from nlp.document import Metadata, Structure
from nlp.normalize import Normalized
from nlp.numbers import DATE_RE, add_period, date_from_match, parse_date, parse_period

LEVELS = ("宪法", "法律", "行政法规", "监察法规", "地方性法规", "自治条例和单行条例", "部门规章",
          "地方政府规章", "行政规范性文件", "司法解释", "其他")

_CJK = r"\u4e00-\u9fff"
_OPEN, _CLOSE = r"[〔\[［(（【]", r"[〕\]］)）】]"
DOC_NUMBER_RE = re.compile(
    rf"(?P<org>[{_CJK}]{{1,12}}?)\s*{_OPEN}\s*(?P<y>(?:19|20)\d{{2}})\s*{_CLOSE}\s*第?\s*(?P<n>\d{{1,5}})\s*号"
)
ORDER_RE = re.compile(
    rf"[{_CJK}]{{2,30}}?令\s*[(（]?\s*第\s*[0-9零〇一二三四五六七八九十百千]+\s*号"
    rf"|[{_CJK}]{{2,30}}?(?:人民政府|部|委员会|总局|局|署)第\s*\d+\s*号令"
)
_PREFIX_NOISE = re.compile(r"^.*?(?:根据|依据|按照|参照|执行|落实|贯彻|印发|转发|关于|经|见|和|与|及|以及|的|、)")
_TITLE_END = ("法", "条例", "规定", "办法", "细则", "决定", "通知", "意见", "方案", "规则", "解释", "批复",
              "纲要", "规划", "决议", "公告", "通告", "通报", "报告", "总结", "答复", "函", "标准", "目录",
              "清单", "指引", "指南", "制度", "章程", "守则", "准则", "规程", "修正案", "基准", "措施", "要点")
_ORG_END = r"(?:人民代表大会常务委员会|人民代表大会|人民政府办公厅|人民政府办公室|人民政府|人民法院|人民检察院|委员会|办公厅|办公室|管理局|总局|局|厅|部|署|院|委|会|中心|所|站|队)"
_ORG_RE = re.compile(rf"^[{_CJK}（）()]{{2,30}}?{_ORG_END}$")


def normalize_doc_number(org: str, year: str, number: str) -> str:
    """The canonical 文号 form: 国办发〔2018〕37号, whatever brackets the source used."""
    return f"{org}〔{year}〕{int(number)}号"


def _clean_org(org: str) -> str:
    return _PREFIX_NOISE.sub("", org) or org


_DOC_NUMBER_TAIL_RE = re.compile(rf"{_OPEN}\s*(?P<y>(?:19|20)\d{{2}})\s*{_CLOSE}\s*第?\s*(?P<n>\d{{1,5}})\s*号")
_ORG_TAIL_RE = re.compile(rf"[{_CJK}]{{1,12}}$")


def find_doc_numbers(text: str) -> list[tuple[str, int, int]]:
    """Every 文号 in ``text`` as (canonical form, start, end) on that text.

    The bracketed year is found first and the issuer's prefix read backwards from it, which is
    far faster on long texts than letting the pattern try every character as a prefix start.
    """
    out = []
    for m in _DOC_NUMBER_TAIL_RE.finditer(text):
        window_start = max(0, m.start() - 13)
        prefix = _ORG_TAIL_RE.search(text[window_start:m.start()].rstrip())
        if not prefix:
            continue
        org = _clean_org(prefix.group(0))
        out.append((normalize_doc_number(org, m.group("y"), m.group("n")), window_start + prefix.end() - len(org),
                    m.end()))
    return out


_RUN_ON_TITLE_RE = re.compile(r"^(.{2,90}?关于.{2,90}?的(?:通知|意见|指导意见|实施意见|决定|公告|通告|批复|规定|办法))"
                              r"(?=[^》）)]).{2,}[：:]")


def _title_from_lines(lines: list[str]) -> str | None:
    for i, line in enumerate(lines[:40]):
        t = re.sub(r"\s+", "", line.lstrip("#").strip())
        t = re.sub(r"^附件[0-9一二三四五六七八九十]*[：:]?(?=\S{4})", "", t)
        run_on = _RUN_ON_TITLE_RE.match(t)
        if run_on and run_on.group(1).count("《") == run_on.group(1).count("》") and "。" not in run_on.group(1):
            return run_on.group(1)  # …的通知各分行、营业管理部…： — a scraped page joined title and addressees
        if not t or len(t) > 100 or "。" in t or DOC_NUMBER_RE.fullmatch(t) or DATE_RE.search(t[:14]):
            continue
        if re.fullmatch(r"第\S{1,8}号|\S{0,20}令|[（(].*[)）]", t):
            continue
        if t.endswith(_TITLE_END) or t.endswith(("（试行）", "(试行)", "（暂行）")):
            return t
        if i + 1 < len(lines):
            nxt = re.sub(r"\s+", "", lines[i + 1])
            if nxt and len(t + nxt) <= 100 and (t + nxt).endswith(_TITLE_END) and "。" not in nxt:
                return t + nxt
    return None


def _clean_title(title: str) -> str:
    """Drop a site name that scraped pages append to the title (…办法_临江市人民政府网)."""
    for sep in ("_", "|", " - ", " — "):
        if sep in title:
            title = max(title.split(sep), key=lambda p: len(re.findall(f"[{_CJK}]", p)))
    return re.sub(r"\s+", "", title.lstrip("#"))


def _dates(norm: str, head: str, tail: str, issued_hint: date | None) -> tuple[dict[str, date], list[tuple[date, str]]]:
    """The document's dates, and its legislative history (通过/修正/修订 lines of the preamble)."""
    found: dict[str, date] = {}
    amended: list[date] = []
    history: set[tuple[date, str]] = set()
    head_lines = head.split("\n")
    for i, line in enumerate(head_lines + tail.split("\n")):
        for m in DATE_RE.finditer(line):
            d = date_from_match(m)
            if not d:
                continue
            after = line[m.end():m.end() + 80]
            verb = re.search(r"(通过|批准|公布|发布|印发|修正|修订|修改|施行|实行)", after)
            if not verb or after[verb.end():verb.end() + 1] == "的":  # 2010年…发布的《…》: another document
                continue
            key = {"通过": "adopted", "批准": "approved", "公布": "published", "发布": "published",
                   "印发": "published", "施行": "effective", "实行": "effective"}.get(verb.group(1))
            if i < len(head_lines) and verb.group(1) in ("通过", "修正", "修订", "修改"):
                history.add((d, "通过" if verb.group(1) == "通过" else "修订" if verb.group(1) == "修订" else "修正"))
            if key is None:
                amended.append(d)
            elif key not in found or key == "effective":
                found.setdefault(key, d)
    if amended:
        found["amended"] = max(amended)
    if issued_hint:
        found["issued"] = issued_hint
    elif "published" in found:
        found["issued"] = found["published"]
    eff = list(re.finditer(rf"自\s*(?:{DATE_RE.pattern})\s*起\s*(?:施行|实行|执行|实施|生效)", tail + "\n" + head))
    if eff:
        d = parse_date(eff[0].group(0))
        if d:
            found["effective"] = d
    elif re.search(r"自(?:公布|发布|印发|颁布|下发)之日起(?:施行|实行|执行|实施|生效)", tail + head):
        base = found.get("published") or found.get("issued")
        if base:
            found["effective"] = base
    until = own_validity(rf"有效期(?:为|至|到)\s*(?:{DATE_RE.pattern})", norm)
    if until:
        found["expires"] = parse_date(until.group(0))
    else:
        span = own_validity(r"有效期(?:为|限为|是)?\s*([0-9一二三四五六七八九十两半]+\s*(?:个)?\s*(?:年|月))", norm)
        start = found.get("effective") or found.get("issued")
        period = parse_period(span.group(1)) if span else None
        if period and start:
            found["expires"] = add_period(start, *period)
    return {k: v for k, v in found.items() if v}, sorted(history)


# 有效期 of the document itself: at a clause start or after 本通知/本办法…, not 协议有效期 or 许可证有效期.
_OWN_VALIDITY_BEFORE_RE = re.compile(r"(?:^|[，,。；;：:\n\s]|本(?:通知|办法|规定|意见|细则|决定|方案|规则|实施办法|实施细则|文件|公告|通告)的?"
                                     r"|(?:通知|办法|规定|意见|细则|决定|方案|规则|文件)(?:的)?)$")


def own_validity(pattern: str, norm: str) -> re.Match | None:
    """The last statement of the document's own 有效期 (the closing clause is where it belongs)."""
    own = [m for m in re.finditer(pattern, norm) if _OWN_VALIDITY_BEFORE_RE.search(norm, max(0, m.start() - 8), m.start())]
    return own[-1] if own else None


_DATE_LINE_RE = re.compile(rf"(?:{DATE_RE.pattern})\s*(?:印发|发布|公布)?")
_SIGNER_RE = re.compile(rf"^(?:[{_CJK}]{{1,6}}长|主任|书记|局长|厅长)\s*[{_CJK}]{{2,4}}$")


def _signature_date(lines: list[str]) -> date | None:
    """The date of a signature block: a date alone on its line right after the issuer or signer."""
    for i in range(len(lines) - 1, 0, -1):
        m = _DATE_LINE_RE.fullmatch(lines[i])
        prev = re.sub(r"\s+", "", lines[i - 1])
        if m and (_ORG_RE.match(prev) or _SIGNER_RE.match(lines[i - 1]) or split_orgs(prev)):
            return date_from_match(m)
    return None


def split_orgs(s: str) -> list[str]:
    """Joint issuers written without a separator: 临江市住房和城乡建设局临江市生态环境局 → two orgs."""
    parts = re.findall(rf"[{_CJK}（）()]+?{_ORG_END}", s)
    if not parts or "".join(parts) != s:
        return []
    merged: list[str] = []
    for p in parts:  # 国务院|办公厅 are one issuer: a bare office name continues the one before it
        if merged and (len(p) <= 3 or p.startswith(("办公", "常务"))):
            merged[-1] += p
        else:
            merged.append(p)
    return merged


def _issuers(title: str | None, head: str, tail_lines: list[str]) -> list[str]:
    if title:
        m = re.match(rf"^(?P<orgs>[{_CJK}、 （）()]{{2,80}}?)关于", title)
        if m:
            orgs = [o for chunk in re.split(r"[、\s]+", m.group("orgs")) if chunk for o in split_orgs(chunk)]
            if orgs:
                return orgs
    head = DATE_RE.sub("\n", head)
    m = re.search(rf"([{_CJK}]{{2,30}}?(?:人民政府|部|委员会|总局|局|署|院|办公厅))(?:第\s*\d+\s*号)?令", head)
    if m:
        return [m.group(1).removeprefix("中华人民共和国")]
    m = re.search(r"第[一二三四五六七八九十]{1,3}届(全国人民代表大会(?:常务委员会)?)", head)
    if m:
        return [m.group(1)]
    m = re.search(rf"([{_CJK}]{{2,20}}?)第[{_CJK}0-9]{{1,6}}届(人民代表大会常务委员会|人民代表大会)", head)
    if m:  # (…年…月…日)经江南省第十四届人民代表大会常务委员会…批准: 经 is not the name
        return [re.sub(r"^.*?(?:经|由|在)(?=[{_CJK}]{2})", "", m.group(1)) + m.group(2)]
    for org in ("最高人民法院", "最高人民检察院", "国家监察委员会"):
        # as the issuer (a line of its own, its 公告, its 审判委员会/检察委员会), not named in a sentence
        if re.search(rf"^\s*{org}\s*(?:公告|关于|文件|$)|{org}(?:审判委员会|检察委员会|委务会议)", head[:400], re.M):
            return [org]
    if re.search(r"国务院令|国务院第\S{1,6}次常务会议|^国务院(?:发布|公布|批准)", head, re.M):
        return ["国务院"]
    signed = [ln for ln in tail_lines if _ORG_RE.match(re.sub(r"\s+", "", ln))]
    return [o for ln in signed for part in re.split(r"[、\s]+", ln) if part for o in split_orgs(part)]


# The 令 that promulgates a 规章 (or 行政法规), as a line of its own at the head: 中国人民银行令〔2021〕第1号,
# 临江市人民政府令 第12号, 第12号令 — never a 令 inside a citation of another rule (《…》（…令第5号发布）).
_ORDER_LINE_RE = re.compile(rf"^(?P<org>[{_CJK}]{{2,40}}?)?\s*令\s*[(（〔\[]?\s*(?:(?:19|20)\d{{2}}\s*[〕)）\]年]?\s*)?第?\s*"
                            rf"[0-9零〇一二三四五六七八九十百千]+\s*号\s*(?:[(（][^)）]{{2,60}}[)）])?$"
                            rf"|^(?P<org2>[{_CJK}]{{2,40}}?)第\s*[0-9零〇一二三四五六七八九十百千]+\s*号令\s*$"
                            rf"|^(?P<org3>[{_CJK}]{{2,40}}?(?:人民政府|部|委员会|总局|局|署|银行))令$"
                            rf"|^[(（〔\[]?\s*(?:(?:19|20)\d{{2}}\s*[〕)）\]年]\s*)?第\s*[0-9零〇一二三四五六七八九十百千]+\s*号\s*$")
# The promulgation formula of a 规章 order: …已经…会议通过，现予公布，自…起施行 (signed by the head of the organ).
# Adopted by the department's or government's own meeting, as 规章 are (规章制定程序条例 第二十七条):
# 经人力资源和社会保障部第6次部务会议通过 / 经临江市人民政府第30次常务会议通过.
_RULE_MEETING_RE = re.compile(r"(?P<org>[\u4e00-\u9fff]{2,30}?)第\s*[0-9一二三四五六七八九十百]+\s*次(?P<kind>部务会议|委务会议|局务会议|署务会议|"
                              r"行务会议|行长办公会议|主任办公会议|常务会议|办公会议)[^。\n]{0,12}?(?:审议)?通过")
_PROMULGATED_RE = re.compile(r"(?:会议|会|常务会议|委务会议|部务会议|局务会议|署务会议|行务会议|办公会议)[^。]{0,20}?(?:审议)?通过"
                             r"[^。]{0,20}?现予(?:公布|发布)")
_HEAD_SIGNER_RE = re.compile(r"(?:部长|主任|行长|局长|署长|总局长|省长|市长|主席|州长|县长|区长)\s*[：:]?\s*[\u4e00-\u9fff]{2,4}\s*$",
                             re.M)
# A site's or a 公文's own statement of its kind: 公文种类：规范性文件 / 效力级别：部门规章.
_DECLARED_RE = re.compile(r"(?:公文种类|文件类型|效力级别|效力层级|文种|法规类别)\s*[：:]\s*(?P<kind>[\u4e00-\u9fff]{2,12})")
_DECLARED = {"行政规范性文件": "行政规范性文件", "规范性文件": "行政规范性文件", "部门规章": "部门规章",
             "地方政府规章": "地方政府规章", "政府规章": "地方政府规章", "地方性法规": "地方性法规", "行政法规": "行政法规"}
_GOVERNMENT_RE = re.compile(r"人民政府(?:办公厅|办公室)?$|^国务院(?:办公厅)?$")
_COURTS = ("最高人民法院", "最高人民检察院")
#: 规章制定程序条例 took effect on this day; before it, departments often issued their 办法 by a 印发
#: notice with a 文号, so such a paper may be a 规章 as much as a 规范性文件.
RULE_PROCEDURE_SINCE = date(2002, 1, 1)


# The history line under a title: （2019年12月28日西藏自治区人民政府令第154号公布　自…起施行）.
# The history line under a title: （2019年12月28日…人民政府令第154号公布　自…起施行）, 2022年5月26日 …总局令第57号公布,
# （该文件于2014年1月15日以粤府令第197号公布…）: a line opened by a bracket or a date, naming the order anywhere.
_HISTORY_LINE_RE = re.compile(r"^[(（]|^(?:19|20)\d{2}\s*年")
_HISTORY_ORDER_RE = re.compile(rf"(?:日|以|经|由|[\s　，,；;])(?P<org>[{_CJK}、]{{2,40}}?)(?:令\s*[(（〔]?\s*(?:\d{{4}}\s*[〕)）年]?\s*)?第?"
                               rf"\s*[0-9零〇一二三四五六七八九十百千]+\s*号|第\s*[0-9零〇一二三四五六七八九十百千]+\s*号令)")


#: The one-character names of provinces in their governments' 令号 (粤府令第197号 is 广东省人民政府's order).
PROVINCE_SHORT = {"京": "北京市", "津": "天津市", "沪": "上海市", "渝": "重庆市", "冀": "河北省", "晋": "山西省",
                  "蒙": "内蒙古自治区", "辽": "辽宁省", "吉": "吉林省", "黑": "黑龙江省", "苏": "江苏省", "浙": "浙江省",
                  "皖": "安徽省", "闽": "福建省", "赣": "江西省", "鲁": "山东省", "豫": "河南省", "鄂": "湖北省",
                  "湘": "湖南省", "粤": "广东省", "桂": "广西壮族自治区", "琼": "海南省", "川": "四川省", "黔": "贵州省",
                  "滇": "云南省", "藏": "西藏自治区", "陕": "陕西省", "甘": "甘肃省", "青": "青海省",
                  "宁": "宁夏回族自治区", "新": "新疆维吾尔自治区"}


def order_organ(org: str) -> str:
    """粤府 → 广东省人民政府; any other organ as written."""
    m = re.fullmatch(r"(.)(?:府|政府)", org)
    return f"{PROVINCE_SHORT[m.group(1)]}人民政府" if m and m.group(1) in PROVINCE_SHORT else org


def _order_issuer(head_lines: list[str]) -> str | None:
    """The organ whose 令 promulgates this document ('' when the order line does not name it), or None."""
    for i, line in enumerate(head_lines[:12]):
        t = re.sub(r"\s+", "", line.lstrip("#"))
        m = _HISTORY_ORDER_RE.search(t) if _HISTORY_LINE_RE.match(t) else None
        if m:
            return re.sub(r"^(?:以|经|由)", "", m.group("org")).removeprefix("中华人民共和国")
        m = _ORDER_LINE_RE.match(t)
        if not m:
            continue
        org = m.group("org") or m.group("org2") or m.group("org3")
        if org is None:  # 临江市人民政府令 / 第12号 on two lines; a bare number under a 公告 is no order
            prev = re.sub(r"\s+", "", head_lines[i - 1]) if i > 0 else ""
            if not prev.endswith("令"):
                continue
            org = prev[:-1]
        return org.removeprefix("中华人民共和国")
    return None


def _level(title: str, issuers: list[str], head: str, own: str | None) -> tuple[str, str, bool]:
    """(level, what it was read from, whether that is certain)."""
    who = "".join(issuers)
    head_lines = [ln.strip() for ln in head.split("\n") if ln.strip()]
    declared = _DECLARED_RE.search(head[:1500])
    if declared and declared.group("kind") in _DECLARED:
        return _DECLARED[declared.group("kind")], f"文件自述（{declared.group(0)}）", True
    if title in ("中华人民共和国宪法", "宪法") or title.startswith("中华人民共和国宪法修正案"):
        return "宪法", "标题", True
    if issuers and all(o in _COURTS for o in issuers):
        return "司法解释", "制定机关", True
    if "国家监察委员会" in who and len(issuers) <= 1:
        return "监察法规", "制定机关", True
    if who.startswith("全国人民代表大会") or (title.startswith("中华人民共和国") and title.endswith("法")):
        return "法律", "制定机关", True
    if "人民代表大会" in who:
        if re.search("自治州|自治县|自治旗", who) or "自治条例" in title:
            return "自治条例和单行条例", "制定机关", True
        return "地方性法规", "制定机关", True
    order = _order_issuer(head_lines)
    promulgated = bool(_PROMULGATED_RE.search(head)) and bool(_HEAD_SIGNER_RE.search(head))
    if order is not None or promulgated:
        org = order or who
        how = "令号" if order is not None else "公布令（会议通过、现予公布、首长签署）"
        if org.startswith("国务院") and not org.startswith(("国务院办公厅",)) and len(org) <= 3:
            return "行政法规", how, True
        if "人民政府" in org or org.endswith(("府", "政府")):  # 粤府令第197号, 沪府令 …: a government's 令
            return "地方政府规章", how, True
        signer = _HEAD_SIGNER_RE.search(head)
        if signer and re.search(r"省长|市长|主席|州长|县长|区长", signer.group(0)):
            return "地方政府规章", how, True
        if org or who or signer:
            return "部门规章", how, True
        return "部门规章", how, False
    meeting = _RULE_MEETING_RE.search(head[:800])
    if meeting and not own and title.endswith(("办法", "规定", "细则", "规则", "实施办法")):
        org = re.sub(r"^.*?(?:经|由|在)(?=[\u4e00-\u9fff]{2})", "", meeting.group("org"))
        if meeting.group("kind") == "常务会议" and "人民政府" in org and not org.startswith("国务院"):
            return "地方政府规章", f"会议通过（{meeting.group(0)}）", True
        if meeting.group("kind") != "常务会议":
            return "部门规章", f"会议通过（{meeting.group(0)}）", True
    if who == "国务院" and title.endswith(("条例", "规定", "办法", "细则")) and not own:
        return "行政法规", "制定机关和标题", False
    if own and re.search(r"规(?:字)?〔", own):
        return "行政规范性文件", f"文号（{own}）", True
    if own or who:
        if title.endswith(("报告", "总结", "通报", "函", "答复")):
            return "其他", "标题", True
        how = f"文号（{own}）" if own else f"制定机关（{issuers[0]}）"
        if not own and not re.search(r"关于|通知|意见|决定|公告|通告", title) and title.endswith(("办法", "规定", "细则", "规则")):
            return "行政规范性文件", how + "；未见令号或文号，可能是缺少公布令的规章", False
        return "行政规范性文件", how, True
    if title.endswith("条例"):
        level = "地方性法规" if re.match(rf"[{_CJK}]{{1,8}}?(?:省|市|自治区|州|县)", title) else "行政法规"
        return level, "标题", False
    return "其他", "未见令号、文号或制定机关", False


def extract_metadata(norm: Normalized, structure: Structure, title_hint: str | None = None) -> Metadata:
    """Read title, 文号, issuers, level and dates from a parsed document."""
    text = norm.text
    first_body = structure.articles[0].start if structure.articles else len(norm.original)
    heads = [s for s in structure.sections if s.kind == "preamble"]
    head_n = norm.norm_slice(heads[0].start, heads[0].end) if heads else norm.norm_slice(0, min(first_body, 3000))
    closing = [norm.norm_slice(s.start, s.end) for s in structure.sections if s.kind == "closing"]
    tail = "\n".join(closing + [norm.norm_slice(a.start, a.end) for a in structure.articles[-3:]])
    if structure.articles:
        tail_text = "\n".join(closing)
    else:  # a notice without articles ends with its signature
        tail_text = "\n".join(text.rstrip().split("\n")[-8:])
    tail_lines = [ln.strip() for ln in tail_text.split("\n") if ln.strip()]

    title = _clean_title(title_hint) if title_hint else _title_from_lines(head_n.split("\n"))
    numbers = find_doc_numbers(text)
    own = None
    for line in head_n.split("\n")[:40]:
        found = find_doc_numbers(line)
        if found and len(re.sub(r"\s", "", line)) <= len(found[0][0]) + 2:
            own = found[0][0]
            break
    if title:
        lead = DOC_NUMBER_RE.match(title)
        if lead:
            own = own or normalize_doc_number(_clean_org(lead.group("org")), lead.group("y"), lead.group("n"))
            title = title[lead.end():] or title
    if own is None:
        own = _split_number(head_n.split("\n")[:12])
    if own is None:
        order = ORDER_RE.search(DATE_RE.sub("\n", head_n))
        if order:
            own = re.sub(r"\s+", "", order.group(0))
    issuers = _issuers(title, head_n, tail_lines)
    if own and own.startswith(("以", "经", "由")):
        own = own[1:]
    if not issuers and own and (short := re.match(r"^(.)(?:府|政府)令", own)) and short.group(1) in PROVINCE_SHORT:
        issuers = [order_organ(short.group(0)[:-1])]
    if not issuers and own:
        announced = re.match(r"^(.{2,40}?)(?:公告|通告)〔", own)
        issuers = split_orgs(announced.group(1)) if announced else []
    head_lines = [ln.strip() for ln in head_n.split("\n") if ln.strip()]
    issued_hint = _signature_date(tail_lines) or _signature_date(head_lines)
    dates, history = _dates(text, head_n, tail, issued_hint)
    if issued_hint and "现予公布" in head_n and "published" not in dates:
        dates["published"] = issued_hint  # a 规章's promulgation order is dated the day it is published
    level, level_basis, level_certain = _level(title or "", issuers, head_n, own if own and "令" not in own else None)
    if level_certain and level == "行政规范性文件" and _rule_by_notice(title or "", issuers, head_n, dates):
        level_basis += "；2002年以前部门以印发通知发布的办法也可能是规章"
        level_certain = False
    cited = list(dict.fromkeys(n for n, _, _ in numbers if n != own))
    return Metadata(title=title, doc_number=own, doc_numbers=cited, issuers=issuers, level=level, dates=dates,
                    history=history, level_basis=level_basis, level_certain=level_certain)


_BARE_NUMBER_RE = re.compile(r"^[(（〔\[]\s*((?:19|20)\d{2})\s*[〕)）\]]\s*第?\s*(\d{1,5})\s*号$")


def _split_number(lines: list[str]) -> str | None:
    """中国人民银行公告 / （2015）第 9 号: an issuer's 公告 or 令 and its number on two lines."""
    lines = [re.sub(r"\s+", "", ln) for ln in lines if ln.strip()]
    for prev, line in zip(lines, lines[1:]):
        m = _BARE_NUMBER_RE.match(line)
        if m and re.search(r"(?:公告|通告|令)$", prev) and len(prev) <= 40:
            return f"{prev}〔{m.group(1)}〕第{int(m.group(2))}号"
    return None


def _rule_by_notice(title: str, issuers: list[str], head: str, dates: dict[str, date]) -> bool:
    """A department's 印发 notice of a 办法/规定 dated before 规章制定程序条例: possibly a 规章 (see RULE_PROCEDURE_SINCE)."""
    when = dates.get("issued") or dates.get("published") or dates.get("effective")
    if when is None or when >= RULE_PROCEDURE_SINCE or any(_GOVERNMENT_RE.search(o) for o in issuers):
        return False
    return bool(re.search(r"印发《[^》]{2,60}(?:办法|规定|细则|规则)(?:（试行）|（暂行）)?》", title + head[:600]))

