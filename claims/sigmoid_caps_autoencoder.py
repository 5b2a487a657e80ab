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
from functools import partial

from torch import nn

from claims.spec import Arm, Check, ClaimSpec, Source, Threshold
from fixtures.config import TrainConfig
from fixtures.models import conv_autoencoder
from fixtures.stats import Verdict

SOURCE = Source("ReLU可以用在神经网络的最后一层吗?", post="002")
SIGMOID = Arm("sigmoid", partial(conv_autoencoder, output=nn.Sigmoid), "the post's first output")
RELU = Arm("relu", partial(conv_autoencoder, output=nn.ReLU), "the post's second output")
IDENTITY = Arm("identity", conv_autoencoder, "no output activation")


def budgets(task: str, train_size: int, batch_size: int, epochs: int) -> dict[str, TrainConfig]:
    """The autoencoder budgets for targets at the scale `task` names; the full one is the post's
    (width 64, batch 256, all 60 000 images, 4 epochs: its log shows 4 of its 100)."""
    return {
        "smoke": TrainConfig("adam", 1e-3, batch_size=batch_size, epochs=epochs, train_size=train_size,
                             test_size=500, loss="l1", task=task, model_args=(("width", 16),)),
        "full": TrainConfig("adam", 1e-3, batch_size=256, epochs=4, loss="l1", task=task,
                            eval_batch=500),
    }


CLAIM = ClaimSpec(
    id="sigmoid-caps-autoencoder",
    statement="On intensities 0-255, an autoencoder with a sigmoid output stalls at the error "
              "its cap at 1 forces, while a ReLU output's error falls well below it.",
    sources=(SOURCE,),
    arms=(SIGMOID, RELU),
    checks=(Check(kind="at_most", metric="cap_floor_gap", treatment="sigmoid", null="relu",
                  threshold=Threshold(margin=0.02, min_support=0.6)),
            Check(kind="worse_than", metric="test_loss", treatment="sigmoid", control="relu",
                  threshold=Threshold(margin=20.0))),
    datasets=("fashion-mnist",),
    budgets=budgets("reconstruct-255", train_size=1024, batch_size=32, epochs=4),
    expected={"smoke": Verdict.HOLDS},
    reported={"fashion-mnist": "post's own data: sigmoid L1 12.363 -> 12.340 over 4 epochs, "
                               "ReLU 9.824 -> 6.614"},
)
