r"""Exact comparison of a rational with a claim's value (a Fraction or a real algebraic number).

A claim such as ``sqrt(2)/N`` evaluates to a sympy expression built from rationals with
``+``, ``*`` and rational powers. Its sign against a rational :math:`a` is decided without
floating-point guesswork:

1. the expression is enclosed in an interval with rigorous outward rounding (mpmath's
   interval arithmetic), at 64, 256, 1024 and then 4096 bits; the interval endpoints are
   converted to Fractions exactly, so ``lo > a`` or ``hi < a`` *proves* the sign;
2. if the intervals never separate, the two numbers agree to over 1200 digits: equality is
   then proved or refuted symbolically (the minimal polynomial of ``value - a`` is ``x``
   exactly when the difference is zero);
3. anything else (an expression type outside the claim grammar) is *undecided*: the caller
   must not conclude.

>>> import sympy
>>> from fractions import Fraction
>>> compare(Fraction(141421, 100000), sympy.sqrt(2))   # sqrt(2) > 1.41421
1
>>> compare(Fraction(1), (sympy.sqrt(2) + 1) * (sympy.sqrt(2) - 1))
0
>>> enclose(sympy.sqrt(2), 64)[0] <= Fraction(14142135623730950488, 10**19)
True
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

__all__ = ["compare", "enclose", "approximate", "PRECISIONS"]

#: bits of the successive enclosures tried before the symbolic equality test
PRECISIONS = (64, 256, 1024, 4096)


def _context(bits: int) -> Any:
    from mpmath.ctx_iv import MPIntervalContext

    ctx = MPIntervalContext()  # a private context: mpmath's shared iv.prec is left alone
    ctx.prec = bits
    return ctx


def _interval(ctx: Any, expr: Any) -> Any:
    """``expr`` (sympy) as an mpmath interval, or None for an unsupported node."""
    if expr.is_Rational:
        return ctx.mpf(int(expr.p)) / ctx.mpf(int(expr.q))
    if expr.is_Add or expr.is_Mul:
        parts = [_interval(ctx, a) for a in expr.args]
        if any(p is None for p in parts):
            return None
        out = parts[0]
        for p in parts[1:]:
            out = out + p if expr.is_Add else out * p
        return out
    if expr.is_Pow and expr.exp.is_Rational:
        base = _interval(ctx, expr.base)
        if base is None:
            return None
        if expr.exp.is_Integer:
            return base ** int(expr.exp)
        if not base.a > 0:  # a fractional power of a non-positive enclosure: refine or give up
            return None
        exponent = ctx.mpf(int(expr.exp.p)) / ctx.mpf(int(expr.exp.q))
        return ctx.exp(ctx.log(base) * exponent)
    return None


def _endpoint(raw: Any) -> Fraction | None:
    from mpmath.libmp import finf, fnan, fninf, to_rational

    if raw in (finf, fninf, fnan):
        return None
    p, q = to_rational(raw)
    return Fraction(p, q)


def enclose(value: Any, bits: int = 64) -> tuple[Fraction, Fraction] | None:
    """Rational ``(lo, hi)`` with ``lo <= value <= hi`` (rigorous), or None if ``value`` is
    outside the claim grammar or the enclosure is unbounded at this precision."""
    if isinstance(value, Fraction):
        return value, value
    import sympy

    box = _interval(_context(bits), sympy.sympify(value))
    if box is None:
        return None
    lo, hi = (_endpoint(r) for r in box._mpi_)
    return (lo, hi) if lo is not None and hi is not None else None


def compare(a: Fraction, value: Any) -> int | None:
    """The sign of ``value - a`` (-1, 0, 1), proved; None when it cannot be decided."""
    if isinstance(value, Fraction):
        return (value > a) - (value < a)
    for bits in PRECISIONS:
        box = enclose(value, bits)
        if box is None:
            continue
        lo, hi = box
        if lo > a:
            return 1
        if hi < a:
            return -1
    return 0 if _is_zero(value, a) else None


def _is_zero(value: Any, a: Fraction) -> bool:
    """True only when ``value - a == 0`` is proved by its minimal polynomial."""
    import sympy

    x = sympy.Symbol("x")
    try:
        poly = sympy.minimal_polynomial(
            sympy.sympify(value) - sympy.Rational(a.numerator, a.denominator), x
        )
    except (NotImplementedError, ValueError, TypeError):
        return False
    return bool(poly == x)


def approximate(value: Any) -> float:
    """A float near ``value`` (for display; never used to decide anything)."""
    if isinstance(value, Fraction):
        return float(value)
    box = enclose(value, 64)
    return float((box[0] + box[1]) / 2) if box is not None else float(value)
