"""Gradient descent on convex functions with a quadratic upper bound (QG+).

PEPit example ``wc_gradient_descent_qg_convex(L=1, gamma=.2, n=4)``: f convex with
f(x) - f_* <= L/2 ||x - x_*||^2; worst case of f(x_n) - f_* when ||x_0 - x_*|| <= 1. Tight
value L/2 max{1/(2 n L gamma + 1), L gamma} = 5/26 (Goujaud, Taylor, Dieuleveut 2022).
PEPit's value: 0.1923076916 (PEPit 0.5.1's docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.19230769156951819  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 5/26
PEPIT_CLARABEL = 0.19230769262124753  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/gradient_descent_qg_convex"
SOURCE = "PEPit wc_gradient_descent_qg_convex(L=1, gamma=.2, n=4)"


def build(L: Fraction = Fraction(1), gamma: Fraction = Fraction(1, 5), n: int = 4) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.ConvexQG(L=L))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for _ in range(n):
        x = x - gamma * f.grad(x)
    problem.maximize(f(x) - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
