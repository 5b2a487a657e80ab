"""Comparing results files: `python -m claims compare` and `--claims-compare-to`."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.records.decode import decode
from fixtures.records.results import NotAResultsFile, Results
from fixtures.regress.compare import compare
from tests.records import check, document, item, run

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


def _arms(**values: list[float | None]) -> dict:
    """Arms whose runs carry test_acc per seed (None: that seed diverged)."""
    return {arm: {"note": "", "overrides": {}, "runs": {
        str(seed): {**run({"test_acc": v}), "diverged": v is None} for seed, v in enumerate(vs)}}
        for arm, vs in values.items()}


def _seeded(item_id: str, a: list, b: list, verdict: str = "holds", margin: float = 0.1) -> dict:
    return item(item_id, verdict, seeds=list(range(len(a))), arms=_arms(a=a, b=b),
                checks=[check(mean=0.2, margin=margin, per_seed=[0.2] * len(a))])


BASE = [0.91, 0.88, 0.93, 0.90, 0.89, 0.92, 0.87, 0.90, 0.91, 0.88]
JITTER = [0.003, -0.002, 0.001, -0.003, 0.002, -0.001, 0.002, -0.002, 0.001, -0.001]


def _moved(shift: float, jitter: float = 1.0) -> list[float]:
    return [v + shift + jitter * j for v, j in zip(BASE, JITTER)]


def _tiers(old: dict, new: dict) -> tuple[str, list[str]]:
    comparison = compare(_results(old), _results(new))
    return str(comparison.tier), [str(r.tier) for r in comparison.rows]


def test_the_same_file_twice_is_identical_and_exits_0(tmp_path):
    old = _write(tmp_path / "old.json", _doc(_item("a-mnist-cpu", "holds", 0.2)))
    run = _cli("compare", str(old), str(old))
    assert run.returncode == 0, run.stderr
    assert "overall: identical (1 identical)" in run.stdout


def test_a_flipped_verdict_is_flagged_and_exits_1(tmp_path):
    old = _write(tmp_path / "old.json", _doc(_item("a-mnist-cpu", "holds", 0.2)))
    new = _write(tmp_path / "new.json", _doc(_item("a-mnist-cpu", "does not hold", 0.02)))
    run = _cli("compare", str(old), str(new))
    assert run.returncode == 1
    assert "overall: flipped (1 flipped)" in run.stdout


def _results(document: dict) -> Results:
    return decode(Results, document, "results")


def test_differences_without_a_direction_are_rounding():
    old = _doc(_seeded("x", BASE, BASE))
    new = _doc(_seeded("x", BASE, _moved(0.0, jitter=3.0)))  # every seed moved, no way in common
    assert _tiers(old, new) == ("rounding", ["rounding", "identical"])


def test_a_shift_seeds_share_is_shifted_below_the_drift_tolerance_and_drifted_at_it():
    old = _doc(_seeded("x", BASE, BASE))
    assert _tiers(old, _doc(_seeded("x", BASE, _moved(0.02)))) == ("shifted", ["shifted", "identical"])
    assert _tiers(old, _doc(_seeded("x", BASE, _moved(0.15)))) == ("drifted", ["drifted", "identical"])


def test_a_shift_below_rounding_scale_is_rounding_however_consistent():
    old = _doc(_seeded("x", BASE, BASE))
    new = _doc(_seeded("x", BASE, [v + 2e-7 for v in BASE]))  # the last bits, every seed alike
    assert _tiers(old, new) == ("rounding", ["rounding", "identical"])


def test_one_seed_that_blew_up_moves_the_mean_past_the_drift_tolerance_but_is_rounding():
    """A chaotic metric: one seed of ten went from 0.9 to 1e3. The mean moved by 100, far past
    any tolerance; the seeds moved together not at all."""
    blown = list(BASE)
    blown[3] = 1e3
    tier, rows = _tiers(_doc(_seeded("x", BASE, BASE)), _doc(_seeded("x", BASE, blown)))
    assert (tier, rows) == ("rounding", ["rounding", "identical"])


def test_a_seed_diverged_in_one_file_only_is_counted_and_left_out_of_the_differences():
    diverged = [None] + BASE[1:]
    comparison = compare(_results(_doc(_seeded("x", BASE, BASE))),
                         _results(_doc(_seeded("x", BASE, diverged))))
    row = comparison.rows[0]
    assert (row.shift.diverged_changed, row.shift.paired, row.shift.differing) == (1, 9, 1)
    assert str(row.tier) == "rounding"


def test_many_metrics_are_adjusted_together():
    """Twenty items each moved by the same modest, just-significant-alone shift: Holm's
    adjustment over the forty rows keeps each one below the 1% family-wise level."""
    items_old = [_seeded(f"x{i}", BASE, BASE) for i in range(20)]
    items_new = [_seeded(f"x{i}", BASE, _moved(0.0026)) for i in range(20)]
    comparison = compare(_results(_doc(*items_old)), _results(_doc(*items_new)))
    alone = [r.shift.p for r in comparison.rows if not r.shift.identical]
    assert 0.01 / 40 < min(alone) and max(alone) < 0.01 and str(comparison.tier) == "rounding"


def test_items_not_comparable_are_listed_with_the_reason_not_flagged():
    skipped = item("b", None, outcome="skipped", reason="CUDA not available")
    other_seeds = _seeded("c", BASE[:5], BASE[:5])
    comparison = compare(_results(_doc(_item("a", "holds", 0.2), skipped, other_seeds)),
                         _results(_doc(_item("b", "holds", 0.2),
                                       {**_seeded("c", BASE[:5], BASE[:5]), "seeds": [5, 6, 7, 8, 9]})))
    assert [(d.id, d.tier, d.note) for d in comparison.items] == [
        ("a", None, "only in the old file"), ("b", None, "did not run in the old file"),
        ("c", None, "other seeds (0-4 against 5-9): nothing to pair")]
    assert str(comparison.tier) == "identical"


def test_an_item_trained_on_other_data_is_not_paired_and_a_file_without_fingerprints_is():
    """A moved language is a change of data, however every seed moves with it; files written
    before items carried their data's fingerprint pair as before."""
    old = {**_seeded("lm", BASE, BASE), "data": "aaaa"}
    moved = {**_seeded("lm", _moved(0.05), _moved(0.05)), "data": "bbbb"}
    comparison = compare(_results(_doc(old)), _results(_doc(moved)))
    assert [(d.tier, d.note) for d in comparison.items] == [
        (None, "trained on other data (aaaa against bbbb): nothing to pair")]
    unmarked = {k: v for k, v in moved.items() if k != "data"}
    assert str(compare(_results(_doc(old)), _results(_doc(unmarked))).tier) == "shifted"


@pytest.mark.parametrize(("fail_on", "code"), [("shifted", 1), ("drifted", 0), ("rounding", 1)])
def test_fail_on_chooses_the_tier_that_fails(tmp_path, fail_on, code):
    old = _write(tmp_path / "old.json", _doc(_seeded("x", BASE, BASE)))
    new = _write(tmp_path / "new.json", _doc(_seeded("x", BASE, _moved(0.02))))
    run = _cli("compare", str(old), str(new), "--fail-on", fail_on)
    assert run.returncode == code, run.stdout + run.stderr


def test_fail_on_names_the_tiers_it_takes(tmp_path):
    old = _write(tmp_path / "old.json", _doc(_item("a-mnist-cpu", "holds", 0.2)))
    run = _cli("compare", str(old), str(old), "--fail-on", "loud")
    assert run.returncode == 2 and "--fail-on: invalid choice: 'loud'" in run.stderr
    assert "'rounding', 'shifted', 'drifted', 'flipped'" in run.stderr


@pytest.mark.parametrize("fmt", ["md", "json"])
def test_other_formats(tmp_path, fmt):
    old = _write(tmp_path / "old.json", _doc(_item("a-mnist-cpu", "holds", 0.2)))
    run = _cli("compare", str(old), str(old), "--format", fmt)
    assert run.returncode == 0
    if fmt == "json":
        assert json.loads(run.stdout)["items"][0]["id"] == "a-mnist-cpu"
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


@pytest.mark.parametrize("command", ["compare", "report", "history"])
@pytest.mark.parametrize(("damage", "field", "says"), [
    (lambda d: _without(d, "items", 0, "outcome"), "items[0].outcome", "missing"),
    (lambda d: d["items"][0]["checks"][0]["effect"].update(mean="0.2") or d,
     "items[0].checks[0].effect.mean", "expected a number, got '0.2'"),
    (lambda d: d["items"][0].update(verdict="maybe") or d, "items[0].verdict",
     "expected one of ['holds', 'does not hold', 'inconclusive']"),
    (lambda d: d["items"][0]["arms"]["a"]["runs"]["0"].update(diverged="no") or d,
     "items[0].arms.a.runs.0.diverged", "expected true or false"),
    (lambda d: d["items"][0]["arms"]["a"]["runs"]["0"].update(curves={"loss": [0.5, None, True]})
     or d, "items[0].arms.a.runs.0.curves.loss[2]", "expected a number, got True"),
])
def test_a_malformed_results_file_is_an_error_naming_file_and_field(tmp_path, command, damage,
                                                                    field, says):
    """What a hand-edited or truncated-by-a-tool file gets: not a traceback, but the file, the
    field, what was wanted, and how to get a good one."""
    bad = _write(tmp_path / "bad.json", damage(_doc(_item("a-mnist-cpu", "holds", 0.2))))
    good = _write(tmp_path / "good.json", _doc(_item("a-mnist-cpu", "holds", 0.2)))
    args = {"compare": [str(good), str(bad)], "history": [str(good), str(bad)],
            "report": [str(bad), "--out", str(tmp_path / "r")]}[command]
    run = _cli(command, *args)
    assert run.returncode == 2, run.stderr
    assert f"{bad}: field {field}: {says}" in run.stderr and "Traceback" not in run.stderr


def test_compare_to_a_bad_file_is_a_usage_error(pytester):
    run = pytester.runpytest("-c", str(ROOT / "pyproject.toml"), "--rootdir", str(ROOT),
                             "-p", "no:cacheprovider", "-n", "0", "--claims-compare-to=/no/such.json",
                             "--collect-only", str(ROOT / "tests" / "test_claims.py"))
    assert run.ret == pytest.ExitCode.USAGE_ERROR
    run.stderr.fnmatch_lines(["*--claims-compare-to: /no/such.json: no such file*"])


def test_an_item_whose_verdict_flipped_against_compare_to_fails(pytester, tmp_path):
    item = "relu-output-cannot-go-negative-mnist-cpu"  # 2 arms x 2 seeds, seconds
    old = _write(tmp_path / "old.json", _doc(_item(item, "does not hold", 0.0)))
    run = pytester.runpytest("-c", str(ROOT / "pyproject.toml"), "--rootdir", str(ROOT),
                             "-p", "no:cacheprovider", "-n", "0", f"--claims-compare-to={old}",
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
