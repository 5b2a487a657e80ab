"""Rows of scores are read by argmax; behind a ReLU, all-zero rows all vote for class 0.

Source: post 003, "pytorch MNIST 神经网络产生几个非零输出" (the network outputs several non-zero
values): the answer says a row of 10 scores with several non-zero values is normal, the
predicted class is the row's argmax, and softmax turns a row into probabilities.

Decided, on post 003's model (784-64-10 with a ReLU on the scores, `relu-logits`) against the
same net without the final ReLU (`plain`), on the runs of output-relu-logits-mlp: class 0 is
over-predicted (`class0_excess`: predicted share minus true share) by at least 2 points in at
least 2 of 10 seeds. An all-zero row's argmax is index 0, so every row the ReLU kills is read as
class 0. The null arm is `plain` standing in, with no zero rows.
Measured and recorded, not decided: the share of rows with two or more positive scores
(`multi_positive_rows`), and that each row's softmax sums to 1 (`softmax_sum_error`) and peaks
at the scores' argmax (`softmax_argmax_agreement`). Those are identities or descriptions of a
trained model: no control arm could remove them, so no check on them could fail.

Calibration (2026-11-22, torch 2.14.1+cu130 on CPU, 2 threads; smoke budget, seeds 0-11):
  class0_excess  relu-logits: 5 of 12 seeds +0.050..+0.228 (the seeds with 6.6-32.7% all-zero
                 rows), the rest -0.013..+0.004; plain -0.001..+0.002 in every seed. With
                 p = 5/12, fewer than 2 of 10 seeds struck has probability 3.5%.
  identities     softmax sums within 4.2e-7 of 1; argmax agreement 1.0 in all 24 runs.
  rows           multi_positive_rows: plain 0.9999-1.0 at 96% accuracy; relu-logits 0.31-1.0.
Re-checked with the seeds stacked (session 3, same torch and device; seed sets 0-9, 10-19,
20-29): relu-logits class0_excess -0.013..+0.228, 20 of 30 seeds >= 0.02 over plain; plain
-0.004..+0.003; set means +0.045, +0.072, +0.090; holds in 3 of 3 sets.
False failures at smoke, argmax-reads-scores (issue 6; 2026-11-22, torch 2.14.1 CPU, 2 threads;
20 disjoint sets of 10 seeds, seeds 0-199): mnist 0 of 20.
"""
from claims.output_relu_logits import MLP
from claims.spec import Check, ClaimSpec, Source, Threshold
from fixtures.probes import score_rows

CLAIM = ClaimSpec(
    id="argmax-reads-scores",
    statement="A classifier's rows of scores are read by their argmax, so with a ReLU on the "
              "scores every all-zero row is read as class 0, which is then over-predicted.",
    sources=(Source("003", "pytorch MNIST 神经网络产生几个非零输出"),),
    arms=MLP.arms,
    checks=(Check(kind="worse_in_some", metric="class0_excess", treatment="relu-logits",
                  control="plain", threshold=Threshold(margin=0.02, min_support=0.2)),),
    datasets=("mnist",),
    budgets=dict(MLP.budgets),
    seeds=MLP.seeds,
    probes=(score_rows,),
    expected="holds",
    reported={"mnist relu-logits": "validation rows such as [0, 0, 0, ..., 28.44, 0, 5.00]: several "
                                   "non-zero scores; argmax picks the class"},
    calibration="12 seeds at smoke, torch 2.14.1 CPU: class 0 over-predicted by 5.0-22.8 points "
                "in 5 of 12 seeds, under 0.4 in the rest; P(fewer than 2 of 10) = 3.5%",
)
