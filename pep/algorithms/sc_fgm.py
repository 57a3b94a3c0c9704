r"""SC-FGM: Nesterov's fast gradient method for L-smooth, :math:`\mu`-strongly convex f.

Nesterov (2004, "Introductory Lectures on Convex Optimization", scheme (2.2.22)), with
:math:`\kappa = L/\mu`, :math:`x_{-1}^+ = x_0`:

.. math:: x_{k+1} = x_k^+ + \frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}(x_k^+ - x_{k-1}^+),
          \qquad x^+ = x - \tfrac1L\nabla f(x).

Run here in the equivalent collinear form of Lee, Park and Ryu (NeurIPS 2021, Table A.1):
:math:`x_k = \frac{\sqrt\kappa}{\sqrt\kappa+1}x_{k-1}^+ + \frac{1}{\sqrt\kappa+1}z_k`,
:math:`z_{k+1} = \frac{1}{\sqrt\kappa}x_k^{++} + (1 - \frac{1}{\sqrt\kappa})z_k`, :math:`z_0 =
x_0`. After N gradients the output is :math:`x_{N-1}^+`.

Rate (Nesterov 2004, Thm 2.2.3 with :math:`\gamma_0 = \mu`; proof: ``proofs/sc_fgm.py``):
:math:`f(x_{N-1}^+) - f_\star \le \frac{L+\mu}{2}\big(1 - \frac{1}{\sqrt\kappa}\big)^N
\|x_0 - x_\star\|^2`, an upper bound (not attained).

>>> from fractions import Fraction
>>> get = __import__("pep.algorithms", fromlist=["get"]).get
>>> get("sc_fgm").rate(2, L=4, mu=1).value  # (5/2)(1/2)^2
Fraction(5, 8)
>>> get("sc_fgm").setting(2, L=4, mu=1).solve().value <= 5 / 8
True
"""

from __future__ import annotations

from typing import Any

from pep.algorithms.base import Algorithm, Rate, check_N
from pep.algorithms.step_matrix import StepMatrix, trace_step_matrix
from pep.algorithms.strongly_convex import (
    aux_step,
    check_mu,
    function_value_setting,
    kappa,
    sqrt_exact,
)
from pep.model import coefficients as C
from pep.model.algebra import Point
from pep.model.problem import Problem

REFERENCE = (
    "Y. Nesterov, Introductory Lectures on Convex Optimization (2004), scheme (2.2.22), "
    "Thm 2.2.3; collinear form: J. Lee, C. Park, E. K. Ryu, NeurIPS 2021 (arXiv:2106.10439), "
    "Table A.1"
)


def coefficients(s: Any) -> tuple[Any, Any]:
    r""":math:`(\varphi, d) = (\frac{1}{s+1}, \frac1s)` of :func:`aux_step` for
    :math:`s = \sqrt\kappa`."""
    return C.div(1, s + 1), C.div(1, s)


def step(xp: Point, z: Point, f: Any, L: Any, mu: Any, s: Any) -> tuple[Point, Point]:
    """``(x_{k-1}^+, z_k) -> (x_k^+, z_{k+1})`` with ``s`` = sqrt(L/mu)."""
    x_plus, z_next, _ = aux_step(xp, z, f, L, mu, *coefficients(s))
    return x_plus, z_next


def run(problem: Problem, f: Any, x0: Point, N: int, L: Any = 4, mu: Any = 1) -> Point:
    check_mu("sc_fgm", L, mu)
    s = sqrt_exact(kappa(L, mu))
    xp, z = x0, x0
    for k in range(check_N(N)):
        xp, z = step(xp, z, f, L, mu, s)
        xp = xp.with_name(f"x{k}+")
    return xp


def setting(N: int, L: Any = 4, mu: Any = 1, R: Any = 1) -> Problem:
    return function_value_setting(run, N, L, mu, R)


def rate(N: int, L: Any = 4, mu: Any = 1, R: Any = 1) -> Rate:
    check_mu("sc_fgm", L, mu)
    s = sqrt_exact(kappa(L, mu))
    rho = 1 - C.div(1, s)
    value = C.mul(C.div(C.add(L, mu), 2) * rho ** check_N(N), R * R)
    return Rate(
        value,
        tight=False,
        reference=REFERENCE,
        measure="f(x_{N-1}^+) - f(x*)",
        initial="||x0 - x*||^2",
        formula="(L + mu)/2 * (1 - sqrt(mu/L))**N * R**2",
    )


def step_matrix(N: int, L: Any = 4, mu: Any = 1, R: Any = 1) -> StepMatrix:
    """H of the method in the fixed-step form (gradients at :math:`x_0..x_{N-1}`, output
    :math:`x_{N-1}^+`)."""
    return trace_step_matrix(lambda p, f, x0: run(p, f, x0, N, L, mu), check_N(N), L)


ALGORITHM = Algorithm(
    name="sc_fgm",
    title="SC-FGM (Nesterov's method, strongly convex)",
    reference=REFERENCE,
    defaults={"L": 4, "mu": 1, "R": 1},
    run=run,
    setting=setting,
    rate=rate,
    problem_class="SmoothStronglyConvex(L, mu)",
    fixed_steps=step_matrix,
    notes="rate (L+mu)/2 (1 - 1/sqrt(kappa))^N: an upper bound",
)
