"""SGD with momentum reaches a higher held-out accuracy than plain SGD at the same budget.

Why believed: momentum averages successive gradients, so steps along a consistent direction
grow (up to 1 / (1 - momentum) times) while oscillating components cancel; it is the default
advice for plain SGD.
Arms, on post 001's 784-512-10 MLP with a ReLU, SGD at lr 0.15, batch 128: `plain` (no
momentum, the same runs as no-activation-is-linear's `relu` arm) and `momentum` (0.9, same lr).
The check compares held-out accuracy seed by seed. At the full budget (the source's 50
epochs) plain SGD nearly catches up: momentum leads by 0.24 points on average (SD 0.08 over
100 seeds, none by the margin of 0.5), so the claim does not hold there.
"""
from claims.setups import POST_001, POST_001_BUDGETS, POST_001_RELU
from fixtures.core.spec import Arm, Check, ClaimSpec, Threshold
from fixtures.rules.stats import Verdict

CLAIM = ClaimSpec(
    id="momentum-speeds-up-sgd",
    statement="SGD with momentum 0.9 ends with a higher held-out accuracy than plain SGD at "
              "the same learning rate and budget.",
    sources=(POST_001,),
    arms=(Arm("plain", POST_001_RELU.build, "plain SGD, lr 0.15"),
          Arm("momentum", POST_001_RELU.build, "momentum 0.9, same lr", overrides={"momentum": 0.9})),
    checks=(Check(kind="worse_than", metric="test_acc", treatment="plain", control="momentum",
                  threshold=Threshold(margin=0.005)),),
    datasets=("mnist",),
    budgets=POST_001_BUDGETS,
    expected={"smoke": Verdict.HOLDS, "full": Verdict.DOES_NOT_HOLD},
    reported={},
)
