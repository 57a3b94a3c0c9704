"""Güler's accelerated (fast) proximal point method on convex functions.

PEPit example ``wc_accelerated_proximal_point(A0=5, gammas=[1/1.1, 2/1.1, 3/1.1], n=3)``
(unconstrained convex minimization): with v_0 = x_0, A_{t+1} = (1 - alpha_t) A_t and
alpha_t = (sqrt((A_t gamma_t)^2 + 4 A_t gamma_t) - A_t gamma_t)/2,
y_{t+1} = (1 - alpha_t) x_t + alpha_t v_t, x_{t+1} = prox_{gamma_t f}(y_{t+1}),
v_{t+1} = v_t + (x_{t+1} - y_{t+1})/alpha_t. Worst case of f(x_n) - f_* when
f(x_0) - f_* + A_0/2 ||x_0 - x_*||^2 <= 1; upper bound 4/(A_0 (sum_t sqrt(gamma_t))^2) = 0.0511881
(O. Güler, "New proximal point algorithms for convex minimization", SIAM J. Optim. 1992,
Thm 2.3). PEPit's value: 0.0159311493 (its docstring, MOSEK dual value).
"""

from fractions import Fraction
from math import sqrt

import pep

REFERENCE = 0.01593114926394514  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.015931149355990323  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/accelerated_proximal_point"
SOURCE = "PEPit wc_accelerated_proximal_point(A0=5, gammas=[(i + 1)/1.1 for i in range(3)], n=3)"


def build(A0: Fraction = Fraction(5), n: int = 3) -> pep.Problem:
    gammas = [Fraction(10 * (i + 1), 11) for i in range(n)]
    problem = pep.Problem()
    f = problem.function(pep.Convex())
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(f(x0) - f(xs) + A0 / 2 * pep.sqnorm(x0 - xs) <= 1)
    x, v, A = x0, x0, float(A0)
    for gamma in gammas:
        alpha = (sqrt((A * gamma) ** 2 + 4 * A * gamma) - A * gamma) / 2
        y = (1 - alpha) * x + alpha * v
        x, _, fx = pep.proximal_step(y, f, gamma)
        v = v + 1 / alpha * (x - y)
        A = (1 - alpha) * A
    problem.maximize(fx - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
