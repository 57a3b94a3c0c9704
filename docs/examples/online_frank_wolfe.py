"""Online learning: online Frank-Wolfe (projection-free) on a set of diameter D.

PEPit example ``wc_online_frank_wolfe(M=1, D=.5, n=2)``: convex M-Lipschitz losses revealed one
by one; with eta = D/(2M) (3/n)^(3/4) and sigma = min(1, sqrt(3/n)), the method calls the
linear-minimization oracle v_t = argmin_{v in Q} <x_t - x_1 + eta sum_{s<=t} g_s, v> and plays
x_{t+1} = (1 - sigma) x_t + sigma v_t. Worst case of the regret against a reference point of Q;
Weibel, Gaillard, Koolen, Taylor (2025, Thm 2.1) bound it by 4/3^(3/4) M D n^(3/4) = 1.47558.
PEPit's value: 0.9330127201 (PEPit 0.5.1's docstring, MOSEK dual value).
"""

from fractions import Fraction
from math import sqrt

import pep

REFERENCE = 0.9330127200996287  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.9330127083213032  # PEPit 0.5.1 run with Clarabel
PEPIT = "online_learning/online_frank_wolfe"
SOURCE = "PEPit wc_online_frank_wolfe(M=1, D=.5, n=2)"


def build(M: Fraction = Fraction(1), D: Fraction = Fraction(1, 2), n: int = 2) -> pep.Problem:
    eta = D / 2 / M * (3 / n) ** (3 / 4)
    sigma = min(1.0, sqrt(3 / n))
    problem = pep.Problem()
    fs = [problem.function(pep.ConvexLipschitz(M=M), name=f"f{t + 1}") for t in range(n)]
    h = problem.function(pep.ConvexIndicator(D=D), name="h")
    x_ref = pep.projection(problem.point("y"), h, name="x_ref")
    x1 = pep.projection(problem.point("z"), h, name="x1")
    x, gradients, regret = x1, [], 0
    for t in range(n):
        g, fx = fs[t].oracle(x)
        regret = regret + fx - fs[t](x_ref)
        gradients.append(g)
        v, _, _ = pep.linear_optimization_step(x - x1 + eta * sum(gradients), h)
        x = (1 - sigma) * x + sigma * v
    problem.maximize(regret)
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
