"""`python -m claims calibrate`: disjoint seed sets from a chosen base, every per-seed value
kept, and the count of sets whose verdict is not the expected one; it and `cost` say how to get
a dataset they cannot find."""
from __future__ import annotations

import json
import subprocess
from dataclasses import replace

import pytest
import torch

import claims
from claims.__main__ import main
from fixtures.calibration.evidence import held
from fixtures.data import datasets as data
from tests.nested import ROOT, HeavyRun, one_thread
from tests.shortened import shortened


def test_seed_sets_start_at_the_base_and_wrong_verdicts_are_counted(tmp_path, monkeypatch, capsys):
    """200 steps of post 004's net: too few to collapse, so `deep-elu-sin-stall` (expected to
    hold) is wrong in every set."""
    short = shortened("deep-elu-sin-stall")
    monkeypatch.setattr(claims, "by_name", lambda name: short)
    assert main(["calibrate", "deep-elu-sin-stall", "--seed-sets", "2", "--seeds", "3",
                 "--seed-base", "7", "--json", f"--evidence-dir={tmp_path}"]) == 0
    written = json.loads((tmp_path / "deep-elu-sin-stall.json").read_text())
    [sin] = written["budgets"]["smoke"]
    assert (sin["dataset"], sin["seed_base"], sin["seeds_per_set"]) == ("sin", 7, 3)
    assert [s["seeds"] for s in sin["sets"]] == [[7, 9], [10, 12]]
    assert sin["wrong"] == 2 and all(s["verdict"] != "holds" for s in sin["sets"])
    assert {arm: sorted(map(int, seeds)) for arm, seeds in sin["per_seed"].items()} == {
        arm.name: list(range(7, 13)) for arm in short.arms}
    assert {"date", "torch", "device", "threads", "spec"} <= set(sin)
    assert "in 2 of 2 seed sets (100%)" in capsys.readouterr().out


def test_a_new_record_replaces_the_one_of_the_same_seeds_and_keeps_the_others(tmp_path):
    """loss-at-init-is-log-classes evaluates untrained nets: a record in a second."""
    for base in ("0", "100", "0"):
        main(["calibrate", "loss-at-init-is-log-classes", "--seed-sets", "1", "--seeds", "2",
              "--seed-base", base, "--json", f"--evidence-dir={tmp_path}"])
    kept = json.loads((tmp_path / "loss-at-init-is-log-classes.json").read_text())
    assert [r["seed_base"] for r in kept["budgets"]["smoke"]] == [0, 100]


def test_what_the_evidence_holds_adds_up_a_datasets_records_at_one_budget(tmp_path):
    """As `cost` reports it: records of disjoint seed bases add up; another dataset's do not."""
    claim = claims.by_name("weight-decay-groks")

    def record(base, sets, seconds, dataset="modular-addition"):
        return {"dataset": dataset, "seed_base": base, "seeds_per_set": 5, "sets": [{}] * sets,
                "seconds": seconds}

    (tmp_path / claim.evidence.name).write_text(json.dumps({"claim": claim.name, "budgets": {
        "full": [record(0, 10, 3633.4), record(50, 10, 3618.0), record(0, 3, 9.0, "sin")]}}))
    assert held(claim, "full", "modular-addition", tmp_path) == ("20 sets: holds", [3633.4, 3618.0])
    assert held(claim, "smoke", "modular-addition", tmp_path) == ("none", [])
    assert held(replace(claim, expected={}), "full", "sin", tmp_path) == (
        "3 sets, none expected", [9.0])


def test_a_missing_dataset_is_a_message_saying_how_to_get_it(monkeypatch, capsys):
    def missing(name, root=None, **_):
        raise data.DatasetMissing(f"{name} not found; to get it: {data.DATASETS[name].how_to_get}")

    monkeypatch.setattr("fixtures.data.source.load", missing)
    for command in (["calibrate", "sigmoid-caps-autoencoder"], ["cost", "sigmoid-caps-autoencoder"]):
        with pytest.raises(SystemExit) as exited:
            main(command)
        assert exited.value.code == 2
        assert (f"python -m claims {command[0]}: fashion-mnist not found; to get it: apt-get install "
                "dataset-fashion-mnist") in capsys.readouterr().err


def test_commands_load_data_through_claims_data_as_pytest_does(tmp_path, monkeypatch, capsys):
    asked = []

    def missing(name, root=None, *, allow_download=False, **_):
        asked.append((name, root, allow_download))
        raise data.DatasetMissing(f"{name} not found")

    monkeypatch.setattr("fixtures.data.source.load", missing)
    with pytest.raises(SystemExit):
        main(["calibrate", "sigmoid-caps-autoencoder", f"--claims-data={tmp_path}",
              "--claims-allow-download"])
    assert asked == [("fashion-mnist", tmp_path, True)]
    assert "fashion-mnist not found" in capsys.readouterr().err


def _kept(folder, names) -> dict:
    """Each claim's records as written, less when they were taken and how long they took."""
    return {name: [{k: v for k, v in r.items() if k not in ("date", "seconds")}
                   for r in json.loads((folder / f"{name}.json").read_text())["budgets"]["smoke"]]
            for name in names}


@HeavyRun.GROUP
def test_calibration_as_pytest_items_writes_under_xdist_what_one_process_writes(
        tmp_path_factory, tmp_path):
    """forgot-zero-grad's MLP stacks both sets in one item, eval-is-batch-independent's
    BatchNorm net does not (an item per set). Two workers write what the command writes in this
    process, at one thread each."""
    heavy_run = HeavyRun.once(tmp_path_factory)
    heavy_run.result.assert_outcomes(passed=HeavyRun.ITEMS)
    names, folder = HeavyRun.CALIBRATED, heavy_run.evidence
    assert f"forgot-zero-grad mnist: wrong in 0 of 2 seed sets; evidence written to {folder}" \
           in heavy_run.result.stdout.str()
    with one_thread():
        assert main(["calibrate", *names, "--seed-sets", "2", "--seeds", "2", "--json",
                     f"--evidence-dir={tmp_path}"]) == 0
    kept = _kept(folder, names)
    assert kept == _kept(tmp_path, names)
    record = kept["forgot-zero-grad"][0]
    assert (record["stacked"], record["threads"], len(record["sets"])) == (4, 1, 2)
    assert {"spec", "trace", "torch", "device", "git_commit"} <= set(record)


def test_stacked_sets_are_chunks_that_cover_every_set_and_single_nets_go_one_set_each():
    from fixtures.calibration.calibrate import STACK_PARAMETERS, chunks

    mlp = chunks(claims.by_name("forgot-zero-grad"), "smoke", 5, 59)  # 784-64-10: 50 890 each
    assert [len(c) for c in mlp] == [19, 19, 19, 2] and 19 * 5 * 50_890 <= STACK_PARAMETERS
    assert [k for c in mlp for k in c] == list(range(59))
    convnet = chunks(claims.by_name("sigmoid-caps-autoencoder"), "smoke", 5, 3)
    assert convnet == [range(0, 1), range(1, 2), range(2, 3)]


def test_a_stack_of_several_sets_differs_from_one_set_stacks_by_rounding_alone():
    """What `pytest` trains (a stack of one set) against what calibration trains (a stack of
    sets): the same seeds, compared in tiers; the sin net at 10 seeds a set, two sets a stack."""
    from fixtures.calibration.items import item_identity, outcome_item
    from fixtures.data.synthetic import sin_points
    from fixtures.engine.experiment import run_claim
    from fixtures.records.results import SCHEMA_VERSION, Results
    from fixtures.regress.compare import compare
    from fixtures.regress.tiers import Tier

    claim, data = shortened("deep-elu-sin-stall"), sin_points(torch.device("cpu"))
    identity = item_identity(claim, "sin", "cpu", "smoke")
    seeds = tuple(range(10))
    alone = outcome_item(run_claim(claim, data, "smoke", seeds, {}), identity, "cpu")
    stacked = outcome_item(run_claim(claim, data, "smoke", seeds, {}, together=tuple(range(20))),
                           identity, "cpu")
    assert {r.stacked for a in stacked.arms.values() for r in a.runs.values()} == {20}
    tier = compare(Results(SCHEMA_VERSION, [alone]), Results(SCHEMA_VERSION, [stacked])).tier
    assert tier == Tier.ROUNDING


def test_parts_merge_in_any_order_and_refuse_to_mix_settings():
    from fixtures.calibration.calibrate import PartsDisagree, merged

    def part(first, threads=1, commit=None):
        return {"dataset": "sin", "seed_base": 0, "seeds_per_set": 2, "expected": "holds",
                "first_set": first, "sets": [{"seeds": [2 * first, 2 * first + 1],
                                              "verdict": "holds" if first else "inconclusive"}],
                "per_seed": {"a": {str(2 * first): {"m": 1.0}, str(2 * first + 1): {"m": 2.0}}},
                "diverged": {"a": [2 * first] if first else []}, "stacked": 2, "seconds": 1.5,
                "ran": {"torch": "2.15.0", "device": "cpu", "threads": threads,
                        "git_commit": commit, "git_dirty": None}}

    one, other = merged([part(0), part(1)]), merged([part(1), part(0)])
    assert one == other and one["wrong"] == 1 and one["seconds"] == 3.0
    assert [s["seeds"] for s in one["sets"]] == [[0, 1], [2, 3]]
    assert list(one["per_seed"]["a"]) == ["0", "1", "2", "3"] and one["diverged"] == {"a": [2]}
    with pytest.raises(PartsDisagree, match="--claims-threads=N"):
        merged([part(0), part(1, threads=2)])
    with pytest.raises(PartsDisagree, match=r"git_commit \(None and b\): check every worker "
                                            "out at one commit"):
        merged([part(0), part(1, commit="b")])


def test_evidence_written_while_a_calibration_runs_does_not_split_its_sets(tmp_path, monkeypatch):
    """Evidence kept by another calibration, or by this one for a claim before, leaves the
    checkout changed while the sets train; the code that trains them is what the process
    imported, read once. Every set its own chunk, each chunk reading a new state, as a changed
    checkout would give them."""
    from fixtures.calibration import calibrate as module

    readings = iter([{"git_commit": "a", "git_dirty": False}] + [{"git_commit": "b",
                                                                  "git_dirty": True}] * 9)
    real = module.fingerprint
    monkeypatch.setattr(module, "fingerprint", lambda: {**real(), **next(readings)})
    monkeypatch.setattr(module, "STACK_PARAMETERS", 1)
    assert main(["calibrate", "loss-at-init-is-log-classes", "--seed-sets", "3", "--seeds", "2",
                 "--json", f"--evidence-dir={tmp_path}"]) == 0
    [record] = json.loads((tmp_path / "loss-at-init-is-log-classes.json").read_text())[
        "budgets"]["smoke"]
    assert len(record["sets"]) == 3 and (record["git_commit"], record["git_dirty"]) == ("a", False)


def test_a_calibration_item_says_where_its_session_began(claims_session, monkeypatch):
    """A pytest session reads where it runs once, as it begins (`ClaimsSession.environment`):
    code or evidence edited while a long calibration runs under pytest cannot give its items
    different readings, which the controller would refuse to merge."""
    from types import SimpleNamespace

    from fixtures.calibration import calibrate as module
    from tests.heavy.test_seed_sets import test_seed_sets as item

    def read_again():
        raise AssertionError("an item read the checkout again while its session ran")

    monkeypatch.setattr(module, "fingerprint", read_again)
    began = {**claims_session.environment, "git_commit": "began", "git_dirty": False}
    session = SimpleNamespace(options=SimpleNamespace(budget="smoke", seed_base=0), runs={},
                              data=claims_session.data, environment=began,
                              config=claims_session.config)
    kept = []
    part = (claims.by_name("loss-at-init-is-log-classes"), "mnist", 2, range(1), 1)
    item(part, session, lambda key, value: kept.append(value))
    [sent] = kept
    assert (sent["record"]["ran"]["git_commit"], sent["record"]["ran"]["git_dirty"]) == ("began", False)


def test_a_checkout_is_changed_by_its_code_not_by_evidence_results_or_prose(tmp_path_factory):
    from fixtures.engine.environment import code_changed

    tmp_path = tmp_path_factory.mktemp("checkout")

    def git(*args):
        subprocess.run(["git", *args], cwd=tmp_path, check=True, capture_output=True)

    files = ("claims/a.py", "calibration/a.json", "history/a.json.gz", "docs/a.md", "README.md")
    for name in files:
        (tmp_path / name).parent.mkdir(exist_ok=True)
        (tmp_path / name).write_text("0")
    git("init", "-q")
    git("add", ".")
    git("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "files")
    assert code_changed(tmp_path / "claims") is False
    for name in files[1:]:
        (tmp_path / name).write_text("1")
    assert code_changed(tmp_path / "claims") is False
    (tmp_path / files[0]).write_text("1")
    assert code_changed(tmp_path / "docs") is True
    assert code_changed(tmp_path_factory.mktemp("no-checkout")) is None


def test_calibration_items_need_known_claims(pytestconfig):
    """Checked when pytest configures, where a UsageError makes pytest exit 4 with the message."""
    plugin = pytestconfig.pluginmanager.get_plugin(str(ROOT / "conftest.py"))

    class Config:
        getoption = {"claims_calibrate": ["no-such-claim"], "claims_faults": None}.get

    with pytest.raises(pytest.UsageError, match="--claims-calibrate: no claim 'no-such-claim'"):
        plugin._known_names(Config())
