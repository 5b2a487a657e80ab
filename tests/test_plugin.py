"""The pytest side, run as a user would: device skips, usage errors, the results file."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import torch

from claims import CLAIMS
from fixtures.records.results import write_atomic
from tests.nested import CLAIM_ITEMS, ClaimsRun

ROOT = Path(__file__).resolve().parents[1]


def _run(pytester: pytest.Pytester, *args: str) -> pytest.RunResult:
    """pytest in this process. Its sessions collect tests/test_claims.py, not the whole tree:
    pytester unloads every module a session imports, and an extension torch loads lazily
    (triton, through torch.utils.flop_counter in tests/test_cost.py) aborts the process when
    the next session loads it again."""
    return pytester.runpytest("-c", str(ROOT / "pyproject.toml"), "--rootdir", str(ROOT),
                              "-p", "no:cacheprovider", "-n", "0", *args)


def test_gpu_items_skip_without_cuda(pytester, monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    results = pytester.path / "gpu.json"
    run = _run(pytester, "-m", "gpu", f"--claims-results={results}", str(ROOT / "tests" / "test_claims.py"))
    assert run.ret == 0
    run.assert_outcomes(skipped=CLAIM_ITEMS, deselected=CLAIM_ITEMS)
    run.stdout.fnmatch_lines(["*CUDA not available*"])
    items = json.loads(results.read_text())["items"]
    assert len(items) == CLAIM_ITEMS
    assert all(i["outcome"] == "skipped" and i["reason"] == "CUDA not available" for i in items)


@pytest.mark.parametrize(("option", "value", "says"), [
    ("--claims-seeds", "0", "greater than 0"),
    ("--claims-seeds", "-2", "greater than 0"),
    ("--claims-seeds", "five", "greater than 0"),
    ("--claims-seed-base", "-1", "0 or more"),
    ("--claims-budget", "huge", "invalid choice"),
    ("--claims-data", "/no/such/dir", "not a readable directory"),
])
def test_bad_option_is_a_usage_error_naming_it(pytester, option, value, says):
    run = _run(pytester, f"{option}={value}", "--collect-only",
               str(ROOT / "tests" / "test_claims.py"))
    assert run.ret == pytest.ExitCode.USAGE_ERROR
    run.stderr.fnmatch_lines([f"*argument {option}*{says}*"])


def test_path_options_outside_the_checkout_work_written_with_an_equals_sign(tmp_path):
    """pytest takes its rootdir from the path arguments: `pytest --claims-data DIR` (two tokens)
    with DIR outside the checkout makes DIR the rootdir, so pytest never reads pyproject.toml or
    conftest.py and fails on "unrecognized arguments". `--claims-data=DIR` is one token: it works
    from the checkout, and from anywhere else with the checkout named."""
    data = tmp_path / "datasets"
    (data / "FashionMNIST" / "raw").mkdir(parents=True)
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()

    def pytest_(cwd: Path, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider",
                               "--collect-only", "-k", "sin-cpu", *args],
                              cwd=cwd, capture_output=True, text=True)

    results = f"--claims-results={tmp_path / 'r.json'}"
    for cwd, paths in ((ROOT, ()), (elsewhere, (str(ROOT),))):
        joined = pytest_(cwd, *paths, f"--claims-data={data}", results)
        assert joined.returncode == 0, joined.stderr
        assert f"data {data};" in joined.stdout
    split = pytest_(ROOT, "--claims-data", str(data))
    assert split.returncode == pytest.ExitCode.USAGE_ERROR
    assert "unrecognized arguments: --claims-data" in split.stderr


def test_results_are_shared_with_the_mode_a_plain_write_gives(tmp_path):
    path = tmp_path / "latest.json"
    write_atomic(path, {"schema_version": 1, "items": []})
    mask = os.umask(0o022)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask


def test_bad_data_env_is_a_usage_error_naming_it(pytester, monkeypatch):
    monkeypatch.setenv("NNCLAIMS_DATA", "/no/such/dir")
    run = _run(pytester, "--collect-only", str(ROOT / "tests" / "test_claims.py"))
    assert run.ret == pytest.ExitCode.USAGE_ERROR
    run.stderr.fnmatch_lines(["*NNCLAIMS_DATA*not a readable directory*"])


def test_unwritable_results_path_is_reported_and_tests_still_run(pytester, monkeypatch):
    monkeypatch.setattr(torch.cuda, "is_available", lambda: False)
    blocker = pytester.path / "a-file"
    blocker.write_text("not a directory")
    run = _run(pytester, "-m", "gpu", f"--claims-results={blocker / 'out.json'}",
               str(ROOT / "tests" / "test_claims.py"))
    run.assert_outcomes(skipped=CLAIM_ITEMS, deselected=CLAIM_ITEMS)
    run.stdout.fnmatch_lines([f"*results NOT written, {blocker / 'out.json'}*--claims-results*"])


def test_failed_write_leaves_the_previous_results_intact(tmp_path):
    path = tmp_path / "latest.json"
    write_atomic(path, {"schema_version": 1, "items": []})
    with pytest.raises(TypeError):
        write_atomic(path, {"schema_version": 1, "items": [object()]})
    assert json.loads(path.read_text()) == {"schema_version": 1, "items": []}
    assert [p.name for p in tmp_path.iterdir()] == ["latest.json"]


@ClaimsRun.GROUP
def test_results_file_holds_every_item_under_xdist(tmp_path_factory):
    """Items trained and items skipped, on two workers: the controller writes them all."""
    run = ClaimsRun.once(tmp_path_factory)
    run.result.assert_outcomes(passed=len(ClaimsRun.TRAINED), skipped=CLAIM_ITEMS)
    items = json.loads(run.results.read_text())["items"]
    assert sorted(i["id"] for i in items) == sorted(
        [*ClaimsRun.TRAINED, *(f"{c.name}-{d}-cuda" for c in CLAIMS for d in c.datasets)])
    assert not list(run.results.parent.glob(".xdist.json.*"))  # no temporary file left behind


@pytest.mark.parametrize("stop, exit_code", [
    ("KeyboardInterrupt", pytest.ExitCode.INTERRUPTED),
    ("RuntimeError('release unlocked lock')", pytest.ExitCode.INTERNAL_ERROR),  # as xdist may
], ids=["ctrl-c", "internal-error"])
def test_interrupted_session_leaves_the_previous_results_intact(pytester, monkeypatch, stop,
                                                                 exit_code):
    """A session stopped after three items: the complete file from before stays as it was; the
    three items that ran go beside it, to latest.interrupted.json."""
    monkeypatch.setenv("CUDA_VISIBLE_DEVICES", "")  # a new process: hide CUDA there
    previous = pytester.path / "latest.json"
    previous.write_text('{"schema_version": 1, "items": ["complete, from an earlier session"]}')
    pytester.makepyfile(interrupter=f"""
        reports = []
        def pytest_runtest_logreport(report):
            if report.when == "call" or report.skipped:
                reports.append(report)
            if len(reports) == 3:
                raise {stop}
    """)
    monkeypatch.setenv("PYTHONPATH", str(pytester.path))
    run = pytester.runpytest_subprocess(  # inline, the interrupt would stop this session too
        "-c", str(ROOT / "pyproject.toml"), "--rootdir", str(ROOT), "-p", "no:cacheprovider",
        "-p", "interrupter", "-n", "0", "-m", "gpu", f"--claims-results={previous}",
        str(ROOT / "tests" / "test_claims.py"))
    assert run.ret == exit_code
    assert previous.read_text() == '{"schema_version": 1, "items": ["complete, from an earlier session"]}'
    partial = json.loads((pytester.path / "latest.interrupted.json").read_text())
    assert partial["interrupted"] is True and len(partial["items"]) == 3
    run.stdout.fnmatch_lines([f"*interrupted; {previous} left as it was*latest.interrupted.json*"])
