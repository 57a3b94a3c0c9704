"""Gradient descent with a constant step on smooth strongly convex quadratics.

PEPit example ``wc_gradient_descent_quadratics(mu=0.3, L=3, gamma=1/3, n=4)`` (unconstrained
convex minimization): f(x) = 1/2 <x, Qx> with mu I <= Q <= L I, x_{t+1} = x_t - gamma grad
f(x_t). Worst case of f(x_n) - f_* when ||x_0 - x_*|| <= 1. On the eigenvector of Q for the
eigenvalue l, f(x_n) = l (1 - gamma l)^{2n} / 2 ||x_0 - x_*||^2, so the tight value is
max over l in [mu, L] of l (1 - gamma l)^{2n} / 2: here at l = 1/3, (1/6)(8/9)^8 = 0.0649574
(the class is exactly interpolated by an LMI: N. Bousselmi, J. M. Hendrickx, F. Glineur,
"Interpolation conditions for linear operators and applications to performance estimation
problems", SIAM J. Optim. 2024).
PEPit's value: 0.0649573882 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.06495738819334852  # PEPit 0.5.1 docstring (MOSEK, dual); closed form (1/6)(8/9)^8
PEPIT_CLARABEL = 0.06495715377813463  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/gradient_descent_quadratics"
SOURCE = "PEPit wc_gradient_descent_quadratics(mu=0.3, L=3, gamma=1/3, n=4)"


def build(
    L: Fraction = Fraction(3),
    mu: Fraction = Fraction(3, 10),
    gamma: Fraction = Fraction(1, 3),
    n: int = 4,
) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvexQuadratic(L=L, mu=mu))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for _ in range(n):
        x = x - gamma * f.grad(x)
    problem.maximize(f(x) - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
