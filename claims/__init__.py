"""The registry: every claim, listed by hand so that none runs by accident.

tests/test_registry.py checks that every module in this package is listed here.
"""
from __future__ import annotations

from claims import output_relu_logits
from claims.spec import ClaimSpec, MalformedClaim

CLAIMS: tuple[ClaimSpec, ...] = (
    output_relu_logits.CLAIM,
)

_ids = [c.id for c in CLAIMS]
if len(set(_ids)) != len(_ids):
    raise MalformedClaim(f"claim ids repeat in the registry: {sorted(i for i in _ids if _ids.count(i) > 1)}")


def by_id(claim_id: str) -> ClaimSpec:
    for claim in CLAIMS:
        if claim.id == claim_id:
            return claim
    raise KeyError(f"no claim {claim_id!r}; known: {', '.join(_ids)}")
