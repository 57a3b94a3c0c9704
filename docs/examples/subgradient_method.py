"""The subgradient method on convex Lipschitz functions.

PEPit example ``wc_subgradient_method(M=2, n=6, gamma=1/(M sqrt(n + 1)))`` (unconstrained
convex minimization): x_{t+1} = x_t - gamma g_t with g_t a subgradient of f at x_t, f convex
and M-Lipschitz. Worst case of min_{0 <= t <= n} f(x_t) - f_* when ||x_0 - x_*|| <= 1; tight
value M/sqrt(n + 1) = 0.755929 (Y. Nesterov, Introductory lectures on convex optimization,
2003, Sec. 3.2.3; Y. Drori, M. Teboulle, Math. Program. 2016, App. A for tightness).
PEPit's value: 0.7559287544 (its docstring, MOSEK dual value).
"""

from fractions import Fraction
from math import sqrt

import pep

REFERENCE = 0.7559287543573815  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 2/sqrt(7)
PEPIT_CLARABEL = 0.7559289477313795  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/subgradient_method"
SOURCE = "PEPit wc_subgradient_method(M=2, n=6, gamma=1/(M sqrt(n + 1)))"


def build(M: Fraction = Fraction(2), n: int = 6) -> pep.Problem:
    gamma = 1 / (M * sqrt(n + 1))
    problem = pep.Problem()
    f = problem.function(pep.ConvexLipschitz(M=M))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for _ in range(n + 1):
        g, fx = f.oracle(x)
        problem.maximize(fx - f(xs))  # several objectives: the worst case of their minimum
        x = x - gamma * g
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
