"""A potential function for the accelerated gradient method: one step does not increase it.

PEPit example ``wc_accelerated_gradient_method(L=1, gamma=1/L, lam=10)`` (potential
functions): with lam' = (1 + sqrt(4 lam^2 + 1))/2, tau = 1/lam', eta = (lam'^2 - lam^2)/L:
y = (1 - tau) x + tau z, z' = z - eta grad f(y), x' = y - gamma grad f(y), on L-smooth convex f.
Potential V(x, z; lam) = lam^2 (f(x) - f_*) + L/2 ||z - x_*||^2. Worst case of V(x', z'; lam')
- V(x, z; lam) over all x, z (no initial condition: the problem is homogeneous, so the value is
0 or unbounded); it is 0 for gamma = 1/L (N. Bansal, A. Gupta, "Potential-function proofs for
gradient methods", Theory Comput. 2019, Thm 5.3; Y. Nesterov 1983). PEPit's value: 0.0 (its
docstring, MOSEK dual value).

With a reference value of 0 the comparison is absolute: ``ATOL``.
"""

from fractions import Fraction
from math import sqrt

import pep

REFERENCE = 0.0  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 0
PEPIT_CLARABEL = 0.0  # PEPit 0.5.1 run with Clarabel
PEPIT = "potential_functions/accelerated_gradient_method"
SOURCE = "PEPit wc_accelerated_gradient_method(L=1, gamma=1/L, lam=10.)"
ATOL = 1e-6  # the value is 0: compare absolutely


def build(L: Fraction = Fraction(1), lam: Fraction = Fraction(10)) -> pep.Problem:
    gamma = 1 / L
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=L))
    xs, fs = f.minimizer(), f.optimal_value()
    x, z = problem.point("x"), problem.point("z")
    lam_next = (1 + sqrt(4 * lam**2 + 1)) / 2
    tau, eta = 1 / lam_next, (lam_next**2 - lam**2) / L
    y = (1 - tau) * x + tau * z
    g = f.grad(y)
    z_next, x_next = z - eta * g, y - gamma * g
    before = lam**2 * (f(x) - fs) + L / 2 * pep.sqnorm(z - xs)
    after = lam_next**2 * (f(x_next) - fs) + L / 2 * pep.sqnorm(z_next - xs)
    problem.maximize(after - before)
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.3e}   PEPit: {REFERENCE}   ({result.label})")
