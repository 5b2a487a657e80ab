"""Shared pieces of the benchmarks: devices, timing, and medians that ratios are taken from.

Run them with `pytest tests/bench --benchmark-only`, never under xdist (pytest-benchmark turns
itself off there). The default `pytest` run skips them (`--benchmark-skip` in pyproject.toml).
"""
from __future__ import annotations

from typing import Callable

import pytest
import torch

from fixtures.engine.devices import KINDS, DeviceUnavailable, describe, resolve


def pytest_benchmark_update_machine_info(config, machine_info):
    machine_info["torch"] = torch.__version__
    machine_info["torch_threads"] = torch.get_num_threads()
    machine_info["cuda_devices"] = ([torch.cuda.get_device_name(i)
                                     for i in range(torch.cuda.device_count())]
                                    if torch.cuda.is_available() else [])


@pytest.fixture(params=KINDS)
def device(request) -> torch.device:
    try:
        return resolve(request.param)
    except DeviceUnavailable as exc:
        pytest.skip(str(exc))


@pytest.fixture(scope="session")
def medians() -> dict[tuple[str, str], float]:
    """(benchmark, device type) -> median seconds of a round, for ratios between benchmarks."""
    return {}


@pytest.fixture
def measure(device, benchmark):
    """Time `fn` with pytest-benchmark, synchronising around each round only; the median seconds.

    On CUDA each round is also timed with CUDA events (`cuda_event_median_s` in extra_info): the
    device's own clock, free of the host's launch overhead.
    """
    def run(fn: Callable[[], object], *, rounds: int, warmup_rounds: int = 1) -> float:
        if device.type != "cuda":
            benchmark.pedantic(fn, rounds=rounds, warmup_rounds=warmup_rounds)
            return benchmark.stats.stats.median
        events: list[float] = []

        def timed() -> None:
            start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
            start.record()
            fn()
            end.record()
            end.synchronize()
            events.append(start.elapsed_time(end) / 1000)

        benchmark.pedantic(timed, setup=lambda: torch.cuda.synchronize(device), rounds=rounds,
                           warmup_rounds=warmup_rounds)
        events = events[warmup_rounds:]
        benchmark.extra_info["cuda_event_median_s"] = sorted(events)[len(events) // 2]
        return benchmark.stats.stats.median

    benchmark.extra_info["device"] = describe(device)
    return run
