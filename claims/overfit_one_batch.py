"""A correct net drives the loss on one small batch to about zero; a buggy one cannot.

Why believed: Karpathy's recipe: "overfit a single batch of only a few examples", since a net
that can memorise a handful of images has a working loss, gradient and optimizer, and one that
cannot has a bug to find before any tuning.
Arms, on post 003's 784-64-10 MLP and the first 32 MNIST training images as the only batch,
300 Adam steps at lr 1e-3: `plain`, and two bugs from this catalogue: `relu-logits` (a ReLU on
the scores, post 003's model) and `softmax` (probabilities into CrossEntropyLoss, whose loss
cannot fall below about 1.46). Checks on the final training loss: `plain` near zero, and each
bug far above it in some seeds (`plain` is their null, as `relu-logits` is its).
"""
from functools import partial

from claims.setups import KARPATHY_MISTAKES, KARPATHY_RECIPE, MNIST_MLP
from fixtures.core.config import TrainConfig
from fixtures.core.spec import Arm, Check, ClaimSpec, Threshold
from fixtures.engine.models import mlp
from fixtures.rules.stats import Verdict


def one_batch(steps: int) -> TrainConfig:
    """32 images trained `steps` times, one step an epoch, evaluated once at the end."""
    return TrainConfig("adam", 1e-3, batch_size=32, epochs=steps, train_size=32,
                       test_size=1000, eval_every=steps)


def far_above(arm: str) -> Check:
    return Check(kind="at_least", metric="train_loss", treatment=arm, null="plain",
                 threshold=Threshold(margin=0.1, min_support=0.2))


CLAIM = ClaimSpec(
    id="overfit-one-batch",
    statement="A correct net drives its training loss on one batch of 32 images to about zero "
              "within a few hundred steps, while the same net with a ReLU or a softmax on its "
              "scores stays far above it in some seeds.",
    sources=(KARPATHY_RECIPE, KARPATHY_MISTAKES),
    arms=(Arm("plain", MNIST_MLP, "784-64-10 with a hidden ReLU"),
          Arm("relu-logits", partial(mlp, (784, 64, 10), logit_relu=True), "a ReLU on the scores"),
          Arm("softmax", partial(mlp, (784, 64, 10), logit_softmax=True),
              "an nn.Softmax on the scores, into CrossEntropyLoss")),
    checks=(Check(kind="at_most", metric="train_loss", treatment="plain", null="relu-logits",
                  threshold=Threshold(margin=0.01)),
            far_above("relu-logits"), far_above("softmax")),
    datasets=("mnist",),
    budgets={"smoke": one_batch(300), "full": one_batch(1000)},
    seeds=10,
    expected={"smoke": Verdict.HOLDS, "full": Verdict.HOLDS},
    reported={},
)
