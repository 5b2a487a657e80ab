"""Calibration as pytest items: `pytest --claims-calibrate=NAME[,NAME...] [-n N | --tx ...]`.

One item per claim, dataset and chunk of seed sets that train in one stack
(fixtures/calibration/calibrate.py `chunks`), so that pytest-xdist spreads a calibration over
cores and machines. Items whose claims share runs go to one worker, which trains them once.
The controller merges each claim's parts and keeps the evidence
(fixtures/plugin/evidence_parts.py), the record `python -m claims calibrate NAME --json` writes
in one process. Collected only with --claims-calibrate (conftest.py).
"""
from __future__ import annotations

import pytest
import torch

import claims
from fixtures.calibration import evidence
from fixtures.calibration.calibrate import chunks, seed_sets
from fixtures.data.datasets import DataError, DatasetMissing
from fixtures.engine.experiment import run_groups
from fixtures.plugin.evidence_parts import PART_KEY
from fixtures.records.results import as_json


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "part" not in metafunc.fixturenames:
        return
    config = metafunc.config
    names = config.getoption("claims_calibrate") or []  # known: conftest.py checked them
    chosen = list(claims.CLAIMS) if names == ["all"] else [claims.by_name(n) for n in names]
    budget, sets = config.getoption("claims_budget"), config.getoption("claims_seed_sets")
    groups = run_groups(chosen, budget)
    params = []
    for claim in chosen:
        n = config.getoption("claims_seeds") or claim.seeds
        parts = chunks(claim, budget, n, sets)
        for dataset in claim.datasets:
            for chunk in parts:
                params.append(pytest.param(
                    (claim, dataset, n, chunk, len(parts)),
                    marks=pytest.mark.xdist_group(f"{groups[claim.name, dataset]}-{chunk.start}"),
                    id=f"{claim.name}-{dataset}-sets-{chunk.start}-{chunk.stop - 1}"))
    metafunc.parametrize("part", params)


def test_seed_sets(part, claims_session, record_property) -> None:
    claim, dataset, n, chunk, count = part
    options = claims_session.options
    try:
        data = claims_session.data(dataset, torch.device("cpu"))
    except (DatasetMissing, DataError) as exc:
        pytest.fail(f"{claim.name}: {exc}", pytrace=False)  # no data, no evidence: not a skip
    record = seed_sets(claim, data, options.budget, n, chunk, options.seed_base,
                       claims_session.runs, claims_session.environment, progress=lambda line: None)
    described = ({"spec": evidence.spec_record(claim, options.budget),
                  "trace": evidence.traces(claim, options.budget, data)} if chunk.start == 0 else {})
    folder = claims_session.config.getoption("claims_evidence_dir")
    record_property(PART_KEY, as_json({
        "claim": claim.name, "budget": options.budget, "parts": count,
        "path": str(evidence.path_of(claim, folder)), "record": record, "described": described}))
