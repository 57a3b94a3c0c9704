r"""Shared pieces of the strongly convex methods (SC-FGM, SC-OGM, TMM, ITEM).

All four run on L-smooth, :math:`\mu`-strongly convex f (:class:`pep.SmoothStronglyConvex`)
in the *auxiliary-iterate* form of Lee, Park and Ryu (NeurIPS 2021, arXiv 2106.10439,
Sec. 4 and Table A.1), which exhibits their *collinear structure*:

.. math::
    x_k = (1 - \varphi_k)\,x_{k-1}^+ + \varphi_k z_k,\qquad
    z_{k+1} = d_k\, x_k^{++} + (1 - d_k)\, z_k,

with :math:`x^+ = x - \nabla f(x)/L`, :math:`x^{++} = x - \nabla f(x)/\mu` and
:math:`x_{-1}^+ = z_0 = x_0`: the points :math:`z_k, z_{k+1}, x_k^{++}` lie on one line.
:func:`aux_step` is that step; each method supplies :math:`\varphi_k, d_k`.

>>> sqrt_exact(Fraction(9, 4)), round(sqrt_exact(2), 6)
(Fraction(3, 2), 1.414214)
"""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from fractions import Fraction
from typing import Any

from pep.errors import InvalidArgument
from pep.functions import SmoothStronglyConvex
from pep.model import coefficients as C
from pep.model.algebra import Point, sqnorm
from pep.model.problem import Problem

__all__ = ["sqrt_exact", "kappa", "aux_step", "function_value_setting", "check_mu"]


def sqrt_exact(x: Any) -> Any:
    """The square root: a Fraction when ``x`` is the square of one, sympy's ``sqrt`` for
    sympy input (exact), else a float."""
    sp = sys.modules.get("sympy")
    if sp is not None and isinstance(x, sp.Basic):
        return sp.sqrt(x)
    if isinstance(x, (int, Fraction)):
        q = Fraction(x)
        n, d = math.isqrt(q.numerator), math.isqrt(q.denominator)
        if q >= 0 and n * n == q.numerator and d * d == q.denominator:
            return Fraction(n, d)
    return math.sqrt(float(x))


def check_mu(name: str, L: Any, mu: Any) -> None:
    """``0 < mu < L`` (the strongly convex methods divide by mu and by L - mu)."""
    if C.to_float(mu, name) <= 0 or C.to_float(mu, name) >= C.to_float(L, name):
        raise InvalidArgument(f"{name}: need 0 < mu < L; got L={L!r}, mu={mu!r}")


def kappa(L: Any, mu: Any) -> Any:
    """The condition number :math:`\\kappa = L/\\mu` (exact for exact input)."""
    return C.div(L, mu)


def aux_step(
    xp: Point, z: Point, f: Any, L: Any, mu: Any, phi: Any, d: Any
) -> tuple[Point, Point, Point]:
    r"""One step of the collinear form: from :math:`(x_{k-1}^+, z_k)` to
    :math:`(x_k^+, z_{k+1})`; also returns :math:`x_k`, where the gradient is taken."""
    # x_0 = x_{-1}^+ = z_0: keep the point itself (a float combination could move it by
    # an ulp and create a second, spurious oracle record)
    x = xp if xp.key() == z.key() else (1 - phi) * xp + phi * z
    g = f.grad(x)
    x_plus = x - C.div(1, L) * g
    x_pp = x - C.div(1, mu) * g
    return x_plus, d * x_pp + (1 - d) * z, x


def function_value_setting(
    run: Callable[..., Point], N: int, L: Any, mu: Any, R: Any, **kw: Any
) -> Problem:
    r"""The PEP of :math:`f(x_{\mathrm{out}}) - f_\star` given :math:`\|x_0 - x_\star\|^2 \le R^2`,
    with ``x_out = run(problem, f, x0, N, L=L, mu=mu, **kw)``."""
    problem = Problem()
    f = problem.function(SmoothStronglyConvex(L=L, mu=mu))
    x0, xs = problem.point("x0"), f.minimizer()
    problem.assume(sqnorm(x0 - xs) <= R * R, name="initial")
    problem.maximize(f(run(problem, f, x0, N, L=L, mu=mu, **kw)) - f(xs))
    return problem


def distance_setting(run: Any, N: int, L: Any, mu: Any, R: Any) -> Any:
    r"""The PEP of the strongly convex family's measure: the worst case of
    :math:`\|z_N - x_\star\|^2` over L-smooth μ-strongly convex f, given
    :math:`\|x_0 - x_\star\|^2 \le R^2`, for the method ``run``."""
    from pep.functions import SmoothStronglyConvex
    from pep.model.algebra import sqnorm
    from pep.model.problem import Problem

    problem = Problem()
    f = problem.function(SmoothStronglyConvex(L=L, mu=mu))
    x0, xs = problem.point("x0"), f.minimizer()
    problem.assume(sqnorm(x0 - xs) <= R * R, name="initial")
    problem.maximize(sqnorm(run(problem, f, x0, N, L=L, mu=mu) - xs))
    return problem
