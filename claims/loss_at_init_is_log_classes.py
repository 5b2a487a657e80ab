"""Before training, a 10-class classifier's cross-entropy is ln 10: it knows nothing yet.

Why believed: Karpathy's recipe says to verify the loss at initialisation ("you should
measure -log(1/n_classes)"): small random last-layer weights give near-equal scores, so each
class gets probability about 1/10. A loss far above it means the init is overconfident.
Arms, on post 003's 784-64-10 MLP and MNIST's test set, untrained (no step is taken):
`default` (PyTorch's own init) and `last-x10` (the same weights, the last layer's times 10).
Checks: `default` within a tolerance of ln 10 (`log_classes_gap`), the scaled net far from it;
each arm is the other's null.
"""
from functools import partial

import torch

from claims.setups import KARPATHY_RECIPE, MNIST_MLP
from fixtures.core.config import TrainConfig
from fixtures.core.spec import Arm, Check, ClaimSpec, Threshold
from fixtures.engine.models import mlp
from fixtures.engine.probes import log_classes_gap
from fixtures.rules.stats import Verdict


def scaled_output(widths: tuple[int, ...], factor: float) -> torch.nn.Sequential:
    """`mlp(widths)` with its last layer's weight and bias multiplied by `factor`."""
    net = mlp(widths)
    with torch.no_grad():
        net[-1].weight.mul_(factor)
        net[-1].bias.mul_(factor)
    return net


UNTRAINED = TrainConfig("sgd", 0.1, batch_size=64, epochs=0)  # the optimizer takes no step

CLAIM = ClaimSpec(
    id="loss-at-init-is-log-classes",
    statement="Under PyTorch's default initialisation, a 10-class classifier's cross-entropy "
              "before training is close to ln 10; with its last layer scaled up it is far above.",
    sources=(KARPATHY_RECIPE,),
    arms=(Arm("default", MNIST_MLP, "PyTorch's default initialisation"),
          Arm("last-x10", partial(scaled_output, (784, 64, 10), 10.0),
              "the same weights, the last layer's weight and bias times 10")),
    checks=(Check(kind="at_most", metric="log_classes_gap", treatment="default", null="last-x10",
                  threshold=Threshold(margin=0.05)),
            Check(kind="at_least", metric="log_classes_gap", treatment="last-x10", null="default",
                  threshold=Threshold(margin=0.2))),
    datasets=("mnist",),
    budgets={"smoke": UNTRAINED, "full": UNTRAINED},
    probes=(log_classes_gap,),
    seeds=10,
    expected={"smoke": Verdict.HOLDS, "full": Verdict.HOLDS},
    reported={},
)
