"""Without an activation, a multi-layer network is one affine map, and less accurate for it.

Why believed: "a composition of linear functions is linear" (the answer in post 002); post 001
trains MNIST's 784-512-10 net with and without a ReLU (SGD lr 0.15, batch 128, 50 epochs).
Arms: `linear` (no activation, the post's first run) and `relu` (a ReLU after the hidden
layer), on post 001's 50 000 / 10 000 split (the held-out 10 000 are the end of the training
split). Checks: the `linear` net is affine to float32 rounding on real image pairs
(`affine_residual`; the null arm `relu` is not), and its held-out accuracy is below `relu`'s.
Not checked: the post's plots, whose "validation" curve is measured on the training loader.
"""
from functools import partial

from claims.spec import Arm, Check, ClaimSpec, Source, Threshold
from fixtures.config import TrainConfig
from fixtures.models import mlp
from fixtures.probes import affine_residual
from fixtures.stats import Verdict

SOURCE = Source("激活函数Relu对精度和损失的影响研究", post="001")
ARMS = (Arm("linear", partial(mlp, (784, 512, 10), activation=None), "no activation, as the post's first run"),
        Arm("relu", partial(mlp, (784, 512, 10)), "ReLU after the hidden layer, the post's second run"))
BUDGETS = {  # shared with relu-smooths-curves, so both claims decide on the same runs
    # 10 epochs on 20 000 images: enough epochs for a curve, about 4 s a run on 2 cores.
    "smoke": TrainConfig("sgd", 0.15, batch_size=128, epochs=10, train_size=20000, holdout=10000),
    "full": TrainConfig("sgd", 0.15, batch_size=128, epochs=50, holdout=10000),
}

CLAIM = ClaimSpec(
    id="no-activation-is-linear",
    statement="A 784-512-10 network without activation is exactly an affine map, and ends "
              "below the same network with a ReLU in held-out accuracy.",
    sources=(SOURCE, Source("ReLU可以用在神经网络的最后一层吗?", post="002")),
    arms=ARMS,
    checks=(Check(kind="at_most", metric="affine_residual", treatment="linear", null="relu",
                  threshold=Threshold(margin=1e-4)),
            Check(kind="worse_than", metric="test_acc", treatment="linear", control="relu",
                  threshold=Threshold(margin=0.02))),
    datasets=("mnist",),
    budgets=BUDGETS,
    probes=(affine_residual,),
    expected={"smoke": Verdict.HOLDS},
    reported={"mnist": "curves only (no figures): both learn; without ReLU the curves jitter"},
)
