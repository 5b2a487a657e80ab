"""The verdict table: every line within 100 columns, each verdict spelt one way, counted checks
shown by their count, and a source's figures only for the dataset they are about."""
from __future__ import annotations

from fixtures.plugin.table import WIDTH, verdict_table
from fixtures.records.decode import decode
from fixtures.records.results import Item
from tests.records import check, item


def _item(**fields) -> Item:
    return decode(Item, item(**fields), "item")


def test_every_line_fits_100_columns():
    long_check = check(mean=-123.456789, margin=0.0001, per_seed=[0.123456] * 10)
    lines = verdict_table([
        _item(claim="relu-output-cannot-go-negative", dataset="fashion-mnist", verdict="inconclusive",
              outcome="failed", checks=[long_check] * 3, seconds=1234.5,
              reported={"fashion-mnist": "x" * 300}),
        _item(claim="x" * 80, verdict=None, outcome="skipped", reason="CUDA not available " * 10)])
    assert max(map(len, lines)) <= WIDTH
    text = "\n".join(lines)
    assert "FAIL  relu-output-cannot-go-negative fashion-mnist cpu  inconclusive (expected holds)" in text
    assert "  1 of 3 checks, worse_than(test_acc: b vs a):" in text and "skipped  xxxx" in text
    assert "    effect -123.5 [+0.1, +0.3], margin 0.0001, 10/10 seeds" in lines


def test_each_verdict_is_spelt_one_way():
    text = "\n".join(verdict_table([_item(verdict="does not hold", expected="does not hold"),
                                    _item(verdict="inconclusive", outcome="failed")]))
    assert "does not hold (expected does not hold)" in text and "inconclusive (expected holds)" in text
    assert " not " not in text.replace("does not hold", "") and "unsure" not in text


def test_a_counted_check_shows_how_many_seeds_are_within_its_bound():
    """deep-elu-sin-stall's first check: a mean of bound - value over seeds means nothing when
    one seed blows up; what decides it is how many seeds are within the bound."""
    spread = check(kind="at_most", control=None, margin=0.01, mean=-18.012,
                   per_seed=[0.01, 0.01, -180.0] + [0.01] * 7, support=9)
    spread["effect"]["support"], spread["effect"]["needed"] = 9, 3
    text = "\n".join(verdict_table([_item(checks=[spread])]))
    assert "9 of 10 seeds <= 0.01 (needed 3)" in text and "-18" not in text


def test_the_source_line_shows_only_this_datasets_figures():
    reported = {"fashion-mnist": "plain 90% test accuracy, relu-both 50%"}
    fashion = "\n".join(verdict_table([_item(dataset="fashion-mnist", reported=reported)]))
    mnist = "\n".join(verdict_table([_item(dataset="mnist", reported=reported)]))
    assert "source: plain 90% test accuracy" in fashion
    assert "90%" not in mnist and "source: (the source reports on fashion-mnist only)" in mnist


def test_an_uncalibrated_item_says_so_instead_of_pass_or_fail():
    text = "\n".join(verdict_table([_item(verdict="inconclusive", expected=None, budget="full")]))
    assert text.startswith("uncalibrated  c mnist cpu  inconclusive (no evidence at the full budget)")


def test_an_item_decided_on_a_device_its_thresholds_were_not_calibrated_on_says_so():
    cuda = decode(Item, item("c-mnist-cuda", device_kind="cuda", calibrated_on=["cpu"]), "item")
    cpu = decode(Item, item("c-mnist-cpu", calibrated_on=["cpu"]), "item")
    assert cuda.borrowed_thresholds and not cpu.borrowed_thresholds
    assert "thresholds calibrated on cpu" in verdict_table([cuda])[0]
    assert "calibrated on" not in verdict_table([cpu])[0]


def test_every_item_records_the_device_kinds_its_evidence_was_taken_on():
    from claims import CLAIMS
    from fixtures.calibration.items import item_identity

    assert {tuple(item_identity(c, c.datasets[0], "cuda", "smoke")["calibrated_on"])
            for c in CLAIMS} == {("cpu",)}
