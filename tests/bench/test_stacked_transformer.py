"""The language claims' transformer (1 block, width 32, vocabulary 64), 5 members for 32 steps of
64 sequences: the members vmapped as one model through torch.func (`stack_module_state`,
`functional_call`, `vmap`) against one after another.

The engine trains transformers one by one; this says what stacking them would buy. No target:
the ratio is the finding (`throughput_vs_sequential` in extra_info). On CUDA the vmapped
backward of scaled_dot_product_attention fails ("LSE is not correctly aligned", torch 2.11 on
an H200): that case is an expected failure, and an unexpected pass says a release fixed it.
"""
from __future__ import annotations

import copy

import pytest
import torch

from fixtures.core.config import token_cross_entropy
from fixtures.data.sequences import markov_language
from fixtures.engine.seeding import seed_everything
from fixtures.engine.transformer import transformer

MEMBERS, STEPS, BATCH = 5, 32, 64
func = pytest.importorskip("torch.func", reason="torch.func arrived in torch 2.0")


def _members(device):
    models = []
    for seed in range(MEMBERS):
        seed_everything(seed)
        models.append(transformer(vocab=64).to(device))
    return models


@pytest.mark.parametrize("mode", ["sequential", "stacked"])  # in this order: the ratio needs both
def test_transformer_stacked_vs_sequential(device, benchmark, measure, medians, mode, request):
    if mode == "stacked" and device.type == "cuda":
        request.applymarker(pytest.mark.xfail(reason="vmap over SDPA's backward fails on CUDA "
                                                     "(LSE alignment); measured on torch 2.11"))
    data = markov_language(device)
    g = torch.Generator().manual_seed(0)
    idx = torch.randint(0, len(data.y_train), (STEPS, MEMBERS, BATCH), generator=g).to(device)
    members = _members(device)
    if mode == "stacked":
        params, buffers = func.stack_module_state(members)
        params = {k: torch.nn.Parameter(v) for k, v in params.items()}
        base = copy.deepcopy(members[0]).to("meta")
        forward = func.vmap(lambda p, b, x: func.functional_call(base, (p, b), (x,)))
        optimizer = torch.optim.Adam(params.values(), lr=3e-3, foreach=True)

        def steps() -> None:
            for i in idx:
                losses = token_cross_entropy(forward(params, buffers, data.x_train[i]),
                                             data.y_train[i], reduction="none")
                optimizer.zero_grad(set_to_none=True)
                losses.flatten(1).mean(1).sum().backward()
                optimizer.step()
    else:
        optimizers = [torch.optim.Adam(m.parameters(), lr=3e-3, foreach=True) for m in members]

        def steps() -> None:
            for i in idx:
                for k, (model, optimizer) in enumerate(zip(members, optimizers)):
                    loss = token_cross_entropy(model(data.x_train[i[k]]), data.y_train[i[k]])
                    optimizer.zero_grad(set_to_none=True)
                    loss.backward()
                    optimizer.step()

    medians[f"transformer-{mode}", device.type] = median = measure(steps, rounds=3)
    benchmark.extra_info["member_steps_per_s"] = MEMBERS * STEPS / median
    sequential = medians.get(("transformer-sequential", device.type))
    if mode == "stacked":
        benchmark.extra_info["throughput_vs_sequential"] = sequential / median if sequential else None
