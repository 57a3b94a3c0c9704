"""Proximal gradient on a smooth strongly convex quadratic plus a convex function.

PEPit example ``wc_proximal_gradient_quadratics(L=1, mu=0.1, gamma=1, n=2)`` (composite convex
minimization): F = f_1 + f_2 with f_1(x) = 1/2 <x, Qx>, mu I <= Q <= L I, and f_2 closed
convex proper; y_t = x_t - gamma grad f_1(x_t), x_{t+1} = prox_{gamma f_2}(y_t). Worst case of
||x_n - x_*||^2 when ||x_0 - x_*|| <= 1; tight value max{(1 - mu gamma)^2, (1 - L gamma)^2}^n
= 0.9^4 = 0.6561 (A. Taylor, J. Hendrickx, F. Glineur, "Exact worst-case convergence rates of
the proximal gradient method for composite convex minimization", JOTA 178, 2018, Thm 3.1).
PEPit's value: 0.6561000103 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.6561000103069384  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 0.9^4
PEPIT_CLARABEL = 0.6561000002905071  # PEPit 0.5.1 run with Clarabel
PEPIT = "composite_convex_minimization/proximal_gradient_quadratics"
SOURCE = "PEPit wc_proximal_gradient_quadratics(L=1, mu=0.1, gamma=1, n=2)"


def build(
    L: Fraction = Fraction(1),
    mu: Fraction = Fraction(1, 10),
    gamma: Fraction = Fraction(1),
    n: int = 2,
) -> pep.Problem:
    problem = pep.Problem()
    f1 = problem.function(pep.SmoothStronglyConvexQuadratic(L=L, mu=mu))
    f2 = problem.function(pep.Convex())
    xs, x0 = (f1 + f2).minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for _ in range(n):
        y = x - gamma * f1.grad(x)
        x, _, _ = pep.proximal_step(y, f2, gamma)
    problem.maximize(pep.sqnorm(x - xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
