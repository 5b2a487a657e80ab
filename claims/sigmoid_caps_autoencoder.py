"""A sigmoid output caps an autoencoder at 1, so on 0-255 intensities its loss stalls.

Why believed: post 002's convolutional autoencoder (L1 loss, default Adam, unscaled data) logs
12.363 -> 12.340 over 4 epochs with a sigmoid output and 9.82 -> 6.61 with ReLU; the answer: a
sigmoid maps into (0, 1), so the model cannot predict the values.
Arms, on Fashion-MNIST 0-255 as inputs and targets, with the post's autoencoder adapted to
28x28 and started as Keras starts it: `sigmoid` and `relu` outputs. Checks: the sigmoid's L1
error ends on the floor any output capped at 1 must make (`cap_floor_gap`; the null arm `relu`
ends far below it), and above the ReLU output's. Why not MNIST: 80% of its pixels are 0, so an
all-zero output is the best constant under L1, and every output tried sits on it there.
Why Keras's start (Glorot kernels, zero biases): with PyTorch's default init the ReLU output
died in 11 of 12 MNIST seeds before any learning.
"""
from claims.setups import (
    AUTOENCODER_RELU,
    AUTOENCODER_SIGMOID,
    POST_002,
    autoencoder_budgets,
)
from fixtures.core.spec import Check, ClaimSpec, Threshold
from fixtures.rules.stats import Verdict

CLAIM = ClaimSpec(
    id="sigmoid-caps-autoencoder",
    statement="On intensities 0-255, an autoencoder with a sigmoid output stalls at the error "
              "its cap at 1 forces, while a ReLU output's error falls well below it.",
    sources=(POST_002,),
    arms=(AUTOENCODER_SIGMOID, AUTOENCODER_RELU),
    checks=(Check(kind="at_most", metric="cap_floor_gap", treatment="sigmoid", null="relu",
                  threshold=Threshold(margin=0.02, min_support=0.6)),
            Check(kind="worse_than", metric="test_loss", treatment="sigmoid", control="relu",
                  threshold=Threshold(margin=20.0))),
    datasets=("fashion-mnist",),
    budgets=autoencoder_budgets("reconstruct-255", train_size=1024, batch_size=32, epochs=4),
    expected={"smoke": Verdict.HOLDS},
    reported={"fashion-mnist": "post's own data: sigmoid L1 12.363 -> 12.340 over 4 epochs, "
                               "ReLU 9.824 -> 6.614"},
)
