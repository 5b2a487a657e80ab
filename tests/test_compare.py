"""Comparing results files: `python -m claims compare` and `--claims-compare-to`."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.compare import compare
from fixtures.decode import decode
from fixtures.results import NotAResultsFile, Results
from tests.records import check, document, item

ROOT = Path(__file__).resolve().parents[1]


def _item(item_id: str, verdict: str, mean: float, margin: float = 0.1, drift=None) -> dict:
    return item(item_id, verdict, checks=[check(mean=mean, margin=margin, drift=drift)])


def _doc(*items: dict) -> dict:
    return document(*items)


def _cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "claims", *args], cwd=ROOT, capture_output=True,
                          text=True)


def _write(path: Path, document) -> Path:
    path.write_text(json.dumps(document))
    return path


def test_the_same_file_twice_flags_nothing_and_exits_0(tmp_path):
    old = _write(tmp_path / "old.json", _doc(_item("a-mnist-cpu", "holds", 0.2)))
    run = _cli("compare", str(old), str(old))
    assert run.returncode == 0, run.stderr
    assert "no verdict flipped and no effect drifted in 1 items" in run.stdout


def test_a_flipped_verdict_is_flagged_and_exits_1(tmp_path):
    old = _write(tmp_path / "old.json", _doc(_item("a-mnist-cpu", "holds", 0.2)))
    new = _write(tmp_path / "new.json", _doc(_item("a-mnist-cpu", "does not hold", 0.02)))
    run = _cli("compare", str(old), str(new))
    assert run.returncode == 1
    assert "FLIP" in run.stdout and "1 of 1 items flagged" in run.stdout


def _results(document: dict) -> Results:
    return decode(Results, document, "results")


def test_an_effect_moved_past_its_drift_tolerance_is_flagged():
    old = _doc(_item("a", "holds", 0.20), _item("b", "holds", 0.20, drift=0.01))
    new = _doc(_item("a", "holds", 0.29), _item("b", "holds", 0.22, drift=0.01))
    a, b = compare(_results(old), _results(new))
    assert not a.flags  # moved 0.09, within the default tolerance (the margin, 0.1)
    assert b.flags == ["worse_than(test_acc: b vs a) moved +0.02 (drift tolerance 0.01)"]


def test_items_in_one_file_only_or_skipped_are_listed_not_flagged():
    skipped = item("b", None, outcome="skipped", reason="CUDA not available")
    deltas = compare(_results(_doc(_item("a", "holds", 0.2), skipped)),
                     _results(_doc(_item("b", "holds", 0.2))))
    assert [(d.id, d.old_verdict, d.new_verdict, d.flags) for d in deltas] == [
        ("a", "holds", None, []), ("b", None, "holds", [])]


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_other_formats(tmp_path, fmt):
    old = _write(tmp_path / "old.json", _doc(_item("a-mnist-cpu", "holds", 0.2)))
    run = _cli("compare", str(old), str(old), "--format", fmt)
    assert run.returncode == 0
    if fmt == "json":
        assert json.loads(run.stdout)[0]["id"] == "a-mnist-cpu"
    else:
        assert run.stdout.startswith("| item | old | new |")


@pytest.mark.parametrize(("content", "says"), [
    ("{not json", "not a results file (not JSON"),
    ('{"items": []}', "no schema_version and items"),
    (json.dumps({"schema_version": 99, "items": []}), "schema_version 99, this nnclaims reads"),
])
def test_a_file_that_is_not_a_results_file_is_an_error_naming_it(tmp_path, content, says):
    bad = tmp_path / "bad.json"
    bad.write_text(content)
    with pytest.raises(NotAResultsFile, match="bad.json"):
        Results.load(bad)
    run = _cli("compare", str(bad), str(bad))
    assert run.returncode == 2 and str(bad) in run.stderr and says in run.stderr


def _without(record: dict, *path) -> dict:
    *parents, last = path
    target = record
    for key in parents:
        target = target[key]
    del target[last]
    return record


@pytest.mark.parametrize("command", ["compare", "report"])
@pytest.mark.parametrize(("damage", "field", "says"), [
    (lambda d: _without(d, "items", 0, "outcome"), "items[0].outcome", "missing"),
    (lambda d: d["items"][0]["checks"][0]["effect"].update(mean="0.2") or d,
     "items[0].checks[0].effect.mean", "expected a number, got '0.2'"),
    (lambda d: d["items"][0].update(verdict="maybe") or d, "items[0].verdict",
     "expected one of ['holds', 'does not hold', 'inconclusive']"),
    (lambda d: d["items"][0]["arms"]["a"]["runs"]["0"].update(diverged="no") or d,
     "items[0].arms.a.runs.0.diverged", "expected true or false"),
])
def test_a_malformed_results_file_is_an_error_naming_file_and_field(tmp_path, command, damage,
                                                                    field, says):
    """What a hand-edited or truncated-by-a-tool file gets: not a traceback, but the file, the
    field, what was wanted, and how to get a good one."""
    bad = _write(tmp_path / "bad.json", damage(_doc(_item("a-mnist-cpu", "holds", 0.2))))
    good = _write(tmp_path / "good.json", _doc(_item("a-mnist-cpu", "holds", 0.2)))
    args = [str(good), str(bad)] if command == "compare" else [str(bad), "--out", str(tmp_path / "r")]
    run = _cli(command, *args)
    assert run.returncode == 2, run.stderr
    assert f"{bad}: field {field}: {says}" in run.stderr and "Traceback" not in run.stderr


def test_compare_to_a_bad_file_is_a_usage_error(pytester):
    run = pytester.runpytest("-c", str(ROOT / "pyproject.toml"), "--rootdir", str(ROOT),
                             "-p", "no:cacheprovider", "--claims-compare-to=/no/such.json",
                             "--collect-only", str(ROOT / "tests" / "test_claims.py"))
    assert run.ret == pytest.ExitCode.USAGE_ERROR
    run.stderr.fnmatch_lines(["*--claims-compare-to: /no/such.json: no such file*"])


def test_an_item_whose_verdict_flipped_against_compare_to_fails(pytester, tmp_path):
    item = "relu-output-cannot-go-negative-mnist-cpu"  # 2 arms x 2 seeds, seconds
    old = _write(tmp_path / "old.json", _doc(_item(item, "does not hold", 0.0)))
    run = pytester.runpytest("-c", str(ROOT / "pyproject.toml"), "--rootdir", str(ROOT),
                             "-p", "no:cacheprovider", f"--claims-compare-to={old}",
                             "--claims-seeds=2", f"--claims-results={tmp_path / 'new.json'}",
                             "-k", item, str(ROOT / "tests" / "test_claims.py"))
    outcomes = run.parseoutcomes()
    assert outcomes["failed"] == 1 and "passed" not in outcomes
    assert run.ret == pytest.ExitCode.TESTS_FAILED
    run.stdout.fnmatch_lines([f"*verdict flipped against {old}: 'does not hold' there, 'holds' now*"])


def test_compare_needs_neither_torch_nor_numpy_nor_pytest(tmp_path):
    # nox's compare session runs in a bare environment; None in sys.modules makes an import fail
    old = _write(tmp_path / "old.json", _doc(_item("a-mnist-cpu", "holds", 0.2)))
    code = ("import runpy, sys; sys.modules['torch'] = sys.modules['pytest'] = sys.modules['numpy'] = None; "
            f"sys.argv = ['claims', 'compare', {str(old)!r}, {str(old)!r}]; "
            "runpy.run_module('claims', run_name='__main__')")
    run = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
