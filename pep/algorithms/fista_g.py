r"""FISTA-G: making the gradient mapping small on a composite :math:`F = f + h`.

Lee, Park and Ryu (NeurIPS 2021, arXiv 2106.10439, Sec. 2.1). Here f is L-smooth convex and
h closed convex proper with a proximal step. Write the prox-grad step and gradient mapping

.. math::
    x^\oplus = \mathrm{prox}_{h/L}\big(x - \tfrac1L\nabla f(x)\big),\qquad
    \tilde\nabla_L F(x) = L(x - x^\oplus).

With :math:`x_{-1}^\oplus := x_0`, for :math:`k = 0, \dots, K-1`:

.. math::
    x_{k+1} = x_k^\oplus + \frac{\varphi_{k+1} - \varphi_{k+2}}{\varphi_k - \varphi_{k+1}}
              \,(x_k^\oplus - x_{k-1}^\oplus),

where :math:`\varphi_{K+1} = 0`, :math:`\varphi_K = 1` and, for :math:`k = K-1, \dots, -1`,

.. math::
    \varphi_k = \frac{\varphi_{k+2}^2 - \varphi_{k+1}\varphi_{k+2} + 2\varphi_{k+1}^2
    + (\varphi_{k+1} - \varphi_{k+2})\sqrt{\varphi_{k+2}^2 + 3\varphi_{k+1}^2}}
    {\varphi_{k+1} + \varphi_{k+2}}.

Rate (Theorem 1 of the paper, with the constant proved in its Appendix E): the last iterate
satisfies :math:`\|\tilde\nabla_L F(x_K)\|^2 \le 2L\tau_0 (F(x_0) - F_\star)` with
:math:`\tau_0 = 2\varphi_{-1}/(\varphi_{-1} - \varphi_0)^2` (Theorem 6 with FISTA-G's
:math:`\tau_k = 2\varphi_{k-1}/(\varphi_{k-1} - \varphi_k)^2`), and
:math:`\tau_0 \le 33/(K+2)^2`, so
:math:`\|\tilde\nabla_L F(x_K)\|^2 \le 66L(F(x_0) - F_\star)/(K+2)^2` (Theorem 1 states it as
:math:`4\|\tilde\nabla_L F(x_K)\|^2 \le 264L/(K+2)^2 \cdot (F(x_0) - F_\star)`). The paper does
not claim tightness, so both are upper bounds (``tight=False``). :func:`rate` returns the
Theorem 1 constant; :func:`sequence_bound` the sharper :math:`2L\tau_0`, which
``proofs/fista_g.py`` proves for a symbolic k (the paper's Lyapunov argument, N ≥ 2).

The step coefficients are irrational (square roots), so they are floats; the PEP is numeric.

>>> from pep.algorithms import get
>>> get("fista_g").rate(1).value  # 66/(K+2)^2 at K = 1
Fraction(22, 3)
>>> round(sequence_bound(1), 6)  # 2*tau_0 = 3 - sqrt(3) at K = 1
1.267949
>>> get("fista_g").setting(1).solve().value <= sequence_bound(1)
True
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from pep.algorithms.base import Algorithm, Rate, check_N
from pep.algorithms.step_matrix import StepMatrix, trace_with_sequence
from pep.functions import Convex, SmoothConvex
from pep.model import coefficients as C
from pep.model.algebra import Point, sqnorm
from pep.model.problem import Problem
from pep.model.steps import proximal_step

__all__ = [
    "phi_sequence",
    "tau_sequence",
    "momentum",
    "prox_grad",
    "step",
    "run",
    "setting",
    "rate",
    "sequence_bound",
    "smooth_run",
    "step_matrix",
]

REFERENCE = (
    "J. Lee, C. Park, E. K. Ryu, A geometric structure of acceleration and its role in making "
    "gradients small fast, NeurIPS 34 (2021), arXiv:2106.10439: Sec. 2.1 (FISTA-G), Theorem 1 "
    "(rate), Appendix E (Theorem 6 and the bound tau_0 <= 33/(K+2)^2)"
)


def phi_sequence(N: int) -> dict[int, float]:
    r"""FISTA-G's :math:`\varphi_k` for :math:`k = -1, \dots, N+1` (keyed by k).

    Computed backwards from :math:`\varphi_{N+1} = 0`, :math:`\varphi_N = 1`.

    >>> phi = phi_sequence(1)
    >>> round(phi[0], 6), round(2 + 3 ** 0.5, 6)  # phi_0 = 2 + sqrt(3) when K = 1
    (3.732051, 3.732051)
    """
    check_N(N)
    phi: dict[int, float] = {N + 1: 0.0, N: 1.0}
    for k in range(N - 1, -2, -1):
        a, b = phi[k + 1], phi[k + 2]
        root = math.sqrt(b * b + 3 * a * a)
        phi[k] = (b * b - a * b + 2 * a * a + (a - b) * root) / (a + b)
    return phi


def tau_sequence(N: int) -> dict[int, float]:
    r""":math:`\tau_k = 2\varphi_{k-1}/(\varphi_{k-1} - \varphi_k)^2` for :math:`k = 0..N`
    (the weights of the paper's Lyapunov function; :math:`\tau_N = 1`).

    >>> round(tau_sequence(3)[3], 12)
    1.0
    """
    phi = phi_sequence(N)
    return {k: 2 * phi[k - 1] / (phi[k - 1] - phi[k]) ** 2 for k in range(N + 1)}


def momentum(phi: Mapping[int, Any], k: int) -> Any:
    r"""The momentum coefficient :math:`(\varphi_{k+1} - \varphi_{k+2})/(\varphi_k - \varphi_{k+1})`
    of step k."""
    return (phi[k + 1] - phi[k + 2]) / (phi[k] - phi[k + 1])


def prox_grad(x: Point, f: Any, h: Any, L: Any, name: str) -> Point:
    r""":math:`x^\oplus = \mathrm{prox}_{h/L}(x - \nabla f(x)/L)` (records f at x, h at x⊕)."""
    return proximal_step(x - C.div(1, L) * f.grad(x), h, C.div(1, L), name=name)[0]


def step(
    x: Point,
    x_plus_prev: Point,
    f: Any,
    h: Any,
    L: Any,
    beta: Any,
    k: Any,
    x_plus: Point | None = None,
) -> tuple[Point, Point]:
    r"""``(x_k, x_{k-1}⊕) -> (x_{k+1}, x_k⊕)`` with
    :math:`x_{k+1} = x_k^\oplus + \beta(x_k^\oplus - x_{k-1}^\oplus)`, ``beta`` from
    :func:`momentum`. ``x_plus``: :math:`x_k^\oplus` when already computed (a proximal step
    creates a new point each time; ``proofs/fista_g.py`` shares one between the potential
    and the step)."""
    if x_plus is None:
        x_plus = prox_grad(x, f, h, L, name=f"x{k}+")
    return x_plus + beta * (x_plus - x_plus_prev), x_plus


def run(problem: Problem, F: Any, x0: Point, N: int, L: Any = 1) -> Point:
    """The last iterate :math:`x_N` of N FISTA-G steps; ``F`` is ``f + h`` (smooth part first)."""
    f, h = F.components
    phi = phi_sequence(check_N(N))
    x, x_plus_prev = x0, x0
    for k in range(N):
        x, x_plus_prev = step(x, x_plus_prev, f, h, L, momentum(phi, k), k)
        x = x.with_name(f"x{k + 1}")
    return x


def smooth_run(
    problem: Problem, f: Any, x0: Point, N: int, L: Any = 1, phi: Mapping[int, Any] | None = None
) -> Point:
    r"""FGM-G, the smooth case h = 0 of FISTA-G (Lee, Park and Ryu 2021, Sec. 3.3):
    :math:`x_{k+1} = x_k^+ + \beta_k(x_k^+ - x_{k-1}^+)` with :math:`x^+ = x - \nabla f(x)/L`.
    ``phi``: :math:`\varphi_0..\varphi_{N+1}` keyed by k (default: floats)."""
    phi = phi_sequence(check_N(N)) if phi is None else phi
    x, plus_prev = x0, x0
    for k in range(N):
        plus = x - C.div(1, L) * f.grad(x)
        x, plus_prev = plus + momentum(phi, k) * (plus - plus_prev), plus
    return x


def step_matrix(N: int, L: Any = 1, D: Any = 1) -> StepMatrix:
    r"""The step matrix of the smooth case (FGM-G, :func:`smooth_run`), with exact
    :math:`\varphi_k` defined backwards from :math:`\varphi_{N+1} = 0, \varphi_N = 1`.

    >>> H = step_matrix(1)  # x_1 = x_0^+ + beta_0 (x_0^+ - x_0), beta_0 = 1/(phi_0 - 1)
    >>> H.rows, H.sequence
    (((1 + 1/(phi_0 - 1),),), ((phi_0, sqrt(3) + 2),))
    """
    import sympy as sp

    order = list(range(check_N(N) + 1, -1, -1))  # phi_{N+1}, phi_N, ..., phi_0
    names = [f"phi_{k}" for k in order]
    defs: dict[int, Any] = {N + 1: sp.Integer(0), N: sp.Integer(1)}
    sym = {k: sp.Symbol(f"phi_{k}", positive=True) for k in order}
    for k in order[2:]:
        a, b = (defs[j] if defs[j].is_Rational else sym[j] for j in (k + 1, k + 2))
        defs[k] = (b * b - a * b + 2 * a * a + (a - b) * sp.sqrt(b * b + 3 * a * a)) / (a + b)

    def run_with(seq: list[Any]) -> Any:
        phi = dict(zip(order, seq))
        return lambda p, f, x0: smooth_run(p, f, x0, N, L, phi)

    return trace_with_sequence(run_with, [defs[k] for k in order], names, N, L)


def setting(N: int, L: Any = 1, D: Any = 1) -> Problem:
    r"""Worst case of :math:`\|L(x_N - x_N^\oplus)\|^2` given :math:`F(x_0) - F_\star \le D`.

    Evaluating :math:`F(x_0)` records a subgradient of h at :math:`x_0`, as every PEP of a
    composite method does: the worst case is over h subdifferentiable at the starting point.
    """
    problem = Problem()
    f = problem.function(SmoothConvex(L=L), name="f")
    h = problem.function(Convex(), name="h")
    F = f + h
    x0, xs = problem.point("x0"), F.minimizer()
    problem.assume(F(x0) - F(xs) <= D, name="initial")
    xN = run(problem, F, x0, N, L=L)
    problem.maximize(sqnorm(L * (xN - prox_grad(xN, f, h, L, name=f"x{N}+"))))
    return problem


def sequence_bound(N: int, L: Any = 1, D: Any = 1) -> float:
    r""":math:`2L\tau_0 D`: the bound of the paper's Theorem 6 for FISTA-G, before the
    simplification :math:`\tau_0 \le 33/(K+2)^2`."""
    return 2 * float(L) * float(D) * tau_sequence(N)[0]


def rate(N: int, L: Any = 1, D: Any = 1) -> Rate:
    """Theorem 1: ``66 L D / (N+2)^2`` (exact for exact L, D); an upper bound."""
    check_N(N)
    return Rate(
        C.div(C.mul(66, C.mul(L, D)), (N + 2) ** 2),
        tight=False,
        reference=REFERENCE,
        measure="||L(x_N - prox_{h/L}(x_N - grad f(x_N)/L))||^2",
        initial="F(x0) - F(x*)",
        formula="66*L*D/(N+2)**2",
    )


ALGORITHM = Algorithm(
    name="fista_g",
    title="FISTA-G (composite, reduces the gradient mapping)",
    reference=REFERENCE,
    defaults={"L": 1, "D": 1},
    run=run,
    setting=setting,
    rate=rate,
    problem_class="SmoothConvex(L) + Convex()",
    extra={"sequence_bound": sequence_bound},
    fixed_steps=step_matrix,
    notes=(
        "Theorem 1 constant 66/(N+2)^2; the sharper 2*L*tau_0 of Theorem 6 is "
        "pep.algorithms.fista_g.sequence_bound(N). Not claimed tight by the paper."
    ),
)
