"""The accelerated gradient method with relatively inexact gradients.

PEPit example ``wc_inexact_accelerated_gradient(L=1, epsilon=.1, n=5)`` (unconstrained convex
minimization): x_{t+1} = y_t - d_t/L with ||d_t - grad f(y_t)|| <= epsilon ||grad f(y_t)||,
y_{t+1} = x_{t+1} + t/(t + 3) (x_{t+1} - x_t), on L-smooth convex f. Worst case of
f(x_n) - f_* when ||x_0 - x_*|| <= 1; for epsilon = 0 the value is 2L/(n^2 + 5n + 6) = 1/28
(A. Taylor, J. Hendrickx, F. Glineur, SIAM J. Optim. 2017, Table 1). The relative model of
inexactness is from E. de Klerk, F. Glineur, A. Taylor, SIAM J. Optim. 30(3), 2020.
PEPit's value: 0.0393880425 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.03938804252576436  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.03938784142163367  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/inexact_accelerated_gradient"
SOURCE = "PEPit wc_inexact_accelerated_gradient(L=1, epsilon=0.1, n=5)"


def build(
    L: Fraction = Fraction(1), epsilon: Fraction = Fraction(1, 10), n: int = 5
) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=L))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x, y = x0, x0
    for t in range(n):
        d = pep.inexact_gradient(y, f, epsilon)
        x_prev, x = x, y - d / L
        y = x + Fraction(t, t + 3) * (x - x_prev)
    problem.maximize(f(x) - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
