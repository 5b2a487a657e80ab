"""A ReLU output cannot go negative: on targets with negative values it loses to no activation.

Source: post 002's answer: "imagine you want to predict real values, positive, zero or even
negative: would you use ReLU on the output? ... it could never predict a negative value".

Checked, with the autoencoder of sigmoid-caps-autoencoder on standardised MNIST intensities
((x - 0.1307) / 0.3081: the background is -0.42): the ReLU output's L1 error ends above the
identity output's by at least 0.1 (standard deviations of intensity). The null arm is
`identity` itself. Recorded, not decided: `below_sign_floor`, how far each arm ends above
mean(max(0, -y)), the error no non-negative output can get under. That floor is arithmetic
(tests/test_tasks.py); the ReLU arm ends 0.91 above it, i.e. on the all-zero output.

Smoke budget: width 16, 1 024 images in batches of 64, 3 epochs (48 Adam steps). Full: the
post's width, batch and 4 epochs on all 60 000 images.

Calibration (2026-11-22, torch 2.14.1+cu130 on CPU, 2 threads; smoke, seeds 0-11,
`python -m claims calibrate relu-output-cannot-go-negative --seed-sets 1 --seeds 12`):
  relu      L1 0.6726 in 12 of 12: the output is all zeros (dead), 0.91 above the sign floor
  identity  L1 0.4168-0.4451, 0.18-0.26 above the floor (it has not got under it in 48 steps)
  effect relu - identity: 0.228-0.256, mean 0.247; the margin 0.1 is 44% of the smallest.
Re-checked on the channels-last engine of session 3 (seed sets 0-4, 5-9, 10-14): relu 0.6726
in 15 of 15, identity 0.4168-0.4451; set means +0.252, +0.248, +0.242; holds in 3 of 3.
False failures at smoke, relu-output-cannot-go-negative (issue 6; 2026-11-22, torch 2.14.1 CPU,
2 threads; 20 disjoint sets of 5 seeds, seeds 0-99): mnist 0 of 20.
"""
from claims.sigmoid_caps_autoencoder import IDENTITY, RELU, SOURCE, budgets
from claims.spec import Check, ClaimSpec, Threshold

CLAIM = ClaimSpec(
    id="relu-output-cannot-go-negative",
    statement="On targets with negative values, an autoencoder with a ReLU output reconstructs "
              "worse than one without an output activation.",
    sources=(SOURCE,),
    arms=(RELU, IDENTITY),
    checks=(Check(kind="worse_than", metric="test_loss", treatment="relu", control="identity",
                  threshold=Threshold(margin=0.1)),),
    datasets=("mnist",),
    budgets=budgets("reconstruct-standardized", train_size=1024, batch_size=64, epochs=3),
    expected="holds",
    reported={"mnist": "no figures: a ReLU output could never predict a negative value"},
    calibration="12 seeds at smoke, torch 2.14.1 CPU: relu 0.6726 (dead) in 12 of 12, "
                "identity 0.417-0.445; effect 0.228-0.256",
)
