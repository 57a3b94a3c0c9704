"""Frank-Wolfe on a set of diameter D inside a ball of radius R around a center c.

PEPit example ``wc_frank_wolfe(L=1, D=1, R=.6, center=None, n=5)`` (PEPit 0.5.1, where the
indicator class takes a radius and a center): as frank_wolfe.py, with Q inside the ball
||x - c|| <= R as well. Here the center is a free point of the problem; PEPit's run centers the
ball at the origin. The two values agree: the method, the function classes and the measure are
invariant under translation, so only the distances to the center matter.
PEPit's value: 0.1410589292 (a run of PEPit 0.5.1 with Clarabel; its docstring has no value
for these parameters).
"""

from fractions import Fraction

import pep

REFERENCE = 0.14105892920103952  # PEPit 0.5.1 + Clarabel, dual value (relative gap 2.5e-8)
SOURCE = "PEPit wc_frank_wolfe(L=1, D=1, R=.6, center=None, n=5), run with PEPit 0.5.1"
# a variant of a PEPit example (other parameters than its docstring call), not one of the 96
VARIANT_OF = "composite_convex_minimization/frank_wolfe"


def build(
    L: Fraction = Fraction(1), D: Fraction = Fraction(1), R: Fraction = Fraction(3, 5), n: int = 5
) -> pep.Problem:
    problem = pep.Problem()
    c = problem.point("c")
    f1 = problem.function(pep.SmoothConvex(L=L), name="f1")
    ind = problem.function(pep.ConvexIndicator(D=D, R=R, center=c), name="ind")
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
    print(f"pep: {result.value:.6f}   PEPit: {REFERENCE:.6f}   ({result.label})")
