"""Gradient descent with the silver step-size schedule on smooth convex functions.

PEPit example ``wc_gradient_descent_silver_stepsize_convex(L=10, n=7)`` (unconstrained convex
minimization): x_{t+1} = x_t - (h_{t+1}/L) grad f(x_t) with the silver steps
h_i = 1 + rho^(nu(i) - 1), rho = 1 + sqrt(2), nu(i) the 2-adic valuation of i, for
n = 2^k - 1. Worst case of f(x_n) - f_* when ||x_0 - x_*|| <= 1; upper bound
L/(1 + sqrt(4 rho^(2k) - 3)) = 0.343775 (J. M. Altschuler, P. A. Parrilo, "Acceleration by
stepsize hedging II: silver stepsize schedule for smooth convex optimization", 2023, Thm 1.1).
PEPit's value: 0.1842154170 (its docstring, MOSEK dual value).
"""

from fractions import Fraction
from math import sqrt

import pep

REFERENCE = 0.18421541696330856  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.18421542175365244  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/gradient_descent_silver_stepsize_convex"
SOURCE = "PEPit wc_gradient_descent_silver_stepsize_convex(L=10, n=7)"


def silver_steps(n: int) -> list[float]:
    """h_1, ..., h_n with h_i = 1 + (1 + sqrt 2)^(nu(i) - 1), nu(i) the 2-adic valuation."""
    rho = 1 + sqrt(2)
    return [1 + rho ** ((i & -i).bit_length() - 2) for i in range(1, n + 1)]


def build(L: Fraction = Fraction(10), n: int = 7) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=L))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for h in silver_steps(n):
        x = x - h / L * f.grad(x)
    problem.maximize(f(x) - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
