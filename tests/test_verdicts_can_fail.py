"""Every claim's verdict can come out against it: remove the effect and the verdict changes.

For each check, the arm it is about is rebuilt with the check's null arm (for a comparison,
the control itself), at the claim's own smoke budget and seeds, on real data; the claim's
verdict must then differ from the one it expects, which would fail the claim's own test.
A new claim is covered by being registered: every claim's checks are listed here.
Runs come from the session's run cache, so after the claim tests this costs little.
"""
from __future__ import annotations

import dataclasses
import json

import pytest
import torch

from claims import CLAIMS
from fixtures.calibration.items import item_identity, outcome_item
from fixtures.data.datasets import DatasetMissing
from fixtures.engine.experiment import run_claim, run_groups
from fixtures.engine.precision import PrecisionUnsupported
from fixtures.records.results import as_json

_GROUPS = run_groups(CLAIMS, "smoke")  # with the claim items whose runs these reuse
CASES = [pytest.param(claim, i, id=f"{claim.name}-check{i}",
                      marks=pytest.mark.xdist_group(f"{_GROUPS[claim.name, claim.datasets[0]]}-cpu"))
         for claim in CLAIMS for i in range(len(claim.checks))]


def _data(claims_session, claim):
    for name in claim.datasets:
        try:
            return claims_session.data(name, torch.device("cpu"))
        except DatasetMissing:
            continue
    pytest.skip(f"none of {claim.datasets} is installed")


@pytest.mark.parametrize(("claim", "index"), CASES)
def test_effect_removed_changes_the_verdict(claims_session, claim, index):
    check = claim.checks[index]
    stand_in = claim.arm(check.null_arm)
    removed = dataclasses.replace(claim, arms=tuple(
        dataclasses.replace(stand_in, name=a.name, note=f"{stand_in.name} standing in")
        if a.name == check.treatment else a
        for a in claim.arms))
    expected = claim.expected.get("smoke")
    if expected is None:
        pytest.skip(f"{claim.name} expects no verdict at the smoke budget yet: calibrate it first")
    data = _data(claims_session, claim)
    try:
        outcome = run_claim(removed, data, "smoke", claims_session.seeds_for(claim), claims_session.runs)
    except PrecisionUnsupported as exc:
        pytest.skip(str(exc))
    assert outcome.verdict != expected, outcome.explain()
    assert not outcome.passed and f"expected '{expected}'" in outcome.explain()

    item = outcome_item(outcome, item_identity(claim, data.name, "cpu", "smoke"), "cpu")
    record = json.loads(json.dumps(as_json(item), allow_nan=False))
    assert set(record["arms"]) == {a.name for a in claim.arms}
    assert all(len(arm["runs"]) == len(outcome.seeds) for arm in record["arms"].values())
