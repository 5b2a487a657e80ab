"""In eval mode a BatchNorm net treats each input on its own; in train mode its batch-mates
move its outputs; a LayerNorm net never lets them.

Why believed: BatchNorm normalises with the batch's statistics while training and with the
running ones after `model.eval()` (Ioffe & Szegedy); LayerNorm normalises each input over its
own features. neural_net_checklist asserts batch independence and warns that BatchNorm breaks it.
Arms, post 003's 784-64-10 MLP with a norm after the hidden Linear layer, MNIST, SGD 0.1: `bn-eval`
(BatchNorm1d, evaluated after eval()), `bn-train` (the same runs evaluated in train mode) and
`ln-train` (LayerNorm, evaluated in train mode). The probe feeds the same 64 inputs beside two
different sets of 64 others; the checks count seeds whose outputs move (`batch_dependence`).
"""
from functools import partial

from fixtures.core.config import TrainConfig
from fixtures.core.spec import Arm, Check, ClaimSpec, Source, Threshold
from fixtures.engine.models import mlp
from fixtures.engine.probes import batch_dependence
from fixtures.rules.stats import Verdict

BATCHNORM = partial(mlp, (784, 64, 10), batchnorm=True)
ROUNDING = 1e-4  # outputs' relative change that rounding alone can make: batch sizes differ


def budget(epochs: int, train_size: int | None) -> TrainConfig:
    return TrainConfig("sgd", 0.1, batch_size=64, epochs=epochs, train_size=train_size,
                       test_size=2000)


CLAIM = ClaimSpec(
    id="eval-is-batch-independent",
    statement="After model.eval() a BatchNorm net's outputs for an input do not depend on the "
              "other inputs of its batch; in train mode they do; a LayerNorm net's never do.",
    sources=(Source("Ioffe & Szegedy, \"Batch Normalization: Accelerating Deep Network Training "
                    "by Reducing Internal Covariate Shift\" (ICML 2015)",
                    url="https://arxiv.org/abs/1502.03167"),
             Source("neural_net_checklist: batch independence",
                    url="https://github.com/BlackHC/neural_net_checklist")),
    arms=(Arm("bn-eval", BATCHNORM, "BatchNorm1d, evaluated after model.eval()"),
          Arm("bn-train", BATCHNORM, "the same runs, evaluated in train mode",
              overrides={"eval_mode": "train"}),
          Arm("ln-train", partial(mlp, (784, 64, 10), layernorm=True),
              "LayerNorm in place of BatchNorm, evaluated in train mode",
              overrides={"eval_mode": "train"})),
    checks=(Check(kind="at_most", metric="batch_dependence", treatment="bn-eval", null="bn-train",
                  threshold=Threshold(margin=ROUNDING)),
            Check(kind="at_least", metric="batch_dependence", treatment="bn-train", null="bn-eval",
                  threshold=Threshold(margin=0.01)),
            Check(kind="at_most", metric="batch_dependence", treatment="ln-train", null="bn-train",
                  threshold=Threshold(margin=ROUNDING))),
    datasets=("mnist",),
    # 125 steps on 8 000 images: the property does not wait for the net to be good
    budgets={"smoke": budget(1, 8000), "full": budget(10, None)},
    probes=(batch_dependence,),
    expected={"smoke": Verdict.HOLDS, "full": Verdict.HOLDS},
    reported={},
)
