"""Same seeds, same device, same torch, same threads: the same numbers, bit for bit, whether a
claim runs twice, in one process or under pytest-xdist; and a run that diverges is recorded."""
from __future__ import annotations

import json
import re

import torch

import claims
from fixtures.calibration.items import item_identity, outcome_item
from fixtures.data.source import DataSource
from fixtures.data.synthetic import sin_points
from fixtures.engine.experiment import run_claim
from fixtures.records.results import as_json
from tests.nested import CLAIM_ITEMS, ClaimsRun, one_thread
from tests.shortened import shortened
CPU = torch.device("cpu")


def _per_seed(outcome) -> dict:
    return {arm: [(r.metrics, r.curves) for r in runs] for arm, runs in outcome.runs.items()}


def test_a_claim_run_twice_gives_bitwise_identical_per_seed_metrics():
    claim = shortened("deep-elu-sin-stall")
    first, second = (run_claim(claim, sin_points(CPU), "smoke", (0, 1, 2), {}) for _ in range(2))
    assert _per_seed(first) == _per_seed(second)
    assert first.determinism["level"] == "bitwise"
    assert first.determinism["threads"] == torch.get_num_threads()


@ClaimsRun.GROUP
def test_xdist_and_one_process_give_the_same_per_seed_metrics(tmp_path_factory):
    """At the same --claims-threads; the thread count itself changes the last bits (a 784-64-10
    MLP's test loss 0.13872944 on 1 thread, 0.13879749 on 2), which is why it is an option.
    Two workers write what this process trains at one thread; the two items that share runs
    meet on one worker."""
    run = ClaimsRun.once(tmp_path_factory)
    run.result.assert_outcomes(passed=len(ClaimsRun.TRAINED), skipped=CLAIM_ITEMS)
    ran_on = {item: worker for worker, item in re.findall(
        r"\[(gw\d+)\] .*PASSED \S*test_claim\[([^]]+)\]", run.result.stdout.str())}
    assert len({ran_on[item] for item in ClaimsRun.GROUPED}) == 1, ran_on
    written = [i for i in json.loads(run.results.read_text())["items"] if i["device_kind"] == "cpu"]
    assert all(i["determinism"] == {"level": "bitwise", "deterministic_algorithms": True,
                                    "threads": 1} for i in written)
    mnist, shared = DataSource().on("mnist", CPU), {}
    with one_thread():
        trained = [as_json(outcome_item(run_claim(c, mnist, "smoke", (0, 1, 2), shared),
                                        item_identity(c, "mnist", "cpu", "smoke"), "cpu"))
                   for c in (claims.by_name(i.removesuffix("-mnist-cpu"))
                             for i in ClaimsRun.TRAINED)]
    assert _seed_runs(written) == _seed_runs(json.loads(json.dumps(trained)))
    assert {(item, seed) for item, _, seed in _seed_runs(written)} == {
        (i, s) for i in ClaimsRun.TRAINED for s in "012"}


def _seed_runs(items: list[dict]) -> dict:
    """Every seed's run of every arm of every item, as written, less how long it took."""
    return {(i["id"], arm, seed): {k: v for k, v in run.items() if k != "train_seconds"}
            for i in items for arm, record in i["arms"].items()
            for seed, run in record["runs"].items()}


def test_a_run_that_produces_nan_is_recorded_as_diverged_and_supports_nothing():
    """The post's arm with SGD at lr 1e20: every seed's loss overflows. A diverged seed's metric
    is NaN, and NaN supports no claim: the collapse check does not hold."""
    claim = shortened("deep-elu-sin-stall", **{"adam-lr0.1": {"optimizer": "sgd", "lr": 1e20}})
    outcome = run_claim(claim, sin_points(CPU), "smoke", (0, 1, 2), {})
    assert all(r.diverged for r in outcome.runs["adam-lr0.1"])
    assert not any(r.diverged for r in outcome.runs["adam-lr1e-3"])
    spread = outcome.checks[0][1]
    assert spread.support == 0 and spread.outcome == "does not hold"
    assert outcome.verdict == "does not hold" and "* diverged" in outcome.explain()
    item = outcome_item(outcome, item_identity(claim, "sin", "cpu", "smoke"), "cpu")
    record = json.loads(json.dumps(as_json(item), allow_nan=False))  # valid JSON
    assert all(r["diverged"] and r["metrics"]["train_loss"] is None
               for r in record["arms"]["adam-lr0.1"]["runs"].values())
