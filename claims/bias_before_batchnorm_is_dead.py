"""A bias right before BatchNorm is dead weight: its gradient is zero, and the net needs none.

Why believed: BatchNorm subtracts the batch mean of each channel, and with it any constant a
bias added, so the loss does not depend on that bias: Karpathy's list says to use
`bias=False` for a Linear/Conv2d layer followed by BatchNorm ("spurious parameters").
Arms, on forgot-eval-batchnorm's BatchNorm CNN and training: `bias` (the convolutions keep
PyTorch's default bias), `no-bias` (the same weights, biases removed) and `no-bn` (with
biases, no BatchNorm: the null, whose biases do learn). Checks: the conv biases' gradient
relative to their weights' (`hidden_bias_grad`, in float64) is rounding, and accuracy
without them is the same within a tolerance, seed by seed: SGD's rounding grows over the
steps (±1 point, 2 in a few seeds); without BatchNorm it is about 7 points lower.
"""
from functools import partial

from claims.setups import BN_CNN_BUDGETS, KARPATHY_MISTAKES
from fixtures.core.spec import Arm, Check, ClaimSpec, Threshold
from fixtures.engine.models import bn_cnn
from fixtures.engine.probes import hidden_bias_grad
from fixtures.rules.stats import Verdict

CLAIM = ClaimSpec(
    id="bias-before-batchnorm-is-dead",
    statement="A convolution's bias right before BatchNorm gets a zero gradient, to rounding, "
              "and the net is as accurate without it.",
    sources=(KARPATHY_MISTAKES,),
    arms=(Arm("bias", bn_cnn, "conv biases before each BatchNorm, PyTorch's default"),
          Arm("no-bias", partial(bn_cnn, bias=False), "the same weights, no conv biases, as the "
              "advice says"),
          Arm("no-bn", partial(bn_cnn, batchnorm=False), "biases, no BatchNorm: they learn")),
    checks=(Check(kind="at_most", metric="hidden_bias_grad", treatment="bias", null="no-bn",
                  threshold=Threshold(margin=1e-9)),
            Check(kind="equivalent_to", metric="test_acc", treatment="no-bias", control="bias",
                  null="no-bn", threshold=Threshold(margin=0.02))),
    datasets=("mnist",),
    budgets=BN_CNN_BUDGETS,
    probes=(hidden_bias_grad,),
    expected={"smoke": Verdict.HOLDS, "full": Verdict.HOLDS},
    reported={},
)
