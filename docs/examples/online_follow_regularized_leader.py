"""Online learning: follow the regularized leader (FTRL) on a set of diameter D.

PEPit example ``wc_online_follow_regularized_leader(M=1, D=.5, n=2)``: convex M-Lipschitz losses
f_1, ..., f_n revealed one by one, Q closed convex of diameter D; FTRL plays
x_{t+1} = argmin_x {eta sum_{s<=t} f_s(x) + ind_Q(x) + ||x - x_1||^2 / 2}, a proximal step on
the sum ind_Q + f_1 + ... + f_t. Worst case of the regret sum_t f_t(x_t) - f_t(x_ref) against a
reference point of Q; tight value M D sqrt(n) (Orabona 2025).
PEPit's value: 0.7071068118 (PEPit 0.5.1's docstring, MOSEK dual value).
"""

from fractions import Fraction
from math import sqrt

import pep

REFERENCE = 0.707106811831799  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 1/sqrt(2)
PEPIT_CLARABEL = 0.7071067848451292  # PEPit 0.5.1 run with Clarabel
PEPIT = "online_learning/online_follow_regularized_leader"
SOURCE = "PEPit wc_online_follow_regularized_leader(M=1, D=.5, n=2)"


def build(M: Fraction = Fraction(1), D: Fraction = Fraction(1, 2), n: int = 2) -> pep.Problem:
    eta = D / M / sqrt(n)
    problem = pep.Problem()
    fs = [problem.function(pep.ConvexLipschitz(M=M), name=f"f{t + 1}") for t in range(n)]
    h = problem.function(pep.ConvexIndicator(D=D), name="h")
    F = sum(fs)
    x_ref = pep.projection(problem.point("y"), h, name="x_ref")
    F_ref = F(x_ref)
    x1 = pep.projection(problem.point("z"), h, name="x1")
    leader, x, losses = h, x1, []
    for t in range(n):
        losses.append(fs[t](x))
        leader = leader + fs[t]
        if t < n - 1:
            x, _, _ = pep.proximal_step(x1, leader, eta)
    problem.maximize(sum(losses) - F_ref)
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
