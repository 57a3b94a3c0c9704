r"""Implicit steps: outputs defined by an optimality condition rather than an oracle call.

Each step introduces the output as a new free point and records the condition that defines it
as an oracle record, so the interpolation conditions of the class do the rest.

* :func:`proximal_step`: :math:`x^+ = \mathrm{prox}_{\gamma f}(x)` iff
  :math:`(x - x^+)/\gamma \in \partial f(x^+)`.
* :func:`projection`: the proximal step of an indicator.
* :func:`resolvent`: :math:`x^+ = J_{\alpha A}(x)` iff :math:`(x - x^+)/\alpha = A(x^+)`.
* :func:`inexact_gradient`: :math:`d` with :math:`\|d - \nabla f(x)\| \le \varepsilon\|\nabla f(x)\|`.

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

from typing import Any

from pep.errors import InvalidArgument
from pep.model import coefficients as C
from pep.model.algebra import Point, Scalar
from pep.model.oracles import Function, Operator
from pep.model.validation import parameter

__all__ = ["proximal_step", "projection", "resolvent", "inexact_gradient"]


def _new_point(oracle: Function | Operator, x: Any, name: str | None) -> Point:
    oracle._check_point(x)
    if name is None:
        name = oracle._label(Point({}, None))
    return oracle.problem._point(name)


def proximal_step(
    x: Point, f: Function, gamma: Any, *, name: str | None = None
) -> tuple[Point, Point, Scalar]:
    r"""``(x_new, g, f(x_new))`` with :math:`x_{new} = \mathrm{prox}_{\gamma f}(x)`,
    :math:`g = (x - x_{new})/\gamma \in \partial f(x_{new})`."""
    if not isinstance(f, Function):
        raise InvalidArgument(
            f"f={f!r}: a proximal step needs a single declared function (not a sum or an "
            "operator); split composite steps into one step per function"
        )
    gamma = parameter("proximal_step", "gamma", gamma, lower=0)
    x_new = _new_point(f, x, name)
    g = (x - x_new) * C.div(1, gamma)
    fx = f.value_at_new_record(x_new.name or "x+")
    f.add_record(x_new, g, fx, x_new.name)
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
    p = _new_point(A, x, name)
    A.add_record(p, (x - p) * C.div(1, alpha), p.name)
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
