"""Claims about training neural networks, one module each; `claims.registry` lists them all.

`CLAIMS` and `by_name` are the registry's, loaded on first use: `python -m claims compare` and
`report` read results files, and must not need torch to do so.
"""
from __future__ import annotations

from typing import Any

__all__ = ["CLAIMS", "by_name"]


def __getattr__(name: str) -> Any:
    if name in __all__:
        from claims import registry
        return getattr(registry, name)
    raise AttributeError(f"module 'claims' has no attribute {name!r}")
