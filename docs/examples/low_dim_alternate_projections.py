"""Low-dimensional worst case: alternate projections onto two closed convex sets.

PEPit example ``wc_alternate_projections(n=10)`` (low-dimensional worst-case scenarios):
Q1, Q2 closed convex with a common point x_*; y_{t+1} = Proj_{Q1}(x_t),
x_{t+1} = Proj_{Q2}(y_{t+1}) (J. von Neumann 1949; PEP form: A. Taylor, J. Hendrickx,
F. Glineur, SIAM J. Optim. 2017). Worst case of ||Proj_{Q1}(x_n) - x_n||^2 when
||x_0 - x_*|| <= 1.
The value is the bound of the first solve. PEPit then looks for a low-rank worst case with its
log-det heuristic (one step), dimension 2; PEPit's call (one log-det step) reaches dimension 2
here as well (``REDUCTION``, run below and by tests/test_low_dimensional.py, see
:mod:`pep.sdp.reduction`). PEPit's value: 0.0188676801 (its docstring, MOSEK dual value).
"""

import pep

REFERENCE = 0.018867680108727337  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.01886768033791861  # PEPit 0.5.1 run with Clarabel
PEPIT = "low_dimensional_worst_cases_scenarios/alternate_projections"
SOURCE = "PEPit wc_alternate_projections(n=10)"
# the dimension reduction that reaches PEPIT_DIMENSION: keyword arguments of solve()
REDUCTION = {"dimension_reduction": "logdet1"}
PEPIT_DIMENSION = 2  # dimension of PEPit's low-rank worst case


def build(n: int = 10) -> pep.Problem:
    problem = pep.Problem()
    Q1 = problem.function(pep.ConvexIndicator(), name="Q1")
    Q2 = problem.function(pep.ConvexIndicator(), name="Q2")
    xs, x0 = (Q1 + Q2).minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    for _ in range(n):
        x = pep.projection(pep.projection(x, Q1), Q2)
    problem.maximize(pep.sqnorm(x - pep.projection(x, Q1)))
    return problem


if __name__ == "__main__":
    result = build().solve(**REDUCTION)
    example = result.worst_case()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   example in R^{example.dimension}")
