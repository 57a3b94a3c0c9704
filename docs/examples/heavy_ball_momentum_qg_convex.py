"""The heavy-ball method with varying parameters on convex QG+ functions.

PEPit example ``wc_heavy_ball_momentum_qg_convex(L=1, n=5)`` (unconstrained convex
minimization): f convex with f(x) - f_* <= L/2 ||x - x_*||^2;
x_{t+1} = x_t - grad f(x_t)/(L (t + 2)) + t/(t + 2) (x_t - x_{t-1}). Worst case of f(x_n) - f_*
when ||x_0 - x_*|| <= 1; tight value L/(2(n + 1)) = 1/12 (B. Goujaud, A. Taylor,
A. Dieuleveut 2022, Thms 2.3-2.4; the method is from Ghadimi, Feyzmahdavian, Johansson 2015).
PEPit's value: 0.0833333333 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.08333333333831308  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 1/12
PEPIT_CLARABEL = 0.08333333652065755  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/heavy_ball_momentum_qg_convex"
SOURCE = "PEPit wc_heavy_ball_momentum_qg_convex(L=1, n=5)"


def build(L: Fraction = Fraction(1), n: int = 5) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.ConvexQG(L=L))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x_prev, x = x0, x0
    for t in range(n):
        step = x - 1 / (L * (t + 2)) * f.grad(x) + Fraction(t, t + 2) * (x - x_prev)
        x_prev, x = x, step
    problem.maximize(f(x) - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
