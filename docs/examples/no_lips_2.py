"""NoLips (Bregman gradient) on a nonconvex relatively smooth problem: reversed divergences.

PEPit example ``wc_no_lips_2(L=1, gamma=1, n=3)`` (nonconvex optimization): the setting of
``no_lips_1.py`` (f1 = (d2 - d1)/2 and kernel h = (d1 + d2)/(2L) with d1, d2 convex, f2 the
indicator of a closed convex set), measured with D_h(x_t, x_{t+1}). Worst case of
min_{0 <= t < n} D_h(x_t, x_{t+1}) when F(x_0) - F(x_n) <= 1; tight bound gamma/n = 1/3 for
gamma <= 1/L (R. Dragomir, A. Taylor, A. d'Aspremont, J. Bolte, "Optimal complexity and
certification of Bregman first-order methods", Math. Program. 2022; J. Bolte, S. Sabach,
M. Teboulle, Y. Vaisbourd, SIAM J. Optim. 2018). PEPit's value: 0.3333333333 (its docstring,
MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.3333333333330736  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 1/3
PEPIT_CLARABEL = 0.3333333331010137  # PEPit 0.5.1 run with Clarabel
PEPIT = "nonconvex_optimization/no_lips_2"
SOURCE = "PEPit wc_no_lips_2(L=1, gamma=1, n=3)"


def build(L: Fraction = Fraction(1), gamma: Fraction = Fraction(1), n: int = 3) -> pep.Problem:
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
        problem.maximize(h(x_prev) - h(x) - h.grad(x) @ (x_prev - x))  # D_h(x_t, x_{t+1})
    problem.assume(F(x0) - F(x) <= 1)
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
