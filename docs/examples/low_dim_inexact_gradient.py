"""Low-dimensional worst case: gradient descent with relatively inexact gradients.

PEPit example ``wc_inexact_gradient(L=1, mu=.1, epsilon=.1, n=6)`` (low-dimensional
worst-case scenarios): the method of ``inexact_gradient_descent.py`` with n = 6 (tight value
((L_eps - mu_eps)/(L_eps + mu_eps))^(2n) = (101/119)^12; E. de Klerk, F. Glineur, A. Taylor,
SIAM J. Optim. 2020).
The value is the bound of the first solve. PEPit then looks for a low-rank worst case with its
log-det heuristic (ten steps), dimension 1; pep's log-det heuristic reaches 1 after one step
(it stops there) (``REDUCTION``, run below and by tests/test_low_dimensional.py, see
:mod:`pep.sdp.reduction`). PEPit's value: 0.1397310094 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.1397310094213599  # PEPit 0.5.1 docstring (MOSEK, dual); closed form (101/119)^12
PEPIT_CLARABEL = None  # PEPit 0.5.1 with Clarabel fails in its log-det re-solve
PEPIT = "low_dimensional_worst_cases_scenarios/inexact_gradient"
SOURCE = "PEPit wc_inexact_gradient(L=1, mu=0.1, epsilon=0.1, n=6)"
# the dimension reduction that reaches PEPIT_DIMENSION: keyword arguments of solve()
REDUCTION = {"dimension_reduction": "logdet"}
PEPIT_DIMENSION = 1  # dimension of PEPit's low-rank worst case


def build(
    L: Fraction = Fraction(1),
    mu: Fraction = Fraction(1, 10),
    epsilon: Fraction = Fraction(1, 10),
    n: int = 6,
) -> pep.Problem:
    gamma = 2 / ((1 + epsilon) * L + (1 - epsilon) * mu)
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu))
    xs, x0 = f.minimizer(), problem.point("x0")
    problem.assume(f(x0) - f(xs) <= 1)
    x = x0
    for _ in range(n):
        x = x - gamma * pep.inexact_gradient(x, f, epsilon)
    problem.maximize(f(x) - f(xs))
    return problem


if __name__ == "__main__":
    result = build().solve(**REDUCTION)
    example = result.worst_case()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   example in R^{example.dimension}")
