"""`python -m claims report`: the Markdown file, its tables and every plot it links."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.records import check, document, item, run

pytest.importorskip("matplotlib")
ROOT = Path(__file__).resolve().parents[1]
PNG = b"\x89PNG\r\n\x1a\n"


def _item(item_id: str, dataset: str, task: str, samples: dict) -> dict:
    arms = {arm: {"note": "", "overrides": {}, "runs": {
        str(seed): run({"test_loss": 1.0 + shift}, {"test_loss": [3.0, 2.0 + seed, 1.0 + shift],
                                                     "train_loss": [3.0, 2.0, 1.0]}, samples)
        for seed in (0, 1)}} for arm, shift in (("a", 0.0), ("b", 0.5))}
    return item(item_id, claim=item_id, dataset=dataset, reported={dataset: "a figure"},
                config={"epochs": 3, "eval_every": 1, "task": task},
                checks=[check(metric="test_loss")], arms=arms)


def test_report_writes_markdown_and_every_plot_it_links(tmp_path):
    grid = [i / 10 for i in range(50)]
    items = [_item("fit-sin-cpu", "sin", "regress", {"input": grid, "target": grid, "output": grid}),
             _item("ae-mnist-cpu", "mnist", "reconstruct-unit",
                   {"target": [0.5] * 1568, "output": [0.25] * 1568}),
             item("ae-mnist-cuda", None, claim="ae", device_kind="cuda", outcome="skipped",
                  reason="CUDA not available")]
    results = tmp_path / "results.json"
    results.write_text(json.dumps({**document(*items), "budget": "smoke", "duration_s": 5.0,
                                   "environment": {"torch": "x"}}))
    bench = tmp_path / "bench.json"
    bench.write_text(json.dumps({"benchmarks": [
        {"name": "test_epoch_engine", "stats": {"mean": 0.5, "min": 0.4, "max": 0.6, "rounds": 5},
         "extra_info": {"speedup_vs_reference": 6.25, "device": "cpu", "flop_per_s": 1e11}}]}))
    run = subprocess.run([sys.executable, "-m", "claims", "report", str(results), "--out",
                          str(tmp_path / "out"), "--bench", str(bench)], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    text = (tmp_path / "out" / "report.md").read_text()
    assert ("| fit-sin-cpu | PASS | holds | holds | worse_than(test_loss: b vs a) | effect +0.2 "
            "[+0.1, +0.3], margin 0.1, 2/2 seeds | 3 |") in text
    assert "| ae-mnist-cuda | skipped: CUDA not available | | holds | | | |" in text
    assert "| test_epoch_engine | 0.5 | 0.4 | 0.6 | 5 | speedup_vs_reference 6.25 |" in text
    linked = [line.split("(")[1].rstrip(")") for line in text.splitlines() if line.startswith("![")]
    assert sorted(linked) == ["ae-mnist-cpu-curves.png", "ae-mnist-cpu-recon.png",
                              "fit-sin-cpu-curves.png", "fit-sin-cpu-fit.png"]
    for name in linked:
        assert (tmp_path / "out" / name).read_bytes().startswith(PNG)


def test_the_fit_keeps_its_axis_on_the_targets_and_names_the_seeds_that_leave_it(tmp_path):
    """One blown-up seed (outputs up to 1 000) must not flatten every other seed's curve."""
    import matplotlib.pyplot as plt

    from fixtures.records.decode import decode
    from fixtures.records.results import Item
    from fixtures.report.writer import _fit

    grid = [i / 10 - 2.5 for i in range(50)]
    fine = {"input": grid, "target": [0.5] * 50, "output": [0.4] * 50}
    blown = {**fine, "output": [1000.0] * 50}
    record = decode(Item, _item("sin-cpu", "sin", "regress", fine), "item")
    record.arms["a"].runs["1"].samples = blown
    shown = []
    real_save = plt.Figure.savefig
    plt.Figure.savefig = lambda fig, *a, **k: shown.append(fig) or real_save(fig, *a, **k)
    try:
        assert _fit(record, tmp_path / "fit.png")
    finally:
        plt.Figure.savefig = real_save
    ax = shown[0].axes[0]
    assert ax.get_ylim()[1] < 2  # sin's range with a margin, not 1 000
    labels = [line.get_label() for line in ax.get_lines()]
    assert "seed 0" in labels and "seed 1: leaves the axis (1000 to 1000)" in labels


def test_report_refuses_a_bench_file_that_is_not_one(tmp_path):
    results = tmp_path / "results.json"
    results.write_text(json.dumps(document()))
    bench = tmp_path / "bench.json"
    bench.write_text("{}")
    run = subprocess.run([sys.executable, "-m", "claims", "report", str(results), "--out",
                          str(tmp_path / "out"), "--bench", str(bench)], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 2 and "bench.json: not a pytest-benchmark JSON file" in run.stderr


def test_a_swept_arm_is_drawn_against_its_values_not_as_missing_curves(tmp_path):
    values = [1e-4, 1e-3, 1e-2, 1e-1]
    sweep = {"field": "lr", "values": values, "tolerance": 0.02}
    arms = {arm: {"note": "", "overrides": {}, "sweep": sweep, "runs": {
        str(seed): run({"near_best_decades": 0.5, "best_test_acc": 0.9}, {},
                       {"lr": values, "test_acc": [0.5 + shift, 0.9, 0.88, None]})
        for seed in (0, 1)}} for arm, shift in (("sgd", 0.0), ("adam", 0.2))}
    swept = item("grid-mnist-cpu", claim="grid", config={"epochs": 2, "eval_every": 1,
                                                          "task": "classify"},
                 checks=[check(metric="near_best_decades", treatment="sgd", control="adam")], arms=arms)
    results = tmp_path / "results.json"
    results.write_text(json.dumps({**document(swept), "budget": "smoke", "duration_s": 5.0,
                                   "environment": {"torch": "x"}}))
    run_ = subprocess.run([sys.executable, "-m", "claims", "report", str(results), "--out",
                           str(tmp_path / "out")], cwd=ROOT, capture_output=True, text=True)
    assert run_.returncode == 0, run_.stderr
    text = (tmp_path / "out" / "report.md").read_text()
    assert "![sweep of grid-mnist-cpu](grid-mnist-cpu-sweep.png)" in text
    assert "No curves" not in text
    assert (tmp_path / "out" / "grid-mnist-cpu-sweep.png").read_bytes().startswith(PNG)
