"""Swept arms: one run per value and seed, summarised per seed, trained and shared like any arm's."""
from __future__ import annotations

import dataclasses
import math
from functools import partial

import pytest
import torch

from claims import CLAIMS, by_name
from fixtures.calibration import evidence
from fixtures.core.config import TrainConfig
from fixtures.core.run import Run
from fixtures.core.spec import Arm, Check, ClaimSpec, MalformedClaim, Threshold
from fixtures.core.sweep import Sweep, band_width
from fixtures.data.datasets import DeviceData
from fixtures.engine import experiment
from fixtures.engine.models import mlp

_G = torch.Generator().manual_seed(0)
X, Y = torch.rand(32, 1, 28, 28, generator=_G), torch.randint(0, 10, (32,), generator=_G)
DATA = DeviceData("images", torch.device("cpu"), X, Y, X, Y)
SMALL = partial(mlp, (784, 16, 10))
BASE = TrainConfig("sgd", 0.1, batch_size=8, epochs=2)
SWEEP = Sweep("lr", (0.01, 0.1, 1.0), tolerance=0.05)


def test_a_swept_arm_is_its_values_runs_summarised_seed_by_seed():
    cache = {}
    claim = CLAIMS[0]
    (first, second) = experiment.arm_runs(claim, Arm("sgd", SMALL, sweep=SWEEP), BASE, DATA,
                                          (0, 1), cache)
    assert len(cache) == 2 * len(SWEEP.values)  # every value on every seed, kept for sharing
    for seed, swept in zip((0, 1), (first, second)):
        alone = [experiment.arm_runs(claim, Arm("one", SMALL), c, DATA, (seed,), {})[0]
                 for c in SWEEP.configs(BASE)]
        scores = [r.metrics["test_acc"] for r in alone]
        assert swept.seed == seed and swept.arm == "sgd"
        assert swept.samples == {"lr": [0.01, 0.1, 1.0], "test_acc": scores}
        assert swept.metrics["best_test_acc"] == max(scores)
        assert swept.metrics["near_best_decades"] == band_width(SWEEP.values, scores, max(scores) - 0.05)


def _run(acc: float, diverged: bool = False) -> Run:
    return Run("a", 0, {"test_acc": acc}, diverged=diverged, train_seconds=1.0)


def test_the_band_is_measured_in_decades_between_interpolated_crossings():
    values = (1e-3, 1e-2, 1e-1, 1.0)
    assert band_width(values, [0.5, 0.9, 0.9, 0.5], 0.9) == pytest.approx(1.0)
    # halfway up each side: half a decade more on each
    assert band_width(values, [0.5, 0.9, 0.9, 0.5], 0.7) == pytest.approx(2.0)
    assert band_width(values, [0.9, 0.5, 0.5, 0.5], 0.7) == pytest.approx(0.5)
    assert band_width(values, [0.9, 0.9, 0.9, 0.9], 0.7) == pytest.approx(3.0)


def test_a_diverged_value_scores_zero_and_all_diverged_is_a_diverged_run():
    summary = SWEEP.summarise([_run(0.9), _run(0.88), _run(0.95, diverged=True)])
    assert summary.metrics["best_test_acc"] == 0.9
    assert summary.metrics["near_best_decades"] == pytest.approx(band_width(SWEEP.values, [0.9, 0.88, 0.0], 0.85))
    assert math.isnan(summary.samples["test_acc"][2]) and not summary.diverged
    assert summary.train_seconds == 3.0
    assert SWEEP.summarise([_run(0.9, True), _run(0.9, True), _run(0.9, True)]).diverged


@pytest.mark.parametrize(("args", "message"), [
    (("learning_rate", (0.1, 1.0), 0.02), "sweep field 'learning_rate' is not a TrainConfig field"),
    (("lr", (0.1,), 0.02), "two or more positive numbers in increasing order"),
    (("lr", (0.1, 0.1), 0.02), "two or more positive numbers in increasing order"),
    (("lr", (1.0, 0.1), 0.02), "two or more positive numbers in increasing order"),
    (("optimizer", ("sgd", "adam"), 0.02), "two or more positive numbers in increasing order"),
    (("lr", (0.1, 1.0), -0.02), "tolerance must be 0 or more"),
])
def test_a_malformed_sweep_is_refused(args, message):
    with pytest.raises(ValueError, match=message):
        Sweep(*args)


def _claim(**changes) -> ClaimSpec:
    good = by_name("adam-is-forgiving")
    return dataclasses.replace(good, **changes)


@pytest.mark.parametrize(("changes", "message"), [
    ({"arms": (Arm("sgd", SMALL, sweep=SWEEP), Arm("adam", SMALL))},
     "swept arms are checked against swept arms only"),
    ({"checks": (Check(kind="worse_than", metric="test_acc", treatment="sgd", control="adam",
                       threshold=Threshold(margin=0.1)),)},
     "swept arms are checked against swept arms only, on near_best_decades or best_test_acc"),
    ({"arms": (Arm("sgd", SMALL, sweep=Sweep("epochs", (0.5, 1.0), 0.02)),
               Arm("adam", SMALL, sweep=SWEEP))},
     "arm 'sgd': overrides {} or its sweep do not apply: epochs must be a whole number"),
    ({"probes": (lambda *a: {},)}, "probes are not measured on swept arms"),
])
def test_a_swept_arm_is_used_as_a_sweep_or_refused(changes, message):
    with pytest.raises(MalformedClaim, match=message):
        _claim(**changes)


def test_a_changed_sweep_is_caught_against_the_evidence():
    claim = by_name("adam-is-forgiving")
    recorded = evidence.spec_record(claim, "smoke")
    assert not evidence.spec_mismatches(claim, "smoke", recorded)
    wider = dataclasses.replace(claim.arms[0], sweep=dataclasses.replace(
        claim.arms[0].sweep, values=(*claim.arms[0].sweep.values, 10.0)))
    changed = dataclasses.replace(claim, arms=(wider, *claim.arms[1:]))
    assert any("sweeps" in p for p in evidence.spec_mismatches(changed, "smoke", recorded))


def test_a_swept_value_shares_the_run_of_an_arm_trained_at_that_value():
    groups = experiment.run_groups(CLAIMS, "smoke")
    assert groups["adam-is-forgiving", "mnist"] == groups["forgot-zero-grad", "mnist"]
    assert groups["adam-is-forgiving", "mnist"] == groups["forgot-zero-grad-adam", "mnist"]
