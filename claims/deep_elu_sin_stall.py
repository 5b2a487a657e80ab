"""A deep ELU net fitting 10 points of sin with Adam at lr 0.1 collapses to a constant.

Why believed: post 004 fits 10 of 50 points of sin on [-pi, pi], one point per step, MSE, lr
0.1; its [1, 50, 25, 12, 1] ELU net's "loss barely changes" and "left and right of 0 the output
is the same whatever the input".
Arms: the post's net and step size (`adam-lr0.1`) and the same net at lr 1e-3 (`adam-lr1e-3`,
the null arm). Checks: the prediction over the 50-point grid is constant (`pred_spread`) and
explains none of the targets' variance (`unexplained`), counted over seeds. The post names no
optimizer; Adam reproduces both of its sections (the shallow net fits roughly, the deep one
collapses), plain SGD neither. Whether one seed collapses turns on rounding (Adam's normalised
step turns rounding-sized gradients into full steps), so the claim decides on 10 seeds. The
collapse strikes about 2 seeds in 3 (seeds 0-199: 141 of 200 predict within 0.01, 180 of 200
leave 90% of the variance unexplained): 2 collapsed seeds of 10, and half unexplained, carry it.
"""
from claims.setups import DEEP_ELU_ARMS, DEEP_ELU_BUDGETS, DEEP_ELU_SEEDS, POST_004
from fixtures.core.spec import Check, ClaimSpec, Threshold
from fixtures.rules.stats import Verdict

CLAIM = ClaimSpec(
    id="deep-elu-sin-stall",
    statement="With the post's step size, a [1, 50, 25, 12, 1] ELU net trained on 10 points of "
              "sin collapses to a constant prediction whose error is the targets' variance.",
    sources=(POST_004,),
    arms=DEEP_ELU_ARMS,
    checks=(Check(kind="at_most", metric="pred_spread", treatment="adam-lr0.1", null="adam-lr1e-3",
                  threshold=Threshold(margin=0.01, min_support=0.2)),
            Check(kind="at_least", metric="unexplained", treatment="adam-lr0.1", null="adam-lr1e-3",
                  threshold=Threshold(margin=0.9, min_support=0.5))),
    datasets=("sin",),
    seeds=DEEP_ELU_SEEDS,
    budgets=DEEP_ELU_BUDGETS,
    expected={"smoke": Verdict.HOLDS, "full": Verdict.HOLDS},
    reported={"sin": "loss barely changes; the output is the same left and right of 0 (plots)"},
)
