"""Gradient descent with a constant step on smooth convex functions.

PEPit example ``wc_gradient_descent(L=3, gamma=1/3, n=4)`` (unconstrained convex
minimization): f L-smooth convex, x_{t+1} = x_t - gamma grad f(x_t). Worst case of
f(x_n) - f_* when ||x_0 - x_*|| <= 1; tight value L / (4 n L gamma + 2) = 1/6 for
gamma <= 1/L (Y. Drori, M. Teboulle, "Performance of first-order methods for smooth convex
minimization: a novel approach", Math. Program. 145, 2014, Thm 3.1).
PEPit's value: 0.1666666733 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.1666666733194192  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 1/6
PEPIT_CLARABEL = 0.16666666685050555  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/gradient_descent"
SOURCE = "PEPit wc_gradient_descent(L=3, gamma=1/3, n=4)"


def build(L: Fraction = Fraction(3), gamma: Fraction = Fraction(1, 3), n: int = 4) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=L))
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
