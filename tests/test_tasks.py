"""The task measures on outputs whose answer is known."""
from __future__ import annotations

import math

import pytest
import torch

from fixtures.core.tasks import TASKS, classification, reconstruction, regression


def test_a_capped_output_sits_exactly_on_its_floor():
    targets = torch.tensor([0.0, 0.0, 100.0, 255.0])
    capped = targets.clamp(max=1.0)  # the best a sigmoid can do
    m = reconstruction(capped, targets)
    assert m["cap_floor_gap"] == pytest.approx(0.0, abs=1e-7)
    assert reconstruction(targets, targets)["cap_floor_gap"] == pytest.approx(1.0)  # a perfect output


def test_a_non_negative_output_cannot_get_under_the_sign_floor():
    targets = torch.tensor([-0.42, -0.42, 1.5, 2.8])
    best_relu = targets.clamp(min=0)
    assert reconstruction(best_relu, targets)["below_sign_floor"] == pytest.approx(0.0, abs=1e-7)
    assert reconstruction(targets, targets)["below_sign_floor"] == pytest.approx(-1.0)


def test_a_dead_output_is_all_zeros_at_the_mean_target():
    targets = torch.rand(100)
    m = reconstruction(torch.zeros(100), targets)
    assert m["zero_outputs"] == 1.0 and m["vs_zero_output"] == pytest.approx(1.0)


def test_regression_measures_a_constant_and_a_fit():
    targets = torch.sin(torch.linspace(-math.pi, math.pi, 50))
    constant = regression(torch.full((50,), targets.mean().item()), targets)
    assert constant["pred_spread"] == pytest.approx(0.0, abs=1e-6) and constant["unexplained"] == pytest.approx(1.0)
    assert regression(targets, targets)["unexplained"] == 0.0


def test_classification_counts_dead_classes_and_zero_rows():
    scores = torch.tensor([[0.0, 0.0, 0.0], [0.0, 2.0, 0.0], [0.0, 0.0, 0.0]])
    m = classification(scores, torch.tensor([1, 1, 2]))
    assert m["dead_classes"] == 2 and m["all_zero_rows"] == pytest.approx(2 / 3)
    assert m["test_acc"] == pytest.approx(1 / 3)  # the zero rows go to class 0


def test_reconstruction_targets_are_the_images_at_their_scale():
    x = torch.tensor([0.0, 0.5, 1.0])
    assert TASKS["reconstruct-255"].prepare(x, None)[1].tolist() == [0.0, 127.5, 255.0]
    standardized = TASKS["reconstruct-standardized"].prepare(x, None)[1]
    assert standardized[0].item() == pytest.approx(-0.1307 / 0.3081)
