"""Gradient descent with the silver step-size schedule on smooth strongly convex functions.

PEPit example ``wc_gradient_descent_silver_stepsize_strongly_convex(L=3.2, mu=.1, n=8)``
(unconstrained convex minimization): x_{t+1} = x_t - (h_{t+1}/L) grad f(x_t) with the
strongly convex silver schedule of length n = 2^k (J. M. Altschuler, P. A. Parrilo,
"Acceleration by stepsize hedging I: multi-step descent and the silver stepsize schedule",
2023): with kappa = L/mu, psi(t) = (1 + kappa t)/(1 + t), y_0 = z_0 = 1/kappa and
z_{j+1} = z_j (e + sqrt(1 + e^2)), y_{j+1} = z_j/(e + sqrt(1 + e^2)), e = 1 - z_j, the schedule
is built recursively: h^(0) = [psi(z_0)], h^(j+1) = [h^(j) minus its last step, psi(y_{j+1}),
h^(j) minus its last step, psi(z_{j+1})]. Worst case of ||x_n - x_*||^2 when
||x_0 - x_*|| <= 1; the rate of Thm 4.1 is ((1 - z_k)/(1 + z_k))^2 = 0.22145 here.
PEPit's value: 0.2214496833 (its docstring, MOSEK dual value).
"""

from fractions import Fraction
from math import sqrt

import pep

REFERENCE = 0.22144968332064066  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.22144968680377125  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/gradient_descent_silver_stepsize_strongly_convex"
SOURCE = "PEPit wc_gradient_descent_silver_stepsize_strongly_convex(L=3.2, mu=.1, n=8)"


def silver_steps(kappa: float, k: int) -> list[float]:
    """The 2^k silver steps (in units of 1/L) for condition number ``kappa``."""

    def psi(t: float) -> float:
        return (1 + kappa * t) / (1 + t)

    z = 1 / kappa
    steps = [psi(z)]
    for _ in range(k):
        e = 1 - z
        y, z = z / (e + sqrt(1 + e * e)), z * (e + sqrt(1 + e * e))
        head = steps[:-1]
        steps = [*head, psi(y), *head, psi(z)]
    return steps


def build(L: Fraction = Fraction(16, 5), mu: Fraction = Fraction(1, 10), n: int = 8) -> pep.Problem:
    k = n.bit_length() - 1
    assert 2**k == n, "this schedule is written for n a power of 2"
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for h in silver_steps(float(L / mu), k):
        x = x - h / L * f.grad(x)
    problem.maximize(pep.sqnorm(x - xs))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
