"""Randomized block-coordinate descent on smooth strongly convex functions: one step.

PEPit example ``wc_randomized_coordinate_descent_smooth_strongly_convex(L=1, mu=.1,
gamma=2/(mu + L), d=2)`` (stochastic and randomized convex minimization): d orthogonal blocks
(a pep.BlockPartition), x_1 = x_0 - gamma grad_i f(x_0) with i uniform. Worst case of
E ||x_1 - x_*||^2 when ||x_0 - x_*|| <= 1; tight value
max(((gamma mu - 1)^2 + d - 1)/d, ((gamma L - 1)^2 + d - 1)/d) = 101/121 (A. Taylor, F. Bach,
COLT 2019, App. I, Thm 17). PEPit's value: 0.8347107439 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.8347107438665652  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 101/121
PEPIT_CLARABEL = 0.8347107582475108  # PEPit 0.5.1 run with Clarabel
PEPIT = "stochastic_and_randomized_convex_minimization/randomized_coordinate_descent_smooth_strongly_convex"
SOURCE = (
    "PEPit wc_randomized_coordinate_descent_smooth_strongly_convex(L=1, mu=.1, gamma=2/(mu+L), d=2)"
)


def build(L: Fraction = Fraction(1), mu: Fraction = Fraction(1, 10), d: int = 2) -> pep.Problem:
    gamma = 2 / (mu + L)
    problem = pep.Problem()
    blocks = problem.block_partition(d)
    f = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    g = f.grad(x0)
    problem.maximize(sum(pep.sqnorm(x0 - gamma * blocks.block(g, i) - xs) for i in range(d)) / d)
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
