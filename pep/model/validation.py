"""Validation of class parameters: one error type, ``name=value``, and the fix."""

from __future__ import annotations

import math
from typing import Any

from pep.errors import InvalidArgument
from pep.model import coefficients as C

__all__ = ["parameter", "compare"]


def parameter(
    owner: str,
    name: str,
    value: Any,
    *,
    lower: Any = None,
    strict: bool = True,
    optional: bool = False,
) -> Any:
    """Coerce ``value`` to a coefficient and check ``value > lower`` (``>=`` if not strict).

    Symbolic (sympy) values pass when their sign is not known to violate the bound; the
    symbolic layer states the assumptions it relies on.
    """
    if value is None and optional:
        return None
    if isinstance(value, float) and math.isnan(value):
        raise InvalidArgument(f"{owner}({name}={value!r}): {name} is NaN; pass a number")
    try:
        v = C.coerce(value, name)
    except InvalidArgument as exc:
        raise InvalidArgument(f"{owner}({name}={value!r}): {exc}") from None
    if lower is not None:
        ok = compare(v, lower, strict)
        if ok is False:
            op = ">" if strict else ">="
            raise InvalidArgument(f"{owner}({name}={value!r}): {name} must be {op} {lower}")
    return v


def compare(a: Any, b: Any, strict: bool) -> bool | None:
    """``a > b`` (or ``>=``) when decidable; None when symbolic and undecided."""
    d = a - b
    if isinstance(d, (int, float)) or type(d).__name__ == "Fraction":
        return bool(d > 0) if strict else bool(d >= 0)
    pos = d.is_positive if strict else d.is_nonnegative
    return None if pos is None else bool(pos)
