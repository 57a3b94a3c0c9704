"""Cyclic block-coordinate descent on functions that are smooth by blocks.

PEPit example ``wc_cyclic_coordinate_descent(L=[1, 2, 10], n=9)``: the space is split into 3
orthogonal blocks (a pep.BlockPartition); f is convex with block k L_k-smooth; step t moves
along block i = t mod 3 only, x_{t+1} = x_t - (1/L_i) grad_i f(x_t). Worst case of
f(x_n) - f_* when ||x_0 - x_*|| <= 1. The block conditions are necessary only (Shi, Liu 2017,
Lemma 1.1): an upper bound, as in PEPit.
PEPit's value: 1.4892758372 (PEPit 0.5.1's docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 1.4892758371735533  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 1.4892758301160895  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/cyclic_coordinate_descent"
SOURCE = "PEPit wc_cyclic_coordinate_descent(L=[1., 2., 10.], n=9)"


def build(
    L: tuple[Fraction, ...] = (Fraction(1), Fraction(2), Fraction(10)), n: int = 9
) -> pep.Problem:
    problem = pep.Problem()
    blocks = problem.block_partition(len(L))
    f = problem.function(pep.BlockSmoothConvex(partition=blocks, L=L))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for t in range(n):
        i = t % len(L)
        x = x - 1 / L[i] * blocks.block(f.grad(x), i)
    problem.maximize(f(x) - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
