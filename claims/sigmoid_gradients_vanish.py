"""In a deep sigmoid MLP the gradient shrinks layer by layer towards the input.

Why believed: backpropagation multiplies the error signal by σ'(z) ≤ 1/4 at every sigmoid
layer, so the first hidden layers learn far slower than the last (Nielsen, chapter 5: in a
784-30-30-30-30-10 sigmoid net on MNIST the first hidden layer learns about 100 times slower
than the fourth; Glorot & Bengio). Arms, Nielsen's net, SGD lr 0.1, batch 64, one epoch of
5 000 images: `sigmoid` (Xavier-normal weights, near Nielsen's variance 1/fan_in) and the null
`relu` (Kaiming-normal). Check: `grad_decades`, log10 of the first hidden layer's
bias-gradient norm over the fourth's, at most -1 in 3 of 5 seeds. Tried at lr 0.03, 0.1 and
0.3 (seeds 0-4): -1.8 to -2.05 decades, the ReLU net -0.12 to +0.41. The effect is the start
of training: at batch 10 for 3 epochs of 20 000 images the sigmoid net leaves its plateau
(held-out accuracy 0.60-0.77, 0.10 here) and the gap closes (-0.34 to +0.16).
"""
from functools import partial

from torch import nn

from fixtures.core.config import TrainConfig
from fixtures.core.spec import Arm, Check, ClaimSpec, Source, Threshold
from fixtures.engine.models import mlp
from fixtures.engine.probes import grad_decades
from fixtures.rules.stats import Verdict

NIELSEN = (784, 30, 30, 30, 30, 10)

CLAIM = ClaimSpec(
    id="sigmoid-gradients-vanish",
    statement="In a 784-30-30-30-30-10 sigmoid MLP the first hidden layer's gradient is at least "
              "ten times smaller than the last hidden layer's.",
    sources=(Source("Nielsen, \"Neural Networks and Deep Learning\" (2015), chapter 5: why are "
                    "deep neural networks hard to train?",
                    url="http://neuralnetworksanddeeplearning.com/chap5.html"),
             Source("Glorot & Bengio, \"Understanding the difficulty of training deep feedforward "
                    "neural networks\" (AISTATS 2010)",
                    url="https://proceedings.mlr.press/v9/glorot10a.html")),
    arms=(Arm("sigmoid", partial(mlp, NIELSEN, activation=nn.Sigmoid, init="xavier"),
              "sigmoid after each hidden layer, Xavier-normal weights"),
          Arm("relu", partial(mlp, NIELSEN, init="kaiming"), "ReLU, Kaiming-normal weights")),
    checks=(Check(kind="at_most", metric="grad_decades", treatment="sigmoid", null="relu",
                  threshold=Threshold(margin=-1.0)),),
    datasets=("mnist",),
    budgets={
        # 79 steps of a net of 25 000 weights: about a second for both arms, 5 seeds stacked
        "smoke": TrainConfig("sgd", 0.1, batch_size=64, epochs=1, train_size=5000,
                             test_size=1000),
        # Nielsen's own: mini-batches of 10 at lr 0.1 for 30 epochs of 50 000 images
        "full": TrainConfig("sgd", 0.1, batch_size=10, epochs=30, holdout=10000),
    },
    probes=(grad_decades,),
    expected={"smoke": Verdict.HOLDS, "full": Verdict.DOES_NOT_HOLD},
    reported={"mnist": "784-30-30-30-30-10 sigmoid net: the first hidden layer learns about 100 "
                       "times slower than the fourth"},
)
