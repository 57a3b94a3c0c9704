r"""Fast extragradient (FEG, Lee and Kim 2021) for a monotone L-Lipschitz operator F.

With anchor weights :math:`\beta_k = 1/(k+1)` and step :math:`\alpha = 1/L`:

.. math::
    z_{k+1/2} = z_k + \beta_k(z_0 - z_k) - (1 - \beta_k)\alpha F(z_k),\qquad
    z_{k+1} = z_k + \beta_k(z_0 - z_k) - \alpha F(z_{k+1/2}).

Bound (Lee and Kim 2021, Thm for the monotone case):
:math:`\|F z_N\|^2 \le 4L^2\|z_0 - z_*\|^2/N^2`. The PEP over the pairwise (relaxed)
Lipschitz + monotone conditions equals this bound for N >= 2 (numerical evidence, see
REFERENCE.md); since the class is not exactly interpolable, ``Rate.tight`` is False.
All coefficients are exact rationals.

>>> from pep.algorithms import get
>>> get("feg").rate(2).value
1
>>> round(get("feg").setting(2).solve().value, 5)
1.0
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from pep.algorithms.base import Algorithm, Rate, check_N
from pep.algorithms.extragradient import extragradient_pair
from pep.model import coefficients as C
from pep.model.algebra import Point, sqnorm
from pep.model.problem import Problem
from pep.model.validation import parameter
from pep.operators import LipschitzMonotone

REFERENCE = (
    "S. Lee, D. Kim, Fast extra gradient methods for smooth structured nonconvex-nonconcave "
    "minimax problems, NeurIPS 2021"
)


def anchor(k: int) -> Fraction:
    r""":math:`\beta_k = 1/(k+1)`."""
    return Fraction(1, k + 1)


def step(
    z: Point, z0: Point, F: Any, alpha: Any, beta: Any, *, name: str | None = None
) -> tuple[Point, Point]:
    """``z_k -> (z_{k+1/2}, z_{k+1})``; ``name`` labels the half point (coefficients may be
    symbolic)."""
    return extragradient_pair(z + beta * (z0 - z), z, F, (1 - beta) * alpha, alpha, name)


def run(problem: Problem, F: Any, z0: Point, N: int, L: Any = 1) -> Point:
    alpha = C.div(1, parameter("feg", "L", L, lower=0))
    z = z0
    for k in range(check_N(N)):
        _, z = step(z, z0, F, alpha, anchor(k), name=f"z{k}.5")
        z = z.with_name(f"z{k + 1}")
    return z


def setting(N: int, L: Any = 1, R: Any = 1) -> Problem:
    r"""Maximize :math:`\|F z_N\|^2` subject to :math:`\|z_0 - z_*\|^2 \le R^2`."""
    problem = Problem()
    F = problem.operator(LipschitzMonotone(L=L), name="F")
    z0, zs = problem.point("z0"), F.zero()
    problem.assume(sqnorm(z0 - zs) <= R * R, name="initial")
    problem.maximize(sqnorm(F(run(problem, F, z0, N, L=L))))
    return problem


def rate(N: int, L: Any = 1, R: Any = 1) -> Rate:
    N = check_N(N)
    L = parameter("feg", "L", L, lower=0)
    return Rate(
        C.div(4 * C.mul(L, L) * R * R, N * N),
        tight=False,
        reference=REFERENCE,
        measure="||F z_N||^2",
        initial="||z0 - z*||^2",
        formula="4*L**2*R**2/N**2",
    )


ALGORITHM = Algorithm(
    name="feg",
    title="Fast extragradient (FEG)",
    reference=REFERENCE,
    defaults={"L": 1, "R": 1},
    run=run,
    setting=setting,
    rate=rate,
    problem_class="LipschitzMonotone(L) (pairwise relaxation: upper bounds)",
    notes="the relaxed PEP equals 4/N^2 for N >= 2 (numerical evidence)",
)
