"""A deep ELU net fitting 10 points of sin with Adam at lr 0.1 collapses to a constant.

Why believed: post 004 fits 10 of 50 points of sin on [-pi, pi], one point per step, MSE, lr
0.1; its [1, 50, 25, 12, 1] ELU net's "loss barely changes" and "left and right of 0 the output
is the same whatever the input".
Arms: the post's net and step size (`adam-lr0.1`) and the same net at lr 1e-3 (`adam-lr1e-3`,
the null arm). Checks: the prediction over the 50-point grid is constant (`pred_spread`) and
explains none of the targets' variance (`unexplained`), counted over seeds. The post names no
optimizer; Adam reproduces both of its sections (the shallow net fits roughly, the deep one
collapses), plain SGD neither. Whether one seed collapses turns on rounding (Adam's normalised
step turns rounding-sized gradients into full steps), so the claim decides on 10 seeds.
"""
from functools import partial

from torch import nn

from claims.spec import Arm, Check, ClaimSpec, Source, Threshold
from fixtures.config import TrainConfig
from fixtures.models import mlp
from fixtures.stats import Verdict

SOURCE = Source("Pytorch全连接网络:激活函数对一维拟合问题的影响探讨;网络加深后带来的loss不降问题",
                post="004")
DEEP_ELU = partial(mlp, (1, 50, 25, 12, 1), activation=nn.ELU)
ARMS = (Arm("adam-lr0.1", DEEP_ELU, "the post's net and step size"),
        Arm("adam-lr1e-3", DEEP_ELU, "the same net, a step 100 times smaller", overrides={"lr": 1e-3}))
BUDGETS = {  # shared with sin-stall-is-not-depth
    # An epoch is the 10 points, one per step: 300 epochs are 3 000 steps, about 3 s a run.
    "smoke": TrainConfig("adam", 0.1, batch_size=1, epochs=300, loss="mse", task="regress", eval_every=30),
    "full": TrainConfig("adam", 0.1, batch_size=1, epochs=1000, loss="mse", task="regress", eval_every=100),
}

CLAIM = ClaimSpec(
    id="deep-elu-sin-stall",
    statement="With the post's step size, a [1, 50, 25, 12, 1] ELU net trained on 10 points of "
              "sin collapses to a constant prediction whose error is the targets' variance.",
    sources=(SOURCE,),
    arms=ARMS,
    checks=(Check(kind="at_most", metric="pred_spread", treatment="adam-lr0.1", null="adam-lr1e-3",
                  threshold=Threshold(margin=0.01, min_support=0.3)),
            Check(kind="at_least", metric="unexplained", treatment="adam-lr0.1", null="adam-lr1e-3",
                  threshold=Threshold(margin=0.9, min_support=0.6))),
    datasets=("sin",),
    seeds=10,  # stacked: 10 seeds cost about what 5 do
    budgets=BUDGETS,
    expected={"smoke": Verdict.HOLDS},
    reported={"sin": "loss barely changes; the output is the same left and right of 0 (plots)"},
)
