"""The triple momentum method on smooth strongly convex functions.

PEPit example ``wc_triple_momentum(mu=.1, L=1, n=4)`` (unconstrained convex minimization):
with kappa = L/mu, rho = 1 - 1/sqrt(kappa), (alpha, beta, gamma, delta) =
((1 + rho)/L, rho^2/(2 - rho), rho^2/((1 + rho)(2 - rho)), rho^2/(1 - rho^2)) and
xi_{-1} = xi_0 = y_0 = x_0: xi_{t+1} = (1 + beta) xi_t - beta xi_{t-1} - alpha grad f(y_t),
y_{t+1} = (1 + gamma) xi_{t+1} - gamma xi_t, x_{t+1} = (1 + delta) xi_{t+1} - delta xi_t.
Worst case of f(x_n) - f_* when ||x_0 - x_*|| <= 1; the bound rho^(2n) L kappa/2 = 0.238925
(B. Van Scoy, R. A. Freeman, K. M. Lynch, "The fastest known globally convergent first-order
method for minimizing strongly convex functions", IEEE Control Syst. Lett. 2018, Thm 1).
PEPit's value: 0.2389250826 (its docstring, MOSEK dual value).
"""

from fractions import Fraction
from math import sqrt

import pep

REFERENCE = 0.23892508261738885  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.23892506134520147  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/triple_momentum"
SOURCE = "PEPit wc_triple_momentum(mu=0.1, L=1., n=4)"


def build(mu: Fraction = Fraction(1, 10), L: Fraction = Fraction(1), n: int = 4) -> pep.Problem:
    rho = 1 - 1 / sqrt(L / mu)
    alpha, beta = (1 + rho) / L, rho**2 / (2 - rho)
    gamma, delta = rho**2 / ((1 + rho) * (2 - rho)), rho**2 / (1 - rho**2)
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    xi_prev, xi, y = x0, x0, x0
    for _ in range(n):
        xi_next = (1 + beta) * xi - beta * xi_prev - alpha * f.grad(y)
        y = (1 + gamma) * xi_next - gamma * xi
        x = (1 + delta) * xi_next - delta * xi
        xi_prev, xi = xi, xi_next
    problem.maximize(f(x) - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
