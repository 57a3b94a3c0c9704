"""Low-dimensional worst case: the Halpern iteration for a nonexpansive map.

PEPit example ``wc_halpern_iteration(n=10)`` (low-dimensional worst-case scenarios): the
problem of ``halpern_iteration.py`` (||x_n - T x_n||^2 when ||x_0 - x_*|| <= 1; tight value
(2/(n + 1))^2 = 4/121, F. Lieder, Optim. Lett. 2021).
The value is the bound of the first solve. PEPit then looks for a low-rank worst case with its
log-det heuristic (three steps), dimension 1; pep's log-det heuristic reaches 1 after five
steps (three leave dimension 2); ten are allowed, and it stops at dimension 1 (``REDUCTION``,
run below and by tests/test_low_dimensional.py, see :mod:`pep.sdp.reduction`). PEPit's value:
0.0330579139 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.03305791391665664  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 4/121
PEPIT_CLARABEL = 0.03305785531759651  # PEPit 0.5.1 run with Clarabel
PEPIT = "low_dimensional_worst_cases_scenarios/halpern_iteration"
SOURCE = "PEPit wc_halpern_iteration(n=10) (low-dimensional worst cases)"
# the dimension reduction that reaches PEPIT_DIMENSION: keyword arguments of solve()
REDUCTION = {"dimension_reduction": "logdet10"}
PEPIT_DIMENSION = 1  # dimension of PEPit's low-rank worst case


def build(n: int = 10) -> pep.Problem:
    problem = pep.Problem()
    T = problem.operator(pep.Lipschitz(L=1), name="T")
    xs, x0 = T.fixed_point(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for t in range(n):
        x = Fraction(1, t + 2) * x0 + (1 - Fraction(1, t + 2)) * T(x)
    problem.maximize(pep.sqnorm(x - T(x)))
    return problem


if __name__ == "__main__":
    result = build().solve(**REDUCTION)
    example = result.worst_case()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   example in R^{example.dimension}")
