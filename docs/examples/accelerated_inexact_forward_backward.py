"""An accelerated inexact forward-backward method (inexact proximal steps, "PD_gapI").

PEPit example ``wc_accelerated_inexact_forward_backward(L=1.3, zeta=.45, n=11)``: minimize
F = f + h, f L-smooth convex, h convex with an inexact proximal operator: the pair (x, v) has
primal-dual gap at most eps_t <= (zeta gamma)^2 / 2 ||v + grad f(y_t)||^2 (Barre, Taylor, Bach
2021, Definition 2.3). Worst case of F(x_n) - F_* when ||x_0 - x_*|| <= 1; their bound
(Corollary 3.5) is 2L / ((1 - zeta^2) n^2) = 0.0269437.
PEPit's value: 0.0187341115 (PEPit 0.5.1's docstring, MOSEK dual value).
"""

from fractions import Fraction
from math import sqrt

import pep

REFERENCE = 0.018734111503870048  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.01873409045426173  # PEPit 0.5.1 run with Clarabel
PEPIT = "inexact_proximal_methods/accelerated_inexact_forward_backward"
SOURCE = "PEPit wc_accelerated_inexact_forward_backward(L=1.3, zeta=.45, n=11)"


def build(
    L: Fraction = Fraction(13, 10), zeta: Fraction = Fraction(9, 20), n: int = 11
) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=L), name="f")
    h = problem.function(pep.Convex(), name="h")
    F = f + h
    xs, x0 = F.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    gamma = 1 / L
    eta = (1 - zeta**2) * gamma
    A = [0.0]
    x = z = x0
    for i in range(n):
        A.append(A[i] + (eta + sqrt(eta**2 + 4 * eta * A[i])) / 2)
        y = x + (1 - A[i] / A[i + 1]) * (z - x)
        gy = f.grad(y)
        x, _, hx, _, v, _, eps = pep.inexact_proximal_step(y - gamma * gy, h, gamma, opt="PD_gapI")
        problem.assume(eps <= (zeta * gamma) ** 2 / 2 * pep.sqnorm(v + gy))
        z = z - (A[i + 1] - A[i]) * (v + gy)
    problem.maximize(f(x) + hx - F(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
