"""Nonsmooth convex classes: convex, strongly convex, Lipschitz convex, convex indicators.

References: A. B. Taylor, J. M. Hendrickx, F. Glineur, "Smooth strongly convex interpolation
and exact worst-case performance of first-order methods", Math. Program. 161 (2017)
(convex and strongly convex interpolation); A. B. Taylor, J. M. Hendrickx, F. Glineur, "Exact
worst-case performance of first-order methods for composite convex optimization", SIAM J.
Optim. 27(3) (2017), Sec. 3 (Lipschitz convex functions and indicator functions).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from pep.errors import InvalidArgument
from pep.model import coefficients as C
from pep.model.oracles import Record
from pep.model.validation import parameter

__all__ = ["Convex", "StronglyConvex", "ConvexLipschitz", "ConvexIndicator"]


def _convex_slack(i: Record, j: Record) -> Any:
    return i.f - j.f - j.g @ (i.x - j.x)


@dataclass(frozen=True)
class Convex:
    r"""Closed proper convex functions: :math:`f_i \ge f_j + \langle g_j, x_i - x_j\rangle` (exact).

    >>> Convex()
    Convex()
    """

    interpolation_exact: ClassVar[bool] = True
    has_values: ClassVar[bool] = True
    symmetric: ClassVar[frozenset[str]] = frozenset()

    def pair_conditions(self, i: Record, j: Record) -> Mapping[str, Any]:
        return {"interp": _convex_slack(i, j)}

    def point_conditions(self, i: Record) -> Mapping[str, Any]:
        return {}


@dataclass(frozen=True)
class StronglyConvex:
    r"""mu-strongly convex functions, mu > 0 (exact):
    :math:`f_i \ge f_j + \langle g_j, x_i - x_j\rangle + \frac{\mu}{2}\|x_i - x_j\|^2`.

    >>> StronglyConvex(mu=1)
    StronglyConvex(mu=1)
    """

    mu: Any = 1
    interpolation_exact: ClassVar[bool] = True
    has_values: ClassVar[bool] = True
    symmetric: ClassVar[frozenset[str]] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "mu", parameter("StronglyConvex", "mu", self.mu, lower=0))

    def pair_conditions(self, i: Record, j: Record) -> Mapping[str, Any]:
        dx = i.x - j.x
        return {"interp": _convex_slack(i, j) - C.div(self.mu, 2) * (dx @ dx)}

    def point_conditions(self, i: Record) -> Mapping[str, Any]:
        return {}


@dataclass(frozen=True)
class ConvexLipschitz:
    r"""Convex M-Lipschitz functions: convex pairs plus :math:`\|g_i\|^2 \le M^2` (exact).

    >>> ConvexLipschitz(M=1)
    ConvexLipschitz(M=1)
    """

    M: Any = 1
    interpolation_exact: ClassVar[bool] = True
    has_values: ClassVar[bool] = True
    symmetric: ClassVar[frozenset[str]] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "M", parameter("ConvexLipschitz", "M", self.M, lower=0))

    def pair_conditions(self, i: Record, j: Record) -> Mapping[str, Any]:
        return {"interp": _convex_slack(i, j)}

    def point_conditions(self, i: Record) -> Mapping[str, Any]:
        return {"lipschitz": self.M * self.M - i.g @ i.g}


@dataclass(frozen=True, repr=False)
class ConvexIndicator:
    r"""Indicator of a closed convex set :math:`Q`, optionally of diameter at most ``D`` and
    inside the ball of radius ``R`` around ``center`` (the origin if omitted). Exact (THG,
    composite paper, Thm 3.6; with the bounds: :math:`Q = \mathrm{conv}\{x_i\}` interpolates).

    Values are 0; for every ordered pair :math:`\langle g_j, x_i - x_j\rangle \le 0` (``interp``:
    :math:`g_j` is in the normal cone of :math:`Q` at :math:`x_j`); if ``D`` is given
    :math:`\|x_i - x_j\|^2 \le D^2` for every unordered pair (``diameter``); if ``R`` is given
    :math:`\|x_i - c\|^2 \le R^2` for every record (``radius``). ``center`` is a
    :class:`pep.Point` of the problem (e.g. a free point ``problem.point("c")``).

    >>> ConvexIndicator(D=2)
    ConvexIndicator(D=2)
    >>> ConvexIndicator(R=1)
    ConvexIndicator(R=1)
    """

    D: Any = None
    R: Any = None
    center: Any = None
    interpolation_exact: ClassVar[bool] = True
    has_values: ClassVar[bool] = False
    symmetric: ClassVar[frozenset[str]] = frozenset({"diameter"})

    def __post_init__(self) -> None:
        D = parameter("ConvexIndicator", "D", self.D, lower=0, optional=True)
        R = parameter("ConvexIndicator", "R", self.R, lower=0, optional=True)
        object.__setattr__(self, "D", D)
        object.__setattr__(self, "R", R)
        if self.center is not None:
            if R is None:
                raise InvalidArgument(
                    f"ConvexIndicator(center={self.center!r}): a center needs a radius; "
                    "pass R as well"
                )
            if isinstance(self.center, (bool, int, float)) or not hasattr(
                self.center, "__matmul__"
            ):
                raise InvalidArgument(
                    f"ConvexIndicator(center={self.center!r}): the center is a vector of the "
                    "problem, e.g. problem.point('c')"
                )

    def __repr__(self) -> str:
        given = [
            f"{k}={getattr(self, k)!r}"
            for k in ("D", "R", "center")
            if getattr(self, k) is not None
        ]
        return f"ConvexIndicator({', '.join(given)})"

    def pair_conditions(self, i: Record, j: Record) -> Mapping[str, Any]:
        dx = i.x - j.x
        out = {"interp": -(j.g @ dx)}
        if self.D is not None:
            out["diameter"] = self.D * self.D - dx @ dx
        return out

    def point_conditions(self, i: Record) -> Mapping[str, Any]:
        if self.R is None:
            return {}
        r = i.x if self.center is None else i.x - self.center
        return {"radius": self.R * self.R - r @ r}
