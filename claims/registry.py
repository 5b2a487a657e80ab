"""The registry: every claim, listed by hand so that none runs by accident.

A claim module exports `CLAIM`, or `CLAIMS` when the claim is tested in several variants
(settings that share its id and statement). tests/test_registry.py checks that every module
in this package is listed here. Importing it imports torch (the specs hold model builders).
"""
from __future__ import annotations

from claims import (argmax_reads_scores, deep_elu_sin_stall, hidden_relu_harmless,
                    no_activation_is_linear, output_relu_logits, relu_output_can_die,
                    relu_output_cannot_go_negative, relu_smooths_curves, sigmoid_caps_autoencoder,
                    sin_stall_is_not_depth)
from claims.spec import ClaimSpec, MalformedClaim

CLAIMS: tuple[ClaimSpec, ...] = (
    *output_relu_logits.CLAIMS,
    hidden_relu_harmless.CLAIM,
    no_activation_is_linear.CLAIM,
    relu_smooths_curves.CLAIM,
    argmax_reads_scores.CLAIM,
    deep_elu_sin_stall.CLAIM,
    sin_stall_is_not_depth.CLAIM,
    sigmoid_caps_autoencoder.CLAIM,
    relu_output_cannot_go_negative.CLAIM,
    relu_output_can_die.CLAIM,
)

_names = [c.name for c in CLAIMS]
if len(set(_names)) != len(_names):
    raise MalformedClaim(f"claim names repeat in the registry: {sorted(n for n in _names if _names.count(n) > 1)}")


def by_name(name: str) -> ClaimSpec:
    """A claim by id, or by id-variant for a variant."""
    for claim in CLAIMS:
        if claim.name == name:
            return claim
    raise KeyError(f"no claim {name!r}; known: {', '.join(_names)}")
