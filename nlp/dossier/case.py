"""A case as its documents tell it together: case number, party, penalty, and the timeline
立案 → 调查 → 告知 → 陈述申辩/听证 → 决定 → 送达 → 执行 → 结案."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from nlp.dossier.extract import CaseDocument, Party

#: Stages in the order a penalty case runs (告知送达 is the notice's service, between 告知 and 陈述申辩).
STAGES = ("立案", "调查", "审核", "告知", "告知送达", "陈述申辩/听证", "决定", "送达", "执行", "结案")
NOTICES = ("行政处罚事先告知书", "听证告知书")
#: Documents that name the party and carry the case's own 文书编号 (evidence and records name others).
CASE_PAPERS = ("立案审批表", "现场检查笔录", "调查终结报告", "行政处罚事先告知书", "听证告知书", "行政处罚决定书",
               "延期审批表", "结案审批表", "缴款凭证")


@dataclass
class Case:
    """The documents of one case file and the facts read across them."""

    documents: list[CaseDocument]
    by_type: dict[str, list[CaseDocument]] = field(default_factory=dict)

    def __post_init__(self) -> None:
        for d in self.documents:
            self.by_type.setdefault(d.type, []).append(d)

    def first(self, *types: str) -> CaseDocument | None:
        return next((d for t in types for d in self.by_type.get(t, [])), None)

    @property
    def decision(self) -> CaseDocument | None:
        return self.first("行政处罚决定书")

    @property
    def notice(self) -> CaseDocument | None:
        """The prior notice of the intended penalty (a 听证告知书 serves as one where it is the only)."""
        return self.first(*NOTICES)

    @property
    def serial(self) -> tuple[str, int, int] | None:
        """The case's 文书编号 serial: the one most documents carry."""
        papers = [d for d in self.documents if d.serial and d.type in CASE_PAPERS] or \
            [d for d in self.documents if d.serial]
        counts = Counter(d.serial for d in papers)
        return counts.most_common(1)[0][0] if counts else None

    @property
    def case_no(self) -> str | None:
        main = self.decision or self.first("立案审批表")
        if main and main.doc_no:
            return main.doc_no
        s = self.serial
        return f"{s[0]}〔{s[1]}〕{s[2]}号" if s else None

    @property
    def party(self) -> Party | None:
        for d in [self.decision, self.notice, self.first("立案审批表")] + self.documents:
            if d is not None and d.party is not None:
                return d.party
        return None

    @property
    def fine(self) -> float | None:
        d = self.decision or self.notice
        return d.fine if d else None

    @property
    def kinds(self) -> list[str]:
        d = self.decision or self.notice
        return d.kinds if d else []

    def served(self, what: str) -> date | None:
        """When the document whose name contains ``what`` (决定书, 告知书) was served: its 送达回证's
        送达/签收 date, or a receipt written on the document itself."""
        receipts = self.by_type.get("送达回证", [])
        for r in receipts:
            if any(what in s for s in r.served_documents):
                return r.dated("送达") or r.date
        target = self.decision if what == "决定书" else self.notice
        if target is None:
            return None
        # a receipt that does not name what it serves: the first one dated on or after the document
        unnamed = sorted(d for r in receipts if not r.served_documents and (d := r.dated("送达") or r.date)
                         and target.date and d >= target.date)
        return target.dated("送达") or (unnamed[0] if unnamed and what == "决定书" else None)

    def dates(self) -> dict[str, date]:
        """The timeline: the date of each stage the file documents."""
        out: dict[str, date] = {}
        registered = self.first("立案审批表")
        if registered and (d := registered.dated("立案", "审批") or registered.date):
            out["立案"] = d
        checks = [d.dated("检查", "询问", "勘验", "调查") or d.date for t in ("现场检查笔录", "询问笔录")
                  for d in self.by_type.get(t, [])]
        if any(checks):
            out["调查"] = min(c for c in checks if c)
        for stage, types, label in (("告知", NOTICES, None), ("陈述申辩/听证", ("陈述申辩笔录", "听证笔录"), None),
                                    ("决定", ("行政处罚决定书",), None), ("执行", ("缴款凭证",), "缴款"),
                                    ("结案", ("结案审批表",), "结案")):
            doc = self.first(*types)
            if doc and (d := (doc.dated(label) if label else None) or doc.date):
                out[stage] = d
        if (d := self.served("告知书")):
            out["告知送达"] = d
        if (d := self.served("决定书")):
            out["送达"] = d
        return dict(sorted(out.items(), key=lambda kv: (kv[1], STAGES.index(kv[0]))))
