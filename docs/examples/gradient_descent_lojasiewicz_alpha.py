"""Gradient descent under a quadratic Lojasiewicz inequality, with the combined conditions.

PEPit example ``wc_gradient_descent_quadratic_lojasiewicz_intermediate(L=1, mu=.2, gamma=1,
n=1, alpha=2 mu/(2L + mu))``: as gradient_descent_lojasiewicz.py, with the extra pairwise
conditions of Rubbens, Hendrickx, Taylor (2025, Prop. 3.2) for alpha = 2/11. Same tight value
8/11 (Abbaszadehpeivasti, de Klerk, Zamani 2023, Thm 3).
PEPit's value: 0.7272727272 (PEPit 0.5.1's docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.7272727272394729  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 8/11
PEPIT_CLARABEL = 0.7272727272198557  # PEPit 0.5.1 run with Clarabel
PEPIT = "nonconvex_optimization/gradient_descent_quadratic_lojasiewicz_intermediate"
SOURCE = "PEPit wc_gradient_descent_quadratic_lojasiewicz_intermediate(L=1, mu=.2, gamma=1, n=1)"


def build(
    L: Fraction = Fraction(1),
    mu: Fraction = Fraction(1, 5),
    gamma: Fraction = Fraction(1),
    n: int = 1,
) -> pep.Problem:
    alpha = 2 * mu / (2 * L + mu)
    problem = pep.Problem()
    f = problem.function(pep.Lojasiewicz(L=L, mu=mu, alpha=alpha))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(f(x0) - f(xs) <= 1)
    x = x0
    for _ in range(n):
        x = x - gamma * f.grad(x)
    problem.maximize(f(x) - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
