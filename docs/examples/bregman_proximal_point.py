"""The Bregman proximal point method.

PEPit example ``wc_bregman_proximal_point(gamma=3, n=5)``: minimize a convex f1 with steps
x_{t+1} = argmin_u {gamma f1(u) + D_h(u, x_t)} for a convex mirror map h (here f2), i.e.
grad h(x_{t+1}) = grad h(x_t) - gamma g_{t+1}, g_{t+1} in df1(x_{t+1}). Worst case of
f1(x_n) - f1_* when D_h(x_*; x_0) <= 1; tight value 1/(gamma n) (Dragomir et al. 2022).
PEPit's value: 0.0666666664 (PEPit 0.5.1's docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.06666666638907442  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 1/15
PEPIT_CLARABEL = 0.0666666666703092  # PEPit 0.5.1 run with Clarabel
PEPIT = "composite_convex_minimization/bregman_proximal_point"
SOURCE = "PEPit wc_bregman_proximal_point(gamma=3, n=5)"


def build(gamma: Fraction = Fraction(3), n: int = 5) -> pep.Problem:
    problem = pep.Problem()
    f1 = problem.function(pep.Convex(), name="f1")
    h = problem.function(pep.Convex(), name="h")
    xs, x0 = f1.minimizer(), problem.point("x0")
    ghs, hs = h.oracle(xs)
    gh0, h0 = h.oracle(x0)
    problem.assume(hs - h0 - gh0 @ (xs - x0) <= 1)
    sx = gh0
    for _ in range(n):
        x, sx, hx, gx, fx = pep.bregman_proximal_step(sx, h, f1, gamma)
    problem.maximize(fx - f1(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
