"""Without an activation, a multi-layer network is one affine map, and less accurate for it.

Why believed: "a composition of linear functions is linear" (the answer in post 002); post 001
trains MNIST's 784-512-10 net with and without a ReLU (SGD lr 0.15, batch 128, 50 epochs).
Arms: `linear` (no activation, the post's first run) and `relu` (a ReLU after the hidden
layer), on post 001's 50 000 / 10 000 split (the held-out 10 000 are the end of the training
split). Checks: the `linear` net is affine to float32 rounding on real image pairs
(`affine_residual`; the null arm `relu` is not), and its held-out accuracy is below `relu`'s.
Not checked: the post's plots, whose "validation" curve is measured on the training loader.
"""
from claims.setups import (
    POST_001,
    POST_001_BUDGETS,
    POST_001_LINEAR,
    POST_001_RELU,
    POST_002,
)
from fixtures.core.spec import Check, ClaimSpec, Threshold
from fixtures.engine.probes import affine_residual
from fixtures.rules.stats import Verdict

CLAIM = ClaimSpec(
    id="no-activation-is-linear",
    statement="A 784-512-10 network without activation is exactly an affine map, and ends "
              "below the same network with a ReLU in held-out accuracy.",
    sources=(POST_001, POST_002),
    arms=(POST_001_LINEAR, POST_001_RELU),
    checks=(Check(kind="at_most", metric="affine_residual", treatment="linear", null="relu",
                  threshold=Threshold(margin=1e-4)),
            Check(kind="worse_than", metric="test_acc", treatment="linear", control="relu",
                  threshold=Threshold(margin=0.02))),
    datasets=("mnist",),
    budgets=POST_001_BUDGETS,
    probes=(affine_residual,),
    expected={"smoke": Verdict.HOLDS, "full": Verdict.HOLDS},
    reported={"mnist": "curves only (no figures): both learn; without ReLU the curves jitter"},
)
