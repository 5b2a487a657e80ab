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

from claims.sources import KARPATHY_MISTAKES, pytorch_docs
from claims.spec import Arm, Check, ClaimSpec, Threshold
from fixtures.config import TrainConfig
from fixtures.models import bn_cnn
from fixtures.stats import Verdict

BUDGETS = {  # one evaluation, after the last epoch, so every arm evaluates one training run
    # 125 steps: about 1.5 s per seed on 2 cores
    "smoke": TrainConfig("sgd", 0.1, batch_size=64, epochs=1, train_size=8000, test_size=2000),
    # The source names no setting; 5 epochs of all 60 000 images
    "full": TrainConfig("sgd", 0.1, batch_size=64, epochs=5, eval_every=5),
}


def train_mode(batch: int, name: str = "train-mode") -> Arm:
    return Arm(name, bn_cnn, f"the same runs evaluated in train mode, {batch} "
               f"image{'s' * (batch > 1)} a batch", overrides={"eval_mode": "train", "eval_batch": batch})


CLAIM = ClaimSpec(
    id="forgot-eval-batchnorm",
    statement="A BatchNorm net evaluated in train mode on small batches is less accurate than "
              "the same net after model.eval().",
    sources=(KARPATHY_MISTAKES,
             pytorch_docs("torch.nn.BatchNorm2d")),
    arms=(Arm("eval", bn_cnn, "evaluated after model.eval(): the running statistics"),
          train_mode(1)),
    checks=(Check(kind="worse_than", metric="test_acc", treatment="train-mode", control="eval",
                  threshold=Threshold(margin=0.01)),),
    datasets=("mnist",),
    budgets=BUDGETS,
    seeds=10,
    expected={"smoke": Verdict.HOLDS},
    reported={},
)
BATCH_16 = dataclasses.replace(
    CLAIM, variant="batch-16", arms=(CLAIM.arms[0], train_mode(16), train_mode(1, "batch-1")),
    checks=(dataclasses.replace(CLAIM.checks[0], null="batch-1"),),  # the null: where it costs
    expected={"smoke": Verdict.DOES_NOT_HOLD})
CLAIMS = (CLAIM, BATCH_16)
