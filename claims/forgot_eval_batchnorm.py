"""Evaluating a BatchNorm net in train mode costs accuracy, when its batches are small.

Why believed: in train mode `nn.BatchNorm2d` normalises with the statistics of the batch in
hand instead of the running ones it learnt (PyTorch's docs), so a prediction depends on which
images share its batch; `model.eval()` switches to the running statistics.
Arms, one training run per seed of a small BatchNorm CNN (MNIST, SGD lr 0.1, batch 64),
evaluated once at the end: `eval` (after model.eval()) and `train-mode` (without it, one test
image at a time: each normalised by its own statistics); the check compares test accuracy.
The cost varies from seed to seed (0 to 10 points), so the check decides over 10 seeds.
Variant `batch-16`: 16 test images a batch already give statistics close to the running
ones, and train mode costs nothing measurable (its null arm: batch 1 again). With Adam
(lr 1e-3) the same: 0.7-5.6 points lost at batch 1, none at 16.
"""
import dataclasses

from claims.setups import BN_CNN_BUDGETS, KARPATHY_MISTAKES, pytorch_docs
from fixtures.core.spec import Arm, Check, ClaimSpec, Threshold
from fixtures.engine.models import bn_cnn
from fixtures.rules.stats import Verdict


def train_mode(batch: int, name: str = "train-mode") -> Arm:
    return Arm(name, bn_cnn, f"the same runs evaluated in train mode, {batch} "
               f"image{'s' * (batch > 1)} a batch", overrides={"eval_mode": "train", "eval_batch": batch})


EVAL = Arm("eval", bn_cnn, "evaluated after model.eval(): the running statistics")
ACCURACY = Check(kind="worse_than", metric="test_acc", treatment="train-mode", control="eval",
                 threshold=Threshold(margin=0.01))

CLAIM = ClaimSpec(
    id="forgot-eval-batchnorm",
    statement="A BatchNorm net evaluated in train mode on small batches is less accurate than "
              "the same net after model.eval().",
    sources=(KARPATHY_MISTAKES,
             pytorch_docs("torch.nn.BatchNorm2d")),
    arms=(EVAL, train_mode(1)),
    checks=(ACCURACY,),
    datasets=("mnist",),
    budgets=BN_CNN_BUDGETS,
    seeds=10,
    expected={"smoke": Verdict.HOLDS, "full": Verdict.HOLDS},
    reported={},
)
BATCH_16 = dataclasses.replace(
    CLAIM, variant="batch-16", arms=(EVAL, train_mode(16), train_mode(1, "batch-1")),
    checks=(dataclasses.replace(ACCURACY, null="batch-1"),),  # the null: where it costs
    expected={"smoke": Verdict.DOES_NOT_HOLD, "full": Verdict.DOES_NOT_HOLD})
CLAIMS = (CLAIM, BATCH_16)
