"""The proximal point algorithm for a maximally monotone inclusion.

PEPit example ``wc_proximal_point(alpha=2, n=10)`` (monotone inclusions and variational
inequalities): x_{t+1} = J_{alpha A}(x_t), A maximally monotone. Worst case of
||x_n - x_{n-1}||^2 when ||x_0 - x_*|| <= 1; tight value (1 - 1/n)^(n-1)/n = 0.0387420
(G. Gu, J. Yang, "Tight sublinear convergence rate of the proximal point algorithm for maximal
monotone inclusion problems", SIAM J. Optim. 2020, Sec. 4). PEPit's value: 0.0387420489 (its
docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.03874204889858147  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 0.9^9/10
PEPIT_CLARABEL = 0.03874204906661205  # PEPit 0.5.1 run with Clarabel
PEPIT = "monotone_inclusions_variational_inequalities/proximal_point"
SOURCE = "PEPit wc_proximal_point(alpha=2, n=10) (monotone inclusions)"


def build(alpha: Fraction = Fraction(2), n: int = 10) -> pep.Problem:
    problem = pep.Problem()
    A = problem.operator(pep.Monotone(), name="A")
    xs, x0 = A.zero(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for _ in range(n):
        x_prev, x = x, pep.resolvent(A, x, alpha)
    problem.maximize(pep.sqnorm(x - x_prev))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
