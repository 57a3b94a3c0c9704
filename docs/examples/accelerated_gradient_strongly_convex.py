"""The accelerated gradient method for smooth strongly convex functions (constant momentum).

PEPit example ``wc_accelerated_gradient_strongly_convex(mu=0.1, L=1, n=2)`` (unconstrained
convex minimization): x_{t+1} = y_t - grad f(y_t)/L, y_{t+1} = x_{t+1} + beta (x_{t+1} - x_t)
with beta = (sqrt(L) - sqrt(mu))/(sqrt(L) + sqrt(mu)). Worst case of f(x_n) - f_* when
f(x_0) - f_* + mu/2 ||x_0 - x_*||^2 <= 1; upper bound (1 - sqrt(mu/L))^n = 0.467544
(A. d'Aspremont, D. Scieur, A. Taylor, "Acceleration methods", Found. Trends Optim. 2021,
Cor. 4.15). PEPit's value: 0.3476022268 (its docstring, MOSEK dual value).
"""

from fractions import Fraction
from math import sqrt

import pep

REFERENCE = 0.347602226831412  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.3476022323340705  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/accelerated_gradient_strongly_convex"
SOURCE = "PEPit wc_accelerated_gradient_strongly_convex(mu=0.1, L=1, n=2)"


def build(mu: Fraction = Fraction(1, 10), L: Fraction = Fraction(1), n: int = 2) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(f(x0) - f(xs) + mu / 2 * pep.sqnorm(x0 - xs) <= 1)
    beta = (1 - sqrt(mu / L)) / (1 + sqrt(mu / L))
    x, y = x0, x0
    for _ in range(n):
        x_prev, x = x, y - f.grad(y) / L
        y = x + beta * (x - x_prev)
    problem.maximize(f(x) - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
