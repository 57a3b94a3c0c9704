"""One step of stochastic gradient descent on a finite sum, bounded variance at the optimum.

PEPit example ``wc_sgd(L=1, mu=.1, gamma=.7, v=1, R=2, n=5)`` (stochastic and randomized
convex minimization): F = (1/n) sum_i f_i, each f_i L-smooth mu-strongly convex, with
(1/n) sum_i ||grad f_i(x_*)||^2 <= v^2; x_1 = x_0 - gamma grad f_i(x_0), i uniform. Worst case
of E ||x_1 - x_*||^2 when ||x_0 - x_*|| <= R; empirically tight value
(gamma (L - mu)/2 R + sqrt((1 - gamma (L + mu)/2)^2 R^2 + gamma^2 v^2))^2 = 4.183 (PESTO code,
A. Taylor, J. Hendrickx, F. Glineur, CDC 2017; B. Hu, P. Seiler, L. Lessard, Math. Program.
2020; A. Taylor, F. Bach, COLT 2019). PEPit's value: 4.1830003938 (its docstring, MOSEK).
"""

from fractions import Fraction

import pep

REFERENCE = 4.183000393816744  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 4.18300049368874  # PEPit 0.5.1 run with Clarabel
PEPIT = "stochastic_and_randomized_convex_minimization/sgd"
SOURCE = "PEPit wc_sgd(L=1, mu=0.1, gamma=.7, v=1, R=2, n=5)"


def build(
    L: Fraction = Fraction(1),
    mu: Fraction = Fraction(1, 10),
    gamma: Fraction = Fraction(7, 10),
    v: Fraction = Fraction(1),
    R: Fraction = Fraction(2),
    n: int = 5,
) -> pep.Problem:
    problem = pep.Problem()
    fs = [problem.function(pep.SmoothStronglyConvex(L=L, mu=mu), name=f"f{i}") for i in range(n)]
    xs, x0 = (sum(fs) / n).minimizer(), problem.point("x0")
    problem.assume(sum(pep.sqnorm(f.grad(xs)) for f in fs) / n <= v**2)
    problem.assume(pep.sqnorm(x0 - xs) <= R**2)
    problem.maximize(sum(pep.sqnorm(x0 - gamma * f.grad(x0) - xs) for f in fs) / n)
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
