"""Smooth function classes: the interpolation theorem of Taylor, Hendrickx and Glineur.

Reference: A. B. Taylor, J. M. Hendrickx, F. Glineur, "Smooth strongly convex interpolation
and exact worst-case performance of first-order methods", Math. Program. 161 (2017), Thm 4.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, ClassVar

from pep.errors import InvalidArgument
from pep.model import coefficients as C
from pep.model.oracles import Record
from pep.model.validation import compare, parameter

__all__ = ["SmoothStronglyConvex", "SmoothConvex", "Smooth"]


def _thg_slack(i: Record, j: Record, L: Any, mu: Any) -> Any:
    r"""Slack of THG Thm 4 for the ordered pair (i, j), valid for -L <= mu < L:

    .. math:: f_i - f_j - \langle g_j, x_i - x_j\rangle - \tfrac{1}{2L}\|g_i - g_j\|^2
              - \tfrac{\mu}{2(1-\mu/L)}\|x_i - x_j - \tfrac1L(g_i - g_j)\|^2 \ge 0.
    """
    dx = i.x - j.x
    dg = i.g - j.g
    slack = i.f - j.f - j.g @ dx - C.div(1, 2 * L) * (dg @ dg)
    if not C.is_zero(mu):
        r = dx - C.div(1, L) * dg
        slack = slack - C.div(mu, 2 * (1 - C.div(mu, L))) * (r @ r)
    return slack


@dataclass(frozen=True)
class SmoothStronglyConvex:
    r"""L-smooth, mu-strongly convex functions, ``0 <= mu < L``.

    For every ordered pair of evaluated points (THG 2017, Thm 4, exact):
    :math:`f_i \ge f_j + \langle g_j, x_i - x_j\rangle + \frac{1}{2L}\|g_i - g_j\|^2
    + \frac{\mu}{2(1-\mu/L)}\|x_i - x_j - (g_i - g_j)/L\|^2`.

    >>> SmoothStronglyConvex(L=1, mu=0.1)
    SmoothStronglyConvex(L=1, mu=0.1)
    """

    L: Any = 1
    mu: Any = 0
    interpolation_exact: ClassVar[bool] = True
    has_values: ClassVar[bool] = True
    symmetric: ClassVar[frozenset[str]] = frozenset()

    def __post_init__(self) -> None:
        name = type(self).__name__
        object.__setattr__(self, "L", parameter(name, "L", self.L, lower=0))
        object.__setattr__(self, "mu", parameter(name, "mu", self.mu, lower=0, strict=False))
        if compare(self.L, self.mu, strict=True) is False:
            raise InvalidArgument(
                f"{name}(L={self.L!r}, mu={self.mu!r}): need mu < L; for mu = L the class is "
                "a single quadratic, use a smaller mu"
            )

    def pair_conditions(self, i: Record, j: Record) -> Mapping[str, Any]:
        return {"interp": _thg_slack(i, j, self.L, self.mu)}

    def point_conditions(self, i: Record) -> Mapping[str, Any]:
        return {}


@dataclass(frozen=True)
class SmoothConvex:
    r"""L-smooth convex functions (THG 2017 Thm 4 with mu = 0; exact):
    :math:`f_i \ge f_j + \langle g_j, x_i - x_j\rangle + \frac{1}{2L}\|g_i - g_j\|^2`.

    >>> SmoothConvex(L=1)
    SmoothConvex(L=1)
    """

    L: Any = 1
    interpolation_exact: ClassVar[bool] = True
    has_values: ClassVar[bool] = True
    symmetric: ClassVar[frozenset[str]] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "L", parameter("SmoothConvex", "L", self.L, lower=0))

    def pair_conditions(self, i: Record, j: Record) -> Mapping[str, Any]:
        return {"interp": _thg_slack(i, j, self.L, 0)}

    def point_conditions(self, i: Record) -> Mapping[str, Any]:
        return {}


@dataclass(frozen=True)
class Smooth:
    r"""L-smooth, possibly nonconvex functions (curvature in [-L, L]); THG 2017 Thm 4 with
    mu = -L, exact:
    :math:`f_i \ge f_j + \tfrac12\langle g_i + g_j, x_i - x_j\rangle
    + \tfrac{1}{4L}\|g_i - g_j\|^2 - \tfrac{L}{4}\|x_i - x_j\|^2`.

    ``f.minimizer()`` of a Smooth function is a stationary point (zero gradient).

    >>> Smooth(L=2)
    Smooth(L=2)
    """

    L: Any = 1
    mu: Any = field(init=False, repr=False, default=None)
    interpolation_exact: ClassVar[bool] = True
    has_values: ClassVar[bool] = True
    symmetric: ClassVar[frozenset[str]] = frozenset()

    def __post_init__(self) -> None:
        L = parameter("Smooth", "L", self.L, lower=0)
        object.__setattr__(self, "L", L)
        object.__setattr__(self, "mu", -L)

    def pair_conditions(self, i: Record, j: Record) -> Mapping[str, Any]:
        return {"interp": _thg_slack(i, j, self.L, self.mu)}

    def point_conditions(self, i: Record) -> Mapping[str, Any]:
        return {}
