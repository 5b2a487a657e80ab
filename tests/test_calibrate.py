"""`python -m claims calibrate`: disjoint seed sets from a chosen base, every per-seed value
kept, and the count of sets whose verdict is not the expected one; it and `cost` say how to get
a dataset they cannot find."""
from __future__ import annotations

import json

import pytest

import claims
from claims.__main__ import main
from fixtures.data import datasets as data
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


def test_a_new_record_replaces_the_one_of_the_same_seeds_and_keeps_the_others(tmp_path, monkeypatch):
    short = shortened("sin-stall-is-not-depth")
    monkeypatch.setattr(claims, "by_name", lambda name: short)
    for base in ("0", "100", "0"):
        main(["calibrate", "x", "--seed-sets", "1", "--seeds", "2", "--seed-base", base, "--json",
              f"--evidence-dir={tmp_path}"])
    kept = json.loads((tmp_path / "sin-stall-is-not-depth.json").read_text())["budgets"]["smoke"]
    assert [r["seed_base"] for r in kept] == [0, 100]


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
