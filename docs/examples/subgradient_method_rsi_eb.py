"""Gradient descent under the restricted secant inequality and the error bound.

PEPit example ``wc_subgradient_method_rsi_eb(mu=.1, L=1, gamma=mu/L^2, n=4)``: f satisfies
RSI^-(mu) and EB^+(L) relative to its minimizer; worst case of ||x_n - x_*||^2 when
||x_0 - x_*|| <= 1. Tight value (1 - 2 gamma mu + L^2 gamma^2)^n = 0.99^4
(Guille-Escuret, Goujaud, Ibrahim, Mitliagkas 2022, Prop. 1 and Thm 2).
PEPit's value: 0.9605960100 (PEPit 0.5.1's docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.9605960099988382  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 0.99^4
PEPIT_CLARABEL = 0.9605960098949186  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/subgradient_method_rsi_eb"
SOURCE = "PEPit wc_subgradient_method_rsi_eb(mu=.1, L=1, gamma=.1, n=4)"


def build(mu: Fraction = Fraction(1, 10), L: Fraction = Fraction(1), n: int = 4) -> pep.Problem:
    gamma = mu / L**2
    problem = pep.Problem()
    f = problem.function(pep.RestrictedSecantErrorBound(mu=mu, L=L))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for _ in range(n):
        x = x - gamma * f.grad(x)
    problem.maximize(pep.sqnorm(x - xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
