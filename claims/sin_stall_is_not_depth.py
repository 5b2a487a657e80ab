"""Refuted: the deep net's stall on the sin points does not come from its depth or width.

Source: post 004 guesses that the [1, 50, 25, 12, 1] net stalls "perhaps because there are too
many neurons while the input is a single x", and that fewer neurons made it worse.

Checked: the hypothesis predicts that the same net also stalls at a smaller step size. At lr
1e-3 (`adam-lr1e-3`, 100 times smaller than the post's) its prediction over the grid is
constant (spread at most 0.01) in at least 3 of 10 seeds, deep-elu-sin-stall's bound.
Expected: does not hold, so the claim is refuted; what stalls the net is the step size (deep-elu-sin-stall). The null arm
`adam-lr0.1` standing in shows the check can come out the other way.
Not checked: the post's narrower [1, 12, 6, 3, 1] nets.

Calibration: the runs of deep-elu-sin-stall (same arms, budgets and seeds): at lr 1e-3 all 12
seeds fit, spread 0.73-0.77, so no seed is within the bound; with the seeds stacked (session 3,
seed sets 0-9 .. 30-39), all 40 fit, spread 0.73-0.80.
False failures at smoke, sin-stall-is-not-depth (issue 6; 2026-11-22, torch 2.14.1 CPU, 2
threads; 20 disjoint sets of 10 seeds, seeds 0-199): sin 0 of 20.
"""
from claims.deep_elu_sin_stall import ARMS, BUDGETS, SOURCE
from claims.spec import Check, ClaimSpec, Threshold

CLAIM = ClaimSpec(
    id="sin-stall-is-not-depth",
    statement="The [1, 50, 25, 12, 1] net's stall on 10 sin points comes from having too many "
              "neurons for one input, so it stalls at a smaller step size too.",
    sources=(SOURCE,),
    arms=ARMS,
    checks=(Check(kind="at_most", metric="pred_spread", treatment="adam-lr1e-3", null="adam-lr0.1",
                  threshold=Threshold(margin=0.01, min_support=0.3)),),
    datasets=("sin",),
    seeds=10,  # deep-elu-sin-stall's: the two claims share their runs
    budgets=BUDGETS,
    expected="refuted",
    reported={"sin": "a guess, no figures: too many neurons for a single input"},
    calibration="40 seeds at smoke (stacked), torch 2.14.1 CPU: at lr 1e-3 all 40 fit "
                "(spread 0.73-0.80)",
)
