"""Rows of scores are read by argmax; behind a ReLU, all-zero rows all vote for class 0.

Why believed: the answer to post 003 says a row of 10 scores with several non-zero values is
normal, the predicted class is the row's argmax, and softmax turns a row into probabilities.
An all-zero row's argmax is index 0, so every row a ReLU on the scores kills is read as class 0.
Arms: output-relu-logits-mlp's, on its runs: post 003's 784-64-10 with a ReLU on the scores
(`relu-logits`) against the same net without it (`plain`, also the null arm). The check counts
seeds where class 0 is over-predicted (`class0_excess`: predicted share minus true share) by 2
points or more: the ReLU strikes about 1 seed in 2, so one struck seed of ten carries it.
Recorded, not decided: rows with two or more positive scores, and that each row's softmax sums
to 1 and peaks at the argmax; those are identities, no arm could remove them. After the full
budget's 50 epochs it strikes 115 of 400 seeds: a set of ten misses them all in about 3% of
sets.
"""
from claims.setups import (
    POST_003,
    SCORES_RELU_ARMS,
    SCORES_RELU_BUDGETS,
    SCORES_RELU_SEEDS,
)
from fixtures.core.spec import Check, ClaimSpec, Threshold
from fixtures.engine.probes import score_rows
from fixtures.rules.stats import Verdict

CLAIM = ClaimSpec(
    id="argmax-reads-scores",
    statement="A classifier's rows of scores are read by their argmax, so with a ReLU on the "
              "scores every all-zero row is read as class 0, which is then over-predicted.",
    sources=(POST_003,),
    arms=SCORES_RELU_ARMS,
    checks=(Check(kind="worse_in_some", metric="class0_excess", treatment="relu-logits",
                  control="plain", threshold=Threshold(margin=0.02, min_support=0.1)),),
    datasets=("mnist",),
    budgets=SCORES_RELU_BUDGETS,
    seeds=SCORES_RELU_SEEDS,
    probes=(score_rows,),
    expected={"smoke": Verdict.HOLDS, "full": Verdict.HOLDS},
    reported={"mnist": "validation rows such as [0, 0, 0, ..., 28.44, 0, 5.00]: several "
                       "non-zero scores; argmax picks the class"},
)
