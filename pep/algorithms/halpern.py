r"""Halpern iteration with anchor weights :math:`\lambda_k = 1/(k+2)` (OHM) on a nonexpansive T.

.. math:: y_{k+1} = \lambda_k y_0 + (1 - \lambda_k)\,T y_k,\qquad \lambda_k = \frac{1}{k+2}.

Worst case (Lieder 2021; exactly optimal among such methods, Park and Ryu 2022), tight:
:math:`\|y_N - T y_N\|^2 \le \frac{4\|y_0 - y_*\|^2}{(N+1)^2}` for a fixed point
:math:`y_* = T y_*`. All coefficients are exact rationals.

>>> from pep.algorithms import get
>>> get("halpern").rate(3).value
Fraction(1, 4)
>>> round(get("halpern").setting(3).solve().value, 6)
0.25
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from pep.algorithms.base import Algorithm, Rate, check_N
from pep.model.algebra import Point, sqnorm
from pep.model.problem import Problem
from pep.operators import Nonexpansive

REFERENCE = (
    "F. Lieder, On the convergence rate of the Halpern-iteration, Optim. Lett. 15 (2021); "
    "J. Park, E. K. Ryu, Exact optimal accelerated complexity for fixed-point iterations, "
    "ICML 2022"
)


def anchor(k: int) -> Fraction:
    r"""OHM's anchor weight :math:`\lambda_k = 1/(k+2)`."""
    return Fraction(1, k + 2)


def step(y: Point, y0: Point, T: Any, lam: Any) -> Point:
    r""":math:`y_{k+1} = \lambda y_0 + (1 - \lambda) T y_k` (``lam`` may be symbolic)."""
    return lam * y0 + (1 - lam) * T(y)


def run(problem: Problem, T: Any, y0: Point, N: int) -> Point:
    """``y_N`` after N Halpern steps from ``y0`` (iterates named y1, ..., yN)."""
    y = y0
    for k in range(check_N(N)):
        y = step(y, y0, T, anchor(k)).with_name(f"y{k + 1}")
    return y


def setting(N: int, R: Any = 1) -> Problem:
    r"""Maximize :math:`\|y_N - T y_N\|^2` subject to :math:`\|y_0 - y_*\|^2 \le R^2`."""
    problem = Problem()
    T = problem.operator(Nonexpansive(), name="T")
    y0, ys = problem.point("y0"), T.fixed_point()
    problem.assume(sqnorm(y0 - ys) <= R * R, name="initial")
    yN = run(problem, T, y0, N)
    problem.maximize(sqnorm(yN - T(yN)))
    return problem


def rate(N: int, R: Any = 1) -> Rate:
    return Rate(
        Fraction(4, (check_N(N) + 1) ** 2) * R * R,
        tight=True,
        reference=REFERENCE,
        measure="||y_N - T y_N||^2",
        initial="||y0 - y*||^2",
        formula="4*R**2/(N + 1)**2",
    )


ALGORITHM = Algorithm(
    name="halpern",
    title="Halpern iteration / OHM (anchor 1/(k+2))",
    reference=REFERENCE,
    defaults={"R": 1},
    run=run,
    setting=setting,
    rate=rate,
    problem_class="Nonexpansive()",
)
