"""The epsilon-subgradient method.

PEPit example ``wc_epsilon_subgradient_method(M=2, n=6, gamma=1/sqrt(7), eps=.1, R=1)``:
x_{t+1} = x_t - gamma g_t with g_t an eps-subgradient of a convex f at x_t, ||g_t|| <= M.
Worst case of min_t f(x_t) - f_* when ||x_0 - x_*|| <= R; the bound of Millan and Machado
(2019, Lemma 2) is (R^2 + 2(n+1) gamma eps + (n+1) gamma^2 M^2) / (2 (n+1) gamma) = 1.04491.
PEPit's value: 1.0191560448 (PEPit 0.5.1's docstring, MOSEK dual value).
"""

from fractions import Fraction
from math import sqrt

import pep

REFERENCE = 1.0191560447564818  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 1.019156384500334  # PEPit 0.5.1 run with Clarabel
PEPIT = "unconstrained_convex_minimization/epsilon_subgradient_method"
SOURCE = "PEPit wc_epsilon_subgradient_method(M=2, n=6, gamma=1/sqrt(7), eps=.1, R=1)"


def build(
    M: Fraction = Fraction(2),
    n: int = 6,
    eps: Fraction = Fraction(1, 10),
    R: Fraction = Fraction(1),
) -> pep.Problem:
    gamma = 1 / sqrt(n + 1)
    problem = pep.Problem()
    f = problem.function(pep.Convex())
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= R**2)
    x = x0
    for _ in range(n):
        x, g, fx, epsilon = pep.epsilon_subgradient_step(x, f, gamma)
        problem.maximize(fx - f(xs))
        problem.assume(epsilon <= eps)
        problem.assume(pep.sqnorm(g) <= M**2)
    g, fx = f.oracle(x)
    problem.assume(pep.sqnorm(g) <= M**2)
    problem.maximize(fx - f(xs))  # several objectives: the worst case of their minimum
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
