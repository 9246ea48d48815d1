"""The 文件 (ui/pages/document.py) and 条文 (ui/pages/provision.py) pages through AppTest.

The store is built once per module from corpus/normative plus two fictional versions of one 办法
(renumbered between them) and a hostile notice that cites two of its articles; the pages read it
from $NORMSCOPE_DB.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from tests.paths import ROOT
from tests.ui.conftest import demo_store

DOCUMENT = str(ROOT / "ui" / "pages" / "document.py")
PROVISION = str(ROOT / "ui" / "pages" / "provision.py")
TIMEOUT = 120
SCRIPT = "<script>alert(1)</script>"

DUST = "临江市扬尘和露天焚烧污染防治办法"
DUST_NOTICE = "临江市住房和城乡建设局"  # …关于进一步加强建设工程施工扬尘防治工作的通知, cites 《DUST》
TEST_LAW = "临江市测试条文管理办法"
NOTICE = "临江市测试局关于规范测试活动的通知"

V2019 = f"""{TEST_LAW}

（2019年1月10日临江市人民政府第5次常务会议通过　2019年2月1日临江市人民政府令第30号公布　自2019年3月1日起施行）

第一章　总则

第一条　为了规范测试条文管理，保障测试数据真实，制定本办法。

第二条　本办法适用于本市行政区域内的测试活动及其监督管理。

第二章　管理与责任

第三条　测试单位应当如实记录测试数据，并保存原始记录不少于三年。

第四条　违反本办法第三条规定的，由市测试主管部门责令限期改正；逾期不改正的，处一千元以上五千元以下罚款。

第五条　本办法自2019年3月1日起施行。
"""
# 2023: a new 第三条 is inserted, so the old 第三条/第四条 become 第四条/第五条
V2023 = f"""{TEST_LAW}

（2019年1月10日临江市人民政府第5次常务会议通过　2023年5月1日临江市人民政府令第41号修订　自2023年6月1日起施行）

第一章　总则

第一条　为了规范测试条文管理，保障测试数据真实，制定本办法。

第二条　本办法适用于本市行政区域内的测试活动及其监督管理。

第二章　管理与责任

第三条　从事测试活动的单位应当向市测试主管部门备案。

第四条　测试单位应当如实记录测试数据，并保存原始记录不少于五年。{SCRIPT}

第五条　违反本办法第四条规定的，由市测试主管部门责令限期改正；逾期不改正的，处二千元以上一万元以下罚款。

第六条　本办法自2023年6月1日起施行。
"""
HOSTILE = f"""{NOTICE}

临测发〔2024〕1号

各区县测试部门：

一、从事测试活动的单位应当遵守《{TEST_LAW}》第四条的规定。{SCRIPT}**粗体**
二、违反规定的，依照《{TEST_LAW}》第五条处理。
三、本通知自2024年3月1日起施行，有效期五年。

临江市测试局
2024年2月1日
"""


@pytest.fixture(scope="module")
def db_file(tmp_path_factory) -> Path:
    return demo_store(tmp_path_factory.mktemp("pages"), {f"{TEST_LAW}(2019-02-01).txt": V2019,
                                                          f"{TEST_LAW}(2023-05-01).txt": V2023, f"{NOTICE}.txt": HOSTILE})


def doc_id(db_file: Path, prefix: str) -> int:
    with sqlite3.connect(db_file) as conn:
        rows = conn.execute("select id from documents where title like ?", [prefix + "%"]).fetchall()
    assert len(rows) == 1, prefix
    return rows[0][0]


def open_page(page: str, doc: int | str | None = None) -> AppTest:
    at = AppTest.from_file(page, default_timeout=TIMEOUT)
    if doc is not None:
        at.query_params["doc"] = str(doc)
    at.run()
    assert not at.exception
    return at


def texts(at: AppTest) -> list[str]:
    return [t.value for t in at.text]


def table(at: AppTest, column: str):
    """The first dataframe that has ``column``."""
    for df in at.dataframe:
        if column in df.value.columns:
            return df.value
    raise AssertionError(f"no table with {column}")


def assert_plain_only(at: AppTest) -> None:
    for kind in ("markdown", "caption", "html", "latex", "title", "header", "subheader", "info", "warning",
                 "error", "success", "code"):
        for element in at.get(kind):
            value = str(getattr(element, "value", ""))
            assert "<script" not in value and "**粗体**" not in value, kind
    for widget in (*at.selectbox, *at.text_input, *at.date_input):
        assert "<script" not in str(widget.label)


# ---------------------------------------------------------------- both pages render


def test_store_has_both_versions(db_file):
    with sqlite3.connect(db_file) as conn:
        dates = conn.execute("select v.version_date from versions v join documents d on d.id = v.document_id "
                             "where d.title = ? order by 1", [TEST_LAW]).fetchall()
    assert [d[0] for d in dates] == ["2019-02-01", "2023-05-01"]


@pytest.mark.parametrize("page", [DOCUMENT, PROVISION])
@pytest.mark.parametrize("doc", [None, "abc", "999999"])
def test_pages_render(env, page, doc):
    at = open_page(page, doc)
    assert at.title
    assert at.text_input(key="reviewer_input") is not None  # the shared sidebar
    assert at.selectbox  # a document is always picked


@pytest.mark.parametrize("page", [DOCUMENT, PROVISION])
def test_every_document_renders(env, page):
    with sqlite3.connect(env) as conn:
        ids = [r[0] for r in conn.execute("select id from documents")]
    at = open_page(page)
    key = "document_doc" if page == DOCUMENT else "provision_doc"
    for i in ids:
        if i not in at.selectbox(key=key).options and page == PROVISION:
            continue
        at.selectbox(key=key).set_value(i).run()
        assert not at.exception, i


def test_missing_database_is_reported(tmp_path, monkeypatch):
    monkeypatch.setenv("NORMSCOPE_DB", str(tmp_path / "absent.db"))
    for page in (DOCUMENT, PROVISION):
        at = AppTest.from_file(page, default_timeout=TIMEOUT).run()
        assert not at.exception
        assert at.error and "找不到数据库" in at.error[0].value
    assert not (tmp_path / "absent.db").exists()


# ---------------------------------------------------------------- 文件


def test_document_particulars_and_structure(env):
    dust = doc_id(env, DUST)
    at = open_page(DOCUMENT, dust)
    assert at.selectbox(key="document_doc").value == dust
    info = texts(at)[0]
    for expected in (f"标题：{DUST}", "效力层级：地方政府规章", "制定机关：临江市人民政府", "文号：临江市人民政府令第11号",
                     "时效性：现行有效"):
        assert expected in info
    versions = table(at, "版本日期")
    assert len(versions) == 1 and versions["状态"].iloc[0] == "现行有效"
    assert versions["来源"].iloc[0].endswith(f"{DUST}.md")
    structure = table(at, "标号")
    labels = [s.strip("　") for s in structure["标号"]]
    assert "第一章" in labels and "第一条" in labels and "第三十条" in labels
    assert labels.index("第一章") < labels.index("第一条") < labels.index("第三十条")
    first = structure[structure["标号"].str.strip("　") == "第七条"].iloc[0]
    assert first["位置"] == "第二章 扬尘污染防治"
    assert first["内容"] and len(first["内容"]) <= 40


def test_document_citations_resolution_and_jump(env):
    dust, notice = doc_id(env, DUST), doc_id(env, DUST_NOTICE)
    at = open_page(DOCUMENT, notice)
    cites = table(at, "是否解析")
    row = cites[cites["引用名称"] == DUST].iloc[0]
    assert row["登记名称"] == DUST and row["是否解析"] == "是（已入库）" and row["入库文件ID"] == dust
    unresolved = cites[cites["引用名称"] == "临江市重污染天气应急预案"].iloc[0]
    assert unresolved["是否解析"] == "否" and pd.isna(unresolved["登记名称"])
    outgoing = table(at, "引用次数")
    assert list(outgoing["文件ID"]) == [dust]

    at.selectbox(key=f"document_jump_{notice}").set_value(dust).run()
    assert not at.exception
    assert at.query_params["doc"] in (str(dust), [str(dust)])
    assert at.selectbox(key="document_doc").value == dust
    assert f"标题：{DUST}" in texts(at)[0]


def test_document_cited_by(env):
    dust, notice = doc_id(env, DUST), doc_id(env, DUST_NOTICE)
    at = open_page(DOCUMENT, dust)
    cited_by = table(at, "引用文件")
    assert notice in set(cited_by["引用文件ID"])
    assert any(t.startswith(DUST_NOTICE) for t in cited_by["引用文件"])
    assert dust not in set(cited_by["引用文件ID"])  # a document's own title line is not a citation of it


def test_document_cited_by_names_the_article(env):
    law, notice = doc_id(env, TEST_LAW), doc_id(env, NOTICE)
    at = open_page(DOCUMENT, law)
    cited_by = table(at, "引用文件")
    assert set(cited_by["引用文件ID"]) == {notice}
    assert set(cited_by["被引条"]) == {"第四条", "第五条"}
    versions = table(at, "版本日期")
    assert list(versions["版本日期"]) == ["2023-05-01", "2019-02-01"]
    assert list(versions["状态"]) == ["现行有效", "已被修改"]


def test_document_selectbox_and_article_text(env):
    dust = doc_id(env, DUST)
    at = open_page(DOCUMENT)
    at.selectbox(key="document_doc").set_value(dust).run()
    assert not at.exception
    assert f"标题：{DUST}" in texts(at)[0]
    with sqlite3.connect(env) as conn:
        art_id, text = conn.execute("select a.id, a.text from articles a join versions v on v.id = a.version_id "
                                    "where v.document_id = ? and a.number = 7", [dust]).fetchone()
    articles = next(s for s in at.selectbox if s.key.startswith("document_article_"))
    articles.set_value(art_id).run()
    assert not at.exception
    assert text in texts(at)
    assert "第二章 扬尘污染防治  第七条" in texts(at)


# ---------------------------------------------------------------- 条文


def open_provision(env, article: tuple[int, int], day: date | None = None) -> AppTest:
    law = doc_id(env, TEST_LAW)
    at = open_page(PROVISION, law)
    assert at.selectbox(key="provision_doc").value == law
    box = next(s for s in at.selectbox if s.key.startswith("provision_article_"))
    box.set_value(article).run()
    assert not at.exception
    if day:
        at.date_input(key="provision_date").set_value(day).run()
        assert not at.exception
    return at


def test_provision_history_shows_both_versions(env):
    at = open_provision(env, (5, 0))
    shown = texts(at)
    assert any(t.startswith("2023-05-01 版") for t in shown)
    assert any(t.startswith("2019-02-01 版") for t in shown)
    assert any(t.startswith("同号条文 第五条：") and "二千元以上一万元以下罚款" in t for t in shown)
    assert any(t.startswith("同号条文 第五条：") and "本办法自2019年3月1日起施行" in t for t in shown)
    aligned = next(t for t in shown if t.startswith("对应条文（对齐"))
    assert "第四条" in aligned and "一千元以上五千元以下罚款" in aligned
    provisions = table(at, "罚款")
    fines = set(provisions["罚款"])
    assert {"2000–10000元", "1000–5000元"} <= fines
    assert set(provisions[provisions["罚款"] != ""]["处罚种类"]) == {"罚款"}
    assert "处罚" in set(provisions["类型"])


def test_provision_in_force_flips_with_the_date(env):
    at = open_provision(env, (4, 0), date(2020, 1, 1))
    states = table(at, "当前状态")
    column = "在2020-01-01"
    assert dict(zip(states["版本日期"], states[column])) == {"2019-02-01": "有效", "2023-05-01": "尚未生效"}
    assert "2020-01-01 有效的版本：2019-02-01（版本ID" in "\n".join(texts(at))

    at.date_input(key="provision_date").set_value(date(2024, 1, 1)).run()
    assert not at.exception
    states = table(at, "当前状态")
    assert dict(zip(states["版本日期"], states["在2024-01-01"])) == {"2019-02-01": "已被修改", "2023-05-01": "有效"}
    assert dict(zip(states["版本日期"], states["当前状态"])) == {"2019-02-01": "已被修改", "2023-05-01": "现行有效"}

    at.date_input(key="provision_date").set_value(date(2018, 1, 1)).run()
    states = table(at, "当前状态")
    assert set(states["在2018-01-01"]) == {"尚未生效"}
    assert "2018-01-01 有效的版本：无" in texts(at)


def test_provision_cited_by(env):
    notice = doc_id(env, NOTICE)
    at = open_provision(env, (5, 0))
    citing = table(at, "引用时本文件有效版本")
    assert list(citing["引用文件ID"]) == [notice]
    assert citing["引用原文"].iloc[0] == f"《{TEST_LAW}》第五条"
    assert citing["引用时本文件有效版本"].iloc[0] == "2023-05-01"
    at = open_provision(env, (2, 0))
    assert "没有已入库的文件引用这一条。" in texts(at)


def test_provision_internal_references(env):
    at = open_provision(env, (4, 0))
    tables = [df.value for df in at.dataframe if list(df.value.columns) == ["版本日期", "所在条", "引用原文"]]
    assert tables and tables[0]["引用原文"].iloc[0] == "本办法第四条"


# ---------------------------------------------------------------- hostile text


def test_hostile_text_only_as_plain_text(env):
    at = open_page(DOCUMENT, doc_id(env, NOTICE))
    assert any(SCRIPT in t and "**粗体**" in t for t in texts(at))  # the full text, no articles
    assert_plain_only(at)

    at = open_page(DOCUMENT, doc_id(env, TEST_LAW))
    assert any("<script>" in v for v in table(at, "标号")["内容"])  # cut at 40 characters, in a dataframe
    assert_plain_only(at)

    at = open_provision(env, (4, 0))
    assert any(SCRIPT in t for t in texts(at))
    assert_plain_only(at)
