"""Refuted: the deep net's stall on the sin points does not come from its depth or width.

Why believed: post 004 guesses that its [1, 50, 25, 12, 1] net stalls "perhaps because there
are too many neurons while the input is a single x", and that fewer neurons made it worse.
If so, the same net would stall at a smaller step size too.
Arms: deep-elu-sin-stall's, on its runs. The check is the collapse check of deep-elu-sin-stall
applied to the net at lr 1e-3 (`adam-lr1e-3`); the null arm `adam-lr0.1` standing in shows it
can come out the other way. Expected: does not hold. What stalls the net is the step size.
Not checked: the post's narrower [1, 12, 6, 3, 1] nets.
"""
from claims.setups import DEEP_ELU_ARMS, DEEP_ELU_BUDGETS, DEEP_ELU_SEEDS, POST_004
from fixtures.core.spec import Check, ClaimSpec, Threshold
from fixtures.rules.stats import Verdict

CLAIM = ClaimSpec(
    id="sin-stall-is-not-depth",
    statement="The [1, 50, 25, 12, 1] net's stall on 10 sin points comes from having too many "
              "neurons for one input, so it stalls at a smaller step size too.",
    sources=(POST_004,),
    arms=DEEP_ELU_ARMS,
    checks=(Check(kind="at_most", metric="pred_spread", treatment="adam-lr1e-3", null="adam-lr0.1",
                  threshold=Threshold(margin=0.01, min_support=0.3)),),
    datasets=("sin",),
    seeds=DEEP_ELU_SEEDS,  # deep-elu-sin-stall's: the two claims share their runs
    budgets=DEEP_ELU_BUDGETS,
    expected={"smoke": Verdict.DOES_NOT_HOLD, "full": Verdict.DOES_NOT_HOLD},
    reported={"sin": "a guess, no figures: too many neurons for a single input"},
)
