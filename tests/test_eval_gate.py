"""Accuracy gate: quotation and entity F1 on tests/gold/enrichment/ never fall below the floors.

The floors live in tests/gold/enrichment/floors.yaml and only move up.
"""

import importlib.util
import sys

import pytest
import yaml

from tests.conftest import ROOT

GOLD = ROOT / "tests" / "gold" / "enrichment"


@pytest.fixture(scope="module")
def scores():
    spec = importlib.util.spec_from_file_location("eval_enrichment", ROOT / "bench" / "eval_enrichment.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module.evaluate()


def test_gold_set_is_large_and_apart_from_the_seeds():
    docs = sorted(GOLD.glob("*.txt"))
    assert len(docs) >= 30
    seeds = {p.read_text("utf-8") for p in (ROOT / "seeds").glob("*.txt")}
    assert not seeds & {p.read_text("utf-8") for p in docs}
    assert all(p.with_suffix(".yaml").exists() for p in docs)


@pytest.mark.parametrize("kind", ["quotes", "entities"])
def test_f1_meets_the_floor(scores, kind):
    floors = yaml.safe_load((GOLD / "floors.yaml").read_text("utf-8"))
    quotes, entities, _ = scores
    score = {"quotes": quotes, "entities": entities}[kind]
    assert score.f1 >= floors[f"{kind}_f1"], score.errors
    assert floors[f"{kind}_f1"] >= 0.90  # the target is the lowest a floor may be
