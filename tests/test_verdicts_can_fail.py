"""Every claim's verdict can come out against it: with the effect removed it does not hold.

The treatment arm is rebuilt with the control's builder, on real data at a tiny budget; the
claim machinery must then say "does not hold", which fails the claim's own test.
"""
from __future__ import annotations

import dataclasses
import json

import pytest
import torch

from claims import CLAIMS
from claims.spec import Arm
from fixtures.data import DatasetMissing
from fixtures.experiment import run_claim
from fixtures.results import outcome_record
from fixtures.stats import DOES_NOT_HOLD

SEEDS = (0, 1, 2)


def _data(claims_session, claim):
    for name in claim.datasets:
        try:
            return claims_session.data(name, torch.device("cpu"))
        except DatasetMissing:
            continue
    pytest.skip(f"none of {claim.datasets} is installed")


def _tiny(claim):
    smoke = claim.budgets["smoke"]
    tiny = dataclasses.replace(smoke, epochs=1, train_size=min(600, smoke.train_size or 600),
                               test_size=1000)
    return {"smoke": tiny, "full": tiny}


@pytest.mark.parametrize("claim", CLAIMS, ids=[c.id for c in CLAIMS])
def test_treatment_replaced_by_control_does_not_hold(claims_session, claim):
    control = claim.arm(claim.control)
    no_effect = dataclasses.replace(
        claim, budgets=_tiny(claim),
        arms=tuple(Arm(a.name, control.build, "the control again") if a.name == claim.treatment else a
                   for a in claim.arms))
    outcome = run_claim(no_effect, _data(claims_session, claim), "smoke", SEEDS)
    assert outcome.verdict.outcome == DOES_NOT_HOLD, outcome.explain()
    assert not outcome.passed and claim.expected_verdict != DOES_NOT_HOLD
    assert "expected 'holds', got 'does not hold'" in outcome.explain()

    record = json.loads(json.dumps(outcome_record(outcome), allow_nan=False))
    assert set(record["arms"]) == {a.name for a in claim.arms}
    assert all(set(seeds) == {"0", "1", "2"} for seeds in record["arms"].values())
    assert record["effect"]["per_seed"] == [0.0, 0.0, 0.0]
