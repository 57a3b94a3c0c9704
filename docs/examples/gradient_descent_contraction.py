"""Tutorial: the contraction factor of gradient descent on smooth strongly convex functions.

PEPit example ``wc_gradient_descent_contraction(L=1, mu=.1, gamma=1/L, n=1)`` (tutorials): two
runs of x_{t+1} = x_t - gamma grad f(x_t) from x_0 and y_0 on the same L-smooth mu-strongly
convex f. Worst case of ||x_n - y_n||^2 when ||x_0 - y_0|| <= 1; tight value
max{(1 - L gamma)^2, (1 - mu gamma)^2}^n = 0.81, attained on quadratics (the PEP uses no
minimizer at all). PEPit's value: 0.8100000036 (its docstring, MOSEK dual value).
"""

from fractions import Fraction

import pep

REFERENCE = 0.8100000036429309  # PEPit 0.5.1 docstring (MOSEK, dual); closed form 0.81
PEPIT_CLARABEL = 0.8100000058232638  # PEPit 0.5.1 run with Clarabel
PEPIT = "tutorials/gradient_descent_contraction"
SOURCE = "PEPit wc_gradient_descent_contraction(L=1, mu=0.1, gamma=1/L, n=1)"


def build(L: Fraction = Fraction(1), mu: Fraction = Fraction(1, 10), n: int = 1) -> pep.Problem:
    gamma = 1 / L
    problem = pep.Problem()
    f = problem.function(pep.SmoothStronglyConvex(L=L, mu=mu))
    x, y = problem.point("x0"), problem.point("y0")
    problem.assume(pep.sqnorm(x - y) <= 1)
    for _ in range(n):
        x, y = x - gamma * f.grad(x), y - gamma * f.grad(y)
    problem.maximize(pep.sqnorm(x - y))
    return problem


if __name__ == "__main__":
    result = build().solve()
    print(f"pep: {result.value:.9f}   PEPit: {REFERENCE:.9f}   ({result.label})")
