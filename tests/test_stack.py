"""A stacked member trains as its seed does alone, and stacking changes no verdict."""
from __future__ import annotations

from functools import partial

import pytest
import torch
from torch import nn

from claims import CLAIMS, by_name
from fixtures.core.config import TrainConfig
from fixtures.data.datasets import DeviceData
from fixtures.data.synthetic import sin_points
from fixtures.engine.experiment import run_claim, run_groups
from fixtures.engine.models import conv_autoencoder, mlp, source_cnn
from fixtures.engine.seeding import seed_everything
from fixtures.engine.stack import Stacked, stackable
from fixtures.engine.train import train_runs

CPU = torch.device("cpu")
SMALL = partial(mlp, (784, 32, 10), logit_relu=True)
SIN_NET = partial(mlp, (1, 50, 25, 12, 1), activation=nn.ELU)
ONE_HOT = partial(mlp, (2 * 7, 16, 7), one_hot=7)  # modular addition's net, on pairs below 7


def _pairs() -> DeviceData:
    x = torch.cartesian_prod(torch.arange(7), torch.arange(7))
    y = x.sum(1) % 7
    return DeviceData("pairs", CPU, x[:40], y[:40], x[40:], y[40:])


def _images() -> DeviceData:
    g = torch.Generator().manual_seed(123)
    x = torch.rand(300, 1, 28, 28, generator=g)
    y = (x.mean((1, 2, 3)) * 1000).long() % 10
    return DeviceData("synthetic", CPU, x[:240], y[:240], x[240:], y[240:])


def _members(build, seeds):
    members = []
    for seed in seeds:
        seed_everything(seed)
        members.append(build())
    return members


def test_which_models_stack():
    assert stackable(SMALL()) and stackable(SIN_NET()) and stackable(mlp((784, 16, 10), logit_softmax=True))
    assert stackable(ONE_HOT())
    assert not stackable(mlp((784, 512, 10)))  # compute-bound: stacking would be slower
    assert not stackable(source_cnn()) and not stackable(conv_autoencoder(width=8))
    with pytest.raises(ValueError, match="differ in their parameters"):
        Stacked([SMALL(), mlp((784, 16, 10))])
    with pytest.raises(ValueError, match="one at a time"):
        Stacked([source_cnn()])


@pytest.mark.parametrize("build", [SMALL, partial(mlp, (784, 16, 10), logit_softmax=True)],
                         ids=["mlp", "softmax-output"])
def test_a_stack_starts_as_its_members(build):
    members = _members(build, (0, 1, 2))
    x = torch.rand(5, 1, 28, 28)
    outputs = Stacked(members)(x.expand(3, *x.shape))
    for member, output in zip(members, outputs):
        torch.testing.assert_close(output, member(x), rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize(("build", "config", "data"), [
    pytest.param(SMALL, TrainConfig("sgd", 0.1, batch_size=16, epochs=1), _images(), id="mlp-sgd"),
    pytest.param(SIN_NET, TrainConfig("adam", 1e-3, batch_size=1, epochs=2, loss="mse", task="regress"),
                 sin_points(CPU), id="sin-adam"),
    pytest.param(SMALL, TrainConfig("sgd", 0.002, batch_size=16, epochs=1, reduction="sum"),
                 _images(), id="mlp-sgd-summed"),
    pytest.param(ONE_HOT, TrainConfig("adamw", 1e-2, batch_size=40, epochs=20, weight_decay=1.0,
                                      task="classify-and-fit"), _pairs(), id="one-hot-adamw"),
])
def test_a_stacked_member_matches_its_seed_trained_alone(build, config, data):
    """15-20 steps: long enough to compound differences, short of chaos amplifying rounding."""
    seeds = (0, 1, 2, 3)
    stacked = train_runs(build, "a", config, data, seeds)
    alone = train_runs(build, "a", config, data, seeds, stack=False)
    for (run_s, model_s), (run_a, model_a) in zip(stacked, alone):
        assert run_s.stacked == 4 and run_a.stacked == 1
        for p_s, p_a in zip(model_s.parameters(), model_a.parameters()):
            torch.testing.assert_close(p_s, p_a, rtol=1e-5, atol=1e-6)
        assert run_s.metrics == pytest.approx(run_a.metrics, rel=1e-4, abs=1e-6)


def test_a_diverged_member_leaves_the_others_alone():
    data = _images()
    members = [SMALL() for _ in range(2)]
    with torch.no_grad():
        members[1][1].weight.fill_(float("nan"))
    stack = Stacked(members)
    out = stack(data.x_train[:8].expand(2, 8, 1, 28, 28))
    assert out[1].isnan().all() and out[0].isfinite().all()
    loss = torch.nn.functional.cross_entropy(out.transpose(1, 2), data.y_train[:8].expand(2, 8),
                                             reduction="none").mean(1).sum()
    loss.backward()
    assert stack.weights[0].grad[0].isfinite().all()  # the NaN member's loss does not leak


@pytest.mark.parametrize("name", ["deep-elu-sin-stall", "sin-stall-is-not-depth"])
@pytest.mark.xdist_group(f"{run_groups(CLAIMS, 'smoke')['deep-elu-sin-stall', 'sin']}-cpu")
def test_stacking_changes_no_verdict(claims_session, name):
    """Post 004's claims, seeds 0-4 at the smoke budget, trained both ways: the same verdicts.

    The two claims share their runs, so the pair costs one sequential training (about 26 s).
    """
    claim, data, seeds = by_name(name), sin_points(CPU), (0, 1, 2, 3, 4)
    stacked = run_claim(claim, data, "smoke", seeds, claims_session.runs)
    alone = run_claim(claim, data, "smoke", seeds, claims_session.runs, stack=False)
    assert [v.outcome for _, v in stacked.checks] == [v.outcome for _, v in alone.checks]
    assert stacked.verdict == alone.verdict == claim.expected["smoke"]
    assert all(r.stacked == len(seeds) for runs in stacked.runs.values() for r in runs)
    assert all(r.stacked == 1 for runs in alone.runs.values() for r in runs)


def test_the_same_stack_twice_gives_identical_runs():
    config = TrainConfig("adam", 0.1, batch_size=1, epochs=20, loss="mse", task="regress")
    first, second = (train_runs(SIN_NET, "a", config, sin_points(CPU), (0, 1, 2)) for _ in range(2))
    assert [(r.metrics, r.curves) for r, _ in first] == [(r.metrics, r.curves) for r, _ in second]


def test_the_run_cache_never_mixes_stacks_of_other_seeds(monkeypatch):
    from claims import CLAIMS
    from fixtures.engine import experiment

    calls = []
    real = experiment.train_runs
    monkeypatch.setattr(experiment, "train_runs", lambda *a, **k: calls.append(a[4]) or real(*a, **k))
    config = TrainConfig("adam", 0.1, batch_size=1, epochs=2, loss="mse", task="regress")
    cache, data = {}, sin_points(CPU)
    for seeds in [(0, 1, 2), (0, 1, 2), (1, 2)]:
        experiment._arm_runs(CLAIMS[0], "a", SIN_NET, config, data, seeds, cache)
    assert calls == [(0, 1, 2), (1, 2)]  # the repeat comes from the cache; a new stack trains whole


def test_a_net_without_biases_trains_one_seed_at_a_time():
    """The stacked layers add a bias: a builder option they cannot train leaves the stack."""
    build = partial(mlp, (784, 16, 10), bias=False)
    assert not stackable(build())
    config = TrainConfig("sgd", 0.1, batch_size=32, epochs=1)
    runs = train_runs(build, "no-bias", config, _images(), (0, 1))
    assert [run.stacked for run, _ in runs] == [1, 1]
    assert all(model[1].bias is None for _, model in runs)  # the hidden layer's
