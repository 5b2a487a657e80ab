"""A seed fixes a run bit for bit; another seed gives another run."""
from __future__ import annotations

import torch
from torch import nn

from fixtures.core.config import TrainConfig
from fixtures.data.datasets import DeviceData
from fixtures.engine.train import train_run

CONFIG = TrainConfig("sgd", 0.1, batch_size=16, epochs=2)


def _tiny_data() -> DeviceData:
    g = torch.Generator().manual_seed(123)
    x = torch.rand(200, 1, 28, 28, generator=g)
    y = (x.mean((1, 2, 3)) * 1000).long() % 10
    return DeviceData("synthetic", torch.device("cpu"), x[:160], y[:160], x[160:], y[160:])


def _build() -> nn.Module:
    return nn.Sequential(nn.Flatten(), nn.Linear(784, 32), nn.ReLU(), nn.Linear(32, 10))


def test_same_seed_gives_identical_runs():
    data = _tiny_data()
    (first, _), (second, _) = (train_run(_build, "mlp", CONFIG, data, seed=7) for _ in range(2))
    assert first.metrics == second.metrics and first.curves == second.curves


def test_other_seed_gives_another_run():
    data = _tiny_data()
    assert train_run(_build, "mlp", CONFIG, data, seed=7)[0].curves != train_run(_build, "mlp", CONFIG, data, seed=8)[0].curves


def test_diverged_run_is_recorded_not_raised():
    run, _ = train_run(_build, "mlp", TrainConfig("sgd", 1e20, batch_size=16, epochs=3), _tiny_data(), seed=0)
    assert run.diverged and len(run.curves["train_loss"]) < 3


def test_claims_sharing_an_arm_train_it_once(monkeypatch):
    import functools

    from claims import CLAIMS
    from fixtures.engine import experiment

    calls = []
    real = experiment.train_runs
    monkeypatch.setattr(experiment, "train_runs", lambda *a, **k: calls.append(a[1]) or real(*a, **k))
    claim = CLAIMS[0]
    data = _tiny_data()
    tiny = TrainConfig("sgd", 0.1, batch_size=16, epochs=1)
    plain = functools.partial(nn.Sequential, nn.Flatten(), nn.Linear(784, 10))
    cache = {}
    for _ in range(2):  # the second pass is answered from the cache
        experiment._arm_runs(claim, "plain", plain, tiny, data, (0, 1), cache)
        experiment._arm_runs(claim, "again", functools.partial(plain.func, *plain.args), tiny, data,
                             (0, 1), cache)
    assert calls == ["plain"]


def test_cuda_items_are_bitwise_only_with_every_determinism_setting(monkeypatch):
    """Reads flags only, so it runs without a GPU; the CPU is always bitwise."""
    from fixtures.engine.seeding import determinism, make_deterministic

    cuda = torch.device("cuda")
    make_deterministic()
    monkeypatch.setenv("CUBLAS_WORKSPACE_CONFIG", ":4096:8")
    assert determinism(cuda)["level"] == "bitwise"
    monkeypatch.setattr(torch.backends.cudnn, "benchmark", True)
    assert determinism(cuda)["level"] == "approximate"
    monkeypatch.setattr(torch.backends.cudnn, "benchmark", False)
    monkeypatch.delenv("CUBLAS_WORKSPACE_CONFIG")
    assert determinism(cuda) == {"level": "approximate", "deterministic_algorithms": True,
                                 "threads": torch.get_num_threads(), "cublas_workspace_config": None,
                                 "cudnn_deterministic": True, "cudnn_benchmark": False}
    assert determinism(torch.device("cpu"))["level"] == "bitwise"
