"""Low-dimensional worst case: the optimized gradient method (OGM).

PEPit example ``wc_optimized_gradient(L=3, n=4)`` (low-dimensional worst-case scenarios): the
problem of ``optimized_gradient.py`` (tight value L/(2 theta_n^2); D. Kim, J. A. Fessler,
Math. Program. 2016; Y. Drori, J. Complexity 2017).
The value is the bound of the first solve. PEPit then looks for a low-rank worst case with the
trace heuristic, dimension 1; the same heuristic reaches dimension 1 in pep (``REDUCTION``, run
below and by tests/test_low_dimensional.py, see :mod:`pep.sdp.reduction`). PEPit's value:
0.0767518303 (its docstring, MOSEK dual value).
"""

from fractions import Fraction
from math import sqrt

import pep

REFERENCE = 0.07675183030228215  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.07675182859744932  # PEPit 0.5.1 run with Clarabel
PEPIT = "low_dimensional_worst_cases_scenarios/optimized_gradient"
SOURCE = "PEPit wc_optimized_gradient(L=3, n=4) (low-dimensional worst cases)"
# the dimension reduction that reaches PEPIT_DIMENSION: keyword arguments of solve()
REDUCTION = {"dimension_reduction": "trace"}
PEPIT_DIMENSION = 1  # dimension of PEPit's low-rank worst case


def build(L: Fraction = Fraction(3), n: int = 4) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.SmoothConvex(L=L))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    theta, x, y = 1.0, x0, x0
    for t in range(n):
        x_prev, x = x, y - f.grad(y) / L
        factor = 4 if t < n - 1 else 8
        theta_next = (1 + sqrt(factor * theta**2 + 1)) / 2
        y = x + (theta - 1) / theta_next * (x - x_prev) + theta / theta_next * (x - y)
        theta = theta_next
    problem.maximize(f(y) - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve(**REDUCTION)
    example = result.worst_case()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   example in R^{example.dimension}")
