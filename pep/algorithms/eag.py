r"""Extra anchored gradient (EAG, Yoon and Ryu 2021) for smooth convex-concave minimax.

For the saddle operator G of an L-smooth convex-concave function (monotone, L-Lipschitz; see
:class:`pep.SmoothConvexConcave`) and anchor weights :math:`\beta_k = 1/(k+2)`:

.. math::
    z_{k+1/2} = z_k + \beta_k(z_0 - z_k) - \alpha_k G(z_k),\qquad
    z_{k+1} = z_k + \beta_k(z_0 - z_k) - \alpha_k G(z_{k+1/2}).

* EAG-C: :math:`\alpha_k = \alpha` (default :math:`1/(8L)`), Thm 1:
  :math:`\|G z_N\|^2 \le \frac{4(1 + \alpha L + \alpha^2L^2)}{\alpha^2(1 + \alpha L)}
  \frac{\|z_0 - z_*\|^2}{(N+1)^2}`. The paper states it for :math:`\alpha \le 1/(8L)`;
  ``proofs/eag_c.py`` proves the same bound for every :math:`0 < \alpha \le 1/(4L)` (checked
  by ``pep check`` for a symbolic α and k), so :func:`rate_c` accepts that range; for a
  larger step it raises :class:`pep.errors.NoKnownRate` (the PEP still solves).
* EAG-V: :math:`\alpha_0 \in (0, 3/(4L))` (default :math:`0.618/L`),
  :math:`\alpha_{k+1} = \alpha_k\big(1 - \frac{\alpha_k^2L^2}{(k+1)(k+3)(1 - \alpha_k^2L^2)}\big)`,
  decreasing to :math:`\alpha_\infty > 0`, Thm 2:
  :math:`\|G z_N\|^2 \le \frac{4(1 + \alpha_0\alpha_\infty L^2)}{\alpha_\infty^2}
  \frac{\|z_0 - z_*\|^2}{(N+1)(N+2)}`.

Both bounds are upper bounds, and the PEP (pairwise Lipschitz + monotone conditions, not
exactly interpolable) is itself an upper bound on the true worst case: ``Rate.tight`` is False.
The EAG-V step sizes after :math:`\alpha_0` are floats (exact dyadic rationals): the exact
rationals of the recurrence roughly triple in size at every step.

>>> from pep.algorithms import get
>>> get("eag_c").rate(1).value
Fraction(584, 9)
>>> round(get("eag_v").setting(1).solve().value, 5)
0.76394
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

from pep.algorithms.base import Rate, check_N
from pep.algorithms.extragradient import extragradient_pair
from pep.errors import InvalidArgument, NoKnownRate
from pep.model import coefficients as C
from pep.model.algebra import Point, sqnorm
from pep.model.problem import Problem
from pep.model.validation import compare, parameter
from pep.operators import SmoothConvexConcave

REFERENCE = (
    "T. Yoon, E. K. Ryu, Accelerated algorithms for smooth convex-concave minimax problems "
    "with O(1/k^2) rate on squared gradient norm, ICML 2021 (PMLR 139)"
)
# Iterations after which alpha_infinity's tail is bounded in closed form (see alpha_infinity).
_TAIL_START = 20_000


def anchor(k: int) -> Fraction:
    r""":math:`\beta_k = 1/(k+2)`."""
    return Fraction(1, k + 2)


def step(
    z: Point, z0: Point, G: Any, alpha: Any, beta: Any, *, name: str | None = None
) -> tuple[Point, Point]:
    """``z_k -> (z_{k+1/2}, z_{k+1})``; ``name`` labels the half point (coefficients may be
    symbolic)."""
    return extragradient_pair(z + beta * (z0 - z), z, G, alpha, alpha, name)


def run_steps(z0: Point, G: Any, alphas: Sequence[Any]) -> Point:
    """``z_N`` for step sizes ``alphas = [alpha_0, ..., alpha_{N-1}]`` (iterates named)."""
    z = z0
    for k, a in enumerate(alphas):
        _, z = step(z, z0, G, a, anchor(k), name=f"z{k}.5")
        z = z.with_name(f"z{k + 1}")
    return z


def measure_setting(N: int, alphas: Sequence[Any], L: Any, R: Any, *, scale: Any = 1) -> Problem:
    r"""Maximize :math:`\|G z_N\|^2` subject to :math:`\|z_0 - z_*\|^2 \le R^2`.

    With ``scale`` s != 1 the same worst case is posed as: maximize
    :math:`\|G z_N\|^2/s^2` subject to :math:`\|z_0 - z_*\|^2 \le s^2R^2`. Both conditions
    and the steps are invariant under :math:`(z, G z) \to (s z, s G z)`, so the value is the
    same; only the solver's path changes (see :func:`setting_c`).
    """
    check_N(N)
    problem = Problem()
    G = problem.operator(SmoothConvexConcave(L=L), name="G")
    z0, zs = problem.point("z0"), G.zero()
    problem.assume(sqnorm(z0 - zs) <= C.mul(scale, scale) * R * R, name="initial")
    problem.maximize(sqnorm(G(run_steps(z0, G, alphas))) * C.div(1, C.mul(scale, scale)))
    return problem


# -- EAG-C ------------------------------------------------------------------------------------
def constant_alpha(alpha: Any, L: Any) -> Any:
    """The EAG-C step: ``alpha`` validated, or the default 1/(8L)."""
    L = parameter("eag_c", "L", L, lower=0)
    if alpha is None:
        return C.div(1, 8 * L)
    return parameter("eag_c", "alpha", alpha, lower=0)


def run_c(problem: Problem, G: Any, z0: Point, N: int, alpha: Any = None, L: Any = 1) -> Point:
    return run_steps(z0, G, [constant_alpha(alpha, L)] * check_N(N))


def setting_c(N: int, alpha: Any = None, L: Any = 1, R: Any = 1) -> Problem:
    """The EAG-C PEP, posed at initial radius :math:`2\alpha L R` and rescaled (the same
    value, see :func:`measure_setting`): at radius R, Clarabel stops "almost solved" from
    N = 5 on (small steps make the SDP badly scaled); at :math:`2\alpha L R` it converges."""
    a = constant_alpha(alpha, L)
    return measure_setting(N, [a] * check_N(N), L, R, scale=2 * C.mul(a, L))


def rate_c(N: int, alpha: Any = None, L: Any = 1, R: Any = 1) -> Rate:
    check_N(N)
    a = constant_alpha(alpha, L)
    if compare(C.mul(a, L), Fraction(1, 4), strict=True) is not False:  # unknown: refuse too
        raise NoKnownRate(
            f"eag_c: alpha={alpha!r} with L={L!r} is not known to satisfy alpha*L <= 1/4; the "
            "bound is proved for 0 < alpha <= 1/(4L) (proofs/eag_c.py; Yoon-Ryu Thm 1 states "
            "alpha <= 1/(8L)). Use a smaller alpha, or solve the PEP (an upper bound)"
        )
    aL = C.mul(a, L)
    const = C.div(4 * (1 + aL + C.mul(aL, aL)), C.mul(C.mul(a, a), 1 + aL))
    return Rate(
        C.div(const * R * R, (N + 1) ** 2),
        tight=False,
        reference=REFERENCE + ", Thm 1 (stated for alpha <= 1/(8L)); for alpha <= 1/(4L): "
        "proofs/eag_c.py",
        measure="||G z_N||^2",
        initial="||z0 - z*||^2",
        formula="4*(1 + a*L + a**2*L**2)/(a**2*(1 + a*L))*R**2/(N + 1)**2",
    )


# -- EAG-V ------------------------------------------------------------------------------------
def _next_alpha(a: float, k: int, L: float) -> float:
    s = (a * L) ** 2
    return a * (1 - s / ((k + 1) * (k + 3) * (1 - s)))


def _alpha0(alpha0: Any, L: Any) -> tuple[Any, Any]:
    L = parameter("eag_v", "L", L, lower=0)
    if alpha0 is None:
        return C.div(Fraction(309, 500), L), L
    a0 = parameter("eag_v", "alpha0", alpha0, lower=0)
    if compare(C.mul(a0, L), Fraction(3, 4), strict=False) is True:
        raise InvalidArgument(
            f"eag_v: alpha0={alpha0!r} must be < 3/(4L) (Yoon-Ryu Thm 2); pass a smaller alpha0"
        )
    return a0, L


def alpha_sequence(N: int, alpha0: Any = None, L: Any = 1) -> list[Any]:
    r"""EAG-V's :math:`[\alpha_0, \dots, \alpha_{N-1}]` (:math:`\alpha_0` as given, then floats).

    >>> [round(a, 4) for a in alpha_sequence(3, 0.618)]
    [0.618, 0.4907, 0.4713]
    """
    a0, L = _alpha0(alpha0, L)
    out = [a0]
    a, Lf = C.to_float(a0), C.to_float(L)
    for k in range(check_N(N) - 1):
        a = _next_alpha(a, k, Lf)
        out.append(a)
    return out


def alpha_infinity(alpha0: Any = None, L: Any = 1) -> float:
    r"""A lower bound on :math:`\alpha_\infty = \lim_k \alpha_k` (accurate to ~1e-9 relative).

    After K steps, :math:`\alpha_\infty \ge \alpha_K(1 - \frac{s}{1-s}\sum_{k\ge K}
    \frac{1}{(k+1)(k+3)})` with :math:`s = \alpha_K^2L^2` (the sequence decreases and
    :math:`\prod(1 - x_k) \ge 1 - \sum x_k`); the sum is :math:`(1/(K+1) + 1/(K+2))/2`. A
    lower bound keeps the EAG-V rate an upper bound.

    >>> round(alpha_infinity(0.618), 4)
    0.4365
    """
    a0, L = _alpha0(alpha0, L)
    a, Lf = C.to_float(a0), C.to_float(L)
    for k in range(_TAIL_START):
        a = _next_alpha(a, k, Lf)
    s = (a * Lf) ** 2
    tail = (1 / (_TAIL_START + 1) + 1 / (_TAIL_START + 2)) / 2
    return a * (1 - s / (1 - s) * tail)


def run_v(problem: Problem, G: Any, z0: Point, N: int, alpha0: Any = None, L: Any = 1) -> Point:
    return run_steps(z0, G, alpha_sequence(N, alpha0, L))


def setting_v(N: int, alpha0: Any = None, L: Any = 1, R: Any = 1) -> Problem:
    return measure_setting(N, alpha_sequence(N, alpha0, L), L, R)


def rate_v(N: int, alpha0: Any = None, L: Any = 1, R: Any = 1) -> Rate:
    check_N(N)
    a0, L = _alpha0(alpha0, L)
    ainf, a0f, Lf = alpha_infinity(a0, L), C.to_float(a0), C.to_float(L)
    const = 4 * (1 + a0f * ainf * Lf**2) / ainf**2
    value = const * C.to_float(R) ** 2 / ((N + 1) * (N + 2))
    if not math.isfinite(value):
        raise InvalidArgument(f"eag_v: alpha0={alpha0!r} gives a non-finite bound")
    return Rate(
        value,
        tight=False,
        reference=REFERENCE + ", Thm 2",
        measure="||G z_N||^2",
        initial="||z0 - z*||^2",
        formula="4*(1 + alpha0*alpha_inf*L**2)/alpha_inf**2*R**2/((N + 1)*(N + 2))",
    )
