"""How often the compare flags rounding-only pairs: `python -m claims false-alarms`."""
from __future__ import annotations

import json

import pytest

from fixtures.regress.false_alarms import FalseAlarms
from fixtures.rules.distributions import rate_upper_bound as upper_bound
from tests.test_compare import BASE, _cli, _doc, _moved, _results, _seeded


@pytest.mark.parametrize(("flagged", "n", "bound"), [
    (0, 136, 0.02179), (0, 300, 0.00994), (1, 100, 0.04656), (3, 20, 0.3437)])
def test_the_bound_is_clopper_pearsons_one_sided_95_percent(flagged, n, bound):
    assert upper_bound(flagged, n) == pytest.approx(bound, rel=2e-3)


def test_the_bound_grows_with_the_count_and_is_1_when_every_pair_is_flagged():
    assert upper_bound(0, 50) < upper_bound(1, 50) < upper_bound(2, 50) < 1.0 == upper_bound(5, 5)


def _run(values: list[float]):
    return _results(_doc(_seeded("x", BASE, values)))


def test_every_pair_is_compared_and_only_a_real_shift_is_a_false_alarm():
    alarms = FalseAlarms.measure(
        [("a", _run(BASE)), ("b", _run(_moved(0.0, jitter=3.0))), ("c", _run(_moved(0.02)))])
    assert [(p.old, p.new, str(p.comparison.tier)) for p in alarms.pairs] == [
        ("a", "b", "rounding"), ("a", "c", "shifted"), ("b", "c", "shifted")]
    text = alarms.summary()
    assert text.splitlines()[:3] == [
        "3 files", "3 pairs of 3 files: 1 rounding, 2 shifted",
        "flagged shifted or worse: 2 of 3 (66.67%); the rate is below 98.3% at 95% confidence"]
    assert "  a vs c: shifted" in text and "  b vs c: shifted" in text
    assert "rows that differ: 3; p below 0.01 before the adjustment: 2 (66.67%; a calibrated " \
           "test: 1%)" in text
    assert "closest call: p (Holm) " in text


def test_a_file_the_same_as_an_earlier_one_is_set_aside_not_paired_again():
    alarms = FalseAlarms.measure(
        [("a", _run(BASE)), ("b", _run(_moved(0.0, jitter=3.0))), ("a2", _run(BASE))])
    assert (alarms.kept, alarms.same_as) == (["a", "b"], {"a2": "a"})
    [(item, distinct)] = alarms.distinct.items()  # each item's distinct numbers, over every file
    assert distinct == 2 and f"items: 1, each in 2 to 2 distinct runs (fewest: {item})" \
        in alarms.summary()
    assert alarms.summary().splitlines()[:3] == [
        "3 files; 1 bit for bit the same as an earlier one, set aside:", "  a2 = a",
        "1 pairs of 2 files: 1 rounding"]


def test_an_item_skipped_in_both_files_does_not_keep_them_apart():
    from tests.records import item

    def run(skipped_here: bool):
        return _results(_doc(_seeded("x", BASE, BASE),
                             item("fp16-cpu", None if skipped_here else "holds")))

    alarms = FalseAlarms.measure([("a", run(True)), ("a2", run(True)), ("b", run(False))])
    assert (alarms.kept, alarms.same_as) == (["a", "b"], {"a2": "a"})


def test_the_cli_reads_files_and_refuses_fewer_than_two_or_a_foreign_one(tmp_path):
    a, b, bad = tmp_path / "a.json", tmp_path / "b.json", tmp_path / "bad.json"
    a.write_text(json.dumps(_doc(_seeded("x", BASE, BASE))))
    b.write_text(json.dumps(_doc(_seeded("x", BASE, _moved(0.0, jitter=3.0)))))
    bad.write_text(json.dumps({"items": 3}))
    run = _cli("false-alarms", str(a), str(b))
    assert run.returncode == 0, run.stderr
    assert run.stdout.startswith("2 files\n1 pairs of 2 files: 1 rounding\n"
                                 "flagged shifted or worse: 0 of 1 (0%)")
    alone = _cli("false-alarms", str(a), str(a))
    assert alone.returncode == 2 and "at least two different results files" in alone.stderr
    foreign = _cli("false-alarms", str(a), str(bad))
    assert foreign.returncode == 2 and "bad.json" in foreign.stderr


def test_keep_writes_each_distinct_file_lean_and_gzipped(tmp_path):
    """A file bit for bit the same as an earlier one is not kept again; curves are dropped."""
    import gzip

    docs = {"a": _doc(_seeded("x", BASE, BASE)), "b": _doc(_seeded("x", BASE, _moved(0.0, jitter=3.0)))}
    for doc in docs.values():
        for arm in doc["items"][0]["arms"].values():
            for run in arm["runs"].values():
                run["curves"] = {"test_acc": [0.5, 0.9]}
    paths = []
    for name in ("a", "b", "a2"):
        paths.append(tmp_path / f"{name}.json")
        paths[-1].write_text(json.dumps(docs[name[0]]))
    run = _cli("false-alarms", *map(str, paths), f"--keep={tmp_path / 'kept'}")
    assert run.returncode == 0, run.stderr
    assert sorted(p.name for p in (tmp_path / "kept").iterdir()) == ["a.json.gz", "b.json.gz"]
    kept = json.loads(gzip.decompress((tmp_path / "kept" / "b.json.gz").read_bytes()))
    assert all(r["curves"] == {} for arm in kept["items"][0]["arms"].values()
               for r in arm["runs"].values())
