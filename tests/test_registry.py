"""The registry lists every claim module, and a malformed claim fails naming itself."""
from __future__ import annotations

import dataclasses
import importlib
import pkgutil
from pathlib import Path

import pytest

import claims
from claims.spec import Arm, ClaimSpec, MalformedClaim, Threshold
from fixtures.train import TrainConfig

_NOT_CLAIMS = {"spec", "__main__"}
GOOD = claims.CLAIMS[0]


def test_every_claim_module_is_registered():
    modules = {m.name for m in pkgutil.iter_modules([str(Path(claims.__file__).parent)])} - _NOT_CLAIMS
    unlisted = [name for name in sorted(modules)
                if not any(c is importlib.import_module(f"claims.{name}").CLAIM for c in claims.CLAIMS)]
    assert not unlisted, f"claim modules missing from claims.CLAIMS: {unlisted}"


def test_ids_are_unique_and_found():
    ids = [c.id for c in claims.CLAIMS]
    assert len(ids) == len(set(ids))
    assert all(claims.by_id(i).id == i for i in ids)
    with pytest.raises(KeyError, match="no claim 'nope'"):
        claims.by_id("nope")


def _fields(**changes):
    values = {f.name: getattr(GOOD, f.name) for f in dataclasses.fields(GOOD)}
    values.update(changes)
    return values


@pytest.mark.parametrize(("changes", "message"), [
    ({"treatment": "relu-everywhere"}, "unknown treatment arm 'relu-everywhere'"),
    ({"kind": "better_than_ever"}, "unknown kind 'better_than_ever'"),
    ({"datasets": ("cifar-10",)}, "datasets must be a non-empty subset"),
    ({"budgets": {"smoke": GOOD.budgets["smoke"]}}, "budgets must map exactly"),
    ({"metric": "vibes"}, "unknown metric 'vibes'"),
    ({"threshold": Threshold(margin=0)}, "threshold needs margin > 0"),
    ({"expected": "maybe"}, "expected must be one of"),
    ({"seeds": 1}, "one seed decides nothing"),
    ({"control": "relu-both"}, "control and treatment are the same arm"),
    ({"arms": GOOD.arms + (Arm("plain", GOOD.arms[0].build),)}, "arm names repeat"),
    ({"id": "Output_ReLU"}, "id must be kebab-case"),
])
def test_malformed_claim_is_rejected_naming_the_claim(changes, message):
    with pytest.raises(MalformedClaim, match=message) as info:
        ClaimSpec(**_fields(**changes))
    expected_name = changes.get("id", GOOD.id)
    assert str(info.value).startswith(f"claim {expected_name!r}: ")


def test_missing_field_is_named():
    values = _fields()
    del values["calibration"]
    with pytest.raises(MalformedClaim, match=r"claim 'output-relu-logits': missing field 'calibration'"):
        ClaimSpec(**values)


def test_train_config_rejects_nonsense():
    with pytest.raises(ValueError, match="optimizer 'adamw2'"):
        TrainConfig("adamw2", 1e-3, batch_size=10, epochs=1)
    with pytest.raises(ValueError, match="epochs must be a positive integer"):
        TrainConfig("sgd", 0.1, batch_size=10, epochs=0)
