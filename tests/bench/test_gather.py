"""A stack's batch of MNIST rows, 10 members of 64: `index_select` on the flattened index (the
engine's `rows`) against advanced indexing, `x[idx]`. The same values, other kernels.

Target (read from the JSON, never asserted): `rows` at least 2x the throughput on the CPU.
"""
from __future__ import annotations

import pytest
import torch

from fixtures.engine.train import rows

MEMBERS, BATCH = 10, 64


@pytest.mark.parametrize("mode", ["indexing", "rows"])  # in this order: the ratio needs both
def test_gather_a_stacks_batch(device, benchmark, measure, medians, mode):
    g = torch.Generator().manual_seed(0)
    x = torch.rand(60_000, 1, 28, 28, generator=g).to(device)
    idx = torch.randint(0, len(x), (MEMBERS, BATCH), generator=g).to(device)
    gather = (lambda: x[idx]) if mode == "indexing" else (lambda: rows(x, idx))

    def hundred() -> None:
        for _ in range(100):
            gather()

    medians[mode, device.type] = median = measure(hundred, rounds=20)
    benchmark.extra_info["batches_per_s"] = 100 / median
    indexing = medians.get(("indexing", device.type))
    if mode == "rows":
        benchmark.extra_info["throughput_vs_indexing"] = indexing / median if indexing else None
