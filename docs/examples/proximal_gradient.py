"""The proximal gradient method: contraction of the distance to the solution.

PEPit example ``wc_proximal_gradient(L=1, mu=.1, gamma=1, n=2)`` (composite convex
minimization): minimize f1 + f2, f1 L-smooth mu-strongly convex, f2 convex;
x_{t+1} = prox_{gamma f2}(x_t - gamma grad f1(x_t)). Worst case of ||x_n - x_*||^2 when
||x_0 - x_*|| <= 1; tight value max{(1 - L gamma)^2, (1 - mu gamma)^2}^n = 0.9^4 = 0.6561
(A. Taylor, J. Hendrickx, F. Glineur, "Exact worst-case convergence rates of the proximal
gradient method for composite convex minimization", J. Optim. Theory Appl. 2018, Thm 3.1).
PEPit's value: 0.6561000458 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.6561000458025597  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 0.6561
PEPIT_CLARABEL = 0.6561000029298582  # PEPit 0.5.1 run with Clarabel
PEPIT = "composite_convex_minimization/proximal_gradient"
SOURCE = "PEPit wc_proximal_gradient(L=1, mu=.1, gamma=1, n=2)"


def build(
    L: Fraction = Fraction(1),
    mu: Fraction = Fraction(1, 10),
    gamma: Fraction = Fraction(1),
    n: int = 2,
) -> pep.Problem:
    problem = pep.Problem()
    f1 = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu), name="f1")
    f2 = problem.function(pep.Convex(), name="f2")
    xs, x0 = (f1 + f2).minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for _ in range(n):
        x, _, _ = pep.proximal_step(x - gamma * f1.grad(x), f2, gamma)
    problem.maximize(pep.sqnorm(x - xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
