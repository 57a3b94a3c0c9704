r"""Gradient descent :math:`x_{k+1} = x_k - \frac{h}{L}\nabla f(x_k)` on L-smooth convex f.

Worst case, tight for every step :math:`0 < h < 2`:

.. math::
    f(x_N) - f_* \le \frac{L\|x_0 - x_*\|^2}{2}
    \max\Big\{\frac{1}{2Nh + 1}, (1 - h)^{2N}\Big\}.

For :math:`h \le 1` the first term is the larger one, :math:`L\|x_0 - x_*\|^2/(4Nh + 2)`
(Drori and Teboulle 2014, Thm 3.1); Drori and Teboulle conjectured the whole formula, which
J. Kim proved for :math:`h \in (0, 2)` (arXiv:2412.04427, 2024). For :math:`h \ge 2` there is
no bound: the iterates of :math:`f(x) = Lx^2/2` do not converge, so ``rate`` refuses.

>>> from pep.algorithms import get
>>> gd = get("gd")
>>> gd.rate(3).value
Fraction(1, 14)
>>> gd.rate(1, h=2).value
Traceback (most recent call last):
...
pep.errors.NoKnownRate: gd: h=2 is outside 0 < h < 2, where the rate holds; for h >= 2 gradient descent need not converge on L-smooth convex functions (f = L x^2/2 gives |x_k| = |1 - h|^k |x_0|)
>>> round(gd.setting(3).solve().value, 6)
0.071429
"""

from __future__ import annotations

from typing import Any

from pep.algorithms.base import Algorithm, Rate, check_N
from pep.algorithms.step_matrix import StepMatrix, trace_step_matrix
from pep.errors import NoKnownRate
from pep.functions import SmoothConvex
from pep.model import coefficients as C
from pep.model.algebra import Point, sqnorm
from pep.model.problem import Problem

REFERENCE = (
    "Y. Drori, M. Teboulle, Performance of first-order methods for smooth convex "
    "minimization: a novel approach, Math. Program. 145 (2014), Thm 3.1 (h <= 1); "
    "J. Kim, A proof of the exact convergence rate of gradient descent, arXiv:2412.04427 "
    "(2024) (0 < h < 2)"
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
    """The tight worst case for ``0 < h < 2``; other steps raise :class:`pep.errors.NoKnownRate`."""
    check_N(N)
    if not 0 < h < 2:
        raise NoKnownRate(
            f"gd: h={h!r} is outside 0 < h < 2, where the rate holds; for h >= 2 gradient "
            "descent need not converge on L-smooth convex functions (f = L x^2/2 gives "
            "|x_k| = |1 - h|^k |x_0|)"
        )
    half = C.div(C.mul(L, R * R), 2)
    value = C.mul(half, max(C.div(1, 2 * N * h + 1), (1 - h) ** (2 * N)))
    return Rate(
        value,
        tight=True,
        reference=REFERENCE,
        measure="f(x_N) - f(x*)",
        initial="||x0 - x*||^2",
        formula="L*R**2/2 * max(1/(2*N*h + 1), (1 - h)**(2*N))",
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
