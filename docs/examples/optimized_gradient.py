"""The optimized gradient method (OGM) on smooth convex functions.

PEPit example ``wc_optimized_gradient(L=3, n=4)`` (unconstrained convex minimization):
x_{t+1} = y_t - grad f(y_t)/L,
y_{t+1} = x_{t+1} + (theta_t - 1)/theta_{t+1} (x_{t+1} - x_t) + theta_t/theta_{t+1} (x_{t+1} - y_t),
theta_0 = 1, theta_t = (1 + sqrt(4 theta_{t-1}^2 + 1))/2 and theta_n = (1 + sqrt(8 theta_{n-1}^2 + 1))/2.
Worst case of f(y_n) - f_* when ||x_0 - x_*|| <= 1; tight value L/(2 theta_n^2) = 0.0767518
(Y. Drori, M. Teboulle 2014; D. Kim, J. A. Fessler, "Optimized first-order methods for smooth
convex minimization", Math. Program. 2016, Thm 2; Y. Drori, J. Complexity 2017).
PEPit's value: 0.0767518303 (its docstring, MOSEK dual value).
"""

from fractions import Fraction
from math import sqrt

import pep

REFERENCE = 0.07675183030228215  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.07675182859744932  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/optimized_gradient"
SOURCE = "PEPit wc_optimized_gradient(L=3, n=4)"


def build(L: Fraction = Fraction(3), n: int = 4) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=L))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    theta, x, y = 1.0, x0, x0
    for t in range(n):
        x_prev, x = x, y - f.grad(y) / L
        factor = 4 if t < n - 1 else 8
        theta_next = (1 + sqrt(factor * theta**2 + 1)) / 2
        y = x + (theta - 1) / theta_next * (x - x_prev) + theta / theta_next * (x - y)
        theta = theta_next
    problem.maximize(f(y) - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
