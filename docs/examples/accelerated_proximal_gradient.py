"""FISTA: the accelerated proximal gradient method on composite convex problems.

PEPit example ``wc_accelerated_proximal_gradient(L=1, mu=0, n=4)`` (composite convex
minimization): minimize F = f + h, f L-smooth convex, h convex (proximable). With
lambda_1 = 1, lambda_{t+1} = (1 + sqrt(4 lambda_t^2 + 1))/2:
x_t = prox_{h/L}(y_t - grad f(y_t)/L), y_{t+1} = x_t + (lambda_t - 1)/lambda_{t+1} (x_t - x_{t-1}).
Worst case of F(x_n) - F_* when ||x_0 - x_*|| <= 1; upper bound L/(2 lambda_n^2) (A. Beck,
M. Teboulle, "A fast iterative shrinkage-thresholding algorithm for linear inverse problems",
SIAM J. Imaging Sci. 2009, Thm 4.4). PEPit's value: 0.0516733021 (its docstring, MOSEK dual
value).
"""

from fractions import Fraction
from math import sqrt

import pep

REFERENCE = 0.051673302055698395  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.051673292965803024  # PEPit 0.5.1 run with Clarabel
PEPIT = "composite_convex_minimization/accelerated_proximal_gradient"
SOURCE = "PEPit wc_accelerated_proximal_gradient(L=1, mu=0, n=4)"


def build(L: Fraction = Fraction(1), n: int = 4) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=L), name="f")
    h = problem.function(pep.Convex(), name="h")
    F = f + h
    xs, x0 = F.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x, y, lam = x0, x0, 1.0
    for _ in range(n):
        lam_next = (1 + sqrt(4 * lam**2 + 1)) / 2
        x_prev = x
        x, _, hx = pep.proximal_step(y - f.grad(y) / L, h, 1 / L)
        y = x + (lam - 1) / lam_next * (x - x_prev)
        lam = lam_next
    problem.maximize(f(x) + hx - F(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
