"""Even on non-negative targets a ReLU output can die: all zeros, the loss stuck at the mean.

Why believed otherwise: the answer to post 002 says a ReLU on the output does no harm when the
targets are intensities 0-255: "it will not even filter out any negative values".
Arms, with sigmoid-caps-autoencoder's autoencoder on MNIST scaled to [0, 1]: `relu` and
`identity` (the null arm, never exactly 0). The check counts seeds whose ReLU output is exactly
0 on nearly every evaluation pixel (`zero_outputs`): such an output gets no gradient and stays
dead, its L1 error the mean target. Not checked: that identity outputs learn instead; under L1
an all-zero image is MNIST's best constant, and at this budget they sit near it too, alive.
"""
from claims.setups import (
    AUTOENCODER_IDENTITY,
    AUTOENCODER_RELU,
    POST_002,
    autoencoder_budgets,
)
from fixtures.core.spec import Check, ClaimSpec, Threshold
from fixtures.rules.stats import Verdict

CLAIM = ClaimSpec(
    id="relu-output-can-die",
    statement="On targets in [0, 1], an autoencoder's ReLU output dies to an all-zero "
              "reconstruction in most seeds, its loss stuck at the mean target.",
    sources=(POST_002,),
    arms=(AUTOENCODER_RELU, AUTOENCODER_IDENTITY),
    checks=(Check(kind="at_least", metric="zero_outputs", treatment="relu", null="identity",
                  threshold=Threshold(margin=0.99, min_support=0.6)),),
    datasets=("mnist",),
    budgets=autoencoder_budgets("reconstruct-unit", train_size=1024, batch_size=64, epochs=3),
    expected={"smoke": Verdict.HOLDS},
    reported={"mnist": "the answer: a ReLU output is harmless for non-negative targets (no figures)"},
)
