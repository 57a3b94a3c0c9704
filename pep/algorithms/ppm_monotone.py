r"""Proximal point method on a maximal monotone operator: :math:`x_{k+1} = J_{\alpha A}(x_k)`.

Worst case (Gu and Yang 2020, tight for every :math:`\alpha > 0`):

.. math:: \|x_N - x_{N-1}\|^2 \le \Big(1 - \frac1N\Big)^{N-1}\frac{\|x_0 - x_*\|^2}{N},

with :math:`A x_* \ni 0`; an exact rational :math:`(N-1)^{N-1}/N^N`.

>>> from pep.algorithms import get
>>> get("ppm_monotone").rate(3).value
Fraction(4, 27)
>>> round(get("ppm_monotone").setting(3).solve().value, 6)
0.148148
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
    "G. Gu, J. Yang, Tight sublinear convergence rate of the proximal point algorithm for "
    "maximal monotone inclusion problems, SIAM J. Optim. 30(3) (2020)"
)


def step(x: Point, A: Any, alpha: Any, *, name: str | None = None) -> Point:
    r""":math:`J_{\alpha A}(x)`: the point ``p`` with ``(x - p)/alpha = A(p)``."""
    return resolvent(A, x, alpha, name=name)


def run(problem: Problem, A: Any, x0: Point, N: int, alpha: Any = 1) -> tuple[Point, Point]:
    """``(x_N, x_{N-1})``: the pair the measure compares (iterates named x1, ..., xN)."""
    prev, x = x0, x0
    for k in range(check_N(N)):
        prev, x = x, step(x, A, alpha, name=f"x{k + 1}")
    return x, prev


def setting(N: int, alpha: Any = 1, R: Any = 1) -> Problem:
    r"""Maximize :math:`\|x_N - x_{N-1}\|^2` subject to :math:`\|x_0 - x_*\|^2 \le R^2`."""
    problem = Problem()
    A = problem.operator(Monotone())
    x0, xs = problem.point("x0"), A.zero()
    problem.assume(sqnorm(x0 - xs) <= R * R, name="initial")
    xN, xN1 = run(problem, A, x0, N, alpha=alpha)
    problem.maximize(sqnorm(xN - xN1))
    return problem


def rate(N: int, alpha: Any = 1, R: Any = 1) -> Rate:
    N = check_N(N)
    return Rate(
        Fraction((N - 1) ** (N - 1), N**N) * R * R,
        tight=True,
        reference=REFERENCE,
        measure="||x_N - x_{N-1}||^2",
        initial="||x0 - x*||^2",
        formula="(1 - 1/N)**(N - 1)*R**2/N",
    )


ALGORITHM = Algorithm(
    name="ppm_monotone",
    title="Proximal point method (maximal monotone operator)",
    reference=REFERENCE,
    defaults={"alpha": 1, "R": 1},
    run=run,
    setting=setting,
    rate=rate,
    problem_class="Monotone()",
)
