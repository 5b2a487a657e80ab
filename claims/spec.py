"""What a claim is: frozen data, checked when it is built.

A claim module builds one `ClaimSpec` at import, so a malformed claim fails at collection
with an error that names it (`MalformedClaim: claim 'x': ...`), before anything trains.
The numbers a claim asserts live in its checks' `Threshold`s and nowhere else: statements,
`python -m claims list` and README's tables describe the checks from them.
"""
from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, Callable, Mapping

from torch import nn

from fixtures.config import TrainConfig
from fixtures.metrics import METRICS
from fixtures.stats import KINDS, Verdict, label
from fixtures.sweep import METRICS as SWEEP_METRICS, Sweep
from fixtures.synthetic import NAMES as DATASET_NAMES

BUDGETS = ("smoke", "full")
EVIDENCE_DIR = Path(__file__).resolve().parents[1] / "calibration"  # <claim name>.json each


class MalformedClaim(ValueError):
    """A claim spec that cannot be run; the message starts with the claim's id."""


class _Required:
    def __repr__(self) -> str:
        return "<required>"


REQUIRED: Any = _Required()  # a default that __post_init__ reports as a missing field


@dataclass(frozen=True)
class Source:
    title: str              # as published
    post: str | None = None  # file prefix in shared/seeds/, e.g. "000", for the forum posts
    url: str | None = None  # where it is published; a paper's venue goes in the title

    def cite(self) -> str:
        return " ".join(filter(None, [f"post {self.post}:" if self.post else None, self.title,
                                      f"<{self.url}>" if self.url else None]))


@dataclass(frozen=True)
class Arm:
    name: str                         # as in results and failure messages
    build: Callable[[], nn.Module]    # called after seeding, on the CPU
    note: str = ""                    # what differs from the control, in words
    overrides: Mapping[str, Any] = field(default_factory=dict)  # TrainConfig fields for this arm
    sweep: Sweep | None = None        # one field tried at several values: a run per value and
                                      # seed, summarised per seed (fixtures/sweep.py)

    def config(self, base: TrainConfig) -> TrainConfig:
        return dataclasses.replace(base, **self.overrides) if self.overrides else base

    def configs(self, base: TrainConfig) -> tuple[TrainConfig, ...]:
        """The configurations this arm trains on each seed: its own, or one per swept value."""
        config = self.config(base)
        return self.sweep.configs(config) if self.sweep else (config,)


@dataclass(frozen=True)
class Threshold:
    margin: float            # effect size the claim asserts, in the metric's units
    min_support: float = 0.6  # share of seeds that must carry the check
    confidence: float = 0.95  # of each one-sided bound on the mean effect
    drift: float | None = None  # how far the mean effect may move between two results files
                                # before `python -m claims compare` flags it; None: the margin


@dataclass(frozen=True, kw_only=True)
class Check:
    """One decision over seeds; a claim holds when all its checks hold."""

    kind: str                     # a key of fixtures.stats.KINDS
    metric: str                   # a key of fixtures.metrics.METRICS
    treatment: str                # the arm the check is about
    threshold: Threshold          # margin: the effect size, the tolerance, or the bound
    control: str | None = None    # the arm it is compared with (kinds that compare only)
    null: str | None = None       # arm that stands in for `treatment` to remove the effect;
                                  # comparisons default to the control

    @property
    def null_arm(self) -> str | None:
        return self.null or self.control

    @property
    def label(self) -> str:
        """Short, for messages: kind(metric: treatment vs control or bound)."""
        return label(self)

    def describe(self, seeds: int) -> str:
        """What it asserts, in words, with the threshold's numbers."""
        return KINDS[self.kind].describe(self, seeds)


@dataclass(frozen=True, kw_only=True)
class ClaimSpec:
    id: str = REQUIRED                   # kebab-case; test ids are <id>-<dataset>-<device>
    statement: str = REQUIRED            # the claim, one sentence; its numbers are the checks'
    sources: tuple[Source, ...] = REQUIRED
    arms: tuple[Arm, ...] = REQUIRED     # every arm is trained on every seed
    checks: tuple[Check, ...] = REQUIRED  # decided over seeds; all must hold for the claim
    datasets: tuple[str, ...] = REQUIRED
    budgets: Mapping[str, TrainConfig] = REQUIRED  # one per name in BUDGETS
    expected: Mapping[str, Verdict] = REQUIRED  # budget -> the verdict its evidence supports;
                                         # a budget left out runs `uncalibrated`
    reported: Mapping[str, str] = REQUIRED  # dataset -> the source's own figures, as it states
                                         # them; {} where it states none
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
        if not self.statement.strip():
            yield "statement must say something"
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
                yield from (f"{check.label}: {p}" for p in _check_problems(check, names))
        if self.variant and not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", self.variant):
            yield f"variant must be kebab-case, got {self.variant!r}"
        if not self.datasets or any(d not in DATASET_NAMES for d in self.datasets):
            yield f"datasets must be a non-empty subset of {list(DATASET_NAMES)}, got {self.datasets}"
        elif not isinstance(self.reported, Mapping) or not set(self.reported) <= set(self.datasets):
            yield f"reported must map some of the claim's datasets {list(self.datasets)} to text"
        for arm in (self.arms if names and isinstance(self.budgets, Mapping) else ()):
            try:
                [arm.configs(c) for c in self.budgets.values()]
            except (TypeError, ValueError) as exc:
                yield (f"arm {arm.name!r}: overrides {dict(arm.overrides)}"
                       f"{' or its sweep' if arm.sweep else ''} do not apply: {exc}")
        swept = {a.name for a in self.arms if isinstance(a, Arm) and a.sweep is not None}
        if swept and self.probes:
            yield f"arms {sorted(swept)} sweep: probes are not measured on swept arms"
        for check in (c for c in self.checks if isinstance(c, Check)):
            roles = {check.treatment, check.control, check.null} - {None}
            if (roles & swept or check.metric in SWEEP_METRICS) and (
                    roles - swept or check.metric not in SWEEP_METRICS):
                yield (f"{check.label}: swept arms are checked against swept arms only, on "
                       f"{' or '.join(SWEEP_METRICS)}")
        if set(self.budgets) != set(BUDGETS) or not all(
                isinstance(c, TrainConfig) for c in self.budgets.values()):
            yield f"budgets must map exactly {BUDGETS} to TrainConfig, got {sorted(self.budgets)}"
        if (not isinstance(self.expected, Mapping) or not set(self.expected) <= set(BUDGETS)
                or not all(isinstance(v, Verdict) for v in self.expected.values())):
            yield (f"expected must map budgets among {BUDGETS} to a Verdict (HOLDS, or "
                   f"DOES_NOT_HOLD for a claim the evidence refutes), got {self.expected!r}")
        if not isinstance(self.seeds, int) or self.seeds < 2:
            yield f"seeds must be an integer >= 2 (one seed decides nothing), got {self.seeds!r}"

    def __repr__(self) -> str:  # the full spec would bury pytest's output
        return f"ClaimSpec({self.name!r})"

    @property
    def name(self) -> str:
        """The claim's id with its variant: what test ids, results and evidence are keyed by."""
        return f"{self.id}-{self.variant}" if self.variant else self.id

    @property
    def evidence(self) -> Path:
        """Its calibration evidence: `python -m claims calibrate NAME --json` writes it."""
        return EVIDENCE_DIR / f"{self.name}.json"

    def arm(self, name: str) -> Arm:
        return next(a for a in self.arms if a.name == name)


def _check_problems(check: Check, arms: list[str]):
    kind = KINDS.get(check.kind)
    if kind is None:
        yield f"unknown kind {check.kind!r}; known: {sorted(KINDS)}"
    if check.metric not in METRICS:
        yield f"unknown metric {check.metric!r}; known: {sorted(METRICS)}"
    for role in ("treatment", "control", "null"):
        name = getattr(check, role)
        if name is not None and name not in arms:
            yield f"unknown {role} arm {name!r}; arms are {arms}"
    if kind and kind.compares and check.control is None:
        yield f"{check.kind} compares two arms: name a control"
    if kind and not kind.compares and (check.control is not None or check.null is None):
        yield f"{check.kind} tests one arm against a bound: no control, and name a null arm"
    if check.control is not None and check.control == check.treatment:
        yield "control and treatment are the same arm"
    t = check.threshold
    if not (isinstance(t, Threshold) and 0 < t.min_support <= 1 and 0 < t.confidence < 1
            and (t.margin > 0 or (kind and not kind.compares))):
        yield f"threshold needs margin > 0 (comparisons), 0 < min_support <= 1, 0 < confidence < 1: {t}"
