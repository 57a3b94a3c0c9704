r"""SC-OGM: the optimized gradient method for L-smooth, :math:`\mu`-strongly convex f
(Park, Park and Ryu, "Factor-√2 acceleration of accelerated gradient methods", Appl. Math.
Optim. 88 (2023), arXiv:2102.07366).

With :math:`\kappa = L/\mu`, :math:`r = \sqrt{8\kappa + 1}` and :math:`x_{-1}^+ = x_0`, in the
momentum form of Lee, Park and Ryu (NeurIPS 2021, Table A.1),

.. math:: x_{k+1} = x_k^+ + \frac{\kappa - 1}{r + 2 + \kappa}\big((x_k^+ - x_{k-1}^+)
          + (x_k^+ - x_k)\big)

(both coefficients are :math:`1/(2\gamma + 1)`, :math:`\gamma = (r + 3)/(2\kappa - 2)`). Run
here in a collinear form derived with their Lemma 3 (a constant fixed point of its
recursion; ``tests/test_sc_family.py`` checks that it reproduces the momentum form):
:math:`x_k = (1 - \varphi)x_{k-1}^+ + \varphi z_k`, :math:`z_{k+1} = d\,x_k^{++} + (1-d)z_k`,
:math:`\varphi = \frac{4}{r+3}`, :math:`d = \frac{4(r+1)}{(r-1)(r+5)}`, :math:`z_0 = x_0`.
The output is :math:`z_N`.

Rate (proof: ``proofs/sc_ogm.py``): the potential
:math:`V_k = I(x_{k-1}, \star) + \frac\mu2\|z_k - x_\star\|^2` contracts by
:math:`\rho = \frac{1}{1+\gamma} = \frac{r-3}{r+1} \approx 1 - \sqrt{2/\kappa}` per step (the
factor-√2 speed-up over SC-FGM's :math:`1 - \sqrt{1/\kappa}`), giving
:math:`\|z_N - x_\star\|^2 \le 2c(t)\rho^{N-1}\|x_0 - x_\star\|^2` with :math:`t = r - 3` and
:math:`c(t) = \frac{t(t+2)(t+6)(t^3+10t^2+48t+128)}{64(3t^3+34t^2+112t+128)}` (the first step,
bounded with two interpolation inequalities). An upper bound: the PEP value is smaller. The
paper's own theorem statement was not available to us; the method and γ are from Lee-Park-
Ryu's table, and the potential and constant are ours.

>>> from pep.algorithms import get
>>> get("sc_ogm").rate(2, L=6, mu=1).value  # kappa = 6: r = 7, t = 4, rho = 1/2
Fraction(255, 164)
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
    "C. Park, J. Park, E. K. Ryu, Factor-sqrt(2) acceleration of accelerated gradient "
    "methods, Appl. Math. Optim. 88 (2023), arXiv:2102.07366; momentum form: J. Lee, C. Park, "
    "E. K. Ryu, NeurIPS 2021, Table A.1"
)


def coefficients(r: Any) -> tuple[Any, Any]:
    r""":math:`(\varphi, d)` of :func:`aux_step` for :math:`r = \sqrt{8\kappa + 1}`."""
    return C.div(4, r + 3), C.div(4 * (r + 1), (r - 1) * (r + 5))


def contraction(r: Any) -> Any:
    r""":math:`\rho = 1/(1 + \gamma) = (r - 3)/(r + 1)`."""
    return C.div(r - 3, r + 1)


def first_step_constant(t: Any) -> Any:
    """c(t) of the module docstring (times mu): V_1 <= mu c(t) ||x0 - x*||^2."""
    num = t * (t + 2) * (t + 6) * (t**3 + 10 * t**2 + 48 * t + 128)
    return C.div(num, 64 * (3 * t**3 + 34 * t**2 + 112 * t + 128))


def step(xp: Point, z: Point, f: Any, L: Any, mu: Any, r: Any) -> tuple[Point, Point, Point]:
    """``(x_{k-1}^+, z_k) -> (x_k^+, z_{k+1}, x_k)`` with ``r`` = sqrt(8 L/mu + 1)."""
    return aux_step(xp, z, f, L, mu, *coefficients(r))


def run(problem: Problem, f: Any, x0: Point, N: int, L: Any = 6, mu: Any = 1) -> Point:
    """:math:`z_N`."""
    check_mu("sc_ogm", L, mu)
    r = sqrt_exact(8 * kappa(L, mu) + 1)
    xp, z = x0, x0
    for k in range(check_N(N)):
        xp, z, _ = step(xp, z, f, L, mu, r)
        xp, z = xp.with_name(f"x{k}+"), z.with_name(f"z{k + 1}")
    return z


def setting(N: int, L: Any = 6, mu: Any = 1, R: Any = 1) -> Problem:
    r"""Worst case of :math:`\|z_N - x_\star\|^2` given :math:`\|x_0 - x_\star\|^2 \le R^2`."""
    return distance_setting(run, N, L, mu, R)  # type: ignore[no-any-return]


def rate(N: int, L: Any = 6, mu: Any = 1, R: Any = 1) -> Rate:
    check_mu("sc_ogm", L, mu)
    r = sqrt_exact(8 * kappa(L, mu) + 1)
    value = 2 * first_step_constant(r - 3) * contraction(r) ** (check_N(N) - 1)
    return Rate(
        C.mul(value, R * R),
        tight=False,
        reference=REFERENCE,
        measure="||z_N - x*||^2",
        initial="||x0 - x*||^2",
        formula="2 c(t) ((r - 3)/(r + 1))**(N - 1) R**2, r = sqrt(8 kappa + 1), t = r - 3",
    )


def step_matrix(N: int, L: Any = 6, mu: Any = 1, R: Any = 1) -> StepMatrix:
    """H with gradients at :math:`x_0..x_{N-1}` and output :math:`z_N`."""
    return trace_step_matrix(lambda p, f, x0: run(p, f, x0, N, L, mu), check_N(N), L)


ALGORITHM = Algorithm(
    name="sc_ogm",
    title="SC-OGM (optimized gradient method, strongly convex)",
    reference=REFERENCE,
    defaults={"L": 6, "mu": 1, "R": 1},
    run=run,
    setting=setting,
    rate=rate,
    problem_class="SmoothStronglyConvex(L, mu)",
    fixed_steps=step_matrix,
    notes="contraction 1/(1 + gamma) per step; constant from the first step; upper bound",
)
