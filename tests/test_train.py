"""The engine's optimizers: the foreach path it uses does what the per-tensor loop does, bit for
bit, so the speed-up moved no calibrated number."""
from __future__ import annotations

from functools import partial

import pytest
import torch
from torch import nn

from fixtures.models import conv_autoencoder, mlp
from fixtures.seeding import seed_everything
from fixtures.train import OPTIMIZERS, train_step


def _trained(build, optimizer, x, y, steps: int) -> list[torch.Tensor]:
    """`steps` of the engine's own step, one example each, with `optimizer`."""
    seed_everything(0)
    model = build()
    opt = optimizer(model.parameters(), lr=1e-2)
    for i in range(steps):
        train_step(model, opt, "mse", x, y, torch.tensor([[i % len(x)]]))
    return [p.detach() for p in model.parameters()]


@pytest.mark.parametrize(("build", "shape"), [
    pytest.param(partial(mlp, (1, 50, 25, 12, 1), activation=nn.ELU), (10, 1), id="sin-net"),
    pytest.param(partial(conv_autoencoder, width=8), (4, 1, 28, 28), id="autoencoder"),
])
def test_the_engines_adam_is_the_per_tensor_adam_bit_for_bit(build, shape):
    g = torch.Generator().manual_seed(0)
    x = torch.rand(shape, generator=g)
    y = torch.sin(x) if len(shape) == 2 else x
    ours = _trained(build, OPTIMIZERS["adam"], x, y, steps=20)
    loop = _trained(build, partial(torch.optim.Adam, foreach=False), x, y, steps=20)
    assert all(torch.equal(a, b) for a, b in zip(ours, loop))
    assert not all(torch.equal(a, b) for a, b in zip(ours, _trained(build, OPTIMIZERS["adam"],
                                                                    x, y, steps=19)))
