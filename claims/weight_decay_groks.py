"""With weight decay, held-out accuracy on modular addition climbs long after the training pairs
are fit; without it, it stays where memorising leaves it.

Why believed: Power et al. saw it ("grokking") in small transformers, weight decay the strongest
help; Nanda et al. trace it to decay slowly replacing a memorising solution by a general one;
Gromov shows the same in a two-layer MLP on one-hot pairs, the net used here.
Arms, a 62-128-31 ReLU MLP on the one-hot pairs (a, b) below 31, 672 of the 961 for training,
full-batch AdamW at lr 1e-2 for 600 steps: `weight-decay` (1.0, as Nanda et al.) and `no-decay`.
Checks: no-decay ends behind on held-out accuracy by 0.3; with decay that accuracy gains 0.5 or
more after the training pairs are fit (99%). Variant `adam-l2`: Adam's own weight_decay, an L2
term, at 1e-3, the largest of 1, 0.1, 0.01 and 0.001 at which Adam fits the training pairs.
Scale: the sources train transformers on p = 97 and 113 for 10⁴-10⁵ steps. A 1-block one here
(p 31, half the pairs) fit them at once and stayed at 47% held-out over 3 000 steps; this MLP on
half the pairs climbed too slowly for a smoke budget (29% after 2 000 steps), hence 70%.
"""
import dataclasses
from functools import partial

from fixtures.core.config import TrainConfig
from fixtures.core.spec import Arm, Check, ClaimSpec, Source, Threshold
from fixtures.data.sequences import MOD_TRAIN, MODULUS
from fixtures.engine.models import mlp
from fixtures.engine.probes import acc_gain_after_fit
from fixtures.rules.stats import Verdict

ONE_HOT_MLP = partial(mlp, widths=(2 * MODULUS, 128, MODULUS), one_hot=MODULUS)


def budgets(optimizer: str, weight_decay: float) -> dict[str, TrainConfig]:
    common = {"batch_size": MOD_TRAIN, "task": "classify-and-fit", "weight_decay": weight_decay}
    return {
        # 600 full-batch steps, 5 seeds stacked: about 3 s an arm on 2 cores
        "smoke": TrainConfig(optimizer, 1e-2, epochs=600, eval_every=20, **common),
        # Nanda et al.'s rate (1e-3) with 10 times the steps, a 512-wide hidden layer
        "full": TrainConfig(optimizer, 1e-3, epochs=6000, eval_every=100, **common,
                            model_args=(("widths", (2 * MODULUS, 512, MODULUS)),)),
    }


def climbs_after_fit(arm: str) -> Check:
    return Check(kind="at_least", metric="acc_gain_after_fit", treatment=arm, null="no-decay",
                 threshold=Threshold(margin=0.5))


CLAIM = ClaimSpec(
    id="weight-decay-groks",
    statement="With weight decay, held-out accuracy on modular addition climbs long after the "
              "training pairs are fit; without it, at the same budget, it does not.",
    sources=(Source("Power, Burda, Edwards, Babuschkin & Misra, \"Grokking: Generalization "
                    "Beyond Overfitting on Small Algorithmic Datasets\" (2022)",
                    url="https://arxiv.org/abs/2201.02177"),
             Source("Nanda, Chan, Lieberum, Smith & Steinhardt, \"Progress measures for grokking "
                    "via mechanistic interpretability\" (ICLR 2023)",
                    url="https://arxiv.org/abs/2301.05217"),
             Source("Gromov, \"Grokking modular arithmetic\" (2023)",
                    url="https://arxiv.org/abs/2301.02679")),
    arms=(Arm("weight-decay", ONE_HOT_MLP, "AdamW, weight decay 1"),
          Arm("no-decay", ONE_HOT_MLP, "AdamW, weight decay 0", overrides={"weight_decay": 0.0})),
    checks=(Check(kind="worse_than", metric="test_acc", treatment="no-decay", control="weight-decay",
                  threshold=Threshold(margin=0.3)),
            climbs_after_fit("weight-decay")),
    datasets=("modular-addition",),
    budgets=budgets("adamw", 1.0),
    probes=(acc_gain_after_fit,),
    expected={"smoke": Verdict.HOLDS, "full": Verdict.HOLDS},
    reported={},
)

ADAM_L2 = dataclasses.replace(
    CLAIM, variant="adam-l2", budgets=budgets("adam", 1e-3),
    arms=(Arm("adam-l2", ONE_HOT_MLP, "Adam, an L2 term of 1e-3 in the gradient"),
          Arm("no-decay", ONE_HOT_MLP, "AdamW at weight decay 0, which is Adam without the term "
                                       "(the main claim's runs)",
              overrides={"optimizer": "adamw", "weight_decay": 0.0})),
    checks=(Check(kind="worse_than", metric="test_acc", treatment="no-decay", control="adam-l2",
                  threshold=Threshold(margin=0.3)),
            climbs_after_fit("adam-l2")),
    expected={"smoke": Verdict.HOLDS, "full": Verdict.HOLDS})

CLAIMS = (CLAIM, ADAM_L2)
