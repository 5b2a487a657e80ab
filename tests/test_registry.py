"""The registry finds every claim module, and a malformed claim fails naming itself."""
from __future__ import annotations

import ast
import dataclasses
import importlib
import pkgutil
from pathlib import Path

import pytest

import claims
from claims import CLAIMS, registry
from fixtures.core.config import TrainConfig
from fixtures.core.spec import Arm, Check, ClaimSpec, MalformedClaim, Threshold
from fixtures.engine.experiment import run_groups
from fixtures.rules.stats import Verdict

GOOD = claims.by_name("output-relu-logits")


def test_every_module_that_defines_a_claim_is_registered_and_no_other():
    modules = [importlib.import_module(f"claims.{m.name}")
               for m in pkgutil.iter_modules([str(Path(claims.__file__).parent)])]
    defined = [s for m in modules if m.__name__.removeprefix("claims.") not in registry.NOT_CLAIMS
               for s in (getattr(m, "CLAIMS", None) or ((m.CLAIM,) if hasattr(m, "CLAIM") else ()))]
    assert [c.name for c in claims.CLAIMS] == [c.name for c in defined]
    assert all(any(s is c for c in claims.CLAIMS) for s in defined)
    defines_none = {m.__name__ for m in modules if not hasattr(m, "CLAIM") and not hasattr(m, "CLAIMS")}
    assert defines_none | {"claims.registry"} == {f"claims.{n}" for n in registry.NOT_CLAIMS}


def test_no_claim_module_imports_another():
    """A claim changed must change no other: what claims share lives in claims/setups.py."""
    crossing = []
    for name in registry.claim_modules():
        tree = ast.parse((Path(claims.__file__).parent / f"{name}.py").read_text())
        for node in ast.walk(tree):
            imported = ([node.module] if isinstance(node, ast.ImportFrom) and node.module else
                        [a.name for a in node.names] if isinstance(node, ast.Import) else [])
            imported += [f"{node.module}.{a.name}" for a in getattr(node, "names", ())
                         if isinstance(node, ast.ImportFrom) and node.module == "claims"]
            crossing += [f"claims/{name}.py imports {m}" for m in imported
                         if m.startswith("claims.") and m.split(".")[1] in registry.claim_modules()]
    assert not crossing, crossing


def test_a_module_that_defines_no_claim_is_refused_by_name(tmp_path, monkeypatch):
    (tmp_path / "helpers.py").write_text("NET = None\n")
    monkeypatch.setattr(registry, "__file__", str(tmp_path / "registry.py"))
    monkeypatch.setattr(claims, "__path__", [str(tmp_path), *claims.__path__])
    with pytest.raises(MalformedClaim, match=r"claims/helpers.py defines neither CLAIM nor CLAIMS.*"
                                             r"claims/setups.py"):
        registry._discover()


def test_names_are_unique_and_found():
    names = [c.name for c in claims.CLAIMS]
    assert len(names) == len(set(names))
    assert all(claims.by_name(n).name == n for n in names)
    with pytest.raises(KeyError, match="no claim 'nope'"):
        claims.by_name("nope")


def _fields(**changes):
    values = {f.name: getattr(GOOD, f.name) for f in dataclasses.fields(GOOD)}
    values.update(changes)
    return values


def _check(**changes):
    values = {"kind": "worse_than", "metric": "test_acc", "treatment": "relu-both",
              "control": "plain", "threshold": Threshold(margin=0.1)}
    return (Check(**{**values, **changes}),)


@pytest.mark.parametrize(("changes", "message"), [
    ({"checks": _check(treatment="relu-everywhere")}, "unknown treatment arm 'relu-everywhere'"),
    ({"checks": _check(kind="better_than_ever")}, "unknown kind 'better_than_ever'"),
    ({"checks": _check(metric="vibes")}, "unknown metric 'vibes'"),
    ({"checks": _check(threshold=Threshold(margin=0))}, "threshold needs margin > 0"),
    ({"checks": _check(control="relu-both")}, "control and treatment are the same arm"),
    ({"checks": _check(control=None)}, "worse_than compares two arms: name a control"),
    ({"checks": _check(kind="at_most", control=None)}, "at_most tests one arm against a bound"),
    ({"checks": ()}, "checks must be a non-empty tuple of Check"),
    ({"datasets": ("cifar-10",)}, "datasets must be a non-empty subset"),
    ({"budgets": {"smoke": GOOD.budgets["smoke"]}}, "budgets must map exactly"),
    ({"expected": {"smoke": "holds"}}, "expected must map budgets"),
    ({"expected": {"huge": Verdict.HOLDS}}, "expected must map budgets"),
    ({"reported": {"cifar-10": "90%"}}, "reported must map some of the claim's datasets"),
    ({"seeds": 1}, "one seed decides nothing"),
    ({"arms": GOOD.arms + (Arm("plain", GOOD.arms[0].build),)}, "arm names repeat"),
    ({"id": "Output_ReLU"}, "id must be kebab-case"),
    ({"variant": "MLP!"}, "variant must be kebab-case"),
    ({"checks": _check(metric="dead_units")},
     "nothing in the claim produces 'dead_units' for arm 'relu-both' at smoke: it comes from a "
     "probe: add the probe"),
    ({"checks": _check(metric="pred_spread")},
     r"nothing in the claim produces 'pred_spread' .* evaluation of the tasks \['regress'\], not "
     r"\['classify'\]"),
    ({"checks": _check(metric="near_best_decades")}, "it comes from a swept arm"),
    ({"checks": _check(metric="weight_norm"), "probes": (lambda *a: {"weight_norm": 0.0},)},
     r"probes \['<lambda>'\] do not say what they write"),
])
def test_malformed_claim_is_rejected_naming_the_claim(changes, message):
    with pytest.raises(MalformedClaim, match=message) as info:
        ClaimSpec(**_fields(**changes))
    expected_name = changes.get("id", GOOD.id)
    assert str(info.value).startswith(f"claim {expected_name!r}: ")


def test_a_probe_marks_only_metrics_a_probe_produces():
    from fixtures.core.metrics import probe

    with pytest.raises(ValueError, match=r"not so: \['test_acc'\]"):
        probe("test_acc")
    with pytest.raises(ValueError, match=r"not so: \['vibes'\]"):
        probe("dead_units", "vibes")


def test_each_task_measures_what_it_declares():
    import torch

    from fixtures.core.tasks import TASKS

    inputs = {"classify": (torch.randn(8, 3), torch.randint(0, 3, (8,))),
              "classify-and-fit": (torch.randn(8, 3), torch.randint(0, 3, (8,))),
              "next-token": (torch.randn(8, 4, 3), torch.randint(0, 3, (8, 4)))}
    for name, task in TASKS.items():
        outputs, targets = inputs.get(name, (torch.randn(8, 3), torch.randn(8, 3)))
        assert set(task.measure(outputs, targets)) == set(task.measures), name


def test_missing_field_is_named():
    values = _fields()
    del values["reported"]
    with pytest.raises(MalformedClaim, match=r"claim 'output-relu-logits': missing field 'reported'"):
        ClaimSpec(**values)


def test_train_config_rejects_nonsense():
    with pytest.raises(ValueError, match="optimizer 'adamw2'"):
        TrainConfig("adamw2", 1e-3, batch_size=10, epochs=1)
    with pytest.raises(ValueError, match="epochs must be a whole number, 0 or more"):
        TrainConfig("sgd", 0.1, batch_size=10, epochs=-1)
    with pytest.raises(ValueError, match="batch_size must be a positive integer"):
        TrainConfig("sgd", 0.1, batch_size=0, epochs=1)


def test_claims_that_train_the_same_runs_share_an_xdist_group():
    groups = run_groups(CLAIMS, "smoke")
    assert groups["relu-smooths-curves", "mnist"] == groups["no-activation-is-linear", "mnist"]
    assert groups["sin-stall-is-not-depth", "sin"] == groups["deep-elu-sin-stall", "sin"]
    assert groups["hidden-relu-harmless", "mnist"] == groups["output-relu-logits", "mnist"]
    assert groups["output-relu-logits", "mnist"] != groups["output-relu-logits", "fashion-mnist"]
    assert groups["relu-output-can-die", "mnist"] != groups["relu-output-cannot-go-negative", "mnist"]
    assert groups["softmax-into-cross-entropy", "mnist"] == groups["forgot-zero-grad", "mnist"]
