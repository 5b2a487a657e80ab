"""Every claim's calibration evidence, held against its spec as it is now.

For each budget where a claim states an expected verdict, and each of its datasets, the
evidence file (`python -m claims calibrate NAME --json`) must hold at least MIN_SETS disjoint
seed sets of the claim's own size, taken with today's checks, thresholds, builders and training
configuration, whose arms still start and step as they did then; each set's verdict must follow
from the stored per-seed values under today's checks; and no record may be wrong in more than
FALSE_VERDICT_LIMIT of its sets. A new claim is held to this by being registered.
"""
from __future__ import annotations

import json

import pytest
import torch

from claims import CLAIMS
from fixtures.calibration import evidence
from fixtures.core.spec import ClaimSpec
from fixtures.data.datasets import DatasetMissing
from fixtures.rules.stats import Verdict


def _records(claim: ClaimSpec, budget: str, dataset: str) -> list[dict]:
    return [r for r in evidence.records(claim, budget, dataset) if r["seeds_per_set"] == claim.seeds]


CASES = [pytest.param(claim, budget, dataset, id=f"{claim.name}-{dataset}-{budget}")
         for claim in CLAIMS for budget in claim.expected for dataset in claim.datasets]


@pytest.mark.parametrize(("claim", "budget", "dataset"), CASES)
def test_the_evidence_supports_the_expected_verdict(claim, budget, dataset):
    records = _records(claim, budget, dataset)
    sets = sum(len(r["sets"]) for r in records)
    assert sets >= evidence.MIN_SETS, (
        f"{claim.evidence}: {sets} sets of {claim.seeds} seeds on {dataset} at {budget}, "
        f"{evidence.MIN_SETS} needed: python -m claims calibrate {claim.name} --budget {budget} "
        f"--dataset {dataset} --json")
    expected = claim.expected[budget]
    for r in records:
        where = f"{claim.evidence}, {dataset} seeds from {r['seed_base']}"
        assert not evidence.spec_mismatches(claim, budget, r["spec"]), (
            f"{where} was taken with another spec: "
            + "; ".join(evidence.spec_mismatches(claim, budget, r["spec"])))
        assert evidence.redecide(claim, r) == [Verdict(s["verdict"]) for s in r["sets"]], where
        wrong = sum(Verdict(s["verdict"]) != expected for s in r["sets"])
        assert wrong <= evidence.FALSE_VERDICT_LIMIT * len(r["sets"]), (
            f"{where}: {wrong} of {len(r['sets'])} sets are not '{expected}'")
        assert {"date", "torch", "device", "threads"} <= set(r)


@pytest.mark.parametrize(("claim", "budget", "dataset"), CASES)
def test_the_arms_start_and_step_as_when_the_evidence_was_taken(claim, budget, dataset,
                                                                claims_session):
    """A changed builder, initialisation, dataset, procedure or engine changes the numbers the
    evidence measured, although the spec reads the same: each record's fingerprint catches it."""
    try:
        data = claims_session.data(dataset, torch.device("cpu"))
    except DatasetMissing as exc:
        pytest.skip(str(exc))
    now = evidence.traces(claim, budget, data)
    for r in _records(claim, budget, dataset):
        problems = evidence.trace_mismatches(claim, now, r)
        assert not problems, (f"{claim.name}: the evidence of seeds from {r['seed_base']} on "
                              f"{dataset} measured other numbers: " + "; ".join(problems))


def test_a_changed_initialisation_is_named_by_the_fingerprint(monkeypatch):
    """The spec reads the same (the builder's name and arguments), the numbers do not."""
    from torch import nn

    from fixtures.data.synthetic import sin_points

    claim = next(c for c in CLAIMS if c.name == "deep-elu-sin-stall")
    record, data = _record(claim), sin_points(torch.device("cpu"))
    assert not evidence.trace_mismatches(claim, evidence.traces(claim, "smoke", data), record)

    def normal_init(layer):
        nn.init.normal_(layer.weight, std=0.1)
        nn.init.zeros_(layer.bias)

    monkeypatch.setattr(nn.Linear, "reset_parameters", normal_init)
    assert not evidence.spec_mismatches(claim, "smoke", record["spec"])
    problems = evidence.trace_mismatches(claim, evidence.traces(claim, "smoke", data), record)
    assert [p.split(":")[0] for p in problems] == ["arm 'adam-lr0.1'", "arm 'adam-lr0.1'",
                                                  "arm 'adam-lr1e-3'", "arm 'adam-lr1e-3'"]
    assert "initial parameters" in problems[0] and "first training losses" in problems[1]


def _record(claim: ClaimSpec) -> dict:
    return next(r for r in evidence.load(claim)["budgets"]["smoke"] if r["seeds_per_set"] == claim.seeds)


def test_a_changed_threshold_or_configuration_is_caught():
    import dataclasses

    claim = next(c for c in CLAIMS if c.name == "relu-output-can-die")
    record = _record(claim)
    tighter = dataclasses.replace(claim, checks=(dataclasses.replace(
        claim.checks[0], threshold=dataclasses.replace(claim.checks[0].threshold, margin=0.999)),))
    assert evidence.spec_mismatches(tighter, "smoke", record["spec"])
    longer = dataclasses.replace(claim, budgets={
        **claim.budgets, "smoke": dataclasses.replace(claim.budgets["smoke"], epochs=4)})
    assert any("epochs=4" in p for p in evidence.spec_mismatches(longer, "smoke", record["spec"]))
    assert not evidence.spec_mismatches(claim, "smoke", record["spec"])


def test_a_changed_check_decided_again_from_the_stored_values_matches_the_spec():
    """A check whose threshold changed: every set decided again without training, the values
    and the arms' trace untouched, what the record said before kept beside the day."""
    import dataclasses

    claim = next(c for c in CLAIMS if c.name == "relu-output-can-die")
    record = json.loads(json.dumps(_record(claim)))
    # the check is on a share of outputs: none reaches 1.5
    impossible = dataclasses.replace(claim, checks=(dataclasses.replace(
        claim.checks[0], threshold=dataclasses.replace(claim.checks[0].threshold, margin=1.5)),))
    again = evidence.decided_again(impossible, "smoke", record, "2000-01-01")
    assert not evidence.spec_mismatches(impossible, "smoke", again["spec"])
    assert evidence.spec_mismatches(claim, "smoke", again["spec"])
    verdicts = [Verdict(s["verdict"]) for s in again["sets"]]
    assert verdicts == evidence.redecide(impossible, record) != evidence.redecide(claim, record)
    wrong = sum(v != Verdict(record["expected"]) for v in verdicts)
    assert again["wrong"] == wrong > record["wrong"]
    for kept in ("per_seed", "trace", "date"):
        assert again[kept] == record[kept]
    assert again["redecided"] == [{"date": "2000-01-01", "checks": record["spec"]["checks"],
                                   "wrong": record["wrong"]}]
    same = evidence.decided_again(claim, "smoke", record, "2000-01-01")
    assert [s["verdict"] for s in same["sets"]] == [s["verdict"] for s in record["sets"]]


def test_a_new_configuration_field_at_its_default_keeps_the_evidence():
    claim = next(c for c in CLAIMS if c.name == "relu-output-can-die")
    spec = json.loads(json.dumps(_record(claim)["spec"]))
    for arm in spec["arms"].values():
        del arm["config"]["warmup_steps"]  # as if the field did not exist when it was taken
    assert not evidence.spec_mismatches(claim, "smoke", spec)


def test_an_item_at_a_budget_without_evidence_runs_and_asserts_nothing():
    """At a budget without evidence the item records its verdict as `uncalibrated` instead of
    asserting one nobody measured."""
    import dataclasses

    import torch

    from fixtures.calibration.items import item_identity, outcome_item
    from fixtures.data.synthetic import sin_points
    from fixtures.engine.experiment import run_claim
    from tests.shortened import shortened

    claim = dataclasses.replace(shortened("deep-elu-sin-stall"), expected={})
    outcome = run_claim(claim, sin_points(torch.device("cpu")), "full", (0, 1, 2), {})
    assert outcome.expected is None and outcome.passed
    assert "uncalibrated at this budget" in outcome.explain()
    item = outcome_item(outcome, item_identity(claim, "sin", "cpu", "full"), "cpu")
    assert item.expected is None and item.status == "uncalibrated"
