"""Results-file records for the self-tests: valid by default, any field overridable."""
from __future__ import annotations

from typing import Any

from fixtures.records.results import SCHEMA_VERSION


def check(kind: str = "worse_than", mean: float | None = 0.2, margin: float = 0.1,
          drift: float | None = None, per_seed=(0.2, 0.2), **fields: Any) -> dict[str, Any]:
    return {"kind": kind, "metric": "test_acc", "treatment": "b", "control": "a",
            "threshold": {"margin": margin, "min_support": 0.6, "confidence": 0.95, "drift": drift},
            "verdict": "holds", "rule": "…",
            "effect": {"per_seed": list(per_seed), "mean": mean, "interval": [0.1, 0.3],
                       "support": len(per_seed), "needed": 2}, **fields}


def run(metrics: dict[str, Any], curves: dict[str, list] | None = None,
        samples: dict[str, list] | None = None) -> dict[str, Any]:
    return {"metrics": metrics, "curves": curves or {}, "diverged": False, "train_seconds": 1.0,
            "stacked": 1, "samples": samples or {}}


def item(item_id: str = "c-mnist-cpu", verdict: str | None = "holds", *, checks=None, arms=None,
         **fields: Any) -> dict[str, Any]:
    """A claim item that ran (or, with verdict None, one that skipped)."""
    claim, dataset = fields.pop("claim", "c"), fields.pop("dataset", "mnist")
    kind = fields.pop("device_kind", "cpu")
    record = {"id": item_id, "claim": claim, "dataset": dataset, "device_kind": kind,
              "outcome": "passed", "budget": "smoke", "expected": "holds", "reported": {}}
    if verdict is not None:
        record.update(verdict=verdict, seeds=[0, 1], seconds=3.0, device_name="cpu",
                      config={"epochs": 1, "eval_every": 1, "task": "classify"},
                      checks=checks if checks is not None else [check()],
                      arms=arms if arms is not None else {
                          a: {"note": "", "overrides": {}, "runs": {
                              str(s): run({"test_acc": 0.9 - 0.1 * (a == "b")}) for s in (0, 1)}}
                          for a in ("a", "b")})
    return {**record, **fields}


def document(*items: dict[str, Any], torch: str = "2.15.0+cpu") -> dict[str, Any]:
    return {"schema_version": SCHEMA_VERSION, "items": list(items), "environment": {"torch": torch}}
