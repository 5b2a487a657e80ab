"""Every registered claim, on every dataset it names, on every device kind.

Skips (no CUDA, a dataset not installed) happen in the test body, after the item has
attached its identity, so the results file and the verdict table list them with the reason.
"""
from __future__ import annotations

import pytest

from claims import CLAIMS
from fixtures.calibration.items import item_identity, outcome_item
from fixtures.data.datasets import DatasetMissing
from fixtures.engine import devices
from fixtures.engine.experiment import run_claim, run_groups
from fixtures.engine.precision import PrecisionUnsupported
from fixtures.plugin.recorder import ITEM_KEY, OUTCOME_KEY
from fixtures.records.results import as_json


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "case" not in metafunc.fixturenames:
        return
    budget = metafunc.config.getoption("claims_budget")
    full = budget == "full"
    groups = run_groups(CLAIMS, budget)
    params = []
    for claim in CLAIMS:
        for dataset in claim.datasets:
            for kind in devices.KINDS:
                marks = [pytest.mark.gpu if kind == "cuda" else pytest.mark.cpu,
                         pytest.mark.xdist_group(f"{groups[claim.name, dataset]}-{kind}")]
                if full or claim.slow_at_smoke:
                    marks.append(pytest.mark.slow)
                params.append(pytest.param((claim, dataset, kind), marks=marks,
                                           id=f"{claim.name}-{dataset}-{kind}"))
    metafunc.parametrize("case", params)


def test_claim(case, claims_session, record_property) -> None:
    claim, dataset, kind = case
    options = claims_session.options
    identity = item_identity(claim, dataset, kind, options.budget)
    record_property(ITEM_KEY, as_json(identity))
    try:
        device = devices.resolve(kind)
        data = claims_session.data(dataset, device)
    except (devices.DeviceUnavailable, DatasetMissing) as exc:
        pytest.skip(str(exc))
    try:
        outcome = run_claim(claim, data, options.budget, claims_session.seeds_for(claim),
                            claims_session.runs)
    except PrecisionUnsupported as exc:
        pytest.skip(str(exc))
    record_property(OUTCOME_KEY, as_json(outcome_item(outcome, identity, devices.describe(device),
                                                      data.fingerprint)))
    before = (options.previous or {}).get(identity["id"])
    if before is not None and before != outcome.verdict:
        pytest.fail(f"verdict flipped against {options.compare_to}: '{before}' there, "
                    f"'{outcome.verdict}' now\n{outcome.explain()}", pytrace=False)
    if not outcome.passed:
        pytest.fail(outcome.explain(), pytrace=False)  # the explanation is the whole story
