"""Evaluating a Dropout net in train mode costs accuracy, and its answers change between passes.

Why believed: in train mode `nn.Dropout` zeroes each unit with probability p and scales the
rest by 1/(1-p) (PyTorch's docs); `model.eval()` turns it into the identity. Forget it, and
every evaluation is one random thinned net, not the whole one.
Arms, one training run per seed of post 003's 784-64-10 MLP with Dropout(0.5) after the hidden
ReLU (MNIST, SGD lr 0.1, batch 64), evaluated once at the end: `eval` (after model.eval())
and `train-mode` (without it). Checks: test accuracy, seed by seed, and the share of test
images whose predicted class differs between two passes (`repeat_disagreement`), 0 in eval.
Seen while choosing the net: the cost shrinks as the net widens and p falls (784-256-10 with
p 0.2: under a point), while the passes still disagree on 3-5% of images.
"""
from functools import partial

from claims.setups import KARPATHY_MISTAKES, pytorch_docs
from fixtures.core.config import TrainConfig
from fixtures.core.spec import Arm, Check, ClaimSpec, Threshold
from fixtures.engine.models import mlp
from fixtures.engine.probes import repeat_disagreement
from fixtures.rules.stats import Verdict

NET = partial(mlp, (784, 64, 10), dropout=0.5)
BUDGETS = {  # one evaluation, after the last epoch, so both arms evaluate one training run
    "smoke": TrainConfig("sgd", 0.1, batch_size=64, epochs=2, train_size=20000, test_size=5000,
                         eval_every=2),
    "full": TrainConfig("sgd", 0.1, batch_size=64, epochs=10, eval_every=10),
}

CLAIM = ClaimSpec(
    id="forgot-eval-dropout",
    statement="A Dropout net evaluated in train mode is less accurate than the same net after "
              "model.eval(), and two passes over the same images disagree.",
    sources=(KARPATHY_MISTAKES,
             pytorch_docs("torch.nn.Dropout")),
    arms=(Arm("eval", NET, "evaluated after model.eval()"),
          Arm("train-mode", NET, "the same runs evaluated in train mode: Dropout left on",
              overrides={"eval_mode": "train"})),
    checks=(Check(kind="worse_than", metric="test_acc", treatment="train-mode", control="eval",
                  threshold=Threshold(margin=0.02)),
            Check(kind="at_least", metric="repeat_disagreement", treatment="train-mode",
                  null="eval", threshold=Threshold(margin=0.05))),
    datasets=("mnist",),
    budgets=BUDGETS,
    probes=(repeat_disagreement,),
    expected={"smoke": Verdict.HOLDS, "full": Verdict.HOLDS},
    reported={},
)
