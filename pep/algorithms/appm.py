r"""Accelerated proximal point method (APPM, Kim 2021) on a maximal monotone operator A.

With :math:`x_0 = y_0 = y_{-1}` and :math:`c_k = k/(k+2)`:

.. math::
    x_{k+1} = J_{\alpha A}(y_k),\qquad
    y_{k+1} = x_{k+1} + c_k(x_{k+1} - x_k) - c_k(x_k - y_{k-1}).

Worst case, tight (Kim 2021; it is OHM applied to :math:`2J_{\alpha A} - I`):
:math:`\|x_N - y_{N-1}\|^2 \le \|x_0 - x_*\|^2/N^2`. All coefficients are exact rationals.

>>> from pep.algorithms import get
>>> get("appm").rate(4).value
Fraction(1, 16)
>>> round(get("appm").setting(2).solve().value, 6)
0.25
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from pep.algorithms.base import Algorithm, Rate, check_N
from pep.model.algebra import Point, sqnorm
from pep.model.problem import Problem
from pep.model.steps import resolvent
from pep.operators import Monotone

REFERENCE = (
    "D. Kim, Accelerated proximal point method for maximally monotone operators, "
    "Math. Program. 190 (2021)"
)


def momentum(k: int) -> Fraction:
    """APPM's coefficient :math:`c_k = k/(k+2)`."""
    return Fraction(k, k + 2)


def step(
    x: Point, y: Point, y_prev: Point, A: Any, alpha: Any, c: Any, *, name: str | None = None
) -> tuple[Point, Point]:
    """``(x_k, y_k, y_{k-1}) -> (x_{k+1}, y_{k+1})`` with momentum ``c`` (may be symbolic)."""
    x_new = resolvent(A, y, alpha, name=name)
    return x_new, x_new + c * (x_new - x) - c * (x - y_prev)


def run(problem: Problem, A: Any, x0: Point, N: int, alpha: Any = 1) -> tuple[Point, Point]:
    """``(x_N, y_{N-1})``: the pair the measure compares."""
    x, y, y_prev = x0, x0, x0
    for k in range(check_N(N)):
        y_last = y
        x, y_new = step(x, y, y_prev, A, alpha, momentum(k), name=f"x{k + 1}")
        y_prev, y = y_last, y_new.with_name(f"y{k + 1}")
    return x, y_prev


def setting(N: int, alpha: Any = 1, R: Any = 1) -> Problem:
    r"""Maximize :math:`\|x_N - y_{N-1}\|^2` subject to :math:`\|x_0 - x_*\|^2 \le R^2`."""
    problem = Problem()
    A = problem.operator(Monotone())
    x0, xs = problem.point("x0"), A.zero()
    problem.assume(sqnorm(x0 - xs) <= R * R, name="initial")
    xN, yN1 = run(problem, A, x0, N, alpha=alpha)
    problem.maximize(sqnorm(xN - yN1))
    return problem


def rate(N: int, alpha: Any = 1, R: Any = 1) -> Rate:
    return Rate(
        Fraction(1, check_N(N) ** 2) * R * R,
        tight=True,
        reference=REFERENCE,
        measure="||x_N - y_{N-1}||^2",
        initial="||x0 - x*||^2",
        formula="R**2/N**2",
    )


ALGORITHM = Algorithm(
    name="appm",
    title="Accelerated proximal point method (APPM)",
    reference=REFERENCE,
    defaults={"alpha": 1, "R": 1},
    run=run,
    setting=setting,
    rate=rate,
    problem_class="Monotone()",
)
