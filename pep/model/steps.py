r"""Implicit steps: outputs defined by an optimality condition rather than an oracle call.

Each step introduces its output as a new free point and registers the condition that defines it
as an oracle record (:meth:`pep.model.oracles.Function.record`), so the interpolation conditions
of the class do the rest. Each returns PEPit's tuple (``x, gx, fx``: the point, the (sub)gradient
used, the value); ``f`` may be a declared function or a combination such as ``f + h``.

* :func:`proximal_step`: :math:`x^+ = \mathrm{prox}_{\gamma f}(x)` iff
  :math:`(x - x^+)/\gamma \in \partial f(x^+)`.
* :func:`projection`: the proximal step of an indicator.
* :func:`resolvent`: :math:`x^+ = J_{\alpha A}(x)` iff :math:`(x - x^+)/\alpha = A(x^+)`.
* :func:`inexact_gradient`: :math:`d` with :math:`\|d - \nabla f(x)\| \le \varepsilon\|\nabla f(x)\|`.
* :func:`exact_linesearch_step`: :math:`x^+ \in \arg\min f` over :math:`x + \mathrm{span}(d_i)`.
* :func:`linear_optimization_step`: :math:`x^+ \in \arg\min_{x \in Q}\langle d, x\rangle`.
* :func:`shifted_optimization_step`: :math:`x^+ \in \arg\min_x f(x) - \langle d, x\rangle`.

Bregman steps are in :mod:`pep.model.bregman`, inexact proximal and
:math:`\varepsilon`-subgradient steps in :mod:`pep.model.inexact`.

>>> import pep
>>> problem = pep.Problem()
>>> f = problem.function(pep.Convex())
>>> x0, xs = problem.point("x0"), f.minimizer()
>>> problem.assume(pep.sqnorm(x0 - xs) <= 1)
>>> x1, g1, f1 = pep.proximal_step(x0, f, 1)
>>> problem.maximize(f1 - f(xs))
>>> round(problem.solve().value, 5)  # R^2/(4 gamma N) with N = 1
0.25
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pep.errors import InvalidArgument
from pep.model import coefficients as C
from pep.model.algebra import Point, Scalar
from pep.model.combination import SumFunction
from pep.model.oracles import Function, Operator
from pep.model.validation import parameter

__all__ = [
    "proximal_step",
    "projection",
    "resolvent",
    "inexact_gradient",
    "exact_linesearch_step",
    "linear_optimization_step",
    "shifted_optimization_step",
    "function_like",
    "new_point",
]

FunctionLike = Function | SumFunction


def function_like(f: Any, step: str, what: str = "f") -> FunctionLike:
    """``f`` if it is a declared function or a combination of functions; else a clear error."""
    if isinstance(f, (Function, SumFunction)):
        return f
    raise InvalidArgument(
        f"{step}: {what}={f!r} is not a function; declare one with problem.function(...) "
        "(or combine declared functions, e.g. f + h)"
    )


def new_point(f: Any, name: str | None) -> Point:
    """A new free point labelled like the next record of ``f`` (or ``name``)."""
    first = f.components[0] if isinstance(f, SumFunction) else f
    return first._new_point(None, name)


def proximal_step(
    x: Point, f: FunctionLike, gamma: Any, *, name: str | None = None
) -> tuple[Point, Point, Scalar]:
    r"""``(x_new, g, f(x_new))`` with :math:`x_{new} = \mathrm{prox}_{\gamma f}(x)`,
    :math:`g = (x - x_{new})/\gamma \in \partial f(x_{new})`.

    ``f`` may be a combination (``f1 + f2``): ``g`` is then split among the terms, each term
    getting a subgradient at ``x_new`` (PEPit's proximal step on a sum)."""
    f = function_like(f, "proximal_step")
    gamma = parameter("proximal_step", "gamma", gamma, lower=0)
    f._check_point(x)
    x_new = new_point(f, name)
    g = (x - x_new) * C.div(1, gamma)
    _, _, fx = f.record(x_new, g)
    return x_new, g, fx


def projection(x: Point, indicator: Function, *, name: str | None = None) -> Point:
    """Projection of ``x`` onto the set whose indicator is ``indicator``."""
    if not isinstance(indicator, Function) or indicator.cls.has_values:
        raise InvalidArgument(
            f"indicator={indicator!r} must be declared with pep.ConvexIndicator(...)"
        )
    return proximal_step(x, indicator, 1, name=name)[0]


def resolvent(A: Operator, x: Point, alpha: Any, *, name: str | None = None) -> Point:
    r""":math:`J_{\alpha A}(x) = (I + \alpha A)^{-1}x`: the point ``p`` with ``(x - p)/alpha = A(p)``."""
    if not isinstance(A, Operator):
        raise InvalidArgument(f"A={A!r} is not an operator; declare it with problem.operator(...)")
    alpha = parameter("resolvent", "alpha", alpha, lower=0)
    A._check_point(x)
    p = A._new_point(None, name)
    A.record(p, (x - p) * C.div(1, alpha))
    return p


def inexact_gradient(x: Point, f: Function, epsilon: Any, *, name: str | None = None) -> Point:
    r"""A direction ``d`` with :math:`\|d - \nabla f(x)\|^2 \le \varepsilon^2\|\nabla f(x)\|^2`
    (relative inexactness, as in de Klerk, Glineur, Taylor 2020). The constraint is added to
    the problem as ``{f}:inexact({x})``."""
    if not isinstance(f, Function):
        raise InvalidArgument(f"f={f!r}: an inexact gradient needs a single declared function")
    eps = parameter("inexact_gradient", "epsilon", epsilon, lower=0, strict=False)
    g = f.grad(x)
    label = next(r.label for r in f.records if r.g is g)
    d = f.problem._point(name or f"d_{f.name}({label})")
    f.problem.assume(
        (d - g) @ (d - g) <= C.mul(eps, eps) * (g @ g), name=f"{f.name}:inexact({label})"
    )
    return d


def exact_linesearch_step(
    x0: Point, f: FunctionLike, directions: Sequence[Point], *, name: str | None = None
) -> tuple[Point, Point, Scalar]:
    r"""``(x, g, f(x))`` for :math:`x \in \arg\min f` over :math:`x_0 + \mathrm{span}(d_i)`.

    Encoded by its optimality conditions :math:`\langle g, d_i\rangle = 0` for every direction
    and :math:`\langle g, x - x_0\rangle = 0` (named ``linesearch(x)``, ``linesearch(x,i)``).
    That :math:`x - x_0` lies in the span is *not* encoded, so the problem is a relaxation and
    its results are labelled upper bounds (E. de Klerk, F. Glineur, A. Taylor, "On the
    worst-case complexity of the gradient method with exact line search for smooth strongly
    convex functions", Optim. Lett. 2017, where the relaxation is shown tight for gradient
    descent: :math:`((L-\mu)/(L+\mu))^{2N}`).

    >>> import pep
    >>> problem = pep.Problem()
    >>> f = problem.function(pep.SmoothStronglyConvex(L=1, mu=0.1))
    >>> x0, xs = problem.point("x0"), f.minimizer()
    >>> problem.assume(f(x0) - f(xs) <= 1)
    >>> x1, g1, f1 = pep.exact_linesearch_step(x0, f, [f.grad(x0)])
    >>> problem.maximize(f1 - f(xs))
    >>> round(problem.solve().value, 5)  # ((L - mu)/(L + mu))^2
    0.66942
    """
    f = function_like(f, "exact_linesearch_step")
    f._check_point(x0)
    if isinstance(directions, Point) or not isinstance(directions, Sequence):
        raise InvalidArgument(
            f"exact_linesearch_step: directions={directions!r} must be a list of Points, "
            "e.g. [f.grad(x)]"
        )
    for d in directions:
        if not isinstance(d, Point):
            raise InvalidArgument(f"exact_linesearch_step: direction {d!r} is not a pep.Point")
    problem = f.problem
    x = new_point(f, name)
    g, fx = f.oracle(x)
    label = x.name or "x"
    problem.assume(g @ (x - x0) == 0, name=f"linesearch({label})")
    for k, d in enumerate(directions):
        problem.assume(g @ d == 0, name=f"linesearch({label},{k})")
    problem.relax("exact line search: x - x0 in the span of the directions is not encoded")
    return x, g, fx


def linear_optimization_step(
    direction: Point, indicator: Function, *, name: str | None = None
) -> tuple[Point, Point, Scalar]:
    r"""``(x, -direction, 0)`` for :math:`x \in \arg\min_{x \in Q}\langle d, x\rangle`, the
    linear-minimization oracle of a Frank-Wolfe method (M. Frank, P. Wolfe 1956): :math:`x` is
    a solution iff :math:`-d \in N_Q(x) = \partial\iota_Q(x)`, recorded as a subgradient of the
    indicator at the new point.

    >>> import pep
    >>> problem = pep.Problem()
    >>> Q = problem.function(pep.ConvexIndicator(D=2))
    >>> x, d = problem.point("x"), problem.point("d")
    >>> Q(x)  # x is in Q
    Scalar(0)
    >>> v, _, _ = pep.linear_optimization_step(d, Q)
    >>> problem.assume(pep.sqnorm(d) <= 1)
    >>> problem.maximize(d @ (x - v))  # <d, x - v> <= D ||d||
    >>> round(problem.solve().value, 5)
    2.0
    """
    if not isinstance(indicator, Function) or indicator.cls.has_values:
        raise InvalidArgument(
            f"linear_optimization_step: indicator={indicator!r} must be declared with "
            "pep.ConvexIndicator(...)"
        )
    if not isinstance(direction, Point):
        raise InvalidArgument(f"linear_optimization_step: direction={direction!r} is not a Point")
    return indicator.record(None, -direction, name=name)


def shifted_optimization_step(
    direction: Point, f: FunctionLike, *, name: str | None = None
) -> tuple[Point, Point, Scalar]:
    r"""``(x, direction, f(x))`` for a stationary point of :math:`f(x) - \langle d, x\rangle`,
    i.e. :math:`d \in \partial f(x)` (the step of difference-of-convex algorithms: H. A. Le Thi,
    T. Pham Dinh, "DC programming and DCA: thirty years of developments", Math. Program. 2018).

    >>> import pep
    >>> problem = pep.Problem()
    >>> f = problem.function(pep.StronglyConvex(mu=2))
    >>> xs, d = f.minimizer(), problem.point("d")
    >>> x, _, _ = pep.shifted_optimization_step(d, f)
    >>> problem.assume(pep.sqnorm(d) <= 1)
    >>> problem.maximize(pep.sqnorm(x - xs))  # mu ||x - x*|| <= ||d - 0||
    >>> round(problem.solve().value, 5)
    0.25
    """
    f = function_like(f, "shifted_optimization_step")
    if not isinstance(direction, Point):
        raise InvalidArgument(f"shifted_optimization_step: direction={direction!r} is not a Point")
    x, _, fx = f.record(None, direction, name=name)
    return x, direction, fx
