"""Without ReLU the per-epoch accuracy curve jitters; with ReLU it rises smoothly.

Why believed: post 001 reports that without an activation "accuracy and loss rise and fall
steadily but jitter on the way; with it they rise and fall very smoothly".
Arms: no-activation-is-linear's `linear` and `relu` nets, on the same runs. Jitter is the
held-out accuracy curve's total fall (`acc_drops`: the sum over epochs of how much accuracy went
down; 0 for a curve that never goes down), compared seed by seed. The jitter sum is
heavy-tailed, so the check counts the seeds where `linear` falls back more, not the mean; about
1 seed in 12 falls back no more without activation (seeds 0-199), so 2 seeds of 5 carry it.
Not checked: the loss curve.
"""
from claims.setups import POST_001, POST_001_BUDGETS, POST_001_LINEAR, POST_001_RELU
from fixtures.core.spec import Check, ClaimSpec, Threshold
from fixtures.engine.probes import acc_drops
from fixtures.rules.stats import Verdict

CLAIM = ClaimSpec(
    id="relu-smooths-curves",
    statement="The held-out accuracy curve of a 784-512-10 network falls back more, summed "
              "over epochs, without activation than with a ReLU.",
    sources=(POST_001,),
    arms=(POST_001_LINEAR, POST_001_RELU),
    checks=(Check(kind="worse_in_some", metric="acc_drops", treatment="linear", control="relu",
                  threshold=Threshold(margin=0.002, min_support=0.4)),),
    datasets=("mnist",),
    budgets=POST_001_BUDGETS,
    probes=(acc_drops,),
    expected={"smoke": Verdict.HOLDS, "full": Verdict.HOLDS},
    reported={"mnist": "plots only: jitter without activation, smooth with ReLU"},
)
