r"""Lipschitz operators and nonexpansive maps.

Reference: E. K. Ryu, A. B. Taylor, C. Bergeling, P. Giselsson, "Operator splitting
performance estimation: tight contraction factors and optimal parameter selection",
SIAM J. Optim. 30(3) (2020): the pairwise Lipschitz condition is an exact interpolation
condition (by Kirszbraun's extension theorem).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from pep.errors import InvalidArgument
from pep.model.oracles import Record
from pep.model.validation import parameter
from pep.operators.monotone import lipschitz_slack

__all__ = ["Lipschitz", "Nonexpansive"]


@dataclass(frozen=True)
class Lipschitz:
    r"""L-Lipschitz operators, L >= 0 (exact; RTBG 2020):
    :math:`\|u_i - u_j\|^2 \le L^2\|x_i - x_j\|^2`.

    >>> Lipschitz(L=3)
    Lipschitz(L=3)
    """

    L: Any = 1
    interpolation_exact: ClassVar[bool] = True
    has_values: ClassVar[bool] = False
    is_operator: ClassVar[bool] = True
    symmetric: ClassVar[frozenset[str]] = frozenset({"lipschitz"})

    def __post_init__(self) -> None:
        L = parameter("Lipschitz", "L", self.L, lower=0, strict=False)
        object.__setattr__(self, "L", L)

    def pair_conditions(self, i: Record, j: Record) -> Mapping[str, Any]:
        return {"lipschitz": lipschitz_slack(i, j, self.L)}

    def point_conditions(self, i: Record) -> Mapping[str, Any]:
        return {}


@dataclass(frozen=True, repr=False)
class Nonexpansive:
    r"""Nonexpansive maps T (1-Lipschitz; exact, RTBG 2020):
    :math:`\|T x_i - T x_j\|^2 \le \|x_i - x_j\|^2`.

    Declare with ``T = problem.operator(pep.Nonexpansive())``; ``T(y)`` is the image of
    ``y`` and ``T.fixed_point()`` a point ``y*`` with ``T(y*) = y*``.

    **Possibly inconsistent maps.** With ``v`` (a :class:`pep.Point` of the problem), ``v`` is
    the *infimal displacement vector* of ``T``, the minimal-norm element of the closure of the
    range of :math:`I - T` (zero when ``T`` has a fixed point). The class adds, for every record,
    :math:`\|v\|^2 \le \langle x_i - T x_i, v\rangle` (``displacement``); with the pairwise
    condition this is exact (J. Park, E. K. Ryu, "Accelerated infeasibility detection of
    constrained optimization and fixed-point iterations", ICML 2023, Thm 10). A point where
    ``v`` is attained is recorded with ``T.record(xs, xs - v)``.

    >>> import pep
    >>> problem = pep.Problem()
    >>> T = problem.operator(pep.Nonexpansive(), name="T")
    >>> y0, ys = problem.point("y0"), T.fixed_point()
    >>> problem.assume(pep.sqnorm(y0 - ys) <= 1)
    >>> problem.maximize(pep.sqnorm(y0 - T(y0)))
    >>> round(problem.solve().value, 6)  # ||y - Ty|| <= ||y - y*|| + ||Ty* - Ty|| <= 2
    4.0
    """

    v: Any = None
    interpolation_exact: ClassVar[bool] = True
    has_values: ClassVar[bool] = False
    is_operator: ClassVar[bool] = True
    symmetric: ClassVar[frozenset[str]] = frozenset({"nonexpansive"})

    def __post_init__(self) -> None:
        if self.v is not None and (
            isinstance(self.v, (bool, int, float)) or not hasattr(self.v, "__matmul__")
        ):
            raise InvalidArgument(
                f"Nonexpansive(v={self.v!r}): the displacement vector is a vector of the "
                "problem, e.g. v = problem.point('v')"
            )

    def __repr__(self) -> str:
        return "Nonexpansive()" if self.v is None else f"Nonexpansive(v={self.v!r})"

    def pair_conditions(self, i: Record, j: Record) -> Mapping[str, Any]:
        return {"nonexpansive": lipschitz_slack(i, j, 1)}

    def point_conditions(self, i: Record) -> Mapping[str, Any]:
        if self.v is None:
            return {}
        return {"displacement": (i.x - i.g) @ self.v - self.v @ self.v}
