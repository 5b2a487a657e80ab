"""Faults as pytest items: `pytest --claims-faults=FAULT[,FAULT...] [-n N | --tx ...]`.

Per run group of cpu claim items (the items that share runs), one item trains the group without
a fault, recording which faults' patched functions it calls, and one item per fault trains it
again under the fault where the fault reaches it. A group's items share an xdist group, so they
meet on one worker, after its unfaulted item; groups spread over workers and machines. The
controller joins each fault's groups into one results file, compares it in tiers with the
unfaulted one and prints the table `python -m claims faults` prints
(fixtures/plugin/fault_parts.py). Collected only with --claims-faults (conftest.py).
"""
from __future__ import annotations

import time

import pytest
import torch

import claims
from fixtures.data.datasets import DataError, DatasetMissing
from fixtures.faults.catalogue import FAULTS
from fixtures.faults.injection import by_name
from fixtures.faults.power import faulted, run_groups_of, unfaulted
from fixtures.plugin.fault_parts import PART_KEY
from fixtures.records.results import as_json

_UNFAULTED: dict[str, tuple[dict, set[str]]] = {}  # run group -> its records and reach, this worker


def _faults(config: pytest.Config) -> tuple:
    names = config.getoption("claims_faults") or []  # known: conftest.py checked them
    return FAULTS if names == ["all"] else tuple(by_name(n) for n in names)


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "group_run" not in metafunc.fixturenames:
        return
    faults = _faults(metafunc.config)
    params = [pytest.param((label, fault), marks=pytest.mark.xdist_group(label),
                           id=f"{label}-{fault.name if fault else 'unfaulted'}")
              for label in run_groups_of(list(claims.CLAIMS)) for fault in (None, *faults)]
    metafunc.parametrize("group_run", params)


def test_fault_run(group_run, claims_session, record_property) -> None:
    label, fault = group_run
    faults = _faults(claims_session.config)
    items = run_groups_of(list(claims.CLAIMS))[label]
    start = time.perf_counter()

    def data(name):
        try:
            return claims_session.data(name, torch.device("cpu"))
        except (DatasetMissing, DataError) as exc:
            pytest.fail(str(exc), pytrace=False)  # a fault run without its data compares nothing

    if label not in _UNFAULTED:
        _UNFAULTED[label] = unfaulted(items, data, faults)
    baseline, reach = _UNFAULTED[label]
    records, reached = (baseline, False) if fault is None else faulted(items, data, fault,
                                                                      baseline, reach)
    record_property(PART_KEY, as_json({
        "fault": fault and fault.name, "group": label, "reached": reached,
        "items": {i: as_json(r) for i, r in records.items()}, "seconds": round(time.perf_counter() - start, 1),
        "environment": claims_session.environment, "out": str(claims_session.config.getoption("claims_faults_out"))}))
