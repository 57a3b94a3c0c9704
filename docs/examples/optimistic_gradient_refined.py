"""The optimistic gradient method with the triple-LMI description of Lipschitz monotone operators.

PEPit example ``wc_optimistic_gradient_refined(n=1, gamma=1/4, L=1)``: the method of
optimistic_gradient.py (find x_* in C with <F(x_*), x - x_*> >= 0 for all x in C, F monotone
and L-Lipschitz; xt_t = Proj_C(x_t - gamma F(xt_{t-1})), x_{t+1} = xt_t + gamma (F(xt_{t-1}) -
F(xt_t))), worst case of ||xt_n - xt_{n-1}||^2 when ||x_0 - x_*|| <= 1, with F described by the
stronger conditions of A. Rubbens, J. M. Hendrickx, A. Taylor, "A constructive approach to
strengthen algebraic descriptions of function and operator classes", arXiv:2504.14377 (2025),
Prop. 3.15: two 7 x 7 LMIs with free numbers per triple of records
(``pep.LipschitzStronglyMonotoneExpensive``, mu = 0). Still only necessary conditions: the
value is an upper bound, as in PEPit.
PEPit's value: 1.0624996259 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 1.0624996259179762  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 1.0624994754907942  # PEPit 0.5.1 run with Clarabel
PEPIT = "monotone_inclusions_variational_inequalities/optimistic_gradient_refined"
SOURCE = "PEPit wc_optimistic_gradient_refined(n=1, gamma=1/4, L=1)"


def build(n: int = 1, gamma: Fraction = Fraction(1, 4), L: Fraction = Fraction(1)) -> pep.Problem:
    problem = pep.Problem()
    ind = problem.function(pep.ConvexIndicator(), name="ind")
    F = problem.operator(pep.LipschitzStronglyMonotoneExpensive(mu=0, L=L), name="F")
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
