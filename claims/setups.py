"""Setups that several claims share: sources, nets, arms and budgets. Not a claim.

Claims that train the same net under the same budget share their runs through the run cache,
so a setup changed here changes every claim that names it: each is listed beside it.
"""
from functools import partial

from torch import nn

from fixtures.core.config import TrainConfig
from fixtures.core.spec import Arm, Source
from fixtures.engine.models import conv_autoencoder, mlp
from fixtures.engine.transformer import transformer

# Sources -------------------------------------------------------------------------------------
POST_000 = Source("为什么在线性层后使用ReLU激活函数会导致准确率下降", post="000")
POST_001 = Source("激活函数Relu对精度和损失的影响研究", post="001")
POST_002 = Source("ReLU可以用在神经网络的最后一层吗?", post="002")
POST_003 = Source("pytorch MNIST 神经网络产生几个非零输出", post="003")
POST_004 = Source("Pytorch全连接网络:激活函数对一维拟合问题的影响探讨;网络加深后带来的loss不降问题",
                  post="004")
KARPATHY_MISTAKES = Source(
    "Andrej Karpathy, \"most common neural net mistakes\" (tweet thread, 1 July 2018)",
    url="https://twitter.com/karpathy/status/1013244313327681536")
KARPATHY_RECIPE = Source(
    "Andrej Karpathy, \"A Recipe for Training Neural Networks\" (blog post, 25 April 2019)",
    url="https://karpathy.github.io/2019/04/25/recipe/")


def pytorch_docs(name: str) -> Source:
    """PyTorch's reference page of `name`, e.g. "torch.nn.Dropout"."""
    return Source(f"PyTorch documentation, {name}",
                  url=f"https://docs.pytorch.org/docs/stable/generated/{name}.html")


# Post 003's 784-64-10 MLP on MNIST, batch 64: the second catalogue's common net ---------------
MNIST_MLP = partial(mlp, (784, 64, 10))


def mnist_mlp_budgets(optimizer: str, lr: float) -> dict[str, TrainConfig]:
    """forgot-zero-grad, softmax-into-cross-entropy, adam-l2-is-not-weight-decay,
    high-lr-kills-relus and adam-is-forgiving train under these."""
    return {
        # 625 steps on 20 000 images: about a second per arm, 5 seeds stacked, on 2 cores
        "smoke": TrainConfig(optimizer, lr, batch_size=64, epochs=2, train_size=20000,
                             test_size=5000),
        # The source names no setting; 10 epochs of all 60 000 images is what users run.
        "full": TrainConfig(optimizer, lr, batch_size=64, epochs=10),
    }


# Post 003's MLP with a ReLU on its scores: output-relu-logits-mlp and argmax-reads-scores ----
SCORES_RELU_ARMS = (
    Arm("plain", MNIST_MLP, "784-64-10 with a hidden ReLU"),
    Arm("relu-logits", partial(mlp, (784, 64, 10), logit_relu=True), "the post's model"))
SCORES_RELU_BUDGETS = {
    # lr 0.1: at the tutorial's 0.5 the ReLU strikes fewer seeds (3 of 12, not 5 of 12)
    "smoke": TrainConfig("sgd", 0.1, batch_size=64, epochs=5, holdout=10000),
    # The post states neither lr nor epochs; its log reaches epoch 40.
    "full": TrainConfig("sgd", 0.1, batch_size=64, epochs=50, holdout=10000),
}
SCORES_RELU_SEEDS = 10

# Post 000's CNN, optimizer and batch: output-relu-logits and hidden-relu-harmless ------------
SOURCE_CNN_BUDGETS = {
    # 80 Adam steps and a 5 000-image test set: about a minute per dataset on 2 cores.
    "smoke": TrainConfig("adam", 1e-3, batch_size=100, epochs=1, train_size=8000, test_size=5000),
    # The post's setting; it gives no epoch count, 5 epochs is where `plain` reaches its 90%.
    "full": TrainConfig("adam", 1e-3, batch_size=100, epochs=5),
}

# Post 001's 784-512-10 net: no-activation-is-linear, relu-smooths-curves, momentum-speeds-up-sgd
POST_001_LINEAR = Arm("linear", partial(mlp, (784, 512, 10), activation=None),
                      "no activation, as the post's first run")
POST_001_RELU = Arm("relu", partial(mlp, (784, 512, 10)),
                    "ReLU after the hidden layer, the post's second run")
POST_001_BUDGETS = {
    # 10 epochs on 20 000 images: enough epochs for a curve, about 4 s a run on 2 cores.
    "smoke": TrainConfig("sgd", 0.15, batch_size=128, epochs=10, train_size=20000, holdout=10000),
    "full": TrainConfig("sgd", 0.15, batch_size=128, epochs=50, holdout=10000),
}

# Post 002's autoencoder: sigmoid-caps-autoencoder, relu-output-can-die,
# relu-output-cannot-go-negative
AUTOENCODER_SIGMOID = Arm("sigmoid", partial(conv_autoencoder, output=nn.Sigmoid),
                          "the post's first output")
AUTOENCODER_RELU = Arm("relu", partial(conv_autoencoder, output=nn.ReLU), "the post's second output")
AUTOENCODER_IDENTITY = Arm("identity", conv_autoencoder, "no output activation")


def autoencoder_budgets(task: str, train_size: int, batch_size: int,
                        epochs: int) -> dict[str, TrainConfig]:
    """The autoencoder budgets for targets at the scale `task` names; the full one is the post's
    (width 64, batch 256, all 60 000 images, 4 epochs: its log shows 4 of its 100)."""
    return {
        "smoke": TrainConfig("adam", 1e-3, batch_size=batch_size, epochs=epochs, train_size=train_size,
                             test_size=500, loss="l1", task=task, model_args=(("width", 16),)),
        "full": TrainConfig("adam", 1e-3, batch_size=256, epochs=4, loss="l1", task=task,
                            eval_batch=500),
    }


# Post 004's deep ELU net on 10 sin points: deep-elu-sin-stall and sin-stall-is-not-depth ------
DEEP_ELU = partial(mlp, (1, 50, 25, 12, 1), activation=nn.ELU)
DEEP_ELU_ARMS = (
    Arm("adam-lr0.1", DEEP_ELU, "the post's net and step size"),
    Arm("adam-lr1e-3", DEEP_ELU, "the same net, a step 100 times smaller", overrides={"lr": 1e-3}))
DEEP_ELU_BUDGETS = {
    # An epoch is the 10 points, one per step: 300 epochs are 3 000 steps, about 3 s a run.
    "smoke": TrainConfig("adam", 0.1, batch_size=1, epochs=300, loss="mse", task="regress", eval_every=30),
    "full": TrainConfig("adam", 0.1, batch_size=1, epochs=1000, loss="mse", task="regress", eval_every=100),
}
DEEP_ELU_SEEDS = 10  # whether one seed collapses turns on rounding: 10 stacked cost about what 5 do

# A small BatchNorm CNN on MNIST: forgot-eval-batchnorm and bias-before-batchnorm-is-dead ------
BN_CNN_BUDGETS = {  # one evaluation, after the last epoch, so every arm evaluates one training run
    # 125 steps: about 1.5 s per seed on 2 cores
    "smoke": TrainConfig("sgd", 0.1, batch_size=64, epochs=1, train_size=8000, test_size=2000),
    # The source names no setting; 5 epochs of all 60 000 images
    "full": TrainConfig("sgd", 0.1, batch_size=64, epochs=5, eval_every=5),
}


# A 1-block transformer on the synthetic Markov language (vocabulary 64) -----------------------
LANGUAGE_TRANSFORMER = partial(transformer, vocab=64)  # lr-decay-beats-constant, bf16-weights-
                                                       # need-fp32-master, fp16-needs-grad-scaler


def language_budgets(lr: float, schedule: str = "cosine") -> dict[str, TrainConfig]:
    """lr-decay-beats-constant, weight-tying: Adam for 128 steps of 64 sequences at smoke (4
    epochs of 2 048), about 0.6 s a run on 2 cores; at full, 4 blocks of width 128 for 20 epochs
    (no source names a setting this small)."""
    common = {"loss": "token_cross_entropy", "task": "next-token", "schedule": schedule}
    return {"smoke": TrainConfig("adam", lr, batch_size=64, epochs=4, **common),
            "full": TrainConfig("adam", lr, batch_size=64, epochs=20, **common,
                                model_args=(("depth", 4), ("width", 128), ("heads", 4)))}
