"""The registry: every claim, found in this package.

A module of this package that defines `CLAIM` (or `CLAIMS`, for a claim tested in several
variants: settings, or readings, that share its id) is a claim module; adding one is all it
takes to register a claim. `NOT_CLAIMS` are the package's other modules; any other module that
defines neither is an error. Importing this imports every claim module, and so torch:
`claims.CLAIMS` does it on first use, never at import of `claims` itself.
"""
from __future__ import annotations

import importlib
import pkgutil
from pathlib import Path

from fixtures.core.spec import ClaimSpec, MalformedClaim

NOT_CLAIMS = frozenset({"registry", "setups", "__main__"})  # setups: what claims share


def claim_modules() -> list[str]:
    """The package's claim modules, by name, sorted."""
    return sorted(m.name for m in pkgutil.iter_modules([str(Path(__file__).parent)])
                  if m.name not in NOT_CLAIMS)


def _discover() -> tuple[ClaimSpec, ...]:
    found: list[ClaimSpec] = []
    for module in claim_modules():
        loaded = importlib.import_module(f"claims.{module}")
        specs = getattr(loaded, "CLAIMS", None) or ((loaded.CLAIM,) if hasattr(loaded, "CLAIM") else ())
        if not specs:
            raise MalformedClaim(f"claims/{module}.py defines neither CLAIM nor CLAIMS: a claim "
                                 "module defines one; what claims share goes in claims/setups.py")
        if not all(isinstance(s, ClaimSpec) for s in specs):
            raise MalformedClaim(f"claims/{module}.py: CLAIM must be a ClaimSpec and CLAIMS a tuple of them")
        found += specs
    names = [c.name for c in found]
    if len(set(names)) != len(names):
        raise MalformedClaim(f"claim names repeat: {sorted({n for n in names if names.count(n) > 1})}")
    return tuple(found)


CLAIMS: tuple[ClaimSpec, ...] = _discover()


def by_name(name: str) -> ClaimSpec:
    """A claim by id, or by id-variant for a variant."""
    for claim in CLAIMS:
        if claim.name == name:
            return claim
    raise KeyError(f"no claim {name!r}; known: {', '.join(c.name for c in CLAIMS)}")
