"""Gradient descent on smooth functions with a quadratic Lojasiewicz (PL) inequality.

PEPit example ``wc_gradient_descent_quadratic_lojasiewicz_naive(L=1, mu=.2, gamma=1, n=1)``:
f L-smooth (possibly nonconvex) with f(x) - f_* <= ||grad f(x)||^2 / (2 mu); worst case of
f(x_1) - f_* when f(x_0) - f_* <= 1. The value 8/11 = 0.727273 is the tight rate of
Abbaszadehpeivasti, de Klerk, Zamani (Optim. Lett. 2023, Thm 3). The class conditions are
necessary only: results are labelled upper bounds. See gradient_descent_lojasiewicz_alpha.py
for the stronger conditions with alpha.
PEPit's value: 0.7272727116 (PEPit 0.5.1's docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.7272727115834279  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 8/11
PEPIT_CLARABEL = 0.7272727333478611  # PEPit 0.5.1 run with Clarabel
PEPIT = "nonconvex_optimization/gradient_descent_quadratic_lojasiewicz_naive"
SOURCE = "PEPit wc_gradient_descent_quadratic_lojasiewicz_naive(L=1, mu=.2, gamma=1, n=1)"


def build(
    L: Fraction = Fraction(1),
    mu: Fraction = Fraction(1, 5),
    gamma: Fraction = Fraction(1),
    n: int = 1,
    alpha: object = None,
) -> pep.Problem:
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
