"""`python -m claims report`: the Markdown file, its tables and every plot it links."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from fixtures.results import SCHEMA_VERSION

pytest.importorskip("matplotlib")
ROOT = Path(__file__).resolve().parents[1]
PNG = b"\x89PNG\r\n\x1a\n"


def _run(task: str, samples: dict, curve: list) -> dict:
    return {"metrics": {"test_loss": curve[-1]}, "curves": {"test_loss": curve, "train_loss": curve},
            "diverged": False, "train_seconds": 1.0, "samples": samples}


def _item(item_id: str, dataset: str, task: str, samples: dict) -> dict:
    check = {"kind": "worse_than", "metric": "test_loss", "treatment": "b", "control": "a",
             "threshold": {"margin": 0.1},
             "effect": {"mean": 0.2, "interval": [0.1, 0.3], "support": 2, "per_seed": [0.2, 0.2]}}
    return {"id": item_id, "claim": item_id, "dataset": dataset, "device_kind": "cpu",
            "outcome": "passed", "verdict": "holds", "expected": "holds", "seconds": 3.0,
            "config": {"epochs": 3, "eval_every": 1, "task": task}, "checks": [check],
            "reported": {dataset: "a figure"},
            "arms": {arm: {str(seed): _run(task, samples, [3.0, 2.0 + seed, 1.0 + shift])
                           for seed in (0, 1)} for arm, shift in (("a", 0.0), ("b", 0.5))}}


def test_report_writes_markdown_and_every_plot_it_links(tmp_path):
    grid = [i / 10 for i in range(50)]
    items = [_item("fit-sin-cpu", "sin", "regress", {"input": grid, "target": grid, "output": grid}),
             _item("ae-mnist-cpu", "mnist", "reconstruct-unit",
                   {"target": [0.5] * 1568, "output": [0.25] * 1568}),
             {"id": "ae-mnist-cuda", "claim": "ae", "dataset": "mnist", "device_kind": "cuda",
              "outcome": "skipped", "reason": "CUDA not available"}]
    results = tmp_path / "results.json"
    results.write_text(json.dumps({"schema_version": SCHEMA_VERSION, "budget": "smoke",
                                   "duration_s": 5.0, "environment": {"torch": "x"}, "items": items}))
    bench = tmp_path / "bench.json"
    bench.write_text(json.dumps({"benchmarks": [
        {"name": "test_epoch_engine", "stats": {"mean": 0.5, "min": 0.4, "max": 0.6, "rounds": 5},
         "extra_info": {"speedup_vs_reference": 6.25, "device": "cpu", "flop_per_s": 1e11}}]}))
    run = subprocess.run([sys.executable, "-m", "claims", "report", str(results), "--out",
                          str(tmp_path / "out"), "--bench", str(bench)], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    text = (tmp_path / "out" / "report.md").read_text()
    assert "| fit-sin-cpu | holds | holds | +0.2 [+0.1, +0.3] | 0.1 | 2/2 | 3 |" in text
    assert "| ae-mnist-cuda |  | skipped: CUDA not available |" in text
    assert "| test_epoch_engine | 0.5 | 0.4 | 0.6 | 5 | speedup_vs_reference 6.25 |" in text
    linked = [line.split("(")[1].rstrip(")") for line in text.splitlines() if line.startswith("![")]
    assert sorted(linked) == ["ae-mnist-cpu-curves.png", "ae-mnist-cpu-recon.png",
                              "fit-sin-cpu-curves.png", "fit-sin-cpu-fit.png"]
    for name in linked:
        assert (tmp_path / "out" / name).read_bytes().startswith(PNG)


def test_report_refuses_a_bench_file_that_is_not_one(tmp_path):
    results = tmp_path / "results.json"
    results.write_text(json.dumps({"schema_version": SCHEMA_VERSION, "items": []}))
    bench = tmp_path / "bench.json"
    bench.write_text("{}")
    run = subprocess.run([sys.executable, "-m", "claims", "report", str(results), "--out",
                          str(tmp_path / "out"), "--bench", str(bench)], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 2 and "bench.json: not a pytest-benchmark JSON file" in run.stderr
