r"""FISTA on a composite :math:`F = f + h`, f L-smooth convex, h convex (proximable).

As :mod:`pep.algorithms.fgm` with :math:`x_k = \mathrm{prox}_{h/L}(y_k - \nabla f(y_k)/L)`.
Bound :math:`F(x_N) - F_* \le L\|x_0 - x_*\|^2/(2t_N^2) \le 2L\|x_0-x_*\|^2/(N+1)^2`
(Beck and Teboulle 2009, Thm 4.4); an upper bound, not attained.

>>> from pep.algorithms import get
>>> r = get("fista").setting(2).solve().value
>>> r <= float(get("fista").rate(2).value)
True
"""

from __future__ import annotations

from typing import Any

from pep.algorithms.base import Algorithm, Rate, check_N
from pep.algorithms.fgm import REFERENCE, momentum, t_sequence
from pep.functions import Convex, SmoothConvex
from pep.model import coefficients as C
from pep.model.algebra import Point, sqnorm
from pep.model.problem import Problem
from pep.model.steps import proximal_step


def run(problem: Problem, F: Any, x0: Point, N: int, L: Any = 1) -> Point:
    """``F`` is the sum ``f + h`` (smooth part first)."""
    f, h = F.components
    t = t_sequence(check_N(N))
    y, x_prev, x = x0, x0, x0
    for k in range(1, N + 1):
        y = y.with_name("x0") if k == 1 else y.with_name(f"y{k}")
        x, _, _ = proximal_step(y - C.div(1, L) * f.grad(y), h, C.div(1, L), name=f"x{k}")
        if k < N:
            y, x_prev = momentum(x, x_prev, t[k - 1], t[k]), x
    return x


def setting(N: int, L: Any = 1, R: Any = 1) -> Problem:
    problem = Problem()
    f = problem.function(SmoothConvex(L=L), name="f")
    h = problem.function(Convex(), name="h")
    F = f + h
    x0, xs = problem.point("x0"), F.minimizer()
    problem.assume(sqnorm(x0 - xs) <= R * R, name="initial")
    problem.maximize(F(run(problem, F, x0, N, L=L)) - F(xs))
    return problem


def rate(N: int, L: Any = 1, R: Any = 1) -> Rate:
    tN = t_sequence(check_N(N))[N - 1]
    return Rate(
        float(L) * float(R) ** 2 / (2 * tN * tN),
        tight=False,
        reference=REFERENCE,
        measure="F(x_N) - F(x*)",
        initial="||x0 - x*||^2",
        formula="L*R**2/(2*t_N**2)",
    )


ALGORITHM = Algorithm(
    name="fista",
    title="FISTA (composite, proximal gradient with momentum)",
    reference=REFERENCE,
    defaults={"L": 1, "R": 1},
    run=run,
    setting=setting,
    rate=rate,
    problem_class="SmoothConvex(L) + Convex()",
)
