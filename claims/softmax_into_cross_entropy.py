"""A softmax before CrossEntropyLoss slows learning: the loss expects raw logits.

Why believed: CrossEntropyLoss applies log-softmax itself. Fed probabilities in [0, 1], it
softmaxes them again into a nearly uniform distribution whose loss cannot fall below about
1.46 for 10 classes, and whose gradient is small (PyTorch's docs: "The input is expected to
contain the unnormalized logits for each class").
Arms, on post 003's 784-64-10 MLP, MNIST, batch 64: `logits` (the scores go to the loss) and
`softmax` (an nn.Softmax after the last layer). Check: does the typical seed lose 5 points of
test accuracy? SGD at lr 0.1: at smoke 299 seeds of 300 lose 5-32 (at lr 0.01 and 0.5 the
gap was 48 and 9); over the full budget's 10 epochs 84 of 100 lose 3-5 and 13 lose 11-13:
given the time, the slowdown is mostly caught up. Variant `adam` (lr 1e-3): Adam rescales the
small gradient, and the softmax costs about a point (3 at lr 1e-2), in about 1 seed in 20
5-9 (11 of 200): with Adam the folklore's slowdown is mostly gone.
"""
import dataclasses
from functools import partial

from claims.setups import KARPATHY_MISTAKES, MNIST_MLP, mnist_mlp_budgets, pytorch_docs
from fixtures.core.spec import Arm, Check, ClaimSpec, Threshold
from fixtures.engine.models import mlp
from fixtures.rules.stats import Verdict

SOFTMAX_MLP = partial(mlp, (784, 64, 10), logit_softmax=True)
ACCURACY = Check(kind="worse_in_most", metric="test_acc", treatment="softmax", control="logits",
                 threshold=Threshold(margin=0.05))

CLAIM = ClaimSpec(
    id="softmax-into-cross-entropy",
    statement="A softmax on the scores before CrossEntropyLoss, which expects raw logits, ends "
              "less accurate than the raw scores at the same budget.",
    sources=(KARPATHY_MISTAKES,
             pytorch_docs("torch.nn.CrossEntropyLoss")),
    arms=(Arm("logits", MNIST_MLP, "the scores go to the loss, as it expects"),
          Arm("softmax", SOFTMAX_MLP, "an nn.Softmax after the last layer: probabilities go to "
                                      "the loss")),
    checks=(ACCURACY,),
    datasets=("mnist",),
    budgets=mnist_mlp_budgets("sgd", 0.1),  # forgot-zero-grad's: its `zero-grad` runs are `logits` here
    expected={"smoke": Verdict.HOLDS, "full": Verdict.DOES_NOT_HOLD},
    reported={},
)
ADAM = dataclasses.replace(
    CLAIM, variant="adam", budgets=mnist_mlp_budgets("adam", 1e-3), seeds=10,
    arms=(*CLAIM.arms, Arm("softmax-sgd", SOFTMAX_MLP, "the null: the softmax under SGD at lr "
                           "0.1, where it costs", overrides={"optimizer": "sgd", "lr": 0.1})),
    checks=(dataclasses.replace(ACCURACY, null="softmax-sgd"),),
    expected={"smoke": Verdict.DOES_NOT_HOLD, "full": Verdict.DOES_NOT_HOLD})
CLAIMS = (CLAIM, ADAM)
