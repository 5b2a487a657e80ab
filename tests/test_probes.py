"""Probes on models and curves whose answer is known."""
from __future__ import annotations

import pytest
import torch
from torch import nn

from fixtures.probes import acc_drops, affine_residual, score_rows
from fixtures.train import Run

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
