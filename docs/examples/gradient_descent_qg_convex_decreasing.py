"""Gradient descent with decreasing steps on convex QG+ functions.

PEPit example ``wc_gradient_descent_qg_convex_decreasing(L=1, n=6)`` (unconstrained convex
minimization): f convex with f(x) - f_* <= L/2 ||x - x_*||^2; x_{t+1} = x_t - grad f(x_t)/(L u_{t+1})
with u_0 = 1, u_t = u_{t-1}/2 + sqrt(u_{t-1}^2/4 + 2). Worst case of f(x_n) - f_* when
||x_0 - x_*|| <= 1; conjectured tight value L/(2 u_n) = 0.1055474 (B. Goujaud, A. Taylor,
A. Dieuleveut 2022, Conjecture A.3). PEPit's value: 0.1055473876 (its docstring, MOSEK dual
value).
"""

from fractions import Fraction
from math import sqrt

import pep

REFERENCE = 0.10554738755607095  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.10554738764443457  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/gradient_descent_qg_convex_decreasing"
SOURCE = "PEPit wc_gradient_descent_qg_convex_decreasing(L=1, n=6)"


def build(L: Fraction = Fraction(1), n: int = 6) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.ConvexQG(L=L))
    xs, x = f.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x - xs) <= 1)
    u = 1.0
    for _ in range(n):
        u = u / 2 + sqrt(u**2 / 4 + 2)
        x = x - 1 / (L * u) * f.grad(x)
    problem.maximize(f(x) - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
