"""One step of stochastic gradient descent when every f_i is minimized at x_* (zero variance).

PEPit example ``wc_sgd_overparametrized(L=1, mu=.1, gamma=2.3, n=5)`` (stochastic and
randomized convex minimization): F = (1/n) sum_i f_i, each f_i L-smooth mu-strongly convex
with grad f_i(x_*) = 0 for all i (variance zero at the optimum, imposed as
(1/n) sum_i ||grad f_i(x_*)||^2 <= 0); x_1 = x_0 - gamma grad f_i(x_0), i uniform. Worst case of
E ||x_1 - x_*||^2 when ||x_0 - x_*|| <= 1; empirically tight value
max(1 - gamma mu, L gamma - 1)^2 = 1.69 (PESTO code, A. Taylor, J. Hendrickx, F. Glineur,
CDC 2017). PEPit's value: 1.6900000230 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 1.690000022963016  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 1.69
PEPIT_CLARABEL = 1.689999976552364  # PEPit 0.5.1 run with Clarabel
PEPIT = "stochastic_and_randomized_convex_minimization/sgd_overparametrized"
SOURCE = "PEPit wc_sgd_overparametrized(L=1, mu=0.1, gamma=2.3, n=5)"


def build(
    L: Fraction = Fraction(1),
    mu: Fraction = Fraction(1, 10),
    gamma: Fraction = Fraction(23, 10),
    n: int = 5,
) -> pep.Problem:
    problem = pep.Problem()
    fs = [problem.function(pep.SmoothStronglyConvex(L=L, mu=mu), name=f"f{i}") for i in range(n)]
    xs, x0 = (sum(fs) / n).minimizer(), problem.point("x0")
    problem.assume(sum(pep.sqnorm(f.grad(xs)) for f in fs) / n <= 0)
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    problem.maximize(sum(pep.sqnorm(x0 - gamma * f.grad(x0) - xs) for f in fs) / n)
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
