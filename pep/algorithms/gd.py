r"""Gradient descent :math:`x_{k+1} = x_k - \frac{h}{L}\nabla f(x_k)` on L-smooth convex f.

Worst case (Drori and Teboulle 2014, Thm 3.1; tight for :math:`0 < h \le 1`):
:math:`f(x_N) - f_* \le \frac{L\|x_0 - x_*\|^2}{4Nh + 2}`.

>>> from pep.algorithms import get
>>> gd = get("gd")
>>> gd.rate(3).value
Fraction(1, 14)
>>> round(gd.setting(3).solve().value, 6)
0.071429
"""

from __future__ import annotations

from typing import Any

from pep import SmoothConvex, sqnorm
from pep import coefficients as C
from pep.algebra import Point
from pep.algorithms.base import Algorithm, Rate, check_N
from pep.algorithms.step_matrix import StepMatrix, trace_step_matrix
from pep.problem import Problem

REFERENCE = (
    "Y. Drori, M. Teboulle, Performance of first-order methods for smooth convex "
    "minimization: a novel approach, Math. Program. 145 (2014), Thm 3.1"
)


def step(x: Point, f: Any, gamma: Any) -> Point:
    """One gradient step of length ``gamma`` (= h/L)."""
    return x - gamma * f.grad(x)


def run(problem: Problem, f: Any, x0: Point, N: int, L: Any = 1, h: Any = 1) -> Point:
    x = x0
    for _ in range(check_N(N)):
        x = step(x, f, C.div(h, L))
    return x


def setting(N: int, L: Any = 1, h: Any = 1, R: Any = 1) -> Problem:
    problem = Problem()
    f = problem.function(SmoothConvex(L=L))
    x0, xs = problem.point("x0"), f.minimizer()
    problem.assume(sqnorm(x0 - xs) <= R * R, name="initial")
    problem.maximize(f(run(problem, f, x0, N, L=L, h=h)) - f(xs))
    return problem


def step_matrix(N: int, L: Any = 1, h: Any = 1, R: Any = 1) -> StepMatrix:
    """:math:`h_{k+1,k} = h`, zero elsewhere (traced from :func:`run`).

    >>> step_matrix(2).rows
    ((Fraction(1, 1),), (Fraction(0, 1), Fraction(1, 1)))
    """
    return trace_step_matrix(lambda p, f, x0: run(p, f, x0, N, L=L, h=h), check_N(N), L)


def rate(N: int, L: Any = 1, h: Any = 1, R: Any = 1) -> Rate:
    check_N(N)
    value = C.div(C.mul(L, R * R), 4 * N * h + 2)
    return Rate(
        value,
        tight=bool(0 < h <= 1),
        reference=REFERENCE,
        measure="f(x_N) - f(x*)",
        initial="||x0 - x*||^2",
        formula="L*R**2/(4*N*h + 2)",
    )


ALGORITHM = Algorithm(
    name="gd",
    title="Gradient descent (step h/L)",
    reference=REFERENCE,
    defaults={"L": 1, "h": 1, "R": 1},
    run=run,
    setting=setting,
    rate=rate,
    problem_class="SmoothConvex(L)",
    fixed_steps=step_matrix,
)
