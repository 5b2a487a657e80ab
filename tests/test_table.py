"""The verdict table fits 100 columns whatever it has to say."""
from __future__ import annotations

from fixtures.table import WIDTH, verdict_table


def _item(claim: str, verdict: str, outcome: str, kind: str = "worse_than") -> dict:
    per_seed = [0.123456] * 10
    return {"claim": claim, "dataset": "fashion-mnist", "device_kind": "cuda", "outcome": outcome,
            "verdict": verdict, "expected": "holds", "seconds": 1234.5,
            "checks": [{"kind": kind, "metric": "test_acc", "treatment": "relu-logits",
                        "control": "plain", "threshold": {"margin": 0.0001},
                        "effect": {"mean": -123.456789, "interval": [-1234.5678, 9876.54321],
                                   "support": 10, "per_seed": per_seed}}] * 3,
            "arms": {"plain": {"0": {"metrics": {"test_acc": 0.9}}},
                     "relu-logits": {"0": {"metrics": {"test_acc": float("nan")}}}},
            "reported": {"fashion-mnist plain": "x" * 300, "mnist plain": "not this dataset's"}}


def test_every_line_fits_100_columns():
    items = [_item("relu-output-cannot-go-negative", "inconclusive", "failed"),
             _item("output-relu-logits", "does not hold", "failed", kind="at_most"),
             {"claim": "x" * 80, "dataset": "mnist", "device_kind": "cpu", "outcome": "skipped",
              "reason": "CUDA not available " * 10}]
    lines = verdict_table(items)
    assert max(map(len, lines)) <= WIDTH
    text = "\n".join(lines)
    assert "holds -> unsure FAIL" in text and "holds -> not FAIL" in text
    assert "relu-output-cannot-go-negative fashion-mnist cuda\n" in text  # too long: own line
    assert "  ours:   test_acc plain 0.9, relu-logits n/a  (+2 more checks)" in lines
    assert not any("not this dataset's" in line for line in lines)
