"""Probes on models and curves whose answer is known."""
from __future__ import annotations

import math

import pytest
import torch
from torch import nn

from fixtures.core.run import Run
from fixtures.engine.probes import (
    acc_drops,
    acc_gain_after_fit,
    affine_residual,
    batch_dependence,
    dead_units,
    grad_decades,
    hidden_bias_grad,
    log_classes_gap,
    repeat_disagreement,
    score_rows,
    weight_norm,
    zero_grad_share,
)

IMAGES = torch.rand(600, 1, 28, 28, generator=torch.Generator().manual_seed(0))


def _run(acc=()):
    return Run(arm="a", seed=0, metrics={}, curves={"test_acc": list(acc)})


def test_affine_residual_tells_an_affine_map_from_a_kinked_one():
    torch.manual_seed(0)
    deep_linear = nn.Sequential(nn.Flatten(), nn.Linear(784, 64), nn.Linear(64, 10))
    kinked = nn.Sequential(nn.Flatten(), nn.Linear(784, 64), nn.ReLU(), nn.Linear(64, 10))
    assert affine_residual(deep_linear, IMAGES, None, _run())["affine_residual"] < 1e-5
    assert affine_residual(kinked, IMAGES, None, _run())["affine_residual"] > 1e-2


def test_acc_drops_sums_only_the_falls():
    assert acc_drops(None, None, None, _run([0.5, 0.7, 0.9]))["acc_drops"] == 0.0
    assert acc_drops(None, None, None, _run([0.5, 0.7, 0.6, 0.8, 0.75]))["acc_drops"] == pytest.approx(0.15)


def test_acc_gain_after_fit_counts_from_the_first_evaluation_that_fits_the_training_set():
    def gain(train_acc, test_acc):
        run = Run(arm="a", seed=0, metrics={}, curves={"train_acc": train_acc, "test_acc": test_acc})
        return acc_gain_after_fit(None, None, None, run)["acc_gain_after_fit"]

    assert gain([0.5, 0.995, 1.0, 1.0], [0.0, 0.1, 0.5, 0.9]) == pytest.approx(0.8)  # grokked
    assert gain([0.5, 1.0, 1.0], [0.0, 0.0, 0.0]) == 0.0     # memorised, never generalised
    assert gain([0.2, 0.5, 0.9], [0.1, 0.4, 0.8]) == 0.0     # never fit the training set


class _Fixed(nn.Module):
    def __init__(self, scores):
        super().__init__()
        self.scores = scores

    def forward(self, x):
        return self.scores[: len(x)]


def test_all_zero_rows_are_read_as_class_zero():
    scores = torch.tensor([[0.0, 0.0, 0.0], [0.0, 0.0, 0.0], [0.1, 3.0, 0.2], [0.0, 0.0, 1.0]])
    labels = torch.tensor([1, 2, 1, 2])
    m = score_rows(_Fixed(scores), torch.zeros(4, 1), labels, _run())
    assert m["class0_excess"] == pytest.approx(0.5)  # two zero rows predicted 0, none is class 0
    assert m["softmax_argmax_agreement"] == 1.0 and m["softmax_sum_error"] < 1e-6
    assert m["multi_positive_rows"] == pytest.approx(0.25)


def test_repeat_disagreement_is_zero_in_eval_mode_and_not_with_dropout_on():
    from fixtures.engine.models import mlp
    torch.manual_seed(0)
    net = mlp((784, 64, 10), dropout=0.5)
    labels = torch.zeros(len(IMAGES), dtype=torch.long)
    assert repeat_disagreement(net.eval(), IMAGES, labels, _run())["repeat_disagreement"] == 0.0
    on = repeat_disagreement(net.train(), IMAGES, labels, _run())["repeat_disagreement"]
    assert on > 0.05 and on == repeat_disagreement(net, IMAGES, labels, _run())["repeat_disagreement"]


def test_log_classes_gap_is_zero_for_even_scores():
    even = _Fixed(torch.zeros(len(IMAGES), 10))
    run = Run(arm="a", seed=0, metrics={"test_loss": math.log(10)})
    assert log_classes_gap(even, IMAGES, None, run)["log_classes_gap"] == 0.0
    run.metrics["test_loss"] = 2.5
    assert log_classes_gap(even, IMAGES, None, run)["log_classes_gap"] == pytest.approx(2.5 - math.log(10))


def test_a_bias_before_batchnorm_gets_no_gradient():
    from fixtures.engine.models import bn_cnn
    labels = torch.randint(0, 10, (len(IMAGES),), generator=torch.Generator().manual_seed(1))
    torch.manual_seed(0)
    with_bn, without_bn = bn_cnn(), bn_cnn(batchnorm=False)
    assert hidden_bias_grad(with_bn.eval(), IMAGES, labels, _run())["hidden_bias_grad"] < 1e-10
    assert hidden_bias_grad(without_bn, IMAGES, labels, _run())["hidden_bias_grad"] > 1e-2
    assert math.isnan(hidden_bias_grad(bn_cnn(bias=False), IMAGES, labels, _run())["hidden_bias_grad"])
    assert not with_bn.training and all(p.grad is None for p in with_bn.parameters())


def test_dead_units_counts_the_relus_silent_on_every_input_and_reads_the_training_set():
    from fixtures.engine.models import mlp
    torch.manual_seed(0)
    net = mlp((784, 8, 10))
    assert dead_units(net, IMAGES, None, _run())["dead_units"] == 0.0
    with torch.no_grad():
        net[1].bias[:3] = -1e3  # three hidden units that no image can switch on
    assert dead_units(net, IMAGES, None, _run())["dead_units"] == 3 / 8
    assert dead_units.on_training_set and not getattr(weight_norm, "on_training_set", False)


def test_weight_norm_is_the_norm_of_every_parameter_together():
    net = nn.Linear(3, 1)
    with torch.no_grad():
        net.weight.copy_(torch.tensor([[1.0, 2.0, 2.0]]))
        net.bias.fill_(4.0)
    assert weight_norm(net, None, None, _run())["weight_norm"] == pytest.approx(5.0)


def test_batch_dependence_sees_train_mode_batchnorm_and_nothing_else():
    from fixtures.engine.models import mlp

    inputs = torch.rand(192, 1, 28, 28, generator=torch.Generator().manual_seed(3))
    torch.manual_seed(0)
    batchnorm, layernorm = mlp((784, 16, 10), batchnorm=True), mlp((784, 16, 10), layernorm=True)
    running = batchnorm[2].running_mean.clone()
    assert batch_dependence(batchnorm.train(), inputs, None, _run())["batch_dependence"] > 0.01
    assert torch.equal(batchnorm[2].running_mean, running)  # measured on a copy
    assert batch_dependence(batchnorm.eval(), inputs, None, _run())["batch_dependence"] < 1e-6
    assert batch_dependence(layernorm.train(), inputs, None, _run())["batch_dependence"] < 1e-6


def test_zero_grad_share_counts_the_entries_a_dead_unit_and_an_unused_row_leave_at_zero():
    """A 4-8-3 ReLU net with one hidden unit dead (its incoming row of 4 weights and its bias
    and its outgoing column of 3: 8 entries of 67) and tokens that never use row 5 of a table."""
    torch.manual_seed(0)
    net = nn.Sequential(nn.Linear(4, 8), nn.ReLU(), nn.Linear(8, 3))
    with torch.no_grad():
        net[0].weight[0].zero_()
        net[0].bias[0] = -1.0
    x, y = torch.randn(256, 4), torch.randint(0, 3, (256,))
    assert zero_grad_share(net, x, y, _run())["zero_grad_share"] == pytest.approx(8 / 67)
    assert net[0].weight.grad is None  # measured on a copy
    table = nn.Sequential(nn.Embedding(6, 2), nn.Linear(2, 6))
    tokens = torch.randint(0, 5, (256, 4))  # never 5: its embedding row gets no gradient
    assert zero_grad_share(table, tokens, tokens, _run())["zero_grad_share"] == pytest.approx(2 / 30)


def test_grad_decades_reads_how_far_the_first_hidden_layer_falls_behind_the_last():
    """Two 16-16 layers of weights 0.1 times the identity between the first hidden layer and
    the last: the error reaching the first is the last's times 0.01, two decades down."""
    torch.manual_seed(0)
    net = nn.Sequential(nn.Flatten(), nn.Linear(784, 16), nn.Linear(16, 16), nn.Linear(16, 16),
                        nn.Linear(16, 10))
    with torch.no_grad():
        for layer in net[2:4]:
            layer.weight.copy_(0.1 * torch.eye(16))
    labels = torch.randint(0, 10, (600,))
    assert grad_decades(net, IMAGES, labels, _run())["grad_decades"] == pytest.approx(-2, abs=1e-5)
    assert net[1].bias.grad is None  # measured on a copy
    shallow = nn.Sequential(nn.Flatten(), nn.Linear(784, 16), nn.Linear(16, 10))
    assert math.isnan(grad_decades(shallow, IMAGES, labels, _run())["grad_decades"])
