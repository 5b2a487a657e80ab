"""A ReLU output cannot go negative: on targets with negative values it loses to no activation.

Why believed: the answer to post 002: "imagine you want to predict real values, positive, zero
or even negative: would you use ReLU on the output? ... it could never predict a negative value".
Arms, with sigmoid-caps-autoencoder's autoencoder on standardised MNIST ((x - 0.1307) / 0.3081:
the background is -0.42): `relu` and `identity` (no output activation, also the null arm),
compared seed by seed on L1 error. Recorded, not decided: `below_sign_floor`, how far each arm
ends above mean(max(0, -y)), the error no non-negative output can get under.
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
    id="relu-output-cannot-go-negative",
    statement="On targets with negative values, an autoencoder with a ReLU output reconstructs "
              "worse than one without an output activation.",
    sources=(POST_002,),
    arms=(AUTOENCODER_RELU, AUTOENCODER_IDENTITY),
    checks=(Check(kind="worse_than", metric="test_loss", treatment="relu", control="identity",
                  threshold=Threshold(margin=0.1)),),
    datasets=("mnist",),
    budgets=autoencoder_budgets("reconstruct-standardized", train_size=1024, batch_size=64, epochs=3),
    expected={"smoke": Verdict.HOLDS},
    reported={"mnist": "no figures: a ReLU output could never predict a negative value"},
)
