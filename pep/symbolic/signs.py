r"""Sign lemmas for :mod:`pep.symbolic.induction`: signs of quotients, and the new term of a
recurrence bounded through its relation.

* :func:`signed`, :func:`positive`: :math:`e \ge 0` (:math:`> 0`) by
  :func:`~pep.symbolic.prover.prove_sign`, else factor by factor (a quotient of products has
  the product of its factors' signs).
* :func:`root_prover`: for a relation :math:`P(x) = 0` of degree 1 or 2 in the new term
  :math:`x`, a prover of :math:`x \ge c`, :math:`x \le c` and :math:`x > 0` (degree 1:
  :math:`x = -P_0/P_1`; degree 2, the larger root of :math:`Ax^2 + Bx + C` with :math:`A > 0`:
  :math:`x \ge c` from :math:`P(c) \le 0` or :math:`c \le -B/(2A)`, :math:`x \le c` from
  :math:`P(c) \ge 0` and :math:`c \ge -B/(2A)`, :math:`x > 0` from :math:`P(0) < 0` or
  :math:`-B/(2A) > 0`).

>>> x = sp.Symbol("x", real=True)
>>> holds = root_prover(sp.Poly(x**2 - 2, x), Facts())
>>> holds("lower", 1), holds("upper", 1), holds("positive", 0)
(True, False, True)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import sympy as sp

from pep.model.coefficients import to_sympy
from pep.symbolic.prover import Facts, prove_sign

__all__ = ["signed", "positive", "root_prover"]

Prover = Callable[[str, Any], bool]


def positive(expr: Any, facts: Facts) -> bool:
    """``expr > 0`` from ``facts``; see :func:`signed`.

    >>> a = sp.Symbol("a", positive=True)
    >>> positive(a * (3 - a), Facts(upper={a: (1,)})), positive(a - 1, Facts())
    (True, False)
    """
    return signed(expr, facts, strict=True)


def signed(expr: Any, facts: Facts, strict: bool = False) -> bool:
    """``expr >= 0`` (``> 0`` if ``strict``) from ``facts``: :func:`prove_sign`, else factor
    by factor. A quotient of products has the product of its factors' signs: each
    denominator factor, and each numerator factor of odd power, needs a proved sign (strict
    for denominators, and for everything when ``strict``); a numerator factor of even
    power is >= 0 whatever its sign. This also covers a positive monomial factor (``L`` or
    ``a``) times a polynomial of one sign."""
    if prove_sign(expr, facts, strict=strict).ok:
        return True
    sign = 1
    for n, part in enumerate(sp.fraction(sp.together(to_sympy(expr)))):
        try:
            coeff, factors = sp.factor_list(part)
        except (sp.PolynomialError, sp.GeneratorsNeeded):  # e.g. a square root: no factors
            return False
        if not coeff.is_number or coeff == 0:
            return False
        sign *= 1 if coeff > 0 else -1
        for base, power in factors:
            tight = strict or n == 1  # a denominator must not vanish
            if int(power) % 2 == 0 and not tight:
                continue
            if prove_sign(base, facts, strict=tight).ok:
                continue
            if not prove_sign(-base, facts, strict=tight).ok:
                return False
            sign *= (-1) ** int(power)
    return sign == 1


def _quadratic(poly: sp.Poly, facts: Facts) -> Prover | str:
    """A prover of ``x >= c`` / ``x <= c`` / ``x > 0`` for the larger root, or why none."""
    A, B, C = (poly.coeff_monomial(poly.gen**d) for d in (2, 1, 0))
    if not signed(A, facts, strict=True):
        return f"the leading coefficient {sp.factor(A)} is not provably > 0"
    if not signed(B**2 - 4 * A * C, facts):
        return f"the discriminant {sp.factor(B**2 - 4 * A * C)} is not provably >= 0"
    vertex = -B / (2 * A)

    def holds(kind: str, c: Any) -> bool:
        value = poly.as_expr().subs(poly.gen, c)
        if kind == "lower":
            return signed(-value, facts) or signed(vertex - c, facts)
        if kind == "upper":
            return signed(value, facts) and signed(c - vertex, facts)
        return signed(-value, facts, strict=True) or signed(vertex, facts, strict=True)

    return holds


def _linear(poly: sp.Poly, facts: Facts) -> Prover | str:
    P1, P0 = poly.coeff_monomial(poly.gen), poly.coeff_monomial(1)
    if not (signed(P1, facts, strict=True) or signed(-P1, facts, strict=True)):
        return f"the coefficient {sp.factor(P1)} of the new term is not provably nonzero"
    x = sp.cancel(-P0 / P1)

    def holds(kind: str, c: Any) -> bool:
        if kind == "lower":
            return signed(x - c, facts)
        if kind == "upper":
            return signed(c - x, facts)
        return signed(x, facts, strict=True)

    return holds


def root_prover(poly: sp.Poly, facts: Facts) -> Prover | str:
    """A prover of the new term's facts from its relation ``poly`` (degree 1 or 2 in its
    generator), or why there is none."""
    if poly.degree() == 1:
        return _linear(poly, facts)
    if poly.degree() == 2:
        return _quadratic(poly, facts)
    return f"its relation has degree {poly.degree()} in the new term (1 or 2 supported)"
