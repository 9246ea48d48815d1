"""F501 on the competent authority: two documents of one region on one matter naming different
authorities for the same task. Names that differ only in form (城市管理局 / 城市管理部门) agree."""
from __future__ import annotations

import pytest

from tests.checks.conftest import add_documents, review_text

RULE = """临江市互联网租赁自行车管理办法
临江市人民政府令
第21号

第一条 为了规范互联网租赁自行车管理，根据有关法律、法规，结合本市实际，制定本办法。
第二条 共享单车停放区的施划由{authority}负责，各区人民政府予以配合。
第三条 本办法自2024年1月1日起施行。

临江市人民政府
2023年11月20日
"""

NOTICE = """临江市{issuer}关于加强互联网租赁自行车停放管理的通知
临{short}规〔2024〕3号

各县（市、区）{issuer}：
为加强互联网租赁自行车停放管理，根据《临江市互联网租赁自行车管理办法》，现就有关事项通知如下：
一、共享单车停放区的施划由{authority}负责。
二、本通知自2024年6月1日起施行，有效期五年。

临江市{issuer}
2024年5月6日
"""


def _notice(authority: str) -> str:
    return NOTICE.format(issuer="公安局", short="公", authority=authority)


@pytest.mark.parametrize("rule_authority, notice_authority, conflict", [
    ("城市管理部门", "公安机关交通管理部门", True),
    ("市城市管理局", "市交通运输局", True),
    ("城市管理部门", "市城市管理局", False),  # one authority, named in two forms
    ("市城市管理局", "城市管理综合执法部门", False),
])
def test_the_authority_named_for_one_task(library, tmp_path, rule_authority, notice_authority, conflict):
    add_documents(library, tmp_path / "store", {"rule.md": RULE.format(authority=rule_authority)})
    review = review_text(library, tmp_path, _notice(notice_authority))
    found = [f for f in review.findings if f.rule == "F501"]
    if not conflict:
        assert found == []
        return
    assert len(found) == 1, [(f.rule, f.message) for f in review.findings]
    f = found[0]
    assert f.location == "一、" and f.severity == "warning"
    assert notice_authority in f.evidence and review.doc.text[f.start:f.end] == f.evidence
    assert rule_authority in f.message and "《临江市互联网租赁自行车管理办法》第二条" in f.message


def test_another_task_of_another_authority_is_no_conflict(library, tmp_path):
    add_documents(library, tmp_path / "store", {"rule.md": RULE.format(authority="城市管理部门")})
    other = _notice("公安机关交通管理部门").replace("共享单车停放区的施划", "违规停放车辆的清拖")
    review = review_text(library, tmp_path, other)
    assert "F501" not in [f.rule for f in review.findings]
