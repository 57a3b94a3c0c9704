"""Where binary floats enter a problem, said in the user's terms.

A Python float such as ``0.1`` is the dyadic rational nearest to it
(3602879701896397/2⁵⁵), not 1/10. The SDP does not care, but an exact certificate proves a
bound for the problem as written, with that dyadic number in it: its denominators become
huge, and rounding the solver's multipliers to small fractions no longer closes the
identity. :func:`float_hints` names each float (a class parameter or a coefficient), with the
exact spelling that fixes it.

>>> import pep
>>> problem = pep.Problem()
>>> f = problem.function(pep.SmoothStronglyConvex(L=1, mu=0.1))
>>> x0, xs = problem.point("x0"), f.minimizer()
>>> problem.assume(pep.sqnorm(x0 - xs) <= 1)
>>> problem.maximize(f(x0 - 1.5 * f.grad(x0)) - f(xs))
>>> for hint in float_hints(problem):
...     print(hint)
mu = 0.1 (SmoothStronglyConvex of f) is a float; write Fraction(1, 10) or pass --param mu=1/10
a coefficient -1.5 (in an evaluated point of f) is a float; write Fraction(-3, 2)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Iterator
from fractions import Fraction
from typing import Any

__all__ = ["float_hints"]


def _exact_spelling(value: float) -> Fraction:
    """The fraction the user meant: read from the float's shortest repr (0.1 -> 1/10)."""
    return Fraction(repr(value))


def _coefficients(obj: Any) -> Iterator[Any]:
    """The coefficients of a Point or Scalar (terms and constant)."""
    yield from getattr(obj, "terms", {}).values()
    if hasattr(obj, "constant"):
        yield obj.constant


def _class_hints(problem: Any) -> Iterator[str]:
    for oracle in problem.oracles:
        cls = oracle.cls
        if not dataclasses.is_dataclass(cls):
            continue
        for fld in dataclasses.fields(cls):
            value = getattr(cls, fld.name)
            if isinstance(value, float):
                q = _exact_spelling(value)
                yield (
                    f"{fld.name} = {value!r} ({type(cls).__name__} of {oracle.name}) is a float; "
                    f"write Fraction({q.numerator}, {q.denominator}) or pass "
                    f"--param {fld.name}={q}"
                )


def _floats_in(objs: Iterable[Any], where: str) -> Iterator[str]:
    for obj in objs:
        for c in _coefficients(obj):
            if isinstance(c, float) and c != int(c):
                q = _exact_spelling(c)
                yield (
                    f"a coefficient {c!r} ({where}) is a float; "
                    f"write Fraction({q.numerator}, {q.denominator})"
                )


def float_hints(problem: Any, limit: int = 3) -> list[str]:
    """Up to ``limit`` distinct messages, class parameters first, then coefficients."""
    found: list[str] = []

    def sources() -> Iterator[str]:
        yield from _class_hints(problem)
        for oracle in problem.oracles:
            records = oracle.records
            points = [p for r in records for p in (r.x, r.g)]
            yield from _floats_in(points, f"in an evaluated point of {oracle.name}")
        for c in problem.assumptions:
            yield from _floats_in([c.expr], f"in the assumption {c.name!r}")
        yield from _floats_in(problem.objectives, "in the objective")

    for hint in sources():
        if hint not in found:
            found.append(hint)
        if len(found) == limit:
            break
    return found
