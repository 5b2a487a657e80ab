"""One training step of every claim's model at its smoke budget's batch size, per device.

A stackable arm steps all its seeds at once, as the claim trains them; `per_member_s` in
extra_info divides by the members. The batch is the first of the claim's own dataset, so each
model sees the shapes and dtypes it trains on (token ids, three-channel images, sin points).
"""
from __future__ import annotations

import pytest
import torch

from claims import CLAIMS
from fixtures.core.config import make_optimizer
from fixtures.core.tasks import TASKS
from fixtures.data.datasets import DataError, DatasetMissing
from fixtures.engine.experiment import build_key
from fixtures.engine.seeding import order_generator
from fixtures.engine.stack import Stacked
from fixtures.engine.train import fresh_model, stacks, train_step


def _cases():
    seen, cases = set(), []
    for claim in CLAIMS:
        for arm in claim.arms:
            config = arm.config(claim.budgets["smoke"])
            key = (build_key(arm.build), config.batch_size, config.model_args, config.task)
            if key not in seen:
                seen.add(key)
                cases.append(pytest.param(claim, arm, config, id=f"{claim.name}-{arm.name}"))
    return cases


@pytest.mark.parametrize(("claim", "arm", "config"), _cases())
def test_claim_step(device, benchmark, measure, claims_session, claim, arm, config):
    try:
        data = claims_session.data(claim.datasets[0], device)
    except (DataError, DatasetMissing) as exc:
        pytest.skip(str(exc))
    seeds = tuple(range(claim.seeds)) if stacks(arm.build, config) else (0,)
    members = [fresh_model(arm.build, config, device, seed) for seed in seeds]
    net = Stacked(members) if len(members) > 1 else members[0]
    optimizer = make_optimizer(net.parameters(), config)
    rows = min(config.batch_size, len(data.x_train))
    x, y = TASKS[config.task].prepare(data.x_train[:rows], data.y_train[:rows])
    perms = [torch.randperm(rows, generator=order_generator(s)) for s in seeds]
    idx = (torch.stack(perms) if len(seeds) > 1 else perms[0]).to(device)

    median = measure(lambda: train_step(net, optimizer, config, x, y, idx), rounds=20,
                     warmup_rounds=3)
    benchmark.extra_info.update(members=len(seeds), batch_size=rows,
                                per_member_s=median / len(seeds))
