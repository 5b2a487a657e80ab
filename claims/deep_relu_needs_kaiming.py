"""A deep plain ReLU net trains from Kaiming's init and stalls from Xavier's.

Why believed: He et al. derive an init that keeps the variance of a ReLU net's signals
constant through its depth (weights of variance 2/fan_in); Xavier's (2/(fan_in + fan_out))
halves it at each ReLU layer, and in their paper a 30-layer plain net learns from theirs and
stalls from Xavier's.
Arms, on a 30-layer ReLU MLP of width 32 (MNIST, SGD lr 0.01, momentum 0.9, batch 64):
`kaiming` and `xavier` (normal weights, zero biases), and `default`, PyTorch's own (uniform,
variance 1/(3 fan_in), a sixth of Kaiming's: it shrinks the signal even faster).
Checks: `xavier` and `default` stay at chance, each with `kaiming` as its null, and
`kaiming` ends ahead of `xavier` seed by seed. A 30-layer MLP on MNIST, not the paper's
30-layer convolutional net on ImageNet; at lr 0.03 some Kaiming seeds stalled too. Over the
full budget's 10 epochs 43 of 100 Kaiming nets diverge and 13 Xavier nets learn: no verdict.
"""
from functools import partial

from fixtures.core.config import TrainConfig
from fixtures.core.spec import Arm, Check, ClaimSpec, Source, Threshold
from fixtures.engine.models import mlp
from fixtures.rules.stats import Verdict

DEEP = (784,) + (32,) * 29 + (10,)  # 30 Linear layers, 29 ReLUs


def at_chance(arm: str) -> Check:
    return Check(kind="at_most", metric="test_acc", treatment=arm, null="kaiming",
                 threshold=Threshold(margin=0.2))


CLAIM = ClaimSpec(
    id="deep-relu-needs-kaiming",
    statement="A 30-layer plain ReLU MLP learns MNIST from Kaiming-normal init and stays at "
              "chance from Xavier-normal init, as it does from PyTorch's default.",
    sources=(Source("He, Zhang, Ren, Sun, \"Delving Deep into Rectifiers: Surpassing Human-Level "
                    "Performance on ImageNet Classification\" (ICCV 2015)",
                    url="https://arxiv.org/abs/1502.01852"),),
    arms=(Arm("kaiming", partial(mlp, DEEP, init="kaiming"), "Kaiming-normal weights"),
          Arm("xavier", partial(mlp, DEEP, init="xavier"), "Xavier-normal weights"),
          Arm("default", partial(mlp, DEEP), "PyTorch's default Linear init")),
    checks=(at_chance("xavier"), at_chance("default"),
            Check(kind="worse_than", metric="test_acc", treatment="xavier", control="kaiming",
                  threshold=Threshold(margin=0.1))),
    datasets=("mnist",),
    budgets={
        # 625 steps, evaluated once: about 3 s per arm, 5 seeds stacked, on 2 cores
        "smoke": TrainConfig("sgd", 0.01, batch_size=64, epochs=2, train_size=20000,
                             test_size=5000, momentum=0.9, eval_every=2),
        "full": TrainConfig("sgd", 0.01, batch_size=64, epochs=10, momentum=0.9),
    },
    expected={"smoke": Verdict.HOLDS},
    reported={},
)
