"""Model builders: the shapes the claims rely on and how each starts."""
from __future__ import annotations

import pytest
import torch
from torch import nn

from fixtures.models import conv_autoencoder


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
