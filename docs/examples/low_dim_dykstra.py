"""Low-dimensional worst case: Dykstra's projection algorithm for two closed convex sets.

PEPit example ``wc_dykstra(n=10)`` (low-dimensional worst-case scenarios): Q1, Q2 closed
convex with a common point x_*; with p_0 = q_0 = 0, y_t = Proj_{Q1}(x_t + p_t),
p_{t+1} = x_t + p_t - y_t, x_{t+1} = Proj_{Q2}(y_t + q_t), q_{t+1} = y_t + q_t - x_{t+1}
(J. P. Boyle, R. L. Dykstra, Lecture Notes in Statistics 37, 1986). Worst case of
||Proj_{Q1}(x_n) - x_n||^2 when ||x_0 - x_*|| <= 1.
The value is the bound of the first solve. PEPit then looks for a low-rank worst case with its
log-det heuristic (one step), dimension 3; PEPit keeps the objective within 1e-4 absolute of
the bound (3.9e-3 relative here); with that slack pep's log-det heuristic reaches dimension 3
after five steps (eight are run). Within the default 1e-5 relative it stays at 4 (the
near-optimal points of dimension 3 lie further below the bound) (``REDUCTION``, run below and
by tests/test_low_dimensional.py, see :mod:`pep.sdp.reduction`). PEPit's value: 0.0257564553
(its docstring, MOSEK dual value).
"""

import pep

REFERENCE = 0.02575645525161499  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.02575643915834776  # PEPit 0.5.1 run with Clarabel
PEPIT = "low_dimensional_worst_cases_scenarios/dykstra"
SOURCE = "PEPit wc_dykstra(n=10)"
# the dimension reduction that reaches PEPIT_DIMENSION: keyword arguments of solve()
REDUCTION = {"dimension_reduction": "logdet8", "reduction_rtol": 4e-3}
PEPIT_DIMENSION = 3  # dimension of PEPit's low-rank worst case


def build(n: int = 10) -> pep.Problem:
    problem = pep.Problem()
    Q1 = problem.function(pep.ConvexIndicator(), name="Q1")
    Q2 = problem.function(pep.ConvexIndicator(), name="Q2")
    xs, x0 = (Q1 + Q2).minimizer(), problem.point("x0")
    problem.assume(pep.sqnorm(x0 - xs) <= 1)
    x = x0
    p = q = x0 - x0  # the zero vector
    for _ in range(n):
        y = pep.projection(x + p, Q1)
        p = x + p - y
        x = pep.projection(y + q, Q2)
        q = y + q - x
    problem.maximize(pep.sqnorm(x - pep.projection(x, Q1)))
    return problem


if __name__ == "__main__":
    result = build().solve(**REDUCTION)
    example = result.worst_case()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   example in R^{example.dimension}")
