"""Without an activation, a multi-layer network is one affine map, and less accurate for it.

Source: post 001, "激活函数Relu对精度和损失的影响研究" (a study of ReLU's effect on accuracy and
loss): MNIST, 784→512→10 fully connected, SGD lr 0.15, batch 128, 50 epochs, trained with and
without a ReLU after the hidden layer; the answer in post 002 gives the reason: "a composition
of linear functions is linear".

Checked, on the network trained without activation (`linear`):
  1. it is exactly affine: f(ax + by) = af(x) + bf(y) + (1 - a - b)f(0) on real evaluation
     images, to float32 rounding (`affine_residual`, relative to the outputs' scale);
  2. its held-out accuracy is below the ReLU network's (`relu`) by a calibrated margin.
The null arm for check 1 is `relu`, which is not affine. The source's split of 50 000 / 10 000
training images is used (the held-out 10 000 are the last of the training split; the post
splits at random). Not checked: the post's plots, whose "validation" curve is measured on the
training loader (its `test(train_loader, ...)` call).

Calibration (2026-11-22, torch 2.14.1+cu130 on CPU, 2 threads; smoke budget, seeds 0-10):
  affine_residual  linear at most 2.6e-7 in every seed; relu at least 0.29. The bound 1e-4 sits
                   about 400 times above the one and 3 000 times below the other.
  test_acc         linear 0.903-0.920, relu 0.948-0.957; relu minus linear +0.034..+0.045,
                   mean +0.038. The margin 0.02 is about half of it; all 462 five-seed subsets
                   of these 11 seeds hold.
False failures at smoke, no-activation-is-linear (issue 6; 2026-11-22, torch 2.14.1 CPU, 2
threads; 20 disjoint sets of 5 seeds, seeds 0-99): mnist 0 of 20.
"""
from functools import partial

from claims.spec import Arm, Check, ClaimSpec, Source, Threshold
from fixtures.models import mlp
from fixtures.probes import affine_residual
from fixtures.train import TrainConfig

SOURCE = Source("001", "激活函数Relu对精度和损失的影响研究")
ARMS = (Arm("linear", partial(mlp, (784, 512, 10), activation=None), "no activation, as the post's first run"),
        Arm("relu", partial(mlp, (784, 512, 10)), "ReLU after the hidden layer, the post's second run"))
BUDGETS = {  # shared with relu-smooths-curves, so both claims decide on the same runs
    # 10 epochs on 20 000 images: enough epochs for a curve, about 4 s a run on 2 cores.
    "smoke": TrainConfig("sgd", 0.15, batch_size=128, epochs=10, train_size=20000, holdout=10000),
    "full": TrainConfig("sgd", 0.15, batch_size=128, epochs=50, holdout=10000),
}

CLAIM = ClaimSpec(
    id="no-activation-is-linear",
    statement="A 784-512-10 network without activation is exactly an affine map, and ends "
              "at least 2 points of held-out accuracy below the same network with a ReLU.",
    sources=(SOURCE, Source("002", "ReLU可以用在神经网络的最后一层吗?")),
    arms=ARMS,
    checks=(Check(kind="at_most", metric="affine_residual", treatment="linear", null="relu",
                  threshold=Threshold(margin=1e-4)),
            Check(kind="worse_than", metric="test_acc", treatment="linear", control="relu",
                  threshold=Threshold(margin=0.02))),
    datasets=("mnist",),
    budgets=BUDGETS,
    probes=(affine_residual,),
    expected="holds",
    reported={"mnist": "curves only (no figures): both learn; without ReLU the curves jitter"},
    calibration="11 seeds at smoke, torch 2.14.1 CPU: residual <= 2.6e-7 (relu >= 0.29); accuracy "
                "gap +0.034..+0.045; all 462 five-seed subsets hold",
)
