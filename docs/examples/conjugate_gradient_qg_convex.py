"""The conjugate gradient method (exact span searches) on convex QG+ functions.

PEPit example ``wc_conjugate_gradient_qg_convex(L=1, n=12)`` (unconstrained convex
minimization): f convex with f(x) - f_* <= L/2 ||x - x_*||^2; each step minimizes f exactly
over x_t + span{grad f(x_0), ..., grad f(x_t), x_0 - x_1, ..., x_{t-1} - x_t}. Worst case of
f(x_n) - f_* when ||x_0 - x_*|| <= 1; tight value L/(2(n + 1)) = 1/26 (B. Goujaud, A. Taylor,
A. Dieuleveut, "Optimal first-order methods for convex functions with a quadratic upper bound",
2022, Thms 2.3-2.4). The searches are encoded by their optimality conditions (a relaxation,
as in PEPit). PEPit's value: 0.0384615459 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.03846154590714546  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 1/26
PEPIT_CLARABEL = 0.03846153868185007  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/conjugate_gradient_qg_convex"
SOURCE = "PEPit wc_conjugate_gradient_qg_convex(L=1, n=12)"


def build(L: Fraction = Fraction(1), n: int = 12) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.ConvexQG(L=L))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x, directions = x0, [f.grad(x0)]
    for _ in range(n):
        x_prev = x
        x, g, fx = pep.exact_linesearch_step(x, f, directions)
        directions += [g, x_prev - x]
    problem.maximize(fx - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
