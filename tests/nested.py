"""pytest on this checkout in a subprocess, for self-tests that need a whole session: xdist
workers, the controller's summary, the files a session writes. Each nested session is mostly
torch's import in every one of its processes, so the self-tests share one where they can
(`ClaimsRun`, `HeavyRun`)."""
from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from claims import CLAIMS

ROOT = Path(__file__).resolve().parents[1]
CLAIM_ITEMS = sum(len(c.datasets) for c in CLAIMS)  # tests/test_claims.py's, per device kind


def run_pytest(folder: Path, workers: str, *args: str) -> pytest.RunResult:
    """`pytest -n WORKERS ARGS` in `folder`, at one thread a process and on the CPU alone: the
    thread count moves last bits, so one process and several workers are compared at the same
    count."""
    # The outer session's variables (PYTEST_ADDOPTS, xdist's worker ids) are not the nested one's.
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST_")}
    env.update(CUDA_VISIBLE_DEVICES="", PY_COLORS="0")
    start = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "-c", str(ROOT / "pyproject.toml"), "--rootdir",
         str(ROOT), "-p", "no:cacheprovider", "-n", workers, "--claims-threads=1", *args],
        cwd=folder, env=env, capture_output=True, text=True, check=False)
    return pytest.RunResult(done.returncode, done.stdout.splitlines(), done.stderr.splitlines(),
                            time.perf_counter() - start)


_SESSIONS: dict[Path, object] = {}  # each shared session, by its folder


def _once(temp: pytest.TempPathFactory, name: str, start):
    """`start(folder)` once per process: the tests that read a shared session carry its xdist
    group, so that under xdist they meet on one worker."""
    folder = temp.getbasetemp() / name
    if folder not in _SESSIONS:
        folder.mkdir()
        _SESSIONS[folder] = start(folder)
    return _SESSIONS[folder]


@dataclass(frozen=True)
class ClaimsRun:
    """tests/test_claims.py on two workers: three cpu items at 3 seeds, the first two sharing an
    xdist group (about a second each), and every gpu item, skipped with CUDA hidden."""

    GROUPED = ("forgot-zero-grad-mnist-cpu", "forgot-zero-grad-adam-mnist-cpu")
    TRAINED = (*GROUPED, "eval-is-batch-independent-mnist-cpu")
    GROUP = pytest.mark.xdist_group("claims-run")

    result: pytest.RunResult
    results: Path  # --claims-results

    @classmethod
    def once(cls, temp: pytest.TempPathFactory) -> "ClaimsRun":
        return _once(temp, "claims-run", cls._start)

    @classmethod
    def _start(cls, folder: Path) -> "ClaimsRun":
        results = folder / "xdist.json"
        return cls(run_pytest(folder, "2", "-v", "--claims-seeds=3", f"--claims-results={results}",
                              "-k", " or ".join((*cls.TRAINED, "cuda")),
                              str(ROOT / "tests" / "test_claims.py")), results)


@dataclass(frozen=True)
class HeavyRun:
    """Calibration and faults as pytest items in one session on two workers: two cheap claims
    over 2 sets of 2 seeds, and two faults on two run groups of about a second each."""

    CALIBRATED = ("forgot-zero-grad", "eval-is-batch-independent")
    FAULTS = ("cross-entropy-skips-log-softmax", "conv1d-zero")
    GROUPS = "loss-at-init or eval-is-batch"  # the run groups the faults train
    ITEMS = 9  # 3 calibration items; 2 run groups, each unfaulted and under each fault
    GROUP = pytest.mark.xdist_group("heavy-run")

    result: pytest.RunResult
    evidence: Path  # --claims-evidence-dir
    faults: Path    # --claims-faults-out

    @classmethod
    def once(cls, temp: pytest.TempPathFactory) -> "HeavyRun":
        return _once(temp, "heavy-run", cls._start)

    @classmethod
    def _start(cls, folder: Path) -> "HeavyRun":
        evidence, faults = folder / "evidence", folder / "faults"
        return cls(run_pytest(
            folder, "2", f"--claims-calibrate={','.join(cls.CALIBRATED)}",
            "--claims-seed-sets=2", "--claims-seeds=2", f"--claims-evidence-dir={evidence}",
            f"--claims-faults={','.join(cls.FAULTS)}", f"--claims-faults-out={faults}",
            "-k", f"test_seed_sets or {cls.GROUPS}", str(ROOT / "tests" / "heavy")),
            evidence, faults)


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
