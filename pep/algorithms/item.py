r"""ITEM: the information-theoretic exact method (Taylor and Drori 2022) on L-smooth,
:math:`\mu`-strongly convex f.

With :math:`q = \mu/L`, :math:`A_0 = 0`,
:math:`A_{k+1} = \frac{(1+q)A_k + 2\left(1 + \sqrt{(1+A_k)(1+qA_k)}\right)}{(1-q)^2}`,
:math:`\beta_k = \frac{A_k}{(1-q)A_{k+1}}`,
:math:`\delta_k = \frac{(1-q)^2A_{k+1} - (1+q)A_k}{2(1 + q + qA_k)}` and :math:`z_0 = x_0`:

.. math::
    y_k = (1-\beta_k)z_k + \beta_k x_k,\quad
    x_{k+1} = y_k - \tfrac1L\nabla f(y_k),\quad
    z_{k+1} = (1 - q\delta_k)z_k + q\delta_k\big(y_k - \tfrac1\mu\nabla f(y_k)\big),

i.e. Lee, Park and Ryu's collinear form (NeurIPS 2021, Table A.1) with gradient points
:math:`y_k`, :math:`x_{k}^+ = x_{k+1}` and :math:`z_{k+1}` on the line through
:math:`z_k` and :math:`y_k^{++}`. (Table A.1 prints :math:`\delta_k` without the factor 1/2;
with it the method attains the rate below, without it it does not:
``tests/test_sc_family.py``.)

Rate (Taylor and Drori 2022, Thm 3; tight, and exactly optimal for this measure among
first-order methods, Drori and Taylor 2022):
:math:`\|z_N - x_\star\|^2 \le \frac{\|x_0 - x_\star\|^2}{1 + qA_N}`.

>>> from pep.algorithms import get
>>> round(float(get("item").rate(15, L=1000, mu=1).value), 6)  # Taylor-Drori's example
0.756605
"""

from __future__ import annotations

import math
from typing import Any

from pep.algorithms.base import Algorithm, Rate, check_N
from pep.algorithms.step_matrix import StepMatrix, trace_step_matrix
from pep.algorithms.strongly_convex import aux_step, check_mu, distance_setting
from pep.model import coefficients as C
from pep.model.algebra import Point
from pep.model.problem import Problem

REFERENCE = (
    "A. Taylor, Y. Drori, An optimal gradient method for smooth strongly convex "
    "minimization, Math. Program. 199 (2023), arXiv:2101.09741, Thm 3; collinear form: "
    "J. Lee, C. Park, E. K. Ryu, NeurIPS 2021, Table A.1"
)


def a_sequence(N: int, q: float) -> list[float]:
    """:math:`A_0, ..., A_N` (floats)."""
    A = [0.0]
    for _ in range(N):
        a = A[-1]
        A.append(((1 + q) * a + 2 * (1 + math.sqrt((1 + a) * (1 + q * a)))) / (1 - q) ** 2)
    return A


def coefficients(a: Any, a_next: Any, q: Any) -> tuple[Any, Any]:
    r""":math:`(\varphi_k, d_k) = (1 - \beta_k, q\delta_k)` of :func:`aux_step` from
    :math:`A_k, A_{k+1}`."""
    beta = C.div(a, (1 - q) * a_next)
    delta = C.div((1 - q) ** 2 * a_next - (1 + q) * a, 2 * (1 + q + q * a))
    return 1 - beta, q * delta


def step(
    x: Point, z: Point, f: Any, L: Any, mu: Any, a: Any, a_next: Any
) -> tuple[Point, Point, Point]:
    """``(x_k, z_k) -> (x_{k+1}, z_{k+1}, y_k)`` (Taylor-Drori's names)."""
    return aux_step(x, z, f, L, mu, *coefficients(a, a_next, C.div(mu, L)))


def run(problem: Problem, f: Any, x0: Point, N: int, L: Any = 10, mu: Any = 1) -> Point:
    """:math:`z_N`."""
    check_mu("item", L, mu)
    A = a_sequence(check_N(N), C.to_float(C.div(mu, L), "item"))
    x, z = x0, x0
    for k in range(N):
        x, z, _ = step(x, z, f, L, mu, A[k], A[k + 1])
        x, z = x.with_name(f"x{k + 1}"), z.with_name(f"z{k + 1}")
    return z


def setting(N: int, L: Any = 10, mu: Any = 1, R: Any = 1) -> Problem:
    r"""Worst case of :math:`\|z_N - x_\star\|^2` given :math:`\|x_0 - x_\star\|^2 \le R^2`."""
    return distance_setting(run, N, L, mu, R)  # type: ignore[no-any-return]


def rate(N: int, L: Any = 10, mu: Any = 1, R: Any = 1) -> Rate:
    check_mu("item", L, mu)
    q = C.to_float(C.div(mu, L), "item")
    value = 1 / (1 + q * a_sequence(check_N(N), q)[-1])
    return Rate(
        value * C.to_float(R, "item") ** 2,
        tight=True,
        reference=REFERENCE,
        measure="||z_N - x*||^2",
        initial="||x0 - x*||^2",
        formula="R**2/(1 + q A_N)",
    )


def step_matrix(N: int, L: Any = 10, mu: Any = 1, R: Any = 1) -> StepMatrix:
    """H with gradients at :math:`y_0..y_{N-1}` and output :math:`z_N` (float entries: the
    :math:`A_k` are computed in floats)."""
    return trace_step_matrix(lambda p, f, x0: run(p, f, x0, N, L, mu), check_N(N), L)


ALGORITHM = Algorithm(
    name="item",
    title="ITEM (information-theoretic exact method)",
    reference=REFERENCE,
    defaults={"L": 10, "mu": 1, "R": 1},
    run=run,
    setting=setting,
    rate=rate,
    problem_class="SmoothStronglyConvex(L, mu)",
    fixed_steps=step_matrix,
    notes="||z_N - x*||^2 <= R^2/(1 + q A_N), tight",
)
