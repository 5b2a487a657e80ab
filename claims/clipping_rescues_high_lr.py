"""At a learning rate where SGD fails to train, clipping the gradient norm trains.

Why believed: a step is the learning rate times the gradient, and a large gradient at a large
rate throws the weights far off; clipping caps each step's length (Pascanu et al.), and a
clipped step adapts to the gradient's size (Zhang et al.).
Arms, a 784-64-64-10 ReLU MLP on MNIST, plain SGD at lr 2, batch 64: `no-clip` and `clip-1`
(each step's gradient rescaled to norm at most 1); the check compares test accuracy seed by
seed. At this scale the failure is dead ReLUs, not a NaN: the unclipped net ends at chance.
Variant `adam`: Adam at lr 0.3, the smallest of 0.03, 0.1, 0.3 and 1 at which it ends at chance
in every seed tried; check: clip-1 reaches 50% held-out accuracy (null: clip-1 at lr 1e-3).
Adam's step is about lr whatever the gradient's norm, so clipping cannot shorten it.
"""
import dataclasses
from functools import partial

from claims.setups import mnist_mlp_budgets
from fixtures.core.spec import Arm, Check, ClaimSpec, Source, Threshold
from fixtures.engine.models import mlp
from fixtures.rules.stats import Verdict

DEEP_MLP = partial(mlp, (784, 64, 64, 10))

CLAIM = ClaimSpec(
    id="clipping-rescues-high-lr",
    statement="At a learning rate where an optimizer (plain SGD; variant: Adam) fails to train, "
              "the same optimizer with the gradient's norm clipped trains.",
    sources=(Source("Pascanu, Mikolov & Bengio, \"On the difficulty of training recurrent "
                    "neural networks\" (ICML 2013)", url="https://arxiv.org/abs/1211.5063"),
             Source("Zhang, He, Sra & Jadbabaie, \"Why gradient clipping accelerates training: "
                    "a theoretical justification for adaptivity\" (ICLR 2020)",
                    url="https://arxiv.org/abs/1905.11881")),
    arms=(Arm("no-clip", DEEP_MLP, "plain SGD at lr 2"),
          Arm("clip-1", DEEP_MLP, "the same, each step's gradient clipped to norm 1",
              overrides={"clip_grad_norm": 1.0})),
    checks=(Check(kind="worse_than", metric="test_acc", treatment="no-clip", control="clip-1",
                  threshold=Threshold(margin=0.3)),),
    datasets=("mnist",),
    budgets=mnist_mlp_budgets("sgd", 2.0),
    expected={"smoke": Verdict.HOLDS, "full": Verdict.HOLDS},
    reported={},
)

ADAM = dataclasses.replace(
    CLAIM, variant="adam", budgets=mnist_mlp_budgets("adam", 0.3),
    arms=(Arm("no-clip", DEEP_MLP, "Adam at lr 0.3"),
          Arm("clip-1", DEEP_MLP, "the same, each step's gradient clipped to norm 1",
              overrides={"clip_grad_norm": 1.0}),
          Arm("clip-1-lr1e-3", DEEP_MLP, "the null: clipped Adam at lr 1e-3, which trains",
              overrides={"clip_grad_norm": 1.0, "lr": 1e-3})),
    checks=(Check(kind="at_least", metric="test_acc", treatment="clip-1", null="clip-1-lr1e-3",
                  threshold=Threshold(margin=0.5)),),
    expected={"smoke": Verdict.DOES_NOT_HOLD, "full": Verdict.DOES_NOT_HOLD})

CLAIMS = (CLAIM, ADAM)
