"""nnclaims' pytest plugin: the --claims-* options and the session object that does the rest."""
from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.plugin.options import (
    Options,
    nonnegative_int,
    positive_int,
    process_threads,
    readable_dir,
)
from fixtures.rules.budgets import BUDGETS

SESSION = pytest.StashKey["ClaimsSession"]()


# Options that take a path are spelt --option=PATH everywhere: pytest picks its rootdir from
# the first argument naming an existing path, so a separate PATH outside the checkout would make
# it miss pyproject.toml and this file, and fail on "unrecognized arguments".
def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("claims", "nnclaims: claims about training neural networks")
    group.addoption("--claims-budget", choices=BUDGETS, default="smoke",
                    help="smoke: a reduced configuration that still shows each effect on 2 CPU "
                         "cores in seconds; full: each source's exact configuration. Default: smoke")
    group.addoption("--claims-seeds", type=positive_int, default=None, metavar="N",
                    help="seeds per claim and arm. Default: each claim's own (5 for most)")
    group.addoption("--claims-seed-base", type=nonnegative_int, default=0, metavar="K",
                    help="first seed; seeds are K, K+1, ..., K+N-1. Default: 0")
    group.addoption("--claims-results", default="results/latest.json", metavar="PATH",
                    help="results file written at session end; write --claims-results=PATH. "
                         "Default: results/latest.json")
    group.addoption("--claims-data", type=readable_dir, default=None, metavar="DIR",
                    help="dataset root in torchvision's layout (DIR/MNIST/raw/, "
                         "DIR/FashionMNIST/raw/), searched first; write --claims-data=DIR. "
                         "Default: $NNCLAIMS_DATA, else none")
    group.addoption("--claims-allow-download", action="store_true", default=False,
                    help="let torchvision download a dataset found nowhere else. Default: off")
    group.addoption("--claims-threads", type=positive_int, default=None, metavar="N",
                    help="intra-op threads per process. A run's last bits depend on it: give "
                         "`-n 0` and `-n 2` the same N for the same per-seed numbers. Default: "
                         "the cores shared evenly among the processes (all of them without xdist)")
    group.addoption("--claims-compare-to", type=Path, default=None, metavar="OLD.json",
                    help="fail a claim item whose verdict differs from the one OLD.json (an "
                         "earlier results file) recorded for it; write --claims-compare-to=OLD.json. "
                         "Default: none")


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto`, the default: no workers for benchmarks, which time one process alone (under
    xdist pytest-benchmark skips them all); else xdist's own count, a worker per core."""
    return 0 if config.getoption("benchmark_only", False) else None


def pytest_configure(config: pytest.Config) -> None:
    import torch  # not at import time: `pytest --help` and usage errors stay fast

    from fixtures.engine.seeding import make_deterministic
    from fixtures.plugin.session import ClaimsSession

    make_deterministic()
    threads = process_threads(config)
    if threads is not None:
        torch.set_num_threads(threads)
    session = config.stash[SESSION] = ClaimsSession(Options.from_config(config), config)
    config.pluginmanager.register(session, "nnclaims-session")


@pytest.fixture(scope="session")
def claims_session(pytestconfig: pytest.Config):
    return pytestconfig.stash[SESSION]
