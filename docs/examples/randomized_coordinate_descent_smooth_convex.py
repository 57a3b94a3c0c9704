"""Randomized block-coordinate descent on smooth convex functions: a potential function.

PEPit example ``wc_randomized_coordinate_descent_smooth_convex(L=1, gamma=1, d=2, t=4)``
(stochastic and randomized convex minimization): the space is split into d orthogonal blocks
(a pep.BlockPartition); x_{t} = x_{t-1} - gamma grad_i f(x_{t-1}) with i uniform in the blocks.
Potential phi(k, x) = (k gamma L/d + 1)(f(x) - f_*) + L/2 ||x - x_*||^2. Worst case of
E phi(t, x_t) (the average over i) when phi(t - 1, x_{t-1}) <= 1; the tight value is 1 for
gamma <= 1/L (A. Taylor, F. Bach, "Stochastic first-order methods: non-asymptotic and
computer-aided analyses via potential functions", COLT 2019, App. I, Thm 16).
PEPit's value: 1.0000000024 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 1.0000000024160758  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 1
PEPIT_CLARABEL = 1.0000000022504663  # PEPit 0.5.1 run with Clarabel
PEPIT = "stochastic_and_randomized_convex_minimization/randomized_coordinate_descent_smooth_convex"
SOURCE = "PEPit wc_randomized_coordinate_descent_smooth_convex(L=1, gamma=1, d=2, t=4)"


def build(
    L: Fraction = Fraction(1), gamma: Fraction = Fraction(1), d: int = 2, t: int = 4
) -> pep.Problem:
    problem = pep.Problem()
    blocks = problem.block_partition(d)
    f = problem.function(pep.SmoothConvex(L=L))
    xs, fs = f.minimizer(), f.optimal_value()

    def phi(k: int, x: pep.Point) -> pep.Scalar:
        return (k * gamma * L / d + 1) * (f(x) - fs) + L / 2 * pep.sqnorm(x - xs)

    x = problem.point("x_prev")
    problem.assume(phi(t - 1, x) <= 1)
    g = f.grad(x)
    problem.maximize(sum(phi(t, x - gamma * blocks.block(g, i)) for i in range(d)) / d)
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
