"""What a claim is: frozen data, checked when it is built.

A claim module builds one `ClaimSpec` at import, so a malformed claim fails at collection
with an error that names it (`MalformedClaim: claim 'x': ...`), before anything trains.
"""
from __future__ import annotations

import re
import dataclasses
from dataclasses import dataclass, field, fields
from typing import Any, Callable, Mapping

from torch import nn

from fixtures.data import DATASETS
from fixtures.synthetic import SYNTHETIC
from fixtures.metrics import METRICS
from fixtures.stats import BOUNDS, COMPARISONS, DOES_NOT_HOLD, HOLDS
from fixtures.train import TrainConfig

BUDGETS = ("smoke", "full")
EXPECTED = {"holds": HOLDS, "refuted": DOES_NOT_HOLD}  # spec's word -> the verdict that passes


class MalformedClaim(ValueError):
    """A claim spec that cannot be run; the message starts with the claim's id."""


class _Required:
    def __repr__(self) -> str:
        return "<required>"


REQUIRED: Any = _Required()  # a default that __post_init__ reports as a missing field


@dataclass(frozen=True)
class Source:
    post: str               # file prefix in shared/seeds/, e.g. "000"
    title: str              # the post's title as published
    url: str | None = None  # where the post gives one


@dataclass(frozen=True)
class Arm:
    name: str                         # as in results and failure messages
    build: Callable[[], nn.Module]    # called after seeding, on the CPU
    note: str = ""                    # what differs from the control, in words
    overrides: Mapping[str, Any] = field(default_factory=dict)  # TrainConfig fields for this arm

    def config(self, base: TrainConfig) -> TrainConfig:
        return dataclasses.replace(base, **self.overrides) if self.overrides else base


@dataclass(frozen=True)
class Threshold:
    margin: float            # effect size the claim asserts, in the metric's units
    min_support: float = 0.6  # share of seeds that must show the effect's sign
    confidence: float = 0.95  # of each one-sided bound on the mean effect
    drift: float | None = None  # how far the mean effect may move between two results files
                                # before `python -m claims compare` flags it; None: the margin


@dataclass(frozen=True, kw_only=True)
class Check:
    """One decision over seeds; a claim holds when all its checks hold."""

    kind: str                     # a key of fixtures.stats.COMPARISONS or BOUNDS
    metric: str                   # a key of fixtures.metrics.METRICS
    treatment: str                # the arm the check is about
    threshold: Threshold          # margin: the effect size, the tolerance, or the bound
    control: str | None = None    # the arm it is compared with (comparisons only)
    null: str | None = None       # arm that stands in for `treatment` to remove the effect;
                                  # comparisons default to the control

    @property
    def null_arm(self) -> str | None:
        return self.null or self.control

    def describe(self) -> str:
        against = f" vs {self.control}" if self.control else f" vs {self.threshold.margin:g}"
        return f"{self.kind}({self.metric}: {self.treatment}{against})"


@dataclass(frozen=True, kw_only=True)
class ClaimSpec:
    id: str = REQUIRED                   # kebab-case; test ids are <id>-<dataset>-<device>
    statement: str = REQUIRED            # the claim, one sentence
    sources: tuple[Source, ...] = REQUIRED
    arms: tuple[Arm, ...] = REQUIRED     # every arm is trained on every seed
    checks: tuple[Check, ...] = REQUIRED  # decided over seeds; all must hold for the claim
    datasets: tuple[str, ...] = REQUIRED
    budgets: Mapping[str, TrainConfig] = REQUIRED  # one per name in BUDGETS
    expected: str = REQUIRED             # "holds" or "refuted"
    reported: Mapping[str, str] = REQUIRED  # the source's own figures, as it states them
    calibration: str = REQUIRED          # seeds, torch, device and what was observed
    seeds: int = 5                       # default seed count; --claims-seeds overrides
    slow_at_smoke: bool = False          # over a minute on 2 CPU cores even at smoke
    variant: str = ""                    # a second setting of the same claim (another model)
    probes: tuple[Callable[..., Mapping[str, float]], ...] = ()
    # probe(model, inputs, targets, run) -> metrics, after training, on the evaluation set;
    # the model may be shared with other claims through the run cache: probes must not change it

    def __post_init__(self) -> None:
        problems = [f"missing field {f.name!r}" for f in fields(self) if getattr(self, f.name) is REQUIRED]
        if not problems:
            problems = list(self._problems())
        if problems:
            name = self.id if isinstance(self.id, str) else "<without id>"
            raise MalformedClaim(f"claim {name!r}: " + "; ".join(problems))

    def _problems(self):
        if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", self.id):
            yield f"id must be kebab-case, got {self.id!r}"
        if not self.statement.strip() or not self.calibration.strip():
            yield "statement and calibration must say something"
        if not self.sources or not all(isinstance(s, Source) for s in self.sources):
            yield "sources must be a non-empty tuple of Source"
        names = [a.name for a in self.arms if isinstance(a, Arm)]
        if len(names) != len(self.arms) or not all(callable(a.build) for a in self.arms):
            yield "arms must be Arm(name, build) with a callable build"
        if len(set(names)) != len(names):
            yield f"arm names repeat: {names}"
        if not self.checks or not all(isinstance(c, Check) for c in self.checks):
            yield "checks must be a non-empty tuple of Check"
        else:
            for check in self.checks:
                yield from (f"{check.describe()}: {p}" for p in _check_problems(check, names))
        if self.variant and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", self.variant):
            yield f"variant must be kebab-case, got {self.variant!r}"
        known = sorted(DATASETS) + sorted(SYNTHETIC)
        if not self.datasets or any(d not in known for d in self.datasets):
            yield f"datasets must be a non-empty subset of {known}, got {self.datasets}"
        for arm in (self.arms if names and isinstance(self.budgets, Mapping) else ()):
            try:
                [arm.config(c) for c in self.budgets.values()]
            except (TypeError, ValueError) as exc:
                yield f"arm {arm.name!r}: overrides {dict(arm.overrides)} do not apply: {exc}"
        if set(self.budgets) != set(BUDGETS) or not all(
                isinstance(c, TrainConfig) for c in self.budgets.values()):
            yield f"budgets must map exactly {BUDGETS} to TrainConfig, got {sorted(self.budgets)}"
        if self.expected not in EXPECTED:
            yield f"expected must be one of {sorted(EXPECTED)}, got {self.expected!r}"
        if not isinstance(self.seeds, int) or self.seeds < 2:
            yield f"seeds must be an integer >= 2 (one seed decides nothing), got {self.seeds!r}"

    def __repr__(self) -> str:  # the full spec would bury pytest's output
        return f"ClaimSpec({self.id!r})"

    @property
    def expected_verdict(self) -> str:
        return EXPECTED[self.expected]

    @property
    def name(self) -> str:
        """The claim's id with its variant: what test ids and results are keyed by."""
        return f"{self.id}-{self.variant}" if self.variant else self.id

    def arm(self, name: str) -> Arm:
        return next(a for a in self.arms if a.name == name)


def _check_problems(check: Check, arms: list[str]):
    if check.kind not in COMPARISONS and check.kind not in BOUNDS:
        yield f"unknown kind {check.kind!r}; known: {sorted(COMPARISONS) + sorted(BOUNDS)}"
    if check.metric not in METRICS:
        yield f"unknown metric {check.metric!r}; known: {sorted(METRICS)}"
    for role in ("treatment", "control", "null"):
        name = getattr(check, role)
        if name is not None and name not in arms:
            yield f"unknown {role} arm {name!r}; arms are {arms}"
    if check.kind in COMPARISONS and check.control is None:
        yield f"{check.kind} compares two arms: name a control"
    if check.kind in BOUNDS and (check.control is not None or check.null is None):
        yield f"{check.kind} tests one arm against a bound: no control, and name a null arm"
    if check.control is not None and check.control == check.treatment:
        yield "control and treatment are the same arm"
    t = check.threshold
    if not (isinstance(t, Threshold) and 0 < t.min_support <= 1 and 0 < t.confidence < 1
            and (t.margin > 0 or check.kind in BOUNDS)):
        yield f"threshold needs margin > 0 (comparisons), 0 < min_support <= 1, 0 < confidence < 1: {t}"
