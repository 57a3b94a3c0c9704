"""Low-dimensional worst case: the Frank-Wolfe method on a set of diameter D.

PEPit example ``wc_frank_wolfe(L=1, D=1, n=10)`` (low-dimensional worst-case scenarios): the
problem of ``frank_wolfe.py`` (f1 L-smooth convex, Q of diameter D, v_t from the linear
minimization oracle, x_{t+1} = t/(t + 2) x_t + 2/(t + 2) v_t; M. Frank, P. Wolfe 1956; M. Jaggi,
ICML 2013, bound 2 L D^2/(n + 2)).
The value is the bound of the first solve. PEPit then looks for a low-rank worst case with its
log-det heuristic (six steps), dimension 11; pep reaches dimension 11 after one log-det step
(``REDUCTION``, run below and by tests/test_low_dimensional.py, see :mod:`pep.sdp.reduction`).
PEPit's value: 0.0782895428 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.07828954275558239  # PEPit 0.5.1 docstring (MOSEK, dual)
PEPIT_CLARABEL = 0.0782895572581264  # PEPit 0.5.1 run with Clarabel
PEPIT = "low_dimensional_worst_cases_scenarios/frank_wolfe"
SOURCE = "PEPit wc_frank_wolfe(L=1, D=1, n=10) (low-dimensional worst cases)"
# the dimension reduction that reaches PEPIT_DIMENSION: keyword arguments of solve()
REDUCTION = {"dimension_reduction": "logdet1"}
PEPIT_DIMENSION = 11  # dimension of PEPit's low-rank worst case


def build(L: Fraction = Fraction(1), D: Fraction = Fraction(1), n: int = 10) -> pep.Problem:
    problem = pep.Problem()
    f1 = problem.function(pep.SmoothConvex(L=L), name="f1")
    ind = problem.function(pep.ConvexIndicator(D=D), name="ind")
    F = f1 + ind
    xs, x = F.minimizer(), problem.point("x0")
    ind(x)  # x0 is feasible
    for t in range(n):
        v, _, _ = pep.linear_optimization_step(f1.grad(x), ind)
        x = Fraction(t, t + 2) * x + Fraction(2, t + 2) * v
    problem.maximize(F(x) - F(xs))
    return problem


if __name__ == "__main__":
    result = build().solve(**REDUCTION)
    example = result.worst_case()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   example in R^{example.dimension}")
