r"""Classes defined relative to a minimizer: quadratic growth, restricted secant inequality and
error bound, quadratic Łojasiewicz (Polyak-Łojasiewicz) inequality.

Their conditions relate every record :math:`(x_i, g_i, f_i)` to the function's own stationary
point :math:`(x_\star, 0, f_\star)`, so the classes are *anchored* (:mod:`pep.model.conditions`):
declaring such a function creates its minimizer, and the conditions are generated at compile
time from every record, including records created after the last call to ``f.minimizer()``.

References: B. Goujaud, A. Taylor, A. Dieuleveut, "Optimal first-order methods for convex
functions with a quadratic upper bound", 2022 (QG+); C. Guille-Escuret, B. Goujaud, A. Ibrahim,
I. Mitliagkas, "Gradient descent is optimal under lower restricted secant inequality and upper
error bound", NeurIPS 2022; A. Rubbens, J. M. Hendrickx, A. Taylor, "A constructive approach to
strengthen algebraic descriptions of function and operator classes", 2025 (Łojasiewicz).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, ClassVar

from pep.errors import InvalidArgument
from pep.functions.smooth import _thg_slack
from pep.model import coefficients as C
from pep.model.oracles import Record
from pep.model.validation import compare, parameter

__all__ = ["ConvexQG", "RestrictedSecantErrorBound", "Lojasiewicz"]


def _convex_slack(i: Record, j: Record) -> Any:
    return i.f - j.f - j.g @ (i.x - j.x)


@dataclass(frozen=True)
class ConvexQG:
    r"""Convex functions with a quadratic upper bound :math:`L`-:math:`\mathrm{QG}^+`:
    :math:`f(x) - f_\star \le \frac{L}{2}\|x - x_\star\|^2` for all :math:`x` (exact).

    Interpolation (B. Goujaud, A. Taylor, A. Dieuleveut, "Optimal first-order methods for
    convex functions with a quadratic upper bound", 2022, Thm 2.6): convexity for every ordered
    pair, :math:`f_i \ge f_j + \langle g_j, x_i - x_j\rangle` (``interp``), and for every record,
    relative to the minimizer :math:`(x_\star, 0, f_\star)` (``qg``),

    .. math:: f_\star \ge f_i + \langle g_i, x_\star - x_i\rangle + \tfrac{1}{2L}\|g_i\|^2.

    (Necessary: maximize :math:`f_i + \langle g_i, y - x_i\rangle \le f(y) \le f_\star
    + \frac{L}{2}\|y - x_\star\|^2` at :math:`y = x_\star + g_i/L`. Sufficient: the maximum of
    :math:`f_\star` and the affine minorants :math:`f_i + \langle g_i, x - x_i\rangle`
    interpolates the records and lies below :math:`f_\star + \frac{L}{2}\|x - x_\star\|^2`.)

    Gradient descent with step :math:`\gamma \le 1/L` and :math:`\|x_0 - x_\star\| \le 1`:
    :math:`f(x_N) - f_\star \le \frac{L}{2}\max\{\frac{1}{2NL\gamma + 1}, L\gamma\}`.

    >>> from fractions import Fraction
    >>> import pep
    >>> problem = pep.Problem()
    >>> f = problem.function(pep.ConvexQG(L=1))
    >>> x0, xs = problem.point("x0"), f.minimizer()
    >>> problem.assume(pep.sqnorm(x0 - xs) <= 1)
    >>> x = x0
    >>> for _ in range(4):
    ...     x = x - Fraction(1, 5) * f.grad(x)
    >>> problem.maximize(f(x) - f(xs))
    >>> round(problem.solve().value, 5)  # 1 / (2 (2*4/5 + 1)) = 5/26
    0.19231
    """

    L: Any = 1
    interpolation_exact: ClassVar[bool] = True
    has_values: ClassVar[bool] = True
    anchored: ClassVar[bool] = True
    symmetric: ClassVar[frozenset[str]] = frozenset()

    def __post_init__(self) -> None:
        object.__setattr__(self, "L", parameter("ConvexQG", "L", self.L, lower=0))

    def pair_conditions(self, i: Record, j: Record, s: Record) -> Mapping[str, Any]:
        return {"interp": _convex_slack(i, j)}

    def point_conditions(self, i: Record, s: Record) -> Mapping[str, Any]:
        return {"qg": s.f - i.f - i.g @ (s.x - i.x) - C.div(1, 2 * self.L) * (i.g @ i.g)}


@dataclass(frozen=True)
class RestrictedSecantErrorBound:
    r"""Functions satisfying the lower restricted secant inequality :math:`\mathrm{RSI}^-(\mu)`
    and the upper error bound :math:`\mathrm{EB}^+(L)`, :math:`0 < \mu \le L`: relative to the
    minimizer :math:`x_\star` (``rsi``, ``eb``), for every record

    .. math:: \langle g_i, x_i - x_\star\rangle \ge \mu\|x_i - x_\star\|^2, \qquad
              \|g_i\|^2 \le L^2\|x_i - x_\star\|^2.

    Reference: C. Guille-Escuret, B. Goujaud, A. Ibrahim, I. Mitliagkas, "Gradient descent is
    optimal under lower restricted secant inequality and upper error bound", NeurIPS 2022
    (Thm 1). These conditions are used as necessary conditions (as in PEPit's ``RsiEbFunction``),
    so results are labelled upper bounds; for gradient descent with step :math:`\gamma` they
    meet the lower bound of [Thm 2]: :math:`\|x_N - x_\star\|^2 \le (1 - 2\gamma\mu + L^2\gamma^2)^N
    \|x_0 - x_\star\|^2`.

    >>> import pep
    >>> problem = pep.Problem()
    >>> f = problem.function(pep.RestrictedSecantErrorBound(mu=0.5, L=1))
    >>> x0, xs = problem.point("x0"), f.minimizer()
    >>> problem.assume(pep.sqnorm(x0 - xs) <= 1)
    >>> problem.maximize(pep.sqnorm(x0 - 0.5 * f.grad(x0) - xs))
    >>> round(problem.solve().value, 5)  # 1 - 2 gamma mu + L^2 gamma^2 with gamma = 1/2
    0.75
    """

    mu: Any
    L: Any = 1
    interpolation_exact: ClassVar[bool] = False
    has_values: ClassVar[bool] = True
    anchored: ClassVar[bool] = True
    symmetric: ClassVar[frozenset[str]] = frozenset()

    def __post_init__(self) -> None:
        name = type(self).__name__
        object.__setattr__(self, "mu", parameter(name, "mu", self.mu, lower=0))
        object.__setattr__(self, "L", parameter(name, "L", self.L, lower=0))
        if compare(self.L, self.mu, strict=False) is False:
            raise InvalidArgument(
                f"{name}(mu={self.mu!r}, L={self.L!r}): need mu <= L (mu||d||^2 <= <g, d> <= "
                "||g|| ||d|| <= L||d||^2); lower mu or raise L"
            )

    def pair_conditions(self, i: Record, j: Record, s: Record) -> Mapping[str, Any]:
        return {}

    def point_conditions(self, i: Record, s: Record) -> Mapping[str, Any]:
        dx, dg = i.x - s.x, i.g - s.g
        return {
            "rsi": dg @ dx - self.mu * (dx @ dx),
            "eb": C.mul(self.L, self.L) * (dx @ dx) - dg @ dg,
        }


@dataclass(frozen=True)
class Lojasiewicz:
    r"""L-smooth (possibly nonconvex) functions with the quadratic Łojasiewicz
    (Polyak-Łojasiewicz) inequality :math:`f(x) - f_\star \le \frac{1}{2\mu}\|\nabla f(x)\|^2`,
    :math:`0 < \mu \le L` (necessary conditions only: results are upper bounds).

    Conditions (A. Rubbens, J. M. Hendrickx, A. Taylor, "A constructive approach to strengthen
    algebraic descriptions of function and operator classes", 2025, Prop. 3.4 and 3.2; PEPit's
    ``SmoothQuadraticLojasiewiczFunctionCheap``), relative to the minimizer
    :math:`(x_\star, 0, f_\star)`:

    * ``lojasiewicz``: :math:`f_i - f_\star \le \frac{1}{2\mu}\|g_i\|^2`;
    * ``lower``: :math:`f_i - f_\star \ge \frac{1}{2L}\|g_i\|^2`;
    * ``smooth`` (every ordered pair; THG 2017, curvature in :math:`[-L, L]`):
      :math:`f_i \ge f_j + \frac12\langle g_i + g_j, x_i - x_j\rangle
      + \frac{1}{4L}\|g_i - g_j\|^2 - \frac{L}{4}\|x_i - x_j\|^2`;
    * with ``alpha`` in :math:`[0, \frac{2\mu}{2L + \mu}]`, ``combined`` (every ordered pair):
      the ``smooth`` right-hand side plus
      :math:`c\,[(1-\alpha)^2(L+\mu)(f_i - f_\star - \frac{\|g_i\|^2}{2L})
      - (L - \mu)(f_j - f_\star + \frac{\|g_j\|^2}{2L})]`,
      :math:`c = \frac{\alpha}{(1-\alpha)(2\mu - (L+\mu)\alpha)}`.

    Gradient descent with step :math:`1/L`, :math:`L = 1`, :math:`\mu = 0.2`:
    :math:`f(x_1) - f_\star \le 0.727273\,(f(x_0) - f_\star)`
    (H. Abbaszadehpeivasti, E. de Klerk, M. Zamani, Optim. Lett. 2023, Thm 3).

    >>> import pep
    >>> problem = pep.Problem()
    >>> f = problem.function(pep.Lojasiewicz(L=1, mu=0.2))
    >>> x0, xs = problem.point("x0"), f.minimizer()
    >>> problem.assume(f(x0) - f(xs) <= 1)
    >>> problem.maximize(f(x0 - f.grad(x0)) - f(xs))
    >>> round(problem.solve().value, 5)  # 8/11
    0.72727
    """

    L: Any = 1
    mu: Any = 1
    alpha: Any = None
    interpolation_exact: ClassVar[bool] = False
    has_values: ClassVar[bool] = True
    anchored: ClassVar[bool] = True
    symmetric: ClassVar[frozenset[str]] = frozenset()

    def __post_init__(self) -> None:
        name = type(self).__name__
        object.__setattr__(self, "L", parameter(name, "L", self.L, lower=0))
        object.__setattr__(self, "mu", parameter(name, "mu", self.mu, lower=0))
        if compare(self.L, self.mu, strict=False) is False:
            raise InvalidArgument(
                f"{name}(L={self.L!r}, mu={self.mu!r}): need mu <= L (an L-smooth function has "
                "f - f* >= ||g||^2/(2L)); lower mu or raise L"
            )
        alpha = parameter(name, "alpha", self.alpha, lower=0, strict=False, optional=True)
        top = C.div(2 * self.mu, 2 * self.L + self.mu)
        if alpha is not None and compare(top, alpha, strict=False) is False:
            raise InvalidArgument(
                f"{name}(alpha={self.alpha!r}): alpha must be in [0, 2 mu/(2L + mu)] = [0, {top}]"
            )
        object.__setattr__(self, "alpha", alpha)

    def pair_conditions(self, i: Record, j: Record, s: Record) -> Mapping[str, Any]:
        smooth = _thg_slack(i, j, self.L, -self.L)
        out = {"smooth": smooth}
        if self.alpha is not None and not C.is_zero(self.alpha):
            a, L, mu = self.alpha, self.L, self.mu
            c = C.div(a, (1 - a) * (2 * mu - (L + mu) * a))
            upper_i = i.f - s.f - C.div(1, 2 * L) * (i.g @ i.g)
            lower_j = j.f - s.f + C.div(1, 2 * L) * (j.g @ j.g)
            out["combined"] = smooth - c * (
                (1 - a) * (1 - a) * (L + mu) * upper_i - (L - mu) * lower_j
            )
        return out

    def point_conditions(self, i: Record, s: Record) -> Mapping[str, Any]:
        gap = i.f - s.f
        return {
            "lojasiewicz": C.div(1, 2 * self.mu) * (i.g @ i.g) - gap,
            "lower": gap - C.div(1, 2 * self.L) * (i.g @ i.g),
        }
