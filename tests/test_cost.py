"""The FLOP counts behind `python -m claims cost`: equal to the hand count where one is easy,
and a run that two claims share is charged to the first only."""
from __future__ import annotations

import pytest
import torch

pytest.importorskip("torch.utils.flop_counter",
                    reason="claims cost counts FLOPs with torch.utils.flop_counter, new in torch 2.1")

from claims import by_name  # noqa: E402  (after the skip: fixtures.engine.cost imports flop_counter)
from fixtures.core.config import TrainConfig
from fixtures.data.datasets import DeviceData
from fixtures.engine.cost import claim_costs, matmul_flop_rate, run_flops
from fixtures.engine.models import mlp

CPU = torch.device("cpu")


def _images(train: int, test: int) -> DeviceData:
    x = torch.rand(train + test, 1, 28, 28)
    y = torch.arange(train + test) % 10
    return DeviceData("images", CPU, x[:train], y[:train], x[train:], y[train:])


def test_an_epoch_of_post_001s_net_costs_what_the_hand_count_says():
    """Forward and the weight gradients of both layers, the input gradient of the second only;
    then one forward per evaluation example."""
    config = TrainConfig("sgd", 0.15, batch_size=128, epochs=2, eval_every=1)
    first, second = 784 * 512, 512 * 10
    expected = 2 * (2 * 300 * (2 * first + 3 * second) + 2 * 100 * (first + second))
    assert run_flops(lambda: mlp((784, 512, 10), activation=None), config,
                     _images(300, 100)) == expected


def test_a_shared_arm_is_charged_to_the_first_claim_that_trains_it():
    data = _images(200, 50)
    pair = [by_name("output-relu-logits"), by_name("hidden-relu-harmless")]
    costs = claim_costs(pair, "smoke", lambda name: data)
    assert [(c.claim, c.dataset, c.runs, c.shared_runs) for c in costs] == [
        ("output-relu-logits", "fashion-mnist", 15, 0), ("output-relu-logits", "mnist", 15, 0),
        ("hidden-relu-harmless", "fashion-mnist", 5, 10), ("hidden-relu-harmless", "mnist", 5, 10)]
    alone = claim_costs(pair[1:], "smoke", lambda name: data)
    assert [(c.runs, c.shared_runs) for c in alone] == [(15, 0), (15, 0)]
    assert alone[0].flops > costs[2].flops > 0


def test_the_matmul_rate_is_a_positive_rate():
    assert matmul_flop_rate(CPU, n=256, rounds=3) > 1e6


def test_an_arm_that_re_evaluates_a_run_costs_its_evaluation_only():
    data = _images(200, 50)
    dropout = by_name("forgot-eval-dropout")
    (cost,) = claim_costs([dropout], "smoke", lambda name: data)
    assert (cost.runs, cost.shared_runs) == (5, 5)
    config = dropout.budgets["smoke"]
    build = dropout.arms[0].build
    train_and_evaluate = run_flops(build, config, data)
    evaluate_only = run_flops(build, config, data, training=False)
    assert 0 < evaluate_only < train_and_evaluate
    assert cost.flops == 5 * (train_and_evaluate + evaluate_only)
    (untrained,) = claim_costs([by_name("loss-at-init-is-log-classes")], "smoke", lambda name: data)
    assert untrained.flops == 2 * 10 * 50 * 2 * (784 * 64 + 64 * 10)  # one forward per image


def test_a_swept_arm_costs_every_value_and_shares_the_values_another_claim_trained():
    data = _images(200, 50)
    forgiving = by_name("adam-is-forgiving")
    values, seeds = len(forgiving.arms[0].sweep.values), forgiving.seeds
    (alone,) = claim_costs([forgiving], "smoke", lambda name: data)
    assert (alone.runs, alone.shared_runs) == (seeds * 2 * values, 0)
    after = claim_costs([by_name("forgot-zero-grad"), forgiving], "smoke", lambda name: data)[-1]
    assert (after.runs, after.shared_runs) == (seeds * (2 * values - 1), seeds)  # SGD at lr 0.1
    assert 0 < after.flops < alone.flops
