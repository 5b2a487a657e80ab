"""Post 004's sin net, 10 members for 1 000 steps: one stacked model against one after another.

Target (read from the JSON, never asserted): stacked at least 5x the throughput.
"""
from __future__ import annotations

import pytest

from claims.setups import DEEP_ELU
from fixtures.core.config import TrainConfig, make_optimizer
from fixtures.data.synthetic import sin_points
from fixtures.engine.seeding import order_generator
from fixtures.engine.stack import Stacked
from fixtures.engine.train import fresh_model, split, train_epoch

MEMBERS = 10
CONFIG = TrainConfig("adam", 1e-3, batch_size=1, epochs=100, loss="mse", task="regress")  # 100 x 10 points


@pytest.mark.parametrize("mode", ["sequential", "stacked"])  # in this order: the ratio needs both
def test_stacked_vs_sequential(device, benchmark, measure, medians, mode):
    (x, y), _ = split(sin_points(device), CONFIG)
    members = [fresh_model(DEEP_ELU, CONFIG, device, seed) for seed in range(MEMBERS)]
    nets = [Stacked(members)] if mode == "stacked" else members
    optimizers = [make_optimizer(net.parameters(), CONFIG) for net in nets]

    def thousand_steps() -> None:
        orders = ([[order_generator(s) for s in range(MEMBERS)]] if mode == "stacked"
                  else [order_generator(s) for s in range(MEMBERS)])
        for net, optimizer, order in zip(nets, optimizers, orders):
            for _ in range(CONFIG.epochs):
                train_epoch(net, optimizer, CONFIG, x, y, order)

    medians[mode, device.type] = median = measure(thousand_steps, rounds=3)
    benchmark.extra_info["member_steps_per_s"] = MEMBERS * CONFIG.epochs * len(y) / median
    sequential = medians.get(("sequential", device.type))
    if mode == "stacked":
        benchmark.extra_info["throughput_vs_sequential"] = sequential / median if sequential else None
