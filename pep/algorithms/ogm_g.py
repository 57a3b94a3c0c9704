r"""OGM-G: the optimized method for decreasing the gradient norm (Kim and Fessler 2021).

With :math:`\psi_i = \theta_{N-i}` (OGM's sequence read backwards) and :math:`y_0 = x_0`:

.. math::
    y_{i+1} = x_i - \tfrac1L\nabla f(x_i),\quad
    x_{i+1} = y_{i+1} + \frac{(\psi_i - 1)(2\psi_{i+1} - 1)}{\psi_i(2\psi_i - 1)}(y_{i+1} - y_i)
              + \frac{2\psi_{i+1} - 1}{2\psi_i - 1}(y_{i+1} - x_i).

Worst case :math:`\|\nabla f(x_N)\|^2 \le 2L(f(x_0) - f_*)/\theta_N^2
\le 4L(f(x_0) - f_*)/(N+1)^2`, tight.

>>> from pep.algorithms import get
>>> round(float(get("ogm_g").rate(1).value), 6)
0.5
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
    "D. Kim, J. A. Fessler, Optimizing the efficiency of first-order methods for decreasing "
    "the gradient of smooth convex functions, J. Optim. Theory Appl. 188 (2021)"
)


def step(x: Point, y: Point, f: Any, L: Any, psi: Any, psi_next: Any) -> tuple[Point, Point]:
    """``(x_i, y_i) -> (x_{i+1}, y_{i+1})``."""
    y_next = x - C.div(1, L) * f.grad(x)
    a = C.div((psi - 1) * (2 * psi_next - 1), psi * (2 * psi - 1))
    b = C.div(2 * psi_next - 1, 2 * psi - 1)
    return y_next + a * (y_next - y) + b * (y_next - x), y_next


def run(
    problem: Problem, f: Any, x0: Point, N: int, L: Any = 1, theta: Sequence[Any] | None = None
) -> Point:
    """``theta``: OGM's :math:`\\theta_0..\\theta_N`, read backwards (default: floats)."""
    psi = (theta_sequence(check_N(N)) if theta is None else list(theta))[::-1]
    x, y = x0, x0
    for i in range(N):
        x, y = step(x, y, f, L, psi[i], psi[i + 1])
    return x


def setting(N: int, L: Any = 1, D: Any = 1) -> Problem:
    problem = Problem()
    f = problem.function(SmoothConvex(L=L))
    x0, xs = problem.point("x0"), f.minimizer()
    problem.assume(f(x0) - f(xs) <= D, name="initial")
    problem.maximize(sqnorm(f.grad(run(problem, f, x0, N, L=L))))
    return problem


def step_matrix(N: int, L: Any = 1, D: Any = 1, theta: Sequence[Any] | None = None) -> StepMatrix:
    r"""OGM-G's :math:`H` traced from :func:`run`: exact (sympy radicals) by default, or in
    terms of any given :math:`\theta_0..\theta_N`. It is the anti-transpose of OGM's
    (Kim, Ozdaglar, Park and Ryu 2023): see ``tests/test_hduality.py``.

    >>> step_matrix(1).rows  # N = 1: theta_1 = 2, the same single step as OGM
    ((Fraction(3, 2),),)
    """
    th = theta_definitions(check_N(N)) if theta is None else list(theta)
    names = [f"theta_{k}" for k in range(N + 1)]
    return trace_with_sequence(lambda s: lambda p, f, x0: run(p, f, x0, N, L, s), th, names, N, L)


def rate(N: int, L: Any = 1, D: Any = 1) -> Rate:
    th = theta_sequence(check_N(N))[-1]
    return Rate(
        2 * float(L) * float(D) / (th * th),
        tight=True,
        reference=REFERENCE,
        measure="||grad f(x_N)||^2",
        initial="f(x0) - f(x*)",
        formula="2*L*D/theta_N**2",
    )


ALGORITHM = Algorithm(
    name="ogm_g",
    title="OGM-G (gradient-norm OGM)",
    reference=REFERENCE,
    defaults={"L": 1, "D": 1},
    run=run,
    setting=setting,
    rate=rate,
    problem_class="SmoothConvex(L)",
    fixed_steps=step_matrix,
)
