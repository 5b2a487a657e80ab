"""Even on non-negative targets a ReLU output can die: all zeros, the loss stuck at the mean.

Source: post 002's answer says a ReLU on the output does no harm when the targets are
intensities 0-255: "it will not even filter out any negative values".

Checked, with the autoencoder of sigmoid-caps-autoencoder on MNIST intensities scaled to
[0, 1]: the ReLU output is exactly 0 on at least 99% of the evaluation pixels (`zero_outputs`)
in at least 60% of seeds. Such an output gets no gradient and stays dead; its L1 error is the
mean target (`vs_zero_output` = 1). The null arm `identity` is never exactly 0.
Not checked: that sigmoid and identity outputs learn instead. Under L1 an all-zero image is
MNIST's best constant, and at this budget they sit near it too (identity left it in 7 of 12
seeds at 4 times the steps); they stay alive and can leave it, the dead ReLU cannot.
On 0-255 targets (sigmoid-caps-autoencoder's scale) the ReLU output died in 9 of 12 MNIST seeds
at width 16 and in 9 of 9 at widths 32 and 64 (256 steps, Keras init).

Smoke budget: width 16, 1 024 images in batches of 64, 3 epochs (48 Adam steps). Full: the
post's width, batch and 4 epochs on all 60 000 images.

Calibration (2026-11-22, torch 2.14.1+cu130 on CPU, 2 threads; smoke, seeds 0-11,
`python -m claims calibrate relu-output-can-die --seed-sets 1 --seeds 12`):
  relu      zero_outputs 1.0 in 12 of 12; L1 0.1206, the mean target (vs_zero_output 1.000)
  identity  zero_outputs 0.0 in 12 of 12; L1 0.1205-0.1211 (vs_zero_output 0.9994-1.004)
  With p = 12/12 per seed the bound of 3 in 5 leaves room for 2 seeds that survive.
Re-checked on the channels-last engine of session 3 (seed sets 0-4, 5-9, 10-14): relu all
zeros in 15 of 15, identity never; holds in 3 of 3 sets.
False failures at smoke, relu-output-can-die (issue 6; 2026-11-22, torch 2.14.1 CPU, 2 threads;
20 disjoint sets of 5 seeds, seeds 0-99): mnist 0 of 20.
"""
from claims.sigmoid_caps_autoencoder import IDENTITY, RELU, SOURCE, budgets
from claims.spec import Check, ClaimSpec, Threshold

CLAIM = ClaimSpec(
    id="relu-output-can-die",
    statement="On targets in [0, 1], an autoencoder's ReLU output dies to an all-zero "
              "reconstruction in most seeds, its loss stuck at the mean target.",
    sources=(SOURCE,),
    arms=(RELU, IDENTITY),
    checks=(Check(kind="at_least", metric="zero_outputs", treatment="relu", null="identity",
                  threshold=Threshold(margin=0.99, min_support=0.6)),),
    datasets=("mnist",),
    budgets=budgets("reconstruct-unit", train_size=1024, batch_size=64, epochs=3),
    expected="holds",
    reported={"mnist": "the answer: a ReLU output is harmless for non-negative targets (no figures)"},
    calibration="12 seeds at smoke, torch 2.14.1 CPU: relu all-zero in 12 of 12, "
                "identity never zero",
)
