"""Model builders: the shapes the claims rely on and how each starts."""
from __future__ import annotations

from functools import partial

import pytest
import torch
from torch import nn

from fixtures.engine.models import (
    ChannelsFirst,
    bn_cnn,
    channels_last,
    conv_autoencoder,
    mlp,
)


@pytest.mark.parametrize("width", [16, 64])
def test_the_autoencoder_gives_back_a_28x28_image(width):
    assert conv_autoencoder(width=width)(torch.zeros(2, 1, 28, 28)).shape == (2, 1, 28, 28)


def test_the_autoencoder_starts_as_keras_starts_it_unless_told_otherwise():
    # Zero biases map an all-zero input to exactly 0 at the output: that is why, under Keras's
    # start, a blank background gives a ReLU output no gradient at first.
    torch.manual_seed(0)
    keras = conv_autoencoder(output=nn.ReLU, width=16)
    assert all(c.bias.abs().max() == 0 for c in keras if isinstance(c, nn.Conv2d))
    assert keras(torch.zeros(1, 1, 28, 28)).abs().max() == 0
    torch.manual_seed(0)
    plain = conv_autoencoder(output=nn.ReLU, width=16, init="torch")
    assert any(c.bias.abs().max() > 0 for c in plain if isinstance(c, nn.Conv2d))


def test_an_unknown_init_is_refused_by_name():
    with pytest.raises(ValueError, match="init must be 'keras' or 'torch', got 'xavier'"):
        conv_autoencoder(init="xavier")


@pytest.mark.parametrize(("init", "variance"), [
    ("kaiming", lambda fan_in, fan_out: 2 / fan_in),
    ("xavier", lambda fan_in, fan_out: 2 / (fan_in + fan_out)),
    (None, lambda fan_in, fan_out: 1 / (3 * fan_in)),  # PyTorch's kaiming_uniform_(a=sqrt(5))
])
def test_an_mlp_starts_from_the_init_it_names(init, variance):
    torch.manual_seed(0)
    net = mlp((400, 300, 200), init=init)
    for layer in (m for m in net if isinstance(m, nn.Linear)):
        fan_out, fan_in = layer.weight.shape
        assert layer.weight.var().item() == pytest.approx(variance(fan_in, fan_out), rel=0.05)
        assert (layer.bias == 0).all() == (init is not None)
    with pytest.raises(ValueError, match="init must be one of"):
        mlp((4, 2), init="he")


def test_the_batchnorm_cnn_classifies_28x28_images_with_or_without_its_parts():
    for net in (bn_cnn(), bn_cnn(bias=False), bn_cnn(batchnorm=False)):
        assert net(torch.zeros(3, 1, 28, 28)).shape == (3, 10)
    assert not any(isinstance(m, nn.BatchNorm2d) for m in bn_cnn(batchnorm=False))
    assert all(m.bias is None for m in bn_cnn(bias=False) if isinstance(m, nn.Conv2d))


def test_the_batchnorm_cnn_starts_from_the_same_weights_with_or_without_its_biases():
    torch.manual_seed(0)
    full = bn_cnn()
    torch.manual_seed(0)
    bare = bn_cnn(bias=False, batchnorm=False)
    weights = [m.weight for m in full if isinstance(m, (nn.Conv2d, nn.Linear))]
    assert all(torch.equal(a, b.weight) for a, b in
               zip(weights, (m for m in bare if isinstance(m, (nn.Conv2d, nn.Linear)))))


def test_permute_keeps_each_pixel_and_view_reads_the_memory_in_the_new_shape():
    hwc = torch.arange(2 * 4 * 5 * 3, dtype=torch.float32).reshape(2, 4, 5, 3)
    assert torch.equal(ChannelsFirst("permute")(hwc), hwc.permute(0, 3, 1, 2))
    viewed = ChannelsFirst("view")(hwc)
    assert viewed.shape == (2, 3, 4, 5) and torch.equal(viewed.flatten(), hwc.flatten())
    assert not torch.equal(viewed, hwc.permute(0, 3, 1, 2))
    # one channel: the two agree, which is why gray MNIST cannot show the mistake
    gray = hwc[..., :1].contiguous()
    assert torch.equal(ChannelsFirst("view")(gray), ChannelsFirst("permute")(gray))
    # leading axes (a stack's members) pass through
    assert torch.equal(ChannelsFirst("view")(hwc[None])[0], viewed)


def test_a_layout_change_for_evaluation_applies_only_in_eval_mode():
    hwc = torch.rand(2, 4, 5, 3)
    mixed = ChannelsFirst("permute", evaluate="view")
    assert torch.equal(mixed(hwc), hwc.permute(0, 3, 1, 2))
    assert torch.equal(mixed.eval()(hwc), ChannelsFirst("view")(hwc))
    with pytest.raises(ValueError, match=r"a layout change is one of \('permute', 'view'\), got 'reshape'"):
        ChannelsFirst("reshape")


def test_channels_last_nets_start_from_the_same_weights_whichever_the_layout_change():
    torch.manual_seed(0)
    permuted = channels_last("permute", partial(bn_cnn, batchnorm=False, in_channels=3))
    torch.manual_seed(0)
    viewed = channels_last("view", partial(bn_cnn, batchnorm=False, in_channels=3))
    assert all(torch.equal(a, b) for a, b in zip(permuted.parameters(), viewed.parameters()))
    assert permuted(torch.rand(2, 28, 28, 3)).shape == (2, 10)
