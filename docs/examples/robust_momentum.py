"""The robust momentum method: one-step decrease of its Lyapunov function.

PEPit example ``wc_robust_momentum(mu=.1, L=1, lam=.2)`` (unconstrained convex
minimization): with kappa = L/mu, rho = lam (1 - 1/kappa) + (1 - lam)(1 - 1/sqrt(kappa)),
alpha = kappa (1 - rho)^2 (1 + rho)/L, beta = kappa rho^3/(kappa - 1),
gamma = rho^3/((kappa - 1)(1 - rho)^2 (1 + rho)):
x_{t+1} = x_t + beta (x_t - x_{t-1}) - alpha grad f(y_t), y_t = x_t + gamma (x_t - x_{t-1}).
Lyapunov function V_t = l ||z_t - x_*||^2 + q_t with z_t = (x_{t+1} - rho^2 x_t)/(1 - rho^2),
l = mu^2 (kappa - kappa rho^2 - 1)/(2 rho (1 - rho)) and
q_t = (L - mu)(f(y_t) - f_* - mu/2 ||y_t - x_*||^2) - ||grad f(y_t) - mu (y_t - x_*)||^2/2.
Worst case of V_1 when V_0 <= 1, from free x_0, x_1; the rate is rho^2 = 0.528555
(S. Cyrus, B. Hu, B. Van Scoy, L. Lessard, "A robust accelerated optimization algorithm for
strongly convex functions", ACC 2018, Thm 1). PEPit's value: 0.5285548475 (its docstring,
MOSEK dual value).
"""

from fractions import Fraction
from math import sqrt

import pep

REFERENCE = 0.5285548474761074  # PEPit 0.5.1 docstring (MOSEK, dual); closed form rho^2
PEPIT_CLARABEL = 0.5285548627828832  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/robust_momentum"
SOURCE = "PEPit wc_robust_momentum(mu=0.1, L=1, lam=0.2)"


def build(
    mu: Fraction = Fraction(1, 10), L: Fraction = Fraction(1), lam: Fraction = Fraction(1, 5)
) -> pep.Problem:
    kappa = L / mu
    rho = lam * (1 - 1 / kappa) + (1 - lam) * (1 - 1 / sqrt(kappa))
    alpha = kappa * (1 - rho) ** 2 * (1 + rho) / L
    beta = kappa * rho**3 / (kappa - 1)
    gamma = rho**3 / ((kappa - 1) * (1 - rho) ** 2 * (1 + rho))
    ell = mu**2 * (kappa - kappa * rho**2 - 1) / (2 * rho * (1 - rho))
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu))
    xs, fs = f.minimizer(), f.optimal_value()
    x0, x1 = problem.point("x0"), problem.point("x1")

    def q(y: pep.Point) -> pep.Scalar:
        g = f.grad(y)
        return (L - mu) * (f(y) - fs - mu / 2 * pep.sqnorm(y - xs)) - pep.sqnorm(
            g - mu * (y - xs)
        ) / 2

    y0 = x1 + gamma * (x1 - x0)
    x2 = x1 + beta * (x1 - x0) - alpha * f.grad(y0)
    y1 = x2 + gamma * (x2 - x1)
    x3 = x2 + beta * (x2 - x1) - alpha * f.grad(y1)
    z1 = (x2 - rho**2 * x1) / (1 - rho**2)
    z2 = (x3 - rho**2 * x2) / (1 - rho**2)
    problem.assume(ell * pep.sqnorm(z1 - xs) + q(y0) <= 1)
    problem.maximize(ell * pep.sqnorm(z2 - xs) + q(y1))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
