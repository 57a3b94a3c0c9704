"""The information-theoretic exact method (ITEM) on smooth strongly convex functions.

PEPit example ``wc_information_theoretic(mu=.001, L=1, n=15)`` (unconstrained convex
minimization): with q = mu/L, A_0 = 0,
A_{t+1} = ((1 + q) A_t + 2(1 + sqrt((1 + A_t)(1 + q A_t))))/(1 - q)^2,
beta_t = A_t/((1 - q) A_{t+1}), delta_t = ((1 - q)^2 A_{t+1} - (1 + q) A_t)/(2(1 + q + q A_t)):
y_t = (1 - beta_t) z_t + beta_t x_t, x_{t+1} = y_t - grad f(y_t)/L,
z_{t+1} = (1 - q delta_t) z_t + q delta_t y_t - delta_t grad f(y_t)/L.
Worst case of ||z_n - x_*||^2 when ||z_0 - x_*|| <= 1; tight value 1/(1 + q A_n) = 0.756605
(A. Taylor, Y. Drori, "An optimal gradient method for smooth strongly convex minimization",
Math. Program. 2022, Thm 3). PEPit's value: 0.7566088220 (its docstring, MOSEK dual value);
it is 4.6e-6 above the closed form, which pep reproduces.
"""

from fractions import Fraction
from math import sqrt

import pep

REFERENCE = 0.7566088219545406  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 0.7566049
PEPIT_CLARABEL = 0.756604871211498  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/information_theoretic_exact_method"
SOURCE = "PEPit wc_information_theoretic(mu=.001, L=1, n=15)"


def build(mu: Fraction = Fraction(1, 1000), L: Fraction = Fraction(1), n: int = 15) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu))
    xs, z0 = f.minimizer(), problem.point("z0")
    problem.assume(pep.sqnorm(z0 - xs) <= 1)
    q = float(mu / L)
    A, x, z = 0.0, z0, z0
    for _ in range(n):
        A_next = ((1 + q) * A + 2 * (1 + sqrt((1 + A) * (1 + q * A)))) / (1 - q) ** 2
        beta = A / ((1 - q) * A_next)
        delta = ((1 - q) ** 2 * A_next - (1 + q) * A) / (2 * (1 + q + q * A))
        y = (1 - beta) * z + beta * x
        g = f.grad(y)
        x = y - g / L
        z = (1 - q * delta) * z + q * delta * y - delta / L * g
        A = A_next
    problem.maximize(pep.sqnorm(z - xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
