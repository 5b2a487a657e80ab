"""Registered claims cut to a few steps, for self-tests that exercise the machinery, not the
claim: same arms, checks and thresholds, far too little training to show the effect."""
from __future__ import annotations

import dataclasses

from claims import by_name
from fixtures.core.spec import ClaimSpec

SHORT = {"epochs": 20, "eval_every": 10}  # 200 steps of post 004's net: enough for runs to part


def shortened(name: str, **arm_overrides: dict) -> ClaimSpec:
    """Claim `name` at SHORT, every budget; `arm_overrides` changes TrainConfig fields per arm."""
    claim = by_name(name)
    budgets = {b: dataclasses.replace(c, **SHORT) for b, c in claim.budgets.items()}
    arms = tuple(dataclasses.replace(a, overrides={**a.overrides, **arm_overrides.get(a.name, {})})
                 for a in claim.arms)
    return dataclasses.replace(claim, budgets=budgets, arms=arms)
