"""The accelerated proximal gradient method with the simplified momentum t/(t + 3).

PEPit example ``wc_accelerated_proximal_gradient_simplified(L=1, mu=0, n=4)`` (composite convex
minimization): minimize F = f + h, f L-smooth convex, h convex;
x_{t+1} = prox_{h/L}(y_t - grad f(y_t)/L), y_{t+1} = x_{t+1} + t/(t + 3) (x_{t+1} - x_t).
Worst case of F(x_n) - F_* when ||x_0 - x_*|| <= 1; A. Taylor, J. Hendrickx, F. Glineur,
"Exact worst-case performance of first-order methods for composite convex optimization",
SIAM J. Optim. 2017, Table 1 (2L/(n^2 + 5n + 6) for the smooth case). PEPit's value:
0.0526315897 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.052631589673196755  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.05263158189073046  # PEPit 0.5.1 run with Clarabel
PEPIT = "composite_convex_minimization/accelerated_proximal_gradient_simplified"
SOURCE = "PEPit wc_accelerated_proximal_gradient_simplified(L=1, mu=0, n=4)"


def build(L: Fraction = Fraction(1), n: int = 4) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=L), name="f")
    h = problem.function(pep.Convex(), name="h")
    F = f + h
    xs, x0 = F.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x, y = x0, x0
    for t in range(n):
        x_prev = x
        x, _, hx = pep.proximal_step(y - f.grad(y) / L, h, 1 / L)
        y = x + Fraction(t, t + 3) * (x - x_prev)
    problem.maximize(f(x) + hx - F(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
