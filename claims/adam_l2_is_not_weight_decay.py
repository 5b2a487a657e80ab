"""For SGD an L2 penalty is weight decay; for Adam it is not.

Why believed: Loshchilov & Hutter show that adding (λ/2)·|w|² to the loss and shrinking the
weights by lr·λ each step are one update for SGD, while Adam divides the penalty's gradient
by its running scale, so heavily updated weights are barely regularised; AdamW decouples the
decay from that scaling.
Arms, on post 003's 784-64-10 MLP, MNIST, batch 64, λ 0.01 on every parameter: `l2` (the
penalty in the loss), `decay` (torch's SGD weight_decay, which for plain SGD is the decoupled
step; AdamW for Adam) and `none`. Checks: the two trained nets' weight norms and accuracies
agree, seed by seed. SGD at lr 0.1 (null: `none`); variant `adam` (lr 1e-3), whose L2 net
ends with half the weight norm of AdamW's and about 2 points less accurate: not the same.
"""
import dataclasses

from claims.setups import MNIST_MLP, mnist_mlp_budgets
from fixtures.core.spec import Arm, Check, ClaimSpec, Source, Threshold
from fixtures.engine.probes import weight_norm
from fixtures.rules.stats import Verdict

LAMBDA = 0.01


def agree(metric: str, margin: float, null: str | None) -> Check:
    return Check(kind="equivalent_to", metric=metric, treatment="decay", control="l2", null=null,
                 threshold=Threshold(margin=margin))


L2 = Arm("l2", MNIST_MLP, "λ/2·|w|² added to the loss", overrides={"l2": LAMBDA})
NONE = Arm("none", MNIST_MLP, "no regularisation")

CLAIM = ClaimSpec(
    id="adam-l2-is-not-weight-decay",
    statement="An L2 penalty in the loss and decoupled weight decay of the same strength train "
              "a net to the same weights and accuracy (the paper: so for SGD, not for Adam).",
    sources=(Source("Loshchilov & Hutter, \"Decoupled Weight Decay Regularization\" (ICLR 2019)",
                    url="https://arxiv.org/abs/1711.05101"),),
    arms=(L2, Arm("decay", MNIST_MLP, "SGD's weight_decay: w shrinks by lr·λ a step",
                  overrides={"weight_decay": LAMBDA}), NONE),
    checks=(agree("weight_norm", 0.01, "none"), agree("test_acc", 0.002, "none")),
    datasets=("mnist",),
    budgets=mnist_mlp_budgets("sgd", 0.1),
    probes=(weight_norm,),
    expected={"smoke": Verdict.HOLDS, "full": Verdict.HOLDS},
    reported={},
)
ADAM = dataclasses.replace(
    CLAIM, variant="adam", budgets=mnist_mlp_budgets("adam", 1e-3),
    arms=(L2, Arm("decay", MNIST_MLP, "AdamW: w shrinks by lr·λ a step, apart from Adam's scaling",
                  overrides={"optimizer": "adamw", "weight_decay": LAMBDA}), NONE),
    checks=(agree("weight_norm", 0.01, None), agree("test_acc", 0.002, None)),  # null: `l2` itself
    expected={"smoke": Verdict.DOES_NOT_HOLD, "full": Verdict.DOES_NOT_HOLD})
CLAIMS = (CLAIM, ADAM)
