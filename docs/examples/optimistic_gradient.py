"""The optimistic gradient method for a monotone variational inequality on a convex set C.

PEPit example ``wc_optimistic_gradient(n=5, gamma=1/4, L=1)``: find x_* in C with
<F(x_*), x - x_*> >= 0 for all x in C, F monotone and L-Lipschitz: x_* is a zero of the sum
F + d(ind_C) (an operator plus a function). Steps:
xt_t = Proj_C(x_t - gamma F(xt_{t-1})), x_{t+1} = xt_t + gamma (F(xt_{t-1}) - F(xt_t)).
Worst case of ||xt_n - xt_{n-1}||^2 when ||x_0 - x_*|| <= 1 (Gorbunov, Taylor, Gidel 2022).
The pairwise conditions of a monotone Lipschitz operator are only necessary (PEPit's "cheap"
class): the value is an upper bound, as in PEPit.
PEPit's value: 0.0663141322 (PEPit 0.5.1's docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.06631413218999846  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.06631415077628079  # PEPit 0.5.1 run with Clarabel
PEPIT = "monotone_inclusions_variational_inequalities/optimistic_gradient"
SOURCE = "PEPit wc_optimistic_gradient(n=5, gamma=1/4, L=1)"


def build(n: int = 5, gamma: Fraction = Fraction(1, 4), L: Fraction = Fraction(1)) -> pep.Problem:
    problem = pep.Problem()
    ind = problem.function(pep.ConvexIndicator(), name="ind")
    F = problem.operator(pep.LipschitzMonotone(L=L), name="F")
    xs = (F + ind).zero()
    x0 = problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x, _, _ = pep.proximal_step(x0, ind, gamma)
    xt = x
    V = F(xt)
    for _ in range(n):
        previous = xt
        xt, _, _ = pep.proximal_step(x - gamma * V, ind, gamma)
        previous_V, V = V, F(xt)
        x = xt + gamma * (previous_V - V)
    problem.maximize(pep.sqnorm(xt - previous))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
