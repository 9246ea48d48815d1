"""F601: recognise a submission that is not a 行政规范性文件 at all.

国办发〔2018〕37号 excludes internal rules, work plans, minutes, reports and 请示, rewards and
appointments, and decisions on one matter. Such papers announce themselves by their 文种 and
subject in the title, or, without a usable title, by set phrases of the body (特此报告, 妥否，请批示,
任命…为…). Rules binding the public veto a finding (for plans and body-only findings, any rule at all):
a normative document must never be flagged.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from nlp.normalize import Normalized, normalize

_SCAN = 30_000  # genre shows near the top and non-normative papers are short; bounds the cost on long laws
_HEAD = 3_000  # where the title line is looked for


@dataclass(frozen=True)
class NotNormative:
    """Finding of F601: what the document is instead, why that is not normative, and where the text shows it."""

    kind: str  # 工作总结, 通报, 人事任免, … (the keys of _REASONS)
    reason: str  # one sentence for the reviewer
    start: int  # evidence span into the text: the title line, else the body sentence that shows the kind
    end: int


_EXCLUDED = "属于国办发〔2018〕37号明确排除的"
_REASONS = {
    "工作总结": "文件为工作总结，报告工作情况，不含普遍适用的权利义务规范",
    "工作报告": "文件为工作报告，向上级汇报工作情况，不含普遍适用的权利义务规范",
    "调研报告": "文件为调研报告，反映调查研究情况和建议，不设定公民、法人和其他组织的权利义务",
    "请示": f"文件为请示，向上级请求指示或批准，{_EXCLUDED}请示报告类文件",
    "通报": "文件为通报，通报检查情况或具体事项，不含普遍适用、反复适用的规范",
    "会议纪要": f"文件为会议纪要，{_EXCLUDED}会议纪要类文件",
    "人事任免": f"文件为人事任免，{_EXCLUDED}人事任免类文件",
    "表彰决定": f"文件为表彰奖励决定，{_EXCLUDED}表彰奖惩类文件",
    "个案决定": "文件针对特定对象的单一事项作出，不具有普遍约束力，不能反复适用",
    "会议通知": "文件为会议通知，仅安排会议事项，不涉及公民、法人和其他组织的权利义务",
    "内部通知": "文件为机关内部事务通知，不涉及公民、法人和其他组织的权利义务",
    "内部管理制度": f"文件为机关内部执行的管理制度，{_EXCLUDED}内部管理规范",
    "名单公示": "文件为名单或公示，针对特定对象，不具有普遍约束力",
    "工作方案": f"文件为工作方案，仅部署内部工作，未设定公民、法人和其他组织的权利义务，{_EXCLUDED}工作方案类文件",
    "研究文章": "文件为研究文章（论文、评论、思考），阐述作者观点和建议，不是行政机关制定的规范性文件",
}

_NOTICE = r"的(?:通知|决定|批复|复函|函|命令|令)$"
_SELF = r"(?:(?:局|委|厅|办|室|院|所|站|中心|部|处)机关|本(?:局|委|厅|办|单位|部门|机关)|机关内部)"
_HOUSEKEEPING = (r"(?:考勤|值班|请休假|休假|公务用车|车辆|公文|财务|经费|报销|差旅|接待|学习|印章|保密|档案"
                 r"|办公用品|固定资产|督查督办|会议|安全保卫|管理)")
# Tried in order on the document's own name (for a 印发/转发 notice, the name of what it issues).
_TITLE_KINDS: list[tuple[str, re.Pattern[str]]] = [(k, re.compile("|".join(alts))) for k, alts in [
    ("会议纪要", [r"纪要$"]),
    ("请示", [r"请示$"]),
    ("通报", [r"通报$"]),
    ("调研报告", [r"(?:调研|调查|考察)报告$"]),
    ("工作总结", [r"总结(?:报告)?$", r"述职(?:述廉)?报告$"]),
    ("工作报告", [r"(?:报告|汇报)$"]),
    ("人事任免", [rf"^关于(?:任命|免去|聘任|解聘)(?!制).{{1,40}}(?:为|同志|职务).*{_NOTICE}",
                  rf"(?:同志|某某).{{0,6}}(?:任免|任职|免职|职务).*{_NOTICE}",
                  rf"(?:职务|人事|干部)任免{_NOTICE}"]),
    ("表彰决定", [rf"^关于(?:通报)?(?:对.{{1,40}})?(?:表彰|表扬|嘉奖|授予|命名).*{_NOTICE}",
                  rf"^关于(?:对.{{1,40}})?给予.{{0,40}}(?:表彰|嘉奖|记功|奖励){_NOTICE}"]),
    ("个案决定", [r"(?:行政处罚|处罚|处理|处分)决定书?$",
                  r"^关于(?:同意|批准|核准|准予|不予|不同意).+的(?:批复|决定|复函|函)$",
                  r"(?:项目|工程).{0,30}(?:立项|可行性研究报告|初步设计|用地|选址).{0,6}的(?:批复|复函|函)$",
                  r"^关于给予.+(?:处分|处理|警告|记过|降级|撤职|开除)的决定$",
                  r"^关于对.{1,40}(?:有限公司|有限责任公司|某某|同志).{0,30}的(?:决定|批复|处理意见)$"]),
    ("内部通知", [r"^关于.{0,20}(?:放假|节假日|休假)(?:安排|时间|调整)?的通知$",
                  r"^关于(?:举办|组织|参加|开展).{0,40}培训(?:班|会)?的通知$"]),
    ("会议通知", [r"^关于(?:召开|举办|举行|组织召开|参加|出席).{0,60}(?:会议|会|论坛)的(?:预备)?通知$"]),
    ("内部管理制度", [rf"{_SELF}.{{0,12}}{_HOUSEKEEPING}.{{0,10}}(?:制度|办法|规定|规则|细则|守则|规程)$"]),
    ("名单公示", [r"(?:名单|公示)$", r"^关于(?:公布|公示|确定|认定|发布|下达).{0,80}(?:名单|人选)的(?:通知|公告)$"]),
    ("工作方案", [r"(?:方案|工作要点|工作计划|工作安排)$"]),
    ("研究文章", [r"(?:思考|探析|浅析|浅谈|探讨|初探|刍议|之我见|启示|对策研究|问题研究|路径研究)$", r"对策与思考|的思考$"]),
]]
_ISSUED = re.compile(r"关于(?:印发|转发|发布|下发|公布)(.+)的通知$")
_TRAILER = re.compile(r"(?:[（(][^（）()]{0,12}[）)])+$")  # （试行）, （2024年）, （草案）
_TITLE_LINE = re.compile(r"关于.{2,}|(?:总结|报告|请示|通报|纪要|批复|名单|公示|方案|要点|通知|决定"
                         r"|办法|规定|细则|制度|思考|探析|浅析|浅谈|探讨|初探|刍议)$")

# Body phrases that show a genre even when the title says nothing: (kind, pattern, weight).
_BODY = [(k, re.compile(p, re.MULTILINE), w) for k, p, w in [
    ("工作总结", r"特此报告", 2),
    ("工作总结", r"(?:总结|汇报|报告)如下", 2),
    ("工作总结", r"主要工作|工作成效|主要成效|取得的成效|工作开展情况", 1),
    ("工作总结", r"存在的?(?:主要)?问题|不足之处", 1),
    ("工作总结", r"下一步(?:工作)?(?:打算|计划|安排)|工作(?:打算|思路)", 1),
    ("请示", r"妥否|当否|是否妥当", 2),
    ("请示", r"特此请示|请(?:予)?(?:批示|审批|审示|示复)", 2),
    ("通报", r"通报如下|特此通报", 2),
    ("通报", r"检查(?:组|发现)|暗访", 1),
    ("通报", r"存在的?(?:主要)?问题", 1),
    ("通报", r"整改(?:台账|到位|情况)", 1),
    ("调研报告", r"调研(?:组|发现|情况|中发现)", 2),
    ("调研报告", r"(?:对策|意见)建议|几点建议", 1),
    ("会议纪要", r"会议(?:议定|决定|认为|强调|要求|指出|听取|研究)", 2),
    ("会议纪要", r"(?:出席|参加|列席)(?:会议|人员)", 1),
    ("会议纪要", r"纪要", 1),
    ("表彰决定", r"予以表彰|通报表扬|给予表彰|荣誉称号|记(?:个人)?[一二三]等功|嘉奖", 2),
    ("表彰决定", r"受(?:到)?表彰的", 2),
    ("会议通知", r"会议时间|会议地点", 2),
    ("会议通知", r"参会人员|参加人员|出席人员|回执", 1),
    ("名单公示", r"公示(?:期|时间)|如有异议", 2),
    ("名单公示", r"名单如下", 1),
    ("研究文章", r"^\s*(?:作者|摘\s*要|关键词|关键字)\s*[：:]", 2),
    ("研究文章", r"参考文献|本文(?:从|认为|分析|提出|探讨)", 2),
]]
_UPWARD = re.compile(r"^(?!各)[^\s，,、；;。]{0,20}(?:政府|委员会|党委|局|厅|委|办公室)[：:]$", re.MULTILINE)
_APPOINT = re.compile(r"^\s*(?:任命|聘任).{1,12}?为|^\s*免去.{1,12}?的.{2,40}?职务", re.MULTILINE)
# Deployment headings of a work plan; a plan needs two of these to count as internal work.
_DEPLOY = [re.compile(p) for p in (
    r"工作目标|总体要求|指导思想|(?:普查|调查|统计|工作)目的", r"主要任务|重点任务|工作任务|(?:普查|调查)(?:对象|内容|范围)",
    r"组织领导|保障措施|工作要求|组织实施",
    r"实施步骤|工作步骤|时间安排|进度安排|动员部署|自查自纠|总结验收",
)]

_EXTRA_EVIDENCE = {"人事任免": [_APPOINT], "工作方案": _DEPLOY}

# Signs of a normative document.
_ARTICLE = re.compile(r"^\s*第[一二三四五六七八九十百零〇0-9]+条", re.MULTILINE)
_EFFECT = re.compile(r"自.{0,20}起(?:施行|执行|实施)|有效期(?:为|至|[一二三四五六七八九十0-9]+年)")
# Rights given to the public (subsidies, conditions to apply) make a plan normative even without duties.
_RIGHTS = re.compile(r"(?:补贴|补助|奖补|扶持|救助)(?:对象|标准|范围|条件)|(?:申请|申报|享受)(?:条件|对象)|可以?申请"
                     r"|(?:允许|支持|鼓励)[^。；]{0,20}?(?:企业|外商|外资|机构|个人|经营者|投资者)[^。；]{0,20}?(?:开展|设立|从事|申请|享受|参与)")
_PENALTY = re.compile(r"处.{0,20}(?:以上|以下).{0,20}罚款|责令(?:限期)?改正")
_DUTY = re.compile(r"应当|不得|禁止|严禁|必须|不准")
_PUBLIC = re.compile(r"单位和个人|公民|法人|其他组织|经营者|经营单位|企业|业主|申请人|当事人|消费者|驾驶人"
                     r"|施工单位|建设单位|从业人员|居民|村民|农户|建房户|持卡人|用户|商户|摊贩|任何人")
_SENTENCE = re.compile(r"[^。；;！!\n]+")


@dataclass(frozen=True)
class _Norms:
    """How much of the body reads like rules: articles, duties on the public, effect and penalty clauses."""

    articles: int
    duties: int
    public_duties: int
    effect: bool
    penalty: bool
    rights: bool

    @classmethod
    def of(cls, body: str) -> _Norms:
        sentences = [s for s in _SENTENCE.findall(body) if _DUTY.search(s)]
        return cls(len(_ARTICLE.findall(body)), len(sentences), sum(1 for s in sentences if _PUBLIC.search(s)),
                   bool(_EFFECT.search(body)), bool(_PENALTY.search(body)), bool(_RIGHTS.search(body)))

    @property
    def regulation(self) -> bool:
        """Articles with an effect date or duties on the public: a real rule-making document."""
        return self.articles >= 3 and (self.effect or self.public_duties >= 2)

    @property
    def any(self) -> bool:
        """Any rule at all: articles, an effect clause, a penalty, a duty on or a right of the public."""
        return self.articles >= 3 or self.effect or self.penalty or self.rights or self.public_duties > 0


def binds_the_public(text: str) -> bool:
    """Does the text read as rules — articles, a duty on the public, a penalty? Then it needs a stated basis."""
    norms = _Norms.of(normalize(text[:_SCAN]).text)
    return norms.public_duties >= 1 or norms.penalty or norms.articles >= 3


def not_normative(title: str | None, text: str) -> NotNormative | None:
    """None when the document may be normative."""
    norm = normalize(text[:_SCAN])
    body = norm.text
    name = normalize(title).text.strip().lstrip("#").strip() if title else _guess_title(body)
    kind = _title_kind(name) if name else None
    norms = _Norms.of(body)
    if kind is None:
        return _by_body(norm, norms)
    if _vetoed(kind, body, norms):
        return None
    span = _find_title(body, name) or _strongest(body, kind)
    if span is None:
        return None
    return NotNormative(kind, _REASONS[kind], *norm.span(*span))


def _guess_title(body: str) -> str:
    """The first title-like line of the head, for callers that have no title."""
    for line in body[:_HEAD].splitlines()[:15]:
        line = line.strip().lstrip("#").strip()
        if 6 <= len(line) <= 100 and "〔" not in line and _TITLE_LINE.search(line):
            return line
    return ""


def _title_kind(title: str) -> str | None:
    """Kind named by the title, read from 关于 on; a 印发/转发 notice takes the genre of what it issues."""
    name = _TRAILER.sub("", title.replace(" ", ""))
    name = name[max(name.find("关于"), 0):]
    if m := _ISSUED.search(name):
        name = _TRAILER.sub("", m.group(1).strip("《》〈〉"))
    return next((kind for kind, rx in _TITLE_KINDS if rx.search(name)), None)


def _vetoed(kind: str, body: str, norms: _Norms) -> bool:
    """Rules for the public outweigh the title; plans and internal rules must show none at all."""
    if kind == "内部管理制度":
        return norms.public_duties > 0
    if kind == "研究文章":
        return norms.regulation or norms.effect
    if kind == "工作方案":
        return norms.any or norms.duties > 2 or sum(1 for rx in _DEPLOY if rx.search(body)) < 2
    return norms.regulation


# A deployment addressed to government bodies only: 各省、自治区、直辖市人民政府，国务院各部委 / 各区县人民政府，市政府各部门：
_GOV_ADDRESSEES_RE = re.compile(r"^\s*各[^\n]{2,120}?(?:人民政府|部门|直属机构|单位|委办局|乡镇|街道办事处)[^\n]{0,80}?[：:]\s*$", re.MULTILINE)
_PUBLIC_ADDRESSEE_RE = re.compile(r"企业|公司|经营者|银行|金融机构|协会|社会组织|单位和个人|公民|居民|学校|医院")
_GOV_DUTY_RE = re.compile(r"(?:各地区|各部门|各地|各级人民政府|地方各级|各有关部门|各单位|各区县|各乡镇)[^。；]{0,20}?(?:要|应当|须|必须)")


def _internal_deployment(norm: Normalized, norms: _Norms) -> NotNormative | None:
    """Work deployed to government bodies only, binding nobody else: not a 行政规范性文件 (国办发〔2018〕37号)."""
    body = norm.text
    head = _GOV_ADDRESSEES_RE.search(body[:_HEAD])
    if head is None or _PUBLIC_ADDRESSEE_RE.search(head.group(0)) or norms.any:
        return None
    if len(_GOV_DUTY_RE.findall(body)) < 2:
        return None
    return NotNormative("内部通知", "文件仅对行政机关部署工作，不涉及公民、法人和其他组织的权利义务，不属于行政规范性文件",
                        *norm.span(*head.span()))


def _by_body(norm: Normalized, norms: _Norms) -> NotNormative | None:
    """Without a telling title, set phrases must add up clearly and no rule may appear."""
    body = norm.text
    if norms.any:
        return None
    internal = _internal_deployment(norm, norms)
    if internal is not None:
        return internal
    scores: dict[str, int] = {}
    for kind, rx, weight in _BODY:
        if rx.search(body):
            scores[kind] = scores.get(kind, 0) + weight
    if _UPWARD.search(body[:_HEAD]):
        for kind in ("工作总结", "请示", "调研报告"):
            scores[kind] = scores.get(kind, 0) + 1
    if len(_APPOINT.findall(body)) >= 2:
        scores["人事任免"] = 4
    kind, score = max(scores.items(), key=lambda kv: kv[1], default=("", 0))
    span = _strongest(body, kind) if score >= 4 else None
    return NotNormative(kind, _REASONS[kind], *norm.span(*span)) if span else None


def _find_title(body: str, title: str) -> tuple[int, int] | None:
    """The title in the head of the text, tolerating spaces and punctuation the title extractor dropped."""
    compact = re.sub(r"[\s、，,·《》“”\"]", "", title)
    for cand in (compact, compact[compact.find("关于"):] if "关于" in compact else ""):
        if len(cand) >= 4 and (m := re.search(r"[\s、，,·《》“”\"]*".join(map(re.escape, cand)), body[:_HEAD])):
            return m.span()
    return None


def _strongest(body: str, kind: str) -> tuple[int, int] | None:
    """The sentence holding the heaviest body phrase of ``kind`` (a report reads like a summary)."""
    own = "工作总结" if kind == "工作报告" else kind
    patterns = _EXTRA_EVIDENCE.get(kind, []) + [rx for k, rx, _ in sorted(_BODY, key=lambda b: -b[2]) if k == own]
    for rx in patterns:
        if m := rx.search(body):
            for s in _SENTENCE.finditer(body):
                if s.start() <= m.start() < s.end():
                    return s.span()
    return None
