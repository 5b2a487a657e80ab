"""A loss summed over the batch multiplies SGD's step by the batch size; Adam's step does not
notice.

Why believed: the sum's gradient is the mean's times the batch size B, and SGD's step is the
learning rate times the gradient, so summing is SGD at B times the rate; Adam divides the
gradient by the root of its squared average, so a constant factor cancels up to eps (Kingma &
Ba, section 2: the step is invariant to the gradient's scale).
Arms, post 003's 784-64-10 MLP on MNIST, batch 64: SGD at lr 0.1 and Adam at lr 1e-3, each with
the mean (`sgd-mean`, `adam-mean`, the same runs as forgot-zero-grad's) and the sum
(`sgd-sum`, `adam-sum`). Checks: SGD's sum ends far below its mean; Adam's sum ends within
0.01 of its mean (the null: SGD's sum standing in).
"""
from claims.setups import MNIST_MLP, mnist_mlp_budgets
from fixtures.core.spec import Arm, Check, ClaimSpec, Source, Threshold
from fixtures.rules.stats import Verdict

ADAM = {"optimizer": "adam", "lr": 1e-3}

CLAIM = ClaimSpec(
    id="summed-loss-scales-sgd-lr",
    statement="Summing the loss over a batch of 64 instead of averaging it throws SGD off at a "
              "rate that trains under the mean, and leaves Adam where the mean takes it.",
    sources=(Source("Kingma & Ba, \"Adam: A Method for Stochastic Optimization\" (ICLR 2015)",
                    url="https://arxiv.org/abs/1412.6980"),),
    arms=(Arm("sgd-mean", MNIST_MLP, "SGD at lr 0.1, the loss averaged over the batch"),
          Arm("sgd-sum", MNIST_MLP, "the same, the loss summed: SGD at 64 times the rate",
              overrides={"reduction": "sum"}),
          Arm("adam-mean", MNIST_MLP, "Adam at lr 1e-3, the loss averaged", overrides=ADAM),
          Arm("adam-sum", MNIST_MLP, "the same, the loss summed",
              overrides={**ADAM, "reduction": "sum"})),
    checks=(Check(kind="worse_than", metric="test_acc", treatment="sgd-sum", control="sgd-mean",
                  threshold=Threshold(margin=0.3)),
            Check(kind="equivalent_to", metric="test_acc", treatment="adam-sum",
                  control="adam-mean", null="sgd-sum", threshold=Threshold(margin=0.01))),
    datasets=("mnist",),
    budgets=mnist_mlp_budgets("sgd", 0.1),
    expected={"smoke": Verdict.HOLDS, "full": Verdict.HOLDS},
    reported={},
)
