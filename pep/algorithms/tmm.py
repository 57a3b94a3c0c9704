r"""TMM: the triple momentum method (Van Scoy, Freeman and Lynch 2018) on L-smooth,
:math:`\mu`-strongly convex f.

With :math:`\kappa = L/\mu`, :math:`\rho = 1 - 1/\sqrt\kappa` and :math:`x_{-1}^+ = x_0`, in the
momentum form of Lee, Park and Ryu (NeurIPS 2021, Table A.1),

.. math:: x_{k+1} = x_k^+ + \frac{(\sqrt\kappa - 1)^2}{\sqrt\kappa(\sqrt\kappa + 1)}
          (x_k^+ - x_{k-1}^+) + \frac{\sqrt\kappa - 1}{\sqrt\kappa}(x_k^+ - x_k),

run here in their equivalent collinear form
:math:`x_k = \frac{\sqrt\kappa - 1}{\sqrt\kappa + 1}x_{k-1}^+ + \frac{2}{\sqrt\kappa + 1}z_k`,
:math:`z_{k+1} = \frac{1}{\sqrt\kappa}x_k^{++} + (1 - \frac{1}{\sqrt\kappa})z_k`, :math:`z_0 =
x_0` (the gradient points :math:`x_k` are Van Scoy et al.'s :math:`y_k`;
``tests/test_sc_family.py`` checks the forms against each other). The output is
:math:`z_N`, after N gradients.

Rate (proof: ``proofs/tmm.py``): :math:`\|z_N - x_\star\|^2 \le \kappa\rho^{2N}
\|x_0 - x_\star\|^2`, the contraction factor :math:`\rho^2` of Van Scoy et al. (2018, Thm 1).
The constant κ is ours (the potential's start), and the PEP attains it: tight (N = 1..8,
several κ; ``tests/test_sc_family.py``).

>>> from pep.algorithms import get
>>> get("tmm").rate(2, L=4, mu=1).value  # kappa rho^4 = 4 (1/2)^4
Fraction(1, 4)
"""

from __future__ import annotations

from typing import Any

from pep.algorithms.base import Algorithm, Rate, check_N
from pep.algorithms.step_matrix import StepMatrix, trace_step_matrix
from pep.algorithms.strongly_convex import aux_step, check_mu, distance_setting, kappa, sqrt_exact
from pep.model import coefficients as C
from pep.model.algebra import Point
from pep.model.problem import Problem

REFERENCE = (
    "B. Van Scoy, R. A. Freeman, K. M. Lynch, The fastest known globally convergent "
    "first-order method for minimizing strongly convex functions, IEEE Control Syst. Lett. "
    "2(1) (2018); collinear form: J. Lee, C. Park, E. K. Ryu, NeurIPS 2021, Table A.1"
)


def coefficients(s: Any) -> tuple[Any, Any]:
    r""":math:`(\varphi, d) = (\frac{2}{s+1}, \frac1s)` for :math:`s = \sqrt\kappa`."""
    return C.div(2, s + 1), C.div(1, s)


def step(xp: Point, z: Point, f: Any, L: Any, mu: Any, s: Any) -> tuple[Point, Point, Point]:
    """``(x_{k-1}^+, z_k) -> (x_k^+, z_{k+1}, x_k)`` with ``s`` = sqrt(L/mu)."""
    return aux_step(xp, z, f, L, mu, *coefficients(s))


def run(problem: Problem, f: Any, x0: Point, N: int, L: Any = 4, mu: Any = 1) -> Point:
    """:math:`z_N`."""
    check_mu("tmm", L, mu)
    s = sqrt_exact(kappa(L, mu))
    xp, z = x0, x0
    for k in range(check_N(N)):
        xp, z, _ = step(xp, z, f, L, mu, s)
        xp, z = xp.with_name(f"x{k}+"), z.with_name(f"z{k + 1}")
    return z


def setting(N: int, L: Any = 4, mu: Any = 1, R: Any = 1) -> Problem:
    r"""Worst case of :math:`\|z_N - x_\star\|^2` given :math:`\|x_0 - x_\star\|^2 \le R^2`."""
    return distance_setting(run, N, L, mu, R)  # type: ignore[no-any-return]


def rate(N: int, L: Any = 4, mu: Any = 1, R: Any = 1) -> Rate:
    check_mu("tmm", L, mu)
    s = sqrt_exact(kappa(L, mu))
    rho = 1 - C.div(1, s)
    return Rate(
        C.mul(kappa(L, mu) * rho ** (2 * check_N(N)), R * R),
        tight=True,
        reference=REFERENCE,
        measure="||z_N - x*||^2",
        initial="||x0 - x*||^2",
        formula="kappa * (1 - 1/sqrt(kappa))**(2*N) * R**2",
    )


def step_matrix(N: int, L: Any = 4, mu: Any = 1, R: Any = 1) -> StepMatrix:
    """H with gradients at :math:`x_0..x_{N-1}` and output :math:`z_N`."""
    return trace_step_matrix(lambda p, f, x0: run(p, f, x0, N, L, mu), check_N(N), L)


ALGORITHM = Algorithm(
    name="tmm",
    title="Triple momentum method (TMM)",
    reference=REFERENCE,
    defaults={"L": 4, "mu": 1, "R": 1},
    run=run,
    setting=setting,
    rate=rate,
    problem_class="SmoothStronglyConvex(L, mu)",
    fixed_steps=step_matrix,
    notes="measure ||z_N - x*||^2 of the collinear form; kappa rho^(2N), tight in the PEP",
)
