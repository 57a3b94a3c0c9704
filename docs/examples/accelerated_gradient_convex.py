"""Nesterov's accelerated gradient method (FISTA's momentum) on smooth convex functions.

PEPit example ``wc_accelerated_gradient_convex(mu=0, L=1, n=1)`` (unconstrained convex
minimization): with lambda_1 = 1 and lambda_{t+1} = (1 + sqrt(4 lambda_t^2 + 1))/2,
x_t = y_t - grad f(y_t)/L and y_{t+1} = x_t + (lambda_t - 1)/lambda_{t+1} (x_t - x_{t-1}).
Worst case of f(x_n) - f_* when ||x_0 - x_*|| <= 1. Y. Nesterov (1983); A. Beck, M. Teboulle,
"A fast iterative shrinkage-thresholding algorithm", SIAM J. Imaging Sci. 2009, Thm 4.4 gives
the upper bound L/(2 lambda_n^2); with n = 1 the method is one gradient step, tight value
L/6 (Drori-Teboulle). PEPit's value: 0.1666666650 (its docstring, MOSEK dual value).
"""

from fractions import Fraction
from math import sqrt

import pep

REFERENCE = 0.16666666498582347  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.16666667249954334  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/accelerated_gradient_convex"
SOURCE = "PEPit wc_accelerated_gradient_convex(mu=0, L=1, n=1)"


def build(L: Fraction = Fraction(1), n: int = 1) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=L))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x, y, lam = x0, x0, 1.0
    for _ in range(n):
        lam_next = (1 + sqrt(4 * lam**2 + 1)) / 2
        x_prev, x = x, y - f.grad(y) / L
        y = x + (lam - 1) / lam_next * (x - x_prev)
        lam = lam_next
    problem.maximize(f(x) - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
