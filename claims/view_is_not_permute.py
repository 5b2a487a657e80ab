"""Channels-last images made channels-first with `view`, not `permute`, hurt a CNN; an MLP
does not care.

Why believed: Karpathy's list ("thought view() and permute() are the same thing"). `permute`
moves the channel axis; `view` reads the same memory in the new shape, so each new "channel"
is a strip of rows with the colours interleaved, and a convolution's neighbourhoods are
scrambled. To an MLP, `view` is one fixed reordering of its inputs, which it learns around.
Arms, on colour MNIST (each digit in a colour of its own, channels-last), Adam lr 1e-3, batch
64: `permute` and `view`, test accuracy seed by seed. The CNN is forgot-eval-batchnorm's
without BatchNorm, on 3 channels; variant `mlp` (2352-64-10) does not hold; its null arm
trains through `permute` and evaluates through `view`, which does cost.
Seen while choosing the setting (5 seeds, 2 epochs of 20 000 images): the CNN loses 8 points
at SGD 0.1 and Adam 1e-3, 22 at SGD 0.01; the MLP stays within half a point at all three. On
10 000 images SGD 0.1 leaves a few CNNs in 100 stalled, which hid the gap in 2 of 20 sets.
"""
import dataclasses
from functools import partial

from claims.setups import KARPATHY_MISTAKES, pytorch_docs
from fixtures.core.config import TrainConfig
from fixtures.core.spec import Arm, Check, ClaimSpec, Threshold
from fixtures.engine.models import bn_cnn, channels_last, mlp
from fixtures.rules.stats import Verdict

CNN = partial(bn_cnn, batchnorm=False, in_channels=3)
MLP = partial(mlp, (3 * 28 * 28, 64, 10))
BUDGETS = {
    # 313 steps on 10 000 images: about 6 s per CNN arm, 5 seeds one by one, on 2 cores
    "smoke": TrainConfig("adam", 1e-3, batch_size=64, epochs=2, train_size=10000, test_size=5000),
    # The source names no setting; 10 epochs of all 60 000 images is what users run.
    "full": TrainConfig("adam", 1e-3, batch_size=64, epochs=10),
}


def arms(net) -> tuple[Arm, ...]:
    return (Arm("permute", partial(channels_last, "permute", net),
                "x.permute(0, 3, 1, 2): each pixel keeps its place"),
            Arm("view", partial(channels_last, "view", net),
                "x.view(n, 3, 28, 28): the same memory read in the new shape"))


ACCURACY = Check(kind="worse_than", metric="test_acc", treatment="view", control="permute",
                 threshold=Threshold(margin=0.03))

CLAIM = ClaimSpec(
    id="view-is-not-permute",
    statement="A net fed channels-last images made channels-first with view() ends less "
              "accurate than the same net fed them through permute().",
    sources=(KARPATHY_MISTAKES, pytorch_docs("torch.Tensor.view"),
             pytorch_docs("torch.permute")),
    arms=arms(CNN),
    checks=(ACCURACY,),
    datasets=("colour-mnist",),
    budgets=BUDGETS,
    expected={"smoke": Verdict.HOLDS, "full": Verdict.HOLDS},
    reported={},
)
MLP_VARIANT = dataclasses.replace(
    CLAIM, variant="mlp",
    arms=(*arms(MLP), Arm("view-at-evaluation", partial(channels_last, "permute", MLP,
                                                        evaluate="view"),
                          "the null: trained through permute(), evaluated through view()")),
    checks=(dataclasses.replace(ACCURACY, null="view-at-evaluation"),),
    expected={"smoke": Verdict.DOES_NOT_HOLD, "full": Verdict.DOES_NOT_HOLD})
CLAIMS = (CLAIM, MLP_VARIANT)
