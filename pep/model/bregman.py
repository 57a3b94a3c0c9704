r"""Bregman (mirror) steps: the new point is defined through the gradient of a mirror map ``h``.

With a mirror map :math:`h` (a convex function of the problem, possibly a combination such as
``ind + (d + f) / L``), a Bregman gradient step solves
:math:`\nabla h(x^+) = \nabla h(x_0) - \gamma g_0` and a Bregman proximal step solves
:math:`\nabla h(x^+) = \nabla h(x_0) - \gamma g` with :math:`g \in \partial f(x^+)`. Both are
recorded as oracle records of ``h`` (and of ``f``) at a new point.

References: H. H. Bauschke, J. Bolte, M. Teboulle, "A descent lemma beyond Lipschitz gradient
continuity: first-order methods revisited and applications", Math. Oper. Res. 2017 (NoLips);
R. A. Dragomir, A. Taylor, A. d'Aspremont, J. Bolte, "Optimal complexity and certification of
Bregman first-order methods", Math. Program. 2022 (their PEPs).
"""

from __future__ import annotations

from typing import Any

from pep.errors import InvalidArgument
from pep.model.algebra import Point, Scalar
from pep.model.steps import FunctionLike, function_like, new_point
from pep.model.validation import parameter

__all__ = ["bregman_gradient_step", "bregman_proximal_step"]


def _vector(v: Any, step: str, what: str) -> Point:
    if not isinstance(v, Point):
        raise InvalidArgument(f"{step}: {what}={v!r} is not a pep.Point")
    return v


def bregman_gradient_step(
    gx0: Point, sx0: Point, mirror: FunctionLike, gamma: Any, *, name: str | None = None
) -> tuple[Point, Point, Scalar]:
    r"""``(x, sx, h(x))`` with :math:`\nabla h(x) = s_{x_0} - \gamma g_{x_0}` (a mirror step):
    ``gx0`` is the gradient of the objective at :math:`x_0`, ``sx0`` the gradient of the mirror
    map ``mirror`` (:math:`h`) at :math:`x_0`. Returns the new point, its mirror gradient
    :math:`s_x` and :math:`h(x)` (PEPit's ``bregman_gradient_step``).

    >>> import pep
    >>> problem = pep.Problem()
    >>> h = problem.function(pep.Convex(), name="h")
    >>> f = problem.function(pep.Convex(), name="f")
    >>> x0 = problem.point("x0")
    >>> x1, s1, h1 = pep.bregman_gradient_step(f.grad(x0), h.grad(x0), h, 2)
    >>> (s1 - (h.grad(x0) - 2 * f.grad(x0))).is_zero()
    True
    """
    step = "bregman_gradient_step"
    mirror = function_like(mirror, step, "mirror")
    gamma = parameter(step, "gamma", gamma, lower=0)
    sx = _vector(sx0, step, "sx0") - gamma * _vector(gx0, step, "gx0")
    x, _, hx = mirror.record(new_point(mirror, name), sx)
    return x, sx, hx


def bregman_proximal_step(
    sx0: Point, mirror: FunctionLike, f: FunctionLike, gamma: Any, *, name: str | None = None
) -> tuple[Point, Point, Scalar, Point, Scalar]:
    r"""``(x, sx, h(x), gx, f(x))`` with :math:`\nabla h(x) = s_{x_0} - \gamma g_x` and
    :math:`g_x \in \partial f(x)`: the Bregman proximal step
    :math:`x = \arg\min_u \{\gamma f(u) + D_h(u, x_0)\}` (PEPit's ``bregman_proximal_step``,
    same order of outputs).

    >>> import pep
    >>> problem = pep.Problem()
    >>> h = problem.function(pep.Convex(), name="h")
    >>> f = problem.function(pep.Convex(), name="f")
    >>> x0 = problem.point("x0")
    >>> x1, s1, h1, g1, f1 = pep.bregman_proximal_step(h.grad(x0), h, f, 3)
    >>> (s1 - (h.grad(x0) - 3 * g1)).is_zero() and (g1 - f.grad(x1)).is_zero()
    True
    """
    step = "bregman_proximal_step"
    mirror = function_like(mirror, step, "mirror")
    f = function_like(f, step)
    gamma = parameter(step, "gamma", gamma, lower=0)
    sx0 = _vector(sx0, step, "sx0")
    x, gx, fx = f.record(new_point(f, name))
    sx = sx0 - gamma * gx
    _, _, hx = mirror.record(x, sx)
    return x, sx, hx, gx, fx
