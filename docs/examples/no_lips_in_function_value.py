"""NoLips (Bregman gradient method) for relatively smooth composite problems.

PEPit example ``wc_no_lips_in_function_value(L=1, gamma=1/2, n=3)``: minimize f + ind_Q where
f is L-smooth relative to the mirror map h, written as h = (d + f) / L with d, f convex (Lh - f
is convex). Each step solves grad h(x_{t+1}) = grad h(x_t) - gamma grad f(x_t) on Q: a Bregman
gradient step with mirror map ind_Q + h. Worst case of F(x_n) - F_* when D_h(x_*; x_0) <= 1;
tight value 1/(gamma n) (Dragomir, Taylor, d'Aspremont, Bolte 2022).
PEPit's value: 0.6666666667 (PEPit 0.5.1's docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.6666666666624239  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 2/3
PEPIT_CLARABEL = 0.6666666686160085  # PEPit 0.5.1 run with Clarabel
PEPIT = "composite_convex_minimization/no_lips_in_function_value"
SOURCE = "PEPit wc_no_lips_in_function_value(L=1, gamma=1/2, n=3)"


def build(L: Fraction = Fraction(1), gamma: Fraction = Fraction(1, 2), n: int = 3) -> pep.Problem:
    problem = pep.Problem()
    d = problem.function(pep.Convex(), name="d")
    f = problem.function(pep.Convex(), name="f")
    ind = problem.function(pep.ConvexIndicator(), name="ind")
    h = (d + f) / L  # the mirror map
    xs = (f + ind).minimizer()
    x0 = problem.point("x0")
    ghs, hs = h.oracle(xs)
    gh0, h0 = h.oracle(x0)
    problem.assume(hs - h0 - gh0 @ (xs - x0) <= 1)  # Bregman distance D_h(x_*; x_0)
    gf, gh = f.grad(x0), gh0
    for _ in range(n):
        x, _, _ = pep.bregman_gradient_step(gf, gh, ind + h, gamma)
        gf, gh = f.grad(x), h.grad(x)
    problem.maximize(f(x) - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
