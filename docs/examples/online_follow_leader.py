"""Online learning: follow the leader (FTL) on a set of diameter D.

PEPit example ``wc_online_follow_leader(M=1, D=.5, n=2)`` (online learning): convex
M-Lipschitz losses f_1, ..., f_n revealed one by one, Q closed convex of diameter D; FTL plays
x_{t+1} in argmin_{x in Q} sum_{s <= t} f_s(x), a stationary point of ind_Q + f_1 + ... + f_t.
Worst case of the regret sum_t f_t(x_t) - f_t(x_ref) against a reference point of Q; FTL has
linear regret in general (E. Hazan, "Introduction to online convex optimization", Found. Trends
Optim. 2016, Ch. 5; F. Orabona, "A modern introduction to online learning", 2025).
PEPit's value: 0.9330127181 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.9330127181067216  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.9330127042253956  # PEPit 0.5.1 run with Clarabel
PEPIT = "online_learning/online_follow_leader"
SOURCE = "PEPit wc_online_follow_leader(M=1, D=.5, n=2)"


def build(M: Fraction = Fraction(1), D: Fraction = Fraction(1, 2), n: int = 2) -> pep.Problem:
    problem = pep.Problem()
    fs = [problem.function(pep.ConvexLipschitz(M=M), name=f"f{t + 1}") for t in range(n)]
    h = problem.function(pep.ConvexIndicator(D=D), name="h")
    x_ref = pep.projection(problem.point("y"), h, name="x_ref")
    x = pep.projection(problem.point("z"), h, name="x1")
    leader, regret = h, []
    for t in range(n):
        regret.append(fs[t](x) - fs[t](x_ref))
        leader = leader + fs[t]
        if t < n - 1:
            x = leader.minimizer()
    problem.maximize(sum(regret))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
