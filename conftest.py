"""nnclaims' pytest plugin: the --claims-* options and the session object that does the rest."""
from __future__ import annotations

from pathlib import Path

import pytest

from fixtures.plugin.options import (
    Options,
    name_list,
    nonnegative_int,
    positive_int,
    process_threads,
    readable_dir,
)
from fixtures.rules.budgets import BUDGETS

SESSION = pytest.StashKey["ClaimsSession"]()
HEAVY = Path(__file__).parent / "tests" / "heavy"  # calibration and faults as pytest items


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
    heavy = parser.getgroup("claims runs", "nnclaims: calibration and faults as pytest items, "
                            "which pytest-xdist spreads over cores (-n N) and machines (--tx); "
                            "either runs instead of the tests")
    heavy.addoption("--claims-calibrate", type=name_list, default=None, metavar="NAME[,NAME...]",
                    help="run these claims (all: every claim) over disjoint seed sets and keep "
                         "the evidence, as `python -m claims calibrate NAME --json`; with "
                         "--claims-seed-base, --claims-seeds and --claims-budget")
    heavy.addoption("--claims-seed-sets", type=positive_int, default=20, metavar="K",
                    help="with --claims-calibrate: the disjoint seed sets. Default: 20")
    heavy.addoption("--claims-evidence-dir", type=Path, default=None, metavar="DIR",
                    help="with --claims-calibrate: where the evidence goes; write "
                         "--claims-evidence-dir=DIR. Default: calibration/")
    heavy.addoption("--claims-faults", type=name_list, default=None, metavar="FAULT[,FAULT...]",
                    help="train the cpu claim items under these faults (all: every fault) and "
                         "compare each with an unfaulted run, as `python -m claims faults`")
    heavy.addoption("--claims-faults-out", type=Path, default=Path("results/faults"),
                    metavar="DIR", help="with --claims-faults: where each run's results file "
                                        "goes; write --claims-faults-out=DIR. Default: results/faults")


def pytest_ignore_collect(collection_path: Path, config: pytest.Config) -> bool | None:
    """Each module of tests/heavy/ only when its option is given, and then nothing else."""
    asked = {HEAVY / f"test_{name}.py": config.getoption(f"claims_{option}")
             for name, option in (("seed_sets", "calibrate"), ("fault_runs", "faults"))}
    if collection_path in asked:
        return None if asked[collection_path] else True
    if any(asked.values()):
        return None if collection_path in HEAVY.parents or collection_path == HEAVY else True
    return None


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_auto_num_workers(config: pytest.Config) -> int | None:
    """`-n auto`, the default: no workers for benchmarks, which time one process alone (under
    xdist pytest-benchmark skips them all); else xdist's own count, a worker per core."""
    return 0 if config.getoption("benchmark_only", False) else None


def pytest_configure(config: pytest.Config) -> None:
    import torch  # not at import time: `pytest --help` and usage errors stay fast

    from fixtures.engine.seeding import make_deterministic
    from fixtures.plugin.session import ClaimsSession

    _known_names(config)
    make_deterministic()
    threads = process_threads(config)
    if threads is not None:
        torch.set_num_threads(threads)
    session = config.stash[SESSION] = ClaimsSession(Options.from_config(config), config)
    config.pluginmanager.register(session, "nnclaims-session")


def _known_names(config: pytest.Config) -> None:
    """--claims-calibrate's claims and --claims-faults's faults exist (or are `all`)."""
    if not (config.getoption("claims_calibrate") or config.getoption("claims_faults")):
        return
    import claims
    from fixtures.faults.injection import by_name

    for option, find in (("claims_calibrate", claims.by_name), ("claims_faults", by_name)):
        for name in [n for n in config.getoption(option) or [] if n != "all"]:
            try:
                find(name)
            except KeyError as exc:
                raise pytest.UsageError(f"--{option.replace('_', '-')}: {exc.args[0]}") from None


@pytest.fixture(scope="session")
def claims_session(pytestconfig: pytest.Config):
    return pytestconfig.stash[SESSION]
