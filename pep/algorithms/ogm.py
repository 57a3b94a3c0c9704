r"""Optimized gradient method (OGM) on L-smooth convex functions.

With :math:`\theta_0 = 1`, :math:`\theta_k = (1+\sqrt{1+4\theta_{k-1}^2})/2` (k < N) and
:math:`\theta_N = (1+\sqrt{1+8\theta_{N-1}^2})/2`, in (y, z) form with :math:`z_0 = x_0`:

.. math::
    y_{k+1} = x_k - \tfrac1L\nabla f(x_k),\quad
    z_{k+1} = z_k - \tfrac{2\theta_k}{L}\nabla f(x_k),\quad
    x_{k+1} = (1 - \tfrac{1}{\theta_{k+1}})y_{k+1} + \tfrac{1}{\theta_{k+1}} z_{k+1}.

Worst case :math:`f(x_N) - f_* \le L\|x_0 - x_*\|^2/(2\theta_N^2)`, tight and optimal
(Drori and Teboulle 2014; Kim and Fessler 2016; Drori 2017). The step coefficients are floats
(the :math:`\theta_k` are irrational), i.e. exact dyadic rationals.

>>> from pep.algorithms import get
>>> round(float(get("ogm").rate(2).value), 7)
0.0618942
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pep.algorithms.base import (
    Algorithm,
    Rate,
    check_N,
    theta_definitions,
    theta_sequence,
)
from pep.algorithms.step_matrix import StepMatrix, trace_with_sequence
from pep.functions import SmoothConvex
from pep.model import coefficients as C
from pep.model.algebra import Point, sqnorm
from pep.model.problem import Problem

REFERENCE = (
    "D. Kim, J. A. Fessler, Optimized first-order methods for smooth convex minimization, "
    "Math. Program. 159 (2016); Y. Drori, The exact information-based complexity of smooth "
    "convex minimization, J. Complexity 39 (2017)"
)


def step(x: Point, z: Point, f: Any, L: Any, theta: Any, theta_next: Any) -> tuple[Point, Point]:
    """``(x_k, z_k) -> (x_{k+1}, z_{k+1})``."""
    g = f.grad(x)
    y = x - C.div(1, L) * g
    z = z - C.div(2 * theta, L) * g
    return (1 - C.div(1, theta_next)) * y + C.div(1, theta_next) * z, z


def run(
    problem: Problem, f: Any, x0: Point, N: int, L: Any = 1, theta: Sequence[Any] | None = None
) -> Point:
    """``theta``: the sequence :math:`\\theta_0..\\theta_N` (default: floats)."""
    th = theta_sequence(check_N(N)) if theta is None else list(theta)
    x, z = x0, x0
    for k in range(N):
        x, z = step(x, z, f, L, th[k], th[k + 1])
    return x


def setting(N: int, L: Any = 1, R: Any = 1) -> Problem:
    problem = Problem()
    f = problem.function(SmoothConvex(L=L))
    x0, xs = problem.point("x0"), f.minimizer()
    problem.assume(sqnorm(x0 - xs) <= R * R, name="initial")
    problem.maximize(f(run(problem, f, x0, N, L=L)) - f(xs))
    return problem


def step_matrix(N: int, L: Any = 1, R: Any = 1, theta: Sequence[Any] | None = None) -> StepMatrix:
    r"""OGM's :math:`H` (Kim and Fessler 2016, eq. (6.2)) traced from :func:`run`: exact
    (sympy radicals) by default, or in terms of any given :math:`\theta_0..\theta_N`
    (e.g. symbols).

    >>> H = step_matrix(2)
    >>> H.simplified().rows[1]  # h_{2,0} = (theta_1 - 1)/theta_2 (h_{1,0} - 1), h_{2,1}
    ((theta_1 - 1)/(theta_1*theta_2), (2*theta_1 + theta_2 - 1)/theta_2)
    >>> H.sequence[0]
    (theta_1, 1/2 + sqrt(5)/2)
    """
    th = theta_definitions(check_N(N)) if theta is None else list(theta)
    names = [f"theta_{k}" for k in range(N + 1)]
    return trace_with_sequence(lambda s: lambda p, f, x0: run(p, f, x0, N, L, s), th, names, N, L)


def rate(N: int, L: Any = 1, R: Any = 1) -> Rate:
    th = theta_sequence(check_N(N))[-1]
    return Rate(
        float(L) * float(R) ** 2 / (2 * th * th),
        tight=True,
        reference=REFERENCE,
        measure="f(x_N) - f(x*)",
        initial="||x0 - x*||^2",
        formula="L*R**2/(2*theta_N**2)",
    )


ALGORITHM = Algorithm(
    name="ogm",
    title="Optimized gradient method (OGM)",
    reference=REFERENCE,
    defaults={"L": 1, "R": 1},
    run=run,
    setting=setting,
    rate=rate,
    problem_class="SmoothConvex(L)",
    fixed_steps=step_matrix,
)
