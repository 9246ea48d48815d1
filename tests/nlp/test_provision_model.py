"""The shipped provision-type model (models/provisions/): loads without a download, types clear
paragraphs, and only ever overrides the rules on the labels choice.json gives it. Nothing is trained here."""
import json
import warnings

import pytest

from nlp import provision_model as pm
from nlp.provisions import TYPES, classify

PENALTY = "违反本条例第十二条规定的，由市场监督管理部门责令改正，没收违法所得，并处五千元以上五万元以下的罚款；情节严重的，吊销营业执照。"
DEFINITION = "本条例所称城市绿地，是指以自然植被和人工植被为主要存在形态的城市用地。"
IN_FORCE = "本条例自2024年1月1日起施行。2005年6月1日发布的《某某市城市绿化管理办法》同时废止。"
PARAGRAPHS = [
    PENALTY, DEFINITION, IN_FORCE,
    "从事食品生产，应当依法取得食品生产许可。",
    "市城市管理局负责全市城市绿化的监督管理工作。",
    "任何单位和个人不得损坏城市绿化设施。",
    "国家鼓励发展城市绿化事业。",
    "对违法建筑物，可以查封施工现场，扣押施工工具。",
    "经营者应当按照规定向管理机构缴纳停车场管理费。",
]


@pytest.fixture(scope="module")
def model():
    assert (pm.MODEL_DIR / "config.cfg").exists(), f"the trained model should ship in {pm.MODEL_DIR}"
    return pm.load_model()


def test_the_shipped_model_loads_and_is_small(model):
    assert model is not None
    assert model.pipe_names == ["textcat_multilabel"]
    assert set(model.get_pipe("textcat_multilabel").labels) == set(pm.LABELS)
    size = sum(f.stat().st_size for f in pm.MODEL_DIR.rglob("*") if f.is_file())
    assert size < 15_000_000


@pytest.mark.parametrize("text,label", [(PENALTY, "处罚"), (DEFINITION, "定义"), (IN_FORCE, "施行")])
def test_clear_paragraphs(model, text, label):
    assert label in pm.predict([text])[0]
    assert label in pm.predict([text], thresholds={t: 0.5 for t in pm.LABELS})[0]


def test_predict_batches_and_scores_are_probabilities(model):
    preds = pm.predict(PARAGRAPHS)
    assert len(preds) == len(PARAGRAPHS) and all(p and p <= set(TYPES) for p in preds)
    for cats in pm.scores(PARAGRAPHS[:3]):
        assert set(cats) == set(pm.LABELS) and all(0.0 <= v <= 1.0 for v in cats.values())
    assert pm.predict([]) == []


def test_choice_json_names_only_known_types():
    choice = json.loads((pm.MODEL_DIR / "choice.json").read_text(encoding="utf-8"))
    assert set(choice["model_labels"]) <= set(TYPES)
    assert set(choice["model_labels"]) <= set(pm.LABELS)  # 其他 is derived, never a model decision
    assert set(choice["thresholds"]) == set(pm.LABELS)
    assert all(0.0 < v < 1.0 for v in choice["thresholds"].values())
    assert pm.MODEL_LABELS == frozenset(choice["model_labels"])


@pytest.mark.parametrize("text", PARAGRAPHS)
def test_without_model_labels_the_rules_decide(text):
    rules = classify(text).types
    assert pm.classify_types(text, rules, model_labels=[]) == rules
    assert pm.classify_types_many([text], [rules], model_labels=()) == [rules]
    if not pm.MODEL_LABELS:
        assert pm.classify_types(text, rules) == rules


def test_model_labels_replace_only_their_own_label(model):
    rules = ["义务/禁止"]
    assert pm.combine(rules, {"施行"}, ["施行"]) == ["施行", "义务/禁止"]
    assert pm.combine(["施行", "义务/禁止"], {"其他"}, ["施行"]) == ["义务/禁止"]
    assert pm.combine(["施行"], {"其他"}, ["施行"]) == ["其他"]
    assert pm.combine(["其他"], {"定义", "施行"}, ["定义"]) == ["定义"]
    assert pm.combine(rules, None, ["施行"]) == rules
    # the model's view of every label, when every label is given to it
    got = pm.classify_types(IN_FORCE, ["其他"], model_labels=pm.LABELS)
    assert got == [t for t in TYPES if t in pm.predict([IN_FORCE])[0]]


def test_a_missing_model_falls_back_to_the_rules_with_one_warning(tmp_path, monkeypatch):
    monkeypatch.setattr(pm, "MODEL_DIR", tmp_path / "absent")
    rules = classify(IN_FORCE).types
    with pytest.warns(RuntimeWarning, match="rules only"):
        assert pm.classify_types(IN_FORCE, rules, model_labels=["施行", "义务/禁止"]) == rules
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # said once
        assert pm.load_model() is None
        assert pm.predict([IN_FORCE]) == [set()]
        assert pm.scores([IN_FORCE]) == [{}]
