"""NoLips (Bregman gradient) measured in Bregman divergence between iterates.

PEPit example ``wc_no_lips_in_bregman_divergence(L=1, gamma=1, n=10)`` (composite convex
minimization): minimize F = f1 + f2 with f2 the indicator of a closed convex set and f1
L-smooth relative to a kernel h (L h - f1 convex): h = (d + f1)/L with d convex.
x_{t+1} = argmin_u f2(u) + <grad f1(x_t), u - x_t> + D_h(u, x_t)/gamma. Worst case of
min_{1 <= t <= n} D_h(x_{t-1}, x_t) when D_h(x_*, x_0) <= 1; the bound 2/(n(n - 1)) = 1/45 for
gamma <= 1/L is empirically tight (R. Dragomir, A. Taylor, A. d'Aspremont, J. Bolte, "Optimal
complexity and certification of Bregman first-order methods", Math. Program. 2022, Prop. 4;
H. H. Bauschke, J. Bolte, M. Teboulle, Math. Oper. Res. 2017). PEPit's value: 0.0222222222
(its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.02222222222220066  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 1/45
PEPIT_CLARABEL = 0.0222222221925447  # PEPit 0.5.1 run with Clarabel
PEPIT = "composite_convex_minimization/no_lips_in_bregman_divergence"
SOURCE = "PEPit wc_no_lips_in_bregman_divergence(L=1, gamma=1, n=10)"


def build(L: Fraction = Fraction(1), gamma: Fraction = Fraction(1), n: int = 10) -> pep.Problem:
    problem = pep.Problem()
    d = problem.function(pep.Convex(), name="d")
    f1 = problem.function(pep.Convex(), name="f1")
    f2 = problem.function(pep.ConvexIndicator(), name="f2")
    h = (d + f1) / L
    xs, x0 = (f1 + f2).minimizer(), problem.point("x0")

    def bregman(x: pep.Point, y: pep.Point) -> pep.Scalar:  # D_h(x, y)
        return h(x) - h(y) - h.grad(y) @ (x - y)

    problem.assume(bregman(xs, x0) <= 1)
    x = x0
    for _ in range(n):
        x_prev = x
        x, _, _ = pep.bregman_gradient_step(f1.grad(x), h.grad(x), f2 + h, gamma)
        problem.maximize(bregman(x_prev, x))  # the worst case of the minimum over t
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
