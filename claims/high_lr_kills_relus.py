"""Too high a learning rate kills ReLU units: they output 0 on every input, for good.

Why believed: CS231n's notes on activation functions: a large gradient step can push a ReLU
unit's weights to where it never activates again, and "with a proper setting of the learning
rate this is less frequently an issue", else "as much as 40% of your network can be dead".
Arms, on post 003's 784-64-10 MLP, MNIST, batch 64 (forgot-zero-grad's budget, whose runs the
low rate shares): `low-lr` and `high-lr`; the check compares, seed by seed, the share of hidden
units that output 0 on every training image (`dead_units`).
Settings: SGD at lr 0.1 against 1.0 (at 0.5 still none died: the death sets in abruptly);
variant `adam`: lr 1e-3 against 1e-2 (at 5e-2 about half the units died, and accuracy fell).
"""
import dataclasses

from claims.setups import MNIST_MLP, mnist_mlp_budgets
from fixtures.core.spec import Arm, Check, ClaimSpec, Source, Threshold
from fixtures.engine.probes import dead_units
from fixtures.rules.stats import Verdict

DEAD_UNITS = Check(kind="worse_than", metric="dead_units", treatment="high-lr", control="low-lr",
                   threshold=Threshold(margin=0.1))

CLAIM = ClaimSpec(
    id="high-lr-kills-relus",
    statement="The share of hidden ReLU units that never activate on the training set grows "
              "with the learning rate.",
    sources=(Source("CS231n: Convolutional Neural Networks for Visual Recognition, course notes, "
                    "\"Neural Networks Part 1\" (Stanford)",
                    url="https://cs231n.github.io/neural-networks-1/"),),
    arms=(Arm("low-lr", MNIST_MLP, "SGD at lr 0.1, where plain SGD trains well"),
          Arm("high-lr", MNIST_MLP, "the same at lr 1.0", overrides={"lr": 1.0})),
    checks=(DEAD_UNITS,),
    datasets=("mnist",),
    budgets=mnist_mlp_budgets("sgd", 0.1),
    probes=(dead_units,),
    expected={"smoke": Verdict.HOLDS, "full": Verdict.HOLDS},
    reported={},
)
ADAM = dataclasses.replace(
    CLAIM, variant="adam", budgets=mnist_mlp_budgets("adam", 1e-3),
    arms=(Arm("low-lr", MNIST_MLP, "Adam at lr 1e-3, its default"),
          Arm("high-lr", MNIST_MLP, "the same at lr 1e-2", overrides={"lr": 1e-2})),
    checks=(dataclasses.replace(DEAD_UNITS, threshold=Threshold(margin=0.05)),))
CLAIMS = (CLAIM, ADAM)
