"""Injected faults: each patch reaches torch's own modules while applied and is gone after it."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import torch
from torch import nn

from fixtures.faults.catalogue import FAULTS, ROTATIONS
from fixtures.faults.injection import (
    DROPPED_STEP,
    ROUNDING,
    Fault,
    Patch,
    _resolve,
    by_name,
    reach_recorded,
)
from tests.nested import HeavyRun, one_thread

ROOT = Path(__file__).resolve().parents[1]


def _attributes():
    return {(p.owner, p.name): (_resolve(p.owner), p.name in vars(_resolve(p.owner)),
                                getattr(_resolve(p.owner), p.name))
            for f in FAULTS + ROTATIONS for p in f.patches}


def test_there_are_enough_faults_of_each_kind_with_unique_names():
    names = [f.name for f in FAULTS + ROTATIONS]
    assert len(set(names)) == len(names) and len(ROTATIONS) >= 24
    assert len([f for f in FAULTS if f.kind != ROUNDING]) >= 15
    assert len([f for f in FAULTS if f.kind == ROUNDING]) >= 3


def test_every_fault_applies_on_this_torch_and_leaves_nothing_behind():
    before = _attributes()
    threads = torch.get_num_threads()
    for fault in FAULTS + ROTATIONS:
        with fault.applied():
            for p in fault.patches:
                assert getattr(_resolve(p.owner), p.name) is not before[p.owner, p.name][2], fault.name
    assert _attributes() == before and torch.get_num_threads() == threads


def test_the_fused_control_fuses_the_engines_adam_and_a_refused_one_leaves_no_trace():
    from fixtures.core.config import OPTIMIZERS

    weight = nn.Parameter(torch.ones(3))
    with by_name("adam-fused").applied():
        fused = OPTIMIZERS["adam"]([weight], lr=1e-3)  # the engine asks for foreach
        refused = torch.optim.Adam([weight], lr=1e-3, differentiable=True)  # no fused kernel
    assert fused.defaults["fused"] is True
    # GradScaler hands its scale only to an optimizer so marked; a stale mark on the foreach
    # step it fell back to fails its first scaled step
    assert not refused.defaults["fused"]
    assert not getattr(refused, "_step_supports_amp_scaling", False)


def test_an_inner_rotation_sums_in_another_order_the_same_products():
    """A linear layer, a stacked layer's baddbmm and a convolution, each rotated: the same
    result to float32's rounding, not bit for bit; a rotation by the whole width is none."""
    import torch.nn.functional as f

    g = torch.Generator().manual_seed(0)
    x, w, b = torch.randn(64, 100, generator=g), torch.randn(10, 100, generator=g), torch.randn(10)
    image, kernel = torch.randn(2, 8, 5, 5, generator=g), torch.randn(4, 8, 3, 3, generator=g)
    plain = (f.linear(x, w, b), torch.baddbmm(b.expand(3, 64, 10), x.expand(3, 64, 100),
                                              w.t().expand(3, 100, 10)), f.conv2d(image, kernel))
    with by_name("inner-rotated-3").applied():
        rotated = (f.linear(x, w, b), torch.baddbmm(b.expand(3, 64, 10), x.expand(3, 64, 100),
                                                    w.t().expand(3, 100, 10)), f.conv2d(image, kernel))
    for before, after in zip(plain, rotated):
        assert not torch.equal(before, after) and torch.allclose(before, after, atol=1e-4)
    with by_name("inner-rotated-8").applied():
        assert torch.equal(f.conv2d(image, kernel), plain[2])  # 8 channels: rotated by 8 is none


def test_a_patch_reaches_modules_that_call_torch_functions():
    x = torch.tensor([-1.0, 2.0])
    with by_name("relu-leaks").applied():
        assert nn.ReLU()(x).tolist() == pytest.approx([-0.01, 2.0])
    assert nn.ReLU()(x).tolist() == [0.0, 2.0]


def test_a_dropped_step_skips_every_second_step_once_even_where_adamw_inherits_adams():
    for optimizer in (torch.optim.SGD, torch.optim.AdamW):
        w = nn.Parameter(torch.ones(1))
        opt = optimizer([w], lr=0.1)
        seen = []
        with by_name("every-other-step-skipped").applied():
            for _ in range(4):
                w.grad = torch.ones(1)
                before = w.item()
                opt.step()
                seen.append(w.item() != before)
        assert seen == [True, False, True, False], optimizer.__name__


def test_reach_is_recorded_without_changing_a_result():
    reached: set[str] = set()
    x = torch.tensor([-1.0, 2.0])
    with reach_recorded(FAULTS, reached):
        out = nn.ReLU()(x)
    assert out.tolist() == [0.0, 2.0]
    assert "relu-leaks" in reached and "conv1d-zero" not in reached


def test_a_fault_on_a_claim_item_is_caught_and_one_nothing_calls_is_not(tmp_path):
    """loss-at-init-is-log-classes evaluates untrained nets: seconds."""
    from claims import by_name as claim
    from fixtures.data.source import DataSource
    from fixtures.faults.power import measure

    faults = (by_name("cross-entropy-skips-log-softmax"), by_name("conv1d-zero"),
              by_name("cross-entropy-composed"))
    source = DataSource()
    power = measure(faults, [claim("loss-at-init-is-log-classes")],
                    lambda name: source.on(name, torch.device("cpu")), tmp_path,
                    progress=lambda line: None)
    caught, missed, control = power.injected
    assert caught.reached == ["loss-at-init-is-log-classes-mnist-cpu"]
    assert str(caught.comparison.tier) in ("drifted", "flipped")
    assert missed.reached == [] and str(missed.comparison.tier) == "identical"
    # log_softmax then nll_loss is what the fused kernel computes on the CPU, bit for bit
    assert str(control.comparison.tier) == "identical"
    controls = power.controls()
    assert (controls.pairs, controls.same_as) == ([], {"cross-entropy-composed": "unfaulted"})
    assert "rounding-only runs (the unfaulted run and the rounding controls), pairwise:\n2 files; " \
           "1 bit for bit the same as an earlier one, set aside:\n  cross-entropy-composed = " \
           "unfaulted\nno pairs of differing files to compare" in power.table()
    assert sorted(p.name for p in tmp_path.iterdir()) == [
        "conv1d-zero.json", "cross-entropy-composed.json", "cross-entropy-skips-log-softmax.json",
        "unfaulted.json"]


def test_the_command_lists_faults_and_refuses_an_unknown_one():
    run = subprocess.run([sys.executable, "-m", "claims", "faults", "--list"], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 0 and "relu-leaks" in run.stdout
    run = subprocess.run([sys.executable, "-m", "claims", "faults", "no-such-fault"], cwd=ROOT,
                         capture_output=True, text=True)
    assert run.returncode == 2 and "no fault named 'no-such-fault'" in run.stderr


def test_a_fault_in_a_function_the_release_lacks_patches_nothing_and_reaches_nothing():
    """GradScaler's fault on a release before torch.amp.GradScaler: there is no such fault."""
    absent = Fault("absent", DROPPED_STEP, "a function this release lacks",
                   (Patch("torch.amp", "NoSuchScaler", lambda original: None),
                    Patch("torch.no_such_module", "f", lambda original: None)))
    reached: set[str] = set()
    with absent.applied(), reach_recorded((absent,), reached):
        torch.nn.functional.relu(torch.ones(2))
    assert reached == set() and not hasattr(torch.amp, "NoSuchScaler")


@HeavyRun.GROUP
def test_faults_as_pytest_items_write_under_xdist_what_the_command_writes(tmp_path_factory,
                                                                          tmp_path):
    """loss-at-init-is-log-classes and eval-is-batch-independent, two run groups of about a
    second each, under a fault that reaches both and one that reaches neither: two workers
    write what the command writes in this process, at one thread each."""
    from claims import by_name as claim
    from fixtures.data.source import DataSource
    from fixtures.faults.power import measure

    heavy_run = HeavyRun.once(tmp_path_factory)
    heavy_run.result.assert_outcomes(passed=HeavyRun.ITEMS)
    assert "caught (shifted or worse): 1 of 2 faults" in heavy_run.result.stdout.str()
    source = DataSource()
    with one_thread():
        measure(tuple(by_name(n) for n in HeavyRun.FAULTS),
                [claim("loss-at-init-is-log-classes"), claim("eval-is-batch-independent")],
                lambda name: source.on(name, torch.device("cpu")), tmp_path,
                progress=lambda line: None)
    written = _items(heavy_run.faults)
    assert written == _items(tmp_path)
    assert set(written) == {"unfaulted.json", *(f"{n}.json" for n in HeavyRun.FAULTS)}


def test_a_fault_whose_run_failed_loses_its_own_row_and_no_other(monkeypatch, tmp_path):
    from fixtures.faults import power
    from fixtures.plugin.fault_parts import FaultParts

    assembled = []
    monkeypatch.setattr(power, "assemble", lambda faults, *rest: assembled.append(
        [f.name for f in faults]) or type("Power", (), {"table": lambda self: "table"})())
    parts = FaultParts()
    for group, fault in [("a", None), ("b", None), ("a", "mse-sums"), ("b", "mse-sums"),
                         ("a", "dropout-inactive")]:  # b under dropout-inactive failed
        parts.parts.append({"fault": fault, "group": group, "reached": False,
                            "items": {}, "seconds": 1.0, "environment": {}, "out": str(tmp_path)})
    parts.keep()
    assert assembled == [["mse-sums"]]
    assert "dropout-inactive: not every run group ran (b;" in parts.lines[0]
    parts.parts = [p for p in parts.parts if (p["group"], p["fault"]) != ("b", None)]
    parts.lines, assembled[:] = [], []
    parts.keep()
    assert assembled == [] and "nothing written" in parts.lines[0]


def _items(folder: Path) -> dict:
    """Each results file's items, less their timings."""
    import json

    def timeless(value):
        if isinstance(value, dict):
            return {k: timeless(v) for k, v in value.items()
                    if k not in ("seconds", "train_seconds")}
        return [timeless(v) for v in value] if isinstance(value, list) else value

    return {p.name: timeless(json.loads(p.read_text())["items"]) for p in folder.iterdir()}
