"""Douglas-Rachford splitting on a convex plus smooth convex problem (function values).

PEPit example ``wc_douglas_rachford_splitting(L=1, alpha=1, theta=1, n=9)`` (composite convex
minimization): minimize F = f1 + f2, f1 convex, f2 L-smooth convex.
x_t = prox_{alpha f2}(w_t), y_t = prox_{alpha f1}(2 x_t - w_t), w_{t+1} = w_t + theta (y_t - x_t)
(E. Ryu, S. Boyd, "A primer on monotone operator methods", 2016, Sec. 7.3). Worst case of
F(y_{n-1}) - F_* when ||x_0 - x_*|| <= 1 (x_0 = prox_{alpha f2}(w_0)); PESTO reports 0.0278 for
n = 9 (A. Taylor, J. Hendrickx, F. Glineur, CDC 2017). PEPit's value: 0.0277917323 (its
docstring, MOSEK dual value).

The default solve reaches the tolerance over the whitened basis (``pep.sdp.auto``): Clarabel
alone stops at an estimated 1e-5 relative; its value 0.02779172 is 3e-7 from MOSEK's.
"""

from fractions import Fraction

import pep

REFERENCE = 0.02779173233376415  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.02779173083522175  # PEPit 0.5.1 run with Clarabel
PEPIT = "composite_convex_minimization/douglas_rachford_splitting"
SOURCE = "PEPit wc_douglas_rachford_splitting(L=1, alpha=1, theta=1, n=9)"


def build(
    L: Fraction = Fraction(1),
    alpha: Fraction = Fraction(1),
    theta: Fraction = Fraction(1),
    n: int = 9,
) -> pep.Problem:
    problem = pep.Problem()
    f1 = problem.function(pep.Convex(), name="f1")
    f2 = problem.function(pep.SmoothConvex(L=L), name="f2")
    F = f1 + f2
    xs = F.minimizer()
    w = problem.point("w0")
    for t in range(n):
        x, _, _ = pep.proximal_step(w, f2, alpha)
        if t == 0:
            problem.assume(pep.sqnorm(x - xs) <= 1)
        y, _, f1y = pep.proximal_step(2 * x - w, f1, alpha)
        w = w + theta * (y - x)
    problem.maximize(f2(y) + f1y - F(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
