"""Coefficients: the one coercion point for every number that enters the algebra.

A coefficient is an ``int``, a :class:`fractions.Fraction`, a ``float`` (only where the user
wrote one) or a sympy expression. Exact inputs stay exact: ``int / int`` becomes a
``Fraction``, never a float, so the same model can be solved numerically, certified in
rational arithmetic, or proved for a symbolic iteration counter.

>>> from fractions import Fraction
>>> div(1, 3)
Fraction(1, 3)
>>> mul(Fraction(1, 2), 4)
2
"""

from __future__ import annotations

import math
import numbers
import sys
from fractions import Fraction
from typing import Any

from pep.errors import InvalidArgument, SymbolicCoefficientError

__all__ = [
    "Coeff",
    "coerce",
    "add",
    "mul",
    "div",
    "neg",
    "is_zero",
    "to_float",
    "to_sympy",
    "is_exact",
]

# sympy expressions are first class but sympy is heavy to import: it is only consulted when
# it is already loaded (a sympy object cannot exist otherwise).
Coeff = int | Fraction | float | Any


def _sympy() -> Any:
    return sys.modules.get("sympy")


def _normalize(c: Fraction) -> int | Fraction:
    return c.numerator if c.denominator == 1 else c


def coerce(c: object, name: str = "coefficient") -> Coeff:
    """Return ``c`` as a coefficient, or raise :class:`~pep.errors.InvalidArgument`.

    >>> coerce(2), coerce(Fraction(4, 2)), coerce(0.5)
    (2, 2, 0.5)
    """
    if isinstance(c, bool):
        raise InvalidArgument(f"{name}={c!r} is a bool; use a number")
    if isinstance(c, int):
        return c
    if isinstance(c, Fraction):
        return _normalize(c)
    if isinstance(c, float):
        if not math.isfinite(c):
            raise InvalidArgument(
                f"{name}={c!r} is not finite; coefficients must be finite numbers"
            )
        return c
    sp = _sympy()
    if sp is not None and isinstance(c, sp.Basic):
        if c.is_Integer:
            return int(c)
        if c.is_Rational:
            return _normalize(Fraction(int(c.p), int(c.q)))
        if c.is_Float:
            return coerce(float(c), name)
        if not isinstance(c, sp.Expr):
            raise InvalidArgument(f"{name}={c!r} is a sympy {type(c).__name__}, not an expression")
        return c
    if isinstance(c, numbers.Integral):
        return int(c)
    if isinstance(c, numbers.Rational):
        return _normalize(Fraction(int(c.numerator), int(c.denominator)))
    if isinstance(c, numbers.Real):
        return coerce(float(c), name)
    raise InvalidArgument(
        f"{name}={c!r} of type {type(c).__name__} is not a coefficient; "
        "use an int, Fraction, float or sympy expression"
    )


def is_exact(c: Coeff) -> bool:
    """True for int and Fraction (the coefficients a rational certificate can use)."""
    return isinstance(c, (int, Fraction))


def add(a: Coeff, b: Coeff) -> Coeff:
    r = a + b
    return _normalize(r) if isinstance(r, Fraction) else r


def mul(a: Coeff, b: Coeff) -> Coeff:
    r = a * b
    return _normalize(r) if isinstance(r, Fraction) else r


def neg(a: Coeff) -> Coeff:
    return -a


def div(a: Coeff, b: Coeff) -> Coeff:
    """``a / b`` keeping int/Fraction exact (``div(1, 3) == Fraction(1, 3)``)."""
    if is_zero(b):
        raise InvalidArgument(f"division by a zero coefficient ({a!r} / {b!r})")
    if isinstance(a, (int, Fraction)) and isinstance(b, (int, Fraction)):
        return _normalize(Fraction(a) / b)
    return a / b


def is_zero(c: Coeff) -> bool:
    """Structural zero test (sympy expressions are not simplified here)."""
    return bool(c == 0)


def to_float(c: Coeff, where: str = "compile") -> float:
    """Convert for a numeric stage; a coefficient with free symbols raises."""
    if isinstance(c, (int, Fraction, float)):
        return float(c)
    sp = _sympy()
    if sp is not None and isinstance(c, sp.Basic):
        if c.free_symbols:
            names = ", ".join(sorted(str(s) for s in c.free_symbols))
            raise SymbolicCoefficientError(
                f"coefficient {c} has free symbols ({names}) and cannot enter {where}; "
                "substitute numbers first (e.g. build the problem with numeric parameters)"
            )
        return float(c)
    raise InvalidArgument(f"cannot convert {c!r} to float")


def to_sympy(c: Coeff) -> Any:
    """A coefficient as a sympy number or expression, converted by type (never parsed).

    >>> to_sympy(Fraction(3, 4)), to_sympy(2)
    (3/4, 2)
    """
    import sympy as sp

    if isinstance(c, bool):
        raise InvalidArgument(f"coefficient={c!r} is a bool; use a number")
    if isinstance(c, int):
        return sp.Integer(c)
    if isinstance(c, Fraction):
        return sp.Rational(c.numerator, c.denominator)
    if isinstance(c, float):
        return sp.Float(c)
    if isinstance(c, sp.Basic):
        return c
    return to_sympy(coerce(c))
