r"""Inexact steps: an inexact proximal step and an :math:`\varepsilon`-subgradient step.

Both return the error magnitude as a new free Scalar (``eps``), which the method then bounds
with ``problem.assume(eps <= ...)``, as in PEPit.

* :func:`inexact_proximal_step`: with the primal and dual proximal objectives
  :math:`\Phi^p(x) = \gamma f(x) + \frac12\|x - x_0\|^2` and
  :math:`\Phi^d(v) = -\gamma f^*(v) - \frac12\|x_0 - \gamma v\|^2 + \frac12\|x_0\|^2`, the
  output :math:`(x, v)` has a primal-dual gap at most ``eps``. Writing
  :math:`x = x_0 - \gamma v + e` with :math:`v \in \partial_{\epsilon} f(x)`, the gap is
  :math:`\frac12\|e\|^2 + \gamma\epsilon`, and :math:`f^*(v) = \langle v, w\rangle - f(w)` for a
  point :math:`w` with :math:`v \in \partial f(w)`. Options (M. Barré, A. Taylor, F. Bach,
  "Principled analyses and design of first-order methods with inexact proximal operators",
  Math. Program. 2023):

  - ``"PD_gapI"``: :math:`\frac12\|x - x_0 + \gamma v\|^2
    + \gamma(f(x) - f(w) - \langle v, x - w\rangle) \le \varepsilon` (Monteiro-Svaiter 2013);
  - ``"PD_gapII"``: :math:`v = g \in \partial f(x)`, :math:`w = x` and
    :math:`\frac12\|e\|^2 \le \varepsilon` for :math:`x = x_0 - \gamma g + e` (Rockafellar 1976);
  - ``"PD_gapIII"``: :math:`v = (x_0 - x)/\gamma` and
    :math:`\gamma(f(x) - f(w) - \langle v, x - w\rangle) \le \varepsilon` (Salzo-Villa 2012).

* :func:`epsilon_subgradient_step`: :math:`x = x_0 - \gamma g_0` with
  :math:`g_0 \in \partial_\varepsilon f(x_0)`, i.e.
  :math:`f(x_0) + f^*(g_0) - \langle g_0, x_0\rangle \le \varepsilon` (A. Brøndsted,
  R. T. Rockafellar, Proc. AMS 1965), with :math:`f^*(g_0) = \langle g_0, y\rangle - f(y)` at a
  new point :math:`y` where :math:`g_0 \in \partial f(y)`.
"""

from __future__ import annotations

from typing import Any

from pep.errors import InvalidArgument
from pep.model import coefficients as C
from pep.model.algebra import Point, Scalar
from pep.model.steps import FunctionLike, function_like, new_point
from pep.model.validation import parameter

__all__ = ["inexact_proximal_step", "epsilon_subgradient_step", "PROX_OPTIONS"]

PROX_OPTIONS = ("PD_gapI", "PD_gapII", "PD_gapIII")


def _eps(problem: Any) -> tuple[Scalar, str]:
    eps = problem.scalar("eps")
    return eps, next(iter(eps.terms)).name


def inexact_proximal_step(
    x0: Point, f: FunctionLike, gamma: Any, opt: str = "PD_gapII", *, name: str | None = None
) -> tuple[Point, Point, Scalar, Point, Point, Scalar, Scalar]:
    r"""``(x, gx, f(x), w, v, f(w), eps)``: :math:`x \approx \mathrm{prox}_{\gamma f}(x_0)`
    with primal-dual gap at most ``eps`` in the sense of ``opt`` (see the module docstring; the
    outputs are PEPit's, in its order). The accuracy condition is named
    ``inexact_prox(eps)``; ``eps`` is free until the method bounds it.

    >>> import pep
    >>> problem = pep.Problem()
    >>> f = problem.function(pep.Convex())
    >>> x0, xs = problem.point("x0"), f.minimizer()
    >>> problem.assume(pep.sqnorm(x0 - xs) <= 1)
    >>> x1, g1, f1, w, v, fw, eps = pep.inexact_proximal_step(x0, f, 1, opt="PD_gapII")
    >>> problem.assume(eps <= 0)  # exact: the proximal point method, 1/(4 gamma N)
    >>> problem.maximize(f1 - f(xs))
    >>> round(problem.solve().value, 4)
    0.25
    """
    f = function_like(f, "inexact_proximal_step")
    gamma = parameter("inexact_proximal_step", "gamma", gamma, lower=0)
    f._check_point(x0)
    if opt not in PROX_OPTIONS:
        raise InvalidArgument(
            f"inexact_proximal_step(opt={opt!r}): choose one of {', '.join(PROX_OPTIONS)}"
        )
    problem = f.problem
    eps, label = _eps(problem)
    if opt == "PD_gapII":
        e = problem.point(f"e_{label}")
        gx = problem._point(f"g_{label}", kind="gradient")
        x = x0 - gamma * gx + e
        x, _, fx = f.record(x if name is None else x.with_name(name), gx)
        problem.assume(C.div(1, 2) * (e @ e) <= eps, name=f"inexact_prox({label})")
        return x, gx, fx, x, gx, fx, eps
    if opt == "PD_gapI":
        w, v, fw = f.record(new_point(f, None))
        x, gx, fx = f.record(new_point(f, name))
        e = x - x0 + gamma * v
        gap = C.div(1, 2) * (e @ e) + gamma * (fx - fw - v @ (x - w))
    else:
        x, gx, fx = f.record(new_point(f, name))
        v = (x0 - x) * C.div(1, gamma)
        w, _, fw = f.record(new_point(f, None), v)
        gap = gamma * (fx - fw - v @ (x - w))
    problem.assume(gap <= eps, name=f"inexact_prox({label})")
    return x, gx, fx, w, v, fw, eps


def epsilon_subgradient_step(
    x0: Point, f: FunctionLike, gamma: Any, *, name: str | None = None
) -> tuple[Point, Point, Scalar, Scalar]:
    r"""``(x, g0, f(x0), eps)`` with :math:`x = x_0 - \gamma g_0` and
    :math:`g_0 \in \partial_{\varepsilon} f(x_0) = \{g : f(z) \ge f(x_0) + \langle g, z - x_0\rangle
    - \varepsilon\ \forall z\}`. The condition is named ``eps_subgradient(eps)``; ``eps`` is
    free until the method bounds it (PEPit's ``epsilon_subgradient_step``).

    >>> import pep
    >>> problem = pep.Problem()
    >>> f = problem.function(pep.Convex())
    >>> x0, xs = problem.point("x0"), f.minimizer()
    >>> x1, g0, f0, eps = pep.epsilon_subgradient_step(x0, f, 1)
    >>> problem.assume(eps <= 1)
    >>> problem.assume(pep.sqnorm(g0) <= 1)
    >>> problem.maximize(f0 - f(xs) - g0 @ (x0 - xs))  # <= eps for an eps-subgradient
    >>> round(problem.solve().value, 4)
    1.0
    """
    f = function_like(f, "epsilon_subgradient_step")
    gamma = parameter("epsilon_subgradient_step", "gamma", gamma, lower=0)
    problem = f.problem
    f0 = f(x0)
    eps, label = _eps(problem)
    g0 = problem._point(f"g_{label}", kind="gradient")
    y, _, fy = f.record(new_point(f, None), g0)  # f*(g0) = <g0, y> - f(y)
    problem.assume(f0 + (g0 @ y - fy) - g0 @ x0 <= eps, name=f"eps_subgradient({label})")
    x = x0 - gamma * g0
    if name is not None:
        x = x.with_name(name)
    return x, g0, f0, eps
