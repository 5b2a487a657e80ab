"""A ReLU on the logits before CrossEntropyLoss costs a classifier accuracy.

Why believed: CrossEntropyLoss wants unbounded logits; a ReLU clips them to [0, inf), so a class
whose score is clipped to 0 gets no gradient through it and is never predicted over a positive
rival (the answer to post 000, whose Fashion-MNIST CNN falls from 90% to 50%).
Arms, on post 000's CNN, optimizer and batch: `plain` (as published), `relu-logits` (a ReLU
after fc2), `relu-both` (ReLUs after fc1 and fc2, the post's failing setting); the check
compares `relu-both` with `plain` seed by seed. `dead_classes` records the mechanism.
Variant `mlp` (post 003, after the PyTorch nn tutorial): 784-64-10 with a ReLU on the scores
(`relu-logits`) against the same net without it (`plain`), plain SGD. The ReLU strikes some
seeds and spares others (about 1 seed in 2 loses 5 points or more), so its check is a risk over
seeds, not a mean shift: one struck seed of ten carries it. After the full budget's 50 epochs
115 of 400 seeds stay struck, 9 to 30 points behind: a set of ten misses them all in about 3% of
sets.
"""
import dataclasses
from functools import partial

from claims.setups import (
                           POST_000,
                           POST_003,
                           SCORES_RELU_ARMS,
                           SCORES_RELU_BUDGETS,
                           SCORES_RELU_SEEDS,
                           SOURCE_CNN_BUDGETS,
)
from fixtures.core.spec import Arm, Check, ClaimSpec, Threshold
from fixtures.engine.models import source_cnn
from fixtures.rules.stats import Verdict

CLAIM = ClaimSpec(
    id="output-relu-logits",
    statement="A ReLU on the logits before CrossEntropyLoss costs test accuracy, because classes "
              "and inputs whose scores are clipped to 0 get no gradient through them.",
    sources=(POST_000, POST_003),
    arms=(Arm("plain", source_cnn, "the post's model as published"),
          Arm("relu-logits", partial(source_cnn, logit_relu=True), "ReLU after fc2 (the logits)"),
          Arm("relu-both", partial(source_cnn, hidden_relu=True, logit_relu=True),
              "ReLU after fc1 and fc2: the post's failing setting")),
    checks=(Check(kind="worse_than", metric="test_acc", treatment="relu-both", control="plain",
                  threshold=Threshold(margin=0.10, min_support=0.6)),),
    datasets=("fashion-mnist", "mnist"),
    budgets=SOURCE_CNN_BUDGETS,
    expected={"smoke": Verdict.HOLDS},
    reported={"fashion-mnist": "plain 90% test accuracy, relu-both 50%"},
)

MLP = dataclasses.replace(
    CLAIM,
    variant="mlp",
    sources=(POST_003,),
    arms=SCORES_RELU_ARMS,
    checks=(Check(kind="worse_in_some", metric="test_acc", treatment="relu-logits", control="plain",
                  threshold=Threshold(margin=0.05, min_support=0.1)),),
    datasets=("mnist",),
    seeds=SCORES_RELU_SEEDS,
    budgets=SCORES_RELU_BUDGETS,
    expected={"smoke": Verdict.HOLDS, "full": Verdict.HOLDS},
    reported={"mnist": "relu-logits validation loss 0.134 (epoch 0), 0.090 (10), 0.108 (40); "
                       "rows of scores with several non-zero values"},
)

CLAIMS = (CLAIM, MLP)
