r"""Monotone operator classes: monotone, strongly monotone, cocoercive, and Lipschitz monotone.

An operator record is a pair :math:`(x_i, u_i)` with :math:`u_i = A(x_i)`; every condition
below is symmetric in the pair, so it is stated once per unordered pair of records.

Reference: E. K. Ryu, A. B. Taylor, C. Bergeling, P. Giselsson, "Operator splitting
performance estimation: tight contraction factors and optimal parameter selection",
SIAM J. Optim. 30(3) (2020), Sec. 2-3 (interpolation of operator classes). Each of
monotone, strongly monotone, cocoercive and Lipschitz operators is exactly interpolated by
its pairwise condition; Lipschitz *and* monotone together is not (pairwise conditions are
only necessary), so PEP values over :class:`LipschitzMonotone` are upper bounds.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from pep.model import coefficients as C
from pep.model.oracles import Record
from pep.model.validation import parameter

__all__ = [
    "Monotone",
    "StronglyMonotone",
    "Cocoercive",
    "LipschitzMonotone",
    "SmoothConvexConcave",
    "monotone_slack",
    "lipschitz_slack",
]


def monotone_slack(i: Record, j: Record, mu: Any = 0) -> Any:
    r""":math:`\langle u_i - u_j, x_i - x_j\rangle - \mu\|x_i - x_j\|^2` (``>= 0`` on the class).

    Works on Points (exact constraints) and on numpy arrays (contract tests).
    """
    dx = i.x - j.x
    slack = (i.g - j.g) @ dx
    if not C.is_zero(mu):
        slack = slack - mu * (dx @ dx)
    return slack


def lipschitz_slack(i: Record, j: Record, L: Any) -> Any:
    r""":math:`L^2\|x_i - x_j\|^2 - \|u_i - u_j\|^2` (``>= 0`` for an L-Lipschitz operator)."""
    dx, du = i.x - j.x, i.g - j.g
    return C.mul(L, L) * (dx @ dx) - du @ du


@dataclass(frozen=True)
class Monotone:
    r"""Maximal monotone operators: :math:`\langle u_i - u_j, x_i - x_j\rangle \ge 0` (exact;
    Ryu, Taylor, Bergeling, Giselsson 2020).

    >>> import pep
    >>> problem = pep.Problem()
    >>> A = problem.operator(pep.Monotone())
    >>> x0, xs = problem.point("x0"), A.zero()
    >>> problem.assume(pep.sqnorm(x0 - xs) <= 1)
    >>> x1 = pep.resolvent(A, x0, 1, name="x1")
    >>> problem.maximize(pep.sqnorm(x1 - x0))
    >>> round(problem.solve().value, 6)  # one resolvent step moves at most ||x0 - x*||
    1.0
    """

    interpolation_exact: ClassVar[bool] = True
    has_values: ClassVar[bool] = False
    is_operator: ClassVar[bool] = True
    symmetric: ClassVar[frozenset[str]] = frozenset({"monotone"})

    def pair_conditions(self, i: Record, j: Record) -> Mapping[str, Any]:
        return {"monotone": monotone_slack(i, j)}

    def point_conditions(self, i: Record) -> Mapping[str, Any]:
        return {}


@dataclass(frozen=True)
class StronglyMonotone:
    r"""mu-strongly monotone operators, mu > 0 (exact; RTBG 2020):
    :math:`\langle u_i - u_j, x_i - x_j\rangle \ge \mu\|x_i - x_j\|^2`.

    >>> StronglyMonotone(mu=0.5)
    StronglyMonotone(mu=0.5)
    """

    mu: Any = 1
    interpolation_exact: ClassVar[bool] = True
    has_values: ClassVar[bool] = False
    is_operator: ClassVar[bool] = True
    symmetric: ClassVar[frozenset[str]] = frozenset({"strongly_monotone"})

    def __post_init__(self) -> None:
        object.__setattr__(self, "mu", parameter("StronglyMonotone", "mu", self.mu, lower=0))

    def pair_conditions(self, i: Record, j: Record) -> Mapping[str, Any]:
        return {"strongly_monotone": monotone_slack(i, j, self.mu)}

    def point_conditions(self, i: Record) -> Mapping[str, Any]:
        return {}


@dataclass(frozen=True)
class Cocoercive:
    r"""beta-cocoercive operators, beta > 0 (exact; RTBG 2020):
    :math:`\langle u_i - u_j, x_i - x_j\rangle \ge \beta\|u_i - u_j\|^2`.

    The gradient of an L-smooth convex function is 1/L-cocoercive.

    >>> from fractions import Fraction
    >>> Cocoercive(beta=Fraction(1, 2))
    Cocoercive(beta=Fraction(1, 2))
    """

    beta: Any = 1
    interpolation_exact: ClassVar[bool] = True
    has_values: ClassVar[bool] = False
    is_operator: ClassVar[bool] = True
    symmetric: ClassVar[frozenset[str]] = frozenset({"cocoercive"})

    def __post_init__(self) -> None:
        object.__setattr__(self, "beta", parameter("Cocoercive", "beta", self.beta, lower=0))

    def pair_conditions(self, i: Record, j: Record) -> Mapping[str, Any]:
        du = i.g - j.g
        return {"cocoercive": monotone_slack(i, j) - self.beta * (du @ du)}

    def point_conditions(self, i: Record) -> Mapping[str, Any]:
        return {}


@dataclass(frozen=True)
class LipschitzMonotone:
    r"""Monotone and L-Lipschitz operators, L > 0: both pairwise conditions
    :math:`\langle u_i - u_j, x_i - x_j\rangle \ge 0` and
    :math:`\|u_i - u_j\|^2 \le L^2\|x_i - x_j\|^2`.

    **Not exactly interpolable** (RTBG 2020, Sec. 3): the two conditions are necessary but not
    sufficient for the existence of a monotone L-Lipschitz operator through the records, so
    a PEP over this class gives an *upper bound* on the worst case (``interpolation_exact``
    is False and results are labelled accordingly).

    >>> LipschitzMonotone(L=2).interpolation_exact
    False
    """

    L: Any = 1
    interpolation_exact: ClassVar[bool] = False
    has_values: ClassVar[bool] = False
    is_operator: ClassVar[bool] = True
    symmetric: ClassVar[frozenset[str]] = frozenset({"monotone", "lipschitz"})

    def __post_init__(self) -> None:
        name = type(self).__name__
        object.__setattr__(self, "L", parameter(name, "L", self.L, lower=0))

    def pair_conditions(self, i: Record, j: Record) -> Mapping[str, Any]:
        return {"monotone": monotone_slack(i, j), "lipschitz": lipschitz_slack(i, j, self.L)}

    def point_conditions(self, i: Record) -> Mapping[str, Any]:
        return {}


@dataclass(frozen=True)
class SmoothConvexConcave(LipschitzMonotone):
    r"""The saddle operator :math:`G(x, y) = (\nabla_x \phi(x, y), -\nabla_y \phi(x, y))` of an
    L-smooth convex-concave function :math:`\phi`: monotone and L-Lipschitz.

    This is the class of the EAG paper (T. Yoon, E. K. Ryu, "Accelerated algorithms for
    smooth convex-concave minimax problems with O(1/k^2) rate on squared gradient norm",
    ICML 2021), modelled by the pairwise conditions of :class:`LipschitzMonotone`; the PEP
    value is an upper bound (relaxed class), not necessarily attained.

    >>> SmoothConvexConcave(L=1)
    SmoothConvexConcave(L=1)
    """
