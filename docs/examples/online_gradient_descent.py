"""Online learning: projected online gradient descent on a set of diameter D.

PEPit example ``wc_online_gradient_descent(M=1, D=.5, n=2)`` (online learning): convex
M-Lipschitz losses f_1, ..., f_n, Q closed convex of diameter D;
x_{t+1} = Proj_Q(x_t - gamma grad f_t(x_t)) with gamma = D/(M sqrt(n)). Worst case of the
regret sum_t f_t(x_t) - f_t(x_ref) against a reference point of Q; bound M D sqrt(n) = 1/sqrt(2)
(F. Orabona, "A modern introduction to online learning", 2025, Sec. 2.1.2; E. Hazan 2016).
PEPit's value: 0.7071068126 (its docstring, MOSEK dual value).
"""

from fractions import Fraction
from math import sqrt

import pep

REFERENCE = 0.7071068126252953  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 1/sqrt(2)
PEPIT_CLARABEL = 0.7071067878948867  # PEPit 0.5.1 run with Clarabel
PEPIT = "online_learning/online_gradient_descent"
SOURCE = "PEPit wc_online_gradient_descent(M=1, D=.5, n=2)"


def build(M: Fraction = Fraction(1), D: Fraction = Fraction(1, 2), n: int = 2) -> pep.Problem:
    gamma = D / (M * sqrt(n))
    problem = pep.Problem()
    fs = [problem.function(pep.ConvexLipschitz(M=M), name=f"f{t + 1}") for t in range(n)]
    h = problem.function(pep.ConvexIndicator(D=D), name="h")
    F = sum(fs)
    x_ref = pep.projection(problem.point("y"), h, name="x_ref")
    F_ref = F(x_ref)
    x = pep.projection(problem.point("z"), h, name="x1")
    losses = []
    for t in range(n):
        g, fx = fs[t].oracle(x)
        losses.append(fx)
        x, _, _ = pep.proximal_step(x - gamma * g, h, gamma)
    problem.maximize(sum(losses) - F_ref)
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
