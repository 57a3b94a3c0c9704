r"""Small-denominator fractions from floats, for :mod:`pep.discover.guess`.

* :func:`rationalize`: the fraction with denominator at most ``max_denominator`` closest to a
  float (continued fractions, :meth:`fractions.Fraction.limit_denominator`), refused when it
  is farther than a tolerance;
* :func:`rationalize_all`: the same for a list, or ``None``;
* :func:`simplest_between`: the fraction with the smallest denominator in an interval
  (Stern-Brocot descent; R. L. Graham, D. E. Knuth, O. Patashnik, *Concrete Mathematics*,
  2nd ed., Sec. 4.5).

>>> rationalize(0.142857142857), simplest_between(0.3329, 0.3334)
(Fraction(1, 7), Fraction(1, 3))
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from pep.errors import InvalidArgument, PepError

__all__ = ["GuessError", "rationalize", "rationalize_all", "simplest_between"]


class GuessError(PepError):
    """No closed form passed validation (raised by the ``strict=True`` variants)."""


def rationalize(x: Any, *, max_denominator: int = 10_000, tol: float = 1e-7) -> Fraction:
    """The fraction with denominator ``<= max_denominator`` closest to ``x``.

    Raises :class:`GuessError` when it is farther than ``tol * max(1, |x|)`` (the float is then
    not a small rational, and rounding it would invent data).

    >>> rationalize(0.6666666667)
    Fraction(2, 3)
    >>> rationalize(2 ** 0.5, max_denominator=100)
    Traceback (most recent call last):
    ...
    pep.discover.rationals.GuessError: x=1.4142135623730951 has no fraction with denominator <= 100 within 1.41421e-07; pass exact values or raise max_denominator
    """
    if isinstance(x, (int, Fraction)):
        return Fraction(x)
    xf = float(x)
    if not math.isfinite(xf):
        raise InvalidArgument(f"x={x!r} is not finite; pass finite numbers")
    fr = Fraction(xf).limit_denominator(max_denominator)
    bound = tol * max(1.0, abs(xf))
    if abs(float(fr) - xf) > bound:
        raise GuessError(
            f"x={x!r} has no fraction with denominator <= {max_denominator} within {bound:g}; "
            "pass exact values or raise max_denominator"
        )
    return fr


def simplest_between(lo: Any, hi: Any) -> Fraction:
    """The fraction with the smallest denominator in ``[lo, hi]`` (Stern-Brocot descent).

    Used when a solver only brackets a value: an SDP solved near a degenerate optimum is
    accurate to about the square root of its tolerance, and the simplest number in the
    bracket is the natural candidate (to be confirmed exactly later).

    >>> simplest_between(0.99879, 1.00104), simplest_between(0.3329, 0.3334)
    (Fraction(1, 1), Fraction(1, 3))
    """
    a, b = Fraction(lo), Fraction(hi)
    if a > b:
        a, b = b, a
    if a <= 0 <= b:
        return Fraction(0)
    if b < 0:
        return -simplest_between(-b, -a)
    fl = a.numerator // a.denominator
    if fl == a or fl + 1 <= b:
        return Fraction(fl if fl == a else fl + 1)
    return fl + 1 / simplest_between(1 / (b - fl), 1 / (a - fl))


def rationalize_all(values: Sequence[Any], **kwargs: Any) -> list[Fraction] | None:
    """:func:`rationalize` of every value, or ``None`` if one of them is not a small fraction."""
    try:
        return [rationalize(v, **kwargs) for v in values]
    except GuessError:
        return None
