r"""Nesterov's fast gradient method in the form of Beck and Teboulle (FISTA with h = 0).

:math:`y_1 = x_0`, :math:`t_1 = 1`; for :math:`k = 1..N`: :math:`x_k = y_k - \nabla f(y_k)/L`,
:math:`t_{k+1} = (1 + \sqrt{1 + 4t_k^2})/2`,
:math:`y_{k+1} = x_k + \frac{t_k - 1}{t_{k+1}}(x_k - x_{k-1})`.

Bound :math:`f(x_N) - f_* \le L\|x_0 - x_*\|^2/(2t_N^2) \le 2L\|x_0 - x_*\|^2/(N+1)^2`: an upper
bound, not attained (N = 5: PEP 0.0348938 vs 0.0460565).

>>> from pep.algorithms import get
>>> round(float(get("fgm").rate(5).value), 7)
0.0460565
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from pep.algorithms.base import Algorithm, Rate, check_N, theta_definitions
from pep.algorithms.step_matrix import StepMatrix, trace_with_sequence
from pep.functions import SmoothConvex
from pep.model import coefficients as C
from pep.model.algebra import Point, sqnorm
from pep.model.problem import Problem

REFERENCE = (
    "A. Beck, M. Teboulle, A fast iterative shrinkage-thresholding algorithm for linear "
    "inverse problems, SIAM J. Imaging Sci. 2(1) (2009); Y. Nesterov (1983)"
)


def t_sequence(N: int) -> list[float]:
    """``[t_1, ..., t_{N+1}]`` with ``t_1 = 1`` (index 0 holds t_1)."""
    t = [1.0]
    for _ in range(N):
        t.append((1 + math.sqrt(1 + 4 * t[-1] ** 2)) / 2)
    return t


def momentum(x: Point, x_prev: Point, t: Any, t_next: Any) -> Point:
    """``y_{k+1} = x_k + (t_k - 1)/t_{k+1} (x_k - x_{k-1})``."""
    return x + C.div(t - 1, t_next) * (x - x_prev)


def run(
    problem: Problem, f: Any, x0: Point, N: int, L: Any = 1, t: Sequence[Any] | None = None
) -> Point:
    """``t``: :math:`t_1..t_{N+1}` (index 0 holds :math:`t_1`; default: floats)."""
    t = t_sequence(check_N(N)) if t is None else list(t)
    y, x_prev = x0, x0
    x = x0
    for k in range(1, N + 1):
        y = y.with_name("x0") if k == 1 else y.with_name(f"y{k}")
        x = y - C.div(1, L) * f.grad(y)
        if k < N:
            y, x_prev = momentum(x, x_prev, t[k - 1], t[k]), x
    return x


def setting(N: int, L: Any = 1, R: Any = 1) -> Problem:
    problem = Problem()
    f = problem.function(SmoothConvex(L=L))
    x0, xs = problem.point("x0"), f.minimizer()
    problem.assume(sqnorm(x0 - xs) <= R * R, name="initial")
    xN = run(problem, f, x0, N, L=L).with_name(f"x{N}")
    problem.maximize(f(xN) - f(xs))
    return problem


def step_matrix(N: int, L: Any = 1, R: Any = 1) -> StepMatrix:
    r"""FGM's :math:`H` traced from :func:`run` with exact :math:`t_k` (sympy radicals);
    the gradient points are :math:`y_1 = x_0, \dots, y_N` and the output is :math:`x_N`.

    >>> step_matrix(2).rows
    ((Fraction(1, 1),), (Fraction(0, 1), Fraction(1, 1)))
    """
    names = [f"t_{k + 1}" for k in range(N + 1)]
    t = theta_definitions(check_N(N), last=False, names=names)
    return trace_with_sequence(lambda s: lambda p, f, x0: run(p, f, x0, N, L, s), t, names, N, L)


def rate(N: int, L: Any = 1, R: Any = 1) -> Rate:
    tN = t_sequence(check_N(N))[N - 1]
    return Rate(
        float(L) * float(R) ** 2 / (2 * tN * tN),
        tight=False,
        reference=REFERENCE,
        measure="f(x_N) - f(x*)",
        initial="||x0 - x*||^2",
        formula="L*R**2/(2*t_N**2)",
    )


ALGORITHM = Algorithm(
    name="fgm",
    title="Fast gradient method (Nesterov / Beck-Teboulle)",
    reference=REFERENCE,
    defaults={"L": 1, "R": 1},
    run=run,
    setting=setting,
    rate=rate,
    problem_class="SmoothConvex(L)",
    fixed_steps=step_matrix,
)
