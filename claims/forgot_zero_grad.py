"""Forgetting `optimizer.zero_grad()` makes gradients accumulate, and training ends worse.

Why believed: `backward()` adds into `.grad`, so without zeroing, step t follows the sum of
all t gradients so far: a step that keeps growing and keeps pointing where the net once was.
Arms, on post 003's 784-64-10 MLP, MNIST, batch 64: `zero-grad` (the usual loop) and
`accumulates` (the same with no zero_grad); the check compares test accuracy seed by seed.
Settings: SGD at lr 0.1, where the usual loop trains well; variant `adam` (lr 1e-3): Adam
rescales the summed gradient, yet follows a stale direction, and still loses; variant
`sgd-small-lr` (lr 0.003): at smoke (625 steps) too small a step, so the growing sum helps
and the mistake ends ahead (its null arm: the mistake at lr 0.1); over the full budget's 9 375
steps the sum outgrows any useful step and the mistake costs 50-57 points. The folklore holds
at the learning rates and budgets one would use, not everywhere.
"""
import dataclasses

from claims.setups import KARPATHY_MISTAKES, MNIST_MLP, mnist_mlp_budgets
from fixtures.core.spec import Arm, Check, ClaimSpec, Threshold
from fixtures.rules.stats import Verdict

ACCURACY = Check(kind="worse_than", metric="test_acc", treatment="accumulates", control="zero-grad",
                 threshold=Threshold(margin=0.10))

CLAIM = ClaimSpec(
    id="forgot-zero-grad",
    statement="Without optimizer.zero_grad() before backward(), gradients accumulate across "
              "steps and the net ends less accurate than with it, at the same learning rate "
              "and budget.",
    sources=(KARPATHY_MISTAKES,),
    arms=(Arm("zero-grad", MNIST_MLP, "zero_grad() before each backward(), the usual loop"),
          Arm("accumulates", MNIST_MLP, "no zero_grad(): each step follows the sum of every gradient "
                                  "so far", overrides={"zero_grad": False})),
    checks=(ACCURACY,),
    datasets=("mnist",),
    budgets=mnist_mlp_budgets("sgd", 0.1),
    expected={"smoke": Verdict.HOLDS, "full": Verdict.HOLDS},
    reported={},
)
ADAM = dataclasses.replace(CLAIM, variant="adam", budgets=mnist_mlp_budgets("adam", 1e-3))
SMALL_LR = dataclasses.replace(
    CLAIM, variant="sgd-small-lr", budgets=mnist_mlp_budgets("sgd", 0.003),
    arms=(*CLAIM.arms, Arm("accumulates-lr-0.1", MNIST_MLP, "the null: the mistake at lr 0.1, where it "
                           "costs", overrides={"zero_grad": False, "lr": 0.1})),
    checks=(dataclasses.replace(ACCURACY, null="accumulates-lr-0.1"),),
    expected={"smoke": Verdict.DOES_NOT_HOLD, "full": Verdict.HOLDS})
CLAIMS = (CLAIM, ADAM, SMALL_LR)
