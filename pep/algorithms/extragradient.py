r"""Extragradient method (Korpelevich 1976) for a monotone L-Lipschitz operator F.

.. math:: z_{k+1/2} = z_k - \alpha F(z_k),\qquad z_{k+1} = z_k - \alpha F(z_{k+1/2}),

with step :math:`\alpha` (default :math:`1/(2L)`). The standard PEP measure is the last
iterate's :math:`\|F z_N\|^2` over :math:`\|z_0 - z_*\|^2`; it decays as O(1/N) (Gorbunov,
Loizou and Gidel, AISTATS 2022), but no closed-form constant is registered here, so
``rate()`` raises :class:`pep.errors.NoKnownRate`: solve the PEP instead. The PEP uses the
pairwise (relaxed) Lipschitz + monotone conditions, so its value is an upper bound.

>>> from pep.algorithms import get
>>> r = get("extragradient").setting(1).solve()
>>> r.label
'upper bound (relaxed class); numerical evidence'
>>> get("extragradient").rate(1)
Traceback (most recent call last):
...
pep.errors.NoKnownRate: extragradient: no closed-form bound for ||F z_N||^2 is registered; ...
"""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from pep.algorithms.base import Algorithm, Rate, check_N
from pep.errors import NoKnownRate
from pep.model import coefficients as C
from pep.model.algebra import Point, sqnorm
from pep.model.problem import Problem
from pep.model.validation import parameter
from pep.operators import LipschitzMonotone

REFERENCE = (
    "G. M. Korpelevich, The extragradient method for finding saddle points and other "
    "problems, Ekonomika i Matematicheskie Metody 12 (1976); last-iterate O(1/N): E. Gorbunov, "
    "N. Loizou, G. Gidel, AISTATS 2022"
)


def extragradient_pair(
    base: Point, z: Point, F: Any, alpha_half: Any, alpha: Any, name: str | None = None
) -> tuple[Point, Point]:
    r"""The extragradient pattern shared by EG, EAG and FEG:
    :math:`z_{k+1/2} = b - a_{1/2}F(z_k)`, :math:`z_{k+1} = b - a F(z_{k+1/2})` from a base
    point :math:`b` (``z_k`` itself, or an anchored point); ``name`` labels the half point."""
    half = base - alpha_half * F(z)
    if name is not None:
        half = half.with_name(name)
    return half, base - alpha * F(half)


def step(z: Point, F: Any, alpha: Any, *, name: str | None = None) -> tuple[Point, Point]:
    """``z_k -> (z_{k+1/2}, z_{k+1})``; ``name`` labels the half point."""
    return extragradient_pair(z, z, F, alpha, alpha, name)


def _alpha(alpha: Any, L: Any) -> Any:
    L = parameter("extragradient", "L", L, lower=0)
    if alpha is None:
        return C.div(1, 2 * L)
    return parameter("extragradient", "alpha", alpha, lower=0)


def run(problem: Problem, F: Any, z0: Point, N: int, alpha: Any = None, L: Any = 1) -> Point:
    a = _alpha(alpha, L)
    z = z0
    for k in range(check_N(N)):
        _, z = step(z, F, a, name=f"z{k}.5")
        z = z.with_name(f"z{k + 1}")
    return z


def setting(N: int, alpha: Any = None, L: Any = 1, R: Any = 1) -> Problem:
    r"""Maximize :math:`\|F z_N\|^2` subject to :math:`\|z_0 - z_*\|^2 \le R^2`."""
    problem = Problem()
    F = problem.operator(LipschitzMonotone(L=L), name="F")
    z0, zs = problem.point("z0"), F.zero()
    problem.assume(sqnorm(z0 - zs) <= R * R, name="initial")
    problem.maximize(sqnorm(F(run(problem, F, z0, N, alpha=alpha, L=L))))
    return problem


def rate(N: int, alpha: Any = None, L: Any = 1, R: Any = 1) -> Rate:
    check_N(N)
    _alpha(alpha, L)
    raise NoKnownRate(
        "extragradient: no closed-form bound for ||F z_N||^2 is registered; solve the PEP "
        "with get('extragradient').setting(N).solve() (an upper bound: relaxed class)"
    )


ALGORITHM = Algorithm(
    name="extragradient",
    title="Extragradient method (EG)",
    reference=REFERENCE,
    defaults={"alpha": Fraction(1, 2), "L": 1, "R": 1},
    run=run,
    setting=setting,
    rate=rate,
    problem_class="LipschitzMonotone(L) (pairwise relaxation: upper bounds)",
    notes="default alpha = 1/(2L) for L = 1 (functions: alpha=None means 1/(2L)); rate() raises NoKnownRate",
)
