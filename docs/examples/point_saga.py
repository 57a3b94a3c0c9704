"""Point SAGA on a finite sum of smooth strongly convex functions: one step of its Lyapunov.

PEPit example ``wc_point_saga(L=1, mu=.01, n=10)`` (stochastic and randomized convex
minimization): F = (1/n) sum_i f_i, each f_i L-smooth mu-strongly convex, with stored
gradients phi_i. With gamma = sqrt((n - 1)^2 + 4nL/mu)/(2Ln) - (1 - 1/n)/(2L), one step with
index j (uniform) sets z = x_0 + gamma (phi_j - (1/n) sum_i phi_i), x_1 = prox_{gamma f_j}(z)
and replaces phi_j by (z - x_1)/gamma. Lyapunov function
V = ||x - x_*||^2 + c/n sum_i ||phi_i - grad f_i(x_*)||^2, c = 1/(mu L). Worst case of E V_1
(the average over j) when V_0 <= 1; upper bound 1/(1 + mu gamma) (A. Defazio, "A simple
practical accelerated method for finite sums", NIPS 2016, Thm 5). PEPit's value:
0.9714053958 (its docstring, MOSEK dual value).
"""

from fractions import Fraction
from math import sqrt

import pep

REFERENCE = 0.9714053957803594  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.9714054082843954  # PEPit 0.5.1 run with Clarabel
PEPIT = "stochastic_and_randomized_convex_minimization/point_saga"
SOURCE = "PEPit wc_point_saga(L=1, mu=.01, n=10)"


def build(L: Fraction = Fraction(1), mu: Fraction = Fraction(1, 100), n: int = 10) -> pep.Problem:
    gamma = sqrt((n - 1) ** 2 + 4 * n * L / mu) / (2 * L * n) - (1 - Fraction(1, n)) / (2 * L)
    c = 1 / (mu * L)
    problem = pep.Problem()
    fs = [problem.function(pep.SmoothStronglyConvex(L=L, mu=mu), name=f"f{i}") for i in range(n)]
    xs = (sum(fs) / n).minimizer()
    phi = [problem.point(f"phi{i}") for i in range(n)]
    x0 = problem.point("x0")
    gs = [f.grad(xs) for f in fs]
    stored = [c / n * pep.sqnorm(phi[i] - gs[i]) for i in range(n)]
    problem.assume(pep.sqnorm(x0 - xs) + sum(stored) <= 1)
    mean_phi = sum(phi) / n
    expected = []
    for j in range(n):
        x1, g1, _ = pep.proximal_step(x0 + gamma * (phi[j] - mean_phi), fs[j], gamma)
        new = c / n * pep.sqnorm(g1 - gs[j])
        expected.append(pep.sqnorm(x1 - xs) + sum(stored) - stored[j] + new)
    problem.maximize(sum(expected) / n)
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
