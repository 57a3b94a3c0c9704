r"""Proximal point method :math:`x_{k+1} = \mathrm{prox}_{\gamma f}(x_k)` on convex f.

Worst case :math:`f(x_N) - f_* \le \|x_0 - x_*\|^2/(4\gamma N)`, tight (Taylor, Hendrickx and
Glineur 2017, composite PEP paper; Güler 1991 for the O(1/N) rate).

>>> from pep.algorithms import get
>>> get("ppm").rate(2).value
Fraction(1, 8)
"""

from __future__ import annotations

from typing import Any

from pep.algorithms.base import Algorithm, Rate, check_N
from pep.functions import Convex
from pep.model import coefficients as C
from pep.model.algebra import Point, sqnorm
from pep.model.problem import Problem
from pep.model.steps import proximal_step

REFERENCE = (
    "A. B. Taylor, J. M. Hendrickx, F. Glineur, Exact worst-case performance of first-order "
    "methods for composite convex optimization, SIAM J. Optim. 27(3) (2017)"
)


def run(problem: Problem, f: Any, x0: Point, N: int, gamma: Any = 1) -> Point:
    x = x0
    for k in range(1, check_N(N) + 1):
        x, _, _ = proximal_step(x, f, gamma, name=f"x{k}")
    return x


def setting(N: int, gamma: Any = 1, R: Any = 1) -> Problem:
    problem = Problem()
    f = problem.function(Convex())
    x0, xs = problem.point("x0"), f.minimizer()
    problem.assume(sqnorm(x0 - xs) <= R * R, name="initial")
    problem.maximize(f(run(problem, f, x0, N, gamma=gamma)) - f(xs))
    return problem


def rate(N: int, gamma: Any = 1, R: Any = 1) -> Rate:
    return Rate(
        C.div(R * R, 4 * gamma * check_N(N)),
        tight=True,
        reference=REFERENCE,
        measure="f(x_N) - f(x*)",
        initial="||x0 - x*||^2",
        formula="R**2/(4*gamma*N)",
    )


ALGORITHM = Algorithm(
    name="ppm",
    title="Proximal point method (convex)",
    reference=REFERENCE,
    defaults={"gamma": 1, "R": 1},
    run=run,
    setting=setting,
    rate=rate,
    problem_class="Convex()",
)
