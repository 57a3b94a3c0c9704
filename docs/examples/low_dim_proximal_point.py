"""Low-dimensional worst case: the proximal point algorithm for a monotone inclusion.

PEPit example ``wc_proximal_point(alpha=2.2, n=11)`` (low-dimensional worst-case scenarios):
the problem of ``monotone_proximal_point.py`` with n = 11 (tight value
(1 - 1/n)^(n-1)/n = 0.0350494; G. Gu, J. Yang, SIAM J. Optim. 2020).
The value is the bound of the first solve. PEPit then looks for a low-rank worst case with the
trace heuristic, dimension 2; pep's trace heuristic stops at 3 (its objective slack, 1e-5
relative, is tighter than PEPit's 1e-4 absolute), one log-det step reaches 2 (``REDUCTION``,
run below and by tests/test_low_dimensional.py, see :mod:`pep.sdp.reduction`). PEPit's value:
0.0350493901 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.035049390116491635  # PEPit 0.5.1 docstring (MOSEK, dual); closed form (10/11)^10/11
PEPIT_CLARABEL = 0.03504938997587241  # PEPit 0.5.1 run with Clarabel
PEPIT = "low_dimensional_worst_cases_scenarios/proximal_point"
SOURCE = "PEPit wc_proximal_point(alpha=2.2, n=11) (low-dimensional worst cases)"
# the dimension reduction that reaches PEPIT_DIMENSION: keyword arguments of solve()
REDUCTION = {"dimension_reduction": "logdet1"}
PEPIT_DIMENSION = 2  # dimension of PEPit's low-rank worst case


def build(alpha: Fraction = Fraction(11, 5), n: int = 11) -> pep.Problem:
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
    result = build().solve(**REDUCTION)
    example = result.worst_case()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   example in R^{example.dimension}")
