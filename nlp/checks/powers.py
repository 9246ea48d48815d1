"""F101–F104, F107 from the power-allocation table, and F105 through the upper-level counterpart.

A clause only *sets* a power when it creates it: a clause that applies an upper-level rule
(依照《…》第X条的规定…, 依照国家有关规定…) or talks about powers in the abstract (不得设定行政许可)
sets nothing, and a kind the upper-level provision for the same conduct already has is specified,
not set.
"""
from __future__ import annotations

import re
from dataclasses import replace
from datetime import date

from nlp.checks.allocation import POWER_TYPES, beyond, power_rule, revokes_business_licence
from nlp.checks.caps import check_fine_cap
from nlp.checks.conflicts import region
from nlp.checks.context import Context
from nlp.checks.delegation import delegated
from nlp.checks.rules import Finding, finding
from nlp.checks.units import Unit
from nlp.checks.upper import (basis_entries, candidate_weights, check_penalty_range, counterpart, has_kind,
                              conduct, kind_upstream, penalty_clauses, recurrence,
                              referral)
from nlp.document import ParsedDocument
from nlp.provisions import _KIND_RES, penalty_kind_positions, penalty_kinds

# Powers named as things not to do or as subject matter: 不得设定行政许可、行政处罚…
_ABSTRACT_RE = re.compile(r"(?:不得|禁止|严禁|不准|无权|不能)[^。；]{0,12}?(?:设定|设立|增设|创设|规定|含有|违法)"
                          r"|设定[^。；]{0,20}?(?:行政许可|行政处罚|行政强制|收费)")
# Applying a higher rule: 依照《…》第X条的规定, 依照国家有关规定, 按照省有关规定.
_APPLIES_RE = re.compile(r"(?:依照|依据|按照|根据|适用)[^。；]{0,60}?(?:《[^》]+》|法律|法规|规章|国家|国务院|省|上级)"
                         r"[^。；]{0,40}?规定|(?:依照|依据|按照)《[^》]+》")
_ARTICLE_AFTER_RE = re.compile(r"(?:的规定)?第[一二三四五六七八九十百零\d]+条")
_NAMED_LAW_RE = re.compile(r"(?:依照|依据|按照)《[^》]+》(?!第)")
# A permit created here: something to apply for and be approved, or forbidden without approval.
_PERMIT_SET_RE = re.compile(r"申请[^。；，,]{0,24}?(?:审批|核准|许可|批准|资格|资质)|未经[^。；]{0,16}?(?:审批|核准|许可|批准)"
                            r"[^。；]{0,16}?不得|实行[^。；]{0,16}?(?:审批|许可|核准)(?:制度|管理)"
                            r"|(?:应当|须|必须)取得[^。；，,]{0,20}?(?:许可证|执业证|资格证|经营证|上岗证|证书|执照|资质)")
_NEGATED_RE = re.compile(r"不得|禁止|严禁|不准|不再|一律不")
_FEE_RE = re.compile(r"(?:收取|征收|缴纳|交纳|计收)[^。；，]{0,15}?费")
_GOVERNMENT_RE = re.compile(r"人民政府|局|部门|机关|委员会|办公室|管理处|管委会")
_PRIVATE_RE = re.compile(r"企业|公司|经营者|运营|物业|个人|用户|单位")
_CLAUSE_END_RE = re.compile(r"[，,；;。]")
# A case sent to the police to be dealt with under 治安管理处罚法 sets no detention itself; a rule
# that has the police detain (由公安机关处五日以下拘留) does, whoever carries it out.
_POLICE_RE = re.compile(r"公安(?:机关|部门)[^。；]{0,20}?(?:依照|依法|按照)")


# Words before a penalty kind, in its clause, that make it a mention rather than a penalty set here:
# the kind is applied by law (依法吊销), handled (作出/执行/移送/告知/听证…) or the subject of a procedure.
_HANDLED_RE = re.compile(r"依法(?:应当|应予|应)|依法(?:予以)?$|作出|实施|执行|拟|告知|移送|报请|建议|提出|听证|适用|涉及|"
                         r"缴回|承继|撤销|解除|不予|免予|可以不|抄送|处理")
# After the kind, in its clause: a category (…等重大行政处罚, …处罚决定之前, …的案件) or a condition (…处罚的).
_CATEGORY_RE = re.compile(r"(?:处罚|决定|案件|行政处罚|措施|情形|事项|标准|限额|清单|收据|文书|决定书)[^，,；;。]{0,8}$|的$|(?:之?前|之?后|时)$")
_INTERNAL_RE = re.compile(r"(?:上级|本系统|系统内|分支行|分支机构|下级|所属|工作人员|直接负责的主管人员|直接责任人员|责任人|负责人)"
                          r"[^。；]{0,30}$|处分")
# A measure a bank, exchange or other institution takes under its contract or risk controls, not the state.
_PRIVATE_ACTOR_RE = re.compile(r"(?:(?<!人民)银行|支付机构|金融机构|清算机构|交易所|公司|企业|协会|经营者|收单机构|开户行)[^。；]{0,12}?"
                               r"(?:应当|应|可以|有权|须|要|可|将)")
_STATE_ACTOR_RE = re.compile(r"人民银行|监督管理|主管部门|行政机关|人民政府|公安机关|司法行政|市场监管|生态环境|管理部门|管理局")
# The kind's word used as a noun's modifier: 行政拘留决定机关, 被行政拘留人, 吊销情况, 没收清单.
_NOUN_USE_RE = re.compile(r"(?:行政)?(?:拘留|吊销|没收|罚款|警告|通报批评)(?:决定|机关|人|所|期间|期限|案件|情况|记录|清单|收据|程序|权|执行|缴纳|缴清|收缴|款项)")
_CRIMINAL_TITLE_RE = re.compile(r"刑事(?:案件|诉讼|侦查|司法)|刑事办案")
# A penalty answers a conduct: …的，由…处 / …者，处 / 违反…，处 / 有下列行为之一的.
_TRIGGER_RE = re.compile(r"的\s*[，,]|者\s*[，,]|违反|下列[^。；]{0,20}之一")
#: 通报批评 became a penalty kind with the 2021 行政处罚法 (第九条); before, it was a reprimand, not a penalty.
REPRIMAND_PENALTY_SINCE = date(2021, 7, 15)


def _around(text: str, start: int, end: int, stops: str) -> tuple[int, int]:
    """The stretch of ``text`` holding [start, end) between the nearest ``stops`` characters on either side."""
    left = max(text.rfind(c, 0, start) for c in stops) + 1
    right = min((i for i in (text.find(c, end) for c in stops) if i >= 0), default=len(text))
    return left, right


def set_here(text: str, at: int) -> bool:
    """Is the penalty word at ``at`` imposed by this clause, rather than mentioned, applied or waived?"""
    start = _around(text, at, at, "，,；;。：:")[0]
    before, after = text[start:at], text[at:_around(text, at, at, "，,；;。：:\n")[1]]
    if (_HANDLED_RE.search(before) or _CATEGORY_RE.search(after) or _NOUN_USE_RE.match(text, at)
            or text.count("《", 0, at) > text.count("》", 0, at) or text.count("“", 0, at) > text.count("”", 0, at)):
        return False  # …or the name of a form (《假币没收收据》), or a quotation of another text (…规定：“…处罚款”)
    sentence = text[max(text.rfind(c, 0, at) for c in "；;。") + 1:at]
    if not _TRIGGER_RE.search(text[:at]):
        return False  # no conduct it answers: a list of kinds (重大行政处罚包括…责令停业整顿), a procedure
    return not _institution_acts(sentence)


def _institution_acts(before: str) -> bool:
    """Is the nearest actor named before a measure an institution (银行应当暂停其…业务), not a state organ?"""
    before = _OBJECT_RE.sub(lambda m: "　" * len(m.group(0)), before)  # 对运输企业处…: the addressee, not the actor
    cut = max(before.rfind("的，"), before.rfind("的,"))
    consequence = before[cut + 2:] if cut >= 0 else before
    if cut >= 0 and not _ORGAN_RE.search(consequence) and not _INSTITUTION_RE.search(consequence) \
            and not _MODAL_RE.search(consequence):
        return False  # …的，暂停其承销业务: the penalty form, its organ implied; the condition names the offender
    organ = max((x.end() for x in _ORGAN_RE.finditer(before)), default=-1)
    private = max((x.end() for x in _INSTITUTION_RE.finditer(before)), default=-1)
    return private > organ


_MODAL_RE = re.compile(r"应当|应|须|必须|可以|有权|将|要")


_OBJECT_RE = re.compile(r"(?:对|向|给予|责令)[^，,；;。]{0,24}")


def imposed_kinds(text: str, kinds: list[str], as_of: date) -> list[str]:
    """The kinds among ``kinds`` that the clause imposes: some occurrence is set here, not mentioned, and
    a reprimand of officials or of the agency's own branches (内部通报批评、处分) is not a penalty."""
    out = []
    for kind in kinds:
        pattern = _KIND_RES.get(kind)
        spots = [m.start("k" if m.group("k") else "k2") for m in pattern.finditer(text)] if pattern else []
        if kind.startswith("没收"):
            spots = [m.start() for m in re.finditer("没收", text)]
        if kind == "通报批评" and (as_of < REPRIMAND_PENALTY_SINCE
                                   or all(_INTERNAL_RE.search(text[:at]) or "处分" in text[at:at + 20] for at in spots)):
            continue
        if not spots or any(set_here(text, at) for at in spots):
            out.append(kind)
    return out


def _applies_before(text: str, pos: int) -> bool:
    """The clause applies a higher rule to what follows ``pos`` — or names the article it applies
    anywhere (…吊销营业执照，依照《产品质量法》第五十三条执行)."""
    return any(m.start() < pos or _ARTICLE_AFTER_RE.match(text, m.end()) for m in _APPLIES_RE.finditer(text))


def _article_applies_law(doc: ParsedDocument, u: Unit) -> bool:
    """The clause's article (or outline point) applies a named law: 依照《土地管理法》第六十二条的规定执行。
    Its other paragraphs restate that law's rule (再申请宅基地的，不予批准) rather than create one."""
    return any("《" in m.group() for m in _APPLIES_RE.finditer(doc.text, u.block[0], u.block[1]))


def _clause_span(text: str, pos: int) -> tuple[int, int]:
    """From ``pos`` to the end of its clause: what a reviewer reads as the evidence."""
    m = _CLAUSE_END_RE.search(text, pos)
    return pos, (m.start() if m else len(text))


def check_powers(doc: ParsedDocument, units: list[Unit], ctx: Context) -> list[Finding]:
    """Power findings for every clause of the document."""
    level = doc.metadata.level
    found: list[Finding] = []
    for u in units:
        if _ABSTRACT_RE.search(u.text):
            continue
        if u.penalty_kinds:
            found += _penalty(doc, u, ctx)
        if _article_applies_law(doc, u):
            continue
        for power in ("permit", "coercion", "fee"):
            if POWER_TYPES[power] in u.types and power_rule(power, level, ctx.as_of):
                span = _sets(power, u.text)
                if span is not None:
                    found.append(_power_finding(power, doc, u, span, ctx))
    return once_per_provision(found)


def once_per_provision(found: list[Finding]) -> list[Finding]:
    """One finding of a rule per article (or outline point): 第五条 sets one permit over three paragraphs."""
    seen, out = set(), []
    for f in found:
        key = (f.rule, f.location if f.rule == "F105" or f.article is None else f.article)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


def _sets(power: str, text: str) -> tuple[int, int] | None:
    """Where the clause creates a permit, coercive measure or fee of its own, or None."""
    if power == "permit":
        m = next((m for m in _PERMIT_SET_RE.finditer(text) if not _permit_in_place(text, m) and _creates(text, m)), None)
    elif power == "coercion":
        m = next((m for m in _COERCION_RE.finditer(text) if _coerces(text, m)), None)
    else:  # a tax or a fee a law levies (税费 paid into the 国库) is not one set here
        m = next((f for f in _FEE_RE.finditer(text) if _levied_by_government(text, f.start()) and "税" not in f.group(0)),
                 None)
    if m is None or _applies_before(text, m.start()):
        return None
    return _clause_span(text, m.start())


# A permit the clause handles rather than creates: its named certificate (申请续展《支付业务许可证》), the
# procedure of deciding on it (受理…申请, 作出…许可决定), an outcome (未获批准), or approval by a private or
# internal body (经交易所批准, 经本单位负责人批准).
_PERMIT_IN_PLACE_RE = re.compile(r"《[^》]{0,30}(?:证|书|表)》|受理|作出|决定书|通知书|申请材料|申请书|续展|换发|补发|副本|未获|未予|不予|"
                                 r"期限|工作日|交易所|公司|(?<!人民)银行|协会|本单位|本部门|负责人|上级行")


def _creates(text: str, m: re.Match) -> bool:
    """A permit created for the public: 应当…申请…/…经批准后方可…, or 未经<an organ>批准…不得 — not a step of a
    process (贷款申请批准后), nor an approval by no named organ (外来存储介质未经许可不得在机房使用)."""
    sentence_start, sentence_end = _around(text, m.start(), m.end(), "。；;")
    sentence = text[sentence_start:sentence_end]
    word = m.group(0)
    if word.startswith("申请"):
        return bool(re.search(r"(?:应当|须|必须|需要?)[^。；]{0,30}$", text[sentence_start:m.start()])
                    or "方可" in sentence)
    if word.startswith("未经"):
        return bool(_ORGAN_RE.search(word))
    return True


def _permit_in_place(text: str, m: re.Match) -> bool:
    return bool(_PERMIT_IN_PLACE_RE.search(text, *_around(text, m.start(), m.end(), "，,；;。")))


_COERCION_RE = re.compile(r"查封|扣押|冻结|强制执行|强制拆除|代履行|代为[^。；，]{0,6}|加处罚款|滞纳金")
# The measure's word naming a thing or an arrangement (冻结机制, 冻结措施：, 强制执行工作), a condition (…冻结或者扣划
# 等…原因导致…的), or a measure of the police or the courts (刑事侦查, 司法冻结) — none is a measure set here.
_COERCION_NOUN_RE = re.compile(r"(?:机制|措施[：:]|操作|指令|文书|工作|规范|制度|名单|情况|的规章|系统|功能|状态|期限|期间|期|管理|等(?:控制)?措施)")
_ORGAN_RE = re.compile(r"人民政府|人民银行|主管部门|管理部门|行政机关|(?<!公)[局厅委]|委员会|执法部门|监督管理")
_INSTITUTION_RE = re.compile(r"(?<!人民)银行|支付机构|代理机构|代理行|托管人|托管机构|承销商|金融机构|清算机构|结算机构|交易所|公司|企业|协会|清算所|登记结算|收单机构|发卡机构|开户行|参与者|市场成员")
_JUDICIAL_RE = re.compile(r"公安机关|人民法院|人民检察院|司法机关|侦查|有权机关|国家安全机关")


def _coerces(text: str, m: re.Match) -> bool:
    """Does the clause impose the measure (an organ 查封、扣押、冻结 …), rather than name it?"""
    start, end = _around(text, m.start(), m.end(), "，,；;。：:")
    after = text[m.end():end]
    sentence = text[_around(text, m.start(), m.end(), "；;。")[0]:end]
    if _COERCION_NOUN_RE.match(after) or after.endswith("的") or _JUDICIAL_RE.search(sentence):
        return False
    if m.group(0) in ("滞纳金", "加处罚款"):  # accrues on a debt to the organ unless an institution charges it
        return not _private_measure(text, m.start())
    # administrative coercion is an organ's act: the nearest actor before the measure must be a state organ
    # (a clearing house, custodian or bank that freezes under its own rules is not one)
    before = sentence[:sentence.find(m.group(0))] if m.group(0) in sentence else sentence
    return bool(_ORGAN_RE.search(before)) and not _institution_acts(before) and not _HANDLED_RE.search(text[start:m.start()])


def _levied_by_government(text: str, pos: int) -> bool:
    """Who collects: for 收取/征收 the words before 向 (which names the payer), for 缴纳/交纳 the words
    after 向 (which names the payee); a prohibition (不得向商户收取) levies nothing."""
    clause_start = max(text.rfind(c, 0, pos) for c in "，,；;。") + 1
    clause = text[clause_start:pos]
    if _NEGATED_RE.search(clause):
        return False
    before, _, after = clause.partition("向")
    collector = after if text.startswith(("缴纳", "交纳"), pos) and after else before
    return bool(_GOVERNMENT_RE.search(collector)) and not _PRIVATE_RE.search(collector.split("按照")[0][-8:])


def _power_finding(power: str, doc: ParsedDocument, u: Unit, span: tuple[int, int], ctx: Context) -> Finding:
    row = power_rule(power, doc.metadata.level, ctx.as_of)
    what = {"permit": "行政许可（审批）", "coercion": "行政强制", "fee": "收费事项"}[power]
    message, severity, upper = f"{u.location}由{doc.metadata.level}自行设定{what}，无法律、法规依据", None, []
    if power == "permit" and not region(doc.metadata.issuers) and doc.metadata.issuers:
        # a central department's paper usually carries out a permit the State Council kept by decision (国务院令第
        # 412号 lists 500), which the library does not hold: the tool cannot tell implementing from creating
        severity = "warning"
        message = (f"{u.location}规定了审批（许可）事项，未写明法律、行政法规或者国务院决定依据；如属国务院决定保留的"
                   "行政许可（国务院令第412号等，法规库未收录）则无问题，请核实")
    elif power == "permit":
        upper = _permit_upstream(doc, u, u.text[span[0]:span[1]], ctx)
        if upper:  # the laws the document cites approve something like it: restated, or set? the reviewer decides
            severity = "warning"
            message = (f"{u.location}规定了审批（许可）事项；《{upper[0][0]}》{upper[0][1]}对类似事项规定了许可（审批），"
                       "如系重述上位法规定则无问题，如系新设则无法律、法规依据，请核实")
    return finding(row["rule"], message, text=doc.text, start=u.start + span[0], end=u.start + span[1],
                   article=u.article, location=u.location, basis=row["basis"], severity=severity,
                   upper=[{"title": t, "label": lb, "text": tx} for t, lb, tx in upper[:3]])


_PERMIT_WORDS_RE = re.compile(r"许可|批准|核准|审批|登记|备案")


def _cited_entries(doc: ParsedDocument, ctx: Context) -> list:
    """The registry entries of the laws the document cites, each once, in the order first cited."""
    entries: dict[str, object] = {}
    for c in doc.citations:
        if c.title and not c.internal and not c.form:
            entry = ctx.library.registry.resolve(c.means or c.title).entry
            if entry is not None:
                entries.setdefault(entry.key, entry)
    return list(entries.values())


def _permit_upstream(doc: ParsedDocument, u: Unit, clause: str, ctx: Context) -> list[tuple[str, str, str]]:
    """Articles of the laws the document cites that provide an approval for something like the clause's."""
    from nlp.checks.basis import cn_article

    words = conduct(clause + u.text[:60])
    out = []
    for entry in _cited_entries(doc, ctx):
        for number, sub, text in ctx.library.articles(entry, ctx.as_of):
            if _PERMIT_WORDS_RE.search(text) and recurrence(words, text) >= 0.3:
                out.append((entry.title, cn_article(number, sub), text))
    return out


def _kind_in_basis_laws(doc: ParsedDocument, u: Unit, clauses: list, kinds: list[str], ctx: Context) -> list:
    """Penalty provisions of the document's basis laws that have one of ``kinds`` for conduct partly like the
    clause's (below the kind_match a restatement needs, above a chance likeness): the reviewer decides."""
    bases = basis_entries(doc, u, ctx)
    candidates = [p for entry in bases for p in ctx.library.penalty_provisions(entry, ctx.as_of, any_version=True)]
    weights = candidate_weights(candidates)
    near = ctx.settings["upper"].get("kind_near", 0.3)
    conducts = [c.conduct for c in clauses] + [conduct(doc.text[u.block[0]:u.block[1]])]  # the article's lead-in too
    found = [p for p in candidates if any(has_kind(p, k) for k in kinds)
             and any(recurrence(c, p.conduct_text, weights) >= near for c in conducts)]
    if found:
        return found
    # a measure a law provides outside its penalty chapter (人民币管理条例 第三十二条: 发现伪造的人民币，应当予以没收)
    from nlp.checks.basis import cn_article
    from nlp.checks.context import UpperProvision

    for entry in bases:
        for number, sub, text in ctx.library.articles(entry, ctx.as_of):
            if any(k in penalty_kinds(text) for k in kinds) and any(recurrence(c, text) >= near for c in conducts):
                return [UpperProvision(entry.title, entry.level or "", cn_article(number, sub), number, sub, 0, text,
                                       tuple(penalty_kinds(text)), ())]
    return []


def _cites_for_its_own(doc: ParsedDocument, clause) -> bool:
    """The clause cites a law for its own penalty (not only to refer one branch to that law)."""
    return any(not referral(doc.text, c.start) for c in clause.citations)


def _penalty(doc: ParsedDocument, u: Unit, ctx: Context) -> list[Finding]:
    """F102/F107 for kinds the rank may not set, F105 against each offence's counterpart for the rest."""
    level = doc.metadata.level
    row = power_rule("penalty", level, ctx.as_of)
    kinds = imposed_kinds(u.text, u.penalty_kinds, ctx.as_of)
    if not kinds or _CRIMINAL_TITLE_RE.search(doc.metadata.title or ""):
        return []  # penalties named, applied or handled, none imposed here; or criminal procedure (刑事拘留, 没收赃物)
    positions = {k: v for k, v in penalty_kind_positions(u.text).items() if k in kinds}
    first = min(positions.values(), default=0)
    clauses = [replace(c, kinds=tuple(k for k in c.kinds if k in kinds)) for c in penalty_clauses(doc, u)]
    under = None if _cites_for_its_own(doc, clauses[0]) else delegated(doc, u.text, basis_entries(doc, u, ctx), ctx)
    if under is not None:  # the upper law leaves this matter to the province: not held to its penalties
        ctx.notes.append(f"{u.location}：未按上位法的处罚种类和幅度审查（F105、F107）——《{under.law}》{under.label}"
                         f"授权地方规定：“{under.text}”")
        clauses_cap = [c for c in clauses if c.fines]
        return [f for c in clauses_cap for f in check_fine_cap(doc, c, u, ctx)
                if not _cites_for_its_own(doc, c)]
    matches = [(c, counterpart(doc, c, u, ctx)) for c in clauses]
    applied = _applies_before(u.text, first)
    over = beyond("penalty", level, kinds, u.text, ctx.as_of) if row else []
    if over and row["may_set"]:
        # a rank that may set some kinds may specify the others that an upper provision for the
        # same conduct already has; a rank that may set none must say which provision it applies
        over = [k for k in over if not any(kind_upstream(doc, c, u, k, ctx) for c in clauses)]
    for _, match in matches:
        if match is not None and match.cited:
            over = [k for k in over if not has_kind(match.provision, k)]
    over = [k for k in over if not (k == "行政拘留" and _POLICE_RE.search(u.text))]
    found: list[Finding] = []
    if over and not applied:
        at = min([positions.get(k.replace("吊销营业执照", "吊销许可证件"), first) for k in over]
                 + [f.start for f in u.fines if "罚款" in over])
        at -= 2 if u.text[max(0, at - 2):at] in ("责令", "没收") else 0
        start, end = _clause_span(u.text, at)
        if row["rule"] == "F102":
            message = f"{u.location}由行政规范性文件设定行政处罚（{'、'.join(kinds)}）"
        else:
            over = ["吊销营业执照" if k == "吊销许可证件" and revokes_business_licence(u.text) else k for k in over]
            upper = "未规定该处罚种类" if any(m for _, m in matches) else "未作规定"
            message = (f"{u.location}设定的处罚种类（{'、'.join(over)}）超出{level}的设定权限，"
                       f"且上位法对同一违法行为{upper}")
        severity, elsewhere = None, _kind_in_basis_laws(doc, u, clauses, over, ctx) if row["rule"] == "F107" else []
        if elsewhere:  # the lexical match is not sure enough to say the upper law lacks it for this conduct
            severity = "warning"
            message += (f"；但《{elsewhere[0].title}》{elsewhere[0].label}等上位法条文规定了该处罚种类，"
                        "可能是对上位法的具体化，请核实是否为同一违法行为")
        found.append(finding(row["rule"], message, text=doc.text, start=u.start + start, end=u.start + end,
                             article=u.article, location=u.location, basis=row["basis"], kinds=over,
                             severity=severity, upper=[{"title": p.title, "label": p.label, "text": p.text}
                                                       for p in elsewhere[:3]]))
    if not found:
        for clause, match in matches:
            # 依照《治安管理处罚法》给予警告、拘留 applies the named law, whatever it provides
            if match is not None and (match.cited or not _NAMED_LAW_RE.search(clause.text)):
                found += check_penalty_range(doc, clause, u, ctx, match)
            elif match is None and "罚款" in kinds and not applied and not _cites_for_its_own(doc, clause) \
                    and not kind_upstream(doc, clause, u, "罚款", ctx):
                found += check_fine_cap(doc, clause, u, ctx)  # a fine the rule sets itself
    return found


# Measures that restrict rights or add duties (国办发〔2018〕37号 lists them as 严禁越权发文).
_RESTRICT_RES = (
    (re.compile(r"(?:未|拒不|没有)[^。；]{1,30}?的[，,][^。；]{0,20}?不予(?:办理|受理|发放|登记|核发|验收)"),
     "以不予办理其他事项作为管理手段"),
    (re.compile(r"(?:列入|纳入)[^。；]{0,10}?(?:黑名单|失信(?:名单|惩戒))"), "列入黑名单（失信名单）"),
    (re.compile(r"(?:限制|禁止|取消)[^。；]{0,12}?(?:参加|参与)[^。；]{0,12}?(?:招标|投标|政府采购|评先|评优|评比)"),
     "限制参加招标投标、政府采购或者评先评优"),
    (re.compile(r"(?:缴纳|交纳|收取|预交)[^。；]{0,12}?(?:保证金|押金)"), "要求缴纳保证金（押金）"),
    (re.compile(r"(?:停止|暂停|中断)[^。；]{0,8}?(?:供水|供电|供气|供热)"), "以停止供水、供电、供气督促履行"),
    (re.compile(r"(?:[一二三四五六七八九十两\d]+年内|期限内|期满前|未满|下一次|下一年度|之日起[^。；]{0,8}内)[^。；]{0,16}?"
                r"不得(?:再次|重新)?(?:申请|提出申请|申报|报名|参加|参与|设立)"
                r"|不得在(?:下一次|下一年度|[一二三四五六七八九十两\d]+年内|期限内)[^。；]{0,20}?(?:申请|申报|报名|参加)"),
     "限制其在一定期间内申请许可或者参加相关活动"),
    (re.compile(r"(?:人民银行|主管部门|管理部门|行政机关|人民政府)[^。；]{0,40}?(?:暂停|停止|终止)(?:为其|向其|对其)提供[^。；]{0,12}?服务"),
     "以暂停提供公共服务作为惩戒手段"),
)
#: Ranks that need an upper-level basis to restrict rights (立法法 第九十一条第二款、第九十三条第六款).
_NEEDS_UPPER = ("部门规章", "地方政府规章", "行政规范性文件")


def _withdrawn(text: str, m: re.Match) -> bool:
    """不得要求缴纳保证金, 对已收取的保证金全额退还: the measure is forbidden or undone, not imposed."""
    clause_start = max(text.rfind(c, 0, m.start()) for c in "，,；;。") + 1
    sentence_end = min((i for i in (text.find(c, m.end()) for c in "。；") if i >= 0), default=len(text))
    return (bool(_NEGATED_RE.search(text, clause_start, m.start())) or text[max(0, m.start() - 2):m.start()].endswith(("已", "已经"))
            or bool(re.search(r"退还|返还|清退", text[clause_start:sentence_end])))


_OWN_APPLICATION_RE = re.compile(r"补正|补充|补齐|材料|不齐|不全|不符合(?:条件|要求)|未按(?:要求|规定)(?:提交|提供|填写)")
#: Restrictions that are an actor's act (refusing, barring, suspending): an institution's own is no state measure.
_BY_AN_ACTOR = ("以不予办理其他事项作为管理手段", "限制其在一定期间内申请许可或者参加相关活动", "以暂停提供公共服务作为惩戒手段")


def _private_measure(text: str, at: int) -> bool:
    """A bank or other institution acting under its own contract or risk controls, not the state."""
    sentence = text[max(text.rfind(c, 0, at) for c in "；;。") + 1:at]
    actor = _PRIVATE_ACTOR_RE.search(sentence)
    return bool(actor and not _STATE_ACTOR_RE.search(sentence[:actor.start()]))


_RESTRICTION_WORDS = {"要求缴纳保证金（押金）": r"保证金|押金|担保人", "列入黑名单（失信名单）": r"黑名单|失信|严重违法",
                      "限制其在一定期间内申请许可或者参加相关活动": r"年内不得|不得再次申请|不得申请|不得重新申请",
                      "限制参加招标投标、政府采购或者评先评优": r"招标|投标|政府采购",
                      "以停止供水、供电、供气督促履行": r"供水|供电|供气|供热"}


def _restated(doc: ParsedDocument, u: Unit, what: str, ctx: Context | None) -> bool:
    """Does a law the document cites provide the same kind of measure for matter like this (刑事诉讼法's 保证金 in a
    procedure rule, 市场主体登记管理条例's 三年内不得再次申请)? Then the document restates it."""
    words = _RESTRICTION_WORDS.get(what)
    if ctx is None or not words:
        return False
    for entry in _cited_entries(doc, ctx):
        for _, _, text in ctx.library.articles(entry, ctx.as_of):
            if re.search(words, text) and recurrence(conduct(u.text), text) >= 0.3:
                return True
    return False


def check_restrictions(doc: ParsedDocument, units: list[Unit], ctx: Context | None = None) -> list[Finding]:
    """F106: a rule or normative document restricting rights or adding duties with no basis in law."""
    if doc.metadata.level not in _NEEDS_UPPER:
        return []
    found = []
    for u in units:
        if _ABSTRACT_RE.search(u.text) or _article_applies_law(doc, u):
            continue
        for pattern, what in _RESTRICT_RES:
            m = pattern.search(u.text)
            if what == "以不予办理其他事项作为管理手段" and m and _OWN_APPLICATION_RE.search(m.group(0)):
                continue  # 材料不齐全、逾期未补正的，不予受理: the application's own procedure, not leverage
            if m and not _applies_before(u.text, m.start()) and not _withdrawn(u.text, m) \
                    and not (what in _BY_AN_ACTOR and _private_measure(u.text, m.start())) \
                    and not _restated(doc, u, what, ctx):
                start, end = _clause_span(u.text, m.start())
                end = max(end, _clause_span(u.text, m.end() - 1)[1])
                found.append(finding("F106", f"{u.location}{what}，未写明法律、法规依据", text=doc.text,
                                     start=u.start + start, end=u.start + end, article=u.article,
                                     location=u.location))
                break
    return once_per_provision(found)
