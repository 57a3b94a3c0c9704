"""The heavy-ball (Polyak momentum) method on smooth strongly convex functions.

PEPit example ``wc_heavy_ball_momentum(mu=.1, L=1, alpha=1/2, beta=sqrt(.95 * .5), n=2)``
(unconstrained convex minimization): x_{t+1} = x_t - alpha grad f(x_t) + beta (x_t - x_{t-1})
with x_{-1} = x_0 and beta = sqrt((1 - alpha mu)(1 - L alpha)). Worst case of f(x_n) - f_*
when f(x_0) - f_* <= 1; upper bound (1 - alpha mu)^n = 0.9025 (B. T. Polyak 1964;
E. Ghadimi, H. R. Feyzmahdavian, M. Johansson, "Global convergence of the heavy-ball method
for convex optimization", ECC 2015, Thm 4). PEPit's value: 0.7534930170 (its docstring,
MOSEK dual value).
"""

from fractions import Fraction
from math import sqrt

import pep

REFERENCE = 0.753493016980345  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.7534931391660523  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/heavy_ball_momentum"
SOURCE = (
    "PEPit wc_heavy_ball_momentum(mu=.1, L=1, alpha=1/2, beta=sqrt((1-alpha mu)(1-L alpha)), n=2)"
)


def build(
    mu: Fraction = Fraction(1, 10),
    L: Fraction = Fraction(1),
    alpha: Fraction = Fraction(1, 2),
    n: int = 2,
) -> pep.Problem:
    beta = sqrt((1 - alpha * mu) * (1 - L * alpha))
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(f(x0) - f(xs) <= 1)
    x_prev, x = x0, x0
    for _ in range(n):
        x_prev, x = x, x - alpha * f.grad(x) + beta * (x - x_prev)
    problem.maximize(f(x) - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
