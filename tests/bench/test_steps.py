"""One training step of every claim's model at its smoke budget's batch size, per device.

A stackable arm steps all its seeds at once, as the claim trains them; `per_member_s` in
extra_info divides by the members.
"""
from __future__ import annotations

import pytest
import torch

from claims import CLAIMS
from fixtures.core.config import make_optimizer
from fixtures.core.tasks import TASKS
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
def test_claim_step(device, benchmark, measure, claim, arm, config):
    seeds = tuple(range(claim.seeds)) if stacks(arm.build, config) else (0,)
    members = [fresh_model(arm.build, config, device, seed) for seed in seeds]
    net = Stacked(members) if len(members) > 1 else members[0]
    optimizer = make_optimizer(net.parameters(), config)
    g = torch.Generator().manual_seed(0)
    if claim.datasets == ("sin",):
        inputs = torch.rand(config.batch_size, 1, generator=g)
        labels = torch.sin(inputs)
    else:
        inputs = torch.rand(config.batch_size, 1, 28, 28, generator=g)
        labels = torch.randint(0, 10, (config.batch_size,), generator=g)
    x, y = TASKS[config.task].prepare(inputs, labels)
    x, y = x.to(device), y.to(device)
    perms = [torch.randperm(config.batch_size, generator=order_generator(s)) for s in seeds]
    idx = (torch.stack(perms) if len(seeds) > 1 else perms[0]).to(device)

    median = measure(lambda: train_step(net, optimizer, config, x, y, idx), rounds=20,
                     warmup_rounds=3)
    benchmark.extra_info.update(members=len(seeds), batch_size=config.batch_size,
                                per_member_s=median / len(seeds))
