"""Gradient descent on smooth functions with a quadratic Łojasiewicz inequality (LMI conditions).

PEPit example ``wc_gradient_descent_quadratic_lojasiewicz_expensive(L=1, mu=0.2, gamma=1,
n=1)`` (nonconvex optimization): f L-smooth with f(x) - f_* <= ||grad f(x)||^2 / (2 mu),
x_{t+1} = x_t - gamma grad f(x_t). Worst case of f(x_n) - f_* when f(x_0) - f_* <= 1, with
the class described by the conditions of A. Rubbens, J. M. Hendrickx, A. Taylor, "A
constructive approach to strengthen algebraic descriptions of function and operator classes",
arXiv:2504.14377 (2025), Prop. 3.4: a 4 x 4 LMI with free numbers per pair of records
(``pep.SmoothQuadraticLojasiewiczExpensive``). Only necessary conditions: the value is an
upper bound, below the 0.7272727 of the pairwise description (gradient_descent_lojasiewicz.py).
PEPit's value: 0.6832669563 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.6832669563172779  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.6832669358756776  # PEPit 0.5.1 run with Clarabel
PEPIT = "nonconvex_optimization/gradient_descent_quadratic_lojasiewicz_expensive"
SOURCE = "PEPit wc_gradient_descent_quadratic_lojasiewicz_expensive(L=1, mu=0.2, gamma=1, n=1)"


def build(
    L: Fraction = Fraction(1),
    mu: Fraction = Fraction(1, 5),
    gamma: Fraction = Fraction(1),
    n: int = 1,
) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.SmoothQuadraticLojasiewiczExpensive(L=L, mu=mu))
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
