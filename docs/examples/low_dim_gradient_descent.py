"""Low-dimensional worst case: gradient descent on smooth nonconvex functions.

PEPit example ``wc_gradient_descent(L=1, gamma=1, n=5)`` (low-dimensional worst-case
scenarios): the problem of ``nonconvex_gradient_descent.py`` (min_t ||grad f(x_t)||^2 when
f(x_0) - f(x_n) <= 1; tight value 4L/(3n) = 4/15, A. Taylor, PhD thesis 2017;
H. Abbaszadehpeivasti, E. de Klerk, M. Zamani, Optim. Lett. 2022).
The value is the bound of the first solve. PEPit then looks for a low-rank worst case with its
log-det heuristic (two steps), dimension 1; pep's log-det heuristic (five steps at most; it
stops at dimension 1) reaches 1 after three steps (two leave dimension 2) (``REDUCTION``, run
below and by tests/test_low_dimensional.py, see :mod:`pep.sdp.reduction`). PEPit's value:
0.2666666657 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.2666666657156721  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 4/15
PEPIT_CLARABEL = 0.2666666666896785  # PEPit 0.5.1 run with Clarabel
PEPIT = "low_dimensional_worst_cases_scenarios/gradient_descent"
SOURCE = "PEPit wc_gradient_descent(L=1, gamma=1, n=5) (low-dimensional worst cases)"
# the dimension reduction that reaches PEPIT_DIMENSION: keyword arguments of solve()
REDUCTION = {"dimension_reduction": "logdet"}
PEPIT_DIMENSION = 1  # dimension of PEPit's low-rank worst case


def build(L: Fraction = Fraction(1), gamma: Fraction = Fraction(1), n: int = 5) -> pep.Problem:
    problem = pep.Problem()
    f = problem.function(pep.Smooth(L=L))
    x0 = problem.point("x0")
    x = x0
    for t in range(n + 1):
        g = f.grad(x)
        problem.maximize(pep.sqnorm(g))  # several objectives: the worst case of their minimum
        if t < n:
            x = x - gamma * g
    problem.assume(f(x0) - f(x) <= 1)
    return problem


if __name__ == "__main__":
    result = build().solve(**REDUCTION)
    example = result.worst_case()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   example in R^{example.dimension}")
