"""The engine: its foreach Adam does what the per-tensor loop does, bit for bit, so the speed-up
moved no calibrated number; and each knob of the training procedure does what it says."""
from __future__ import annotations

import dataclasses
import math
import types
from functools import partial

import pytest
import torch
from torch import nn

from fixtures.core.config import OPTIMIZERS, TrainConfig, make_optimizer, training_loss
from fixtures.data.datasets import DeviceData
from fixtures.engine.models import conv_autoencoder, mlp
from fixtures.engine.seeding import seed_everything
from fixtures.engine.stack import Stacked, stackable
from fixtures.engine.train import evaluate, rows, train_runs, train_step


def _trained(build, optimizer, x, y, steps: int) -> list[torch.Tensor]:
    """`steps` of the engine's own step, one example each, with `optimizer`."""
    seed_everything(0)
    model = build()
    opt = optimizer(model.parameters(), lr=1e-2)
    config = TrainConfig("adam", 1e-2, batch_size=1, epochs=1, loss="mse", task="regress")
    for i in range(steps):
        train_step(model, opt, config, x, y, torch.tensor([i % len(x)]))
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


# --- the procedure as data: each knob of TrainConfig does what its comment says --------------

_G = torch.Generator().manual_seed(1)
X, Y = torch.rand(32, 1, 28, 28, generator=_G), torch.randint(0, 10, (32,), generator=_G)
SMALL = partial(mlp, (784, 16, 10))


def _steps(config: TrainConfig, build=SMALL, steps: int = 3, seed: int = 0):
    seed_everything(seed)
    model = build()
    optimizer = make_optimizer(model.parameters(), config)
    for i in range(steps):
        train_step(model, optimizer, config, X, Y, torch.arange(8 * i, 8 * i + 8) % len(Y))
    return model, optimizer


def _config(**knobs) -> TrainConfig:
    return TrainConfig("sgd", 0.1, **{"batch_size": 8, "epochs": 1, **knobs})


def test_without_zero_grad_gradients_accumulate_across_steps():
    model, _ = _steps(_config(zero_grad=False), steps=2)
    seed_everything(0)
    manual = SMALL()
    grads = []
    for i in range(2):  # by hand: the second step follows the sum of both steps' gradients
        manual.zero_grad()
        torch.nn.functional.cross_entropy(manual(X[8 * i:8 * i + 8]), Y[8 * i:8 * i + 8]).backward()
        grads.append([p.grad.clone() for p in manual.parameters()])
        with torch.no_grad():
            for p, *gs in zip(manual.parameters(), *grads):
                p -= 0.1 * sum(gs)
    for a, b in zip(model.parameters(), manual.parameters()):
        torch.testing.assert_close(a, b)
    assert all(p.grad is not None for p in model.parameters())


def test_clipping_bounds_each_step_and_each_stacked_member_alone():
    model, _ = _steps(_config(clip_grad_norm=0.01), steps=1)
    norm = torch.cat([p.grad.flatten() for p in model.parameters()]).norm()
    assert norm <= 0.01 * (1 + 1e-4)
    config = _config(clip_grad_norm=0.01)
    members = []
    for seed in (0, 1):
        seed_everything(seed)
        members.append(SMALL())
    alone = [_steps(config, seed=seed, steps=1)[0] for seed in (0, 1)]
    stack = Stacked(members)
    optimizer = make_optimizer(stack.parameters(), config)
    train_step(stack, optimizer, config, X, Y, torch.arange(8).expand(2, 8))
    for member, single in zip(stack.unstack(), alone):
        for a, b in zip(member.parameters(), single.parameters()):
            torch.testing.assert_close(a, b, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("idx", [[5, 0, 3, 0], [[1, 2], [4, 1]], "expanded"],
                         ids=["batch", "stack", "expanded"])
@pytest.mark.parametrize("shape, dtype", [((6, 1, 4, 4), torch.float32), ((6, 5), torch.int64),
                                          ((6,), torch.float32)], ids=["images", "tokens", "targets"])
def test_a_batch_holds_the_rows_indexing_gives(shape, dtype, idx):
    """The step gathers rows with `index_select`: the values, dtype and shape of `t[idx]`."""
    t = torch.arange(math.prod(shape)).reshape(shape).to(dtype)  # every element its own value
    idx = torch.arange(3).expand(2, 3) if idx == "expanded" else torch.tensor(idx)
    batch = rows(t, idx)
    assert batch.dtype == t.dtype and batch.shape == t[idx].shape and torch.equal(batch, t[idx])


def test_a_stack_clips_through_torchs_own_clip_grad_norm(monkeypatch):
    """So a release that changes it, or a fault injected into it, reaches stacked runs too."""
    calls = []
    real = nn.utils.clip_grad_norm_
    monkeypatch.setattr(nn.utils, "clip_grad_norm_", lambda ps, n: calls.append(n) or real(ps, n))
    stack = Stacked([SMALL(), SMALL(), SMALL()])
    config = _config(clip_grad_norm=0.01)
    train_step(stack, make_optimizer(stack.parameters(), config), config, X, Y,
               torch.arange(8).expand(3, 8))
    assert calls == [0.01] * 3


def test_warmup_raises_the_rate_linearly_to_its_peak():
    _, optimizer = _steps(_config(warmup_steps=4), steps=2)
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1 * 2 / 4)
    _, optimizer = _steps(_config(warmup_steps=4), steps=6)
    assert optimizer.param_groups[0]["lr"] == pytest.approx(0.1)


def test_label_smoothing_changes_the_training_loss_not_the_evaluation_loss():
    smooth, plain = _config(label_smoothing=0.1), _config()
    scores = torch.randn(8, 10, generator=_G)
    assert training_loss(smooth, scores, Y[:8]) != training_loss(plain, scores, Y[:8])
    model, _ = _steps(plain)
    assert evaluate(model, X, Y, smooth)["test_loss"] == evaluate(model, X, Y, plain)["test_loss"]


def test_evaluating_in_train_mode_keeps_dropout_on():
    noisy = partial(mlp, (784, 16, 10), dropout=0.5)
    model, _ = _steps(_config(), build=noisy)
    in_train = _config(eval_mode="train")
    assert evaluate(model, X, Y, _config()) == evaluate(model, X, Y, _config())
    assert evaluate(model, X, Y, in_train) != evaluate(model, X, Y, in_train)
    assert not stackable(noisy()) and not stackable(mlp((784, 16, 10), batchnorm=True))


def test_optimizer_knobs_reach_the_optimizer_and_defaults_stay_torchs():
    sgd = make_optimizer(SMALL().parameters(), _config(momentum=0.9, nesterov=True, weight_decay=1e-4))
    assert (sgd.defaults["momentum"], sgd.defaults["nesterov"], sgd.defaults["weight_decay"]) == (0.9, True, 1e-4)
    adamw = make_optimizer(SMALL().parameters(), TrainConfig("adamw", 1e-3, batch_size=8, epochs=1))
    assert isinstance(adamw, torch.optim.AdamW) and adamw.defaults["weight_decay"] == 0.01
    with pytest.raises(ValueError, match=r"adam takes none of \['momentum'\]"):
        TrainConfig("adam", 1e-3, batch_size=8, epochs=1, momentum=0.9)
    with pytest.raises(ValueError, match="label_smoothing must be in"):
        TrainConfig("sgd", 0.1, batch_size=8, epochs=1, loss="mse", label_smoothing=0.1)
    with pytest.raises(ValueError, match="eval_mode 'test' is not one of"):
        TrainConfig("sgd", 0.1, batch_size=8, epochs=1, eval_mode="test")


def test_a_dropout_run_depends_on_its_seed_alone():
    """Dropout draws from the global RNG; each run seeds it before training, so seed 1 trains
    the same whether seed 0 was built before it or not (the run cache relies on it)."""
    data = DeviceData("images", torch.device("cpu"), X, Y, X[:8], Y[:8])
    noisy = partial(mlp, (784, 16, 10), dropout=0.5)
    config = _config(epochs=2)
    together = train_runs(noisy, "a", config, data, (0, 1))[1][0]
    alone = train_runs(noisy, "a", config, data, (1,))[0][0]
    assert together.metrics == alone.metrics and together.curves == alone.curves


def test_zero_epochs_evaluate_the_model_as_initialised():
    data = DeviceData("images", torch.device("cpu"), X, Y, X, Y)
    (run, model), = train_runs(SMALL, "a", _config(epochs=0), data, (0,))
    seed_everything(0)
    untouched = SMALL()
    assert all(torch.equal(p, q) for p, q in zip(model.parameters(), untouched.parameters()))
    assert run.metrics == evaluate(untouched, X, Y, _config(epochs=0))
    assert run.curves == {name: [value] for name, value in run.metrics.items()}
    with pytest.raises(ValueError, match="epochs must be a whole number, 0 or more"):
        _config(epochs=-1)


def test_arms_that_differ_only_in_evaluating_share_one_training_run(monkeypatch):
    """One evaluation after the last epoch: a train-mode arm re-evaluates the eval arm's run,
    on a copy, so BatchNorm's running statistics in the shared model stay as trained."""
    from claims import CLAIMS
    from fixtures.engine import experiment

    calls = []
    real = experiment.train_runs
    monkeypatch.setattr(experiment, "train_runs", lambda *a, **k: calls.append(a[2]) or real(*a, **k))
    data = DeviceData("images", torch.device("cpu"), X, Y, X, Y)
    build = partial(mlp, (784, 16, 10), batchnorm=True)
    plain, in_train = _config(epochs=2, eval_every=2), _config(epochs=2, eval_every=2,
                                                              eval_mode="train", eval_batch=4)
    cache = {}
    (eval_run,) = experiment._arm_runs(CLAIMS[0], "eval", build, plain, data, (0,), cache)
    stats = [b.clone() for b in next(iter(cache.values()))[1].buffers()]
    (train_run,) = experiment._arm_runs(CLAIMS[0], "train", build, in_train, data, (0,), cache)
    assert calls == [plain] and len(cache) == 1
    assert train_run.metrics["test_loss"] != eval_run.metrics["test_loss"]
    assert train_run.metrics["train_loss"] == eval_run.metrics["train_loss"]
    model = next(iter(cache.values()))[1]
    assert all(torch.equal(a, b) for a, b in zip(stats, model.buffers())) and not model.training
    # evaluations between epochs can change training: then each arm is its own run
    assert _config(epochs=2, eval_mode="train").trained() == _config(epochs=2, eval_mode="train")
    assert in_train.trained() == plain


def test_an_l2_penalty_is_sgds_weight_decay_and_leaves_the_recorded_loss_alone():
    penalised, decayed = _steps(_config(l2=0.05))[0], _steps(_config(weight_decay=0.05))[0]
    plain = _steps(_config())[0]
    for p, d, q in zip(penalised.parameters(), decayed.parameters(), plain.parameters()):
        torch.testing.assert_close(p, d, rtol=1e-6, atol=1e-7)
        assert not torch.equal(p, q)
    seed_everything(0)
    model = SMALL()
    optimizer = make_optimizer(model.parameters(), _config(l2=0.05))
    loss = train_step(model, optimizer, _config(l2=0.05), X, Y, torch.arange(8))
    seed_everything(0)
    assert loss == training_loss(_config(), SMALL()(X[:8]), Y[:8]).detach()
    with pytest.raises(ValueError, match="l2 must be a positive number"):
        _config(l2=0.0)


def test_a_probe_marked_on_training_set_reads_the_training_split():
    import dataclasses as dc

    from claims import by_name
    from fixtures.core.metrics import probe
    from fixtures.engine import experiment

    @probe("weight_norm")
    def sizes(model, inputs, targets, run):
        return {"weight_norm": float(len(inputs))}

    @probe("dead_units", on_training_set=True)
    def train_sizes(model, inputs, targets, run):
        return {"dead_units": float(len(inputs))}

    data = DeviceData("images", torch.device("cpu"), X, Y, X[:8], Y[:8])
    dropout = by_name("forgot-eval-dropout")
    claim = dc.replace(dropout, probes=(*dropout.probes, sizes, train_sizes))
    (run,) = experiment._arm_runs(claim, "a", SMALL, _config(), data, (0,), {})
    assert (run.metrics["weight_norm"], run.metrics["dead_units"]) == (8.0, 32.0)


def test_a_summed_loss_is_the_mean_at_batch_size_times_the_rate():
    """SGD's step under reduction='sum' is the mean's at lr * batch: the same weights after two
    steps, alone and stacked; the recorded loss stays a mean over the batch."""
    mean, _ = _steps(TrainConfig("sgd", 0.08, batch_size=8, epochs=1), steps=2)
    summed, _ = _steps(TrainConfig("sgd", 0.01, batch_size=8, epochs=1, reduction="sum"), steps=2)
    for a, b in zip(mean.parameters(), summed.parameters()):
        assert torch.allclose(a, b, atol=1e-6)
    members = []
    for seed in (0, 1):
        seed_everything(seed)
        members.append(SMALL())
    stack = Stacked(members)
    config = TrainConfig("sgd", 0.01, batch_size=8, epochs=1, reduction="sum")
    losses = train_step(stack, make_optimizer(stack.parameters(), config), config,
                        X, Y, torch.arange(16).view(2, 8))
    seed_everything(0)
    alone = SMALL()
    assert losses[0] == pytest.approx(training_loss(config, alone(X[:8]), Y[:8]).item(), rel=1e-5)
    with pytest.raises(ValueError, match="reduction 'max' is not one of"):
        _config(reduction="max")


def test_rmsprop_takes_its_own_knobs():
    rmsprop = make_optimizer(SMALL().parameters(), TrainConfig(
        "rmsprop", 1e-3, batch_size=8, epochs=1, alpha=0.9, momentum=0.5))
    assert isinstance(rmsprop, torch.optim.RMSprop)
    assert (rmsprop.defaults["alpha"], rmsprop.defaults["momentum"]) == (0.9, 0.5)
    with pytest.raises(ValueError, match="rmsprop takes none of"):
        TrainConfig("rmsprop", 1e-3, batch_size=8, epochs=1, betas=(0.9, 0.99))


# --- schedules and precision --------------------------------------------------------------

def _rates(config: TrainConfig) -> list[float]:
    """The learning rate of each optimizer step over a run on X (4 steps an epoch)."""
    from fixtures.engine.schedules import decay, steps_per_run
    from fixtures.engine.seeding import order_generator
    from fixtures.engine.train import train_epoch

    seed_everything(0)
    model = SMALL()
    optimizer = make_optimizer(model.parameters(), config)
    rates, step = [], optimizer.step

    def recording(self, *args, **kwargs):
        rates.append(self.param_groups[0]["lr"])
        return step(*args, **kwargs)
    optimizer.step = types.MethodType(recording, optimizer)  # before the scheduler wraps it
    schedule = decay(optimizer, config, steps_per_run(config, len(Y)) - config.warmup_steps)
    for _ in range(config.epochs):
        train_epoch(model, optimizer, config, X, Y, order_generator(0), schedule=schedule)
    return rates


@pytest.mark.parametrize(("knobs", "factors"), [
    ({}, [1] * 8),
    ({"schedule": "cosine"}, [(1 + math.cos(math.pi * j / 8)) / 2 for j in range(8)]),
    ({"schedule": "step"}, [1, 1, 1, 0.1, 0.1, 0.1, 0.01, 0.01]),
    ({"schedule": "wsd"}, [1, 1, 1, 1, 1, 1, 1, 0.5]),  # the last fifth of 8 steps: 2
    ({"schedule": "cosine", "warmup_steps": 2},
     [0.5, 1] + [(1 + math.cos(math.pi * j / 6)) / 2 for j in range(6)]),
    ({"warmup_steps": 4}, [0.25, 0.5, 0.75, 1, 1, 1, 1, 1]),
], ids=["constant", "cosine", "step", "wsd", "warmup-then-cosine", "warmup-then-constant"])
def test_each_schedule_sets_each_steps_rate(knobs, factors):
    rates = _rates(_config(epochs=2, **knobs))
    assert rates == pytest.approx([0.1 * f for f in factors], abs=1e-9)


def test_unknown_schedules_and_precisions_are_named():
    with pytest.raises(ValueError, match=r"schedule 'linear' is not one of"):
        _config(schedule="linear")
    with pytest.raises(ValueError, match=r"autocast 'float8' is not one of"):
        _config(autocast="float8")
    with pytest.raises(ValueError, match="grad_scaler scales float16 gradients"):
        _config(grad_scaler=True, autocast="bfloat16")
    with pytest.raises(ValueError, match=r"param_dtype 'float16' is not one of"):
        _config(param_dtype="float16")


def test_bfloat16_parameters_stay_bfloat16_and_their_small_updates_round_away():
    from fixtures.engine.train import fresh_model

    config = dataclasses.replace(_config(param_dtype="bfloat16"), lr=1e-4)
    model = fresh_model(SMALL, config, torch.device("cpu"), 0)
    before = [p.detach().clone() for p in model.parameters()]
    assert all(p.dtype == torch.bfloat16 for p in before)
    optimizer = make_optimizer(model.parameters(), config)
    loss = train_step(model, optimizer, config, X, Y, torch.arange(8))
    assert loss.dtype == torch.float32 and all(p.dtype == torch.bfloat16 for p in model.parameters())
    unchanged = sum(int((a == b).sum()) for a, b in zip(before, model.parameters()))
    assert unchanged > 0.9 * sum(p.numel() for p in before)  # lr 1e-4 * grad < half a bf16 ulp
    fp32, _ = _steps(dataclasses.replace(_config(), lr=1e-4), steps=1)
    seed_everything(0)
    moved = sum(int((a != b).sum()) for a, b in zip(SMALL().parameters(), fp32.parameters()))
    assert moved > 0.5 * sum(p.numel() for p in before)


def test_autocast_runs_the_products_in_bfloat16_and_says_where_torch_cannot(monkeypatch):
    import contextlib
    import warnings

    from fixtures.engine import precision

    config = _config(autocast="bfloat16")
    cpu = torch.device("cpu")
    assert precision.unsupported(config, cpu) is None and precision.unsupported(_config(), cpu) is None
    with precision.autocast(config, cpu):
        assert nn.Linear(4, 4)(torch.ones(2, 4)).dtype == torch.bfloat16

    def refusing(*args, **kwargs):  # what a release without the dtype does
        warnings.warn("In CPU autocast, but the target dtype is not supported. Disabling autocast.")
        return contextlib.nullcontext()
    monkeypatch.setattr(torch, "autocast", refusing)
    assert "does not autocast to bfloat16 on cpu" in precision.unsupported(config, cpu)
    # an autocast that quietly casts nothing is a broken release: it runs, and its numbers show it
    monkeypatch.setattr(torch, "autocast", lambda *a, **k: contextlib.nullcontext())
    assert precision.unsupported(config, cpu) is None


def test_classify_and_fit_measures_the_training_examples_at_each_evaluation():
    """What a claim about memorising reads: `train_acc` beside `test_acc`, in the curves too."""
    x = torch.cartesian_prod(torch.arange(5), torch.arange(5))
    data = DeviceData("pairs", torch.device("cpu"), x[:20], x[:20].sum(1) % 5, x[20:], x[20:].sum(1) % 5)
    config = TrainConfig("adam", 0.05, batch_size=20, epochs=60, eval_every=20,
                         task="classify-and-fit")
    (run, model), = train_runs(partial(mlp, (10, 32, 5), one_hot=5), "a", config, data, (0,),
                               stack=False)
    assert len(run.curves["train_acc"]) == len(run.curves["test_acc"]) == 3
    assert run.metrics["train_acc"] == 1.0  # 20 pairs, 60 steps: memorised
    assert run.metrics["train_acc"] == evaluate(model, data.x_train, data.y_train, config)["test_acc"]
    plain = dataclasses.replace(config, task="classify")
    assert "train_acc" not in train_runs(partial(mlp, (10, 32, 5), one_hot=5), "a", plain, data,
                                         (0,), stack=False)[0][0].metrics
