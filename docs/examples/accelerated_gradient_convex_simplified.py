"""The accelerated gradient method with the simplified momentum t/(t + 3).

PEPit example ``wc_accelerated_gradient_convex_simplified(mu=0, L=1, n=1)`` (unconstrained
convex minimization): x_{t+1} = y_t - grad f(y_t)/L, y_{t+1} = x_{t+1} + t/(t+3) (x_{t+1} - x_t)
on L-smooth convex f. Worst case of f(x_n) - f_* when ||x_0 - x_*|| <= 1; A. Taylor,
J. Hendrickx, F. Glineur, "Exact worst-case performance of first-order methods for composite
convex optimization", SIAM J. Optim. 2017, Table 1 reports 2L/(n^2 + 5n + 6) (= 1/6 at n = 1).
PEPit's value: 0.1666666650 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.16666666498582347  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 1/6
PEPIT_CLARABEL = 0.16666667249954334  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/accelerated_gradient_convex_simplified"
SOURCE = "PEPit wc_accelerated_gradient_convex_simplified(mu=0, L=1, n=1)"


def build(L: Fraction = Fraction(1), n: int = 1) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=L))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x, y = x0, x0
    for t in range(n):
        x_prev, x = x, y - f.grad(y) / L
        y = x + Fraction(t, t + 3) * (x - x_prev)
    problem.maximize(f(x) - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
