"""One epoch of post 001's 784-512-10 MLP (SGD lr 0.15, batch 128, 50 000 MNIST images): the
post's own loop against the engine's, and the engine against the machine's matmul throughput.

Targets (read from the JSON, never asserted): the engine at least 6x the reference on
CPU, and at least 70% of the measured matmul FLOP/s.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import torch

from fixtures.core.config import TrainConfig, make_optimizer
from fixtures.data.datasets import DataError, DatasetMissing, to_device
from fixtures.data.idx import idx_bytes
from fixtures.engine.models import mlp
from fixtures.engine.seeding import order_generator, seed_everything
from fixtures.engine.train import split, train_epoch

CONFIG = TrainConfig("sgd", 0.15, batch_size=128, epochs=1, holdout=10000)  # post 001's run
ROUNDS = 3  # epochs timed per benchmark, after one warm-up epoch


def _post_net() -> torch.nn.Module:
    seed_everything(0)
    return mlp((784, 512, 10), activation=None)  # MyNet as published: its ReLU is commented out


@pytest.fixture(scope="session")
def mnist(claims_session):
    """MNIST from where the claims find it, --claims-data and $NNCLAIMS_DATA included."""
    try:
        return claims_session.dataset("mnist")
    except (DataError, DatasetMissing) as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def torchvision_root(tmp_path_factory, mnist) -> Path:
    """MNIST as the IDX files torchvision's `datasets.MNIST` reads, from whichever copy we found."""
    dataset = mnist
    raw = tmp_path_factory.mktemp("torchvision") / "MNIST" / "raw"
    raw.mkdir(parents=True)
    for prefix, images, labels in (("train", dataset.train_images, dataset.train_labels),
                                   ("t10k", dataset.test_images, dataset.test_labels)):
        (raw / f"{prefix}-images-idx3-ubyte").write_bytes(idx_bytes(images))
        (raw / f"{prefix}-labels-idx1-ubyte").write_bytes(idx_bytes(labels))
    return raw.parent.parent


def test_epoch_reference(device, measure, medians, torchvision_root):
    """Post 001's `train` function as written (DataLoader + ToTensor, shuffle=True, a `.item()`
    per batch), less its progress print."""
    datasets = pytest.importorskip("torchvision.datasets")
    transforms = pytest.importorskip("torchvision.transforms")
    from torch.utils.data import DataLoader, random_split

    train_ds = datasets.MNIST(root=torchvision_root, train=True, transform=transforms.ToTensor())
    train_ds, _ = random_split(train_ds, [50000, 10000], generator=torch.Generator().manual_seed(0))
    loader = DataLoader(dataset=train_ds, batch_size=128, shuffle=True)
    net = _post_net().to(device)
    optimizer = torch.optim.SGD(net.parameters(), lr=0.15)
    loss_fn = torch.nn.CrossEntropyLoss()

    def epoch() -> None:
        net.train()
        epoch_loss, correct = 0.0, 0
        for X, y in loader:
            X, y = X.to(device), y.to(device)
            pred = net(X)
            loss = loss_fn(pred, y)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            epoch_loss += loss.item()
            correct += (pred.argmax(1) == y).type(torch.float).sum().item()

    medians["reference", device.type] = measure(epoch, rounds=ROUNDS)


def test_epoch_engine(device, benchmark, measure, medians, mnist):
    """The engine's `train_epoch`: tensors on the device, batches by index, no sync per step."""
    (x, y), _ = split(to_device(mnist, device), CONFIG)
    net = _post_net().to(device)
    optimizer = make_optimizer(net.parameters(), CONFIG)
    order = order_generator(0)
    median = measure(lambda: train_epoch(net, optimizer, CONFIG, x, y, order), rounds=ROUNDS)
    medians["engine", device.type] = median
    benchmark.extra_info["flop_per_s"] = _epoch_flops(len(y)) / median
    reference = medians.get(("reference", device.type))
    benchmark.extra_info["speedup_vs_reference"] = reference / median if reference else None


def test_roofline(device, benchmark, measure, medians):
    """A 4096x4096 fp32 matmul's FLOP/s, and the engine epoch's share of it."""
    n = 4096
    a, b = (torch.randn(n, n, device=device) for _ in range(2))
    median = measure(lambda: a @ b, rounds=10)
    peak = 2 * n**3 / median
    benchmark.extra_info["matmul_flop_per_s"] = peak
    engine = medians.get(("engine", device.type))
    benchmark.extra_info["engine_share_of_matmul"] = (
        _epoch_flops(50000) / engine / peak if engine else None)


def _epoch_flops(examples: int) -> float:
    """Multiply-adds x 2 of an epoch: forward, plus backward's weight gradients for both layers
    and the input gradient of the second only (the images need none)."""
    first, second = 784 * 512, 512 * 10
    return 2.0 * examples * (2 * first + 3 * second)
