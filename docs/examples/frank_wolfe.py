"""The conditional gradient (Frank-Wolfe) method on a set of diameter D.

PEPit example ``wc_frank_wolfe(L=1, D=1, n=10)``: minimize f1 + ind_Q with f1 L-smooth convex
and Q closed convex of diameter D; each step calls the linear-minimization oracle
v = argmin_{v in Q} <grad f1(x), v> and moves to (1 - lam) x + lam v, lam = 2/(t + 2).
Worst case of F(x_n) - F_* (no initial condition: the diameter bounds everything); the classical
bound is 2 L D^2 / (n + 2) (Jaggi 2013).
PEPit's value: 0.0782895428 (PEPit 0.5.1's docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.07828954275558239  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.0782895572581264  # PEPit 0.5.1 run with Clarabel
PEPIT = "composite_convex_minimization/frank_wolfe"
SOURCE = "PEPit wc_frank_wolfe(L=1, D=1, n=10)"


def build(L: Fraction = Fraction(1), D: Fraction = Fraction(1), n: int = 10) -> pep.Problem:
    problem = pep.Problem()
    f1 = problem.function(pep.SmoothConvex(L=L), name="f1")
    ind = problem.function(pep.ConvexIndicator(D=D), name="ind")
    F = f1 + ind
    xs, x0 = F.minimizer(), problem.point("x0")
    ind(x0)  # x0 is feasible
    x = x0
    for t in range(n):
        v, _, _ = pep.linear_optimization_step(f1.grad(x), ind)
        lam = Fraction(2, t + 2)
        x = (1 - lam) * x + lam * v
    problem.maximize(F(x) - F(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
