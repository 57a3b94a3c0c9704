"""Kim's accelerated proximal point method for a maximally monotone operator.

PEPit example ``wc_accelerated_proximal_point(alpha=2, n=10)`` (monotone inclusions and
variational inequalities): find x_* with 0 in A(x_*), A maximally monotone.
x_{t+1} = J_{alpha A}(y_t), y_{t+1} = x_{t+1} + t/(t + 2)(x_{t+1} - x_t) - t/(t + 2)(x_t - y_{t-1}),
x_0 = y_0 = y_{-1}. Worst case of ||x_n - y_{n-1}||^2 when ||x_0 - x_*|| <= 1; tight value
1/n^2 = 0.01 (D. Kim, "Accelerated proximal point method for maximally monotone operators",
Math. Program. 2021, Thm 4.1). PEPit's value: 0.0100000279 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.01000002789002249  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 1/100
PEPIT_CLARABEL = 0.010000007172051508  # PEPit 0.5.1 run with Clarabel
PEPIT = "monotone_inclusions_variational_inequalities/accelerated_proximal_point"
SOURCE = "PEPit wc_accelerated_proximal_point(alpha=2, n=10) (monotone inclusions)"


def build(alpha: Fraction = Fraction(2), n: int = 10) -> pep.Problem:
    problem = pep.Problem()
    A = problem.operator(pep.Monotone(), name="A")
    xs, x0 = A.zero(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x, y_prev, y = x0, x0, x0
    for t in range(n - 1):
        x_new = pep.resolvent(A, y, alpha)
        y_new = x_new + Fraction(t, t + 2) * (x_new - x) - Fraction(t, t + 2) * (x - y_prev)
        x, y_prev, y = x_new, y, y_new
    problem.maximize(pep.sqnorm(pep.resolvent(A, y, alpha) - y))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
