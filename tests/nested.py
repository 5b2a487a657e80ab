"""pytest on this checkout in a subprocess, for self-tests that need a whole session: xdist
workers, the controller's summary, the files a session writes."""
from __future__ import annotations

import contextlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def run_pytest(pytester: pytest.Pytester, workers: str, *args: str) -> pytest.RunResult:
    """`pytest -n WORKERS ARGS` at one thread a process: the thread count moves last bits, so
    one process and several workers are compared at the same count."""
    return pytester.runpytest_subprocess(
        "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(ROOT), "-p", "no:cacheprovider",
        "-n", workers, "--claims-threads=1", *args)


@contextlib.contextmanager
def one_thread():
    """This process at one intra-op thread, as `run_pytest`'s processes, then as it was."""
    import torch

    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)
