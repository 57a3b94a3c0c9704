"""The past extragradient method for a monotone variational inequality on a convex set.

PEPit example ``wc_past_extragradient(n=5, gamma=1/4, L=1)`` (monotone inclusions and
variational inequalities): find x_* in C with <F(x_*), x - x_*> >= 0 for x in C, F monotone
and L-Lipschitz (x_* is a zero of F + d ind_C). x~_t = Proj_C(x_t - gamma F(x~_{t-1})),
x_{t+1} = Proj_C(x_t - gamma F(x~_t)), starting from x_0 <- Proj_C(x_0), x~_{-1} = x_0.
Worst case of ||x_n - x_{n-1}||^2 when ||x_0 - x_*|| <= 1 (Y.-G. Hsieh, F. Iutzeler,
J. Malick, P. Mertikopoulos, NeurIPS 2019; O(1/n) rates: E. Gorbunov, A. Taylor, G. Gidel 2022;
Y. Cai, A. Oikonomou, W. Zheng 2022). The monotone Lipschitz operator is modelled by its
pairwise conditions (PEPit's "cheap" class): an upper bound. PEPit's value: 0.0602663854 (its
docstring, MOSEK dual value).

Solved with ``solver="CLARABEL_DUAL"`` (``SOLVE``): with the default path Clarabel stops at
reduced accuracy (``InaccurateSolve``, value 0.0602663); polishing gives 0.06026637 and SCS
with eps=1e-9 gives 0.06026640.
"""

from fractions import Fraction

import pep

REFERENCE = 0.060266385363880064  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.06026637706247196  # PEPit 0.5.1 run with Clarabel
PEPIT = "monotone_inclusions_variational_inequalities/past_extragradient"
SOURCE = "PEPit wc_past_extragradient(n=5, gamma=1/4, L=1)"
SOLVE = {"solver": "CLARABEL_DUAL"}  # see the docstring: the default path stops inaccurate
NOTE = "the default path stops at reduced accuracy (InaccurateSolve, value 0.0602663)"


def build(n: int = 5, gamma: Fraction = Fraction(1, 4), L: Fraction = Fraction(1)) -> pep.Problem:
    problem = pep.Problem()
    ind = problem.function(pep.ConvexIndicator(), name="ind")
    F = problem.operator(pep.LipschitzMonotone(L=L), name="F")
    xs = (F + ind).zero()
    x0 = problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x, _, _ = pep.proximal_step(x0, ind, gamma)
    V = F(x)
    for _ in range(n):
        xt, _, _ = pep.proximal_step(x - gamma * V, ind, gamma)
        V = F(xt)
        x_prev = x
        x, _, _ = pep.proximal_step(x - gamma * V, ind, gamma)
    problem.maximize(pep.sqnorm(x - x_prev))
    return problem


if __name__ == "__main__":
    result = build().solve(**SOLVE)
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
