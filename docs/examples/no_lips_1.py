"""NoLips (Bregman gradient) on a nonconvex relatively smooth problem: Bregman step lengths.

PEPit example ``wc_no_lips_1(L=1, gamma=1/2, n=5)`` (nonconvex optimization): minimize
F = f1 + f2 with f2 the indicator of a closed convex set and f1 smooth relative to a kernel h
in the sense that L h - f1 and L h + f1 are convex: written with two convex d1, d2 as
f1 = (d2 - d1)/2 and h = (d1 + d2)/(2L). x_{t+1} = argmin_u f2(u) + <grad f1(x_t), u - x_t>
+ D_h(u, x_t)/gamma. Worst case of min_{0 <= t < n} D_h(x_{t+1}, x_t) when F(x_0) - F(x_n) <= 1;
tight bound gamma/(n (1 - L gamma)) = 1/5 (J. Bolte, S. Sabach, M. Teboulle, Y. Vaisbourd,
"First order methods beyond convexity and Lipschitz gradient continuity with applications to
quadratic inverse problems", SIAM J. Optim. 2018, Prop. 4.1; PEP setting of R. Dragomir,
A. Taylor, A. d'Aspremont, J. Bolte, Math. Program. 2022). PEPit's value: 0.2000000000 (its
docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.19999999999319756  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 1/5
PEPIT_CLARABEL = 0.1999999997650788  # PEPit 0.5.1 run with Clarabel
PEPIT = "nonconvex_optimization/no_lips_1"
SOURCE = "PEPit wc_no_lips_1(L=1, gamma=1/2, n=5)"


def build(L: Fraction = Fraction(1), gamma: Fraction = Fraction(1, 2), n: int = 5) -> pep.Problem:
    problem = pep.Problem()
    d1 = problem.function(pep.Convex(), name="d1")
    d2 = problem.function(pep.Convex(), name="d2")
    f2 = problem.function(pep.ConvexIndicator(), name="f2")
    f1 = (d2 - d1) / 2
    h = (d1 + d2) / (2 * L)
    F = f1 + f2
    x0 = problem.point("x0")
    x = x0
    for _ in range(n):
        x_prev = x
        x, _, _ = pep.bregman_gradient_step(f1.grad(x), h.grad(x), f2 + h, gamma)
        problem.maximize(h(x) - h(x_prev) - h.grad(x_prev) @ (x - x_prev))  # D_h(x_{t+1}, x_t)
    problem.assume(F(x0) - F(x) <= 1)
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
