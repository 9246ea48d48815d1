import json
from pathlib import Path

import pytest

from nlp.provisions import classify, fines, penalty_kinds

DATA = Path(__file__).resolve().parents[1] / "data"


def gold(name):
    path = DATA / name
    return [json.loads(line) for line in path.open(encoding="utf-8")] if path.exists() else []


@pytest.mark.parametrize("name", ["penalties_gold.jsonl", "penalties_heldout.jsonl"])
def test_penalty_kinds_on_the_gold_paragraphs(name):
    rows = gold(name)
    assert len(rows) >= 80
    wrong = [(r["kinds"], penalty_kinds(r["text"]), r["text"][:60]) for r in rows if penalty_kinds(r["text"]) != r["kinds"]]
    assert 1 - len(wrong) / len(rows) >= 0.97, wrong[:10]


@pytest.mark.parametrize("text,kinds", [
    ("违反本办法规定的，处五千元以上一万元以下罚款。", ["罚款"]),
    ("由城市管理部门责令改正，给予警告，可以并处二百元以下罚款。", ["警告", "罚款"]),
    ("没收违法所得和非法财物，并处违法所得二倍以上五倍以下罚款；情节严重的，吊销营业执照。",
     ["没收违法所得", "没收非法财物", "罚款", "吊销许可证件"]),
    ("情节严重的，责令停产停业，或者报经有批准权的人民政府批准，责令关闭。", ["责令停产停业", "责令关闭"]),
    ("处十日以上十五日以下拘留。", ["行政拘留"]),
    ("暂扣机动车驾驶证六个月。", ["暂扣许可证件"]),
    ("情节严重的，责令暂停营业。", ["责令停产停业"]),
    ("情节严重的，责令暂停其相关业务。", ["限制开展生产经营活动"]),
    ("依照《中华人民共和国治安管理处罚法》的规定处罚。", []),
    ("构成犯罪的，依法追究刑事责任。", []),
    ("当事人二年内被处以三次罚款的，从重处罚。", []),
    ("设置警告标志。", []),
])
def test_penalty_kinds_in_several_wordings(text, kinds):
    assert penalty_kinds(text) == kinds


@pytest.mark.parametrize("text,primary", [
    ("违反本条例规定的，处一千元罚款。", "处罚"),
    ("对违法建筑物，可以查封施工现场，扣押施工工具。", "强制"),
    ("经营者应当按照规定向管理机构缴纳停车场管理费。", "收费"),
    ("从事食品生产，应当依法取得许可。", "许可"),
    ("本办法所称城市绿地，是指用于绿化的土地。", "定义"),
    ("本办法自2023年5月1日起施行。", "施行"),
    ("任何单位和个人不得损坏城市绿化设施。", "义务/禁止"),
    ("市城市管理局负责全市城市绿化的监督管理工作。", "职责/授权"),
    ("国家鼓励发展城市绿化事业。", "其他"),
])
def test_provision_types(text, primary):
    assert classify(text).primary == primary


def _same_fine(got, want) -> bool:
    """Amounts exact; a multiple's base as the gold names it ends the extracted phrase
    (违法生产、销售产品货值金额 ends with 货值金额); the target category exact."""
    number = (lambda x: None if x is None else float(x))
    basis_ok = got.basis == want["basis"] or (want["basis"] != "fixed" and got.basis.endswith(want["basis"]))
    return ((number(got.min), number(got.max)) == (number(want["min"]), number(want["max"]))
            and basis_ok and got.target == want["target"])


@pytest.mark.parametrize("name", ["penalties_gold.jsonl", "penalties_heldout.jsonl"])
def test_fines_on_the_gold_paragraphs(name):
    rows = gold(name)
    wrong = []
    for r in rows:
        got = fines(r["text"])
        if len(got) != len(r["fines"]) or not all(_same_fine(g, w) for g, w in zip(got, r["fines"])):
            wrong.append((r["fines"], [(f.min, f.max, f.basis, f.target) for f in got], r["text"][:60]))
    assert 1 - len(wrong) / len(rows) >= 0.97, wrong[:10]


def test_fines_targets():
    text = "单位有前款第一项行为的，处五万元以上五十万元以下的罚款；个人有前款第一项行为的，处一百元以上五百元以下的罚款。"
    assert [(f.min, f.max, f.target) for f in fines(text)] == [(50000, 500000, "单位"), (100, 500, "个人")]
    text = "对广告发布者处十万元以下的罚款；对直接负责的主管人员依法给予处分，没收违法所得，并处五万元以下的罚款。"
    assert [f.target for f in fines(text)] == [None, "直接负责的主管人员和其他直接责任人员"]


def test_provision_types_on_the_held_out_half_of_the_gold():
    """Rules were tuned on the documents whose path hashes even; these figures are on the others."""
    import zlib

    rows = [r for r in gold("provision_types_gold.jsonl") if zlib.crc32(r["path"].encode()) % 2 == 1]
    assert len(rows) >= 150
    exact = sum(set(classify(r["text"]).types) == set(r["types"]) for r in rows) / len(rows)
    primary = sum(classify(r["text"]).primary == r["primary"] for r in rows) / len(rows)
    penalty = [r for r in rows if "处罚" in r["types"]]
    found = sum("处罚" in classify(r["text"]).types for r in penalty) / len(penalty)
    assert exact >= 0.65 and primary >= 0.70 and found >= 0.95, (exact, primary, found)
